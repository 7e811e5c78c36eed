"""SLAs of any programme: caller calendars, windows in minutes, days, local zones, own rule ids.

Rules appb.support.hours, appb.first_response.one_business_day, zoho.sla.matrix,
zoho.sla.weekday_clock and zoho.escalation.eligibility, plus the open catalogue.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.calendars import BusinessCalendar, support_hours_calendar, weekday_clock
from partnerrules.catalogue import check_rule_id
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.sla import (
    APPENDIX_B,
    ZOHO,
    BusinessSpan,
    ClockKind,
    ClockState,
    EscalationGround,
    MatrixCell,
    ResponseWindow,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
    check_escalation,
    deadlines,
    status,
)

LISBON = ZoneInfo("Europe/Lisbon")
UTC = dt.UTC
H = dt.timedelta(hours=1)


def appb_ticket(opened: dt.datetime, country: str, **extra: object) -> Ticket:
    fields: dict[str, object] = {"level": "Premium", **extra}
    return Ticket("T-1", opened, severity=3, category="how-to", country=country, **fields)  # type: ignore[arg-type]


# -- Appendix B runs on the customer's local time ------------------------------------------------


@pytest.mark.rule("appb.support.hours")
def test_a_lisbon_ticket_is_due_in_lisbon_not_on_the_regions_berlin_clock() -> None:
    """appb.support.hours: opened Mon 17:30 in Lisbon, due Tue 17:30 Lisbon (was 17:00 Lisbon)."""
    t = appb_ticket(dt.datetime(2026, 11, 23, 17, 30, tzinfo=LISBON), "PT")
    due = deadlines(t, policy=APPENDIX_B)
    assert due.zone == "Europe/Lisbon"
    assert due.acknowledgement is not None
    assert due.acknowledgement.limit_at == dt.datetime(2026, 11, 24, 17, 30, tzinfo=LISBON)
    assert "(Europe/Lisbon)" in str(due.acknowledgement.reasons[0])


@pytest.mark.rule("appb.support.hours")
@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("PT", "Europe/Lisbon"),  # UK & EU region, default zone Berlin
        ("GB", "Europe/London"),
        ("IE", "Europe/Dublin"),
        ("JP", "Asia/Tokyo"),  # APAC & Japan region, default zone Singapore
        ("AU", "Australia/Sydney"),
        ("US", "America/New_York"),
        ("BR", "America/Sao_Paulo"),
        ("IN", "Asia/Kolkata"),
        ("MX", "America/Mexico_City"),
    ],
)
def test_appendix_b_uses_the_countrys_own_zone_when_the_ticket_gives_none(
    country: str, zone: str
) -> None:
    """appb.support.hours: a UTC-stamped ticket runs on its country's zone, never the region's."""
    local = ZoneInfo(zone)
    opened_local = dt.datetime(2026, 11, 17, 10, 0, tzinfo=local)  # a Tuesday, 10:00 local
    t = appb_ticket(opened_local.astimezone(UTC), country)
    due = deadlines(t, policy=APPENDIX_B)
    assert due.zone == zone
    assert due.acknowledgement is not None
    limit = due.acknowledgement.limit_at
    # One business day of the country's own 09:00-18:00 calendar, in its own zone: 10:00 local
    # on the next open day (later than Wednesday where a local holiday closes a day).
    assert limit == support_hours_calendar(country, zone=zone).add_business_days(opened_local, 1)
    assert limit is not None
    assert limit.astimezone(local).time() == dt.time(10, 0)
    assert f"({zone})" in str(due.acknowledgement.reasons[0])


@pytest.mark.rule("appb.support.hours")
def test_the_zone_a_ticket_states_wins_over_the_zone_of_its_opening() -> None:
    """appb.support.hours: Ticket.zone, then the opening's zone, then the country's."""
    opened = dt.datetime(2026, 11, 23, 17, 30, tzinfo=LISBON)
    t = appb_ticket(opened, "PT", zone="Atlantic/Azores")
    assert deadlines(t, policy=APPENDIX_B).zone == "Atlantic/Azores"
    assert deadlines(t, policy=APPENDIX_B, zone="Europe/Madrid").zone == "Europe/Madrid"


@pytest.mark.rule("appb.support.hours")
def test_a_country_with_several_zones_and_no_capital_listed_asks_for_the_zone() -> None:
    """appb.support.hours: no guess between zones hours apart: a typed error listing them."""
    t = appb_ticket(dt.datetime(2026, 11, 24, 12, tzinfo=UTC), "CO")  # one zone: fine
    assert deadlines(t, policy=APPENDIX_B).zone == "America/Bogota"
    t = appb_ticket(dt.datetime(2026, 11, 24, 12, tzinfo=UTC), "AQ")
    with pytest.raises(UnknownKeyError, match="spans several zones"):
        deadlines(t, policy=APPENDIX_B)


def test_a_ticket_zone_must_be_an_iana_zone() -> None:
    opened = dt.datetime(2026, 11, 23, 17, 30, tzinfo=LISBON)
    with pytest.raises(UnknownKeyError, match="unknown zone 'Europe/Lisboa': did you mean"):
        appb_ticket(opened, "PT", zone="Europe/Lisboa")
    with pytest.raises(UnknownKeyError, match="unknown zone 'xxx"):
        appb_ticket(opened, "PT", zone="x" * 300)
    with pytest.raises(InvalidTypeError, match="'zone'"):
        appb_ticket(opened, "PT", zone=3)


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_the_zoho_weekday_clock_keeps_the_partner_regions_zone() -> None:
    """zoho.sla.weekday_clock: the 24x5 boundaries stay in the region's zone (a parameter)."""
    t = Ticket(
        "T-2",
        dt.datetime(2026, 11, 23, 17, 30, tzinfo=LISBON),
        severity=1,
        category="slowness",
        level="Premium",
        country="PT",
    )
    assert deadlines(t).zone == "Europe/Berlin"
    assert deadlines(t, zone="Europe/Lisbon").zone == "Europe/Lisbon"


