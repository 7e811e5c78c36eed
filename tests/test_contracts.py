"""Contracts in reais: terms, schedules, cancellation, addenda, pool, traffic, residency."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules.contracts import (
    ACTUAL_360,
    ACTUAL_ACTUAL,
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
from partnerrules.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.money import Money, brl
from partnerrules.policies import omid
from partnerrules.testing import strategies as prs

NBSP = "\xa0"


def contract(
    start: dt.date = dt.date(2026, 1, 1),
    months: int = 12,
    monthly: str = "10000",
    discount: str = "0",
) -> Contract:
    return Contract("C-1", "ACME Ltda", start, months, brl(monthly), Decimal(discount))


# -- strategies ---------------------------------------------------------------

starts = prs.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
amounts = prs.brl_amounts(max_units=10**9)
conventions = prs.conventions()


def contracts() -> st.SearchStrategy[Contract]:
    return prs.contracts(starts=starts, terms=st.integers(min_value=1, max_value=48))


# -- omid.contract.terms ------------------------------------------------------


@pytest.mark.rule("omid.contract.terms")
def test_a_twelve_month_contract_from_the_first_bills_twelve_equal_invoices() -> None:
    """omid.contract.terms: end, TCV, ACV, MRR and the monthly schedule."""
    c = contract()
    assert c.end == dt.date(2027, 1, 1)
    assert c.tcv == brl("120000")
    assert c.acv == brl("120000")
    assert c.mrr == brl("10000")
    invoices = c.invoices()
    assert [i.number for i in invoices] == list(range(1, 13))
    assert {i.amount for i in invoices} == {brl("10000")}
    assert invoices[0].id == "C-1/1"
    assert (invoices[0].period_start, invoices[0].period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    )
    assert invoices[-1].period_end == c.end


@pytest.mark.rule("omid.contract.terms")
def test_the_end_date_clamps_at_month_end() -> None:
    """omid.contract.terms: 2026-01-31 plus one month ends on 2026-02-28."""
    assert contract(start=dt.date(2026, 1, 31), months=1).end == dt.date(2026, 2, 28)
    assert contract(start=dt.date(2024, 1, 31), months=1).end == dt.date(2024, 2, 29)


@pytest.mark.rule("omid.contract.terms")
def test_acv_is_the_tcv_per_year_of_term() -> None:
    """omid.contract.terms: 24 months of R$ 1.000,00 are R$ 12.000,00 a year."""
    assert contract(months=24, monthly="1000").acv == brl("12000")
    assert contract(months=6, monthly="1000").acv == brl("6000")
    assert contract(months=18, monthly="1000").acv == brl("12000")


@pytest.mark.rule("omid.contract.terms")
def test_a_mid_month_start_splits_one_month_between_the_first_and_last_invoices() -> None:
    """omid.contract.terms: 17 days of January and 14 of the next January share one month."""
    c = contract(start=dt.date(2026, 1, 15), monthly="3100")
    invoices = c.invoices()
    assert len(invoices) == 13
    assert invoices[0].amount == brl("1700")  # 17/31
    assert invoices[-1].amount == brl("1400")  # 14/31
    assert invoices[-1].period_start == dt.date(2027, 1, 1)
    assert invoices[-1].period_end == dt.date(2027, 1, 15)
    assert all(i.amount == brl("3100") for i in invoices[1:-1])


@pytest.mark.rule("omid.contract.terms")
@pytest.mark.parametrize(
    ("convention", "first", "last"),
    [
        # Jan 22 -> Feb 1 (10 actual days, 9 on 30/360) and Jan 1 -> Jan 22 (21 days).
        (ACTUAL_ACTUAL, "1000.00", "2100.00"),  # 10/31 : 21/31
        (THIRTY_360, "930.00", "2170.00"),  # 9/30 : 21/30
        (ACTUAL_360, "1000.00", "2100.00"),  # 10/30 : 21/30
        ("30/360", "930.00", "2170.00"),
    ],
)
def test_the_proration_convention_measures_the_partial_months(
    convention: Proration | str, first: str, last: str
) -> None:
    """omid.contract.terms: each convention weighs the partial first and last months."""
    c = contract(start=dt.date(2026, 1, 22), monthly="3100")
    invoices = c.invoices(convention=convention)
    assert (invoices[0].amount, invoices[-1].amount) == (brl(first), brl(last))


@pytest.mark.rule("omid.contract.terms")
def test_proration_fractions_of_each_convention() -> None:
    """omid.contract.terms: 15 days of February under each convention."""
    feb15, mar1 = dt.date(2026, 2, 15), dt.date(2026, 3, 1)
    assert ACTUAL_ACTUAL.fraction(feb15, mar1) == Fraction(14, 28)
    assert THIRTY_360.fraction(feb15, mar1) == Fraction(16, 30)
    assert ACTUAL_360.fraction(feb15, mar1) == Fraction(14, 30)
    assert THIRTY_360.fraction(dt.date(2026, 2, 1), mar1) == 1


@pytest.mark.rule("omid.contract.terms")
@given(contracts(), conventions)
def test_invoices_always_sum_exactly_to_the_contract_value(c: Contract, conv: Proration) -> None:
    """omid.contract.terms: every convention, any start day, addenda included."""
    invoices = c.invoices(convention=conv)
    assert Money.total((i.amount for i in invoices), "BRL") == c.tcv
    assert invoices[0].period_start == c.start
    assert invoices[-1].period_end == c.end
    for earlier, later in itertools.pairwise(invoices):
        assert earlier.period_end == later.period_start
    assert len(invoices) == c.months + (0 if c.start.day == 1 else 1)


# -- omid.contract.cancellation_fee -------------------------------------------


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_cancelling_halfway_costs_half_of_the_remaining_six_months() -> None:
    """omid.contract.cancellation_fee: the POLICIES example."""
    quote = cancellation_quote(contract(), dt.date(2026, 7, 1))
    assert quote.remaining == brl("60000")
    assert quote.fee == brl("30000")
    assert quote.baseline == brl("60000")
    assert quote.saving == brl("30000")
    assert all(r.rule_id == "omid.contract.cancellation_fee" for r in quote.reasons)
    text = " ".join(r.render("pt_BR") for r in quote.reasons)
    assert f"R${NBSP}30.000,00" in text
    assert f"R${NBSP}60.000,00" in text


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_cancelling_mid_month_prorates_the_current_month_by_actual_days() -> None:
    """omid.contract.cancellation_fee: 15 of July's 31 days plus five whole months."""
    quote = cancellation_quote(contract(monthly="3100"), dt.date(2026, 7, 17))
    # 5 x 3100 + 3100 x 15/31
    assert quote.remaining == brl("17000")
    assert quote.fee == brl("8500")


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_cancelling_before_start_leaves_everything_and_after_end_nothing() -> None:
    """omid.contract.cancellation_fee: before the start the TCV remains; at the end nothing."""
    c = contract()
    assert cancellation_quote(c, dt.date(2025, 12, 1)).remaining == c.tcv
    assert cancellation_quote(c, c.start).remaining == c.tcv
    late = cancellation_quote(c, c.end)
    assert late.remaining == late.fee == late.baseline == brl(0)


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_the_fee_rate_is_policy_data_passed_as_a_parameter() -> None:
    """omid.contract.cancellation_fee: the pack's 50%, or any rate a caller passes."""
    default = cancellation_quote(contract(), dt.date(2026, 7, 1))
    assert (default.fee_rate, default.baseline_rate) == (Decimal("0.5"), Decimal("1"))
    pack = {"fee": omid.CANCELLATION_FEE_RATE, "baseline": omid.OTHER_CLOUDS_CANCELLATION_RATE}
    assert pack == {"fee": Decimal("0.5"), "baseline": Decimal("1")}
    quote = cancellation_quote(contract(), dt.date(2026, 7, 1), fee_rate="0.25")
    assert quote.fee == brl("15000")
    assert quote.saving == brl("45000")


