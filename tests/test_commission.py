"""Commission: tiers, the first-sale Diamond campaign, payouts on collection, awards, income.

Every schedule here is an EXAMPLE: the source names the tiers and gives
Diamond Partner's 16%, nothing else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import partnerrules.commission as commission_module
from partnerrules.commission import (
    SAO_PAULO,
    Payment,
    RateBasis,
    Sale,
    SalesTripAward,
    Tier,
    TierSchedule,
    agency_fee,
    annual_tcv,
    award_sales_trip,
    commission_statement,
    commission_statements,
    qualify_tier,
    release_commission,
    resale_margin,
    sale_commissions,
    top_mrr_car,
)
from partnerrules.contracts import Contract
from partnerrules.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownKeyError,
)
from partnerrules.money import Money, brl
from partnerrules.policies import omid

UTC = dt.UTC

# An EXAMPLE schedule for the tests. The thresholds, the rates below Diamond
# and the discount are invented for illustration; only the names and 16% are
# published.
RESELLER = Tier("Reseller", brl(0), Decimal("0.08"))
PRESALES = Tier(
    "Reseller com Pré-Venda", brl(500_000), Decimal("0.10"), requires_presales_team=True
)
VAR = Tier("VAR", brl(1_000_000), Decimal("0.12"), resale_discount=Decimal("0.20"))
DIAMOND = Tier("Diamond Partner", brl(2_000_000), omid.DIAMOND_RATE)
EXAMPLE_SCHEDULE = TierSchedule([RESELLER, PRESALES, VAR, DIAMOND])


def sp(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SAO_PAULO)  # type: ignore[misc]


def contract(
    cid: str, monthly: str | int, months: int = 12, start: dt.date = dt.date(2026, 2, 1)
) -> Contract:
    return Contract(cid, "ACME Ltda", start, months, brl(monthly))


def sale(partner: str, cid: str, monthly: str | int, signed_at: dt.datetime, **kw: Any) -> Sale:
    return Sale(partner, contract(cid, monthly, **kw), signed_at)


FEB_10 = sp(2026, 2, 10)


def pay_all(c: Contract, *, first: dt.datetime = FEB_10, count: int | None = None):
    invoices = c.invoices()[:count]
    return [
        Payment(f"{inv.id}-pay", inv.id, inv.amount, first + dt.timedelta(days=30 * i))
        for i, inv in enumerate(invoices)
    ]


# -- omid.tier.by_annual_tcv ---------------------------------------------------


@pytest.mark.rule("omid.tier.by_annual_tcv")
@pytest.mark.parametrize(
    ("tcv", "team", "expected"),
    [
        ("0", True, "Reseller"),
        ("499999.99", True, "Reseller"),
        ("500000", True, "Reseller com Pré-Venda"),
        ("500000", False, "Reseller"),
        ("999999.99", False, "Reseller"),
        ("1000000", False, "VAR"),
        ("1999999.99", True, "VAR"),
        ("2000000", False, "Diamond Partner"),
        ("90000000", True, "Diamond Partner"),
    ],
)
def test_a_partner_holds_the_highest_tier_its_annual_tcv_reaches(tcv, team, expected):
    """omid.tier.by_annual_tcv: bounds are half-open; a minimum belongs to its own tier."""
    standing = qualify_tier(brl(tcv), schedule=EXAMPLE_SCHEDULE, has_presales_team=team)
    assert standing.tier.name == expected
    assert EXAMPLE_SCHEDULE.tier_for(brl(tcv), has_presales_team=team).name == expected


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_without_a_presales_team_a_partner_gets_the_best_tier_that_does_not_need_one():
    """omid.tier.by_annual_tcv: Reseller com Pré-Venda needs a qualified technical team."""
    standing = qualify_tier(brl(600_000), schedule=EXAMPLE_SCHEDULE, has_presales_team=False)
    assert standing.tier is RESELLER
    assert standing.blocked == (PRESALES,)
    assert [str(r) for r in standing.reasons] == [
        "annual TCV R$600,000.00 qualifies for tier Reseller (from R$0.00), paying 8%",
        "Reseller com Pré-Venda needs a qualified pre-sales team, which the partner lacks",
        "R$400,000.00 more annual TCV reaches VAR (from R$1,000,000.00)",
    ]
    assert all(r.rule_id == "omid.tier.by_annual_tcv" for r in standing.reasons)


@pytest.mark.rule("omid.tier.by_annual_tcv")
@pytest.mark.parametrize(
    ("tcv", "team", "next_name", "missing"),
    [
        ("300000", True, "Reseller com Pré-Venda", "200000.00"),
        ("300000", False, "VAR", "700000.00"),
        ("500000", True, "VAR", "500000.00"),
        ("1250000.50", True, "Diamond Partner", "749999.50"),
    ],
)
def test_the_tcv_missing_to_the_next_tier_is_its_minimum_less_the_annual_tcv(
    tcv, team, next_name, missing
):
    """omid.tier.by_annual_tcv (§10, the TCV needed to move up)."""
    standing = qualify_tier(brl(tcv), schedule=EXAMPLE_SCHEDULE, has_presales_team=team)
    assert standing.next_tier is not None
    assert standing.next_tier.name == next_name
    assert standing.missing == brl(missing)


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_the_top_tier_has_nothing_left_to_reach():
    """omid.tier.by_annual_tcv: Diamond Partner is the top of the example schedule."""
    standing = qualify_tier(brl(3_000_000), schedule=EXAMPLE_SCHEDULE, has_presales_team=False)
    assert (standing.tier, standing.next_tier, standing.missing) == (DIAMOND, None, None)
    assert str(standing.reasons[-1]) == "Diamond Partner is the highest tier it can hold"


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_the_library_ships_tier_names_and_the_diamond_rate_but_no_thresholds():
    """omid.tier.by_annual_tcv: no invented threshold in the library's data."""
    assert omid.TIER_NAMES == ("Reseller", "Reseller com Pré-Venda", "VAR", "Diamond Partner")
    assert Decimal("0.16") == omid.DIAMOND_RATE
    shipped = [v for v in vars(commission_module).values() if isinstance(v, (Tier, TierSchedule))]
    assert shipped == []


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_a_schedule_may_state_upper_bounds_that_meet_the_next_minimum():
    """omid.tier.by_annual_tcv: explicit half-open bounds are checked, not trusted."""
    low = Tier("Reseller", brl(0), Decimal("0.08"), below=brl(100))
    schedule = TierSchedule([low, Tier("VAR", brl(100), Decimal("0.1"))])
    assert schedule.names == ("Reseller", "VAR")
    assert schedule.tier("VAR").rate == Decimal("0.1")
    assert schedule.tier_for(brl("99.99"), has_presales_team=False) is low


