"""Programmes as data: one contract test over every programme, and the example nobody shipped.

The five source programmes and the example programme of docs/examples/acme.toml obey the same
contract: they round-trip through the converter, their windows grow with severity, their tier
tables have no gaps, and every rule they declare is cited by some Reason (or, for the source
programmes, applied by a public function that names it).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from partnerrules import commission, contracts, sla
from partnerrules.catalogue import RULES, Rule, implementations
from partnerrules.convert import PolicyFormatError, structure, unstructure
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.money import brl
from partnerrules.policies import load
from partnerrules.programmes import (
    SOURCE_PROGRAMMES,
    ZOHO,
    Programme,
    catalogue_of,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "acme.toml"
ACME = load(EXAMPLE)
ALL = (*SOURCE_PROGRAMMES, ACME)
LISBON = ZoneInfo("Europe/Lisbon")


@pytest.mark.parametrize("programme", ALL, ids=lambda p: p.id)
def test_every_programme_round_trips_through_json(programme: Programme) -> None:
    data = json.loads(json.dumps(unstructure(programme)))
    assert structure(data, Programme) == programme


def _nominal_hours(span: sla.BusinessSpan) -> float:
    per = {"minutes": 1 / 60, "hours": 1, "days": 24}
    return span.amount * per[span.unit]


@pytest.mark.parametrize("programme", [p for p in ALL if p.sla is not None], ids=lambda p: p.id)
def test_windows_grow_from_the_most_to_the_least_severe(programme: Programme) -> None:
    assert programme.sla is not None
    matrix = programme.sla.matrix
    for metric in matrix.metrics:
        limits = [
            _nominal_hours(w.limit)
            for sev in sorted({c.severity for c in matrix.cells})
            if (w := matrix.window(sev, metric)) is not None
        ]
        assert limits == sorted(limits), (programme.id, metric)


@pytest.mark.parametrize(
    "programme", [p for p in ALL if p.commission is not None], ids=lambda p: p.id
)
def test_tier_tables_start_at_zero_and_have_no_gaps(programme: Programme) -> None:
    assert programme.commission is not None
    schedule = programme.commission.schedule
    if schedule is None:
        return  # the Omid source publishes no thresholds: no table to check
    minima = [t.minimum for t in schedule.tiers]
    assert minima[0] == brl(0)
    assert minima == sorted(minima)
    assert len(set(minima)) == len(minima)


@pytest.mark.parametrize("programme", SOURCE_PROGRAMMES, ids=lambda p: p.id)
def test_every_source_rule_is_applied_by_a_public_function(programme: Programme) -> None:
    found = implementations()
    assert all(found[r.id] for r in programme.rules), [
        r.id for r in programme.rules if not found[r.id]
    ]


def test_the_source_programmes_declare_the_38_rules_of_the_catalogue_once() -> None:
    assert sorted(catalogue_of(SOURCE_PROGRAMMES)) == sorted(r.id for r in RULES)
    assert sum(len(p.rules) for p in SOURCE_PROGRAMMES) == len(RULES) == 38


def test_the_example_programme_cites_every_rule_it_declares() -> None:
    """Its SLA (own calendar, lunch break, closure, minutes) and commission plan reach Reasons."""
    assert ACME.sla is not None
    assert ACME.commission is not None
    cited: set[str] = set()
    for severity, opened in (
        (1, dt.datetime(2027, 8, 12, 16, 40)),
        (3, dt.datetime(2027, 8, 11, 12, 45)),
    ):
        t = sla.Ticket(
            "A-1",
            opened.replace(tzinfo=LISBON),
            severity=severity,
            category="how-to",
            level="Premium",
            country="PT",
        )
        due = sla.deadlines(t, policy=ACME.sla)
        assert due.acknowledgement is not None
        cited |= {r.rule_id for r in due.acknowledgement.reasons}
    schedule = ACME.commission.schedule
    assert schedule is not None
    sales = [
        commission.Sale(
            "alfa",
            contracts.Contract(f"C-{m}", "Cliente", dt.date(2027, m, 1), 12, brl("1000")),
            dt.datetime(2027, m, 3, 10, tzinfo=LISBON),
        )
        for m in (2, 5)
    ]
    for line in commission.sale_commissions(
        sales, standard_tiers={"alfa": schedule.tiers[0]}, plan=ACME.commission
    ):
        cited |= {r.rule_id for r in line.reasons}
    assert cited == ACME.rule_ids


def test_the_example_runs_on_its_own_calendar_in_minutes() -> None:
    """A 90-250 minute window skips the lunch break and the company closure (13 Aug 2027)."""
    assert ACME.sla is not None
    t = sla.Ticket(
        "A-7",
        dt.datetime(2027, 8, 12, 16, 40, tzinfo=LISBON),
        severity=2,
        category="how-to",
        level="Premium",
        country="PT",
    )
    ack = sla.deadlines(t, policy=ACME.sla).acknowledgement
    assert ack is not None
    assert ack.target_at == dt.datetime(2027, 8, 16, 9, 10, tzinfo=LISBON)
    assert ack.limit_at == dt.datetime(2027, 8, 16, 11, 50, tzinfo=LISBON)


# -- building and loading programmes: typed errors ------------------------------------------------


def _rule(rule_id: str) -> Rule:
    return Rule(rule_id, "Acme guide", "§1", "A rule.", "sla")


def test_a_programme_must_declare_the_rules_its_policies_cite() -> None:
    with pytest.raises(UnknownKeyError, match=r"unknown sla\.rule_id 'zoho\.sla\.matrix'"):
        Programme("acme", "Acme", "Acme guide", [_rule("acme.sla.x")], sla=sla.ZOHO)
    with pytest.raises(InvalidValueError, match="each rule id declared once"):
        Programme("acme", "Acme", "Acme guide", [_rule("acme.sla.x"), _rule("acme.sla.x")])
    with pytest.raises(InvalidValueError, match="lower-case identifier"):
        Programme("Acme Corp", "Acme", "Acme guide", [])
    with pytest.raises(InvalidTypeError, match="'sla' must be a SlaPolicy or None"):
        Programme("acme", "Acme", "Acme guide", [], sla="zoho")  # type: ignore[arg-type]
    with pytest.raises(UnknownKeyError, match=r"did you mean 'zoho\.sla\.matrix'"):
        Programme("acme", "Acme", "Acme guide", [_rule("zoho.sla.matrx")])


def test_one_id_cannot_mean_two_rules_in_the_catalogue() -> None:
    clash = Programme(
        "zoho2", "Z", "Z guide", [Rule("zoho.sla.matrix", "zoho", "x", "Another.", "sla")]
    )
    with pytest.raises(InvalidValueError, match="one rule per id"):
        catalogue_of([ZOHO, clash])
    with pytest.raises(InvalidTypeError, match="'programmes'"):
        catalogue_of(ZOHO)  # type: ignore[arg-type]


def test_load_reports_every_problem_of_a_file_with_its_path(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    bad = text.replace('rate = "0.14"', "rate = 0.14").replace("amount = 15,", 'amount = "15",')
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(PolicyFormatError) as caught:
        load(path)
    message = str(caught.value)
    assert "$.commission.campaigns[0].rate" in message
    assert "$.sla.matrix.cells[0].window.target.amount" in message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.yaml", "id: acme", "a file ending in .toml or .json"),
        ("p.toml", "id = ", "valid TOML"),
        ("p.json", "{", "valid JSON"),
    ],
)
def test_load_refuses_unreadable_files(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidValueError, match=message):
        load(path)


def test_load_refuses_missing_and_non_utf8_files_and_non_paths(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="a readable file"):
        load(tmp_path / "missing.toml")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Acme Ação"}'.encode("latin-1"))
    with pytest.raises(InvalidValueError, match="a UTF-8 file"):
        load(latin)
    with pytest.raises(InvalidTypeError, match="'path'"):
        load(42)  # type: ignore[arg-type]


def test_json_and_toml_load_the_same_programme(tmp_path: Path) -> None:
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(unstructure(ACME)), encoding="utf-8")
    assert load(path) == ACME
