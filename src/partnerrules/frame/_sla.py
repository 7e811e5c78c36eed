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

from partnerrules import sla as _sla
from partnerrules.calendars import LAST_YEAR, BusinessCalendar, _instant_us
from partnerrules.errors import InvalidValueError, PartnerRulesError
from partnerrules.frame._io import Instants, Out, Reader, wall_us
from partnerrules.frame._timeline import I64, NAT, Bools, Timeline, timeline, year_range

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
    if errors not in _ERRORS:
        raise InvalidValueError("errors", errors, "'raise' or 'report'")
    return str(errors)


# -- reading tickets ---------------------------------------------------------------------


class Tickets:
    """The ticket columns of a table, read once (see the module docstring)."""

    def __init__(self, reader: Reader) -> None:
        reader.require(REQUIRED, "see the column reference of partnerrules.frame")
        self.reader = reader
        self.n = n = reader.n
        self.opened = reader.instants("opened_at")
        none = Instants(
            np.full(n, NAT, np.int64), np.ones(n, np.bool_), np.zeros(n, np.bool_), None
        )
        self.response = (
            reader.instants("first_response_at") if reader.has("first_response_at") else none
        )
        self.paused = reader.instants("paused_at") if reader.has("paused_at") else none
        self.resumed = reader.instants("resumed_at") if reader.has("resumed_at") else none
        self.kinds = {k: reader.codes(k) for k in _KINDS if reader.has(k)}
        o, r, p, q = self.opened, self.response, self.paused, self.resumed
        bad = reader.blank_or_not_text("id")
        bad |= o.null | o.bad | r.bad | p.bad | q.bad
        bad |= p.null & ~q.null
        bad |= _before(r, o, ~bad & ~r.null)
        bad |= _before(p, o, ~bad & ~p.null)
        bad |= ~_before(p, q, ~bad & ~p.null & ~q.null) & ~bad & ~p.null & ~q.null
        self.bad: Bools = bad

    def value(self, name: str, i: int) -> Any:
        """Row *i* of a kind column as a plain value (None when absent or null)."""
        codes = self.kinds.get(name)
        return None if codes is None else codes.value(i)

    def ticket(self, i: int) -> _sla.Ticket:
        """Row *i* as a :class:`~partnerrules.sla.Ticket` (raises what the scalar API raises)."""
        rd = self.reader
        start = rd.raw_instant("paused_at", self.paused, i) if rd.has("paused_at") else None
        end = rd.raw_instant("resumed_at", self.resumed, i) if rd.has("resumed_at") else None
        pauses = () if start is None and end is None else ((start, end),)
        first = (
            rd.raw_instant("first_response_at", self.response, i)
            if rd.has("first_response_at")
            else None
        )
        return _sla.Ticket(
            rd.raw("id", i),
            rd.raw_instant("opened_at", self.opened, i),
            severity=self.value("severity", i),
            category=self.value("category", i),
            level=self.value("level", i),
            country=self.value("country", i),
            subdivision=self.value("subdivision", i),
            pauses=pauses,
            responses=() if first is None else (first,),
            zone=self.value("zone", i),
        )

    def groups(self) -> tuple[I64, list[I64]]:
        """Row order grouped by kind: the order and the rows of each kind."""
        key = np.zeros(self.n, np.int64)
        for codes in self.kinds.values():
            size = len(codes.values) + 1
            key = key * size + (codes.codes + 1)
            if len(codes.values) > 1 << 20 or key.max(initial=0) > 1 << 40:
                key = np.unique(key, return_inverse=True)[1].astype(np.int64)
        top = int(key.max(initial=0)) + 1
        if top <= 4 * self.n + 1024:
            present = np.flatnonzero(np.bincount(key, minlength=top))
            lut = np.zeros(top, np.int64)
            lut[present] = np.arange(len(present))
            gid = lut[key]
        else:
            gid = np.unique(key, return_inverse=True)[1].astype(np.int64)
        count = int(gid.max(initial=-1)) + 1
        small = gid.astype(np.int16 if count < 1 << 15 else np.int64)
        order = np.argsort(small, kind="stable")
        bounds = np.concatenate(([0], np.cumsum(np.bincount(gid, minlength=count))))
        return order, [order[bounds[g] : bounds[g + 1]] for g in range(count)]

    def plan(self, rows: I64, policy: _sla.SlaPolicy, zone: object) -> Any:
        """The scalar plan of a group's kind, or None when the scalar API refuses the kind."""
        good = rows[~self.bad[rows]]
        if len(good) == 0:
            return None
        r = int(good[0])
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
            return _sla._plan(policy, probe, zone)
        except PartnerRulesError:
            return None


