"""The lifecycle boundary: hostile values give typed errors, never a builtin one or a hang.

Each entry calls one public callable (a constructor, a function or a method of
partnerrules.lifecycle) with valid arguments except one, which takes every
value of the hostile pool in turn. Only a PartnerRulesError may escape, from
the call or from reading what it returned, and no call may take a second (a
bound against hangs, not a benchmark).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from partnerrules import lifecycle as lc
from partnerrules.errors import HorizonError, PartnerRulesError
from partnerrules.sla import ZOHO, ResponseWindow


class BigInt(int):
    """An int of 5,000 digits whose repr is short (the pool's own repr must not fail)."""

    def __repr__(self) -> str:
        return "BigInt(10**5000)"


SP = ZoneInfo("America/Sao_Paulo")
o = dt.datetime(2026, 11, 23, 10, tzinfo=SP)
H = dt.timedelta(hours=1)
OPENED = lc.Opened("T", o, severity=1, category="slowness", level="Premium", country="BR")
HISTORY = lc.TicketHistory([OPENED, lc.Responded(o + H), lc.Resolved(o + 2 * H)])
WINDOW = ResponseWindow((1, "hours"), (2, "hours"))
FIELDS: dict[str, Any] = {
    "pausing_statuses": {"waiting": ["resolution"]},
    "counted_responses": ["public"],
    "resolution": dict.fromkeys((1, 2, 3), WINDOW),
    "on_severity_change": "restart",
    "restart_on_reopen": ["resolution"],
    "notifications": [lc.Notification("resolution", "0.5")],
    "escalations": [lc.EscalationLevel("boss", "resolution", H, relative_to="limit")],
}
POLICY = lc.LifecyclePolicy("x", "acme.x", ZOHO, **FIELDS)

HOSTILE: list[Any] = [
    None, True, 1.5, float("nan"), BigInt(10**5000), -1, "", "x" * 10_000, "١", b"x", [], {},
    object(), dt.datetime(2026, 1, 1), dt.datetime(1, 1, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, tzinfo=dt.UTC), dt.timedelta(days=999_999_999),
    dt.timedelta(days=-999_999_999), "1e999999", 10**30, -(10**30), 10**5000, [None], {"a": None},
]  # fmt: skip


def policy_with(field: str) -> Callable[[Any], object]:
    return lambda v: lc.LifecyclePolicy("x", "acme.x", ZOHO, **{**FIELDS, field: v})


CALLS: dict[str, Callable[[Any], object]] = {
    "Opened.id": lambda v: lc.Opened(v, o, severity=1, category="slowness", level="Premium",
                                     country="BR"),
    "Opened.at": lambda v: lc.Opened("T", v, severity=1, category="slowness", level="Premium",
                                     country="BR"),
    "Opened.severity": lambda v: lc.Opened("T", o, severity=v, category="slowness",
                                           level="Premium", country="BR"),
    "Opened.zone": lambda v: lc.Opened("T", o, severity=1, category="slowness", level="Premium",
                                       country="BR", zone=v),
    "StatusChanged.at": lambda v: lc.StatusChanged(v, "open"),
    "StatusChanged.status": lambda v: lc.StatusChanged(o, v),
    "Responded.visibility": lambda v: lc.Responded(o, visibility=v),
    "SeverityChanged": lambda v: lc.SeverityChanged(o, v),
    "LevelChanged": lambda v: lc.LevelChanged(o, v),
    "PolicyChanged.policy": lambda v: lc.PolicyChanged(o, v),
    "PolicyChanged.effective": lambda v: lc.PolicyChanged(o, ZOHO, effective=v),
    "Resolved": lambda v: lc.Resolved(v),
    "Closed": lambda v: lc.Closed(v),
    "Reopened": lambda v: lc.Reopened(v),
    "TicketHistory": lambda v: lc.TicketHistory(v),
    "TicketHistory.item": lambda v: lc.TicketHistory([OPENED, v]),
    "TicketHistory.until": lambda v: HISTORY.until(v),
    "TicketHistory.extended": lambda v: HISTORY.extended(v),
    "TicketHistory.from_ticket": lambda v: lc.TicketHistory.from_ticket(
        v, pause_status="w", resume_status="o"
    ),
    "Notification.clock": lambda v: lc.Notification(v, "0.5"),
    "Notification.fraction": lambda v: lc.Notification("resolution", v),
    "EscalationLevel.name": lambda v: lc.EscalationLevel(v, "resolution", H, relative_to="limit"),
    "EscalationLevel.offset": lambda v: lc.EscalationLevel("b", "resolution", v,
                                                           relative_to="limit"),
    "EscalationLevel.relative_to": lambda v: lc.EscalationLevel("b", "resolution", H,
                                                                relative_to=v),
    "EscalationLevel.rule_id": lambda v: lc.EscalationLevel("b", "resolution", H,
                                                            relative_to="limit", rule_id=v),
    "LifecyclePolicy.name": lambda v: lc.LifecyclePolicy(v, "acme.x", ZOHO, **FIELDS),
    "LifecyclePolicy.rule_id": lambda v: lc.LifecyclePolicy("x", v, ZOHO, **FIELDS),
    "LifecyclePolicy.sla": lambda v: lc.LifecyclePolicy("x", "acme.x", v, **FIELDS),
    **{f"LifecyclePolicy.{name}": policy_with(name) for name in FIELDS},
    "LifecyclePolicy.pausing": lambda v: POLICY.pausing(v),
    "evaluate.history": lambda v: lc.evaluate(v, o, policy=POLICY),
    "evaluate.at": lambda v: lc.evaluate(HISTORY, v, policy=POLICY),
    "evaluate.policy": lambda v: lc.evaluate(HISTORY, o, policy=v),
    "evaluate.zone": lambda v: lc.evaluate(HISTORY, o, policy=POLICY, zone=v),
    "windows_of": lambda v: lc.evaluate(HISTORY, o, policy=POLICY).windows_of(v),
    "evaluate_many.histories": lambda v: lc.evaluate_many(v, o, policy=POLICY),
    "evaluate_many.at": lambda v: lc.evaluate_many([HISTORY], v, policy=POLICY),
    "evaluate_many.policy": lambda v: lc.evaluate_many([HISTORY], o, policy=v),
    "ids.state": lambda v: lc.evaluate_many([HISTORY], o, policy=POLICY).ids(v),
    "ids.clock": lambda v: lc.evaluate_many([HISTORY], o, policy=POLICY).ids("met", clock=v),
    "batch.index": lambda v: lc.evaluate_many([HISTORY], o, policy=POLICY)[v],
}  # fmt: skip


def _use(result: object) -> None:
    """Read what a call returned, as a caller would: repr, and every result's parts."""
    repr(result)
    items = result if isinstance(result, list | lc.LifecycleBatch) else [result]
    for item in items:
        if isinstance(item, lc.TicketLifecycle):
            [str(r) for r in item.reasons]
            for w in item.windows:
                repr(w)
                [str(r) for r in w.reasons]
                [str(r) for n in w.notices for r in n.reasons]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_hostile_values_raise_only_typed_errors_and_never_hang(name: str) -> None:
    call = CALLS[name]
    for value in HOSTILE:
        started = time.perf_counter()
        with contextlib.suppress(PartnerRulesError):
            _use(call(value))
        assert time.perf_counter() - started < 1.0, (name, value)


def test_an_open_window_evaluated_past_the_horizon_is_a_typed_error() -> None:
    """Past the calendars' horizon (2100) the engine says so; settled windows need no calendar."""
    far = dt.datetime(2150, 1, 1, tzinfo=SP)
    with pytest.raises(HorizonError, match="2100"):
        lc.evaluate(lc.TicketHistory([OPENED]), far, policy=POLICY)
    settled = lc.evaluate(HISTORY, far, policy=POLICY)
    assert settled.resolution is not None
    assert settled.resolution.ended_at == o + 2 * H


def test_an_index_out_of_range_is_an_index_error_and_a_partnerrules_error() -> None:
    batch = lc.evaluate_many([HISTORY], o + H, policy=POLICY)
    with pytest.raises(IndexError, match="index 1 out of range for 1 histories") as caught:
        batch[1]
    assert isinstance(caught.value, PartnerRulesError)
    assert list(reversed(batch)) == list(batch)
    assert batch.index(batch[0]) == 0