@pytest.mark.rule("omid.tier.by_annual_tcv")
@pytest.mark.parametrize(
    ("tiers", "match"),
    [
        ([], r"'tiers' must be at least one Tier \(got \[\]\)"),
        (
            [Tier("Reseller", brl(10), Decimal("0.08"))],
            r"'tiers\[0\].minimum' must be 0 BRL .*annual TCV below it has no tier \(a gap\)",
        ),
        (
            [Tier("Reseller", brl(0), Decimal("0.08"), requires_presales_team=True)],
            r"'tiers\[0\].requires_presales_team' must be False .*without a pre-sales team",
        ),
        (
            [RESELLER, Tier("VAR", brl(0), Decimal("0.1"))],
            r"'tiers\[1\].minimum' must be greater than tiers\[0\].minimum 0.00 BRL .*overlap",
        ),
        (
            [RESELLER, VAR, PRESALES],
            r"'tiers\[2\].minimum' must be greater than tiers\[1\].minimum 1000000.00 BRL",
        ),
        (
            [Tier("Reseller", brl(0), Decimal("0.08"), below=brl(90)), VAR],
            r"'tiers\[0\].below' must be equal to tiers\[1\].minimum .*would leave a gap",
        ),
        (
            [Tier("Reseller", brl(0), Decimal("0.08"), below=brl(2_000_000)), VAR],
            r"'tiers\[0\].below' must be equal to tiers\[1\].minimum .*would leave an overlap",
        ),
        (
            [RESELLER, Tier("VAR", brl(10), Decimal("0.1"), below=brl(20))],
            r"'tiers\[1\].below' must be None \(the highest tier has no upper bound\)",
        ),
        (
            [RESELLER, Tier("Reseller", brl(10), Decimal("0.1"))],
            r"'tiers\[1\].name' must be a name not already used by tiers\[0\] \(got 'Reseller'\)",
        ),
        ("Reseller", r"'tiers' must be an iterable of a Tier \(got str 'Reseller'\)"),
        ([RESELLER, "VAR"], r"'tiers\[1\]' must be a Tier \(got str 'VAR'\)"),
    ],
)
def test_an_invalid_tier_schedule_cannot_be_built(tiers, match):
    """omid.tier.by_annual_tcv: gaps, overlaps, order, names, each a clear error."""
    with pytest.raises((InvalidValueError, InvalidTypeError), match=match):
        TierSchedule(tiers)


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_annual_tcv_counts_the_partners_contracts_signed_in_the_sao_paulo_year():
    """omid.tier.by_annual_tcv: 23:30 on 31 Dec in São Paulo is already 2027 in UTC."""
    sales = [
        sale("alfa", "C-1", 10_000, sp(2026, 1, 5, 9)),
        sale("alfa", "C-2", 1_000, sp(2026, 12, 31, 23, 30)),
        sale("alfa", "C-3", 7, sp(2027, 1, 1, 0, 30)),
        sale("beta", "C-4", 50_000, sp(2026, 6, 1)),
    ]
    assert sales[1].signed_at.astimezone(UTC).year == 2027
    assert annual_tcv(sales, partner="alfa", year=2026) == brl(132_000)
    assert annual_tcv(sales, partner="alfa", year=2027) == brl(84)
    assert annual_tcv(sales, partner="gama", year=2026) == brl(0)


