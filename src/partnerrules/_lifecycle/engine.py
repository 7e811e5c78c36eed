"""The lifecycle engine: a ticket's history replayed into windows, in integer microseconds.

Private to :mod:`partnerrules.lifecycle`. A history is compiled once, when it
is built, into a *tape* of ``(code, instant, argument)`` triples; a lifecycle
policy into a :class:`Program` of bit masks and window specs. :func:`sweep`
replays the events known at an instant into *segments* (the SLA plan in force
over time) and *windows* (one clock's run from a start to an end), and
:func:`row` turns each window into integers with the SLA engine's own
pieces: ``partnerrules._engine._lengths`` and the calendars' integer fast paths.
:func:`window` gives the numbers of ``partnerrules._engine._window_row`` (the
``_net`` and ``_padd`` arithmetic and the same states), with the paused time
besides, in fewer lookups; a property test checks it against
:func:`partnerrules.sla.status` over random tickets. With one segment, the
common case, :func:`single` computes the same numbers in open-time positions
(each instant looked up once; a test checks it against :func:`window`, which
it falls back on for windows reaching past the opening's year). Across
severity, level or policy changes, :func:`reach` walks the segments with
``_padd`` and ``_net``.

Instants are µs since the Unix epoch; ``_HELD`` stands for "no instant yet:
an open pause holds the clock".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

import attrs

from partnerrules._engine import (
    _AT_RISK,
    _BREACHED,
    _HELD,
    _MET,
    _MET_LATE,
    _PAUSED,
    _RUNNING,
    _STATES,
    _lengths,
    _net,
    _padd,
    _Plan,
    _plan,
    _Spec,
)
from partnerrules._sla.tickets import _Pauses
from partnerrules.calendars import BusinessCalendar, _Year
from partnerrules.sla import Severity, SlaPolicy, Ticket

# Event codes on a tape.
OPENED, STATUS, RESPONDED, SEVERITY, LEVEL, POLICY, RESOLVED, CLOSED, REOPENED = range(9)
# Clocks: indices, and bits in masks.
ACK, PD, RES = 0, 1, 2
CLOCKS = (ACK, PD, RES)
#: The clocks of each mask of clock bits.
BITS = tuple(tuple(c for c in CLOCKS if mask & (1 << c)) for mask in range(1 << len(CLOCKS)))
# How a window ended (OPEN_END: it has not).
OPEN_END = -1
BY_RESPONSE, BY_RESOLUTION, BY_CLOSING, BY_RESTART = range(4)
# Why a window started.
FROM_OPENING, FROM_RESPONSE, FROM_REOPENING, FROM_CHANGE = range(4)
# The ticket's phase.
PH_OPEN, PH_RESOLVED, PH_CLOSED = range(3)
# Response visibilities (bits).
PUBLIC, INTERNAL = 1, 2
# A window's state: its index in the SLA engine's states (partnerrules._engine._STATES).
RUNNING, AT_RISK, BREACHED = _RUNNING, _AT_RISK, _BREACHED
MET, MET_LATE, PAUSED = _MET, _MET_LATE, _PAUSED

HELD = _HELD
#: Integers per window in a row (see :func:`row`).
WIDTH = 7
#: Integers before the windows in a row: exempt, phase (the windows fill the rest).
HEAD = 2


class Tape:
    """A history compiled once: its events as integers, and the opening as a snapshot Ticket."""

    __slots__ = ("changes", "events", "instants", "kind", "opened", "ticket", "variants")

    def __init__(self, ticket: Ticket, events: tuple[tuple[int, int, Any], ...]) -> None:
        self.ticket = ticket
        self.kind = ticket._kind
        self.events = events
        self.opened: int = events[0][1]
        self.instants = [us for _, us, _ in events]
        # Indices of severity, level and policy changes (empty for most tickets).
        self.changes = tuple(
            i for i, (code, _, _) in enumerate(events) if code in (SEVERITY, LEVEL, POLICY)
        )
        self.variants: dict[tuple[Any, ...], Ticket] = {}

    def ticket_for(self, kind: tuple[Any, ...]) -> Ticket:
        """The opening's snapshot with the severity and level of *kind* (to build plans)."""
        if kind == self.kind:
            return self.ticket
        made = self.variants.get(kind)
        if made is None:
            made = attrs.evolve(self.ticket, severity=kind[1], level=kind[2])
            self.variants[kind] = made
        return made


def variant(kind: tuple[Any, ...], severity: int, level: str) -> tuple[Any, ...]:
    """*kind* (a Ticket's plan key) with another severity and level."""
    return (kind[0], severity, level, *kind[3:])