CENT = Decimal("0.01")


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_the_prorated_month_is_rounded_half_even_on_its_own_before_the_fee_is_halved() -> None:
    """omid.contract.cancellation_fee: a half-centavo tie in the prorated month.

    R$ 1.000,05 a month from 2025-10-01 for 12 months, cancelled with effect
    2026-04-28: 3 of April's 30 days are left, 1000.05 x 3/30 = 100.005, an
    exact tie that half-even rounds down to 100.00 (0 is even). Rounding the
    total instead, or rounding half-up, gives a centavo more; so does halving
    before rounding.
    """
    monthly = Decimal("1000.05")
    april = monthly * 3 / 30
    whole_months = monthly * 5  # May to September 2026
    assert april == Decimal("100.005")
    rounded_april = april.quantize(CENT, ROUND_HALF_EVEN)
    remaining = whole_months + rounded_april
    fee = (remaining / 2).quantize(CENT, ROUND_HALF_EVEN)
    assert (rounded_april, remaining, fee) == (
        Decimal("100.00"),
        Decimal("5100.25"),
        Decimal("2550.12"),
    )
    # The roundings the rule rules out each land a centavo higher.
    assert (whole_months + april).quantize(CENT, ROUND_HALF_EVEN) == Decimal("5100.26")
    assert whole_months + april.quantize(CENT, ROUND_HALF_UP) == Decimal("5100.26")
    assert (remaining / 2).quantize(CENT, ROUND_HALF_UP) == Decimal("2550.13")
    assert ((whole_months + april) / 2).quantize(CENT, ROUND_HALF_EVEN) == Decimal("2550.13")

    c = contract(start=dt.date(2025, 10, 1), monthly="1000.05")
    quote = cancellation_quote(c, dt.date(2026, 4, 28))

    assert quote.remaining == brl(remaining)
    assert quote.fee == brl(fee)
    assert quote.baseline == brl(remaining)
    assert quote.saving == brl("2550.13")


