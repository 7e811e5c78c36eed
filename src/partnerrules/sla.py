"""Support SLAs: severity, matrices, clocks with pauses, escalation and entitlements.

This module applies the support rules of three sources side by side:

* Zoho partner support (``zoho.*``): a severity matrix of acknowledgement and
  problem-determination windows on a 24x5 weekday clock, with a 24x7 clock for
  downtime, outage and login cases; triage order, escalation grounds,
  entitlements per partner level, request completeness and scope.
* "Appendix B - Support" (``appb.*``): a first response within one business
  day of a 09:00-18:00 local calendar with local holidays, the after-hours
  channel, the support levels and status-page updates.
* Omid Cloud (``omid.support.always_on``): technical support around the clock.

Every number comes from a policy pack (:mod:`partnerrules.policies.zoho`,
:mod:`partnerrules.policies.appendix_b`,
:mod:`partnerrules.policies.omid_support`); rule functions take the policy as
a keyword argument with the pack as its default. Nothing reads a clock: the
instant of a status is always a parameter, and status is recomputed from the
ticket's data alone (opening, pauses, responses), so late-recorded pauses are
taken into account the next time it is asked.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.sla import Ticket, deadlines
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> ticket = Ticket("T-1", dt.datetime(2026, 11, 21, 10, tzinfo=sp), severity=1,
...                 category="downtime", level="Premium", country="BR")
>>> book = deadlines(ticket, zone="America/Sao_Paulo")
>>> book.acknowledgement.limit_at.isoformat()
'2026-11-21T13:00:00-03:00'
"""

from __future__ import annotations

import abc
import contextvars
import datetime as dt
import enum
import functools
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, ClassVar, TypeVar, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from partnerrules import _validate
from partnerrules._sla_model import AlwaysOnDesk, SupportDesk, SupportRules
from partnerrules._zones import local_zone
from partnerrules.calendars import (
    BusinessCalendar,
    _instant_us,
    always_on_clock,
    support_hours_calendar,
    weekday_clock,
)
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
    UnknownKeyError,
)
from partnerrules.policies import appendix_b as _appb
from partnerrules.policies import omid_support as _omid
from partnerrules.policies import zoho as _zoho
from partnerrules.regions import (
    EscalationPath,
    PrioritySupportDecision,
    Region,
    check_priority_support,
    default_zone,
    escalation_path,
    escalation_region,
)

__all__ = [
    "APPENDIX_B",
    "MAX_SPAN",
    "ZOHO",
    "AlwaysOnDesk",
    "BasicRequestLoad",
    "BusinessSpan",
    "Category",
    "ClockKind",
    "ClockState",
    "Deadline",
    "DeadlineBatch",
    "EscalationDecision",
    "EscalationGround",
    "EscalationPath",
    "Feature",
    "Impact",
    "MatrixCell",
    "Metric",
    "PartnerLevel",
    "Pause",
    "PrioritySupportDecision",
    "Region",
    "RequestCheck",
    "ResponseWindow",
    "ScopeDecision",
    "Severity",
    "SeverityClassification",
    "SeverityMatrix",
    "SlaPolicy",
    "StatusBatch",
    "StatusPageCheck",
    "StatusPageUpdate",
    "SupportAvailability",
    "SupportDesk",
    "SupportLevel",
    "SupportPath",
    "SupportRequest",
    "SupportRules",
    "SupportTopic",
    "Ticket",
    "TicketDeadlines",
    "TicketStatus",
    "WindowStatus",
    "can_escalate_level",
    "check_basic_request_load",
    "check_escalation",
    "check_priority_support",
    "check_request",
    "check_scope",
    "check_status_page_update",
    "classify_severity",
    "deadlines",
    "deadlines_many",
    "entitlements",
    "escalation_path",
    "escalation_region",
    "is_entitled",
    "omid_policy",
    "omid_support_availability",
    "omid_support_clock",
    "status",
    "status_many",
    "support_availability",
    "support_path",
    "triage_key",
    "triage_order",
]

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


def _coerce_enum(field: str, value: object, kind: type[E]) -> E:
    if isinstance(value, kind):
        return value
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
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    return _coerce_enum("severity", value, Severity)


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


# ---------------------------------------------------------------------------
# Windows, matrices and policies
# ---------------------------------------------------------------------------

_UNITS = ("minutes", "hours", "days")


def _check_unit(_instance: Any, _attribute: Any, value: Any) -> None:
    if type(value) is not str or value not in _UNITS:
        raise UnknownKeyError("unit", value, _UNITS)


#: The largest amount of a span (a guard: a million minutes, hours or days is already beyond
#: any calendar's horizon), not a policy number.
MAX_SPAN = 1_000_000


def _check_amount(_instance: Any, _attribute: Any, value: Any) -> None:
    _validate.integer_in("amount", value, 1, MAX_SPAN)


@attrs.frozen
class BusinessSpan:
    """An amount of business time: whole minutes, whole hours or whole days of a clock.

    Minutes and hours are business time (open time of the clock). A day is one
    open day of the clock the window runs on, with one meaning on every
    calendar: *n* days end at the same position in the *n*-th next open day
    (:meth:`~partnerrules.calendars.BusinessCalendar.add_business_days`), so
    on a 24x5 clock they end at the same wall time even across a day of 23 or
    25 hours, and on a 09:00-18:00 calendar a day is 9 hours of open time.

    >>> BusinessSpan(2, "days").on(dt.timedelta(hours=24))
    datetime.timedelta(days=2)
    >>> str(BusinessSpan(3, "hours"))
    '3 hours'
    """

    amount: int = attrs.field(validator=_check_amount)
    unit: str = attrs.field(default="hours", validator=_check_unit)

    def on(self, day: dt.timedelta) -> dt.timedelta:
        """Return the span as business time, given the length of the clock's open days.

        Exact for minutes and hours; for days, exact only on a clock whose
        open days all have the same length (the SLA engine counts days with
        the calendar itself, see above).
        """
        if type(day) is not dt.timedelta:
            raise InvalidTypeError("day", day, "a datetime.timedelta (the open day's length)")
        if self.unit == "days":
            try:
                return self.amount * day
            except OverflowError:
                raise InvalidValueError(
                    "day", day, f"a day length whose {self.amount} times fit a timedelta"
                ) from None
        if self.unit == "minutes":
            return dt.timedelta(minutes=self.amount)
        return dt.timedelta(hours=self.amount)

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"


def _span(value: object) -> BusinessSpan:
    if isinstance(value, BusinessSpan):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        return BusinessSpan(*value)
    raise InvalidTypeError("span", value, "a BusinessSpan or an (amount, unit) pair")


@attrs.frozen
class ResponseWindow:
    """A response window: past ``target`` a ticket is at risk, past ``limit`` breached.

    Both ends are in the same unit, and ``target <= limit``.

    >>> str(ResponseWindow((1, "hours"), (3, "hours")))
    '1-3 hours'
    >>> ResponseWindow((4, "hours"), (3, "hours"))
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'target' must be at most the limit 3 hours (got ...)
    """

    target: BusinessSpan = attrs.field(converter=_span)
    limit: BusinessSpan = attrs.field(converter=_span)

    def __attrs_post_init__(self) -> None:
        if self.target.unit != self.limit.unit:
            raise InvalidValueError(
                "target", self.target, f"in the same unit as the limit ({self.limit.unit})"
            )
        if self.target.amount > self.limit.amount:
            raise InvalidValueError("target", self.target, f"at most the limit {self.limit}")

    def __str__(self) -> str:
        if self.target == self.limit:
            return str(self.limit)
        return f"{self.target.amount}-{self.limit}"


def _optional_level(value: object) -> PartnerLevel | str | None:
    return None if value is None else _ticket_level(value)


@attrs.frozen
class MatrixCell:
    """One cell of a severity matrix: severity x metric (x partner level) -> window.

    A cell without a level applies to every level that has no cell of its own.
    """

    severity: Severity = attrs.field(converter=_severity)
    metric: Metric = attrs.field(converter=_metric)
    window: ResponseWindow = attrs.field(validator=_validate.instance_of(ResponseWindow))
    level: PartnerLevel | str | None = attrs.field(default=None, converter=_optional_level)


# A cell's key: severity, metric and level (None: every level without a cell of its own).
_CellKey = tuple[Severity, Metric, PartnerLevel | str | None]


def _cells(value: Iterable[MatrixCell]) -> tuple[MatrixCell, ...]:
    cells = _validate.items("cells", value, "an iterable of MatrixCell")
    seen: set[_CellKey] = set()
    for cell in cells:
        _validate.instance("cells", cell, MatrixCell)
        key = (cell.severity, cell.metric, cell.level)
        if key in seen:
            raise InvalidValueError("cells", key, "one cell per severity, metric and level")
        seen.add(key)
    return cells


@attrs.frozen(cache_hash=True)
class SeverityMatrix:
    """Response windows by severity and metric, optionally by partner level.

    Rule ``zoho.sla.matrix`` (Zoho, "Compromisso do Suporte ao parceiro") for
    the shipped Zoho matrix; any policy may bring its own.

    >>> print(ZOHO.matrix.render())
    Severity | acknowledgement | problem determination
    1        | 1-3 hours       | 2-8 hours
    2        | 6-12 hours      | 24-48 hours
    3        | 16-24 hours     | 2-3 days
    """

    cells: tuple[MatrixCell, ...] = attrs.field(converter=_cells)
    _index: Mapping[_CellKey, ResponseWindow] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index = {(c.severity, c.metric, c.level): c.window for c in self.cells}
        object.__setattr__(self, "_index", index)

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The metrics the matrix covers, in :class:`Metric` order."""
        present = {c.metric for c in self.cells}
        return tuple(m for m in Metric if m in present)

    def window(
        self, severity: object, metric: object, *, level: object = None
    ) -> ResponseWindow | None:
        """Return the window of a cell, or ``None`` when the matrix has no such cell.

        A level-specific cell wins over the level-free one.
        """
        sev, met = _severity(severity), _metric(metric)
        lvl = _optional_level(level)
        if lvl is not None and (sev, met, lvl) in self._index:
            return self._index[sev, met, lvl]
        return self._index.get((sev, met, None))

    def render(self) -> str:
        """Render the level-free cells as a plain-text table, one row per severity."""
        metrics = self.metrics
        header = ["Severity", *(m.value for m in metrics)]
        rows = [header]
        for sev in sorted({c.severity for c in self.cells}):
            row = [str(int(sev))]
            for m in metrics:
                win = self._index.get((sev, m, None))
                row.append("-" if win is None else str(win))
            rows.append(row)
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = [
            " | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
            for r in rows
        ]
        return "\n".join(lines)


def _categories(value: Iterable[object]) -> frozenset[Category | str]:
    items = _validate.items("categories", value, "an iterable of Category values or words")
    return frozenset(_ticket_category(v) for v in items)


def _vocabulary(field: str, value: object, kind: type[enum.Enum]) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = _validate.items(field, value, "an iterable of words, or None for any")
    words = tuple(_said(_word(field, v, kind)) for v in items)
    if not words:
        raise InvalidValueError(field, value, "at least one word, or None for any")
    return words


def _level_words(value: object) -> tuple[str, ...] | None:
    return _vocabulary("levels", value, PartnerLevel)


def _category_words(value: object) -> tuple[str, ...] | None:
    return _vocabulary("categories", value, Category)


def _metrics(value: Iterable[object]) -> frozenset[Metric]:
    items = _validate.items("metrics", value, "an iterable of Metric values")
    return frozenset(_metric(m) for m in items)


def _clock(value: object) -> ClockKind | BusinessCalendar:
    if isinstance(value, BusinessCalendar):
        return value
    kind = _coerce_enum("clock", value, ClockKind)
    if kind is ClockKind.CALENDAR:
        raise InvalidValueError(
            "clock", value, "a BusinessCalendar, or '24x5', '24x7' or 'support hours'"
        )
    return kind


def _check_rule(_instance: Any, attribute: Any, value: Any) -> None:
    from partnerrules.catalogue import check_rule_id

    check_rule_id(value, field=attribute.name)


@attrs.frozen(cache_hash=True)
class SlaPolicy:
    """An SLA policy: a matrix, the clock each case runs on, and exemptions.

    Any programme can be written as one: its own rule id (namespaced, such as
    ``"acme.sla.first_response"``; see :func:`partnerrules.catalogue.check_rule_id`),
    its own windows (minutes, hours or business days) and its own clock.

    Attributes:
        name: a short name used in reasons (``"Zoho"``).
        rule_id: the rule whose windows the matrix holds; every deadline and
            status reason cites it.
        matrix: the response windows.
        clock: the clock cases run on by default: a caller's
            :class:`~partnerrules.calendars.BusinessCalendar` (a team's hours,
            lunch breaks, company closures, a night desk), or one of the
            built-in kinds: ``"24x5"`` (weekdays, in the partner region's
            zone or the zone asked for), ``"24x7"``, ``"support hours"``
            (Monday-Friday 09:00-18:00 in the customer's local zone with the
            holidays of its country and subdivision). A policy per team is
            ``attrs.evolve(policy, clock=team_calendar)``.
        round_the_clock: categories that run on the 24x7 clock instead (in
            the zone of the clock they replace).
        exempt: categories with no commitment at all.
        recurring: metrics whose window restarts at each response.
        levels: the partner levels (or support packages) the programme
            knows, or None for any; a ticket of another level is refused
            when it is planned, with the policy's levels listed.
        categories: the ticket categories the programme knows, or None for
            any (refused likewise).
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    rule_id: str = attrs.field(validator=_check_rule)
    matrix: SeverityMatrix = attrs.field(validator=_validate.instance_of(SeverityMatrix))
    clock: ClockKind | BusinessCalendar = attrs.field(converter=_clock)
    round_the_clock: frozenset[Category | str] = attrs.field(
        default=frozenset(), converter=_categories
    )
    exempt: frozenset[Category | str] = attrs.field(default=frozenset(), converter=_categories)
    recurring: frozenset[Metric] = attrs.field(default=frozenset(), converter=_metrics)
    levels: tuple[str, ...] | None = attrs.field(default=None, kw_only=True, converter=_level_words)
    categories: tuple[str, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_category_words
    )
    # Plans per kind of ticket, worked out on first use (a cache: not compared or shown).
    _plans: dict[tuple[object, ...], _Plan] = attrs.field(
        init=False, factory=dict, repr=False, eq=False, hash=False
    )

    def clock_for(self, category: object) -> ClockKind | BusinessCalendar:
        """Return the clock a case of *category* runs on (rule ``zoho.sla.weekday_clock``)."""
        around = _ticket_category(category) in self.round_the_clock
        return ClockKind.ALWAYS_ON if around else self.clock


