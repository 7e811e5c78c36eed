"""Columnar SLA deadlines and status (private; see :mod:`partnerrules.frame`).

Rows are grouped by kind of ticket (severity, category, level, country,
subdivision, zone): one kind is one plan of :mod:`partnerrules.sla` (clock,
calendar, windows), worked out once from a representative ticket. Each group
is then computed with the array kernels of
:mod:`partnerrules.frame._timeline`, which follow the scalar engine step by
step. Rows the kernels do not take (bad values, kinds the scalar API refuses,
instants at the edges of the calendar horizon) are handed to the scalar
functions one by one: they give the error, or the answer, that the scalar API
gives for that row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from partnerrules import _engine
from partnerrules import sla as _sla
from partnerrules._sla.policies import _policy
from partnerrules.calendars import LAST_YEAR, BusinessCalendar, _instant_us
from partnerrules.errors import InvalidValueError, PartnerRulesError
from partnerrules.frame._events import WIDE, FromColumns, FromEvents
from partnerrules.frame._io import Out, Reader, wall_us
from partnerrules.frame._timeline import I64, NAT, Bools, Timeline, timeline, year_range

I32 = npt.NDArray[np.int32]

_APPB_RULE = "appb.first_response.one_business_day"
_CLOCK_RULE = "zoho.sla.weekday_clock"
_STATES = tuple(s.value for s in _sla.ClockState)
_CODE = {s: k for k, s in enumerate(_sla.ClockState)}
_RUNNING = _CODE[_sla.ClockState.RUNNING]
_AT_RISK = _CODE[_sla.ClockState.AT_RISK]
_BREACHED = _CODE[_sla.ClockState.BREACHED]
_MET = _CODE[_sla.ClockState.MET]
_MET_LATE = _CODE[_sla.ClockState.MET_LATE]
_PAUSED = _CODE[_sla.ClockState.PAUSED]
_EXEMPT = _CODE[_sla.ClockState.EXEMPT]

REQUIRED = ("id", "opened_at", "severity", "category", "level", "country")
OPTIONAL = ("subdivision", "zone", "first_response_at", "paused_at", "resumed_at")
_KINDS = ("severity", "category", "level", "country", "subdivision", "zone")
_ERRORS = ("raise", "report")


def check_errors(errors: object) -> str:
    """Validate the *errors* argument."""
    if not isinstance(errors, str) or errors not in _ERRORS:
        raise InvalidValueError("errors", errors, "'raise' or 'report'")
    return str(errors)


# -- reading tickets ---------------------------------------------------------------------


class Tickets:
    """The ticket columns of a table (and its events, if any), read once."""

    def __init__(self, reader: Reader, events: object = None) -> None:
        reader.require(REQUIRED, "see the column reference of partnerrules.frame")
        self.reader = reader
        self.n = reader.n
        self.opened = o = reader.instants("opened_at")
        self.source: FromColumns | FromEvents
        if events is None:
            self.source = FromColumns(reader, o)
        else:
            wide = [c for c in WIDE if reader.has(c)]
            if wide:
                raise InvalidValueError(
                    "events",
                    "an events table",
                    f"no events table for tickets with the columns {', '.join(wide)}",
                    hint="give responses and pauses either as ticket columns or as events",
                )
            self.source = FromEvents(events, reader, o)
            self.source.check_orphans()
        self.happenings = self.source.happenings
        self.kinds = {k: reader.codes(k) for k in _KINDS if reader.has(k)}
        bad = reader.blank_or_not_text("id")
        bad |= o.null | o.bad | self.happenings.bad
        self.bad: Bools = bad

    def value(self, name: str, i: int) -> Any:
        """Row *i* of a kind column as a plain value (None when absent or null)."""
        codes = self.kinds.get(name)
        return None if codes is None else codes.value(i)

    def ticket(self, i: int) -> _sla.Ticket:
        """Row *i* as a :class:`~partnerrules.sla.Ticket` (raises what the scalar API raises)."""
        rd = self.reader
        responses, pauses = self.source.scalar(i)
        return _sla.Ticket(
            rd.raw("id", i),
            rd.raw_instant("opened_at", self.opened, i),
            severity=self.value("severity", i),
            category=self.value("category", i),
            level=self.value("level", i),
            country=self.value("country", i),
            subdivision=self.value("subdivision", i),
            pauses=pauses,
            responses=responses,
            zone=self.value("zone", i),
        )

    def kind_ids(self) -> tuple[I32, I64]:
        """Each row's kind (0 ... k-1), and each kind's first row the kernels take (-1: none)."""
        key = np.zeros(self.n, np.int64)
        for codes in self.kinds.values():  # in place: no new column per kind
            key *= len(codes) + 1
            key += codes.codes
            key += 1
            if len(codes) > 1 << 20 or key.max(initial=0) > 1 << 40:
                key = np.unique(key, return_inverse=True)[1].astype(np.int64)
        top = int(key.max(initial=0)) + 1
        if top <= 4 * self.n + 1024:
            present = np.flatnonzero(np.bincount(key, minlength=top))
            lut = np.zeros(top, np.int32)  # kinds are few: 4 bytes a row, not 8
            lut[present] = np.arange(len(present))
            gid = lut[key]
        else:
            gid = np.unique(key, return_inverse=True)[1].astype(np.int32)
        count = int(gid.max(initial=-1)) + 1
        first = np.full(count, -1, np.int64)
        missing = count
        # Chunk by chunk until every kind has its first good row (usually the first chunk).
        for lo in range(0, self.n, CHUNK):
            good = np.flatnonzero(~self.bad[lo : lo + CHUNK])
            kinds, at = np.unique(gid[lo:][good], return_index=True)
            new = first[kinds] < 0
            first[kinds[new]] = lo + good[at[new]]
            missing -= int(new.sum())
            if not missing:
                break
        return gid, first

    def plan_at(self, r: int, policy: _sla.SlaPolicy, zone: object) -> Any:
        """The scalar plan of row *r*'s kind, or None when the scalar API refuses the kind."""
        if r < 0:
            return None
        opened = self.opened.value(r)
        assert opened is not None  # a good row has an opening
        try:
            probe = _sla.Ticket(
                "row",
                opened,
                severity=self.value("severity", r),
                category=self.value("category", r),
                level=self.value("level", r),
                country=self.value("country", r),
                subdivision=self.value("subdivision", r),
                zone=self.value("zone", r),
            )
            return _engine._plan(policy, probe, zone)
        except PartnerRulesError:
            return None


