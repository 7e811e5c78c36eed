"""The CNPJ error's message is always built, whatever it is given (issue #12, API fuzz)."""

from __future__ import annotations

import pytest

from partnerrules.identity import CnpjError

pytestmark = pytest.mark.rule("mcs.deal.protection")


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("the caller's own bug")


def test_a_cnpj_error_shows_a_check_and_hint_it_cannot_format_safely() -> None:
    error = CnpjError("cnpj", "1", Unprintable(), "14 characters", 10**5000)  # type: ignore[arg-type]
    assert str(error) == (
        "'cnpj' must be 14 characters (got '1'); "
        "<unprintable Unprintable> check failed: <int with 5001 digits>"
    )
    assert isinstance(error.check, Unprintable)


def test_a_cnpj_error_keeps_its_plain_wording() -> None:
    error = CnpjError("cnpj", "1", "length", "14 characters", "it has 1")
    assert str(error) == "'cnpj' must be 14 characters (got '1'); length check failed: it has 1"
