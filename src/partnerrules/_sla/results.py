"""The engine's results: deadlines, window states and their reasons.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, ClassVar

import attrs

from partnerrules import _validate
from partnerrules._engine import (
    _LIMIT_US,
    _US,
    _calendar,
    _lengths,
    _padd,
    _Plan,
    _share,
    building,
)
from partnerrules._public import home
from partnerrules._sla.policies import BusinessSpan, ResponseWindow
from partnerrules._sla.tickets import _Pauses
from partnerrules._sla.vocabulary import ClockKind, ClockState, Metric
from partnerrules.calendars import (
    BusinessCalendar,
    _instant_us,
)
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
)

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


def _engine_built(result: Any) -> None:
    """Refuse a result built by hand: deadlines and statuses come from the engine's plan.

    Results are built in bulk, so the check is a few type tests: the plan must be
    the engine's, and the fields that :func:`attrs.evolve` could replace keep their
    kinds (integer instants within range, the right members and values).
    """
    if building():
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


def _clock_words(kind: ClockKind) -> str:
    """The clock as reasons name it ("24x5 clock"); the catalogs translate it by context."""
    return "policy's business calendar" if kind is ClockKind.CALENDAR else f"{kind.value} clock"


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
                clock=_clock_words(kind),
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


def _span_words(span: BusinessSpan) -> str:
    if span.unit == "days":
        return "one business day" if span.amount == 1 else f"{span.amount} business days"
    return f"{span} of business time"


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


home("partnerrules.sla", globals())