class Program:
    """A lifecycle policy compiled: masks per status, counted responses, reopen bits, specs."""

    __slots__ = (
        "counted",
        "grids",
        "layouts",
        "lengths",
        "masks",
        "reopen",
        "res",
        "restart",
        "sla",
    )

    def __init__(
        self,
        sla: SlaPolicy,
        masks: dict[str, int],
        counted: int,
        reopen: int,
        restart: bool,
        res: dict[Severity, _Spec] | None,
    ) -> None:
        self.sla = sla
        self.masks = masks
        self.counted = counted
        self.reopen = reopen
        self.restart = restart
        self.res = res
        # Window lengths per SLA plan and year of positions (see lengths_of).
        self.lengths: dict[_Plan, dict[_Year, Lengths]] = {}
        # The position tables of each year (see grid_of).
        self.grids: dict[_Year, Grid] = {}
        # Per SLA plan, the layout of the year it was last used in (see layout).
        self.layouts: dict[_Plan, Layout] = {}


#: Per clock: its spec under a plan, its target and limit lengths in business µs, and the
#: position before which a window starting there has those lengths (beyond: _lengths).
Lengths: TypeAlias = "tuple[tuple[_Spec | None, int, int, int], ...]"
# A position no window reaches: fixed lengths hold everywhere.
_FAR = 1 << 62
_LENGTHS_MAX = 4096


def lengths_of(prog: Program, plan: _Plan, year: _Year) -> Lengths:
    """The window lengths of each clock under *plan*, for windows starting in *year* (cached).

    Minutes and hours are fixed. n business days on a calendar whose open days
    in *year* all have the same open time are n times it when the day n days
    on is in the year (``BusinessCalendar._day_lengths_us``): for a window
    starting at a position before ``(open days - n) * day``; elsewhere
    :func:`partnerrules._engine._lengths` walks the days.
    """
    by_year = prog.lengths.get(plan)
    if by_year is None:
        if len(prog.lengths) >= _LENGTHS_MAX:
            prog.lengths.clear()
        by_year = prog.lengths[plan] = {}
    found = by_year.get(year)
    if found is not None:
        return found
    res = prog.res
    size, ndays = year.uniform, len(year.day_ords)
    out: list[tuple[_Spec | None, int, int, int]] = []
    for spec in (plan.ack, plan.pd, None if res is None else res[plan.severity]):
        if spec is None:
            out.append((spec, 0, 0, _FAR))
        elif not spec[4]:
            out.append((spec, spec[2], spec[3], _FAR))
        elif size and spec[2] > 0 and spec[3] > 0:
            most = spec[2] if spec[2] > spec[3] else spec[3]
            out.append((spec, spec[2] * size, spec[3] * size, (ndays - most) * size))
        else:
            out.append((spec, 0, 0, -1))
    made = by_year[year] = tuple(out)
    return made


#: A year's open intervals for positions: ends, starts, position less instant inside each,
#: and position before each; one more entry past the last interval (see grid_of).
Grid: TypeAlias = "tuple[list[int], list[int], list[int], list[int]]"
#: The grid of no year: every position reads 0 (sweeps that need none).
_NO_GRID: Grid = ([_FAR], [_FAR], [0], [0])


def grid_of(prog: Program, year: _Year) -> Grid:
    """The tables that give the open-time position of an instant of *year* (cached).

    For the first interval ``i`` ending after an instant ``us``, its position
    is ``us + offs[i]`` inside the interval (``us > starts[i]``), else
    ``cums[i]``, the open time before the interval. A last entry, an interval
    starting and ending at ``_FAR``, stands for the time after the year's
    last opening: there the position is the year's open time.
    """
    found = prog.grids.get(year)
    if found is None:
        if len(prog.grids) >= _LENGTHS_MAX:
            prog.grids.clear()
        ends, starts, cum = year.ends, year.starts, year.cum
        found = prog.grids[year] = (
            [*ends, _FAR],
            [*starts, _FAR],
            [c - s for c, s in zip(cum, starts, strict=True)] + [0],
            [*cum, year.total],
        )
    return found


#: The local year an SLA plan's positions count in: its first instant and the next year's,
#: the year, the window lengths under the plan in it, and its grid.
Layout: TypeAlias = "tuple[int, int, _Year, Lengths, Grid]"


def layout(prog: Program, plan: _Plan, opened: int) -> Layout:
    """The layout of the local year of *opened* under *plan* (cached, as the plan's latest)."""
    cal = plan.calendar
    year = cal._timeline.last
    if year is None or not year.lo <= opened < year.hi:
        year = cal._year_us(opened, "start")
    if len(prog.layouts) >= _LENGTHS_MAX:
        prog.layouts.clear()
    made = prog.layouts[plan] = (
        year.lo,
        year.hi,
        year,
        lengths_of(prog, plan, year),
        grid_of(prog, year),
    )
    return made


