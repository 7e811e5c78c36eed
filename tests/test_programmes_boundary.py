"""Typed errors at the programmes boundary, found by the API fuzz (tests/test_fuzz_api.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from partnerrules.catalogue import Rule
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.programmes import Programme, catalogue_of

RULE = Rule("acme.rule", "Acme guide", "§1", "A rule of our own.", "sla")
ACME = Programme("acme", "Acme", "Acme guide", (RULE,))


class Unusable:
    """A caller's object whose comparison, printing and iteration fail."""

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("the caller's own bug")

    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")


def test_rules_that_fail_to_iterate_are_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Programme("acme", "Acme", "Acme guide", Unusable())
    assert str(caught.value) == (
        "'rules' must be an iterable of Rule (got Unusable <unprintable Unusable>); "
        "iterating it raised RuntimeError"
    )


def test_programmes_that_never_end_are_refused_after_the_bound() -> None:
    with pytest.raises(InvalidValueError) as caught:
        catalogue_of(itertools.repeat(ACME))
    assert str(caught.value).startswith("'programmes' must be an iterable of at most 1000000")


def test_a_rule_looked_up_by_a_value_that_is_not_a_str_is_unknown() -> None:
    with pytest.raises(UnknownKeyError) as caught:
        ACME.rule(Unusable())  # type: ignore[arg-type]
    assert str(caught.value) == "unknown rule_id <unprintable Unusable>: known: 'acme.rule'"
    assert ACME.rule("acme.rule") is RULE
