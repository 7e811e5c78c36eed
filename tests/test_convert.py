"""The converter: plain data in and out, errors located by path."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import Money, PartnerRulesError, brl
from partnerrules.convert import PolicyFormatError, structure, unstructure


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Sample:
    price: Money
    rate: Decimal
    day: dt.date
    at: dt.datetime
    opens: dt.time
    wait: dt.timedelta
    zone: ZoneInfo
    colour: Colour
    tags: tuple[str, ...] = ()


SAMPLE = Sample(
    price=brl("1234.56"),
    rate=Decimal("0.16"),
    day=dt.date(2026, 11, 23),
    at=dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Sao_Paulo")),
    opens=dt.time(9, 0),
    wait=dt.timedelta(hours=9, microseconds=5),
    zone=ZoneInfo("Europe/London"),
    colour=Colour.BLUE,
    tags=("a", "b"),
)


def test_a_value_round_trips_through_plain_data():
    data = unstructure(SAMPLE)
    assert data["price"] == {"amount": "1234.56", "currency": "BRL"}
    assert data["rate"] == "0.16"
    assert data["day"] == "2026-11-23"
    assert data["at"] == "2026-11-23T09:00:00-03:00"
    assert data["opens"] == "09:00"
    assert data["wait"] == "32400.000005"
    assert data["zone"] == "Europe/London"
    assert data["colour"] == "blue"
    back = structure(data, Sample)
    assert back.at == SAMPLE.at
    assert back == attrs.evolve(SAMPLE, at=back.at)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_money_round_trips_exactly(amount):
    money = Money(amount, "BRL")
    assert structure(unstructure(money), Money) == money


def test_every_bad_field_is_reported_with_its_path():
    data = unstructure(SAMPLE)
    data["price"]["amount"] = 1.5
    data["day"] = "23/11/2026"
    data["at"] = "2026-11-23T09:00:00"
    data["colour"] = "green"
    data["zone"] = "Mars/Olympus"
    with pytest.raises(PolicyFormatError) as info:
        structure(data, Sample)
    errors = info.value.errors
    assert any(
        e.startswith("'value' must be a str, int or Decimal (got float 1.5)")
        and e.endswith("@ $.price.amount")
        for e in errors
    )
    assert "'date' must be an ISO date such as '2026-11-23' (got '23/11/2026') @ $.day" in errors
    assert any("'datetime' must be an aware datetime" in e and e.endswith("@ $.at") for e in errors)
    assert "'Colour' must be one of 'red', 'blue' (got 'green') @ $.colour" in errors
    assert (
        "'zone' must be an IANA zone such as 'America/Sao_Paulo' (got 'Mars/Olympus') @ $.zone"
        in errors
    )
    assert isinstance(info.value, PartnerRulesError)
    assert isinstance(info.value, ValueError)


def test_missing_and_extra_fields_are_reported():
    data = unstructure(SAMPLE)
    del data["rate"]
    data["surprise"] = 1
    with pytest.raises(PolicyFormatError, match=r"required field missing @ \$\.rate") as info:
        structure(data, Sample)
    assert any("extra fields found (surprise)" in e for e in info.value.errors)


def test_a_bad_top_level_value_is_reported_at_the_root():
    with pytest.raises(PolicyFormatError, match=r"'value' must be a decimal number .* @ \$$"):
        structure("abc", Decimal)
    with pytest.raises(
        PolicyFormatError,
        match=r"unknown currency 'XXY': did you mean 'XXX'\?; use an ISO 4217 code such as 'BRL' @ \$",
    ):
        structure({"amount": "1", "currency": "XXY"}, Money)


def test_unstructure_refuses_a_class():
    with pytest.raises(TypeError, match=r"'value' must be a value, not a class"):
        unstructure(Money)


@attrs.frozen
class Tagged:
    tags: frozenset[str]


def test_sets_become_sorted_lists_so_json_can_hold_them():
    data = unstructure(Tagged(frozenset({"z", "a", "m"})))
    assert data == {"tags": ["a", "m", "z"]}
    assert structure(data, Tagged) == Tagged(frozenset({"a", "m", "z"}))
