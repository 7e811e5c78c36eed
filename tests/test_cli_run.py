"""``partnerrules run`` evaluates a whole portfolio with the library's real rules."""

from __future__ import annotations

import io
import json

import pytest

from partnerrules.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


SECTIONS = ("contracts", "commission", "tickets", "deals", "opportunities")

PORTFOLIO = {
    "as_of": "2026-07-01",
    "at": "2026-07-01T10:00:00-03:00",
    "contracts": [
        {
            "id": "C-1",
            "customer": "ACME",
            "start": "2026-01-01",
            "months": 12,
            "monthly": {"amount": "10000", "currency": "BRL"},
        }
    ],
    "tickets": [
        {
            "id": "T-1",
            "opened_at": "2026-07-01T08:30:00-03:00",
            "severity": 1,
            "category": "downtime",
            "level": "Premium",
            "country": "BR",
        }
    ],
}


def test_run_with_no_file_reports_every_section_of_the_shipped_sample():
    code, text = run("run", "--locale", "en_US")
    assert code == 0
    for title in (
        "== Cancellation quotes on 2026-07-01 ==",
        "== Commission statements from 2026-01-01 to 2026-07-01 (exclusive) ==",
        "== SLA status at 2026-07-01T10:00:00-03:00 ==",
        "== Deal protection at 2026-07-01T10:00:00-03:00 ==",
        "== ACE readiness at 2026-07-01T10:00:00-03:00 ==",
    ):
        assert title in text
    for header in ("CONTRACT  CUSTOMER", "PARTNER", "TICKET  SEV", "DEAL", "OPPORTUNITY"):
        assert header in text
    for rule_id in (
        "omid.contract.cancellation_fee",
        "omid.campaign.first_sale_diamond",
        "omid.commission.paid_on_collection",
        "zoho.sla.matrix",
        "mcs.deal.protection",
        "aws.ace.readiness",
    ):
        assert f"[{rule_id}] " in text
    assert "the fee is 50% of the remaining value: R$30,000.00" in text
    assert text.rstrip().endswith(
        "14 decisions (contracts 2, commission 5, tickets 3, deals 2, opportunities 2)"
    )


def test_run_on_a_file_reports_only_the_kinds_it_holds(tmp_path):
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(PORTFOLIO), encoding="utf-8")
    code, text = run("run", str(path), "--locale", "en_US")
    assert code == 0
    assert "== Cancellation quotes on 2026-07-01 ==" in text
    assert "== SLA status at 2026-07-01T10:00:00-03:00 ==" in text
    assert "Commission" not in text
    assert "Deal protection" not in text
    assert "T-1     1    Premium  at risk         2026-07-01T11:30-03:00" in text


def test_run_at_overrides_the_portfolio_instant(tmp_path):
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(PORTFOLIO), encoding="utf-8")
    code, text = run("run", str(path), "--at", "2026-07-01T12:00:00-03:00", "--locale", "en_US")
    assert code == 0
    assert "== SLA status at 2026-07-01T12:00:00-03:00 ==" in text
    assert "breached" in text


def test_run_reads_toml_too(tmp_path):
    path = tmp_path / "portfolio.toml"
    path.write_text(
        'as_of = 2026-07-01\n\n[[contracts]]\nid = "C-1"\ncustomer = "ACME"\n'
        'start = 2026-01-01\nmonths = 12\nmonthly = { amount = "10000", currency = "BRL" }\n',
        encoding="utf-8",
    )
    code, text = run("run", str(path), "--locale", "en_US")
    assert code == 0
    assert "C-1       ACME      2027-01-01  R$120,000.00" in text
    assert text.rstrip().endswith("1 decision (contracts 1)")


