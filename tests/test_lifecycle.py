"""SLA lifecycle from a ticket's history: worked examples, conventions and bad input.

Every number of a lifecycle policy below (resolution windows, notification
shares, escalation offsets, pausing statuses) is an example of caller data,
not a number from any source.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules.calendars import BusinessCalendar
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.lifecycle import (
    Clock,
    Closed,
    Edge,
    Ending,
    EscalationLevel,
    HistoryProblem,
    InvalidHistoryError,
    LevelChanged,
    LifecycleBatch,
    LifecyclePolicy,
    NoticeKind,
    NoticeState,
    Notification,
    Opened,
    Phase,
    PolicyChanged,
    Reopened,
    Resolved,
    Responded,
    SeverityChange,
    SeverityChanged,
    StatusChanged,
    TicketHistory,
    Visibility,
    WindowStart,
    evaluate,
    evaluate_many,
)
from partnerrules.sla import APPENDIX_B, ZOHO, ClockState, Pause, ResponseWindow, Ticket, status

SP = ZoneInfo("America/Sao_Paulo")
H = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)
WAITING = "waiting on customer"


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SP)  # type: ignore[misc]


MONDAY_9 = at(2026, 11, 23, 9)
FRIDAY_20 = at(2026, 11, 27, 20)

#: Example resolution windows (the caller's data; no source gives one).
RESOLUTION = {
    1: ResponseWindow((4, "hours"), (8, "hours")),
    2: ResponseWindow((1, "days"), (2, "days")),
    3: ResponseWindow((3, "days"), (5, "days")),
}


def policy(**changes: Any) -> LifecyclePolicy:
    """An example lifecycle policy on Zoho's SLA policy; keyword arguments replace fields."""
    fields: dict[str, Any] = {
        "pausing_statuses": {WAITING: list(Clock)},
        "counted_responses": ["public"],
        "resolution": RESOLUTION,
        "on_severity_change": "keep elapsed",
        "restart_on_reopen": [],
        "notifications": [],
        "escalations": [],
    }
    fields.update(changes)
    return LifecyclePolicy("Acme on Zoho", "acme.support.lifecycle", ZOHO, **fields)


def opened(when: dt.datetime = MONDAY_9, **kw: Any) -> Opened:
    fields: dict[str, Any] = {
        "severity": 1,
        "category": "slowness",
        "level": "Premium",
        "country": "BR",
    }
    fields.update(kw)
    return Opened("T-1", when, **fields)


def history(*events: Any, first: Opened | None = None) -> TicketHistory:
    return TicketHistory([first or opened(), *events])


# -- pauses, responses, windows ------------------------------------------------


@pytest.mark.rule("zoho.sla.matrix")
def test_a_waiting_status_pauses_exactly_the_clocks_the_policy_names() -> None:
    """Waiting on the customer pauses resolution here, not acknowledgement (the policy says)."""
    h = history(StatusChanged(MONDAY_9 + H, WAITING), StatusChanged(MONDAY_9 + 3 * H, "open"))
    only_resolution = policy(pausing_statuses={WAITING: ["resolution"]})
    now = evaluate(h, MONDAY_9 + 4 * H, policy=only_resolution)
    ack, resolution = now.acknowledgement, now.resolution
    assert ack is not None
    assert resolution is not None
    assert (ack.state, ack.elapsed, ack.paused) == (ClockState.BREACHED, 4 * H, dt.timedelta(0))
    assert ack.limit_at == MONDAY_9 + 3 * H
    assert ack.breached_at == MONDAY_9 + 3 * H
    assert (resolution.state, resolution.elapsed, resolution.paused) == (
        ClockState.RUNNING,
        2 * H,
        2 * H,
    )
    assert resolution.target_at == MONDAY_9 + 6 * H
    assert resolution.limit_at == MONDAY_9 + 10 * H
    assert now.status == "open"
    during = evaluate(h, MONDAY_9 + 2 * H, policy=only_resolution)
    assert during.resolution is not None
    assert during.resolution.state is ClockState.PAUSED
    assert during.resolution.limit_at is None  # held: the pause is still open then
    assert during.status == WAITING
    assert "paused: statuses that pause the resolution clock ('waiting on customer')" in str(
        now.resolution.reasons[-1]  # type: ignore[union-attr]
    )


