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
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = [
    "CurrencyMismatchError",
    "HorizonError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "PartnerRulesError",
    "UnknownKeyError",
]


class PartnerRulesError(Exception):
    """Base class of every error partnerrules raises on purpose."""


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message}; {hint}" if hint else message


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
        super().__init__(_with_hint(f"{field!r} must be {allowed} (got {value!r})", hint))


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
        got = type(value).__name__
        super().__init__(_with_hint(f"{field!r} must be {expected} (got {got} {value!r})", hint))


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
            f"in the same currency as {left!r}",
            hint="convert explicitly before combining amounts",
        )


class HorizonError(InvalidValueError):
    """A date beyond the range for which the library has trustworthy data."""


class InvalidTransitionError(PartnerRulesError, ValueError):
    """A state machine was asked for a step it cannot take now.

    Attributes:
        state: the current state.
        target: the requested state.
        missing: every item that is missing or wrong, never just the first.
    """

    def __init__(self, state: str, target: str, missing: Iterable[str]):
        self.state = state
        self.target = target
        self.missing = tuple(missing)
        detail = "; ".join(self.missing) if self.missing else "transition not allowed"
        super().__init__(f"cannot go from {state!r} to {target!r}: {detail}")


class UnknownKeyError(PartnerRulesError, LookupError):
    """A key (a rule id, a region, a country, a level...) that is not known.

    Attributes:
        field: what kind of key it is (``'rule_id'``, ``'country'``, ...).
        value: the key that was given.
        known: every key that is known, sorted.
        suggestions: the known keys closest to the value (possibly empty).
    """

    def __init__(self, field: str, value: Any, known: Iterable[str], *, hint: str | None = None):
        self.field = field
        self.value = value
        self.known = tuple(sorted(known))
        self.hint = hint
        folded = {k.casefold(): k for k in self.known}
        self.suggestions = tuple(
            folded[m]
            for m in difflib.get_close_matches(str(value).casefold(), folded, n=3, cutoff=0.6)
        )
        if self.suggestions:
            tail = "did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        elif len(self.known) <= 12:
            tail = "known: " + ", ".join(repr(k) for k in self.known)
        else:
            tail = f"{len(self.known)} known values"
        super().__init__(_with_hint(f"unknown {field} {value!r}: {tail}", hint))

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their argument; we do not.
        return str(self.args[0])
