"""The error hierarchy: typed, structured, and catchable as builtins."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerrules import (
    CurrencyMismatchError,
    HorizonError,
    InvalidTransitionError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
    _validate,
)
from partnerrules.errors import _shown


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (InvalidValueError, ValueError),
        (InvalidTypeError, TypeError),
        (UnknownKeyError, LookupError),
        (NaiveDatetimeError, ValueError),
        (CurrencyMismatchError, ValueError),
        (HorizonError, ValueError),
        (InvalidTransitionError, ValueError),
    ],
)
def test_every_error_is_a_partnerrules_error_and_the_builtin_a_caller_would_catch(error, builtin):
    assert issubclass(error, PartnerRulesError)
    assert issubclass(error, builtin)


def test_unknown_key_suggests_close_matches_case_insensitively():
    err = UnknownKeyError("region", "LATM", ["ANZ", "LATAM", "MEA"])
    assert str(err) == "unknown region 'LATM': did you mean 'LATAM'?"
    assert err.suggestions == ("LATAM",)
    assert err.known == ("ANZ", "LATAM", "MEA")
    assert str(UnknownKeyError("country", "br", ["BR", "US"])).endswith("did you mean 'BR'?")


def test_unknown_key_lists_a_short_known_set_or_counts_a_long_one():
    assert str(UnknownKeyError("level", "Gold", ["Premium", "Advanced"])) == (
        "unknown level 'Gold': known: 'Advanced', 'Premium'"
    )
    many = [f"K{i}" for i in range(40)]
    assert str(UnknownKeyError("key", "zzz", many)) == "unknown key 'zzz': 40 known values"


def test_invalid_transition_lists_every_missing_item():
    err = InvalidTransitionError("application", "listed", ["price", "image"])
    assert str(err) == "cannot go from 'application' to 'listed': price; image"
    assert err.missing == ("price", "image")


BAD = [
    (lambda: _validate.aware("opened_at", dt.datetime(2026, 1, 1)), NaiveDatetimeError,
     r"'opened_at' must be an aware datetime \(with tzinfo\) \(got datetime.datetime\(2026, 1, 1, 0, 0\)\); attach a zone, e.g. dt.replace\(tzinfo=ZoneInfo\('America/Sao_Paulo'\)\)"),
    (lambda: _validate.aware("opened_at", dt.date(2026, 1, 1)), InvalidTypeError,
     r"'opened_at' must be an aware datetime.datetime \(got date"),
    (lambda: _validate.date("start", dt.datetime(2026, 1, 1)), InvalidTypeError,
     r"'start' must be a datetime.date \(not a datetime\)"),
    (lambda: _validate.fraction("discount", "1", upper_inclusive=False), InvalidValueError,
     r"'discount' must be a fraction in \[0, 1\) \(got '1'\)"),
    (lambda: _validate.fraction("rate", "-0.1"), InvalidValueError,
     r"'rate' must be a fraction in \[0, 1\] \(got '-0.1'\)"),
    (lambda: _validate.integer("months", 0, minimum=1), InvalidValueError,
     r"'months' must be an integer >= 1 \(got 0\)"),
    (lambda: _validate.integer("months", "3"), InvalidTypeError, r"'months' must be an int \(got str '3'\)"),
    (lambda: _validate.text("name", "  "), InvalidValueError, r"'name' must be a non-empty string \(got '  '\)"),
    (lambda: _validate.instance("when", 3, dt.date), InvalidTypeError, r"'when' must be a date \(got int 3\)"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD)
def test_shared_checks_name_the_field_show_the_value_and_say_what_is_allowed(call, error, message):
    with pytest.raises(error, match=message):
        call()


# -- messages never raise, and stay short ---------------------------------------


class Unprintable:
    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")

    def __format__(self, spec):
        raise RuntimeError("format")

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __lt__(self, other):
        raise RuntimeError("lt")


class HostileStr(str):
    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")

    def __format__(self, spec):
        raise RuntimeError("format")

    def __len__(self):
        raise RuntimeError("len")

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def casefold(self):
        raise RuntimeError("casefold")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("BRL", "'BRL'"),
        (0, "0"),
        (None, "None"),
        (10**5000, "<int with 5001 digits>"),
        (-(10**4299), "<negative int with 4300 digits>"),
        (10**77, "100000000000000000000000000000000000000000000000000000000000000000000000000000"),
        (10**78, "1" + "0" * 78),
        (10**95, "100000000000000000000000000000000000000000000000000000000000... (96 chars)"),
        (10**200, "<int with 201 digits>"),
        ("x" * 81, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (81 chars)"),
        ("x" * 10**7, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (10000000 chars)"),
        (b"y" * 100, "b'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy... (100 bytes)"),
        (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1... (390 chars)"),
        (list(range(10**6)), "<list of 1000000 items>"),
        ([10**5000], "<unprintable list>"),
        (Unprintable(), "<unprintable Unprintable>"),
        (HostileStr("BRL"), "'BRL'"),
    ],
    ids=lambda v: type(v).__name__,
)  # fmt: skip
def test_a_shown_value_is_a_short_safe_repr(value, shown):
    assert _shown(value) == shown
    assert len(_shown(value)) <= 80


def test_an_int_too_large_to_print_is_described_not_converted():
    """Issue #12: deals.Cnpj(10**5000) raised ValueError while building its message."""
    err = InvalidValueError("cnpj", 10**5000, "a 14-digit number")
    assert str(err) == "'cnpj' must be a 14-digit number (got <int with 5001 digits>)"
    assert err.value == 10**5000
    err = InvalidTypeError("cnpj", 10**5000, "a str")
    assert str(err) == "'cnpj' must be a str (got int <int with 5001 digits>)"
    err = UnknownKeyError("severity", 10**5000, ["P1", "P2"])
    assert str(err) == "unknown severity <int with 5001 digits>: known: 'P1', 'P2'"
    assert err.suggestions == ()


