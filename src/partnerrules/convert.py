"""Load and dump value objects and policy packs as plain data (JSON, TOML).

One strict converter of our own (never the global cattrs one) turns
dictionaries, lists, strings and numbers into the frozen values of
partnerrules and back. Every value goes through its class's own validation,
so data loaded from a file obeys exactly the same rules as data built in code.

The converter coerces nothing. Each type has one plain form:

======================================  ==========================================
Python type                             plain form
======================================  ==========================================
``str``                                 a string (a number is refused)
``bool``                                ``true`` or ``false`` (a string or a number is refused)
``int``                                 an integer (a boolean, a float such as ``12.7``
                                        and a string such as ``"12"`` are refused)
``Decimal`` (amounts, rates)            a decimal string such as ``"1234.56"``, or an
                                        integer for a whole number; a float is refused,
                                        since it cannot hold most decimal fractions
                                        exactly; no exponent, spaces or separators
:class:`~partnerrules.money.Money`      ``{"amount": "1234.56", "currency": "BRL"}``
``datetime.date``                       ``"2026-11-23"``
``datetime.datetime``                   ``"2026-11-23T09:00:00-03:00"`` (with an offset)
``datetime.time``                       ``"09:00"`` or ``"09:00:30"`` (an offset if it has one)
``datetime.timedelta``                  a number of seconds, written like a ``Decimal``
                                        (``"5400"``, ``"0.25"``, or ``5400``), to the
                                        microsecond
``ZoneInfo``                            an IANA name such as ``"America/Sao_Paulo"``
an enum                                 its value (``"how-to"``, ``2``), of the value's
                                        own type
``tuple[X, ...]``, ``frozenset[X]``     a list (a set's items must be distinct)
``dict[K, V]``, ``Mapping[K, V]``       an object; an ``int`` key may be written as
                                        its digits (``"12"``), since JSON keys are strings
an attrs class                          an object with its fields by name (unknown
                                        fields are refused, missing ones reported)
======================================  ==========================================

TOML's own dates, datetimes and times are accepted where those types are
expected. :func:`unstructure` writes exactly these forms, so its result can
be given to ``json.dumps`` as it is and read back by :func:`structure`.

Every problem of a document is reported at once, each at its location (a
JSONPath-like path, ``$`` being the root), in one :class:`PolicyFormatError`.
A class's own checks (a range, a rule between two fields) run once each of
its fields has loaded, and their error is placed at the field it names. The
target type must be one the converter can load: ``None``, ``Any``, a bare
``tuple``, an unknown class or a computed result with private fields is an
:class:`~partnerrules.errors.InvalidTypeError`.

>>> from partnerrules.convert import structure
>>> from partnerrules.money import Money
>>> structure({"amount": "10.5", "currency": "BRL"}, Money)
Money('10.50', 'BRL')
>>> structure([{"amount": "1", "currency": "BRL"}, {"amount": 0.5, "currency": "BRL"}],
...           tuple[Money, ...])
Traceback (most recent call last):
...
partnerrules.convert.PolicyFormatError: 'amount' must be a decimal string ... @ $[1].amount
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import importlib
import re
import types
import typing
from collections import abc
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from partnerrules import _validate
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    _shown,
)
from partnerrules.errors import _items as _error_items

if TYPE_CHECKING:  # cattrs loads on first use
    import cattrs

__all__ = ["PolicyFormatError", "Problem", "structure", "unstructure"]

T = TypeVar("T")


# -- problems -------------------------------------------------------------------------------


@attrs.frozen
class Problem:
    """One thing wrong in plain data: where it is, what was there, what is allowed.

    Attributes:
        path: where, as a JSONPath-like location: ``$`` is the document,
            ``.name`` a field, ``[2]`` an item of a list, ``['BR']`` a key of
            an object (``$.tiers[2].rate``).
        value: the value found there; ``attrs.NOTHING`` when a required
            field is missing.
        allowed: what would have been accepted there.
        message: the whole sentence: the field, the value and what is allowed.

    ``str(problem)`` is the message and the path: ``"... @ $.tiers[2].rate"``.
    """

    path: str = attrs.field(validator=_validate.instance_of(str, "a str"))
    # Shown safely in the repr: the value may be anything a document held.
    value: Any = attrs.field(hash=False, repr=_shown)
    allowed: str = attrs.field(validator=_validate.instance_of(str, "a str"))
    message: str = attrs.field(validator=_validate.instance_of(str, "a str"))

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class PolicyFormatError(PartnerRulesError, ValueError):
    """Plain data that does not describe a valid value.

    Raised once per document with every problem in it, never just the first.

    Attributes:
        problems: every problem found, in document order.
        errors: the same problems as strings, each ending with ``@ $.path``.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        # Like every error's constructor, this one never raises: at most
        # 100,000 problems are read (the iterable may be endless), and an item
        # that is not a Problem is shown as it is.
        self.problems = _error_items(problems)
        self.errors = tuple(str(p) if isinstance(p, Problem) else _shown(p) for p in self.problems)
        count = len(self.errors)
        head = "" if count == 1 else f"{count} problems: "
        super().__init__(head + "; ".join(self.errors))


