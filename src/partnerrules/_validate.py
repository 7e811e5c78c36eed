"""Shared argument checks (private).

Every module validates the same few things (aware datetimes, exact decimals,
fractions, positive integers). They live here once, so that every message has
the same shape: the field, the value, what is allowed.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any, Final, TypeVar

import attrs

from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
)

T = TypeVar("T")

#: The most items an iterable argument may hold (see :func:`bounded_items`): far
#: more than any real portfolio, statement or table, and a bound that keeps an
#: endless or huge iterable from running for seconds or filling memory.
MAX_ITEMS: Final = 1_000_000


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


def integer_in(field: str, value: object, low: int, high: int) -> int:
    """Check *value* is an ``int`` (not a bool) from *low* to *high*, both included."""
    number = integer(field, value, minimum=low)
    if number > high:
        raise InvalidValueError(field, value, f"an integer from {low} to {high}")
    return number


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
    """The items of an iterable argument as a tuple: :func:`bounded_items` with its limit."""
    return bounded_items(field, value, description)


def instance_of(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds an instance of *kind* (a typed error otherwise)."""

    def validator(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        instance(attribute.name, value, kind, description)

    return validator


def bounded_items(
    field: str, value: object, description: str, *, limit: int = MAX_ITEMS
) -> tuple[Any, ...]:
    """The items of an iterable argument as a tuple, reading at most *limit* + 1 of them.

    A str, bytes or mapping is refused (each is iterable, but never meant as a
    collection of items); so is an iterable with more than *limit* items (an
    endless generator is refused after *limit* + 1 items, not read forever).
    An exception other than a :class:`~partnerrules.errors.PartnerRulesError`
    raised while iterating (by the caller's own ``__iter__`` or generator)
    becomes an :class:`~partnerrules.errors.InvalidTypeError` naming *field*,
    chained to it.

    >>> bounded_items("sales", [1, 2], "an iterable of Sale")
    (1, 2)
    >>> bounded_items("sales", iter(int, 1), "an iterable of Sale", limit=3)
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'sales' must be an iterable of at most 3 items \
(got <callable_iterator object at ...>); it has more (or never ends)
    """
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, description)
    try:
        items = tuple(islice(value, limit + 1))
    except PartnerRulesError:
        raise
    except Exception as exc:
        raise InvalidTypeError(
            field,
            value,
            description,
            hint=f"iterating it raised {type(exc).__name__}",
        ) from exc
    if len(items) > limit:
        raise InvalidValueError(
            field,
            value,
            f"an iterable of at most {limit} items",
            hint="it has more (or never ends)",
        )
    return items


def bounded_iter(
    field: str, value: object, description: str, *, limit: int = MAX_ITEMS
) -> Iterator[Any]:
    """Iterate an iterable argument lazily, as :func:`bounded_items` reads it.

    The same refusals as :func:`bounded_items`, but an item is yielded as soon
    as it is read, so a caller checking each item refuses a bad one at once
    (the first item of an endless iterable of wrong things, say). The
    check that *value* is an iterable happens on the first ``next``.
    """
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, description)
    try:
        iterator = iter(value)
    except Exception as exc:
        raise InvalidTypeError(
            field, value, description, hint=f"iterating it raised {type(exc).__name__}"
        ) from exc
    for count in range(limit + 1):
        try:
            item = next(iterator)
        except StopIteration:
            return
        except PartnerRulesError:
            raise
        except Exception as exc:
            raise InvalidTypeError(
                field, value, description, hint=f"iterating it raised {type(exc).__name__}"
            ) from exc
        if count == limit:
            raise InvalidValueError(
                field,
                value,
                f"an iterable of at most {limit} items",
                hint="it has more (or never ends)",
            )
        yield item