class Plans:
    """The plan of each kind of row, and its numbers as small arrays indexed by kind."""

    def __init__(self, tickets: Tickets, policy: _sla.SlaPolicy, zone: object) -> None:
        self.gid, first = tickets.kind_ids()
        self.plans = [tickets.plan_at(int(r), policy, zone) for r in first]
        k = len(self.plans)
        self.ok = np.asarray([p is not None for p in self.plans] + [False], np.bool_)
        self.exempt = np.asarray([p is not None and p.exempt for p in self.plans] + [False])
        self.calendars: list[BusinessCalendar] = []
        cal = np.full(k + 1, -1, np.int32)  # gathered per row: four bytes each
        seen: dict[int, int] = {}
        table = {name: np.zeros(k + 1, np.int64) for name in _SPEC_COLUMNS}
        for g, plan in enumerate(self.plans):
            if plan is None or plan.exempt:
                continue
            c = seen.setdefault(id(plan.calendar), len(self.calendars))
            if c == len(self.calendars):
                self.calendars.append(plan.calendar)
            cal[g] = c
            for prefix, spec in (("ack", plan.ack), ("pd", plan.pd)):
                if spec is None:
                    continue
                table[f"{prefix}_has"][g] = 1
                table[f"{prefix}_t"][g] = spec[2]
                table[f"{prefix}_l"][g] = spec[3]
                table[f"{prefix}_days"][g] = int(spec[4])
            table["pd_rec"][g] = int(plan.recurring)
        self.calendar = cal
        self.table = table

    def rows_of(self, rows: I64) -> dict[str, I64]:
        """The plan numbers of the rows of *rows* (by their kinds)."""
        g = self.gid[rows]
        return {name: values[g] for name, values in self.table.items()}


_SPEC_COLUMNS = (
    "ack_has", "ack_t", "ack_l", "ack_days", "pd_has", "pd_t", "pd_l", "pd_days", "pd_rec",
)  # fmt: skip


# -- kernels -------------------------------------------------------------------------------


# A window's numbers per row: target and limit (business µs, or open days), days flag.
Spec = tuple[I64, I64, I64]


def _lengths(tl: Timeline, spec: Spec, start: I64, p0: I64) -> tuple[I64, I64, Bools]:
    """Target and limit of the windows as business µs (``_engine._lengths``), and overflows."""
    target, limit, days = spec
    over = np.zeros(start.shape, np.bool_)
    rows = np.flatnonzero(days)
    if not len(rows):
        return target, limit, over
    everyone = len(rows) == len(start)
    s0 = start if everyone else start[rows]
    q0 = p0 if everyone else p0[rows]
    l_days = limit if everyone else limit[rows]
    t_days = target if everyone else target[rows]
    end, o1 = tl.add_days(s0, l_days)
    lim = tl.position(end) - q0
    if np.array_equal(t_days, l_days):
        tgt, o2 = lim, o1
    else:
        end2, o2 = tl.add_days(s0, t_days)
        tgt = tl.position(end2) - q0
    if everyone:
        return tgt, lim, o1 | o2
    target, limit = target.copy(), limit.copy()
    target[rows], limit[rows] = tgt, lim
    over[rows] = o1 | o2
    return target, limit, over