# -- days are business days of the clock ------------------------------------------------------

CAIRO = ZoneInfo("Africa/Cairo")


@pytest.mark.rule("zoho.sla.matrix")
@pytest.mark.parametrize(
    ("responded", "target", "limit"),
    [
        # Friday 2026-04-24 lasts 23 hours in Cairo (clocks go forward at midnight).
        (dt.datetime(2026, 4, 23, 10), dt.datetime(2026, 4, 27, 10), dt.datetime(2026, 4, 28, 10)),
        # Thursday 2026-10-29 lasts 25 hours (clocks go back at midnight).
        (
            dt.datetime(2026, 10, 28, 10),
            dt.datetime(2026, 10, 30, 10),
            dt.datetime(2026, 11, 2, 10),
        ),
    ],
)
def test_day_windows_end_at_the_same_wall_time_across_23_and_25_hour_days(
    responded: dt.datetime, target: dt.datetime, limit: dt.datetime
) -> None:
    """zoho.sla.matrix: 2-3 days of problem determination are business days, not 48/72 hours."""
    opened = responded.replace(tzinfo=CAIRO) - H
    t = Ticket(
        "T-3",
        opened,
        severity=3,
        category="how-to",
        level="Premium",
        country="EG",
        responses=[responded.replace(tzinfo=CAIRO)],
    )
    pd = deadlines(t, zone="Africa/Cairo").determinations[0]
    assert (pd.target_at, pd.limit_at) == (
        target.replace(tzinfo=CAIRO),
        limit.replace(tzinfo=CAIRO),
    )


ZONES = ["Africa/Cairo", "America/Sao_Paulo", "Europe/London", "America/New_York", "UTC"]