def _before(a: Instants, b: Instants, rows: Bools) -> Bools:
    """Rows (of *rows*) where ``a < b`` as Python compares the two aware datetimes.

    Datetimes that share one tzinfo compare by local wall time, ignoring the
    fold: in the hour a DST change repeats, 01:00 (after the change) is before
    01:30 (before it), although it is a later instant. The scalar API refuses
    or accepts a ticket by those comparisons, so the columns do the same.
    """
    out = rows & (a.us < b.us)
    if a.zone is None or a.zone is not b.zone or isinstance(a.zone, dt.timezone):
        return out
    near = np.flatnonzero(rows & (np.abs(a.us - b.us) < 3 * 86_400_000_000))
    if len(near):
        out[near] = wall_us(a.us[near], a.zone) < wall_us(b.us[near], b.zone)
    return out


# -- kernels -------------------------------------------------------------------------------


def _lengths(tl: Timeline, spec: Any, start: I64, p0: I64) -> tuple[I64 | int, I64 | int, Bools]:
    """Target and limit of a window as business µs (``sla._lengths``), and overflows."""
    none = np.zeros(start.shape, np.bool_)
    if not spec[4]:
        return int(spec[2]), int(spec[3]), none
    end, over = tl.add_days(start, int(spec[3]))
    limit = tl.position(end) - p0
    if spec[2] == spec[3]:
        return limit, limit, over
    end2, over2 = tl.add_days(start, int(spec[2]))
    return tl.position(end2) - p0, limit, over | over2


def _padd(tl: Timeline, a: I64, pa: I64, d: I64 | int, ps: I64, pe: I64) -> tuple[I64, Bools]:
    """``sla._padd`` with at most one pause per row (NaT start: none; NaT end: still open)."""
    cand, over = tl.earliest(pa + d)
    closed = pe != NAT
    # Rows whose pause starts before the plain answer and is not over before the start.
    rows = np.flatnonzero((ps != NAT) & (ps < cand) & ~(closed & (pe <= a)))
    if not len(rows):
        return cand, over
    a_r, pa_r, ps_r, pe_r = a[rows], pa[rows], ps[rows], pe[rows]
    d_r = d[rows] if isinstance(d, np.ndarray) else d
    remaining = d_r - np.where(ps_r > a_r, tl.position(ps_r) - pa_r, 0)
    held = pe_r == NAT
    after, over2 = tl.earliest(tl.position(pe_r) + remaining)
    out = cand.copy()
    out[rows] = np.where(held, NAT, after)
    over = over.copy()
    over[rows] |= ~held & over2
    return out, over


def _pair(tl: Timeline, spec: Any, start: I64, ps: I64, pe: I64) -> tuple[I64, I64, Bools]:
    """Target and limit instants of windows starting at *start* (``sla._pair``)."""
    p0 = tl.position(start)
    target, limit, over = _lengths(tl, spec, start, p0)
    t, o1 = _padd(tl, start, p0, target, ps, pe)
    lim, o2 = _padd(tl, start, p0, limit, ps, pe)
    return t, lim, over | o1 | o2