# -- omid.campaign.first_sale_diamond ------------------------------------------


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.parametrize("standard", [RESELLER, PRESALES, VAR, DIAMOND])
def test_first_sale_of_the_year_earns_diamond_rate_whatever_the_tier(standard):
    """omid.campaign.first_sale_diamond: POLICIES example, TCV R$ 120.000,00 -> R$ 19.200,00."""
    first = sale("alfa", "C-1", 10_000, sp(2026, 1, 20, 15))
    assert first.value == brl(120_000)
    (line,) = sale_commissions([first], standard_tiers={"alfa": standard})
    assert line.basis is RateBasis.CAMPAIGN
    assert line.rate == Decimal("0.16")
    assert line.commission == brl("19200.00")
    assert line.commission.format("pt_BR") == "R$\xa019.200,00"
    assert all(r.rule_id == "omid.campaign.first_sale_diamond" for r in line.reasons)


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_the_campaign_reason_names_the_year_and_what_the_standard_tier_would_pay():
    """omid.campaign.first_sale_diamond: the reason reads as a sentence."""
    first = sale("alfa", "C-1", 10_000, sp(2026, 1, 20, 15))
    (line,) = sale_commissions([first], standard_tiers={"alfa": RESELLER})
    assert [str(r) for r in line.reasons] == [
        "16% because this is alfa's first sale of 2026 (Diamond campaign); "
        "standard tier Reseller would pay 8%",
        "commission R$19,200.00 is 16% of the TCV R$120,000.00 of contract C-1",
    ]
    assert line.reasons[1].render("pt_BR") == (
        "a comissão de R$\xa019.200,00 é 16% do TCV de R$\xa0120.000,00 do contrato C-1"
    )


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_after_the_first_sale_the_partner_returns_to_its_standard_tier():
    """omid.campaign.first_sale_diamond then omid.tier.by_annual_tcv for later sales."""
    sales = [
        sale("alfa", "C-2", 5_000, sp(2026, 3, 5), months=6),
        sale("alfa", "C-1", 10_000, sp(2026, 1, 20)),
        sale("alfa", "C-3", 1_000, sp(2026, 3, 6), months=10),
    ]
    lines = sale_commissions(sales, standard_tiers={"alfa": VAR})
    assert [(x.sale.contract.id, x.basis, x.commission) for x in lines] == [
        ("C-1", RateBasis.CAMPAIGN, brl("19200.00")),
        ("C-2", RateBasis.TIER, brl("3600.00")),
        ("C-3", RateBasis.TIER, brl("1200.00")),
    ]
    assert str(lines[1].reasons[0]) == (
        "12%, the rate of alfa's standard tier VAR: "
        "its first sale of 2026 already took the Diamond campaign"
    )
    assert lines[1].reasons[0].rule_id == "omid.tier.by_annual_tcv"


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_each_partner_and_each_sao_paulo_year_has_its_own_first_sale():
    """omid.campaign.first_sale_diamond: 22:00 on 31 Dec in São Paulo is still that year."""
    sales = [
        sale("alfa", "A-1", 1_000, sp(2026, 5, 1)),
        sale("alfa", "A-2", 1_000, sp(2026, 12, 31, 22)),  # 01:00 UTC on 1 Jan 2027
        sale("alfa", "A-3", 1_000, sp(2027, 1, 2)),
        sale("beta", "B-1", 1_000, sp(2026, 11, 1)),
    ]
    tiers = {"alfa": RESELLER, "beta": RESELLER}
    basis = {x.sale.contract.id: x.basis for x in sale_commissions(sales, standard_tiers=tiers)}
    assert basis == {
        "A-1": RateBasis.CAMPAIGN,
        "A-2": RateBasis.TIER,
        "A-3": RateBasis.CAMPAIGN,
        "B-1": RateBasis.CAMPAIGN,
    }


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_two_sales_signed_at_the_same_instant_are_ordered_by_contract_id():
    """omid.campaign.first_sale_diamond: the tie-break is deterministic, not input order."""
    at_sp = sp(2026, 2, 2, 10)
    at_utc = at_sp.astimezone(UTC)  # the same instant in another zone
    b = sale("alfa", "C-B", 1_000, at_sp)
    a = sale("alfa", "C-A", 9_000, at_utc)
    for order in ([a, b], [b, a]):
        lines = sale_commissions(order, standard_tiers={"alfa": RESELLER})
        assert [(x.sale.contract.id, x.basis) for x in lines] == [
            ("C-A", RateBasis.CAMPAIGN),
            ("C-B", RateBasis.TIER),
        ]


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_the_campaign_rate_is_a_parameter_defaulting_to_the_pack():
    """omid.campaign.first_sale_diamond: diamond_rate overrides the pack's 16%."""
    first = sale("alfa", "C-1", 10_000, sp(2026, 1, 20))
    (line,) = sale_commissions(
        [first], standard_tiers={"alfa": RESELLER}, diamond_rate=Decimal("0.2")
    )
    assert line.commission == brl(24_000)


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_an_earlier_small_sale_takes_the_campaign_from_a_larger_one():
    """omid.campaign.first_sale_diamond: the first sale is the earliest, not the largest.

    So the year's commission can go down when an earlier sale is recorded:
    the large sale falls back to the standard rate.
    """
    big = sale("alfa", "C-1", 10_000, sp(2026, 3, 1))
    small = sale("alfa", "C-0", 100, sp(2026, 1, 2))
    tiers = {"alfa": RESELLER}
    before = sale_commissions([big], standard_tiers=tiers)
    after = sale_commissions([big, small], standard_tiers=tiers)
    assert [x.commission for x in before] == [brl(19_200)]
    assert [x.commission for x in after] == [brl(192), brl(9_600)]


