"""Strategies of :mod:`partnerrules.testing.strategies`: lifecycle (private)."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.lifecycle import (
    Clock,
    Closed,
    Edge,
    EscalationLevel,
    Event,
    LevelChanged,
    LifecyclePolicy,
    Notification,
    Opened,
    PolicyChanged,
    Reopened,
    Resolved,
    Responded,
    SeverityChange,
    SeverityChanged,
    StatusChanged,
    TicketHistory,
    Visibility,
)
from partnerrules.sla import (
    Category,
    PartnerLevel,
    Severity,
    SlaPolicy,
)
from partnerrules.testing._strategies._checks import (
    checked,
    count,
    items,
    namespace,
    optional,
    place,
    text,
)
from partnerrules.testing._strategies._commission import rule_ids
from partnerrules.testing._strategies._common import TICKET_PLACES
from partnerrules.testing._strategies._sla import response_windows, sla_policies
from partnerrules.testing._strategies._time import instants


@checked(namespace=optional(namespace))
@st.composite
def lifecycle_policies(
    draw: st.DrawFn,
    *,
    namespace: str | None = None,
    sla: st.SearchStrategy[SlaPolicy] | None = None,
) -> LifecyclePolicy:
    """Draw a caller's :class:`~partnerrules.lifecycle.LifecyclePolicy`.

    A rule id in *namespace* (:func:`rule_ids`), an SLA policy from *sla*
    (:func:`sla_policies` by default), up to three pausing statuses each
    pausing a drawn set of clocks, one or both counted visibilities,
    resolution windows for every severity or none, a severity-change
    convention, the clocks that restart on reopening, and up to three
    notifications and escalation levels (offsets within ten business days
    either side of a deadline; on the resolution clock only when the policy
    has resolution windows). Every number is drawn: the sources give none.
    """
    resolution = draw(
        st.one_of(
            st.just({}),
            st.fixed_dictionaries({severity: response_windows() for severity in Severity}),
        )
    )
    clocks = st.sampled_from([c for c in Clock if resolution or c is not Clock.RESOLUTION])
    fractions = st.integers(1, 100).map(lambda n: Decimal(n) / 100)
    offsets = st.integers(-14_400, 14_400).map(lambda m: dt.timedelta(minutes=m))
    escalation = st.builds(
        EscalationLevel,
        st.sampled_from(("team lead", "partner-support manager", "director")),
        clocks,
        offsets,
        relative_to=st.sampled_from(Edge),
        rule_id=st.none() | rule_ids(namespace=namespace),
    )
    return LifecyclePolicy(
        draw(st.sampled_from(("Acme support", "Team desk"))),
        draw(rule_ids(namespace=namespace)),
        draw(sla if sla is not None else sla_policies(namespace=namespace)),
        pausing_statuses=draw(
            st.dictionaries(
                st.sampled_from(("waiting on customer", "on hold", "pending vendor")),
                st.frozensets(st.sampled_from(Clock)),
                max_size=3,
            )
        ),
        counted_responses=draw(st.frozensets(st.sampled_from(Visibility), min_size=1)),
        resolution=resolution,
        on_severity_change=draw(st.sampled_from(SeverityChange)),
        restart_on_reopen=draw(st.frozensets(st.sampled_from(Clock))),
        notifications=draw(st.lists(st.builds(Notification, clocks, fractions), max_size=3)),
        escalations=draw(st.lists(escalation, max_size=3)),
    )


#: The statuses :func:`ticket_histories` draws by default (a caller's words).
HISTORY_STATUSES: Final = ("waiting on customer", "on hold", "in progress", "waiting on vendor")

#: What happens next in a drawn history, with its weight (statuses and public responses
#: twice as often as the rest).
_ACTIONS: Final = (
    "status",
    "status",
    "public",
    "public",
    "internal",
    "severity",
    "level",
    "resolve",
    "close",
    "reopen",
    "policy",
)


@checked(
    places=optional(items("a sequence of places like TICKET_PLACES", place)),
    statuses=optional(items("a sequence of statuses (non-blank str)", text)),
    max_events=count(0),
)
@st.composite
def ticket_histories(
    draw: st.DrawFn,
    *,
    opened_at: st.SearchStrategy[dt.datetime] | None = None,
    places: Sequence[tuple[str, tuple[str | None, ...], tuple[str, ...]]] | None = None,
    statuses: Sequence[str] | None = None,
    policies: st.SearchStrategy[SlaPolicy] | None = None,
    retroactive: bool = True,
    max_events: int = 9,
) -> TicketHistory:
    """Draw a valid :class:`~partnerrules.lifecycle.TicketHistory`.

    An opening (any severity and partner level, a category other than
    ``other``, a customer placed by *places*, :data:`TICKET_PLACES` by
    default, opened at an instant of *opened_at*, by default :func:`instants`
    in the place's zone), then up to *max_events* events zero to thirty hours
    apart, in time order: status changes (to one of *statuses*,
    :data:`HISTORY_STATUSES` by default), public and internal responses,
    severity and level changes, resolutions, closings and reopenings in an
    order the history accepts, and, when *policies* is given, policy changes
    to one of its SLA policies, in force from up to a day before they are
    recorded (with *retroactive*) or from when they are recorded.
    """
    chosen = tuple(TICKET_PLACES if places is None else places)
    words = tuple(HISTORY_STATUSES if statuses is None else statuses)
    country, subdivisions, zone_names = draw(st.sampled_from(chosen))
    local = ZoneInfo(draw(st.sampled_from(zone_names)))
    opened = draw(opened_at if opened_at is not None else instants(timezones=st.just(local)))
    events: list[Event] = [
        Opened(
            "H",
            opened,
            severity=draw(st.sampled_from(Severity)),
            category=draw(st.sampled_from([c for c in Category if c is not Category.OTHER])),
            level=draw(st.sampled_from(PartnerLevel)),
            country=country,
            subdivision=draw(st.sampled_from(subdivisions)),
        )
    ]
    actions = _ACTIONS if policies is not None else tuple(a for a in _ACTIONS if a != "policy")
    phase, cur = "open", opened
    for _ in range(draw(st.integers(0, max_events))):
        cur += draw(st.integers(0, 60 * 30)) * dt.timedelta(minutes=1)
        action = draw(st.sampled_from(actions))
        if phase == "closed" and action not in {"reopen", "status", "policy"}:
            action = "reopen"
        if action == "status":
            events.append(StatusChanged(cur, draw(st.sampled_from(words))))
        elif action in {"public", "internal"}:
            events.append(Responded(cur, visibility=action))
        elif action == "severity":
            events.append(SeverityChanged(cur, draw(st.sampled_from(Severity))))
        elif action == "level":
            events.append(LevelChanged(cur, draw(st.sampled_from(PartnerLevel))))
        elif action == "policy":
            assert policies is not None
            back = draw(st.integers(-60 * 24, 60 * 24 * 3 if retroactive else 0))
            effective = cur - back * dt.timedelta(minutes=1)
            events.append(PolicyChanged(cur, draw(policies), effective=effective))
        elif action == "reopen" and phase != "open":
            events.append(Reopened(cur))
            phase = "open"
        elif action == "close" and phase != "closed":
            events.append(Closed(cur))
            phase = "closed"
        elif phase == "open":
            events.append(Resolved(cur))
            phase = "resolved"
    return TicketHistory(events)


home("partnerrules.testing.strategies", globals())
