"""Ticket histories: ordered events, their problems and the engine's tape.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.events import (
    _EVENT_TYPES,
    Closed,
    Event,
    LevelChanged,
    Opened,
    PolicyChanged,
    Reopened,
    Resolved,
    Responded,
    SeverityChanged,
    StatusChanged,
    _text,
)
from partnerrules._lifecycle.vocabulary import _VISIBILITY_BIT, Phase
from partnerrules._public import home
from partnerrules.calendars import _instant_us
from partnerrules.errors import (
    InvalidValueError,
)
from partnerrules.sla import (
    Ticket,
)

# ---------------------------------------------------------------------------
# Histories
# ---------------------------------------------------------------------------


def _index(field: str, value: object) -> int:
    return _validate.integer_in(field, value, 0, _validate.MAX_ITEMS)


@attrs.frozen
class HistoryProblem:
    """One problem of a history: the position of the event and what is wrong."""

    index: int = attrs.field(validator=_validate.attrs_validator(_index))
    message: str = attrs.field(validator=_text)

    def __str__(self) -> str:
        return f"events[{self.index}]: {self.message}"


class InvalidHistoryError(InvalidValueError):
    """A ticket history that is not valid as a whole, with every problem listed.

    Attributes:
        problems: every :class:`HistoryProblem`, in the order of the events.
        field: ``'events'``.
        value: the events given.
    """

    def __init__(self, problems: Iterable[HistoryProblem], events: Iterable[object]) -> None:
        self.problems = _validate.items("problems", problems, "an iterable of HistoryProblem")
        for p in self.problems:
            _validate.instance("problems", p, HistoryProblem)
        events = _validate.items("events", events, "the events of the history")
        listed = "; ".join(str(p) for p in self.problems)
        super().__init__("events", events, "a valid ticket history", hint=listed)
        count = len(self.problems)
        self.args = (
            f"'events' must be a valid ticket history (got {len(events)} events with "
            f"{count} problem{'s' if count != 1 else ''}): {listed}",
        )


def _describe(event: object) -> str:
    at = getattr(event, "at", None)
    when = at.isoformat() if isinstance(at, dt.datetime) else "?"
    return f"{type(event).__name__} at {when}"


def _problems(events: tuple[object, ...]) -> list[HistoryProblem]:
    """Every problem of a history, in the order of the events (empty when valid)."""
    out: list[HistoryProblem] = []
    if not events:
        return [HistoryProblem(0, "a history starts with an Opened event (got no events)")]
    opened: dt.datetime | None = None
    previous: dt.datetime | None = None
    phase = Phase.OPEN
    closed_at: dt.datetime | None = None
    for i, e in enumerate(events):
        if not isinstance(e, _EVENT_TYPES):
            kinds = ", ".join(t.__name__ for t in _EVENT_TYPES)
            out.append(HistoryProblem(i, f"must be an event ({kinds}); got {type(e).__name__}"))
            continue
        what = _describe(e)
        if i == 0 and not isinstance(e, Opened):
            out.append(HistoryProblem(0, f"{what} must be the Opened event that starts it"))
        elif i > 0 and isinstance(e, Opened):
            out.append(
                HistoryProblem(i, f"{what} must be the first event (one Opened per history)")
            )
        if opened is None and isinstance(e, Opened):
            opened = e.at
        if opened is not None and e.at < opened:
            out.append(HistoryProblem(i, f"{what} is before the opening at {opened.isoformat()}"))
        if previous is not None and e.at < previous:
            out.append(
                HistoryProblem(
                    i,
                    f"{what} is earlier than the event before it ({previous.isoformat()}): "
                    "give the events in the order they happened",
                )
            )
        previous = e.at if previous is None or e.at > previous else previous
        after = f"after the closing at {closed_at.isoformat()}" if closed_at else ""
        if isinstance(e, Responded | SeverityChanged | LevelChanged) and phase is Phase.CLOSED:
            out.append(HistoryProblem(i, f"{what} is {after} (reopen the ticket first)"))
        elif isinstance(e, Resolved):
            if phase is not Phase.OPEN:
                out.append(
                    HistoryProblem(i, f"{what} resolves a ticket that is already {phase.value}")
                )
            phase = Phase.RESOLVED if phase is Phase.OPEN else phase
        elif isinstance(e, Closed):
            if phase is Phase.CLOSED:
                out.append(HistoryProblem(i, f"{what} closes a ticket that is already closed"))
            phase, closed_at = Phase.CLOSED, e.at
        elif isinstance(e, Reopened):
            if phase is Phase.OPEN:
                out.append(HistoryProblem(i, f"{what} reopens a ticket that is open"))
            phase, closed_at = Phase.OPEN, None
    return out


def _tape(events: tuple[Event, ...]) -> _engine.Tape:
    """Compile a valid history into the engine's integer tape."""
    first = events[0]
    assert isinstance(first, Opened)
    ticket = first._ticket
    kind = ticket._kind
    tape: list[tuple[int, int, Any]] = []
    for e in events:
        us = _instant_us(e.at)
        if isinstance(e, Opened):
            tape.append((_engine.OPENED, us, None))
        elif isinstance(e, StatusChanged):
            tape.append((_engine.STATUS, us, e.status))
        elif isinstance(e, Responded):
            tape.append((_engine.RESPONDED, us, _VISIBILITY_BIT[e.visibility]))
        elif isinstance(e, SeverityChanged):
            kind = _engine.variant(kind, e.severity.value, kind[2])
            tape.append((_engine.SEVERITY, us, kind))
        elif isinstance(e, LevelChanged):
            kind = _engine.variant(kind, kind[1], e.level.value)
            tape.append((_engine.LEVEL, us, kind))
        elif isinstance(e, PolicyChanged):
            tape.append((_engine.POLICY, us, (_instant_us(e.in_force_from), e.policy)))
        elif isinstance(e, Resolved):
            tape.append((_engine.RESOLVED, us, None))
        elif isinstance(e, Closed):
            tape.append((_engine.CLOSED, us, None))
        else:
            tape.append((_engine.REOPENED, us, None))
    return _engine.Tape(ticket, tuple(tape))


