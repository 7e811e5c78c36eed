"""The lifecycle engine's open-time positions equal its walk on instants.

With one plan in force, ``engine.single`` computes every window in open-time
positions (each instant looked up once, targets and limits kept as positions,
states decided on positions with an instant found only for a tie);
``engine.walked`` computes the same windows with ``engine.window`` on
instants, as the engine did before. Both give the same row, and the
positions read back as the instants the walk found.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import event, given
from hypothesis import strategies as st

from partnerrules._lifecycle import engine
from partnerrules.calendars import BusinessCalendar, _instant_us
from partnerrules.lifecycle import (
    Clock,
    LifecyclePolicy,
    Opened,
    Responded,
    StatusChanged,
    TicketHistory,
)
from partnerrules.sla import APPENDIX_B, ZOHO, ResponseWindow
from partnerrules.testing import strategies as prs

SP = ZoneInfo("America/Sao_Paulo")
MIN = dt.timedelta(minutes=1)
# A calendar with a lunch break and a closure: days of one length, breaks inside them.
TEAM = BusinessCalendar(
    "America/Sao_Paulo",
    {d: [(dt.time(8), dt.time(12)), (dt.time(13), dt.time(17))] for d in range(5)},
    country="BR",
    subdivision="SP",
    closures=[dt.date(2026, 12, 24)],
)
# Saturdays shorter than weekdays: days of different lengths (the walk of _lengths).
UNEVEN = BusinessCalendar(
    "America/Sao_Paulo",
    {
        **{d: [(dt.time(9), dt.time(18))] for d in range(5)},
        5: [(dt.time(9), dt.time(13))],
    },
    country="BR",
)
SLA_POLICIES = [
    ZOHO,
    APPENDIX_B,
    attrs.evolve(ZOHO, name="Acme team", rule_id="acme.sla.matrix", clock=TEAM),
    attrs.evolve(ZOHO, name="Acme uneven", rule_id="acme.sla.matrix", clock=UNEVEN),
]
# Late in the year too, so that targets and limits cross into the next one.
instants = st.datetimes(
    min_value=dt.datetime(2026, 11, 1),
    max_value=dt.datetime(2027, 2, 28),
    timezones=st.just(SP),
).map(lambda d: d.replace(second=0, microsecond=0))


def histories() -> Any:
    return prs.ticket_histories(
        opened_at=instants,
        places=[("BR", (None, "SP"), ("America/Sao_Paulo",))],
        statuses=["waiting on customer", "on hold", "in progress"],
    )


@st.composite
def paused_histories(draw: st.DrawFn) -> TicketHistory:
    """One plan in force, and status changes and responses only: pauses of every shape."""
    opened = draw(instants)
    events: list[Any] = [
        Opened(
            "P",
            opened,
            severity=draw(st.sampled_from([1, 2, 3])),
            category=draw(st.sampled_from(["downtime", "slowness", "how-to"])),
            level=draw(st.sampled_from(["Authorized", "Advanced", "Premium"])),
            country="BR",
        )
    ]
    cur = opened
    # Mostly status changes, a few hours apart: windows meet zero, one or several pauses.
    words = ["waiting on customer", "in progress", "on hold", "in progress", "public"]
    for _ in range(draw(st.integers(1, 10))):
        cur += draw(st.integers(0, 60 * 12)) * MIN
        what = draw(st.sampled_from(words))
        events.append(Responded(cur) if what == "public" else StatusChanged(cur, what))
    return TicketHistory(events)


def policies() -> Any:
    def on_hold(policy: LifecyclePolicy) -> LifecyclePolicy:
        statuses = {**policy.pausing_statuses, "on hold": list(Clock)}
        return attrs.evolve(policy, pausing_statuses=statuses)

    return prs.lifecycle_policies(sla=st.sampled_from(SLA_POLICIES)).map(on_hold)


@given(histories() | paused_histories(), policies(), st.integers(0, 60 * 24 * 40))
def test_positions_equal_the_walk_on_instants(
    history: TicketHistory, policy: LifecyclePolicy, minutes: int
) -> None:
    at = _instant_us(history.opened.at + minutes * MIN)
    sw = engine.sweep(history._tape, at, policy._program, None)
    if len(sw.segs) > 1 or sw.segs[0][1].exempt:
        event("several plans in force, or exempt")
        return  # the positions are for one plan in force (not exempt)
    plan = sw.segs[0][1]
    got: list[int] = []
    engine.single(sw, plan, at, got)
    cal, year = engine.origin(sw)
    walked: list[int] = []
    engine.walked(sw, cal, year.lo, at, walked)
    assert got == walked
    count = (len(got) - engine.HEAD) // engine.WIDTH
    event(f"{count} windows compared")
    # The positions kept read back as the instants window() finds.
    specs = (plan.ack, plan.pd, None if sw.res is None else sw.res[plan.severity])
    for k in range(count):
        row = got[engine.HEAD + k * engine.WIDTH :][: engine.WIDTH]
        clock, _, index = engine.unkey(row[0])
        entry = sw.windows[clock][index]
        spec = specs[clock]
        assert spec is not None
        pauses = sw.window_pauses(entry)
        *_, t_us, l_us = engine.window(cal, spec, entry[2], entry[3], pauses, at)
        assert (engine.instant(sw, row[5]), engine.instant(sw, row[6])) == (t_us, l_us)
        # single() has a path for one pause touching a window, and one for more.
        touching = [p for p in pauses if p[1] is None or p[1] > entry[2]]
        held = " (still paused)" if touching and touching[-1][1] is None else ""
        event(f"a window with {min(len(touching), 2)} pauses touching it{held}")


def _compare(history: TicketHistory, policy: LifecyclePolicy, at: int) -> None:
    sw = engine.sweep(history._tape, at, policy._program, None)
    plan = sw.segs[0][1]
    got: list[int] = []
    engine.single(sw, plan, at, got)
    cal, year = engine.origin(sw)
    walked: list[int] = []
    engine.walked(sw, cal, year.lo, at, walked)
    assert got == walked, at


def test_ties_at_a_closing_are_decided_as_on_instants() -> None:
    """Targets and limits at a closing, read at every half hour: ties of positions included."""
    team = attrs.evolve(ZOHO, name="Acme team", rule_id="acme.sla.matrix", clock=TEAM)
    policy = LifecyclePolicy(
        "ties",
        "acme.support.lifecycle",
        team,
        pausing_statuses={"waiting on customer": list(Clock)},
        counted_responses=["public"],
        resolution={
            1: ResponseWindow((2, "hours"), (4, "hours")),
            2: ResponseWindow((3, "hours"), (9, "hours")),
            3: ResponseWindow((1, "days"), (2, "days")),
        },
        on_severity_change="keep elapsed",
        restart_on_reopen=[],
        notifications=[],
        escalations=[],
    )
    monday = dt.datetime(2026, 6, 1, tzinfo=SP)
    hour = 60 * MIN
    for severity in (1, 2, 3):
        for opened in (monday + 9 * hour, monday + 10 * hour, monday + 15 * hour):
            opening = Opened(
                f"T-{severity}",
                opened,
                severity=severity,
                category="slowness",
                level="Premium",
                country="BR",
            )
            plain = TicketHistory([opening])
            paused = TicketHistory(
                [
                    opening,
                    StatusChanged(opened + hour, "waiting on customer"),
                    StatusChanged(opened + 2 * hour, "open"),
                    Responded(opened + 26 * hour),
                ]
            )
            for history in (plain, paused):
                for step in range(24 * 10 * 2):
                    _compare(history, policy, _instant_us(opened + step * 30 * MIN))


@given(st.integers(0, 2), st.integers(0, 6), st.integers(0, 1 << 40))
def test_a_window_key_holds_its_clock_state_and_index(clock: int, state: int, index: int) -> None:
    """A row's first integer of a window gives back its clock, state and index."""
    assert engine.unkey(engine.key(clock, state, index)) == (clock, state, index)