# -- omid.commission.paid_on_collection ----------------------------------------


def first_sale_commission(monthly: str | int = 10_000, months: int = 12, **kw: Any):
    (line,) = sale_commissions(
        [Sale("alfa", contract("C-1", monthly, months, **kw), sp(2026, 1, 20))],
        standard_tiers={"alfa": RESELLER},
    )
    return line


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_each_paid_invoice_releases_its_share_of_the_commission():
    """omid.commission.paid_on_collection: R$ 19.200 released R$ 1.600 per paid month."""
    line = first_sale_commission()
    payout = release_commission(line, pay_all(line.sale.contract, count=3))
    assert [r.amount for r in payout.releases] == [brl(1_600)] * 3
    assert (payout.collected, payout.released, payout.pending, payout.forfeited) == (
        brl(30_000),
        brl(4_800),
        brl(14_400),
        brl(0),
    )
    assert str(payout.releases[0].reason) == (
        "payment C-1/1-pay of R$10,000.00 on invoice C-1/1 releases R$1,600.00"
    )
    assert [str(r) for r in payout.reasons] == [
        "released R$4,800.00 of the R$19,200.00 commission on contract C-1: "
        "its share of the R$30,000.00 the customer has paid",
        "R$14,400.00 is still pending, released as the customer pays the invoices it owes",
    ]


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_a_fully_paid_contract_releases_exactly_its_commission_to_the_centavo():
    """omid.commission.paid_on_collection: 16% of R$ 3.000,03 over four uneven invoices."""
    line = first_sale_commission("1000.01", 3, start=dt.date(2026, 1, 15))
    assert line.commission == brl("480.00")  # 3000.03 x 0.16 = 480.0048
    invoices = line.sale.contract.invoices()
    assert [i.amount for i in invoices] == [
        brl("540.26"),
        brl("1000.01"),
        brl("1000.01"),
        brl("459.75"),
    ]
    payout = release_commission(line, pay_all(line.sale.contract))
    # 480.00 x cumulative / 3000.03, rounded half-even, then differences:
    # 86.4416 -> 86.44; 246.4416 -> 246.44; 406.4416 -> 406.44; 480.00.
    assert [r.amount for r in payout.releases] == [
        brl("86.44"),
        brl("160.00"),
        brl("160.00"),
        brl("73.56"),
    ]
    assert payout.released == line.commission
    assert payout.pending == brl(0)


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_partial_payments_of_one_invoice_release_in_step():
    """omid.commission.paid_on_collection: three thirds of R$ 100,00 at 16% of a R$ 1,00 TCV."""
    line = first_sale_commission("100", 1)
    inv = line.sale.contract.invoices()[0].id
    parts = [brl("33.33"), brl("33.33"), brl("33.34")]
    payments = [Payment(f"P{i}", inv, m, sp(2026, 2, 10 + i)) for i, m in enumerate(parts)]
    payout = release_commission(line, payments)
    # 16 x 33.33/100 = 5.3328 -> 5.33; 16 x 66.66/100 = 10.6656 -> 10.67; 16.00.
    assert [r.amount for r in payout.releases] == [brl("5.33"), brl("5.34"), brl("5.33")]
    assert payout.released == brl(16)


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_replaying_a_payment_does_not_pay_twice():
    """omid.commission.paid_on_collection: a replayed payment id is ignored and named."""
    line = first_sale_commission()
    payments = pay_all(line.sale.contract, count=2)
    payout = release_commission(line, [*payments, payments[0], payments[0]])
    assert payout.released == brl(3_200)
    assert payout.replayed == ("C-1/1-pay", "C-1/1-pay")
    assert str(payout.reasons[-1]) == (
        "replayed payment ids C-1/1-pay, C-1/1-pay were counted once, not twice"
    )


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_a_payment_id_reused_for_another_payment_is_refused():
    """omid.commission.paid_on_collection: same id, other amount: an error, not a guess."""
    line = first_sale_commission()
    first = pay_all(line.sale.contract, count=1)[0]
    other = Payment(first.id, first.invoice_id, brl(1), first.paid_at)
    with pytest.raises(InvalidValueError, match=r"payment id 'C-1/1-pay' was already used"):
        release_commission(line, [first, other])


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_unpaid_invoices_of_a_cancelled_contract_release_nothing():
    """omid.commission.paid_on_collection: cancelled on 1 May, May onwards fell away."""
    line = first_sale_commission()
    payments = pay_all(line.sale.contract, count=2)  # February and March
    payout = release_commission(line, payments, cancelled_on=dt.date(2026, 5, 1))
    # Owed: February to April (3 x 1,600); paid: February and March.
    assert (payout.released, payout.pending, payout.forfeited) == (
        brl(3_200),
        brl(1_600),
        brl(14_400),
    )
    assert str(payout.reasons[-1]) == (
        "contract C-1 was cancelled on May 1, 2026: its 9 invoices from then on "
        "release nothing (R$14,400.00 of commission)"
    )
    june = Payment("late", "C-1/5", brl(10_000), sp(2026, 6, 10))
    with pytest.raises(
        InvalidValueError,
        match=r"'invoice_id' must be an invoice still owed: .*fell away \(got 'C-1/5'\); payment 'late'",
    ):
        release_commission(line, [june], cancelled_on=dt.date(2026, 5, 1))


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_payments_after_as_of_do_not_count_yet():
    """omid.commission.paid_on_collection: as_of excludes later payments."""
    line = first_sale_commission()
    payments = pay_all(line.sale.contract, count=4)
    payout = release_commission(line, payments, as_of=sp(2026, 4, 1))
    assert [r.payment_id for r in payout.releases] == ["C-1/1-pay", "C-1/2-pay"]


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_payments_for_unknown_invoices_or_beyond_what_is_owed_are_errors():
    """omid.commission.paid_on_collection: no release without an invoice owing it."""
    line = first_sale_commission()
    with pytest.raises(
        UnknownKeyError,
        match=r"unknown invoice 'C-1/13': did you mean .*; payment 'P' pays an invoice contract 'C-1' lacks",
    ):
        release_commission(line, [Payment("P", "C-1/13", brl(1), sp(2026, 2, 1))])
    split = [
        Payment("P1", "C-1/1", brl(6_000), sp(2026, 2, 1)),
        Payment("P2", "C-1/1", brl("4000.01"), sp(2026, 2, 2)),
    ]
    with pytest.raises(
        InvalidValueError,
        match=r"'amount' must be at most the 4000.00 BRL still owed on invoice 'C-1/1' "
        r"\(of 10000.00 BRL\) \(got Money\('4000.01', 'BRL'\)\); payment 'P2' pays more",
    ):
        release_commission(line, split)


