"""The report of ``partnerrules run`` in the chosen locale: titles, headers and words translated."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from partnerrules import _report
from partnerrules.cli import main
from partnerrules.commission import RateBasis
from partnerrules.deals import ProtectionState

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = ROOT / "scripts" / "i18n_vocabulary.py"
REPORT = ROOT / "src" / "partnerrules" / "_report.py"
SECTIONS = ("contracts", "commission", "tickets", "deals", "opportunities")


def run(*argv: str) -> str:
    out = io.StringIO()
    assert main(["run", *argv], out=out) == 0
    return out.getvalue()


def report_words() -> set[str]:
    """The words scripts/i18n_vocabulary.py lists in the context ``report``."""
    found = extract_from_file("python", VOCABULARY, keywords={"fact": ((1, "c"), 2)})
    return {message for _, message, _, context in found if context == "report"}


def english_headings(text: str) -> list[str]:
    """The title and the column headers of each section of an English report."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.startswith("== "):
            title = line.strip("= ")
            found.append(re.sub(r"\d{4}-\d{2}-\d{2}\S*", "", title).strip())
            found += [h for h in re.split(r"\s{2,}", lines[i + 1]) if h]
    return found


ENGLISH = run("--locale", "en_US")


def test_the_english_report_has_a_title_and_headers_for_every_section() -> None:
    headings = english_headings(ENGLISH)
    assert "CONTRACT" in headings
    assert "PROBLEM DETERMINATION" in headings
    assert "Cancellation quotes on" in headings


@pytest.mark.parametrize("locale", ["pt_BR", "ru"])
def test_run_in_a_locale_leaves_no_english_title_or_header(locale: str) -> None:
    text = run("--locale", locale)
    heads = [
        line
        for i, line in enumerate(text.splitlines())
        if line.startswith("== ") or (i and text.splitlines()[i - 1].startswith("== "))
    ]
    assert len(heads) == 2 * len(SECTIONS)
    for english in english_headings(ENGLISH):
        for line in heads:
            assert not re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", line), (
                f"{locale}: {english!r} left in English in {line!r}"
            )
    first, *_, last = text.strip().splitlines()
    assert not first.startswith("Portfolio as of")
    assert "decision" not in last
    for key in SECTIONS:
        assert f"{key} " not in last


def test_run_in_portuguese_uses_the_sources_words() -> None:
    text = run("--locale", "pt_BR")
    for word in ("RECONHECIMENTO", "GRAVIDADE", "COMISSÃO", "CONTRATO", "MULTA", "em risco"):
        assert word in text
    assert "== Multas de cancelamento em 2026-07-01 ==" in text
    assert text.rstrip().endswith(
        "14 decisões (contratos 2, comissão 5, chamados 3, negócios 2, oportunidades 2)"
    )


def test_run_in_russian_uses_the_sources_words() -> None:
    text = run("--locale", "ru")
    for word in ("УРОВЕНЬ СЕРЬЁЗНОСТИ", "Агентское вознаграждение", "Защита сделок", "под угрозой"):
        assert word in text
    assert text.rstrip().endswith(
        "решений: 14 (договоры 2, вознаграждение 5, заявки 3, сделки 2, возможности 2)"
    )


def test_a_locale_without_a_catalog_prints_english_titles_and_headers() -> None:
    assert english_headings(run("--locale", "en_GB")) == english_headings(ENGLISH)


def _strings(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return set()


def translated_literals() -> set[str]:
    """The literal words _report.py passes to _tr (its second argument) and _headers."""
    found: set[str] = set()
    for call in ast.walk(ast.parse(REPORT.read_text(encoding="utf-8"))):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            if call.func.id == "_tr" and len(call.args) == 2:
                found |= _strings(call.args[1])
            elif call.func.id == "_headers":
                for arg in call.args[1:]:
                    found |= _strings(arg)
    return found


def test_every_word_the_report_translates_is_in_the_catalogs() -> None:
    literals = translated_literals()
    assert {"CONTRACT", "yes", "no", "{total} decisions ({counts})"} <= literals
    # Words that reach _tr as values: a rate's basis, a deal's state, the section keys.
    values = {m.value for m in RateBasis} | {m.value for m in ProtectionState} | set(SECTIONS)
    # (Other reports share the context; tests/test_i18n.py finds words no code uses.)
    assert sorted((literals | values) - report_words()) == []


def test_the_report_translates_through_the_shipped_catalogs_only() -> None:
    assert _report._tr("pt_BR", "FEE") == "MULTA"
    assert _report._tr("ru", "at risk", "state") == "под угрозой"
    assert _report._tr("en_US", "FEE") == "FEE"
    assert _report._tr("pt_BR", "not a report word") == "not a report word"
