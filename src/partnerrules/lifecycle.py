"""SLA lifecycle: every clock of a ticket, recomputed from the ticket's own history.

A :class:`TicketHistory` is the ordered events of one ticket: :class:`Opened`,
:class:`StatusChanged`, :class:`Responded`, :class:`SeverityChanged`,
:class:`LevelChanged`, :class:`PolicyChanged`, :class:`Resolved`,
:class:`Closed`, :class:`Reopened`. A :class:`LifecyclePolicy` is the
programme's data about them: its :class:`~partnerrules.sla.SlaPolicy` (the
acknowledgement and problem-determination windows and the clock, rules
``zoho.sla.matrix`` and ``zoho.sla.weekday_clock`` for Zoho), which statuses
pause which clocks, which responses count, the resolution windows, what a
severity change does to open windows, which clocks restart on reopening,
notifications at fractions of a window and escalation levels at offsets from
a deadline. None of those has a default: the sources give no number for them,
so they are the caller's.

:func:`evaluate` replays the events known at an instant and returns the
state of every window of every clock, with the exact instants a service
schedules (targets, limits, notifications, escalation levels). Nothing is
stored between calls: a pause recorded late, a severity change, a reopening
or a calendar change all come out of the same recomputation, and appending
later events never changes an earlier answer.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.sla import ZOHO
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> policy = LifecyclePolicy(
...     "Acme on Zoho", "acme.support.lifecycle", ZOHO,
...     pausing_statuses={"waiting on customer": ["acknowledgement", "problem determination"]},
...     counted_responses=["public"], resolution={}, on_severity_change="keep elapsed",
...     restart_on_reopen=[], notifications=[], escalations=[])
>>> monday = dt.datetime(2026, 11, 23, 9, tzinfo=sp)
>>> history = TicketHistory([
...     Opened("T-1", monday, severity=1, category="slowness", level="Premium", country="BR"),
...     StatusChanged(monday + dt.timedelta(minutes=30), "waiting on customer"),
...     StatusChanged(monday + dt.timedelta(hours=2), "open")])
>>> ack = evaluate(history, monday + dt.timedelta(hours=3), policy=policy).acknowledgement
>>> ack.state.value, ack.paused, ack.limit_at.time()
('at risk', datetime.timedelta(seconds=5400), datetime.time(13, 30))
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, TypeAlias, TypeVar, overload
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._engine import _STATES, _US, _lengths, _share, _Spec
from partnerrules._lifecycle import engine as _engine
from partnerrules._sla.tickets import _country, _optional_zone
from partnerrules._sla.vocabulary import _category, _coerce_enum, _level, _severity
from partnerrules.calendars import _instant_us
from partnerrules.catalogue import check_rule_id
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
)
from partnerrules.sla import (
    Category,
    ClockState,
    Metric,
    PartnerLevel,
    ResponseWindow,
    Severity,
    SlaPolicy,
    Ticket,
)

__all__ = [
    "Clock",
    "ClockWindow",
    "Closed",
    "Edge",
    "Ending",
    "EscalationLevel",
    "Event",
    "HistoryProblem",
    "InvalidHistoryError",
    "LevelChanged",
    "LifecycleBatch",
    "LifecyclePolicy",
    "Notice",
    "NoticeKind",
    "NoticeState",
    "Notification",
    "Opened",
    "Phase",
    "PolicyChanged",
    "Reopened",
    "Resolved",
    "Responded",
    "SeverityChange",
    "SeverityChanged",
    "StatusChanged",
    "TicketHistory",
    "TicketLifecycle",
    "Visibility",
    "WindowStart",
    "evaluate",
    "evaluate_many",
]

E = TypeVar("E", bound=enum.Enum)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


class Clock(enum.Enum, metaclass=_validate.TypedEnumType):
    """A clock of the ticket's lifecycle.

    ``ACKNOWLEDGEMENT`` runs from the opening to the first counted response;
    ``PROBLEM_DETERMINATION`` is the recurring update clock (each counted
    response starts the next window; rule ``zoho.sla.matrix``);
    ``RESOLUTION`` runs from the opening to the resolution (Zoho's "Tempo de
    resolução", whose windows are the caller's data).
    """

    ACKNOWLEDGEMENT = "acknowledgement"
    PROBLEM_DETERMINATION = "problem determination"
    RESOLUTION = "resolution"


_CLOCKS = tuple(Clock)
_CLOCK_INDEX = {c: i for i, c in enumerate(_CLOCKS)}


class Visibility(enum.Enum, metaclass=_validate.TypedEnumType):
    """Who sees a response: the customer (public) or only the team (internal)."""

    PUBLIC = "public"
    INTERNAL = "internal"


_VISIBILITY_BIT = {Visibility.PUBLIC: _engine.PUBLIC, Visibility.INTERNAL: _engine.INTERNAL}


class SeverityChange(enum.Enum, metaclass=_validate.TypedEnumType):
    """What a change of severity or partner level does to the windows running then.

    ``KEEP_ELAPSED``: each running window keeps the business time it has
    used and is re-targeted to the new severity's lengths (a window already
    past the new limit is breached at the change). ``RESTART``: each running
    window ends at the change and a new window of the same clock starts there
    with the new lengths (the earlier time is discarded; a window already
    past its limit stays on record, breached).
    """

    KEEP_ELAPSED = "keep elapsed"
    RESTART = "restart"


class Phase(enum.Enum, metaclass=_validate.TypedEnumType):
    """Where the ticket is in its life: open, resolved or closed."""

    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


_PHASES = (Phase.OPEN, Phase.RESOLVED, Phase.CLOSED)


class Ending(enum.Enum, metaclass=_validate.TypedEnumType):
    """What ended a window: a counted response, the resolution, the closing or a restart."""

    RESPONSE = "response"
    RESOLUTION = "resolution"
    CLOSING = "closing"
    RESTART = "restart"


_ENDINGS = (Ending.RESPONSE, Ending.RESOLUTION, Ending.CLOSING, Ending.RESTART)


class WindowStart(enum.Enum, metaclass=_validate.TypedEnumType):
    """What started a window."""

    OPENING = "opening"
    RESPONSE = "response"
    REOPENING = "reopening"
    CHANGE = "severity or level change"


_STARTS = (WindowStart.OPENING, WindowStart.RESPONSE, WindowStart.REOPENING, WindowStart.CHANGE)


class Edge(enum.Enum, metaclass=_validate.TypedEnumType):
    """Which deadline of a window an escalation level is measured from."""

    TARGET = "target"
    LIMIT = "limit"


class NoticeKind(enum.Enum, metaclass=_validate.TypedEnumType):
    """A notification (a fraction of a window) or an escalation level (an offset)."""

    NOTIFICATION = "notification"
    ESCALATION = "escalation"


class NoticeState(enum.Enum, metaclass=_validate.TypedEnumType):
    """Where a notice stands at the evaluated instant.

    ``PENDING``: its instant is later; ``FIRED``: its instant came while the
    window ran; ``CANCELLED``: the window ended at or before its instant;
    ``HELD``: an open pause holds the clock before it (no instant yet).
    """

    PENDING = "pending"
    FIRED = "fired"
    CANCELLED = "cancelled"
    HELD = "held"


def _clock(value: object) -> Clock:
    return _coerce_enum("clock", value, Clock)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def _aware(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.aware(attribute.name, value)


def _text(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.text(attribute.name, value)


def _optional_text(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.text(attribute.name, value)


@attrs.frozen
class Opened:
    """The ticket was opened: its id, its instant and what a snapshot ``Ticket`` holds.

    Attributes:
        id: the ticket's identifier.
        at: when it was opened (aware).
        severity: 1, 2 or 3 (rule ``zoho.severity.classify``).
        category: a :class:`~partnerrules.sla.Category` or its value.
        level: the partner's level (``"Premium"``...).
        country: the customer's ISO 3166-1 alpha-2 country.
        subdivision: the subdivision whose holidays apply, if any.
        zone: the customer's IANA zone, if known (see
            :class:`~partnerrules.sla.Ticket`).
    """

    id: str = attrs.field(validator=_text)
    at: dt.datetime = attrs.field(validator=_aware)
    severity: Severity = attrs.field(kw_only=True, converter=_severity)
    category: Category = attrs.field(kw_only=True, converter=_category)
    level: PartnerLevel = attrs.field(kw_only=True, converter=_level)
    country: str = attrs.field(kw_only=True, converter=_country)
    subdivision: str | None = attrs.field(kw_only=True, default=None, validator=_optional_text)
    zone: str | None = attrs.field(kw_only=True, default=None, converter=_optional_zone)
    # The opening as a snapshot Ticket: the SLA engine's plans are built from it.
    _ticket: Ticket = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        snapshot = Ticket(
            self.id,
            self.at,
            severity=self.severity,
            category=self.category,
            level=self.level,
            country=self.country,
            subdivision=self.subdivision,
            zone=self.zone,
        )
        object.__setattr__(self, "_ticket", snapshot)


@attrs.frozen
class StatusChanged:
    """The ticket's status became *status* (the policy says which clocks it pauses)."""

    at: dt.datetime = attrs.field(validator=_aware)
    status: str = attrs.field(validator=_text)


