"""AWS ACE readiness and customer segmentation (rules aws.ace.readiness, aws.segment.classify)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from partnerrules.deals import (
    AceCriterion,
    Adoption,
    Customer,
    Opportunity,
    Organisation,
    Segment,
    check_ace_readiness,
    classify_segment,
)
from partnerrules.errors import UnknownKeyError

SP = dt.timezone(dt.timedelta(hours=-3))
NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=SP)
#: An example minimum, chosen for these tests: the guide gives no number.
EXAMPLE_MIN_LENGTH = 40

READY = Opportunity(
    "O-1",
    customer=Customer("Loja Azul Ltda", domain="lojaazul.com.br"),
    project="Migração do ERP",
    status="active",
    description="Move the on-premises ERP and its Oracle database to managed services",
    target_close=dt.date(2026, 6, 30),
    customer_consent=True,
    partner_originated=True,
    partner_led=True,
    new_business=True,
)

# -- aws.ace.readiness ------------------------------------------------------------------


@pytest.mark.rule("aws.ace.readiness")
def test_an_opportunity_meeting_every_criterion_is_ready() -> None:
    """aws.ace.readiness: consent, partner-led, active, dated, new, clearly described."""
    result = check_ace_readiness(READY, at=NOW, min_description_length=EXAMPLE_MIN_LENGTH)

    assert result.ok
    assert result.failed == ()
    assert [str(r) for r in result.reasons] == [
        "O-1 meets every ACE readiness criterion on Mar 10, 2026"
    ]


@pytest.mark.rule("aws.ace.readiness")
def test_every_failed_criterion_is_listed_not_just_the_first() -> None:
    """aws.ace.readiness: a closed, vague, unconsented duplicate fails on every count."""
    bad = Opportunity(
        "O-2",
        customer=Customer("LOJA AZUL S.A.", domain="https://www.lojaazul.com.br"),
        project="  migracao do ERP ",
        status="closed",
        description="ERP  help",
    )

    result = check_ace_readiness(
        bad, at=NOW, min_description_length=EXAMPLE_MIN_LENGTH, existing=[READY]
    )

    assert not result.ok
    assert result.failed == tuple(AceCriterion)
    assert result.duplicates == ("O-1",)
    assert [str(r) for r in result.reasons] == [
        "O-2 has no customer consent",
        "O-2 was not originated by the partner",
        "O-2 is not led by the partner",
        "O-2 has status closed, not active",
        "O-2 has no target close date",
        "O-2 is not new business for AWS",
        "O-2's project description has 8 characters, fewer than the 40 needed to be specific",
        "O-2 is already closed",
        "O-2 duplicates open opportunity O-1 for the same customer and project",
    ]
    assert {r.rule_id for r in result.reasons} == {"aws.ace.readiness"}


@pytest.mark.rule("aws.ace.readiness")
@pytest.mark.parametrize(
    ("target_close", "ok"),
    [(dt.date(2026, 3, 9), False), (dt.date(2026, 3, 10), True), (dt.date(2026, 3, 11), True)],
)
def test_a_target_close_date_in_the_past_is_not_active(target_close: dt.date, ok: bool) -> None:
    """aws.ace.readiness: the date is compared with the date of the instant, in its zone."""
    result = check_ace_readiness(
        attrs.evolve(READY, target_close=target_close),
        at=NOW,
        min_description_length=EXAMPLE_MIN_LENGTH,
    )

    assert result.ok is ok
    assert result.failed == (() if ok else (AceCriterion.TARGET_CLOSE_DATE,))


@pytest.mark.rule("aws.ace.readiness")
def test_a_launched_opportunity_is_won_and_not_ready() -> None:
    """aws.ace.readiness: launched (won) is neither active nor submittable."""
    result = check_ace_readiness(
        attrs.evolve(READY, status="launched"), at=NOW, min_description_length=EXAMPLE_MIN_LENGTH
    )

    assert result.failed == (AceCriterion.ACTIVE_STATUS, AceCriterion.NOT_LAUNCHED_OR_CLOSED)


@pytest.mark.rule("aws.ace.readiness")
def test_closed_opportunities_other_projects_and_itself_are_not_duplicates() -> None:
    """aws.ace.readiness: duplicates are open, same customer, same project, another id."""
    closed = attrs.evolve(READY, opportunity_id="O-7", status="closed")
    other_project = attrs.evolve(READY, opportunity_id="O-8", project="Data lake")
    other_customer = attrs.evolve(READY, opportunity_id="O-9", customer=Customer("Loja Verde"))

    result = check_ace_readiness(
        READY,
        at=NOW,
        min_description_length=EXAMPLE_MIN_LENGTH,
        existing=[READY, closed, other_project, other_customer],
    )

    assert result.ok


@pytest.mark.rule("aws.ace.readiness")
def test_the_description_minimum_is_the_callers_choice() -> None:
    """aws.ace.readiness: the same description passes or fails by the given minimum."""
    long_enough = check_ace_readiness(READY, at=NOW, min_description_length=len(READY.description))
    too_short = check_ace_readiness(
        READY, at=NOW, min_description_length=len(READY.description) + 1
    )

    assert long_enough.ok
    assert too_short.failed == (AceCriterion.PROJECT_DESCRIPTION,)


# -- aws.segment.classify -----------------------------------------------------------------

AS_OF = dt.date(2026, 1, 1)


@pytest.mark.rule("aws.segment.classify")
@pytest.mark.parametrize("kind", ["government", "education", "nonprofit", "healthcare"])
def test_public_sector_bodies_classify_by_type(kind: str) -> None:
    """aws.segment.classify: public-sector organisations take their type."""
    org = Organisation("Prefeitura X", uses_aws=True, public_sector=kind, sells_software=True)

    result = classify_segment(org, as_of=AS_OF)

    assert result.segment == Segment(kind)
    assert result.segment.is_public_sector
    assert result.adoption is Adoption.ENGAGED
    assert (
        str(result.reasons[0]) == f"Prefeitura X is a public-sector {kind} organisation (engaged)"
    )


YOUNG_SAAS = Organisation(
    "Zeta Apps",
    uses_aws=False,
    founded=dt.date(2012, 5, 1),
    externally_funded=True,
    sells_software=True,
    business_model="b2b",
    software_revenue_share=Decimal("0.5"),
)


@pytest.mark.rule("aws.segment.classify")
def test_a_funded_young_software_company_is_a_startup_before_an_isv() -> None:
    """aws.segment.classify: Startup comes first in the documented order."""
    result = classify_segment(YOUNG_SAAS, as_of=AS_OF)

    assert result.segment is Segment.STARTUP
    assert result.adoption is Adoption.GREENFIELD
    assert result.matched == ("under 15 years old", "identified as funded")
    assert result.reasons[0].rule_id == "aws.segment.classify"


@pytest.mark.rule("aws.segment.classify")
def test_the_order_is_a_parameter() -> None:
    """aws.segment.classify: with ISV first the same company is an ISV."""
    result = classify_segment(YOUNG_SAAS, as_of=AS_OF, order=["isv", "startup"])

    assert result.segment is Segment.ISV
    assert result.matched == (
        "builds and sells software",
        "B2B",
        "licences and subscriptions at least 50% of revenue",
    )


@pytest.mark.rule("aws.segment.classify")
@pytest.mark.parametrize(
    ("as_of", "segment"),
    [(dt.date(2027, 4, 30), Segment.STARTUP), (dt.date(2027, 5, 1), Segment.ISV)],
)
def test_a_startup_is_under_fifteen_years_old_at_the_as_of_date(
    as_of: dt.date, segment: Segment
) -> None:
    """aws.segment.classify: on its fifteenth anniversary a company is no longer a startup."""
    assert classify_segment(YOUNG_SAAS, as_of=as_of).segment is segment


@pytest.mark.rule("aws.segment.classify")
def test_an_isv_needs_half_its_revenue_from_licences_and_subscriptions() -> None:
    """aws.segment.classify: 49% is not enough; the company falls through to SMB."""
    org = attrs.evolve(YOUNG_SAAS, externally_funded=False, software_revenue_share="0.49")

    result = classify_segment(org, as_of=AS_OF)

    assert result.segment is Segment.SMB
    assert [str(r) for r in result.reasons] == [
        "Zeta Apps is not startup: not backed by investors, universities or accelerators, "
        "or funded",
        "Zeta Apps is not isv: not licences and subscriptions at least 50% of revenue",
        "Zeta Apps is not digital_native: not consumer-facing (B2C); not born in the cloud",
        "Zeta Apps is not enterprise: not large or medium; not heavy legacy investment; "
        "not on premises or hybrid",
        "Zeta Apps is smb (greenfield): no other segment matched",
    ]


@pytest.mark.rule("aws.segment.classify")
def test_a_consumer_app_born_in_the_cloud_is_a_digital_native() -> None:
    """aws.segment.classify: B2C and born in the cloud."""
    org = Organisation("Feed", uses_aws=True, business_model="b2c", born_in_cloud=True)

    assert classify_segment(org, as_of=AS_OF).segment is Segment.DIGITAL_NATIVE


@pytest.mark.rule("aws.segment.classify")
@pytest.mark.parametrize(("hosting", "segment"), [("hybrid", "enterprise"), ("cloud", "smb")])
def test_a_large_company_with_legacy_on_premises_is_an_enterprise(
    hosting: str, segment: str
) -> None:
    """aws.segment.classify: large or medium, heavy legacy, on premises or hybrid."""
    org = Organisation("Banco Y", uses_aws=False, size="large", heavy_legacy=True, hosting=hosting)

    assert classify_segment(org, as_of=AS_OF).segment == segment


@pytest.mark.rule("aws.segment.classify")
def test_resellers_fall_in_smb_even_when_the_order_leaves_it_out() -> None:
    """aws.segment.classify: SMB takes everything else, resellers included."""
    org = Organisation("Revenda Z", uses_aws=True, reseller=True)

    result = classify_segment(org, as_of=AS_OF, order=["startup"])

    assert result.segment is Segment.SMB
    assert result.matched == ("reseller",)


@pytest.mark.rule("aws.segment.classify")
def test_an_unknown_order_entry_suggests_the_close_match() -> None:
    """aws.segment.classify: a typo in the order is an UnknownKeyError with suggestions."""
    with pytest.raises(UnknownKeyError, match="unknown segment 'startups': did you mean") as err:
        classify_segment(YOUNG_SAAS, as_of=AS_OF, order=["startups", "isv"])

    assert err.value.suggestions[0] == "startup"