def plan_for(policy: SlaPolicy, kind: tuple[Any, ...], tape: Tape, zone: object) -> _Plan:
    """The SLA engine's cached plan of *kind* under *policy* (built on first use)."""
    plan = policy._plans.get((kind, zone))
    if plan is None:
        plan = _plan(policy, tape.ticket_for(kind), zone)
    return plan


def spec_of(plan: _Plan, clock: int, res: dict[Severity, _Spec] | None) -> _Spec | None:
    """The window spec of *clock* under *plan*; None where the clock does not run."""
    if plan.exempt:
        return None
    if clock == ACK:
        return plan.ack
    if clock == PD:
        return plan.pd
    return None if res is None else res[plan.severity]


class Sweep:
    """The events known at an instant, replayed: segments, windows, pauses, phase, status.

    ``segs`` are the (beginning, plan) of each stretch of time with one plan
    in force, ``kinds`` the ticket's kind in each; ``windows`` holds, per
    clock, its windows as ``[clock, sequence, start, end, ended_by,
    started_by, resolved gaps, start position, end position]``; ``spans``
    the pauses of each clock as ``(start, end, start position, end
    position)`` (end None: still paused). Positions are open time since the
    local year of the opening began (see :func:`single`): they are kept when
    one plan is in force, not exempt, and *at* is in that year (``lengths``
    is then set); elsewhere they read 0.
    """

    __slots__ = (
        "_pauses",
        "begins",
        "gaps",
        "kinds",
        "lengths",
        "pat",
        "phase",
        "phase_at",
        "policies",
        "prog",
        "segs",
        "spans",
        "status",
        "windows",
        "year",
    )

    # Set by sweep() as it replays the events (no __init__: one call less a history).
    prog: Program
    segs: list[tuple[int, _Plan]]
    begins: Sequence[int]  # the segments' beginnings (none with one segment)
    kinds: list[tuple[Any, ...]]
    policies: Sequence[tuple[int, int, SlaPolicy]]
    _pauses: tuple[_Pauses, ...] | None  # `pauses`, once read
    # With one plan in force, not exempt: `year` is the opening's local year, and with `at`
    # in it, `lengths` the window lengths under the plan in that year (see single());
    # elsewhere None.
    year: _Year | None
    lengths: Lengths | None
    windows: tuple[list[list[Any]], ...]
    spans: tuple[list[tuple[int, int | None, int, int]], ...]
    pat: int  # the position of `at`
    phase: int
    phase_at: int | None  # the last resolution, closing or reopening
    status: str | None
    gaps: bool  # some window was resumed across a resolved gap

    @property
    def res(self) -> dict[Severity, _Spec] | None:
        """The resolution specs of the lifecycle policy (None: no resolution clock)."""
        return self.prog.res

    def plan_at(self, us: int) -> _Plan:
        """The plan in force at the instant *us* (at or after the opening)."""
        segs = self.segs
        if len(segs) == 1:
            return segs[0][1]
        i = bisect_right(self.begins, us) - 1
        return segs[i if i > 0 else 0][1]

    @property
    def pauses(self) -> tuple[_Pauses, ...]:
        """The pauses of each clock as ``(start, end)`` instants (end None: still paused)."""
        made = self._pauses
        if made is None:
            made = self._pauses = tuple(
                tuple((s, e) for s, e, _, _ in spans) for spans in self.spans
            )
        return made

    def window_pauses(self, window: list[Any]) -> _Pauses:
        """The pauses of a window's clock, with the resolved gaps it was resumed across."""
        own: _Pauses = self.pauses[window[0]]
        gaps = window[6]
        return union(own, gaps) if gaps else own


def union(a: _Pauses, b: list[tuple[int, int]]) -> _Pauses:
    """The union of two sets of pauses, as sorted disjoint intervals (None: still open)."""
    out: list[tuple[int, int | None]] = []
    for s, e in sorted([*a, *b], key=lambda p: p[0]):
        if out:
            ls, le = out[-1]
            if le is None or s <= le:
                out[-1] = (ls, None if le is None or e is None else max(le, e))
                continue
        out.append((s, e))
    return tuple(out)


