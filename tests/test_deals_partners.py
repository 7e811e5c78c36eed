"""MCS partner kinds, mandatory protection and marketplace listing.

Rules mcs.partner.kinds, mcs.deal.protection_required, mcs.marketplace.listing.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from partnerrules.deals import (
    Customer,
    DealRegistration,
    ExpertEvaluation,
    ListingApplication,
    ListingStage,
    ListingTerms,
    MarketplaceListing,
    PartnerDeal,
    PartnerKind,
    PartnerService,
    SoftwareImage,
    check_partner_service,
    check_protection_required,
    partner_kind_profile,
    partner_kind_profiles,
)
from partnerrules.errors import InvalidTransitionError, InvalidValueError
from partnerrules.money import brl
from partnerrules.policies import mcs

UTC = dt.UTC

# -- mcs.partner.kinds ----------------------------------------------------------------


@pytest.mark.rule("mcs.partner.kinds")
def test_the_programme_has_four_partner_kinds_with_their_published_names() -> None:
    """mcs.partner.kinds: software makers, integrators, distributors, consulting firms."""
    profiles = partner_kind_profiles()

    assert [(p.kind, p.published_name) for p in profiles] == [
        (PartnerKind.SOFTWARE_MAKER, "Производители ПО"),
        (PartnerKind.INTEGRATOR, "IT-интеграторы"),
        (PartnerKind.DISTRIBUTOR, "Дистрибуторы ПО и серверного оборудования"),
        (PartnerKind.CONSULTING, "Консалтинговые компании"),
    ]


@pytest.mark.rule("mcs.partner.kinds")
def test_integrators_earn_from_licences_support_and_services() -> None:
    """mcs.partner.kinds: an integrator's three income sources and its trained services."""
    profile = partner_kind_profile("integrator")

    assert len(profile.income_sources) == 3
    assert "margin on licence resale" in profile.income_sources
    assert dict(profile.services) == {
        PartnerService.L1_SUPPORT: "trained",
        PartnerService.L2_SUPPORT: "trained",
        PartnerService.PLATFORM_IMPLEMENTATION: "trained",
    }


@pytest.mark.rule("mcs.partner.kinds")
def test_distributors_earn_margin_or_agency_fee_and_must_register_deals() -> None:
    """mcs.partner.kinds: distributors (and resellers) have two income schemes."""
    profile = partner_kind_profile(PartnerKind("reseller"))

    assert profile.kind is PartnerKind.DISTRIBUTOR
    assert profile.income_sources == (
        "margin on the resale of software licences and technical support",
        "agency fee",
    )
    assert any("deal protection" in o for o in profile.obligations)


@pytest.mark.rule("mcs.partner.kinds")
@pytest.mark.parametrize(
    ("kind", "service", "trained_for", "allowed", "message"),
    [
        (
            "integrator",
            "l1_support",
            [],
            False,
            "integrator partners may provide l1_support only once trained for it, and no "
            "such training is recorded",
        ),
        (
            "integrator",
            "l1_support",
            ["l1_support"],
            True,
            "integrator partners may provide l1_support once trained, and the partner is",
        ),
        (
            "integrator",
            "platform_implementation",
            ["l1_support", "l2_support"],
            False,
            "integrator partners may provide platform_implementation only once trained for "
            "it, and no such training is recorded",
        ),
        (
            "distributor",
            "l2_support",
            [],
            True,
            "the distributor scheme lets the partner provide l2_support to its customers",
        ),
        (
            "consulting",
            "l1_support",
            ["l1_support"],
            False,
            "the programme gives consulting partners no l1_support role",
        ),
    ],
)
def test_integrators_support_and_implement_only_once_trained(
    kind: str, service: str, trained_for: list[str], allowed: bool, message: str
) -> None:
    """mcs.partner.kinds: L1/L2 support and implementation need the corresponding training."""
    check = check_partner_service(kind, service, trained_for=trained_for)

    assert check.allowed is allowed
    assert [str(r) for r in check.reasons] == [message]
    assert check.reasons[0].rule_id == "mcs.partner.kinds"


# -- mcs.deal.protection_required -------------------------------------------------------

ACME = Customer("ACME Comércio Ltda")


def deal(kind: str, scheme: str) -> PartnerDeal:
    return PartnerDeal("P-1", customer=ACME, partner="distrib", partner_kind=kind, scheme=scheme)


def crm(partner: str, customer: Customer) -> DealRegistration:
    return DealRegistration(
        "CRM-9",
        customer=customer,
        partner=partner,
        registered_at=dt.datetime(2025, 1, 5, tzinfo=UTC),
        bdm="bdm",
    )


@pytest.mark.rule("mcs.deal.protection_required")
@pytest.mark.parametrize("scheme", ["resale", "agency"])
def test_a_distributor_deal_without_registration_is_non_compliant(scheme: str) -> None:
    """mcs.deal.protection_required: resale and agency deals must be registered."""
    result = check_protection_required(deal("distributor", scheme), [crm("other", ACME)])

    assert not result.ok
    assert result.required
    assert str(result.reasons[0]) == (
        f"non-compliant: {scheme} deal P-1 of distributor distrib must be registered for deal "
        "protection with MCS, and no registration for ACME Comércio Ltda exists"
    )


@pytest.mark.rule("mcs.deal.protection_required")
def test_a_reseller_deal_registered_under_a_variant_name_is_compliant() -> None:
    """mcs.deal.protection_required: the registration is matched on normalised identity."""
    registration = crm("distrib", Customer("Acme Comercio S.A."))

    result = check_protection_required(deal("reseller", "resale"), [registration])

    assert result.ok
    assert result.registration == registration
    assert "registered for protection as CRM-9" in str(result.reasons[0])


