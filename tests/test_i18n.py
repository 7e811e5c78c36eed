"""Reasons in Portuguese and Russian: extractable templates, complete catalogs, whole sentences."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import io
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from partnerrules import deals, lifecycle, sla
from partnerrules.contracts import Contract, cancellation_quote
from partnerrules.decisions import CATALOG_DOMAIN, Reason, catalog_locales
from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.money import Money
from partnerrules.programmes import SOURCE_PROGRAMMES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "partnerrules"
LOCALE_DIR = PACKAGE / "locale"
VOCABULARY = ROOT / "scripts" / "i18n_vocabulary.py"
LOCALES = ("pt_BR", "ru")


def source_dir(path: str) -> bool:
    """The directories extraction reads: not Babel's default, which skips ``_sla/`` and the like."""
    name = Path(path).name
    return not name.startswith(".") and name != "__pycache__"


FIX = "run `python scripts/i18n.py update`, translate, then `python scripts/i18n.py compile`"


def reason_of_calls() -> list[tuple[str, int, ast.expr | None]]:
    """Every ``Reason.of(...)`` call of the package: file, line, template argument."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "of"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Reason"
            ):
                template = node.args[1] if len(node.args) > 1 else None
                calls.append((str(path.relative_to(ROOT)), node.lineno, template))
    return calls


def literal_templates() -> set[str]:
    return {
        t.value
        for _, _, t in reason_of_calls()
        if isinstance(t, ast.Constant) and isinstance(t.value, str)
    }


def configuration() -> tuple[dict[str, object], list[tuple[str, str]], dict[str, dict]]:
    """The keywords, method map and options map of the project's babel.cfg."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, "babel.cfg")
    keywords: dict[str, object] = {}
    for options in options_map.values():
        found = options["keywords"]
        if isinstance(found, str):  # Babel before 2.18 leaves the option unparsed
            found = options["keywords"] = parse_keywords(found.split())
        keywords.update(found)
    return keywords, method_map, options_map


def extracted_templates() -> set[str]:
    """What Babel extracts from the package with the project's babel.cfg: the templates."""
    keywords, method_map, options_map = configuration()
    found = list(
        extract_from_dir(
            PACKAGE, method_map, options_map, keywords=keywords, directory_filter=source_dir
        )
    )
    assert all(context is None for *_, context in found)
    return {message for _, _, message, _, _ in found}


def extracted_words() -> set[tuple[str, str]]:
    """The vocabulary words Babel extracts from scripts/i18n_vocabulary.py: (fact, word)."""
    keywords, _, _ = configuration()
    return {
        (context, message)
        for _, message, _, context in extract_from_file("python", VOCABULARY, keywords=keywords)
    }


def messages() -> set[tuple[str, str]]:
    """Every message a catalog must hold: ("", template) and (fact name, word)."""
    return {("", t) for t in extracted_templates()} | extracted_words()


def key(message: Message) -> tuple[str, str]:
    return str(message.context or ""), str(message.id)


