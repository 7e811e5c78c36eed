"""Reasons: every decision explains itself with a rule id, a template and typed facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules import InvalidTypeError, InvalidValueError, Reason, UnknownKeyError, brl
from partnerrules.decisions import Facts, format_duration

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
