"""Response windows, severity matrices and SLA policies, with the built-in ones.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._engine import _Plan
from partnerrules._public import home
from partnerrules._sla.vocabulary import (
    Category,
    ClockKind,
    Metric,
    PartnerLevel,
    Severity,
    _coerce_enum,
    _metric,
    _said,
    _severity,
    _ticket_category,
    _ticket_level,
    _word,
)
from partnerrules.calendars import (
    BusinessCalendar,
)
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.policies import appendix_b as _appb
from partnerrules.policies import zoho as _zoho

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


def _policy(policy: object) -> SlaPolicy:
    if policy is None:
        return ZOHO
    return _validate.instance("policy", policy, SlaPolicy)


home("partnerrules.sla", globals())