def catalog(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po").open("rb") as fileobj:
        return read_po(fileobj, locale=locale, domain=CATALOG_DOMAIN)


def fields(template: str) -> set[tuple[str, str, str | None]]:
    """The placeholders of a template: name, format spec and conversion."""
    return {
        (name, spec or "", conversion)
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    }


# -- every template is extractable ---------------------------------------------------------


def test_every_reason_of_call_passes_its_template_as_one_literal_string():
    """A template built at run time (a variable, a + b, an f-string) cannot be extracted."""
    built = [
        f"{path}:{line}: {ast.unparse(t) if t is not None else 'no template'}"
        for path, line, t in reason_of_calls()
        if not (isinstance(t, ast.Constant) and isinstance(t.value, str))
    ]
    assert not built, "write each sentence as one literal Reason.of template:\n" + "\n".join(built)


def test_babel_with_the_project_configuration_extracts_exactly_the_reason_templates():
    assert extracted_templates() == literal_templates()


def test_the_template_and_every_catalog_hold_exactly_the_messages_of_the_code():
    wanted = messages()
    with (LOCALE_DIR / f"{CATALOG_DOMAIN}.pot").open("rb") as fileobj:
        pot = {key(m) for m in read_po(fileobj) if m.id}
    assert pot == wanted, FIX
    for locale in LOCALES:
        have = {key(m) for m in catalog(locale) if m.id}
        assert sorted(wanted - have) == [], f"{locale}: untranslated messages; {FIX}"
        assert sorted(have - wanted) == [], f"{locale}: messages gone from the code; {FIX}"


#: Fact name -> the vocabulary whose values facts of that name take.
VOCABULARIES = {
    "metric": sla.Metric,
    "clock": lifecycle.Clock,
    "state": sla.ClockState,
    "phase": lifecycle.Phase,
    "impact": sla.Impact,
    "category": sla.Category,
    "ground": sla.EscalationGround,
    "topic": sla.SupportTopic,
    "kind": deals.PartnerKind,
    "service": deals.PartnerService,
    "scheme": deals.DealScheme,
    "source": deals.ListingStage,
    "target": deals.ListingStage,
    "status": deals.OpportunityStatus,
    "segment": deals.Segment,
    "adoption": deals.Adoption,
}


def test_the_vocabulary_lists_every_word_of_each_vocabulary_and_no_stale_word():
    words = extracted_words()
    for name, vocabulary in VOCABULARIES.items():
        missing = {m.value for m in vocabulary} - {w for n, w in words if n == name}
        assert not missing, f"add fact({name!r}, ...) for {sorted(missing)} to {VOCABULARY.name}"
    literals = {
        node.value
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    windows = {
        str(cell.window)
        for programme in SOURCE_PROGRAMMES
        if programme.sla is not None
        for cell in programme.sla.matrix.cells
    }
    values = {m.value for vocabulary in VOCABULARIES.values() for m in vocabulary}
    stale = sorted(
        (name, word)
        for name, word in words
        if word not in values
        and word not in windows
        and word not in literals
        and word.removesuffix(" clock") not in {k.value for k in sla.ClockKind}
    )
    assert not stale, f"words no rule uses any more: {stale}"


# -- every template is translated, with the same placeholders --------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_has_a_reviewed_translation_with_the_same_placeholders(locale):
    for message in catalog(locale):
        if not message.id:
            continue
        msgid, translated = key(message), str(message.string or "")
        assert translated, f"{locale}: no translation of {msgid!r}"
        assert not message.fuzzy, f"{locale}: unreviewed (fuzzy) translation of {msgid!r}"
        assert fields(translated) == fields(msgid[1]), (locale, msgid, translated)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_committed_compiled_catalogs_are_compiled_from_the_po_files(locale):
    po = catalog(locale)
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    mo = LOCALE_DIR / locale / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.mo"
    with mo.open("rb") as fileobj:
        committed = {key(m): str(m.string) for m in read_mo(fileobj) if m.id}
    fresh = {key(m): str(m.string) for m in read_mo(compiled) if m.id}
    assert committed == fresh, f"{mo.relative_to(ROOT)} is stale: run scripts/i18n.py compile"
    assert len(fresh) == sum(1 for m in po if m.id)


def test_the_shipped_locales_are_the_catalog_directories():
    assert catalog_locales() == LOCALES
    assert sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.po")) == list(
        LOCALES
    )


def test_the_catalog_check_script_agrees(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(["check"]) == 0, capsys.readouterr().err


# -- whole sentences ---------------------------------------------------------------------------


def quote_reasons() -> tuple[Reason, ...]:
    contract = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, Money("10000", "BRL"))
    return cancellation_quote(contract, dt.date(2026, 7, 1)).reasons


@pytest.mark.rule("omid.contract.cancellation_fee")
def test_a_cancellation_quote_explains_itself_in_three_languages():
    left, fee = quote_reasons()
    assert str(left) == (
        "contract C-1 has R$60,000.00 left to serve from Jul 1, 2026 to Jan 1, 2027"
    )
    assert left.render("pt_BR") == (
        "o contrato C-1 tem R$\xa060.000,00 restantes a cumprir de 1 de jul. de 2026 "
        "a 1 de jan. de 2027"
    )
    assert left.render("ru") == (
        "по договору C-1 остаётся 60\xa0000,00\xa0R$ к исполнению "
        "с 1 июл. 2026\u202fг. по 1 янв. 2027\u202fг."
    )
    assert fee.render("pt_BR").startswith("a multa é 50% do valor restante: R$\xa030.000,00")
    assert fee.render("ru").startswith("штраф составляет 50% от оставшейся стоимости")


@pytest.mark.rule("zoho.severity.classify")
def test_the_words_of_a_vocabulary_are_translated_with_the_sentence():
    (why,) = sla.classify_severity("how-to", impact="moderate").reasons
    assert str(why) == "how-to with moderate business impact (stated impact) is severity 2"
    assert why.render("pt_BR") == (
        "como fazer com impacto moderado nos negócios (impacto informado) tem gravidade 2"
    )
    assert why.render("ru") == (
        "«как сделать» с влиянием на бизнес «умеренное» (заявленное влияние) — "
        "степень серьёзности 2"
    )


@pytest.mark.rule("zoho.sla.matrix")
def test_a_deadline_reads_reconhecimento_and_its_window_in_portuguese():
    from zoneinfo import ZoneInfo

    opened = dt.datetime(2026, 11, 19, 16, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    ticket = sla.Ticket(
        "Z-1", opened, severity=2, category="slowness", level="Premium", country="BR"
    )
    (due,) = sla.deadlines(ticket).acknowledgement.reasons
    assert due.render("pt_BR") == (
        "reconhecimento até sex. 20 nov. 04:00 (em risco após qui. 19 nov. 22:00): "
        "a gravidade 2 permite de 6 a 12 horas no relógio 24x5 (America/Sao_Paulo)"
    )
    assert due.render("ru").startswith("подтверждение: срок до пт 20 нояб. 04:00")
    assert "отводится 6–12 часов, отсчёт: часы 24x5" in due.render("ru")
    assert due.facts["metric"] == "acknowledgement"  # the facts stay as the programme names them


def test_a_name_that_happens_to_be_a_word_is_not_translated():
    """Only a fact of the vocabulary's own name is looked up: a partner named "closed" stays."""
    reason = Reason.of("acme.deal.owner", "{partner} holds it ({status})", partner="closed",
                       status="closed")  # fmt: skip
    mine = {reason.template: "{partner} a detém ({status})"}
    assert reason.render("pt_BR", translations=mine) == "closed a detém (fechada)"
    quoted = Reason.of("acme.x.y", "{status!r}", status="closed")
    assert quoted.render("pt_BR", translations={"{status!r}": "{status!r}!"}) == "'closed'!"


def test_a_sentence_left_in_english_keeps_its_words_in_english():
    reason = Reason.of("acme.sla.queue", "{category} tickets wait", category="slowness")
    assert reason.render("pt_BR") == reason.render("ru") == "slowness tickets wait"


def test_durations_use_the_short_unit_names_of_the_language():
    took = Reason.of("acme.x.y", "took {d}", d=dt.timedelta(hours=9, minutes=30, seconds=1))
    assert str(took) == "took 9 h 30 min 1 s"
    assert took.render("pt_BR") == "took 9 h 30 min 1 s"
    assert took.render("ru") == "took 9 ч 30 мин 1 с"
    assert Reason.of("acme.x.y", "{d}", d=dt.timedelta(0)).render("ru") == "0 мин"
    assert Reason.of("acme.x.y", "{d}", d=-dt.timedelta(hours=48)).render("ru") == "-48 ч"


def test_english_is_unchanged_and_str_is_english():
    for reason in quote_reasons():
        assert str(reason) == reason.render("en_US") == reason.render("en")
        english_words = {w for w in reason.template.split() if "{" not in w}
        assert english_words <= set(reason.render("en_US").split())


@pytest.mark.parametrize(
    ("locale", "catalog_of"),
    [("pt", "pt_BR"), ("pt_PT", "pt_BR"), ("ru_RU", "ru"), ("ru-UA", "ru")],
)
def test_a_locale_of_the_same_language_reads_its_catalog(locale, catalog_of):
    left, _ = quote_reasons()
    translated = catalog(catalog_of)[left.template].string
    assert left.render(locale).split()[:2] == translated.split()[:2]


def test_a_locale_without_a_catalog_keeps_the_english_sentence_with_its_own_numbers():
    left, _ = quote_reasons()
    assert left.render("de_DE") == (
        "contract C-1 has 60.000,00\xa0R$ left to serve from 01.07.2026 to 01.01.2027"
    )


def test_the_process_locale_and_environment_change_nothing(monkeypatch):
    left, _ = quote_reasons()
    expected = {loc: left.render(loc) for loc in ("en_US", "pt_BR", "ru")}
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "ru_RU.UTF-8")
    assert {loc: left.render(loc) for loc in expected} == expected
    assert str(left) == expected["en_US"]


# -- translations and catalogs of the caller -----------------------------------------------


def test_an_explicit_translations_mapping_wins_over_every_catalog():
    left, _ = quote_reasons()
    mine = {left.template: "saldo do contrato {contract}: {remaining}"}
    assert left.render("pt_BR", translations=mine) == "saldo do contrato C-1: R$\xa060.000,00"
    assert left.render("pt_BR", translations={}) == left.render("pt_BR")


def own_catalog(messages: dict[str, str], locale: str = "pt_BR") -> bytes:
    own = Catalog(locale=locale, domain=CATALOG_DOMAIN)
    for msgid, msgstr in messages.items():
        own.add(msgid, msgstr)
    out = io.BytesIO()
    write_mo(out, own)
    return out.getvalue()


ACME = Reason.of("acme.sla.first_response", "first response due {due}", due=dt.date(2026, 7, 1))


def test_a_callers_programme_ships_its_own_catalog_as_a_directory(tmp_path):
    """A caller's rule ids and templates translate from its own catalog directory."""
    folder = tmp_path / "acme" / "locale" / "pt_BR" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{CATALOG_DOMAIN}.mo").write_bytes(
        own_catalog({"first response due {due}": "primeira resposta até {due}"})
    )
    directory = tmp_path / "acme" / "locale"
    assert ACME.render("pt_BR", catalog=directory) == "primeira resposta até 1 de jul. de 2026"
    assert ACME.render("pt_BR", catalog=str(directory)) == ACME.render("pt", catalog=directory)
    # The library's own templates still come from the shipped catalogs.
    left, _ = quote_reasons()
    assert left.render("pt_BR", catalog=directory) == left.render("pt_BR")
    # No catalog for Russian in the caller's directory: English, Russian numbers.
    assert ACME.render("ru", catalog=directory) == "first response due 1 июл. 2026\u202fг."


