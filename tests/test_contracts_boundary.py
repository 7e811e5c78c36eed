"""Typed errors at the contracts boundary, found by the API fuzz (tests/test_fuzz_api.py).

Conventions looked up by value, iterables that never end or fail to iterate,
and result values rebuilt by a caller with wrong fields: each gives a
PartnerRulesError naming the field, showing the value and saying what is
allowed (issue #12).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

from partnerrules import contracts
from partnerrules.contracts import (
    CancellationQuote,
    Contract,
    DataLink,
    PoolCheck,
    PoolItem,
    Proration,
    TrafficCharge,
    cancellation_quote,
    check_resource_pool,
    traffic_charge,
)
from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.money import brl

pytestmark = pytest.mark.rule("omid.contract.terms")

CONTRACT = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl(1000))
CONVENTIONS = "'actual/actual', '30/360', 'actual/360'"


class FailingIterable:
    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")


def test_a_convention_looked_up_by_an_unknown_value_is_an_invalid_value_error() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Proration("30/365")
    assert str(caught.value) == f"'Proration' must be one of {CONVENTIONS} (got '30/365')"
    assert isinstance(caught.value, ValueError)  # as a plain enum lookup


def test_a_convention_looked_up_by_a_non_string_is_a_type_error() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Proration(None)
    assert str(caught.value) == f"'Proration' must be one of {CONVENTIONS} (got NoneType None)"


def test_a_convention_looked_up_by_a_huge_int_shows_its_size() -> None:
    with pytest.raises(InvalidValueError, match=r"\(got <int with 5001 digits>\)"):
        Proration(10**5000)


def test_a_convention_is_found_by_its_value_or_as_itself() -> None:
    assert Proration("30/360") is contracts.THIRTY_360
    assert Proration(contracts.ACTUAL_360) is contracts.ACTUAL_360


def test_an_endless_iterable_of_items_is_refused_after_the_bound() -> None:
    endless = itertools.repeat(PoolItem("vm", brl(1)))
    with pytest.raises(InvalidValueError) as caught:
        check_resource_pool(endless, committed=brl(1))
    assert str(caught.value).startswith("'items' must be an iterable of at most 1000000 items")
    assert str(caught.value).endswith("; it has more (or never ends)")


def test_endless_addenda_are_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"^'addenda' must be an iterable of at most"):
        Contract("C", "A", dt.date(2026, 1, 1), 12, brl(1), addenda=itertools.count())


def test_an_iterable_that_fails_to_iterate_is_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        traffic_charge(FailingIterable())  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("'links' must be an iterable of DataLink (got FailingIterable <")
    assert message.endswith("; iterating it raised RuntimeError")
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_a_generator_of_links_is_still_accepted() -> None:
    links = (DataLink(f"link-{i}", brl(10)) for i in range(3))
    assert traffic_charge(links).total == brl(30)


def test_a_rebuilt_quote_checks_its_rates_and_reasons() -> None:
    quote = cancellation_quote(CONTRACT, dt.date(2026, 5, 1))
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(quote, fee_rate=Decimal("NaN"))
    assert str(caught.value) == (
        "'fee_rate' must be a finite number (not NaN or infinity) (got Decimal('NaN'))"
    )
    with pytest.raises(InvalidTypeError) as caught_type:
        attrs.evolve(quote, reasons=[])
    assert str(caught_type.value) == "'reasons' must be a tuple of Reason (got list [])"
    with pytest.raises(InvalidTypeError, match=r"^'fee_rate' must be a Decimal rate in \[0, 1\]"):
        CancellationQuote(**{**attrs.asdict(quote, recurse=False), "fee_rate": 0.5})


def test_a_rebuilt_pool_check_wants_a_bool_verdict() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        PoolCheck("yes", brl(1), brl(1), brl(0), brl(0), ())  # type: ignore[arg-type]
    assert str(caught.value) == "'ok' must be a bool (True or False) (got str 'yes')"


def test_a_rebuilt_traffic_charge_wants_a_finite_volume() -> None:
    with pytest.raises(InvalidValueError) as caught:
        TrafficCharge(brl(1), (), Decimal("-1"), ())
    assert str(caught.value) == (
        "'volume_gb' must be a finite volume >= 0, or None (got Decimal('-1'))"
    )
    with pytest.raises(InvalidTypeError, match=r"^'links\[0\]' must be a tuple of DataLink"):
        TrafficCharge(brl(1), ("link",), None, ())  # type: ignore[arg-type]
