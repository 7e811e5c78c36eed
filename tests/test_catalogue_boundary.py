"""Typed errors at the catalogue boundary, found by the API fuzz (tests/test_fuzz_api.py)."""

from __future__ import annotations

import pytest

from partnerrules import catalogue
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError


class Unusable:
    """A caller's object whose hashing, comparison and printing fail."""

    def __hash__(self) -> int:
        raise RuntimeError("the caller's own bug")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("the caller's own bug")

    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")


def test_a_rule_checks_its_id_and_texts() -> None:
    with pytest.raises(InvalidValueError) as caught:
        catalogue.Rule("Acme rule", "Acme guide", "§1", "A rule.", "sla")
    assert str(caught.value) == (
        "'id' must be a dotted lower-case id of at least two parts, such as "
        "'acme.sla.first_response' (got 'Acme rule')"
    )
    with pytest.raises(InvalidTypeError) as caught_type:
        catalogue.Rule("acme.rule", [], "§1", "A rule.", "sla")  # type: ignore[arg-type]
    assert str(caught_type.value) == "'document' must be a str (got list [])"


def test_a_rule_looked_up_by_a_value_that_is_not_a_str_is_unknown() -> None:
    with pytest.raises(UnknownKeyError) as caught:
        catalogue.rule(Unusable())  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"unknown rule_id <unprintable Unusable>: {len(catalogue.RULES)} known values"
    )