def sweep(tape: Tape, at: int, prog: Program, zone: object) -> Sweep:
    """Replay the events of *tape* known at *at* (at or after the opening) under *prog*."""
    events = tape.events
    n = bisect_right(tape.instants, at)
    opened = tape.opened
    kind0 = tape.kind
    res = prog.res
    # Pass 1: the plan in force over time (severity, level and policy changes known at `at`).
    changes: Sequence[tuple[int, tuple[Any, ...]]] = ()
    pcs: Sequence[tuple[int, int, SlaPolicy]] = ()
    if tape.changes and tape.changes[0] < n:
        changes, pcs = [], []
        for i in tape.changes:
            if i >= n:
                break
            code, us, arg = events[i]
            if code == POLICY:
                pcs.append((us, arg[0], arg[1]))
            else:
                changes.append((us, arg))
    if not changes and not pcs:
        plan0 = prog.sla._plans.get((kind0, zone)) or plan_for(prog.sla, kind0, tape, zone)
        segs = [(opened, plan0)]
        kinds = [kind0]
    else:
        segs, kinds = [], []
        cus = [us for us, _ in changes]
        bounds = sorted({opened, *cus, *(eff for _, eff, _ in pcs if eff > opened)})
        for b in bounds:
            j = bisect_right(cus, b)
            kind = changes[j - 1][1] if j else kind0
            pol = prog.sla
            for _, eff, p in pcs:  # in record order: the last recorded in force wins
                if eff <= b:
                    pol = p
            plan = plan_for(pol, kind, tape, zone)
            if not segs or segs[-1][1] is not plan:
                segs.append((b, plan))
                kinds.append(kind)
    sw = Sweep.__new__(Sweep)
    sw.prog = prog
    sw.segs = segs
    sw.begins = [b for b, _ in segs] if len(segs) > 1 else ()
    sw.kinds = kinds
    sw.policies = pcs
    sw._pauses = None
    single = len(segs) == 1
    plan0 = segs[0][1]
    # Open-time positions (see single()): with one plan in force, not exempt, and `at` in the
    # local year of the opening, each instant replayed is looked up in order, from the
    # interval of the one before; elsewhere positions read 0.
    if single and not plan0.exempt:
        lay = prog.layouts.get(plan0)
        if lay is None or not lay[0] <= opened < lay[1]:
            lay = layout(prog, plan0, opened)
        sw.year = lay[2]
        if at < lay[1]:
            sw.lengths, grid = lay[3], lay[4]
        else:
            sw.lengths, grid = None, _NO_GRID
    else:
        sw.year = sw.lengths = None
        grid = _NO_GRID
    ends, starts, offs, cums = grid
    i = bisect_right(ends, opened)
    q = opened + offs[i] if opened > starts[i] else cums[i]
    status: str | None = None
    # Pass 2: windows and pauses.
    masks = prog.masks
    counted = prog.counted
    first: list[Any] = [ACK, 0, opened, None, OPEN_END, FROM_OPENING, None, q, 0]
    ack: list[Any] | None = first
    pd: list[Any] | None = None
    rs: list[Any] | None = None
    wins: tuple[list[list[Any]], ...]
    if res is not None:
        rs = [RES, 0, opened, None, OPEN_END, FROM_OPENING, None, q, 0]
        wins = ([first], [], [rs])
    else:
        wins = ([first], [], [])
    sw.windows = wins
    cur = 0
    pstart = [0, 0, 0]
    qstart = [0, 0, 0]
    spans: tuple[list[tuple[int, int | None, int, int]], ...] = ([], [], [])
    sw.spans = spans
    phase = PH_OPEN
    resumable: Sequence[list[Any]] = ()
    gap = 0
    pd_started = False
    phase_at: int | None = None
    gaps = False
    kind = kind0
    for code, us, arg in events[1:n]:
        if ends[i] <= us:
            i = bisect_right(ends, us, i)
        q = us + offs[i] if us > starts[i] else cums[i]
        if code == RESPONDED:
            if phase == PH_OPEN and arg & counted:
                if ack is not None:
                    ack[3], ack[4], ack[8] = us, BY_RESPONSE, q
                    ack = None
                if pd is not None:
                    pd[3], pd[4], pd[8] = us, BY_RESPONSE, q
                    pd = None
                plan = plan0 if single else sw.plan_at(us)
                if not plan.exempt and plan.pd is not None and (plan.recurring or not pd_started):
                    pds = wins[PD]  # a window's sequence number: the clock's windows before it
                    pd = [PD, len(pds), us, None, OPEN_END, FROM_RESPONSE, None, q, 0]
                    pds.append(pd)
                    pd_started = True
        elif code == STATUS:
            status = arg
            m = masks.get(arg, 0)
            if m != cur:
                for c in BITS[m & ~cur]:  # pauses beginning
                    pstart[c] = us
                    qstart[c] = q
                for c in BITS[cur & ~m]:  # pauses ending
                    if us > pstart[c]:
                        spans[c].append((pstart[c], us, qstart[c], q))
                cur = m
        elif code in (RESOLVED, CLOSED):
            if phase == PH_OPEN:
                how = BY_RESOLUTION if code == RESOLVED else BY_CLOSING
                resumable = []
                for w in (ack, pd, rs):
                    if w is not None:
                        w[3], w[4], w[8] = us, how, q
                        resumable.append(w)
                ack = pd = rs = None
                gap = us
            phase = PH_RESOLVED if code == RESOLVED else PH_CLOSED
            phase_at = us
        elif code == REOPENED:
            reopen = prog.reopen
            phase = PH_OPEN
            phase_at = us
            plan = sw.plan_at(us)
            opening: list[list[Any] | None] = [None, None, None]
            for c in CLOCKS:
                if reopen & (1 << c):
                    if c == PD and (plan.exempt or plan.pd is None):
                        continue
                    if c == RES and res is None:
                        continue
                    w = [c, len(wins[c]), us, None, OPEN_END, FROM_REOPENING, None, q, 0]
                    wins[c].append(w)
                    opening[c] = w
                    continue
                for w in resumable:
                    if w[0] == c:
                        w[3], w[4] = None, OPEN_END
                        if us > gap:
                            w[6] = [(gap, us)] if w[6] is None else [*w[6], (gap, us)]
                            gaps = True
                        opening[c] = w
            ack, pd, rs = opening
            resumable = []
        elif code in (SEVERITY, LEVEL):
            if prog.restart and phase == PH_OPEN and arg != kind:
                plan = sw.plan_at(us)
                opening = [None, None, None]
                for running in (ack, pd, rs):
                    if running is None:
                        continue
                    c = running[0]
                    running[3], running[4], running[8] = us, BY_RESTART, q
                    if c != PD or (not plan.exempt and plan.pd is not None):
                        fresh = [c, len(wins[c]), us, None, OPEN_END, FROM_CHANGE, None, q, 0]
                        wins[c].append(fresh)
                        opening[c] = fresh
                ack, pd, rs = opening
            kind = arg
    for c in BITS[cur]:  # still paused
        spans[c].append((pstart[c], None, qstart[c], 0))
    if ends[i] <= at:
        i = bisect_right(ends, at, i)
    sw.pat = at + offs[i] if at > starts[i] else cums[i]
    sw.phase = phase
    sw.phase_at = phase_at
    sw.status = status
    sw.gaps = gaps
    return sw