def oracle_remaining(c: Contract, effective: dt.date) -> Decimal:
    """The rule, written from POLICIES for a contract from the 1st without addenda.

    Whole calendar months after *effective* in full, plus the current month
    by its actual days left over its actual days, rounded on its own.
    """
    monthly = c.monthly.amount
    if effective <= c.start:
        return monthly * c.months
    if effective >= c.end:
        return Decimal(0)
    days = calendar.monthrange(effective.year, effective.month)[1]
    left = days - effective.day + 1
    current = (monthly * left / days).quantize(CENT, ROUND_HALF_EVEN)
    months_after = (c.end.year - effective.year) * 12 + c.end.month - effective.month - 1
    return monthly * months_after + current


first_of_month_starts = starts.map(lambda d: d.replace(day=1))


@pytest.mark.rule("omid.contract.cancellation_fee")
@given(
    first_of_month_starts,
    st.integers(min_value=1, max_value=120),
    amounts,
    st.integers(min_value=-40, max_value=3700),
)
def test_remaining_is_whole_months_plus_the_current_month_rounded_on_its_own(
    start: dt.date, months: int, monthly: Money, offset: int
) -> None:
    """omid.contract.cancellation_fee: law: the library agrees with an oracle in Decimal."""
    c = Contract("C-O", "Customer", start, months, monthly)
    effective = start + dt.timedelta(days=offset)

    quote = cancellation_quote(c, effective)

    assert quote.remaining.amount == oracle_remaining(c, effective)


@pytest.mark.rule("omid.contract.cancellation_fee")
@given(contracts(), st.integers(min_value=-100, max_value=1600), conventions)
def test_the_fee_is_half_the_remaining_value_to_the_centavo_half_even(
    c: Contract, offset: int, conv: Proration
) -> None:
    """omid.contract.cancellation_fee: law: fee == remaining / 2, rounded once, half-even."""
    quote = cancellation_quote(c, c.start + dt.timedelta(days=offset), convention=conv)

    half = (quote.remaining.amount / 2).quantize(CENT, ROUND_HALF_EVEN)
    assert quote.fee.amount == half
    assert quote.baseline == quote.remaining
    assert quote.saving == quote.remaining - quote.fee


@pytest.mark.rule("omid.contract.cancellation_fee")
@given(contracts(), st.integers(min_value=-100, max_value=1600), conventions)
def test_fee_never_exceeds_remaining_and_remaining_never_exceeds_tcv(
    c: Contract, offset: int, conv: Proration
) -> None:
    """omid.contract.cancellation_fee: fee <= remaining <= TCV, for any date."""
    quote = cancellation_quote(c, c.start + dt.timedelta(days=offset), convention=conv)
    assert brl(0) <= quote.fee <= quote.remaining <= c.tcv
    assert quote.fee <= quote.baseline


@pytest.mark.rule("omid.contract.cancellation_fee")
@given(
    contracts(),
    st.integers(min_value=-40, max_value=1500),
    st.integers(min_value=0, max_value=400),
)
def test_remaining_value_never_grows_as_the_effective_date_moves_later(
    c: Contract, offset: int, step: int
) -> None:
    """omid.contract.cancellation_fee: later effective date, no larger remaining value."""
    earlier = c.start + dt.timedelta(days=offset)
    later = earlier + dt.timedelta(days=step)
    assert c.remaining_value(later) <= c.remaining_value(earlier)


# -- omid.contract.addendum_coterm ------------------------------------------


