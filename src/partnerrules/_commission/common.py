"""What the commission modules share (private).

The programme's zone, the rule ids, the validators of result fields and the
integer helpers.
"""

from __future__ import annotations

import datetime as dt
import operator
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._commission.model import (
    _year,
)
from partnerrules.contracts import MAX_TERM_MONTHS
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
)
from partnerrules.money import BRL, Money

#: The zone whose calendar years and clock order sales (the programme is Brazilian).
SAO_PAULO: Final = ZoneInfo("America/Sao_Paulo")

_TIER: Final = "omid.tier.by_annual_tcv"
_COLLECTION: Final = "omid.commission.paid_on_collection"
_TRIP: Final = "omid.awards.sales_trip"
_CAR: Final = "omid.awards.top_mrr_car"
_RESALE: Final = "mcs.income.resale_margin"
_AGENCY: Final = "mcs.income.agency_fee"


# -- helpers -------------------------------------------------------------------


def _money(field: str, value: object) -> Money:
    return _validate.instance(field, value, Money, "a Money, e.g. Money('1234.56', 'RUB')")


def _zone(value: object) -> dt.tzinfo:
    if not isinstance(value, dt.tzinfo):
        raise InvalidTypeError("zone", value, "a tzinfo such as ZoneInfo('America/Sao_Paulo')")
    return value


# Validators of the fields of result values: a caller rebuilding one (from
# stored data, say) gets the typed error a function argument would give.
_TEXT: Final = _validate.attrs_validator(_validate.text)
_DATE: Final = _validate.attrs_validator(_validate.date)
_AWARE: Final = _validate.attrs_validator(_validate.aware)
_MONEY: Final = _validate.instance_of(Money, "a Money")
_OPTIONAL_MONEY: Final = _validate.optional_instance_of(Money, "a Money or None")
_REASONS: Final = _validate.tuple_of(Reason, "a tuple of Reason")
_TEXTS: Final = _validate.tuple_of(str, "a tuple of str")
_FLAG: Final = _validate.boolean_field


def _rate_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _validate.instance(attribute.name, value, Decimal, "a Decimal rate in [0, 1]")
    _validate.fraction(attribute.name, value)


def _year_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _year(attribute.name, value)


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _validate.date(attribute.name, value)


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # A contract has at most MAX_TERM_MONTHS + 1 invoices (a partial first month).
    _validate.integer_in(attribute.name, value, 0, MAX_TERM_MONTHS + 1)


def _standings(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(row, tuple)
        and len(row) == 2
        and isinstance(row[0], str)
        and isinstance(row[1], Money)
        for row in value
    ):
        raise InvalidTypeError(attribute.name, value, "a tuple of (partner, Money) pairs")


def _from_units(units: int) -> Money:
    # From integer centavos, in the money module's own decimal context (never the caller's).
    return Money.from_minor_units(units, BRL)


def _share(total: int, part: int, whole: int) -> int:
    """``total x part / whole`` rounded half-even, on non-negative integers."""
    if whole == 0:
        return 0
    quotient, rest = divmod(total * part, whole)
    twice = 2 * rest
    if twice > whole or (twice == whole and quotient % 2):
        quotient += 1
    return quotient


_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_BY_INSTANT_AND_ID: Final = operator.itemgetter(0, 1)


def _midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)