def _window(
    tl: Timeline, spec: Any, start: I64, end: I64, ps: I64, pe: I64, at: int
) -> tuple[I64, I64, I64, I64, I64, Bools]:
    """``sla._window_row`` for pauses clipped at *at*: state, elapsed, limit, target, limit at."""
    stop = np.where(end != NAT, end, at)
    p0 = tl.position(start)
    target, limit, over = _lengths(tl, spec, start, p0)
    elapsed = tl.position(stop) - p0
    has = ps != NAT
    rows = np.flatnonzero(has & (ps < stop))
    if len(rows):
        ps_r, pe_r, stop_r, start_r = ps[rows], pe[rows], stop[rows], start[rows]
        stop2 = np.where((pe_r == NAT) | (pe_r > stop_r), stop_r, pe_r)
        part = stop2 > start_r
        held = tl.position(stop2) - tl.position(np.maximum(ps_r, start_r))
        elapsed = elapsed.copy()
        elapsed[rows] -= np.where(part, held, 0)
    t, o1 = _padd(tl, start, p0, target, ps, pe)
    lim, o2 = _padd(tl, start, p0, limit, ps, pe)
    state: I64 = np.full(start.shape, _RUNNING, np.int64)
    state[(t != NAT) & (at > t)] = _AT_RISK
    state[has & (pe == NAT)] = _PAUSED
    state[(lim != NAT) & (at > lim)] = _BREACHED
    answered = end != NAT
    state[answered] = np.where((lim == NAT) | (end <= lim), _MET, _MET_LATE)[answered]
    limit_us = np.broadcast_to(np.asarray(limit, np.int64), start.shape)
    return state, elapsed, limit_us, t, lim, over | o1 | o2


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
    known = [x[x != NAT] for x in instants]
    lo = min((int(x.min()) for x in known if len(x)), default=0)
    hi = max((int(x.max()) for x in known if len(x)), default=0)
    first, last = year_range(lo, hi)
    tl = timeline(cal, first, last)
    outside = np.zeros(m, np.bool_)
    for x in instants:
        outside |= (x != NAT) & ((x < tl.lo) | (x >= tl.hi))
    todo = np.flatnonzero(~outside)
    out: dict[str, I64] = {}
    fallback = outside
    while len(todo):
        part = {k: v[todo] for k, v in rows.items()}
        got, over = kernel(tl, part)
        for k, v in got.items():
            if k not in out:
                out[k] = np.full(m, NAT, v.dtype) if v.dtype == np.int64 else np.zeros(m, v.dtype)
            out[k][todo] = v
        todo = todo[over]
        if not len(todo):
            break
        if last >= LAST_YEAR:
            fallback[todo] = True
            break
        last = min(LAST_YEAR, last + max(2, last - first + 1))
        tl = timeline(cal, first, last)
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
    """Rows whose deadline reasons name a holiday (``sla._holiday_reasons``)."""
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
        self.label_codes: dict[str, np.ndarray[Any, np.dtype[np.int32]]] = {
            k: np.full(n, -1, np.int32)
            for k in ("clock", "zone", "rule_ids", "error_type", "error")
        }
        self.label_values: dict[str, dict[str, int]] = {k: {} for k in self.label_codes}

    def code(self, column: str, text: str) -> int:
        """The code of *text* in the labels of *column*."""
        values = self.label_values[column]
        return values.setdefault(text, len(values))

    def label(self, column: str, rows: I64 | int, text: str | None) -> None:
        """Set the label of *rows* in *column*."""
        self.label_codes[column][rows] = -1 if text is None else self.code(column, text)

    def plan_labels(self, rows: I64, plan: Any) -> None:
        """The clock, zone and exemption of a group's rows."""
        self.exempt[rows] = plan.exempt
        if not plan.exempt:
            self.label("clock", rows, plan.kind.value)
            self.label("zone", rows, plan.zone_name)

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