@pytest.mark.rule("zoho.sla.matrix")
def test_only_the_responses_the_policy_counts_answer_a_window() -> None:
    """An internal note answers nothing when only public responses count (Zammad #1322, #5177)."""
    h = history(Responded(MONDAY_9 + 30 * MIN, visibility="internal"), Responded(MONDAY_9 + 2 * H))
    public = evaluate(h, MONDAY_9 + 5 * H, policy=policy())
    assert public.acknowledgement is not None
    assert public.acknowledgement.ended_at == MONDAY_9 + 2 * H
    assert public.acknowledgement.state is ClockState.MET
    assert public.acknowledgement.ended_by is Ending.RESPONSE
    both = evaluate(h, MONDAY_9 + 5 * H, policy=policy(counted_responses=["public", "internal"]))
    assert both.acknowledgement is not None
    assert both.acknowledgement.ended_at == MONDAY_9 + 30 * MIN
    assert [w.start for w in both.windows_of("problem determination")] == [
        MONDAY_9 + 30 * MIN,
        MONDAY_9 + 2 * H,
    ]


@pytest.mark.rule("zoho.sla.matrix")
def test_each_counted_response_starts_the_next_update_window() -> None:
    """zoho.sla.matrix: problem determination recurs: each response starts the next window."""
    h = history(Responded(MONDAY_9 + H), Responded(MONDAY_9 + 6 * H))
    now = evaluate(h, MONDAY_9 + 7 * H, policy=policy())
    first, second = now.windows_of(Clock.PROBLEM_DETERMINATION)
    assert (first.sequence, first.start, first.ended_at, first.state) == (
        0,
        MONDAY_9 + H,
        MONDAY_9 + 6 * H,
        ClockState.MET,
    )
    assert (second.sequence, second.start, second.ended_at) == (1, MONDAY_9 + 6 * H, None)
    assert second.started_by is WindowStart.RESPONSE
    assert second.limit_at == MONDAY_9 + 14 * H  # severity 1: 2-8 hours
    assert now.problem_determination == second


@pytest.mark.rule("zoho.sla.matrix")
def test_the_resolution_ends_every_running_window_as_a_response_would() -> None:
    """Resolving without a response meets the acknowledgement late, once past its limit."""
    h = history(Resolved(MONDAY_9 + 5 * H))
    now = evaluate(h, MONDAY_9 + 6 * H, policy=policy())
    assert now.phase is Phase.RESOLVED
    ack, resolution = now.acknowledgement, now.resolution
    assert ack is not None
    assert resolution is not None
    assert (ack.state, ack.ended_by, ack.ended_at) == (
        ClockState.MET_LATE,
        Ending.RESOLUTION,
        MONDAY_9 + 5 * H,
    )
    assert ack.breached_at == MONDAY_9 + 3 * H
    assert (resolution.state, resolution.elapsed) == (ClockState.MET, 5 * H)
    assert now.breaches == (ack,)


# -- severity changes -------------------------------------------------------------


@pytest.mark.rule("zoho.sla.matrix")
def test_keep_elapsed_re_targets_running_windows_to_the_new_severity() -> None:
    """A raised severity keeps the time used: a window already past the new limit breaches then."""
    h = history(SeverityChanged(MONDAY_9 + 12 * H, 1), first=opened(severity=3, category="how-to"))
    now = evaluate(h, MONDAY_9 + 13 * H, policy=policy())
    ack, resolution = now.acknowledgement, now.resolution
    assert ack is not None
    assert resolution is not None
    assert now.severity == 1
    assert (ack.state, ack.elapsed, ack.limit) == (ClockState.BREACHED, 13 * H, 3 * H)
    assert ack.breached_at == MONDAY_9 + 12 * H  # the change: 12 h used, 3 h allowed
    assert resolution.limit_at == MONDAY_9 + 12 * H
    before = evaluate(h, MONDAY_9 + 11 * H, policy=policy())
    assert before.acknowledgement is not None
    assert before.acknowledgement.limit_at == MONDAY_9 + 24 * H  # severity 3: 16-24 hours
    assert before.severity == 3
    lowered = history(SeverityChanged(MONDAY_9 + H, 3))
    later = evaluate(lowered, MONDAY_9 + 2 * H, policy=policy()).acknowledgement
    assert later is not None
    assert (later.state, later.limit_at) == (ClockState.RUNNING, MONDAY_9 + 24 * H)
    assert any("kept the business time already used" in str(r) for r in later.reasons)


