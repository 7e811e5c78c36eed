"""JSON Schemas of the data files, generated from the value classes.

:func:`json_schema` describes, as a JSON Schema (draft 2020-12), the plain
form that :func:`partnerrules.convert.structure` reads and
:func:`partnerrules.convert.unstructure` writes for a type: each attrs class
becomes an object of its fields under ``$defs`` (unknown fields refused,
required ones listed, defaults given), and every other type the plain form
of the converter's table (an amount is a decimal string, an instant an ISO
string with an offset, an enum one of its values, a tuple a list).

The schema is derived from the classes each time, so it cannot drift from
the code. It checks the *shape* of a file; the classes' own checks (a range,
a rule between two fields, a rule id the programme declares) run when the
file is loaded, so a file that passes its schema may still be refused by the
loader, with a message saying why.

>>> from partnerrules.schema import json_schema
>>> from partnerrules.money import Money
>>> schema = json_schema(Money)
>>> schema["$ref"], schema["$defs"]["Money"]["required"]
('#/$defs/Money', ['amount', 'currency'])

The schemas of the three kinds of data file are :data:`DOCUMENTS`; from a
shell, ``python -m partnerrules.schema Programme`` prints one.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import json
import re
import sys
import types
import typing
from collections import abc
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from partnerrules.errors import InvalidTypeError, InvalidValueError, PartnerRulesError

__all__ = ["DIALECT", "DOCUMENTS", "json_schema", "main"]

#: The JSON Schema dialect of every schema :func:`json_schema` returns.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

#: The kinds of data file, by name, to the dotted name of the class each holds:
#: a programme (:func:`partnerrules.policies.load`), a portfolio
#: (``partnerrules run FILE``) and a lifecycle policy
#: (``structure(data, LifecyclePolicy)``).
DOCUMENTS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Programme": "partnerrules.programmes.Programme",
        "Portfolio": "partnerrules.cli.Portfolio",
        "LifecyclePolicy": "partnerrules.lifecycle.LifecyclePolicy",
    }
)

# The forms of partnerrules.convert, as patterns (anchored: JSON Schema's are searches).
_DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_OFFSET = r"[+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
_CLOCK = r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
_DATETIME = rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ]{_CLOCK}(Z|{_OFFSET})$"
_TIME = rf"^{_CLOCK}({_OFFSET})?$"
_SECONDS = r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$"
_INT_KEY = r"^-?(0|[1-9][0-9]*)$"

_Schema = dict[str, Any]


def _decimal_schema() -> _Schema:
    return {
        "description": "a decimal written as a string ('1234.56'), or an integer",
        "anyOf": [{"type": "string", "pattern": _DECIMAL}, {"type": "integer"}],
    }


def _scalar_schemas() -> dict[object, Callable[[], _Schema]]:
    return {
        str: lambda: {"type": "string"},
        bool: lambda: {"type": "boolean"},
        int: lambda: {"type": "integer"},
        float: lambda: {"type": "number"},
        Decimal: _decimal_schema,
        dt.date: lambda: {
            "description": "an ISO date such as '2026-11-23'",
            "type": "string",
            "format": "date",
            "pattern": _DATE,
        },
        dt.datetime: lambda: {
            "description": "an ISO datetime with an offset such as '2026-11-23T09:00:00-03:00'",
            "type": "string",
            "pattern": _DATETIME,
        },
        dt.time: lambda: {
            "description": "an ISO time such as '09:00' or '09:00:30'",
            "type": "string",
            "pattern": _TIME,
        },
        dt.timedelta: lambda: {
            "description": "a number of seconds ('5400', '0.25' or 5400), to the microsecond",
            "anyOf": [{"type": "string", "pattern": _SECONDS}, {"type": "integer"}],
        },
        ZoneInfo: lambda: {
            "description": "an IANA time zone such as 'America/Sao_Paulo'",
            "type": "string",
            "minLength": 1,
        },
    }


_ROLE = re.compile(r":[a-z:]+:`(~?)([^`<]*?)\s*(?:<[^`>]*>)?`")
_LITERAL = re.compile(r"``([^`]*)``")
_ENTRY = re.compile(r"([A-Za-z_]\w*)(?: \([^)]*\))?:\s*(.*)")


def _role(match: re.Match[str]) -> str:
    tilde, text = match.group(1), match.group(2)
    return text.rsplit(".", 1)[-1] if tilde else text


def _plain_text(text: str) -> str:
    """Docstring markup as plain text: ``:class:`~a.B``` is ``B``, a literal its text."""
    return " ".join(_LITERAL.sub(r"\1", _ROLE.sub(_role, text)).split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _docs(kind: type) -> tuple[str, dict[str, str]]:
    """The summary of a class's docstring and its ``Attributes:`` (or ``Args:``) entries."""
    lines = (kind.__doc__ or "").expandtabs().splitlines()
    summary = _plain_text(lines[0]) if lines else ""
    fields: dict[str, str] = {}
    base: int | None = None
    entry: int | None = None
    name = ""
    for line in lines[1:]:
        if not line.strip():
            continue
        if line.strip() in ("Attributes:", "Args:"):
            base, entry, name = _indent(line), None, ""
            continue
        if base is None:
            continue
        width = _indent(line)
        if width <= base:
            base = None
            continue
        found = _ENTRY.fullmatch(line.strip())
        if entry is None and found:
            entry = width
        if width == entry and found:
            name = found.group(1)
            fields[name] = found.group(2)
        elif name and entry is not None and width > entry:
            fields[name] += " " + line.strip()
    return summary, {k: _plain_text(v) for k, v in fields.items()}


