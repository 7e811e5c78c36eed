"""Shared argument checks (private).

Every module validates the same few things (aware datetimes, exact decimals,
fractions, positive integers). They live here once, so that every message has
the same shape: the field, the value, what is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from partnerrules.errors import InvalidTypeError, InvalidValueError, NaiveDatetimeError

T = TypeVar("T")


def aware(field: str, value: object) -> dt.datetime:
    """Return *value* if it is an aware datetime, else raise a typed error."""
    if not isinstance(value, dt.datetime):
        raise InvalidTypeError(field, value, "an aware datetime.datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(field, value)
    return value


def date(field: str, value: object) -> dt.date:
    """Return *value* if it is a plain date (not a datetime)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidTypeError(field, value, "a datetime.date (not a datetime)")
    return value


def decimal(field: str, value: object) -> Decimal:
    """Convert an ``int``, ``str`` or ``Decimal`` to a finite ``Decimal``.

    Floats are refused: they cannot represent most decimal fractions exactly.
    """
    if isinstance(value, (bool, float)):
        raise InvalidTypeError(
            field,
            value,
            "a str, int or Decimal",
            hint=f"pass a string such as {str(value)!r} or a Decimal, never a float",
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidValueError(field, value, "a decimal number such as '1234.56'") from None
    else:
        raise InvalidTypeError(field, value, "a str, int or Decimal")
    if not result.is_finite():
        raise InvalidValueError(field, value, "a finite number (not NaN or infinity)")
    return result


def fraction(
    field: str, value: object, *, upper_inclusive: bool = True, lower: str = "0"
) -> Decimal:
    """Convert to ``Decimal`` and check it lies in [0, 1] (or [0, 1))."""
    result = decimal(field, value)
    low = Decimal(lower)
    if result < low or result > 1 or (not upper_inclusive and result == 1):
        bracket = "]" if upper_inclusive else ")"
        raise InvalidValueError(field, value, f"a fraction in [{lower}, 1{bracket}")
    return result


def integer(field: str, value: object, *, minimum: int | None = None) -> int:
    """Check *value* is an ``int`` (not a bool) and at least *minimum*."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "an int")
    if minimum is not None and value < minimum:
        raise InvalidValueError(field, value, f"an integer >= {minimum}")
    return value


def instance(field: str, value: object, kind: type[T], description: str | None = None) -> T:
    """Check *value* is an instance of *kind*."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field, value, description or f"a {kind.__name__}")
    return value


def text(field: str, value: object, *, allow_empty: bool = False) -> str:
    """Check *value* is a string, non-blank unless *allow_empty*."""
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "a str")
    if not allow_empty and not value.strip():
        raise InvalidValueError(field, value, "a non-empty string")
    return value


def attrs_validator(check: Callable[[str, Any], Any]) -> Callable[[Any, Any, Any], None]:
    """Turn one of the checks above into an attrs validator."""

    def validator(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(attribute.name, value)

    return validator


def boolean(field: str, value: object) -> bool:
    """Check *value* is a bool (never a truthy str or int such as ``"no"`` or ``1``)."""
    if type(value) is not bool:
        raise InvalidTypeError(field, value, "a bool (True or False)")
    return value


def optional_boolean(field: str, value: object) -> bool | None:
    """Check *value* is a bool or None."""
    return None if value is None else boolean(field, value)


def items(field: str, value: object, description: str) -> tuple[Any, ...]:
    """The items of an iterable argument as a tuple; a str, bytes or mapping is refused."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, description)
    return tuple(value)


def instance_of(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds an instance of *kind* (a typed error otherwise)."""

    def validator(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        instance(attribute.name, value, kind, description)

    return validator