class Pauses:
    """The pauses of some rows: each row's count and offset into shared start and end columns.

    A row's pauses are sorted and do not overlap; an end of NaT is a pause
    still open (only a row's last pause can be).
    """

    __slots__ = ("base", "cnt", "ends", "starts")

    def __init__(self, cnt: I64, base: I64, starts: I64, ends: I64) -> None:
        self.cnt, self.base, self.starts, self.ends = cnt, base, starts, ends

    def take(self, rows: I64) -> Pauses:
        """The pauses of the rows *rows* (positions in these rows)."""
        return Pauses(self.cnt[rows], self.base[rows], self.starts, self.ends)

    def most(self) -> int:
        """The most pauses a row has."""
        return int(self.cnt.max(initial=0))

    def nth(self, j: int) -> tuple[I64, I64, I64]:
        """The rows with a pause number *j* (0-based), and that pause's start and end."""
        sel = np.flatnonzero(self.cnt > j)
        idx = self.base[sel] + j
        return sel, self.starts[idx], self.ends[idx]

    def held(self) -> Bools:
        """Rows whose last pause is still open."""
        if not len(self.ends):
            return np.zeros(len(self.cnt), np.bool_)
        has = self.cnt > 0
        last = np.where(has, self.base + self.cnt - 1, 0)
        out: Bools = has & (self.ends[np.minimum(last, len(self.ends) - 1)] == NAT)
        return out


def _padd(tl: Timeline, a: I64, pa: I64, d: I64, pauses: Pauses) -> tuple[I64, Bools]:
    """``_engine._padd`` for every row: *d* of unpaused open time on from *a* (NaT: held)."""
    out, over = tl.earliest(pa + d)  # the answer without pauses, which the scalar loop computes
    if not pauses.most():
        return out, over
    if pauses.most() == 1:  # one pause a row at most: the walk's one step, in closed form
        sel, ps, pe = pauses.nth(0)
        a_s, out_s = a[sel], out[sel]
        # A pause that starts after the answer, or is over before the start, moves nothing.
        moves = (ps < out_s) & ~((pe != NAT) & (pe <= a_s))
        sel, ps, pe, a_s = sel[moves], ps[moves], pe[moves], a_s[moves]
        remaining = d[sel] - np.where(ps > a_s, tl.position(ps) - pa[sel], 0)
        held = pe == NAT
        after, after_over = tl.earliest(tl.position(np.where(held, ps, pe)) + remaining)
        out[sel] = np.where(held, NAT, after)
        over[sel] |= ~held & after_over
        return out, over
    # Only rows whose first pause starts before that answer can move it (pauses are sorted).
    has = pauses.cnt > 0
    first = pauses.starts[np.where(has, pauses.base, 0)]
    rows = np.flatnonzero(has & (first < out))
    if not len(rows):
        return out, over
    found, found_over = _walk(tl, a[rows], pa[rows], d[rows], pauses.take(rows), out[rows])
    out[rows] = found
    over[rows] |= found_over
    return out, over


def _walk(tl: Timeline, a: I64, pa: I64, d: I64, pauses: Pauses, plain: I64) -> tuple[I64, Bools]:
    """``_engine._padd`` for rows with pauses: walks them in step, pause 0, 1, ...

    Each step takes the rows still walking that have a pause of that number,
    as the scalar loop takes one row's pauses in turn. *plain* is the answer
    without pauses: the candidate of a row until a pause moves it on.
    """
    out = np.full(a.shape, NAT, np.int64)
    over = np.zeros(a.shape, np.bool_)
    walking = np.ones(a.shape, np.bool_)
    cur, pcur, remaining = a.copy(), pa.copy(), d.copy()
    cand_of, moved_on = plain.copy(), np.zeros(a.shape, np.bool_)
    for j in range(pauses.most()):
        sel, ps, pe = pauses.nth(j)
        live = walking[sel] & ~((pe != NAT) & (pe <= cur[sel]))  # over before the clock runs
        sel, ps, pe = sel[live], ps[live], pe[live]
        if not len(sel):
            continue
        stale = sel[moved_on[sel]]
        if len(stale):
            fresh, fresh_over = tl.earliest(pcur[stale] + remaining[stale])
            cand_of[stale] = fresh
            over[stale] |= fresh_over  # the scalar loop refuses it past the horizon
            moved_on[stale] = False
        cand = cand_of[sel]
        done = ps >= cand  # the pause starts after the answer: the answer stands
        out[sel[done]] = cand[done]
        walking[sel[done]] = False
        go, ps, pe = sel[~done], ps[~done], pe[~done]
        remaining[go] -= np.where(ps > cur[go], tl.position(ps) - pcur[go], 0)
        held = pe == NAT  # open: the clock is held, there is no answer yet
        walking[go[held]] = False
        moved, to = go[~held], pe[~held]
        cur[moved] = to
        pcur[moved] = tl.position(to)
        moved_on[moved] = True
    out[walking] = cand_of[walking]
    rest = np.flatnonzero(walking & moved_on)
    found, found_over = tl.earliest(pcur[rest] + remaining[rest])
    out[rest] = found
    over[rest] |= found_over
    return out, over