def _visibility(value: object) -> Visibility:
    return _coerce_enum("visibility", value, Visibility)


@attrs.frozen
class Responded:
    """The team responded; ``visibility`` says whether the customer saw it.

    The policy says which responses count (``counted_responses`` of :class:`LifecyclePolicy`).
    """

    at: dt.datetime = attrs.field(validator=_aware)
    visibility: Visibility = attrs.field(
        kw_only=True, default=Visibility.PUBLIC, converter=_visibility
    )


@attrs.frozen
class SeverityChanged:
    """The ticket's severity became *severity* (see :class:`SeverityChange`)."""

    at: dt.datetime = attrs.field(validator=_aware)
    severity: Severity = attrs.field(converter=_severity)


@attrs.frozen
class LevelChanged:
    """The partner's level became *level* (matrices may differ by level)."""

    at: dt.datetime = attrs.field(validator=_aware)
    level: PartnerLevel = attrs.field(converter=_level)


def _optional_aware(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


@attrs.frozen
class PolicyChanged:
    """A new SLA policy (matrix, clock, calendar) is in force from ``effective`` on.

    Recorded at ``at``; ``effective`` (default: ``at``) may be earlier, even
    before the opening (a calendar corrected after the fact), or later (a
    change announced ahead). From its effective instant on it replaces every
    policy recorded before it: of the changes known at an instant, the last
    recorded whose effective instant has come is in force. Open windows keep
    the business time they used; the rest is measured on the new clock with
    the new windows.

    Two laws follow, and the test suite checks both over random histories.
    Once recorded, a change gives what the same change recorded at its
    effective instant gives (recording late loses nothing). A change in force
    from the opening or earlier gives, once recorded, exactly what the
    lifecycle policy with the new SLA policy gives from the start: re-evaluating
    after a calendar correction *is* the evaluation under the corrected
    calendar. Before it is recorded, a change is unknown, and an evaluation at
    an earlier instant is unchanged (history-prefix monotonicity).
    """

    at: dt.datetime = attrs.field(validator=_aware)
    policy: SlaPolicy = attrs.field(validator=_validate.instance_of(SlaPolicy))
    effective: dt.datetime | None = attrs.field(
        kw_only=True, default=None, validator=_optional_aware
    )

    @property
    def in_force_from(self) -> dt.datetime:
        """The instant from which the policy is in force."""
        return self.at if self.effective is None else self.effective


@attrs.frozen
class Resolved:
    """The ticket was resolved: every running window ends here."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen
class Closed:
    """The ticket was closed: every running window ends here (if still open)."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen
class Reopened:
    """The resolved or closed ticket was reopened (see ``LifecyclePolicy.restart_on_reopen``)."""

    at: dt.datetime = attrs.field(validator=_aware)


#: Any event of a ticket's history.
Event: TypeAlias = (
    Opened
    | StatusChanged
    | Responded
    | SeverityChanged
    | LevelChanged
    | PolicyChanged
    | Resolved
    | Closed
    | Reopened
)
_EVENT_TYPES = (
    Opened,
    StatusChanged,
    Responded,
    SeverityChanged,
    LevelChanged,
    PolicyChanged,
    Resolved,
    Closed,
    Reopened,
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


# ---------------------------------------------------------------------------
# The lifecycle policy
# ---------------------------------------------------------------------------


class _FrozenMap(Mapping[Any, Any]):
    """An immutable, hashable mapping (the policy's tables), ordered by key."""

    __slots__ = ("_index", "_items")

    def __init__(self, pairs: Iterable[tuple[Any, Any]]) -> None:
        self._items = tuple(sorted(pairs, key=lambda kv: kv[0]))
        self._index = dict(self._items)

    def __getitem__(self, key: Any) -> Any:
        return self._index[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return self._index == dict(other)

    def __repr__(self) -> str:
        return repr(self._index)


def _clock_set(field: str, value: object) -> frozenset[Clock]:
    items = _validate.items(field, value, "an iterable of clock names")
    return frozenset(_coerce_enum(field, v, Clock) for v in items)


def _pausing(value: object) -> _FrozenMap:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "pausing_statuses", value, "a mapping of status name to the clocks it pauses"
        )
    pairs = []
    for status, clocks in value.items():
        _validate.text("pausing_statuses", status)
        pairs.append((status, _clock_set(f"pausing_statuses[{status!r}]", clocks)))
    return _FrozenMap(pairs)


def _visibilities(value: object) -> frozenset[Visibility]:
    items = _validate.items("counted_responses", value, "an iterable of 'public', 'internal'")
    found = frozenset(_coerce_enum("counted_responses", v, Visibility) for v in items)
    if not found:
        raise InvalidValueError(
            "counted_responses", value, "at least one visibility ('public', 'internal')"
        )
    return found


def _resolution(value: object) -> _FrozenMap:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("resolution", value, "a mapping of severity to ResponseWindow")
    pairs = []
    for sev, window in value.items():
        if isinstance(window, tuple) and len(window) == 2:
            window = ResponseWindow(*window)
        _validate.instance("resolution", window, ResponseWindow)
        pairs.append((_severity(sev), window))
    found = _FrozenMap(pairs)
    if found and set(found) != set(Severity):
        raise InvalidValueError(
            "resolution",
            sorted(int(s) for s in found),
            "a window for every severity (1, 2 and 3), or none at all",
        )
    return found


def _severity_change(value: object) -> SeverityChange:
    return _coerce_enum("on_severity_change", value, SeverityChange)


def _fraction(value: object) -> Decimal:
    share = _validate.fraction("fraction", value)
    if share <= 0:
        raise InvalidValueError("fraction", value, "a fraction in (0, 1]")
    return share


@attrs.frozen
class Notification:
    """A notice when *fraction* of a window's limit is used (``Decimal('0.75')`` is 75 %).

    The instant is exact: the business time of the window's clock, less
    pauses, reaches that share of the limit then.
    """

    clock: Clock = attrs.field(converter=_clock)
    fraction: Decimal = attrs.field(converter=_fraction)

    @property
    def name(self) -> str:
        """``'75% of the acknowledgement limit'``."""
        percent = (self.fraction * 100).normalize()
        return f"{percent:f}% of the {self.clock.value} limit"


def _edge(value: object) -> Edge:
    return _coerce_enum("relative_to", value, Edge)


def _offset(_instance: Any, _attribute: Any, value: Any) -> None:
    _validate.instance("offset", value, dt.timedelta, "a datetime.timedelta (signed)")


def _rule(_instance: Any, attribute: Any, value: Any) -> None:
    check_rule_id(value, field=attribute.name)


def _optional_rule(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        check_rule_id(value, field=attribute.name)


@attrs.frozen
class EscalationLevel:
    """An escalation level at a signed offset of business time from a window's deadline.

    ``offset`` is business time of the window's clock, less pauses:
    ``-timedelta(hours=1)`` is one business hour before the deadline,
    ``timedelta(0)`` the deadline itself, ``timedelta(hours=2)`` two business
    hours after it (an instant before the window's start is its start).
    ``rule_id`` is the rule the level applies (e.g. ``zoho.escalation.eligibility``);
    by default the policy's own.
    """

    name: str = attrs.field(validator=_text)
    clock: Clock = attrs.field(converter=_clock)
    offset: dt.timedelta = attrs.field(validator=_offset)
    relative_to: Edge = attrs.field(kw_only=True, converter=_edge)
    rule_id: str | None = attrs.field(kw_only=True, default=None, validator=_optional_rule)


def _notifications(value: object) -> tuple[Notification, ...]:
    items = _validate.items("notifications", value, "an iterable of Notification")
    for n in items:
        _validate.instance("notifications", n, Notification)
    return items


def _escalations(value: object) -> tuple[EscalationLevel, ...]:
    items = _validate.items("escalations", value, "an iterable of EscalationLevel")
    for e in items:
        _validate.instance("escalations", e, EscalationLevel)
    return items


def _reopen_clocks(value: object) -> frozenset[Clock]:
    return _clock_set("restart_on_reopen", value)


_UNIT_US = {"minutes": 60_000_000, "hours": 3_600_000_000}


def _resolution_spec(window: ResponseWindow) -> _Spec:
    # The engine reads a spec's lengths only (items 2-4); the metric slot is a placeholder.
    if window.limit.unit == "days":
        return Metric.ACKNOWLEDGEMENT, window, window.target.amount, window.limit.amount, True
    unit = _UNIT_US[window.limit.unit]
    return (
        Metric.ACKNOWLEDGEMENT,
        window,
        window.target.amount * unit,
        window.limit.amount * unit,
        False,
    )


@attrs.frozen(cache_hash=True)
class LifecyclePolicy:
    """A programme's lifecycle data: its SLA policy and what its ticket events do to the clocks.

    Every field is the caller's: the sources name the clocks but give no
    resolution time, no notification share, no escalation offset and no list
    of pausing statuses, so nothing here has a default.

    Attributes:
        name: a short name used in reasons.
        rule_id: the caller's rule for the lifecycle conventions (a namespaced
            id such as ``"acme.support.lifecycle"``); reasons about pauses,
            resolution, reopening and notices cite it.
        sla: the SLA policy in force from the opening (acknowledgement and
            problem-determination windows, the clock; rules ``zoho.sla.matrix``
            and ``zoho.sla.weekday_clock`` for :data:`~partnerrules.sla.ZOHO`).
        pausing_statuses: status name to the clocks it pauses (a status not
            listed pauses nothing).
        counted_responses: the visibilities of the responses that count (for
            instance ``{"public"}``, or ``{"public", "internal"}``).
        resolution: severity to resolution window (target, limit), for every
            severity, or empty for no resolution clock.
        on_severity_change: :class:`SeverityChange` applied when the severity
            or the partner level changes.
        restart_on_reopen: the clocks that start a new window when the ticket
            is reopened; the others resume the window the resolution ended,
            keeping its elapsed time (the time spent resolved does not count).
        notifications: :class:`Notification` instants to compute.
        escalations: :class:`EscalationLevel` instants to compute.

    Raises:
        InvalidTypeError: a field of the wrong type.
        InvalidValueError: no counted visibility, resolution windows for some
            severities only, a blank status, a notice on a clock with no windows.
        UnknownKeyError: an unknown clock, visibility or convention.
    """

    name: str = attrs.field(validator=_text)
    rule_id: str = attrs.field(validator=_rule)
    sla: SlaPolicy = attrs.field(validator=_validate.instance_of(SlaPolicy))
    pausing_statuses: Mapping[str, frozenset[Clock]] = attrs.field(kw_only=True, converter=_pausing)
    counted_responses: frozenset[Visibility] = attrs.field(kw_only=True, converter=_visibilities)
    resolution: Mapping[Severity, ResponseWindow] = attrs.field(kw_only=True, converter=_resolution)
    on_severity_change: SeverityChange = attrs.field(kw_only=True, converter=_severity_change)
    restart_on_reopen: frozenset[Clock] = attrs.field(kw_only=True, converter=_reopen_clocks)
    notifications: tuple[Notification, ...] = attrs.field(kw_only=True, converter=_notifications)
    escalations: tuple[EscalationLevel, ...] = attrs.field(kw_only=True, converter=_escalations)
    # The policy compiled for the engine (a cache: not compared or shown).
    _program: _engine.Program = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.resolution:
            notices: tuple[Notification | EscalationLevel, ...] = (
                *self.notifications,
                *self.escalations,
            )
            for notice in notices:
                if notice.clock is Clock.RESOLUTION:
                    raise InvalidValueError(
                        "notifications" if isinstance(notice, Notification) else "escalations",
                        notice,
                        "on a clock the policy has windows for",
                        hint="give resolution windows to notify on the resolution clock",
                    )
        masks = {
            status: sum(1 << _CLOCK_INDEX[c] for c in clocks)
            for status, clocks in self.pausing_statuses.items()
        }
        counted = sum(_VISIBILITY_BIT[v] for v in self.counted_responses)
        reopen = sum(1 << _CLOCK_INDEX[c] for c in self.restart_on_reopen)
        res = (
            {sev: _resolution_spec(w) for sev, w in self.resolution.items()}
            if self.resolution
            else None
        )
        program = _engine.Program(
            self.sla,
            masks,
            counted,
            reopen,
            self.on_severity_change is SeverityChange.RESTART,
            res,
        )
        object.__setattr__(self, "_program", program)

    def pausing(self, clock: object) -> tuple[str, ...]:
        """The statuses that pause *clock*, sorted."""
        wanted = _clock(clock)
        return tuple(s for s, clocks in self.pausing_statuses.items() if wanted in clocks)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


class _Context:
    """What a result needs after the numbers: the sweep, the history and the policy."""

    __slots__ = ("at_us", "history", "now", "policy", "sweep", "zone")

    def __init__(
        self,
        history: TicketHistory,
        policy: LifecyclePolicy,
        zone: object,
        at_us: int,
        sweep: _engine.Sweep,
    ) -> None:
        self.history = history
        self.policy = policy
        self.zone = zone
        self.at_us = at_us
        self.sweep = sweep
        self.now = sweep.plan_at(at_us)

    def out(self, us: int | None) -> dt.datetime | None:
        """The instant *us* as a datetime in the zone of the clock in force (None stays None)."""
        if us is None:
            return None
        if not self.now.exempt:
            made: dt.datetime = self.now.calendar._from_us(us)
            return made
        return (_EPOCH + _US * us).astimezone(self.history.opened.at.tzinfo)

    def rule_of(self, clock: Clock) -> str:
        """The rule a window of *clock* applies: the SLA policy's, or the lifecycle's."""
        if clock is Clock.RESOLUTION:
            return self.policy.rule_id
        rule: str = self.now.policy.rule_id
        return rule


# True while the engine itself builds results (their fields are right by construction); a
# result built by a caller, or changed with attrs.evolve, is checked in full.
_BUILDING: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "partnerrules_lifecycle_building", default=False
)
# Every instant a datetime can hold is within this many µs of the epoch (year 1 is the farthest).
_LIMIT_US = 62_135_596_800_000_000


def _engine_built(result: Any) -> None:
    """Refuse a result built by hand with the wrong kinds of fields (the engine's are right)."""
    if _BUILDING.get():
        return
    if type(result._ctx) is not _Context:
        raise InvalidTypeError(
            "ctx",
            result._ctx,
            "the engine's context: results are built by evaluate() and evaluate_many(), "
            "never by hand",
        )
    _validate.fields_typed(result)
    for field in attrs.fields(type(result)):
        if not field.name.startswith("_") or field.name == "_ctx":
            continue
        value = getattr(result, field.name)
        if value is None and "None" in str(field.type):
            continue
        if type(value) is not int or not -_LIMIT_US < value < _LIMIT_US:
            raise InvalidTypeError(field.name.lstrip("_"), value, "an engine integer")


def _out(ctx: _Context, us: int | None) -> dt.datetime | None:
    return ctx.out(us)


def _held(us: int) -> int | None:
    return None if us == _engine.HELD else us


@attrs.frozen
class Notice:
    """A notification or escalation level of one window, with its exact instant.

    Attributes:
        kind: notification or escalation.
        name: the level's name, or ``'75% of the acknowledgement limit'``.
        clock: the window's clock.
        sequence: the window's sequence among its clock's windows.
        state: pending, fired, cancelled (the window ended first) or held.
        fires_at: when it fires (None while an open pause holds the clock).
        rule_id: the rule it applies.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    kind: NoticeKind
    name: str
    clock: Clock
    sequence: int
    state: NoticeState
    fires_at: dt.datetime | None
    rule_id: str

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why it fires when it does (built on first access)."""
        facts = {
            "name": self.name,
            "clock": self.clock.value,
            "sequence": self.sequence,
            "notice_state": self.state.value,
            "fires_at": self.fires_at,
        }
        if self.fires_at is None:
            why = Reason.of(
                self.rule_id,
                "{name} ({clock} window {sequence}): held by an open pause, no instant yet",
                **facts,
            )
        else:
            why = Reason.of(
                self.rule_id,
                "{name} ({clock} window {sequence}): {notice_state} at {fires_at:EEE d MMM HH:mm}",
                **facts,
            )
        return (why,)


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


# ---------------------------------------------------------------------------
# Building results
# ---------------------------------------------------------------------------


def _in_force(history: TicketHistory, at: dt.datetime) -> tuple[Severity, PartnerLevel]:
    """The severity and partner level in force at *at* (the last change known)."""
    opened = history.opened
    severity, level = opened.severity, opened.level
    for e in history.events:
        if e.at > at:
            break
        if isinstance(e, SeverityChanged):
            severity = e.severity
        elif isinstance(e, LevelChanged):
            level = e.level
    return severity, level


def _result(
    history: TicketHistory,
    at: dt.datetime,
    at_us: int,
    policy: LifecyclePolicy,
    zone: object,
    sweep: _engine.Sweep,
    row: Any,
) -> TicketLifecycle:
    """The :class:`TicketLifecycle` of a sweep and its number row (built by the engine)."""
    token = _BUILDING.set(True)
    try:
        return _result_built(history, at, at_us, policy, zone, sweep, row)
    finally:
        _BUILDING.reset(token)


def _result_built(
    history: TicketHistory,
    at: dt.datetime,
    at_us: int,
    policy: LifecyclePolicy,
    zone: object,
    sweep: _engine.Sweep,
    row: Any,
) -> TicketLifecycle:
    """The :class:`TicketLifecycle` of a sweep and its number row (see ``engine.row``)."""
    ctx = _Context(history, policy, zone, at_us, sweep)
    severity, level = _in_force(history, at)
    now = ctx.now
    exempt = bool(row[0])
    windows = []
    width, base = _engine.WIDTH, _engine.HEAD
    for k in range(row[2]):
        r = row[base + k * width : base + (k + 1) * width]
        windows.append(
            ClockWindow(
                _CLOCKS[r[0]],
                r[1],
                _STATES[r[2]],
                _STARTS[r[6]],
                None if r[5] == _engine.OPEN_END else _ENDINGS[r[5]],
                at,
                r[3],
                _held(r[4]),
                r[7],
                r[8],
                r[9],
                r[10],
                _held(r[11]),
                _held(r[12]),
                ctx,
                r[13],
            )
        )
    return TicketLifecycle(
        history.id,
        at,
        _PHASES[row[1]],
        sweep.status,
        severity,
        level,
        now.policy.name,
        exempt,
        "" if now.exempt else now.zone_name,
        tuple(windows),
        ctx,
    )


def _amount_of_limit(share: Decimal, start: int) -> Any:
    def amount(cal: Any, spec: _Spec) -> int:
        limit = _lengths(cal, spec, start)[1]
        return int((share * limit).to_integral_value(ROUND_HALF_EVEN))

    return amount


def _amount_from_edge(edge: Edge, offset_us: int, start: int) -> Any:
    def amount(cal: Any, spec: _Spec) -> int:
        lengths = _lengths(cal, spec, start)
        total = (lengths[0] if edge is Edge.TARGET else lengths[1]) + offset_us
        return total if total > 0 else 0

    return amount


def _notices(window: ClockWindow) -> tuple[Notice, ...]:
    ctx: _Context = window._ctx
    sweep = ctx.sweep
    clock = _CLOCK_INDEX[window.clock]
    entry = sweep.windows[clock][window._pos]
    pauses = sweep.window_pauses(entry)
    start, end, at_us = window._start_us, window._end_us, ctx.at_us
    policy = ctx.policy
    out = []
    wanted: list[tuple[NoticeKind, str, str, Any]] = []
    for n in policy.notifications:
        if n.clock is window.clock:
            wanted.append(
                (
                    NoticeKind.NOTIFICATION,
                    n.name,
                    policy.rule_id,
                    _amount_of_limit(n.fraction, start),
                )
            )
    for e in policy.escalations:
        if e.clock is window.clock:
            wanted.append(
                (
                    NoticeKind.ESCALATION,
                    e.name,
                    e.rule_id or policy.rule_id,
                    _amount_from_edge(e.relative_to, e.offset // _US, start),
                )
            )
    for kind, name, rule, amount in wanted:
        fires = _engine.reach(sweep, clock, start, pauses, amount)
        if end is not None and (fires is None or end <= fires):
            state = NoticeState.CANCELLED
        elif fires is None:
            state = NoticeState.HELD
        elif fires <= at_us:
            state = NoticeState.FIRED
        else:
            state = NoticeState.PENDING
        out.append(Notice(kind, name, window.clock, window.sequence, state, ctx.out(fires), rule))
    return tuple(out)


def _window_reasons(window: ClockWindow) -> tuple[Reason, ...]:
    ctx: _Context = window._ctx
    policy = ctx.policy
    rule = ctx.rule_of(window.clock)
    facts: dict[str, Any] = {
        "clock": window.clock.value,
        "state": window.state.value,
        "elapsed": window.elapsed,
        "limit": window.limit,
        "used": window.used,
        "target_at": window.target_at,
        "limit_at": window.limit_at,
        "breached_at": window.breached_at,
        "sequence": window.sequence,
    }
    out: list[Reason] = []
    if window.ended_by is not None:
        ended = {"ending": window.ended_by.value, "ended_at": window.ended_at}
        if window.limit_at is None:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: ended by the {ending} at {ended_at:EEE d MMM HH:mm}",
                    **ended,
                    **facts,
                )
            )
        else:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: ended by the {ending} at {ended_at:EEE d MMM HH:mm}, "
                    "limit {limit_at:EEE d MMM HH:mm}",
                    **ended,
                    **facts,
                )
            )
    elif window.limit_at is None:
        if _engine.spec_of(ctx.now, _CLOCK_INDEX[window.clock], ctx.sweep.res) is None:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: {elapsed} of {limit} used ({used:%}); the {policy} policy "
                    "in force has no {clock} window: the clock stands still",
                    policy=ctx.now.policy.name,
                    **facts,
                )
            )
        else:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: {elapsed} of {limit} used ({used:%}); an open pause holds "
                    "the clock, no due time yet",
                    **facts,
                )
            )
    else:
        out.append(
            Reason.of(
                rule,
                "{clock} {state}: {elapsed} of {limit} used ({used:%}), due by "
                "{limit_at:EEE d MMM HH:mm} (at risk after {target_at:EEE d MMM HH:mm})",
                **facts,
            )
        )
    if window.breached_at is not None:
        out.append(Reason.of(rule, "{clock} breached at {breached_at:EEE d MMM HH:mm}", **facts))
    if window.started_by is WindowStart.REOPENING:
        out.append(
            Reason.of(
                policy.rule_id,
                "the {clock} clock started again when the ticket was reopened at "
                "{start:EEE d MMM HH:mm}",
                clock=window.clock.value,
                start=window.start,
            )
        )
    elif window.started_by is WindowStart.CHANGE:
        out.append(
            Reason.of(
                policy.rule_id,
                "the {clock} clock restarted at {start:EEE d MMM HH:mm}: the severity or "
                "level changed and the policy restarts running windows",
                clock=window.clock.value,
                start=window.start,
            )
        )
    entry = ctx.sweep.windows[_CLOCK_INDEX[window.clock]][window._pos]
    for gap_from, gap_to in entry[6] or ():
        out.append(
            Reason.of(
                policy.rule_id,
                "reopened at {to:EEE d MMM HH:mm}: the {clock} window kept its elapsed time; "
                "the time from {since:EEE d MMM HH:mm} while it was resolved did not count",
                clock=window.clock.value,
                since=ctx.out(gap_from),
                to=ctx.out(gap_to),
            )
        )
    if window._paused_us:
        paused = {
            "paused": window.paused,
            "statuses": ", ".join(repr(s) for s in policy.pausing(window.clock)) or "none",
            "clock": window.clock.value,
        }
        if entry[6]:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "{paused} of business time paused: statuses that pause the {clock} clock "
                    "({statuses}) and time spent resolved",
                    **paused,
                )
            )
        else:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "{paused} of business time paused: statuses that pause the {clock} clock "
                    "({statuses})",
                    **paused,
                )
            )
    stop = ctx.at_us if window._end_us is None else window._end_us
    for (begin, plan), kind in zip(ctx.sweep.segs[1:], ctx.sweep.kinds[1:], strict=True):
        if window._start_us < begin <= stop:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "from {since:EEE d MMM HH:mm}: severity {severity}, level {level}, policy "
                    "{policy}; the window kept the business time already used",
                    since=ctx.out(begin),
                    severity=int(plan.severity),
                    level=str(kind[2]),
                    policy=plan.policy.name,
                )
            )
    return tuple(out)


