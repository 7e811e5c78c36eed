"""Typed errors at the deals boundary, found by the API fuzz (tests/test_fuzz_api.py).

A vocabulary looked up by a value that cannot be hashed or printed, and
iterables that never end or fail to iterate, give a PartnerRulesError naming
the field, showing the value and saying what is allowed (issue #12).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from partnerrules import deals
from partnerrules.errors import InvalidTypeError, InvalidValueError

pytestmark = pytest.mark.rule("mcs.partner.kinds")

AT = dt.datetime(2026, 1, 10, 9, tzinfo=ZoneInfo("America/Sao_Paulo"))


class Unusable:
    """A caller's object whose hashing, printing and iteration all fail."""

    def __hash__(self) -> int:
        raise RuntimeError("the caller's own bug")

    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")


def test_a_vocabulary_refuses_a_value_it_cannot_hash_or_print() -> None:
    with pytest.raises(InvalidValueError) as caught:
        deals.PartnerKind(Unusable())
    assert str(caught.value) == (
        "'PartnerKind' must be one of 'software_maker', 'integrator', 'distributor', "
        "'consulting' (got <unprintable Unusable>)"
    )
    assert deals.PartnerKind(deals.PartnerKind.INTEGRATOR) is deals.PartnerKind.INTEGRATOR


@pytest.mark.rule("mcs.deal.protection")
def test_registrations_that_never_end_are_refused_after_the_bound() -> None:
    with pytest.raises(InvalidValueError) as caught:
        deals.resolve_conflict(itertools.repeat(None), at=AT)  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "'registrations' must be an iterable of at most 1000000 items (got repeat(None))"
    )
    assert str(caught.value).endswith("; it has more (or never ends)")


@pytest.mark.rule("mcs.marketplace.listing")
def test_steps_that_fail_to_iterate_are_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        deals.ListingSteps(Unusable())
    assert str(caught.value) == (
        "'steps' must be a sequence of 2-tuples (got Unusable <unprintable Unusable>); "
        "iterating it raised RuntimeError"
    )
    assert isinstance(caught.value.__cause__, RuntimeError)