def _matrix_from_pack(pack: Mapping[int, Mapping[str, tuple[Any, Any]]]) -> SeverityMatrix:
    return SeverityMatrix(
        tuple(
            MatrixCell(sev, metric, ResponseWindow(target, limit))
            for sev, row in pack.items()
            for metric, (target, limit) in row.items()
        )
    )


#: The Zoho partner-support policy built from :mod:`partnerrules.policies.zoho`.
ZOHO = SlaPolicy(
    "Zoho",
    "zoho.sla.matrix",
    _matrix_from_pack(_zoho.MATRIX),
    ClockKind.WEEKDAY,
    round_the_clock=_zoho.ROUND_THE_CLOCK_CATEGORIES,
    exempt=_zoho.EXEMPT_CATEGORIES,
    recurring=_zoho.RECURRING_METRICS,
    levels=_zoho.LEVEL_PRIORITY,
    categories=tuple(c.value for c in Category),
)

_FIRST_RESPONSE = ResponseWindow(_appb.FIRST_RESPONSE, _appb.FIRST_RESPONSE)

#: The Appendix B policy: a first response within one business day, any severity.
APPENDIX_B = SlaPolicy(
    "Appendix B",
    "appb.first_response.one_business_day",
    SeverityMatrix(
        tuple(MatrixCell(sev, Metric.ACKNOWLEDGEMENT, _FIRST_RESPONSE) for sev in Severity)
    ),
    ClockKind.SUPPORT_HOURS,
)


def omid_policy(matrix: SeverityMatrix) -> SlaPolicy:
    """Return an Omid support policy on the 24x7 clock, with the caller's matrix.

    Rule ``omid.support.always_on`` (Omid module 007, §5.2, §3.3): support runs
    around the clock. The source gives no response times, so the matrix is a
    required parameter; nothing is invented.

    >>> example = SeverityMatrix((MatrixCell(1, "acknowledgement",
    ...     ResponseWindow((1, "hours"), (2, "hours"))),))  # an example, not Omid's numbers
    >>> omid_policy(example).clock
    <ClockKind.ALWAYS_ON: '24x7'>
    """
    _validate.instance("matrix", matrix, SeverityMatrix)
    return SlaPolicy("Omid", "omid.support.always_on", matrix, ClockKind.ALWAYS_ON)


# ---------------------------------------------------------------------------
# Severity
# ---------------------------------------------------------------------------


@attrs.frozen
class SeverityClassification:
    """The outcome of :func:`classify_severity`.

    Attributes:
        category: the category classified.
        severity: the severity, or ``None`` when the category is exempt.
        exempt: True when no commitment applies.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    category: Category
    severity: Severity | None
    exempt: bool
    reasons: tuple[Reason, ...]


def classify_severity(
    category: object, *, impact: object = None, rules: SupportRules = _zoho.SUPPORT_RULES
) -> SeverityClassification:
    """Classify a case's severity from its category or its stated business impact.

    Rule ``zoho.severity.classify`` (Zoho, "Gravidade e outras definições").
    Critical impact (the service does not work without a fix: downtime,
    outage, no account access, data integrity, slowness) is severity 1;
    moderate impact (works, but wrong results or performance below the
    documentation) is 2; minimal impact (how-to questions, or achievable
    another way) is 3. Product limitations and feature requests are exempt.
    A stated *impact* wins over the category's usual impact; the category
    ``other`` needs one. *rules* holds the exemptions and the impact tables
    (the Zoho pack's by default).

    >>> classify_severity("slowness").severity
    <Severity.CRITICAL: 1>
    >>> classify_severity("how-to", impact="moderate").severity
    <Severity.MODERATE: 2>
    >>> print(classify_severity("feature request").reasons[0])
    feature request is exempt: no response commitment applies

    Raises:
        UnknownKeyError: unknown category or impact.
        InvalidValueError: category ``other`` without an impact.
    """
    cat = _category(category)
    rules = _validate.instance("rules", rules, SupportRules)
    usual = dict(rules.usual_impact)
    if cat.value in rules.exempt:
        why = Reason.of(
            "zoho.severity.classify",
            "{category} is exempt: no response commitment applies",
            category=cat.value,
        )
        return SeverityClassification(cat, None, True, (why,))
    if impact is not None:
        imp = _coerce_enum("impact", impact, Impact)
        source = "stated impact"
    elif cat.value in usual:
        imp = _coerce_enum("rules", usual[cat.value], Impact)
        source = "usual impact of the category"
    else:
        raise InvalidValueError(
            "impact",
            impact,
            f"an Impact ({', '.join(i.value for i in Impact)})",
            hint=f"category {cat.value!r} has no usual impact; say how the business is affected",
        )
    by_impact = dict(rules.impact_severity)
    if imp.value not in by_impact:
        raise UnknownKeyError(
            "impact", imp.value, sorted(by_impact), hint=f"{rules!r} gives it no severity"
        )
    sev = _severity(by_impact[imp.value])
    why = Reason.of(
        "zoho.severity.classify",
        "{category} with {impact} business impact ({basis}) is severity {severity}",
        category=cat.value,
        impact=imp.value,
        basis=source,
        severity=int(sev),
    )
    return SeverityClassification(cat, sev, False, (why,))


# ---------------------------------------------------------------------------
# Tickets
# ---------------------------------------------------------------------------


def _aware(field: str) -> Callable[[Any, Any, Any], None]:
    def check(_instance: Any, _attribute: Any, value: object) -> None:
        _validate.aware(field, value)

    return check


def _optional_aware(_instance: Any, _attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware("end", value)


@attrs.frozen
class Pause:
    """An interval during which the clock stops (waiting on the customer).

    ``end=None`` means the pause is still open.

    >>> start = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)
    >>> Pause(start, start - dt.timedelta(hours=1))
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'end' must be after the start 2026-11-23 ...
    """

    start: dt.datetime = attrs.field(validator=_aware("start"))
    end: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)

    def __attrs_post_init__(self) -> None:
        # Compared as instants (UTC µs): two datetimes of one zone compare by wall time,
        # which ignores the fold of a repeated DST hour.
        if self.end is not None and _instant_us(self.end, "end") <= _instant_us(
            self.start, "start"
        ):
            raise InvalidValueError("end", self.end, f"after the start {self.start}")


def _pauses(value: object) -> tuple[Pause, ...]:
    if isinstance(value, Pause):
        raise InvalidTypeError("pauses", value, "an iterable of Pause")
    items = []
    for p in _validate.items("pauses", value, "an iterable of Pause"):
        if isinstance(p, tuple) and len(p) == 2:
            p = Pause(*p)
        items.append(_validate.instance("pauses", p, Pause))
    return tuple(sorted(items, key=lambda p: _instant_us(p.start, "pauses")))


def _responses(value: object) -> tuple[dt.datetime, ...]:
    if isinstance(value, dt.datetime):
        raise InvalidTypeError("responses", value, "an iterable of aware datetimes")
    given = _validate.items("responses", value, "an iterable of aware datetimes")
    checked = (_validate.aware("responses", r) for r in given)
    return tuple(sorted(checked, key=lambda r: _instant_us(r, "responses")))


def _country(value: object) -> str:
    text = _validate.text("country", value).strip().upper()
    escalation_region(text)  # refuses unknown codes, suggesting close ones
    return text


def _optional_zone(value: object) -> str | None:
    if value is None:
        return None
    return _zone_arg(value)


# Pauses as integer microseconds since the epoch: (start, end or None while open).
_Pauses = tuple[tuple[int, int | None], ...]


@attrs.frozen
class Ticket:
    """A support ticket, as a ticketing service would hand it over.

    Attributes:
        id: the ticket's identifier.
        opened_at: when the ticket was opened (aware).
        severity: 1, 2 or 3.
        category: a :class:`Category` (or its value, such as ``"downtime"``),
            or a word of the caller's programme (kept as a str).
        level: the partner's level (``"Premium"``...): a :class:`PartnerLevel`
            when it names one, else a word of the caller's programme. The
            policy checks that it knows the level and category when the
            ticket is planned (the policy's ``levels`` and ``categories``).
        country: the customer's ISO 3166-1 alpha-2 country (``"BR"``).
        subdivision: the subdivision whose holidays apply (``"SP"``), if any.
        pauses: intervals waiting on the customer; they never overlap.
        responses: instants of the responses sent, none before the opening.
        zone: the customer's IANA zone (``"Europe/Lisbon"``), if the service
            knows it. Policies in *local time* (Appendix B) use it; without
            it they use the zone the opening instant carries (unless it names
            no place, such as ``UTC``), then the country's own zone (its only
            zone, or its capital's for a country that spans several; a
            country with several zones and no capital listed is an error
            asking for the ticket's zone).
    """

    id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    opened_at: dt.datetime = attrs.field(validator=_aware("opened_at"))
    severity: Severity = attrs.field(kw_only=True, converter=_severity)
    category: Category | str = attrs.field(kw_only=True, converter=_ticket_category)
    level: PartnerLevel | str = attrs.field(kw_only=True, converter=_ticket_level)
    country: str = attrs.field(kw_only=True, converter=_country)
    subdivision: str | None = attrs.field(kw_only=True, default=None)
    pauses: tuple[Pause, ...] = attrs.field(kw_only=True, default=(), converter=_pauses)
    responses: tuple[dt.datetime, ...] = attrs.field(kw_only=True, default=(), converter=_responses)
    zone: str | None = attrs.field(kw_only=True, default=None, converter=_optional_zone)
    # The opening, responses and pauses as µs since the epoch, converted once (a cache).
    _instants: tuple[int, tuple[int, ...], _Pauses] = attrs.field(
        init=False, repr=False, eq=False, default=(0, (), ())
    )
    # The ticket's kind as plain values (the key of its plan; str and int hash in C, Enum
    # members in Python), worked out once (a cache).
    _kind: tuple[str, int, str, str, str | None, str | None] = attrs.field(
        init=False, repr=False, eq=False, default=("", 0, "", "", None, None)
    )

    def __attrs_post_init__(self) -> None:
        if self.subdivision is not None:
            _validate.text("subdivision", self.subdivision)
        # Every comparison is between instants (UTC µs): datetimes of one zone compare by
        # wall time, which ignores the fold of a repeated DST hour.
        opened = _instant_us(self.opened_at, "opened_at")
        responses = tuple(_instant_us(r, "responses") for r in self.responses)
        pauses = tuple(
            (
                _instant_us(p.start, "pauses"),
                None if p.end is None else _instant_us(p.end, "pauses"),
            )
            for p in self.pauses
        )
        for r, r_us in zip(self.responses, responses, strict=True):
            if r_us < opened:
                raise InvalidValueError(
                    "responses", r, f"at or after the opening {self.opened_at.isoformat()}"
                )
        previous: tuple[Pause, int | None] | None = None
        for p, (start, end) in zip(self.pauses, pauses, strict=True):
            if start < opened:
                raise InvalidValueError(
                    "pauses", p, f"starting at or after the opening {self.opened_at.isoformat()}"
                )
            if previous is not None and (previous[1] is None or start < previous[1]):
                raise InvalidValueError(
                    "pauses",
                    p,
                    f"not overlapping the pause {previous[0]}",
                    hint="merge overlapping pauses into one interval",
                )
            previous = (p, end)
        instants = (opened, responses, pauses)
        object.__setattr__(self, "_instants", instants)
        carried = self.opened_at.tzinfo
        kind = (
            _said(self.category),
            self.severity.value,
            _said(self.level),
            self.country,
            self.subdivision,
            # The local zone the ticket states or its opening carries (None: neither).
            self.zone or (carried.key if isinstance(carried, ZoneInfo) else None),
        )
        object.__setattr__(self, "_kind", kind)


# ---------------------------------------------------------------------------
# Triage, overload
# ---------------------------------------------------------------------------


def triage_key(
    ticket: Ticket, *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> tuple[int, int, dt.datetime, str]:
    """Return the queue sort key of a ticket (smaller is served first).

    Rule ``zoho.triage.priority`` (Zoho, "Compromisso do Suporte ao parceiro"):
    severity first, then partner level (Premium, Advanced, Authorized), then
    opening time; the id breaks remaining ties so the order is total. The
    level order is *rules*' (the Zoho pack's by default); a level it does not
    list comes after those it does.
    """
    _validate.instance("ticket", ticket, Ticket)
    order = _validate.instance("rules", rules, SupportRules).level_priority
    level = _said(ticket.level)
    rank = order.index(level) if level in order else len(order)
    return (int(ticket.severity), rank, ticket.opened_at, ticket.id)


def triage_order(
    tickets: Iterable[Ticket], *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> tuple[Ticket, ...]:
    """Return *tickets* in the order they are served.

    Rule ``zoho.triage.priority``: see :func:`triage_key`.

    >>> t0 = dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc)
    >>> a = Ticket("A", t0, severity=2, category="slowness", level="Authorized", country="BR")
    >>> b = Ticket("B", t0 + dt.timedelta(hours=1), severity=2, category="slowness",
    ...            level="Premium", country="BR")
    >>> [t.id for t in triage_order([a, b])]
    ['B', 'A']
    """
    items = _validate.items("tickets", tickets, "an iterable of Ticket")
    _validate.instance("rules", rules, SupportRules)
    return tuple(sorted(items, key=functools.partial(triage_key, rules=rules)))


@attrs.frozen
class BasicRequestLoad:
    """The outcome of :func:`check_basic_request_load`.

    Attributes:
        notify: True when the partner's account manager should be told.
        count: basic requests opened in the window.
        threshold: the count from which to notify.
        window: the length of the look-back window.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)
        _validate.integer_in("count", self.count, 0, _MAX_THRESHOLD)
        _validate.integer_in("threshold", self.threshold, 1, _MAX_THRESHOLD)

    notify: bool
    count: int
    threshold: int
    window: dt.timedelta
    reasons: tuple[Reason, ...]