def reach(
    sw: Sweep,
    clock: int,
    start: int,
    pauses: _Pauses,
    amount: Callable[[BusinessCalendar, _Spec], int],
) -> int | None:
    """The earliest instant at which a window of *clock* from *start* has run *amount*.

    *amount* gives the business µs to reach under a segment's calendar and
    spec. Segments are walked in order: business time run in earlier segments
    counts towards later ones (the window keeps its elapsed time), and a
    segment whose amount was already run when it began is reached at its
    beginning. None: an open pause holds the clock before the amount is reached.
    """
    segs = sw.segs
    res = sw.res
    last = len(segs) - 1
    k = bisect_right(sw.begins, start) - 1
    k = k if k > 0 else 0
    run = 0
    while k <= last:
        b0, plan = segs[k]
        spec = spec_of(plan, clock, res)
        if spec is not None:
            cal = plan.calendar
            a = start if b0 < start else b0
            need = amount(cal, spec)
            if run >= need:
                return a
            if k == last:
                return _padd(cal, a, need - run, pauses)
            b = segs[k + 1][0]
            found = _padd(cal, a, need - run, pauses)
            if found is not None and found < b:
                return found
            run += _net(cal, a, b, pauses)
        k += 1
    return None


def _across(
    sw: Sweep, clock: int, start: int, end: int | None, pauses: _Pauses, at: int
) -> tuple[int, int, int, int, int, int, int]:
    """State, elapsed, paused, target and limit lengths and instants of a window over segments.

    The lengths are those of the last segment with a window of the clock that
    began by the window's end (or *at*); failing one, of the first after. While
    the plan in force has no window for the clock (an exempt category, a policy
    without that clock) the clock stands still: no time is counted, and an open
    window is paused.
    """
    segs = sw.segs
    res = sw.res
    k = bisect_right(sw.begins, start) - 1
    k = k if k > 0 else 0
    stop = at if end is None else end
    elapsed = paused = 0
    lengths: tuple[int, int] | None = None
    still = False  # the clock stands still at `stop` (no window under the plan then)
    while k < len(segs):
        b0, plan = segs[k]
        spec = spec_of(plan, clock, res)
        k += 1
        if b0 <= stop:
            still = spec is None
        if spec is None:
            continue
        cal = plan.calendar
        if b0 > stop:
            if lengths is None:
                lengths = _lengths(cal, spec, start)
            break
        lengths = _lengths(cal, spec, start)
        a = start if b0 < start else b0
        b = segs[k][0] if k < len(segs) and segs[k][0] < stop else stop
        if b > a:
            total = cal._elapsed_us(a, b)
            net = _net(cal, a, b, pauses) if pauses else total
            elapsed += net
            paused += total - net
    assert lengths is not None  # a window exists only where its clock has a window somewhere
    t_us = reach(sw, clock, start, pauses, lambda cal, spec: _lengths(cal, spec, start)[0])
    l_us = reach(sw, clock, start, pauses, lambda cal, spec: _lengths(cal, spec, start)[1])
    # The states of partnerrules._engine._window_row.
    if end is not None:
        state = MET if l_us is None or end <= l_us else MET_LATE
    elif l_us is not None and at > l_us:
        state = BREACHED
    elif still or (pauses and pauses[-1][1] is None):
        state = PAUSED
    elif t_us is not None and at > t_us:
        state = AT_RISK
    else:
        state = RUNNING
    held_t = HELD if t_us is None else t_us
    held_l = HELD if l_us is None else l_us
    return state, elapsed, paused, lengths[0], lengths[1], held_t, held_l