def test_a_callers_catalog_may_be_package_data_or_a_loaded_translations(tmp_path):
    from importlib.resources.abc import Traversable

    mo = own_catalog({"first response due {due}": "первый ответ до {due}"}, locale="ru")
    loaded = Translations(io.BytesIO(mo), domain=CATALOG_DOMAIN)
    assert ACME.render("ru", catalog=loaded) == "первый ответ до 1 июл. 2026\u202fг."
    # An empty catalog translates nothing: the shipped catalogs and English remain.
    assert ACME.render("ru", catalog=gettext.NullTranslations()) == str(ACME).replace(
        "Jul 1, 2026", "1 июл. 2026\u202fг."
    )
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / f"{CATALOG_DOMAIN}.mo").write_bytes(mo)

    class PackageData:
        """A Traversable that is not a path, as importlib.resources.files gives for a zip."""

        def __init__(self, path: Path) -> None:
            self.path = path

        def joinpath(self, *parts: str) -> PackageData:
            return PackageData(self.path.joinpath(*parts))

        def is_dir(self) -> bool:
            return self.path.is_dir()

        def is_file(self) -> bool:
            return self.path.is_file()

        def open(self, mode: str = "r", *args: object, **kwargs: object) -> io.BufferedReader:
            return self.path.open("rb")

        def iterdir(self):
            return (PackageData(p) for p in self.path.iterdir())

        def read_bytes(self) -> bytes:
            return self.path.read_bytes()

        def read_text(self, encoding: str | None = None) -> str:
            return self.path.read_text(encoding)

        @property
        def name(self) -> str:
            return self.path.name

        def __truediv__(self, child: str) -> PackageData:
            return self.joinpath(child)

    data = PackageData(tmp_path)
    assert isinstance(data, Traversable)
    assert ACME.render("ru_RU", catalog=data) == "первый ответ до 1 июл. 2026\u202fг."