@pytest.mark.rule("mcs.deal.protection_required")
@pytest.mark.parametrize(
    ("kind", "scheme"), [("integrator", "resale"), ("distributor", "services")]
)
def test_other_deals_need_no_registration(kind: str, scheme: str) -> None:
    """mcs.deal.protection_required: only distributors' resale and agency deals are covered."""
    result = check_protection_required(deal(kind, scheme))

    assert result.ok
    assert not result.required
    assert result.reasons[0].rule_id == "mcs.deal.protection_required"


@pytest.mark.rule("mcs.deal.protection_required")
def test_the_covered_kinds_are_a_parameter() -> None:
    """mcs.deal.protection_required: a caller policy that also covers integrators."""
    result = check_protection_required(
        deal("integrator", "resale"), required_kinds=[*mcs.PROTECTION_REQUIRED_KINDS, "integrator"]
    )

    assert not result.ok


# -- mcs.marketplace.listing -------------------------------------------------------------

APPLICATION = ListingApplication(
    functionality="CRM for retail chains",
    focus_industries=("retail",),
    implementation_stories=("rolled out in 40 stores",),
    company_description="Software house in Kazan",
)
EVALUATION = ExpertEvaluation(
    complexity="medium", innovation="uses ML recommendations", demand="asked by 3 customers"
)
IMAGE = SoftwareImage(reference="img-crm-1.2", template="mcs-ubuntu-22")
TERMS = ListingTerms(price=brl("990.00"), technical_requirements=("2 vCPU", "4 GB RAM"))


@pytest.mark.rule("mcs.marketplace.listing")
def test_a_listing_goes_through_every_step_in_order() -> None:
    """mcs.marketplace.listing: application, evaluation, image, price, listed."""
    draft = MarketplaceListing("Retail CRM", partner="soft-1")

    listed = (
        draft.submit_application(APPLICATION)
        .record_evaluation(EVALUATION)
        .build_image(IMAGE)
        .set_terms(TERMS)
        .publish()
    )

    assert listed.stage is ListingStage.LISTED
    assert listed.next_stage is None
    assert (listed.application, listed.evaluation, listed.image, listed.terms) == (
        APPLICATION,
        EVALUATION,
        IMAGE,
        TERMS,
    )
    assert [str(r) for r in listed.reasons][-1] == (
        "Retail CRM of soft-1 moved from priced to listed"
    )
    assert {r.rule_id for r in listed.reasons} == {"mcs.marketplace.listing"}
    assert draft.stage is ListingStage.DRAFT
    assert draft.reasons == ()


@pytest.mark.rule("mcs.marketplace.listing")
def test_an_incomplete_application_is_refused_with_every_missing_item() -> None:
    """mcs.marketplace.listing: all four application items are reported at once."""
    draft = MarketplaceListing("Retail CRM", partner="soft-1")

    with pytest.raises(InvalidTransitionError) as caught:
        draft.submit_application(ListingApplication(focus_industries=("  ",)))

    assert caught.value.missing == (
        "functionality",
        "focus industries",
        "implementation stories",
        "company description",
    )
    assert (caught.value.state, caught.value.target) == ("draft", "applied")


@pytest.mark.rule("mcs.marketplace.listing")
def test_a_step_out_of_order_reports_the_skipped_steps_and_its_own_gaps() -> None:
    """mcs.marketplace.listing: pricing a draft names every step not done and missing data."""
    draft = MarketplaceListing("Retail CRM", partner="soft-1")

    with pytest.raises(InvalidTransitionError) as caught:
        draft.set_terms(ListingTerms(technical_requirements=("2 vCPU",)))

    assert caught.value.missing == (
        "step 'applied' not done yet",
        "step 'evaluated' not done yet",
        "step 'image_built' not done yet",
        "price",
    )


@pytest.mark.rule("mcs.marketplace.listing")
def test_a_step_cannot_be_repeated() -> None:
    """mcs.marketplace.listing: an applied listing cannot apply again."""
    applied = MarketplaceListing("Retail CRM", partner="soft-1").submit_application(APPLICATION)

    with pytest.raises(InvalidTransitionError, match="already at stage 'applied'"):
        applied.submit_application(APPLICATION)


@pytest.mark.rule("mcs.marketplace.listing")
def test_publishing_before_price_is_refused() -> None:
    """mcs.marketplace.listing: listed only after price and technical requirements."""
    built = MarketplaceListing(
        "Retail CRM",
        partner="soft-1",
        stage="image_built",
        application=APPLICATION,
        evaluation=EVALUATION,
        image=IMAGE,
    )

    with pytest.raises(InvalidTransitionError) as caught:
        built.publish()

    assert caught.value.missing == ("step 'priced' not done yet",)


@pytest.mark.rule("mcs.marketplace.listing")
def test_a_listing_cannot_claim_a_stage_without_its_data() -> None:
    """mcs.marketplace.listing: an evaluated listing without an evaluation cannot exist."""
    with pytest.raises(InvalidValueError, match="'evaluation' must be complete"):
        MarketplaceListing(
            "Retail CRM", partner="soft-1", stage="evaluated", application=APPLICATION
        )
    with pytest.raises(InvalidValueError, match="'image' must be None before stage"):
        MarketplaceListing("Retail CRM", partner="soft-1", image=IMAGE)


@pytest.mark.rule("mcs.marketplace.listing")
def test_evolving_a_listing_revalidates_it() -> None:
    """mcs.marketplace.listing: attrs.evolve cannot skip the checks."""
    listing = MarketplaceListing("Retail CRM", partner="soft-1")

    with pytest.raises(InvalidValueError, match="'application' must be complete"):
        attrs.evolve(listing, stage="applied")