def _pair(tl: Timeline, spec: Spec, start: I64, pauses: Pauses) -> tuple[I64, I64, Bools]:
    """Target and limit instants of windows starting at *start* (``_engine._pair``)."""
    p0 = tl.position(start)
    target, limit, over = _lengths(tl, spec, start, p0)
    t, o1 = _padd(tl, start, p0, target, pauses)
    lim, o2 = _padd(tl, start, p0, limit, pauses)
    return t, lim, over | o1 | o2


def _window(
    tl: Timeline, spec: Spec, start: I64, end: I64, pauses: Pauses, at: int
) -> tuple[I64, I64, I64, I64, I64, Bools]:
    """``_engine._window_row``, pauses clipped at *at*: state, elapsed, limit, target, limit at."""
    stop = np.where(end != NAT, end, at)
    p0 = tl.position(start)
    target, limit, over = _lengths(tl, spec, start, p0)
    elapsed = tl.position(stop) - p0
    for j in range(pauses.most()):  # ``_engine._net``: less the open time in each pause
        sel, ps, pe = pauses.nth(j)
        stop_s, start_s = stop[sel], start[sel]
        live = ps < stop_s
        stop2 = np.where((pe == NAT) | (pe > stop_s), stop_s, pe)
        live &= stop2 > start_s
        if live.any():
            rows, stop2, ps, start_s = sel[live], stop2[live], ps[live], start_s[live]
            elapsed[rows] -= tl.position(stop2) - tl.position(np.maximum(ps, start_s))
    t, o1 = _padd(tl, start, p0, target, pauses)
    lim, o2 = _padd(tl, start, p0, limit, pauses)
    state: I64 = np.full(start.shape, _RUNNING, np.int64)
    state[(t != NAT) & (at > t)] = _AT_RISK
    state[pauses.held()] = _PAUSED
    state[(lim != NAT) & (at > lim)] = _BREACHED
    answered = end != NAT
    state[answered] = np.where((lim == NAT) | (end <= lim), _MET, _MET_LATE)[answered]
    return state, elapsed, limit, t, lim, over | o1 | o2


Kernel = Callable[[Timeline, dict[str, I64]], tuple[dict[str, I64], Bools]]


def _run(
    cal: BusinessCalendar, rows: dict[str, I64], instants: Sequence[I64], kernel: Kernel
) -> tuple[dict[str, I64], Bools]:
    """Run *kernel* over a wide enough range of compiled years; rows it cannot answer.

    The range starts at the years of the earliest and latest instant and grows
    while results fall past its end; rows whose instants or results lie outside
    the calendar horizon are returned for the scalar path.
    """
    m = len(next(iter(rows.values())))
    big = np.iinfo(np.int64).max
    lo = min((int(np.min(np.where(x != NAT, x, big), initial=big)) for x in instants), default=0)
    hi = max((int(np.max(x, initial=NAT)) for x in instants), default=0)
    if lo == big:
        lo = hi = 0
    first, last = year_range(lo, hi)
    tl = timeline(cal, first, last)
    outside = np.zeros(m, np.bool_)
    if lo < tl.lo or hi >= tl.hi:  # only at the edges of the calendar horizon
        for x in instants:
            outside |= (x != NAT) & ((x < tl.lo) | (x >= tl.hi))
    fallback = outside
    if outside.any():
        todo = np.flatnonzero(~outside)
        got, over = kernel(tl, {k: v[todo] for k, v in rows.items()})
        out = {k: np.full(m, NAT, np.int64) for k in got}
        for k, v in got.items():
            out[k][todo] = v
    else:
        todo = np.arange(m)
        out, over = kernel(tl, rows)
    todo = todo[over]
    while len(todo):
        if last >= LAST_YEAR:
            fallback[todo] = True
            break
        last = min(LAST_YEAR, last + max(2, last - first + 1))
        tl = timeline(cal, first, last)
        got, over = kernel(tl, {k: v[todo] for k, v in rows.items()})
        for k, v in got.items():
            out[k][todo] = v
        todo = todo[over]
    return out, fallback


