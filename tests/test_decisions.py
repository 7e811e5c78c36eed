"""Reasons: every decision explains itself with a rule id, a template and typed facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules import InvalidTypeError, InvalidValueError, Reason, UnknownKeyError, brl
from partnerrules.decisions import Facts, format_duration
from partnerrules.errors import _shown

SP = ZoneInfo("America/Sao_Paulo")


def test_a_reason_renders_typed_facts_in_english_by_default():
    reason = Reason.of(
        "omid.campaign.first_sale_diamond",
        "{rate:%} on {value} because the sale on {signed:d MMM yyyy} is the first of {year}",
        rate=Decimal("0.16"),
        value=brl("120000"),
        signed=dt.datetime(2026, 1, 5, 10, 0, tzinfo=SP),
        year=2026,
    )
    assert str(reason) == (
        "16% on R$120,000.00 because the sale on 5 Jan 2026 is the first of 2026"
    )


def test_the_same_reason_renders_in_portuguese_and_russian_without_touching_rule_code():
    reason = Reason.of("money.brl.exact", "total {total}", total=brl("1234.56"))
    assert reason.render("pt_BR") == "total R$\xa01.234,56"
    assert reason.render("ru_RU") == "total 1\xa0234,56\xa0R$"
    translated = reason.render("pt_BR", translations={"total {total}": "valor total {total}"})
    assert translated == "valor total R$\xa01.234,56"


def test_durations_dates_and_plain_values_render_exactly():
    reason = Reason.of(
        "calendar.business_time",
        "{work} of work from {day}, {count} days, {ratio}",
        work=dt.timedelta(hours=9, minutes=30),
        day=dt.date(2026, 11, 23),
        count=3,
        ratio=Decimal("0.75"),
    )
    assert str(reason) == "9 h 30 min of work from Nov 23, 2026, 3 days, 0.75"
    assert format_duration(dt.timedelta(seconds=61)) == "1 min 1 s"
    assert format_duration(dt.timedelta(hours=-1, minutes=-30)) == "-1 h 30 min"


def test_facts_are_kept_typed_and_reasons_are_hashable_values():
    reason = Reason.of("money.brl.exact", "{a}", a=brl(1), extra="for programs")
    assert reason.facts["a"] == brl(1)
    assert reason.facts == {"a": brl(1), "extra": "for programs"}
    assert set(reason.facts) == {"a", "extra"}
    assert len(reason.facts) == 2
    same = Reason.of("money.brl.exact", "{a}", extra="for programs", a=brl(1))
    assert reason == same
    assert hash(reason) == hash(same)
    assert reason.facts == Facts({"a": brl(1), "extra": "for programs"})
    with pytest.raises(KeyError):
        reason.facts["missing"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        reason.rule_id = "other"  # type: ignore[misc]


BAD_REASONS = [
    (lambda: Reason.of("omid.contract.cancelation_fee", "x"), UnknownKeyError,
     r"unknown rule_id 'omid.contract.cancelation_fee': did you mean 'omid.contract.cancellation_fee'"),
    (lambda: Reason.of("", "x"), InvalidValueError, r"'rule_id' must be a dotted lower-case id .* \(got ''\)"),
    (lambda: Reason(42, "x"), InvalidTypeError, r"'rule_id' must be a str such as .* \(got int 42\)"),
    (lambda: Reason.of("money.brl.exact", "fee {fee} of {total}", fee=brl(1)), InvalidValueError,
     r"'facts' must be a mapping that includes 'total' \(every field the template names\) \(got \['fee'\]\)"),
    (lambda: Reason.of("money.brl.exact", "fee {0}"), InvalidValueError,
     r"'template' must be a template whose fields are plain names like \{fee\}"),
    (lambda: Reason.of("money.brl.exact", "fee {fee"), InvalidValueError,
     r"'template' must be a str.format template"),
    (lambda: Reason.of("money.brl.exact", ""), InvalidValueError, r"'template' must be a non-empty string"),
    (lambda: Reason("money.brl.exact", "x", [1, 2]), InvalidTypeError,
     r"'facts' must be a mapping of names to values \(got list"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD_REASONS)
def test_a_reason_with_an_unknown_rule_id_or_missing_facts_cannot_exist(call, error, message):
    with pytest.raises(error, match=message):
        call()


# -- locales are explicit, parameters are checked, rendering never leaks -------


class Unprintable:
    def __format__(self, spec):
        raise RuntimeError("format")

    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")

    def __hash__(self):
        return 1


class Unhashable:
    def __hash__(self):
        raise RuntimeError("hash")


TOTAL = Reason.of("money.brl.exact", "total {total}", total=brl("1234.56"))


def test_the_default_locale_is_en_us_whatever_the_environment(monkeypatch):
    for name in ("LANG", "LC_ALL", "LC_NUMERIC", "LC_TIME", "LANGUAGE"):
        monkeypatch.setenv(name, "ru_RU.UTF-8")
    assert str(TOTAL) == TOTAL.render() == TOTAL.render("en_US") == "total R$1,234.56"
    assert brl("1234.56").format() == brl("1234.56").format("pt_BR") == "R$\xa01.234,56"


@pytest.mark.parametrize(
    "locale", ["xx", "pt_BZ", "C", "pt_BR.UTF-8", "", "  ", "pt_BR@euro", "x" * 10_000]
)
def test_an_unknown_locale_is_refused_with_suggestions(locale):
    from babel.localedata import locale_identifiers

    with pytest.raises(UnknownKeyError) as info:
        brl(1).format(locale)
    err = info.value
    assert err.field == "locale"
    assert err.known == tuple(sorted(locale_identifiers()))
    tail = (
        "did you mean " + " or ".join(repr(s) for s in err.suggestions) + "?"
        if err.suggestions
        else f"{len(err.known)} known values"
    )
    assert str(err) == (
        f"unknown locale {_shown(locale)}: {tail}; use a Babel locale identifier such as 'pt_BR'"
    )
    with pytest.raises(UnknownKeyError) as again:
        TOTAL.render(locale)
    assert str(again.value) == str(err)


def test_a_near_miss_locale_suggests_the_right_one():
    with pytest.raises(UnknownKeyError) as info:
        TOTAL.render("pt_BZ")
    assert "pt_BR" in info.value.suggestions


def test_a_bcp47_locale_with_a_hyphen_is_accepted():
    assert TOTAL.render("pt-BR") == TOTAL.render("pt_BR") == "total R$\xa01.234,56"
    assert brl("1234.56").format("pt-BR") == "R$\xa01.234,56"


BAD_RENDERING = [
    (lambda: TOTAL.render(None), InvalidTypeError,
     "'locale' must be a locale identifier str such as 'pt_BR' (got NoneType None)"),
    (lambda: brl(1).format(None), InvalidTypeError,
     "'locale' must be a locale identifier str such as 'pt_BR' (got NoneType None)"),
    (lambda: TOTAL.render(b"pt_BR"), InvalidTypeError,
     "'locale' must be a locale identifier str such as 'pt_BR' (got bytes b'pt_BR')"),
    (lambda: TOTAL.render(translations=1), InvalidTypeError,
     "'translations' must be a mapping of English templates to translations (got int 1)"),
    (lambda: TOTAL.render(translations={"total {total}": 7}), InvalidTypeError,
     "\"translations['total {total}']\" must be a str template (got int 7)"),
    (lambda: TOTAL.render(translations={"total {total}": "soma {sum}"}), InvalidValueError,
     "\"translations['total {total}']\" must be a template naming only the facts given "
     "(not 'sum') (got 'soma {sum}')"),
    (lambda: TOTAL.render(translations={"total {total}": "soma {0}"}), InvalidValueError,
     "\"translations['total {total}']\" must be a template whose fields are plain names like {fee} "
     "(got 'soma {0}')"),
    (lambda: Reason.of("money.brl.exact", "{n:d}", n="three").render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n:d} can render (ValueError) (got 'three')"),
    (lambda: Reason.of("money.brl.exact", "{n}", n=10**5000).render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n} can render (ValueError) (got <int with 5001 digits>)"),
    (lambda: Reason.of("money.brl.exact", "{n}", n=Decimal("1e999999")).render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n} can render (ValueError) (got Decimal('1E+999999'))"),
    (lambda: Reason.of("money.brl.exact", "{n:.2f}", n=Decimal("1e-999999999")).render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n:.2f} can render (ValueError) (got Decimal('1E-999999999'))"),
    (lambda: Reason.of("money.brl.exact", "{n}", n=Unprintable()).render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n} can render (RuntimeError) (got <unprintable Unprintable>)"),
    (lambda: Reason.of("money.brl.exact", "{n!r}", n=Unprintable()).render(), InvalidValueError,
     "\"facts['n']\" must be a value that {n!r} can render (RuntimeError) (got <unprintable Unprintable>)"),
    (lambda: Reason.of("money.brl.exact", "{d:ABC}", d=dt.date(2026, 1, 1)).render(), InvalidValueError,
     "\"facts['d']\" must be a value that {d:ABC} can render (AttributeError) (got datetime.date(2026, 1, 1))"),
    (lambda: Reason.of("money.brl.exact", "{d:qqqqqqqqqqqqqqqqq}", d=dt.date(2026, 1, 1)).render("pt_BR"),
     InvalidValueError, "\"facts['d']\" must be a value that {d:qqqqqqqqqqqqqqqqq} can render (ValueError) "
     "(got datetime.date(2026, 1, 1))"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD_RENDERING)
def test_rendering_refuses_bad_parameters_and_unrenderable_facts_with_typed_errors(
    call, error, message
):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value) == message


BAD_TEMPLATES = [
    (lambda: Reason.of("money.brl.exact", "{a:{b}}", a=1, b=2), InvalidValueError,
     "'template' must be a template whose format specs hold no nested {fields} (got '{a:{b}}')"),
    (lambda: Reason.of("money.brl.exact", "{a!x}", a=1), InvalidValueError,
     "'template' must be a template whose conversions are !r, !s or !a (got '{a!x}')"),
    (lambda: Reason.of("money.brl.exact", "{a.real}", a=1), InvalidValueError,
     "'template' must be a template whose fields are plain names like {fee} (got '{a.real}')"),
    (lambda: Reason.of("money.brl.exact", "{a}", a=[1]), InvalidTypeError,
     "\"facts['a']\" must be a hashable value (a Reason is hashable) (got list [1])"),
    (lambda: Reason.of("money.brl.exact", "{a}", a=Unhashable()), InvalidTypeError,
     "\"facts['a']\" must be a hashable value (a Reason is hashable) (got Unhashable <"),
    (lambda: Reason("money.brl.exact", "{a}", {1: "x", "a": 2}), InvalidTypeError,
     "'facts' must be a mapping whose names (keys) are str (got int 1)"),
    (lambda: Reason("money.brl.exact", 7), InvalidTypeError, "'template' must be a str (got int 7)"),
    (lambda: Reason.of(10**5000, "x"), InvalidTypeError,
     "'rule_id' must be a str such as 'acme.sla.first_response' (got int <int with 5001 digits>)"),
    (lambda: Facts(3), InvalidTypeError, "'facts' must be a mapping of names to values (got int 3)"),
    (lambda: format_duration(None), InvalidTypeError,
     "'value' must be a datetime.timedelta (got NoneType None)"),
    (lambda: format_duration(3600), InvalidTypeError, "'value' must be a datetime.timedelta (got int 3600)"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), BAD_TEMPLATES)
def test_a_malformed_template_or_unhashable_fact_is_refused_when_the_reason_is_built(
    call, error, message
):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert str(info.value).startswith(message)


def test_strings_of_a_str_subclass_are_kept_as_plain_strings():
    class Shouty(str):
        def __hash__(self):
            raise RuntimeError("hash")

        def __eq__(self, other):
            raise RuntimeError("eq")

    class Pairs(Mapping):
        def __init__(self, *pairs):
            self.pairs = pairs

        def __getitem__(self, key):
            raise AssertionError("not used")

        def __iter__(self):
            return (name for name, _ in self.pairs)

        def __len__(self):
            return len(self.pairs)

        def items(self):
            return self.pairs

    reason = Reason(
        Shouty("money.brl.exact"), Shouty("total {total}"), Pairs((Shouty("total"), brl(1)))
    )
    assert type(reason.rule_id) is str
    assert type(reason.template) is str
    assert [type(name) for name in reason.facts] == [str]
    assert reason.facts[Shouty("total")] == brl(1)
    assert str(reason) == "total R$1.00"
    assert hash(reason) == hash(Reason.of("money.brl.exact", "total {total}", total=brl(1)))


def test_facts_follow_the_mapping_protocol_with_a_typed_missing_key_error():
    facts = Facts({"fee": 3})
    assert "fee" in facts
    assert "fe" not in facts
    assert 3 not in facts
    assert facts.get("fe") is None
    assert facts.get(["unhashable"], "default") == "default"
    with pytest.raises(UnknownKeyError) as info:
        facts["fe"]
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "unknown fact 'fe': did you mean 'fee'?"
    assert repr(Facts({"n": Unprintable(), "big": 10**5000})) == (
        "Facts({'big': <int with 5001 digits>, 'n': <unprintable Unprintable>})"
    )


def test_a_conversion_and_a_spec_render_as_in_str_format():
    reason = Reason.of(
        "money.brl.exact",
        "{name!r} {count:>4} {ratio:.3f}",
        name="x",
        count=7,
        ratio=Decimal("2.0005"),
    )
    assert reason.render() == "'x'    7 2.000"


def test_durations_round_microseconds_to_the_nearest_even_second():
    assert format_duration(dt.timedelta(seconds=1, microseconds=500_000)) == "2 s"
    assert format_duration(dt.timedelta(seconds=2, microseconds=500_000)) == "2 s"
    assert format_duration(dt.timedelta(seconds=2, microseconds=500_001)) == "3 s"
    assert format_duration(dt.timedelta(microseconds=-500_000)) == "0 min"
    assert format_duration(dt.timedelta(days=999_999_999)) == "23999999976 h"
    assert format_duration(dt.timedelta.min) == "-23999999976 h"


def test_comparing_facts_whose_values_refuse_equality_is_a_typed_error():
    class Touchy:
        def __hash__(self):
            return 0

        def __eq__(self, other):
            raise RuntimeError("eq")

        def __repr__(self):
            return "Touchy()"

    first = Reason.of("money.brl.exact", "{a}", a=Touchy())
    second = Reason.of("money.brl.exact", "{a}", a=Touchy())
    assert first == first
    with pytest.raises(InvalidValueError) as info:
        first == second  # noqa: B015
    assert str(info.value) == (
        "'facts' must be facts whose values compare with == (RuntimeError) (got Facts({'a': Touchy()}))"
    )
    assert Facts({"a": 1}) == {"a": 1}
    assert Facts({"a": 1}) != {"a": 2}
    assert Facts({"a": 1}).__eq__(3) is NotImplemented
