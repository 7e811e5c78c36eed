"""SLA lifecycle laws, as hypothesis properties over generated ticket histories.

* the snapshot API is a special case: ``status``/``deadlines`` of a ``Ticket``
  equal ``evaluate`` of the equivalent history;
* history-prefix monotonicity: events after the instant asked change nothing;
* a pause never makes a deadline or a notice earlier;
* a policy (calendar) change recorded late equals the change recorded when it
  took effect; one in force from before the opening equals the new policy
  from the start;
* the bulk call equals the per-ticket call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.calendars import BusinessCalendar
from partnerrules.lifecycle import (
    Clock,
    LevelChanged,
    LifecyclePolicy,
    Notification,
    Opened,
    PolicyChanged,
    Responded,
    SeverityChanged,
    StatusChanged,
    TicketHistory,
    TicketLifecycle,
    evaluate,
    evaluate_many,
)
from partnerrules.sla import (
    APPENDIX_B,
    ZOHO,
    Category,
    ClockState,
    ResponseWindow,
    SlaPolicy,
    Ticket,
    deadlines,
    status,
)
from partnerrules.testing import strategies as prs

SP = ZoneInfo("America/Sao_Paulo")
MIN = dt.timedelta(minutes=1)
WAITING = "waiting on customer"
ON_HOLD = "on hold"
RUNNING = "in progress"

# A caller's calendar (lunch break, a company closure), for policy changes.
TEAM = BusinessCalendar(
    "America/Sao_Paulo",
    {d: [(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))] for d in range(5)},
    country="BR",
    subdivision="SP",
    closures=[dt.date(2026, 12, 24)],
)
TEAM_POLICY = attrs.evolve(ZOHO, name="Acme team", rule_id="acme.sla.matrix", clock=TEAM)
SLA_POLICIES = [ZOHO, APPENDIX_B, TEAM_POLICY]

# Example resolution windows: illustrations, not any source's numbers.
EXAMPLE_RESOLUTION = {
    1: ResponseWindow((1, "days"), (2, "days")),
    2: ResponseWindow((8, "hours"), (24, "hours")),
    3: ResponseWindow((300, "minutes"), (900, "minutes")),
}

instants = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),
    max_value=dt.datetime(2027, 6, 30),
    timezones=st.just(SP),
).map(lambda d: d.replace(second=0, microsecond=0))
categories = st.sampled_from([c.value for c in Category if c is not Category.OTHER])


def snapshot_policy(sla: SlaPolicy) -> LifecyclePolicy:
    """The lifecycle policy under which a history behaves as a snapshot Ticket."""
    return LifecyclePolicy(
        "snapshot",
        "acme.support.lifecycle",
        sla,
        pausing_statuses={WAITING: ["acknowledgement", "problem determination"]},
        counted_responses=["public"],
        resolution={},
        on_severity_change="keep elapsed",
        restart_on_reopen=[],
        notifications=[
            Notification("acknowledgement", "0.8"),
            Notification("problem determination", "0.5"),
        ],
        escalations=[],
    )


def tickets() -> Any:
    """A snapshot ticket (partnerrules.testing's) in São Paulo: responses, pauses, any category."""
    return prs.tickets(
        opened_at=instants, places=[("BR", (None, "SP", "RJ"), ("America/Sao_Paulo",))]
    )


def history_of(ticket: Ticket) -> TicketHistory:
    """The ticket's history, written out here (independently of TicketHistory.from_ticket)."""
    timed: list[tuple[dt.datetime, int, Any]] = []
    for p in ticket.pauses:
        timed.append((p.start, 1, StatusChanged(p.start, WAITING)))
        if p.end is not None:
            timed.append((p.end, 0, StatusChanged(p.end, RUNNING)))
    timed += [(r, 2, Responded(r)) for r in ticket.responses]
    timed.sort(key=lambda x: (x[0], x[1]))
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
    return TicketHistory([opened, *(e for _, _, e in timed)])


def same_window(window: Any, snapshot: Any) -> None:
    assert window.state is snapshot.state
    assert window.start == snapshot.start
    assert window.elapsed == snapshot.elapsed
    assert window.limit == snapshot.limit
    assert window.remaining == snapshot.remaining
    assert window.used == snapshot.used
    assert window.target_at == snapshot.target_at
    assert window.limit_at == snapshot.limit_at
    assert window.ended_at == snapshot.responded_at


@pytest.mark.rule("zoho.sla.matrix")
@given(tickets(), st.integers(0, 60 * 24 * 8), st.sampled_from([ZOHO, APPENDIX_B]),
       st.sampled_from([None, "America/Sao_Paulo", "Asia/Tokyo"]))  # fmt: skip
def test_the_snapshot_status_equals_the_evaluation_of_the_equivalent_history(
    ticket: Ticket, minutes: int, sla: SlaPolicy, zone: str | None
) -> None:
    """zoho.sla.matrix: status(ticket, at) is evaluate(history, at), window by window.

    Also the notices: the instant at a fraction of a window is the snapshot's
    warn_at of that fraction.
    """
    history = history_of(ticket)
    assert history == TicketHistory.from_ticket(ticket, pause_status=WAITING, resume_status=RUNNING)
    policy = snapshot_policy(sla)
    at = ticket.opened_at + minutes * MIN
    snap = status(ticket, at, policy=sla, zone=zone)
    got = evaluate(history, at, policy=policy, zone=zone)
    assert got.exempt is snap.exempt
    if snap.exempt:
        assert got.windows == ()
        return
    acks = got.windows_of("acknowledgement")
    pds = got.windows_of("problem determination")
    assert len(acks) == 1
    assert [w.sequence for w in pds] == [s.sequence - 1 for s in snap.determinations]
    for window, expected in zip((*acks, *pds), snap.windows, strict=True):
        same_window(window, expected)
        fraction = "0.8" if window.clock is Clock.ACKNOWLEDGEMENT else "0.5"
        (notice,) = window.notices
        if window.ended_at is None:
            assert notice.fires_at == expected.warn_at(fraction)
    assert got.zone == (zone or "America/Sao_Paulo")


@pytest.mark.rule("zoho.sla.matrix")
@given(tickets(), st.integers(0, 60 * 24 * 3), st.sampled_from([ZOHO, APPENDIX_B]))
def test_the_snapshot_deadlines_equal_the_evaluation_once_every_event_is_known(
    ticket: Ticket, later: int, sla: SlaPolicy
) -> None:
    """zoho.sla.matrix: deadlines(ticket) is evaluate(history, at) for any at after every event."""
    history = history_of(ticket)
    last = max(e.at for e in history.events)
    got = evaluate(history, last + later * MIN, policy=snapshot_policy(sla))
    book = deadlines(ticket, policy=sla)
    if book.exempt:
        assert got.exempt
        return
    expected = [book.acknowledgement, *book.determinations]
    assert len(got.windows) == len(expected)
    for window, d in zip(got.windows, expected, strict=True):
        assert d is not None
        assert (window.start, window.target_at, window.limit_at, window.ended_at) == (
            d.start,
            d.target_at,
            d.limit_at,
            d.responded_at,
        )


# -- generated histories -----------------------------------------------------

STATUSES = [WAITING, ON_HOLD, RUNNING, "waiting on vendor"]
#: Where the generated tickets are: São Paulo (the team calendar's city).
PLACES = [("BR", (None, "SP"), ("America/Sao_Paulo",))]


def histories(*, policy_changes: bool = True, retroactive: bool = True) -> Any:
    """A valid history (partnerrules.testing's), in São Paulo, with the SLA policies above."""
    return prs.ticket_histories(
        opened_at=instants,
        places=PLACES,
        statuses=STATUSES,
        policies=st.sampled_from(SLA_POLICIES) if policy_changes else None,
        retroactive=retroactive,
    )


def _all_on_hold(policy: LifecyclePolicy) -> LifecyclePolicy:
    """The policy with ON_HOLD pausing every clock (the pause the laws below insert)."""
    statuses = {**policy.pausing_statuses, ON_HOLD: list(Clock)}
    return attrs.evolve(policy, pausing_statuses=statuses)


def lifecycle_policies() -> Any:
    """A lifecycle policy (partnerrules.testing's) over the SLA policies above, in which
    "on hold" pauses every clock."""
    return prs.lifecycle_policies(sla=st.sampled_from(SLA_POLICIES)).map(_all_on_hold)


def same_lifecycle(a: TicketLifecycle, b: TicketLifecycle, *, history_reasons: bool = True) -> None:
    """Equal results, with equal notices and reasons (which take no part in ==).

    The ticket's own reasons mention the policy changes known; *history_reasons*
    False leaves them out (the windows' reasons are still compared).
    """
    assert a == b
    if history_reasons:
        assert a.reasons == b.reasons
    for x, y in zip(a.windows, b.windows, strict=True):
        assert x.notices == y.notices
        assert x.reasons == y.reasons


@given(histories(), lifecycle_policies(), st.integers(0, 60 * 24 * 12))
def test_events_after_the_instant_asked_change_nothing(
    history: TicketHistory, policy: LifecyclePolicy, minutes: int
) -> None:
    """Prefix monotonicity: evaluate(h, at) == evaluate(events up to at, at), in every field."""
    at = history.opened.at + minutes * MIN
    known = history.until(at)
    same_lifecycle(evaluate(history, at, policy=policy), evaluate(known, at, policy=policy))
    later = [e for e in history.events if e.at > at]
    if later:
        same_lifecycle(
            evaluate(known.extended(later), at, policy=policy), evaluate(known, at, policy=policy)
        )


def _pause_inserted(history: TicketHistory, start: dt.datetime, end: dt.datetime) -> TicketHistory:
    """The history with every clock on hold in [start, end), its own statuses kept otherwise."""
    status_at_end = RUNNING
    for e in history.events:
        if isinstance(e, StatusChanged) and e.at <= end:
            status_at_end = e.status
    timed = [(e.at, 1, i, e) for i, e in enumerate(history.events)]
    timed += [
        (start, 2, 0, StatusChanged(start, ON_HOLD)),
        (end, 0, 0, StatusChanged(end, status_at_end)),
    ]
    timed.sort(key=lambda x: (x[0], x[1], x[2]))
    events = [e for *_, e in timed]
    opening = next(i for i, e in enumerate(events) if isinstance(e, Opened))
    events.insert(0, events.pop(opening))  # the opening stays first at a tie
    return TicketHistory(events)


def _later_or_equal(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    """a >= b where None (held by a pause) is later than any instant."""
    return a is None or (b is not None and a >= b)


@given(histories(), lifecycle_policies(), st.integers(0, 60 * 24 * 4),
       st.integers(1, 60 * 24 * 3), st.integers(0, 60 * 24 * 12))  # fmt: skip
def test_a_pause_never_makes_a_deadline_or_a_notice_earlier(
    history: TicketHistory, policy: LifecyclePolicy, offset: int, length: int, minutes: int
) -> None:
    """Putting every clock on hold for a while never brings any instant forward."""
    start = history.opened.at + offset * MIN
    paused = _pause_inserted(history, start, start + length * MIN)
    at = history.opened.at + minutes * MIN
    plain = {(w.clock, w.sequence): w for w in evaluate(history, at, policy=policy).windows}
    for w in evaluate(paused, at, policy=policy).windows:
        before = plain.get((w.clock, w.sequence))
        if before is None:
            continue  # replaced by a restart before its limit in the plain history
        assert w.start == before.start
        assert _later_or_equal(w.target_at, before.target_at)
        assert _later_or_equal(w.limit_at, before.limit_at)
        assert w.elapsed <= before.elapsed
        for n, m in zip(w.notices, before.notices, strict=True):
            assert _later_or_equal(n.fires_at, m.fires_at)


@given(histories(policy_changes=False), lifecycle_policies(), st.sampled_from(SLA_POLICIES),
       st.integers(0, 60 * 24 * 3), st.integers(0, 60 * 24 * 6))  # fmt: skip
def test_a_policy_in_force_from_before_the_opening_is_the_new_policy_from_the_start(
    history: TicketHistory, policy: LifecyclePolicy, new: SlaPolicy, before: int, after: int
) -> None:
    """A calendar change recorded later but effective from before the opening, re-evaluated,

    gives exactly what the new policy gives from the start.
    """
    recorded = max(e.at for e in history.events)
    change = PolicyChanged(recorded, new, effective=history.opened.at - before * MIN)
    at = recorded + after * MIN
    got = evaluate(history.extended([change]), at, policy=policy)
    fresh = evaluate(history, at, policy=attrs.evolve(policy, sla=new))
    same_lifecycle(got, fresh, history_reasons=False)


@given(histories(policy_changes=False), lifecycle_policies(), st.sampled_from(SLA_POLICIES),
       st.integers(0, 60 * 24 * 4), st.integers(0, 60 * 24 * 3), st.integers(0, 60 * 24 * 6))  # fmt: skip
def test_a_policy_change_recorded_late_equals_the_change_recorded_when_it_took_effect(
    history: TicketHistory,
    policy: LifecyclePolicy,
    new: SlaPolicy,
    offset: int,
    delay: int,
    after: int,
) -> None:
    """Recording a change after the fact gives, once recorded, what recording it on time gives.

    And a window that starts at or after the change runs exactly as under the
    new policy from the start.
    """
    effective = history.opened.at + offset * MIN
    recorded = max(effective, *(e.at for e in history.events)) + delay * MIN
    late = history.extended([PolicyChanged(recorded, new, effective=effective)])
    timed = [e for e in history.events if e.at <= effective]
    on_time = TicketHistory(
        [*timed, PolicyChanged(effective, new), *(e for e in history.events if e.at > effective)]
    )
    at = recorded + after * MIN
    got = evaluate(late, at, policy=policy)
    same_lifecycle(got, evaluate(on_time, at, policy=policy))
    fresh = evaluate(history, at, policy=attrs.evolve(policy, sla=new))
    if fresh.exempt or got.exempt:
        return

    # Windows are matched by clock, start and end: their numbers may differ (a policy
    # without problem-determination windows starts none before the change).
    def facts(w: Any) -> tuple[Any, ...]:
        return (w.state, w.elapsed, w.paused, w.target_at, w.limit_at)

    fresh_windows = {(w.clock, w.start, w.ended_at): facts(w) for w in fresh.windows}
    for w in got.windows:
        twin = fresh_windows.get((w.clock, w.start, w.ended_at))
        if twin is not None and w.start >= effective:
            assert facts(w) == twin


@given(histories(retroactive=False), lifecycle_policies(), st.integers(0, 60 * 24 * 3),
       st.integers(0, 60 * 24 * 10))  # fmt: skip
def test_a_breached_window_never_runs_again_later(
    history: TicketHistory, policy: LifecyclePolicy, step: int, span: int
) -> None:
    """Once breached, a window stays breached or is met late, whatever happens after.

    Whatever happens after, that is: a policy change in force from before it
    was recorded re-decides the past on purpose (a corrected calendar may
    show the window was never breached), so the histories here have none.
    """
    seen: dict[tuple[Clock, int], ClockState] = {}
    at = history.opened.at
    end = at + span * MIN
    while at <= end:
        for w in evaluate(history, at, policy=policy).windows:
            key = (w.clock, w.sequence)
            if seen.get(key) is ClockState.BREACHED:
                assert w.state in {ClockState.BREACHED, ClockState.MET_LATE}
            if w.breached_at is not None:
                assert w.limit_at is not None
                assert w.breached_at <= max(at, w.ended_at or at)
            seen[key] = w.state
        at += (step + 97) * MIN


@given(st.lists(histories(), max_size=5), lifecycle_policies(), st.integers(0, 60 * 24 * 6))
def test_the_bulk_evaluation_equals_the_per_ticket_one(
    batch: list[TicketHistory], policy: LifecyclePolicy, minutes: int
) -> None:
    """evaluate_many gives what evaluate gives, in order, one instant or one per history."""
    each = [h.opened.at + minutes * MIN for h in batch]
    got = evaluate_many(batch, each, policy=policy)
    expected = [evaluate(h, a, policy=policy) for h, a in zip(batch, each, strict=True)]
    assert list(got) == expected
    for a, b in zip(got, expected, strict=True):
        same_lifecycle(a, b)
    for state in ClockState:
        for clock in Clock:
            wanted = tuple(
                r.ticket_id
                for r in expected
                if (state is ClockState.EXEMPT and r.exempt)
                or (
                    state is not ClockState.EXEMPT
                    and r.windows_of(clock)
                    and r.windows_of(clock)[-1].state is state
                )
            )
            assert got.ids(state, clock=clock) == wanted
    if batch:
        latest = max(each)
        one = evaluate_many(batch, latest, policy=policy)
        assert list(one) == [evaluate(h, latest, policy=policy) for h in batch]


@given(histories(), lifecycle_policies(), st.integers(0, 60 * 24 * 6))
def test_elapsed_plus_paused_is_the_open_time_of_a_window_on_one_calendar(
    history: TicketHistory, policy: LifecyclePolicy, minutes: int
) -> None:
    """With one plan in force, elapsed + paused = the calendar's open time from start to stop."""
    if any(isinstance(e, SeverityChanged | LevelChanged | PolicyChanged) for e in history.events):
        return
    at = history.opened.at + minutes * MIN
    result = evaluate(history, at, policy=policy)
    if result.exempt:
        return
    plan = policy.sla._plans[(history.opened._ticket._kind, None)]
    for w in result.windows:
        stop = w.ended_at or at
        assert w.elapsed + w.paused == plan.calendar.elapsed(w.start, stop)
        assert w.remaining == w.limit - w.elapsed
        assert w.used == (Decimal(w.elapsed // MIN) / Decimal(w.limit // MIN)).quantize(
            Decimal("0.0001")
        )
