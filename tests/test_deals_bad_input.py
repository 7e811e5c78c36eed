"""Bad input to the deals rules: the error type and message, table-driven.

Rules mcs.deal.protection, mcs.deal.protection_required, mcs.partner.kinds,
mcs.marketplace.listing, aws.ace.readiness, aws.segment.classify.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from partnerrules.deals import (
    MAX_WINDOW_MONTHS,
    AceCriterion,
    AceReadiness,
    Cnpj,
    CnpjError,
    Customer,
    DealRegistration,
    ListingApplication,
    ListingStage,
    ListingSteps,
    ListingTerms,
    MarketplaceListing,
    Opportunity,
    Organisation,
    PartnerDeal,
    ProtectionStatus,
    Segment,
    check_ace_readiness,
    check_partner_service,
    check_protection_claim,
    check_protection_required,
    classify_segment,
    partner_kind_profile,
    partner_kind_profiles,
    protection_status,
    registrable_domain,
    resolve_conflict,
)
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import brl
from partnerrules.policies import mcs

UTC = dt.UTC
T0 = dt.datetime(2025, 1, 10, 9, tzinfo=UTC)
NAIVE = dt.datetime(2025, 1, 10, 9)
ACME = Customer("Acme")


def reg(**changes: Any) -> DealRegistration:
    fields: dict[str, Any] = {
        "customer": ACME,
        "partner": "alfa",
        "registered_at": T0,
        "bdm": "bdm",
    }
    fields.update(changes)
    return DealRegistration("CRM-1", **fields)


def opportunity(**changes: Any) -> Opportunity:
    fields: dict[str, Any] = {"customer": ACME, "project": "ERP", "status": "active"}
    fields.update(changes)
    return Opportunity("O-1", **fields)


ORG = Organisation("Zeta", uses_aws=True)
DEAL = PartnerDeal("P-1", customer=ACME, partner="alfa", partner_kind="reseller", scheme="resale")

CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # naive instants
    (
        "naive registration instant",
        lambda: reg(registered_at=NAIVE),
        NaiveDatetimeError,
        "'registered_at' must be an aware datetime (with tzinfo) (got datetime.datetime(2025, 1, "
        "10, 9, 0)); attach a zone",
    ),
    (
        "naive status update",
        lambda: reg(status_updates=[T0, NAIVE]),
        NaiveDatetimeError,
        "'status_updates[1]' must be an aware datetime",
    ),
    (
        "naive protection instant",
        lambda: protection_status(reg(), at=NAIVE),
        NaiveDatetimeError,
        "'at' must be an aware datetime",
    ),
    (
        "naive ACE instant",
        lambda: check_ace_readiness(opportunity(), at=NAIVE, min_description_length=10),
        NaiveDatetimeError,
        "'at' must be an aware datetime",
    ),
    # ordering of instants
    (
        "status update before registration",
        lambda: reg(status_updates=[T0 - dt.timedelta(seconds=1)]),
        InvalidValueError,
        "'status_updates[0]' must be at or after the registration (2025-01-10T09:00:00+00:00) "
        "(got datetime.datetime(2025, 1, 10, 8, 59, 59, tzinfo=datetime.timezone.utc))",
    ),
    (
        "status asked before registration",
        lambda: protection_status(reg(), at=T0 - dt.timedelta(days=1)),
        InvalidValueError,
        "'at' must be at or after the registration of 'CRM-1'",
    ),
    (
        "zero-month window",
        lambda: protection_status(reg(), at=T0, window_months=0),
        InvalidValueError,
        "'window_months' must be an integer >= 1 (got 0)",
    ),
    (
        "no registrations in a conflict",
        lambda: resolve_conflict([], at=T0),
        InvalidValueError,
        "'registrations' must be at least one DealRegistration (got [])",
    ),
    # malformed CNPJ: which check failed
    (
        "CNPJ too short",
        lambda: Cnpj("11.222.333/0001-8"),
        CnpjError,
        "'cnpj' must be 14 characters once '.', '/', '-' and spaces are removed "
        "(got '11.222.333/0001-8'); length check failed: found 13 characters",
    ),
    (
        "CNPJ with a forbidden character",
        lambda: Cnpj("11.222.33*/0001-81"),
        CnpjError,
        "characters check failed: not allowed: ['*']",
    ),
    (
        "CNPJ with a letter in a check digit",
        lambda: Cnpj("12.ABC.345/01DE-3A"),
        CnpjError,
        "characters check failed: not allowed: ['A']",
    ),
    (
        "CNPJ with a wrong first check digit",
        lambda: Cnpj("12.ABC.345/01DE-45"),
        CnpjError,
        "first check digit check failed: the first check digit should be 3, not 4",
    ),
    (
        "CNPJ with a wrong second check digit",
        lambda: Cnpj("11.222.333/0001-80"),
        CnpjError,
        "second check digit check failed: the second check digit should be 1, not 0",
    ),
    (
        "CNPJ given as an int",
        lambda: Cnpj(11222333000181),  # type: ignore[arg-type]
        InvalidTypeError,
        "'cnpj' must be a str such as '12.ABC.345/01DE-35' (got int 11222333000181)",
    ),
    # customer identity
    (
        "name without letters",
        lambda: Customer("!!!"),
        InvalidValueError,
        "'name' must be a name with at least one letter or digit (got '!!!')",
    ),
    (
        "domain that is a public suffix",
        lambda: registrable_domain("com.br"),
        InvalidValueError,
        "'domain' must be a web address or host name such as 'www.example.com.br' (got "
        "'com.br'); 'com.br' is a public suffix",
    ),
    (
        "IP address as a domain",
        lambda: Customer("Acme", domain="http://10.0.0.1/"),
        InvalidValueError,
        "IP addresses are not domains",
    ),
    # unknown keys
    (
        "unknown segment order entry",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), order=["startup", "enterprize"]),
        UnknownKeyError,
        "unknown segment 'enterprize': did you mean 'enterprise'?",
    ),
    (
        "public segment in the commercial order",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), order=["government"]),
        UnknownKeyError,
        "unknown segment 'government'",
    ),
    (
        "repeated segment in the order",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), order=["isv", "isv"]),
        InvalidValueError,
        "'order' must be a sequence without repeats",
    ),
    (
        "unknown partner kind",
        lambda: check_partner_service("integrador", "l1_support"),
        UnknownKeyError,
        "unknown kind 'integrador': did you mean 'integrator'?",
    ),
    (
        "unknown deal scheme",
        lambda: PartnerDeal(
            "P-1", customer=ACME, partner="p", partner_kind="distributor", scheme="rent"
        ),
        UnknownKeyError,
        "unknown scheme 'rent'",
    ),
    (
        "unknown opportunity status",
        lambda: opportunity(status="won"),
        UnknownKeyError,
        "unknown status 'won'",
    ),
    # wrong types
    (
        "customer given as a string",
        lambda: reg(customer="Acme"),
        InvalidTypeError,
        "'customer' must be a Customer (got str 'Acme')",
    ),
    (
        "one status update instead of a list",
        lambda: reg(status_updates=T0),
        InvalidTypeError,
        "'status_updates' must be a tuple or list of aware datetimes",
    ),
    (
        "a string where registrations are expected",
        lambda: check_protection_claim(reg(), "CRM-2"),  # type: ignore[arg-type]
        InvalidTypeError,
        "'existing' must be an iterable of DealRegistration (got str 'CRM-2')",
    ),
    (
        "a string for a bool flag",
        lambda: opportunity(customer_consent="yes"),
        InvalidTypeError,
        "'customer_consent' must be a bool (got str 'yes')",
    ),
    (
        "a datetime as target close date",
        lambda: opportunity(target_close=T0),
        InvalidTypeError,
        "'target_close' must be a datetime.date (not a datetime)",
    ),
    (
        "a float revenue share",
        lambda: Organisation("Zeta", uses_aws=True, software_revenue_share=0.6),
        InvalidTypeError,
        "'software_revenue_share' must be a str, int or Decimal (got float 0.6)",
    ),
    (
        "a revenue share above one",
        lambda: Organisation("Zeta", uses_aws=True, software_revenue_share="1.5"),
        InvalidValueError,
        "'software_revenue_share' must be a fraction in [0, 1]",
    ),
    (
        "a datetime as the as-of date",
        lambda: classify_segment(ORG, as_of=T0),
        InvalidTypeError,
        "'as_of' must be a datetime.date (not a datetime)",
    ),
    (
        "the segment order as one string",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), order="startup"),
        InvalidTypeError,
        "'order' must be a sequence of commercial segments (got str 'startup')",
    ),
    (
        "founded after the as-of date",
        lambda: classify_segment(
            Organisation("Zeta", uses_aws=True, founded=dt.date(2030, 1, 1)),
            as_of=dt.date(2026, 1, 1),
        ),
        InvalidValueError,
        "'founded' must be on or before as_of (2026-01-01)",
    ),
    (
        "a minimum description length of zero",
        lambda: check_ace_readiness(opportunity(), at=T0, min_description_length=0),
        InvalidValueError,
        "'min_description_length' must be an integer >= 1 (got 0)",
    ),
    (
        "one industry as a string",
        lambda: ListingApplication(focus_industries="retail"),
        InvalidTypeError,
        "'focus_industries' must be a tuple or list of str (got str 'retail')",
    ),
    (
        "a negative price",
        lambda: ListingTerms(price=brl("-1")),
        InvalidValueError,
        "'price' must be zero or more",
    ),
    (
        "a dict as application",
        lambda: MarketplaceListing("CRM", partner="p").submit_application({}),  # type: ignore[arg-type]
        InvalidTypeError,
        "'application' must be a ListingApplication (got dict {})",
    ),
    # issue #12: ranges checked before any work, never an OverflowError
    (
        "a protection window of 10**30 months",
        lambda: protection_status(reg(), at=T0, window_months=10**30),
        InvalidValueError,
        f"'window_months' must be an integer <= {MAX_WINDOW_MONTHS} (got 10000000000",
    ),
    (
        "a protection window given as a bool",
        lambda: resolve_conflict([reg()], at=T0, window_months=True),
        InvalidTypeError,
        "'window_months' must be an int (got bool True)",
    ),
    (
        "a protection window that ends after year 9999",
        lambda: protection_status(
            reg(registered_at=dt.datetime(9999, 12, 1, tzinfo=UTC)),
            at=dt.datetime(9999, 12, 2, tzinfo=UTC),
        ),
        HorizonError,
        "'window_months' must be a window that ends by year 9999 when it starts on "
        "9999-12-01T00:00:00+00:00 (got 3)",
    ),
    (
        "a registration that UTC cannot hold",
        lambda: reg(registered_at=dt.datetime(1, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))),
        HorizonError,
        "'registered_at' must be an instant that falls in years 1 to 9999 in UTC as well",
    ),
    (
        "a minimum description length longer than any str",
        lambda: check_ace_readiness(opportunity(), at=T0, min_description_length=10**30),
        InvalidValueError,
        "'min_description_length' must be an integer <= 9223372036854775807",
    ),
    (
        "a startup age past what a date can hold",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), startup_max_age_years=10**6),
        InvalidValueError,
        "'startup_max_age_years' must be an integer <= 9999 (got 1000000)",
    ),
    (
        "an int too long to print as a revenue share",
        lambda: classify_segment(ORG, as_of=dt.date(2026, 1, 1), isv_min_software_share=10**5000),
        InvalidValueError,
        "'isv_min_software_share' must be a fraction in [0, 1] (got <",
    ),
    # issue #12: a bool only from a bool
    (
        "'no' for customer consent",
        lambda: opportunity(customer_consent="no"),
        InvalidTypeError,
        "'customer_consent' must be a bool (got str 'no')",
    ),
    (
        "1 for a bool flag",
        lambda: Organisation("Zeta", uses_aws=1),
        InvalidTypeError,
        "'uses_aws' must be a bool (got int 1)",
    ),
    (
        "a bool for a deal id",
        lambda: DealRegistration(True, customer=ACME, partner="alfa", registered_at=T0, bdm="bdm"),  # type: ignore[arg-type]
        InvalidTypeError,
        "'deal_id' must be a str (got bool True)",
    ),
    # issue #12: collections and tables checked before use
    (
        "an int for the required kinds",
        lambda: check_protection_required(DEAL, required_kinds=3),  # type: ignore[arg-type]
        InvalidTypeError,
        "'required_kinds' must be an iterable of PartnerKind (got int 3)",
    ),
    (
        "None for the trained services",
        lambda: check_partner_service("integrator", "l1_support", trained_for=None),  # type: ignore[arg-type]
        InvalidTypeError,
        "'trained_for' must be an iterable of PartnerService (got NoneType None)",
    ),
    (
        "a dict of opportunities",
        lambda: check_ace_readiness(
            opportunity(), at=T0, min_description_length=3, existing={"O-2": 1}
        ),  # type: ignore[arg-type]
        InvalidTypeError,
        "'existing' must be an iterable of Opportunity (got dict {'O-2': 1})",
    ),
    (
        "a kind described twice",
        lambda: partner_kind_profiles([("integrator", "IT", (), ()), ("integrator", "IT", (), ())]),
        InvalidValueError,
        "'kinds[1][0]' must be a kind not described before (got 'integrator')",
    ),
    (
        "a kind the caller's table does not describe",
        lambda: partner_kind_profile("consulting", kinds=[("integrator", "IT", (), ())]),
        UnknownKeyError,
        "unknown kind 'consulting': known: 'integrator'; the kinds table does not describe it",
    ),
    (
        "listing steps without every stage",
        lambda: ListingSteps([("applied", ("a", "b", "c", "d"))]),
        InvalidValueError,
        "'steps' must be 5 rows, one per stage after the draft: applied, evaluated, "
        "image_built, priced, listed",
    ),
    (
        "listing steps with a label missing",
        lambda: ListingSteps([("applied", ("a", "b", "c")), *mcs.MARKETPLACE_STEPS[1:]]),
        InvalidValueError,
        "'steps[0][1]' must be 4 non-blank labels, one per data item (got ('a', 'b', 'c'))",
    ),
    (
        "the draft has no step",
        lambda: ListingSteps(mcs.MARKETPLACE_STEPS).items(ListingStage.DRAFT),
        InvalidValueError,
        "'stage' must be a stage after the draft",
    ),
    # issue #12: no silent accept that crashes later
    (
        "None for a listing's reasons",
        lambda: MarketplaceListing("CRM", partner="p", reasons=None),  # type: ignore[arg-type]
        InvalidTypeError,
        "'reasons' must be a tuple of Reason (got NoneType None)",
    ),
    (
        "a state given as text in a result",
        lambda: ProtectionStatus(
            "D-1",
            "alfa",
            state="protected",  # type: ignore[arg-type]
            at=T0,
            last_activity=T0,
            protected_until=T0,
            window_months=3,
            reasons=(),
        ),
        InvalidTypeError,
        "'state' must be a ProtectionState (got str 'protected')",
    ),
    (
        "a readiness that is ok with failed criteria",
        lambda: AceReadiness(True, (AceCriterion.PARTNER_LED,), (), ()),
        InvalidValueError,
        "'ok' must be True exactly when failed is empty (got True)",
    ),
    # issue #12: enums refuse with a PartnerRulesError that is still a ValueError
    (
        "an unknown segment value",
        lambda: Segment("ISV"),
        InvalidValueError,
        "'Segment' must be one of 'startup', 'isv', 'digital_native'",
    ),
    (
        "an int too long to print as a segment",
        lambda: Segment(10**5000),  # type: ignore[arg-type]
        InvalidValueError,
        "'Segment' must be one of 'startup'",
    ),
]


@pytest.mark.rule("mcs.deal.protection")
@pytest.mark.rule("aws.segment.classify")
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [pytest.param(call, error, message, id=name) for name, call, error, message in CASES],
)
def test_bad_input_raises_a_typed_error_that_says_what_is_allowed(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    """mcs.deal.protection, aws.segment.classify and the other deals rules: typed errors."""
    with pytest.raises(error, match=re.escape(message)) as caught:
        call()
    assert isinstance(caught.value, PartnerRulesError)


@pytest.mark.rule("aws.segment.classify")
def test_an_unknown_enum_value_is_still_a_value_error_for_older_callers() -> None:
    """aws.segment.classify: ``except ValueError`` around an enum lookup keeps working."""
    with pytest.raises(ValueError, match="'Segment' must be one of"):
        Segment("retail")


@pytest.mark.rule("mcs.deal.protection")
def test_an_error_about_a_huge_int_keeps_the_value_given() -> None:
    """mcs.deal.protection: the message shows the size, the attribute keeps the value."""
    huge = 10**5000
    with pytest.raises(InvalidValueError) as caught:
        protection_status(reg(), at=T0, window_months=huge)
    assert caught.value.value == huge
    assert caught.value.field == "window_months"
