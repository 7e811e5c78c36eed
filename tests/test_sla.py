"""Support SLAs: examples per rule, laws as properties, and bad input."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnerrules import calendars
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownKeyError,
)
from partnerrules.sla import (
    APPENDIX_B,
    ZOHO,
    Category,
    ClockState,
    EscalationGround,
    Feature,
    Metric,
    Pause,
    Severity,
    StatusPageUpdate,
    SupportLevel,
    SupportRequest,
    Ticket,
    check_basic_request_load,
    check_escalation,
    check_request,
    check_scope,
    check_status_page_update,
    classify_severity,
    deadlines,
    deadlines_many,
    entitlements,
    is_entitled,
    omid_support_availability,
    omid_support_clock,
    status,
    status_many,
    support_availability,
    support_path,
    triage_order,
)
from partnerrules.testing import strategies as prs

SP = ZoneInfo("America/Sao_Paulo")
H = dt.timedelta(hours=1)
_US = dt.timedelta(microseconds=1)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SP)  # type: ignore[misc]


def ticket(opened: dt.datetime, **kw: object) -> Ticket:
    fields: dict[str, object] = {
        "severity": 1,
        "category": "slowness",
        "level": "Premium",
        "country": "BR",
    }
    fields.update(kw)
    return Ticket("T", opened, **fields)  # type: ignore[arg-type]


SATURDAY_10 = at(2026, 11, 21, 10)


# -- zoho.severity.classify -------------------------------------------------


@pytest.mark.rule("zoho.severity.classify")
@pytest.mark.parametrize(
    ("category", "severity"),
    [
        ("downtime", Severity.CRITICAL),
        ("outage", Severity.CRITICAL),
        ("login", Severity.CRITICAL),
        ("data integrity", Severity.CRITICAL),
        ("slowness", Severity.CRITICAL),
        ("incorrect results", Severity.MODERATE),
        ("how-to", Severity.MINIMAL),
    ],
)
def test_each_category_maps_to_the_severity_of_its_usual_impact(
    category: str, severity: Severity
) -> None:
    """zoho.severity.classify: the documented category -> severity mapping."""
    result = classify_severity(category)
    assert result.severity is severity
    assert not result.exempt
    assert result.reasons[0].rule_id == "zoho.severity.classify"


@pytest.mark.rule("zoho.severity.classify")
@pytest.mark.parametrize("category", ["product limitation", "feature request"])
def test_limitations_and_feature_requests_are_exempt_from_any_commitment(category: str) -> None:
    """zoho.severity.classify: product limitations and feature requests carry no commitment."""
    result = classify_severity(category)
    assert result.exempt
    assert result.severity is None
    t = ticket(SATURDAY_10, category=category)
    book = deadlines(t)
    assert book.exempt
    assert book.acknowledgement is None
    assert "exempt" in str(book.reasons[0])
    now = status(t, SATURDAY_10 + 100 * H)
    assert now.acknowledgement.state is ClockState.EXEMPT


@pytest.mark.rule("zoho.severity.classify")
def test_a_stated_impact_decides_the_severity_of_other_cases() -> None:
    """zoho.severity.classify: 'other' needs an impact; a stated impact wins."""
    assert classify_severity("other", impact="moderate").severity is Severity.MODERATE
    assert classify_severity("slowness", impact="minimal").severity is Severity.MINIMAL


# -- zoho.sla.matrix / zoho.sla.weekday_clock --------------------------------


@pytest.mark.rule("zoho.sla.matrix")
def test_the_zoho_matrix_holds_the_published_windows() -> None:
    """zoho.sla.matrix: 1-3 h / 2-8 h, 6-12 h / 24-48 h, 16-24 h / 2-3 days."""
    expected = {
        (1, Metric.ACKNOWLEDGEMENT): ((1, "hours"), (3, "hours")),
        (1, Metric.PROBLEM_DETERMINATION): ((2, "hours"), (8, "hours")),
        (2, Metric.ACKNOWLEDGEMENT): ((6, "hours"), (12, "hours")),
        (2, Metric.PROBLEM_DETERMINATION): ((24, "hours"), (48, "hours")),
        (3, Metric.ACKNOWLEDGEMENT): ((16, "hours"), (24, "hours")),
        (3, Metric.PROBLEM_DETERMINATION): ((2, "days"), (3, "days")),
    }
    for (sev, metric), (target, limit) in expected.items():
        window = ZOHO.matrix.window(sev, metric)
        assert window is not None
        assert (window.target.amount, window.target.unit) == target
        assert (window.limit.amount, window.limit.unit) == limit


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_downtime_opened_on_saturday_is_acknowledged_by_saturday_1300() -> None:
    """zoho.sla.weekday_clock: a sev 1 downtime runs 24x7 -> limit Saturday 13:00."""
    book = deadlines(ticket(SATURDAY_10, category="downtime"))
    assert book.acknowledgement is not None
    assert book.acknowledgement.limit_at == at(2026, 11, 21, 13)
    assert book.acknowledgement.target_at == at(2026, 11, 21, 11)
    assert book.reasons[0].rule_id == "zoho.sla.weekday_clock"
    assert "24x7" in str(book.reasons[0])


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_slowness_opened_on_saturday_waits_for_monday_0300() -> None:
    """zoho.sla.weekday_clock: a sev 1 slowness runs 24x5 -> limit Monday 03:00."""
    book = deadlines(ticket(SATURDAY_10, category="slowness"), zone="America/Sao_Paulo")
    assert book.acknowledgement is not None
    assert book.acknowledgement.limit_at == at(2026, 11, 23, 3)
    assert "weekends do not count" in str(book.reasons[0])
    assert "Mon 23 Nov 03:00" in str(book.acknowledgement.reasons[0])


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_the_weekday_boundaries_follow_the_partner_regions_zone_unless_overridden() -> None:
    """zoho.sla.weekday_clock: Brazil's default zone is São Paulo; a zone may be passed."""
    t = ticket(SATURDAY_10)
    assert deadlines(t).zone == "America/Sao_Paulo"
    tokyo = deadlines(t, zone="Asia/Tokyo").acknowledgement
    assert tokyo is not None
    assert tokyo.limit_at is not None
    # Monday 03:00 in Tokyo is Sunday 15:00 in São Paulo.
    assert tokyo.limit_at == at(2026, 11, 22, 15)


