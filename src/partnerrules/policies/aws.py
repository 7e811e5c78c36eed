"""AWS ACE co-sell guide: the published numbers and orders, as data.

Source: seed 004 (Portuguese), sections "Segmentação de Clientes" and
"Quando Enviar uma Oportunidade ACE". Values only, no logic: the rule
functions of :mod:`partnerrules.deals` take each as a parameter with this
pack as the default. The guide gives no minimum length for a "clear project
description", so there is none here: callers pass their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

__all__ = [
    "COMMERCIAL_ORDER",
    "ISV_MIN_SOFTWARE_REVENUE_SHARE",
    "STARTUP_MAX_AGE_YEARS",
]

#: Startups are companies "com menos de 15 anos" (rule aws.segment.classify).
STARTUP_MAX_AGE_YEARS: Final = 15

#: ISVs: licence and subscription sales are "pelo menos 50%" of revenue.
ISV_MIN_SOFTWARE_REVENUE_SHARE: Final = Decimal("0.50")

#: The product decision of POLICIES.md: commercial customers take the first
#: segment that matches, in this order (SMB takes everything else).
COMMERCIAL_ORDER: Final = ("startup", "isv", "digital_native", "enterprise", "smb")
