"""The SLA and calendar boundary: hostile values give typed errors, never a builtin one or a hang.

Each entry calls one public callable (or constructor, or method) with valid arguments except one,
which takes every value of the hostile pool in turn. Only a PartnerRulesError may escape, and no
call may take a second (a bound against hangs, not a benchmark).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from partnerrules import calendars, sla
from partnerrules.errors import InvalidTypeError, PartnerRulesError


class BigInt(int):
    """An int of 5,000 digits whose repr is short (the pool's own repr must not fail)."""

    def __repr__(self) -> str:
        return "BigInt(10**5000)"


SP = ZoneInfo("America/Sao_Paulo")
o = dt.datetime(2026, 11, 23, 10, tzinfo=SP)
t = sla.Ticket("T", o, severity=1, category="slowness", level="Premium", country="BR")
cal = calendars.support_hours_calendar("BR", "SP", zone="America/Sao_Paulo")

HOSTILE: list[Any] = [
    None, True, 1.5, float("nan"), BigInt(10**5000), -1, "", "x" * 10_000, "١", b"x", [], {},
    object(), dt.datetime(2026, 1, 1), dt.datetime(1, 1, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, tzinfo=dt.UTC), dt.timedelta(days=999_999_999),
    dt.timedelta(days=-999_999_999), "1e999999", 10**30, -(10**30),
]  # fmt: skip

CALLS: dict[str, Callable[[Any], object]] = {
    "status.at": lambda v: sla.status(t, v),
    "deadlines.zone": lambda v: sla.deadlines(t, zone=v),
    "deadlines.policy": lambda v: sla.deadlines(t, policy=v),
    "Ticket.opened": lambda v: sla.Ticket(
        "T", v, severity=1, category="slowness", level="Premium", country="BR"
    ),
    "Ticket.sev": lambda v: sla.Ticket(
        "T", o, severity=v, category="slowness", level="Premium", country="BR"
    ),
    "Ticket.cat": lambda v: sla.Ticket(
        "T", o, severity=1, category=v, level="Premium", country="BR"
    ),
    "Ticket.level": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level=v, country="BR"
    ),
    "Ticket.country": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country=v
    ),
    "Ticket.sub": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", subdivision=v
    ),
    "Ticket.pauses": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", pauses=v
    ),
    "Ticket.pauses1": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", pauses=[v]
    ),
    "Ticket.responses": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", responses=v
    ),
    "Ticket.responses1": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", responses=[v]
    ),
    "Ticket.zone": lambda v: sla.Ticket(
        "T", o, severity=1, category="slowness", level="Premium", country="BR", zone=v
    ),
    "Ticket.id": lambda v: sla.Ticket(
        v, o, severity=1, category="slowness", level="Premium", country="BR"
    ),
    "Pause.start": lambda v: sla.Pause(v),
    "Pause.end": lambda v: sla.Pause(o, v),
    "Span.amount": lambda v: sla.BusinessSpan(v, "hours"),
    "Span.unit": lambda v: sla.BusinessSpan(1, v),
    "Window": lambda v: sla.ResponseWindow(v, (1, "hours")),
    "Cell.window": lambda v: sla.MatrixCell(1, "acknowledgement", v),
    "Cell.sev": lambda v: sla.MatrixCell(
        v, "acknowledgement", sla.ResponseWindow((1, "hours"), (1, "hours"))
    ),
    "Matrix": lambda v: sla.SeverityMatrix(v),
    "Policy.matrix": lambda v: sla.SlaPolicy("x", "acme.x", v, "24x5"),
    "Policy.clock": lambda v: sla.SlaPolicy("x", "acme.x", sla.ZOHO.matrix, v),
    "Policy.name": lambda v: sla.SlaPolicy(v, "acme.x", sla.ZOHO.matrix, "24x5"),
    "Policy.rtc": lambda v: sla.SlaPolicy(
        "x", "acme.x", sla.ZOHO.matrix, "24x5", round_the_clock=v
    ),
    "Policy.exempt": lambda v: sla.SlaPolicy("x", "acme.x", sla.ZOHO.matrix, "24x5", exempt=v),
    "Policy.recurring": lambda v: sla.SlaPolicy(
        "x", "acme.x", sla.ZOHO.matrix, "24x5", recurring=v
    ),
    "warn_at": lambda v: sla.status(t, o + dt.timedelta(hours=1)).acknowledgement.warn_at(v),
    "deadlines_many": lambda v: sla.deadlines_many(v),
    "status_many.at": lambda v: sla.status_many([t], v),
    "triage_order": lambda v: sla.triage_order(v),
    "triage_key": lambda v: sla.triage_key(v),
    "classify": lambda v: sla.classify_severity(v),
    "classify.impact": lambda v: sla.classify_severity("other", impact=v),
    "overload": lambda v: sla.check_basic_request_load(
        v, threshold=3, window=dt.timedelta(days=1), at=o
    ),
    "overload.th": lambda v: sla.check_basic_request_load(
        [], threshold=v, window=dt.timedelta(days=1), at=o
    ),
    "overload.win": lambda v: sla.check_basic_request_load([], threshold=3, window=v, at=o),
    "entitlements": lambda v: sla.entitlements(v),
    "entitlements.table": lambda v: sla.entitlements("Premium", table=v),
    "is_entitled": lambda v: sla.is_entitled("Premium", v),
    "SupportRequest": lambda v: sla.SupportRequest(customer_email=v),
    "SupportRequest.rep": lambda v: sla.SupportRequest(reproducible=v),
    "check_request": lambda v: sla.check_request(v),
    "check_scope": lambda v: sla.check_scope(v),
    "escalation.grounds": lambda v: sla.check_escalation(v, valid_contract=True),
    "escalation.valid": lambda v: sla.check_escalation([], valid_contract=v),
    "escalation.at": lambda v: sla.check_escalation([], valid_contract=True, ticket=t, at=v),
    "support_path": lambda v: sla.support_path(v),
    "can_escalate": lambda v: sla.can_escalate_level(v, "product specialists", package="Premium"),
    "StatusPageUpdate": lambda v: sla.StatusPageUpdate(v),
    "StatusPageUpdate.resolved": lambda v: sla.StatusPageUpdate(o, resolved=v),
    "check_status_page.cad": lambda v: sla.check_status_page_update(
        sla.StatusPageUpdate(o), cadence=v
    ),
    "support_availability": lambda v: sla.support_availability(v, calendar=cal),
    "support_availability.cal": lambda v: sla.support_availability(o, calendar=v),
    "omid_avail": lambda v: sla.omid_support_availability(v),
    "omid_clock": lambda v: sla.omid_support_clock(v),
    "omid_policy": lambda v: sla.omid_policy(v),
    "cal.add.start": lambda v: cal.add(v, dt.timedelta(hours=1)),
    "cal.add.d": lambda v: cal.add(o, v),
    "cal.elapsed": lambda v: cal.elapsed(o, v),
    "cal.abd": lambda v: cal.add_business_days(o, v),
    "cal.abd.start": lambda v: cal.add_business_days(v, 1),
    "cal.is_open": lambda v: cal.is_open(v),
    "cal.next_open": lambda v: cal.next_open(v),
    "cal.odb": lambda v: cal.open_days_between(v, dt.date(2026, 1, 1)),
    "cal.oi": lambda v: cal.open_intervals(v),
    "cal.oto": lambda v: cal.open_time_on(v),
    "cal.cr": lambda v: cal.closure_reason(v),
    "BC.zone": lambda v: calendars.BusinessCalendar(v, {0: [(dt.time(9), dt.time(10))]}),
    "BC.weekly": lambda v: calendars.BusinessCalendar("UTC", v),
    "BC.weekly1": lambda v: calendars.BusinessCalendar("UTC", {0: v}),
    "BC.weekly2": lambda v: calendars.BusinessCalendar("UTC", {0: [v]}),
    "BC.country": lambda v: calendars.BusinessCalendar(
        "UTC", {0: [(dt.time(9), dt.time(10))]}, country=v
    ),
    "BC.sub": lambda v: calendars.BusinessCalendar(
        "UTC", {0: [(dt.time(9), dt.time(10))]}, country="BR", subdivision=v
    ),
    "BC.cats": lambda v: calendars.BusinessCalendar(
        "UTC", {0: [(dt.time(9), dt.time(10))]}, categories=v
    ),
    "BC.closures": lambda v: calendars.BusinessCalendar(
        "UTC", {0: [(dt.time(9), dt.time(10))]}, closures=v
    ),
    "BC.special": lambda v: calendars.BusinessCalendar(
        "UTC", {0: [(dt.time(9), dt.time(10))]}, special_hours=v
    ),
    "support_hours_calendar": lambda v: calendars.support_hours_calendar(v, zone="UTC"),
    "weekday_clock": lambda v: calendars.weekday_clock(v),
    "always_on_clock": lambda v: calendars.always_on_clock(v),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_hostile_values_raise_only_typed_errors_and_never_hang(name: str) -> None:
    call = CALLS[name]
    for value in HOSTILE:
        started = time.perf_counter()
        with contextlib.suppress(PartnerRulesError):
            call(value)
        assert time.perf_counter() - started < 1.0, (name, value)


