"""Evaluation of ticket histories, one at a time and in bulk.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import struct
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._engine import _STATES
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.build import _result
from partnerrules._lifecycle.histories import TicketHistory
from partnerrules._lifecycle.policy import LifecyclePolicy
from partnerrules._lifecycle.results import TicketLifecycle
from partnerrules._lifecycle.vocabulary import _CLOCK_INDEX, Clock, _clock
from partnerrules._public import home
from partnerrules._sla.vocabulary import _coerce_enum
from partnerrules.calendars import _EPOCH, _US, _instant_us
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
)
from partnerrules.sla import (
    ClockState,
)

# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def _zone(zone: object) -> object:
    if zone is None or isinstance(zone, str | ZoneInfo):
        return zone
    raise InvalidTypeError("zone", zone, "an IANA zone name or a ZoneInfo")


def _check(history: object, policy: object) -> tuple[TicketHistory, LifecyclePolicy]:
    return (
        _validate.instance("history", history, TicketHistory),
        _validate.instance("policy", policy, LifecyclePolicy),
    )


def _beyond(at: object) -> HorizonError:
    # An instant near datetime's own limits whose UTC form lies beyond them.
    return HorizonError(
        "at", at, "an instant within the calendars' horizon (local years 1970-2100)"
    )


def _before_opening(history: TicketHistory, at: object) -> InvalidValueError:
    return InvalidValueError("at", at, f"at or after the opening {history.opened.at.isoformat()}")


def evaluate(
    history: TicketHistory,
    at: dt.datetime,
    *,
    policy: LifecyclePolicy,
    zone: str | ZoneInfo | None = None,
) -> TicketLifecycle:
    """Return every clock of a ticket at instant *at*, recomputed from its history.

    Rules: the SLA policy's own for the acknowledgement and
    problem-determination windows and the clock (``zoho.sla.matrix`` and
    ``zoho.sla.weekday_clock`` with :data:`~partnerrules.sla.ZOHO`,
    ``appb.first_response.one_business_day`` with
    :data:`~partnerrules.sla.APPENDIX_B`), and the lifecycle policy's
    ``rule_id`` for pauses, resolution, reopening and notices (an escalation
    level may cite its own, such as ``zoho.escalation.eligibility``).

    Only the events at or before *at* are read, so appending later events
    never changes the answer. Each counted response ends the running
    acknowledgement and problem-determination windows and starts the next
    problem-determination window; the resolution ends every running window,
    met or met late as a response would (responses while the ticket is
    resolved count for nothing); statuses pause the clocks the policy says;
    severity, level and policy changes re-target running windows (see
    :class:`SeverityChange` and :class:`PolicyChanged`); a reopening restarts
    or resumes each clock as the policy says. Windows are computed with the
    SLA engine's own integer functions on the policy's calendar, so a
    snapshot :class:`~partnerrules.sla.Ticket` and its history
    (:meth:`TicketHistory.from_ticket`) give the same windows as
    :func:`partnerrules.sla.status`. *zone* is the zone of the
    built-in clocks, as in :func:`partnerrules.sla.status`.

    Raises:
        InvalidTypeError: *history* is not a :class:`TicketHistory`, *policy*
            not a :class:`LifecyclePolicy`, *zone* not a zone.
        NaiveDatetimeError: *at* has no zone.
        InvalidValueError: *at* is before the opening.
        UnknownKeyError: an unknown zone, or a severity a matrix lacks.
    """
    h, lp = _check(history, policy)
    z = _zone(zone)
    at_us = _instant_us(at, "at")
    tape = h._tape
    if at_us < tape.opened:
        raise _before_opening(h, at)
    try:
        sweep = _engine.sweep(tape, at_us, lp._program, z)
        row: list[int] = []
        _engine.row(sweep, at_us, row)
        return _result(h, at, at_us, lp, z, sweep, row)
    except OverflowError:
        raise _beyond(at) from None


class _OutOfRangeError(PartnerRulesError, IndexError):
    """An index past the end of a batch: an IndexError (as a sequence raises) that is ours."""


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise attrs.exceptions.FrozenInstanceError


def _frozen_delattr(self: object, name: str) -> None:
    raise attrs.exceptions.FrozenInstanceError


class LifecycleBatch(Sequence[TicketLifecycle]):
    """The lifecycles of many tickets, held as rows of integers: what :func:`evaluate_many` returns.

    A sequence of :class:`TicketLifecycle`, in the order the histories were
    given: ``batch[i]`` equals ``evaluate(histories[i], at_i, policy=...)``.
    Every window is computed when the batch is built and kept as integers;
    an item's result objects (and their notices and reasons) are built when
    it is read and are not kept. :meth:`ids` answers "which tickets are
    breached" from the integers alone. Batches are immutable.
    """

    __slots__ = ("_at", "_at_us", "_histories", "_policy", "_rows", "_starts", "_zone")
    __setattr__ = _frozen_setattr
    __delattr__ = _frozen_delattr
    __hash__ = None  # type: ignore[assignment]
    _histories: tuple[TicketHistory, ...]
    _policy: LifecyclePolicy
    _zone: object
    _rows: array[int]
    _starts: array[int]
    _at: dt.datetime | tuple[dt.datetime, ...]
    _at_us: int | array[int]

    def __init__(self) -> None:
        raise InvalidTypeError(
            "LifecycleBatch",
            None,
            "a batch returned by evaluate_many(), not built directly",
        )

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in LifecycleBatch.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self._histories)

    def _instant(self, i: int) -> tuple[dt.datetime, int]:
        if isinstance(self._at, dt.datetime):
            assert isinstance(self._at_us, int)
            return self._at, self._at_us
        assert not isinstance(self._at_us, int)
        return self._at[i], self._at_us[i]

    def _item(self, i: int) -> TicketLifecycle:
        history = self._histories[i]
        at, at_us = self._instant(i)
        sweep = _engine.sweep(history._tape, at_us, self._policy._program, self._zone)
        row = self._rows[self._starts[i] : self._starts[i + 1]]  # computed: no overflow here
        return _result(history, at, at_us, self._policy, self._zone, sweep, row)

    @overload
    def __getitem__(self, index: int) -> TicketLifecycle: ...

    @overload
    def __getitem__(self, index: slice) -> list[TicketLifecycle]: ...

    def __getitem__(self, index: int | slice) -> TicketLifecycle | list[TicketLifecycle]:
        """The lifecycle of the history at *index* (a list of them for a slice)."""
        n = len(self)
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(n))]
        if not isinstance(index, int) or isinstance(index, bool):
            raise InvalidTypeError("index", index, "an int or a slice")
        if not -n <= index < n:
            shown = index if int.bit_length(index) <= 64 else "beyond 64 bits"
            raise _OutOfRangeError(f"index {shown} out of range for {n} histories")
        return self._item(index % n)

    def __iter__(self) -> Iterator[TicketLifecycle]:
        for i in range(len(self)):
            yield self._item(i)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, LifecycleBatch)
        return bool(self._key() == other._key())

    def _key(self) -> tuple[object, ...]:
        zone = self._zone.key if isinstance(self._zone, ZoneInfo) else self._zone
        each = self._at_us
        if isinstance(each, int):
            each = array("q", [each]) * len(self)
        return (self._policy, zone, self._histories, self._rows, self._starts, each)

    def __repr__(self) -> str:
        return f"<LifecycleBatch: {len(self)} tickets under {self._policy.name}>"

    def ids(
        self, state: ClockState | str, *, clock: Clock | str = Clock.ACKNOWLEDGEMENT
    ) -> tuple[str, ...]:
        """Return the ids of the tickets whose latest *clock* window is in *state*, in order.

        Tickets with no window of that clock are left out; exempt tickets are
        the ones in state ``exempt`` (for any clock). Reads the kept numbers:
        no result object is built.

        Raises:
            UnknownKeyError: an unknown state or clock.
        """
        wanted = _coerce_enum("state", state, ClockState)
        which = _CLOCK_INDEX[_clock(clock)]
        rows, starts = self._rows, self._starts
        width, base = _engine.WIDTH, _engine.HEAD
        out = []
        for i, h in enumerate(self._histories):
            s = starts[i]
            if wanted is ClockState.EXEMPT:
                if rows[s]:
                    out.append(h.id)
                continue
            code = None
            for k in range((starts[i + 1] - s - base) // width):
                w = s + base + k * width
                number = rows[w]  # the window's clock, state and index (engine.key)
                if number & 3 == which:
                    code = number >> 2 & 7
            if code is not None and _STATES[code] is wanted:
                out.append(h.id)
        return tuple(out)


def _many(field: str, value: object, description: str) -> tuple[Any, ...]:
    """The items of a bulk argument: a list or tuple as it is; another iterable, bounded.

    An iterable with no length (a generator) is read up to the library's
    bound on unsized iterables, so an endless one is refused instead of read
    forever; pass a list or a tuple to go beyond it.
    """
    if isinstance(value, list | tuple):
        return tuple(value)
    return _validate.bounded_items(field, value, description)


#: Integers packed into a batch's array at a time.
_CHUNK = 1 << 16
# Packing a list of integers with struct's native "l" (8 bytes where a C long is, as on
# 64-bit Linux and macOS) takes about half the time of array.fromlist, which parses
# each integer as a function argument; the bytes are those of array("q").
_NATIVE_LONG = struct.calcsize("l") == array("q").itemsize


def _pack(into: array[int], numbers: list[int]) -> None:
    """Append *numbers* to the array *into* (of type code ``q``) and empty the list."""
    for k in range(0, len(numbers), _CHUNK):
        part = numbers[k : k + _CHUNK]
        if _NATIVE_LONG:
            into.frombytes(struct.pack(f"{len(part)}l", *part))
        else:
            into.fromlist(part)
    numbers.clear()


def evaluate_many(
    histories: Iterable[TicketHistory],
    at: dt.datetime | Iterable[dt.datetime],
    *,
    policy: LifecyclePolicy,
    zone: str | ZoneInfo | None = None,
) -> LifecycleBatch:
    """Return :func:`evaluate` of every history, in order, for bulk jobs.

    Same rules (the SLA policy's, such as ``zoho.sla.matrix`` and
    ``zoho.sla.weekday_clock``, and the lifecycle policy's own), same code
    path and same values as calling :func:`evaluate` on each history. *at*
    is one instant for all, or an iterable of one instant per history (a
    list or tuple of any length; a generator is read up to a bound, so an
    endless one is refused). Every
    window is computed now; the batch keeps the numbers and builds each
    :class:`TicketLifecycle` when it is read (see :class:`LifecycleBatch`).

    Raises:
        InvalidTypeError: *histories* is not an iterable of
            :class:`TicketHistory`, or *policy* not a :class:`LifecyclePolicy`.
        NaiveDatetimeError: an instant has no zone.
        InvalidValueError: not one instant per history, or an instant before
            its ticket's opening.
    """
    lp = _validate.instance("policy", policy, LifecyclePolicy)
    if isinstance(histories, TicketHistory):
        raise InvalidTypeError("histories", histories, "an iterable of TicketHistory")
    items = _many("histories", histories, "an iterable of TicketHistory")
    z = _zone(zone)
    program = lp._program
    sweep, row = _engine.sweep, _engine.row
    # Rows are appended to a list and packed into the array in chunks (see _pack).
    numbers: list[int] = []
    # Where each history's row starts, packed with the rows into `starts`.
    marks = [0]
    mark = marks.append
    starts = array("q")
    packed = 0
    rows = array("q")
    stamps: dt.datetime | tuple[dt.datetime, ...]
    micros: int | array[int]
    found: list[int] = []
    if isinstance(at, dt.datetime | str | bytes) or not isinstance(at, Iterable):
        stamps = at
        micros = _instant_us(at, "at")
        each: Iterable[int] = (micros for _ in items)
    else:
        stamps = _many("at", at, "an aware datetime, or one per history")
        if len(stamps) != len(items):
            raise InvalidValueError(
                "at", f"{len(stamps)} instants", f"one instant per history ({len(items)} histories)"
            )
        micros = array("q")
        try:  # _instant_us of each, written out
            found = [(a - _EPOCH) // _US for a in stamps]
        except TypeError:  # not an aware datetime: _instant_us says which, as it would
            found = [_instant_us(a, "at") for a in stamps]
        each = found  # packed into `micros` after the loop
    for i, (h, at_us) in enumerate(zip(items, each, strict=False)):
        if not isinstance(h, TicketHistory):
            raise InvalidTypeError("histories", h, "a TicketHistory")
        tape = h._tape
        if at_us < tape.opened:
            raise _before_opening(h, stamps if isinstance(stamps, dt.datetime) else stamps[i])
        try:
            row(sweep(tape, at_us, program, z), at_us, numbers)
        except OverflowError:
            raise _beyond(stamps if isinstance(stamps, dt.datetime) else stamps[i]) from None
        n = len(numbers)
        mark(packed + n)
        if n >= _CHUNK:
            _pack(rows, numbers)
            _pack(starts, marks)
            packed += n
    _pack(rows, numbers)
    if not isinstance(micros, int):
        _pack(micros, found)
    _pack(starts, marks)
    batch = object.__new__(LifecycleBatch)
    init = object.__setattr__
    init(batch, "_histories", items)
    init(batch, "_policy", lp)
    init(batch, "_zone", z)
    init(batch, "_rows", rows)
    init(batch, "_starts", starts)
    init(batch, "_at", stamps)
    init(batch, "_at_us", micros)
    return batch


home("partnerrules.lifecycle", globals())
