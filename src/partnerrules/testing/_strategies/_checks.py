"""Strategies of :mod:`partnerrules.testing.strategies`: their argument checks (private).

Every public strategy factory is decorated with :func:`checked`, which checks
its arguments when it is called, not when a value is drawn, and refuses a bad
one with the library's typed errors (:class:`~partnerrules.errors.InvalidTypeError`,
:class:`~partnerrules.errors.InvalidValueError`...) naming the parameter,
showing the value and saying what is allowed, as every other public function
of the library does. Hypothesis's own ``InvalidArgument``, or whatever a
hostile argument raises, never escapes.

A parameter is checked by the check given for it by name, else by the one its
annotation implies (a strategy, a bool, a date, an aware datetime, a
timedelta, a time, a library value, each possibly ``| None``); an int, a str,
a Decimal or a sequence needs an explicit check (a range, a vocabulary), so a
new parameter cannot go unchecked: decorating a factory whose parameter has
neither fails at import. Relations between parameters (``min_value <=
max_value``) are functions of all the arguments, run after the checks.

A valid call returns the strategy the factory always returned: the checks
only refuse, except that a sequence argument is passed on as a tuple (read
once, when the factory is called), so the draws are unchanged.

>>> from partnerrules.testing.strategies import brl_amounts
>>> brl_amounts(min_units="0")
Traceback (most recent call last):
...
partnerrules.errors.InvalidTypeError: 'min_units' must be an int (got str '0')
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from partnerrules import _validate
from partnerrules.catalogue import RESERVED_NAMESPACES
from partnerrules.errors import InvalidTypeError, InvalidValueError, PartnerRulesError

F = TypeVar("F", bound=Callable[..., Any])
#: A check of one argument: ``check(parameter, value)`` returns the value to pass on
#: (the value itself, or a sequence as a tuple) or raises a typed error naming *parameter*.
Check = Callable[[str, Any], Any]
#: A check of several arguments together, given all of them by name (defaults included).
Relation = Callable[[Mapping[str, Any]], None]

#: The most items a count argument (``max_size``, ``max_addenda``...) may ask for: far more
#: than a test needs, and few enough that Hypothesis can draw them.
MAX_COUNT: Final = 100
#: The earliest and latest instants a strategy's bound may be (in UTC): a day inside
#: datetime's range, so that the instant reads in every zone.
EARLIEST: Final = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
LATEST: Final = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
_NAMESPACE: Final = re.compile(r"[a-z][a-z0-9_]{0,63}")


def checked(*relations: Relation, **checks: Check) -> Callable[[F], F]:
    """Check a strategy factory's arguments when it is called (see the module's docstring).

    Args:
        relations: checks of the arguments together, in order, after the checks of each.
        checks: the check of a parameter by name, where its annotation implies none
            (or a narrower one).

    Raises:
        TypeError: at decoration (a bug in this package): a check for no parameter,
            or a parameter with neither a check nor an annotation that implies one.
    """

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        unknown = sorted(set(checks) - set(signature.parameters))
        if unknown:
            raise TypeError(f"{func.__name__} has no parameters {unknown}")
        plan = {
            name: checks[name] if name in checks else _implied(func, name, param.annotation)
            for name, param in signature.parameters.items()
        }
        # The defaults are checked once, here: a call checks only the arguments it gives.
        defaults = {
            name: plan[name](name, param.default)
            for name, param in signature.parameters.items()
            if param.default is not param.empty
        }

        @functools.wraps(func)
        def factory(*args: Any, **kwargs: Any) -> Any:
            if not args and not kwargs and len(defaults) == len(plan):
                for relation in relations:  # a bug in a default, refused at every call
                    relation(defaults)
                return func()
            try:
                given = signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise InvalidTypeError(
                    "arguments",
                    (args, kwargs),
                    f"arguments that fit {func.__name__}{signature}",
                    hint=str(exc),
                ) from None
            values = dict(defaults)
            for name, value in given.arguments.items():
                values[name] = given.arguments[name] = plan[name](name, value)
            for relation in relations:
                relation(values)
            # Only the arguments given are passed on, so the strategy's repr is as before.
            return func(*given.args, **given.kwargs)

        factory.__checked__ = plan  # type: ignore[attr-defined]
        return typing.cast(F, factory)

    return decorate


def _implied(func: Callable[..., Any], name: str, hint: Any) -> Check:
    """The check an annotation implies (a TypeError for one that implies none)."""
    inner = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(inner) == 1:
        return optional(_implied(func, name, inner[0]))
    base = typing.get_origin(hint) or hint
    implied: dict[Any, Check] = {
        st.SearchStrategy: strategy,
        bool: _validate.boolean,
        dt.date: _validate.date,
        dt.datetime: instant,
        dt.timedelta: duration,
        dt.time: wall_time,
    }
    if base in implied:
        return implied[base]
    if isinstance(base, type) and base.__module__.startswith("partnerrules"):
        return lambda field, value: _validate.instance(field, value, base)
    raise TypeError(f"{func.__name__}: give a check for {name!r} ({hint!r} implies none)")


def optional(check: Check) -> Check:
    """*check*, or None (the default) as it is."""

    def checked_or_none(field: str, value: Any) -> Any:
        if value is None:
            return None
        try:
            return check(field, value)
        except InvalidTypeError as exc:
            if exc.field != field:  # about an item of the value: as it is
                raise
            raise InvalidTypeError(field, value, f"{exc.expected} or None", hint=exc.hint) from None

    return checked_or_none


def strategy(field: str, value: Any) -> st.SearchStrategy[Any]:
    """A Hypothesis strategy (``st.just(12)`` for a plain value)."""
    if not isinstance(value, st.SearchStrategy):
        raise InvalidTypeError(
            field, value, "a hypothesis SearchStrategy", hint="wrap a plain value in st.just()"
        )
    return value


def count(low: int, high: int = MAX_COUNT) -> Check:
    """An int (not a bool) from *low* to *high*, both included."""

    def check(field: str, value: Any) -> int:
        return int.__int__(_validate.integer_in(field, value, low, high))

    return check


def instant(field: str, value: Any) -> dt.datetime:
    """An aware datetime whose UTC time lies from :data:`EARLIEST` to :data:`LATEST`."""
    _validate.aware(field, value)
    try:
        inside = EARLIEST <= value <= LATEST
    except (OverflowError, ValueError):
        inside = False
    if not inside:
        raise InvalidValueError(field, value, "an instant from 0001-01-02 to 9999-12-30 (UTC)")
    return typing.cast(dt.datetime, value)


def duration(field: str, value: Any) -> dt.timedelta:
    """A timedelta."""
    return _validate.instance(field, value, dt.timedelta, "a datetime.timedelta")


def wall_time(field: str, value: Any) -> dt.time:
    """A naive time in whole minutes."""
    _validate.instance(field, value, dt.time, "a datetime.time")
    if value.second or value.microsecond or value.tzinfo is not None:
        raise InvalidValueError(field, value, "a naive time in whole minutes")
    return typing.cast(dt.time, value)


def decimal_in(low: int, high: int) -> Check:
    """A Decimal or int (not a bool, float or str), finite, from *low* to *high*."""

    def check(field: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            raise InvalidTypeError(field, value, "a Decimal or int")
        if not (isinstance(value, int) or value.is_finite()) or not low <= value <= high:
            raise InvalidValueError(field, value, f"a number from {low} to {high}")
        return value

    return check


def namespace(field: str, value: Any) -> str:
    """A caller's rule-id namespace (``acme``): never a source programme's (``omid``)."""
    if type(value) is not str:
        raise InvalidTypeError(field, value, "a str such as 'acme'")
    if not _NAMESPACE.fullmatch(value):
        raise InvalidValueError(
            field, value, "a lower-case identifier of at most 64 characters, such as 'acme'"
        )
    if value in RESERVED_NAMESPACES:
        raise InvalidValueError(
            field, value, "a caller's namespace", hint=f"{value!r} belongs to a source programme"
        )
    return value


def items(description: str, item: Check) -> Check:
    """A non-empty sequence (not a str) of at most :data:`MAX_COUNT` items, each *item*: a tuple."""

    def check(field: str, value: Any) -> tuple[Any, ...]:
        if not isinstance(value, Sequence):
            raise InvalidTypeError(field, value, description)
        found = _validate.bounded_items(field, value, description, limit=MAX_COUNT)
        if not found:
            raise InvalidValueError(field, value, f"{description}, not empty")
        return tuple(item(f"{field}[{index}]", v) for index, v in enumerate(found))

    return check


def one_of(*allowed: str) -> Check:
    """One of the strs *allowed*."""

    def check(field: str, value: Any) -> str:
        if type(value) is not str:
            raise InvalidTypeError(field, value, "a str")
        if value not in allowed:
            raise InvalidValueError(field, value, "one of " + ", ".join(map(repr, allowed)))
        return value

    return check


def zone_name(field: str, value: Any) -> str:
    """An IANA zone name that zoneinfo knows."""
    if type(value) is not str:
        raise InvalidTypeError(field, value, "an IANA zone name such as 'America/Sao_Paulo'")
    try:
        ZoneInfo(value)
    except Exception:  # not a key, or a key zoneinfo lacks
        raise InvalidValueError(
            field, value, "an IANA zone name such as 'America/Sao_Paulo'"
        ) from None
    return value


def ordered(low: str, high: str, *, strict: bool = False) -> Relation:
    """The argument *low* is at most (with *strict*: before) the argument *high*."""

    def relation(values: Mapping[str, Any]) -> None:
        first, last = values[low], values[high]
        if first is None or last is None:
            return
        if first > last or (strict and first == last):
            word = "before" if strict else "at most"
            raise InvalidValueError(low, first, f"{word} {high} ({last!r})")

    return relation


def refused(field: str, value: Any, allowed: str, exc: PartnerRulesError) -> InvalidValueError:
    """An InvalidValueError naming *field* for an error the library raised about its parts."""
    error = InvalidValueError(field, value, allowed, hint=str(exc))
    error.__cause__ = exc
    return error


def integer(field: str, value: Any) -> int:
    """An int (not a bool), of any size: a relation bounds it."""
    return int.__int__(_validate.integer(field, value))


def text(field: str, value: Any) -> str:
    """A non-blank str."""
    return _validate.text(field, value)


def place(field: str, value: Any) -> tuple[str, tuple[str | None, ...], tuple[str, ...]]:
    """A ``(country, subdivisions, zone names)`` tuple where a ticket can be opened.

    As :data:`~partnerrules.testing.strategies.TICKET_PLACES` holds them: the
    subdivisions (``None``: the national holidays only) and the zones are
    non-empty sequences; the library's own :class:`~partnerrules.sla.Ticket`
    checks the country and subdivision.
    """
    from partnerrules.sla import Ticket

    shape = "a (country, subdivisions, zone names) tuple"
    if not isinstance(value, tuple | list) or len(value) != 3:
        raise InvalidTypeError(field, value, shape)
    country, subdivisions, zones = value
    subs = items("a sequence of subdivisions (str or None)", optional(text))(
        f"{field}[1]", subdivisions
    )
    names = items("a sequence of IANA zone names", zone_name)(f"{field}[2]", zones)
    for subdivision in subs:
        try:
            Ticket(
                "T-1",
                dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                severity=1,
                category="downtime",
                level="Premium",
                country=country,
                subdivision=subdivision,
                zone=names[0],
            )
        except PartnerRulesError as exc:
            raise refused(field, value, f"{shape} where a ticket can be opened", exc) from exc
    return (country, subs, names)