@pytest.mark.rule("appb.status_page.update")
def test_a_resolved_flag_is_a_bool_not_a_truthy_string() -> None:
    with pytest.raises(InvalidTypeError, match=r"'resolved' must be a bool .*\(got str 'no'\)"):
        sla.StatusPageUpdate(o, resolved="no")


@pytest.mark.rule("zoho.severity.classify")
def test_a_severity_is_an_ascii_digit_not_any_unicode_digit() -> None:
    assert sla.Ticket("T", o, severity=" 2 ", category="slowness", level="Premium",
                      country="BR").severity == 2  # fmt: skip
    with pytest.raises(PartnerRulesError, match="severity"):
        sla.Ticket("T", o, severity="١", category="slowness", level="Premium", country="BR")


def test_results_built_by_hand_are_refused_or_checked() -> None:
    due = sla.deadlines(t)
    assert due.acknowledgement is not None
    with pytest.raises(InvalidTypeError, match="'plan' must be the engine's plan"):
        sla.Deadline(sla.Metric.ACKNOWLEDGEMENT, 0, due.acknowledgement.window, None, 0, 1, 2, None)
    with pytest.raises(InvalidTypeError, match="'in_scope' must be a bool"):
        sla.ScopeDecision(sla.SupportTopic.DELUGE, "yes", ())  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'reasons'"):
        sla.RequestCheck(True, (), None)  # type: ignore[arg-type]
    assert sla.RequestCheck(True, (), ()).ok
