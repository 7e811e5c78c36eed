"""SLA vocabulary: severities, impacts, categories, levels, metrics, clock kinds and states.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)

E = TypeVar("E", bound=enum.Enum)


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


class Severity(enum.IntEnum, metaclass=_validate.TypedEnumType):
    """Severity of a ticket: 1 (critical impact), 2 (moderate), 3 (minimal).

    Rule ``zoho.severity.classify`` (Zoho, "Gravidade e outras definições").
    """

    CRITICAL = 1
    MODERATE = 2
    MINIMAL = 3


class Impact(enum.Enum, metaclass=_validate.TypedEnumType):
    """Business impact of a problem, the basis of its severity."""

    CRITICAL = "critical"
    MODERATE = "moderate"
    MINIMAL = "minimal"


class Category(enum.Enum, metaclass=_validate.TypedEnumType):
    """What a ticket is about; drives severity, clock and exemption."""

    DOWNTIME = "downtime"
    OUTAGE = "outage"
    LOGIN = "login"
    DATA_INTEGRITY = "data integrity"
    SLOWNESS = "slowness"
    INCORRECT_RESULTS = "incorrect results"
    HOW_TO = "how-to"
    PRODUCT_LIMITATION = "product limitation"
    FEATURE_REQUEST = "feature request"
    OTHER = "other"


class PartnerLevel(enum.Enum, metaclass=_validate.TypedEnumType):
    """Zoho partner level (Authorized, Advanced, Premium)."""

    AUTHORIZED = "Authorized"
    ADVANCED = "Advanced"
    PREMIUM = "Premium"


class Metric(enum.Enum, metaclass=_validate.TypedEnumType):
    """What a response window measures.

    ``ACKNOWLEDGEMENT`` is the time to the first response (Appendix B's
    "first response"); ``PROBLEM_DETERMINATION`` the time between subsequent
    responses.
    """

    ACKNOWLEDGEMENT = "acknowledgement"
    PROBLEM_DETERMINATION = "problem determination"


class ClockKind(enum.Enum, metaclass=_validate.TypedEnumType):
    """Which business clock a window runs on.

    ``WEEKDAY`` is the Zoho 24x5 clock (Monday-Friday, 24 hours a day),
    ``ALWAYS_ON`` the 24x7 clock, ``SUPPORT_HOURS`` the Appendix B calendar
    (Monday-Friday 09:00-18:00 in the customer's local time, local holidays
    closed). ``CALENDAR`` names a policy whose clock is a caller's own
    :class:`~partnerrules.calendars.BusinessCalendar`.
    """

    WEEKDAY = "24x5"
    ALWAYS_ON = "24x7"
    SUPPORT_HOURS = "support hours"
    CALENDAR = "calendar"


class ClockState(enum.Enum, metaclass=_validate.TypedEnumType):
    """The state of one response window at an instant."""

    RUNNING = "running"
    AT_RISK = "at risk"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met late"
    PAUSED = "paused"
    EXEMPT = "exempt"


def _folded(kind: type[E]) -> dict[str, E]:
    """*kind*'s members by their value and by their name, stripped and casefolded.

    Built once per enum (a cache): a lookup is one dictionary access instead of
    a scan of the members. The first member that a word names wins, as a scan
    in definition order finds it.
    """
    table = _FOLDED.get(kind)
    if table is None:
        table = {}
        for member in kind:
            table.setdefault(str(member.value).casefold(), member)
            table.setdefault(member.name.casefold(), member)
        _FOLDED[kind] = table
        # The values and names as written, each to the member its folded form finds.
        exact: dict[str, E] = {}
        for member in kind:
            for said in (str(member.value), member.name):
                found = table.get(said.strip().casefold())
                if found is not None:
                    exact.setdefault(said, found)
        _EXACT[kind] = exact
    return table


def _by_int(kind: type[E]) -> dict[int, E]:
    """*kind*'s members whose value is an ``int`` by that value (a cache, as :func:`_folded`)."""
    table = _BY_INT.get(kind)
    if table is None:
        table = {}
        for member in kind:
            if type(member.value) is int:
                table.setdefault(member.value, member)
        _BY_INT[kind] = table
    return table


_FOLDED: dict[type[enum.Enum], dict[str, Any]] = {}
_EXACT: dict[type[enum.Enum], dict[str, Any]] = {}
_BY_INT: dict[type[enum.Enum], dict[int, Any]] = {}


def _coerce_enum(field: str, value: object, kind: type[E]) -> E:
    if isinstance(value, kind):
        return value
    if type(value) is str:  # the common case: one or two dictionary lookups
        exact = _EXACT.get(kind)
        found = None if exact is None else exact.get(value)
        if found is None:
            found = _folded(kind).get(value.strip().casefold())
        if found is not None:
            return found
    elif type(value) is int:
        found = _by_int(kind).get(value)
        if found is not None:
            return found
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for member in kind:
            if str(member.value).casefold() == wanted or member.name.casefold() == wanted:
                return member
    elif isinstance(value, int) and not isinstance(value, bool):
        for member in kind:
            if member.value == value:
                return member
    elif not isinstance(value, enum.Enum):
        raise InvalidTypeError(field, value, f"a {kind.__name__} or its value as a str")
    raise UnknownKeyError(field, value, [str(m.value) for m in kind])


def _severity(value: object) -> Severity:
    if type(value) is int:
        found = _SEVERITIES.get(value)
        if found is not None:
            return found
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    return _coerce_enum("severity", value, Severity)


_SEVERITIES: dict[int, Severity] = {member.value: member for member in Severity}


def _category(value: object) -> Category:
    return _coerce_enum("category", value, Category)


def _level(value: object) -> PartnerLevel:
    return _coerce_enum("level", value, PartnerLevel)


_MAX_WORD = 200


def _word(field: str, value: object, kind: type[E]) -> E | str:
    """A member of *kind* when *value* names one, else the caller's own word (stripped).

    A programme brings its own vocabulary (levels, categories); the words the
    source programmes know stay enum members, so existing code keeps working.
    Whether a policy knows the word is checked when a ticket is planned.
    """
    if isinstance(value, kind):
        return value
    if type(value) is str:  # the common case: one or two dictionary lookups
        exact = _EXACT.get(kind)
        found = None if exact is None else exact.get(value)
        if found is None:
            found = _folded(kind).get(value.strip().casefold())
        if found is not None:
            return found
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for member in kind:
            if str(member.value).casefold() == wanted or member.name.casefold() == wanted:
                return member
        text = _validate.text(field, value).strip()
        if len(text) > _MAX_WORD:
            raise InvalidValueError(field, value, f"at most {_MAX_WORD} characters")
        return text
    raise InvalidTypeError(field, value, f"a {kind.__name__} or a str")


def _ticket_level(value: object) -> PartnerLevel | str:
    return _word("level", value, PartnerLevel)


def _ticket_category(value: object) -> Category | str:
    return _word("category", value, Category)


def _said(value: enum.Enum | str) -> str:
    """The word of a member or of a caller's vocabulary."""
    return value if isinstance(value, str) else str(value.value)


def _metric(value: object) -> Metric:
    return _coerce_enum("metric", value, Metric)


home("partnerrules.sla", globals())
