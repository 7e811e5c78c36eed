r"""Commission: tiers, the first-sale Diamond campaign, payouts on collection, awards, income.

Rules ``omid.tier.by_annual_tcv``, ``omid.campaign.first_sale_diamond``,
``omid.commission.paid_on_collection``, ``omid.awards.sales_trip`` and
``omid.awards.top_mrr_car`` come from the Omid Cloud partner programme
(module 007, seed ``000``: §2.2, §7.1, §7.2, §9.1, §9.2, §10);
``mcs.income.resale_margin`` and ``mcs.income.agency_fee`` from the Mail.ru
Cloud Solutions programme (seed ``002``, the distributor and reseller scheme).

Conventions:

* A sale is a signed :class:`~partnerrules.contracts.Contract`; its value is
  the contract's TCV and its MRR the contract's MRR. Every amount is exact
  :class:`~partnerrules.money.Money` in BRL.
* Calendar years and the order of sales are those of ``America/Sao_Paulo``
  (a parameter, ``zone``); two sales signed at the same instant are ordered
  by contract id. A campaign reads years and days in its own zone.
* Campaigns are data: a :class:`CommissionPlan` holds :class:`Campaign`
  values (and optionally the :class:`TierSchedule`). The functions that
  apply campaigns take ``plan=``, the Omid pack's plan by default (its
  first-sale Diamond campaign); the sales trip takes ``terms=``, the Omid
  pack's :class:`TripTerms` by default. No function reads a pack otherwise.
* The source publishes tier *names* and Diamond's 16% only. A
  :class:`TierSchedule` (thresholds, rates, discounts) is caller data; the
  library ships none.
* The *standard tier* of a partner is the classification it holds outside
  the campaign. The caller passes it (``standard_tiers``: partner -> Tier),
  for instance from :func:`qualify_tier` on the partner's annual TCV.
* A commission is the sale's TCV times its rate, rounded once, half-even, to
  the centavo. It is released as the customer pays: after each payment the
  total released is the commission's share of everything collected so far,
  rounded once, so a fully paid contract releases exactly its commission.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.contracts import Contract
>>> from partnerrules.money import brl
>>> reseller = Tier("Reseller", brl(0), Decimal("0.08"))  # an example tier, not published data
>>> sale = Sale("alfa", Contract("C-1", "ACME", dt.date(2026, 2, 1), 12, brl("10000")),
...             dt.datetime(2026, 1, 20, 15, tzinfo=ZoneInfo("America/Sao_Paulo")))
>>> (line,) = sale_commissions([sale], standard_tiers={"alfa": reseller})
>>> line.rate, line.commission
(Decimal('0.16'), Money('19200.00', 'BRL'))
>>> print(str(line.reasons[0]).replace("; ", ";\n"))
16% because this is alfa's first sale of 2026 (Diamond campaign);
standard tier Reseller would pay 8%
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import operator
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._commission_model import (
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    Tier,
    TierSchedule,
    TripTerms,
    _brl,
    _flag,
    _items,
    _non_negative_brl,
    _units,
    _year,
)
from partnerrules.catalogue import check_rule_id
from partnerrules.contracts import ACTUAL_ACTUAL, MAX_TERM_MONTHS, Contract, Proration
from partnerrules.decisions import Reason
from partnerrules.errors import (
    CurrencyMismatchError,
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.money import BRL, Money
from partnerrules.policies import omid as _omid

__all__ = [
    "MAX_PASSES",
    "SAO_PAULO",
    "AgencyIncome",
    "Campaign",
    "CampaignPeriod",
    "CampaignTrigger",
    "CarAward",
    "CommissionPlan",
    "CommissionStatement",
    "MonthDay",
    "Payment",
    "Payout",
    "RateBasis",
    "Release",
    "ResaleIncome",
    "Sale",
    "SaleCommission",
    "SalesTripAward",
    "StatementLine",
    "Tier",
    "TierSchedule",
    "TierStanding",
    "TripTerms",
    "agency_fee",
    "annual_tcv",
    "award_sales_trip",
    "commission_statement",
    "commission_statements",
    "qualify_tier",
    "release_commission",
    "resale_margin",
    "sale_commissions",
    "top_mrr_car",
]

#: The zone whose calendar years and clock order sales (the programme is Brazilian).
SAO_PAULO: Final = ZoneInfo("America/Sao_Paulo")

_TIER: Final = "omid.tier.by_annual_tcv"
_COLLECTION: Final = "omid.commission.paid_on_collection"
_TRIP: Final = "omid.awards.sales_trip"
_CAR: Final = "omid.awards.top_mrr_car"
_RESALE: Final = "mcs.income.resale_margin"
_AGENCY: Final = "mcs.income.agency_fee"


# -- helpers -------------------------------------------------------------------


def _money(field: str, value: object) -> Money:
    return _validate.instance(field, value, Money, "a Money, e.g. Money('1234.56', 'RUB')")


def _zone(value: object) -> dt.tzinfo:
    if not isinstance(value, dt.tzinfo):
        raise InvalidTypeError("zone", value, "a tzinfo such as ZoneInfo('America/Sao_Paulo')")
    return value


# Validators of the fields of result values: a caller rebuilding one (from
# stored data, say) gets the typed error a function argument would give.
_TEXT: Final = _validate.attrs_validator(_validate.text)
_DATE: Final = _validate.attrs_validator(_validate.date)
_AWARE: Final = _validate.attrs_validator(_validate.aware)
_MONEY: Final = _validate.instance_of(Money, "a Money")
_OPTIONAL_MONEY: Final = _validate.optional_instance_of(Money, "a Money or None")
_REASONS: Final = _validate.tuple_of(Reason, "a tuple of Reason")
_TEXTS: Final = _validate.tuple_of(str, "a tuple of str")
_FLAG: Final = _validate.boolean_field


def _rate_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _validate.instance(attribute.name, value, Decimal, "a Decimal rate in [0, 1]")
    _validate.fraction(attribute.name, value)


def _year_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _year(attribute.name, value)


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _validate.date(attribute.name, value)


def _count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # A contract has at most MAX_TERM_MONTHS + 1 invoices (a partial first month).
    _validate.integer_in(attribute.name, value, 0, MAX_TERM_MONTHS + 1)


def _standings(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(row, tuple)
        and len(row) == 2
        and isinstance(row[0], str)
        and isinstance(row[1], Money)
        for row in value
    ):
        raise InvalidTypeError(attribute.name, value, "a tuple of (partner, Money) pairs")


def _from_units(units: int) -> Money:
    # From integer centavos, in the money module's own decimal context (never the caller's).
    return Money.from_minor_units(units, BRL)


def _share(total: int, part: int, whole: int) -> int:
    """``total x part / whole`` rounded half-even, on non-negative integers."""
    if whole == 0:
        return 0
    quotient, rest = divmod(total * part, whole)
    twice = 2 * rest
    if twice > whole or (twice == whole and quotient % 2):
        quotient += 1
    return quotient


_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_BY_INSTANT_AND_ID: Final = operator.itemgetter(0, 1)


def _midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)


# -- tiers ---------------------------------------------------------------------


@attrs.frozen
class TierStanding:
    """Where a partner stands in a tier schedule (rule ``omid.tier.by_annual_tcv``).

    Attributes:
        annual_tcv: the TCV signed in the year.
        has_presales_team: whether the partner has a qualified pre-sales team.
        tier: the tier it holds.
        next_tier: the next tier it could hold, or None at the top.
        missing: the TCV still needed to reach ``next_tier`` (§10), or None.
        blocked: tiers its TCV reaches that need a pre-sales team it lacks.
        reasons: why.
    """

    annual_tcv: Money = attrs.field(validator=_MONEY)
    has_presales_team: bool = attrs.field(validator=_FLAG)
    tier: Tier = attrs.field(validator=_validate.instance_of(Tier))
    next_tier: Tier | None = attrs.field(
        validator=_validate.optional_instance_of(Tier, "a Tier or None")
    )
    missing: Money | None = attrs.field(validator=_OPTIONAL_MONEY)
    blocked: tuple[Tier, ...] = attrs.field(validator=_validate.tuple_of(Tier, "a tuple of Tier"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def qualify_tier(
    annual_tcv: Money, *, schedule: TierSchedule, has_presales_team: bool
) -> TierStanding:
    """The tier for an annual TCV and the TCV missing to the next one.

    Rule ``omid.tier.by_annual_tcv`` (§7.1: tiers follow annual TCV; a
    qualified technical team opens "Reseller com Pré-Venda"; §10: the TCV
    needed to move up). The next tier skips tiers that need a pre-sales team
    the partner lacks.

    Args:
        annual_tcv: TCV signed in the calendar year (see :func:`annual_tcv`).
        schedule: the caller's tier schedule (the source publishes none).
        has_presales_team: whether the partner has a qualified pre-sales team.

    Raises:
        InvalidTypeError: *schedule* is not a TierSchedule, or a wrong type.
        InvalidValueError: a negative TCV.
        CurrencyMismatchError: a TCV not in BRL.

    >>> from partnerrules.money import brl
    >>> example = TierSchedule([  # an EXAMPLE schedule: the source gives no thresholds
    ...     Tier("Reseller", brl(0), Decimal("0.08")),
    ...     Tier("Reseller com Pré-Venda", brl(500_000), Decimal("0.10"),
    ...          requires_presales_team=True),
    ...     Tier("VAR", brl(1_000_000), Decimal("0.12"), resale_discount=Decimal("0.2")),
    ... ])
    >>> standing = qualify_tier(brl(600_000), schedule=example, has_presales_team=False)
    >>> standing.tier.name, standing.next_tier.name, standing.missing
    ('Reseller', 'VAR', Money('400000.00', 'BRL'))
    >>> for reason in standing.reasons:
    ...     print(reason)
    annual TCV R$600,000.00 qualifies for tier Reseller (from R$0.00), paying 8%
    Reseller com Pré-Venda needs a qualified pre-sales team, which the partner lacks
    R$400,000.00 more annual TCV reaches VAR (from R$1,000,000.00)
    """
    schedule = _validate.instance("schedule", schedule, TierSchedule)
    annual_tcv = _non_negative_brl("annual_tcv", annual_tcv)
    has_presales_team = _flag("has_presales_team", has_presales_team)
    tiers = schedule.tiers
    reached = bisect.bisect_right(schedule._bounds, _units(annual_tcv)) - 1
    index = schedule._index_for(annual_tcv, has_presales_team)
    tier = tiers[index]
    blocked = tuple(t for t in tiers[index + 1 : reached + 1] if t.requires_presales_team)
    above = [t for t in tiers[reached + 1 :] if has_presales_team or not t.requires_presales_team]
    next_tier = above[0] if above else None
    reasons = [
        Reason.of(
            _TIER,
            "annual TCV {tcv} qualifies for tier {tier} (from {minimum}), paying {rate:%}",
            tcv=annual_tcv,
            tier=tier.name,
            minimum=tier.minimum,
            rate=tier.rate,
        )
    ]
    reasons.extend(
        Reason.of(
            _TIER,
            "{tier} needs a qualified pre-sales team, which the partner lacks",
            tier=t.name,
        )
        for t in blocked
    )
    missing = None
    if next_tier is None:
        reasons.append(Reason.of(_TIER, "{tier} is the highest tier it can hold", tier=tier.name))
    else:
        missing = next_tier.minimum - annual_tcv
        reasons.append(
            Reason.of(
                _TIER,
                "{missing} more annual TCV reaches {tier} (from {minimum})",
                missing=missing,
                tier=next_tier.name,
                minimum=next_tier.minimum,
            )
        )
    return TierStanding(
        annual_tcv, has_presales_team, tier, next_tier, missing, blocked, tuple(reasons)
    )


# -- sales and the campaign ------------------------------------------------------


class RateBasis(enum.Enum, metaclass=_validate.TypedEnumType):
    """Why a sale earns its rate.

    * ``CAMPAIGN``: a campaign of the commission plan pays the sale, such as
      the Omid Diamond campaign on the partner's first sale of the year
      (§2.2); ``SaleCommission.campaign`` says which.
    * ``TIER``: the partner's standard tier (§7).
    """

    CAMPAIGN = "campaign"
    TIER = "tier"


@attrs.frozen
class Sale:
    """A contract a partner signed (rules ``omid.campaign.first_sale_diamond``, §2.2).

    Attributes:
        partner: who sold it.
        contract: the contract; its value is its TCV, its MRR its monthly value.
        signed_at: when it was signed, an aware datetime.

    Raises:
        InvalidTypeError: a wrong type.
        NaiveDatetimeError: *signed_at* has no time zone.
    """

    partner: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    contract: Contract = attrs.field(
        validator=_validate.attrs_validator(
            lambda f, v: _validate.instance(f, v, Contract, "a partnerrules.contracts.Contract")
        )
    )
    signed_at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware))

    @property
    def value(self) -> Money:
        """The sale's value: the contract's TCV."""
        return self.contract.tcv

    def year(self, zone: dt.tzinfo = SAO_PAULO) -> int:
        """The calendar year of the signature in *zone* (São Paulo by default).

        Raises:
            InvalidTypeError: *zone* is not a tzinfo.
            HorizonError: the signature falls before year 1 or after year 9999
                in *zone*.
        """
        tz = _zone(zone)
        try:
            return self.signed_at.astimezone(tz).year
        except OverflowError:
            raise HorizonError(
                "signed_at",
                self.signed_at,
                f"an instant that falls in years 1 to 9999 in {tz}",
            ) from None


def _sales(value: object) -> tuple[Sale, ...]:
    sales = _items("sales", value, Sale, "a Sale")
    seen: dict[str, int] = {}
    for i, sale in enumerate(sales):
        cid = sale.contract.id
        if cid in seen:
            raise InvalidValueError(
                f"sales[{i}].contract.id",
                cid,
                f"a contract id not already sold in sales[{seen[cid]}]",
                hint="a contract is sold once",
            )
        seen[cid] = i
    return sales


def _chronological(sales: Iterable[Sale]) -> list[Sale]:
    return sorted(sales, key=lambda s: (s.signed_at - _EPOCH, s.contract.id))


def annual_tcv(
    sales: Iterable[Sale], *, partner: str, year: int, zone: dt.tzinfo = SAO_PAULO
) -> Money:
    """The TCV a partner signed in a calendar year (rule ``omid.tier.by_annual_tcv``, §7.1).

    Args:
        sales: sales of any partners.
        partner: whose sales count.
        year: the calendar year, in *zone*.
        zone: the zone of the calendar (São Paulo by default).
    """
    sales = _sales(sales)
    partner = _validate.text("partner", partner)
    year = _year("year", year)
    zone = _zone(zone)
    return Money.total(
        (s.contract.tcv for s in sales if s.partner == partner and s.year(zone) == year), BRL
    )


@attrs.frozen
class SaleCommission:
    """The commission a sale earns (rules ``omid.campaign.first_sale_diamond``, §2.2).

    Attributes:
        sale: the sale.
        standard_tier: the partner's standard tier.
        rate: the rate applied.
        basis: campaign or tier.
        commission: TCV x rate, rounded once half-even to the centavo.
        year: the calendar year of the sale (in the zone used).
        campaign: the campaign of the plan that set the rate when *basis* is
            ``CAMPAIGN``, else None.
        campaigns: the plan's campaigns the sale was judged by, in priority
            order; the reasons of a tier-rate sale say why each missed it.
        tier_rule: the rule id a tier-rate sale's reasons cite (the plan's
            :class:`CommissionPlan`'s ``tier_rule``).

    Raises:
        InvalidValueError: a *campaign* given with the ``TIER`` basis, or
            missing with the ``CAMPAIGN`` basis.
    """

    sale: Sale = attrs.field(validator=_validate.instance_of(Sale))
    standard_tier: Tier = attrs.field(validator=_validate.instance_of(Tier))
    rate: Decimal = attrs.field(validator=_rate_field)
    basis: RateBasis = attrs.field(validator=_validate.instance_of(RateBasis))
    commission: Money = attrs.field(validator=_MONEY)
    year: int = attrs.field(validator=_year_field)
    campaign: Campaign | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_validate.optional_instance_of(Campaign, "a Campaign or None"),
    )
    campaigns: tuple[Campaign, ...] = attrs.field(
        default=(), kw_only=True, validator=_validate.tuple_of(Campaign, "a tuple of Campaign")
    )
    tier_rule: str = attrs.field(
        default=_TIER,
        kw_only=True,
        validator=_validate.attrs_validator(lambda f, v: check_rule_id(v, field=f)),
    )

    def __attrs_post_init__(self) -> None:
        if (self.basis is RateBasis.CAMPAIGN) is (self.campaign is None):
            raise InvalidValueError(
                "campaign",
                self.campaign,
                "the Campaign that set the rate with the CAMPAIGN basis, and None otherwise",
            )

    @property
    def value(self) -> Money:
        """The sale's value (its contract's TCV)."""
        return self.sale.contract.tcv

    @property
    def classification(self) -> str:
        """The tier the sale is classified as: the campaign's (Diamond Partner) or the standard."""
        return self.standard_tier.name if self.campaign is None else self.campaign.tier

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why this rate, and the arithmetic; built when asked.

        Rules ``omid.campaign.first_sale_diamond`` (or the rule id of the
        caller's campaign that set the rate) and ``omid.tier.by_annual_tcv``:
        a sale at its standard tier's rate gets one reason for each campaign
        of the plan that did not pay it.
        """
        tier = self.standard_tier
        facts: dict[str, Any] = {
            "partner": self.sale.partner,
            "year": self.year,
            "tier": tier.name,
            "standard_rate": tier.rate,
            "contract": self.sale.contract.id,
            "tcv": self.value,
            "rate": self.rate,
            "commission": self.commission,
        }
        if self.campaign is not None:
            rid = self.campaign.rule_id
            why: tuple[Reason, ...] = (_paid_by(self.campaign, self.sale, facts),)
        else:
            rid = self.tier_rule
            why = tuple(_missed_by(c, self.sale, facts, rid) for c in self.campaigns) or (
                Reason.of(
                    rid,
                    "{rate:%}, the rate of {partner}'s standard tier {tier}: "
                    "the commission plan has no campaign",
                    **facts,
                ),
            )
        how = Reason.of(
            rid,
            "commission {commission} is {rate:%} of the TCV {tcv} of contract {contract}",
            **facts,
        )
        return (*why, how)


def _campaign_facts(campaign: Campaign, sale: Sale, facts: dict[str, Any]) -> dict[str, Any]:
    """The facts of a campaign reason: the year and day of the sale in the campaign's zone."""
    local = sale.signed_at.astimezone(campaign.tzinfo)
    out = {
        **facts,
        "year": local.year,
        "signed_on": local.date(),
        "campaign": campaign.name,
        "campaign_rule": campaign.rule_id,
        "classified_as": campaign.tier,
    }
    if campaign.period is not None:
        out["campaign_start"] = campaign.period.start
        out["campaign_last"] = campaign.period.last
    return out


def _paid_by(campaign: Campaign, sale: Sale, facts: dict[str, Any]) -> Reason:
    """Why *campaign* pays the sale; cites the campaign's own rule id."""
    facts = _campaign_facts(campaign, sale, facts)
    rule_id = campaign.rule_id
    first = campaign.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR
    # Whole sentences, so that each is one message to translate (docs/languages.rst).
    if campaign.period is None and first:
        return Reason.of(
            rule_id,
            "{rate:%} because this is {partner}'s first sale of {year} ({campaign} campaign); "
            "standard tier {tier} would pay {standard_rate:%}",
            **facts,
        )
    if campaign.period is None:
        return Reason.of(
            rule_id,
            "{rate:%} because the {campaign} campaign pays every sale; "
            "standard tier {tier} would pay {standard_rate:%}",
            **facts,
        )
    if first:
        return Reason.of(
            rule_id,
            "{rate:%} because this is {partner}'s first sale of {year} in the {campaign} "
            "campaign, from {campaign_start} to {campaign_last}; "
            "standard tier {tier} would pay {standard_rate:%}",
            **facts,
        )
    return Reason.of(
        rule_id,
        "{rate:%} because the {campaign} campaign pays every sale signed "
        "from {campaign_start} to {campaign_last}; "
        "standard tier {tier} would pay {standard_rate:%}",
        **facts,
    )


def _missed_by(campaign: Campaign, sale: Sale, facts: dict[str, Any], rule_id: str) -> Reason:
    """Why *campaign* misses a sale paid at its tier's rate (rule ``omid.tier.by_annual_tcv``)."""
    facts = _campaign_facts(campaign, sale, facts)
    period = campaign.period
    if period is None:
        return Reason.of(
            rule_id,
            "{rate:%}, the rate of {partner}'s standard tier {tier}: "
            "its first sale of {year} already took the {campaign} campaign",
            **facts,
        )
    if not period.start <= facts["signed_on"] < period.end:
        return Reason.of(
            rule_id,
            "{rate:%}, the rate of {partner}'s standard tier {tier}: "
            "the {campaign} campaign runs from {campaign_start} to {campaign_last}, "
            "and this sale was signed on {signed_on}",
            **facts,
        )
    return Reason.of(
        rule_id,
        "{rate:%}, the rate of {partner}'s standard tier {tier}: "
        "its first sale of {year} in the {campaign} campaign, "
        "from {campaign_start} to {campaign_last}, already took it",
        **facts,
    )


def _standard_tiers(value: object) -> Mapping[str, Tier]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("standard_tiers", value, "a mapping of partner to Tier")
    for partner, tier in value.items():
        _validate.instance(f"standard_tiers[{partner}]", tier, Tier)
    return value


def _tier_of(partner: str, standard_tiers: Mapping[str, Tier]) -> Tier:
    try:
        return standard_tiers[partner]
    except KeyError:
        raise UnknownKeyError(
            "partner",
            partner,
            [str(k) for k in standard_tiers],
            hint="give its standard tier in standard_tiers",
        ) from None


def _plan_campaigns(plan: object, diamond_rate: object) -> tuple[Campaign, ...]:
    """The plan's campaigns, with *diamond_rate* (when given) as the rate of its only one."""
    plan = _validate.instance(
        "plan",
        plan,
        CommissionPlan,
        "a CommissionPlan, e.g. partnerrules.policies.omid.COMMISSION_PLAN",
    )
    campaigns = plan.campaigns
    if diamond_rate is None:
        return campaigns
    rate = _validate.fraction("diamond_rate", diamond_rate)
    if len(campaigns) != 1:
        raise InvalidValueError(
            "diamond_rate",
            diamond_rate,
            f"None with a plan of {len(campaigns)} campaigns",
            hint="set the rate of each Campaign of the plan instead",
        )
    return (attrs.evolve(campaigns[0], rate=rate),)


def _commissions(
    sales: tuple[Sale, ...],
    standard_tiers: Mapping[str, Tier],
    campaigns: tuple[Campaign, ...],
    zone: dt.tzinfo,
    tier_rule: str = _TIER,
) -> list[SaleCommission]:
    # Each campaign decides on its own which sales it pays (a first sale of
    # the year is the first whatever other campaigns do); the first campaign
    # of the plan that pays a sale sets its rate.
    rules = [
        (
            c,
            c.tzinfo,
            c.period,
            c.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR,
            set[tuple[str, int]](),
        )
        for c in campaigns
    ]
    out = []
    for sale in _chronological(sales):
        partner = sale.partner
        tier = _tier_of(partner, standard_tiers)
        local = sale.signed_at.astimezone(zone)
        applied = None
        for campaign, tz, period, first_only, firsts in rules:
            here = local if tz is zone else sale.signed_at.astimezone(tz)
            if period is not None and not period.start <= here.date() < period.end:
                continue
            if first_only:
                key = (partner, here.year)
                if key in firsts:
                    continue
                firsts.add(key)
            if applied is None:
                applied = campaign
        if applied is None:
            rate, basis = tier.rate, RateBasis.TIER
        else:
            rate, basis = applied.rate, RateBasis.CAMPAIGN
        commission = sale.contract.tcv.multiply(rate)
        out.append(
            SaleCommission(
                sale,
                tier,
                rate,
                basis,
                commission,
                local.year,
                campaign=applied,
                campaigns=campaigns,
                tier_rule=tier_rule,
            )
        )
    return out


def sale_commissions(
    sales: Iterable[Sale],
    *,
    standard_tiers: Mapping[str, Tier],
    plan: CommissionPlan = _omid.COMMISSION_PLAN,
    diamond_rate: Decimal | None = None,
    zone: dt.tzinfo = SAO_PAULO,
) -> tuple[SaleCommission, ...]:
    """Each sale's rate and commission, in signature order.

    Rule ``omid.campaign.first_sale_diamond`` (§2.2), the campaign of the
    default *plan* (the Omid pack's): a partner's first sale of each
    calendar year (in São Paulo) is classified Diamond Partner and earns 16%
    on its contract value, whatever its tier. Every sale no campaign of the
    plan pays earns the rate of the partner's standard tier (rule
    ``omid.tier.by_annual_tcv``). A caller's plan brings its own campaigns
    (see :class:`Campaign`), and their reasons cite their own rule ids.
    Sales are taken in signature order; sales signed at the same instant are
    ordered by contract id.

    Pass *every* sale of the partners in the years concerned: a first sale
    left out would hand the campaign to a later one.

    Args:
        sales: the sales, of any partners, in any order.
        standard_tiers: each partner's standard tier (its classification
            outside the campaigns), e.g. from :func:`qualify_tier`.
        plan: the commission plan whose campaigns apply (the Omid pack's
            ``COMMISSION_PLAN`` by default).
        diamond_rate: kept for compatibility: the rate of the plan's only
            campaign instead of its own (None keeps the plan's; refused for
            a plan with more or fewer than one campaign).
        zone: the zone of the calendar year reported on each line
            (``SaleCommission.year``); each campaign reads years and
            days in its own zone.

    Raises:
        InvalidTypeError: a sale, tier or plan of the wrong type.
        InvalidValueError: a contract sold twice, a rate outside [0, 1], or
            *diamond_rate* with a plan of several campaigns.
        UnknownKeyError: a partner with no standard tier.
    """
    sales = _sales(sales)
    standard_tiers = _standard_tiers(standard_tiers)
    campaigns = _plan_campaigns(plan, diamond_rate)
    return tuple(_commissions(sales, standard_tiers, campaigns, _zone(zone), plan.tier_rule))


# -- payouts on collection ------------------------------------------------------


@attrs.frozen
class Payment:
    """A customer's payment of (part of) an invoice (rule ``omid.commission.paid_on_collection``).

    Attributes:
        id: the payment id; a payment id pays once.
        invoice_id: the invoice paid, ``"<contract id>/<number>"``
            (:attr:`partnerrules.contracts.Invoice.id`).
        amount: the amount paid, in BRL, > 0.
        paid_at: when it was paid, an aware datetime.

    Raises:
        InvalidTypeError: a float or another wrong type.
        InvalidValueError: an amount <= 0.
        CurrencyMismatchError: an amount not in BRL.
        NaiveDatetimeError: *paid_at* has no time zone.
    """

    id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    invoice_id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    amount: Money = attrs.field(validator=_validate.attrs_validator(_brl))
    paid_at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware))

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_positive():
            raise InvalidValueError("amount", self.amount, "an amount > 0")


