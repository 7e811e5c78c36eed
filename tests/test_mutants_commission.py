"""Commission behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

The campaigns, rates and periods here are EXAMPLES invented for the tests (the
source publishes only the Diamond campaign). Expected commissions are worked
out by hand from the documented rule: contract value x rate.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal

from partnerrules.commission import (
    SAO_PAULO,
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    RateBasis,
    Sale,
    SaleCommission,
    Tier,
    commission_statement,
    sale_commissions,
    top_mrr_car,
)
from partnerrules.contracts import Contract
from partnerrules.money import brl

RESELLER = Tier("Reseller", brl(0), Decimal("0.08"))  # EXAMPLE standard tier


def _every_sale(rule_id: str, rate: str, start: dt.date, end: dt.date) -> Campaign:
    return Campaign(
        rule_id,
        CampaignTrigger.EVERY_SALE,
        Decimal(rate),
        name=rule_id,
        tier=rule_id,
        zone="America/Sao_Paulo",
        period=CampaignPeriod(start, end),
    )


AUTUMN = _every_sale("acme.campaign.autumn", "0.10", dt.date(2026, 9, 1), dt.date(2026, 12, 1))
SPRING = _every_sale("acme.campaign.spring", "0.12", dt.date(2026, 3, 1), dt.date(2026, 7, 1))


def test_a_campaign_out_of_its_period_leaves_the_sale_to_the_next_campaign():
    """'The first campaign of the plan that pays a sale sets its rate': one out of period does not.

    An April sale under [autumn, spring]: autumn's period does not hold it, so
    spring pays it, 12% of 12 x R$ 10,000 = R$ 14,400.
    """
    contract = Contract("C-1", "ACME", dt.date(2026, 8, 1), 12, brl(10_000))
    sale = Sale("P-1", contract, dt.datetime(2026, 4, 10, 12, tzinfo=SAO_PAULO))
    (paid,) = sale_commissions(
        [sale], standard_tiers={"P-1": RESELLER}, plan=CommissionPlan([AUTUMN, SPRING])
    )
    assert paid.campaign == SPRING
    assert paid.basis is RateBasis.CAMPAIGN
    assert paid.rate == Decimal("0.12")
    assert paid.commission == brl(14_400)


def test_a_sale_commission_takes_its_tier_rule_by_keyword_only():
    """SaleCommission's optional fields are keyword-only, so positional results cannot drift."""
    parameters = inspect.signature(SaleCommission).parameters
    assert parameters["tier_rule"].kind is inspect.Parameter.KEYWORD_ONLY


def _sale(partner: str, cid: str, signed_at: dt.datetime, mrr: int = 1_000) -> Sale:
    return Sale(partner, Contract(cid, "ACME", dt.date(2026, 8, 1), 12, brl(mrr)), signed_at)


def test_a_statement_holds_the_sales_signed_before_its_end_day_only():
    """commission_statement covers [start, end): *end* is 'the day after the last (exclusive)'.

    A sale signed at midnight of *end* (in the statement's zone) belongs to the
    next period; one signed a microsecond earlier to this one.
    """
    end = dt.datetime(2026, 7, 1, tzinfo=SAO_PAULO)
    before = _sale("P-1", "C-0", end - dt.timedelta(microseconds=1))
    at_end = _sale("P-1", "C-1", end)
    statement = commission_statement(
        "P-1",
        [before, at_end],
        [],
        start=dt.date(2026, 6, 1),
        end=dt.date(2026, 7, 1),
        standard_tiers={"P-1": RESELLER},
        plan=CommissionPlan([SPRING]),
    )
    assert [line.sale.contract.id for line in statement.lines] == ["C-0"]


def test_car_standings_break_ties_by_name():
    """CarAward.standings: 'largest first, ties by name', whatever the order of the sales."""
    signed = dt.datetime(2026, 5, 4, 12, tzinfo=SAO_PAULO)
    sales = [
        _sale("delta", "C-1", signed, 2_000),
        _sale("charlie", "C-2", signed, 3_000),
        _sale("bravo", "C-3", signed, 2_000),
        _sale("alfa", "C-4", signed, 1_000),
    ]
    award = top_mrr_car(sales, year=2026)
    assert [partner for partner, _ in award.standings] == ["charlie", "bravo", "delta", "alfa"]
    assert [mrr for _, mrr in award.standings] == [brl(3_000), brl(2_000), brl(2_000), brl(1_000)]