@pytest.mark.rule("zoho.sla.matrix")
def test_restart_starts_running_windows_anew_and_keeps_a_breach_on_record() -> None:
    """Restart: a window replaced before its limit disappears; one already breached stays."""
    restart = policy(on_severity_change="restart")
    raised = history(
        SeverityChanged(MONDAY_9 + 12 * H, 1), first=opened(severity=3, category="how-to")
    )
    now = evaluate(raised, MONDAY_9 + 13 * H + 30 * MIN, policy=restart)
    (ack,) = now.windows_of("acknowledgement")
    assert (ack.sequence, ack.start, ack.started_by) == (1, MONDAY_9 + 12 * H, WindowStart.CHANGE)
    assert (ack.state, ack.limit_at) == (ClockState.AT_RISK, MONDAY_9 + 15 * H)
    lowered = history(SeverityChanged(MONDAY_9 + 4 * H, 2))
    now = evaluate(lowered, MONDAY_9 + 5 * H, policy=restart)
    old, new = now.windows_of("acknowledgement")
    assert (old.state, old.ended_by, old.breached_at) == (
        ClockState.BREACHED,
        Ending.RESTART,
        MONDAY_9 + 3 * H,
    )
    assert (new.start, new.limit_at) == (MONDAY_9 + 4 * H, MONDAY_9 + 16 * H)


def test_a_severity_set_to_the_one_in_force_restarts_nothing() -> None:
    """Restart applies to a change: the same severity again leaves the windows running."""
    h = history(SeverityChanged(MONDAY_9 + H, 1))
    (ack,) = evaluate(h, MONDAY_9 + 2 * H, policy=policy(on_severity_change="restart")).windows_of(
        "acknowledgement"
    )
    assert (ack.sequence, ack.start, ack.limit_at) == (0, MONDAY_9, MONDAY_9 + 3 * H)


@pytest.mark.rule("zoho.sla.matrix")
def test_a_level_change_follows_the_same_convention() -> None:
    """A matrix may differ by level; a level change re-targets like a severity change."""
    premium_only = attrs.evolve(
        ZOHO,
        matrix=attrs.evolve(
            ZOHO.matrix,
            cells=(
                *ZOHO.matrix.cells,
                attrs.evolve(
                    ZOHO.matrix.cells[0],
                    level="Premium",
                    window=ResponseWindow((30, "minutes"), (60, "minutes")),
                ),
            ),
        ),
    )
    h = history(LevelChanged(MONDAY_9 + 2 * H, "Premium"), first=opened(level="Advanced"))
    now = evaluate(h, MONDAY_9 + 150 * MIN, policy=attrs.evolve(policy(), sla=premium_only))
    assert now.level.value == "Premium"
    assert now.acknowledgement is not None
    assert now.acknowledgement.breached_at == MONDAY_9 + 2 * H


# -- reopening ---------------------------------------------------------------------


@pytest.mark.rule("zoho.sla.matrix")
def test_reopening_restarts_or_resumes_each_clock_as_the_policy_says() -> None:
    """Reopened: the acknowledgement restarts; resolution resumes, the resolved time not counted."""
    h = history(
        Responded(MONDAY_9 + H),
        Resolved(MONDAY_9 + 6 * H),
        Reopened(MONDAY_9 + 24 * H),
        first=opened(severity=2, category="incorrect results"),
    )
    p = policy(restart_on_reopen=["acknowledgement"])
    now = evaluate(h, MONDAY_9 + 26 * H, policy=p)
    assert now.phase is Phase.OPEN
    first, again = now.windows_of("acknowledgement")
    assert first.ended_by is Ending.RESPONSE
    assert (again.start, again.started_by, again.limit_at) == (
        MONDAY_9 + 24 * H,
        WindowStart.REOPENING,
        MONDAY_9 + 36 * H,  # severity 2: 6-12 hours
    )
    (resolution,) = now.windows_of("resolution")
    assert (resolution.elapsed, resolution.paused) == (8 * H, 18 * H)
    assert resolution.limit_at == MONDAY_9 + 48 * H + 18 * H  # 2 days of 24 h, + 18 h resolved
    assert any("did not count" in str(r) for r in resolution.reasons)
    while_resolved = evaluate(h, MONDAY_9 + 10 * H, policy=p)
    assert while_resolved.resolution is not None
    assert while_resolved.resolution.state is ClockState.MET
    restarted = evaluate(h, MONDAY_9 + 26 * H, policy=policy(restart_on_reopen=["resolution"]))
    old, new = restarted.windows_of("resolution")
    assert (old.state, new.start, new.limit_at) == (
        ClockState.MET,
        MONDAY_9 + 24 * H,
        MONDAY_9 + 72 * H,
    )
    assert len(restarted.windows_of("acknowledgement")) == 1


