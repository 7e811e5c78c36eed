"""structure(data, T) is typed T: a type checker sees what comes back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from typing import assert_type

from partnerrules import Money
from partnerrules.convert import structure


def test_structure_returns_the_type_it_was_asked_for():
    money = structure({"amount": "1", "currency": "BRL"}, Money)
    assert_type(money, Money)
    amounts = structure(["1", "2.5"], tuple[Decimal, ...])
    assert_type(amounts, tuple[Decimal, ...])
    assert amounts == (Decimal(1), Decimal("2.5"))


def test_mypy_infers_the_type_and_flags_a_mismatch(tmp_path):
    """The old signature returned Never, so mypy accepted any assignment."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        textwrap.dedent(
            """
            from typing import assert_type
            from partnerrules.commission import TierSchedule
            from partnerrules.convert import structure
            from partnerrules.money import Money

            data: object = {}
            assert_type(structure(data, Money), Money)
            assert_type(structure(data, tuple[Money, ...]), tuple[Money, ...])
            schedule: TierSchedule = structure(data, TierSchedule)
            wrong: Money = structure(data, TierSchedule)
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(snippet),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert "snippet.py:11: error: Incompatible types in assignment" in errors[0]
    assert 'expression has type "TierSchedule", variable has type "Money"' in errors[0]
