"""The exceptions partnerrules raises.

Every error the library raises on purpose derives from
:class:`PartnerRulesError`, and each narrow subclass also derives from the
builtin a caller would naturally catch, so ``except ValueError`` keeps working
in code that does not know about partnerrules.

Each error carries the offending *field*, the *value* it was given and what is
*allowed*, both as attributes (for programs) and in the message (for people):

>>> from partnerrules.errors import InvalidValueError
>>> err = InvalidValueError("months", 0, "an integer >= 1")
>>> str(err)
"'months' must be an integer >= 1 (got 0)"
>>> err.field, err.value, isinstance(err, ValueError)
('months', 0, True)

Building a message never fails, whatever the value: the attributes keep the
value as given, while the message shows a short, safe rendering of it (a
value whose ``repr`` raises, or is very long, or an ``int`` too large to
print, is summarised instead):

>>> str(InvalidValueError("cnpj", 10**5000, "a 14-digit number"))
"'cnpj' must be a 14-digit number (got <int with 5001 digits>)"
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from itertools import islice
from typing import Any, Final

__all__ = [
    "CurrencyMismatchError",
    "HorizonError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "OutOfRangeError",
    "PartnerRulesError",
    "UnknownKeyError",
]

#: The longest rendering of a value a message shows, ellipsis included.
_SHOWN_MAX: Final = 80
#: Containers longer than this are summarised without a full repr.
_SIZED_MAX: Final = 1000
#: Above this many bits an int is described rather than printed (CPython
#: refuses to print ints of more than 4,300 digits, and printing is quadratic).
_INT_BITS_MAX: Final = 4 * _SHOWN_MAX
#: Up to this many bits the digit count of a huge int is computed exactly.
_INT_BITS_EXACT: Final = 1 << 16
#: Values longer than this get no "did you mean" suggestions (difflib is slow on them).
_SUGGEST_MAX: Final = 100
#: The most known keys (or missing items) an error keeps.
_ITEMS_MAX: Final = 100_000


def _type_name(value: object) -> str:
    try:
        return str.__str__(type(value).__name__)
    except Exception:
        return "object"


def _describe_int(value: int) -> str:
    plain = int.__int__(value)  # a plain int: a subclass's methods cannot intervene
    magnitude = abs(plain)
    bits = magnitude.bit_length()
    digits = int(bits * math.log10(2)) + 1
    sign = "negative " if plain < 0 else ""
    if bits <= _INT_BITS_EXACT:
        # digits is the true count or one more: one comparison settles it.
        if magnitude < 10 ** (digits - 1):
            digits -= 1
        return f"<{sign}int with {digits} digits>"
    return f"<{sign}int with about {digits} digits>"


def _shorten(text: str) -> str:
    if len(text) <= _SHOWN_MAX:
        return text
    return f"{text[: _SHOWN_MAX - 20]}... ({len(text)} chars)"


def _shown(value: object) -> str:
    """Render *value* for an error message: never raises, never long.

    Mostly ``repr(value)``; a repr longer than 80 characters is cut with an
    ellipsis and its length, a value whose ``repr`` raises is named by its
    type, and a huge ``int`` is described by its digit count (without
    converting it to a string).

    >>> _shown("BRL")
    "'BRL'"
    >>> _shown("x" * 5000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (5000 chars)"
    >>> _shown(-(10**5000))
    '<negative int with 5001 digits>'
    >>> class Hostile:
    ...     def __repr__(self):
    ...         raise RuntimeError("no")
    >>> _shown(Hostile())
    '<unprintable Hostile>'
    """
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            if int.bit_length(value) > _INT_BITS_MAX:
                return _describe_int(value)
        elif isinstance(value, str) and str.__len__(value) > _SHOWN_MAX:
            # Show the head only: a full repr of a huge string is a huge copy.
            head = repr(str.__getitem__(value, slice(0, _SHOWN_MAX)))
            return f"{head[: _SHOWN_MAX - 20]}... ({str.__len__(value)} chars)"
        elif isinstance(value, (bytes, bytearray)) and len(value) > _SHOWN_MAX:
            head = repr(bytes(memoryview(value)[:_SHOWN_MAX]))
            return f"{head[: _SHOWN_MAX - 20]}... ({len(value)} bytes)"
        elif isinstance(value, (list, tuple, dict, set, frozenset)) and len(value) > _SIZED_MAX:
            return f"<{_type_name(value)} of {len(value)} items>"
        text = repr(value)
        if not isinstance(text, str):  # defensive: repr() itself refuses these
            raise TypeError("repr returned a non-string")
        return _shorten(str.__str__(text))
    except Exception:
        return _base_repr(value)


def _base_repr(value: object) -> str:
    # The repr of a str or int subclass whose own repr failed: that of its base.
    try:
        if isinstance(value, str):
            return _shown(str.__getitem__(value, slice(None)))
        if isinstance(value, int) and not isinstance(value, bool):
            return _shown(int.__int__(value))
    except Exception:  # defensive: the base reprs do not raise
        pass
    return f"<unprintable {_type_name(value)}>"


def _text(value: object) -> str:
    # A description given to an error (field, allowed, hint): used as text if
    # it is a str (a plain copy, so a str subclass cannot interfere), else shown.
    if isinstance(value, str):
        return str.__getitem__(value, slice(None))
    return _shown(value)


def _with_hint(message: str, hint: object) -> str:
    if hint is None:
        return message
    text = _text(hint)
    return f"{message}; {text}" if text else message


class PartnerRulesError(Exception):
    """Base class of every error partnerrules raises on purpose."""


class InvalidValueError(PartnerRulesError, ValueError):
    """A value of the right type but outside what is allowed.

    Attributes:
        field: the name of the argument or attribute that was wrong.
        value: the value that was given.
        allowed: a short description of what is allowed.
        hint: how to fix it, when there is an obvious fix.
    """

    def __init__(self, field: str, value: Any, allowed: str, *, hint: str | None = None):
        self.field = field
        self.value = value
        self.allowed = allowed
        self.hint = hint
        message = f"{_shown(_text(field))} must be {_text(allowed)} (got {_shown(value)})"
        super().__init__(_with_hint(message, hint))


class InvalidTypeError(PartnerRulesError, TypeError):
    """A value of the wrong type.

    Attributes:
        field: the name of the argument or attribute that was wrong.
        value: the value that was given.
        expected: a description of the accepted types.
        hint: how to fix it, when there is an obvious fix.
    """

    def __init__(self, field: str, value: Any, expected: str, *, hint: str | None = None):
        self.field = field
        self.value = value
        self.expected = expected
        self.hint = hint
        got = f"{_type_name(value)} {_shown(value)}"
        message = f"{_shown(_text(field))} must be {_text(expected)} (got {got})"
        super().__init__(_with_hint(message, hint))


class OutOfRangeError(InvalidValueError, IndexError):
    """An index outside a sequence (also an :class:`IndexError`, as the protocol wants)."""


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a time zone where an aware one is required."""

    def __init__(self, field: str, value: Any):
        super().__init__(
            field,
            value,
            "an aware datetime (with tzinfo)",
            hint="attach a zone, e.g. dt.replace(tzinfo=ZoneInfo('America/Sao_Paulo'))",
        )


class CurrencyMismatchError(InvalidValueError):
    """Two amounts in different currencies were combined.

    Attributes:
        currencies: the two currency codes, in the order they were met.
    """

    def __init__(self, field: str, left: str, right: str):
        self.currencies = (left, right)
        super().__init__(
            field,
            right,
            f"in the same currency as {_shown(left)}",
            hint="convert explicitly before combining amounts",
        )


class HorizonError(InvalidValueError):
    """A date beyond the range for which the library has trustworthy data."""


class InvalidTransitionError(PartnerRulesError, ValueError):
    """A state machine was asked for a step it cannot take now.

    Attributes:
        state: the current state.
        target: the requested state.
        missing: every item that is missing or wrong, never just the first
            (a single string counts as one item).
    """

    def __init__(self, state: str, target: str, missing: Iterable[str]):
        self.state = state
        self.target = target
        self.missing = _items(missing)
        detail = "; ".join(_text(m) for m in self.missing) or "transition not allowed"
        super().__init__(f"cannot go from {_shown(state)} to {_shown(target)}: {detail}")


def _items(values: object) -> tuple[Any, ...]:
    # The items of an iterable (at most _ITEMS_MAX of them: it may be endless),
    # or the value itself as one item (a str, or anything not iterable).
    if isinstance(values, str):
        return (values,)
    try:
        return tuple(islice(values, _ITEMS_MAX))  # type: ignore[call-overload]
    except Exception:
        return (values,)


def _sorted(values: tuple[Any, ...]) -> tuple[Any, ...]:
    try:
        return tuple(sorted(values))
    except Exception:
        return tuple(sorted(values, key=_shown))


def _as_key(value: object) -> str | None:
    # The text to look for close matches of: a short str, or a small int as
    # text; None for anything else (nothing of the value's own code is run).
    if isinstance(value, str):
        text = str.__getitem__(value, slice(None))
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(int.__int__(value)) if int.bit_length(value) <= _INT_BITS_MAX else ""
    else:
        return None
    return text if 0 < len(text) <= _SUGGEST_MAX else None


class UnknownKeyError(PartnerRulesError, LookupError):
    """A key (a rule id, a region, a country, a level...) that is not known.

    Attributes:
        field: what kind of key it is (``'rule_id'``, ``'country'``, ...).
        value: the key that was given.
        known: every key that is known, sorted (at most 100,000 of them).
        suggestions: the known keys closest to the value (possibly empty; only
            a str or int of at most 100 characters gets suggestions).
    """

    def __init__(self, field: str, value: Any, known: Iterable[str], *, hint: str | None = None):
        self.field = field
        self.value = value
        self.known = _sorted(_items(known))
        self.hint = hint
        self.suggestions: tuple[str, ...] = ()
        text = _as_key(value)
        if text is not None:
            folded = {str.casefold(k): k for k in self.known if isinstance(k, str)}
            matches = difflib.get_close_matches(str.casefold(text), folded, n=3, cutoff=0.6)
            self.suggestions = tuple(folded[m] for m in matches)
        if self.suggestions:
            tail = "did you mean " + " or ".join(_shown(s) for s in self.suggestions) + "?"
        elif len(self.known) <= 12:
            tail = "known: " + ", ".join(_shown(k) for k in self.known)
        else:
            tail = f"{len(self.known)} known values"
        super().__init__(_with_hint(f"unknown {_text(field)} {_shown(value)}: {tail}", hint))

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their argument; we do not.
        return str(self.args[0])