# -- paths ----------------------------------------------------------------------------------


class _Key:
    """A key of a mapping, as a path segment (a field is a str, an index an int)."""

    __slots__ = ("key",)

    def __init__(self, key: object) -> None:
        self.key = key


_Segment = str | int | _Key
_Path = tuple[_Segment, ...]


def _format_path(path: _Path) -> str:
    out = ["$"]
    for seg in path:
        if isinstance(seg, _Key):
            out.append(f"[{seg.key!r}]")
        elif isinstance(seg, int):
            out.append(f"[{seg}]")
        elif seg.isidentifier():
            out.append(f".{seg}")
        else:
            out.append(f"[{seg!r}]")
    return "".join(out)


def _leaf(path: _Path) -> str:
    """The name an error message gives the value at *path*: ``'rate'``, ``'tiers[2]'``."""
    tail: list[str] = []
    for seg in reversed(path):
        if isinstance(seg, str):
            return seg + "".join(reversed(tail))
        tail.append(f"[{seg.key!r}]" if isinstance(seg, _Key) else f"[{seg}]")
    return "value" + "".join(reversed(tail))


_FIELD_PATH = re.compile(r"[A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*")
_FIELD_PART = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


def _field_path(field: str) -> _Path:
    return tuple(name if name else int(index) for name, index in _FIELD_PART.findall(field))


# -- the errors the hooks raise --------------------------------------------------------------


class _BadValueError(Exception):
    """A leaf value of the wrong type or form; the message is built with its path."""

    def __init__(
        self,
        value: Any,
        allowed: str,
        *,
        hint: str | None = None,
        wrong_type: bool,
        key: bool = False,
    ) -> None:
        super().__init__(allowed)
        self.value = value
        self.allowed = allowed
        self.hint = hint
        self.wrong_type = wrong_type
        self.key = key


def _wrong_type(value: Any, allowed: str, hint: str | None = None) -> _BadValueError:
    return _BadValueError(value, allowed, hint=hint, wrong_type=True)


def _wrong_value(value: Any, allowed: str, hint: str | None = None) -> _BadValueError:
    return _BadValueError(value, allowed, hint=hint, wrong_type=False)


class _GroupError(Exception):
    """Several problems inside one container, each at its own sub-path."""

    def __init__(self, items: list[tuple[_Path, BaseException]]) -> None:
        super().__init__(f"{len(items)} problems")
        self.items = items


class _TooDeepError(Exception):
    """The data is nested deeper than Python's recursion limit lets us follow."""


class _UnknownKindError(Exception):
    """A type the converter cannot load (a programming error, not a data error)."""

    def __init__(self, kind: object, why: str) -> None:
        super().__init__(why)
        self.kind = kind
        self.why = why


# -- scalars --------------------------------------------------------------------------------

_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:[+-][0-9]{2}:[0-9]{2})?")
_SECONDS = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")
_INT_KEY = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DECIMAL_FORM = "a decimal string such as '1234.56' (or an integer)"


