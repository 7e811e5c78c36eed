"""SLA window behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a documented rule of the SLA windows (deadlines, pauses, the
share of a window used) where a changed operator or constant would show.
Expected values are computed independently (exact Decimal arithmetic,
half-open intervals), never copied from the engine's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.sla import ClockState, Metric, Pause, Ticket, deadlines, status

SP = ZoneInfo("America/Sao_Paulo")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=SP)  # open on every clock of the Zoho policy
US = dt.timedelta(microseconds=1)


def _ticket(**fields: object) -> Ticket:
    return Ticket(
        "T",
        MONDAY_10,
        severity=1,
        category="slowness",
        level="Premium",
        country="BR",
        **fields,  # type: ignore[arg-type]
    )


def test_a_determination_deadline_cites_its_own_window():
    """zoho.sla.matrix: the reasons of a problem-determination deadline name that window.

    Severity 1, Premium: acknowledgement 1-3 hours, problem determination 2-8
    hours (the Zoho matrix); the two deadlines cite one each.
    """
    due = deadlines(_ticket(responses=(MONDAY_10 + dt.timedelta(minutes=5),)))
    assert due.acknowledgement is not None
    (determination,) = due.determinations
    assert determination.metric is Metric.PROBLEM_DETERMINATION
    ack_facts = due.acknowledgement.reasons[0].facts
    pd_facts = determination.reasons[0].facts
    assert pd_facts["metric"] == Metric.PROBLEM_DETERMINATION.value
    assert pd_facts["window"] != ack_facts["window"]
    assert "8 hours" in str(pd_facts["window"])


def test_a_pause_holds_the_clock_from_its_start_to_just_before_its_end():
    """A pause is the half-open interval [start, end): held at its start, running at its end."""
    start, end = MONDAY_10 + dt.timedelta(minutes=1), MONDAY_10 + dt.timedelta(minutes=2)
    ticket = _ticket(pauses=(Pause(start, end),))
    assert status(ticket, start - US).windows[0].state is ClockState.RUNNING
    assert status(ticket, start).windows[0].state is ClockState.PAUSED
    assert status(ticket, end - US).windows[0].state is ClockState.PAUSED
    at_end = status(ticket, end).windows[0]
    assert at_end.state is ClockState.RUNNING
    assert at_end.elapsed == dt.timedelta(minutes=1)  # the minute before the pause only


def _half_even_share(elapsed: dt.timedelta, limit: dt.timedelta) -> Decimal:
    """elapsed / limit, half-even to 4 places, in exact Decimal arithmetic."""
    with localcontext() as ctx:
        ctx.prec = 60
        share = Decimal(elapsed // US) / Decimal(limit // US)
        return share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)


@pytest.mark.parametrize(("twentieths", "expected"), [(1, "0.0000"), (3, "0.0002"), (5, "0.0002")])
def test_the_share_used_rounds_half_to_even(twentieths: int, expected: str):
    """WindowStatus.used: 'elapsed / limit, half-even to 4 places'; ties go to the even digit.

    An elapsed time of k/20000 of the limit is a tie between two 4-place values:
    1/20000 = 0.00005 -> 0.0000, 3/20000 = 0.00015 -> 0.0002, 5/20000 = 0.00025 -> 0.0002.
    """
    limit = status(_ticket(), MONDAY_10).windows[0].limit
    assert limit is not None
    assert (limit // US) % 20_000 == 0  # so the ties are exact
    at = MONDAY_10 + limit * twentieths / 20_000
    window = status(_ticket(), at).windows[0]
    assert window.used == Decimal(expected) == _half_even_share(window.elapsed, limit)


@given(microseconds=st.integers(min_value=0, max_value=3 * 3_600_000_000))
def test_the_share_used_is_the_elapsed_share_of_the_limit(microseconds: int):
    """Law: used == elapsed / limit, half-even to 4 places (within a window open all along)."""
    window = status(_ticket(), MONDAY_10 + microseconds * US).windows[0]
    assert window.limit is not None
    assert window.elapsed == microseconds * US
    assert window.used == _half_even_share(window.elapsed, window.limit)
