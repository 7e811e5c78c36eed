"""Deal-rule behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a documented rule of :mod:`partnerrules.deals` at the point
where a changed operator or constant would show.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal

import attrs
import pytest

from partnerrules import InvalidValueError, PartnerRulesError, brl, deals
from partnerrules.deals import Organisation


@pytest.mark.parametrize("share", [0, 1, "0", "1", Decimal("0.5")])
def test_a_software_revenue_share_is_any_fraction_from_0_to_1(share: object):
    """software_revenue_share: a fraction in [0, 1], both ends included, ints too."""
    org = Organisation("ACME", uses_aws=True, software_revenue_share=share)
    assert org.software_revenue_share == Decimal(share)  # type: ignore[arg-type]


@pytest.mark.parametrize("share", [-1, 2, "1.01", "-0.01"])
def test_a_software_revenue_share_outside_0_to_1_is_refused(share: object):
    with pytest.raises(InvalidValueError) as caught:
        Organisation("ACME", uses_aws=True, software_revenue_share=share)
    assert caught.value.field == "software_revenue_share"


# The deal records take their id (or name, or product) positionally, everything else by keyword,
# so that a reordering of their fields can never silently swap two arguments.
RECORDS = [
    deals.DealRegistration,
    deals.MarketplaceListing,
    deals.Opportunity,
    deals.Organisation,
    deals.PartnerDeal,
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda c: c.__name__)
def test_a_deal_record_takes_only_its_identifier_positionally(record: type):
    parameters = list(inspect.signature(record).parameters.values())
    positional = [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert len(positional) == 1, positional


def _value_classes() -> list[type]:
    found = (getattr(deals, name) for name in deals.__all__)
    return [c for c in found if isinstance(c, type) and attrs.has(c)]


@pytest.mark.parametrize("value_class", _value_classes(), ids=lambda c: c.__name__)
def test_every_optional_field_of_a_deal_value_is_keyword_only(value_class: type):
    """An optional field is given by name: adding one never shifts positional arguments."""
    for parameter in inspect.signature(value_class).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, parameter.name


def test_an_organisation_has_no_traits_unless_told():
    """Organisation: the flags default to False and the affiliations to none."""
    org = deals.Organisation("ACME", uses_aws=False)
    assert (org.sells_software, org.born_in_cloud, org.heavy_legacy) == (False, False, False)
    assert org.affiliations == frozenset()
    assert org.software_revenue_share is None


def test_a_service_condition_is_allowed_or_trained():
    """PartnerKindProfile.services: (PartnerService, 'allowed' or 'trained') pairs only."""
    kind, service = next(iter(deals.PartnerKind)), next(iter(deals.PartnerService))
    deals.PartnerKindProfile(kind, "Partner", (), (), ((service, "trained"),))
    with pytest.raises(PartnerRulesError):
        deals.PartnerKindProfile(kind, "Partner", (), (), ((service, "sometimes"),))


STARTUP = deals.Organisation(
    "Zeta Apps",
    uses_aws=False,
    founded=dt.date(2025, 6, 1),
    affiliations=["accelerator"],
    sells_software=True,
    business_model="b2b",
    software_revenue_share="0.8",
)


def test_the_segment_order_may_name_segments_by_member_or_by_value():
    """classify_segment's order: 'Sequence[Segment | str]', the members or their values."""
    as_members = [deals.Segment.ISV, deals.Segment.STARTUP, deals.Segment.SMB]
    as_values = [s.value for s in as_members]
    by_member = deals.classify_segment(STARTUP, as_of=dt.date(2026, 1, 1), order=as_members)
    by_value = deals.classify_segment(STARTUP, as_of=dt.date(2026, 1, 1), order=as_values)
    assert by_member == by_value
    assert by_member.segment is deals.Segment.ISV  # the first of the order that holds


def test_a_startup_age_limit_of_one_year_is_allowed():
    """startup_max_age_years: from 1 year; a company founded 7 months before is a startup then."""
    result = deals.classify_segment(
        STARTUP, as_of=dt.date(2026, 1, 1), startup_max_age_years=1, order=["startup"]
    )
    assert result.segment is deals.Segment.STARTUP


APPLICATION = deals.ListingApplication(
    functionality="CRM for retail chains",
    focus_industries=("retail",),
    implementation_stories=("rolled out in 40 stores",),
    company_description="Software house in Kazan",
)
EVALUATION = deals.ExpertEvaluation(
    complexity="medium", innovation="uses ML recommendations", demand="asked by 3 customers"
)
IMAGE = deals.SoftwareImage(reference="img-crm-1.2", template="mcs-ubuntu-22")
TERMS = deals.ListingTerms(price=brl("990.00"), technical_requirements=("2 vCPU",))


def test_each_listing_stage_leads_to_the_next_one_of_the_published_order():
    """mcs.marketplace.listing: draft, applied, evaluated, image built, priced, listed; then none."""
    order = list(deals.ListingStage)
    listing = deals.MarketplaceListing("Retail CRM", partner="soft-1")
    steps = [
        lambda x: x.submit_application(APPLICATION),
        lambda x: x.record_evaluation(EVALUATION),
        lambda x: x.build_image(IMAGE),
        lambda x: x.set_terms(TERMS),
        lambda x: x.publish(),
    ]
    for here, there, step in zip(order[:-1], order[1:], steps, strict=True):
        assert listing.stage is here
        assert listing.next_stage is there
        listing = step(listing)
    assert listing.stage is deals.ListingStage.LISTED
    assert listing.next_stage is None


def test_a_listing_repr_leaves_out_its_steps():
    """MarketplaceListing.steps: 'Not shown in repr' (the pack's table would drown the rest)."""
    listing = deals.MarketplaceListing("Retail CRM", partner="soft-1")
    shown = repr(listing)
    assert "Retail CRM" in shown
    assert "soft-1" in shown
    assert "steps=" not in shown


def test_a_forged_placeholder_cnpj_never_makes_two_customers_one() -> None:
    """aws.ace.readiness: a CNPJ forged around its constructor (the all-zero placeholder)
    is checked again, so two customers sharing it are compared by name, not made one."""
    from partnerrules._deals.conflicts import _same_customer
    from partnerrules.deals import Cnpj, Customer

    real = Cnpj("11.222.333/0001-81")
    forged = Cnpj("11.222.333/0001-81")
    object.__setattr__(forged, "number", "00000000000000")
    one = Customer("Alfa Comércio Ltda", cnpj=real)
    other = Customer("Beta Serviços Ltda", cnpj=real)
    assert _same_customer(one, other)  # a valid CNPJ makes them one
    one = object.__new__(Customer)
    other = object.__new__(Customer)
    for customer, name in ((one, "Alfa Comércio Ltda"), (other, "Beta Serviços Ltda")):
        for field, value in attrs.asdict(Customer("x"), recurse=False).items():
            object.__setattr__(customer, field, value)
        object.__setattr__(customer, "name", name)
        object.__setattr__(customer, "cnpj", forged)
    assert not _same_customer(one, other)
