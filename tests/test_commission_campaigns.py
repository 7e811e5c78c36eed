"""Commission campaigns as data: the Omid pack's campaign, callers' campaigns, plans.

Every schedule, rate and period here that is not the Omid pack's is an
EXAMPLE invented for the tests: the source publishes the Diamond rate (16%),
the tier names and the sales-trip facts, nothing else.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import partnerrules.commission as commission_module
from partnerrules.commission import (
    SAO_PAULO,
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    Payment,
    RateBasis,
    Sale,
    SaleCommission,
    Tier,
    TierSchedule,
    TripTerms,
    award_sales_trip,
    commission_statement,
    commission_statements,
    sale_commissions,
)
from partnerrules.contracts import Contract
from partnerrules.convert import PolicyFormatError, structure, unstructure
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import brl
from partnerrules.policies import omid
from partnerrules.testing import strategies as prs

MANAUS = ZoneInfo("America/Manaus")  # UTC-4 all year; São Paulo is UTC-3

# EXAMPLE standard tiers (the source publishes no rate below Diamond's 16%).
RESELLER = Tier("Reseller", brl(0), Decimal("0.08"))
VAR = Tier("VAR", brl(1_000_000), Decimal("0.12"))

# An EXAMPLE caller campaign: its own rule id, rate (14%), period and zone.
# None of these numbers is published data.
LAUNCH_ID = "acme.campaign.launch"
LAUNCH = Campaign(
    LAUNCH_ID,
    CampaignTrigger.FIRST_SALE_OF_YEAR,
    Decimal("0.14"),
    name="Launch",
    tier="Launch Partner",
    zone="America/Manaus",
    period=CampaignPeriod(dt.date(2026, 3, 1), dt.date(2026, 7, 1)),
)
LAUNCH_PLAN = CommissionPlan([LAUNCH])

# An EXAMPLE "every sale in the period" campaign (12%, March to June, São Paulo).
PROMO = Campaign(
    "acme.campaign.spring_promo",
    CampaignTrigger.EVERY_SALE,
    Decimal("0.12"),
    name="Spring promo",
    tier="Promo Partner",
    zone="America/Sao_Paulo",
    period=CampaignPeriod(dt.date(2026, 3, 1), dt.date(2026, 7, 1)),
)


def sp(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SAO_PAULO)  # type: ignore[misc]


def manaus(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MANAUS)  # type: ignore[misc]


def sale(partner: str, cid: str, signed_at: dt.datetime, monthly: int = 10_000) -> Sale:
    return Sale(
        partner, Contract(cid, "ACME Ltda", dt.date(2026, 8, 1), 12, brl(monthly)), signed_at
    )


# -- the Omid pack holds its campaign and trip as typed data -------------------------


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_the_omid_pack_holds_the_first_sale_campaign_as_a_typed_value():
    """omid.campaign.first_sale_diamond: 16%, first sale of the São Paulo year, Diamond Partner."""
    campaign = omid.FIRST_SALE_DIAMOND
    assert isinstance(campaign, Campaign)
    assert campaign.rule_id == "omid.campaign.first_sale_diamond"
    assert campaign.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR
    assert campaign.rate == omid.DIAMOND_RATE == Decimal("0.16")
    assert campaign.tier == "Diamond Partner" == omid.TIER_NAMES[-1]
    assert campaign.zone == "America/Sao_Paulo"
    assert campaign.tzinfo is SAO_PAULO
    assert campaign.period is None
    assert CommissionPlan([campaign]) == omid.COMMISSION_PLAN
    assert omid.COMMISSION_PLAN.schedule is None  # the source publishes no thresholds


@pytest.mark.rule("omid.awards.sales_trip")
def test_the_omid_pack_holds_the_sales_trip_terms_as_a_typed_value():
    """omid.awards.sales_trip: four days, passes in pairs, 1 Feb - 31 Mar of the next year."""
    trip = omid.SALES_TRIP
    assert trip == TripTerms(
        4, "all-inclusive resort in Brazil", MonthDay(2, 1), MonthDay(3, 31), pass_group=2
    )
    assert (omid.TRIP_DAYS, omid.TRIP_DESTINATION, omid.TRIP_WINDOW) == (
        4,
        "all-inclusive resort in Brazil",
        ((2, 1), (3, 31)),
    )


#: The functions that resolve a None parameter to the pack's value: the one place each.
_RESOLVERS = {"_the_plan", "_pack_terms"}


def _pack_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """Every read of the pack module (``_omid.X``) outside a parameter default or a resolver."""
    defaults: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in _RESOLVERS:
            defaults |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.FunctionDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    defaults |= {id(n) for n in ast.walk(default)}
        if isinstance(node, ast.keyword) and node.arg == "default":  # attrs.field(default=...)
            defaults |= {id(n) for n in ast.walk(node.value)}
    return [
        (node.lineno, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "_omid"
        and id(node) not in defaults
    ]


def test_commission_reads_the_omid_pack_only_as_parameter_defaults():
    """omid.campaign.first_sale_diamond, omid.awards.sales_trip: packs are defaults, never read."""
    # The facade and the private modules it is made of (partnerrules/_commission/).
    facade = Path(inspect.getfile(commission_module))
    files = [facade, *(facade.parent / "_commission").glob("*.py")]
    sources = {f.name: f.read_text(encoding="utf-8") for f in files}
    assert any("_omid." in source for source in sources.values())
    for name, source in sources.items():
        assert (name, _pack_reads(ast.parse(source))) == (name, [])
    # The defaults are None, the pack's value: the same answers as passing the pack.
    signature = inspect.signature(commission_module.sale_commissions)
    assert signature.parameters["plan"].default is None
    assert inspect.signature(award_sales_trip).parameters["terms"].default is None
    assert award_sales_trip("p", passes=2, year=2026) == award_sales_trip(
        "p", passes=2, year=2026, terms=omid.SALES_TRIP
    )


# -- a caller's campaign ---------------------------------------------------------------


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_a_callers_campaign_pays_its_own_rate_in_its_period_read_in_its_zone():
    """A caller's first-sale campaign (14%, an example) replaces the Omid one when passed.

    Its period and its years are read in its own zone (Manaus): 23:30 on 28
    February in Manaus is already 1 March in São Paulo, but still outside the
    campaign.
    """
    sales = [
        sale("alfa", "A-0", sp(2026, 1, 20, 10)),
        sale("alfa", "A-1", manaus(2026, 2, 28, 23, 30)),
        sale("alfa", "A-2", sp(2026, 3, 10, 9)),
        sale("alfa", "A-3", sp(2026, 4, 1, 9)),
        sale("beta", "B-1", manaus(2026, 6, 30, 23)),  # 1 July 00:00 in São Paulo
    ]
    assert sales[1].signed_at.astimezone(SAO_PAULO).day == 1
    lines = sale_commissions(
        sales, standard_tiers={"alfa": RESELLER, "beta": VAR}, plan=LAUNCH_PLAN
    )
    assert [(x.sale.contract.id, x.basis, x.rate, x.commission) for x in lines] == [
        ("A-0", RateBasis.TIER, Decimal("0.08"), brl(9_600)),
        ("A-1", RateBasis.TIER, Decimal("0.08"), brl(9_600)),
        ("A-2", RateBasis.CAMPAIGN, Decimal("0.14"), brl(16_800)),
        ("A-3", RateBasis.TIER, Decimal("0.08"), brl(9_600)),
        ("B-1", RateBasis.CAMPAIGN, Decimal("0.14"), brl(16_800)),
    ]
    paid = lines[2]
    assert paid.campaign is LAUNCH
    assert paid.classification == "Launch Partner"
    assert lines[0].classification == "Reseller"
    assert [r.rule_id for r in paid.reasons] == [LAUNCH_ID, LAUNCH_ID]
    assert [str(r) for r in paid.reasons] == [
        "14% because this is alfa's first sale of 2026 in the Launch campaign, "
        "from Mar 1, 2026 to Jun 30, 2026; standard tier Reseller would pay 8%",
        "commission R$16,800.00 is 14% of the TCV R$120,000.00 of contract A-2",
    ]
    assert paid.reasons[0].facts["classified_as"] == "Launch Partner"
    assert [str(r) for r in lines[1].reasons[:1]] == [
        "8%, the rate of alfa's standard tier Reseller: the Launch campaign runs from "
        "Mar 1, 2026 to Jun 30, 2026, and this sale was signed on Feb 28, 2026"
    ]
    assert str(lines[3].reasons[0]) == (
        "8%, the rate of alfa's standard tier Reseller: its first sale of 2026 in the "
        "Launch campaign, from Mar 1, 2026 to Jun 30, 2026, already took it"
    )
    assert {r.rule_id for x in lines if x.basis is RateBasis.TIER for r in x.reasons} == {
        "omid.tier.by_annual_tcv"
    }


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_statements_apply_a_callers_plan_and_their_reasons_cite_its_rule_id():
    """omid.commission.paid_on_collection with a caller's campaign: releases follow its rate."""
    sales = [
        sale("alfa", "A-0", sp(2026, 1, 20, 10)),
        sale("alfa", "A-2", sp(2026, 3, 10, 9)),
        sale("beta", "B-1", manaus(2026, 6, 30, 23)),
    ]
    first_invoice = sales[1].contract.invoices()[0]
    payments = [Payment("P-1", first_invoice.id, first_invoice.amount, sp(2026, 8, 10))]
    tiers = {"alfa": RESELLER, "beta": VAR}
    period = {"start": dt.date(2026, 1, 1), "end": dt.date(2027, 1, 1)}
    st_ = commission_statement(
        "alfa", sales, payments, standard_tiers=tiers, plan=LAUNCH_PLAN, **period
    )
    assert [(x.sale.contract.id, x.campaign) for x in st_.lines] == [("A-0", None), ("A-2", LAUNCH)]
    assert st_.commission == brl(9_600 + 16_800)
    assert st_.released == brl(1_400)  # 14% of the first R$ 10.000,00 paid on A-2
    assert [r.rule_id for r in st_.reasons] == ["omid.commission.paid_on_collection", LAUNCH_ID]
    assert str(st_.reasons[1]) == (
        "1 of them earned the Launch campaign rate as a first sale of the year "
        "in its period, from Mar 1, 2026 to Jun 30, 2026"
    )
    assert st_.lines[1].reasons[0].rule_id == LAUNCH_ID
    everyone = commission_statements(
        sales, payments, standard_tiers=tiers, plan=LAUNCH_PLAN, **period
    )
    assert everyone[0] == st_
    assert [s.reasons[1].facts["campaign"] for s in everyone] == [1, 1]


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_the_first_campaign_of_the_plan_that_pays_a_sale_sets_its_rate():
    """omid.campaign.first_sale_diamond with a caller's every-sale campaign (12%, an example).

    Each campaign decides on its own which sales it pays: the year's first
    sale is the first whatever the other campaign does.
    """
    tiers = {"alfa": RESELLER}
    jan, mar, apr, aug = (
        sale("alfa", "A-1", sp(2026, 1, 5)),
        sale("alfa", "A-2", sp(2026, 3, 5)),
        sale("alfa", "A-3", sp(2026, 4, 5)),
        sale("alfa", "A-4", sp(2026, 8, 5)),
    )
    diamond_first = CommissionPlan([omid.FIRST_SALE_DIAMOND, PROMO])
    lines = sale_commissions([jan, mar, apr, aug], standard_tiers=tiers, plan=diamond_first)
    assert [(x.rate, x.campaign) for x in lines] == [
        (Decimal("0.16"), omid.FIRST_SALE_DIAMOND),
        (Decimal("0.12"), PROMO),
        (Decimal("0.12"), PROMO),
        (Decimal("0.08"), None),
    ]
    assert [str(r) for r in lines[1].reasons[:1]] == [
        "12% because the Spring promo campaign pays every sale signed from Mar 1, 2026 to "
        "Jun 30, 2026; standard tier Reseller would pay 8%"
    ]
    assert [str(r) for r in lines[3].reasons] == [
        "8%, the rate of alfa's standard tier Reseller: "
        "its first sale of 2026 already took the Diamond campaign",
        "8%, the rate of alfa's standard tier Reseller: the Spring promo campaign runs "
        "from Mar 1, 2026 to Jun 30, 2026, and this sale was signed on Aug 5, 2026",
        "commission R$9,600.00 is 8% of the TCV R$120,000.00 of contract A-4",
    ]
    promo_first = CommissionPlan([PROMO, omid.FIRST_SALE_DIAMOND])
    lines = sale_commissions([mar, apr, aug], standard_tiers=tiers, plan=promo_first)
    # March is the year's first sale, but the promotion comes first in this plan.
    assert [(x.rate, x.campaign) for x in lines] == [
        (Decimal("0.12"), PROMO),
        (Decimal("0.12"), PROMO),
        (Decimal("0.08"), None),
    ]


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_a_plan_without_campaigns_pays_every_sale_at_its_standard_tier():
    """omid.tier.by_annual_tcv: no campaign, no Diamond rate."""
    lines = sale_commissions(
        [sale("alfa", "A-1", sp(2026, 1, 5))],
        standard_tiers={"alfa": RESELLER},
        plan=CommissionPlan([]),
    )
    assert [(x.basis, x.rate, x.campaign) for x in lines] == [(RateBasis.TIER, RESELLER.rate, None)]
    assert str(lines[0].reasons[0]) == (
        "8%, the rate of alfa's standard tier Reseller: the commission plan has no campaign"
    )
    st_ = commission_statement(
        "alfa", [lines[0].sale], [], start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1),
        standard_tiers={"alfa": RESELLER}, plan=CommissionPlan([]),
    )  # fmt: skip
    assert [r.rule_id for r in st_.reasons] == ["omid.commission.paid_on_collection"]


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_diamond_rate_still_overrides_the_rate_of_a_one_campaign_plan():
    """omid.campaign.first_sale_diamond: the compatibility parameter, and where it is refused."""
    first = sale("alfa", "A-1", sp(2026, 1, 5))
    (line,) = sale_commissions([first], standard_tiers={"alfa": RESELLER}, diamond_rate="0.2")
    assert (line.rate, line.campaign.rule_id) == (Decimal("0.2"), omid.FIRST_SALE_DIAMOND.rule_id)
    with pytest.raises(
        InvalidValueError,
        match=r"'diamond_rate' must be None with a plan of 2 campaigns \(got '0.2'\); "
        r"set the rate of each Campaign of the plan instead",
    ):
        sale_commissions(
            [first],
            standard_tiers={"alfa": RESELLER},
            plan=CommissionPlan([omid.FIRST_SALE_DIAMOND, PROMO]),
            diamond_rate="0.2",
        )


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_a_campaign_on_a_line_matches_its_basis():
    """omid.campaign.first_sale_diamond: a CAMPAIGN line names its campaign, a TIER line none."""
    first = sale("alfa", "A-1", sp(2026, 1, 5))
    with pytest.raises(InvalidValueError, match=r"'campaign' must be the Campaign that set"):
        SaleCommission(first, RESELLER, Decimal("0.16"), RateBasis.CAMPAIGN, brl(1), 2026)
    with pytest.raises(InvalidValueError, match=r"'campaign' must be the Campaign that set"):
        SaleCommission(
            first, RESELLER, Decimal("0.08"), RateBasis.TIER, brl(1), 2026, campaign=PROMO
        )