@pytest.mark.rule("zoho.sla.matrix")
@given(
    zone=st.sampled_from(ZONES),
    day=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
    minute=st.integers(60 * 4, 60 * 22),
)
def test_a_day_window_on_the_weekday_clock_keeps_the_wall_time(
    zone: str, day: dt.date, minute: int
) -> None:
    """zoho.sla.matrix: on the 24x5 clock, n days from a weekday instant end at its wall time.

    The window is the clock's own add_business_days. On the day the clocks change, a position
    (open time since the day's first opening) is not the same wall time, so the wall-time law is
    asserted between whole 24-hour days only.
    """
    local = ZoneInfo(zone)
    start = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=local)
    if start.weekday() >= 5:
        start += dt.timedelta(days=7 - start.weekday())
    t = Ticket(
        "T-4",
        start - H,
        severity=3,
        category="how-to",
        level="Premium",
        country="BR",
        responses=[start],
    )
    pd = deadlines(t, zone=zone).determinations[0]
    clock = weekday_clock(zone)
    day_length = dt.timedelta(hours=24)
    for n, got in ((2, pd.target_at), (3, pd.limit_at)):
        assert got == clock.add_business_days(start, n)
        assert got is not None
        # The same position in the day is the same wall time when the start's day and the end's
        # day are whole 24-hour days (days of 23 or 25 hours in between change nothing).
        if clock.open_time_on(start.date()) == clock.open_time_on(got.date()) == day_length:
            assert got.astimezone(local).time() == start.time()


# -- a programme nobody shipped: its own calendar, minutes and rule id -----------------------------

PARIS = ZoneInfo("Europe/Paris")
TEAM = BusinessCalendar(
    "Europe/Paris",
    {d: [(dt.time(9), dt.time(12, 30)), (dt.time(13, 30), dt.time(18))] for d in range(5)},
    closures=[dt.date(2026, 12, 24)],
)
ACME = SlaPolicy(  # an example programme, not a source's numbers
    "Acme",
    "acme.sla.first_response",
    SeverityMatrix(
        (
            MatrixCell(1, "acknowledgement", ResponseWindow((15, "minutes"), (15, "minutes"))),
            MatrixCell(2, "acknowledgement", ResponseWindow((60, "minutes"), (250, "minutes"))),
            MatrixCell(3, "acknowledgement", ResponseWindow((1, "days"), (2, "days"))),
        )
    ),
    TEAM,
    round_the_clock=["downtime"],
)


def acme_ticket(opened: dt.datetime, severity: int, category: str = "how-to") -> Ticket:
    return Ticket(
        "A-1", opened, severity=severity, category=category, level="Premium", country="FR"
    )


def test_a_caller_policy_runs_on_its_own_calendar_in_minutes_and_cites_its_own_rule() -> None:
    """A caller's rule id, lunch break and closure reach the deadline and its reasons."""
    t = acme_ticket(dt.datetime(2026, 12, 23, 12, 20, tzinfo=PARIS), 2)  # Wed, 10 min to lunch
    due = deadlines(t, policy=ACME)
    assert due.clock is ClockKind.CALENDAR
    assert due.zone == "Europe/Paris"
    ack = due.acknowledgement
    assert ack is not None
    # 10 min before lunch, 50 min after it: the target is 14:20.
    assert ack.target_at == dt.datetime(2026, 12, 23, 14, 20, tzinfo=PARIS)
    # 250 min: 10 + 270 in the afternoon would be 280: 240 more after 13:30 -> 17:30 Wed.
    assert ack.limit_at == dt.datetime(2026, 12, 23, 17, 30, tzinfo=PARIS)
    assert {r.rule_id for r in ack.reasons} == {"acme.sla.first_response"}
    assert "policy's business calendar (Europe/Paris)" in str(ack.reasons[0])


def test_a_caller_calendars_closure_and_business_days_reach_the_deadline() -> None:
    """Business days on a calendar with a lunch break skip the company closure (24 Dec)."""
    t = acme_ticket(dt.datetime(2026, 12, 23, 12, 45, tzinfo=PARIS), 3)  # in the lunch break
    ack = deadlines(t, policy=ACME).acknowledgement
    assert ack is not None
    # Position in the day: the whole morning (3.5 h); 24 Dec closed, 25 Dec a weekday too.
    assert ack.target_at == dt.datetime(2026, 12, 25, 12, 30, tzinfo=PARIS)
    assert ack.limit_at == dt.datetime(2026, 12, 28, 12, 30, tzinfo=PARIS)
    s = status(t, dt.datetime(2026, 12, 28, 12, 31, tzinfo=PARIS), policy=ACME)
    assert s.acknowledgement.state is ClockState.BREACHED