def _local_days(us: I64, zone: dt.tzinfo) -> I64:
    """The local date (proleptic ordinal) of each instant in *zone*."""
    return wall_us(us, zone) // 86_400_000_000 + dt.date(1970, 1, 1).toordinal()


def _holiday_weekdays(cal: BusinessCalendar, first: int, last: int) -> I64:
    """Ordinals of the weekdays the calendar closes for a reason (holidays, closures)."""
    found = [
        d.toordinal()
        for y in range(first, last + 1)
        for d, name in cal._closed_days(y).items()
        if d.weekday() < 5 and name
    ]
    return np.asarray(sorted(found), np.int64)


def _cites_holiday(plan: Any, start: I64, due: I64) -> Bools:
    """Rows whose deadline reasons name a holiday (``_sla.results._holiday_reasons``)."""
    out = np.zeros(start.shape, np.bool_)
    live = (start != NAT) & (due != NAT)
    if not live.any():
        return out
    s, d = start[live], due[live]
    first, last = year_range(int(s.min()), int(d.max()))
    days = _holiday_weekdays(plan.calendar, first, last)
    ds, dd = _local_days(s, plan.zone), _local_days(d, plan.zone)
    out[live] = np.searchsorted(days, dd, side="right") > np.searchsorted(days, ds, side="left")
    return out


# -- results -----------------------------------------------------------------------------


def _ids(*groups: Sequence[str]) -> str:
    return ",".join(dict.fromkeys(i for g in groups for i in g))


class Results:
    """Result arrays of every row, filled group by group, then by the scalar path."""

    def __init__(self, n: int, names: Sequence[str], states: Sequence[str]) -> None:
        self.n = n
        self.us = {name: np.full(n, NAT, np.int64) for name in names}
        self.states = {name: np.full(n, -1, np.int8) for name in states}
        self.exempt = np.zeros(n, np.bool_)
        # Codes start two bytes wide; a column with more distinct labels widens (label()).
        self.label_codes: dict[str, npt.NDArray[np.signedinteger[Any]]] = {
            k: np.full(n, -1, np.int16)
            for k in ("clock", "zone", "rule_ids", "error_type", "error")
        }
        self.label_values: dict[str, dict[str, int]] = {k: {} for k in self.label_codes}

    def code(self, column: str, text: str) -> int:
        """The code of *text* in the labels of *column*."""
        values = self.label_values[column]
        return values.setdefault(text, len(values))

    def label(self, column: str, rows: I64 | int, text: str | None) -> None:
        """Set the label of *rows* in *column*."""
        code = -1 if text is None else self.code(column, text)
        codes = self.label_codes[column]
        if code > np.iinfo(codes.dtype).max:
            codes = self.label_codes[column] = codes.astype(np.int32)
        codes[rows] = code

    def plan_labels(self, plans: Plans, live: Bools) -> None:
        """Exemption, clock, zone and rule ids of the rows *live*, from their kind's plan."""
        k = len(plans.plans)
        codes = {name: np.full(k + 1, -1, np.int32) for name in ("clock", "zone", "rule_ids")}
        for g, plan in enumerate(plans.plans):
            if plan is None:
                continue
            codes["rule_ids"][g] = self.code("rule_ids", _rule_ids(plan))
            if not plan.exempt:
                codes["clock"][g] = self.code("clock", plan.kind.value)
                codes["zone"][g] = self.code("zone", plan.zone_name)
        kinds = np.where(live, plans.gid, np.int32(k))  # four bytes a row
        self.exempt[:] = plans.exempt[kinds]
        for name, table in codes.items():
            if table.max() > np.iinfo(self.label_codes[name].dtype).max:
                self.label_codes[name] = self.label_codes[name].astype(np.int32)
            self.label_codes[name][:] = table[kinds]

    def clear(self, i: int) -> None:
        """Forget what the plan said of row *i* (it is reported as an error)."""
        self.exempt[i] = False
        for name in ("clock", "zone", "rule_ids"):
            self.label_codes[name][i] = -1

    def write(self, out: Out, prefix: Sequence[tuple[str, str]]) -> None:
        """Add the columns, in the documented order, to *out*."""
        for name, kind in prefix:
            if kind == "instant":
                out.instants(name, self.us[name])
            elif kind == "duration":
                out.durations(name, self.us[name])
            elif kind == "state":
                out.labels(name, self.states[name], _STATES)
            elif kind == "exempt":
                out.flags(name, self.exempt)
            elif kind == "text":
                out.text(name, self.label_codes[name], list(self.label_values[name]))
            else:
                values = list(self.label_values[name])
                out.labels(name, self.label_codes[name], values)