def window(
    cal: BusinessCalendar,
    spec: _Spec,
    start: int,
    end: int | None,
    pauses: _Pauses,
    at: int,
) -> tuple[int, int, int, int, int, int, int]:
    """State, elapsed, paused, target and limit lengths and instants of one window at *at*.

    The numbers of ``partnerrules._engine._window_row`` (same lengths, same
    ``_net`` and ``_padd`` arithmetic, same states), with the paused time
    besides, in fewer calendar lookups: pauses over before the start are
    skipped, the paused time is measured once, and the target and the limit
    share one walk through the pauses (the walk of ``_padd``).
    """
    stop = at if end is None else end
    if spec[4]:
        tl, ll = _lengths(cal, spec, start)
    else:
        tl, ll = spec[2], spec[3]
    n = len(pauses)
    i = 0
    while i < n:
        pe = pauses[i][1]
        if pe is None or pe > start:
            break
        i += 1
    tgt: int | None
    lim: int | None
    if i == n:  # no pause touches the window
        elapsed, tgt, lim = cal._window_us(start, stop, tl, ll)
        paused = 0
        last_open = False
    else:
        rel = pauses[i:] if i else pauses
        el = cal._elapsed_us
        # One lookup of the start gives the open time to the stop and the first
        # candidates of the walk; the pauses then take their share.
        total, ct, cl = cal._window_us(start, stop, tl, ll)
        paused = 0
        for ps, pe in rel:
            if ps >= stop:
                break
            a = ps if ps > start else start
            b = stop if pe is None or pe > stop else pe
            if b > a:
                paused += el(a, b)
        elapsed = total - paused
        pair, add = cal._add_pair_us, cal._add_us
        tgt = lim = None
        cur, rt, rl = start, tl, ll
        first = True
        for ps, pe in rel:
            if pe is not None and pe <= cur:
                continue
            if first:
                first = False  # ct and cl are the candidates from the start
            elif tgt is None:
                ct, cl = pair(cur, rt, rl)
            else:
                cl = add(cur, rl)
            if tgt is None and ps >= ct:
                tgt = ct
            if ps >= cl:
                lim = cl
                break
            if ps > cur:
                d = el(cur, ps)
                rt -= d
                rl -= d
            if pe is None:
                break  # an open pause holds the clock
            cur = pe
        else:
            if tgt is None:
                tgt, lim = pair(cur, rt, rl)
            else:
                lim = add(cur, rl)
        last_open = rel[-1][1] is None
    if end is not None:
        state = MET if lim is None or end <= lim else MET_LATE
    elif lim is not None and at > lim:
        state = BREACHED
    elif last_open:
        state = PAUSED
    elif tgt is not None and at > tgt:
        state = AT_RISK
    else:
        state = RUNNING
    return (
        state,
        elapsed,
        paused,
        tl,
        ll,
        HELD if tgt is None else tgt,
        HELD if lim is None else lim,
    )


assert len(_STATES) <= 8  # key() keeps a state in three bits


def key(clock: int, state: int, index: int) -> int:
    """A window's clock, state and index among its clock's windows, as one integer of a row."""
    return clock | state << 2 | index << 5


def unkey(number: int) -> tuple[int, int, int]:
    """The clock, state and index of a window in the first integer of its row (see :func:`key`)."""
    return number & 3, number >> 2 & 7, number >> 5