@attrs.frozen
class Release:
    """Commission released by one payment (rule ``omid.commission.paid_on_collection``).

    Attributes:
        payment_id: the payment.
        invoice_id: the invoice it paid.
        paid_at: when it was paid.
        paid: the amount the customer paid.
        amount: the commission it releases.
    """

    payment_id: str = attrs.field(validator=_TEXT)
    invoice_id: str = attrs.field(validator=_TEXT)
    paid_at: dt.datetime = attrs.field(validator=_AWARE)
    paid: Money = attrs.field(validator=_MONEY)
    amount: Money = attrs.field(validator=_MONEY)

    @property
    def reason(self) -> Reason:
        """Why this payment releases this amount (built when asked)."""
        return Reason.of(
            _COLLECTION,
            "payment {payment} of {paid} on invoice {invoice} releases {amount}",
            payment=self.payment_id,
            paid=self.paid,
            invoice=self.invoice_id,
            amount=self.amount,
            paid_at=self.paid_at,
        )


@attrs.frozen
class Payout:
    """What a sale's commission has released so far (rule ``omid.commission.paid_on_collection``).

    Attributes:
        contract_id: the contract.
        commission: the sale's commission.
        releases: one per payment counted, in payment order.
        collected: what the customer has paid.
        released: the commission released, the sum of ``releases``.
        pending: commission still to be released as owed invoices are paid.
        forfeited: commission that will never be released (the invoices of
            a cancelled contract that fell away); zero unless cancelled.
        replayed: ids of payments given again with the same content, ignored.
        cancelled_on: the day the contract was cancelled, or None.
        void_invoices: how many invoices fell away with the cancellation
            (at most ``MAX_TERM_MONTHS + 1``, the most invoices a contract has).
    """

    contract_id: str = attrs.field(validator=_TEXT)
    commission: Money = attrs.field(validator=_MONEY)
    releases: tuple[Release, ...] = attrs.field(
        validator=_validate.tuple_of(Release, "a tuple of Release")
    )
    collected: Money = attrs.field(validator=_MONEY)
    released: Money = attrs.field(validator=_MONEY)
    pending: Money = attrs.field(validator=_MONEY)
    forfeited: Money = attrs.field(validator=_MONEY)
    replayed: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    cancelled_on: dt.date | None = attrs.field(default=None, validator=_optional_date)
    void_invoices: int = attrs.field(default=0, validator=_count)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why (rule ``omid.commission.paid_on_collection``); built when asked."""
        facts: dict[str, Any] = {
            "contract": self.contract_id,
            "commission": self.commission,
            "collected": self.collected,
            "released": self.released,
            "pending": self.pending,
            "forfeited": self.forfeited,
            "count": len(self.releases),
        }
        reasons = [
            Reason.of(
                _COLLECTION,
                "released {released} of the {commission} commission on contract {contract}: "
                "its share of the {collected} the customer has paid",
                **facts,
            ),
            Reason.of(
                _COLLECTION,
                "{pending} is still pending, released as the customer pays the invoices it owes",
                **facts,
            ),
        ]
        if self.cancelled_on is not None:
            reasons.append(
                Reason.of(
                    _COLLECTION,
                    "contract {contract} was cancelled on {cancelled_on}: its {void} invoices "
                    "from then on release nothing ({forfeited} of commission)",
                    cancelled_on=self.cancelled_on,
                    void=self.void_invoices,
                    **facts,
                )
            )
        if self.replayed:
            reasons.append(
                Reason.of(
                    _COLLECTION,
                    "replayed payment ids {replayed} were counted once, not twice",
                    replayed=", ".join(self.replayed),
                )
            )
        return tuple(reasons)


def _unique_payments(payments: object) -> tuple[list[Payment], list[str]]:
    """Drop exact replays of a payment id; refuse an id reused for another payment."""
    items = _items("payments", payments, Payment, "a Payment")
    by_id: dict[str, Payment] = {}
    replayed = []
    for item in items:
        known = by_id.get(item.id)
        if known is None:
            by_id[item.id] = item
        elif known == item:
            replayed.append(item.id)
        else:
            raise InvalidValueError(
                "payments",
                item,
                f"a new id: payment id {item.id!r} was already used for {known!r}",
                hint="a payment id pays once; replaying the same payment is ignored",
            )
    return list(by_id.values()), replayed


def _payout(
    commission: SaleCommission,
    payments: list[Payment],
    replayed: list[str],
    *,
    cancelled_on: dt.date | None,
    as_of: dt.datetime | None,
    convention: Proration,
) -> Payout:
    contract = commission.sale.contract
    owed: dict[str, int] = {}
    void: set[str] = set()
    whole = 0
    for invoice in contract.invoices(convention=convention):
        units = _units(invoice.amount)
        whole += units
        key = f"{contract.id}/{invoice.number}"
        if cancelled_on is None or invoice.period_start < cancelled_on:
            owed[key] = units
        else:
            void.add(key)
    total = _units(commission.commission)
    # Order by instant, then id. Subtracting a fixed aware epoch once per payment
    # gives exact, cheaply comparable keys (comparing aware datetimes directly
    # asks the zone for its offset at every comparison).
    keyed = [(p.paid_at - _EPOCH, p.id, p) for p in payments]
    if as_of is not None:
        limit_key = as_of - _EPOCH
        keyed = [k for k in keyed if k[0] < limit_key]
    keyed.sort(key=_BY_INSTANT_AND_ID)
    payments = [k[2] for k in keyed]
    paid: dict[str, int] = {}
    collected = released = 0
    releases = []
    for payment in payments:
        key = payment.invoice_id
        limit = owed.get(key)
        if limit is None:
            if key in void:
                raise InvalidValueError(
                    "invoice_id",
                    key,
                    f"an invoice still owed: contract {contract.id!r} was cancelled on "
                    f"{cancelled_on} and this invoice fell away",
                    hint=f"payment {payment.id!r} pays nothing owed",
                )
            raise UnknownKeyError(
                "invoice",
                key,
                owed,
                hint=f"payment {payment.id!r} pays an invoice contract {contract.id!r} lacks",
            )
        units = _units(payment.amount)
        so_far = paid.get(key, 0) + units
        if so_far > limit:
            raise InvalidValueError(
                "amount",
                payment.amount,
                f"at most the {_from_units(limit - so_far + units).amount} BRL still owed "
                f"on invoice {key!r} (of {_from_units(limit).amount} BRL)",
                hint=f"payment {payment.id!r} pays more than is owed",
            )
        paid[key] = so_far
        collected += units
        cumulative = _share(total, collected, whole)
        releases.append(
            Release(
                payment.id,
                key,
                payment.paid_at,
                payment.amount,
                _from_units(cumulative - released),
            )
        )
        released = cumulative
    reachable = _share(total, sum(owed.values()), whole)
    return Payout(
        contract.id,
        commission.commission,
        tuple(releases),
        _from_units(collected),
        _from_units(released),
        _from_units(reachable - released),
        _from_units(total - reachable),
        tuple(replayed),
        cancelled_on,
        len(void),
    )


def release_commission(
    commission: SaleCommission,
    payments: Iterable[Payment],
    *,
    cancelled_on: dt.date | None = None,
    as_of: dt.datetime | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> Payout:
    """Release a sale's commission as the customer pays its invoices.

    Rule ``omid.commission.paid_on_collection`` (§2.2: the commission is paid
    as the customer settles the invoices). Payments count in the order they
    were paid (ties by payment id). After each payment the total released is
    ``commission x collected / TCV`` rounded once, half-even, to the
    centavo; the payment releases the increase. So each payment releases its
    rate share within a centavo, the total never exceeds the commission,
    depends only on what was collected (not on the order), and equals the
    commission exactly once every invoice is paid.

    A payment id pays once: the same payment given again is ignored (and
    named in the reasons); the same id with other content is an error.

    Args:
        commission: the sale's commission (from :func:`sale_commissions`).
        payments: the payments of this contract's invoices.
        cancelled_on: the day the contract was cancelled, if it was: the
            invoices of periods starting on or after it fell away and release
            nothing (their commission is *forfeited*); earlier invoices are
            still owed and release when paid.
        as_of: count only payments made before this aware instant.
        convention: the proration of the invoice schedule, as billed.

    Raises:
        InvalidTypeError: a wrong type.
        UnknownKeyError: a payment of an invoice the contract does not have.
        InvalidValueError: a payment beyond what is owed on its invoice, of
            an invoice that fell away with a cancellation, or a payment id
            reused for another payment.
    """
    commission = _validate.instance("commission", commission, SaleCommission)
    unique, replayed = _unique_payments(payments)
    if cancelled_on is not None:
        cancelled_on = _validate.date("cancelled_on", cancelled_on)
    if as_of is not None:
        as_of = _validate.aware("as_of", as_of)
    return _payout(
        commission,
        unique,
        replayed,
        cancelled_on=cancelled_on,
        as_of=as_of,
        convention=Proration.parse(convention),
    )


# -- statements -------------------------------------------------------------------


@attrs.frozen
class StatementLine:
    """One sale on a commission statement (rules ``omid.campaign.first_sale_diamond``, ...).

    Attributes:
        sale_commission: the sale, its rate, the basis of the rate and its
            commission (rules ``omid.campaign.first_sale_diamond`` and
            ``omid.tier.by_annual_tcv``).
        payout: what payments made before the statement's end released
            (rule ``omid.commission.paid_on_collection``).
    """

    sale_commission: SaleCommission = attrs.field(validator=_validate.instance_of(SaleCommission))
    payout: Payout = attrs.field(validator=_validate.instance_of(Payout))

    @property
    def sale(self) -> Sale:
        """The sale."""
        return self.sale_commission.sale

    @property
    def standard_tier(self) -> Tier:
        """The partner's standard tier."""
        return self.sale_commission.standard_tier

    @property
    def rate(self) -> Decimal:
        """The rate applied."""
        return self.sale_commission.rate

    @property
    def basis(self) -> RateBasis:
        """Campaign or tier: why the sale earns its rate."""
        return self.sale_commission.basis

    @property
    def campaign(self) -> Campaign | None:
        """The campaign that set the rate, or None at the standard tier's rate."""
        return self.sale_commission.campaign

    @property
    def commission(self) -> Money:
        """The sale's commission."""
        return self.sale_commission.commission

    @property
    def released(self) -> Money:
        """Released by payments made before the statement's end."""
        return self.payout.released

    @property
    def pending(self) -> Money:
        """Still to be released as the customer pays."""
        return self.payout.pending

    @property
    def forfeited(self) -> Money:
        """Never to be released (invoices of a cancelled contract that fell away)."""
        return self.payout.forfeited

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why: the rate, the arithmetic, the releases; built when asked."""
        return self.sale_commission.reasons + self.payout.reasons


@attrs.frozen
class CommissionStatement:
    """A partner's commission for a period (rule ``omid.commission.paid_on_collection``).

    Attributes:
        partner: the partner.
        start: first day of the period (inclusive), in the statement's zone.
        end: end of the period (exclusive).
        lines: the sales signed in the period, in signature order.
        commission: the sum of their commissions.
        released: the sum released by payments made before ``end``.
        pending: the sum still to be released.
        forfeited: the sum never to be released.
        reasons: a summary.
    """

    partner: str = attrs.field(validator=_TEXT)
    start: dt.date = attrs.field(validator=_DATE)
    end: dt.date = attrs.field(validator=_DATE)
    lines: tuple[StatementLine, ...] = attrs.field(
        validator=_validate.tuple_of(StatementLine, "a tuple of StatementLine")
    )
    commission: Money = attrs.field(validator=_MONEY)
    released: Money = attrs.field(validator=_MONEY)
    pending: Money = attrs.field(validator=_MONEY)
    forfeited: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def _statements(
    partners: tuple[str, ...] | None,
    sales: object,
    payments: object,
    *,
    start: object,
    end: object,
    standard_tiers: object,
    cancellations: object,
    plan: object,
    diamond_rate: object,
    zone: object,
    convention: object,
) -> tuple[CommissionStatement, ...]:
    sales = _sales(sales)
    start = _validate.date("start", start)
    end = _validate.date("end", end)
    if end <= start:
        raise InvalidValueError("end", end, f"after start {start.isoformat()}")
    tiers = _standard_tiers(standard_tiers)
    campaigns = _plan_campaigns(plan, diamond_rate)
    tier_rule = _validate.instance("plan", plan, CommissionPlan).tier_rule
    tz = _zone(zone)
    conv = Proration.parse(convention)
    cancelled: Mapping[str, dt.date] = {} if cancellations is None else cancellations  # type: ignore[assignment]
    if not isinstance(cancelled, Mapping):
        raise InvalidTypeError("cancellations", cancellations, "a mapping of contract id to date")
    for cid, day in cancelled.items():
        _validate.date(f"cancellations[{cid!r}]", day)
    if partners is None:
        partners = tuple(sorted({s.partner for s in sales}))
    for partner in partners:
        _tier_of(partner, tiers)
    wanted = set(partners)
    unique, replayed = _unique_payments(payments)
    sold = {s.contract.id for s in sales}
    by_contract: dict[str, list[Payment]] = {}
    for payment in unique:
        cid = payment.invoice_id.rpartition("/")[0]
        if cid not in sold:
            raise UnknownKeyError(
                "contract",
                cid,
                sold,
                hint=f"payment {payment.id!r} pays invoice {payment.invoice_id!r}, "
                "of a contract no sale has",
            )
        by_contract.setdefault(cid, []).append(payment)
    replays_of: dict[str, list[str]] = {}
    if replayed:
        invoice_of = {p.id: p.invoice_id for p in unique}
        for pid in replayed:
            replays_of.setdefault(invoice_of[pid].rpartition("/")[0], []).append(pid)
    first, stop = _midnight(start, tz), _midnight(end, tz)
    relevant = tuple(s for s in sales if s.partner in wanted)
    lines: dict[str, list[StatementLine]] = {p: [] for p in partners}
    for item in _commissions(relevant, tiers, campaigns, tz, tier_rule):
        sale = item.sale
        if not first <= sale.signed_at < stop:
            continue
        cid = sale.contract.id
        payout = _payout(
            item,
            by_contract.get(cid, []),
            replays_of.get(cid, []),
            cancelled_on=cancelled.get(cid),
            as_of=stop,
            convention=conv,
        )
        lines[sale.partner].append(StatementLine(item, payout))
    out = []
    for partner in partners:
        rows = tuple(lines[partner])
        commission = _from_units(sum(_units(r.commission) for r in rows))
        released = _from_units(sum(_units(r.released) for r in rows))
        pending = _from_units(sum(_units(r.pending) for r in rows))
        forfeited = _from_units(sum(_units(r.forfeited) for r in rows))
        reasons = (
            Reason.of(
                _COLLECTION,
                "{partner} signed {count} sales from {start} to {end}, earning {commission}: "
                "{released} released, {pending} pending, {forfeited} forfeited",
                partner=partner,
                count=len(rows),
                start=start,
                end=end - dt.timedelta(days=1),
                commission=commission,
                released=released,
                pending=pending,
                forfeited=forfeited,
            ),
            *(_campaign_count(c, rows) for c in campaigns),
        )
        out.append(
            CommissionStatement(
                partner, start, end, rows, commission, released, pending, forfeited, reasons
            )
        )
    return tuple(out)


def _campaign_count(campaign: Campaign, rows: tuple[StatementLine, ...]) -> Reason:
    """How many lines *campaign* paid; cites the campaign's own rule id."""
    count = sum(1 for r in rows if r.campaign is campaign)
    facts: dict[str, Any] = {
        "campaign": count,
        "name": campaign.name,
        "campaign_rule": campaign.rule_id,
        "rate": campaign.rate,
    }
    rule_id = campaign.rule_id
    first = campaign.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR
    if campaign.period is None:
        if first:
            return Reason.of(
                rule_id,
                "{campaign} of them earned the {name} campaign rate as a first sale of the year",
                **facts,
            )
        return Reason.of(
            rule_id,
            "{campaign} of them earned the {name} campaign rate, which pays every sale",
            **facts,
        )
    facts["campaign_start"] = campaign.period.start
    facts["campaign_last"] = campaign.period.last
    if first:
        return Reason.of(
            rule_id,
            "{campaign} of them earned the {name} campaign rate as a first sale of the year "
            "in its period, from {campaign_start} to {campaign_last}",
            **facts,
        )
    return Reason.of(
        rule_id,
        "{campaign} of them earned the {name} campaign rate, which pays every sale "
        "signed from {campaign_start} to {campaign_last}",
        **facts,
    )