def _us(value: dt.datetime | None) -> int:
    return NAT if value is None else _instant_us(value)


def _td(value: dt.timedelta | None) -> int:
    return NAT if value is None else value // dt.timedelta(microseconds=1)


def _scalar_rows(
    res: Results,
    tickets: Tickets,
    rows: I64,
    errors: str,
    fill: Callable[[Results, int, _sla.Ticket], None],
) -> None:
    """Answer *rows* with the scalar functions: their result, or their error."""
    for i in rows.tolist():
        try:
            fill(res, i, tickets.ticket(i))
        except PartnerRulesError as exc:
            if errors == "raise":
                shown = tickets.reader.raw("id", i)
                exc.add_note(f"in row {i} of the table (id {shown!r})")
                raise
            res.clear(i)
            res.label("error_type", i, type(exc).__name__)
            res.label("error", i, str(exc))


# -- deadlines ---------------------------------------------------------------------------

DEADLINE_COLUMNS = (
    ("exempt", "exempt"),
    ("clock", "label"),
    ("zone", "label"),
    ("ack_target_at", "instant"),
    ("ack_limit_at", "instant"),
    ("pd_target_at", "instant"),
    ("pd_limit_at", "instant"),
    ("rule_ids", "label"),
    ("error_type", "label"),
    ("error", "text"),
)


def _rule_ids(plan: Any, *, holiday: bool = False) -> str:
    policy = plan.policy
    if plan.exempt:
        return _ids([policy.rule_id])
    clock = [_CLOCK_RULE] if policy.clock is _sla.ClockKind.WEEKDAY else []
    return _ids(clock, [policy.rule_id], [_APPB_RULE] if holiday else [])


def _prepare(
    table: object, policy: object, zone: object, events: object = None
) -> tuple[Reader, Tickets, Plans]:
    pol = _sla.ZOHO if policy is None else _policy(policy)
    reader = Reader(table)
    tickets = Tickets(reader, events)
    return reader, tickets, Plans(tickets, pol, zone)


#: Rows per kernel call. A chunk's temporaries (half a megabyte each) stay in the heap
#: the allocator keeps: with 262,144 rows the allocator handed them back to the system
#: after each chunk and the next chunk took them again page by page, which cost a third
#: of the time (1,000,000 tickets, deadlines and status: 0.61 against 0.44 µs a ticket).
CHUNK = 1 << 16


def _calendar_rows(tickets: Tickets, plans: Plans, live: Bools) -> list[tuple[int, I64]]:
    """The rows the kernels run on, by calendar, in chunks of at most :data:`CHUNK` rows."""
    out: list[tuple[int, I64]] = []
    for lo in range(0, tickets.n, CHUNK):  # a chunk of the table at a time: no full index
        row_calendar = plans.calendar[plans.gid[lo : lo + CHUNK]]
        here = live[lo : lo + CHUNK]
        for c in range(len(plans.calendars)):
            rows = np.flatnonzero(here & (row_calendar == c))
            if len(rows):
                out.append((c, rows + lo))
    return out


def _scatter(column: Any, rows: I64, fallback: Bools, values: Any) -> None:
    """Write a chunk's results back to its rows (except those left for the scalar path)."""
    if not fallback.any():
        column[rows] = values
    else:
        column[rows[~fallback]] = values[~fallback]


def deadlines(
    table: object, policy: object, zone: object, errors: object, events: object = None
) -> Any:
    """See :func:`partnerrules.frame.sla_deadlines`."""
    mode = check_errors(errors)
    pol = _sla.ZOHO if policy is None else _policy(policy)
    reader, tickets, plans = _prepare(table, pol, zone, events)
    res = Results(tickets.n, [c for c, k in DEADLINE_COLUMNS if k == "instant"], ())
    live = ~tickets.bad & plans.ok[plans.gid]
    res.plan_labels(plans, live)
    scalar = ~live
    for c, rows in _calendar_rows(tickets, plans, live):
        left = _deadline_rows(res, tickets, plans, plans.calendars[c], rows)
        scalar[left] = True
    for g, plan in enumerate(plans.plans):
        if (
            plan is not None
            and not plan.exempt
            and plan.kind is _sla.ClockKind.SUPPORT_HOURS
            and plan.policy.rule_id != _APPB_RULE
        ):
            rows = np.flatnonzero(live & ~scalar & (plans.gid == g))
            opened = tickets.opened.us[rows]
            recurring = np.full(len(rows), plan.recurring)
            response = tickets.happenings.windows(rows, recurring)[1]
            if plan.pd is None:
                response = np.full(len(rows), NAT, np.int64)
            cites = _cites_holiday(plan, opened, res.us["ack_limit_at"][rows])
            cites |= _cites_holiday(plan, response, res.us["pd_limit_at"][rows])
            res.label("rule_ids", rows[cites], _rule_ids(plan, holiday=True))
    _scalar_rows(res, tickets, np.flatnonzero(scalar), mode, _deadline_fill(pol, zone))
    out = Out(reader)
    out.passthrough("id")
    res.write(out, DEADLINE_COLUMNS)
    return out.build()


