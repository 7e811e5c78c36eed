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


def test_every_bad_field_is_reported_at_once_with_its_path():
    data = unstructure(SAMPLE)
    data["price"]["amount"] = 1.5
    data["day"] = "23/11/2026"
    data["at"] = "2026-11-23T09:00:00"
    data["colour"] = "green"
    data["zone"] = "Mars/Olympus"
    with pytest.raises(PolicyFormatError) as info:
        structure(data, Sample)
    error = info.value
    assert [p.path for p in error.problems] == [
        "$.price.amount",
        "$.day",
        "$.at",
        "$.zone",
        "$.colour",
    ]
    assert error.errors == tuple(str(p) for p in error.problems)
    amount, day, at, zone, colour = error.errors
    assert amount.startswith(
        "'amount' must be a decimal string such as '1234.56' (or an integer) (got float 1.5); "
        "write it as a string, '1.5'"
    )
    assert day == "'day' must be an ISO date such as '2026-11-23' (got '23/11/2026') @ $.day"
    assert at.startswith("'at' must be an aware datetime (with an offset such as '-03:00')")
    assert colour == "'colour' must be one of 'red', 'blue' (got 'green') @ $.colour"
    assert zone == (
        "'zone' must be an IANA zone such as 'America/Sao_Paulo' (got 'Mars/Olympus') @ $.zone"
    )
    assert str(error).startswith("5 problems: 'amount' must be")
    assert isinstance(error, PartnerRulesError)
    assert isinstance(error, ValueError)


def test_a_problem_holds_its_path_value_and_what_is_allowed():
    with pytest.raises(PolicyFormatError) as info:
        structure({"price": {"amount": 1.5, "currency": "BRL"}}, Sample)
    first = info.value.problems[0]
    assert first.path == "$.price.amount"
    assert first.value == 1.5
    assert first.allowed == "a decimal string such as '1234.56' (or an integer)"
    assert str(first) == f"{first.message} @ {first.path}"
    missing = {p.path: p for p in info.value.problems}["$.rate"]
    assert missing.value is attrs.NOTHING
    assert missing.message == "'rate' is missing (a required field of Sample)"


def test_missing_and_unknown_fields_are_reported_together():
    data = unstructure(SAMPLE)
    del data["rate"]
    data["colur"] = "red"
    with pytest.raises(PolicyFormatError) as info:
        structure(data, Sample)
    assert info.value.errors == (
        "'rate' is missing (a required field of Sample) @ $.rate",
        "'colur' is not a field of Sample; did you mean 'colour'? @ $.colur",
    )


def test_a_bad_top_level_value_is_reported_at_the_root():
    with pytest.raises(PolicyFormatError, match=r"^'value' must be a decimal string .* @ \$$"):
        structure("abc", Decimal)
    with pytest.raises(
        PolicyFormatError,
        match=r"unknown currency 'XXY': did you mean 'XXX'\?; use an ISO 4217 code such as 'BRL' @ \$.currency",
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


def test_str_and_int_enums_unstructure_to_their_plain_values() -> None:
    """A str-based vocabulary member is written as a plain str and read back (it was kept)."""
    import enum as _enum
    import json as _json

    from partnerrules import deals as _deals

    for name in _deals.__all__:
        kind = getattr(_deals, name)
        if isinstance(kind, _enum.EnumMeta):
            for member in kind:
                plain = unstructure(member)
                assert type(plain) in (str, int), (name, member)
                assert structure(_json.loads(_json.dumps(plain)), kind) is member
