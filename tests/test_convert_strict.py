"""The strict loader: nothing is coerced, every problem is named with its path and what is allowed."""

from __future__ import annotations

import datetime as dt
import json
import typing
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import Money, PartnerRulesError, brl, contracts, sla
from partnerrules.commission import Tier, TierSchedule
from partnerrules.convert import PolicyFormatError, structure, unstructure
from partnerrules.errors import InvalidTypeError

CONTRACT = {
    "id": "C-1",
    "customer": "ACME",
    "start": "2026-01-01",
    "months": 12,
    "monthly": {"amount": "10000", "currency": "BRL"},
}

TIER = {"name": "Reseller", "minimum": {"amount": "0", "currency": "BRL"}, "rate": "0.08"}


def problems(data: object, kind: typing.Any) -> tuple[str, ...]:
    with pytest.raises(PolicyFormatError) as info:
        structure(data, kind)
    return info.value.errors


# -- no coercion --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        (dict(TIER, requires_presales_team="false"), Tier,
         "'requires_presales_team' must be true or false (got str 'false') @ $.requires_presales_team"),
        (dict(TIER, requires_presales_team=0), Tier,
         "'requires_presales_team' must be true or false (got int 0) @ $.requires_presales_team"),
        (dict(CONTRACT, months=12.7), contracts.Contract,
         "'months' must be an integer (got float 12.7) @ $.months"),
        (dict(CONTRACT, months=12.0), contracts.Contract,
         "'months' must be an integer (got float 12.0); write it without a fraction: 12 @ $.months"),
        (dict(CONTRACT, months=True), contracts.Contract,
         "'months' must be an integer (got bool True) @ $.months"),
        (dict(CONTRACT, months="12"), contracts.Contract,
         "'months' must be an integer (got str '12'); write it as a number, without quotes: 12 @ $.months"),
        (dict(CONTRACT, customer=42), contracts.Contract,
         "'customer' must be a string (got int 42) @ $.customer"),
        ({"target": {"amount": 1.7, "unit": "hours"}, "limit": {"amount": 2, "unit": "hours"}},
         sla.ResponseWindow, "'amount' must be an integer (got float 1.7) @ $.target.amount"),
        ("two", sla.Severity, "'value' must be one of 1, 2, 3 (got 'two') @ $"),
        ("2", sla.Severity, "'value' must be one of 1, 2, 3 (got '2') @ $"),
        (True, sla.Severity, "'value' must be one of 1, 2, 3 (got True) @ $"),
        ("HOW_TO", sla.Category, None),
        ("abc", tuple[str, ...], "'value' must be a list (got str 'abc') @ $"),
        ({"a": 1}, tuple[str, ...], "'value' must be a list (got dict {'a': 1}) @ $"),
        (["a", "b", "a"], frozenset[str],
         "'value[2]' must be distinct from item [0] (a set) (got 'a') @ $[2]"),
        ([1, 2, 3], tuple[int, int], "'value' must be a list of exactly 2 items (got [1, 2, 3]) @ $"),
        ({"x": 1}, dict[int, int], "'value key' must be an integer written as digits, such as '12' (got 'x') @ $['x']"),
        ([1], contracts.Contract,
         "'value' must be an object with the fields of Contract (got list [1]) @ $"),
        (None, Decimal, "'value' must be a decimal string such as '1234.56' (or an integer) (got NoneType None) @ $"),
    ],
)  # fmt: skip
def test_nothing_is_coerced(data, kind, expected):
    errors = problems(data, kind)
    assert len(errors) == 1
    if expected is not None:
        assert errors[0] == expected


def test_an_enum_is_loaded_from_its_value_and_the_error_lists_every_allowed_value():
    assert structure("how-to", sla.Category) is sla.Category.HOW_TO
    assert structure(2, sla.Severity) is sla.Severity.MODERATE
    (error,) = problems("HOW_TO", sla.Category)
    assert error.startswith("'value' must be one of 'downtime', 'outage', 'login',")
    assert error.endswith("(got 'HOW_TO'); write the value, not the name: 'how-to' @ $")


