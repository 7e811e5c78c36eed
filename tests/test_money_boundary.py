"""Hostile values at every public callable of money, errors and decisions.

Each callable is fed, in each parameter, values a careless or hostile caller
might pass: None, floats (NaN, infinity), huge ints, bools, str and int
subclasses whose methods raise, bytes, lists, dicts, huge strings, special
Decimals, and objects whose ``__eq__``, ``__hash__``, ``__str__``, ``__repr__``
and ``__format__`` raise. A call may succeed or raise a
:class:`~partnerrules.errors.PartnerRulesError` (whose message can be built);
nothing else may escape, and no call may be slow.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from decimal import Decimal

import pytest
from babel.numbers import list_currencies

from partnerrules import Money, PartnerRulesError, Reason, brl
from partnerrules.decisions import Facts, format_duration
from partnerrules.errors import (
    CurrencyMismatchError,
    HorizonError,
    InvalidTransitionError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownKeyError,
)

pytestmark = pytest.mark.rule("money.brl.exact")


class Hostile:
    """Every dunder a library might call raises."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __str__(self):
        raise RuntimeError("str")

    def __repr__(self):
        raise RuntimeError("repr")

    def __format__(self, spec):
        raise RuntimeError("format")

    def __lt__(self, other):
        raise RuntimeError("lt")

    def __bool__(self):
        raise RuntimeError("bool")


class HashableHostile(Hostile):
    """Hostile, but usable as a fact (hashable) so that rendering meets it."""

    def __hash__(self):
        return 0


class HostileStr(str):
    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __str__(self):
        raise RuntimeError("str")

    def __repr__(self):
        raise RuntimeError("repr")

    def __len__(self):
        raise RuntimeError("len")

    def strip(self, chars=None):
        raise RuntimeError("strip")

    def casefold(self):
        raise RuntimeError("casefold")


class HostileInt(int):
    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __lt__(self, other):
        raise RuntimeError("lt")

    def __index__(self):
        raise RuntimeError("index")

    def __int__(self):
        raise RuntimeError("int")

    def __repr__(self):
        raise RuntimeError("repr")


class HostileDecimal(Decimal):
    def adjusted(self):
        raise RuntimeError("adjusted")

    def quantize(self, *args, **kwargs):
        raise RuntimeError("quantize")

    def __repr__(self):
        raise RuntimeError("repr")


HOSTILE = {
    "None": None,
    "float": 0.5,
    "float nan": float("nan"),
    "float inf": float("-inf"),
    "True": True,
    "int 10**5000": 10**5000,
    "int -10**5000": -(10**5000),
    "int 0": 0,
    "int -1": -1,
    "int 10**15": 10**15,
    "str empty": "",
    "str blank": "   ",
    "str NaN": "NaN",
    "str sNaN": "sNaN",
    "str -0": "-0",
    "str 1e999999": "1e999999",
    "str -1e-999999": "-1e-999999",
    "str huge": "9" * 100_000,
    "str 10**6 chars": "x" * 1_000_000,
    "str BRL subclass": HostileStr("BRL"),
    "str pt_BR subclass": HostileStr("pt_BR"),
    "str 1 subclass": HostileStr("1"),
    "int subclass": HostileInt(3),
    "Decimal subclass": HostileDecimal("1.5"),
    "Decimal NaN": Decimal("NaN"),
    "Decimal sNaN": Decimal("sNaN"),
    "Decimal -Infinity": Decimal("-Infinity"),
    "Decimal 1E+999999999": Decimal("1E+999999999"),
    "Decimal 1E-999999999": Decimal("1E-999999999"),
    "Decimal -0": Decimal("-0"),
    "bytes": b"1",
    "bytearray": bytearray(b"BRL"),
    "list empty": [],
    "list of hostile": [Hostile()],
    "list of 10**5000": [10**5000],
    "dict": {"a": 1},
    "tuple": (1, 2),
    "range 10**20": range(10**20),
    "generator": (i for i in range(3)),
    "count": itertools.count(),
    "object": object(),
    "hostile": Hostile(),
    "hashable hostile": HashableHostile(),
    "Money": brl("1.00"),
    "Money USD": Money("1.00", "USD"),
    "date": dt.date(2026, 1, 1),
    "naive datetime": dt.datetime(2026, 1, 1),
    "timedelta max": dt.timedelta.max,
}

TEN = brl("10.00")
R = Reason.of("money.brl.exact", "total {total}", total=TEN)
F = Facts({"total": TEN})

