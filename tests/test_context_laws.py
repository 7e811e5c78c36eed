"""Contracts and commission ignore the caller's decimal context (issue: results moved by centavos).

Rules money.brl.exact, omid.contract.cancellation_fee, omid.contract.addendum_coterm,
omid.campaign.first_sale_diamond and omid.commission.paid_on_collection: each result computed
under a hostile context (low precision, odd rounding, signals trapped) equals the result
computed under the default context, and the caller's context is left as it was.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import commission, contracts
from partnerrules.money import brl
from test_money_context import HOSTILE_CONTEXTS

SP = ZoneInfo("America/Sao_Paulo")
RESELLER = commission.Tier("Reseller", brl(0), Decimal("0.05"), resale_discount=Decimal("0.10"))


def _everything(start: dt.date, months: int, monthly: str, cancel: dt.date) -> object:
    c = contracts.Contract("C-1", "ACME", start, months, brl(monthly), discount=Decimal("0.125"))
    quote = contracts.cancellation_quote(c, cancel)
    terms = contracts.contract_terms(c)
    invoices = c.invoices()
    added = start + dt.timedelta(days=40)
    addendum = (
        contracts.add_addendum(c, "backup", list_price=brl("333.33"), start=added)
        if added < c.end
        else None
    )
    sale = commission.Sale("alfa", c, dt.datetime.combine(start, dt.time(10), tzinfo=SP))
    (line,) = commission.sale_commissions([sale], standard_tiers={"alfa": RESELLER})
    payments = [
        commission.Payment(
            f"P-{i.number}",
            i.id,
            i.amount,
            dt.datetime.combine(i.period_start, dt.time(9), tzinfo=SP),
        )
        for i in invoices[: months // 2 + 1]
        if i.amount.is_positive()
    ]
    payout = commission.release_commission(line, payments)
    return (
        quote,
        terms,
        invoices,
        addendum,
        line.commission,
        line.rate,
        payout.released,
        payout.releases,
    )


@pytest.mark.rule("money.brl.exact")
@pytest.mark.rule("omid.contract.cancellation_fee")
@pytest.mark.rule("omid.commission.paid_on_collection")
@pytest.mark.parametrize("context", HOSTILE_CONTEXTS.values(), ids=HOSTILE_CONTEXTS.keys())
@given(
    start=st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)),
    months=st.integers(1, 48),
    monthly=st.decimals(Decimal("0.01"), Decimal("999999.99"), places=2).map(str),
    offset=st.integers(-40, 1600),
)
def test_contract_and_commission_results_do_not_depend_on_the_callers_context(
    context: decimal.Context, start: dt.date, months: int, monthly: str, offset: int
) -> None:
    cancel = start + dt.timedelta(days=offset)
    expected = _everything(start, months, monthly, cancel)
    with decimal.localcontext(context) as hostile:
        before = (hostile.prec, hostile.rounding, hostile.traps.copy(), hostile.flags.copy())
        got = _everything(start, months, monthly, cancel)
        assert (hostile.prec, hostile.rounding, hostile.traps, hostile.flags) == before
    assert got == expected


def test_the_issues_cancellation_fee_example_under_a_five_digit_context() -> None:
    """A cancellation fee moved by 18 centavos under prec=5: no more."""
    c = contracts.Contract("C-9", "ACME", dt.date(2026, 1, 1), 12, brl("10000.07"))
    on = dt.date(2026, 7, 17)
    expected = contracts.cancellation_quote(c, on)
    with decimal.localcontext(decimal.Context(prec=5)):
        got: Callable[[], object] = lambda: contracts.cancellation_quote(c, on)  # noqa: E731
        assert got() == expected
