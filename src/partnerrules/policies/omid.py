"""The Omid Cloud pack: the numbers and names module 007 publishes, as data only.

Source: Omid Cloud partner programme, module 007 (seed ``000``). Every value
below is quoted from the source with its section; nothing here is invented.
The rule functions of :mod:`partnerrules.contracts` and
:mod:`partnerrules.commission` take these values as their defaults, and a
caller may pass its own instead. The first-sale campaign and the sales-trip
terms are typed values (:class:`~partnerrules.commission.Campaign`,
:class:`~partnerrules.commission.TripTerms`) built from the published facts.

>>> from partnerrules.policies import omid
>>> omid.CANCELLATION_FEE_RATE, omid.OTHER_CLOUDS_CANCELLATION_RATE
(Decimal('0.5'), Decimal('1'))
>>> sorted(omid.DATACENTRE_SITES)
['RJ', 'SP']
>>> omid.FIRST_SALE_DIAMOND.rate, omid.FIRST_SALE_DIAMOND.tier, omid.FIRST_SALE_DIAMOND.zone
(Decimal('0.16'), 'Diamond Partner', 'America/Sao_Paulo')
>>> omid.COMMISSION_PLAN.campaigns == (omid.FIRST_SALE_DIAMOND,)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from partnerrules._commission.model import (
    Campaign,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    TripTerms,
)

__all__ = [
    "CANCELLATION_FEE_RATE",
    "COMMISSION_PLAN",
    "CURRENCY",
    "DATACENTRE_SITES",
    "DIAMOND_RATE",
    "FIRST_SALE_DIAMOND",
    "OMID",
    "OMID_DUTIES",
    "OTHER_CLOUDS_CANCELLATION_RATE",
    "PARTNER",
    "PARTNER_DUTIES",
    "SALES_TRIP",
    "SITE_ALIASES",
    "TIER_NAMES",
    "TRIP_DAYS",
    "TRIP_DESTINATION",
    "TRIP_WINDOW",
]

# -- money (§3.4: contracts in reais, no exchange-rate pass-through) --------

#: The only currency of Omid contract math (§3.4).
CURRENCY: Final = "BRL"

# -- commission and tiers (§2.2, §7) ------------------------------------------

#: Commission of a Diamond Partner and of the first sale of the year (§2.2, §7.2).
DIAMOND_RATE: Final = Decimal("0.16")

#: Tier names as published, lowest first (§7.1, §7.2; "Reseller" is the base
#: of "Reseller com Pré-Venda"). The source gives no thresholds for them.
TIER_NAMES: Final = ("Reseller", "Reseller com Pré-Venda", "VAR", "Diamond Partner")

#: The first-sale campaign (§2.2, rule omid.campaign.first_sale_diamond): the
#: partner's first sale of each calendar year is classified Diamond Partner
#: and earns the Diamond rate on its value; later sales earn the partner's
#: standard tier. "First" is read in São Paulo time (the programme is
#: Brazilian); the source gives no end date, so the campaign has no period.
FIRST_SALE_DIAMOND: Final = Campaign(
    "omid.campaign.first_sale_diamond",
    CampaignTrigger.FIRST_SALE_OF_YEAR,
    DIAMOND_RATE,
    name="Diamond",
    tier="Diamond Partner",
    zone="America/Sao_Paulo",
)

#: The Omid commission plan: the first-sale campaign and no tier schedule
#: (the source publishes tier names, not thresholds).
COMMISSION_PLAN: Final = CommissionPlan((FIRST_SALE_DIAMOND,))

# -- awards (§9.1) -------------------------------------------------------------

#: The sales trip (§9.1, rule omid.awards.sales_trip): four days at an
#: all-inclusive resort in Brazil ("resort all-inclusive no Brasil"), passes
#: granted in pairs, travelled between February and March: 1 February to
#: 31 March of the year after the award.
SALES_TRIP: Final = TripTerms(
    4,
    "all-inclusive resort in Brazil",
    MonthDay(2, 1),
    MonthDay(3, 31),
    pass_group=2,
)

#: The sales trip lasts four days (§9.1); the same as ``SALES_TRIP.days``.
TRIP_DAYS: Final = SALES_TRIP.days

#: Where the trip goes, in English (§9.1); the same as ``SALES_TRIP.destination``.
TRIP_DESTINATION: Final = SALES_TRIP.destination

#: The first and the last day of the travel window, as (month, day), in the
#: year after the award (§9.1); the same as ``SALES_TRIP.travel_from`` and
#: ``SALES_TRIP.travel_until``.
TRIP_WINDOW: Final = (
    (SALES_TRIP.travel_from.month, SALES_TRIP.travel_from.day),
    (SALES_TRIP.travel_until.month, SALES_TRIP.travel_until.day),
)

# -- contracts (§4) -------------------------------------------------------------

#: Early cancellation costs 50% of the remaining contract value (§4.1).
CANCELLATION_FEE_RATE: Final = Decimal("0.5")

#: What "other clouds" charge on early cancellation: 100% of the remaining
#: value (§4.1), the baseline of the comparison.
OTHER_CLOUDS_CANCELLATION_RATE: Final = Decimal("1")

# -- residency (§3.6, §3.7) -------------------------------------------------

#: The two own Tier III datacentres, by site code (§3.7).
DATACENTRE_SITES: Final[Mapping[str, str]] = MappingProxyType(
    {"SP": "São Paulo", "RJ": "Rio de Janeiro"}
)

#: Other accepted spellings of the sites, already folded (lower case, no
#: accents, words joined by single spaces), to the site code. The codes and
#: the names themselves are accepted too; ``BR-SP``/``BR-RJ`` are the ISO
#: 3166-2 codes of the two states.
SITE_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "sp": "SP",
        "br sp": "SP",
        "sao paulo": "SP",
        "rj": "RJ",
        "br rj": "RJ",
        "rio de janeiro": "RJ",
    }
)

# -- responsibilities (§5.1, §5.2) ---------------------------------------------

#: The party names of the responsibility matrix.
PARTNER: Final = "partner"
OMID: Final = "omid"

#: Duties of the partner (§5.1): English key -> Portuguese label as published.
PARTNER_DUTIES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "commercial_relationship": "Relacionamento comercial com o cliente",
        "sales_and_upsell_opportunities": "Identificação de oportunidades de venda e upsell",
        "presales_and_technical_consulting": (
            "Suporte de pré-venda e consultoria técnica (conforme tier)"
        ),
        "account_management": "Gestão de contas e comunicação regular",
        "customer_feedback": "Coleta de feedback e satisfação do cliente",
    }
)

#: Duties of Omid (§5.2): English key -> Portuguese label as published.
OMID_DUTIES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "technical_support_24x7": "Suporte técnico 24x7",
        "infrastructure_and_performance": "Gerenciamento de infraestrutura e performance",
        "compliance_and_security": "Conformidade e segurança",
        "platform_updates_and_maintenance": "Atualizações e manutenção de plataforma",
        "complex_problem_escalation": "Escalação de problemas complexos",
    }
)