# -- the Omid default is what it was ----------------------------------------------------

PARTNERS = ("alfa", "beta", "gama")
START_2025 = dt.datetime(2025, 1, 1, tzinfo=SAO_PAULO)
rates = prs.rates()


def sales_of_several_years() -> st.SearchStrategy[list[Sale]]:
    """Sales of three partners over 2025-2027, some at the same instant, some near midnight."""
    return prs.sale_lists(
        partners=st.sampled_from(PARTNERS),
        contract=prs.contracts(
            starts=st.just(dt.date(2026, 1, 1)),
            terms=st.just(12),
            monthly=prs.brl_amounts(max_units=10**7),
            max_addenda=0,
        ),
        signed_at=prs.instants(
            min_value=START_2025,
            max_value=START_2025 + dt.timedelta(seconds=3 * 365 * 24 * 3600),
            timezones=st.sampled_from([SAO_PAULO, ZoneInfo("UTC")]),
        ),
        max_size=8,
    )


def old_rule(sales: list[Sale], tiers: dict[str, Tier]) -> list[tuple[str, Decimal]]:
    """The campaign as it was coded before it became data: an independent oracle."""
    taken: set[tuple[str, int]] = set()
    out = []
    for s in sorted(sales, key=lambda s: (s.signed_at.astimezone(dt.UTC), s.contract.id)):
        year = s.signed_at.astimezone(SAO_PAULO).year
        if (s.partner, year) in taken:
            out.append((s.contract.id, tiers[s.partner].rate))
        else:
            taken.add((s.partner, year))
            out.append((s.contract.id, Decimal("0.16")))
    return out


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@given(sales_of_several_years(), st.lists(rates, min_size=3, max_size=3))
def test_the_default_plan_is_the_omid_plan_and_pays_as_the_campaign_always_did(sales, tier_rates):
    """omid.campaign.first_sale_diamond: default == explicit Omid plan == the former code."""
    tiers = {p: Tier("Standard", brl(0), r) for p, r in zip(PARTNERS, tier_rates, strict=True)}
    default = sale_commissions(sales, standard_tiers=tiers)
    explicit = sale_commissions(sales, standard_tiers=tiers, plan=omid.COMMISSION_PLAN)
    assert default == explicit
    assert [x.reasons for x in default] == [x.reasons for x in explicit]
    assert [(x.sale.contract.id, x.rate) for x in default] == old_rule(sales, tiers)
    period = {"start": dt.date(2025, 1, 1), "end": dt.date(2028, 1, 1)}
    assert commission_statements(sales, [], standard_tiers=tiers, **period) == (
        commission_statements(sales, [], standard_tiers=tiers, plan=omid.COMMISSION_PLAN, **period)
    )


