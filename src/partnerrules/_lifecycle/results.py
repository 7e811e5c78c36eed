"""The results of an evaluation: clock windows and ticket lifecycles.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import attrs

from partnerrules._engine import _US, _share
from partnerrules._lifecycle.context import _engine_built, _out
from partnerrules._lifecycle.notices import Notice, _notices
from partnerrules._lifecycle.reasons import _ticket_reasons, _window_reasons
from partnerrules._lifecycle.vocabulary import (
    Clock,
    Ending,
    NoticeState,
    Phase,
    WindowStart,
    _clock,
)
from partnerrules._public import home
from partnerrules.calendars import _instant_us
from partnerrules.decisions import Reason
from partnerrules.sla import (
    ClockState,
    PartnerLevel,
    Severity,
)

_WINDOW_REPR = (
    "clock",
    "sequence",
    "state",
    "at",
    "start",
    "ended_at",
    "elapsed",
    "paused",
    "limit",
    "target_at",
    "limit_at",
    "breached_at",
)


@attrs.frozen
class ClockWindow:
    """One run of one clock: from its start to a response, the resolution, or still running.

    Attributes:
        clock: the clock.
        sequence: the window's number among its clock's windows, from 0 (a
            window replaced by a restart before its limit is not listed, so
            numbers may skip).
        state: running, at risk, breached, met, met late or paused
            (:class:`~partnerrules.sla.ClockState`, as in
            :func:`partnerrules.sla.status`).
        started_by: what started it.
        ended_by: what ended it, if it ended by ``at``.
        at: the evaluated instant.

    The instants and durations (``start``, ``ended_at``, ``elapsed``,
    ``paused``, ``target``, ``limit``, ``remaining``, ``used``, ``target_at``,
    ``limit_at``, ``breached_at``) are held as integer microseconds and read
    as datetimes in the zone of the clock in force at ``at``; two windows are
    equal when their fields and those integers are.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    clock: Clock
    sequence: int
    state: ClockState
    started_by: WindowStart
    ended_by: Ending | None
    at: dt.datetime
    _start_us: int
    _end_us: int | None
    _elapsed_us: int
    _paused_us: int
    _target_len: int
    _limit_len: int
    _target_us: int | None
    _limit_us: int | None
    # The result's context and the window's place in its sweep (private, not compared).
    _ctx: Any = attrs.field(eq=False)
    _pos: int = attrs.field(eq=False)

    @functools.cached_property
    def start(self) -> dt.datetime:
        """When the window started."""
        out = _out(self._ctx, self._start_us)
        assert out is not None
        return out

    @functools.cached_property
    def ended_at(self) -> dt.datetime | None:
        """When it ended (the response, resolution, closing or restart), if by ``at``."""
        return _out(self._ctx, self._end_us)

    @functools.cached_property
    def elapsed(self) -> dt.timedelta:
        """Business time used, less pauses (up to the end, or to ``at``)."""
        return _US * self._elapsed_us

    @functools.cached_property
    def paused(self) -> dt.timedelta:
        """Business time the clock stood still (pausing statuses, time spent resolved)."""
        return _US * self._paused_us

    @functools.cached_property
    def target(self) -> dt.timedelta:
        """The window's target as business time (under the plan in force at its end or ``at``)."""
        return _US * self._target_len

    @functools.cached_property
    def limit(self) -> dt.timedelta:
        """The window's limit as business time (under the plan in force at its end or ``at``)."""
        return _US * self._limit_len

    @functools.cached_property
    def remaining(self) -> dt.timedelta:
        """``limit - elapsed``; negative once past the limit."""
        return _US * (self._limit_len - self._elapsed_us)

    @functools.cached_property
    def used(self) -> Decimal:
        """``elapsed / limit``, half-even to 4 places."""
        return _share(self._elapsed_us, self._limit_len)

    @functools.cached_property
    def target_at(self) -> dt.datetime | None:
        """When the target is (or was) reached; None while an open pause holds the clock."""
        return _out(self._ctx, self._target_us)

    @functools.cached_property
    def limit_at(self) -> dt.datetime | None:
        """When the limit is (or was) reached; None while an open pause holds the clock."""
        return _out(self._ctx, self._limit_us)

    @functools.cached_property
    def breached_at(self) -> dt.datetime | None:
        """When the window was breached: its limit instant, if passed unanswered."""
        if self.state in (ClockState.BREACHED, ClockState.MET_LATE):
            return self.limit_at
        return None

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _WINDOW_REPR)
        return f"ClockWindow({shown})"

    @functools.cached_property
    def notices(self) -> tuple[Notice, ...]:
        """Every notification and escalation level of this window, with its instant.

        Rules: the policy's ``rule_id`` (or an escalation level's own, such as
        ``zoho.escalation.eligibility``). Computed when first read.
        """
        return _notices(self)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the window is in its state (built on first access)."""
        return _window_reasons(self)


@attrs.frozen
class TicketLifecycle:
    """Every clock of a ticket at an instant, from its history: what :func:`evaluate` returns.

    Attributes:
        ticket_id: the ticket's id.
        at: the evaluated instant.
        phase: open, resolved or closed.
        status: the last status known, if any.
        severity: the severity in force.
        level: the partner level in force.
        policy: the name of the SLA policy in force.
        exempt: True when the policy in force exempts the ticket's category
            (then there are no windows).
        zone: the zone of the clock in force (empty when exempt).
        windows: every window of every clock, acknowledgement first, then
            problem determination, then resolution, each in sequence.
    """

    def __attrs_post_init__(self) -> None:
        _engine_built(self)

    ticket_id: str
    at: dt.datetime
    phase: Phase
    status: str | None
    severity: Severity
    level: PartnerLevel
    policy: str
    exempt: bool
    zone: str
    windows: tuple[ClockWindow, ...]
    _ctx: Any = attrs.field(eq=False, repr=False)

    def windows_of(self, clock: object) -> tuple[ClockWindow, ...]:
        """The windows of *clock*, in sequence.

        Raises:
            UnknownKeyError: an unknown clock.
        """
        wanted = _clock(clock)
        return tuple(w for w in self.windows if w.clock is wanted)

    def _latest(self, clock: Clock) -> ClockWindow | None:
        found = None
        for w in self.windows:
            if w.clock is clock:
                found = w
        return found

    @property
    def acknowledgement(self) -> ClockWindow | None:
        """The latest acknowledgement window (None when exempt)."""
        return self._latest(Clock.ACKNOWLEDGEMENT)

    @property
    def problem_determination(self) -> ClockWindow | None:
        """The latest problem-determination (update) window, if one started."""
        return self._latest(Clock.PROBLEM_DETERMINATION)

    @property
    def resolution(self) -> ClockWindow | None:
        """The latest resolution window, if the policy has resolution windows."""
        return self._latest(Clock.RESOLUTION)

    @property
    def breaches(self) -> tuple[ClockWindow, ...]:
        """The windows whose limit passed unanswered (breached or met late)."""
        return tuple(w for w in self.windows if w.breached_at is not None)

    @property
    def notices(self) -> tuple[Notice, ...]:
        """Every notice of every window."""
        return tuple(n for w in self.windows for n in w.notices)

    @property
    def schedule(self) -> tuple[Notice, ...]:
        """The pending notices, soonest first: what a service schedules now.

        Each instant assumes no further event; evaluate again when one comes.
        """
        pending = [n for n in self.notices if n.state is NoticeState.PENDING]
        pending.sort(key=lambda n: (_instant_us(n.fires_at), n.clock.value, n.sequence))  # type: ignore[arg-type]
        return tuple(pending)

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """The clock, the phase, the status and the policy in force (built on first access)."""
        return _ticket_reasons(self)


home("partnerrules.lifecycle", globals())