def test_a_callers_catalog_translates_the_words_of_its_own_vocabulary():
    own = Catalog(locale="pt_BR", domain=CATALOG_DOMAIN)
    own.add("{category} tickets wait", "tíquetes de {category} aguardam")
    own.add("billing", "faturamento", context="category")
    out = io.BytesIO()
    write_mo(out, own)
    mine = Translations(io.BytesIO(out.getvalue()), domain=CATALOG_DOMAIN)
    reason = Reason.of("acme.sla.queue", "{category} tickets wait", category="billing")
    assert reason.render("pt_BR", catalog=mine) == "tíquetes de faturamento aguardam"
    slow = Reason.of("acme.sla.queue", "{category} tickets wait", category="slowness")
    assert slow.render("pt_BR", catalog=mine) == "tíquetes de lentidão aguardam"


def test_a_callers_catalog_entry_rewords_a_library_template():
    left, _ = quote_reasons()
    mine = Translations(
        io.BytesIO(own_catalog({left.template: "{contract}: faltam {remaining} até {end}"})),
        domain=CATALOG_DOMAIN,
    )
    assert left.render("pt_BR", catalog=mine) == "C-1: faltam R$\xa060.000,00 até 1 de jan. de 2027"


def test_bad_catalogs_are_typed_errors_that_name_the_catalog(tmp_path):
    with pytest.raises(InvalidTypeError, match=r"'catalog' must be a babel.support.Translations"):
        ACME.render("pt_BR", catalog=42)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"'catalog' must be a directory of compiled"):
        ACME.render("pt_BR", catalog=tmp_path / "missing")
    broken = tmp_path / "pt_BR" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / f"{CATALOG_DOMAIN}.mo").write_bytes(b"not a catalog")
    with pytest.raises(InvalidValueError, match=r"a compiled catalog \(\.mo\) Babel can read"):
        ACME.render("pt_BR", catalog=tmp_path)
    wrong = Translations(
        io.BytesIO(own_catalog({"first response due {due}": "primeira resposta até {prazo}"})),
        domain=CATALOG_DOMAIN,
    )
    with pytest.raises(
        InvalidValueError,
        match=r"\"catalog\['first response due \{due\}'\]\" must be a template naming only",
    ):
        ACME.render("pt_BR", catalog=wrong)