def commission_statement(
    partner: str,
    sales: Iterable[Sale],
    payments: Iterable[Payment],
    *,
    start: dt.date,
    end: dt.date,
    standard_tiers: Mapping[str, Tier],
    cancellations: Mapping[str, dt.date] | None = None,
    plan: CommissionPlan = _omid.COMMISSION_PLAN,
    diamond_rate: Decimal | None = None,
    zone: dt.tzinfo = SAO_PAULO,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> CommissionStatement:
    """A partner's commission statement for ``[start, end)``.

    Rules ``omid.campaign.first_sale_diamond`` (or the rule ids of the
    campaigns of a caller's *plan*) and ``omid.tier.by_annual_tcv`` (the rate
    of each sale) and ``omid.commission.paid_on_collection`` (what was
    released and what is pending, §2.2).

    The statement lists every sale of *partner* signed in the period (dates
    of *zone*), with its rate and the reason for it, its commission, what
    payments made before *end* released and what is still pending. Its
    reasons sum the period up, then count the sales each campaign of the
    plan paid. Pass every sale of the year: the first sale of a year earns
    the campaign even when it was signed before *start*.

    Args:
        partner: whose statement.
        sales: the sales (of this and any other partners).
        payments: the customers' payments; a payment of a contract no sale
            has is an error, payments of other partners' contracts are skipped.
        start: first day of the period.
        end: the day after the last (exclusive).
        standard_tiers: each partner's standard tier.
        cancellations: contract id -> day it was cancelled.
        plan: the commission plan whose campaigns apply (the Omid pack's
            ``COMMISSION_PLAN`` by default), as for :func:`sale_commissions`.
        diamond_rate: kept for compatibility: the rate of the plan's only
            campaign instead of its own (None keeps the plan's).
        zone: the zone of the period's dates and of the lines' years (each
            campaign reads years and days in its own zone).
        convention: the invoice proration, as billed.

    Raises:
        UnknownKeyError: *partner* (or a partner of *sales*) has no standard
            tier, or a payment names an unknown invoice.
        InvalidValueError: a payment beyond what is owed, a reused payment
            id, an empty period, or *diamond_rate* with a plan of several
            campaigns.
        InvalidTypeError: a wrong type.
    """
    partner = _validate.text("partner", partner)
    (statement,) = _statements(
        (partner,),
        sales,
        payments,
        start=start,
        end=end,
        standard_tiers=standard_tiers,
        cancellations=cancellations,
        plan=plan,
        diamond_rate=diamond_rate,
        zone=zone,
        convention=convention,
    )
    return statement


def commission_statements(
    sales: Iterable[Sale],
    payments: Iterable[Payment],
    *,
    start: dt.date,
    end: dt.date,
    standard_tiers: Mapping[str, Tier],
    cancellations: Mapping[str, dt.date] | None = None,
    plan: CommissionPlan = _omid.COMMISSION_PLAN,
    diamond_rate: Decimal | None = None,
    zone: dt.tzinfo = SAO_PAULO,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> tuple[CommissionStatement, ...]:
    """Every partner's statement for ``[start, end)`` in one pass, sorted by partner.

    Rules ``omid.commission.paid_on_collection`` and
    ``omid.campaign.first_sale_diamond`` (or the campaigns of *plan*); the
    same as calling :func:`commission_statement` for each partner of *sales*,
    with the payments read once.
    """
    return _statements(
        None,
        sales,
        payments,
        start=start,
        end=end,
        standard_tiers=standard_tiers,
        cancellations=cancellations,
        plan=plan,
        diamond_rate=diamond_rate,
        zone=zone,
        convention=convention,
    )


# -- awards --------------------------------------------------------------------


#: The most passes one award grants.
MAX_PASSES: Final = 1_000_000


def _passes(value: object, group: int) -> int:
    passes = _validate.integer_in("passes", value, group, MAX_PASSES)
    if passes % group:
        if group == 2:
            allowed = "an even number (passes come in pairs)"
        else:
            allowed = f"a multiple of {group} (passes come in groups of {group})"
        raise InvalidValueError(
            "passes", value, allowed, hint=f"use {passes + group - passes % group}"
        )
    return passes


def _trip_terms(field: str, value: object) -> TripTerms:
    return _validate.instance(
        field, value, TripTerms, "a TripTerms, e.g. partnerrules.policies.omid.SALES_TRIP"
    )


@attrs.frozen
class SalesTripAward:
    """Resort passes for a sales highlight (rule ``omid.awards.sales_trip``, §9.1).

    Attributes:
        partner: the winner.
        year: the year of the sales it rewards, from 1 to 9998 (the travel
            window is in the next year).
        passes: the number of passes, a multiple of the terms' group (even
            under the Omid terms: passes come in pairs), at most
            :data:`MAX_PASSES`.
        reasons: why.
        terms: what the trip gives (the Omid pack's ``SALES_TRIP`` by default).

    Raises:
        InvalidValueError: a number of passes that is not a whole number of
            groups (an odd number under the Omid terms), or fewer than one group.
        InvalidTypeError: a wrong type.
    """

    partner: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    # The travel window is in the next year, so the last award year is 9998.
    year: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _year(f, v, last=dt.MAXYEAR - 1))
    )
    passes: int
    reasons: tuple[Reason, ...] = attrs.field(default=(), validator=_REASONS)
    terms: TripTerms = attrs.field(
        default=_omid.SALES_TRIP, validator=_validate.attrs_validator(_trip_terms), kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        _passes(self.passes, self.terms.pass_group)

    @property
    def pairs(self) -> int:
        """The number of groups of passes: pairs under the Omid terms."""
        return self.passes // self.terms.pass_group

    @property
    def travel_from(self) -> dt.date:
        """First day of the travel window in the next year (1 February under the Omid terms)."""
        return self.terms.travel_from.in_year(self.year + 1)

    @property
    def travel_until(self) -> dt.date:
        """Last day of the travel window, inclusive (31 March of the next year for Omid)."""
        return self.terms.travel_until.in_year(self.year + 1)

    @property
    def days(self) -> int:
        """Length of the stay in days (four under the Omid terms, §9.1)."""
        return self.terms.days

    @property
    def destination(self) -> str:
        """Where to (an all-inclusive resort in Brazil under the Omid terms, §9.1)."""
        return self.terms.destination


def award_sales_trip(
    partner: str, *, passes: int, year: int, terms: TripTerms = _omid.SALES_TRIP
) -> SalesTripAward:
    """Award resort passes to a sales highlight of *year*.

    Rule ``omid.awards.sales_trip`` (§9.1), with the Omid pack's *terms* by
    default: four days at an all-inclusive resort in Brazil; passes are
    given in pairs, so the partner can take members of its team; the trip is
    in February-March. The travel window for awards of year N is 1 February
    to 31 March of year N+1. Who is a highlight, and how many passes, is the
    caller's decision.

    Args:
        partner: the winner.
        passes: how many passes, a whole number of the terms' groups, at
            most :data:`MAX_PASSES`.
        year: the year of the sales the award rewards.
        terms: what the trip gives (``partnerrules.policies.omid.SALES_TRIP``
            by default).

    Raises:
        InvalidValueError: an odd number of passes, or fewer than 2 (under
            the Omid terms).
        InvalidTypeError: a wrong type.

    >>> award = award_sales_trip("alfa", passes=4, year=2026)
    >>> award.pairs, award.travel_from, award.travel_until
    (2, datetime.date(2027, 2, 1), datetime.date(2027, 3, 31))
    >>> print(award.reasons[0])
    alfa wins 4 passes (2 pairs) for 4 days at an all-inclusive resort in Brazil
    >>> award_sales_trip("alfa", passes=3, year=2026)
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'passes' must be an even number (passes come in ...
    """
    award = SalesTripAward(partner, year, passes, terms=terms)
    group = award.terms.pass_group
    facts: dict[str, Any] = {
        "partner": award.partner,
        "passes": award.passes,
        "pairs": award.pairs,
        "group": group,
        "days": award.days,
        "destination": award.destination,
        "year": award.year,
    }
    vowel = award.destination[:1].lower() in "aeiou"
    if group == 2 and vowel:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} pairs) for {days} days at an {destination}",
            **facts,
        )
    elif group == 2:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} pairs) for {days} days at a {destination}",
            **facts,
        )
    elif vowel:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} groups of {group}) for {days} days "
            "at an {destination}",
            **facts,
        )
    else:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} groups of {group}) for {days} days "
            "at a {destination}",
            **facts,
        )
    reasons = (
        won,
        Reason.of(
            _TRIP,
            "awards of {year} travel between {first} and {last}",
            year=award.year,
            first=award.travel_from,
            last=award.travel_until,
        ),
    )
    return attrs.evolve(award, reasons=reasons)