HOSTILE = [
    Unprintable(),
    HostileStr("LATM"),
    10**5000,
    None,
    b"\xff",
    ["a", 1],
    {"k": Unprintable()},
]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_no_error_constructor_or_message_ever_raises(value):
    errors = [
        InvalidValueError(value, value, value, hint=value),
        InvalidTypeError(value, value, value, hint=value),
        UnknownKeyError(value, value, [value, "LATAM", 3], hint=value),
        UnknownKeyError("region", value, value),
        CurrencyMismatchError(value, value, value),
        NaiveDatetimeError(value, value),
        HorizonError(value, value, value),
        InvalidTransitionError(value, value, value),
    ]
    for err in errors:
        assert isinstance(err, PartnerRulesError)
        assert isinstance(str(err), str)
        assert isinstance(repr(err), str)
        assert len(err.args) == 1
        assert isinstance(err.args[0], str)


def test_messages_show_hostile_values_by_type_and_keep_them_as_attributes():
    value = Unprintable()
    err = InvalidValueError("amount", value, "a number")
    assert str(err) == "'amount' must be a number (got <unprintable Unprintable>)"
    assert err.value is value
    err = InvalidTypeError("amount", value, "a str", hint="pass a str")
    assert (
        str(err) == "'amount' must be a str (got Unprintable <unprintable Unprintable>); pass a str"
    )
    sneaky = HostileStr("LATM")
    err = UnknownKeyError("region", sneaky, ["ANZ", "LATAM"])
    assert str(err) == "unknown region 'LATM': did you mean 'LATAM'?"
    assert str(CurrencyMismatchError("other", "BRL", value)) == (
        "'other' must be in the same currency as 'BRL' (got <unprintable Unprintable>); "
        "convert explicitly before combining amounts"
    )


def test_unknown_key_error_sorts_mixed_known_keys_and_suggests_only_for_short_strings():
    err = UnknownKeyError("level", "x", [3, "b", "a"])
    assert err.known == ("a", "b", 3)
    assert str(err) == "unknown level 'x': known: 'a', 'b', 3"
    long = "LATAM" + "x" * 200
    err = UnknownKeyError("region", long, ["LATAM"])
    assert err.suggestions == ()
    assert str(err) == (
        "unknown region 'LATAMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (205 chars)"
        ": known: 'LATAM'"
    )


def test_a_small_int_key_is_matched_as_text():
    assert UnknownKeyError("severity", 12, ["1", "2", "3"]).suggestions == ("2", "1")
    assert UnknownKeyError("severity", 10**5000, ["1", "2"]).suggestions == ()
    assert UnknownKeyError("severity", 1.0, ["1", "2"]).suggestions == ()


def test_invalid_transition_takes_one_string_as_one_missing_item():
    err = InvalidTransitionError("application", "listed", "price")
    assert err.missing == ("price",)
    assert str(err) == "cannot go from 'application' to 'listed': price"
    assert (
        str(InvalidTransitionError("a", "b", []))
        == "cannot go from 'a' to 'b': transition not allowed"
    )


def test_the_error_constructors_keep_their_signatures():
    """Other modules call these positionally with a keyword hint: keep it working."""
    err = InvalidValueError("f", 1, "allowed", hint="fix")
    assert (err.field, err.value, err.allowed, err.hint) == ("f", 1, "allowed", "fix")
    err = InvalidTypeError("f", 1, "a str", hint="fix")
    assert (err.field, err.value, err.expected, err.hint) == ("f", 1, "a str", "fix")
    err = UnknownKeyError("f", "k", ["k2"], hint="fix")
    assert (err.field, err.value, err.known, err.hint) == ("f", "k", ("k2",), "fix")
    assert str(err) == "unknown f 'k': did you mean 'k2'?; fix"