class _Builder:
    """One schema document: the root and the ``$defs`` its classes and enums fill."""

    def __init__(self) -> None:
        self.defs: dict[str, _Schema] = {}
        self.names: dict[object, str] = {}
        self.scalars = _scalar_schemas()

    def refuse(self, kind: object, why: str) -> InvalidTypeError:
        return InvalidTypeError(
            "kind",
            kind,
            "a type the converter can load (an attrs class, an enum, str, int, bool, Decimal, "
            "a date or time, a duration, a zone, or tuple, frozenset or dict of these)",
            hint=why,
        )

    def name_of(self, kind: type) -> str:
        if kind in self.names:
            return self.names[kind]
        name = kind.__name__
        if name in self.names.values():
            name = f"{kind.__module__}.{kind.__qualname__}"
        self.names[kind] = name
        return name

    def schema(self, kind: Any) -> _Schema:
        if kind is typing.Any:
            return {}
        if kind is None or kind is type(None):
            return {"type": "null"}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return self.enum(kind)
        if isinstance(kind, type) and attrs.has(kind):
            return self.attrs_class(kind)
        if isinstance(kind, type):
            for base in type.mro(kind):
                if base in self.scalars:
                    return self.scalars[base]()
            raise self.refuse(kind, f"the converter has no plain form for {kind.__qualname__}")
        return self.generic(kind)

    def generic(self, kind: Any) -> _Schema:
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            choices: list[_Schema] = []
            for arg in args:
                choice = self.schema(arg)
                if choice not in choices:
                    choices.append(choice)
            return {"anyOf": choices}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.schema(args[0])}
        if origin is tuple and args and Ellipsis not in args:
            return {
                "type": "array",
                "prefixItems": [self.schema(a) for a in args],
                "items": False,
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (list, abc.Sequence) and len(args) == 1:
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (frozenset, set, abc.Set) and len(args) == 1:
            return {"type": "array", "items": self.schema(args[0]), "uniqueItems": True}
        if origin in (dict, abc.Mapping) and len(args) == 2:
            out: _Schema = {"type": "object", "additionalProperties": self.schema(args[1])}
            keys = self.keys(args[0])
            if keys:
                out["propertyNames"] = keys
            return out
        raise self.refuse(kind, "the converter has no plain form for it")

    def keys(self, kind: Any) -> _Schema:
        """The schema of an object's keys (JSON keys are strings)."""
        if kind is str:
            return {}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [str(m.value) for m in kind]}
        if kind is int:
            return {"pattern": _INT_KEY}
        raise self.refuse(kind, "a mapping's keys must be strings, integers or an enum")

    def enum(self, kind: type[enum.Enum]) -> _Schema:
        name = self.name_of(kind)
        if name not in self.defs:
            summary, _ = _docs(kind)
            values = [m.value for m in kind]
            if not all(type(v) in (str, int) for v in values):
                raise self.refuse(kind, "an enum's values must be strings or integers")
            self.defs[name] = {"title": kind.__name__, "description": summary, "enum": values}
        return {"$ref": f"#/$defs/{name}"}

    def attrs_class(self, kind: type) -> _Schema:
        name = self.name_of(kind)
        ref = {"$ref": f"#/$defs/{name}"}
        if name in self.defs:
            return ref
        fields = [a for a in attrs.fields(kind) if a.init]
        private = [a.name for a in fields if a.name.startswith("_")]
        if private:
            raise self.refuse(
                kind, f"{kind.__qualname__} is a computed result (private fields), not data"
            )
        self.defs[name] = {}  # reserved: a class may hold itself
        try:
            hints = typing.get_type_hints(kind)
        except Exception as exc:
            raise self.refuse(kind, f"its annotations do not resolve: {exc}") from None
        summary, described = _docs(kind)
        properties: dict[str, _Schema] = {}
        required: list[str] = []
        for a in fields:
            prop = dict(self.schema(hints.get(a.name, a.type)))
            if a.name in described:
                prop = {"description": described[a.name], **prop}
            if a.default is attrs.NOTHING:
                required.append(a.name)
            else:
                default = _default(a.default)
                if default is not attrs.NOTHING:
                    prop["default"] = default
            properties[a.name] = prop
        self.defs[name] = {
            "title": kind.__name__,
            "description": summary,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return ref


def _default(default: object) -> Any:
    """A field's default in its plain form, or ``attrs.NOTHING`` when it has none to show."""
    from partnerrules.convert import unstructure

    spec: Any = default
    if isinstance(spec, attrs.Factory):  # type: ignore[arg-type]  # attrs types Factory as a function
        if spec.takes_self:
            return attrs.NOTHING
        default = spec.factory()
    if isinstance(default, Mapping):
        default = dict(default)
    try:
        return unstructure(default)
    except PartnerRulesError:
        return attrs.NOTHING


def _loadable(kind: object, builder: _Builder) -> None:
    """Refuse, as :func:`~partnerrules.convert.structure` does, a type it cannot load."""
    from partnerrules.convert import _converter, _load_home

    try:
        if kind is typing.Any or kind is object or kind is None or kind is type(None):
            raise builder.refuse(kind, "name the type of the document, such as Programme")
        if not isinstance(kind, type) and typing.get_origin(kind) is None:
            raise builder.refuse(kind, "pass a type, not a value")
        _load_home(kind)
        _converter().get_structure_hook(kind)
    except PartnerRulesError:
        raise
    except Exception as exc:
        raise builder.refuse(kind, getattr(exc, "why", None) or str(exc)) from None


def json_schema(kind: object) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the plain form of *kind*.

    *kind* is a type :func:`partnerrules.convert.structure` loads: an attrs
    value class (:class:`~partnerrules.programmes.Programme`), an enum, a
    scalar or a parameterised container (``tuple[Money, ...]``). The result
    is a new ``dict`` ready for ``json.dumps``: ``$schema`` is
    :data:`DIALECT`, every attrs class and enum it reaches is under
    ``$defs`` by its name (with its module when two share a name), and the
    root refers to its own.

    Each field's entry has the field's description from its class's
    docstring (its ``Attributes:`` or ``Args:`` section), its plain form
    and, when it is optional, its ``default``.

    >>> from partnerrules.sla import ResponseWindow
    >>> schema = json_schema(ResponseWindow)
    >>> sorted(schema["$defs"])
    ['BusinessSpan', 'ResponseWindow']
    >>> schema["$defs"]["ResponseWindow"]["required"]
    ['target', 'limit']
    >>> schema["$defs"]["BusinessSpan"]["properties"]["unit"]["default"]
    'hours'

    Raises:
        InvalidTypeError: *kind* is not a type the converter can load (a
            value, ``None``, ``Any``, a class with no plain form, or a
            computed result with private fields).
    """
    builder = _Builder()
    _loadable(kind, builder)
    try:
        root = builder.schema(kind)
    except PartnerRulesError:
        raise
    except Exception as exc:  # a type whose hints or arguments cannot be read
        raise builder.refuse(kind, f"{type(exc).__name__}: {exc}") from None
    document: dict[str, Any] = {"$schema": DIALECT}
    if isinstance(kind, type):
        document["title"] = kind.__name__
    document.update(root)
    if builder.defs:
        document["$defs"] = builder.defs
    return document


def _named(name: str) -> type:
    """The class a document name or a dotted ``partnerrules.MODULE.CLASS`` name names."""
    dotted = DOCUMENTS.get(name, name)
    module_name, _, attr = dotted.rpartition(".")
    allowed = f"one of {', '.join(DOCUMENTS)}, or a dotted name such as partnerrules.sla.Ticket"
    parts = module_name.split(".")
    if parts[0] != "partnerrules" or any(not p.isidentifier() or p.startswith("_") for p in parts):
        raise InvalidValueError("name", name, allowed)
    try:
        found = getattr(importlib.import_module(module_name), attr)
    except Exception:  # no such module or class
        raise InvalidValueError("name", name, allowed) from None
    if not isinstance(found, type):
        raise InvalidTypeError("name", name, "the name of a class")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Print the JSON Schema of a document kind: ``python -m partnerrules.schema Programme``.

    The one argument is a name of :data:`DOCUMENTS` or a dotted class name
    (``partnerrules.sla.Ticket``); *argv* is the arguments (None: the
    command line's). Returns the exit status: 0, or 2 with a message on
    standard error when the name is unknown or not loadable.

    Raises:
        InvalidTypeError: *argv* is not a sequence of str.
    """
    from partnerrules import _validate

    given = sys.argv[1:] if argv is None else argv
    args = list(_validate.items("argv", given, "a sequence of str, or None"))
    for arg in args:
        _validate.instance("argv", arg, str, "a sequence of str")
    if len(args) != 1 or args[0] in ("-h", "--help"):
        names = " | ".join(DOCUMENTS)
        usage = f"usage: python -m partnerrules.schema {{{names} | partnerrules.MODULE.CLASS}}"
        print(usage, file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        schema = json_schema(_named(args[0]))
    except PartnerRulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
