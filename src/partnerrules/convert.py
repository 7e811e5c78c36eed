"""Load and dump value objects and policy packs as plain data (JSON, TOML).

One converter of our own (never the global cattrs one) turns dictionaries,
lists, strings and numbers into the frozen values of partnerrules and back.
Every value goes through its class's own validation, so data loaded from a
file obeys exactly the same rules as data built in code.

Conventions of the plain form:

* :class:`~partnerrules.money.Money` is ``{"amount": "1234.56", "currency": "BRL"}``;
  amounts and rates are strings (a JSON or TOML float is refused, since it
  cannot hold most decimal fractions exactly);
* dates are ISO strings (``"2026-11-23"``), datetimes ISO strings with an
  offset (``"2026-11-23T09:00:00-03:00"``), durations a number of seconds as a
  string or an integer, zones IANA names;
* enums by value; tuples and frozensets as lists.

Errors point at the bad field with a JSONPath-like location:

>>> from partnerrules.convert import structure
>>> from partnerrules.money import Money
>>> structure({"amount": "10.5", "currency": "BRL"}, Money)
Money('10.50', 'BRL')
>>> structure([{"amount": "1", "currency": "BRL"}, {"amount": 0.5, "currency": "BRL"}],
...           tuple[Money, ...])
Traceback (most recent call last):
...
partnerrules.convert.PolicyFormatError: 'value' must be ... (got float 0.5); ... @ $[1].amount
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from partnerrules import _validate
from partnerrules.errors import InvalidTypeError, InvalidValueError, PartnerRulesError

__all__ = ["PolicyFormatError", "structure", "unstructure"]

T = TypeVar("T")


class PolicyFormatError(PartnerRulesError, ValueError):
    """Plain data that does not describe a valid value.

    Attributes:
        errors: one message per problem, each ending with ``@ $.path.to.field``.
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(self.errors))


def _decimal(value: Any, _: type) -> Decimal:
    return _validate.decimal("value", value)


def _date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = _validate.text("date", value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValueError("date", value, "an ISO date such as '2026-11-23'") from None


def _datetime(value: Any, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return _validate.aware("datetime", value)
    text = _validate.text("datetime", value)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValueError(
            "datetime", value, "an ISO datetime with an offset such as '2026-11-23T09:00-03:00'"
        ) from None
    return _validate.aware("datetime", parsed)


def _time(value: Any, _: type) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = _validate.text("time", value)
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise InvalidValueError("time", value, "an ISO time such as '09:00'") from None


def _timedelta(value: Any, _: type) -> dt.timedelta:
    if isinstance(value, dt.timedelta):
        return value
    seconds = _validate.decimal("seconds", value)
    return dt.timedelta(microseconds=int(seconds.scaleb(6)))


def _zone(value: Any, _: type) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    name = _validate.text("zone", value)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValueError("zone", value, "an IANA zone such as 'America/Sao_Paulo'") from None


def _enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        if isinstance(value, str) and value in kind.__members__:
            return kind.__members__[value]
        allowed = ", ".join(repr(m.value) for m in kind)
        raise InvalidValueError(kind.__name__, value, f"one of {allowed}") from None


def _format(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, PartnerRulesError):
        return str(exc)
    from cattrs.v import format_exception

    return format_exception(exc, kind)


@functools.cache
def _converter() -> Any:
    import cattrs

    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(dt.datetime, _datetime)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(dt.time, _time)
    conv.register_structure_hook(dt.timedelta, _timedelta)
    conv.register_structure_hook(ZoneInfo, _zone)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum
    )
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.time, lambda t: t.isoformat(timespec="minutes"))
    conv.register_unstructure_hook(
        dt.timedelta, lambda d: str(Decimal(d // dt.timedelta(microseconds=1)).scaleb(-6))
    )
    conv.register_unstructure_hook(ZoneInfo, str)
    conv.register_unstructure_hook_func(
        lambda t: t in (frozenset, set) or getattr(t, "__origin__", None) in (frozenset, set),
        lambda s: sorted(conv.unstructure(item) for item in s),
    )
    return conv


def _load_home(kind: object) -> None:
    # Type hints are read in the namespace of the class's module; a class
    # documented under the module that re-exports it needs that module loaded.
    if isinstance(kind, type):
        importlib.import_module(kind.__module__)


def structure(data: Any, kind: type[T] | Any) -> T:
    """Build a value of *kind* from plain data, validating every field.

    Raises:
        PolicyFormatError: the data is not a valid *kind*; ``errors`` lists
            every problem with its location.
    """
    import cattrs

    _load_home(kind)
    try:
        return _converter().structure(data, kind)  # type: ignore[no-any-return]
    except (cattrs.BaseValidationError, PartnerRulesError, TypeError, ValueError) as exc:
        if isinstance(exc, cattrs.BaseValidationError):
            messages = cattrs.transform_error(exc, format_exception=_format)
        elif isinstance(exc, PartnerRulesError):
            messages = [f"{exc} @ $"]
        else:
            messages = [f"{_format(exc, None)} @ $"]
        raise PolicyFormatError(messages) from None


def unstructure(value: Any) -> Any:
    """Turn a value into plain data that :func:`structure` reads back.

    >>> from partnerrules.money import brl
    >>> unstructure(brl("1234.5"))
    {'amount': '1234.50', 'currency': 'BRL'}
    """
    if isinstance(value, type):
        raise InvalidTypeError("value", value, "a value, not a class")
    _load_home(type(value))
    return _converter().unstructure(value)
