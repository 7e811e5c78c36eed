"""SLA results are data: they unstructure to JSON-ready values with no private fields."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from partnerrules.convert import unstructure
from partnerrules.sla import APPENDIX_B, ZOHO, Pause, Ticket, deadlines, status

SP = ZoneInfo("America/Sao_Paulo")
H = dt.timedelta(hours=1)


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


@given(
    minutes=st.integers(0, 60 * 24 * 14),
    severity=st.integers(1, 3),
    category=st.sampled_from(["slowness", "downtime", "how-to", "feature request"]),
    policy=st.sampled_from([ZOHO, APPENDIX_B]),
)
def test_deadlines_and_status_unstructure_to_json_with_their_public_values(
    minutes: int, severity: int, category: str, policy: object
) -> None:
    opened = dt.datetime(2026, 11, 20, 9, tzinfo=SP) + dt.timedelta(minutes=minutes)
    t = Ticket(
        "T-1",
        opened,
        severity=severity,
        category=category,
        level="Premium",
        country="BR",
        subdivision="SP",
        pauses=[Pause(opened + H, opened + 2 * H)],
        responses=[opened + 3 * H, opened + 30 * H],
    )
    due = deadlines(t, policy=policy)  # type: ignore[arg-type]
    now = status(t, opened + 40 * H, policy=policy)  # type: ignore[arg-type]
    for result in (due, now):
        data = json.loads(json.dumps(unstructure(result)))
        assert not any(k.startswith("_") for k in _keys(data))
        assert data["ticket_id"] == "T-1"
        assert [r["rule_id"] for r in data["reasons"]] == [r.rule_id for r in result.reasons]
    data = unstructure(due)
    if due.acknowledgement is not None:
        ack = due.acknowledgement
        assert data["acknowledgement"]["limit_at"] == (
            None if ack.limit_at is None else ack.limit_at.isoformat()
        )
        assert data["acknowledgement"]["start"] == ack.start.isoformat()
    window = unstructure(now)["acknowledgement"]
    assert window["state"] == now.acknowledgement.state.value
    micro = now.acknowledgement.elapsed // dt.timedelta(microseconds=1)
    assert Decimal(window["elapsed"]) == Decimal(micro).scaleb(-6)  # seconds, exact