@pytest.mark.rule("omid.contract.addendum_coterm")
def test_an_addendum_keeps_the_discount_and_ends_with_the_contract() -> None:
    """omid.contract.addendum_coterm: 10% discount, first month prorated by days."""
    c = contract(discount="0.1")
    quote = add_addendum(c, "backup", list_price=brl("1000"), start=dt.date(2026, 3, 10))
    addendum = quote.addendum
    assert addendum.monthly == brl("900")
    assert addendum.end == c.end
    # 22 of March's 31 days, then April to December in full.
    assert addendum.charges()[0][2] == brl("638.71")
    assert addendum.value == brl("638.71") + brl("900") * 9
    assert quote.contract.tcv == c.tcv + addendum.value
    assert quote.contract.end == c.end
    assert c.addenda == ()  # the original contract is unchanged
    assert quote.contract.invoices()[2].amount == brl("10638.71")
    assert all(r.rule_id == "omid.contract.addendum_coterm" for r in quote.reasons)


@pytest.mark.rule("omid.contract.addendum_coterm")
@pytest.mark.parametrize("start", [dt.date(2027, 1, 1), dt.date(2027, 3, 1), dt.date(2025, 12, 31)])
def test_an_addendum_outside_the_term_is_refused(start: dt.date) -> None:
    """omid.contract.addendum_coterm: it cannot start on or after the end (nor before start)."""
    with pytest.raises(InvalidValueError, match=r"'start' must be on or after .* before its end"):
        add_addendum(contract(), "backup", list_price=brl("1000"), start=start)


@pytest.mark.rule("omid.contract.addendum_coterm")
@given(contracts())
def test_an_addendum_never_ends_after_the_contract(c: Contract) -> None:
    """omid.contract.addendum_coterm: every addendum charge lies inside the term."""
    for addendum in c.addenda:
        assert addendum.end == c.end
        assert all(c.start <= a < b <= c.end for a, b, _ in addendum.charges())
        assert addendum.value == Money.total((m for _, _, m in addendum.charges()), "BRL")


# -- omid.contract.resource_pool --------------------------------------------


@pytest.mark.rule("omid.contract.resource_pool")
def test_a_reconfiguration_below_the_commitment_is_refused_with_the_shortfall() -> None:
    """omid.contract.resource_pool: R$ 9.500,00 against R$ 10.000,00 committed."""
    items = [PoolItem("vm-a", brl("6000")), PoolItem("vm-b", brl("3500"))]
    check = check_resource_pool(items, committed=brl("10000"))
    assert not check.ok
    assert check.shortfall == brl("500")
    assert check.excess == brl(0)
    assert "500.00" in str(check.reasons[0])


@pytest.mark.rule("omid.contract.resource_pool")
def test_a_reconfiguration_above_the_commitment_bills_the_excess_on_top() -> None:
    """omid.contract.resource_pool: the excess over the contract is billable."""
    check = check_resource_pool([PoolItem("vm", brl("12000"))], committed=contract())
    assert check.ok
    assert check.excess == brl("2000")
    assert check.reasons[0].rule_id == "omid.contract.resource_pool"


@pytest.mark.rule("omid.contract.resource_pool")
@given(amounts, st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=8))
def test_a_reconfiguration_at_exactly_the_committed_value_is_accepted(
    committed: Money, weights: list[int]
) -> None:
    """omid.contract.resource_pool: equal is enough, nothing billed on top."""
    parts = committed.allocate(weights)
    items = [PoolItem(f"item-{i}", p) for i, p in enumerate(parts)]
    check = check_resource_pool(items, committed=committed)
    assert check.ok
    assert check.shortfall == check.excess == brl(0)


@pytest.mark.rule("omid.contract.resource_pool")
@pytest.mark.parametrize("committed", ["-1", "-0.01", "-10000"])
def test_a_negative_committed_value_is_refused_like_a_negative_item_price(committed: str) -> None:
    """omid.contract.resource_pool: a commitment below zero is refused, naming the field."""
    expected = rf"'committed' must be an amount >= 0 \(got Money\('{committed}\.?0*', 'BRL'\)\)"

    with pytest.raises(InvalidValueError, match=expected) as caught:
        check_resource_pool([PoolItem("vm", brl("1"))], committed=brl(committed))
    assert caught.value.field == "committed"
    # An item price is refused the same way.
    with pytest.raises(InvalidValueError, match=r"'monthly' must be an amount >= 0 \(got Money"):
        PoolItem("vm", brl(committed))