def _decimal(value: Any, _: object = None) -> Decimal:
    if isinstance(value, float):
        raise _wrong_type(
            value,
            _DECIMAL_FORM,
            hint=f"write it as a string, {str(value)!r}: a float cannot hold most decimals exactly",
        )
    if isinstance(value, Decimal):
        if value.is_finite():
            return value
        raise _wrong_value(value, "a finite number")
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value):
            return Decimal(value)
        raise _wrong_value(
            value, _DECIMAL_FORM, hint="digits, an optional '-' and '.'; no exponent or spaces"
        )
    raise _wrong_type(value, _DECIMAL_FORM)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _wrong_type(value, "true or false")


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    hint = None
    if isinstance(value, float) and value.is_integer():
        hint = f"write it without a fraction: {int(value)}"
    elif isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        hint = f"write it as a number, without quotes: {value}"
    raise _wrong_type(value, "an integer", hint=hint)


def _str(value: Any) -> str:
    if isinstance(value, str):
        return str(value)
    raise _wrong_type(value, "a string")


def _float(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        result = float(value)
        if result == result and abs(result) != float("inf"):
            return result
        raise _wrong_value(value, "a finite number")
    raise _wrong_type(value, "a number")


@functools.cache
def _enum_values(kind: type[enum.Enum]) -> tuple[tuple[type, Any, enum.Enum], ...]:
    return tuple((type(m.value), m.value, m) for m in kind)


def _enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    members = _enum_values(kind)
    for value_type, member_value, member in members:
        if type(value) is value_type and value == member_value:
            return member
    allowed = "one of " + ", ".join(repr(v) for _, v, _ in members)
    names = {m.name.casefold(): v for _, v, m in members}
    hint = None
    if isinstance(value, str) and value.casefold() in names:
        hint = f"write the value, not the name: {names[value.casefold()]!r}"
    raise _BadValueError(value, allowed, hint=hint, wrong_type=False)


def _scalar(value: Any, kind: type) -> Any:
    # One hook for the classes cattrs dispatches by subclass: an IntEnum or a
    # StrEnum is an int or a str, so the enum check comes first.
    if issubclass(kind, enum.Enum):
        return _enum(value, kind)
    if issubclass(kind, bool):
        return _bool(value)
    if issubclass(kind, int):
        return _int(value)
    if issubclass(kind, str):
        return _str(value)
    return _float(value)


def _text(value: Any, allowed: str) -> str:
    if not isinstance(value, str):
        raise _wrong_type(value, allowed)
    return value


def _date(value: Any, _: object = None) -> dt.date:
    allowed = "an ISO date such as '2026-11-23'"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = _text(value, allowed)
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _wrong_value(value, allowed)


def _datetime(value: Any, _: object = None) -> dt.datetime:
    allowed = "an ISO datetime with an offset such as '2026-11-23T09:00:00-03:00'"
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = _text(value, allowed)
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            raise _wrong_value(value, allowed) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        hint = NaiveDatetimeError("datetime", value).hint
        raise _wrong_value(value, "an aware datetime (with an offset such as '-03:00')", hint)
    return parsed


def _time(value: Any, _: object = None) -> dt.time:
    allowed = "an ISO time such as '09:00'"
    if isinstance(value, dt.time):
        return value
    text = _text(value, allowed)
    if _TIME.fullmatch(text):
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            pass
    raise _wrong_value(value, allowed)


def _timedelta(value: Any, _: object = None) -> dt.timedelta:
    allowed = "a number of seconds such as '5400' or '0.25' (to the microsecond)"
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, str) and not _SECONDS.fullmatch(value):
        hint = "at most 6 decimal places" if _DECIMAL.fullmatch(value) else None
        raise _wrong_value(value, allowed, hint=hint)
    try:
        seconds = _decimal(value)
    except _BadValueError as bad:
        raise _BadValueError(value, allowed, hint=bad.hint, wrong_type=bad.wrong_type) from None
    micro = Fraction(seconds) * 1_000_000  # exact, whatever the caller's decimal context
    if micro.denominator != 1:
        raise _wrong_value(value, allowed, hint="at most 6 decimal places")
    try:
        return dt.timedelta(microseconds=int(micro))
    except OverflowError:
        raise _wrong_value(value, "a duration within 999,999,999 days") from None