def test_run_json_is_valid_and_every_decision_has_its_rule_ids_and_typed_facts():
    code, text = run("run", "--json", "--locale", "en_US")
    assert code == 0
    document = json.loads(text)
    assert document["as_of"] == "2026-07-01"
    assert document["at"] == "2026-07-01T10:00:00-03:00"
    assert tuple(document["sections"]) == SECTIONS
    for rows in document["sections"].values():
        assert rows
        for row in rows:
            assert row["rule_ids"]
            assert row["reasons"]
            for reason in row["reasons"]:
                assert reason["rule_id"] in row["rule_ids"]
                assert {"template", "facts", "text"} <= set(reason)
    quote = document["sections"]["contracts"][0]
    assert quote["fee"] == {"amount": "30000.00", "currency": "BRL"}
    assert quote["reasons"][1]["facts"]["fee_rate"] == "0.5"
    deal = document["sections"]["deals"][1]
    assert (deal["deal_id"], deal["state"]) == ("D-72", "lapsable")


def test_run_in_portuguese_prints_portuguese_sentences():
    code, text = run("run", "--locale", "pt_BR")
    assert code == 0
    assert "a multa é 50% do valor restante: R$\xa030.000,00" in text
    assert "ainda está pendente" in text
    assert "the fee is" not in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"as_of": "2026-07-01", "tickets": [{"id": "T-1"}]}', "@ $.tickets[0]"),
        ('{"as_of": "2026-07-01", "at": "2026-07-01T10:00:00"}', "@ $.at"),
        (
            '{"as_of": "2026-07-01", "opportunities": [{"opportunity_id": "O-1", '
            '"customer": {"name": "X"}, "project": "P", "status": "active"}]}',
            "min_description_length",
        ),
    ],
)
def test_a_bad_portfolio_fails_with_status_2_and_one_line(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, text = run("run", str(path))
    assert code == 2
    assert text == ""
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("partnerrules: error: ")
    assert expected in err
    assert "Traceback" not in err


def test_a_missing_file_and_a_naive_at_fail_with_one_line(tmp_path, capsys):
    assert run("run", str(tmp_path / "missing.json"))[0] == 2
    assert "cannot read it" in capsys.readouterr().err
    assert run("run", "--at", "2026-07-01T10:00:00")[0] == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "has no time zone" in err


def test_no_progress_output_when_stderr_is_not_a_terminal(capsys):
    code = main(["run"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "\r" not in captured.out
    assert "\x1b" not in captured.out
    assert "━" not in captured.out


def test_the_progress_bar_shows_on_a_terminal_only():
    from partnerrules import _report

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with _report.progress(3, stream=stream) as tick:
            for _ in range(3):
                tick()
    assert pipe.getvalue() == ""
    assert terminal.getvalue() != ""


def test_an_item_a_rule_refuses_stops_the_run_with_its_path(tmp_path, capsys):
    registration = {
        "deal_id": "D-1",
        "customer": {"name": "X"},
        "partner": "p",
        "registered_at": "2026-03-01T10:00:00-03:00",
        "bdm": "b",
    }
    path = tmp_path / "early.json"
    path.write_text(json.dumps({"as_of": "2026-07-01", "deals": [registration]}))
    code, text = run("run", str(path), "--at", "2026-01-01T00:00:00+00:00")
    assert code == 2
    assert text == ""
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot evaluate deals 'D-1'" in err
    assert err.rstrip().endswith("@ $.deals[0]")


def test_without_at_the_instant_is_midnight_of_as_of_in_sao_paulo(tmp_path):
    portfolio = dict(PORTFOLIO)
    del portfolio["at"]
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(portfolio), encoding="utf-8")
    code, text = run("run", str(path), "--json")
    assert code == 0
    assert json.loads(text)["at"] == "2026-07-01T00:00:00-03:00"


def test_the_shipped_sample_round_trips_through_the_strict_loader():
    from partnerrules.cli import Portfolio, _read_portfolio
    from partnerrules.convert import structure, unstructure

    sample = _read_portfolio(None)
    assert all((sample.contracts, sample.sales, sample.payments, sample.tickets, sample.deals))
    assert sample.opportunities
    assert sample.at is not None
    plain = json.loads(json.dumps(unstructure(sample)))
    assert structure(plain, Portfolio) == sample
