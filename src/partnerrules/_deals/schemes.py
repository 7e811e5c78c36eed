"""Whether a deal needs protection (rule ``mcs.deal.protection_required``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from partnerrules._deals.common import (
    _bool,
    _customer,
    _items,
    _member,
    _nonblank,
    _optional,
    _reasons,
    _typed,
    _Vocabulary,
)
from partnerrules._deals.conflicts import _order_key, _registrations, _same_customer
from partnerrules._deals.partners import PartnerKind
from partnerrules._deals.protection import DealRegistration
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.identity import (
    Customer,
)
from partnerrules.policies import mcs as mcs_pack

# -- mcs.deal.protection_required -------------------------------------------


class DealScheme(_Vocabulary):
    """How a partner earns on a deal (rule ``mcs.deal.protection_required``)."""

    #: The partner buys and resells the licences; the money flows through it.
    RESALE = "resale"
    #: The partner brings the customer; the vendor signs; the partner earns a fee.
    AGENCY = "agency"
    #: Anything else (projects, services).
    SERVICES = "services"


def _to_partner_kind(value: object) -> PartnerKind:
    return _member("partner_kind", value, PartnerKind)


def _to_scheme(value: object) -> DealScheme:
    return _member("scheme", value, DealScheme)


@attrs.frozen
class PartnerDeal:
    """A deal a partner works on (rule ``mcs.deal.protection_required``).

    Args:
        deal_id: the partner's id for the deal.
        customer: the end customer.
        partner: the partner's id.
        partner_kind: the partner's kind (``'reseller'`` is a distributor).
        scheme: resale, agency or services.
    """

    deal_id: str = attrs.field(validator=_nonblank)
    customer: Customer = attrs.field(kw_only=True, validator=_customer)
    partner: str = attrs.field(kw_only=True, validator=_nonblank)
    partner_kind: PartnerKind = attrs.field(kw_only=True, converter=_to_partner_kind)
    scheme: DealScheme = attrs.field(kw_only=True, converter=_to_scheme)


@attrs.frozen
class ProtectionRequirement:
    """Whether a deal complies with mandatory protection (``mcs.deal.protection_required``).

    Attributes:
        ok: False when protection is required and there is no registration.
        required: whether the rule applies to this deal.
        registration: the matching registration, if any.
        reasons: why.
    """

    ok: bool = attrs.field(validator=_bool)
    required: bool = attrs.field(validator=_bool)
    registration: DealRegistration | None = attrs.field(
        validator=_optional(DealRegistration, "a DealRegistration or None")
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def check_protection_required(
    deal: PartnerDeal,
    registrations: Iterable[DealRegistration] = (),
    *,
    required_kinds: Iterable[PartnerKind | str] | None = None,
    required_schemes: Iterable[DealScheme | str] | None = None,
) -> ProtectionRequirement:
    """Check that a distributor's resale or agency deal is registered.

    Rule ``mcs.deal.protection_required``. Source: seed 002, "Схема
    взаимодействия с дистрибуторами и реселлерами": deal protection with MCS
    is mandatory. A registration matches when it is the same partner's and
    for the same customer (:meth:`Customer.same_as`, valid CNPJs only); the
    earliest one is reported.

    Args:
        deal: the deal.
        registrations: the registrations in the CRM (any partner, any customer).
        required_kinds: the partner kinds that must register; None (the
            default) is the MCS pack's: distributors, which include resellers.
        required_schemes: the schemes that must be registered; None (the
            default) is the MCS pack's: resale and agency.

    Raises:
        InvalidTypeError: wrong argument types (a kind or scheme list given
            as one string included).
        UnknownKeyError: an unknown kind or scheme in the policy.
    """
    _typed("deal", deal, PartnerDeal)
    candidates = _registrations("registrations", registrations)
    if required_kinds is None:
        required_kinds = mcs_pack.PROTECTION_REQUIRED_KINDS
    if required_schemes is None:
        required_schemes = mcs_pack.PROTECTION_REQUIRED_SCHEMES
    kinds = frozenset(
        _member("required_kinds", k, PartnerKind)
        for k in _items("required_kinds", required_kinds, "an iterable of PartnerKind")
    )
    schemes = frozenset(
        _member("required_schemes", s, DealScheme)
        for s in _items("required_schemes", required_schemes, "an iterable of DealScheme")
    )
    found = sorted(
        (
            r
            for r in candidates
            if r.partner == deal.partner and _same_customer(r.customer, deal.customer)
        ),
        key=_order_key,
    )
    match = found[0] if found else None
    facts: dict[str, Any] = {
        "deal_id": deal.deal_id,
        "partner": deal.partner,
        "kind": deal.partner_kind.value,
        "scheme": deal.scheme.value,
        "customer": deal.customer.name,
    }
    required = deal.partner_kind in kinds and deal.scheme in schemes
    if not required:
        reason = Reason.of(
            "mcs.deal.protection_required",
            "deal {deal_id} is a {scheme} deal of a {kind}: registration is not mandatory",
            **facts,
        )
        ok = True
    elif match is not None:
        facts.update(registration=match.deal_id, registered_at=match.registered_at)
        reason = Reason.of(
            "mcs.deal.protection_required",
            "{scheme} deal {deal_id} of {kind} {partner} is registered for protection as "
            "{registration} ({registered_at:d MMM y HH:mm xxx})",
            **facts,
        )
        ok = True
    else:
        reason = Reason.of(
            "mcs.deal.protection_required",
            "non-compliant: {scheme} deal {deal_id} of {kind} {partner} must be registered "
            "for deal protection with MCS, and no registration for {customer} exists",
            **facts,
        )
        ok = False
    return ProtectionRequirement(ok, required, match, (reason,))


home("partnerrules.deals", globals())