@pytest.mark.rule("zoho.sla.matrix")
def test_severity_3_problem_determination_days_are_days_of_the_weekday_clock() -> None:
    """zoho.sla.matrix: each response starts the next window; 3 days = 72 h of weekdays."""
    opened = at(2026, 11, 23, 9)  # Monday
    first = at(2026, 11, 23, 12)
    second = at(2026, 11, 25, 12)
    t = ticket(opened, severity=3, category="how-to", responses=(first, second))
    book = deadlines(t)
    assert [d.start for d in book.determinations] == [first, second]
    # Monday 12:00 + 72 business hours = Thursday 12:00 (weekdays only).
    assert book.determinations[0].limit_at == at(2026, 11, 26, 12)
    assert book.determinations[0].responded_at == second
    # Wednesday 12:00 + 72 h: 60 h to Saturday 00:00, the weekend is skipped, 12 h on Monday.
    assert book.determinations[1].limit_at == at(2026, 11, 30, 12)
    assert book.next_due == book.determinations[1]


@pytest.mark.rule("zoho.sla.matrix")
def test_status_walks_from_running_to_at_risk_to_breached_to_met_late() -> None:
    """zoho.sla.matrix: past the target at risk, past the limit breached, late answer met late."""
    opened = at(2026, 11, 23, 9)
    t = ticket(opened, responses=(at(2026, 11, 23, 13),))
    states = [status(t, opened + k * H / 2).acknowledgement.state for k in (0, 4, 6, 7)]
    assert states == [
        ClockState.RUNNING,
        ClockState.AT_RISK,
        ClockState.AT_RISK,
        ClockState.BREACHED,
    ]
    assert status(t, at(2026, 11, 23, 14)).acknowledgement.state is ClockState.MET_LATE
    on_time = ticket(opened, responses=(opened + 2 * H,))
    assert status(on_time, opened + 10 * H).acknowledgement.state is ClockState.MET


@pytest.mark.rule("zoho.sla.matrix")
def test_status_reports_elapsed_remaining_share_and_warning_instants() -> None:
    """zoho.sla.matrix: elapsed, remaining, share of the limit used and warn_at."""
    opened = at(2026, 11, 23, 9)
    now = status(ticket(opened), opened + 90 * dt.timedelta(minutes=1)).acknowledgement
    assert now.elapsed == dt.timedelta(minutes=90)
    assert now.remaining == dt.timedelta(minutes=90)
    assert now.used == Decimal("0.5")
    assert now.warn_at("0.8") == opened + dt.timedelta(minutes=144)
    assert now.warn_at(1) == now.limit_at == opened + 3 * H
    assert str(now.reasons[0]) == "acknowledgement at risk: 1 h 30 min of 3 h used (50%)"


@pytest.mark.rule("zoho.sla.matrix")
def test_a_pause_waiting_on_the_customer_stops_the_clock_even_when_recorded_late() -> None:
    """zoho.sla.matrix: pauses are subtracted; an open pause shows as paused."""
    opened = at(2026, 11, 23, 9)
    pause = Pause(opened + H, opened + 3 * H)
    t = ticket(opened, pauses=(pause,))
    book = deadlines(t)
    assert book.acknowledgement is not None
    assert book.acknowledgement.limit_at == opened + 5 * H
    assert "pauses" in str(book.acknowledgement.reasons[-1])
    during = status(t, opened + 2 * H).acknowledgement
    assert during.state is ClockState.PAUSED
    assert during.elapsed == H
    assert during.limit_at is None
    after = status(t, opened + 4 * H).acknowledgement
    assert after.state is ClockState.AT_RISK
    assert after.elapsed == 2 * H
    open_pause = ticket(opened, pauses=(Pause(opened + H),))
    held = deadlines(open_pause).acknowledgement
    assert held is not None
    assert held.limit_at is None


# -- appb.first_response.one_business_day / appb.support.hours ---------------