def _deadline_rows(
    res: Results, tickets: Tickets, plans: Plans, cal: BusinessCalendar, rows: I64
) -> I64:
    """Compute the deadlines of some rows of one calendar; return those left for the scalar path."""
    h = tickets.happenings
    spec = plans.rows_of(rows)
    _, start, _ = h.windows(rows, spec["pd_rec"] == 1)
    p_cnt, p_base, starts, ends, first_p, last_p = h.pauses_of(rows)
    data = {
        "opened": tickets.opened.us[rows],
        "pd_start": start,
        "p_cnt": p_cnt,
        "p_base": p_base,
        **spec,
    }

    def kernel(tl: Timeline, x: dict[str, I64]) -> tuple[dict[str, I64], Bools]:
        pauses = Pauses(x["p_cnt"], x["p_base"], starts, ends)
        ack = (x["ack_t"], x["ack_l"], x["ack_days"])
        t, lim, over = _pair(tl, ack, x["opened"], pauses)
        got = {"ack_target_at": t, "ack_limit_at": lim}
        got["pd_target_at"] = np.full(len(t), NAT, np.int64)
        got["pd_limit_at"] = np.full(len(t), NAT, np.int64)
        answered = np.flatnonzero((x["pd_start"] != NAT) & (x["pd_has"] == 1))
        if len(answered):
            pd_spec = (x["pd_t"][answered], x["pd_l"][answered], x["pd_days"][answered])
            t2, l2, over2 = _pair(tl, pd_spec, x["pd_start"][answered], pauses.take(answered))
            got["pd_target_at"][answered] = t2
            got["pd_limit_at"][answered] = l2
            over[answered] |= over2
        return got, over

    instants = [data["opened"], start, first_p, last_p]
    got, fallback = _run(cal, data, instants, kernel)
    for name, values in got.items():
        _scatter(res.us[name], rows, fallback, values)
    return rows[fallback]


def _deadline_fill(policy: _sla.SlaPolicy, zone: object) -> Callable[[Results, int, Any], None]:
    def fill(res: Results, i: int, ticket: _sla.Ticket) -> None:
        book = _sla.deadlines(ticket, policy=policy, zone=zone)  # type: ignore[arg-type]
        res.exempt[i] = book.exempt
        res.label("clock", i, None if book.clock is None else book.clock.value)
        res.label("zone", i, book.zone or None)
        windows = [book.acknowledgement, *book.determinations[-1:]]
        ids: list[str] = [r.rule_id for r in book.reasons]
        for prefix, d in zip(("ack", "pd"), windows, strict=False):
            if d is None:
                continue
            res.us[f"{prefix}_target_at"][i] = _us(d.target_at)
            res.us[f"{prefix}_limit_at"][i] = _us(d.limit_at)
            ids.extend(r.rule_id for r in d.reasons)
        res.label("rule_ids", i, _ids(ids))

    return fill


# -- status ------------------------------------------------------------------------------

STATUS_COLUMNS = (
    ("exempt", "exempt"),
    ("clock", "label"),
    ("zone", "label"),
    ("ack_state", "state"),
    ("ack_elapsed", "duration"),
    ("ack_remaining", "duration"),
    ("ack_target_at", "instant"),
    ("ack_limit_at", "instant"),
    ("pd_state", "state"),
    ("pd_elapsed", "duration"),
    ("pd_remaining", "duration"),
    ("pd_target_at", "instant"),
    ("pd_limit_at", "instant"),
    ("rule_ids", "label"),
    ("error_type", "label"),
    ("error", "text"),
)