# -- statement -------------------------------------------------------------------


def statement_fixture():
    c1 = contract("C-1", 10_000)  # Feb 2026 - Jan 2027, TCV 120,000
    c2 = contract("C-2", 5_000, 6, start=dt.date(2026, 4, 1))  # TCV 30,000
    c3 = contract("C-3", 1_000, 12)  # beta's
    sales = [
        Sale("alfa", c1, sp(2026, 1, 20, 15)),
        Sale("alfa", c2, sp(2026, 3, 5, 11)),
        Sale("beta", c3, sp(2026, 1, 3)),
    ]
    payments = [
        *pay_all(c1, count=3),
        *pay_all(c2, first=sp(2026, 4, 10), count=1),
        *pay_all(c3, count=1),
    ]
    return sales, payments


@pytest.mark.rule("omid.commission.paid_on_collection")
@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_a_statement_lists_every_sale_with_its_rate_reason_commission_and_releases():
    """omid.commission.paid_on_collection and omid.campaign.first_sale_diamond, for 2026."""
    sales, payments = statement_fixture()
    tiers = {"alfa": RESELLER, "beta": VAR}
    st = commission_statement(
        "alfa", sales, payments, start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1),
        standard_tiers=tiers,
    )  # fmt: skip
    rows = [
        (x.sale.contract.id, x.rate, x.basis, x.commission, x.released, x.pending) for x in st.lines
    ]
    assert rows == [
        ("C-1", Decimal("0.16"), RateBasis.CAMPAIGN, brl(19_200), brl(4_800), brl(14_400)),
        ("C-2", Decimal("0.08"), RateBasis.TIER, brl(2_400), brl(400), brl(2_000)),
    ]
    assert (st.commission, st.released, st.pending, st.forfeited) == (
        brl(21_600),
        brl(5_200),
        brl(16_400),
        brl(0),
    )
    assert str(st.reasons[0]) == (
        "alfa signed 2 sales from Jan 1, 2026 to Dec 31, 2026, earning R$21,600.00: "
        "R$5,200.00 released, R$16,400.00 pending, R$0.00 forfeited"
    )
    assert st.lines[0].reasons[0].rule_id == "omid.campaign.first_sale_diamond"
    everyone = commission_statements(
        sales, payments, start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1), standard_tiers=tiers
    )
    assert [s.partner for s in everyone] == ["alfa", "beta"]
    assert everyone[0] == st
    assert everyone[1].released == brl(160)  # 16% of beta's first paid month


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_a_monthly_statement_keeps_the_campaign_on_the_years_first_sale():
    """omid.campaign.first_sale_diamond: the first sale was in January, the statement is March."""
    sales, payments = statement_fixture()
    st = commission_statement(
        "alfa", sales, payments, start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 1),
        standard_tiers={"alfa": RESELLER, "beta": VAR},
    )  # fmt: skip
    assert [(x.sale.contract.id, x.basis) for x in st.lines] == [("C-2", RateBasis.TIER)]
    assert st.released == brl(0)  # C-2's first payment is on 10 April


# -- omid.awards.sales_trip --------------------------------------------------------