@pytest.mark.rule("zoho.sla.matrix")
def test_a_closed_ticket_reopened_counts_from_the_resolution_not_the_closing() -> None:
    """Resolved, closed, reopened: the resumed windows skip the whole time since the resolution."""
    h = history(Resolved(MONDAY_9 + 2 * H), Closed(MONDAY_9 + 3 * H), Reopened(MONDAY_9 + 4 * H))
    now = evaluate(h, MONDAY_9 + 5 * H, policy=policy())
    assert now.resolution is not None
    assert (now.resolution.elapsed, now.resolution.paused) == (3 * H, 2 * H)
    closed = evaluate(h, MONDAY_9 + 3 * H, policy=policy())
    assert closed.phase is Phase.CLOSED
    assert "closed since Mon 23 Nov 12:00" in {str(r) for r in closed.reasons}


# -- notices -------------------------------------------------------------------------


@pytest.mark.rule("zoho.escalation.eligibility")
def test_notifications_and_escalation_levels_fall_on_business_time() -> None:
    """Friday 20:00, severity 2 on the 24x5 clock: every notice falls on Monday, not the weekend."""
    p = policy(
        notifications=[Notification("acknowledgement", "0.5")],
        escalations=[
            EscalationLevel("lead", "acknowledgement", -H, relative_to="limit"),
            EscalationLevel(
                "manager",
                "acknowledgement",
                dt.timedelta(0),
                relative_to="limit",
                rule_id="zoho.escalation.eligibility",
            ),
            EscalationLevel("director", "acknowledgement", 2 * H, relative_to="limit"),
            EscalationLevel("early", "acknowledgement", -10 * H, relative_to="target"),
        ],
    )
    h = history(first=opened(FRIDAY_20, severity=2, category="incorrect results"))
    now = evaluate(h, FRIDAY_20 + 10 * H, policy=p)
    monday = at(2026, 11, 30)
    ack = now.acknowledgement
    assert ack is not None
    assert ack.limit_at == monday + 8 * H  # 4 h on Friday, 8 h on Monday
    fires = {n.name: (n.kind, n.state, n.fires_at) for n in ack.notices}
    assert fires == {
        "50% of the acknowledgement limit": (
            NoticeKind.NOTIFICATION,
            NoticeState.PENDING,
            monday + 2 * H,
        ),
        "lead": (NoticeKind.ESCALATION, NoticeState.PENDING, monday + 7 * H),
        "manager": (NoticeKind.ESCALATION, NoticeState.PENDING, monday + 8 * H),
        "director": (NoticeKind.ESCALATION, NoticeState.PENDING, monday + 10 * H),
        "early": (NoticeKind.ESCALATION, NoticeState.FIRED, FRIDAY_20),  # before the start
    }
    assert [n.name for n in now.schedule] == ["50% of the acknowledgement limit", "lead",
                                              "manager", "director"]  # fmt: skip
    assert {n.rule_id for n in ack.notices} == {
        "acme.support.lifecycle",
        "zoho.escalation.eligibility",
    }
    answered = evaluate(h.extended([Responded(monday + 7 * H)]), monday + 9 * H, policy=p)
    assert answered.acknowledgement is not None
    states = {n.name: n.state for n in answered.acknowledgement.notices}
    assert states["50% of the acknowledgement limit"] is NoticeState.FIRED
    assert states["lead"] is NoticeState.CANCELLED  # the response came at its instant
    assert states["director"] is NoticeState.CANCELLED
    assert "lead (acknowledgement window 0): cancelled at Mon 30 Nov 07:00" in str(
        next(n for n in answered.acknowledgement.notices if n.name == "lead").reasons[0]
    )


def test_an_open_pause_holds_every_notice_of_its_clocks() -> None:
    """While the customer is awaited, no instant is promised: the notices are held."""
    p = policy(notifications=[Notification("resolution", "0.75")])
    h = history(StatusChanged(MONDAY_9 + H, WAITING))
    now = evaluate(h, MONDAY_9 + 2 * H, policy=p)
    assert now.resolution is not None
    (notice,) = now.resolution.notices
    assert (notice.state, notice.fires_at) == (NoticeState.HELD, None)
    assert now.schedule == ()
    assert "held by an open pause" in str(notice.reasons[0])


# -- policy and calendar changes ------------------------------------------------


TEAM = BusinessCalendar(
    "America/Sao_Paulo",
    {d: [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(18))] for d in range(5)},
)


