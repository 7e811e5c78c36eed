"""JSON Schemas from the value classes: the converter's plain forms, checked both ways."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import partnerrules.testing  # noqa: F401  (registers the strategies for st.from_type)
from partnerrules import Money
from partnerrules.calendars import BusinessCalendar
from partnerrules.catalogue import Rule
from partnerrules.cli import Portfolio
from partnerrules.convert import PolicyFormatError, structure, unstructure
from partnerrules.errors import InvalidTypeError
from partnerrules.lifecycle import (
    ClockWindow,
    EscalationLevel,
    LifecyclePolicy,
    Notification,
    TicketHistory,
)
from partnerrules.programmes import SOURCE_PROGRAMMES, Programme
from partnerrules.schema import DIALECT, DOCUMENTS, json_schema, main
from partnerrules.sla import ZOHO, MatrixCell, SeverityMatrix, SlaPolicy, Ticket, TicketStatus
from partnerrules.testing import strategies as pst

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
SAMPLE_PORTFOLIO = ROOT / "src" / "partnerrules" / "samples" / "portfolio.toml"


def _validator(kind: object) -> jsonschema.protocols.Validator:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(kind: object, data: object) -> list[str]:
    found = _validator(kind).iter_errors(data)
    return [f"{e.json_path}: {e.message}" for e in found]


def _as_json(value: Any) -> Any:
    """A TOML document as its JSON twin: TOML's own dates and times become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if not value.second else "auto")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# -- the schema's shape ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    module, _, attr = DOCUMENTS[name].rpartition(".")
    kind = getattr(__import__(module, fromlist=[attr]), attr)
    schema = json_schema(kind)
    assert schema["$schema"] == DIALECT
    assert schema["$ref"] == f"#/$defs/{name}"
    jsonschema.Draft202012Validator.check_schema(schema)
    # JSON-ready: the schema itself survives a round trip through json.
    assert json.loads(json.dumps(schema)) == schema


def test_an_attrs_class_lists_its_fields_required_ones_and_defaults() -> None:
    defs = json_schema(Programme)["$defs"]
    programme = defs["Programme"]
    assert programme["required"] == ["id", "name", "source", "rules"]
    assert programme["additionalProperties"] is False
    assert programme["properties"]["sla"]["default"] is None
    assert "namespace" in programme["properties"]["id"]["description"]
    # Nested classes and enums are $defs of their own, each once.
    assert {"SlaPolicy", "CommissionPlan", "Money", "Severity", "Rule"} <= set(defs)


def test_plain_forms_follow_the_converter_table() -> None:
    @attrs.frozen
    class Shapes:
        amount: Decimal
        day: dt.date
        at: dt.datetime
        opens: dt.time
        wait: dt.timedelta
        zone: ZoneInfo
        pair: tuple[str, int | None]
        tags: frozenset[str]
        by_code: dict[int, Money]
        note: str | None = None

    validate = _validator(Shapes)
    good = {
        "amount": "12.50",
        "day": "2026-11-23",
        "at": "2026-11-23T09:00:00-03:00",
        "opens": "09:00",
        "wait": "5400",
        "zone": "America/Sao_Paulo",
        "pair": ["a", None],
        "tags": ["x", "y"],
        "by_code": {"12": {"amount": "1", "currency": "BRL"}},
    }
    assert list(validate.iter_errors(good)) == []
    assert structure(good, Shapes).amount == Decimal("12.50")  # the loader agrees
    for field, bad in [
        ("amount", 12.5),  # a float cannot hold decimals exactly
        ("amount", "1e3"),
        ("day", "23/11/2026"),
        ("at", "2026-11-23T09:00:00"),  # an instant needs its offset
        ("opens", "9h"),
        ("wait", "1.1234567"),
        ("pair", ["a", 1, 2]),
        ("tags", ["x", "x"]),
        ("by_code", {"twelve": {"amount": "1", "currency": "BRL"}}),
        ("note", 3),
    ]:
        assert list(validate.iter_errors({**good, field: bad})), (field, bad)
    assert list(validate.iter_errors({**good, "colour": "red"}))  # unknown fields are refused
    assert list(validate.iter_errors({k: v for k, v in good.items() if k != "day"}))


def test_enums_are_their_values_and_int_enum_keys_their_digits() -> None:
    defs = json_schema(LifecyclePolicy)["$defs"]
    assert defs["Severity"]["enum"] == [1, 2, 3]
    resolution = defs["LifecyclePolicy"]["properties"]["resolution"]
    assert resolution["propertyNames"] == {"enum": ["1", "2", "3"]}