# -- bad campaign values ---------------------------------------------------------------


def campaign(**changes: Any) -> Campaign:
    fields: dict[str, Any] = {
        "rule_id": LAUNCH_ID,
        "trigger": CampaignTrigger.FIRST_SALE_OF_YEAR,
        "rate": Decimal("0.14"),
        "name": "Launch",
        "tier": "Launch Partner",
        "zone": "America/Manaus",
        "period": None,
    } | changes
    return Campaign(**fields)


JAN, FEB = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
EXAMPLE_SCHEDULE = TierSchedule([RESELLER, VAR])

BAD_VALUES = [
    (lambda: campaign(rule_id="ACME launch"), InvalidValueError, "rule_id", r"'rule_id' must be a dotted lower-case id of at least two parts, .*\(got 'ACME launch'\)"),
    (lambda: campaign(rule_id="acme"), InvalidValueError, "rule_id", r"'rule_id' must be a dotted lower-case id .*\(got 'acme'\)"),
    (lambda: campaign(rule_id="acme..launch"), InvalidValueError, "rule_id", r"'rule_id' must be a dotted"),
    (lambda: campaign(rule_id=7), InvalidTypeError, "rule_id", r"'rule_id' must be a str .*\(got int 7\)"),
    (lambda: campaign(rule_id="omid.campaign.first_sale_diamnod"), UnknownKeyError, "rule_id", r"unknown rule_id 'omid.campaign.first_sale_diamnod': did you mean 'omid.campaign.first_sale_diamond'\?; this namespace belongs to a source programme"),
    (lambda: campaign(trigger="first_sale_of_year"), InvalidTypeError, "trigger", r"'trigger' must be one of CampaignTrigger.FIRST_SALE_OF_YEAR, CampaignTrigger.EVERY_SALE \(got str"),
    (lambda: campaign(rate=0.14), InvalidTypeError, "rate", r"'rate' must be a str, int or Decimal \(got float 0.14\); pass a string such as '0.14'"),
    (lambda: campaign(rate="1.4"), InvalidValueError, "rate", r"'rate' must be a fraction in \[0, 1\] \(got '1.4'\)"),
    (lambda: campaign(rate="-0.01"), InvalidValueError, "rate", r"'rate' must be a fraction in \[0, 1\]"),
    (lambda: campaign(name=" "), InvalidValueError, "name", r"'name' must be a non-empty string"),
    (lambda: campaign(tier=""), InvalidValueError, "tier", r"'tier' must be a non-empty string"),
    (lambda: campaign(zone="America/Sao Paulo"), InvalidValueError, "zone", r"'zone' must be an IANA zone name such as 'America/Sao_Paulo' \(got 'America/Sao Paulo'\)"),
    (lambda: campaign(zone=-3), InvalidTypeError, "zone", r"'zone' must be an IANA zone name .*\(got int -3\)"),
    (lambda: campaign(zone=dt.UTC), InvalidTypeError, "zone", r"'zone' must be an IANA zone name"),
    (lambda: campaign(period=(JAN, FEB)), InvalidTypeError, "period", r"'period' must be a CampaignPeriod or None \(got tuple"),
    (lambda: CampaignPeriod(sp(2026, 1, 1), FEB), InvalidTypeError, "start", r"'start' must be a datetime.date \(not a datetime\)"),
    (lambda: CampaignPeriod(JAN, "2026-02-01"), InvalidTypeError, "end", r"'end' must be a datetime.date"),
    (lambda: CampaignPeriod(FEB, FEB), InvalidValueError, "end", r"'end' must be after start 2026-02-01 \(got datetime.date\(2026, 2, 1\)\); the period is half-open"),
    (lambda: CommissionPlan(LAUNCH), InvalidTypeError, "campaigns", r"'campaigns' must be an iterable of a Campaign \(got Campaign"),
    (lambda: CommissionPlan([LAUNCH, "acme.campaign.other"]), InvalidTypeError, "campaigns[1]", r"'campaigns\[1\]' must be a Campaign \(got str"),
    (lambda: CommissionPlan([LAUNCH, campaign(rate="0.1")]), InvalidValueError, "campaigns[1].rule_id", r"'campaigns\[1\].rule_id' must be a rule id not already used by campaigns\[0\] \(got 'acme.campaign.launch'\)"),
    (lambda: CommissionPlan([LAUNCH], schedule=[RESELLER]), InvalidTypeError, "schedule", r"'schedule' must be a TierSchedule or None \(got list"),
    (lambda: CommissionPlan([omid.FIRST_SALE_DIAMOND], schedule=EXAMPLE_SCHEDULE), UnknownKeyError, "campaigns[0].tier", r"unknown campaigns\[0\].tier 'Diamond Partner': known: 'Reseller', 'VAR'; a campaign classifies its sales as a tier of the plan's schedule"),
    (lambda: sale_commissions([], standard_tiers={}, plan=[LAUNCH]), InvalidTypeError, "plan", r"'plan' must be a CommissionPlan, e.g. partnerrules.policies.omid.COMMISSION_PLAN, or None \(got list"),
    (lambda: commission_statements([], [], start=JAN, end=FEB, standard_tiers={}, plan=LAUNCH), InvalidTypeError, "plan", r"'plan' must be a CommissionPlan"),
    # the sales-trip terms
    (lambda: TripTerms(0, "resort", MonthDay(2, 1), MonthDay(3, 31), pass_group=2), InvalidValueError, "days", r"'days' must be an integer >= 1 \(got 0\)"),
    (lambda: TripTerms(4, "", MonthDay(2, 1), MonthDay(3, 31), pass_group=2), InvalidValueError, "destination", r"'destination' must be a non-empty string"),
    (lambda: TripTerms(4, "resort", (2, 1), MonthDay(3, 31), pass_group=2), InvalidTypeError, "travel_from", r"'travel_from' must be a MonthDay, e.g. MonthDay\(2, 1\) \(got tuple"),
    (lambda: TripTerms(4, "resort", MonthDay(3, 31), MonthDay(2, 1), pass_group=2), InvalidValueError, "travel_until", r"'travel_until' must be on or after travel_from 03-31 .*within one year"),
    (lambda: TripTerms(4, "resort", MonthDay(2, 1), MonthDay(3, 31), pass_group=0), InvalidValueError, "pass_group", r"'pass_group' must be an integer >= 1 \(got 0\)"),
    (lambda: MonthDay(13, 1), InvalidValueError, "month", r"'month' must be a month from 1 to 12 \(got 13\)"),
    (lambda: MonthDay(4, 31), InvalidValueError, "day", r"'day' must be a day from 1 to 30 of month 4 \(got 31\)$"),
    (lambda: MonthDay(2, 29), InvalidValueError, "day", r"'day' must be a day from 1 to 28 of month 2 \(got 29\); 29 February exists only in leap years"),
    (lambda: MonthDay("2", 1), InvalidTypeError, "month", r"'month' must be an int \(got str '2'\)"),
    (lambda: award_sales_trip("alfa", passes=2, year=2026, terms="four days"), InvalidTypeError, "terms", r"'terms' must be a TripTerms, e.g. partnerrules.policies.omid.SALES_TRIP \(got str"),
]  # fmt: skip


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.rule("omid.awards.sales_trip")
@pytest.mark.parametrize(("call", "error", "field", "match"), BAD_VALUES)
def test_a_bad_campaign_plan_or_trip_value_is_a_typed_error_naming_the_field(
    call, error, field, match
):
    """omid.campaign.first_sale_diamond, omid.awards.sales_trip: every bad field, typed."""
    with pytest.raises(error, match=match) as caught:
        call()
    assert isinstance(caught.value, PartnerRulesError)
    assert caught.value.field == field