@pytest.mark.rule("omid.contract.resource_pool")
def test_a_zero_commitment_accepts_anything_and_bills_all_of_it_on_top() -> None:
    """omid.contract.resource_pool: zero is the smallest commitment allowed."""
    check = check_resource_pool([PoolItem("vm", brl("250"))], committed=brl(0))
    assert check.ok
    assert check.excess == brl("250")


# -- omid.contract.fixed_link_traffic ---------------------------------------


@pytest.mark.rule("omid.contract.fixed_link_traffic")
def test_traffic_costs_the_links_fixed_prices_whatever_the_volume() -> None:
    """omid.contract.fixed_link_traffic: volume is recorded and ignored."""
    links = [DataLink("link-sp", brl("500")), DataLink("link-rj", brl("300"))]
    small = traffic_charge(links, volume_gb=1)
    huge = traffic_charge(links, volume_gb="5000000")
    assert small.total == huge.total == brl("800")
    assert huge.volume_gb == Decimal("5000000")
    assert "did not count" in str(huge.reasons[-1])
    assert traffic_charge(links).total == brl("800")


# -- omid.residency.brazil_only ----------------------------------------------


@pytest.mark.rule("omid.residency.brazil_only")
@pytest.mark.parametrize(
    ("site", "code"),
    [
        ("São Paulo", "SP"),
        ("sao paulo", "SP"),
        ("SAO-PAULO", "SP"),
        ("SP", "SP"),
        ("BR-SP", "SP"),
        ("Rio de Janeiro", "RJ"),
        ("rio_de_janeiro", "RJ"),
        ("rj", "RJ"),
    ],
)
def test_data_may_be_placed_in_sao_paulo_or_rio(site: str, code: str) -> None:
    """omid.residency.brazil_only: accepted spellings of the two sites."""
    decision = check_placement(site)
    assert decision.allowed
    assert decision.code == code


@pytest.mark.rule("omid.residency.brazil_only")
@pytest.mark.parametrize("site", ["us-east-1", "Miami", "Fortaleza", "Rio", "sa-east-1"])
def test_data_placed_anywhere_else_is_refused_with_the_reason(site: str) -> None:
    """omid.residency.brazil_only: other sites are refused."""
    decision = check_placement(site)
    assert not decision.allowed
    assert decision.code is None
    assert "São Paulo or Rio de Janeiro" in str(decision.reasons[0])


# -- omid.responsibility.matrix ----------------------------------------------


@pytest.mark.rule("omid.responsibility.matrix")
@pytest.mark.parametrize(
    ("duty", "party"),
    [
        ("commercial_relationship", "partner"),
        ("Identificação de oportunidades de venda e upsell", "partner"),
        ("presales_and_technical_consulting", "partner"),
        ("account_management", "partner"),
        ("customer_feedback", "partner"),
        ("Suporte técnico 24x7", "omid"),
        ("suporte tecnico 24x7", "omid"),
        ("infrastructure_and_performance", "omid"),
        ("compliance_and_security", "omid"),
        ("platform_updates_and_maintenance", "omid"),
        ("Escalação de problemas complexos", "omid"),
    ],
)
def test_each_duty_has_one_owner(duty: str, party: str) -> None:
    """omid.responsibility.matrix: §5.1 partner duties, §5.2 Omid duties."""
    result = responsible_party(duty)
    assert result.party == party
    assert result.reasons[0].rule_id == "omid.responsibility.matrix"


@pytest.mark.rule("omid.responsibility.matrix")
def test_an_unknown_duty_lists_the_known_ones() -> None:
    """omid.responsibility.matrix: unknown duty -> UnknownKeyError with the known duties."""
    with pytest.raises(UnknownKeyError, match=r"unknown duty 'billing': known: .*'account_man"):
        responsible_party("billing")


# -- bad input ----------------------------------------------------------------

D = dt.date(2026, 1, 1)
USD = Money("10", "USD")


