"""The Omid Cloud pack: the numbers and names module 007 publishes, as data only.

Source: Omid Cloud partner programme, module 007 (seed ``000``). Every value
below is quoted from the source with its section; nothing here is invented.
The rule functions of :mod:`partnerrules.contracts` and
:mod:`partnerrules.commission` take these values as their defaults, and a
caller may pass its own instead.

>>> from partnerrules.policies import omid
>>> omid.CANCELLATION_FEE_RATE, omid.OTHER_CLOUDS_CANCELLATION_RATE
(Decimal('0.5'), Decimal('1'))
>>> sorted(omid.DATACENTRE_SITES)
['RJ', 'SP']
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

__all__ = [
    "CANCELLATION_FEE_RATE",
    "CURRENCY",
    "DATACENTRE_SITES",
    "DIAMOND_RATE",
    "OMID",
    "OMID_DUTIES",
    "OTHER_CLOUDS_CANCELLATION_RATE",
    "PARTNER",
    "PARTNER_DUTIES",
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

# -- awards (§9.1) -------------------------------------------------------------

#: The sales trip lasts four days (§9.1).
TRIP_DAYS: Final = 4

#: Where the trip goes, in English ("resort all-inclusive no Brasil", §9.1).
TRIP_DESTINATION: Final = "all-inclusive resort in Brazil"

#: The trip takes place between February and March (§9.1): the first and the
#: last day of the travel window, as (month, day), in the year after the award.
TRIP_WINDOW: Final = ((2, 1), (3, 31))

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