@pytest.mark.rule("zoho.sla.matrix")
def test_a_calendar_fixed_after_the_fact_recomputes_the_open_ticket() -> None:
    """A policy change recorded later but in force from before the opening: the new policy throughout.

    The Zammad #2949 chore (recompute every open ticket after a calendar edit)
    is a re-evaluation.
    """
    team = attrs.evolve(ZOHO, clock=TEAM)
    h = history(Responded(MONDAY_9 + 30 * MIN))
    fixed = h.extended([PolicyChanged(MONDAY_9 + 4 * H, team, effective=MONDAY_9 - 24 * H)])
    now = evaluate(fixed, MONDAY_9 + 5 * H, policy=policy())
    from_start = evaluate(h, MONDAY_9 + 5 * H, policy=attrs.evolve(policy(), sla=team))
    assert now == from_start
    assert now.resolution is not None
    assert now.resolution.elapsed == 4 * H  # 09:00-12:00 and 13:00-14:00 on the team calendar
    before = evaluate(fixed, MONDAY_9 + 3 * H, policy=policy())
    assert before.resolution is not None
    assert before.resolution.elapsed == 3 * H  # the fix was not known yet


@pytest.mark.rule("appb.first_response.one_business_day")
def test_a_policy_change_keeps_the_time_already_used_and_measures_the_rest_on_its_clock() -> None:
    """Zoho 24x5 until noon, then Appendix B: 3 h used; 6 more support hours give Monday 18:00."""
    h = history(
        PolicyChanged(MONDAY_9 + 3 * H, APPENDIX_B),
        first=opened(severity=2, category="incorrect results", subdivision="SP"),
    )
    now = evaluate(h, MONDAY_9 + 4 * H, policy=policy(resolution={}))
    assert now.policy == "Appendix B"
    ack = now.acknowledgement
    assert ack is not None
    assert (ack.elapsed, ack.limit, ack.limit_at) == (4 * H, 9 * H, MONDAY_9 + 9 * H)
    assert now.problem_determination is None
    assert now.zone == "America/Sao_Paulo"


# -- the snapshot API as a special case ----------------------------------------


@pytest.mark.rule("zoho.sla.matrix")
def test_a_snapshot_ticket_and_its_history_give_the_same_windows() -> None:
    """zoho.sla.matrix: the seed example through both APIs (Saturday downtime, 24x7 clock)."""
    saturday = at(2026, 11, 21, 10)
    ticket = Ticket(
        "Z-1",
        saturday,
        severity=1,
        category="downtime",
        level="Premium",
        country="BR",
        pauses=[Pause(saturday + H, saturday + 2 * H)],
        responses=[saturday + 4 * H],
    )
    h = TicketHistory.from_ticket(ticket, pause_status=WAITING, resume_status="open")
    assert [type(e).__name__ for e in h.events] == [
        "Opened",
        "StatusChanged",
        "StatusChanged",
        "Responded",
    ]
    p = attrs.evolve(policy(resolution={}), pausing_statuses={WAITING: ["acknowledgement"]})
    now = evaluate(h, saturday + 5 * H, policy=p)
    snap = status(ticket, saturday + 5 * H)
    assert now.acknowledgement is not None
    assert now.acknowledgement.limit_at == snap.acknowledgement.limit_at == saturday + 4 * H
    assert now.acknowledgement.state is snap.acknowledgement.state is ClockState.MET


# -- results -------------------------------------------------------------------------


def test_results_read_in_the_zone_of_the_clock_and_compare_by_value() -> None:
    """Instants read as datetimes in the clock's zone; the same history in UTC compares equal."""
    h = history(Responded(MONDAY_9 + H))
    in_utc = history(
        Responded(MONDAY_9 + H), first=opened(MONDAY_9.astimezone(dt.UTC), zone="America/Sao_Paulo")
    )
    a = evaluate(h, MONDAY_9 + 2 * H, policy=policy())
    b = evaluate(in_utc, (MONDAY_9 + 2 * H).astimezone(dt.UTC), policy=policy())
    assert a.windows == b.windows
    assert a.acknowledgement is not None
    assert a.acknowledgement.start.tzinfo is SP
    assert a.acknowledgement.used == Decimal("0.3333")
    assert a.acknowledgement.remaining == 2 * H
    assert "start=datetime.datetime(2026, 11, 23, 9, 0" in repr(a.acknowledgement)
    assert "_us" not in repr(a)
    assert hash(h) == hash(history(Responded(MONDAY_9 + H)))
    assert pickle.loads(pickle.dumps(h)) == h


