"""Sales and the commission each earns, with the campaign.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._commission.common import (
    _EPOCH,
    _MONEY,
    _TIER,
    SAO_PAULO,
    _rate_field,
    _year_field,
    _zone,
)
from partnerrules._commission.model import (
    Campaign,
    CampaignTrigger,
    CommissionPlan,
    Tier,
    _items,
    _year,
)
from partnerrules._public import home
from partnerrules.catalogue import check_rule_id
from partnerrules.contracts import Contract
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.money import BRL, Money
from partnerrules.policies import omid as _omid

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


def _the_plan(plan: object) -> CommissionPlan:
    """*plan*, checked; None is the Omid pack's plan."""
    if plan is None:
        return _omid.COMMISSION_PLAN
    return _validate.instance(
        "plan",
        plan,
        CommissionPlan,
        "a CommissionPlan, e.g. partnerrules.policies.omid.COMMISSION_PLAN, or None",
    )


def _plan_campaigns(plan: object, diamond_rate: object) -> tuple[Campaign, ...]:
    """The plan's campaigns, with *diamond_rate* (when given) as the rate of its only one."""
    plan = _the_plan(plan)
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
    plan: CommissionPlan | None = None,
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
        plan: the commission plan whose campaigns apply; None (the
            default) is the Omid pack's ``COMMISSION_PLAN``.
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
    return tuple(
        _commissions(sales, standard_tiers, campaigns, _zone(zone), _the_plan(plan).tier_rule)
    )


home("partnerrules.commission", globals())