def row(sw: Sweep, at: int, out: list[int]) -> None:
    """Append the numbers of a sweep to *out*: exempt and phase, then WIDTH per window.

    Per window: its clock, state and index among its clock's windows in the
    sweep as one integer (:func:`key`; ``sw.windows[clock][index]`` holds its
    start, end, sequence and causes), then elapsed, paused, target and limit
    lengths, and the target and limit (HELD: held by a pause). With one plan
    in force (``len(sw.segs) == 1``) the target and limit are open-time
    positions (see :func:`single`; :func:`instant` turns them into instants),
    otherwise instants. A window
    that a restart replaced before its limit is left out; one replaced after
    its limit is kept, breached. A row of ``len(row)`` integers holds
    ``(len(row) - HEAD) // WIDTH`` windows.
    """
    segs = sw.segs
    if len(segs) == 1:
        plan = segs[0][1]
        if plan.exempt:
            out += (1, sw.phase)
        else:
            single(sw, plan, at, out)
        return
    if sw.plan_at(at).exempt:
        out += (1, sw.phase)
        return
    out += (0, sw.phase)
    for clock_windows in sw.windows:
        for pos, w in enumerate(clock_windows):
            c, start, end, how = w[0], w[2], w[3], w[4]
            pauses = sw.window_pauses(w)
            state, elapsed, paused, tl, ll, t_us, l_us = _across(sw, c, start, end, pauses, at)
            if how == BY_RESTART:
                if l_us == HELD or end <= l_us:
                    continue  # replaced before its limit: not listed
                state = BREACHED
            out += (key(c, state, pos), elapsed, paused, tl, ll, t_us, l_us)


def origin(sw: Sweep) -> tuple[BusinessCalendar, _Year]:
    """The calendar of a sweep with one plan in force, and the year its positions count from.

    Positions count the open time since the local year of the opening began.
    """
    cal: BusinessCalendar = sw.segs[0][1].calendar
    opened = sw.segs[0][0]
    year = cal._timeline.last
    if year is None or not year.lo <= opened < year.hi:
        year = cal._year_us(opened, "start")
    return cal, year


def instant(sw: Sweep, x: int) -> int:
    """A target or limit of :func:`row` as an instant (HELD stays HELD)."""
    if x == HELD or len(sw.segs) > 1:
        return x
    cal, year = origin(sw)
    return cal._move(year, x, 1)


def walked(sw: Sweep, cal: BusinessCalendar, lo: int, at: int, out: list[int]) -> None:
    """:func:`single` by :func:`window` on instants, for *at* past the opening's year *lo*.

    Targets and limits are turned into positions (open time since *lo*).
    """
    plan = sw.segs[0][1]
    res = sw.res
    specs = (plan.ack, plan.pd, None if res is None else res[plan.severity])
    out += (0, sw.phase)
    for clock_windows in sw.windows:
        for index, w in enumerate(clock_windows):
            c, start, end, how = w[0], w[2], w[3], w[4]
            spec = specs[c]
            assert spec is not None  # a window exists only where its clock runs
            pauses = sw.window_pauses(w)
            state, elapsed, paused, tl, ll, xt, xl = placed(cal, lo, spec, start, end, pauses, at)
            if how == BY_RESTART:
                if state == MET:
                    continue  # replaced before its limit: not listed
                state = BREACHED
            out += (key(c, state, index), elapsed, paused, tl, ll, xt, xl)


def placed(
    cal: BusinessCalendar,
    lo: int,
    spec: _Spec,
    start: int,
    end: int | None,
    pauses: _Pauses,
    at: int,
) -> tuple[int, int, int, int, int, int, int]:
    """:func:`window`, with its target and limit as positions (open time since *lo*)."""
    state, elapsed, paused, tl, ll, xt, xl = window(cal, spec, start, end, pauses, at)
    if xt != HELD:
        xt = cal._elapsed_us(lo, xt)
    if xl != HELD:
        xl = cal._elapsed_us(lo, xl)
    return state, elapsed, paused, tl, ll, xt, xl


