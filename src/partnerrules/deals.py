"""Deals and opportunities: protection, partner kinds, marketplace, ACE readiness, segments.

Rules ``mcs.deal.protection``, ``mcs.deal.protection_required``,
``mcs.partner.kinds`` and ``mcs.marketplace.listing`` come from the Mail.ru
Cloud Solutions partner programme (seed 002); ``aws.ace.readiness`` and
``aws.segment.classify`` from the AWS ACE co-sell guide (seed 004). The
numbers live in ``partnerrules.policies.mcs`` and
``partnerrules.policies.aws`` and are parameters of every function here: no
rule function reads a pack itself, each pack value is only the default of a
keyword argument (a large table's default is ``None``, which stands for the
pack's table).

Conventions:

* Every instant is an aware :class:`~datetime.datetime`; a naive one is refused,
  and so is one that UTC cannot hold (e.g. 1 January of year 1 east of
  Greenwich), with :class:`~partnerrules.errors.HorizonError`.
* Deal protection runs through the instant ``last activity + 3 months``
  *inclusive*, the months added on the wall clock of the registration's own
  time zone with :class:`dateutil.relativedelta.relativedelta` (month ends
  clamp: 30 November gives 28 or 29 February). One instant later the
  protection is *lapsable*: the BDM may refuse it, it is not lost by itself.
* Customers are compared with :meth:`Customer.same_as` (normalised names,
  registrable domains, CNPJ roots): see ``partnerrules.identity``. Only a
  valid CNPJ counts: a placeholder such as ``00.000.000/0000-00`` never makes
  two customers the same.
* Bad input raises a :class:`~partnerrules.errors.PartnerRulesError` that
  names the field, shows the value and says what is allowed; collections are
  checked before they are used, and a bool is accepted only where a bool is
  expected.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.deals import Customer, DealRegistration, protection_status
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> reg = DealRegistration(
...     "CRM-1", customer=Customer("Padaria Pão Quente Ltda"), partner="alfa",
...     registered_at=dt.datetime(2024, 11, 30, 10, tzinfo=sp), bdm="m.ivanova")
>>> status = protection_status(reg, at=dt.datetime(2025, 2, 28, 10, tzinfo=sp))
>>> status.state.value, status.protected_until.isoformat()
('protected', '2025-02-28T10:00:00-03:00')
"""

from __future__ import annotations

# The code is in the private package partnerrules._deals, one module per rule.
from partnerrules._deals.ace import (
    AceCriterion,
    AceReadiness,
    Opportunity,
    OpportunityStatus,
    check_ace_readiness,
)
from partnerrules._deals.common import MAX_STARTUP_AGE_YEARS, MAX_WINDOW_MONTHS
from partnerrules._deals.conflicts import (
    ClaimDecision,
    ConflictBasis,
    ConflictDecision,
    check_protection_claim,
    resolve_conflict,
)
from partnerrules._deals.marketplace import (
    ExpertEvaluation,
    ListingApplication,
    ListingStage,
    ListingSteps,
    ListingTerms,
    MarketplaceListing,
    SoftwareImage,
)
from partnerrules._deals.partners import (
    PartnerKind,
    PartnerKindProfile,
    PartnerService,
    ServiceCheck,
    check_partner_service,
    partner_kind_profile,
    partner_kind_profiles,
)
from partnerrules._deals.protection import (
    DealRegistration,
    ProtectionState,
    ProtectionStatus,
    protection_status,
)
from partnerrules._deals.schemes import (
    DealScheme,
    PartnerDeal,
    ProtectionRequirement,
    check_protection_required,
)
from partnerrules._deals.segments import (
    Adoption,
    Affiliation,
    BusinessModel,
    CompanySize,
    Hosting,
    Organisation,
    Segment,
    Segmentation,
    classify_segment,
)
from partnerrules.identity import (
    Cnpj,
    CnpjError,
    Customer,
    cnpj_check_digits,
    is_valid_cnpj,
    normalise_name,
    normalise_text,
    registrable_domain,
)

__all__ = [
    "MAX_STARTUP_AGE_YEARS",
    "MAX_WINDOW_MONTHS",
    "AceCriterion",
    "AceReadiness",
    "Adoption",
    "Affiliation",
    "BusinessModel",
    "ClaimDecision",
    "Cnpj",
    "CnpjError",
    "CompanySize",
    "ConflictBasis",
    "ConflictDecision",
    "Customer",
    "DealRegistration",
    "DealScheme",
    "ExpertEvaluation",
    "Hosting",
    "ListingApplication",
    "ListingStage",
    "ListingSteps",
    "ListingTerms",
    "MarketplaceListing",
    "Opportunity",
    "OpportunityStatus",
    "Organisation",
    "PartnerDeal",
    "PartnerKind",
    "PartnerKindProfile",
    "PartnerService",
    "ProtectionRequirement",
    "ProtectionState",
    "ProtectionStatus",
    "Segment",
    "Segmentation",
    "ServiceCheck",
    "SoftwareImage",
    "check_ace_readiness",
    "check_partner_service",
    "check_protection_claim",
    "check_protection_required",
    "classify_segment",
    "cnpj_check_digits",
    "is_valid_cnpj",
    "normalise_name",
    "normalise_text",
    "partner_kind_profile",
    "partner_kind_profiles",
    "protection_status",
    "registrable_domain",
    "resolve_conflict",
]
