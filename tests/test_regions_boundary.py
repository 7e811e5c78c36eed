"""Typed errors at the regions boundary, found by the API fuzz (tests/test_fuzz_api.py).

A vocabulary looked up by a value that cannot be hashed or printed, and
iterables that never end or fail to iterate, give a PartnerRulesError naming
the field, showing the value and saying what is allowed (issue #12).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from partnerrules import regions
from partnerrules.errors import InvalidTypeError, InvalidValueError

pytestmark = pytest.mark.rule("zoho.escalation.directory")


class Unusable:
    """A caller's object whose hashing, printing and iteration all fail."""

    def __hash__(self) -> int:
        raise RuntimeError("the caller's own bug")

    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")


def test_a_region_refuses_a_value_it_cannot_hash_or_print() -> None:
    with pytest.raises(InvalidValueError) as caught:
        regions.Region(Unusable())
    assert str(caught.value).startswith("'Region' must be one of 'ANZ', 'APAC & Japan', ")
    assert str(caught.value).endswith(" (got <unprintable Unusable>)")


def test_countries_that_never_end_are_refused_after_the_bound() -> None:
    with pytest.raises(InvalidValueError) as caught:
        regions.Subregion("Pacific", itertools.count())
    assert str(caught.value) == (
        "'countries' must be an iterable of at most 1000000 items (got count(1000001)); "
        "it has more (or never ends)"
    )


def test_a_directory_that_fails_to_iterate_is_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        regions.EscalationDirectory(Unusable())
    assert str(caught.value) == (
        "'regions' must be a tuple or list of RegionalEscalation "
        "(got Unusable <unprintable Unusable>); iterating it raised RuntimeError"
    )