def _zone(value: Any, _: object = None) -> ZoneInfo:
    allowed = "an IANA zone such as 'America/Sao_Paulo'"
    if isinstance(value, ZoneInfo):
        return value
    name = _text(value, allowed)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise _wrong_value(value, allowed) from None


# -- containers -----------------------------------------------------------------------------

_CONTAINERS = (tuple, list, dict, set, frozenset, abc.Sequence, abc.Mapping, abc.Set)


def _origin(kind: Any) -> Any:
    return typing.get_origin(kind)


def _is_sequence(kind: Any) -> bool:
    args = typing.get_args(kind)
    origin = _origin(kind)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin in (list, abc.Sequence) and len(args) == 1


def _is_fixed_tuple(kind: Any) -> bool:
    args = typing.get_args(kind)
    return _origin(kind) is tuple and bool(args) and Ellipsis not in args


def _is_set(kind: Any) -> bool:
    return _origin(kind) in (frozenset, set, abc.Set) and len(typing.get_args(kind)) == 1


def _is_mapping(kind: Any) -> bool:
    return _origin(kind) in (dict, abc.Mapping) and len(typing.get_args(kind)) == 2


def _is_optional(kind: Any) -> bool:
    args = typing.get_args(kind)
    is_union = _origin(kind) in (typing.Union, types.UnionType)
    return is_union and len(args) == 2 and type(None) in args


def _is_bare_container(kind: Any) -> bool:
    if kind in _CONTAINERS:
        return True
    return _origin(kind) in _CONTAINERS and not typing.get_args(kind)


def _is_unloadable(kind: Any) -> bool:
    return kind is typing.Any or kind is object or kind is None or kind is type(None)


def _items(value: Any, describe: str) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return list(value)
    raise _wrong_type(value, describe)


def _run(items: Iterable[tuple[_Segment, Callable[[], Any]]]) -> list[Any]:
    """Call each thunk; collect every failure with its segment, then raise them together."""
    out: list[Any] = []
    failures: list[tuple[_Path, BaseException]] = []
    for segment, thunk in items:
        try:
            out.append(thunk())
        except Exception as exc:
            failures.append(((segment,), exc))
    if failures:
        raise _GroupError(failures)
    return out


def _sequence_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (item_kind, *_) = typing.get_args(kind)
    item = conv.get_structure_hook(item_kind)
    make = list if _origin(kind) is list else tuple

    def hook(value: Any, _: object) -> Any:
        items = _items(value, "a list")
        return make(_run((i, functools.partial(item, v, item_kind)) for i, v in enumerate(items)))

    return hook


def _fixed_tuple_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    kinds = typing.get_args(kind)
    hooks = [conv.get_structure_hook(k) for k in kinds]

    def hook(value: Any, _: object) -> Any:
        items = _items(value, f"a list of {len(kinds)} items")
        if len(items) != len(kinds):
            raise _wrong_value(value, f"a list of exactly {len(kinds)} items")
        return tuple(
            _run(
                (i, functools.partial(h, v, k))
                for i, (h, v, k) in enumerate(zip(hooks, items, kinds, strict=True))
            )
        )

    return hook


def _set_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (item_kind,) = typing.get_args(kind)
    item = conv.get_structure_hook(item_kind)
    make = set if _origin(kind) is set else frozenset

    def hook(value: Any, _: object) -> Any:
        items = _items(value, "a list of distinct items")
        built = _run((i, functools.partial(item, v, item_kind)) for i, v in enumerate(items))
        seen: dict[Any, int] = {}
        failures: list[tuple[_Path, BaseException]] = []
        for i, member in enumerate(built):
            try:
                first = seen.setdefault(member, i)
            except TypeError:
                continue  # an unhashable member fails when the set is built below
            if first != i:
                failures.append(
                    ((i,), _wrong_value(items[i], f"distinct from item [{first}] (a set)"))
                )
        if failures:
            raise _GroupError(failures)
        return make(built)

    return hook