@pytest.mark.rule("omid.awards.sales_trip")
def test_trip_passes_come_in_pairs_for_four_days_travelled_february_to_march():
    """omid.awards.sales_trip: awards of 2026 travel 1 Feb - 31 Mar 2027."""
    award = award_sales_trip("alfa", passes=2, year=2026)
    assert (award.pairs, award.days, award.destination) == (
        1,
        4,
        "all-inclusive resort in Brazil",
    )
    assert (award.travel_from, award.travel_until) == (dt.date(2027, 2, 1), dt.date(2027, 3, 31))
    assert [str(r) for r in award.reasons] == [
        "alfa wins 2 passes (1 pairs) for 4 days at an all-inclusive resort in Brazil",
        "awards of 2026 travel between Feb 1, 2027 and Mar 31, 2027",
    ]
    assert {r.rule_id for r in award.reasons} == {"omid.awards.sales_trip"}


@pytest.mark.rule("omid.awards.sales_trip")
@pytest.mark.parametrize(
    ("passes", "error", "match"),
    [
        (3, InvalidValueError, r"'passes' must be an even number \(passes come in pairs\) "
         r"\(got 3\); use 4"),
        (0, InvalidValueError, r"'passes' must be an integer >= 2 \(got 0\)"),
        ("2", InvalidTypeError, r"'passes' must be an int \(got str '2'\)"),
    ],
)  # fmt: skip
def test_an_odd_or_empty_number_of_trip_passes_is_refused(passes, error, match):
    """omid.awards.sales_trip: passes only in pairs, also on the value class itself."""
    with pytest.raises(error, match=match):
        award_sales_trip("alfa", passes=passes, year=2026)
    with pytest.raises(error, match=match):
        SalesTripAward("alfa", 2026, passes)


# -- omid.awards.top_mrr_car --------------------------------------------------------


@pytest.mark.rule("omid.awards.top_mrr_car")
def test_the_partner_with_the_largest_mrr_signed_in_the_year_wins_the_car():
    """omid.awards.top_mrr_car: MRR sums per partner; other years do not count."""
    sales = [
        sale("alfa", "A-1", 4_000, sp(2026, 2, 1)),
        sale("alfa", "A-2", 3_000, sp(2026, 9, 1)),
        sale("beta", "B-1", 6_000, sp(2026, 4, 1)),
        sale("beta", "B-2", 9_000, sp(2025, 12, 31, 20)),
    ]
    award = top_mrr_car(sales, year=2026)
    assert (award.winners, award.mrr, award.is_tie) == (("alfa",), brl(7_000), False)
    assert award.standings == (("alfa", brl(7_000)), ("beta", brl(6_000)))
    assert str(award.reasons[0]) == (
        "alfa wins the car of 2026 with R$7,000.00 of MRR signed (next best R$6,000.00)"
    )
    assert award.reasons[0].rule_id == "omid.awards.top_mrr_car"


@pytest.mark.rule("omid.awards.top_mrr_car")
def test_a_tie_for_the_car_names_every_tied_partner():
    """omid.awards.top_mrr_car: no silent pick on a tie."""
    sales = [
        sale("gama", "G-1", 5_000, sp(2026, 2, 1)),
        sale("alfa", "A-1", 5_000, sp(2026, 3, 1)),
        sale("beta", "B-1", 100, sp(2026, 3, 1)),
    ]
    award = top_mrr_car(sales, year=2026)
    assert (award.winners, award.is_tie) == (("alfa", "gama"), True)
    assert str(award.reasons[0]) == (
        "tie for the car of 2026: alfa and gama each signed R$5,000.00 of MRR"
    )


@pytest.mark.rule("omid.awards.top_mrr_car")
def test_nobody_wins_the_car_in_a_year_without_mrr():
    """omid.awards.top_mrr_car: no sales (or only zero MRR) means no winner."""
    award = top_mrr_car([sale("alfa", "A-1", 0, sp(2026, 2, 1))], year=2026)
    assert (award.winners, award.mrr, award.is_tie) == ((), brl(0), False)
    assert str(award.reasons[0]) == "no partner signed MRR in 2026: nobody wins the car"
    assert top_mrr_car([], year=2026).winners == ()


# -- mcs.income.resale_margin / mcs.income.agency_fee -------------------------------


@pytest.mark.rule("mcs.income.resale_margin")
def test_a_reseller_earns_the_resale_price_less_the_purchase_price():
    """mcs.income.resale_margin: money flows through the partner."""
    income = resale_margin(Money("1200", "RUB"), purchase_price=Money("1000", "RUB"))
    assert (income.margin, income.is_loss) == (Money("200", "RUB"), False)
    assert income.reasons[0].rule_id == "mcs.income.resale_margin"
    assert len(income.reasons) == 1


@pytest.mark.rule("mcs.income.resale_margin")
def test_a_resale_at_a_loss_is_allowed_and_flagged():
    """mcs.income.resale_margin: a negative margin is reported, not refused."""
    income = resale_margin(brl(900), purchase_price=brl(1000))
    assert (income.margin, income.is_loss) == (brl(-100), True)
    assert str(income.reasons[-1]) == "sold at a loss: the margin -R$100.00 is negative"


