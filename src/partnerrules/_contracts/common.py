"""What the contract modules share (private).

The longest term, month arithmetic, proration pieces, argument checks and the
validators of result fields.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from fractions import Fraction
from typing import Any, Final

import attrs
from dateutil.relativedelta import relativedelta

from partnerrules import _validate
from partnerrules.decisions import Reason
from partnerrules.errors import HorizonError, InvalidTypeError, InvalidValueError
from partnerrules.money import BRL, Money

#: The longest term a :class:`Contract` accepts, in months (100 years). The
#: programme sets no maximum (module 007 §4 gives none); this bound is a
#: product decision of the library, far above any real contract, so that
#: every schedule, quote and end date stays cheap to compute and representable.
MAX_TERM_MONTHS: Final = 1200

# -- helpers ----------------------------------------------------------------

# A private context for the few decimal operations done here (not in Money),
# so a caller's decimal context (its precision, its traps) never changes a
# result or raises from inside the library.
_CTX: Final = Context(
    prec=100, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)


def _brl(field: str, value: object) -> Money:
    """Check *value* is a Money in BRL (rule ``money.brl.exact`` for Omid math)."""
    money = _validate.instance(field, value, Money, "a Money in BRL, e.g. brl('1234.56')")
    return money.require_currency(BRL, field)


def _non_negative(field: str, value: object) -> Money:
    """Check *value* is a Money in BRL and not negative (``money.brl.exact``)."""
    money = _brl(field, value)
    if money.is_negative():
        raise InvalidValueError(field, money, "an amount >= 0")
    return money


def _month_index(day: dt.date) -> int:
    """Months since year 0: consecutive calendar months have consecutive indexes."""
    return day.year * 12 + day.month - 1


#: The month index of ``9999-12``, the last month :class:`datetime.date` holds.
_LAST_MONTH: Final = _month_index(dt.date.max)


def _first_of_next_month(day: dt.date) -> dt.date:
    """The 1st of the month after *day*'s; never called in December 9999."""
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


def _days_in_month(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _within_one_month(start: dt.date, end: dt.date) -> bool:
    """Whether ``[start, end)`` is non-empty and inside *start*'s calendar month."""
    if not start < end:
        return False
    step = _month_index(end) - _month_index(start)
    return step == 0 or (step == 1 and end.day == 1)


def _pieces(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Cut ``[start, end)`` at the first day of every calendar month.

    The 1st of the next month is only built when *end* lies in a later month,
    so it always exists, even for a span in December 9999.
    """
    out = []
    cursor = start
    while cursor < end:
        nxt = end if _month_index(cursor) == _month_index(end) else _first_of_next_month(cursor)
        out.append((cursor, nxt))
        cursor = nxt
    return out


def _is_full_month(a: dt.date, b: dt.date) -> bool:
    return a.day == 1 and b.day == 1 and _month_index(b) == _month_index(a) + 1


def _prorate(amount: Money, share: Fraction) -> Money:
    """``amount x share`` rounded once, half-even, to the centavo (exact integers)."""
    units = amount.minor_units * share.numerator
    quotient, rest = divmod(units, share.denominator)
    twice = 2 * rest
    if twice > share.denominator or (twice == share.denominator and quotient % 2):
        quotient += 1
    return Money.from_minor_units(quotient, amount.currency)


def _rate(field: str, value: object) -> Decimal:
    return _validate.fraction(field, value)


def _discount(value: object) -> Decimal:
    return _validate.fraction("discount", value, upper_inclusive=False)


def _number(field: str, value: object) -> int:
    # A schedule has at most MAX_TERM_MONTHS + 1 invoices (a partial first month).
    return _validate.integer_in(field, value, 1, MAX_TERM_MONTHS + 1)


def _months(field: str, value: object) -> int:
    """A term in months: an int from 1 to :data:`MAX_TERM_MONTHS`."""
    months = _validate.integer(field, value, minimum=1)
    if months > MAX_TERM_MONTHS:
        raise InvalidValueError(
            field,
            value,
            f"an integer <= {MAX_TERM_MONTHS}",
            hint=f"a term is at most {MAX_TERM_MONTHS} months ({MAX_TERM_MONTHS // 12} years)",
        )
    return months


def _end_of_term(start: dt.date, months: int) -> dt.date:
    """``start + months`` calendar months, or a HorizonError naming ``start``."""
    last = _LAST_MONTH - months
    if _month_index(start) > last:
        year, month = divmod(last, 12)
        latest = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        raise HorizonError(
            "start",
            start,
            f"a date whose {months}-month term ends by {dt.date.max.isoformat()}",
            hint=f"the latest start for a {months}-month term is {latest.isoformat()}",
        )
    return start + relativedelta(months=months)


def _total(field: str, value: object, amounts: Iterable[Decimal], allowed: str) -> Money:
    """Sum BRL amounts exactly; a sum Money cannot hold is blamed on the input *field*.

    *allowed* starts the message and Money's own range ends it, so the caller
    learns which of its inputs is too large, not that some ``'amount'`` is.
    """
    total = Decimal(0)
    for amount in amounts:
        total = _CTX.add(total, amount)
    try:
        return Money(total, BRL)
    except InvalidValueError as err:
        raise InvalidValueError(
            field, value, f"{allowed} {err.allowed}", hint=f"it would be {total} BRL"
        ) from None


def _table(field: str, value: object) -> Mapping[str, str]:
    """Check a lookup table is a mapping of str to str."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, "a mapping of str to str")
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidTypeError(f"{field} key", key, "a str")
        if not isinstance(item, str):
            raise InvalidTypeError(f"{field}[{key!r}]", item, "a str")
    return value


# Validators of the fields of result values: a caller rebuilding one (from
# stored data, say) gets the typed error a function argument would give.
_TEXT: Final = _validate.attrs_validator(_validate.text)
_DATE: Final = _validate.attrs_validator(_validate.date)
_MONEY: Final = _validate.instance_of(Money, "a Money")
_REASONS: Final = _validate.tuple_of(Reason, "a tuple of Reason")


def _rate_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _validate.instance(attribute.name, value, Decimal, "a Decimal rate in [0, 1]")
    _rate(attribute.name, value)


def _optional_volume(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        volume = _validate.instance(attribute.name, value, Decimal, "a Decimal or None")
        if not volume.is_finite() or volume < 0:
            raise InvalidValueError(attribute.name, value, "a finite volume >= 0, or None")