# Each callable takes the hostile value in one parameter (the others valid).
CALLS = {
    "Money(amount)": lambda v: Money(v, "BRL"),
    "Money(currency)": lambda v: Money("1", v),
    "brl": brl,
    "Money.rounded(amount)": lambda v: Money.rounded(v, "BRL"),
    "Money.rounded(currency)": lambda v: Money.rounded("1", v),
    "Money.rounded(rounding)": lambda v: Money.rounded("1", "BRL", rounding=v),
    "Money.zero": Money.zero,
    "Money.total(amounts)": lambda v: Money.total(v, "BRL"),
    "Money.total(item)": lambda v: Money.total([TEN, v], "BRL"),
    "Money.total(currency)": lambda v: Money.total([], v),
    "Money.from_minor_units(units)": lambda v: Money.from_minor_units(v, "BRL"),
    "Money.from_minor_units(currency)": lambda v: Money.from_minor_units(1, v),
    "Money.require_currency(currency)": lambda v: TEN.require_currency(v),
    "Money.require_currency(field)": lambda v: TEN.require_currency("USD", v),
    "Money.__add__": lambda v: TEN + v,
    "Money.__sub__": lambda v: TEN - v,
    "Money.__lt__": lambda v: TEN.__lt__(v),
    "Money.__le__": lambda v: TEN.__le__(v),
    "Money.__gt__": lambda v: TEN.__gt__(v),
    "Money.__ge__": lambda v: TEN.__ge__(v),
    "Money.__eq__": lambda v: TEN.__eq__(v),
    "Money.__mul__": lambda v: TEN * v,
    "Money.__rmul__": lambda v: TEN.__rmul__(v),
    "Money.__truediv__": lambda v: TEN / v,
    "Money.multiply(factor)": lambda v: TEN.multiply(v),
    "Money.multiply(rounding)": lambda v: TEN.multiply(2, rounding=v),
    "Money.divide(divisor)": lambda v: TEN.divide(v),
    "Money.divide(rounding)": lambda v: TEN.divide(2, rounding=v),
    "Money.allocate(ratios)": lambda v: TEN.allocate(v),
    "Money.allocate(ratio)": lambda v: TEN.allocate([1, v]),
    "Money.split": lambda v: TEN.split(v),
    "Money.format": lambda v: TEN.format(v),
    "Reason(rule_id)": lambda v: Reason(v, "x"),
    "Reason(template)": lambda v: Reason("money.brl.exact", v),
    "Reason(facts)": lambda v: Reason("money.brl.exact", "x", v),
    "Reason.of(fact) and render": lambda v: str(Reason.of("money.brl.exact", "{v}", v=v)),
    "Reason.of(fact) rendered with a spec": lambda v: Reason.of(
        "money.brl.exact", "{v:>5}", v=v
    ).render("pt_BR"),
    "Reason.of(fact) rendered with !r": lambda v: Reason.of(
        "money.brl.exact", "{v!r}", v=v
    ).render(),
    "Reason.render(locale)": lambda v: R.render(v),
    "Reason.render(translations)": lambda v: R.render(translations=v),
    "Reason.render(translation)": lambda v: R.render(translations={R.template: v}),
    "Reason repr, hash and eq": lambda v: (
        repr(Reason.of("money.brl.exact", "x", v=v)),
        hash(Reason.of("money.brl.exact", "x", v=v)),
        Reason.of("money.brl.exact", "x", v=v) == R,
    ),
    "Facts(items)": Facts,
    "Facts[key]": lambda v: F[v],
    "Facts.get": lambda v: F.get(v),
    "Facts.__contains__": lambda v: v in F,
    "Facts.__eq__": lambda v: F.__eq__(v),
    "format_duration": format_duration,
}

