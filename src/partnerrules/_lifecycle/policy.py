"""The lifecycle policy and its parts.

Pausing statuses, counted responses, resolution windows, notifications and
escalation levels.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._engine import _Spec
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.events import _text
from partnerrules._lifecycle.vocabulary import (
    _CLOCK_INDEX,
    _VISIBILITY_BIT,
    Clock,
    Edge,
    SeverityChange,
    Visibility,
    _clock,
)
from partnerrules._public import home
from partnerrules._sla.vocabulary import _coerce_enum, _severity
from partnerrules.catalogue import check_rule_id
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
)
from partnerrules.sla import (
    Metric,
    ResponseWindow,
    Severity,
    SlaPolicy,
)

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


home("partnerrules.lifecycle", globals())