def test_the_reasons_cite_the_sla_rule_and_the_lifecycle_rule() -> None:
    h = history(StatusChanged(MONDAY_9 + H, WAITING), StatusChanged(MONDAY_9 + 2 * H, "open"))
    now = evaluate(h, MONDAY_9 + 150 * MIN, policy=policy())
    assert now.acknowledgement is not None
    assert now.resolution is not None
    assert {r.rule_id for r in now.acknowledgement.reasons} == {
        "zoho.sla.matrix",
        "acme.support.lifecycle",
    }
    assert now.resolution.reasons[0].rule_id == "acme.support.lifecycle"
    assert [r.rule_id for r in now.reasons] == ["zoho.sla.weekday_clock", "acme.support.lifecycle"]
    assert str(now.acknowledgement.reasons[0]) == (
        "acknowledgement at risk: 1 h 30 min of 3 h used (50%), due by Mon 23 Nov 13:00 "
        "(at risk after Mon 23 Nov 10:00)"
    )


def test_an_exempt_category_has_no_window() -> None:
    h = history(first=opened(category="feature request"))
    now = evaluate(h, MONDAY_9 + H, policy=policy())
    assert now.exempt
    assert now.windows == ()
    assert now.acknowledgement is None
    assert now.zone == ""
    assert "exempt from the Zoho commitment" in str(now.reasons[0])


# -- histories -----------------------------------------------------------------------


def test_a_history_lists_every_problem_at_once() -> None:
    """One InvalidHistoryError names every problem, with the position of each event."""
    events = [
        StatusChanged(MONDAY_9, "open"),
        opened(),
        Reopened(MONDAY_9 + H),
        Resolved(MONDAY_9 + 2 * H),
        Resolved(MONDAY_9 + 3 * H),
        Closed(MONDAY_9 + 4 * H),
        Closed(MONDAY_9 + 4 * H),
        Responded(MONDAY_9 + 5 * H),
        SeverityChanged(MONDAY_9 + 5 * H, 2),
        Responded(MONDAY_9 - H),
        "a note",
    ]
    with pytest.raises(InvalidHistoryError) as caught:
        TicketHistory(events)
    problems = caught.value.problems
    assert [p.index for p in problems] == [0, 1, 2, 4, 6, 7, 8, 9, 9, 9, 10]
    assert all(isinstance(p, HistoryProblem) for p in problems)
    text = str(caught.value)
    assert text.startswith(
        "'events' must be a valid ticket history (got 11 events with 11 problems)"
    )
    for fragment in [
        "events[0]: StatusChanged at 2026-11-23T09:00:00-03:00 must be the Opened event",
        "events[1]: Opened at 2026-11-23T09:00:00-03:00 must be the first event",
        "events[2]: Reopened at 2026-11-23T10:00:00-03:00 reopens a ticket that is open",
        "events[4]: Resolved at 2026-11-23T12:00:00-03:00 resolves a ticket that is already resolved",
        "events[6]: Closed at 2026-11-23T13:00:00-03:00 closes a ticket that is already closed",
        "events[7]: Responded at 2026-11-23T14:00:00-03:00 is after the closing at",
        "events[9]: Responded at 2026-11-23T08:00:00-03:00 is before the opening",
        "is earlier than the event before it",
        "events[10]: must be an event (Opened, StatusChanged, ",
    ]:
        assert fragment in text
    assert isinstance(caught.value, InvalidValueError)
    assert isinstance(caught.value, PartnerRulesError)
    assert caught.value.field == "events"
    with pytest.raises(InvalidHistoryError, match=r"starts with an Opened event \(got no events\)"):
        TicketHistory([])


def test_a_history_is_known_up_to_an_instant_and_extended_with_later_events() -> None:
    h = history(Responded(MONDAY_9 + H), Resolved(MONDAY_9 + 2 * H))
    assert h.until(MONDAY_9 + H).events == h.events[:2]
    assert h.until(MONDAY_9 + H).extended(h.events[2:]) == h
    assert h.id == "T-1"
    assert h.opened.severity == 1
    with pytest.raises(InvalidHistoryError, match="is after the closing"):
        h.extended([Closed(MONDAY_9 + 3 * H), Responded(MONDAY_9 + 4 * H)])
    with pytest.raises(InvalidHistoryError, match="no events"):
        h.until(MONDAY_9 - H)


# -- bulk ----------------------------------------------------------------------------