@pytest.mark.rule("appb.first_response.one_business_day")
def test_first_response_after_hours_before_a_holiday_is_due_monday_1800() -> None:
    """appb.first_response.one_business_day: Thu 19 Nov 20:00, Fri 20 Nov holiday -> Mon 18:00."""
    t = ticket(at(2026, 11, 19, 20), severity=2, category="other", subdivision="SP")
    book = deadlines(t, policy=APPENDIX_B)
    assert book.acknowledgement is not None
    assert book.acknowledgement.limit_at == at(2026, 11, 23, 18)
    text = [str(r) for r in book.acknowledgement.reasons]
    assert (
        text[0]
        == "due Monday 23 Nov 18:00: one business day on the São Paulo support calendar (America/Sao_Paulo)"
    )
    assert text[1].startswith("Friday 20 Nov is a national holiday")
    holiday = calendars.support_hours_calendar("BR", "SP", zone=SP).closure_reason(
        dt.date(2026, 11, 20)
    )
    assert holiday is not None
    assert holiday in text[1]


@pytest.mark.rule("appb.support.hours")
def test_outside_hours_only_critical_production_cases_are_served_by_phone_in_english() -> None:
    """appb.support.hours: Mon-Fri 09:00-18:00 local; after hours critical by phone in English."""
    cal = calendars.support_hours_calendar("BR", "SP", zone=SP)
    inside = support_availability(at(2026, 11, 23, 10), calendar=cal)
    assert inside.open
    assert inside.served
    night = support_availability(at(2026, 11, 23, 20), calendar=cal)
    assert not night.served
    assert night.channels == ()
    critical = support_availability(at(2026, 11, 20, 10), calendar=cal, critical_production=True)
    assert not critical.open
    assert critical.served
    assert critical.channels == ("phone",)
    assert critical.languages == ("English",)
    assert "Zumbi" in str(critical.reasons[0])


# -- triage, overload, escalation -------------------------------------------


@pytest.mark.rule("zoho.triage.priority")
def test_queue_serves_severity_first_then_premium_advanced_authorized_then_oldest() -> None:
    """zoho.triage.priority: severity, then level, then opening time."""
    t0 = at(2026, 11, 23, 9)
    tickets = [
        Ticket("sev2-premium", t0, severity=2, category="slowness", level="Premium", country="BR"),
        Ticket("sev1-auth", t0, severity=1, category="slowness", level="Authorized", country="BR"),
        Ticket("sev1-adv-late", t0 + H, severity=1, category="outage", level="Advanced",
               country="BR"),
        Ticket("sev1-adv", t0, severity=1, category="outage", level="Advanced", country="BR"),
        Ticket("sev1-prem", t0 + 2 * H, severity=1, category="login", level="Premium",
               country="BR"),
    ]  # fmt: skip
    assert [t.id for t in triage_order(tickets)] == [
        "sev1-prem",
        "sev1-adv",
        "sev1-adv-late",
        "sev1-auth",
        "sev2-premium",
    ]


@pytest.mark.rule("zoho.basic_requests.overload")
def test_many_how_to_requests_in_the_window_notify_the_account_manager() -> None:
    """zoho.basic_requests.overload: threshold and window are the caller's (example: 3 a week)."""
    now = at(2026, 11, 27, 12)
    how_to = [ticket(now - k * dt.timedelta(days=2), category="how-to") for k in range(4)]
    other = [ticket(now - H, category="downtime")]
    result = check_basic_request_load(
        how_to + other, at=now, threshold=3, window=dt.timedelta(days=7)
    )
    assert result.notify
    assert result.count == 4
    quiet = check_basic_request_load(how_to, at=now, threshold=3, window=dt.timedelta(days=3))
    assert not quiet.notify
    assert quiet.count == 2
    assert "no notification" in str(quiet.reasons[0])


@pytest.mark.rule("zoho.escalation.eligibility")
def test_escalation_lists_every_ground_that_applies() -> None:
    """zoho.escalation.eligibility: allowed with every ground, including a passed commitment."""
    opened = at(2026, 11, 23, 9)
    t = ticket(opened)
    decision = check_escalation(
        ["tangible production impact", EscalationGround.SECURITY_BREACH],
        valid_contract=True,
        ticket=t,
        at=opened + 4 * H,
    )
    assert decision.allowed
    assert decision.grounds == (
        EscalationGround.COMMITMENT_PASSED,
        EscalationGround.PRODUCTION_IMPACT,
        EscalationGround.SECURITY_BREACH,
    )
    assert all(r.rule_id == "zoho.escalation.eligibility" for r in decision.reasons)
    early = check_escalation(valid_contract=True, ticket=t, at=opened + H)
    assert not early.allowed
    assert "no ground" in str(early.reasons[0])


@pytest.mark.rule("zoho.escalation.eligibility")
def test_escalation_without_a_valid_contract_is_refused_whatever_the_grounds() -> None:
    """zoho.escalation.eligibility: no valid contract -> refused, grounds still listed."""
    every = list(EscalationGround)
    decision = check_escalation(every, valid_contract=False)
    assert not decision.allowed
    assert decision.grounds == tuple(every)
    assert "no valid support contract" in str(decision.reasons[0])
    nothing = check_escalation(valid_contract=False)
    assert len(nothing.reasons) == 2  # both failed criteria, not only the first


# -- entitlements, completeness, scope ---------------------------------------


