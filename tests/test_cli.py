"""The partnerrules command line runs the library's real rules."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from partnerrules.catalogue import RULES, implementations
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
    assert "partnerrules.money.Money" in text


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
    assert first["reasons"][1].startswith("the fee is 50% of the remaining value: R$\xa030.000,00")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"as_of": "2026-07-01", "contracts": [dict(PORTFOLIO["contracts"][0], monthly={"amount": 1.5, "currency": "BRL"})]},
         r"'value' must be a str, int or Decimal \(got float 1.5\).* @ \$.contracts\[0\].monthly.amount"),
        ({"as_of": "2026-07-01", "contracts": [dict(PORTFOLIO["contracts"][0], months=0)]},
         r"'months' must be an integer >= 1 \(got 0\)"),
        ({"as_of": "July", "contracts": []}, r"'date' must be an ISO date such as '2026-11-23' \(got 'July'\) @ \$.as_of"),
        ([1, 2], r"'file' must be a JSON object with 'as_of' and 'contracts'"),
    ],
)  # fmt: skip
def test_a_bad_portfolio_exits_2_naming_the_field(tmp_path, capsys, data, message):
    import re

    assert run("portfolio", write(tmp_path, data))[0] == 2
    assert re.search(message, capsys.readouterr().err)


def test_a_missing_or_broken_file_is_a_clear_error(tmp_path, capsys):
    assert run("portfolio", str(tmp_path / "nope.json"))[0] == 2
    assert "'file' must be a readable file (No such file or directory)" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert run("portfolio", str(broken))[0] == 2
    assert "'file' must be a JSON document (Expecting property name" in capsys.readouterr().err


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