#: The largest overload threshold (a guard on the caller's number, not a policy number).
_MAX_THRESHOLD = 10**9


def check_basic_request_load(
    tickets: Iterable[Ticket],
    *,
    at: dt.datetime,
    threshold: int,
    window: dt.timedelta,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> BasicRequestLoad:
    """Count one partner's basic (how-to) requests and say whether to notify.

    Rule ``zoho.basic_requests.overload`` (Zoho, "Compromisso do Suporte ao
    parceiro"): when many basic requests come from the same partner, support
    tells the partner's account manager. The source gives no number, so
    *threshold* and *window* are required: requests opened in
    ``(at - window, at]`` are counted, and the manager is notified when the
    count reaches *threshold*. Pass one partner's tickets.

    Raises:
        InvalidValueError: threshold below 1, window not positive, naive *at*.
    """
    at = _validate.aware("at", at)
    _validate.integer_in("threshold", threshold, 1, _MAX_THRESHOLD)
    _validate.instance("window", window, dt.timedelta)
    if window <= dt.timedelta(0):
        raise InvalidValueError("window", window, "a positive timedelta")
    items = _validate.items("tickets", tickets, "an iterable of Ticket")
    try:
        since = at - window
    except OverflowError:
        raise HorizonError(
            "window", window, f"a window that starts after {dt.datetime.min} (from {at})"
        ) from None
    basic = _validate.instance("rules", rules, SupportRules).basic_requests
    count = 0
    for t in items:
        _validate.instance("tickets", t, Ticket)
        if _said(t.category) in basic and since < t.opened_at <= at:
            count += 1
    notify = count >= threshold
    verdict = "notify the partner's account manager" if notify else "no notification"
    why = Reason.of(
        "zoho.basic_requests.overload",
        "{count} basic requests in the {window} before {at}, threshold {threshold}: {verdict}",
        count=count,
        window=window,
        at=at,
        threshold=threshold,
        verdict=verdict,
    )
    return BasicRequestLoad(notify, count, threshold, window, (why,))


# ---------------------------------------------------------------------------
# Entitlements, completeness, scope
# ---------------------------------------------------------------------------


class Feature(enum.Enum, metaclass=_validate.TypedEnumType):
    """A support offering of the Zoho partner programme."""

    SUPPORT_HOURS = "support hours 24*5"
    COMMITMENT = "commitment per support hours"
    PRIORITY_SUPPORT = "priority support for large accounts"
    CHAT = "chat support"
    PHONE = "phone support"
    SUCCESS_MANAGER_CALLS = "partner success manager calls & POC"
    CRITICAL_ISSUES_DASHBOARD = "critical issues dashboard"
    HELP_CENTRE_WIDGET = "help-centre widget"


def entitlements(
    level: object,
    *,
    table: Mapping[str, Sequence[str]] | None = None,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> frozenset[Feature]:
    """Return the support features a partner level is entitled to.

    Rule ``zoho.offerings.entitlements`` (Zoho, "Ofertas de Suporte ao
    parceiro"): every level has 24*5 support hours, the commitment per support
    hours, priority support for large accounts, the critical-issues dashboard
    and the help-centre widget; chat, phone and partner-success-manager calls
    & POC are for Advanced and Premium only. The table (feature -> levels
    entitled) is *table* when given, else *rules*' (the Zoho pack's).

    >>> Feature.PHONE in entitlements("Authorized")
    False
    """
    lvl = _level(level)
    if table is None:
        table = dict(_validate.instance("rules", rules, SupportRules).entitlements)
    if not isinstance(table, Mapping):
        raise InvalidTypeError("table", table, "a mapping of feature to the levels entitled")
    return frozenset(
        _coerce_enum("feature", feature, Feature)
        for feature, levels in table.items()
        if lvl.value in _validate.items("table", levels, "a sequence of level names")
    )


def is_entitled(
    level: object,
    feature: object,
    *,
    table: Mapping[str, Sequence[str]] | None = None,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> bool:
    """Return whether *level* is entitled to *feature*.

    Rule ``zoho.offerings.entitlements``: see :func:`entitlements`.

    >>> is_entitled("Advanced", "chat support"), is_entitled("Authorized", Feature.CHAT)
    (True, False)
    """
    wanted = _coerce_enum("feature", feature, Feature)
    return wanted in entitlements(level, table=table, rules=rules)


def _screenshots(value: object) -> tuple[str, ...]:
    given = _validate.items("screenshots", value, "an iterable of screenshot names or links")
    return tuple(_validate.text("screenshots", v) for v in given)


def _optional_text(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.text(attribute.name, value, allow_empty=True)


@attrs.frozen
class SupportRequest:
    """A support request written to partner support, following the e-mail template.

    Every field may be missing (``None``): :func:`check_request` lists what is.
    ``reproducible`` is yes/no and ``reproduction_note`` explains it.
    """

    customer_email: str | None = attrs.field(default=None, validator=_optional_text)
    reference_email: str | None = attrs.field(default=None, validator=_optional_text)
    request_type: str | None = attrs.field(default=None, validator=_optional_text)
    reproducible: bool | None = attrs.field(
        default=None,
        validator=_validate.attrs_validator(_validate.optional_boolean),
    )
    reproduction_note: str | None = attrs.field(default=None, validator=_optional_text)
    product: str | None = attrs.field(default=None, validator=_optional_text)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    troubleshooting_steps: str | None = attrs.field(default=None, validator=_optional_text)
    screenshots: tuple[str, ...] = attrs.field(default=(), converter=_screenshots)


@attrs.frozen
class RequestCheck:
    """The outcome of :func:`check_request`: ``ok`` and every missing field."""

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    ok: bool
    missing: tuple[str, ...]
    reasons: tuple[Reason, ...]


def check_request(
    request: SupportRequest, *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> RequestCheck:
    """List every field the support request is missing.

    Rule ``zoho.request.completeness`` (Zoho, "Modelo de e-mail"): customer
    e-mail, reference e-mail, request type, reproducible yes/no with an
    explanation, product, description and troubleshooting steps are required;
    screenshots are optional. A blank string counts as missing.

    >>> check_request(SupportRequest(customer_email="a@example.com")).missing[:2]
    ('reference_email', 'request_type')
    """
    _validate.instance("request", request, SupportRequest)
    rules = _validate.instance("rules", rules, SupportRules)
    known = {a.name for a in attrs.fields(SupportRequest)}
    missing = []
    for name in rules.request_fields:
        if name in rules.optional_fields:
            continue
        if name not in known:
            raise UnknownKeyError(
                "rules", name, sorted(known), hint="request_fields name SupportRequest fields"
            )
        value = getattr(request, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    reasons = tuple(
        Reason.of("zoho.request.completeness", "the request has no {field}", field=name)
        for name in missing
    ) or (Reason.of("zoho.request.completeness", "the request carries every required field"),)
    return RequestCheck(not missing, tuple(missing), reasons)


class SupportTopic(enum.Enum, metaclass=_validate.TypedEnumType):
    """A kind of help asked of Zoho partner support."""

    FEATURE_ENHANCEMENT = "feature enhancement"
    DELUGE = "deluge"
    API_INTEGRATION = "api integration"
    PRODUCT_FEEDBACK = "product feedback"
    API_CONNECTION_FROM_SCRATCH = "api connection from scratch"


@attrs.frozen
class ScopeDecision:
    """The outcome of :func:`check_scope`."""

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    topic: SupportTopic
    in_scope: bool
    reasons: tuple[Reason, ...]


def check_scope(topic: object, *, rules: SupportRules = _zoho.SUPPORT_RULES) -> ScopeDecision:
    """Say whether a kind of help is in scope of Zoho partner support.

    Rule ``zoho.scope`` (Zoho, "Gama de Suporte ao parceiro"): enhancing
    existing features, Deluge and API-integration questions, and product
    feedback are in scope; building an API connection from scratch is not.

    >>> check_scope("api connection from scratch").in_scope
    False
    """
    top = _coerce_enum("topic", topic, SupportTopic)
    inside = top.value in _validate.instance("rules", rules, SupportRules).in_scope
    why = Reason.of(
        "zoho.scope",
        "{topic} is {verdict} of partner support",
        topic=top.value,
        verdict="in scope" if inside else "out of scope",
    )
    return ScopeDecision(top, inside, (why,))


# ---------------------------------------------------------------------------
# Escalation eligibility
# ---------------------------------------------------------------------------


class EscalationGround(enum.Enum, metaclass=_validate.TypedEnumType):
    """A ground on which a Zoho partner may escalate a case."""

    COMMITMENT_PASSED = "response commitment passed"
    PRODUCTION_IMPACT = "tangible production impact"
    HIGH_BUSINESS_RISK = "high business risk"
    MAJOR_PROBLEM_SLOW_TO_ISOLATE = "major high-impact problem slow to isolate"
    PROLONGED_OUTAGE = "prolonged outage exceeding or threatening the commitment"
    RECURRING_INCIDENTS = "recurring or multiple related high-priority incidents"
    SECURITY_BREACH = "security breach without an agreed workaround"


@attrs.frozen
class EscalationDecision:
    """The outcome of :func:`check_escalation`.

    Attributes:
        allowed: True when the partner may escalate.
        grounds: every ground that applies, in :class:`EscalationGround` order.
        reasons: one reason per ground, and one per refusal criterion.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    allowed: bool
    grounds: tuple[EscalationGround, ...]
    reasons: tuple[Reason, ...]


_LIMIT_PASSED = frozenset({ClockState.BREACHED, ClockState.MET_LATE})


def check_escalation(
    grounds: Iterable[object] = (),
    *,
    valid_contract: bool,
    ticket: Ticket | None = None,
    at: dt.datetime | None = None,
    policy: SlaPolicy | None = None,
    zone: str | None = None,
) -> EscalationDecision:
    """Say whether a partner may escalate, with every ground that applies.

    Rule ``zoho.escalation.eligibility`` (Zoho, "Quando um escalonamento deve
    ser iniciado?"). A partner with a valid support contract may escalate once
    the commitment's response time has passed, and at any time on tangible
    production impact or high business risk; the source lists four example
    grounds too (see :class:`EscalationGround`). Without a valid contract the
    escalation is refused, whatever the grounds.

    When *ticket* and *at* are given, "response commitment passed" is found
    from the ticket's status at *at*: an acknowledgement or
    problem-determination window whose limit passed without a response in
    time, whether still unanswered (breached) or answered after its limit
    (met late). The caller may also state it directly.

    >>> d = check_escalation(["security breach without an agreed workaround"],
    ...                      valid_contract=False)
    >>> d.allowed
    False
    >>> for reason in d.reasons:
    ...     print(reason)
    no valid support contract: escalation refused
    ground: security breach without an agreed workaround

    Raises:
        UnknownKeyError: an unknown ground.
        InvalidValueError: *ticket* without *at* (or the reverse).
    """
    if not isinstance(valid_contract, bool):
        raise InvalidTypeError("valid_contract", valid_contract, "a bool")
    items = _validate.items("grounds", grounds, "an iterable of EscalationGround values")
    found = {_coerce_enum("grounds", g, EscalationGround) for g in items}
    if (ticket is None) != (at is None):
        raise InvalidValueError("at", at, "given together with ticket (both or neither)")
    facts: list[Reason] = []
    if ticket is not None and at is not None:
        now = status(ticket, at, policy=policy, zone=zone)
        # The commitment's response time has passed for a window whose limit passed without
        # a response in time: breached, or answered after its limit (met late).
        late = [w for w in now.windows if w.state in _LIMIT_PASSED]
        if late:
            found.add(EscalationGround.COMMITMENT_PASSED)
            first = late[0]
            if first.state is ClockState.BREACHED:
                facts.append(
                    Reason.of(
                        "zoho.escalation.eligibility",
                        "the {metric} limit passed at {limit_at} without a response",
                        metric=first.metric.value,
                        limit_at=first.limit_at,
                    )
                )
            else:
                facts.append(
                    Reason.of(
                        "zoho.escalation.eligibility",
                        "the {metric} limit passed at {limit_at}; the response came late, "
                        "at {responded_at}",
                        metric=first.metric.value,
                        limit_at=first.limit_at,
                        responded_at=first.responded_at,
                    )
                )
    ordered = tuple(g for g in EscalationGround if g in found)
    reasons: list[Reason] = []
    if not valid_contract:
        reasons.append(
            Reason.of(
                "zoho.escalation.eligibility", "no valid support contract: escalation refused"
            )
        )
    if not ordered:
        reasons.append(
            Reason.of("zoho.escalation.eligibility", "no ground for an escalation applies")
        )
    reasons.extend(
        Reason.of("zoho.escalation.eligibility", "ground: {ground}", ground=g.value)
        for g in ordered
    )
    reasons.extend(facts)
    return EscalationDecision(valid_contract and bool(ordered), ordered, tuple(reasons))


# ---------------------------------------------------------------------------
# Appendix B: support levels and the status page
# ---------------------------------------------------------------------------


class SupportLevel(enum.Enum, metaclass=_validate.TypedEnumType):
    """A level of the Appendix B support structure."""

    CUSTOMER_SERVICE = "customer service"
    TECHNICAL_SOLUTIONS = "technical solutions"
    PRODUCT_SPECIALISTS = "product specialists"


@attrs.frozen
class SupportPath:
    """The support levels open to a package, and who may escalate to whom.

    Attributes:
        package: the customer's support package.
        levels: the levels available, first contact first.
        escalations: (from, to) pairs allowed for this package.
        has_tam: whether a Technical Account Manager is available.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    package: str
    levels: tuple[SupportLevel, ...]
    escalations: tuple[tuple[SupportLevel, SupportLevel], ...]
    has_tam: bool
    reasons: tuple[Reason, ...]
    desk: SupportDesk = attrs.field(default=_appb.DESK, kw_only=True, repr=False)

    def handles(self, level: object) -> str:
        """Describe what *level* handles (rule ``appb.support.levels``)."""
        lvl = _coerce_enum("level", level, SupportLevel)
        described = dict(self.desk.levels)
        if lvl.value not in described:
            raise UnknownKeyError("level", lvl.value, sorted(described))
        return str(described[lvl.value])


def support_path(package: str, *, desk: SupportDesk = _appb.DESK) -> SupportPath:
    """Return the Appendix B support levels open to a support package.

    Rule ``appb.support.levels`` (Appendix B, "Estrutura de Serviços de
    Suporte Técnico"): customer service is the first contact; technical
    solutions (led by a Technical Account Manager) takes harder problems; both
    may escalate to the product specialists. TAM support is not available to
    customers of the Advanced package, so that package skips technical
    solutions.

    >>> [lvl.value for lvl in support_path("Advanced").levels]
    ['customer service', 'product specialists']
    """
    package = _validate.text("package", package).strip()
    desk = _validate.instance("desk", desk, SupportDesk)
    no_tam = package.casefold() in {p.casefold() for p in desk.tam_excluded}
    levels = tuple(
        _coerce_enum("desk", name, SupportLevel)
        for name, _ in desk.levels
        if not (no_tam and name == SupportLevel.TECHNICAL_SOLUTIONS.value)
    )
    edges = tuple(
        (_coerce_enum("desk", a, SupportLevel), _coerce_enum("desk", b, SupportLevel))
        for a, b in desk.escalations
    )
    edges = tuple((a, b) for a, b in edges if a in levels and b in levels)
    reasons = [
        Reason.of(
            "appb.support.levels",
            "{package} package: {levels}",
            package=package,
            levels=" -> ".join(lvl.value for lvl in levels),
        )
    ]
    if no_tam:
        reasons.append(
            Reason.of(
                "appb.support.levels",
                "no Technical Account Manager for the {package} package",
                package=package,
            )
        )
    return SupportPath(package, levels, edges, not no_tam, tuple(reasons), desk=desk)


def can_escalate_level(
    source: object, target: object, *, package: str, desk: SupportDesk = _appb.DESK
) -> bool:
    """Return whether *source* may escalate a case to *target* for *package*.

    Rule ``appb.support.levels``: see :func:`support_path`.

    >>> can_escalate_level("customer service", "product specialists", package="Advanced")
    True
    >>> can_escalate_level("product specialists", "customer service", package="Advanced")
    False
    """
    a = _coerce_enum("source", source, SupportLevel)
    b = _coerce_enum("target", target, SupportLevel)
    return (a, b) in support_path(package, desk=desk).escalations


def _services(value: object) -> tuple[str, ...]:
    given = _validate.items("affected_services", value, "an iterable of service names")
    return tuple(_validate.text("affected_services", v) for v in given)


def _optional_aware_field(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


@attrs.frozen
class StatusPageUpdate:
    """One status-page update during a critical incident.

    Any of the content fields may be missing; :func:`check_status_page_update`
    lists what is.
    """

    posted_at: dt.datetime = attrs.field(validator=_aware("posted_at"))
    nature: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    affected_services: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_services)
    estimated_resolution: dt.datetime | None = attrs.field(
        default=None, kw_only=True, validator=_optional_aware_field
    )
    measures: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    resolved: bool = attrs.field(
        default=False, kw_only=True, validator=_validate.attrs_validator(_validate.boolean)
    )


@attrs.frozen
class StatusPageCheck:
    """The outcome of :func:`check_status_page_update`.

    Attributes:
        ok: True when the update states everything it must.
        missing: every missing item.
        next_update_due: when the next update is due (None once resolved).
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    ok: bool
    missing: tuple[str, ...]
    next_update_due: dt.datetime | None
    reasons: tuple[Reason, ...]


def check_status_page_update(
    update: StatusPageUpdate, *, cadence: dt.timedelta, desk: SupportDesk = _appb.DESK
) -> StatusPageCheck:
    """Check a status-page update is complete and say when the next one is due.

    Rule ``appb.status_page.update`` (Appendix B, "Página de Status"): during
    a critical incident the page is updated regularly until resolution, each
    update stating the nature of the problem, the affected services, the
    estimated resolution time and the measures being taken. The source gives
    no cadence, so *cadence* is required; the next update is due one cadence
    after this one, unless the incident is resolved.

    >>> t = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)
    >>> check = check_status_page_update(StatusPageUpdate(t, nature="database down"),
    ...                                  cadence=dt.timedelta(minutes=30))
    >>> check.missing, check.next_update_due.time()
    (('affected_services', 'estimated_resolution', 'measures'), datetime.time(10, 30))
    """
    _validate.instance("update", update, StatusPageUpdate)
    _validate.instance("cadence", cadence, dt.timedelta)
    if cadence <= dt.timedelta(0):
        raise InvalidValueError("cadence", cadence, "a positive timedelta")
    desk = _validate.instance("desk", desk, SupportDesk)
    known = {a.name for a in attrs.fields(StatusPageUpdate)}
    missing = []
    for name in desk.status_fields:
        if name not in known:
            raise UnknownKeyError(
                "desk", name, sorted(known), hint="status_fields name StatusPageUpdate fields"
            )
        value = getattr(update, name)
        if value is None or value == () or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    reasons = [
        Reason.of("appb.status_page.update", "the update does not state its {field}", field=m)
        for m in missing
    ]
    try:
        due = None if update.resolved else update.posted_at + cadence
    except OverflowError:
        raise HorizonError(
            "cadence", cadence, f"a cadence that ends before {dt.datetime.max} from the update"
        ) from None
    if due is None:
        reasons.append(
            Reason.of("appb.status_page.update", "incident resolved: no further update is due")
        )
    else:
        reasons.append(
            Reason.of(
                "appb.status_page.update",
                "next update due {due} ({cadence} after {posted})",
                due=due,
                cadence=cadence,
                posted=update.posted_at,
            )
        )
    return StatusPageCheck(not missing, tuple(missing), due, tuple(reasons))


# ---------------------------------------------------------------------------
# Clocks: the calendars' own integer timeline, and a plan per kind of ticket
# ---------------------------------------------------------------------------

_US = dt.timedelta(microseconds=1)


def _net(cal: BusinessCalendar, a: int, b: int, pauses: _Pauses) -> int:
    """Open time in [a, b) minus the open time spent in pauses."""
    elapsed = cal._elapsed_us
    total = elapsed(a, b)
    for ps, pe in pauses:
        if ps >= b:
            break
        stop = b if pe is None or pe > b else pe
        if stop <= a:
            continue
        total -= elapsed(ps if ps > a else a, stop)
    return total


def _padd(cal: BusinessCalendar, a: int, duration: int, pauses: _Pauses) -> int | None:
    """Earliest instant with *duration* of unpaused open time since *a*; None if held open."""
    add = cal._add_us
    cur, remaining = a, duration
    for ps, pe in pauses:
        if pe is not None and pe <= cur:
            continue
        candidate = add(cur, remaining)
        if ps >= candidate:
            return candidate
        if ps > cur:
            remaining -= cal._elapsed_us(cur, ps)
        if pe is None:
            return None
        cur = pe
    return add(cur, remaining)


@functools.lru_cache(maxsize=512)
def _calendar(
    kind: ClockKind, zone: str, country: str, subdivision: str | None
) -> BusinessCalendar:
    """The business calendar of a clock kind, zone and place (built once, compiled lazily)."""
    if kind is ClockKind.WEEKDAY:
        return weekday_clock(zone)
    if kind is ClockKind.ALWAYS_ON:
        return always_on_clock(zone)
    return support_hours_calendar(country, subdivision, zone=zone)


@functools.cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@functools.lru_cache(maxsize=1024)
def _zone_name(zone: str) -> str:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownKeyError(
            "zone", zone, _zone_names(), hint="use an IANA zone such as 'America/Sao_Paulo'"
        ) from None
    return zone


@functools.lru_cache(maxsize=1024)
def _region_zone(country: str) -> str:
    return default_zone(escalation_region(country))


def _zone_arg(zone: object) -> str:
    if isinstance(zone, ZoneInfo):
        return _zone_name(zone.key)
    if not isinstance(zone, str):
        raise InvalidTypeError("zone", zone, "an IANA zone name or a ZoneInfo")
    return _zone_name(zone)


def _resolve_zone(ticket: Ticket, kind: ClockKind, zone: object) -> str:
    """The zone of a built-in clock: asked for, else local (support hours) or the region's."""
    if zone is not None:
        return _zone_arg(zone)
    if kind is ClockKind.SUPPORT_HOURS:
        return _zone_name(local_zone(ticket._kind[5], ticket.opened_at, ticket.country))
    return _region_zone(ticket.country)


_UNIT_US = {"minutes": 60_000_000, "hours": 3_600_000_000}

# One window of a plan: metric, matrix window, target and limit, and whether they are
# counts of business days (True) or business µs (False).
_Spec = tuple[Metric, ResponseWindow, int, int, bool]


def _spec(
    policy: SlaPolicy, severity: Severity, metric: Metric, level: PartnerLevel | str
) -> _Spec | None:
    window = policy.matrix.window(severity, metric, level=level)
    if window is None:
        return None
    if window.limit.unit == "days":
        return metric, window, window.target.amount, window.limit.amount, True
    unit = _UNIT_US[window.limit.unit]
    return metric, window, window.target.amount * unit, window.limit.amount * unit, False


def _lengths(cal: BusinessCalendar, spec: _Spec, start: int) -> tuple[int, int]:
    """The target and limit of a window starting at *start*, as business µs.

    Minutes and hours are fixed lengths; n business days are the open time from
    *start* to the same position n open days on (pauses then push the instants
    further by the open time they hold).
    """
    if not spec[4]:
        return spec[2], spec[3]
    days, elapsed = cal._add_days_us, cal._elapsed_us
    limit = elapsed(start, days(start, spec[3]))
    if spec[2] == spec[3]:
        return limit, limit
    return elapsed(start, days(start, spec[2])), limit


class _Plan:
    """How one kind of ticket runs under one policy, worked out once and cached on the policy.

    A kind of ticket is its category, severity, level, country, subdivision and
    the zone asked for: together they fix the exemption, the clock, the
    calendar and the window lengths in integer microseconds.
    """

    __slots__ = (
        "ack",
        "calendar",
        "category",
        "country",
        "exempt",
        "kind",
        "pd",
        "policy",
        "recurring",
        "severity",
        "subdivision",
        "zone",
        "zone_name",
    )

    def __init__(self, policy: SlaPolicy, ticket: Ticket, zone: object) -> None:
        self.policy = policy
        self.category = ticket.category
        self.severity = ticket.severity
        self.country = ticket.country
        self.subdivision = ticket.subdivision
        for field, word, known in (
            ("level", _said(ticket.level), policy.levels),
            ("category", _said(ticket.category), policy.categories),
        ):
            if known is not None and word not in known:
                raise UnknownKeyError(
                    field, word, known, hint=f"the {policy.name} policy knows only these"
                )
        self.exempt = ticket.category in policy.exempt
        if self.exempt:
            return
        clock = policy.clock
        around = ticket.category in policy.round_the_clock
        if isinstance(clock, BusinessCalendar):
            # A caller's calendar: its own zone; 24x7 cases run around the clock in it.
            self.zone_name = clock.zone.key
            self.kind = ClockKind.ALWAYS_ON if around else ClockKind.CALENDAR
            self.calendar = always_on_clock(clock.zone) if around else clock
        else:
            base: ClockKind = clock
            self.zone_name = _resolve_zone(ticket, base, zone)
            self.kind = ClockKind.ALWAYS_ON if around else base
            self.calendar = _calendar(self.kind, self.zone_name, ticket.country, ticket.subdivision)
        self.zone: dt.tzinfo = self.calendar.zone
        ack = _spec(policy, ticket.severity, Metric.ACKNOWLEDGEMENT, ticket.level)
        if ack is None:
            raise UnknownKeyError(
                "severity",
                int(ticket.severity),
                sorted({str(int(c.severity)) for c in policy.matrix.cells}),
                hint=f"the {policy.name} matrix has no acknowledgement cell for it",
            )
        self.ack: _Spec = ack
        self.pd = _spec(policy, ticket.severity, Metric.PROBLEM_DETERMINATION, ticket.level)
        self.recurring = Metric.PROBLEM_DETERMINATION in policy.recurring

    def exempt_reason(self, *, no_deadline: bool = False) -> Reason:
        """Why a ticket of this kind has no commitment (and so no deadline) under the policy."""
        if no_deadline:
            return Reason.of(
                self.policy.rule_id,
                "{category} tickets are exempt from the {policy} commitment: no deadline",
                category=_said(self.category),
                policy=self.policy.name,
            )
        return Reason.of(
            self.policy.rule_id,
            "{category} tickets are exempt from the {policy} commitment",
            category=_said(self.category),
            policy=self.policy.name,
        )

    def clock_reasons(self) -> tuple[Reason, ...]:
        """Which clock tickets of this kind run on (rule ``zoho.sla.weekday_clock``)."""
        if self.policy.clock is not ClockKind.WEEKDAY:
            return ()
        if self.kind is ClockKind.ALWAYS_ON:
            why = Reason.of(
                "zoho.sla.weekday_clock",
                "{category} cases run on the 24x7 clock: weekends count ({zone})",
                category=_said(self.category),
                zone=self.zone_name,
            )
        else:
            why = Reason.of(
                "zoho.sla.weekday_clock",
                "{category} cases run on the 24x5 weekday clock: weekends do not count ({zone})",
                category=_said(self.category),
                zone=self.zone_name,
            )
        return (why,)

    def spec(self, metric: Metric) -> _Spec:
        """The window of *metric* (one of the plan's)."""
        if metric is Metric.ACKNOWLEDGEMENT or self.pd is None:
            return self.ack
        return self.pd


_PLANS_MAX = 4096


def _plan(policy: SlaPolicy, ticket: object, zone: object) -> _Plan:
    """The cached plan of *ticket*'s kind under *policy* (see :class:`_Plan`)."""
    if not isinstance(ticket, Ticket):
        raise InvalidTypeError("ticket", ticket, "a Ticket")
    if zone is not None and not isinstance(zone, str | ZoneInfo):
        raise InvalidTypeError("zone", zone, "an IANA zone name or a ZoneInfo")
    key = (ticket._kind, zone)
    plans = policy._plans
    try:
        return plans[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable zone
        raise InvalidTypeError("zone", zone, "an IANA zone name or a ZoneInfo") from None
    plan = _Plan(policy, ticket, zone)
    if len(plans) >= _PLANS_MAX:
        plans.clear()
    plans[key] = plan
    return plan


# ---------------------------------------------------------------------------
# Deadlines and status
# ---------------------------------------------------------------------------


@attrs.frozen
class Deadline:
    """When one response window is due.

    Attributes:
        metric: what the window measures.
        sequence: 0 for the acknowledgement, n for the window started by the
            n-th response.
        start: when the window's clock started.
        window: the (target, limit) of the matrix cell.
        target_at: past this instant the ticket is at risk.
        limit_at: past this instant the window is breached.
        responded_at: the response that closed the window, if any.
        reasons: why (built on first access, so bulk callers pay only for what they read).

    ``target_at``/``limit_at`` are ``None`` while an open pause holds the
    clock before they are reached. The instants are held as integer
    microseconds and become datetimes in the clock's zone when first read;
    two deadlines are equal when their fields and instants are.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    # The plain (JSON) form: these public attributes (see partnerrules.convert.unstructure).
    _plain_fields: ClassVar[tuple[str, ...]] = (
        "metric", "sequence", "window", "start", "target_at", "limit_at", "responded_at",
        "reasons",
    )  # fmt: skip

    metric: Metric
    sequence: int
    window: ResponseWindow
    responded_at: dt.datetime | None
    # Instants as µs since the epoch: the start, target and limit (None: held by a pause).
    _start_us: int
    _target_us: int | None
    _limit_us: int | None
    # The cached _Plan of the ticket's kind (typed Any: private, kept out of the API docs).
    _plan: Any = attrs.field(eq=False)
    _pauses: tuple[tuple[int, int | None], ...] = attrs.field(default=(), eq=False)

    @functools.cached_property
    def start(self) -> dt.datetime:
        """When the window's clock started, in the clock's zone."""
        out: dt.datetime = self._plan.calendar._from_us(self._start_us)
        return out

    @functools.cached_property
    def target_at(self) -> dt.datetime | None:
        """Past this instant the ticket is at risk (None while held by a pause)."""
        return _instant_out(self._plan, self._target_us)

    @functools.cached_property
    def limit_at(self) -> dt.datetime | None:
        """Past this instant the window is breached (None while held by a pause)."""
        return _instant_out(self._plan, self._limit_us)

    def __repr__(self) -> str:
        return _repr(self, _DEADLINE_REPR)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the window is due when it is (built on first access)."""
        return _deadline_reasons(self._plan, self, self._pauses)


@attrs.frozen
class TicketDeadlines:
    """Every deadline of a ticket under a policy.

    Attributes:
        ticket_id: the ticket's id.
        policy: the policy's name.
        exempt: True when no commitment applies (then no deadline is given).
        clock: the clock the windows run on (None when exempt).
        zone: the zone of the clock's weekday and opening boundaries.
        acknowledgement: the first-response deadline (None when exempt).
        determinations: one deadline per response: when the next is due.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    _plain_fields: ClassVar[tuple[str, ...]] = (
        "ticket_id", "policy", "exempt", "clock", "zone", "acknowledgement", "determinations",
        "reasons",
    )  # fmt: skip

    ticket_id: str
    policy: str
    exempt: bool
    clock: ClockKind | None
    zone: str
    acknowledgement: Deadline | None
    determinations: tuple[Deadline, ...]
    # The cached _Plan of the ticket's kind (typed Any: private, kept out of the API docs).
    _plan: Any = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Which clock the ticket runs on, or why it is exempt (built on first access)."""
        if self.exempt:
            return (self._plan.exempt_reason(no_deadline=True),)
        return _clock_reasons(self._plan)

    @property
    def next_due(self) -> Deadline | None:
        """The open (unanswered) deadline, if any: what the team must answer next."""
        for d in (self.acknowledgement, *self.determinations):
            if d is not None and d.responded_at is None:
                return d
        return None


# Every instant a datetime can hold is within this many µs of the epoch (year 1 is the farthest).
_LIMIT_US = 62_135_596_800_000_000

# True while the engine itself builds results (their fields are right by construction); a
# result built by a caller, or changed with attrs.evolve, is checked in full.
_BUILDING: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "partnerrules_sla_building", default=False
)


def _engine_built(result: Any) -> None:
    """Refuse a result built by hand: deadlines and statuses come from the engine's plan.

    Results are built in bulk, so the check is a few type tests: the plan must be
    the engine's, and the fields that :func:`attrs.evolve` could replace keep their
    kinds (integer instants within range, the right members and values).
    """
    if _BUILDING.get():
        return
    if type(result._plan) is not _Plan:
        raise InvalidTypeError(
            "plan",
            result._plan,
            "the engine's plan: results are built by deadlines(), status() and their bulk "
            "forms, never by hand",
        )
    for name, kinds, optional in _RESULT_FIELDS[type(result)]:
        value = getattr(result, name)
        if value is None and optional:
            continue
        fits = isinstance(value, kinds) and (type(value) is not bool or bool in kinds)
        if fits and isinstance(value, int):
            fits = -_LIMIT_US < value < _LIMIT_US
        if fits and isinstance(value, dt.datetime):
            fits = value.utcoffset() is not None
        if not fits:
            shown = " or ".join(k.__name__ for k in kinds) + (" or None" if optional else "")
            raise InvalidTypeError(name.lstrip("_"), value, f"a {shown}")
    if not isinstance(getattr(result, "_pauses", ()), tuple):
        raise InvalidTypeError("pauses", result._pauses, "the engine's pauses (a tuple)")
    for name, kind in _RESULT_ITEMS.get(type(result), ()):
        items = getattr(result, name)
        if not isinstance(items, tuple) or not all(isinstance(i, kind) for i in items):
            raise InvalidTypeError(name, items, f"a tuple of {kind.__name__}")


def _instant_out(plan: _Plan, us: int | None) -> dt.datetime | None:
    """The instant *us* as a datetime in the plan's clock zone (None stays None)."""
    return None if us is None else plan.calendar._from_us(us)


def _repr(result: object, names: tuple[str, ...]) -> str:
    """A result's repr by its public attributes (datetimes shown, not raw microseconds)."""
    shown = ", ".join(f"{name}={getattr(result, name)!r}" for name in names)
    return f"{type(result).__name__}({shown})"


_DEADLINE_REPR = ("metric", "sequence", "start", "window", "target_at", "limit_at", "responded_at")
_WINDOW_REPR = (
    "metric",
    "sequence",
    "state",
    "at",
    "start",
    "elapsed",
    "limit",
    "remaining",
    "used",
    "target_at",
    "limit_at",
    "responded_at",
)


def _warn_fraction(value: object) -> Decimal:
    return _validate.fraction("fraction", value)


@attrs.frozen
class WindowStatus:
    """The state of one response window at an instant.

    Attributes:
        metric: what the window measures.
        sequence: 0 for the acknowledgement, n for the window of the n-th response.
        state: running, at risk, breached, met, met late, paused or exempt.
        at: the instant of the status.
        start: when the window started (None when exempt).
        elapsed: unpaused business time used so far (up to the response if any).
        limit: the window's limit as business time (None when exempt).
        remaining: ``limit - elapsed``; negative once past the limit.
        used: ``elapsed / limit`` as a Decimal (``Decimal('0.5')`` is half).
        target_at: when the target is (or was) reached; None while held by a pause.
        limit_at: when the limit is (or was) reached; None while held by a pause.
        responded_at: the response that closed the window, if at or before ``at``.
        reasons: why.

    Instants and durations are held as integer microseconds and become
    datetimes, timedeltas and the ``Decimal`` share when first read; two
    statuses are equal when their fields and those integers are.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    _plain_fields: ClassVar[tuple[str, ...]] = (
        "metric", "sequence", "state", "at", "start", "elapsed", "limit", "remaining", "used",
        "target_at", "limit_at", "responded_at", "reasons",
    )  # fmt: skip

    metric: Metric
    sequence: int
    state: ClockState
    at: dt.datetime
    responded_at: dt.datetime | None
    # In µs: the start (since the epoch), business time elapsed and the limit (None: exempt),
    # the target and limit instants (None: held by a pause or exempt).
    _start_us: int | None
    _elapsed_us: int
    _limit_us: int | None
    _target_at_us: int | None
    _limit_at_us: int | None
    # The cached _Plan of the ticket's kind (typed Any: private, kept out of the API docs).
    _plan: Any = attrs.field(eq=False)
    _pauses: tuple[tuple[int, int | None], ...] = attrs.field(default=(), eq=False)

    @functools.cached_property
    def start(self) -> dt.datetime | None:
        """When the window started, in the clock's zone (None when exempt)."""
        return _instant_out(self._plan, self._start_us)

    @functools.cached_property
    def elapsed(self) -> dt.timedelta:
        """Unpaused business time used so far (up to the response if any)."""
        return _US * self._elapsed_us

    @functools.cached_property
    def limit(self) -> dt.timedelta | None:
        """The window's limit as business time (None when exempt)."""
        return None if self._limit_us is None else _US * self._limit_us

    @functools.cached_property
    def remaining(self) -> dt.timedelta | None:
        """``limit - elapsed``; negative once past the limit (None when exempt)."""
        return None if self._limit_us is None else _US * (self._limit_us - self._elapsed_us)

    @functools.cached_property
    def used(self) -> Decimal | None:
        """``elapsed / limit``, half-even to 4 places (``Decimal('0.5')`` is half)."""
        return None if self._limit_us is None else _share(self._elapsed_us, self._limit_us)

    @functools.cached_property
    def target_at(self) -> dt.datetime | None:
        """When the target is (or was) reached; None while held by a pause."""
        return _instant_out(self._plan, self._target_at_us)

    @functools.cached_property
    def limit_at(self) -> dt.datetime | None:
        """When the limit is (or was) reached; None while held by a pause."""
        return _instant_out(self._plan, self._limit_at_us)

    def __repr__(self) -> str:
        return _repr(self, _WINDOW_REPR)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the window is in its state (built on first access)."""
        return _status_reasons(self._plan, self)

    def warn_at(self, fraction: object) -> dt.datetime | None:
        """Return the instant at which *fraction* of the limit is used.

        ``None`` when the window is exempt or an open pause holds the clock
        before that point. Rule ``zoho.sla.matrix`` / the policy's matrix.

        Raises:
            InvalidValueError: *fraction* outside [0, 1] or a float.
        """
        share = _warn_fraction(fraction)
        if self._plan.exempt or self._limit_us is None or self._start_us is None:
            return None
        cal: BusinessCalendar = self._plan.calendar
        amount = int((share * self._limit_us).to_integral_value(ROUND_HALF_EVEN))
        found = _padd(cal, self._start_us, amount, self._pauses)
        return None if found is None else cal._from_us(found)


@attrs.frozen
class TicketStatus:
    """The state of every window of a ticket at an instant.

    Attributes:
        ticket_id: the ticket's id.
        at: the instant.
        exempt: True when no commitment applies.
        acknowledgement: the first-response window.
        determinations: the problem-determination windows started by ``at``.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    _plain_fields: ClassVar[tuple[str, ...]] = (
        "ticket_id", "at", "exempt", "acknowledgement", "determinations", "reasons",
    )  # fmt: skip

    ticket_id: str
    at: dt.datetime
    exempt: bool
    acknowledgement: WindowStatus
    determinations: tuple[WindowStatus, ...]
    # The cached _Plan of the ticket's kind (typed Any: private, kept out of the API docs).
    _plan: Any = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Which clock the ticket runs on, and why (built on first access)."""
        if self.exempt:
            return (self._plan.exempt_reason(),)
        return _clock_reasons(self._plan)

    @property
    def windows(self) -> tuple[WindowStatus, ...]:
        """Every window, acknowledgement first."""
        return (self.acknowledgement, *self.determinations)

    @property
    def problem_determination(self) -> WindowStatus | None:
        """The latest problem-determination window, if one has started."""
        return self.determinations[-1] if self.determinations else None


def _policy(policy: object) -> SlaPolicy:
    if policy is None:
        return ZOHO
    return _validate.instance("policy", policy, SlaPolicy)


def _place(country: str, subdivision: str | None) -> str:
    if subdivision is None:
        return country
    try:
        import holidays

        aliases = getattr(holidays.country_holidays(country), "subdivisions_aliases", {}) or {}
    except (NotImplementedError, KeyError, AttributeError):
        aliases = {}  # a country the package cannot name subdivisions of: use the code
    for name, code in aliases.items():
        if code == subdivision:
            return str(name)
    return f"{country}-{subdivision}"


def _holiday_reasons(plan: _Plan, start: dt.datetime, due: dt.datetime) -> list[Reason]:
    national = None
    if plan.subdivision is not None:
        national = _calendar(ClockKind.SUPPORT_HOURS, plan.zone_name, plan.country, None)
    out = []
    day = start.astimezone(plan.zone).date()
    while day <= due.date():
        name = plan.calendar.closure_reason(day) if day.weekday() < 5 else None
        if name:
            if national is None:
                scope = "a holiday"
            elif national.closure_reason(day):
                scope = "a national holiday"
            else:
                scope = "a local holiday"
            out.append(
                Reason.of(
                    "appb.first_response.one_business_day",
                    "{day:EEEE d MMM} is {scope} ({holiday})",
                    day=day,
                    scope=scope,
                    holiday=str(name),
                )
            )
        day += dt.timedelta(days=1)
    return out


def _clock_reasons(plan: _Plan) -> tuple[Reason, ...]:
    return plan.clock_reasons()


def _deadline_reasons(plan: _Plan, deadline: Deadline, pauses: _Pauses) -> tuple[Reason, ...]:
    """Why *deadline* falls when it does (built when first read)."""
    spec = plan.spec(deadline.metric)
    metric, window = spec[0], spec[1]
    start, target_at, limit_at = deadline.start, deadline.target_at, deadline.limit_at
    pol, kind = plan.policy, plan.kind
    why: list[Reason] = []
    if limit_at is None:
        why.append(
            Reason.of(
                pol.rule_id,
                "{metric} clock held by a pause still open: no due time yet",
                metric=metric.value,
            )
        )
    elif kind is ClockKind.SUPPORT_HOURS:
        why.append(
            Reason.of(
                pol.rule_id,
                "due {due:EEEE d MMM HH:mm}: {span} on the {place} support calendar ({zone})",
                due=limit_at,
                span=_span_words(window.limit),
                place=_place(plan.country, plan.subdivision),
                zone=plan.zone_name,
                opened=start,
            )
        )
        why.extend(_holiday_reasons(plan, start, limit_at))
    else:
        why.append(
            Reason.of(
                pol.rule_id,
                "{metric} due by {limit_at:EEE d MMM HH:mm} "
                "(at risk after {target_at:EEE d MMM HH:mm}): "
                "severity {severity} allows {window} on the {clock} ({zone})",
                metric=metric.value,
                limit_at=limit_at,
                target_at=target_at,
                severity=int(plan.severity),
                window=str(window),
                clock="policy's business calendar"
                if kind is ClockKind.CALENDAR
                else f"{kind.value} clock",
                zone=plan.zone_name,
            )
        )
    if pauses and limit_at is not None:
        cal = plan.calendar
        start_us = _instant_us(start)
        plain = cal._from_us(cal._add_us(start_us, _lengths(cal, spec, start_us)[1]))
        if plain != limit_at:
            why.append(
                Reason.of(
                    pol.rule_id,
                    "pauses waiting on the customer moved the {metric} limit from "
                    "{before} to {after}",
                    metric=metric.value,
                    before=plain,
                    after=limit_at,
                )
            )
    return tuple(why)


# Number rows: what deadlines_many and status_many keep per ticket, and what the per-ticket
# functions build their results from (one code path). Instants are µs since the epoch;
# _HELD stands for "no instant yet: an open pause holds the clock".
_HELD = -(1 << 63)


def _held(us: int) -> int | None:
    return None if us == _HELD else us


def _pair(cal: BusinessCalendar, start: int, spec: _Spec, pauses: _Pauses) -> tuple[int, int]:
    """Target and limit instants of a window starting at *start*, less *pauses*."""
    # Inline fast path: fixed lengths for minutes and hours; days are counted on the calendar.
    target, limit = _lengths(cal, spec, start) if spec[4] else (spec[2], spec[3])
    if not pauses:
        return cal._add_pair_us(start, target, limit)
    t_us = _padd(cal, start, target, pauses)
    l_us = _padd(cal, start, limit, pauses)
    return (_HELD if t_us is None else t_us, _HELD if l_us is None else l_us)


def _deadline_row(plan: _Plan, ticket: Ticket) -> tuple[int, ...]:
    """Target and limit of every window of *ticket*, acknowledgement first (empty if exempt)."""
    if plan.exempt:
        return ()
    opened_us, responses_us, pauses = ticket._instants
    cal = plan.calendar
    row: tuple[int, ...] = _pair(cal, opened_us, plan.ack, pauses)
    pd = plan.pd
    if pd is not None and responses_us:
        for i in range(len(responses_us) if plan.recurring else 1):
            row += _pair(cal, responses_us[i], pd, pauses)
    return row


def _deadlines_from(plan: _Plan, ticket: Ticket, row: Sequence[int]) -> TicketDeadlines:
    """The :class:`TicketDeadlines` of *ticket* from its number row (built by the engine)."""
    token = _BUILDING.set(True)
    try:
        return _deadlines_built(plan, ticket, row)
    finally:
        _BUILDING.reset(token)


def _deadlines_built(plan: _Plan, ticket: Ticket, row: Sequence[int]) -> TicketDeadlines:
    """The :class:`TicketDeadlines` of *ticket* from its number row (see :func:`_deadline_row`)."""
    policy = plan.policy.name
    if plan.exempt:
        return TicketDeadlines(ticket.id, policy, True, None, "", None, (), plan)
    opened_us, responses_us, pauses = ticket._instants
    responses = ticket.responses
    metric, window = plan.ack[0], plan.ack[1]
    first = responses[0] if responses else None
    t_us, l_us = row[0], row[1]
    ack = Deadline(
        metric,
        0,
        window,
        first,
        opened_us,
        None if t_us == _HELD else t_us,
        None if l_us == _HELD else l_us,
        plan,
        pauses,
    )
    more: tuple[Deadline, ...] = ()
    if len(row) > 2:
        pd = plan.pd
        assert pd is not None  # a row longer than the acknowledgement has determinations
        metric, window, count = pd[0], pd[1], len(responses)
        more = tuple(
            Deadline(
                metric,
                k,
                window,
                responses[k] if k < count else None,
                responses_us[k - 1],
                _held(row[2 * k]),
                _held(row[2 * k + 1]),
                plan,
                pauses,
            )
            for k in range(1, len(row) // 2)
        )
    return TicketDeadlines(ticket.id, policy, False, plan.kind, plan.zone_name, ack, more, plan)


def deadlines(
    ticket: Ticket, *, policy: SlaPolicy | None = None, zone: str | ZoneInfo | None = None
) -> TicketDeadlines:
    """Return when a ticket's acknowledgement and each next response are due.

    Rules ``zoho.sla.matrix``, ``zoho.sla.weekday_clock`` (Zoho, "Compromisso
    do Suporte ao parceiro") with the default policy :data:`ZOHO`, and
    ``appb.first_response.one_business_day`` (Appendix B, "Tempo de Resposta
    Inicial") with :data:`APPENDIX_B`.

    The acknowledgement window starts at the opening; each response starts
    the next problem-determination window. The clock is the policy's
    (24x5 weekdays for Zoho, 24x7 for downtime, outage and login; the local
    09:00-18:00 calendar with holidays for Appendix B), in *zone* (default:
    the default zone of the country's partner region). Pauses are subtracted
    from the business time. Exempt categories get no deadline.

    Raises:
        InvalidTypeError: *ticket* is not a :class:`Ticket`, or *policy* not an
            :class:`SlaPolicy`.
        UnknownKeyError: a zone, or a severity the policy's matrix lacks.
    """
    plan = _plan(ZOHO if policy is None else _policy(policy), ticket, zone)
    return _deadlines_from(plan, ticket, _deadline_row(plan, ticket))


def _batch_of(tickets: object) -> tuple[Ticket, ...]:
    """The tickets of a bulk call as a tuple (each item is checked when it is planned)."""
    if isinstance(tickets, Ticket):
        raise InvalidTypeError("tickets", tickets, "an iterable of Ticket")
    return _validate.items("tickets", tickets, "an iterable of Ticket")


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise attrs.exceptions.FrozenInstanceError


def _frozen_delattr(self: object, name: str) -> None:
    raise attrs.exceptions.FrozenInstanceError


_R = TypeVar("_R")


class _Batch(Sequence[_R]):
    """Rows of numbers for many tickets, one run of ``_rows`` per ticket (see DeadlineBatch)."""

    __slots__ = ("_policy", "_rows", "_starts", "_tickets", "_zone")
    __setattr__ = _frozen_setattr
    __delattr__ = _frozen_delattr
    __hash__ = None  # type: ignore[assignment]
    _tickets: tuple[Ticket, ...]
    _policy: SlaPolicy
    _zone: object
    _rows: array[int]
    _starts: array[int]

    def _keep(
        self,
        tickets: tuple[Ticket, ...],
        policy: SlaPolicy,
        zone: object,
        rows: array[int],
        starts: array[int],
    ) -> None:
        """Set the fields once, when the batch is made (it is immutable after)."""
        init = object.__setattr__
        init(self, "_tickets", tickets)
        init(self, "_policy", policy)
        init(self, "_zone", zone)
        init(self, "_rows", rows)
        init(self, "_starts", starts)

    def __getstate__(self) -> dict[str, object]:
        names = (n for c in type(self).__mro__ for n in c.__dict__.get("__slots__", ()))
        return {name: getattr(self, name) for name in names}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self._tickets)

    def _index(self, index: int) -> int:
        if not isinstance(index, int) or isinstance(index, bool):
            raise InvalidTypeError("index", index, "an int or a slice")
        n = len(self._tickets)
        if not -n <= index < n:
            raise OutOfRangeError("index", index, f"an index from {-n} to {n - 1} ({n} tickets)")
        return index % n

    @abc.abstractmethod
    def _item(self, i: int) -> _R:
        """The result of the ticket at *i* (0 <= i < len), built from its row."""

    @overload
    def __getitem__(self, index: int) -> _R: ...

    @overload
    def __getitem__(self, index: slice) -> list[_R]: ...

    def __getitem__(self, index: int | slice) -> _R | list[_R]:
        """The result of the ticket at *index* (a list of them for a slice)."""
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        return self._item(self._index(index))

    def __iter__(self) -> Iterator[_R]:
        for i in range(len(self)):
            yield self._item(i)

    def _row(self, i: int) -> tuple[_Plan, Ticket, array[int]]:
        ticket = self._tickets[i]
        row = self._rows[self._starts[i] : self._starts[i + 1]]
        return _plan(self._policy, ticket, self._zone), ticket, row

    def _key(self) -> tuple[object, ...]:
        zone = self._zone.key if isinstance(self._zone, ZoneInfo) else self._zone
        return (self._policy, zone, self._tickets, self._rows, self._starts)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Batch)
        return bool(self._key() == other._key())

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} tickets under {self._policy.name}>"


class DeadlineBatch(_Batch[TicketDeadlines]):
    """The deadlines of many tickets, held as rows of integers: what :func:`deadlines_many` returns.

    A sequence of :class:`TicketDeadlines`, in the order the tickets were
    given: ``batch[i]`` equals ``deadlines(tickets[i], policy=..., zone=...)``.
    Every deadline is computed when the batch is built; the result objects
    are built each time an item is read and are not kept, so a batch of a
    million tickets holds a few integers per ticket rather than millions of
    objects. Batches are immutable; two are equal when they hold the same
    tickets, policy, zone and deadlines.

    >>> sp = ZoneInfo("America/Sao_Paulo")
    >>> batch = deadlines_many([Ticket(str(k), dt.datetime(2026, 11, 23, 9 + k, tzinfo=sp),
    ...     severity=1, category="slowness", level="Premium", country="BR") for k in range(3)])
    >>> batch
    <DeadlineBatch: 3 tickets under Zoho>
    >>> batch[-1].acknowledgement.limit_at.hour, len(batch[:2])
    (14, 2)
    """

    __slots__ = ()

    def __init__(self) -> None:
        raise TypeError("a DeadlineBatch is returned by deadlines_many(), not built directly")

    def _item(self, i: int) -> TicketDeadlines:
        return _deadlines_from(*self._row(i))


def deadlines_many(
    tickets: Iterable[Ticket],
    *,
    policy: SlaPolicy | None = None,
    zone: str | ZoneInfo | None = None,
) -> DeadlineBatch:
    """Return :func:`deadlines` of every ticket, in order, for bulk jobs.

    Same rules (``zoho.sla.matrix``, ``zoho.sla.weekday_clock``,
    ``appb.first_response.one_business_day``), same code path and same values
    as calling :func:`deadlines` on each ticket; the policy is checked once
    for the batch. Every deadline is computed now; the batch keeps them as
    integers and builds each ticket's :class:`TicketDeadlines` when it is read
    (see :class:`DeadlineBatch`).

    >>> sp = ZoneInfo("America/Sao_Paulo")
    >>> batch = [Ticket(str(k), dt.datetime(2026, 11, 23, 9 + k, tzinfo=sp), severity=1,
    ...                 category="slowness", level="Premium", country="BR") for k in range(3)]
    >>> [d.acknowledgement.limit_at.hour for d in deadlines_many(batch)]
    [12, 13, 14]

    Raises:
        InvalidTypeError: *tickets* is not an iterable of :class:`Ticket`, or
            *policy* not an :class:`SlaPolicy`.
        UnknownKeyError: a zone, or a severity the policy's matrix lacks.
    """
    pol = ZOHO if policy is None else _policy(policy)
    items = _batch_of(tickets)
    rows, starts = array("q"), array("q", [0])
    extend, mark = rows.extend, starts.append
    for t in items:
        extend(_deadline_row(_plan(pol, t, zone), t))
        mark(len(rows))
    batch = object.__new__(DeadlineBatch)
    batch._keep(items, pol, zone, rows, starts)
    return batch


def _span_words(span: BusinessSpan) -> str:
    if span.unit == "days":
        return "one business day" if span.amount == 1 else f"{span.amount} business days"
    return f"{span} of business time"


def _clip(pauses: _Pauses, at: int) -> _Pauses:
    return tuple((ps, pe if pe is not None and pe <= at else None) for ps, pe in pauses if ps <= at)


def _status_reasons(plan: _Plan, window: WindowStatus) -> tuple[Reason, ...]:
    """Why *window* is in its state (built when first read)."""
    if plan.exempt:
        return (plan.exempt_reason(),)
    return (
        Reason.of(
            plan.policy.rule_id,
            "{metric} {state}: {elapsed} of {limit} used ({used:%})",
            metric=window.metric.value,
            state=window.state.value,
            elapsed=window.elapsed,
            limit=window.limit,
            used=window.used,
            limit_at=window.limit_at,
        ),
    )


def _share(elapsed: int, limit: int) -> Decimal:
    """``elapsed / limit`` rounded half-even to 4 decimal places, in integers."""
    q, r = divmod(elapsed * 10_000, limit)
    if 2 * r > limit or (2 * r == limit and q & 1):
        q += 1
    return Decimal(q).scaleb(-4)


# A window's state in a number row: its index in _STATES.
_STATES = tuple(ClockState)
_RUNNING, _AT_RISK, _BREACHED, _MET, _MET_LATE, _PAUSED = (
    _STATES.index(s)
    for s in (
        ClockState.RUNNING,
        ClockState.AT_RISK,
        ClockState.BREACHED,
        ClockState.MET,
        ClockState.MET_LATE,
        ClockState.PAUSED,
    )
)


def _window_row(
    cal: BusinessCalendar, spec: _Spec, start: int, end: int | None, pauses: _Pauses, at: int
) -> tuple[int, int, int, int]:
    """State, elapsed business time, target and limit instants of one window at *at*.

    *end* is the response closing the window if it came by *at*, else None.
    """
    stop = at if end is None else end
    # Inline fast path: fixed lengths for minutes and hours; days are counted on the calendar.
    target, limit = _lengths(cal, spec, start) if spec[4] else (spec[2], spec[3])
    if pauses:
        elapsed = _net(cal, start, stop, pauses)
        t_us = _padd(cal, start, target, pauses)
        l_us = _padd(cal, start, limit, pauses)
    else:
        elapsed, t_us, l_us = cal._window_us(start, stop, target, limit)
    if end is not None:
        state = _MET if l_us is None or end <= l_us else _MET_LATE
    elif l_us is not None and at > l_us:
        state = _BREACHED
    elif pauses and pauses[-1][1] is None:
        state = _PAUSED
    elif t_us is not None and at > t_us:
        state = _AT_RISK
    else:
        state = _RUNNING
    return (state, elapsed, _HELD if t_us is None else t_us, _HELD if l_us is None else l_us)


def _status_row(plan: _Plan, ticket: Ticket, at: int) -> tuple[int, ...]:
    """Four numbers (see :func:`_window_row`) per window started by *at* (empty if exempt)."""
    if plan.exempt:
        return ()
    opened_us, responses_us, pauses = ticket._instants
    if pauses:
        pauses = _clip(pauses, at)
    cal = plan.calendar
    answered = bisect_right(responses_us, at) if responses_us else 0  # they are sorted
    first = responses_us[0] if answered else None
    row: tuple[int, ...] = _window_row(cal, plan.ack, opened_us, first, pauses, at)
    pd = plan.pd
    if pd is not None and answered:
        for i in range(answered if plan.recurring else 1):
            end = responses_us[i + 1] if i + 1 < answered else None
            row += _window_row(cal, pd, responses_us[i], end, pauses, at)
    return row


def _status_from(
    plan: _Plan, ticket: Ticket, at: dt.datetime, at_us: int, row: Sequence[int]
) -> TicketStatus:
    """The :class:`TicketStatus` of *ticket* at *at* from its number row (built by the engine)."""
    token = _BUILDING.set(True)
    try:
        return _status_built(plan, ticket, at, at_us, row)
    finally:
        _BUILDING.reset(token)


def _status_built(
    plan: _Plan, ticket: Ticket, at: dt.datetime, at_us: int, row: Sequence[int]
) -> TicketStatus:
    """The :class:`TicketStatus` of *ticket* at *at* from its number row."""
    if plan.exempt:
        ack = WindowStatus(
            Metric.ACKNOWLEDGEMENT, 0, ClockState.EXEMPT, at, None, None, 0, None, None, None, plan
        )
        return TicketStatus(ticket.id, at, True, ack, (), plan)
    opened_us, responses_us, pauses = ticket._instants
    if pauses:
        pauses = _clip(pauses, at_us)
    responses = ticket.responses
    answered = responses[0] if responses and responses_us[0] <= at_us else None
    spec = plan.ack
    state, elapsed, t_us, l_us = row[0], row[1], row[2], row[3]
    ack = WindowStatus(
        spec[0],
        0,
        _STATES[state],
        at,
        answered,
        opened_us,
        elapsed,
        _lengths(plan.calendar, spec, opened_us)[1],
        None if t_us == _HELD else t_us,
        None if l_us == _HELD else l_us,
        plan,
        pauses,
    )
    if len(row) == 4:
        return TicketStatus(ticket.id, at, False, ack, (), plan)
    pd = plan.pd
    assert pd is not None  # a row longer than one window has determinations
    more = tuple(
        WindowStatus(
            pd[0],
            k,
            _STATES[row[4 * k]],
            at,
            responses[k] if k < len(responses) and responses_us[k] <= at_us else None,
            responses_us[k - 1],
            row[4 * k + 1],
            _lengths(plan.calendar, pd, responses_us[k - 1])[1],
            _held(row[4 * k + 2]),
            _held(row[4 * k + 3]),
            plan,
            pauses,
        )
        for k in range(1, len(row) // 4)
    )
    return TicketStatus(ticket.id, at, False, ack, more, plan)


def status(
    ticket: Ticket,
    at: dt.datetime,
    *,
    policy: SlaPolicy | None = None,
    zone: str | ZoneInfo | None = None,
) -> TicketStatus:
    """Return the state of every response window of a ticket at instant *at*.

    Rules ``zoho.sla.matrix`` and ``zoho.sla.weekday_clock`` (or the policy's
    own rule, e.g. ``appb.first_response.one_business_day``). Computed from the
    ticket's data alone, as known at *at*: responses after *at* are ignored,
    and a pause still running at *at* holds the clock (state ``paused``). A
    window is ``at risk`` past its target, ``breached`` past its limit, ``met``
    when answered by the limit and ``met late`` after it. Once breached, a
    window stays breached (or becomes met late); it never runs again.

    Raises:
        NaiveDatetimeError: *at* has no zone.
        InvalidTypeError: *ticket* is not a :class:`Ticket`, or *policy* not an
            :class:`SlaPolicy`.
    """
    at_us = _instant_us(at, "at")
    plan = _plan(ZOHO if policy is None else _policy(policy), ticket, zone)
    return _status_from(plan, ticket, at, at_us, _status_row(plan, ticket, at_us))


class StatusBatch(_Batch[TicketStatus]):
    """The status of many tickets, held as rows of integers: what :func:`status_many` returns.

    A sequence of :class:`TicketStatus`, in the order the tickets were given:
    ``batch[i]`` equals ``status(tickets[i], at_i, policy=..., zone=...)``.
    Every window's state, elapsed time, target and limit are computed when
    the batch is built; the result objects are built each time an item is
    read and are not kept (see :class:`DeadlineBatch`). :meth:`ids` answers
    "which tickets are breached" without building any.

    >>> sp = ZoneInfo("America/Sao_Paulo")
    >>> opened = dt.datetime(2026, 11, 23, 9, tzinfo=sp)
    >>> batch = status_many([Ticket(str(k), opened, severity=1 + k, category="slowness",
    ...     level="Premium", country="BR") for k in range(3)], opened + dt.timedelta(hours=7))
    >>> batch.ids(ClockState.BREACHED), batch[1].acknowledgement.state.value
    (('0',), 'at risk')
    """

    __slots__ = ("_at", "_at_us")
    _at: dt.datetime | tuple[dt.datetime, ...]
    _at_us: int | array[int]

    def __init__(self) -> None:
        raise TypeError("a StatusBatch is returned by status_many(), not built directly")

    def _instant(self, i: int) -> tuple[dt.datetime, int]:
        if isinstance(self._at, dt.datetime):
            assert isinstance(self._at_us, int)
            return self._at, self._at_us
        assert not isinstance(self._at_us, int)
        return self._at[i], self._at_us[i]

    def _item(self, i: int) -> TicketStatus:
        plan, ticket, row = self._row(i)
        return _status_from(plan, ticket, *self._instant(i), row)

    def _key(self) -> tuple[object, ...]:
        each = self._at_us
        if isinstance(each, int):  # one instant for the batch: equal to it given per ticket
            each = array("q", [each]) * len(self)
        return (*super()._key(), each)

    def ids(
        self, state: ClockState | str, *, metric: Metric | str = Metric.ACKNOWLEDGEMENT
    ) -> tuple[str, ...]:
        """Return the ids of the tickets whose *metric* window is in *state*, in order.

        For problem determination, a ticket's latest window counts; tickets
        with none started are left out. Exempt tickets have an exempt
        acknowledgement. Reads the kept numbers: no result object is built.

        Raises:
            UnknownKeyError: an unknown state or metric.
        """
        wanted = _coerce_enum("state", state, ClockState)
        which = _metric(metric)
        rows, starts, tickets = self._rows, self._starts, self._tickets
        if wanted is ClockState.EXEMPT:
            if which is not Metric.ACKNOWLEDGEMENT:
                return ()
            return tuple(t.id for i, t in enumerate(tickets) if starts[i] == starts[i + 1])
        code = _STATES.index(wanted)
        if which is Metric.ACKNOWLEDGEMENT:
            return tuple(
                t.id
                for i, t in enumerate(tickets)
                if starts[i] != starts[i + 1] and rows[starts[i]] == code
            )
        return tuple(
            t.id
            for i, t in enumerate(tickets)
            if starts[i + 1] - starts[i] > 4 and rows[starts[i + 1] - 4] == code
        )


def status_many(
    tickets: Iterable[Ticket],
    at: dt.datetime | Iterable[dt.datetime],
    *,
    policy: SlaPolicy | None = None,
    zone: str | ZoneInfo | None = None,
) -> StatusBatch:
    """Return :func:`status` of every ticket, in order, for bulk jobs.

    Same rules (``zoho.sla.matrix``, ``zoho.sla.weekday_clock``, or the
    policy's own), same code path and same values as calling :func:`status`
    on each ticket. *at* is one instant for the whole batch, or an iterable
    of one instant per ticket. Every window is computed now; the batch keeps
    the numbers and builds each :class:`TicketStatus` when it is read (see
    :class:`StatusBatch`).

    >>> sp = ZoneInfo("America/Sao_Paulo")
    >>> opened = dt.datetime(2026, 11, 23, 9, tzinfo=sp)
    >>> batch = [Ticket(str(k), opened, severity=1 + k, category="slowness",
    ...                 level="Premium", country="BR") for k in range(3)]
    >>> [s.acknowledgement.state.value for s in status_many(batch, opened + dt.timedelta(hours=7))]
    ['breached', 'at risk', 'running']

    Raises:
        NaiveDatetimeError: an instant has no zone.
        InvalidValueError: not one instant per ticket.
        InvalidTypeError: *tickets* is not an iterable of :class:`Ticket`, or
            *policy* not an :class:`SlaPolicy`.
    """
    pol = ZOHO if policy is None else _policy(policy)
    items = _batch_of(tickets)
    rows, starts = array("q"), array("q", [0])
    extend, mark = rows.extend, starts.append
    stamps: dt.datetime | tuple[dt.datetime, ...]
    micros: int | array[int]
    if isinstance(at, dt.datetime | str | bytes) or not isinstance(at, Iterable):
        stamps = at
        micros = at_us = _instant_us(at, "at")
        for t in items:
            extend(_status_row(_plan(pol, t, zone), t, at_us))
            mark(len(rows))
    else:
        stamps = _validate.items("at", at, "one aware datetime, or one per ticket")
        if len(items) != len(stamps):
            raise InvalidValueError(
                "at", f"{len(stamps)} instants", f"one instant per ticket ({len(items)} tickets)"
            )
        micros = array("q", [_instant_us(a, "at") for a in stamps])
        for t, at_us in zip(items, micros, strict=True):
            extend(_status_row(_plan(pol, t, zone), t, at_us))
            mark(len(rows))
    batch = object.__new__(StatusBatch)
    batch._keep(items, pol, zone, rows, starts)
    object.__setattr__(batch, "_at", stamps)
    object.__setattr__(batch, "_at_us", micros)
    return batch


# ---------------------------------------------------------------------------
# Channel availability
# ---------------------------------------------------------------------------


@attrs.frozen
class SupportAvailability:
    """Who is served, and how, at an instant.

    Attributes:
        at: the instant.
        open: True within support hours.
        served: True when this case is served at ``at``.
        channels: the channels available to it (empty when not served).
        languages: the languages it is served in (empty: not restricted).
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    at: dt.datetime
    open: bool
    served: bool
    channels: tuple[str, ...]
    languages: tuple[str, ...]
    reasons: tuple[Reason, ...]


def support_availability(
    at: dt.datetime,
    *,
    calendar: BusinessCalendar,
    critical_production: bool = False,
    desk: SupportDesk = _appb.DESK,
) -> SupportAvailability:
    """Say whether and how a case is served at *at* under Appendix B hours.

    Rule ``appb.support.hours`` (Appendix B, "Disponibilidade de suporte"):
    support is open Monday-Friday 09:00-18:00 local time, except local
    holidays, through the support package's channel. Outside those hours only
    critical production cases are served, by phone, in English only.
    *calendar* is the customer's
    :func:`partnerrules.calendars.support_hours_calendar`; *desk* holds the
    channels and languages (the Appendix B pack's by default).
    """
    at = _validate.aware("at", at)
    _validate.instance("calendar", calendar, BusinessCalendar)
    desk = _validate.instance("desk", desk, SupportDesk)
    if not isinstance(critical_production, bool):
        raise InvalidTypeError("critical_production", critical_production, "a bool")
    if calendar.is_open(at):
        why = Reason.of(
            "appb.support.hours",
            "open at {at:EEE d MMM HH:mm}: served through the {channel}",
            at=at.astimezone(calendar.zone),
            channel=desk.package_channel,
        )
        return SupportAvailability(at, True, True, (desk.package_channel,), (), (why,))
    local = at.astimezone(calendar.zone)
    closure = calendar.closure_reason(local.date())
    facts = {"at": local, "next": calendar.next_open(at), "closure": closure or "outside hours"}
    if critical_production:
        why = Reason.of(
            "appb.support.hours",
            "closed at {at:EEE d MMM HH:mm} ({closure}): a critical production case is served "
            "by {channels} in {languages}",
            channels=" or ".join(desk.after_hours_channels),
            languages=", ".join(desk.after_hours_languages),
            **facts,
        )
        return SupportAvailability(
            at, False, True, desk.after_hours_channels, desk.after_hours_languages, (why,)
        )
    why = Reason.of(
        "appb.support.hours",
        "closed at {at:EEE d MMM HH:mm} ({closure}): only critical production cases are "
        "served until {next:EEE d MMM HH:mm}",
        **facts,
    )
    return SupportAvailability(at, False, False, (), (), (why,))


def omid_support_clock(zone: str = _omid.DESK.zone) -> BusinessCalendar:
    """Return Omid's technical-support clock: open around the clock.

    Rule ``omid.support.always_on`` (Omid module 007, §5.2 "Suporte técnico
    24x7"). *zone* only sets the zone results are reported in.
    """
    return always_on_clock(_zone_arg(zone))


def omid_support_availability(
    at: dt.datetime, *, relevant_customer: bool = False, desk: AlwaysOnDesk = _omid.DESK
) -> SupportAvailability:
    """Say how Omid's technical support is reached at *at*: always open.

    Rule ``omid.support.always_on`` (Omid module 007, §5.2 and §3.3): support
    runs 24x7 through 0800 and WhatsApp, and relevant customers may also
    reach the engineering team directly.

    >>> t = dt.datetime(2026, 12, 25, 3, tzinfo=dt.timezone.utc)
    >>> omid_support_availability(t, relevant_customer=True).channels
    ('0800', 'WhatsApp', 'engineering contact')
    """
    at = _validate.aware("at", at)
    if not isinstance(relevant_customer, bool):
        raise InvalidTypeError("relevant_customer", relevant_customer, "a bool")
    desk = _validate.instance("desk", desk, AlwaysOnDesk)
    channels = desk.channels + ((desk.engineering_channel,) if relevant_customer else ())
    why = Reason.of(
        "omid.support.always_on",
        "{desk} support is open {hours}: reach it by {channels}",
        desk=desk.name,
        hours=desk.hours,
        channels=", ".join(channels),
        at=at,
    )
    return SupportAvailability(at, True, True, channels, desk.languages, (why,))


# The fields of the engine's results and their kinds, checked by _engine_built.
_RESULT_FIELDS: dict[type, tuple[tuple[str, tuple[type, ...], bool], ...]] = {
    Deadline: (
        ("metric", (Metric,), False),
        ("sequence", (int,), False),
        ("window", (ResponseWindow,), False),
        ("responded_at", (dt.datetime,), True),
        ("_start_us", (int,), False),
        ("_target_us", (int,), True),
        ("_limit_us", (int,), True),
    ),
    WindowStatus: (
        ("metric", (Metric,), False),
        ("sequence", (int,), False),
        ("state", (ClockState,), False),
        ("at", (dt.datetime,), False),
        ("responded_at", (dt.datetime,), True),
        ("_start_us", (int,), True),
        ("_elapsed_us", (int,), False),
        ("_limit_us", (int,), True),
        ("_target_at_us", (int,), True),
        ("_limit_at_us", (int,), True),
    ),
    TicketDeadlines: (
        ("ticket_id", (str,), False),
        ("policy", (str,), False),
        ("exempt", (bool,), False),
        ("clock", (ClockKind,), True),
        ("zone", (str,), False),
        ("acknowledgement", (Deadline,), True),
    ),
    TicketStatus: (
        ("ticket_id", (str,), False),
        ("at", (dt.datetime,), False),
        ("exempt", (bool,), False),
        ("acknowledgement", (WindowStatus,), False),
    ),
}
_RESULT_ITEMS: dict[type, tuple[tuple[str, type], ...]] = {
    TicketDeadlines: (("determinations", Deadline),),
    TicketStatus: (("determinations", WindowStatus),),
}