def deadlines(table: object, policy: object, zone: object, errors: object) -> Any:
    """See :func:`partnerrules.frame.sla_deadlines`."""
    mode = check_errors(errors)
    pol = _sla.ZOHO if policy is None else _sla._policy(policy)
    reader = Reader(table)
    tickets = Tickets(reader)
    res = Results(tickets.n, [c for c, k in DEADLINE_COLUMNS if k == "instant"], ())
    scalar = [np.flatnonzero(tickets.bad)]
    for rows in tickets.groups()[1]:
        plan = tickets.plan(rows, pol, zone)
        if plan is None:
            scalar.append(rows)
            continue
        rows = rows[~tickets.bad[rows]]
        res.plan_labels(rows, plan)
        if plan.exempt:
            res.label("rule_ids", rows, _rule_ids(plan))
            continue
        scalar.append(_deadline_group(res, tickets, rows, plan))
    pending = np.unique(np.concatenate(scalar))
    _scalar_rows(res, tickets, pending, mode, _deadline_fill(pol, zone))
    out = Out(reader)
    out.passthrough("id")
    res.write(out, DEADLINE_COLUMNS)
    return out.build()


def _deadline_group(res: Results, tickets: Tickets, rows: I64, plan: Any) -> I64:
    """Compute a group's deadlines; return the rows left for the scalar path."""
    pd_spec = plan.pd
    data = {
        "opened": tickets.opened.us[rows],
        "response": tickets.response.us[rows] if pd_spec is not None else np.full(len(rows), NAT),
        "ps": tickets.paused.us[rows],
        "pe": tickets.resumed.us[rows],
    }

    def kernel(tl: Timeline, x: dict[str, I64]) -> tuple[dict[str, I64], Bools]:
        t, lim, over = _pair(tl, plan.ack, x["opened"], x["ps"], x["pe"])
        got = {"ack_target_at": t, "ack_limit_at": lim}
        if pd_spec is not None:
            got["pd_target_at"] = np.full(len(t), NAT, np.int64)
            got["pd_limit_at"] = np.full(len(t), NAT, np.int64)
            answered = np.flatnonzero(x["response"] != NAT)
            if len(answered):
                ps, pe = x["ps"][answered], x["pe"][answered]
                t2, l2, over2 = _pair(tl, pd_spec, x["response"][answered], ps, pe)
                got["pd_target_at"][answered] = t2
                got["pd_limit_at"][answered] = l2
                over[answered] |= over2
        return got, over

    got, fallback = _run(plan.calendar, data, list(data.values()), kernel)
    whole = not fallback.any()
    good = rows if whole else rows[~fallback]
    for name, values in got.items():
        res.us[name][good] = values if whole else values[~fallback]
    holiday = np.zeros(len(rows), np.bool_)
    if (
        plan.kind is _sla.ClockKind.SUPPORT_HOURS
        and plan.policy.rule_id != _APPB_RULE
        and len(good)
    ):
        ok = ~fallback
        holiday[ok] = _cites_holiday(plan, data["opened"][ok], got["ack_limit_at"][ok])
        if pd_spec is not None:
            holiday[ok] |= _cites_holiday(plan, data["response"][ok], got["pd_limit_at"][ok])
    res.label("rule_ids", rows[~fallback & ~holiday], _rule_ids(plan))
    res.label("rule_ids", rows[~fallback & holiday], _rule_ids(plan, holiday=True))
    return rows[fallback]


def _deadline_fill(policy: _sla.SlaPolicy, zone: object) -> Callable[[Results, int, Any], None]:
    def fill(res: Results, i: int, ticket: _sla.Ticket) -> None:
        book = _sla.deadlines(ticket, policy=policy, zone=zone)  # type: ignore[arg-type]
        res.exempt[i] = book.exempt
        res.label("clock", i, None if book.clock is None else book.clock.value)
        res.label("zone", i, book.zone or None)
        windows = [book.acknowledgement, *book.determinations[:1]]
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


