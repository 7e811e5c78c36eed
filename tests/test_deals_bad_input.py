"""Bad input to the deals rules: the error type and message, table-driven.

Rules mcs.deal.protection, mcs.deal.protection_required, mcs.partner.kinds,
mcs.marketplace.listing, aws.ace.readiness, aws.segment.classify.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from partnerrules.deals import (
    Cnpj,
    CnpjError,
    Customer,
    DealRegistration,
    ListingApplication,
    ListingTerms,
    MarketplaceListing,
    Opportunity,
    Organisation,
    PartnerDeal,
    check_ace_readiness,
    check_partner_service,
    check_protection_claim,
    classify_segment,
    protection_status,
    registrable_domain,
    resolve_conflict,
)
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import brl

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