def _part(default: str) -> type:
    @attrs.frozen
    class Part:
        label: str = default

    return Part


_FIRST_PART = _part("a")
_SECOND_PART = _part("b")


@attrs.frozen
class _Both:
    one: _FIRST_PART  # type: ignore[valid-type]
    two: _SECOND_PART  # type: ignore[valid-type]


def test_two_classes_of_one_name_get_distinct_defs() -> None:
    defs = json_schema(_Both)["$defs"]
    assert len(defs) == 3
    assert defs["Part"]["properties"]["label"]["default"] == "a"
    (other,) = (name for name in defs if name not in ("Part", "_Both"))
    assert defs[other]["properties"]["label"]["default"] == "b"


@pytest.mark.parametrize(
    "kind",
    [
        None,
        typing.Any,
        object,
        ZOHO,  # a value, not a type
        TicketStatus,  # a computed result
        ClockWindow,
        TicketHistory,  # its events are a union the converter cannot tell apart
        complex,
        tuple,
        dict[tuple[int, int], str],
    ],
)
def test_what_the_converter_cannot_load_is_an_invalid_type_error(kind: object) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        json_schema(kind)
    assert caught.value.field == "kind"
    assert "a type the converter can load" in str(caught.value)


def test_an_unknown_field_type_inside_a_class_is_an_invalid_type_error() -> None:
    @attrs.frozen
    class Odd:
        number: complex

    with pytest.raises(InvalidTypeError, match="kind"):
        json_schema(Odd)


# -- the documents ------------------------------------------------------------------------


@pytest.mark.parametrize("programme", SOURCE_PROGRAMMES, ids=lambda p: p.id)
def test_the_source_programmes_plain_forms_validate(programme: Programme) -> None:
    assert _errors(Programme, unstructure(programme)) == []


def test_the_sample_portfolio_validates_against_its_schema() -> None:
    data = tomllib.loads(SAMPLE_PORTFOLIO.read_text("utf-8"))
    assert _errors(Portfolio, _as_json(data)) == []


EXAMPLE_KINDS = {"acme": Programme, "portfolio": Portfolio, "lifecycle": LifecyclePolicy}


@pytest.mark.parametrize("stem", sorted(EXAMPLE_KINDS))
def test_each_docs_example_validates_and_its_toml_and_json_twins_are_equal(stem: str) -> None:
    kind = EXAMPLE_KINDS[stem]
    from_toml = tomllib.loads((EXAMPLES / f"{stem}.toml").read_text("utf-8"))
    from_json = json.loads((EXAMPLES / f"{stem}.json").read_text("utf-8"))
    assert _errors(kind, from_json) == []
    assert _errors(kind, _as_json(from_toml)) == []
    assert structure(from_toml, kind) == structure(from_json, kind)
    # The twins hold the same document, not merely equal values.
    assert _as_json(from_toml) == from_json


def _misspelt(data: dict[str, Any]) -> None:
    data["nmae"] = data.pop("name")


def _float_rate(data: dict[str, Any]) -> None:
    data["commission"]["campaigns"][0]["rate"] = 0.14


def _weeks(data: dict[str, Any]) -> None:
    data["sla"]["matrix"]["cells"][0]["window"]["target"]["unit"] = "weeks"


def _naive_period(data: dict[str, Any]) -> None:
    data["sla"]["clock"]["closures"] = ["13/08/2027"]


@pytest.mark.parametrize("mistake", [_misspelt, _float_rate, _naive_period])
def test_a_schema_refuses_what_the_loader_refuses_in_shape(mistake: Any) -> None:
    data = json.loads((EXAMPLES / "acme.json").read_text("utf-8"))
    mistake(data)
    assert _errors(Programme, data)
    with pytest.raises(PolicyFormatError):
        structure(data, Programme)


def test_a_class_check_is_the_loaders_alone() -> None:
    # A unit is a str the class checks: the schema passes it, the loader refuses it.
    data = json.loads((EXAMPLES / "acme.json").read_text("utf-8"))
    _weeks(data)
    assert _errors(Programme, data) == []
    with pytest.raises(PolicyFormatError, match="weeks"):
        structure(data, Programme)


# -- the law: whatever unstructure writes, the schema accepts -------------------------------