def _word(value: object) -> str:
    """The word of a vocabulary member (its value), or the caller's own word."""
    return value if isinstance(value, str) else str(getattr(value, "value", value))


def _ticket_reasons(result: TicketLifecycle) -> tuple[Reason, ...]:
    ctx: _Context = result._ctx
    policy = ctx.policy
    sweep = ctx.sweep
    now = ctx.now
    out: list[Reason] = []
    if now.exempt:
        out.append(
            Reason.of(
                now.policy.rule_id,
                "{category} tickets are exempt from the {policy} commitment: no clock runs",
                category=_word(ctx.history.opened.category),
                policy=now.policy.name,
            )
        )
    else:
        out.extend(now.clock_reasons())
    if sweep.phase_at is not None:
        out.append(
            Reason.of(
                policy.rule_id,
                "{phase} since {since:EEE d MMM HH:mm}",
                phase=result.phase.value if result.phase is not Phase.OPEN else "reopened",
                since=ctx.out(sweep.phase_at),
            )
        )
    if result.status is not None:
        paused = policy.pausing_statuses.get(result.status, frozenset())
        names = ", ".join(c.value for c in _CLOCKS if c in paused)
        if names:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "status {ticket_status!r}: pauses the {clocks} clocks",
                    ticket_status=result.status,
                    clocks=names,
                )
            )
        else:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "status {ticket_status!r}: no clock paused",
                    ticket_status=result.status,
                )
            )
    if sweep.policies:
        since = max((eff for _, eff, p in sweep.policies if eff <= ctx.at_us), default=None)
        out.append(
            Reason.of(
                policy.rule_id,
                "policy {policy} in force at {at:EEE d MMM HH:mm} ({count} policy changes known)",
                policy=result.policy,
                at=result.at,
                since=ctx.out(since),
                count=len(sweep.policies),
            )
        )
    return tuple(out)


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
        return _result(h, at, at_us, lp, z, sweep, _engine.row(sweep, at_us))
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
            for k in range(rows[s + 2]):
                w = s + base + k * width
                if rows[w] == which:
                    code = rows[w + 2]
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
    rows, starts = array("q"), array("q", [0])
    extend, mark = rows.fromlist, starts.append  # fromlist: one resize per row
    stamps: dt.datetime | tuple[dt.datetime, ...]
    micros: int | array[int]
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
        micros = array("q", [_instant_us(a, "at") for a in stamps])
        each = micros
    for i, (h, at_us) in enumerate(zip(items, each, strict=False)):
        if not isinstance(h, TicketHistory):
            raise InvalidTypeError("histories", h, "a TicketHistory")
        tape = h._tape
        if at_us < tape.opened:
            raise _before_opening(h, stamps if isinstance(stamps, dt.datetime) else stamps[i])
        try:
            extend(row(sweep(tape, at_us, program, z), at_us))
        except OverflowError:
            raise _beyond(stamps if isinstance(stamps, dt.datetime) else stamps[i]) from None
        mark(len(rows))
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
