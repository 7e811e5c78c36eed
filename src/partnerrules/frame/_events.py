"""The responses and pauses of each ticket row, from ticket columns or an events table.

A ticket's responses and pauses are held as two ragged columns (the values of
every row one after the other, sorted within a row, with each row's offset
and count), whether they come from the one-per-row columns of the tickets
table (``first_response_at``, ``paused_at``, ``resumed_at``) or from a long
table of events (one row per response, pause or resumption). The kernels read
a row's *j*-th pause with one gather, and the scalar path rebuilds a row's
:class:`~partnerrules.sla.Ticket` from the same values. Private to
:mod:`partnerrules.frame`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from partnerrules.errors import InvalidValueError, UnknownKeyError
from partnerrules.frame._io import Instants, Reader
from partnerrules.frame._timeline import I64, NAT, Bools

#: The columns of an events table, and the values of its ``event`` column.
EVENT_COLUMNS = ("id", "event", "at")
EVENT_KINDS = ("response", "paused", "resumed")
_RESPONSE, _PAUSED, _RESUMED = range(3)
#: The ticket columns an events table replaces.
WIDE = ("first_response_at", "paused_at", "resumed_at")


def _offsets(counts: I64) -> I64:
    out = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=out[1:])
    return out


class Happenings:
    """Each row's responses and pauses, as integer columns (µs since the epoch).

    Two forms. *Single*: rows with at most one response and one pause (the
    ticket columns always) hold them in dense columns, NaT for none. *Ragged*
    (an events table with more): ``r_us[r_off[i]:r_off[i + 1]]`` are row
    *i*'s responses, sorted, and ``p_start``/``p_end`` (NaT: still open) its
    pauses, by start. ``bad`` rows are answered by the scalar path.
    """

    def __init__(
        self,
        n: int,
        bad: Bools,
        *,
        single: tuple[I64, I64, I64] | None = None,
        ragged: tuple[I64, I64, I64, I64, I64] | None = None,
    ) -> None:
        self.n = n
        self.bad = bad
        self._cache: dict[tuple[str, int | None], Any] = {}
        if ragged is None:
            assert single is not None
            self.r_max = self.p_max = 1  # at most one of each: the dense columns
            self.single = single
            return
        r_row, self.r_us, p_row, self.p_start, self.p_end = ragged
        self.r_row, self.p_row = r_row, p_row
        self.r_cnt = np.bincount(r_row, minlength=n).astype(np.int64)
        self.p_cnt = np.bincount(p_row, minlength=n).astype(np.int64)
        self.r_off = _offsets(self.r_cnt)
        self.p_off = _offsets(self.p_cnt)
        self.r_max = int(self.r_cnt.max(initial=0))
        self.p_max = int(self.p_cnt.max(initial=0))
        if self.r_max <= 1 and self.p_max <= 1:
            dense = [np.full(n, NAT, np.int64) for _ in range(3)]
            dense[0][r_row] = self.r_us
            dense[1][p_row] = self.p_start
            dense[2][p_row] = self.p_end
            self.single = (dense[0], dense[1], dense[2])
            self.r_max = self.p_max = 1

    def _known(self, at: int | None) -> Any:
        """What is known at *at* (None: everything), computed once for the table.

        Single form: the dense response column; ragged form: response counts,
        pause counts and pause ends (a pause started after *at* is not known;
        one not over by *at* is still open).
        """
        key = ("known", at)
        if key not in self._cache:
            if self.r_max <= 1 and self.p_max <= 1:
                response = self.single[0]
                known: Any = response if at is None else np.where(response <= at, response, NAT)
            elif at is None:
                known = (self.r_cnt, self.p_cnt, self.p_end)
            else:
                seen = self.r_us <= at
                r_cnt = np.bincount(self.r_row[seen], minlength=self.n).astype(np.int64)
                started = self.p_start <= at
                p_cnt = np.bincount(self.p_row[started], minlength=self.n).astype(np.int64)
                ends = np.where((self.p_end != NAT) & (self.p_end <= at), self.p_end, NAT)
                known = (r_cnt, p_cnt, ends)
            self._cache[key] = known
        return self._cache[key]

    def windows(self, rows: I64, recurring: Bools, at: int | None = None) -> tuple[I64, I64, I64]:
        """The first response of *rows*, and their latest problem-determination window.

        From the responses known at *at* (``_engine._status_row``): a
        recurring window restarts at each response, so the latest starts at the
        last one and is open; otherwise the one window starts at the first
        response and ends at the second (NaT: none). Returns the first
        response, and the window's start and end.
        """
        if self.r_max <= 1 and self.p_max <= 1:
            first = self._known(at)[rows]
            return first, first, np.full(len(rows), NAT, np.int64)
        count = self._known(at)[0][rows]
        first = np.full(len(rows), NAT, np.int64)
        start, end = first.copy(), first.copy()
        sel = np.flatnonzero(count > 0)  # only the rows with a response do any work
        if len(sel):
            base = self.r_off[rows[sel]]
            first[sel] = start[sel] = self.r_us[base]
            many = np.flatnonzero(count[sel] > 1)  # more than one: the window depends
            if len(many):
                sel, base = sel[many], base[many]
                rec = recurring[sel]
                latest = self.r_us[base + count[sel] - 1]
                start[sel] = np.where(rec, latest, start[sel])
                end[sel] = np.where(rec, NAT, self.r_us[base + 1])
        return first, start, end

    def pauses_of(self, rows: I64, at: int | None = None) -> tuple[I64, I64, I64, I64, I64, I64]:
        """The pauses of *rows* known at *at*, and each row's earliest and latest pause instant.

        Returns the counts, the offsets, the start and end columns the offsets
        index, and the earliest and latest instants (NaT: no pause). A row's
        pauses are sorted and do not overlap, so its earliest instant is its
        first start and its latest its last end (its start, while open).
        """
        if self.r_max <= 1 and self.p_max <= 1:
            _, starts, ends = self.single
            ps, pe = starts[rows], ends[rows]
            if at is not None:
                ps = np.where(ps <= at, ps, NAT)  # NaT is below any instant
                pe = np.where((ps != NAT) & (pe <= at), pe, NAT)
            cnt = (ps != NAT).astype(np.int64)
            return cnt, np.arange(len(rows)), ps, pe, ps, np.where(pe != NAT, pe, ps)
        _, counts, ends = self._known(at)
        cnt, base = counts[rows], self.p_off[rows]
        first = np.full(len(rows), NAT, np.int64)
        last = first.copy()
        sel = np.flatnonzero(cnt > 0)
        final = base[sel] + cnt[sel] - 1
        first[sel] = self.p_start[base[sel]]
        last[sel] = np.where(ends[final] != NAT, ends[final], self.p_start[final])
        return cnt, base, self.p_start, ends, first, last


class FromColumns:
    """The one response and one pause a ticket row may carry in its own columns."""

    def __init__(self, reader: Reader, opened: Instants) -> None:
        n = reader.n
        none = Instants(
            np.full(n, NAT, np.int64), np.ones(n, np.bool_), np.zeros(n, np.bool_), None
        )
        self.reader = reader
        self.response = reader.instants(WIDE[0]) if reader.has(WIDE[0]) else none
        self.paused = reader.instants(WIDE[1]) if reader.has(WIDE[1]) else none
        self.resumed = reader.instants(WIDE[2]) if reader.has(WIDE[2]) else none
        r, p, q = self.response, self.paused, self.resumed
        bad = r.bad | p.bad | q.bad | (p.null & ~q.null)
        bad |= ~r.null & (r.us < opened.us)
        bad |= ~p.null & (p.us < opened.us)
        bad |= ~p.null & ~q.null & ~(p.us < q.us)
        self.happenings = Happenings(n, bad, single=(r.us, p.us, q.us))

    def scalar(self, i: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Row *i*'s responses and pauses as the scalar ``Ticket`` is given them."""
        rd = self.reader
        start = rd.raw_instant(WIDE[1], self.paused, i) if rd.has(WIDE[1]) else None
        end = rd.raw_instant(WIDE[2], self.resumed, i) if rd.has(WIDE[2]) else None
        pauses = () if start is None and end is None else ((start, end),)
        first = rd.raw_instant(WIDE[0], self.response, i) if rd.has(WIDE[0]) else None
        return (() if first is None else (first,)), pauses


