"""Placeholder and invalid CNPJs never make two customers one (issue #13, item 4).

Rules aws.ace.readiness (duplicates) and mcs.deal.protection (conflicts,
claims, mandatory registration). POLICIES: "the all-zero number is invalid, so
placeholders never make two customers the same". ``partnerrules.identity``
refuses such numbers when a :class:`Cnpj` is built; the deals rules also
compare CNPJ roots of *valid* numbers only, so a record that carries one
anyway (built before the identity check, or forged around it) is compared by
its domain or name, as if it had no CNPJ.
"""

from __future__ import annotations

import datetime as dt

import pytest

from partnerrules.deals import (
    Cnpj,
    CnpjError,
    Customer,
    DealRegistration,
    Opportunity,
    PartnerDeal,
    check_ace_readiness,
    check_protection_claim,
    check_protection_required,
    is_valid_cnpj,
    resolve_conflict,
)
from partnerrules.errors import InvalidValueError

UTC = dt.UTC
T0 = dt.datetime(2025, 3, 3, 9, tzinfo=UTC)


def forged_cnpj(number: str) -> Cnpj:
    """A Cnpj holding *number* without the constructor's checks (as a stale record would)."""
    cnpj = object.__new__(Cnpj)
    object.__setattr__(cnpj, "number", number)
    return cnpj


PLACEHOLDER = forged_cnpj("00000000000000")
BAD_DIGITS = forged_cnpj("11222333000182")  # the valid number ends in 81


def customer(name: str, cnpj: Cnpj | str | None) -> Customer:
    return Customer(name, cnpj=cnpj)


def opportunity(opportunity_id: str, who: Customer) -> Opportunity:
    return Opportunity(
        opportunity_id,
        customer=who,
        project="ERP migration",
        status="active",
        description="Move the ERP to the cloud in two phases",
        target_close=dt.date(2025, 12, 1),
        customer_consent=True,
        partner_originated=True,
        partner_led=True,
        new_business=True,
    )


def registration(partner: str, who: Customer, at: dt.datetime = T0) -> DealRegistration:
    return DealRegistration(
        f"CRM-{partner}", customer=who, partner=partner, registered_at=at, bdm="bdm"
    )


@pytest.mark.rule("aws.ace.readiness")
def test_the_all_zero_placeholder_cannot_be_typed_in() -> None:
    """aws.ace.readiness: a customer cannot be given the all-zero CNPJ."""
    with pytest.raises(CnpjError) as caught:
        Customer("Padaria Pão Quente", cnpj="00.000.000/0000-00")
    assert caught.value.check == "placeholder"
    assert not is_valid_cnpj("00000000000000")


@pytest.mark.rule("aws.ace.readiness")
@pytest.mark.parametrize("cnpj", [PLACEHOLDER, BAD_DIGITS], ids=["all zeros", "bad digits"])
def test_two_companies_sharing_an_invalid_cnpj_are_not_duplicates(cnpj: Cnpj) -> None:
    """aws.ace.readiness: the same placeholder on two companies does not make one customer."""
    padaria = opportunity("O-1", customer("Padaria Pão Quente", cnpj))
    oficina = opportunity("O-2", customer("Oficina Mecânica Silva", cnpj))

    readiness = check_ace_readiness(oficina, at=T0, min_description_length=10, existing=[padaria])

    assert readiness.ok
    assert readiness.duplicates == ()


@pytest.mark.rule("aws.ace.readiness")
def test_a_customer_with_an_invalid_cnpj_is_still_matched_by_its_name() -> None:
    """aws.ace.readiness: an invalid CNPJ is set aside, not a licence to duplicate."""
    first = opportunity("O-1", customer("Padaria Pão Quente Ltda", PLACEHOLDER))
    again = opportunity("O-2", customer("PADARIA PAO QUENTE", None))

    readiness = check_ace_readiness(again, at=T0, min_description_length=10, existing=[first])

    assert readiness.duplicates == ("O-1",)


@pytest.mark.rule("aws.ace.readiness")
def test_valid_cnpjs_still_match_on_their_root_whatever_the_name() -> None:
    """aws.ace.readiness: head office and branch are one customer (valid numbers)."""
    head = opportunity("O-1", customer("Acme Tecnologia", "11.222.333/0001-81"))
    branch = opportunity("O-2", customer("ACME Filial Rio", "11.222.333/0002-62"))

    readiness = check_ace_readiness(branch, at=T0, min_description_length=10, existing=[head])

    assert readiness.duplicates == ("O-1",)


@pytest.mark.rule("mcs.deal.protection")
def test_an_invalid_cnpj_does_not_put_two_companies_in_one_conflict() -> None:
    """mcs.deal.protection: registrations for different companies are refused as a conflict."""
    alfa = registration("alfa", customer("Padaria Pão Quente", PLACEHOLDER))
    beta = registration("beta", customer("Oficina Mecânica Silva", PLACEHOLDER))

    with pytest.raises(InvalidValueError, match="'registrations' must be registrations for"):
        resolve_conflict([alfa, beta], at=T0)


@pytest.mark.rule("mcs.deal.protection")
def test_a_placeholder_cnpj_does_not_block_a_claim_for_another_company() -> None:
    """mcs.deal.protection: another company's protection with the same placeholder is no rival."""
    held = registration("alfa", customer("Padaria Pão Quente", PLACEHOLDER))
    claim = registration(
        "beta", customer("Oficina Mecânica Silva", PLACEHOLDER), T0 + dt.timedelta(days=1)
    )

    decision = check_protection_claim(claim, [held])

    assert decision.allowed
    assert decision.holder is None


@pytest.mark.rule("mcs.deal.protection_required")
def test_a_registration_under_a_placeholder_cnpj_does_not_cover_another_company() -> None:
    """mcs.deal.protection_required: the partner's registration must be for this customer."""
    other = registration("alfa", customer("Oficina Mecânica Silva", PLACEHOLDER))
    deal = PartnerDeal(
        "P-1",
        customer=customer("Padaria Pão Quente", PLACEHOLDER),
        partner="alfa",
        partner_kind="reseller",
        scheme="resale",
    )

    assert not check_protection_required(deal, [other]).ok
