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
