"""The rule catalogue, and its agreement with the code, the tests and the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnerrules import UnknownKeyError
from partnerrules.catalogue import RULES, SOURCES, implementations, rule, rule_ids

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def test_rule_ids_are_unique_dotted_and_cite_a_known_source():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) == len(rule_ids())
    for r in RULES:
        assert ID.match(r.id), r.id
        assert r.document in SOURCES
        assert r.source == SOURCES[r.document]
        assert r.section.strip()
        assert r.statement.endswith(".")


def test_an_unknown_rule_id_is_refused_with_suggestions():
    with pytest.raises(
        UnknownKeyError, match=r"unknown rule_id 'zoho.sla.matrx': did you mean 'zoho.sla.matrix'"
    ):
        rule("zoho.sla.matrx")
    with pytest.raises(UnknownKeyError, match=r"unknown rule_id None"):
        rule(None)  # type: ignore[arg-type]


def _text(folder: str, suffixes: tuple[str, ...]) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / folder).rglob("*"))
        if p.suffix in suffixes and "_build" not in p.parts
    )


def test_every_implemented_rule_is_named_by_a_test():
    """Each rule a docstring in src/ claims to apply is pinned by a test that names it."""
    tests = _text("tests", (".py",))
    implemented = [rid for rid, names in implementations().items() if names]
    assert "money.brl.exact" in implemented
    unpinned = [
        rid
        for rid in implemented
        if not re.search(rf"(?<![\w.]){re.escape(rid)}(?!\w)", tests.replace(__file__, ""))
    ]
    assert unpinned == []


def test_every_rule_a_reason_is_built_with_is_one_an_implementation_claims():
    """A Reason built in a rule module names a rule whose function documents it."""
    src = _text("src/partnerrules", (".py",))
    used = set(re.findall(r"Reason(?:\.of)?\(\s*\"([a-z0-9_.]+)\"", src))
    implemented = {rid for rid, names in implementations().items() if names}
    assert used <= implemented, sorted(used - implemented)


def test_the_docs_catalogue_page_is_generated_from_this_catalogue():
    page = (ROOT / "docs" / "catalogue.rst").read_text(encoding="utf-8")
    assert ".. rule-catalogue::" in page


def test_implementations_name_the_functions_that_apply_a_rule_at_their_home_module():
    found = implementations()
    # Functions win over the value classes whose docstrings cite the rule.
    assert found["omid.contract.cancellation_fee"] == ("partnerrules.contracts.cancellation_quote",)
    # Constants (such as the proration conventions) are data, never listed.
    assert not any(".ACTUAL_" in name for names in found.values() for name in names)
    # sla re-exports escalation_path from regions: listed once, at home.
    assert found["zoho.escalation.directory"].count("partnerrules.regions.escalation_path") == 1
    assert not any(n.startswith("partnerrules.sla.") for n in found["zoho.escalation.directory"])
    # A rule applied by a value's constructor and methods lists the class.
    assert found["money.brl.exact"] == ("partnerrules.money.Money",)