def _portfolios() -> st.SearchStrategy[Portfolio]:
    contracts = st.lists(pst.contracts(), max_size=3, unique_by=lambda c: c.id)
    return st.builds(
        Portfolio,
        pst.dates(),
        contracts,
        at=st.none() | pst.instants(),
        tiers=st.dictionaries(st.sampled_from(("alfa", "beta")), pst.tiers(), max_size=2),
        sales=st.lists(pst.sales(), max_size=2),
        payments=st.lists(pst.payments(), max_size=2),
        tickets=st.lists(pst.tickets(), max_size=2),
        deals=st.lists(pst.deal_registrations(), max_size=2),
        opportunities=st.lists(pst.opportunities(), max_size=2),
        min_description_length=st.none() | st.integers(1, 200),
    )


def _first_rule(programme: Programme) -> st.SearchStrategy[Rule]:
    return st.sampled_from(programme.rules)


def _first_cell(matrix: SeverityMatrix) -> st.SearchStrategy[MatrixCell]:
    return st.sampled_from(matrix.cells)


#: A strategy for every attrs class a data file holds that partnerrules.testing
#: does not register: parts are drawn from their wholes.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Portfolio: _portfolios(),
    Rule: pst.programmes().filter(lambda p: bool(p.rules)).flatmap(_first_rule),
    MatrixCell: pst.severity_matrices().flatmap(_first_cell),
    Notification: pst.lifecycle_policies()
    .filter(lambda p: bool(p.notifications))
    .map(lambda p: p.notifications[0]),
    EscalationLevel: pst.lifecycle_policies()
    .filter(lambda p: bool(p.escalations))
    .map(lambda p: p.escalations[0]),
}


def _reached(kind: type, found: dict[type, None]) -> None:
    """Every attrs class the plain form of *kind* holds, *kind* included."""
    if kind in found or not attrs.has(kind):
        return
    found[kind] = None
    for hint in typing.get_type_hints(kind).values():
        for part in _parts(hint):
            _reached(part, found)


def _parts(hint: object) -> list[type]:
    args = typing.get_args(hint)
    if not args:
        return [hint] if isinstance(hint, type) else []
    return [p for arg in args if arg is not Ellipsis for p in _parts(arg)]


def _document_classes() -> list[type]:
    found: dict[type, None] = {}
    for kind in (Programme, Portfolio, LifecyclePolicy):
        _reached(kind, found)
    return list(found)


def _strategy(kind: type) -> st.SearchStrategy[Any]:
    return STRATEGIES[kind] if kind in STRATEGIES else st.from_type(kind)


def test_every_class_a_data_file_holds_has_a_strategy() -> None:
    classes = _document_classes()
    assert {Programme, Portfolio, LifecyclePolicy, Ticket, BusinessCalendar} <= set(classes)
    # A class neither registered by partnerrules.testing nor given above would be
    # drawn by Hypothesis's generic builds(), mostly invalid values.
    generic = [
        k for k in classes if k not in STRATEGIES and repr(st.from_type(k)).startswith("builds(")
    ]
    assert generic == []


VALUES = st.sampled_from(_document_classes()).flatmap(_strategy)


@given(VALUES)
def test_unstructure_validates_against_the_schema_of_the_values_type(value: object) -> None:
    plain = unstructure(value)
    assert _errors(type(value), plain) == []
    # What the schema accepts here, the loader reads back to the same plain form.
    assert unstructure(structure(plain, type(value))) == plain


@given(
    st.builds(
        SlaPolicy,
        name=st.just("x"),
        rule_id=st.just("acme.x"),
        matrix=pst.severity_matrices(),
        clock=st.just("24x7"),
    )
)
def test_a_policy_with_a_named_clock_validates(policy: SlaPolicy) -> None:
    assert _errors(SlaPolicy, unstructure(policy)) == []


# -- python -m partnerrules.schema ----------------------------------------------------------


def test_main_prints_a_documents_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["Portfolio"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json_schema(Portfolio)


def test_main_takes_a_dotted_class_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["partnerrules.money.Money"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema(Money)


@pytest.mark.parametrize(
    "argv",
    [[], ["Nope"], ["os.path"], ["partnerrules.sla.ZOHO"], ["partnerrules.sla.TicketStatus"]],
)
def test_main_refuses_what_it_cannot_print(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err


def test_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "Programme" in capsys.readouterr().err


@pytest.mark.parametrize("argv", ["Programme", ["Programme", 3], 42])
def test_main_refuses_arguments_that_are_not_a_list_of_str(argv: Any) -> None:
    with pytest.raises(InvalidTypeError, match="argv"):
        main(argv)


@pytest.mark.parametrize("name", ["partnerrules.__main__.main", "partnerrules._report.Report"])
def test_main_names_only_public_modules(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name]) == 2
    assert "error:" in capsys.readouterr().err