@pytest.mark.rule("zoho.offerings.entitlements")
def test_chat_phone_and_success_manager_calls_are_for_advanced_and_premium_only() -> None:
    """zoho.offerings.entitlements: the offerings table per level."""
    common = {
        Feature.SUPPORT_HOURS,
        Feature.COMMITMENT,
        Feature.PRIORITY_SUPPORT,
        Feature.CRITICAL_ISSUES_DASHBOARD,
        Feature.HELP_CENTRE_WIDGET,
    }
    extra = {Feature.CHAT, Feature.PHONE, Feature.SUCCESS_MANAGER_CALLS}
    assert entitlements("Authorized") == common
    assert entitlements("Advanced") == common | extra
    assert entitlements("Premium") == common | extra
    assert not is_entitled("Authorized", "phone support")
    assert is_entitled("Premium", Feature.SUCCESS_MANAGER_CALLS)


@pytest.mark.rule("zoho.request.completeness")
def test_an_incomplete_request_lists_every_missing_field_but_not_screenshots() -> None:
    """zoho.request.completeness: every missing field; screenshots optional."""
    result = check_request(SupportRequest(customer_email="ana@example.com", product="CRM"))
    assert not result.ok
    assert result.missing == (
        "reference_email",
        "request_type",
        "reproducible",
        "reproduction_note",
        "description",
        "troubleshooting_steps",
    )
    assert len(result.reasons) == 6
    full = SupportRequest(
        customer_email="ana@example.com",
        reference_email="ticket@example.com",
        request_type="incident",
        reproducible=False,
        reproduction_note="happens only at month end",
        product="Zoho CRM",
        description="Reports time out",
        troubleshooting_steps="Cleared cache; tried another browser",
    )
    assert check_request(full).ok


@pytest.mark.rule("zoho.scope")
def test_building_an_api_connection_from_scratch_is_out_of_scope() -> None:
    """zoho.scope: Deluge and API integration help in scope; a new API connection is not."""
    assert check_scope("deluge").in_scope
    assert check_scope("api integration").in_scope
    assert check_scope("product feedback").in_scope
    assert check_scope("feature enhancement").in_scope
    out = check_scope("api connection from scratch")
    assert not out.in_scope
    assert str(out.reasons[0]) == "api connection from scratch is out of scope of partner support"


# -- Appendix B levels and status page; Omid ---------------------------------


@pytest.mark.rule("appb.support.levels")
def test_advanced_package_has_no_technical_account_manager() -> None:
    """appb.support.levels: CS -> TS (TAM) -> PS; no TAM for the Advanced package."""
    full = support_path("Enterprise")
    assert full.levels == tuple(SupportLevel)
    assert full.has_tam
    assert (SupportLevel.CUSTOMER_SERVICE, SupportLevel.PRODUCT_SPECIALISTS) in full.escalations
    assert (SupportLevel.TECHNICAL_SOLUTIONS, SupportLevel.PRODUCT_SPECIALISTS) in full.escalations
    assert "Technical Account Manager" in full.handles("technical solutions")
    advanced = support_path("Advanced")
    assert not advanced.has_tam
    assert SupportLevel.TECHNICAL_SOLUTIONS not in advanced.levels
    assert "no Technical Account Manager" in str(advanced.reasons[-1])


@pytest.mark.rule("appb.status_page.update")
def test_a_complete_status_update_sets_the_next_one_a_cadence_later() -> None:
    """appb.status_page.update: nature, services, estimate, measures; cadence is the caller's."""
    posted = at(2026, 11, 23, 10)
    update = StatusPageUpdate(
        posted,
        nature="storage latency",
        affected_services=("block storage",),
        estimated_resolution=posted + 2 * H,
        measures="failing over to the secondary array",
    )
    check = check_status_page_update(update, cadence=dt.timedelta(minutes=30))  # example cadence
    assert check.ok
    assert check.missing == ()
    assert check.next_update_due == posted + dt.timedelta(minutes=30)
    done = check_status_page_update(
        attrs.evolve(update, resolved=True), cadence=dt.timedelta(minutes=30)
    )
    assert done.next_update_due is None


@pytest.mark.rule("omid.support.always_on")
def test_omid_support_is_open_on_christmas_night_with_its_channels() -> None:
    """omid.support.always_on: 24x7, 0800 and WhatsApp; engineering for relevant customers."""
    night = at(2026, 12, 25, 3)
    assert omid_support_clock().is_open(night)
    plain = omid_support_availability(night)
    assert plain.served
    assert plain.channels == ("0800", "WhatsApp")
    relevant = omid_support_availability(night, relevant_customer=True)
    assert relevant.channels[-1] == "engineering contact"
    assert "24x7" in str(relevant.reasons[0])


# -- laws ---------------------------------------------------------------------

instants = prs.instants(
    min_value=dt.datetime(2026, 1, 1, tzinfo=SP),
    max_value=dt.datetime(2027, 12, 31, tzinfo=SP),
    timezones=st.just(SP),
).map(lambda d: d.replace(second=0, microsecond=0))
open_categories = st.sampled_from(
    [c.value for c in Category if c not in ZOHO.exempt and c is not Category.OTHER]
)
policies = st.sampled_from([ZOHO, APPENDIX_B])


def limit_of(t: Ticket, policy: object = None) -> dt.datetime:
    d = deadlines(t, policy=policy).acknowledgement  # type: ignore[arg-type]
    assert d is not None
    assert d.limit_at is not None
    return d.limit_at


