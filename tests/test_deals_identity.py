"""Customer identity for conflicts and duplicates: names, domains, CNPJ (mcs.deal.protection)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.deals import (
    Cnpj,
    CnpjError,
    Customer,
    cnpj_check_digits,
    normalise_name,
    registrable_domain,
)
from partnerrules.errors import PartnerRulesError
from partnerrules.identity import is_valid_cnpj

# -- an independent CNPJ generator (the oracle) ------------------------------------


def oracle_digit(chars: str) -> str:
    """One mod-11 check digit, weights 2..9 cycling from the right (Receita Federal)."""
    total = 0
    for position, char in enumerate(reversed(chars)):
        weight = 2 + position % 8
        total += (ord(char) - ord("0")) * weight
    remainder = total % 11
    return "0" if remainder < 2 else str(11 - remainder)


def make_cnpj(base: str) -> str:
    first = oracle_digit(base)
    return base + first + oracle_digit(base + first)


numeric_bases = st.text(alphabet=string.digits, min_size=12, max_size=12)
alphanumeric_bases = st.text(
    alphabet=string.digits + string.ascii_uppercase, min_size=12, max_size=12
)


@pytest.mark.rule("mcs.deal.protection")
@pytest.mark.parametrize(
    ("text", "number", "root", "alphanumeric"),
    [
        ("11.222.333/0001-81", "11222333000181", "11222333", False),
        ("11222333000181", "11222333000181", "11222333", False),
        # The Receita Federal's example of the alphanumeric format (from July 2026).
        ("12.ABC.345/01DE-35", "12ABC34501DE35", "12ABC345", True),
        ("12.abc.345/01de-35", "12ABC34501DE35", "12ABC345", True),
    ],
)
def test_a_valid_cnpj_is_read_with_its_company_root(
    text: str, number: str, root: str, alphanumeric: bool
) -> None:
    """mcs.deal.protection: CNPJs (numeric and alphanumeric) identify companies by root."""
    cnpj = Cnpj(text)

    assert (cnpj.number, cnpj.root, cnpj.is_alphanumeric) == (number, root, alphanumeric)
    assert Cnpj(cnpj.formatted) == cnpj


@pytest.mark.rule("mcs.deal.protection")
@given(base=numeric_bases | alphanumeric_bases)
def test_every_generated_cnpj_validates(base: str) -> None:
    """mcs.deal.protection: law: the oracle's numbers (numeric and alphanumeric) all validate.

    All but one: the all-zero placeholder (aws.ace.readiness), whose check
    digits are right but which is never issued.
    """
    number = make_cnpj(base)

    assert cnpj_check_digits(base) == number[12:]
    if number == "0" * 14:
        with pytest.raises(CnpjError, match="placeholder check failed"):
            Cnpj(number)
    else:
        assert Cnpj(number).number == number


@pytest.mark.rule("mcs.deal.protection")
@given(
    base=numeric_bases | alphanumeric_bases,
    position=st.sampled_from([12, 13]),
    shift=st.integers(1, 9),
)
def test_changing_either_check_digit_is_always_caught(base: str, position: int, shift: int) -> None:
    """mcs.deal.protection: law: any change to a check digit fails the matching check."""
    number = make_cnpj(base)
    wrong = str((int(number[position]) + shift) % 10)
    tampered = number[:position] + wrong + number[position + 1 :]
    check = "first check digit" if position == 12 else "second check digit"

    with pytest.raises(CnpjError, match=f"{check} check failed") as caught:
        Cnpj(tampered)
    assert caught.value.check == check


ZERO_PLACEHOLDERS = [
    "00.000.000/0000-00",
    "00000000000000",
    " 00 000 000 0000 00 ",
    "00-000-000.0000/00",
    "00.000.000/0000-00\n",
]


@pytest.mark.rule("aws.ace.readiness")
@pytest.mark.parametrize("text", ZERO_PLACEHOLDERS)
def test_the_all_zero_cnpj_placeholder_is_invalid(text: str) -> None:
    """aws.ace.readiness: 00.000.000/0000-00 passes mod-11 but is a placeholder, refused."""
    assert cnpj_check_digits("0" * 12) == "00"  # the algorithm alone lets it through

    with pytest.raises(CnpjError) as caught:
        Cnpj(text)
    assert str(caught.value) == (
        f"'cnpj' must be a registered CNPJ, not the all-zero placeholder (got {text!r}); "
        "placeholder check failed: 00.000.000/0000-00 is never issued, so it cannot "
        "identify a customer"
    )
    assert caught.value.check == "placeholder"
    assert caught.value.field == "cnpj"
    assert not is_valid_cnpj(text)


@pytest.mark.rule("aws.ace.readiness")
def test_placeholder_cnpjs_never_make_two_customers_the_same() -> None:
    """aws.ace.readiness: a customer cannot carry the all-zero CNPJ, so no root match on it."""
    for text in ZERO_PLACEHOLDERS:
        with pytest.raises(CnpjError, match="placeholder check failed"):
            Customer("Cliente A", cnpj=text)
    a = Customer("Cliente A")
    b = Customer("Cliente B")
    assert not a.same_as(b)


@pytest.mark.rule("aws.ace.readiness")
def test_a_root_of_zeros_is_a_real_company_and_stays_valid() -> None:
    """aws.ace.readiness: only the whole all-zero number is a placeholder, not a zero root."""
    cnpj = Cnpj("00.000.000/0001-91")
    assert cnpj.root == "00000000"
    assert is_valid_cnpj("00000000000191")


@pytest.mark.rule("aws.ace.readiness")
@pytest.mark.parametrize("digit", "123456789")
def test_every_other_repeated_digit_cnpj_already_fails_its_check_digits(digit: str) -> None:
    """aws.ace.readiness: 11.111.111/1111-11 ... 99.999.999/9999-99 fail mod-11 already.

    So the all-zero number is the only one-digit placeholder the algorithm
    lets through, and the only one that needs a rule of its own.
    """
    assert cnpj_check_digits(digit * 12) != digit * 2
    with pytest.raises(CnpjError, match="check digit check failed") as caught:
        Cnpj(digit * 14)
    assert caught.value.check in {"first check digit", "second check digit"}
    assert not is_valid_cnpj(digit * 14)


cnpj_like = st.one_of(
    numeric_bases.map(make_cnpj),
    alphanumeric_bases.map(make_cnpj),
    st.sampled_from(
        [*ZERO_PLACEHOLDERS, "11.222.333/0001-82", "", "0" * 13, "１１２２２３３３０００１８１"]
    ),
    st.text(alphabet="0123456789ABCZabc./- ", max_size=20),
    st.text(max_size=20),
    st.none(),
    st.integers(),
)


@pytest.mark.rule("aws.ace.readiness")
@given(value=cnpj_like)
def test_is_valid_cnpj_agrees_with_the_cnpj_constructor(value: object) -> None:
    """aws.ace.readiness: law: is_valid_cnpj(x) exactly when Cnpj(x) succeeds."""
    try:
        Cnpj(value)  # type: ignore[arg-type]
    except PartnerRulesError:
        accepted = False
    else:
        accepted = True

    assert is_valid_cnpj(value) is accepted


@pytest.mark.rule("mcs.deal.protection")
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ACME Comércio LTDA.", "acme comercio"),
        ("Acme Comercio S.A.", "acme comercio"),
        ("ACME COMERCIO S/A", "acme comercio"),
        ("Acme Comércio Ltda - ME", "acme comercio"),
        ("Açaí & Cia. EIRELI", "acai"),
        ("Globex, Inc.", "globex"),
        ("Globex Corporation LLC", "globex"),
        ("Initech S. A.", "initech"),
        ("ООО «Ромашка»", "ромашка"),
        ("Ромашка, АО", "ромашка"),
        ("LTDA", "ltda"),
        ("  São   João  Padaria ", "sao joao padaria"),
    ],
)
def test_company_names_normalise_case_accents_punctuation_and_legal_suffixes(
    raw: str, expected: str
) -> None:
    """mcs.deal.protection: names are compared once reduced to a canonical form."""
    assert normalise_name(raw) == expected


name_parts = st.lists(
    st.sampled_from(
        ["Acme", "São", "JOÃO", "Ltda.", "S.A.", "ME", "Inc", "ООО", "café", "&", "-", "Cia"]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


@pytest.mark.rule("mcs.deal.protection")
@given(name=st.text() | name_parts)
def test_name_normalisation_is_idempotent(name: str) -> None:
    """mcs.deal.protection: law: normalising a normalised name changes nothing."""
    once = normalise_name(name)

    assert normalise_name(once) == once


@pytest.mark.rule("mcs.deal.protection")
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.acme.com.br/contato", "acme.com.br"),
        ("http://loja.sp.acme.com.br:8080/?q=1#x", "acme.com.br"),
        ("vendas@acme.com.br", "acme.com.br"),
        ("WWW.Example.COM.", "example.com"),
        ("portal.globex.co.uk", "globex.co.uk"),
        ("app.initech.io", "initech.io"),
        ("acme.com.br", "acme.com.br"),
        ("https://café.com.br", "xn--caf-dma.com.br"),
    ],
)
def test_web_domains_reduce_to_the_registrable_domain(raw: str, expected: str) -> None:
    """mcs.deal.protection: scheme, www, subdomains, port and path are dropped."""
    assert registrable_domain(raw) == expected


hosts = st.lists(
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True), min_size=1, max_size=4
).flatmap(
    lambda labels: st.sampled_from(["com", "com.br", "co.uk", "org", "io"]).map(
        lambda suffix: ".".join([*labels, suffix])
    )
)


@pytest.mark.rule("mcs.deal.protection")
@given(host=hosts, scheme=st.sampled_from(["", "http://", "https://www."]))
def test_domain_normalisation_is_idempotent(host: str, scheme: str) -> None:
    """mcs.deal.protection: law: the registrable domain of a registrable domain is itself."""
    once = registrable_domain(scheme + host + "/path")

    assert registrable_domain(once) == once


@pytest.mark.rule("mcs.deal.protection")
def test_customers_match_on_the_strongest_identifier_both_carry() -> None:
    """mcs.deal.protection: CNPJ root, then registrable domain, then normalised name."""
    head_office = Customer("ACME Comércio Ltda", cnpj="11.222.333/0001-81")
    branch = Customer("Loja Acme Filial SP", cnpj=make_cnpj("112223330002"))
    other_company = Customer("ACME Comércio Ltda", cnpj="12.ABC.345/01DE-35")
    by_domain = Customer("Acme", domain="https://www.acme.com.br")
    by_domain_too = Customer("ACME Brasil", domain="vendas.acme.com.br")
    by_name = Customer("Acme Comercio S.A.")

    assert head_office.same_as(branch)
    assert not head_office.same_as(other_company)
    assert by_domain.same_as(by_domain_too)
    assert head_office.same_as(by_name)
    assert not by_domain.same_as(by_name)
    assert head_office.identity == ("cnpj", "11222333")
