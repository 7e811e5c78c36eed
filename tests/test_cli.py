"""The partnerrules command line runs the library's real rules."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from partnerrules.catalogue import RULES, SOURCES, implementations
from partnerrules.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_catalogue_lists_every_rule_and_counts_the_implemented_ones():
    code, text = run("catalogue")
    assert code == 0
    for r in RULES:
        assert r.id in text
    done = sum(1 for names in implementations().values() if names)
    assert text.rstrip().endswith(f"{done}/{len(RULES)} rules implemented")
    assert "money.Money" in text


def test_catalogue_is_a_table_with_a_header_and_whole_sources():
    _, text = run("catalogue")
    lines = text.splitlines()
    assert lines[0].split() == ["RULE", "SOURCE", "APPLIED", "BY", "(in", "partnerrules)"]
    column = lines[0].index("SOURCE")
    body = "\n".join(lines)
    for r in RULES:
        # a long section wraps inside its column: every word of it is printed
        row = next(i for i, line in enumerate(lines) if line.startswith(r.id + " "))
        cell = []
        for line in lines[row:]:
            if line[:column].strip() not in ("", r.id):
                break
            cell.append(line[column : lines[0].index("APPLIED")].strip())
        assert " ".join(c for c in cell if c) == f"{r.document} {r.section}"
    for key, name in SOURCES.items():
        assert f"  {key:<4}  {name}" in body
    assert max(len(line) for line in lines) <= 130


def test_catalogue_json_has_every_rule_with_its_source_statement_and_functions():
    import json

    code, text = run("catalogue", "--json")
    assert code == 0
    data = json.loads(text)
    found = implementations()
    assert [row["id"] for row in data["rules"]] == [r.id for r in RULES]
    for row, r in zip(data["rules"], RULES, strict=True):
        assert row == {
            "id": r.id,
            "document": r.document,
            "source": r.source,
            "section": r.section,
            "statement": r.statement,
            "module": f"partnerrules.{r.module}",
            "decisive": r.decisive,
            "implemented_by": list(found[r.id]),
        }
    assert data["total"] == len(RULES)
    assert data["implemented"] == sum(1 for names in found.values() if names)
    _, missing = run("catalogue", "--json", "--missing")
    assert all(not row["implemented_by"] for row in json.loads(missing)["rules"])


def test_catalogue_filters_implemented_and_missing_rules():
    _, implemented = run("catalogue", "--implemented")
    _, missing = run("catalogue", "--missing")
    assert "money.brl.exact" in implemented
    assert "money.brl.exact " not in missing
    assert "(not yet)" not in implemented


@pytest.mark.rule("money.brl.exact")
def test_split_prints_parts_that_sum_to_the_whole():
    """money.brl.exact: the CLI split loses no centavo."""
    code, text = run("split", "100", "3", "--locale", "en_US")
    assert code == 0
    assert text.splitlines() == ["  1  R$33.34", "  2  R$33.33", "  3  R$33.33", "sum  R$100.00"]


def test_allocate_splits_by_ratios():
    code, text = run("allocate", "0.05", "70", "30")
    assert code == 0
    assert text.splitlines()[:2] == ["  1  R$\xa00,04", "  2  R$\xa00,01"]


def test_bad_input_exits_2_with_the_library_message(capsys):
    assert run("split", "1.005", "2")[0] == 2
    assert "'amount' must be a multiple of 0.01 BRL (got '1.005')" in capsys.readouterr().err
    assert run("allocate", "1", "-1", "2")[0] == 2
    assert "'ratios[0]' must be a number >= 0 (got '-1')" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "partnerrules", "split", "10", "4", "--locale", "en_US"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "sum  R$10.00"


PORTFOLIO = {
    "as_of": "2026-07-01",
    "contracts": [
        {"id": "C-1", "customer": "ACME", "start": "2026-01-01", "months": 12,
         "monthly": {"amount": "10000", "currency": "BRL"}},
        {"id": "C-2", "customer": "Beta Ltda", "start": "2026-03-15", "months": 24,
         "monthly": {"amount": "2500.50", "currency": "BRL"}, "discount": "0.1"},
    ],
}  # fmt: skip


def write(tmp_path, data) -> str:
    import json

    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_portfolio_quotes_every_contract_with_reasons(tmp_path):
    """omid.contract.cancellation_fee: the POLICIES example, run from a portfolio file."""
    code, text = run("portfolio", write(tmp_path, PORTFOLIO), "--locale", "en_US")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == (
        "C-1  ACME  ends 2027-01-01  TCV R$120,000.00  remaining R$60,000.00  fee R$30,000.00"
    )
    assert any("the fee is 50% of the remaining value" in line for line in lines)
    assert lines[-1].startswith("2 contracts; fees if all cancelled on 2026-07-01: R$")


def test_portfolio_json_output_is_plain_data_another_system_can_read(tmp_path):
    import json

    code, text = run("portfolio", write(tmp_path, PORTFOLIO), "--json")
    assert code == 0
    data = json.loads(text)
    first = data["quotes"][0]
    assert first["fee"] == {"amount": "30000.00", "currency": "BRL"}
    assert first["remaining"] == {"amount": "60000.00", "currency": "BRL"}
    assert first["end"] == "2027-01-01"
    assert first["customer"] == "ACME"
    assert first["tcv"] == {"amount": "120000.00", "currency": "BRL"}
    assert data["total_fee"]["currency"] == "BRL"


def test_portfolio_json_keeps_the_rule_id_and_facts_of_every_reason(tmp_path):
    import json

    from partnerrules.catalogue import rule_ids

    _, text = run("portfolio", write(tmp_path, PORTFOLIO), "--json", "--locale", "en_US")
    quotes = json.loads(text)["quotes"]
    reasons = [reason for quote in quotes for reason in quote["reasons"]]
    assert len(reasons) == 4
    assert all(reason["rule_id"] in rule_ids() for reason in reasons)
    fee = quotes[0]["reasons"][1]
    assert fee["rule_id"] == "omid.contract.cancellation_fee"
    assert fee["text"].startswith("the fee is 50% of the remaining value: R$30,000.00")
    assert fee["facts"]["fee"] == {"amount": "30000.00", "currency": "BRL"}
    assert "{fee}" in fee["template"]


def test_portfolio_reads_toml_and_standard_input(tmp_path, monkeypatch):
    import io
    import json

    toml = tmp_path / "portfolio.toml"
    toml.write_text(
        'as_of = 2026-07-01\n[[contracts]]\nid = "C-1"\ncustomer = "ACME"\nstart = 2026-01-01\n'
        'months = 12\nmonthly = { amount = "10000", currency = "BRL" }\n',
        encoding="utf-8",
    )
    code, text = run("portfolio", str(toml), "--locale", "en_US")
    assert code == 0
    assert text.splitlines()[0].startswith("C-1  ACME  ends 2027-01-01")
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(PORTFOLIO).encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, text = run("portfolio", "-", "--locale", "pt-BR")
    assert code == 0
    assert text.splitlines()[-1].startswith("2 contracts; fees if all cancelled on 2026-07-01: R$")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"as_of": "2026-07-01", "contracts": [dict(PORTFOLIO["contracts"][0], monthly={"amount": 1.5, "currency": "BRL"})]},
         r"'amount' must be a decimal string .* \(got float 1.5\).* @ \$.contracts\[0\].monthly.amount$"),
        ({"as_of": "2026-07-01", "contracts": [dict(PORTFOLIO["contracts"][0], months=0)]},
         r"'months' must be an integer >= 1 \(got 0\) @ \$.contracts\[0\].months$"),
        ({"as_of": "2026-07-01", "contracts": [dict(PORTFOLIO["contracts"][0], months=12.5)]},
         r"'months' must be an integer \(got float 12.5\) @ \$.contracts\[0\].months$"),
        ({"as_of": "July", "contracts": []}, r"'as_of' must be an ISO date such as '2026-11-23' \(got 'July'\) @ \$.as_of$"),
        ({"as_of": "2026-07-01", "contracts": [], "extra": 1}, r"'extra' is not a field of Portfolio"),
        ({"contracts": []}, r"'as_of' is missing \(a required field of Portfolio\) @ \$.as_of$"),
        ({"as_of": "2026-07-01", "contracts": PORTFOLIO["contracts"] + [PORTFOLIO["contracts"][0]]},
         r"'contracts\[2\].id' must be an id no other contract of the portfolio has \(got 'C-1'\); "
         r"contracts\[0\] has it already @ \$.contracts\[2\].id$"),
        ([1, 2], r"portfolio.json: not a portfolio: expected an object with 'as_of' and 'contracts'$"),
    ],
)  # fmt: skip
def test_a_bad_portfolio_exits_2_naming_the_file_and_the_field(tmp_path, capsys, data, message):
    import re

    assert run("portfolio", write(tmp_path, data))[0] == 2
    err = capsys.readouterr().err
    assert err.startswith(f"partnerrules: error: {tmp_path / 'portfolio.json'}: ")
    assert err.count("\n") == 1
    assert re.search(message, err.rstrip("\n")), err


def test_every_problem_of_a_portfolio_is_reported_at_once(tmp_path, capsys):
    contracts = [dict(PORTFOLIO["contracts"][0], months=1.5),
                 dict(PORTFOLIO["contracts"][1], start="soon", discount=0.1)]  # fmt: skip
    assert (
        run("portfolio", write(tmp_path, {"as_of": "2026-07-01", "contracts": contracts}))[0] == 2
    )
    err = capsys.readouterr().err
    assert ": 3 problems: " in err
    for path in ("$.contracts[0].months", "$.contracts[1].start", "$.contracts[1].discount"):
        assert f"@ {path}" in err


def test_a_missing_or_broken_file_is_a_clear_error(tmp_path, capsys):
    missing = tmp_path / "nope.json"
    assert run("portfolio", str(missing))[0] == 2
    assert (
        capsys.readouterr().err
        == f"partnerrules: error: {missing}: cannot read it (No such file or directory)\n"
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert run("portfolio", str(broken))[0] == 2
    assert capsys.readouterr().err.startswith(
        f"partnerrules: error: {broken}: not valid JSON (Expecting property name"
    )


@pytest.mark.rule("zoho.escalation.directory")
def test_escalation_prints_the_ordered_path_of_a_country():
    """zoho.escalation.directory: Canada escalates through North America to its own manager."""
    code, text = run("escalation", "CA")
    assert code == 0
    lines = text.splitlines()
    assert lines[0].startswith("1. Deepak <deepak.b@zohocorp.com>")
    assert lines[2].startswith("3. Kevin <kevin@zohocorp.com>")


def test_escalation_of_an_unknown_country_suggests_codes(capsys):
    assert run("escalation", "UK")[0] == 2
    assert "did you mean 'GB'" in capsys.readouterr().err


def test_cnpj_validates_and_names_the_failed_check(capsys):
    code, text = run("cnpj", "11222333000181")
    assert code == 0
    assert text == "11.222.333/0001-81  valid numeric CNPJ, company root 11222333\n"
    assert run("cnpj", "11.222.333/0001-82")[0] == 2
    assert "second check digit" in capsys.readouterr().err
