"""What the deal modules share (private).

The guards on windows and ages, the boundary checks whose errors always print
(issue #12), field validators and the base of the vocabularies.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from partnerrules import _validate
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    UnknownKeyError,
)
from partnerrules.identity import (
    Customer,
)

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_UTC = dt.UTC

#: The longest protection window ``window_months`` accepts: the 9,999 years a
#: :class:`~datetime.datetime` spans. A guard for the date arithmetic, not a
#: policy number (the MCS pack's window is 3 months).
MAX_WINDOW_MONTHS: Final = 12 * 9999

#: The largest ``startup_max_age_years``: the 9,999 years a
#: :class:`~datetime.date` spans. A guard, not a policy number (the AWS guide
#: says 15).
MAX_STARTUP_AGE_YEARS: Final = 9999


# -- boundary: checks whose errors always print (issue #12) -----------------
#
# Every public callable refuses bad input with a PartnerRulesError naming the
# field, showing the value and saying what is allowed, before any work is
# done. Python refuses to print an int of more than 4,300 digits, so an error
# that showed one could itself fail with a bare ValueError (as the stdlib's
# enum lookup does): where the error cannot print a value, it shows its size
# instead (the error's ``value`` is still the value given).


_printable = _validate.printable
_type_error = _validate.type_error
_value_error = _validate.value_error


def _text(field: str, value: object, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise _type_error(field, value, "a str")
    return _validate.text(field, value, allow_empty=allow_empty)


def _typed(field: str, value: object, kind: type[T], description: str | None = None) -> T:
    if not isinstance(value, kind):
        raise _type_error(field, value, description or f"a {kind.__name__}")
    return value


def _date(field: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _type_error(field, value, "a datetime.date (not a datetime)")
    return value


def _instant(field: str, value: object) -> dt.datetime:
    """An aware datetime that UTC can hold too (both in years 1 to 9999)."""
    if not isinstance(value, dt.datetime):
        raise _type_error(field, value, "an aware datetime.datetime")
    _validate.aware(field, value)
    try:
        value.astimezone(_UTC)
    except OverflowError:
        raise HorizonError(
            field, value, "an instant that falls in years 1 to 9999 in UTC as well"
        ) from None
    return value


def _count(field: str, value: object, *, minimum: int, maximum: int, why: str) -> int:
    """An int (never a bool) in ``[minimum, maximum]``; *why* explains the maximum."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, value, "an int")
    if value < minimum:
        raise _value_error(field, value, f"an integer >= {minimum}")
    if value > maximum:
        raise _value_error(field, value, f"an integer <= {maximum}", hint=why)
    return value


def _share(field: str, value: object) -> Decimal:
    """A fraction in [0, 1] from a str, int or Decimal (never a float)."""
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 1:
        raise _value_error(field, value, "a fraction in [0, 1]")
    return _validate.fraction(field, value)


def _items(field: str, value: object, expected: str) -> tuple[Any, ...]:
    """The items of a collection argument, checked to be a collection before use."""
    # Bounded: an endless iterable is refused, not read forever.
    return _validate.bounded_items(field, value, expected)


def _member(field: str, value: object, kind: type[E]) -> E:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            raise UnknownKeyError(field, value, [str(m.value) for m in kind]) from None
    raise _type_error(field, value, f"a {kind.__name__} or one of its values")


def _texts(field: str, value: object) -> tuple[str, ...]:
    items = _items(field, value, "a tuple or list of str")
    for index, item in enumerate(items):
        _text(f"{field}[{index}]", item, allow_empty=True)
    return items


def _is(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a *kind*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _typed(attribute.name, value, kind, description)

    return check


def _optional(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a *kind* or None."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _typed(attribute.name, value, kind, description)

    return check


def _tuple_of(kind: type, description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a tuple of *kind*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            raise _type_error(attribute.name, value, description)

    return check


def _customer(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _typed(attribute.name, value, Customer)


def _bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _type_error(attribute.name, value, "a bool")


def _str(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text(attribute.name, value, allow_empty=True)


def _nonblank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text(attribute.name, value)


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _instant(attribute.name, value)


def _optional_aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _instant(attribute.name, value)


def _reasons(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(item, Reason) for item in value):
        raise _type_error(attribute.name, value, "a tuple of Reason")


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(_UTC)


def _months(value: object) -> int:
    return _count(
        "window_months",
        value,
        minimum=1,
        maximum=MAX_WINDOW_MONTHS,
        why="a datetime spans 9,999 years",
    )


def _filled(text: str) -> bool:
    return bool(text.strip())


_VocabularyType = _validate.VocabularyType
_values = _validate.enum_values


class _Vocabulary(enum.StrEnum, metaclass=_VocabularyType):
    """A closed vocabulary: an unknown value raises InvalidValueError (also a ValueError)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _value_error(cls.__name__, value, "one of " + _values(cls))