def test_round_the_clock_categories_stay_data_under_a_caller_calendar() -> None:
    t = acme_ticket(dt.datetime(2026, 12, 26, 10, tzinfo=PARIS), 1, "downtime")  # Saturday
    due = deadlines(t, policy=ACME)
    assert due.clock is ClockKind.ALWAYS_ON
    assert due.acknowledgement is not None
    assert due.acknowledgement.limit_at == dt.datetime(2026, 12, 26, 10, 15, tzinfo=PARIS)


def test_a_policy_per_team_is_an_evolved_policy() -> None:
    night = BusinessCalendar("Europe/Paris", {d: [(dt.time(22), dt.time(0))] for d in range(7)})
    t = acme_ticket(dt.datetime(2026, 12, 23, 12, tzinfo=PARIS), 1)
    ack = deadlines(t, policy=attrs.evolve(ACME, clock=night)).acknowledgement
    assert ack is not None
    assert ack.limit_at == dt.datetime(2026, 12, 23, 22, 15, tzinfo=PARIS)


def test_minutes_render_and_validate() -> None:
    assert str(BusinessSpan(1, "minutes")) == "1 minute"
    assert str(ResponseWindow((15, "minutes"), (250, "minutes"))) == "15-250 minutes"
    with pytest.raises(UnknownKeyError, match="unknown unit 'weeks'"):
        BusinessSpan(3, "weeks")
    with pytest.raises(InvalidValueError, match="same unit"):
        ResponseWindow((15, "minutes"), (1, "hours"))


def test_the_clock_kind_calendar_alone_is_not_a_clock() -> None:
    with pytest.raises(InvalidValueError, match="'clock' must be a BusinessCalendar"):
        attrs.evolve(ACME, clock="calendar")


# -- the open catalogue -------------------------------------------------------------------------


def test_a_caller_may_cite_its_own_namespace_but_not_invent_source_ids() -> None:
    assert check_rule_id("acme.sla.first_response") == "acme.sla.first_response"
    with pytest.raises(UnknownKeyError, match=r"did you mean 'zoho\.sla\.matrix'"):
        attrs.evolve(ZOHO, rule_id="zoho.sla.matrx")
    with pytest.raises(InvalidValueError, match="dotted lower-case id"):
        attrs.evolve(ZOHO, rule_id="Acme")
    with pytest.raises(InvalidTypeError, match="'rule_id'"):
        attrs.evolve(ZOHO, rule_id=None)


# -- escalation after the commitment -------------------------------------------------------------


@pytest.mark.rule("zoho.escalation.eligibility")
def test_a_window_answered_after_its_limit_counts_as_the_commitment_passed() -> None:
    """zoho.escalation.eligibility: met late passes the commitment, like a breach."""
    opened = dt.datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("America/Sao_Paulo"))
    t = Ticket(
        "T-5",
        opened,
        severity=1,
        category="slowness",
        level="Premium",
        country="BR",
        responses=[opened + 4 * H],  # the 1-3 h acknowledgement was answered after 4 h
    )
    at = opened + 5 * H
    assert status(t, at).acknowledgement.state is ClockState.MET_LATE
    decision = check_escalation(valid_contract=True, ticket=t, at=at)
    assert decision.allowed
    assert decision.grounds == (EscalationGround.COMMITMENT_PASSED,)
    assert "the response came late" in str(decision.reasons[-1])
    on_time = attrs.evolve(t, responses=[opened + 2 * H])
    refused = check_escalation(valid_contract=True, ticket=on_time, at=at)
    assert not refused.allowed


# -- vocabulary belongs to the programme ---------------------------------------------------------

GOLD = SlaPolicy(  # an example programme with its own levels and categories
    "Gold desk",
    "acme.sla.gold",
    SeverityMatrix(
        (
            MatrixCell(1, "acknowledgement", ResponseWindow((30, "minutes"), (60, "minutes"))),
            MatrixCell(
                1, "acknowledgement", ResponseWindow((10, "minutes"), (20, "minutes")), "Gold"
            ),
        )
    ),
    "24x7",
    round_the_clock=["incident"],
    exempt=["wish"],
    levels=["Gold", "Silver"],
    categories=["incident", "question", "wish"],
)