@pytest.mark.parametrize("text", ["1e3", " 1", "1_000", "1,5", "NaN", "Infinity", ".5", "+1", ""])
def test_an_amount_is_a_plain_decimal_string(text):
    (error,) = problems({"amount": text, "currency": "BRL"}, Money)
    assert error.startswith(
        f"'amount' must be a decimal string such as '1234.56' (or an integer) (got {text!r})"
    )
    assert error.endswith("@ $.amount")


@pytest.mark.parametrize(
    ("value", "kind"), [(0.1, "float"), (True, "bool"), (None, "NoneType"), ([], "list")]
)
def test_an_amount_is_never_a_float_a_bool_or_null(value, kind):
    (error,) = problems({"amount": value, "currency": "BRL"}, Money)
    assert f"(got {kind} {value!r})" in error


def test_whole_amounts_may_be_integers_and_rates_keep_their_digits():
    assert structure({"amount": 10000, "currency": "BRL"}, Money) == brl("10000")
    assert structure({"amount": "-0.50", "currency": "BRL"}, Money) == brl("-0.5")
    assert structure("0.160", Decimal) == Decimal("0.160")
    assert structure(0, Decimal) == Decimal(0)


@pytest.mark.parametrize(
    ("data", "expected"),
    [("5400", dt.timedelta(hours=1.5)), (5400, dt.timedelta(hours=1.5)),
     ("0.25", dt.timedelta(milliseconds=250)), ("-1.000001", -dt.timedelta(seconds=1, microseconds=1)),
     ("0", dt.timedelta(0))],
)  # fmt: skip
def test_a_duration_is_a_number_of_seconds(data, expected):
    assert structure(data, dt.timedelta) == expected
    assert structure(unstructure(expected), dt.timedelta) == expected


@pytest.mark.parametrize(
    ("data", "fragment"),
    [("0.0000001", "at most 6 decimal places"), (1.5, "got float 1.5"),
     ("PT1H", "got 'PT1H'"), (10**20, "a duration within 999,999,999 days"),
     ("1" + "0" * 20, "a number of seconds"), (Decimal("0.0000001"), "at most 6 decimal places")],
)  # fmt: skip
def test_a_duration_in_another_form_is_refused(data, fragment):
    (error,) = problems(data, dt.timedelta)
    assert fragment in error