def tuple_of(kind: type | tuple[type, ...], description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a tuple whose items are all *kind*.

    For the fields of result values (reasons, lines, links...): the library
    builds them as tuples, and a caller rebuilding one must do the same.
    """

    def validator(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise InvalidTypeError(attribute.name, value, description)
        for index, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidTypeError(f"{attribute.name}[{index}]", item, description)

    return validator


def optional_instance_of(
    kind: type | tuple[type, ...], description: str
) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds an instance of *kind*, or None."""

    def validator(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidTypeError(attribute.name, value, description)

    return validator


def boolean_field(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: the field holds a bool (never a truthy str or int)."""
    boolean(attribute.name, value)


class TypedEnumType(enum.EnumType):
    """A metaclass for enums whose lookup by value raises typed errors.

    ``Kind(value)`` returns the member whose value is *value* (or *value*
    itself, a member). Anything else raises an
    :class:`~partnerrules.errors.InvalidValueError` (a ``ValueError``, as a
    plain enum lookup does) listing the values, or an
    :class:`~partnerrules.errors.InvalidTypeError` for a value that is neither
    a str nor an int; the value's own ``__eq__``, ``__hash__`` and ``__repr__``
    are never called, and a huge int is shown by its size.
    """

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:  # the functional API (``Kind("Name", "A B")``): not a lookup
            return super().__call__(value, *args, **kwargs)
        kind: Any = cls
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            key: object = str.__getitem__(value, slice(None))
        elif isinstance(value, int) and not isinstance(value, bool):
            key = int.__int__(value)
        else:
            raise InvalidTypeError(cls.__name__, value, _allowed(kind))
        # *key* is an exact str or int: hashing it runs no code of the caller's.
        member = _by_value(kind).get((type(key), key))
        if member is not None:
            return member
        raise InvalidValueError(cls.__name__, value, _allowed(kind))


def _allowed(kind: Any) -> str:
    return "one of " + ", ".join(repr(m.value) for m in kind)


# An enum's members by (type of value, value), built once per enum: a lookup is one
# dictionary access instead of a scan of the members.
_BY_VALUE: dict[type, dict[tuple[type, object], enum.Enum]] = {}


def _by_value(kind: Any) -> dict[tuple[type, object], enum.Enum]:
    table = _BY_VALUE.get(kind)
    if table is None:
        table = {}
        for member in kind:
            value = member.value
            if type(value) in (str, int):
                table.setdefault((type(value), value), member)
        _BY_VALUE[kind] = table
    return table


def _matches(value: object, kind: Any) -> bool:
    """Whether *value* fits the resolved annotation *kind* (the shapes result values use)."""
    import typing

    if kind is Any or kind is object:
        return True
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, a) for a in args)
    if kind is type(None):
        return value is None
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_matches(v, args[0]) for v in value)
        return len(args) == len(value) and all(
            _matches(v, a) for v, a in zip(value, args, strict=True)
        )
    if origin in (frozenset, set):
        return isinstance(value, origin) and all(_matches(v, args[0]) for v in value)
    if origin is not None:
        return isinstance(value, origin)
    if kind is bool:
        return type(value) is bool
    if kind is int:  # a result's counts, indexes and instants fit in 64 bits
        return isinstance(value, int) and not isinstance(value, bool) and -(2**63) < value < 2**63
    if kind is dt.datetime:
        return isinstance(value, dt.datetime) and value.utcoffset() is not None
    return isinstance(kind, type) and isinstance(value, kind)


def fields_typed(instance: Any) -> None:
    """Check every public field of an attrs *instance* against its annotation.

    For result values that callers read but rarely build: whoever builds one
    by hand gets a typed error naming the field instead of a value that fails
    later. Private fields (caches, engine state) are not checked.

    Raises:
        InvalidTypeError: a field whose value does not fit its annotation.
    """
    cls = type(instance)
    attrs.resolve_types(cls)
    for field in attrs.fields(cls):
        if field.name.startswith("_") or field.type is None:
            continue
        value = getattr(instance, field.name)
        if not _matches(value, field.type):
            shown = getattr(field.type, "__name__", None) or str(field.type).replace(
                "partnerrules.", ""
            )
            raise InvalidTypeError(field.name, value, f"a {shown}")


# -- errors whose message must print any value --------------------------------------------
# Shared by the deals and regions modules: where a value cannot be printed (an int too long
# to print, a __repr__ that raises) the message shows a stand-in; ``.value`` keeps the value.


def printable(value: object) -> object:
    """Return *value*, or a stand-in that prints when ``repr(value)`` would fail."""
    try:
        repr(value)
    except Exception:  # an int too long to print, or a __repr__ that raises
        size = f"an int of {value.bit_length()} bits" if isinstance(value, int) else "a value"
        text = f"<{size} that cannot be printed>"
        return type(type(value).__name__, (), {"__repr__": lambda _self: text})()
    return value


def type_error(
    field: str, value: object, expected: str, *, hint: str | None = None
) -> InvalidTypeError:
    try:
        return InvalidTypeError(field, value, expected, hint=hint)
    except Exception:  # the message could not print the value
        error = InvalidTypeError(field, printable(value), expected, hint=hint)
        error.value = value
        return error


def value_error(
    field: str, value: object, allowed: str, *, hint: str | None = None
) -> InvalidValueError:
    try:
        return InvalidValueError(field, value, allowed, hint=hint)
    except Exception:  # the message could not print the value
        error = InvalidValueError(field, printable(value), allowed, hint=hint)
        error.value = value
        return error


class VocabularyType(enum.EnumType):
    """The metaclass of a closed vocabulary whose lookups never fail with a bare error.

    Enum lookups hash the value they look up and print the value they reject;
    a value that cannot be hashed or printed (an int too long to print, an
    object whose ``__hash__`` or ``__repr__`` raises) would fail there with a
    bare error, so it is refused first, with :class:`InvalidValueError`.
    Shared by the vocabularies of deals and regions.
    """

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and not isinstance(value, cls):
            try:
                hash(value)
                usable = printable(value) is value
            except Exception:
                usable = False
            if not usable:
                raise value_error(cls.__name__, value, "one of " + enum_values(cls))
        return super().__call__(value, *args, **kwargs)


def enum_values(kind: Iterable[enum.Enum]) -> str:
    """The values of an enum's members, as a message lists them: ``'a', 'b'``."""
    return ", ".join(repr(member.value) for member in kind)