def test_a_programmes_own_levels_and_categories_reach_its_windows() -> None:
    opened = dt.datetime(2026, 11, 23, 10, tzinfo=UTC)
    gold = Ticket("G", opened, severity=1, category="question", level="Gold", country="BR")
    silver = attrs.evolve(gold, level="Silver")
    assert gold.level == "Gold"
    assert gold.category == "question"
    ack = deadlines(gold, policy=GOLD).acknowledgement
    assert ack is not None
    assert ack.limit_at == opened + dt.timedelta(minutes=20)
    ack = deadlines(silver, policy=GOLD).acknowledgement
    assert ack is not None
    assert ack.limit_at == opened + dt.timedelta(minutes=60)
    assert deadlines(attrs.evolve(gold, category="wish"), policy=GOLD).exempt


def test_a_level_or_category_the_policy_does_not_know_lists_the_policys_words() -> None:
    opened = dt.datetime(2026, 11, 23, 10, tzinfo=UTC)
    premium = Ticket("P", opened, severity=1, category="question", level="Premium", country="BR")
    with pytest.raises(UnknownKeyError, match=r"unknown level 'Premium'.*'Gold', 'Silver'"):
        deadlines(premium, policy=GOLD)
    other = Ticket("O", opened, severity=1, category="outage", level="Gold", country="BR")
    with pytest.raises(UnknownKeyError, match=r"unknown category 'outage'.*'incident'"):
        status(other, opened, policy=GOLD)
    # Zoho's own levels stay in the Zoho policy; Appendix B takes any package name.
    with pytest.raises(UnknownKeyError, match=r"unknown level 'Gold'.*'Premium'"):
        deadlines(attrs.evolve(other, category="how-to"), policy=ZOHO)
    enterprise = appb_ticket(dt.datetime(2026, 11, 23, 10, tzinfo=LISBON), "PT", level="Enterprise")
    assert deadlines(enterprise, policy=APPENDIX_B).acknowledgement is not None


def test_a_policys_vocabulary_is_checked_when_built() -> None:
    with pytest.raises(InvalidValueError, match="'levels' must be at least one word"):
        attrs.evolve(GOLD, levels=[])
    with pytest.raises(InvalidTypeError, match="'levels'"):
        attrs.evolve(GOLD, levels="Gold")
    with pytest.raises(InvalidValueError, match="'level' must be a non-empty string"):
        Ticket("X", dt.datetime(2026, 11, 23, tzinfo=UTC), severity=1, category="question",
               level="  ", country="BR")  # fmt: skip


# -- instants, not wall times ---------------------------------------------------------------------

LONDON = ZoneInfo("Europe/London")


def test_a_response_in_the_repeated_hour_after_the_opening_is_accepted() -> None:
    """25 Oct 2026: 01:50 BST, then 01:10 GMT (fold=1) twenty minutes later, is a valid order."""
    opened = dt.datetime(2026, 10, 25, 1, 50, tzinfo=LONDON)
    answered = dt.datetime(2026, 10, 25, 1, 10, fold=1, tzinfo=LONDON)
    assert answered.astimezone(UTC) - opened.astimezone(UTC) == dt.timedelta(minutes=20)
    t = Ticket(
        "L-1", opened, severity=1, category="downtime", level="Premium", country="GB",
        responses=[answered], pauses=[(opened + dt.timedelta(minutes=5), answered)],
    )  # fmt: skip
    assert t.responses == (answered,)
    ack = status(t, answered + H).acknowledgement
    assert ack.state is ClockState.MET
    assert ack.elapsed == dt.timedelta(minutes=5)  # the pause holds the other fifteen
    with pytest.raises(InvalidValueError, match="'responses' must be at or after the opening"):
        attrs.evolve(t, responses=[opened - dt.timedelta(minutes=1)], pauses=[])