def test_a_batch_is_an_immutable_sequence_that_builds_results_on_read() -> None:
    hs = [history(Responded(MONDAY_9 + k * H)) for k in range(1, 5)]
    batch = evaluate_many(hs, MONDAY_9 + 3 * H, policy=policy())
    assert isinstance(batch, LifecycleBatch)
    assert repr(batch) == "<LifecycleBatch: 4 tickets under Acme on Zoho>"
    assert len(batch) == 4
    assert batch[-1] == evaluate(hs[-1], MONDAY_9 + 3 * H, policy=policy())
    assert batch[1:3] == [evaluate(h, MONDAY_9 + 3 * H, policy=policy()) for h in hs[1:3]]
    assert batch.ids("met") == ("T-1",) * 3  # the response at 12:00 counts at 12:00
    assert batch.ids(ClockState.AT_RISK) == ("T-1",)
    assert batch.ids("running", clock="problem determination") == ("T-1",) * 3
    assert batch.ids("exempt") == ()
    assert batch == evaluate_many(hs, [MONDAY_9 + 3 * H] * 4, policy=policy())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        batch._rows = batch._rows  # type: ignore[misc]
    with pytest.raises(TypeError, match="unhashable"):
        hash(batch)
    with pytest.raises(InvalidTypeError, match="returned by evaluate_many"):
        LifecycleBatch()
    with pytest.raises(IndexError):
        batch[4]
    assert copy.copy(batch) == batch
    assert pickle.loads(pickle.dumps(batch)) == batch


# -- bad input -------------------------------------------------------------------------