def _int_key(value: Any) -> Any:
    if isinstance(value, str) and len(value) < 100 and _INT_KEY.fullmatch(value):
        return int(value)
    return value


def _mapping_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    key_kind, value_kind = typing.get_args(kind)
    key_hook = conv.get_structure_hook(key_kind)
    value_hook = conv.get_structure_hook(value_kind)
    int_keys = isinstance(key_kind, type) and issubclass(key_kind, int)
    frozen = _origin(kind) is not dict

    def one(key: Any, item: Any) -> tuple[Any, Any]:
        try:
            built_key = key_hook(_int_key(key) if int_keys else key, key_kind)
        except _BadValueError as bad:
            if int_keys and not _is_enum(key_kind):
                allowed, hint = "an integer written as digits, such as '12'", None
            else:
                allowed, hint = bad.allowed, bad.hint
            raise _BadValueError(key, allowed, hint=hint, wrong_type=False, key=True) from None
        return built_key, value_hook(item, value_kind)

    def hook(value: Any, _: object) -> Any:
        if not isinstance(value, Mapping):
            raise _wrong_type(value, "an object (a mapping of keys to values)")
        pairs = _run((_Key(k), functools.partial(one, k, v)) for k, v in value.items())
        built = dict(pairs)
        return types.MappingProxyType(built) if frozen else built

    return hook


def _is_value_or_object(kind: Any) -> bool:
    """A union of one enum and one attrs class (a clock: a kind's name, or a calendar)."""
    args = typing.get_args(kind)
    if _origin(kind) not in (typing.Union, types.UnionType) or len(args) != 2:
        return False
    return sum(map(_is_enum, args)) == 1 and sum(1 for a in args if attrs.has(a)) == 1


def _value_or_object_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (named,) = (k for k in typing.get_args(kind) if _is_enum(k))
    (built,) = (k for k in typing.get_args(kind) if attrs.has(k))
    named_hook, built_hook = conv.get_structure_hook(named), conv.get_structure_hook(built)

    def hook(value: Any, _: object) -> Any:
        if isinstance(value, Mapping):
            return built_hook(value, built)
        return named_hook(value, named)

    return hook


