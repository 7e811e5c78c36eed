"""Exact money: rule money.brl.exact."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    Money,
    PartnerRulesError,
    UnknownKeyError,
    brl,
)

pytestmark = pytest.mark.rule("money.brl.exact")

amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
).map(lambda d: Money(d, "BRL"))
ratios = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40).filter(
    lambda r: sum(r) > 0
)
decimal_ratios = st.lists(
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False), min_size=1, max_size=20
).filter(lambda r: sum(r) > 0)
# Below 1000, so that a product with an amount below 10**12 stays below 10**15.
factors = st.decimals(min_value=-999, max_value=999, places=6, allow_nan=False)


def test_brl_amounts_are_exact_decimals_in_centavos():
    """money.brl.exact: '10', '10.0' and '10.00' are one value, kept to the centavo."""
    assert Money("10", "BRL") == Money("10.00", "BRL") == brl(10)
    assert hash(Money("10", "BRL")) == hash(Money(Decimal("10.00"), "BRL"))
    assert Money("0.1", "BRL").amount == Decimal("0.10")
    assert Money("0.1", "BRL").amount.as_tuple().exponent == -2
    assert Money("1234.56", "BRL").minor_units == 123456


def test_rounding_is_half_even_by_default_abnt_nbr_5891():
    """money.brl.exact: 0.125 rounds to 0.12 and 0.135 to 0.14 (half-even)."""
    assert Money.rounded("0.125", "BRL") == brl("0.12")
    assert Money.rounded("0.135", "BRL") == brl("0.14")
    assert Money.rounded("-0.125", "BRL") == brl("-0.12")
    assert Money.rounded("0.125", "BRL", rounding="ROUND_HALF_UP") == brl("0.13")
    assert Money.rounded("0.121", "BRL", rounding="ROUND_CEILING") == brl("0.13")


def test_multiplying_rounds_once_to_centavos():
    assert brl("10.05") * Decimal("0.5") == brl("5.02")
    assert brl("10.05").multiply(Decimal("0.5"), rounding="ROUND_HALF_UP") == brl("5.03")
    assert 3 * brl("0.10") == brl("0.30")
    assert brl("120000") * Decimal("0.16") == brl("19200")
    assert brl("10.00") / 3 == brl("3.33")
    assert brl("-10.00").divide(4) == brl("-2.50")


def test_yen_has_no_minor_unit():
    assert Money("100", "JPY").format("en_US") == "¥100"
    with pytest.raises(InvalidValueError, match=r"multiple of 1 JPY"):
        Money("1.5", "JPY")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("pt_BR", "R$\xa01.234,56"),
        ("en_US", "R$1,234.56"),
        ("ru_RU", "1\xa0234,56\xa0R$"),
    ],
)
def test_babel_formats_for_display(locale, expected):
    """money.brl.exact: the locales of the sources render reais their own way."""
    assert brl("1234.56").format(locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("pt_BR", "-R$\xa00,50"),
        ("en_US", "-R$0.50"),
        ("ru_RU", "-0,50\xa0R$"),
    ],
)
def test_negative_amounts_format_with_their_sign(locale, expected):
    assert brl("-0.50").format(locale) == expected


def test_allocation_gives_leftover_centavos_to_largest_remainders_then_earliest():
    """money.brl.exact: 10.00 in thirds is 3.34 + 3.33 + 3.33; ties go to the earlier part."""
    assert brl("10.00").split(3) == (brl("3.34"), brl("3.33"), brl("3.33"))
    assert brl("0.05").allocate(["0.7", "0.3"]) == (brl("0.04"), brl("0.01"))
    # 1.00 by 1:2 -> exact shares 0.3333 and 0.6667: the larger remainder wins.
    assert brl("1.00").allocate([1, 2]) == (brl("0.33"), brl("0.67"))
    assert brl("0.01").allocate([0, 1, 1]) == (brl("0.00"), brl("0.01"), brl("0.00"))
    assert brl("-0.05").split(2) == (brl("-0.03"), brl("-0.02"))


def test_money_is_an_immutable_value():
    price = brl("10")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        price.amount = Decimal(1)  # type: ignore[misc]
    assert attrs.evolve(price, amount=Decimal("11")) == brl("11")
    assert repr(price) == "Money('10.00', 'BRL')"
    assert str(price) == "10.00 BRL"


def test_totals_and_predicates():
    assert Money.total([], "BRL") == Money.zero("BRL")
    assert Money.total([brl(1), brl("2.5")], "BRL") == brl("3.50")
    assert Money.zero("BRL").is_zero()
    assert brl("0.01").is_positive()
    assert brl("-0.01").is_negative()
    assert Money.from_minor_units(-5, "BRL") == brl("-0.05")
    assert brl(1) < brl(2) <= brl(2) < brl(3)
    assert brl(3) > brl(2) >= brl(2)
    assert sorted([brl(3), brl(1), brl(2)]) == [brl(1), brl(2), brl(3)]
    assert abs(brl(-4)) == brl(4)
    assert -brl(4) == brl(-4)


@given(amounts, ratios)
def test_allocation_sums_exactly_for_any_amount_and_integer_ratios(amount, weights):
    parts = amount.allocate(weights)
    assert len(parts) == len(weights)
    assert Money.total(parts, "BRL") == amount
    for part, weight in zip(parts, weights, strict=True):
        if weight == 0:
            assert part.is_zero()


@given(amounts, decimal_ratios)
def test_allocation_sums_exactly_for_decimal_ratios_and_parts_are_within_a_centavo(amount, weights):
    parts = amount.allocate(weights)
    assert Money.total(parts, "BRL") == amount
    total = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = amount.amount * weight / total
        assert abs(part.amount - exact) < Decimal("0.01")


@given(amounts, st.integers(min_value=1, max_value=500))
def test_split_sums_exactly_and_parts_differ_by_at_most_a_centavo(amount, n):
    parts = amount.split(n)
    assert Money.total(parts, "BRL") == amount
    cents = [p.minor_units for p in parts]
    assert max(cents) - min(cents) <= 1
    assert cents == sorted(cents, key=abs, reverse=True)


@given(amounts, amounts)
def test_adding_then_subtracting_returns_the_original(a, b):
    assert a + b - b == a
    assert a + b == b + a


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False))
def test_rounding_is_idempotent(value):
    once = Money.rounded(value, "BRL")
    assert Money.rounded(once.amount, "BRL") == once
    assert abs(once.amount - value) <= Decimal("0.005")


@given(amounts, factors)
def test_multiplication_is_the_exact_product_rounded_half_even(amount, factor):
    result = amount.multiply(factor)
    exact = amount.amount * factor
    assert abs(result.amount - exact) <= Decimal("0.005")
    assert result == Money.rounded(exact, "BRL")


BAD_INPUT = [
    (lambda: Money(0.1, "BRL"), InvalidTypeError, r"'amount' must be a str, int or Decimal \(got float 0\.1\); pass a string"),
    (lambda: Money(True, "BRL"), InvalidTypeError, r"'amount' must be a str, int or Decimal \(got bool True\)"),
    (lambda: Money([1], "BRL"), InvalidTypeError, r"'amount' must be a str, int or Decimal \(got list"),
    (lambda: Money("NaN", "BRL"), InvalidValueError, r"'amount' must be a finite number \(not NaN or infinity\) \(got 'NaN'\)"),
    (lambda: Money(Decimal("Infinity"), "BRL"), InvalidValueError, r"'amount' must be a finite number"),
    (lambda: Money("12,50", "BRL"), InvalidValueError, r"'amount' must be a decimal number such as '1234\.56' \(got '12,50'\)"),
    (lambda: Money("0.001", "BRL"), InvalidValueError, r"'amount' must be a multiple of 0\.01 BRL \(got '0\.001'\); round it explicitly"),
    (lambda: Money("1e40", "BRL"), InvalidValueError, r"'amount' must be less than 10\*\*15 in magnitude \(got '1e40'\)$"),
    (lambda: Money("1", "REAL"), UnknownKeyError, r"unknown currency 'REAL': did you mean 'REAL'\?|unknown currency 'REAL'"),
    (lambda: Money("1", "brl"), UnknownKeyError, r"unknown currency 'brl'.*did you mean"),
    (lambda: Money("1", 986), InvalidTypeError, r"'currency' must be a str \(got int 986\)"),
    (lambda: brl(1) + Money(1, "USD"), CurrencyMismatchError, r"'other' must be in the same currency as 'BRL' \(got 'USD'\)"),
    (lambda: brl(1) < Money(1, "EUR"), CurrencyMismatchError, r"same currency as 'BRL' \(got 'EUR'\)"),
    (lambda: brl(1) + 1, InvalidTypeError, r"'other' must be a Money to add \(got int 1\)"),
    (lambda: brl(1) * 0.5, InvalidTypeError, r"'factor' must be a str, int or Decimal \(got float 0\.5\)"),
    (lambda: brl(1) * brl(2), InvalidTypeError, r"'factor' must be an int, str or Decimal factor, not Money"),
    (lambda: brl(1) / 0, InvalidValueError, r"'divisor' must be a non-zero number \(got 0\)"),
    (lambda: brl(1).multiply(2, rounding="HALF_EVEN"), UnknownKeyError, r"unknown rounding 'HALF_EVEN': did you mean 'ROUND_HALF_EVEN'"),
    (lambda: brl(1).allocate([]), InvalidValueError, r"'ratios' must be a sequence of 1 to 10000 numbers \(got \[\]\)$"),
    (lambda: brl(1).allocate([1, -1]), InvalidValueError, r"'ratios\[1\]' must be a number >= 0 \(got -1\)"),
    (lambda: brl(1).allocate([0, 0]), InvalidValueError, r"'ratios' must be ratios with a positive sum \(got \[0, 0\]\)"),
    (lambda: brl(1).allocate([0.5, 0.5]), InvalidTypeError, r"'ratios\[0\]' must be a str, int or Decimal \(got float"),
    (lambda: brl(1).allocate("11"), InvalidTypeError, r"'ratios' must be a sequence of numbers"),
    (lambda: brl(1).split(0), InvalidValueError, r"'parts' must be an integer from 1 to 10000 \(got 0\)$"),
    (lambda: brl(1).split(-2), InvalidValueError, r"'parts' must be an integer from 1 to 10000 \(got -2\)$"),
    (lambda: brl(1).split(2.0), InvalidTypeError, r"'parts' must be an int \(got float 2\.0\)"),
    (lambda: brl(1).require_currency("USD", "price"), CurrencyMismatchError, r"'price' must be in the same currency as 'USD' \(got 'BRL'\)"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD_INPUT)
def test_bad_money_input_is_refused_with_a_clear_typed_error(call, error, message):
    """money.brl.exact: every bad input names the field, shows the value and says what is allowed."""
    with pytest.raises(error, match=message) as info:
        call()
    assert isinstance(info.value, PartnerRulesError)


def test_currency_mismatch_error_carries_both_currencies():
    with pytest.raises(CurrencyMismatchError) as info:
        brl(1) - Money(1, "USD")
    assert info.value.currencies == ("BRL", "USD")
    assert isinstance(info.value, ValueError)


# -- currencies other than BRL: the minor unit is Babel's (CLDR) precision ---------


@pytest.mark.parametrize(
    ("currency", "amount", "units", "exponent"),
    [
        ("JPY", "1234", 1234, 0),
        ("KWD", "1.234", 1234, -3),
        ("BHD", "-0.005", -5, -3),
        ("CLF", "1.2345", 12345, -4),
        ("BRL", "12.34", 1234, -2),
    ],
)
def test_each_currency_keeps_its_own_minor_unit(currency, amount, units, exponent):
    money = Money(amount, currency)
    assert money.minor_units == units
    assert money.amount.as_tuple().exponent == exponent
    assert Money.from_minor_units(units, currency) == money
    assert Money.zero(currency).amount.as_tuple().exponent == exponent


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("1.5", "JPY", "'amount' must be a multiple of 1 JPY (got '1.5'); "
         "round it explicitly with Money.rounded('1.5', 'JPY')"),
        ("0.0001", "KWD", "'amount' must be a multiple of 0.001 KWD (got '0.0001'); "
         "round it explicitly with Money.rounded('0.0001', 'KWD')"),
        ("0.12345", "CLF", "'amount' must be a multiple of 0.0001 CLF (got '0.12345'); "
         "round it explicitly with Money.rounded('0.12345', 'CLF')"),
    ],
)  # fmt: skip
def test_an_amount_finer_than_the_currency_allows_is_refused(amount, currency, message):
    with pytest.raises(InvalidValueError) as info:
        Money(amount, currency)
    assert str(info.value) == message


def test_rounding_splitting_and_formatting_use_the_currencys_minor_unit():
    assert Money.rounded("2.5", "JPY") == Money("2", "JPY")
    assert Money.rounded("3.5", "JPY") == Money("4", "JPY")
    assert Money.rounded("0.0015", "KWD") == Money("0.002", "KWD")
    assert Money.rounded("0.0025", "BHD") == Money("0.002", "BHD")
    assert Money("1.000", "KWD").split(3) == (
        Money("0.334", "KWD"),
        Money("0.333", "KWD"),
        Money("0.333", "KWD"),
    )
    assert Money("100", "JPY").split(3) == (
        Money("34", "JPY"),
        Money("33", "JPY"),
        Money("33", "JPY"),
    )
    assert Money("100", "JPY").allocate([1, 2]) == (Money("33", "JPY"), Money("67", "JPY"))
    assert Money("5", "JPY").multiply("0.5") == Money("2", "JPY")
    assert Money("7", "JPY").multiply("0.5") == Money("4", "JPY")
    assert Money("0.005", "KWD").multiply("0.5") == Money("0.002", "KWD")
    assert Money("1234.567", "KWD").format("en_US") == "KWD1,234.567"
    assert repr(Money("1234", "JPY")) == "Money('1234', 'JPY')"
    assert str(Money("1.5", "KWD")) == "1.500 KWD"


# -- half-even ties, pinned one by one ------------------------------------------


@pytest.mark.parametrize(
    ("amount", "factor", "rounding", "expected"),
    [
        ("0.25", "0.5", "ROUND_HALF_EVEN", "0.12"),
        ("0.35", "0.5", "ROUND_HALF_EVEN", "0.18"),
        ("-0.25", "0.5", "ROUND_HALF_EVEN", "-0.12"),
        ("-0.35", "0.5", "ROUND_HALF_EVEN", "-0.18"),
        ("0.25", "0.5", "ROUND_HALF_UP", "0.13"),
        ("0.35", "0.5", "ROUND_HALF_DOWN", "0.17"),
        ("-0.25", "0.5", "ROUND_CEILING", "-0.12"),
        ("-0.25", "0.5", "ROUND_FLOOR", "-0.13"),
        ("0.25", "0.5", "ROUND_UP", "0.13"),
        ("0.35", "0.5", "ROUND_DOWN", "0.17"),
        ("0.25", "0.5", "ROUND_05UP", "0.12"),
        ("0.35", "0.5", "ROUND_05UP", "0.17"),
        ("10.00", "0.0005", "ROUND_HALF_EVEN", "0.00"),
        ("30.00", "0.0005", "ROUND_HALF_EVEN", "0.02"),
    ],
)
def test_a_product_on_a_tie_rounds_by_the_mode_half_even_by_default(
    amount, factor, rounding, expected
):
    """money.brl.exact: the exact product is rounded once, ties per the mode."""
    assert brl(amount).multiply(factor, rounding=rounding) == brl(expected)
    if rounding == "ROUND_HALF_EVEN":
        assert brl(amount).multiply(factor) == brl(expected)
        assert brl(amount) * Decimal(factor) == brl(expected)


@pytest.mark.parametrize(
    ("amount", "divisor", "rounding", "expected"),
    [
        ("0.25", 2, "ROUND_HALF_EVEN", "0.12"),
        ("0.35", 2, "ROUND_HALF_EVEN", "0.18"),
        ("-0.25", 2, "ROUND_HALF_EVEN", "-0.12"),
        ("0.25", 2, "ROUND_HALF_UP", "0.13"),
        ("1.00", 3, "ROUND_UP", "0.34"),
        ("1.00", 3, "ROUND_HALF_EVEN", "0.33"),
        ("2.00", 3, "ROUND_HALF_EVEN", "0.67"),
        ("2.00", 3, "ROUND_DOWN", "0.66"),
        ("1.00", "0.3", "ROUND_HALF_EVEN", "3.33"),
        ("0.01", "8", "ROUND_05UP", "0.01"),
        ("0.06", "8", "ROUND_05UP", "0.01"),
        # 0.06 / (1 + 1e-49) is a hair under 0.06: rounded to 28 or even 48 digits
        # first it would become 0.06 and round down to 0.06 (double rounding).
        ("0.06", "1.0000000000000000000000000000000000000000000000001", "ROUND_DOWN", "0.05"),
        ("0.06", "1.0000000000000000000000000000000000000000000000001", "ROUND_FLOOR", "0.05"),
        ("0.06", "1.0000000000000000000000000000000000000000000000001", "ROUND_05UP", "0.06"),
        ("-0.06", "1.0000000000000000000000000000000000000000000000001", "ROUND_CEILING", "-0.05"),
    ],
)
def test_a_quotient_on_a_tie_or_a_repeating_decimal_rounds_correctly(
    amount, divisor, rounding, expected
):
    assert brl(amount).divide(divisor, rounding=rounding) == brl(expected)


def test_proration_ties_go_to_the_earlier_part_and_larger_remainders_first():
    """money.brl.exact: largest remainder, ties to the earlier part (pinned exactly)."""
    # 0.02 by 1:2:1 -> shares 0.005, 0.01, 0.005: the tied remainders go first-come.
    assert brl("0.02").allocate([1, 2, 1]) == (brl("0.01"), brl("0.01"), brl("0.00"))
    assert brl("0.03").allocate([1, 1]) == (brl("0.02"), brl("0.01"))
    assert brl("-0.03").allocate([1, 1]) == (brl("-0.02"), brl("-0.01"))
    # 0.10 by 0.5:0.25:0.25 -> 0.05, 0.025, 0.025: the spare centavo goes to the first tie.
    assert brl("0.10").allocate(["0.5", "0.25", "0.25"]) == (brl("0.05"), brl("0.03"), brl("0.02"))
    # A larger remainder beats an earlier one: 0.05 by 1:3 -> 0.0125, 0.0375.
    assert brl("0.05").allocate([1, 3]) == (brl("0.01"), brl("0.04"))
    assert brl("0.05").allocate([3, 1]) == (brl("0.04"), brl("0.01"))
    assert brl("0.07").split(4) == (brl("0.02"), brl("0.02"), brl("0.02"), brl("0.01"))


def test_negative_zero_is_zero_in_every_rendering():
    for zero in (brl("-0"), brl("-0.00"), -brl(0), brl("0.01") - brl("0.01"), brl(0).multiply(-1)):
        assert zero == brl(0)
        assert repr(zero) == "Money('0.00', 'BRL')"
        assert zero.format("en_US") == "R$0.00"
        assert not zero.amount.is_signed()
    assert Money.rounded("-0.001", "BRL").amount.is_signed() is False