@attrs.frozen
class CarAward:
    """The car for the year's MRR leader (rule ``omid.awards.top_mrr_car``, §9.2).

    Attributes:
        year: the calendar year.
        winners: the partner with the largest MRR signed in the year; every
            tied partner on a tie; empty when no partner signed MRR.
        mrr: the winning MRR (zero when there is no winner).
        is_tie: whether more than one partner shares the top.
        standings: (partner, MRR) for every partner with a sale in the year,
            largest first, ties by name.
        reasons: why.
    """

    year: int = attrs.field(validator=_year_field)
    winners: tuple[str, ...] = attrs.field(validator=_TEXTS)
    mrr: Money = attrs.field(validator=_MONEY)
    is_tie: bool = attrs.field(validator=_FLAG)
    standings: tuple[tuple[str, Money], ...] = attrs.field(validator=_standings)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def top_mrr_car(sales: Iterable[Sale], *, year: int, zone: dt.tzinfo = SAO_PAULO) -> CarAward:
    """Who wins the car: the largest MRR signed in *year* (rule ``omid.awards.top_mrr_car``).

    §9.2: the partner with the largest sales volume in MRR in the year wins
    a car. Volume is the sum of the MRR of the contracts each partner signed
    in the calendar year (of *zone*). A tie is reported as a tie with every
    tied partner; the library does not pick one. With no sales in the year,
    or only sales of zero MRR, nobody wins: ``winners`` is empty.

    >>> import datetime as dt
    >>> from partnerrules.contracts import Contract
    >>> from partnerrules.money import brl
    >>> def sale(partner, cid, mrr):
    ...     c = Contract(cid, "ACME", dt.date(2026, 3, 1), 12, brl(mrr))
    ...     return Sale(partner, c, dt.datetime(2026, 2, 27, 12, tzinfo=SAO_PAULO))
    >>> award = top_mrr_car([sale("alfa", "C-1", 5000), sale("beta", "C-2", 3000),
    ...                      sale("beta", "C-3", 2000)], year=2026)
    >>> award.winners, award.is_tie
    (('alfa', 'beta'), True)
    >>> print(award.reasons[0])
    tie for the car of 2026: alfa and beta each signed R$5,000.00 of MRR
    """
    sales = _sales(sales)
    year = _year("year", year)
    tz = _zone(zone)
    totals: dict[str, int] = {}
    for sale in sales:
        if sale.year(tz) == year:
            totals[sale.partner] = totals.get(sale.partner, 0) + _units(sale.contract.mrr)
    standings = tuple(
        (partner, _from_units(units))
        for partner, units in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    best = max(totals.values(), default=0)
    winners = tuple(p for p, units in sorted(totals.items()) if units == best) if best else ()
    mrr = _from_units(best)
    names = " and ".join(winners)
    if not winners:
        reason = Reason.of(
            _CAR,
            "no partner signed MRR in {year}: nobody wins the car",
            year=year,
            partners=len(totals),
        )
    elif len(winners) > 1:
        reason = Reason.of(
            _CAR,
            "tie for the car of {year}: {names} each signed {mrr} of MRR",
            year=year,
            names=names,
            mrr=mrr,
        )
    else:
        runner_up = standings[1][1] if len(standings) > 1 else Money.zero(BRL)
        reason = Reason.of(
            _CAR,
            "{names} wins the car of {year} with {mrr} of MRR signed (next best {runner_up})",
            year=year,
            names=names,
            mrr=mrr,
            runner_up=runner_up,
        )
    return CarAward(year, winners, mrr, len(winners) > 1, standings, (reason,))


# -- income schemes (MCS) -----------------------------------------------------------


@attrs.frozen
class ResaleIncome:
    """A reseller's margin on a licence resale (rule ``mcs.income.resale_margin``).

    Attributes:
        resale_price: what the customer pays the partner.
        purchase_price: what the partner pays for the licences.
        margin: resale price - purchase price; negative when sold at a loss.
        is_loss: whether the margin is negative.
        reasons: why (a loss is flagged).
    """

    resale_price: Money = attrs.field(validator=_MONEY)
    purchase_price: Money = attrs.field(validator=_MONEY)
    margin: Money = attrs.field(validator=_MONEY)
    is_loss: bool = attrs.field(validator=_FLAG)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def resale_margin(resale_price: Money, *, purchase_price: Money) -> ResaleIncome:
    """The partner's income under the resale scheme: its margin.

    Rule ``mcs.income.resale_margin`` (seed 002, the distributor and reseller
    scheme: the partner buys and resells licences and the customer's money
    flows through it). Income is resale price minus purchase price, in the
    same currency. A negative margin (a sale at a loss) is allowed, not
    refused: it is flagged by ``is_loss`` and in the reasons.

    Raises:
        InvalidTypeError: a price that is not Money.
        InvalidValueError: a negative price.
        CurrencyMismatchError: prices in different currencies.

    >>> from partnerrules.money import Money
    >>> income = resale_margin(Money("1200", "RUB"), purchase_price=Money("1000", "RUB"))
    >>> income.margin, income.is_loss
    (Money('200.00', 'RUB'), False)
    """
    resale_price = _money("resale_price", resale_price)
    purchase_price = _money("purchase_price", purchase_price)
    for field, price in (("resale_price", resale_price), ("purchase_price", purchase_price)):
        if price.is_negative():
            raise InvalidValueError(field, price, "an amount >= 0")
    if purchase_price.currency != resale_price.currency:
        raise CurrencyMismatchError(
            "purchase_price", resale_price.currency, purchase_price.currency
        )
    margin = resale_price - purchase_price
    facts = {"margin": margin, "resale": resale_price, "purchase": purchase_price}
    reasons = [
        Reason.of(
            _RESALE,
            "margin {margin} = resale price {resale} - purchase price {purchase}; "
            "the customer's money flows through the partner",
            **facts,
        )
    ]
    if margin.is_negative():
        reasons.append(
            Reason.of(_RESALE, "sold at a loss: the margin {margin} is negative", **facts)
        )
    return ResaleIncome(resale_price, purchase_price, margin, margin.is_negative(), tuple(reasons))


@attrs.frozen
class AgencyIncome:
    """An agent's fee on a deal the vendor signs (rule ``mcs.income.agency_fee``).

    Attributes:
        deal_value: the value of the deal the vendor signed.
        rate: the agency fee rate, given by the caller.
        fee: deal value x rate, rounded once half-even to the minor unit.
        reasons: why.
    """

    deal_value: Money = attrs.field(validator=_MONEY)
    rate: Decimal = attrs.field(validator=_rate_field)
    fee: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def agency_fee(deal_value: Money, *, rate: Decimal | str) -> AgencyIncome:
    """The partner's income under the agency scheme: a fee on the deal.

    Rule ``mcs.income.agency_fee`` (seed 002, the distributor and reseller
    scheme: the partner finds the customer and hands it to the vendor, which
    signs the deal). The source gives no rate, so *rate* is required.

    Raises:
        InvalidTypeError: a float rate or a value that is not Money.
        InvalidValueError: a rate outside [0, 1] or a negative deal value.

    >>> from partnerrules.money import Money
    >>> income = agency_fee(Money("250000", "RUB"), rate=Decimal("0.07"))
    >>> income.fee
    Money('17500.00', 'RUB')
    >>> print(income.reasons[0])
    agency fee RUB17,500.00 is 7% of the RUB250,000.00 deal the vendor signed
    """
    deal_value = _money("deal_value", deal_value)
    if deal_value.is_negative():
        raise InvalidValueError("deal_value", deal_value, "an amount >= 0")
    fraction = _validate.fraction("rate", rate)
    fee = deal_value.multiply(fraction)
    reason = Reason.of(
        _AGENCY,
        "agency fee {fee} is {rate:%} of the {deal} deal the vendor signed",
        fee=fee,
        rate=fraction,
        deal=deal_value,
    )
    return AgencyIncome(deal_value, fraction, fee, (reason,))