@pytest.mark.parametrize(
    ("data", "kind", "fragment"),
    [("20261123", dt.date, "an ISO date such as '2026-11-23'"),
     ("2026-02-30", dt.date, "an ISO date such as '2026-11-23'"),
     ("2026-11-23T09:00:00", dt.date, "an ISO date"),
     (dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")), dt.date, "got datetime"),
     ("0900", dt.time, "an ISO time such as '09:00'"),
     ("9:00", dt.time, "an ISO time such as '09:00'"),
     ("2026-11-23 09:00", dt.datetime, "an aware datetime"),
     (dt.datetime(2026, 1, 1), dt.datetime, "an aware datetime"),
     ("America/Sao Paulo", ZoneInfo, "an IANA zone"),
     ("../../etc/passwd", ZoneInfo, "an IANA zone")],
)  # fmt: skip
def test_dates_times_and_zones_have_one_form(data, kind, fragment):
    (error,) = problems(data, kind)
    assert fragment in error


def test_toml_native_dates_and_times_are_accepted():
    assert structure(dt.date(2026, 1, 1), dt.date) == dt.date(2026, 1, 1)
    assert structure(dt.time(9, 30), dt.time) == dt.time(9, 30)
    aware = dt.datetime(2026, 1, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    assert structure(aware, dt.datetime) == aware


def test_a_time_with_seconds_keeps_them_on_the_way_out():
    assert unstructure(dt.time(9, 0)) == "09:00"
    assert unstructure(dt.time(9, 0, 30)) == "09:00:30"
    assert structure("09:00:30", dt.time) == dt.time(9, 0, 30)
    aware = dt.time(9, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert structure(unstructure(aware), dt.time) == aware


@pytest.mark.parametrize(
    "duration",
    [dt.timedelta(0), dt.timedelta(hours=9, microseconds=5), -dt.timedelta(microseconds=1),
     -dt.timedelta(days=3, seconds=0.5), dt.timedelta.max, dt.timedelta.min],
)  # fmt: skip
def test_durations_round_trip_exactly(duration):
    assert structure(unstructure(duration), dt.timedelta) == duration


def test_int_keys_may_be_written_as_digits_because_json_keys_are_strings():
    assert structure({"1": "a", "2": "b"}, dict[int, str]) == {1: "a", 2: "b"}
    assert structure({"2": "x"}, dict[sla.Severity, str]) == {sla.Severity.MODERATE: "x"}
    assert problems({"01": "a"}, dict[int, str]) == (
        "'value key' must be an integer written as digits, such as '12' (got '01') @ $['01']",
    )


def test_optional_fields_take_null():
    assert structure(None, Money | None) is None  # type: ignore[arg-type]
    assert structure(dict(TIER, below=None), Tier).below is None


# -- every problem at once, each at its path -----------------------------------------------


def test_every_bad_tier_is_reported_at_its_path():
    data = {
        "tiers": [
            TIER,
            dict(TIER, name="Silver", minimum={"amount": "100000", "currency": "BRL"}, rate="x"),
            dict(TIER, name="Gold", minimum={"amount": "500000", "currency": "BRL"}, rate=0.16),
        ]
    }
    errors = problems(data, TierSchedule)
    assert [e.rsplit(" @ ", 1)[1] for e in errors] == ["$.tiers[1].rate", "$.tiers[2].rate"]
    assert "(got 'x')" in errors[0]
    assert "(got float 0.16)" in errors[1]


def test_a_class_check_is_placed_at_the_field_it_names():
    data = {"tiers": [dict(TIER, minimum={"amount": "1000", "currency": "BRL"})]}
    (error,) = problems(data, TierSchedule)
    assert error.startswith("'tiers[0].minimum' must be 0 BRL (got Money('1000.00', 'BRL'))")
    assert error.endswith("@ $.tiers[0].minimum")
    (months,) = problems([CONTRACT, dict(CONTRACT, months=0)], tuple[contracts.Contract, ...])
    assert months == "'months' must be an integer >= 1 (got 0) @ $[1].months"


def test_problems_in_several_items_of_a_list_are_all_reported():
    data = [dict(CONTRACT, months=1.5), CONTRACT, dict(CONTRACT, start="July", id=7)]
    errors = problems(data, tuple[contracts.Contract, ...])
    assert [e.rsplit(" @ ", 1)[1] for e in errors] == ["$[0].months", "$[2].id", "$[2].start"]


@attrs.frozen
class Node:
    children: tuple[Node, ...] = ()


def test_a_document_nested_deeper_than_python_follows_is_refused_cleanly():
    data: dict[str, typing.Any] = {"children": []}
    for _ in range(5000):
        data = {"children": [data]}
    with pytest.raises(PolicyFormatError, match="nested too deeply"):
        structure(data, Node)
    assert structure({"children": [{"children": []}]}, Node) == Node((Node(),))


# -- the target type ----------------------------------------------------------------------


class Plain:
    """Not an attrs class: the converter does not know how to build it."""


@attrs.frozen
class HoldsPlain:
    thing: Plain


@pytest.mark.parametrize(
    ("kind", "fragment"),
    [(None, "name the type to build"), (typing.Any, "name the type to build"),
     (object, "name the type to build"), (0, "pass a type, not a value"),
     ("Money", "pass a type, not a value"), (tuple, "say what the items are"),
     (dict, "say what the items are"), (Plain, "does not know"),
     (HoldsPlain, "does not know"),
     (sla.Deadline, "Deadline has private fields"),
     (sla.TicketDeadlines, "has private fields")],
)  # fmt: skip
def test_an_unknown_or_missing_target_type_is_a_typed_error(kind, fragment):
    with pytest.raises(
        InvalidTypeError, match=r"^'kind' must be a type the converter can load"
    ) as info:
        structure({}, kind)
    assert fragment in str(info.value)
    assert isinstance(info.value, PartnerRulesError)
    assert isinstance(info.value, TypeError)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KINDS = [Money, contracts.Contract, TierSchedule, sla.Ticket, sla.SeverityMatrix,
         tuple[Money, ...], dict[sla.Severity, int], frozenset[str], dt.timedelta, sla.Category]  # fmt: skip


@given(data=JSON, kind=st.sampled_from(KINDS))
def test_only_policy_format_errors_escape_whatever_the_data(data, kind):
    error: PolicyFormatError | None = None
    try:
        structure(data, kind)
    except PolicyFormatError as exc:
        error = exc
    if error is not None:
        assert error.problems
        assert all(p.path.startswith("$") for p in error.problems)
        assert all(" @ $" in e for e in error.errors)


VALID = [
    (CONTRACT, contracts.Contract),
    ({"tiers": [TIER, dict(TIER, name="Gold", minimum={"amount": "1000", "currency": "BRL"})]}, TierSchedule),
    (unstructure(sla.Ticket("T-1", dt.datetime(2026, 11, 19, 20, tzinfo=ZoneInfo("America/Sao_Paulo")),
                            severity=3, category="how-to", level="Premium", country="BR")), sla.Ticket),
]  # fmt: skip


@given(case=st.sampled_from(VALID), field_index=st.integers(min_value=0), value=JSON)
def test_one_field_replaced_by_anything_loads_or_is_reported_at_that_field(
    case, field_index, value
):
    data, kind = case
    assert structure(data, kind) is not None
    field = sorted(data)[field_index % len(data)]
    changed = dict(data, **{field: value})
    error: PolicyFormatError | None = None
    try:
        structure(changed, kind)
    except PolicyFormatError as exc:
        error = exc
    if error is not None:
        assert error.problems
        assert any(p.path == "$" or p.path.startswith(f"$.{field}") for p in error.problems), error


# -- unstructure --------------------------------------------------------------------------


def _keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [k for key, item in value.items() for k in (key, *_keys(item))]
    if isinstance(value, list):
        return [k for item in value for k in _keys(item)]
    return []


def _is_plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, bool))


def test_a_cancellation_quote_is_json_ready():
    contract = contracts.Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("10000"))
    plain = unstructure(contracts.cancellation_quote(contract, dt.date(2026, 7, 1)))
    assert _is_plain(plain)
    assert plain["fee"] == {"amount": "30000.00", "currency": "BRL"}
    assert plain["reasons"][1]["rule_id"] == "omid.contract.cancellation_fee"
    assert json.loads(json.dumps(plain)) == plain


