"""Mail.ru Cloud Solutions partner programme: the published numbers and lists, as data.

Source: seed 002 (Russian), sections "Кто наши партнеры", "Схема
взаимодействия ..." and "Конфликт интересов". Values only, no logic: the rule
functions of :mod:`partnerrules.deals` take each of these as a parameter with
this pack as the default. Kind, scheme and service keys are the values of the
enums in :mod:`partnerrules.deals`.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MARKETPLACE_STEPS",
    "PARTNER_KINDS",
    "PARTNER_SERVICES",
    "PROTECTION_REQUIRED_KINDS",
    "PROTECTION_REQUIRED_SCHEMES",
    "PROTECTION_WINDOW_MONTHS",
]

#: "Конфликт интересов": with no movement for more than 3 months, the BDM may
#: refuse protection (rule mcs.deal.protection).
PROTECTION_WINDOW_MONTHS: Final = 3

#: "Схема взаимодействия с дистрибуторами и реселлерами": deal protection is
#: mandatory for distributors and resellers (rule mcs.deal.protection_required).
PROTECTION_REQUIRED_KINDS: Final = ("distributor",)

#: The two income schemes of that section: licence resale and agency fee.
PROTECTION_REQUIRED_SCHEMES: Final = ("agency", "resale")

#: "Кто наши партнеры" and the interaction schemes (rule mcs.partner.kinds):
#: (kind, name as published, obligations, income sources). A kind for which
#: the source states no obligation or income has an empty tuple.
PARTNER_KINDS: Final = (
    (
        "software_maker",
        "Производители ПО",
        (
            "offer industry software built on MCS technology, adapted to the cloud, as SaaS",
            "apply for a marketplace listing: functionality, focus industries, "
            "implementation stories, company description",
            "build the software image for the marketplace from the template",
            "set the price and describe the technical requirements",
        ),
        ("sales of its SaaS listed on the MCS marketplace at the price it sets",),
    ),
    (
        "integrator",
        "IT-интеграторы",
        (
            "lead its own customers, or join projects brought by MCS sales for system design, "
            "specialised hardware supply and consulting",
            "provide L1 and L2 customer support once trained",
            "implement the platform at customers only once trained for it",
        ),
        (
            "margin on licence resale",
            "L1 and L2 technical support services",
            "custom software development, migration, backup and infrastructure security services",
        ),
    ),
    (
        "distributor",
        "Дистрибуторы ПО и серверного оборудования",
        (
            "find customers and prepare the commercial offer",
            "register deal protection with MCS for every deal",
            "resale: accompany the deal; the customer's money flows through the partner",
            "agency: hand the customer to the vendor, which signs the deal",
        ),
        (
            "margin on the resale of software licences and technical support",
            "agency fee",
        ),
    ),
    (
        "consulting",
        "Консалтинговые компании",
        (),
        (),
    ),
)

#: Which services each kind may provide: "trained" means only after the
#: corresponding training, "allowed" means the source lets it do so with no
#: condition. A service not listed for a kind is not part of its scheme.
PARTNER_SERVICES: Final = (
    ("integrator", "l1_support", "trained"),
    ("integrator", "l2_support", "trained"),
    ("integrator", "platform_implementation", "trained"),
    ("distributor", "l1_support", "allowed"),
    ("distributor", "l2_support", "allowed"),
)

#: "Размещение ПО в Marketplace": the steps of a listing, in order, each with
#: the data items it needs (rule mcs.marketplace.listing).
MARKETPLACE_STEPS: Final = (
    (
        "applied",
        ("functionality", "focus industries", "implementation stories", "company description"),
    ),
    ("evaluated", ("complexity", "innovation of the technology stack", "demand")),
    ("image_built", ("image reference", "template")),
    ("priced", ("price", "technical requirements")),
    ("listed", ()),
)