def _optional_hook(kind: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (inner,) = (k for k in typing.get_args(kind) if k is not type(None))
    inner_hook = conv.get_structure_hook(inner)

    def hook(value: Any, _: object) -> Any:
        return None if value is None else inner_hook(value, inner)

    return hook


# -- attrs classes --------------------------------------------------------------------------


def _private(kind: type) -> list[str]:
    return [a.name for a in attrs.fields(kind) if a.name.startswith("_")]


def _attrs_hook(kind: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    from cattrs.gen import make_dict_structure_fn

    private = [a.name for a in attrs.fields(kind) if a.init and a.name.startswith("_")]
    if private:
        raise _UnknownKindError(
            kind,
            f"{kind.__qualname__} has private fields ({', '.join(private)}): "
            "it is a computed result, not something to load",
        )
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        kind, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    described = f"an object with the fields of {kind.__name__}"

    def hook(value: Any, _: object) -> Any:
        if not isinstance(value, Mapping):
            raise _wrong_type(value, described)
        return inner(value, kind)

    return hook


# -- the converter --------------------------------------------------------------------------


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _unknown_factory(kind: Any) -> Callable[[Any, Any], Any]:
    from cattrs.errors import StructureHandlerNotFoundError

    raise StructureHandlerNotFoundError(f"the converter does not know {kind!r}", kind)


def _time_plain(value: dt.time) -> str:
    exact = value.second or value.microsecond
    return value.isoformat(timespec="auto" if exact else "minutes")


def _seconds_plain(value: dt.timedelta) -> str:
    micro = value // dt.timedelta(microseconds=1)
    whole, fraction = divmod(abs(micro), 1_000_000)
    sign = "-" if micro < 0 else ""
    if not fraction:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{fraction:06d}".rstrip("0")


def _sort_key(item: Any) -> str:
    import json

    return json.dumps(item, sort_keys=True, default=repr)


def _attrs_unstructure(kind: type, conv: cattrs.Converter) -> Callable[[Any], Any]:
    from cattrs.gen import make_dict_unstructure_fn, override

    # A computed result that keeps its data in private fields names the public attributes
    # (properties included) that make its plain form.
    names: tuple[str, ...] | None = getattr(kind, "_plain_fields", None)
    if names is not None:

        def plain(value: Any) -> Any:
            return {name: conv.unstructure(getattr(value, name)) for name in names}

        return plain
    omitted = {name: override(omit=True) for name in _private(kind)}
    return make_dict_unstructure_fn(kind, conv, **omitted)  # type: ignore[arg-type]


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs

    conv = cattrs.Converter(
        detailed_validation=True,
        forbid_extra_keys=True,
        structure_fallback_factory=_unknown_factory,
    )
    for scalar in (bool, int, str, float):
        conv.register_structure_hook(scalar, _scalar)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(dt.datetime, _datetime)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(dt.time, _time)
    conv.register_structure_hook(dt.timedelta, _timedelta)
    conv.register_structure_hook(ZoneInfo, _zone)
    conv.register_structure_hook_func(_is_enum, _scalar)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_structure_hook_factory(_is_value_or_object, _value_or_object_hook)
    conv.register_structure_hook_factory(_is_sequence, _sequence_hook)
    conv.register_structure_hook_factory(_is_fixed_tuple, _fixed_tuple_hook)
    conv.register_structure_hook_factory(_is_set, _set_hook)
    conv.register_structure_hook_factory(_is_mapping, _mapping_hook)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)

    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.time, _time_plain)
    conv.register_unstructure_hook(dt.timedelta, _seconds_plain)
    conv.register_unstructure_hook(ZoneInfo, str)
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure)
    conv.register_unstructure_hook_func(
        lambda t: t in (frozenset, set) or _origin(t) in (frozenset, set),
        lambda s: sorted((conv.unstructure(item) for item in s), key=_sort_key),
    )
    return conv


def _load_home(kind: object) -> None:
    # Type hints are read in the namespace of the class's module; a class
    # documented under the module that re-exports it needs that module loaded.
    if isinstance(kind, type):
        importlib.import_module(kind.__module__)
    for arg in typing.get_args(kind):
        _load_home(arg)


# -- turning cattrs' errors into problems ---------------------------------------------------


def _problem(path: _Path, value: Any, allowed: str, message: str) -> Problem:
    return Problem(path=_format_path(path), value=value, allowed=allowed, message=message)


def _from_error(exc: PartnerRulesError, path: _Path, fallback: Any) -> Problem:
    value = getattr(exc, "value", fallback)
    allowed = getattr(exc, "allowed", None) or getattr(exc, "expected", None)
    known = getattr(exc, "known", None)
    if allowed is None and isinstance(known, tuple):
        shown = ", ".join(repr(k) for k in known[:12])
        allowed = f"one of {shown}" + (f" ({len(known)} in all)" if len(known) > 12 else "")
    return _problem(path, value, str(allowed or exc), str(exc))


def _refused(exc: BaseException, kind: type, path: _Path, out: list[Problem]) -> None:
    """Report an error of a class's own checks, run once each field had loaded.

    When the error names a field of the class (``'months'``, ``'tiers[0].minimum'``),
    the problem is placed at that field.
    """
    if not isinstance(exc, PartnerRulesError):
        message = f"cannot build {kind.__name__}: {type(exc).__name__}: {exc}"
        out.append(_problem(path, None, f"a valid {kind.__name__}", message))
        return
    field = getattr(exc, "field", None)
    if isinstance(field, str) and _FIELD_PATH.fullmatch(field):
        at = _field_path(field)
        if attrs.has(kind) and at[0] in {a.name for a in attrs.fields(kind) if a.init}:
            path = (*path, *at)
    out.append(_from_error(exc, path, None))