def test_a_zoneinfo_with_a_name_is_stored_as_its_name():
    """omid.campaign.first_sale_diamond: zones are IANA names in a campaign."""
    assert campaign(zone=MANAUS).zone == "America/Manaus"
    assert campaign(zone=MANAUS) == campaign()


# -- plans are plain data through the converter ------------------------------------------


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.parametrize(
    "plan",
    [
        omid.COMMISSION_PLAN,
        LAUNCH_PLAN,
        CommissionPlan([PROMO, omid.FIRST_SALE_DIAMOND]),
        CommissionPlan(
            [omid.FIRST_SALE_DIAMOND],
            schedule=TierSchedule(
                [RESELLER, Tier("Diamond Partner", brl(2_000_000), omid.DIAMOND_RATE)]
            ),
        ),
        CommissionPlan([]),
    ],
    ids=["omid", "launch", "promo-and-omid", "with-schedule", "empty"],
)
def test_a_plan_round_trips_through_the_converter(plan):
    """omid.campaign.first_sale_diamond: structure(unstructure(plan)) == plan."""
    assert structure(unstructure(plan), CommissionPlan) == plan


def test_a_trip_round_trips_through_the_converter():
    """omid.awards.sales_trip: the terms are plain data too."""
    terms = TripTerms(3, "beach hotel", MonthDay(7, 1), MonthDay(8, 31), pass_group=3)
    assert structure(unstructure(terms), TripTerms) == terms
    assert structure(unstructure(omid.SALES_TRIP), TripTerms) == omid.SALES_TRIP