NAIVE = dt.datetime(2026, 11, 23, 9)
GOOD = history()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: opened(NAIVE), NaiveDatetimeError, r"'at' must be an aware datetime.*attach a zone"),
        (lambda: StatusChanged(MONDAY_9, ""), InvalidValueError, r"'status' must be a non-empty string"),
        (lambda: StatusChanged(NAIVE, "open"), NaiveDatetimeError, r"'at' must be an aware"),
        (lambda: Responded(MONDAY_9, visibility="secret"), UnknownKeyError,
         r"unknown visibility 'secret'.*'internal', 'public'"),
        (lambda: SeverityChanged(MONDAY_9, 4), UnknownKeyError, r"unknown severity 4"),
        (lambda: LevelChanged(MONDAY_9, "Gold"), UnknownKeyError, r"unknown level 'Gold'"),
        (lambda: PolicyChanged(MONDAY_9, "Zoho"), InvalidTypeError, r"'policy' must be a SlaPolicy"),  # type: ignore[arg-type]
        (lambda: PolicyChanged(MONDAY_9, ZOHO, effective=NAIVE), NaiveDatetimeError,
         r"'effective' must be an aware"),
        (lambda: TicketHistory("events"), InvalidTypeError, r"'events' must be an iterable"),  # type: ignore[arg-type]
        (lambda: policy(resolution={1: RESOLUTION[1]}), InvalidValueError,
         r"'resolution' must be a window for every severity \(1, 2 and 3\), or none at all \(got \[1\]\)"),
        (lambda: policy(resolution={1: "8 hours", 2: RESOLUTION[2], 3: RESOLUTION[3]}), InvalidTypeError,
         r"'resolution' must be a ResponseWindow"),
        (lambda: policy(counted_responses=[]), InvalidValueError,
         r"'counted_responses' must be at least one visibility"),
        (lambda: policy(counted_responses="public"), InvalidTypeError, r"'counted_responses' must be an iterable"),
        (lambda: policy(pausing_statuses={WAITING: ["lunch"]}), UnknownKeyError,
         r"unknown pausing_statuses\['waiting on customer'\] 'lunch'"),
        (lambda: policy(pausing_statuses=[WAITING]), InvalidTypeError,
         r"'pausing_statuses' must be a mapping of status name to the clocks it pauses"),
        (lambda: policy(on_severity_change="forget"), UnknownKeyError,
         r"unknown on_severity_change 'forget'.*'keep elapsed', 'restart'"),
        (lambda: policy(restart_on_reopen=["everything"]), UnknownKeyError, r"unknown restart_on_reopen"),
        (lambda: Notification("acknowledgement", 0.5), InvalidTypeError, r"'fraction' must be a str.*never a float"),
        (lambda: Notification("acknowledgement", "0"), InvalidValueError, r"'fraction' must be a fraction in \(0, 1\]"),
        (lambda: Notification("acknowledgement", "1.5"), InvalidValueError, r"'fraction' must be a fraction in \[0, 1\]"),
        (lambda: Notification("uptime", "0.5"), UnknownKeyError, r"unknown clock 'uptime'"),
        (lambda: EscalationLevel("boss", "acknowledgement", 60, relative_to="limit"), InvalidTypeError,  # type: ignore[arg-type]
         r"'offset' must be a datetime.timedelta"),
        (lambda: EscalationLevel("boss", "acknowledgement", H, relative_to="deadline"), UnknownKeyError,
         r"unknown relative_to 'deadline'"),
        (lambda: EscalationLevel("boss", "acknowledgement", H, relative_to="limit", rule_id="zoho.escalate"),
         UnknownKeyError, r"unknown rule_id 'zoho.escalate'"),
        (lambda: policy(resolution={}, notifications=[Notification("resolution", "0.5")]), InvalidValueError,
         r"'notifications' must be on a clock the policy has windows for.*give resolution windows"),
        (lambda: LifecyclePolicy("x", "Acme", ZOHO, pausing_statuses={}, counted_responses=["public"],
                                 resolution={}, on_severity_change="restart", restart_on_reopen=[],
                                 notifications=[], escalations=[]),
         InvalidValueError, r"'rule_id' must be a dotted lower-case id"),
        (lambda: LifecyclePolicy("x", None, ZOHO, pausing_statuses={}, counted_responses=["public"],  # type: ignore[arg-type]
                                 resolution={}, on_severity_change="restart", restart_on_reopen=[],
                                 notifications=[], escalations=[]),
         InvalidTypeError, r"'rule_id' must be a str"),
        (lambda: evaluate("T-1", MONDAY_9, policy=policy()), InvalidTypeError, r"'history' must be a TicketHistory"),  # type: ignore[arg-type]
        (lambda: evaluate(GOOD, MONDAY_9, policy=ZOHO), InvalidTypeError, r"'policy' must be a LifecyclePolicy"),  # type: ignore[arg-type]
        (lambda: evaluate(GOOD, NAIVE, policy=policy()), NaiveDatetimeError, r"'at' must be an aware"),
        (lambda: evaluate(GOOD, MONDAY_9 - H, policy=policy()), InvalidValueError,
         r"'at' must be at or after the opening 2026-11-23T09:00:00-03:00"),
        (lambda: evaluate(GOOD, MONDAY_9, policy=policy(), zone=3), InvalidTypeError,  # type: ignore[arg-type]
         r"'zone' must be an IANA zone name or a ZoneInfo"),
        (lambda: evaluate(GOOD, MONDAY_9, policy=policy(), zone="Mars/Olympus"), UnknownKeyError,
         r"unknown zone 'Mars/Olympus'"),
        (lambda: evaluate_many(GOOD, MONDAY_9, policy=policy()), InvalidTypeError,  # type: ignore[arg-type]
         r"'histories' must be an iterable of TicketHistory"),
        (lambda: evaluate_many([GOOD, "x"], MONDAY_9, policy=policy()), InvalidTypeError,  # type: ignore[list-item]
         r"'histories' must be a TicketHistory"),
        (lambda: evaluate_many([GOOD], [MONDAY_9, MONDAY_9], policy=policy()), InvalidValueError,
         r"'at' must be one instant per history \(1 histories\)"),
        (lambda: evaluate_many([GOOD], MONDAY_9 - H, policy=policy()), InvalidValueError,
         r"'at' must be at or after the opening"),
        (lambda: evaluate_many([GOOD], MONDAY_9, policy=policy()).ids("late"), UnknownKeyError,
         r"unknown state 'late'"),
        (lambda: evaluate_many([GOOD], MONDAY_9, policy=policy())["0"], InvalidTypeError,  # type: ignore[call-overload]
         r"'index' must be an int or a slice"),
        (lambda: evaluate(GOOD, MONDAY_9, policy=policy()).windows_of("uptime"), UnknownKeyError,
         r"unknown clock 'uptime'"),
        (lambda: TicketHistory.from_ticket(GOOD, pause_status="w", resume_status="o"), InvalidTypeError,  # type: ignore[arg-type]
         r"'ticket' must be a Ticket"),
        (lambda: TicketHistory.from_ticket(Ticket("T", MONDAY_9, severity=1, category="slowness",
                                                  level="Premium", country="BR"),
                                           pause_status="w", resume_status="w"),
         InvalidValueError, r"'resume_status' must be not the pause_status"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_typed_error_naming_the_field(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_the_vocabulary_reads_values_and_names() -> None:
    assert Visibility("internal") is Visibility.INTERNAL
    assert SeverityChange("keep elapsed") is SeverityChange.KEEP_ELAPSED
    assert Edge("target") is Edge.TARGET
    assert Notification("problem determination", "0.75").name == (
        "75% of the problem determination limit"
    )
    assert policy().pausing(Clock.RESOLUTION) == (WAITING,)
    assert policy() == policy()
    assert hash(policy()) == hash(policy())
    assert policy().resolution[2] == RESOLUTION[2]