@given(instants, st.integers(0, 60 * 24 * 10), st.sampled_from([1, 2, 3]), open_categories,
       policies)  # fmt: skip
def test_deadlines_are_monotonic_in_the_opening_instant(
    opened: dt.datetime, minutes: int, sev: int, category: str, policy: object
) -> None:
    """zoho.sla.matrix: a later opening never gets an earlier deadline."""
    early = ticket(opened, severity=sev, category=category, subdivision="SP")
    late = attrs.evolve(early, opened_at=opened + dt.timedelta(minutes=minutes))
    assert limit_of(early, policy) <= limit_of(late, policy)


@given(instants, st.integers(0, 60 * 24 * 5), st.integers(1, 60 * 24 * 3),
       st.sampled_from([1, 2, 3]), open_categories, policies)  # fmt: skip
def test_a_pause_never_makes_a_deadline_earlier(
    opened: dt.datetime, offset: int, length: int, sev: int, category: str, policy: object
) -> None:
    """zoho.sla.matrix: pauses only ever push deadlines later."""
    plain = ticket(opened, severity=sev, category=category, subdivision="SP")
    start = opened + dt.timedelta(minutes=offset)
    paused = attrs.evolve(plain, pauses=(Pause(start, start + dt.timedelta(minutes=length)),))
    assert limit_of(plain, policy) <= limit_of(paused, policy)


@given(instants, st.sampled_from([1, 2, 3]), open_categories,
       st.lists(st.integers(1, 60 * 24 * 4), max_size=4),
       st.lists(st.integers(10, 60 * 24 * 2), max_size=3))  # fmt: skip