def _contract(**kw: Any) -> Contract:
    args: dict[str, Any] = {
        "id": "C",
        "customer": "A",
        "start": D,
        "months": 12,
        "monthly": brl(10),
        "discount": Decimal(0),
    }
    args.update(kw)
    return Contract(**args)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: _contract(monthly=1000.0), InvalidTypeError, r"'monthly' must be a Money"),
        (lambda: _contract(discount=0.1), InvalidTypeError, r"'discount' .*never a float"),
        (lambda: _contract(months=12.0), InvalidTypeError, r"'months' must be an int"),
        (lambda: _contract(start="2026-01-01"), InvalidTypeError, r"'start' must be a datetime"),
        (lambda: _contract(monthly=USD), CurrencyMismatchError, r"'monthly' .* 'BRL' .*'USD'"),
        (lambda: _contract(months=0), InvalidValueError, r"'months' must be an integer >= 1"),
        (lambda: _contract(months=-3), InvalidValueError, r"'months' .* \(got -3\)"),
        (lambda: _contract(discount=1), InvalidValueError, r"'discount' .*\[0, 1\)"),
        (lambda: _contract(discount="-0.1"), InvalidValueError, r"'discount' .*\[0, 1\)"),
        (lambda: _contract(monthly=brl(-1)), InvalidValueError, r"'monthly' must be an amount"),
        (
            lambda: Invoice("C", 1, D, dt.date(2026, 2, 1), brl("-0.01")),
            InvalidValueError,
            r"'amount' must be an amount >= 0 \(got Money\('-0.01', 'BRL'\)\)",
        ),
        (
            lambda: check_resource_pool([], committed=brl(-1)),
            InvalidValueError,
            r"'committed' must be an amount >= 0 \(got Money\('-1.00', 'BRL'\)\)",
        ),
        (
            lambda: Addendum("x", D, dt.date(2026, 2, 1), brl(-1)),
            InvalidValueError,
            r"'list_price' must be an amount >= 0 \(got Money\('-1.00', 'BRL'\)\)",
        ),
        (
            lambda: DataLink("l", brl(-1)),
            InvalidValueError,
            r"'price' must be an amount >= 0 \(got Money\('-1.00', 'BRL'\)\)",
        ),
        (
            lambda: Invoice("C", 1, dt.date(2026, 2, 1), D, brl(1)),
            InvalidValueError,
            r"'period_end' must be after period_start 2026-02-01",
        ),
        (
            lambda: Addendum("x", dt.date(2026, 5, 1), D, brl(1)),
            InvalidValueError,
            r"'end' must be after start 2026-05-01",
        ),
        (
            lambda: _contract().invoices(convention="30/365"),
            UnknownKeyError,
            r"unknown convention '30/365': did you mean '30/360'",
        ),
        (
            lambda: cancellation_quote(_contract(), D, convention="daily"),
            UnknownKeyError,
            r"unknown convention 'daily'",
        ),
        (
            lambda: cancellation_quote(_contract(), D, fee_rate=0.5),
            InvalidTypeError,
            r"'fee_rate' .*never a float",
        ),
        (
            lambda: add_addendum(_contract(), "x", list_price=USD, start=D),
            CurrencyMismatchError,
            r"'list_price'",
        ),
        (
            lambda: check_resource_pool([], committed=USD),
            CurrencyMismatchError,
            r"'committed'",
        ),
        (
            lambda: traffic_charge([DataLink("l", brl(1))], volume_gb=1.5),
            InvalidTypeError,
            r"'volume_gb' .*never a float",
        ),
        (lambda: check_placement(""), InvalidValueError, r"'site' must be a non-empty string"),
    ],
)
def test_bad_input_is_refused_with_a_typed_error_naming_the_field(
    build: Any, error: type[Exception], message: str
) -> None:
    """Floats, non-BRL money, months < 1, bad discounts, end before start, unknown conventions."""
    with pytest.raises(error, match=message):
        build()


@given(contracts(), conventions)
def test_remaining_value_before_start_is_the_tcv_and_after_end_is_zero(
    c: Contract, conv: Proration
) -> None:
    """omid.contract.cancellation_fee: the two boundaries of the remaining value."""
    assert c.remaining_value(c.start - dt.timedelta(days=1), convention=conv) == c.tcv
    assert c.remaining_value(c.end, convention=conv).is_zero()


@pytest.mark.rule("omid.contract.terms")
def test_the_terms_summary_explains_the_contract_in_both_locales() -> None:
    """omid.contract.terms: reasons name the rule and render R$ amounts in pt_BR."""
    terms = contract_terms(contract(start=dt.date(2026, 1, 15), monthly="1234.56"))
    assert terms.end == dt.date(2027, 1, 15)
    assert terms.tcv == brl("14814.72")
    assert len(terms.invoices) == 13
    assert all(r.rule_id == "omid.contract.terms" for r in terms.reasons)
    assert f"R${NBSP}1.234,56 por mês" in terms.reasons[0].render("pt_BR")
    assert "R$1,234.56 a month" in str(terms.reasons[0])
    assert "partial" in str(terms.reasons[1])