def status(table: object, at: object, policy: object, zone: object, errors: object) -> Any:
    """See :func:`partnerrules.frame.sla_status`."""
    at_us = _instant_us(at, "at")  # type: ignore[arg-type]
    assert isinstance(at, dt.datetime)
    mode = check_errors(errors)
    pol = _sla.ZOHO if policy is None else _sla._policy(policy)
    reader = Reader(table)
    tickets = Tickets(reader)
    res = Results(
        tickets.n,
        [c for c, k in STATUS_COLUMNS if k in ("instant", "duration")],
        [c for c, k in STATUS_COLUMNS if k == "state"],
    )
    scalar = [np.flatnonzero(tickets.bad)]
    for rows in tickets.groups()[1]:
        plan = tickets.plan(rows, pol, zone)
        if plan is None:
            scalar.append(rows)
            continue
        rows = rows[~tickets.bad[rows]]
        res.plan_labels(rows, plan)
        if plan.exempt:
            res.states["ack_state"][rows] = _EXEMPT
            res.us["ack_elapsed"][rows] = 0
            res.label("rule_ids", rows, _rule_ids(plan))
            continue
        scalar.append(_status_group(res, tickets, rows, plan, at_us))
    pending = np.unique(np.concatenate(scalar))
    _scalar_rows(res, tickets, pending, mode, _status_fill(pol, zone, at))
    out = Out(reader)
    out.passthrough("id")
    res.write(out, STATUS_COLUMNS)
    return out.build()


def _status_group(res: Results, tickets: Tickets, rows: I64, plan: Any, at: int) -> I64:
    """Compute a group's status at *at*; return the rows left for the scalar path."""
    ps, pe = tickets.paused.us[rows], tickets.resumed.us[rows]
    kept = (ps != NAT) & (ps <= at)  # pauses started by `at`; one not over by then is open
    ps = np.where(kept, ps, NAT)
    pe = np.where(kept & (pe != NAT) & (pe <= at), pe, NAT)
    response = tickets.response.us[rows]
    response = np.where((response != NAT) & (response <= at), response, NAT)
    pd_spec = plan.pd
    data = {"opened": tickets.opened.us[rows], "response": response, "ps": ps, "pe": pe}
    at_column = np.full(len(rows), at, np.int64)

    def kernel(tl: Timeline, x: dict[str, I64]) -> tuple[dict[str, I64], Bools]:
        state, elapsed, limit, t, lim, over = _window(
            tl, plan.ack, x["opened"], x["response"], x["ps"], x["pe"], at
        )
        got = {
            "ack_state": state,
            "ack_elapsed": elapsed,
            "ack_remaining": limit - elapsed,
            "ack_target_at": t,
            "ack_limit_at": lim,
        }
        if pd_spec is not None:
            m = len(state)
            got["pd_state"] = np.full(m, -1, np.int64)
            for name in ("pd_elapsed", "pd_remaining", "pd_target_at", "pd_limit_at"):
                got[name] = np.full(m, NAT, np.int64)
            answered = np.flatnonzero(x["response"] != NAT)
            if len(answered):
                start = x["response"][answered]
                never = np.full(len(answered), NAT, np.int64)
                ps, pe = x["ps"][answered], x["pe"][answered]
                state2, el2, lim2, t2, l2, over2 = _window(tl, pd_spec, start, never, ps, pe, at)
                got["pd_state"][answered] = state2
                got["pd_elapsed"][answered] = el2
                got["pd_remaining"][answered] = lim2 - el2
                got["pd_target_at"][answered] = t2
                got["pd_limit_at"][answered] = l2
                over[answered] |= over2
        return got, over

    got, fallback = _run(plan.calendar, data, [*data.values(), at_column], kernel)
    whole = not fallback.any()
    good = rows if whole else rows[~fallback]
    for name, values in got.items():
        kept = values if whole else values[~fallback]
        if name.endswith("_state"):
            res.states[name][good] = kept
        else:
            res.us[name][good] = kept
    res.label("rule_ids", good, _rule_ids(plan))
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
        for prefix, w in zip(("ack", "pd"), now.windows[:2], strict=False):
            res.states[f"{prefix}_state"][i] = _CODE[w.state]
            res.us[f"{prefix}_elapsed"][i] = _td(w.elapsed)
            res.us[f"{prefix}_remaining"][i] = _td(w.remaining)
            res.us[f"{prefix}_target_at"][i] = _us(w.target_at)
            res.us[f"{prefix}_limit_at"][i] = _us(w.limit_at)
            ids.extend(r.rule_id for r in w.reasons)
        res.label("rule_ids", i, _ids(ids))

    return fill
