"""Proration conventions.

Private: import these names from :mod:`partnerrules.contracts`.
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction
from typing import Final

from partnerrules import _validate
from partnerrules._contracts.common import _days_in_month, _is_full_month, _within_one_month
from partnerrules._public import home
from partnerrules.errors import InvalidValueError, UnknownKeyError

# -- proration conventions ------------------------------------------------


class Proration(enum.Enum, metaclass=_validate.TypedEnumType):
    """How a part of a calendar month is measured, as a fraction of a month.

    Rule ``omid.contract.terms`` (module 007 §4): the convention is a
    parameter of every prorated amount; actual/actual is the default.

    * ``ACTUAL_ACTUAL`` (``"actual/actual"``): actual days over the actual
      days of that calendar month (10 days of a 31-day month are 10/31).
    * ``THIRTY_360`` (``"30/360"``): days counted as if every month had 30
      days (30/360 bond basis: a 31st counts as the 30th), over 30.
    * ``ACTUAL_360`` (``"actual/360"``): actual days over 30 (a 360-day year).

    A whole calendar month is always one month, whatever the convention.

    >>> Proration("30/360") is THIRTY_360
    True
    >>> ACTUAL_ACTUAL.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(10, 31)
    >>> THIRTY_360.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(3, 10)
    >>> ACTUAL_360.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(1, 3)
    """

    ACTUAL_ACTUAL = "actual/actual"
    THIRTY_360 = "30/360"
    ACTUAL_360 = "actual/360"

    @classmethod
    def parse(cls, value: object) -> Proration:
        """Return the convention named by *value* (a Proration, its value or its name).

        Raises:
            UnknownKeyError: *value* names no convention.

        >>> Proration.parse("actual/360")
        <Proration.ACTUAL_360: 'actual/360'>
        >>> Proration.parse("30/365")
        Traceback (most recent call last):
        ...
        partnerrules.errors.UnknownKeyError: unknown convention '30/365': did you mean '30/360'...
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            for member in cls:
                if value in (member.value, member.name):
                    return member
        raise UnknownKeyError("convention", value, [m.value for m in cls])

    def fraction(self, start: dt.date, end: dt.date) -> Fraction:
        """The part of a month that ``[start, end)`` is, inside one calendar month.

        Args:
            start: first day (inclusive).
            end: last day (exclusive), at most the 1st of the next month.

        Raises:
            InvalidValueError: the span is empty or leaves the calendar month.
        """
        start = _validate.date("start", start)
        end = _validate.date("end", end)
        if not _within_one_month(start, end):
            raise InvalidValueError(
                "end", end, f"after {start.isoformat()} and within its calendar month"
            )
        if _is_full_month(start, end):
            return Fraction(1)
        if self is Proration.ACTUAL_ACTUAL:
            return Fraction((end - start).days, _days_in_month(start))
        if self is Proration.ACTUAL_360:
            return min(Fraction((end - start).days, 30), Fraction(1))
        d1 = min(start.day, 30)
        d2 = end.day
        if d2 == 31 and d1 == 30:
            d2 = 30
        days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + d2 - d1
        return min(Fraction(days, 30), Fraction(1))


#: Actual days over the actual days of the month (the default).
ACTUAL_ACTUAL: Final = Proration.ACTUAL_ACTUAL
#: 30/360 bond basis, where every month counts 30 days.
THIRTY_360: Final = Proration.THIRTY_360
#: Actual days over 30.
ACTUAL_360: Final = Proration.ACTUAL_360


def _convention(value: object) -> Proration:
    return Proration.parse(value)


home("partnerrules.contracts", globals())