class FromEvents:
    """The responses and pauses of each ticket from a long table of events.

    The events of a ticket count in time order (ties in table order): a
    ``paused`` opens a pause, the next ``resumed`` closes it. An event whose
    ``id`` no ticket has is refused (:class:`UnknownKeyError`); a ticket id
    given twice, an unknown ``event`` or a ``resumed`` with no pause open makes
    the ticket's row bad (:class:`InvalidValueError`), and a bad instant is
    refused as the scalar API refuses it.
    """

    def __init__(self, events: object, tickets: Reader, opened: Instants) -> None:
        rd = self.reader = Reader(events, "events")
        rd.require(EVENT_COLUMNS, "see 'Ticket events' in partnerrules.frame")
        self.tickets = tickets
        n = tickets.n
        row, self.duplicated = _rows_of(rd, tickets)
        self.orphans = np.flatnonzero(row < 0)
        self.row = row
        self.kind = rd.lookup("event", EVENT_KINDS)
        self.at = rd.instants("at")
        bad_event = (self.kind < 0) | self.at.null | self.at.bad
        # Time order within a ticket, ties in table order.
        order = _time_order(row, self.at.us)
        order = order[row[order] >= 0]
        self.order = order
        bad = self.duplicated.copy()
        bad[row[order][bad_event[order]]] = True
        r_sel = order[(self.kind[order] == _RESPONSE) & ~bad[row[order]]]
        p_rows, p_start, p_end, broken = _pairs(
            row[order], self.kind[order], self.at.us[order], bad
        )
        bad |= broken
        early = r_sel[self.at.us[r_sel] < opened.us[row[r_sel]]]
        bad[row[early]] = True
        bad[p_rows[p_start < opened.us[p_rows]]] = True
        bad[p_rows[(p_end != NAT) & (p_end <= p_start)]] = True
        keep_r = r_sel[~bad[row[r_sel]]]
        keep_p = ~bad[p_rows]
        ragged = (row[keep_r], self.at.us[keep_r], p_rows[keep_p], p_start[keep_p], p_end[keep_p])
        self.happenings = Happenings(n, bad, ragged=ragged)

    def check_orphans(self) -> None:
        """Refuse events of no ticket of the table (they cannot be reported on a ticket row)."""
        if len(self.orphans):
            k = int(self.orphans[0])
            raise UnknownKeyError(
                "events",
                self.reader.raw("id", k),
                "the id of a ticket of the table",
                hint=f"row {k} of the events; {len(self.orphans)} event(s) of no ticket",
            )

    def scalar(self, i: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Ticket row *i*'s responses and pauses as the scalar ``Ticket`` is given them.

        Raises what an event of the row makes wrong that a ``Ticket`` cannot say:
        the ticket id given twice, an unknown event, a resumption with no pause open.
        """
        if self.duplicated[i]:
            raise InvalidValueError(
                "id",
                self.tickets.raw("id", i),
                "an id given once in the tickets table when events name tickets by id",
            )
        rd = self.reader
        responses: list[Any] = []
        pauses: list[tuple[Any, Any]] = []
        open_at: Any = None
        is_open = False
        for k in self.order[self.row[self.order] == i].tolist():
            kind = int(self.kind[k])
            if kind < 0:
                raise InvalidValueError(
                    "event", rd.raw("event", k), " or ".join(map(repr, EVENT_KINDS)),
                    hint=f"row {k} of the events",
                )  # fmt: skip
            when = rd.raw_instant("at", self.at, k)
            if kind == _RESPONSE:
                responses.append(when)
            elif kind == _PAUSED:
                if is_open:
                    pauses.append((open_at, None))
                open_at, is_open = when, True
            elif not is_open:
                raise InvalidValueError(
                    "event", "resumed", "a 'resumed' after a 'paused' of the same ticket",
                    hint=f"row {k} of the events",
                )  # fmt: skip
            else:
                pauses.append((open_at, when))
                is_open = False
        if is_open:
            pauses.append((open_at, None))
        return tuple(responses), tuple(pauses)


def _rows_of(events: Reader, tickets: Reader) -> tuple[I64, Bools]:
    """Each event's ticket row (-1: none), and the ticket rows whose id is given twice."""
    import pyarrow.compute as pc

    wanted, known = events.text_array("id", large=True), tickets.text_array("id", large=True)
    if wanted is None or known is None:
        return np.full(events.n, -1, np.int64), np.zeros(tickets.n, np.bool_)
    first = pc.index_in(wanted, value_set=known).fill_null(-1).to_numpy(zero_copy_only=False)
    first = np.asarray(first, np.int64)
    if len(pc.unique(known)) == len(known):  # every id once (the usual case): no second look
        return first, np.zeros(tickets.n, np.bool_)
    last = pc.index_in(wanted, value_set=known[::-1]).fill_null(-1).to_numpy(zero_copy_only=False)
    last = np.asarray(last, np.int64)
    last = np.where(last >= 0, tickets.n - 1 - last, -1)
    twice = np.flatnonzero(first != last)
    duplicated = np.zeros(tickets.n, np.bool_)
    if len(twice):
        ids = wanted.take(twice).unique()
        found = pc.is_in(known, value_set=ids).fill_null(False)
        duplicated = np.asarray(found.to_numpy(zero_copy_only=False), np.bool_)
    return first, duplicated


def _time_order(row: I64, us: I64) -> I64:
    """The events by ticket row, then instant, ties in table order (events of no ticket last).

    An events table already in that order (grouped by ticket, in time) is taken
    as it is: one pass to check instead of a sort.
    """
    m = len(row)
    if m < 2 or bool(np.all((row[1:] > row[:-1]) | ((row[1:] == row[:-1]) & (us[1:] >= us[:-1])))):
        return np.arange(m)
    out: I64 = np.lexsort((np.arange(m), us, row))
    return out


def _pairs(row: I64, kind: I64, us: I64, bad: Bools) -> tuple[I64, I64, I64, Bools]:
    """Pauses from time-ordered events: each ``paused`` opens one, the next ``resumed`` ends it.

    Returns each pause's ticket row, start and end (NaT: open), and the rows
    whose sequence is broken (a ``resumed`` with no pause open, a ``paused``
    while one is open: the scalar path reports them).
    """
    n = len(bad)
    sel = np.flatnonzero((kind == _PAUSED) | (kind == _RESUMED))
    r, k, t = row[sel], kind[sel], us[sel]
    broken = np.zeros(n, np.bool_)
    if not len(sel):
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, broken
    first = np.ones(len(sel), np.bool_)
    first[1:] = r[1:] != r[:-1]
    prev = np.empty(len(sel), np.int64)
    prev[0] = -1
    prev[1:] = k[:-1]
    prev = np.where(first, _RESUMED, prev)  # a ticket's sequence starts as if resumed
    # Pause events must alternate paused, resumed, paused ... within each ticket.
    wrong = k == prev
    broken[r[wrong]] = True
    starts = np.flatnonzero(k == _PAUSED)
    nxt = np.minimum(starts + 1, len(sel) - 1)
    closed = (starts + 1 < len(sel)) & (r[nxt] == r[starts]) & (k[nxt] == _RESUMED)
    ends = np.where(closed, t[nxt], NAT)
    return r[starts], t[starts], ends, broken
