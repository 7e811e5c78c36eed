"""Deadlines and status of tickets, one at a time and in bulk.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import abc
import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._engine import (
    _HELD,
    _STATES,
    _clip,
    _deadline_row,
    _held,
    _lengths,
    _Plan,
    _plan,
    _status_row,
    built,
)
from partnerrules._public import home
from partnerrules._sla.policies import ZOHO, SlaPolicy, _policy
from partnerrules._sla.results import Deadline, TicketDeadlines, TicketStatus, WindowStatus
from partnerrules._sla.tickets import Ticket
from partnerrules._sla.vocabulary import ClockState, Metric, _coerce_enum, _metric
from partnerrules.calendars import (
    _instant_us,
)
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    OutOfRangeError,
)


def _deadlines_from(plan: _Plan, ticket: Ticket, row: Sequence[int]) -> TicketDeadlines:
    """The :class:`TicketDeadlines` of *ticket* from its number row (built by the engine)."""
    return built(_deadlines_built, plan, ticket, row)


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


def _status_from(
    plan: _Plan, ticket: Ticket, at: dt.datetime, at_us: int, row: Sequence[int]
) -> TicketStatus:
    """The :class:`TicketStatus` of *ticket* at *at* from its number row (built by the engine)."""
    return built(_status_built, plan, ticket, at, at_us, row)


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


home("partnerrules.sla", globals())
