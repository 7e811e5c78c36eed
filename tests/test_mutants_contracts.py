"""Contract behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a documented rule of :mod:`partnerrules.contracts` at the
point where a changed operator or constant would show. Expected fractions
come from the day-count conventions themselves (actual days over the days of
the month; ISDA 30/360), not from the code's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import InvalidValueError, brl
from partnerrules.contracts import (
    Contract,
    DataLink,
    Proration,
    cancellation_quote,
    traffic_charge,
)

JAN_15 = dt.date(2026, 1, 15)


@pytest.mark.parametrize("convention", list(Proration))
@pytest.mark.parametrize(
    "end",
    [dt.date(2026, 2, 10), dt.date(2026, 3, 1), dt.date(2026, 3, 10)],
    ids=["into the next month", "to the 1st two months on", "two months on"],
)
def test_a_span_leaving_its_calendar_month_is_refused(convention: Proration, end: dt.date):
    """Proration.fraction: 'the span ... leaves the calendar month' raises InvalidValueError.

    Only the 1st of the next month may end a span (it is exclusive).
    """
    with pytest.raises(InvalidValueError) as caught:
        convention.fraction(JAN_15, end)
    assert caught.value.field == "end"


@given(day=st.integers(min_value=2, max_value=31))
def test_actual_actual_counts_the_days_to_the_1st_of_next_month(day: int):
    """ACTUAL_ACTUAL: actual days over the month's days; a span ending on the 1st is not full."""
    start = dt.date(2026, 1, day)
    end = dt.date(2026, 2, 1)
    assert Proration.ACTUAL_ACTUAL.fraction(start, end) == Fraction(32 - day, 31)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (dt.date(2026, 1, 30), dt.date(2026, 1, 31), 0),  # D1 = 30, so D2 = 31 counts as 30
        (dt.date(2026, 1, 29), dt.date(2026, 1, 31), 2),  # D1 = 29: D2 stays 31
        (dt.date(2026, 1, 31), dt.date(2026, 2, 1), 1),  # D1 = 31 counts as 30
        (dt.date(2026, 2, 28), dt.date(2026, 3, 1), 3),  # February's end counts as day 28
    ],
)
def test_thirty_360_follows_the_isda_day_rules(start: dt.date, end: dt.date, days: int):
    """30/360 (ISDA bond basis): D1 = min(D1, 30); D2 = 30 when D2 is 31 and D1 is 30.

    The fraction of a month is (30 x (M2 - M1) + D2 - D1) / 30.
    """
    assert Proration.THIRTY_360.fraction(start, end) == Fraction(days, 30)


def test_a_contract_may_start_on_the_first_day_a_date_holds():
    """A term's end is checked only against the far end of the calendar (year 9999)."""
    contract = Contract("C-1", "ACME", dt.date(1, 1, 1), 12, brl("100"))
    assert contract.start == dt.date(1, 1, 1)
    assert contract.months == 12


def test_a_zero_traffic_volume_is_recorded():
    """omid.contract.fixed_link_traffic: a volume is >= 0 (recorded, never charged); 0 is one."""
    charge = traffic_charge([DataLink("L-1", brl("10"))], volume_gb=Decimal(0))
    assert charge.volume_gb == 0
    assert charge.total == brl("10")


def test_cancelling_on_the_end_date_says_the_contract_ends():
    """cancellation_quote: 'on or after the end nothing' remains, and the reason says it ends."""
    contract = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("10000"))
    quote = cancellation_quote(contract, contract.end)
    assert quote.remaining == brl("0")
    assert quote.fee == brl("0")
    lead = quote.reasons[0]
    assert "ends on" in lead.template
    assert "left to serve" not in lead.template