def single(sw: Sweep, plan: _Plan, at: int, out: list[int]) -> None:
    """:func:`row` of a sweep with one plan in force throughout (not exempt): the common case.

    The numbers of :func:`window` for every window, computed in open-time
    positions: :func:`sweep` looked each instant of the history (and *at*) up
    in the calendar once, as it replayed them; the open time between two
    instants is the difference of their positions, and a target or limit is a
    position (the start's plus the length, pushed on by the pauses it meets),
    kept as such: the earliest instant at it is found when a result is read
    (:func:`instant`). An instant is after the earliest instant of a position
    ``x > 0`` exactly when its own position is above ``x``, or equal to it
    and the instant is not that earliest one: states are decided on
    positions, and an instant is computed only for a tie. Positions count
    from the opening's local year (:func:`origin`). When *at* is past that
    year every window is left to :func:`window` (:func:`walked`), and so is a
    window resumed across resolved gaps, or whose limit (or the farthest
    candidate of its walk) lies past the year: :func:`window` raises where
    the horizon is passed, as before.
    """
    cal = plan.calendar
    year = sw.year
    lengths = sw.lengths
    assert year is not None  # sweep() sets it for one plan in force, not exempt
    if lengths is None or sw.gaps:
        # At past the opening's year, or a window resumed across resolved gaps (both rare):
        # window() walks every window.
        walked(sw, cal, year.lo, at, out)
        return
    total = year.total
    pat = sw.pat
    move = cal._move
    spans = sw.spans
    out += (0, sw.phase)
    for clock_windows in sw.windows:
        for index, w in enumerate(clock_windows):
            c, _, start, end, how, _, _, pa, pz = w
            spec, tl, ll, fixed = lengths[c]
            if pa >= fixed:
                assert spec is not None  # a window exists only where its clock runs
                tl, ll = _lengths(cal, spec, start)
                wedge = total if tl > 0 and ll > 0 else -1
            else:
                wedge = total  # a target or limit past the year is left to window()
            if end is None:
                pz = pat
            pauses = spans[c]
            if not pauses or (pauses[-1][1] is not None and pauses[-1][1] <= start):
                # No pause touches the window.
                xt, xl = pa + tl, pa + ll
                if xl > wedge:  # a limit past the opening's year: window() walks it
                    assert spec is not None  # (and raises past the horizon where it would)
                    state, elapsed, paused, tl, ll, xt, xl = placed(
                        cal, year.lo, spec, start, end, sw.pauses[c], at
                    )
                else:
                    elapsed = pz - pa
                    paused = 0
                    if end is not None:
                        state = (
                            MET if pz < xl or (pz == xl and end <= move(year, xl, 1)) else MET_LATE
                        )
                    elif pz > xl or (pz == xl and at > move(year, xl, 1)):
                        state = BREACHED
                    elif pz > xt or (pz == xt and at > move(year, xt, 1)):
                        state = AT_RISK
                    else:
                        state = RUNNING
            else:
                stop = at if end is None else end
                if len(pauses) == 1:
                    # One pause, and it touches the window (the common case): the walk below,
                    # unrolled.
                    ps, pe, qs, qe = pauses[0]
                    if ps >= stop:
                        paused = 0
                    else:
                        a = qs if ps > start else pa
                        b = pz if pe is None or pe > stop else qe
                        paused = b - a if b > a else 0
                    xt, xl = pa + tl, pa + ll
                    ft = xt if qs >= xt else None
                    if qs >= xl:  # the limit comes before the pause
                        fl = far = xl
                    else:
                        d = qs - pa if ps > start else 0  # open time run before the pause
                        if pe is None:  # an open pause holds the clock
                            fl = None
                            far = xl - d
                        else:
                            fl = far = qe + ll - d
                            if ft is None:
                                ft = qe + tl - d
                else:
                    i = 0
                    while True:  # the first pause not over by the start (there is one)
                        pe = pauses[i][1]
                        if pe is None or pe > start:
                            break
                        i += 1
                    rel = pauses[i:] if i else pauses
                    paused = 0
                    for ps, pe, qs, qe in rel:
                        if ps >= stop:
                            break
                        a = qs if ps > start else pa
                        b = pz if pe is None or pe > stop else qe
                        if b > a:
                            paused += b - a
                    # The walk of window(), on positions.
                    ft = fl = None
                    cur, pc, rt, rl = start, pa, tl, ll
                    for ps, pe, qs, qe in rel:
                        if pe is not None and pe <= cur:
                            continue
                        if ft is None and qs >= pc + rt:
                            ft = pc + rt
                        if qs >= pc + rl:
                            fl = pc + rl
                            break
                        if ps > cur:
                            rt -= qs - pc
                            rl -= qs - pc
                        if pe is None:
                            break  # an open pause holds the clock
                        cur, pc = pe, qe
                    else:
                        if ft is None:
                            ft = pc + rt
                        fl = pc + rl
                    far = pc + rl  # the last limit candidate: the farthest position walked to
                if far > wedge:  # the farthest limit candidate is past the opening's year
                    assert spec is not None
                    state, elapsed, paused, tl, ll, xt, xl = placed(
                        cal, year.lo, spec, start, end, sw.pauses[c], at
                    )
                else:
                    elapsed = pz - pa - paused
                    if end is not None:
                        state = (
                            MET
                            if fl is None or pz < fl or (pz == fl and end <= move(year, fl, 1))
                            else MET_LATE
                        )
                    elif fl is not None and (pz > fl or (pz == fl and at > move(year, fl, 1))):
                        state = BREACHED
                    elif pauses[-1][1] is None:
                        state = PAUSED
                    elif ft is not None and (pz > ft or (pz == ft and at > move(year, ft, 1))):
                        state = AT_RISK
                    else:
                        state = RUNNING
                    xt = HELD if ft is None else ft
                    xl = HELD if fl is None else fl
            if how == BY_RESTART:
                if state == MET:
                    continue  # replaced before its limit: not listed
                state = BREACHED
            out += (c | state << 2 | index << 5, elapsed, paused, tl, ll, xt, xl)  # key(), inline
