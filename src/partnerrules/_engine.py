"""The SLA engine's integer fast paths (private).

Clocks run on the calendars' own integer timeline (microseconds since the
epoch); a :class:`_Plan` per kind of ticket and policy fixes the clock, the
calendar and the window lengths once; number rows are what the bulk functions
keep per ticket and what every result is built from. :mod:`partnerrules.sla`,
:mod:`partnerrules.lifecycle` and :mod:`partnerrules.frame` use them.

The engine also sets the flag that lets the results it builds skip their
re-validation (:func:`building`, :func:`built`).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar
from zoneinfo import ZoneInfo

from partnerrules._sla.tickets import Ticket, _Pauses, _zone_arg, _zone_name
from partnerrules._sla.vocabulary import (
    ClockKind,
    ClockState,
    Metric,
    PartnerLevel,
    Severity,
    _said,
)
from partnerrules._zones import local_zone
from partnerrules.calendars import (
    BusinessCalendar,
    always_on_clock,
    support_hours_calendar,
    weekday_clock,
)
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
    UnknownKeyError,
)
from partnerrules.regions import (
    default_zone,
    escalation_region,
)

# ---------------------------------------------------------------------------
# Clocks: the calendars' own integer timeline, and a plan per kind of ticket
# ---------------------------------------------------------------------------

_US = dt.timedelta(microseconds=1)

if TYPE_CHECKING:
    from partnerrules._sla.policies import ResponseWindow, SlaPolicy


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


@functools.lru_cache(maxsize=1024)
def _region_zone(country: str) -> str:
    return default_zone(escalation_region(country))


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
_Spec: TypeAlias = "tuple[Metric, ResponseWindow, int, int, bool]"


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
    if spec[2] > 0 and spec[3] > 0:
        found = cal._day_lengths_us(start, spec[2], spec[3])
        if found is not None:  # days of one length: n of them, no walk
            return found
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


# Every instant a datetime can hold is within this many µs of the epoch (year 1 is the farthest).
_LIMIT_US = 62_135_596_800_000_000


# True while the engine itself builds results (their fields are right by construction); a
# result built by a caller, or changed with attrs.evolve, is checked in full. One flag for
# every engine (SLA deadlines and statuses, ticket lifecycles).
_BUILDING: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "partnerrules_engine_building", default=False
)

#: Whether the engine is building the result being made (then its checks are skipped).
building: Callable[[], bool] = _BUILDING.get

_T = TypeVar("_T")


def built(build: Callable[..., _T], *args: Any) -> _T:
    """``build(*args)`` with :func:`building` true: the results it makes skip their checks."""
    token = _BUILDING.set(True)
    try:
        return build(*args)
    finally:
        _BUILDING.reset(token)


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


def _clip(pauses: _Pauses, at: int) -> _Pauses:
    return tuple((ps, pe if pe is not None and pe <= at else None) for ps, pe in pauses if ps <= at)


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