@pytest.mark.rule("mcs.income.agency_fee")
def test_an_agent_earns_the_caller_given_rate_on_the_deal_the_vendor_signs():
    """mcs.income.agency_fee: 7% (an example rate) of RUB 250,000.00; half-even rounding."""
    income = agency_fee(Money("250000", "RUB"), rate=Decimal("0.07"))
    assert income.fee == Money("17500", "RUB")
    assert income.reasons[0].rule_id == "mcs.income.agency_fee"
    assert agency_fee(brl("0.25"), rate="0.1").fee == brl("0.02")  # 0.025 -> 0.02


@pytest.mark.rule("mcs.income.agency_fee")
def test_the_agency_fee_rate_has_no_default():
    """mcs.income.agency_fee: the source gives no rate, so the caller must."""
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'rate'"):
        agency_fee(brl(100))  # type: ignore[call-arg]


# -- bad input ------------------------------------------------------------------

_C = contract("C-1", 1_000)
_S = Sale("alfa", _C, sp(2026, 1, 20))
_LINE = sale_commissions([_S], standard_tiers={"alfa": RESELLER})[0]
_P = Payment("P", "C-1/1", brl(1), sp(2026, 2, 1))
_Y = {"start": dt.date(2026, 1, 1), "end": dt.date(2027, 1, 1)}

