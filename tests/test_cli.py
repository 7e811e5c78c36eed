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