def status(
    table: object,
    at: object,
    policy: object,
    zone: object,
    errors: object,
    events: object = None,
) -> Any:
    """See :func:`partnerrules.frame.sla_status`."""
    at_us = _instant_us(at, "at")  # type: ignore[arg-type]
    assert isinstance(at, dt.datetime)
    mode = check_errors(errors)
    pol = _sla.ZOHO if policy is None else _policy(policy)
    reader, tickets, plans = _prepare(table, pol, zone, events)
    res = Results(
        tickets.n,
        [c for c, k in STATUS_COLUMNS if k in ("instant", "duration")],
        [c for c, k in STATUS_COLUMNS if k == "state"],
    )
    live = ~tickets.bad & plans.ok[plans.gid]
    res.plan_labels(plans, live)
    exempt = live & plans.exempt[plans.gid]
    res.states["ack_state"][exempt] = _EXEMPT
    res.us["ack_elapsed"][exempt] = 0
    scalar = ~live
    for c, rows in _calendar_rows(tickets, plans, live):
        left = _status_rows(res, tickets, plans, plans.calendars[c], rows, at_us)
        scalar[left] = True
    _scalar_rows(res, tickets, np.flatnonzero(scalar), mode, _status_fill(pol, zone, at))
    out = Out(reader)
    out.passthrough("id")
    res.write(out, STATUS_COLUMNS)
    return out.build()


def _status_rows(
    res: Results, tickets: Tickets, plans: Plans, cal: BusinessCalendar, rows: I64, at: int
) -> I64:
    """Compute the status at *at* of some rows of one calendar; return those left over."""
    h = tickets.happenings
    spec = plans.rows_of(rows)
    first, start, end = h.windows(rows, spec["pd_rec"] == 1, at)
    p_cnt, p_base, starts, ends, first_p, last_p = h.pauses_of(rows, at)
    data = {
        "opened": tickets.opened.us[rows],
        "first": first,
        "pd_start": start,
        "pd_end": end,
        "p_cnt": p_cnt,
        "p_base": p_base,
        **spec,
    }

    def kernel(tl: Timeline, x: dict[str, I64]) -> tuple[dict[str, I64], Bools]:
        pauses = Pauses(x["p_cnt"], x["p_base"], starts, ends)
        ack = (x["ack_t"], x["ack_l"], x["ack_days"])
        state, elapsed, limit, t, lim, over = _window(tl, ack, x["opened"], x["first"], pauses, at)
        got = {
            "ack_state": state,
            "ack_elapsed": elapsed,
            "ack_remaining": limit - elapsed,
            "ack_target_at": t,
            "ack_limit_at": lim,
        }
        m = len(state)
        got["pd_state"] = np.full(m, -1, np.int64)
        for name in ("pd_elapsed", "pd_remaining", "pd_target_at", "pd_limit_at"):
            got[name] = np.full(m, NAT, np.int64)
        answered = np.flatnonzero((x["pd_start"] != NAT) & (x["pd_has"] == 1))
        if len(answered):
            pd_spec = (x["pd_t"][answered], x["pd_l"][answered], x["pd_days"][answered])
            state2, el2, lim2, t2, l2, over2 = _window(
                tl, pd_spec, x["pd_start"][answered], x["pd_end"][answered],
                pauses.take(answered), at,
            )  # fmt: skip
            got["pd_state"][answered] = state2
            got["pd_elapsed"][answered] = el2
            got["pd_remaining"][answered] = lim2 - el2
            got["pd_target_at"][answered] = t2
            got["pd_limit_at"][answered] = l2
            over[answered] |= over2
        return got, over

    at_column = np.full(len(rows), at, np.int64)
    instants = [data["opened"], first, start, end, first_p, last_p, at_column]
    got, fallback = _run(cal, data, instants, kernel)
    for name, values in got.items():
        column = res.states[name] if name.endswith("_state") else res.us[name]
        _scatter(column, rows, fallback, values)
    return rows[fallback]


def _status_fill(
    policy: _sla.SlaPolicy, zone: object, at: dt.datetime
) -> Callable[[Results, int, Any], None]:
    def fill(res: Results, i: int, ticket: _sla.Ticket) -> None:
        now = _sla.status(ticket, at, policy=policy, zone=zone)  # type: ignore[arg-type]
        res.exempt[i] = now.exempt
        if not now.exempt:  # the clock of the ticket's plan, as its deadlines name it
            res.label("clock", i, now._plan.kind.value)
            res.label("zone", i, now._plan.zone_name)
        ids: list[str] = [r.rule_id for r in now.reasons]
        for prefix, w in zip(
            ("ack", "pd"), now.windows[:1] + now.determinations[-1:], strict=False
        ):
            res.states[f"{prefix}_state"][i] = _CODE[w.state]
            res.us[f"{prefix}_elapsed"][i] = _td(w.elapsed)
            res.us[f"{prefix}_remaining"][i] = _td(w.remaining)
            res.us[f"{prefix}_target_at"][i] = _us(w.target_at)
            res.us[f"{prefix}_limit_at"][i] = _us(w.limit_at)
            ids.extend(r.rule_id for r in w.reasons)
        res.label("rule_ids", i, _ids(ids))

    return fill