def _events(value: object) -> tuple[Any, ...]:
    return _validate.items("events", value, "an iterable of lifecycle events (Opened first)")


@attrs.frozen
class TicketHistory:
    """One ticket's events, in the order they happened, validated as a whole.

    The first event is the :class:`Opened` one; no event comes before it or
    out of order; a closed ticket takes no response, resolution or severity
    or level change until it is reopened; only a resolved or closed ticket is
    reopened, and a ticket is resolved or closed once per opening. Each event
    checks its own fields when it is built (an instant without a zone is a
    :class:`~partnerrules.errors.NaiveDatetimeError` naming the field); the
    history checks them together and raises one
    :class:`InvalidHistoryError` listing every problem.

    >>> import datetime as dt
    >>> t, hour = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC), dt.timedelta(hours=1)
    >>> opened = Opened("T-1", t, severity=1, category="slowness", level="Premium",
    ...                 country="BR")
    >>> try:
    ...     TicketHistory([opened, Closed(t + hour), Responded(t + 2 * hour), Resolved(t)])
    ... except InvalidHistoryError as error:
    ...     for problem in error.problems:
    ...         print(problem)
    events[2]: Responded at 2026-11-23T11:00:00+00:00 is after the closing at ... (reopen ...)
    events[3]: Resolved at 2026-11-23T09:00:00+00:00 is earlier than the event before it ...
    events[3]: Resolved at 2026-11-23T09:00:00+00:00 resolves a ticket that is already closed

    Raises:
        InvalidHistoryError: the events are not a valid history (every problem listed).
        InvalidTypeError: *events* is not an iterable.
    """

    events: tuple[Event, ...] = attrs.field(converter=_events)
    # The events compiled for the engine, once (a cache: not compared or shown).
    _tape: _engine.Tape = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = _problems(self.events)
        if problems:
            raise InvalidHistoryError(problems, self.events)
        object.__setattr__(self, "_tape", _tape(self.events))

    @property
    def opened(self) -> Opened:
        """The :class:`Opened` event."""
        first = self.events[0]
        assert isinstance(first, Opened)
        return first

    @property
    def id(self) -> str:
        """The ticket's id."""
        return self.opened.id

    def until(self, at: dt.datetime) -> TicketHistory:
        """Return the history as known at *at*: the events at or before it.

        Raises:
            NaiveDatetimeError: *at* has no zone.
            InvalidHistoryError: *at* is before the opening (no event is known).
        """
        _validate.aware("at", at)
        return TicketHistory(e for e in self.events if e.at <= at)

    def extended(self, events: Iterable[Event]) -> TicketHistory:
        """Return the history with *events* appended, validated again as a whole.

        Raises:
            InvalidHistoryError: the longer history is not valid (every problem listed).
            InvalidTypeError: *events* is not an iterable.
        """
        more = _validate.items("events", events, "an iterable of lifecycle events")
        return TicketHistory((*self.events, *more))

    @classmethod
    def from_ticket(cls, ticket: Ticket, *, pause_status: str, resume_status: str) -> TicketHistory:
        """Return the history of a snapshot :class:`~partnerrules.sla.Ticket`.

        Each pause becomes a :class:`StatusChanged` to *pause_status* at its
        start and to *resume_status* at its end; each response a public
        :class:`Responded`. Under a :class:`LifecyclePolicy` whose
        *pause_status* pauses the acknowledgement and problem-determination
        clocks, :func:`evaluate` of this history gives the windows that
        :func:`partnerrules.sla.status` gives of the ticket (rule
        ``zoho.sla.matrix``: the snapshot API is a special case).

        Raises:
            InvalidTypeError: *ticket* is not a Ticket.
            InvalidValueError: a blank status, or the same status twice.
        """
        _validate.instance("ticket", ticket, Ticket)
        _validate.text("pause_status", pause_status)
        _validate.text("resume_status", resume_status)
        if pause_status == resume_status:
            raise InvalidValueError("resume_status", resume_status, "not the pause_status")
        timed: list[tuple[dt.datetime, int, Event]] = []
        for p in ticket.pauses:
            timed.append((p.start, 1, StatusChanged(p.start, pause_status)))
            if p.end is not None:
                timed.append((p.end, 0, StatusChanged(p.end, resume_status)))
        timed += [(r, 2, Responded(r)) for r in ticket.responses]
        timed.sort(key=lambda item: (_instant_us(item[0]), item[1]))
        opened = Opened(
            ticket.id,
            ticket.opened_at,
            severity=ticket.severity,
            category=ticket.category,
            level=ticket.level,
            country=ticket.country,
            subdivision=ticket.subdivision,
            zone=ticket.zone,
        )
        return cls([opened, *(e for _, _, e in timed)])


home("partnerrules.lifecycle", globals())
