"""Commission laws, as hypothesis properties.

Schedules and rates are drawn at random: none of them is published data.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.commission import (
    SAO_PAULO,
    Payment,
    RateBasis,
    Sale,
    SaleCommission,
    Tier,
    TierSchedule,
    commission_statement,
    qualify_tier,
    release_commission,
    sale_commissions,
)
from partnerrules.contracts import Contract
from partnerrules.money import Money, brl
from partnerrules.testing import strategies as prs

YEAR_START = dt.datetime(2026, 1, 1, tzinfo=SAO_PAULO)
SECONDS_IN_2026 = 365 * 24 * 3600 - 1

rates = prs.rates()
units = prs.brl_amounts(max_units=10**8).map(lambda m: m.minor_units)
instants_2026 = prs.instants(
    min_value=YEAR_START,
    max_value=YEAR_START + dt.timedelta(seconds=SECONDS_IN_2026),
    timezones=st.just(SAO_PAULO),
)


def contracts(cid: str = "C-1") -> st.SearchStrategy[Contract]:
    return prs.contracts(
        ids=st.just(cid),
        starts=prs.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)),
        terms=st.integers(min_value=1, max_value=36),
        monthly=prs.brl_amounts(max_units=10**8),
    )


def commissions() -> st.SearchStrategy[SaleCommission]:
    return prs.sale_commissions(sale=prs.sales(contract=contracts()))


@pytest.mark.rule("omid.commission.paid_on_collection")
@given(st.data())
def test_releases_never_exceed_the_commission_and_equal_it_when_everything_is_paid(data):
    """omid.commission.paid_on_collection: no centavo lost or created."""
    line = data.draw(commissions())
    everything = data.draw(st.booleans())
    payments = data.draw(prs.payment_plans(line.sale.contract, complete=everything))
    payout = release_commission(line, payments)
    released = sum(r.amount.minor_units for r in payout.releases)
    commission = line.commission.minor_units
    assert released == payout.released.minor_units <= commission
    assert payout.released + payout.pending + payout.forfeited == line.commission
    if everything:
        assert payout.released == line.commission
        assert payout.pending.is_zero()
    tcv = line.value.minor_units
    for r in payout.releases:
        # each release is its share of the commission within one centavo
        assert r.amount.minor_units >= 0
        assert abs(r.amount.minor_units * tcv - commission * r.paid.minor_units) <= tcv


@pytest.mark.rule("omid.commission.paid_on_collection")
@given(st.data())
def test_the_order_payments_arrive_in_does_not_change_the_total_released(data):
    """omid.commission.paid_on_collection: the total depends on what was paid, not when."""
    line = data.draw(commissions())
    payments = data.draw(prs.payment_plans(line.sale.contract, complete=False))
    instants = data.draw(st.permutations([p.paid_at for p in payments]))
    rearrived = [
        Payment(p.id, p.invoice_id, p.amount, at) for p, at in zip(payments, instants, strict=True)
    ]
    shuffled = data.draw(st.permutations(payments))
    first = release_commission(line, payments)
    assert release_commission(line, shuffled) == first
    assert release_commission(line, rearrived).released == first.released


def year_of_sales() -> st.SearchStrategy[list[Sale]]:
    return prs.sale_lists(
        partners=st.just("alfa"),
        contract=contracts(),
        signed_at=instants_2026,
        min_size=1,
        max_size=5,
    )


def year_total(sales: list[Sale], tier: Tier) -> Money:
    lines = sale_commissions(sales, standard_tiers={"alfa": tier})
    return Money.total((x.commission for x in lines if x.sale.year() == 2026), "BRL")


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@given(year_of_sales(), contracts("N-new"), st.integers(0, SECONDS_IN_2026), rates)
def test_a_sale_added_after_the_years_first_never_lowers_the_years_commission(
    sales, new_contract, offset, rate
):
    """omid.campaign.first_sale_diamond: adding a sale that is not the year's first.

    (An earlier sale takes the campaign and can lower the total: see
    test_an_earlier_small_sale_takes_the_campaign_from_a_larger_one.)
    """
    tier = Tier("Standard", brl(0), rate)
    first = min(s.signed_at for s in sales)
    last_second = YEAR_START.replace(year=2027) - dt.timedelta(seconds=1)
    added = Sale("alfa", new_contract, min(first + dt.timedelta(seconds=offset), last_second))
    after = sale_commissions([*sales, added], standard_tiers={"alfa": tier})
    assert [x.basis for x in after].count(RateBasis.CAMPAIGN) == 1
    assert year_total([*sales, added], tier) >= year_total(sales, tier)


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@given(year_of_sales(), contracts("N-new"), rates)
def test_a_sale_of_another_year_does_not_change_this_years_commission(sales, new_contract, rate):
    """omid.campaign.first_sale_diamond: each calendar year has its own first sale."""
    tier = Tier("Standard", brl(0), rate)
    added = Sale("alfa", new_contract, YEAR_START - dt.timedelta(seconds=1))
    assert year_total([*sales, added], tier) == year_total(sales, tier)


@pytest.mark.rule("omid.commission.paid_on_collection")
@given(year_of_sales(), rates)
def test_a_statement_splits_each_commission_into_released_pending_and_forfeited(sales, rate):
    """omid.commission.paid_on_collection: the statement's amounts add up."""
    tier = Tier("Standard", brl(0), rate)
    st_ = commission_statement(
        "alfa", sales, [], start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1),
        standard_tiers={"alfa": tier},
    )  # fmt: skip
    assert len(st_.lines) == len(sales)
    assert st_.commission == year_total(sales, tier)
    for line in st_.lines:
        assert line.released + line.pending + line.forfeited == line.commission
    assert st_.released.is_zero()


def schedules() -> st.SearchStrategy[TierSchedule]:
    return prs.tier_schedules()


@pytest.mark.rule("omid.tier.by_annual_tcv")
@given(schedules(), units, units, st.booleans())
def test_tier_qualification_is_monotonic_in_annual_tcv(schedule, a, b, team):
    """omid.tier.by_annual_tcv: more TCV never means a lower tier; a team never hurts."""
    low, high = sorted((a, b))
    names = schedule.names

    def rank(tcv: int, has_team: bool) -> int:
        tier = schedule.tier_for(Money.from_minor_units(tcv, "BRL"), has_presales_team=has_team)
        return names.index(tier.name)

    assert rank(low, team) <= rank(high, team)
    assert rank(low, False) <= rank(low, True)


@pytest.mark.rule("omid.tier.by_annual_tcv")
@given(schedules(), units, st.booleans())
def test_the_missing_tcv_reaches_exactly_the_next_tier(schedule, tcv, team):
    """omid.tier.by_annual_tcv (§10): adding the missing TCV reaches the next tier."""
    standing = qualify_tier(
        Money.from_minor_units(tcv, "BRL"), schedule=schedule, has_presales_team=team
    )
    assert standing.tier.minimum <= standing.annual_tcv
    assert not standing.tier.requires_presales_team or team
    if standing.next_tier is None:
        assert standing.missing is None
    else:
        assert standing.missing is not None
        assert standing.missing.is_positive()
        reached = schedule.tier_for(standing.annual_tcv + standing.missing, has_presales_team=team)
        assert reached == standing.next_tier
        just_short = standing.annual_tcv + standing.missing - brl("0.01")
        assert schedule.tier_for(just_short, has_presales_team=team) != standing.next_tier
