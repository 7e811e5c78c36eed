"""Money's documented ranges: checked before any work, refused with a typed error.

The ranges (rule ``money.brl.exact``; see the :mod:`partnerrules.money` docstring):

* every amount, given or computed, is less than ``10**15`` in magnitude;
* a factor, divisor or ratio is less than ``10**15`` with at most 50 decimal
  places (trailing zeros aside);
* ``split`` makes 1 to 10,000 parts and ``allocate`` takes 1 to 10,000 ratios.

The calls that used to run for a minute or allocate gigabytes now fail at once.
"""

from __future__ import annotations

import time
import tracemalloc
from decimal import Decimal

import pytest

from partnerrules import CurrencyMismatchError, InvalidTypeError, InvalidValueError, Money, brl
from partnerrules.money import AMOUNT_LIMIT, MAX_PARTS, MAX_PLACES

pytestmark = pytest.mark.rule("money.brl.exact")

TOP = "999999999999999.99"
FIFTY_PLACES = "0." + "0" * 49 + "1"
FIFTY_ONE_PLACES = "0." + "0" * 50 + "1"
RESULT = "a value that keeps the result less than 10**15 in magnitude"


def test_the_ranges_are_public_constants():
    assert (AMOUNT_LIMIT, MAX_PARTS, MAX_PLACES) == (10**15, 10_000, 50)


def test_products_and_quotients_of_the_widest_values_are_exact_before_the_one_rounding():
    """17 digits of amount times 65 of factor: any intermediate rounding would show."""
    just_under_one = "0." + "9" * 50
    just_over_one = "1." + "0" * 49 + "1"
    assert brl(TOP).multiply(just_under_one) == brl(TOP)
    assert brl(TOP).multiply(just_under_one, rounding="ROUND_DOWN") == brl("999999999999999.98")
    with pytest.raises(InvalidValueError):
        brl(TOP).multiply(just_over_one, rounding="ROUND_UP")
    assert brl(TOP).divide(just_over_one, rounding="ROUND_DOWN") == brl("999999999999999.98")
    assert brl(TOP).divide(just_under_one, rounding="ROUND_DOWN") == brl(TOP)
    assert brl("-" + TOP).divide(just_over_one, rounding="ROUND_FLOOR") == brl("-" + TOP)
    assert brl("-" + TOP).divide(just_over_one, rounding="ROUND_CEILING") == brl(
        "-999999999999999.98"
    )
    assert brl("0.01").multiply("9" * 14 + "." + "9" * 50) == brl("1000000000000.00")
    assert brl("0.01").multiply("9" * 14 + "." + "9" * 50, rounding="ROUND_DOWN") == brl(
        "999999999999.99"
    )


def test_the_largest_amounts_are_accepted_and_the_next_ones_refused():
    assert brl(TOP).amount == Decimal(TOP)
    assert brl("-" + TOP).amount == Decimal("-" + TOP)
    assert brl(10**15 - 1) == brl("999999999999999")
    assert Money.rounded("999999999999999.994", "BRL") == brl(TOP)
    assert Money.from_minor_units(10**17 - 1, "BRL") == brl(TOP)
    assert Money.from_minor_units(10**15 - 1, "JPY") == Money(10**15 - 1, "JPY")
    assert brl(TOP).split(MAX_PARTS)[0] == brl("100000000000.00")
    assert len(brl(TOP).allocate([1] * MAX_PARTS)) == MAX_PARTS
    assert brl("1").multiply(FIFTY_PLACES) == brl(0)
    assert brl("1").multiply("0.5" + "0" * 100) == brl("0.50")  # trailing zeros aside
    assert brl("0.01").divide("1" + "0" * 14) == brl(0)
    assert brl("0.01").divide("0.0000000000001") == brl("100000000000.00")