def test_sla_results_are_written_without_their_private_fields():
    opened = dt.datetime(2026, 11, 19, 20, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    ticket = sla.Ticket("T-1", opened, severity=3, category="how-to", level="Premium",
                        country="BR", subdivision="SP")  # fmt: skip
    for result in (sla.deadlines(ticket, policy=sla.APPENDIX_B),
                   sla.status(ticket, at=opened + dt.timedelta(hours=1), policy=sla.APPENDIX_B)):  # fmt: skip
        plain = unstructure(result)
        assert _is_plain(plain)
        assert not [k for k in _keys(plain) if k.startswith("_")]
        assert plain["ticket_id"] == "T-1"
    assert structure(unstructure(ticket), sla.Ticket) == ticket


def test_unstructure_writes_tuples_as_lists_and_int_keys_as_strings():
    assert unstructure({1: (1, 2)}) == {"1": [1, 2]}
    assert unstructure({sla.Severity.CRITICAL: brl("1")}) == {
        "1": {"amount": "1.00", "currency": "BRL"}
    }


def test_unstructure_refuses_what_has_no_plain_form_and_says_where():
    with pytest.raises(
        InvalidTypeError,
        match=r"^'\$\[1\]' must be plain data .* \(got object .*\); the converter has no plain form for object",
    ):
        unstructure([1, object()])
    with pytest.raises(
        InvalidTypeError, match=r"^'value' must be a value with a plain form .*unhashable type"
    ):
        unstructure({(1, 2): "x"})
    with pytest.raises(
        InvalidTypeError,
        match=r"^'\$' must be a str key \(got NoneType None\); JSON object keys are strings",
    ):
        unstructure({None: "x"})
    with pytest.raises(InvalidTypeError, match=r"^'value' must be a value, not a class"):
        unstructure(Money)