# Error constructors must never raise, whatever they are given, and their
# messages must always be built.
ERRORS = {
    "InvalidValueError": lambda v: InvalidValueError(v, v, v, hint=v),
    "InvalidTypeError": lambda v: InvalidTypeError(v, v, v, hint=v),
    "UnknownKeyError": lambda v: UnknownKeyError(v, v, [v, "BRL"], hint=v),
    "UnknownKeyError(known)": lambda v: UnknownKeyError("key", "BRX", v),
    "CurrencyMismatchError": lambda v: CurrencyMismatchError(v, v, v),
    "NaiveDatetimeError": lambda v: NaiveDatetimeError(v, v),
    "HorizonError": lambda v: HorizonError(v, v, v),
    "InvalidTransitionError": lambda v: InvalidTransitionError(v, v, v),
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_only_partnerrules_errors_escape_and_no_call_is_slow(call, value):
    started = time.perf_counter()
    message = ""
    try:
        call(value)
    except PartnerRulesError as exc:
        message = str(exc)
    assert time.perf_counter() - started < 1.0
    assert len(message) < 2000


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("make", ERRORS.values(), ids=ERRORS.keys())
def test_an_error_is_built_and_printed_whatever_it_is_given(make, value):
    started = time.perf_counter()
    err = make(value)
    assert isinstance(err, PartnerRulesError)
    assert isinstance(str(err), str)
    assert isinstance(repr(err), str)
    assert time.perf_counter() - started < 1.0


# A few of the cells above, with their exact type and message.
EXAMPLES = [
    (lambda: Money(HostileStr("1"), "BRL"), Money("1", "BRL")),
    (lambda: Money(HostileInt(3), "BRL"), Money("3", "BRL")),
    (lambda: Money(HostileDecimal("1.5"), "BRL"), Money("1.5", "BRL")),
    (lambda: Money("1", HostileStr("BRL")), Money("1", "BRL")),
    (lambda: TEN.split(HostileInt(3)), TEN.split(3)),
    (lambda: TEN.format(HostileStr("pt_BR")), "R$\xa010,00"),
    (lambda: TEN.__eq__(Hostile()), NotImplemented),
    (lambda: Money("-0", "BRL"), Money("0", "BRL")),
    (lambda: Money.rounded("-1e-999999", "BRL"), Money("0", "BRL")),
]


@pytest.mark.parametrize(("call", "expected"), EXAMPLES)
def test_subclasses_of_the_accepted_types_are_read_by_their_base_value(call, expected):
    assert call() == expected


REFUSALS = [
    (lambda: Money(None, "BRL"), InvalidTypeError, "'amount' must be a str, int or Decimal (got NoneType None)"),
    (lambda: Money(float("nan"), "BRL"), InvalidTypeError,
     "'amount' must be a str, int or Decimal (got float nan); "
     "pass a string such as '1234.56' or a Decimal, never a float"),
    (lambda: Money(True, "BRL"), InvalidTypeError,
     "'amount' must be a str, int or Decimal (got bool True); a bool is not a number here"),
    (lambda: Money(b"1", "BRL"), InvalidTypeError, "'amount' must be a str, int or Decimal (got bytes b'1')"),
    (lambda: Money(Hostile(), "BRL"), InvalidTypeError,
     "'amount' must be a str, int or Decimal (got Hostile <unprintable Hostile>)"),
    (lambda: Money("1", Hostile()), InvalidTypeError, "'currency' must be a str (got Hostile <unprintable Hostile>)"),
    (lambda: Money("1", HostileStr("REAL")), UnknownKeyError,
     f"unknown currency 'REAL': {len(list_currencies())} known values; use an ISO 4217 code such as 'BRL'"),
    (lambda: Money("x" * 1_000_000, "BRL"), InvalidValueError,
     "'amount' must be a decimal number such as '1234.56' "
     "(got 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (1000000 chars))"),
    (lambda: TEN.multiply(2, rounding=["ROUND_UP"]), InvalidTypeError,
     "'rounding' must be a decimal rounding mode such as 'ROUND_HALF_EVEN' (got list ['ROUND_UP'])"),
    (lambda: TEN.multiply(2, rounding=Hostile()), InvalidTypeError,
     "'rounding' must be a decimal rounding mode such as 'ROUND_HALF_EVEN' (got Hostile <unprintable Hostile>)"),
    (lambda: Money.total(None, "BRL"), InvalidTypeError, "'amounts' must be an iterable of Money (got NoneType None)"),
    (lambda: Money.total(TEN, "BRL"), InvalidTypeError,
     "'amounts' must be an iterable of Money (got Money Money('10.00', 'BRL'))"),
    (lambda: Money.total("10.00", "BRL"), InvalidTypeError, "'amounts' must be an iterable of Money (got str '10.00')"),
    (lambda: Money.total(itertools.count(), "BRL"), InvalidTypeError, "'amounts[0]' must be a Money (got int 0)"),
    (lambda: TEN.allocate({"a": 1}), InvalidTypeError, "'ratios' must be a sequence of numbers (got dict {'a': 1})"),
    (lambda: TEN.allocate({1, 2}), InvalidTypeError, "'ratios' must be a sequence of numbers (got set {1, 2})"),
    (lambda: TEN.allocate(itertools.count()), InvalidTypeError,
     "'ratios' must be a sequence of numbers (got count count(0))"),
    (lambda: TEN.allocate([1, Hostile()]), InvalidTypeError,
     "'ratios[1]' must be a str, int or Decimal (got Hostile <unprintable Hostile>)"),
    (lambda: TEN.split(HostileInt(0)), InvalidValueError, "'parts' must be an integer from 1 to 10000 (got 0)"),
    (lambda: TEN.require_currency("USD", 3), InvalidTypeError, "'field' must be a str (got int 3)"),
    (lambda: TEN.require_currency(HostileStr("USD"), HostileStr("price")), CurrencyMismatchError,
     "'price' must be in the same currency as 'USD' (got 'BRL'); convert explicitly before combining amounts"),
    (lambda: TEN.__lt__(Hostile()), InvalidTypeError, "'other' must be a Money to compare with (got Hostile <unprintable Hostile>)"),
    (lambda: TEN.format(["pt_BR"]), InvalidTypeError,
     "'locale' must be a locale identifier str such as 'pt_BR' (got list ['pt_BR'])"),
    (lambda: Reason.of("money.brl.exact", "{v}", v=Hostile()), InvalidTypeError,
     "\"facts['v']\" must be a hashable value (a Reason is hashable) (got Hostile <unprintable Hostile>)"),
    (lambda: str(Reason.of("money.brl.exact", "{v}", v=HashableHostile())), InvalidValueError,
     "\"facts['v']\" must be a value that {v} can render (RuntimeError) (got <unprintable HashableHostile>)"),
    (lambda: F[Hostile()], UnknownKeyError, "unknown fact <unprintable Hostile>: known: 'total'"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_hostile_values_are_refused_with_the_exact_type_and_message(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error or (
        error is UnknownKeyError and isinstance(info.value, UnknownKeyError)
    )
    assert str(info.value) == message