BAD_INPUT = [
    # floats
    (lambda: Tier("VAR", brl(0), 0.1), InvalidTypeError, r"'rate' must be a str, int or Decimal \(got float 0.1\); pass a string such as '0.1'"),
    (lambda: agency_fee(brl(100), rate=0.07), InvalidTypeError, r"'rate' must be a str, int or Decimal \(got float 0.07\)"),
    (lambda: Payment("P", "C-1/1", 10.0, sp(2026, 2, 1)), InvalidTypeError, r"'amount' must be a Money in BRL, e.g. brl\('1234.56'\) \(got float 10.0\)"),
    (lambda: sale_commissions([_S], standard_tiers={"alfa": RESELLER}, diamond_rate=0.16), InvalidTypeError, r"'diamond_rate' must be a str, int or Decimal \(got float 0.16\)"),
    # negative amounts
    (lambda: Payment("P", "C-1/1", brl(-5), sp(2026, 2, 1)), InvalidValueError, r"'amount' must be an amount > 0 \(got Money\('-5.00', 'BRL'\)\)"),
    (lambda: Payment("P", "C-1/1", brl(0), sp(2026, 2, 1)), InvalidValueError, r"'amount' must be an amount > 0"),
    (lambda: Tier("VAR", brl(-1), Decimal("0.1")), InvalidValueError, r"'minimum' must be an amount >= 0 \(got Money\('-1.00', 'BRL'\)\)"),
    (lambda: qualify_tier(brl(-1), schedule=EXAMPLE_SCHEDULE, has_presales_team=True), InvalidValueError, r"'annual_tcv' must be an amount >= 0"),
    (lambda: resale_margin(brl(-1), purchase_price=brl(1)), InvalidValueError, r"'resale_price' must be an amount >= 0"),
    (lambda: agency_fee(brl(-1), rate="0.1"), InvalidValueError, r"'deal_value' must be an amount >= 0"),
    # rates outside [0, 1]
    (lambda: Tier("VAR", brl(0), Decimal("1.5")), InvalidValueError, r"'rate' must be a fraction in \[0, 1\] \(got Decimal\('1.5'\)\)"),
    (lambda: Tier("VAR", brl(0), "0.1", resale_discount="-0.1"), InvalidValueError, r"'resale_discount' must be a fraction in \[0, 1\]"),
    (lambda: agency_fee(brl(100), rate="-0.01"), InvalidValueError, r"'rate' must be a fraction in \[0, 1\] \(got '-0.01'\)"),
    (lambda: sale_commissions([_S], standard_tiers={"alfa": RESELLER}, diamond_rate="2"), InvalidValueError, r"'diamond_rate' must be a fraction in \[0, 1\]"),
    # unknown partner or invoice
    (lambda: sale_commissions([_S], standard_tiers={"alpha": RESELLER}), UnknownKeyError, r"unknown partner 'alfa': did you mean 'alpha'\?; give its standard tier"),
    (lambda: commission_statement("gama", [_S], [], standard_tiers={"alfa": RESELLER}, **_Y), UnknownKeyError, r"unknown partner 'gama': known: 'alfa'"),
    (lambda: release_commission(_LINE, [Payment("P", "C-9/1", brl(1), sp(2026, 2, 1))]), UnknownKeyError, r"unknown invoice 'C-9/1': did you mean 'C-1/1'.*; payment 'P' pays an invoice contract 'C-1' lacks"),
    (lambda: commission_statement("alfa", [_S], [Payment("P", "C-9/1", brl(1), sp(2026, 2, 1))], standard_tiers={"alfa": RESELLER}, **_Y), UnknownKeyError, r"unknown contract 'C-9': did you mean 'C-1'\?; payment 'P' pays invoice 'C-9/1', of a contract no sale has"),
    (lambda: EXAMPLE_SCHEDULE.tier("Diamond"), UnknownKeyError, r"unknown tier 'Diamond': did you mean 'Diamond Partner'\?"),
    # another currency
    (lambda: Sale("alfa", Contract("C-9", "ACME", dt.date(2026, 1, 1), 12, Money("10", "USD")), sp(2026, 1, 1)), CurrencyMismatchError, r"'monthly' must be in the same currency as 'BRL' \(got 'USD'\)"),
    (lambda: Payment("P", "C-1/1", Money("10", "USD"), sp(2026, 2, 1)), CurrencyMismatchError, r"'amount' must be in the same currency as 'BRL' \(got 'USD'\)"),
    (lambda: qualify_tier(Money("10", "USD"), schedule=EXAMPLE_SCHEDULE, has_presales_team=True), CurrencyMismatchError, r"'annual_tcv' must be in the same currency as 'BRL'"),
    (lambda: Tier("VAR", Money("0", "EUR"), "0.1"), CurrencyMismatchError, r"'minimum' must be in the same currency as 'BRL' \(got 'EUR'\)"),
    (lambda: resale_margin(Money("10", "RUB"), purchase_price=brl(1)), CurrencyMismatchError, r"'purchase_price' must be in the same currency as 'RUB' \(got 'BRL'\)"),
    # odd number of trip passes
    (lambda: award_sales_trip("alfa", passes=5, year=2026), InvalidValueError, r"'passes' must be an even number \(passes come in pairs\) \(got 5\); use 6"),
    # naive datetimes and wrong types
    (lambda: Sale("alfa", _C, dt.datetime(2026, 1, 20)), NaiveDatetimeError, r"'signed_at' must be an aware datetime"),
    (lambda: Payment("P", "C-1/1", brl(1), dt.datetime(2026, 2, 1)), NaiveDatetimeError, r"'paid_at' must be an aware datetime"),
    (lambda: Sale("alfa", "C-1", sp(2026, 1, 20)), InvalidTypeError, r"'contract' must be a partnerrules.contracts.Contract \(got str 'C-1'\)"),
    (lambda: sale_commissions("alfa", standard_tiers={}), InvalidTypeError, r"'sales' must be an iterable of a Sale \(got str 'alfa'\)"),
    (lambda: sale_commissions([_S], standard_tiers={"alfa": "Reseller"}), InvalidTypeError, r"'standard_tiers\[alfa\]' must be a Tier \(got str 'Reseller'\)"),
    (lambda: qualify_tier(brl(1), schedule=[RESELLER], has_presales_team=True), InvalidTypeError, r"'schedule' must be a TierSchedule"),
    (lambda: qualify_tier(brl(1), schedule=EXAMPLE_SCHEDULE, has_presales_team="yes"), InvalidTypeError, r"'has_presales_team' must be a bool"),
    (lambda: top_mrr_car([_S], year=2026, zone="America/Sao_Paulo"), InvalidTypeError, r"'zone' must be a tzinfo"),
    (lambda: release_commission(_LINE, [_P], as_of=dt.datetime(2026, 3, 1)), NaiveDatetimeError, r"'as_of' must be an aware datetime"),
    # inconsistent data
    (lambda: sale_commissions([_S, _S], standard_tiers={"alfa": RESELLER}), InvalidValueError, r"'sales\[1\].contract.id' must be a contract id not already sold in sales\[0\] \(got 'C-1'\)"),
    (lambda: release_commission(_LINE, [Payment("P", "C-1/1", brl(1001), sp(2026, 2, 1))]), InvalidValueError, r"'amount' must be at most the 1000.00 BRL still owed .*; payment 'P' pays more"),
    (lambda: commission_statement("alfa", [_S], [], standard_tiers={"alfa": RESELLER}, start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 1)), InvalidValueError, r"'end' must be after start 2026-02-01"),
]  # fmt: skip


@pytest.mark.rule("omid.commission.paid_on_collection")
@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_is_refused_with_a_typed_error_that_names_the_field(call, error, match):
    """omid.tier.by_annual_tcv, omid.campaign.first_sale_diamond,
    omid.commission.paid_on_collection, omid.awards.*, mcs.income.*: bad input table."""
    with pytest.raises(error, match=match):
        call()


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_an_aware_datetime_in_any_zone_is_accepted():
    """omid.campaign.first_sale_diamond: zones are converted, not refused."""
    tokyo = dt.datetime(2026, 1, 1, 10, tzinfo=ZoneInfo("Asia/Tokyo"))  # 31 Dec 22:00 in SP
    assert Sale("alfa", _C, tokyo).year() == 2025


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_a_statement_counts_a_replayed_payment_once():
    """omid.commission.paid_on_collection: the same payment twice in a statement's input."""
    sales, payments = statement_fixture()
    tiers = {"alfa": RESELLER, "beta": VAR}
    st = commission_statement(
        "alfa", sales, [*payments, payments[0]], start=dt.date(2026, 1, 1),
        end=dt.date(2027, 1, 1), standard_tiers=tiers,
    )  # fmt: skip
    assert st.released == brl(5_200)
    assert st.lines[0].payout.replayed == ("C-1/1-pay",)