def test_a_breached_window_never_runs_again_later(
    opened: dt.datetime, sev: int, category: str, gaps: list[int], pauses: list[int]
) -> None:
    """zoho.sla.matrix: once breached, a window stays breached or is met late."""
    responses, cur = [], opened
    for g in gaps:
        cur += dt.timedelta(minutes=g)
        responses.append(cur)
    pause_list, pcur = [], opened
    for p in pauses:
        pcur += dt.timedelta(minutes=p)
        pause_list.append(Pause(pcur, pcur + dt.timedelta(minutes=p // 2 + 1)))
        pcur += dt.timedelta(minutes=p // 2 + 1)
    t = ticket(opened, severity=sev, category=category, responses=responses, pauses=pause_list)
    seen: dict[tuple[Metric, int], ClockState] = {}
    for step in range(0, 60 * 24 * 12, 173):
        for w in status(t, opened + dt.timedelta(minutes=step)).windows:
            key = (w.metric, w.sequence)
            if seen.get(key) is ClockState.BREACHED:
                assert w.state in {ClockState.BREACHED, ClockState.MET_LATE}
            if seen.get(key) in {ClockState.MET, ClockState.MET_LATE}:
                assert w.state is seen[key]
            seen[key] = w.state


@given(instants, st.sampled_from([1, 2, 3]), open_categories,
       st.lists(st.integers(1, 60 * 24 * 4), max_size=3))  # fmt: skip
def test_the_24x7_clock_is_never_later_than_the_24x5_clock(
    opened: dt.datetime, sev: int, category: str, gaps: list[int]
) -> None:
    """zoho.sla.weekday_clock: the same ticket on 24x7 is due no later than on 24x5."""
    responses, cur = [], opened
    for g in gaps:
        cur += dt.timedelta(minutes=g)
        responses.append(cur)
    t = ticket(opened, severity=sev, category=category, responses=responses)
    always = attrs.evolve(ZOHO, round_the_clock=list(Category))
    weekdays = attrs.evolve(ZOHO, round_the_clock=())
    fast, slow = deadlines(t, policy=always), deadlines(t, policy=weekdays)
    assert fast.clock is not None
    assert fast.clock.value == "24x7"
    for a, b in zip((fast.acknowledgement, *fast.determinations),
                    (slow.acknowledgement, *slow.determinations), strict=True):  # fmt: skip
        assert a is not None
        assert b is not None
        assert a.limit_at is not None
        assert b.limit_at is not None
        assert a.limit_at.astimezone(dt.UTC) <= b.limit_at.astimezone(dt.UTC)  # instants


@given(instants, st.integers(0, 60 * 24 * 9), st.sampled_from([1, 2, 3]), open_categories,
       policies)  # fmt: skip
def test_a_deadline_is_the_policys_clock_plus_the_window_in_that_clocks_days(
    opened: dt.datetime, minutes: int, sev: int, category: str, policy: object
) -> None:
    """zoho.sla.matrix: limit = add(opened, window) on the chosen clock; elapsed likewise.

    The calendar is built here from the public factories, so the test checks the
    clock chosen per category and policy, and the day length of "days" windows.
    """
    t = ticket(opened, severity=sev, category=category, subdivision="SP")
    if policy is APPENDIX_B:
        cal = calendars.support_hours_calendar("BR", "SP", zone=SP)
    elif category in {"downtime", "outage", "login"}:
        cal = calendars.always_on_clock(SP)
    else:
        cal = calendars.weekday_clock(SP)
    d = deadlines(t, policy=policy).acknowledgement  # type: ignore[arg-type]
    assert d is not None
    day = dt.timedelta(hours=9 if policy is APPENDIX_B else 24)
    assert d.limit_at == cal.add(opened, d.window.limit.on(day))
    now = opened + dt.timedelta(minutes=minutes)
    w = status(t, now, policy=policy).acknowledgement  # type: ignore[arg-type]
    assert w.elapsed == cal.elapsed(opened, now)


@given(instants, st.integers(0, 60 * 24 * 6), st.integers(1, 60 * 24 * 2),
       st.integers(0, 60 * 24 * 8))  # fmt: skip
def test_elapsed_with_a_pause_is_calendar_time_minus_the_paused_calendar_time(
    opened: dt.datetime, offset: int, length: int, later: int
) -> None:
    """zoho.sla.matrix: elapsed = open time in [opened, at) minus open time paused before at."""
    start = opened + dt.timedelta(minutes=offset)
    end = start + dt.timedelta(minutes=length)
    now = opened + dt.timedelta(minutes=later)
    assume(not (start <= now < end))
    t = ticket(opened, severity=3, category="how-to", pauses=(Pause(start, end),))
    cal = calendars.weekday_clock(SP)
    paused = cal.elapsed(start, min(end, now)) if start < now else dt.timedelta(0)
    assert status(t, now).acknowledgement.elapsed == cal.elapsed(opened, now) - paused


def tickets() -> st.SearchStrategy[Ticket]:
    """A generated ticket: any category (exempt ones too), responses and pauses."""
    return prs.tickets(
        opened_at=instants,
        places=[("BR", (None, "SP", "RJ"), ("America/Sao_Paulo",))],
    )


def same_status(a: object, b: object) -> None:
    """Equal results, and equal reasons (they take no part in ==)."""
    assert a == b
    assert a.reasons == b.reasons  # type: ignore[attr-defined]


@given(st.lists(tickets(), max_size=6), st.integers(0, 60 * 24 * 6), policies,
       st.sampled_from([None, "America/Sao_Paulo", "Asia/Tokyo"]))  # fmt: skip
def test_bulk_deadlines_and_status_equal_the_per_ticket_answers(
    batch: list[Ticket], minutes: int, policy: object, zone: str | None
) -> None:
    """zoho.sla.matrix: deadlines_many/status_many give what deadlines/status give, in order."""
    kw: dict[str, object] = {"policy": policy, "zone": zone}
    books = deadlines_many(batch, **kw)  # type: ignore[arg-type]
    assert len(books) == len(batch)
    assert list(books) == [deadlines(t, **kw) for t in batch]  # type: ignore[arg-type]
    for book, t in zip(books, batch, strict=True):
        same_status(book, deadlines(t, **kw))  # type: ignore[arg-type]
        for a, b in zip(book.determinations, deadlines(t, **kw).determinations, strict=True):  # type: ignore[arg-type]
            same_status(a, b)
    now = SATURDAY_10 + dt.timedelta(minutes=minutes)
    one = status_many(batch, now, **kw)  # type: ignore[arg-type]
    assert list(one) == [status(t, now, **kw) for t in batch]  # type: ignore[arg-type]
    for state in ClockState:
        assert one.ids(state) == tuple(s.ticket_id for s in one if s.acknowledgement.state is state)
        assert one.ids(state, metric="problem determination") == tuple(
            s.ticket_id
            for s in one
            if s.problem_determination is not None and s.problem_determination.state is state
        )
    each = [t.opened_at + dt.timedelta(minutes=minutes) for t in batch]
    per = status_many(batch, iter(each), **kw)  # type: ignore[arg-type]
    expected = [status(t, a, **kw) for t, a in zip(batch, each, strict=True)]  # type: ignore[arg-type]
    assert list(per) == expected
    assert per[::-1] == expected[::-1]
    for got, want in zip(per, expected, strict=True):
        same_status(got, want)
        for a, b in zip(got.windows, want.windows, strict=True):
            same_status(a, b)
            assert a.warn_at("0.8") == b.warn_at("0.8")


@pytest.mark.rule("zoho.sla.matrix")
def test_batches_are_immutable_sequences_that_build_results_on_read() -> None:
    """zoho.sla.matrix: a batch indexes, slices and compares like the list it stands for."""
    batch = [
        attrs.evolve(ticket(OPENED + k * H, severity=1 + k % 3, category=c), id=str(k))
        for k, c in enumerate(["slowness", "downtime", "feature request", "how-to"])
    ]
    books = deadlines_many(t for t in batch)  # any iterable of tickets
    assert repr(books) == "<DeadlineBatch: 4 tickets under Zoho>"
    assert books[-1] == books[3] == deadlines(batch[3])
    assert books[1:3] == [deadlines(t) for t in batch[1:3]]
    assert books[0] is not books[0]  # built on each read, not kept
    assert books.index(deadlines(batch[2])) == 2
    assert deadlines(batch[2]) in books
    assert books == deadlines_many(batch)
    assert books != deadlines_many(batch[:3])
    assert books != list(books)  # a batch equals batches, not lists
    assert deadlines_many(batch, policy=APPENDIX_B) != books
    assert deadlines_many(batch, zone="America/Sao_Paulo") == deadlines_many(batch, zone=SP)
    now = OPENED + 7 * H
    states = status_many(batch, now)
    assert states == status_many(batch, [now] * 4)
    assert states != status_many(batch, now + H)
    assert states.ids("exempt") == ("2",)
    assert states.ids("breached") == ("0", "3")
    assert states.ids(ClockState.EXEMPT, metric=Metric.PROBLEM_DETERMINATION) == ()
    assert len(deadlines_many([])) == len(status_many([], now)) == 0
    for made in (books, states):
        with pytest.raises(
            IndexError, match=r"'index' must be an index from -4 to 3 \(4 tickets\)"
        ):
            made[4]
        with pytest.raises(IndexError, match=r"must be an index from -4 to 3 .*\(got -5\)"):
            made[-5]
        with pytest.raises(InvalidTypeError, match=r"'index' must be an int or a slice"):
            made["0"]  # type: ignore[call-overload]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            made._rows = made._rows  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del made._tickets
        with pytest.raises(TypeError, match="unhashable"):
            hash(made)
        with pytest.raises(TypeError, match="returned by"):
            type(made)()
        assert pickle.loads(pickle.dumps(made)) == made
        assert copy.copy(made) == made
    with pytest.raises(UnknownKeyError, match="unknown state 'late'"):
        states.ids("late")
    with pytest.raises(UnknownKeyError, match="unknown metric"):
        states.ids("met", metric="resolution")


@pytest.mark.rule("zoho.sla.matrix")
def test_result_instants_read_as_datetimes_in_the_clocks_zone_and_compare_by_value() -> None:
    """zoho.sla.matrix: results keep instants as integers; they read back as zoned datetimes.

    The same ticket opened at the same instant written in another zone gives
    equal (and equally hashed) results; a different opening does not. The repr
    shows the datetimes, not microseconds.
    """
    opened = at(2026, 11, 23, 9)
    in_utc = opened.astimezone(dt.UTC)
    book = deadlines(ticket(opened, responses=(opened + H,)))
    ack = book.acknowledgement
    assert ack is not None
    assert ack.start == opened
    assert ack.start.tzinfo is SP
    assert ack.limit_at is not None
    assert ack.limit_at.tzinfo is SP
    twin = deadlines(ticket(in_utc, responses=(opened + H,)))
    assert twin == book
    assert hash(twin) == hash(book)
    assert deadlines(ticket(opened + H, responses=(opened + H,))) != book
    assert "limit_at=datetime.datetime(2026, 11, 23, 12, 0" in repr(ack)
    assert "_us" not in repr(book)
    now = status(ticket(opened), opened + 2 * H).acknowledgement
    assert (now.start, now.limit, now.remaining, now.used) == (
        opened,
        3 * H,
        H,
        Decimal("0.6667"),
    )
    assert now.target_at == opened + H
    assert now.target_at.tzinfo is SP
    assert status(ticket(in_utc), opened + 2 * H) == status(ticket(opened), opened + 2 * H)
    assert status(ticket(opened), opened + 3 * H) != status(ticket(opened), opened + 2 * H)
    assert "elapsed=datetime.timedelta(seconds=7200)" in repr(now)


@pytest.mark.rule("zoho.sla.matrix")
def test_an_exempt_status_has_no_start_limit_or_share() -> None:
    """zoho.sla.matrix: an exempt window reads None for every instant and share, zero elapsed."""
    opened = at(2026, 11, 23, 9)
    w = status(ticket(opened, category="feature request"), opened + H).acknowledgement
    assert w.state is ClockState.EXEMPT
    assert (w.start, w.limit, w.remaining, w.used, w.target_at, w.limit_at) == (None,) * 6
    assert w.elapsed == dt.timedelta(0)
    assert w.warn_at("0.5") is None


@given(instants, st.integers(0, 60 * 24 * 9), st.integers(1, 60 * 24 * 3), policies)
def test_one_lookup_window_arithmetic_equals_elapsed_and_add(
    opened: dt.datetime, minutes: int, span: int, policy: object
) -> None:
    """calendar.business_time: the window fast path equals elapsed and add of the calendar."""
    cal = (
        calendars.support_hours_calendar("BR", "SP", zone=SP)
        if policy is APPENDIX_B
        else calendars.weekday_clock(SP)
    )
    start = calendars._instant_us(opened)
    end = start + minutes * 60_000_000
    first, second = span * 60_000_000, 2 * span * 60_000_000
    elapsed, t_us, l_us = cal._window_us(start, end, first, second)
    assert _US * elapsed == cal.elapsed(opened, opened + dt.timedelta(minutes=minutes))
    assert cal._from_us(t_us) == cal.add(opened, dt.timedelta(minutes=span))
    assert cal._from_us(l_us) == cal.add(opened, dt.timedelta(minutes=2 * span))


# -- bad input ---------------------------------------------------------------

NAIVE = dt.datetime(2026, 11, 23, 9)
OPENED = at(2026, 11, 23, 9)


def _ticket(**kw: object) -> object:
    return ticket(kw.pop("opened", OPENED), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: _ticket(severity=4), UnknownKeyError, r"unknown severity 4: known: '1', '2', '3'"),
        (lambda: _ticket(severity="high"), UnknownKeyError, r"unknown severity 'high'"),
        # A ticket may carry a caller's words; the Zoho policy refuses those it does not know.
        (lambda: deadlines(_ticket(level="Gold")), UnknownKeyError, r"unknown level 'Gold'.*'Premium'"),
        (lambda: status(_ticket(category="crash"), dt.datetime(2026, 12, 1, tzinfo=SP)), UnknownKeyError, r"unknown category 'crash'"),
        (lambda: _ticket(country="XX"), UnknownKeyError, r"unknown country 'XX'"),
        (lambda: _ticket(opened=NAIVE), NaiveDatetimeError,
         r"'opened_at' must be an aware datetime.*attach a zone"),
        (lambda: status(_ticket(), NAIVE), NaiveDatetimeError, r"'at' must be an aware datetime"),  # type: ignore[arg-type]
        (lambda: _ticket(responses=(OPENED - H,)), InvalidValueError,
         r"'responses' must be at or after the opening 2026-11-23T09:00:00-03:00"),
        (lambda: _ticket(responses=(NAIVE,)), NaiveDatetimeError, r"'responses' must be an aware"),
        (lambda: _ticket(pauses=(Pause(OPENED, OPENED + 2 * H), Pause(OPENED + H, OPENED + 3 * H))),
         InvalidValueError, r"'pauses' must be not overlapping the pause.*merge overlapping"),
        (lambda: _ticket(pauses=(Pause(OPENED - H, OPENED + H),)), InvalidValueError,
         r"'pauses' must be starting at or after the opening"),
        (lambda: Pause(OPENED, OPENED), InvalidValueError, r"'end' must be after the start"),
        (lambda: deadlines(_ticket(), zone="Mars/Olympus"), UnknownKeyError,  # type: ignore[arg-type]
         r"unknown zone 'Mars/Olympus'.*IANA zone"),
        (lambda: status(_ticket(), OPENED).acknowledgement.warn_at(0.5), InvalidTypeError,
         r"'fraction' must be a str, int or Decimal.*never a float"),
        (lambda: status(_ticket(), OPENED).acknowledgement.warn_at("1.5"), InvalidValueError,
         r"'fraction' must be a fraction in \[0, 1\]"),
        (lambda: classify_severity("other"), InvalidValueError,
         r"'impact' must be an Impact.*say how the business is affected"),
        (lambda: check_basic_request_load([], at=OPENED, threshold=0, window=H),
         InvalidValueError, r"'threshold' must be an integer >= 1 \(got 0\)"),
        (lambda: check_basic_request_load([], at=OPENED, threshold=2, window=-H),
         InvalidValueError, r"'window' must be a positive timedelta"),
        (lambda: check_status_page_update(StatusPageUpdate(OPENED), cadence=dt.timedelta(0)),
         InvalidValueError, r"'cadence' must be a positive timedelta"),
        (lambda: check_escalation(["because"], valid_contract=True), UnknownKeyError,
         r"unknown grounds 'because'"),
        (lambda: check_escalation(valid_contract=True, ticket=_ticket()), InvalidValueError,  # type: ignore[arg-type]
         r"'at' must be given together with ticket"),
        (lambda: is_entitled("Premium", "free lunch"), UnknownKeyError, r"unknown feature 'free lunch'"),
        (lambda: check_scope("consulting"), UnknownKeyError, r"unknown topic 'consulting'"),
        (lambda: support_path(""), InvalidValueError, r"'package' must be a non-empty string"),
        (lambda: deadlines("T-1"), InvalidTypeError, r"'ticket' must be a Ticket \(got str"),  # type: ignore[arg-type]
        (lambda: deadlines_many([_ticket(), None]), InvalidTypeError, r"'ticket' must be a Ticket"),  # type: ignore[list-item]
        (lambda: deadlines(_ticket(), zone=["UTC"]), InvalidTypeError,  # type: ignore[arg-type]
         r"'zone' must be an IANA zone name or a ZoneInfo"),
        (lambda: status_many([_ticket()], NAIVE), NaiveDatetimeError, r"'at' must be an aware"),
        (lambda: deadlines_many(None), InvalidTypeError, r"'tickets' must be an iterable of Ticket"),  # type: ignore[arg-type]
        (lambda: deadlines_many(_ticket()), InvalidTypeError, r"'tickets' must be an iterable"),  # type: ignore[arg-type]
        (lambda: status_many(5, OPENED), InvalidTypeError, r"'tickets' must be an iterable"),  # type: ignore[arg-type]
        (lambda: status_many(5, [OPENED]), InvalidTypeError, r"'tickets' must be an iterable"),  # type: ignore[arg-type]
        (lambda: status_many([_ticket()], OPENED).ids(None), InvalidTypeError, r"'state' must be a ClockState"),  # type: ignore[arg-type]
        (lambda: status_many([_ticket()], OPENED).ids("met", metric="uptime"), UnknownKeyError,
         r"unknown metric 'uptime'"),
        (lambda: status_many([_ticket()], [OPENED, OPENED]), InvalidValueError,
         r"'at' must be one instant per ticket \(1 tickets\) \(got '2 instants'\)"),
        (lambda: status_many([_ticket()], "2026-11-23"), InvalidTypeError, r"'at' must be"),  # type: ignore[arg-type]
        (lambda: deadlines(_ticket(), policy="Zoho"), InvalidTypeError, r"'policy' must be"),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_typed_error_naming_the_field(
    call: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]