BEYOND = [
    # amounts
    (lambda: brl(10**15), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got 1000000000000000)"),
    (lambda: brl(-(10**15)), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got -1000000000000000)"),
    (lambda: brl("1e15"), InvalidValueError, "'amount' must be less than 10**15 in magnitude (got '1e15')"),
    (lambda: brl("1e999999"), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got '1e999999')"),
    (lambda: brl(Decimal("-1E+999999999")), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got Decimal('-1E+999999999'))"),
    (lambda: brl(10**5000), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got <int with 5001 digits>)"),
    (lambda: Money.rounded("999999999999999.995", "BRL"), InvalidValueError,
     f"'amount' must be {RESULT} (got '999999999999999.995')"),
    (lambda: Money.rounded("1e15", "BRL"), InvalidValueError,
     "'amount' must be less than 10**15 in magnitude (got '1e15')"),
    (lambda: Money.from_minor_units(10**17, "BRL"), InvalidValueError,
     "'units' must be less than 10**17 in magnitude (got 100000000000000000)"),
    (lambda: Money.from_minor_units(10**15, "JPY"), InvalidValueError,
     "'units' must be less than 10**15 in magnitude (got 1000000000000000)"),
    (lambda: Money.from_minor_units(-(10**5000), "BRL"), InvalidValueError,
     "'units' must be less than 10**17 in magnitude (got <negative int with 5001 digits>)"),
    # special values
    (lambda: brl("NaN"), InvalidValueError, "'amount' must be a finite number (not NaN or infinity) (got 'NaN')"),
    (lambda: brl("sNaN"), InvalidValueError, "'amount' must be a finite number (not NaN or infinity) (got 'sNaN')"),
    (lambda: brl("-Infinity"), InvalidValueError,
     "'amount' must be a finite number (not NaN or infinity) (got '-Infinity')"),
    (lambda: brl(Decimal("sNaN")), InvalidValueError,
     "'amount' must be a finite number (not NaN or infinity) (got Decimal('sNaN'))"),
    (lambda: brl("1e99999999999999999999999"), InvalidValueError,
     "'amount' must be a decimal number such as '1234.56' (got '1e99999999999999999999999')"),
    (lambda: brl("1e-999999"), InvalidValueError,
     "'amount' must be a multiple of 0.01 BRL (got '1e-999999'); "
     "round it explicitly with Money.rounded('1E-999999', 'BRL')"),
    # computed amounts
    (lambda: brl(TOP) + brl("0.01"), InvalidValueError, f"'other' must be {RESULT} (got Money('0.01', 'BRL'))"),
    (lambda: brl("-" + TOP) - brl("0.01"), InvalidValueError,
     f"'other' must be {RESULT} (got Money('0.01', 'BRL'))"),
    (lambda: brl("10").multiply("1e999999"), InvalidValueError,
     "'factor' must be less than 10**15 in magnitude (got '1e999999')"),
    (lambda: brl("10").multiply(10**14), InvalidValueError, f"'factor' must be {RESULT} (got 100000000000000)"),
    (lambda: brl(TOP) * 2, InvalidValueError, f"'factor' must be {RESULT} (got 2)"),
    (lambda: brl("10").divide(FIFTY_PLACES), InvalidValueError, f"'divisor' must be {RESULT} (got '{FIFTY_PLACES}')"),
    (lambda: Money.total([brl(TOP), brl(TOP)], "BRL"), InvalidValueError,
     f"'amounts' must be {RESULT} (got [Money('999999999999999.99', 'BRL'), Money('999999999999999.99', 'BRL')])"),
    # factors, divisors, ratios
    (lambda: brl("1").multiply(FIFTY_ONE_PLACES), InvalidValueError,
     f"'factor' must be a number with at most 50 decimal places (got '{FIFTY_ONE_PLACES}'); "
     "round it first, e.g. with Decimal.quantize"),
    (lambda: brl("1").divide("1e-60"), InvalidValueError,
     "'divisor' must be a number with at most 50 decimal places (got '1e-60'); "
     "round it first, e.g. with Decimal.quantize"),
    (lambda: brl("1").divide(0), InvalidValueError, "'divisor' must be a non-zero number (got 0)"),
    (lambda: brl("1").divide("-0.000"), InvalidValueError, "'divisor' must be a non-zero number (got '-0.000')"),
    (lambda: brl("100").allocate([1, "1e999999"]), InvalidValueError,
     "'ratios[1]' must be less than 10**15 in magnitude (got '1e999999')"),
    (lambda: brl("100").allocate([1, 10**15]), InvalidValueError,
     "'ratios[1]' must be less than 10**15 in magnitude (got 1000000000000000)"),
    (lambda: brl("100").allocate([1, "1e-51"]), InvalidValueError,
     "'ratios[1]' must be a number with at most 50 decimal places (got '1e-51'); "
     "round it first, e.g. with Decimal.quantize"),
    (lambda: brl("100").allocate([1] * (MAX_PARTS + 1)), InvalidValueError,
     "'ratios' must be a sequence of 1 to 10000 numbers (got <list of 10001 items>)"),
    (lambda: brl("100").allocate(range(10**20)), InvalidValueError,
     "'ratios' must be a sequence of 1 to 10000 numbers (got range(0, 100000000000000000000))"),
    (lambda: brl("100").split(10**9), InvalidValueError,
     "'parts' must be an integer from 1 to 10000 (got 1000000000)"),
    (lambda: brl("100").split(MAX_PARTS + 1), InvalidValueError,
     "'parts' must be an integer from 1 to 10000 (got 10001)"),
    (lambda: brl("100").split(10**5000), InvalidValueError,
     "'parts' must be an integer from 1 to 10000 (got <int with 5001 digits>)"),
    (lambda: brl("100").split(True), InvalidTypeError, "'parts' must be an int (got bool True)"),
    (lambda: Money.total([brl(1), Money(1, "USD")], "BRL"), CurrencyMismatchError,
     "'amounts[1]' must be in the same currency as 'BRL' (got 'USD'); "
     "convert explicitly before combining amounts"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BEYOND)
def test_a_value_beyond_the_ranges_is_refused_at_once_with_the_range_in_the_message(
    call, error, message
):
    started = time.perf_counter()
    with pytest.raises(error) as info:
        call()
    assert time.perf_counter() - started < 1.0
    assert type(info.value) is error
    assert str(info.value) == message


@pytest.mark.parametrize(
    "call",
    [
        lambda: brl("100").allocate([1, "1e999999"]),
        lambda: brl("100").split(10**9),
        lambda: brl("10").multiply("1e999999"),
        lambda: brl(TOP).allocate(["9" * 14 + "." + "9" * 50] * MAX_PARTS),
        lambda: brl(TOP).split(MAX_PARTS),
        lambda: Money.rounded("0." + "1" * 1_000_000, "BRL"),
        lambda: brl(Decimal("1." + "0" * 1_000_000)),
    ],
    ids=[
        "allocate-1e999999",
        "split-1e9",
        "multiply-1e999999",
        "allocate-10000-widest-ratios",
        "split-10000",
        "rounded-million-digits",
        "amount-million-trailing-zeros",
    ],
)
def test_no_call_runs_for_long_or_allocates_much(call):
    """The issue's calls took 42-79 s or about 8 GB; the worst accepted ones stay small."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        call()
    except InvalidValueError:
        pass
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 64 * 2**20