def _collect(exc: BaseException, path: _Path, out: list[Problem]) -> None:
    from cattrs import (
        BaseValidationError,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )
    from cattrs.errors import AttributeValidationNote, IterableValidationNote

    if isinstance(exc, RecursionError):
        raise _TooDeepError from None
    if isinstance(exc, ClassValidationError):
        kind = exc.cl
        for sub in exc.exceptions:
            notes = [n for n in getattr(sub, "__notes__", ()) if type(n) is AttributeValidationNote]
            if notes:
                name = notes[0].name
                here = (*path, name)
                if isinstance(sub, KeyError) and sub.args == (name,):
                    allowed = f"a value (a required field of {kind.__name__})"
                    message = f"{name!r} is missing (a required field of {kind.__name__})"
                    out.append(_problem(here, attrs.NOTHING, allowed, message))
                else:
                    _collect(sub, here, out)
            elif isinstance(sub, (ForbiddenExtraKeysError, BaseValidationError)):
                _collect(sub, path, out)
            else:
                _refused(sub, kind, path, out)
    elif isinstance(exc, IterableValidationError):
        for item in exc.exceptions:
            found = [n for n in getattr(item, "__notes__", ()) if type(n) is IterableValidationNote]
            index = found[0].index if found else None
            _collect(item, path if index is None else (*path, index), out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = sorted(a.name for a in attrs.fields(exc.cl) if a.init)
        allowed = "one of the fields " + ", ".join(fields)
        for key in sorted(exc.extra_fields, key=str):
            close = difflib.get_close_matches(str(key), fields, n=1)
            tail = f"; did you mean {close[0]!r}?" if close else f" ({allowed})"
            message = f"{key!r} is not a field of {exc.cl.__name__}{tail}"
            out.append(_problem((*path, key), key, allowed, message))
    elif isinstance(exc, _GroupError):
        for sub_path, failure in exc.items:
            _collect(failure, (*path, *sub_path), out)
    elif isinstance(exc, _BadValueError):
        leaf = f"{_leaf(path[:-1])} key" if exc.key else _leaf(path)
        error: PartnerRulesError
        if exc.wrong_type:
            error = InvalidTypeError(leaf, exc.value, exc.allowed, hint=exc.hint)
        else:
            error = InvalidValueError(leaf, exc.value, exc.allowed, hint=exc.hint)
        out.append(_problem(path, exc.value, exc.allowed, str(error)))
    elif isinstance(exc, PartnerRulesError):
        out.append(_from_error(exc, path, None))
    else:
        # A hook of a class met something it did not expect; say what, never raise it.
        message = f"cannot load this value: {type(exc).__name__}: {exc}"
        out.append(_problem(path, None, "a valid value", message))


def _refuse_kind(kind: object, why: str) -> InvalidTypeError:
    return InvalidTypeError(
        "kind",
        kind,
        "a type the converter can load (an attrs class, an enum, str, int, bool, Decimal, "
        "a date or time, or tuple, frozenset or dict of these)",
        hint=why,
    )


def structure(data: object, kind: type[T]) -> T:
    """Build a value of *kind* from plain data, validating every field.

    *kind* is a class or a parameterised type (``tuple[Money, ...]``); the
    result is typed as that type. The plain forms are those in the table at
    the top of this module.

    >>> from partnerrules.contracts import Contract
    >>> contract = structure(
    ...     {"id": "C-1", "customer": "ACME", "start": "2026-01-01", "months": 12.7,
    ...      "monthly": {"amount": "10000", "currency": "BRL"}, "discount": 0.1},
    ...     Contract,
    ... )
    Traceback (most recent call last):
    ...
    partnerrules.convert.PolicyFormatError: 2 problems: 'months' must be an integer ... @ $.discount

    Raises:
        PolicyFormatError: the data is not a valid *kind*; ``problems`` lists
            every problem, each with its path, value and what is allowed.
        InvalidTypeError: *kind* is not a type the converter can load
            (``None``, ``Any``, a value instead of a type, a class it does not
            know, or a computed result with private fields).
    """
    from cattrs.errors import StructureHandlerNotFoundError

    given: object = kind
    if _is_unloadable(given):
        raise _refuse_kind(given, "name the type to build, such as Money or tuple[Money, ...]")
    # A value is refused before any comparison, so its own __eq__ never runs.
    if not isinstance(given, type) and _origin(given) is None:
        raise _refuse_kind(given, "pass a type, not a value")
    if _is_bare_container(given):
        raise _refuse_kind(given, "say what the items are, such as tuple[str, ...]")
    try:
        _load_home(kind)
        hook = _converter().get_structure_hook(kind)
    except _UnknownKindError as exc:
        raise _refuse_kind(kind, exc.why) from None
    except StructureHandlerNotFoundError as exc:
        raise _refuse_kind(kind, str(exc)) from None
    except Exception as exc:
        raise _refuse_kind(kind, f"{type(exc).__name__}: {exc}") from None
    try:
        return hook(data, kind)  # type: ignore[no-any-return]
    except Exception as exc:
        problems: list[Problem] = []
        try:
            _collect(exc, (), problems)
        except (_TooDeepError, RecursionError):
            message = "the data is nested too deeply to load"
            problems = [Problem(path="$", value=None, allowed="less nesting", message=message)]
        raise PolicyFormatError(problems) from None


# -- unstructure ----------------------------------------------------------------------------


#: The longest int plain data holds: Python's own default limit for int <-> str.
_JSON_INT_DIGITS: Final = 4300
_JSON_INT_LIMIT: Final = 10**_JSON_INT_DIGITS


def _plain(value: Any, path: _Path) -> Any:
    """Check *value* is JSON-ready; tuples become lists, ``int`` keys strings."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _JSON_INT_LIMIT:
        raise InvalidValueError(
            _format_path(path),
            value,
            f"an int of at most {_JSON_INT_DIGITS} digits",
            hint="JSON readers, Python's among them, refuse longer numbers",
        )
    if isinstance(value, enum.Enum):  # a str or int enum is still written as its value
        return _plain(value.value, path)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value == value and abs(value) != float("inf"):
            return value
    elif isinstance(value, (list, tuple)):
        return [_plain(item, (*path, i)) for i, item in enumerate(value)]
    elif isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(key, int) and not isinstance(key, bool):
                key = str(key)
            if not isinstance(key, str):
                raise InvalidTypeError(
                    _format_path(path), key, "a str key", hint="JSON object keys are strings"
                )
            out[key] = _plain(item, (*path, _Key(key)))
        return out
    raise InvalidTypeError(
        _format_path(path),
        value,
        "plain data (a string, number, boolean, null, list or object)",
        hint=f"the converter has no plain form for {type(value).__qualname__}",
    )


def unstructure(value: object) -> Any:
    """Turn a value into JSON-ready plain data that :func:`structure` reads back.

    The result holds only ``dict`` (with ``str`` keys), ``list``, ``str``,
    ``int``, ``bool`` and ``None``: amounts and rates are decimal strings,
    dates and datetimes ISO strings, enums their values, sets sorted lists.
    Private attributes (names starting with ``_``: caches, internal plans)
    are left out.

    >>> from partnerrules.money import brl
    >>> unstructure(brl("1234.5"))
    {'amount': '1234.50', 'currency': 'BRL'}

    Raises:
        InvalidTypeError: *value* is a class, or holds something with no
            plain form (the message gives its path).
    """
    if isinstance(value, type):
        raise InvalidTypeError("value", value, "a value, not a class")
    _load_home(type(value))
    try:
        plain = _converter().unstructure(value)
    except Exception as exc:
        raise InvalidTypeError(
            "value",
            value,
            "a value with a plain form",
            hint=f"unstructuring failed with {type(exc).__name__}: {exc}",
        ) from None
    return _plain(plain, ())