def test_a_catalog_that_raises_is_a_typed_error_too():
    class Unreadable:
        def __fspath__(self) -> str:
            raise RuntimeError("no path")

    class Raising(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            raise RuntimeError("broken")

    class NotText(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return 3  # type: ignore[return-value]

    with pytest.raises(InvalidValueError, match=r"that can be read \(RuntimeError\)"):
        ACME.render("pt_BR", catalog=Unreadable())  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"that can be read \(OSError\)"):
        ACME.render("pt_BR", catalog="x" * 5000)
    with pytest.raises(InvalidValueError, match=r"a catalog whose gettext works \(RuntimeError\)"):
        ACME.render("pt_BR", catalog=Raising())
    with pytest.raises(InvalidTypeError, match=r"must be a str template \(got int 3\)"):
        ACME.render("pt_BR", catalog=NotText())


# -- the command line -------------------------------------------------------------------------


def test_the_portfolio_command_prints_portuguese_and_russian_reasons(tmp_path):
    import json

    from partnerrules.cli import main

    path = tmp_path / "portfolio.json"
    path.write_text(
        json.dumps(
            {
                "as_of": "2026-07-01",
                "contracts": [
                    {
                        "id": "C-1",
                        "customer": "ACME",
                        "start": "2026-01-01",
                        "months": 12,
                        "monthly": {"amount": "10000", "currency": "BRL"},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    texts = {}
    for locale in ("pt_BR", "ru", "en_US"):
        out = io.StringIO()
        assert main(["portfolio", str(path), "--locale", locale], out=out) == 0
        texts[locale] = out.getvalue()
    assert "o contrato C-1 tem R$\xa060.000,00 restantes a cumprir" in texts["pt_BR"]
    assert "a multa é 50% do valor restante" in texts["pt_BR"]
    assert "по договору C-1 остаётся" in texts["ru"]
    assert "contract C-1 has R$60,000.00 left to serve" in texts["en_US"]
