"""Commission laws, as hypothesis properties.

Schedules and rates are drawn at random: none of them is published data.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

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

YEAR_START = dt.datetime(2026, 1, 1, tzinfo=SAO_PAULO)
SECONDS_IN_2026 = 365 * 24 * 3600 - 1

rates = st.integers(min_value=0, max_value=100).map(lambda p: Decimal(p) / 100)
units = st.integers(min_value=0, max_value=10**8)
instants_2026 = st.integers(min_value=0, max_value=SECONDS_IN_2026).map(
    lambda s: YEAR_START + dt.timedelta(seconds=s)
)


@st.composite
def contracts(draw: st.DrawFn, cid: str = "C-1") -> Contract:
    start = draw(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
    months = draw(st.integers(min_value=1, max_value=36))
    monthly = Money.from_minor_units(draw(units), "BRL")
    return Contract(cid, "Customer", start, months, monthly)


@st.composite
def commissions(draw: st.DrawFn) -> SaleCommission:
    tier = Tier("Standard", brl(0), draw(rates))
    sale = Sale("alfa", draw(contracts()), YEAR_START)
    (line,) = sale_commissions([sale], standard_tiers={"alfa": tier}, diamond_rate=draw(rates))
    return line


@st.composite
def payment_plans(draw: st.DrawFn, contract: Contract, *, everything: bool) -> list[Payment]:
    """Payments of each invoice, some split in parts; all invoices when *everything*."""
    out = []
    for inv in contract.invoices():
        if not everything and not draw(st.booleans()):
            continue
        total = inv.amount.minor_units
        cuts = sorted(draw(st.lists(st.integers(0, total), max_size=2)))
        if not everything and cuts:
            total = draw(st.integers(cuts[-1], total))  # perhaps not all of the invoice
        bounds = [0, *cuts, total]
        for n, (a, b) in enumerate(itertools.pairwise(bounds)):
            if b > a:
                out.append(
                    Payment(
                        f"{inv.id}#{n}",
                        inv.id,
                        Money.from_minor_units(b - a, "BRL"),
                        draw(instants_2026) + dt.timedelta(days=400),
                    )
                )
    return out


@pytest.mark.rule("omid.commission.paid_on_collection")
@given(st.data())
def test_releases_never_exceed_the_commission_and_equal_it_when_everything_is_paid(data):
    """omid.commission.paid_on_collection: no centavo lost or created."""
    line = data.draw(commissions())
    everything = data.draw(st.booleans())
    payments = data.draw(payment_plans(line.sale.contract, everything=everything))
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
    payments = data.draw(payment_plans(line.sale.contract, everything=False))
    instants = data.draw(st.permutations([p.paid_at for p in payments]))
    rearrived = [
        Payment(p.id, p.invoice_id, p.amount, at) for p, at in zip(payments, instants, strict=True)
    ]
    shuffled = data.draw(st.permutations(payments))
    first = release_commission(line, payments)
    assert release_commission(line, shuffled) == first
    assert release_commission(line, rearrived).released == first.released


@st.composite
def year_of_sales(draw: st.DrawFn) -> list[Sale]:
    count = draw(st.integers(min_value=1, max_value=5))
    return [Sale("alfa", draw(contracts(f"C-{i}")), draw(instants_2026)) for i in range(count)]


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


@st.composite
def schedules(draw: st.DrawFn) -> TierSchedule:
    steps = draw(st.lists(st.integers(1, 10**8), min_size=0, max_size=5))
    tiers = []
    minimum = 0
    for i, step in enumerate([0, *steps]):
        minimum += step
        team = i > 0 and draw(st.booleans())
        tiers.append(
            Tier(
                f"T{i}",
                Money.from_minor_units(minimum, "BRL"),
                draw(rates),
                requires_presales_team=team,
            )
        )
    return TierSchedule(tiers)


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