def test_a_plan_loaded_from_plain_data_reports_the_path_of_a_bad_field():
    """omid.campaign.first_sale_diamond: as loaded from TOML or JSON, floats refused."""
    data = {
        "campaigns": [
            {
                "rule_id": "acme.campaign.launch",
                "trigger": "first_sale_of_year",
                "rate": "0.14",
                "name": "Launch",
                "tier": "Launch Partner",
                "zone": "America/Manaus",
                "period": {"start": "2026-03-01", "end": "2026-07-01"},
            }
        ]
    }
    assert structure(data, CommissionPlan) == LAUNCH_PLAN
    data["campaigns"][0]["rate"] = 0.14
    with pytest.raises(PolicyFormatError, match=r"got float 0.14.* @ \$.campaigns\[0\].rate"):
        structure(data, CommissionPlan)
    data["campaigns"][0] |= {"rate": "0.14", "trigger": "second_sale"}
    with pytest.raises(PolicyFormatError, match=r"second_sale.* @ \$.campaigns\[0\].trigger"):
        structure(data, CommissionPlan)


# -- a caller's trip terms ---------------------------------------------------------------


@pytest.mark.rule("omid.awards.sales_trip")
def test_a_callers_trip_terms_set_the_stay_the_window_and_the_groups():
    """omid.awards.sales_trip with EXAMPLE terms: 3 days, July-August, passes in threes."""
    terms = TripTerms(3, "beach hotel", MonthDay(7, 1), MonthDay(8, 31), pass_group=3)
    award = award_sales_trip("alfa", passes=6, year=2026, terms=terms)
    assert (award.pairs, award.days, award.destination) == (2, 3, "beach hotel")
    assert (award.travel_from, award.travel_until) == (dt.date(2027, 7, 1), dt.date(2027, 8, 31))
    assert [str(r) for r in award.reasons] == [
        "alfa wins 6 passes (2 groups of 3) for 3 days at a beach hotel",
        "awards of 2026 travel between Jul 1, 2027 and Aug 31, 2027",
    ]
    with pytest.raises(
        InvalidValueError,
        match=r"'passes' must be a multiple of 3 \(passes come in groups of 3\) \(got 4\); use 6",
    ):
        award_sales_trip("alfa", passes=4, year=2026, terms=terms)
    assert award_sales_trip("alfa", passes=2, year=2026).terms is omid.SALES_TRIP
