"""Contracts at the edges (issue #12): term range, the last dates Python holds, hostile inputs.

Every input refused here is refused with a PartnerRulesError subclass whose
message names the field; no builtin OverflowError, ValueError, TypeError,
AttributeError or decimal signal escapes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import partnerrules.money
from partnerrules.contracts import (
    ACTUAL_360,
    ACTUAL_ACTUAL,
    MAX_TERM_MONTHS,
    THIRTY_360,
    Addendum,
    Contract,
    DataLink,
    Invoice,
    PoolItem,
    Proration,
    add_addendum,
    cancellation_quote,
    check_placement,
    check_resource_pool,
    contract_terms,
    responsible_party,
    traffic_charge,
)
from partnerrules.errors import HorizonError, InvalidTypeError, InvalidValueError
from partnerrules.money import Money, brl

LAST_MONTH = dt.date.max.year * 12 + dt.date.max.month - 1
#: The magnitude Money refuses: its public AMOUNT_LIMIT where money.py has one
#: (10**24 was the private bound before it), so these tests follow Money's range.
LIMIT: int = getattr(partnerrules.money, "AMOUNT_LIMIT", 10**24)
#: The end of every "too large" message: Money's own range, whatever it is.
RANGE = r"less than \S+ in magnitude"


def build(start: dt.date = dt.date(2026, 1, 1), months: int = 12, monthly: str = "100") -> Contract:
    return Contract("C-E", "ACME", start, months, brl(monthly))


# -- the term in months ---------------------------------------------------------


@pytest.mark.rule("omid.contract.terms")
def test_the_term_runs_from_one_to_1200_months() -> None:
    """omid.contract.terms: 1200 months (100 years) is the documented maximum."""
    assert MAX_TERM_MONTHS == 1200
    longest = build(months=MAX_TERM_MONTHS)
    assert longest.end == dt.date(2126, 1, 1)
    assert len(longest.invoices()) == 1200
    assert longest.tcv == brl("120000")


@pytest.mark.rule("omid.contract.terms")
@pytest.mark.parametrize("months", [1201, 100_000, 10**30])
def test_a_term_beyond_1200_months_is_refused_before_any_date_is_computed(months: int) -> None:
    """omid.contract.terms: Contract(months=100_000) raised OverflowError/ValueError on .end."""
    with pytest.raises(InvalidValueError) as caught:
        build(months=months)
    assert str(caught.value) == (
        f"'months' must be an integer <= 1200 (got {months}); "
        "a term is at most 1200 months (100 years)"
    )
    assert caught.value.field == "months"


@pytest.mark.rule("omid.contract.terms")
def test_attrs_evolve_checks_the_term_too() -> None:
    """omid.contract.terms: a changed copy is validated like a new contract."""
    import attrs

    with pytest.raises(InvalidValueError, match=r"^'months' must be an integer <= 1200"):
        attrs.evolve(build(), months=5000)


# -- the last dates Python holds ---------------------------------------------


@pytest.mark.rule("omid.contract.terms")
@pytest.mark.parametrize(
    ("start", "months", "latest"),
    [
        (dt.date(9999, 12, 1), 1, "9999-11-30"),
        (dt.date(9999, 12, 31), 1, "9999-11-30"),
        (dt.date(9999, 1, 1), 12, "9998-12-31"),
        (dt.date(9900, 1, 1), 1200, "9899-12-31"),
    ],
)
def test_a_contract_ending_after_9999_12_31_is_a_horizon_error_naming_start(
    start: dt.date, months: int, latest: str
) -> None:
    """omid.contract.terms: a contract starting 9999-12-01 raised a builtin error on .end."""
    with pytest.raises(HorizonError) as caught:
        build(start=start, months=months)
    assert str(caught.value) == (
        f"'start' must be a date whose {months}-month term ends by 9999-12-31 "
        f"(got {start!r}); the latest start for a {months}-month term is {latest}"
    )
    assert caught.value.field == "start"
    assert isinstance(caught.value, InvalidValueError)


@pytest.mark.rule("omid.contract.terms")
@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(9999, 11, 30), 1, dt.date(9999, 12, 30)),
        (dt.date(9999, 11, 1), 1, dt.date(9999, 12, 1)),
        (dt.date(9998, 12, 31), 12, dt.date(9999, 12, 31)),
        (dt.date(9899, 12, 31), 1200, dt.date(9999, 12, 31)),
    ],
)
def test_the_latest_contracts_python_can_hold_are_fully_usable(
    start: dt.date, months: int, end: dt.date
) -> None:
    """omid.contract.terms: schedule, terms and quotes work up to the last representable end."""
    c = build(start=start, months=months, monthly="3100")
    assert c.end == end
    invoices = c.invoices()
    assert Money.total((i.amount for i in invoices), "BRL") == c.tcv
    assert invoices[-1].period_end == end
    assert contract_terms(c).end == end
    for convention in Proration:
        assert len(c.invoices(convention=convention)) == len(invoices)
    late = cancellation_quote(c, end - dt.timedelta(days=1))
    assert brl(0) < late.remaining < c.tcv
    assert cancellation_quote(c, dt.date.max).remaining == brl(0)
    assert cancellation_quote(c, dt.date.min).remaining == c.tcv
    assert all(str(r) for r in late.reasons)


@pytest.mark.rule("omid.contract.terms")
def test_december_9999_can_be_prorated_under_every_convention() -> None:
    """omid.contract.terms: fraction() used to build 10000-01-01 and raise ValueError."""
    start, end = dt.date(9999, 12, 1), dt.date(9999, 12, 31)
    assert ACTUAL_ACTUAL.fraction(start, end) == Fraction(30, 31)
    assert ACTUAL_360.fraction(start, end) == 1
    assert THIRTY_360.fraction(dt.date(9999, 12, 5), dt.date.max) == Fraction(26, 30)
    assert ACTUAL_ACTUAL.fraction(dt.date(9999, 12, 5), dt.date.max) == Fraction(26, 31)
    assert ACTUAL_ACTUAL.fraction(dt.date(9999, 11, 1), dt.date(9999, 12, 1)) == 1
    with pytest.raises(InvalidValueError, match=r"'end' must be after 9999-12-31"):
        ACTUAL_ACTUAL.fraction(dt.date.max, dt.date.max)


@pytest.mark.rule("omid.contract.addendum_coterm")
def test_an_addendum_in_december_9999_is_priced() -> None:
    """omid.contract.addendum_coterm: its charges used to raise ValueError in December 9999."""
    addendum = Addendum("backup", dt.date(9999, 12, 1), dt.date(9999, 12, 31), brl("3100"))
    assert addendum.charges() == ((dt.date(9999, 12, 1), dt.date(9999, 12, 31), brl("3000")),)
    c = build(start=dt.date(9998, 12, 31), months=12, monthly="3100")
    quote = add_addendum(c, "backup", list_price=brl("3100"), start=dt.date(9999, 12, 1))
    assert quote.addendum.value == brl("3000")


@pytest.mark.rule("omid.contract.cancellation_fee")
@given(
    # Half the starts fall in the last century, where long terms pass 9999-12-31.
    start=st.dates() | st.dates(min_value=dt.date(9890, 1, 1)),
    months=st.integers(min_value=1, max_value=MAX_TERM_MONTHS),
    offset=st.integers(min_value=-400, max_value=40_000),
    monthly=st.integers(min_value=0, max_value=10**12).map(
        lambda u: Money.from_minor_units(u, "BRL")
    ),
)
def test_any_start_and_term_builds_or_is_a_horizon_error_and_quotes_obey_the_law(
    start: dt.date, months: int, offset: int, monthly: Money
) -> None:
    """omid.contract.cancellation_fee: law: fee <= remaining <= TCV under any start, term, date."""
    fits = start.year * 12 + start.month - 1 + months <= LAST_MONTH
    if not fits:
        with pytest.raises(HorizonError, match=r"^'start' must be a date whose"):
            Contract("C-P", "Customer", start, months, monthly)
        return
    c = Contract("C-P", "Customer", start, months, monthly)
    ordinal = min(max(start.toordinal() + offset, 1), dt.date.max.toordinal())
    quote = cancellation_quote(c, dt.date.fromordinal(ordinal))
    assert brl(0) <= quote.fee <= quote.remaining <= c.tcv
    half = (quote.remaining.amount / 2).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    assert quote.fee.amount == half


# -- magnitudes -----------------------------------------------------------------


@pytest.mark.rule("money.brl.exact")
def test_a_monthly_value_whose_tcv_money_cannot_hold_is_refused_naming_monthly() -> None:
    """money.brl.exact: the TCV used to fail later, on .tcv or a quote, naming 'amount'."""
    monthly = LIMIT // 1000
    with pytest.raises(InvalidValueError) as caught:
        build(months=1200, monthly=str(monthly))
    assert re.fullmatch(
        rf"'monthly' must be an amount whose total over 1200 months is {RANGE} "
        rf"\(got Money\('{monthly}.00', 'BRL'\)\); it would be {monthly * 1200}.00 BRL",
        str(caught.value),
    ), str(caught.value)
    assert caught.value.field == "monthly"
    assert build(months=999, monthly=str(monthly)).tcv == brl(monthly * 999)


@pytest.mark.rule("money.brl.exact")
def test_addenda_whose_total_money_cannot_hold_are_refused_naming_addenda() -> None:
    """money.brl.exact: the contract and its addenda must sum to a Money."""
    c = build(months=1200, monthly=str(LIMIT // 2400))  # half the range
    price = brl(LIMIT // 1500)  # 80% of the range over 1200 months
    assert Addendum("big", c.start, c.end, price).value == brl(LIMIT // 1500 * 1200)
    with pytest.raises(InvalidValueError) as caught:
        add_addendum(c, "big", list_price=price, start=c.start)
    assert re.match(
        rf"'addenda' must be addenda that keep the TCV {RANGE} \(got ", str(caught.value)
    )
    assert caught.value.field == "addenda"


@pytest.mark.rule("omid.contract.addendum_coterm")
def test_an_addendum_whose_value_money_cannot_hold_is_refused_naming_list_price() -> None:
    """omid.contract.addendum_coterm: its value used to fail on .value, naming 'amount'."""
    price = LIMIT // 1000
    with pytest.raises(InvalidValueError) as caught:
        Addendum("big", dt.date(2026, 1, 1), dt.date(2126, 1, 1), brl(price))
    assert re.fullmatch(
        rf"'list_price' must be an amount whose total from 2026-01-01 to 2126-01-01 is {RANGE} "
        rf"\(got Money\('{price}.00', 'BRL'\)\); it would be {price * 1200}.00 BRL",
        str(caught.value),
    ), str(caught.value)


@pytest.mark.rule("omid.contract.addendum_coterm")
def test_an_addendum_longer_than_the_longest_contract_is_refused() -> None:
    """omid.contract.addendum_coterm: an addendum ends with its contract, within 1200 months."""
    assert Addendum("x", dt.date(2026, 1, 15), dt.date(2126, 1, 15), brl(1)).value == brl(1200)
    with pytest.raises(InvalidValueError) as caught:
        Addendum("x", dt.date(1, 1, 1), dt.date.max, brl(1))
    assert str(caught.value) == (
        "'end' must be at most 1200 months after start 0001-01-01 "
        "(got datetime.date(9999, 12, 31)); an addendum runs inside a contract, "
        "whose term is at most that long"
    )


@pytest.mark.rule("omid.contract.resource_pool")
def test_resources_whose_total_money_cannot_hold_are_refused_naming_items() -> None:
    """omid.contract.resource_pool: the total was summed past Money's range unchecked."""
    items = [PoolItem(f"vm-{i}", brl(LIMIT // 2)) for i in range(3)]
    with pytest.raises(InvalidValueError) as caught:
        check_resource_pool(items, committed=brl(1))
    assert re.match(rf"'items' must be resources whose total is {RANGE} \(got ", str(caught.value))
    assert caught.value.field == "items"


@pytest.mark.rule("omid.contract.fixed_link_traffic")
def test_links_whose_total_money_cannot_hold_are_refused_naming_links() -> None:
    """omid.contract.fixed_link_traffic: the total was summed past Money's range unchecked."""
    links = [DataLink(f"link-{i}", brl(LIMIT // 2)) for i in range(3)]
    with pytest.raises(InvalidValueError) as caught:
        traffic_charge(links)
    assert re.match(rf"'links' must be links whose total is {RANGE} \(got ", str(caught.value))
    assert caught.value.field == "links"


# -- negative amounts -----------------------------------------------------------


@pytest.mark.rule("omid.contract.terms")
def test_an_invoice_of_a_negative_amount_cannot_exist() -> None:
    """omid.contract.terms: invoices bill amounts >= 0, like the monthly value they come from."""
    with pytest.raises(InvalidValueError) as caught:
        Invoice("C", 1, dt.date(2026, 1, 1), dt.date(2026, 2, 1), brl("-0.01"))
    assert str(caught.value) == "'amount' must be an amount >= 0 (got Money('-0.01', 'BRL'))"
    assert Invoice("C", 1, dt.date(2026, 1, 1), dt.date(2026, 2, 1), brl(0)).amount == brl(0)


# -- the caller's decimal context ------------------------------------------------


@pytest.mark.rule("omid.contract.addendum_coterm")
def test_the_callers_decimal_context_does_not_change_an_addendum_price() -> None:
    """omid.contract.addendum_coterm: 1 - discount was computed in the caller's context."""
    c = Contract("C", "A", dt.date(2026, 1, 1), 12, brl("10000"), Decimal("0.125"))
    with decimal.localcontext() as ctx:
        ctx.prec = 2
        quote = add_addendum(c, "backup", list_price=brl("1000"), start=dt.date(2026, 2, 1))
        monthly, value, tcv = quote.addendum.monthly, quote.addendum.value, quote.contract.tcv
    assert monthly == brl("875")
    assert value == brl("875") * 11
    assert tcv == brl("120000") + brl("9625")


# -- lookup tables passed as parameters -----------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: check_placement("SP", sites="SP"),
            "'sites' must be a mapping of str to str (got str 'SP')",
        ),
        (
            lambda: check_placement("SP", aliases=["SP"]),
            "'aliases' must be a mapping of str to str (got list ['SP'])",
        ),
        (
            lambda: check_placement("SP", sites={"SP": 1}),
            "\"sites['SP']\" must be a str (got int 1)",
        ),
        (
            lambda: responsible_party("x", partner_duties=("Suporte",)),
            "'partner_duties' must be a mapping of str to str (got tuple ('Suporte',))",
        ),
        (
            lambda: responsible_party("x", omid_duties={1: "Suporte"}),
            "'omid_duties key' must be a str (got int 1)",
        ),
    ],
)
def test_a_lookup_table_of_the_wrong_shape_is_a_typed_error(call: Any, message: str) -> None:
    """omid.residency.brazil_only, omid.responsibility.matrix: no bare TypeError/AttributeError."""
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert str(caught.value) == message


def test_none_stands_for_the_omid_packs_tables() -> None:
    """omid.residency.brazil_only, omid.responsibility.matrix: None is the pack's table."""
    from partnerrules.policies import omid

    assert check_placement("rio", sites=None, aliases=None) == check_placement(
        "rio", sites=omid.DATACENTRE_SITES, aliases=omid.SITE_ALIASES
    )
    assert responsible_party("account_management", partner_duties=None) == responsible_party(
        "account_management", partner_duties=omid.PARTNER_DUTIES, omid_duties=omid.OMID_DUTIES
    )
