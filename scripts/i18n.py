"""Keep the message catalogs of the Reason templates in step with the code.

Usage (from the project root, in the project's environment)::

    python scripts/i18n.py extract   # templates -> src/partnerrules/locale/partnerrules.pot
    python scripts/i18n.py update    # extract, then merge the template into every .po
    python scripts/i18n.py compile   # every .po -> its .mo, beside it
    python scripts/i18n.py check     # exit 1 if a catalog is stale, incomplete or uncompiled
    python scripts/i18n.py init xx_YY  # start a catalog for a new locale

The extraction reads ``babel.cfg`` (which files, and the keywords: the
second argument of ``Reason.of``, and the words of ``scripts/i18n_vocabulary.py``
with their fact's name as context). These steps are what ``pybabel extract``,
``pybabel update`` and ``pybabel compile`` do with the options written in
``babel.cfg``, through Babel's API, with three differences that keep the
diffs small: output is sorted, locations name the file without the line,
and a file is written only when its messages changed. ``update`` leaves a
reworded template as a *fuzzy* entry (Babel's guess from the old wording):
review it, remove the ``#, fuzzy`` line, then compile. ``check`` fails while
any entry is fuzzy or empty, so an unreviewed guess never ships.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "partnerrules"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "partnerrules"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
MAPPING = ROOT / "babel.cfg"
VOCABULARY = ROOT / "scripts" / "i18n_vocabulary.py"
HEADER = (
    "# {language} translations of the Reason templates of partnerrules.\n"
    "# Distributed under the same license as partnerrules (MIT).\n"
    "#"
)


def source_dir(path: str) -> bool:
    """Whether extraction reads the directory *path*: every one but hidden ones and caches.

    Babel's own filter also skips ``_``-prefixed directories, but the package's
    private modules (``_sla/``, ``_lifecycle/``, ...) hold templates too.
    """
    name = Path(path).name
    return not name.startswith(".") and name != "__pycache__"


def version() -> str:
    """The project's version, from pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as fileobj:
        return str(tomllib.load(fileobj)["project"]["version"])


def keywords_and_mapping() -> tuple[dict[str, Any], list[tuple[str, str]], dict[str, Any]]:
    """The extraction keywords, method map and options map that ``babel.cfg`` gives."""
    with MAPPING.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, str(MAPPING))
    keywords: dict[str, Any] = {}
    for options in options_map.values():
        found = options.get("keywords")
        if isinstance(found, str):  # Babel before 2.18 leaves the option unparsed
            found = parse_keywords(found.split())
            options["keywords"] = found
        keywords.update(found or {})
    return keywords, method_map, options_map


def extracted() -> Catalog:
    """The catalog template: every ``Reason.of`` template of the package, every vocabulary word."""
    keywords, method_map, options_map = keywords_and_mapping()
    template = Catalog(
        project=DOMAIN,
        version=version(),
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER.format(language="English") + " This is the template.\n#",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map, options_map, keywords=keywords, directory_filter=source_dir
    ):
        where = (PACKAGE / filename).relative_to(ROOT).as_posix()
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    where = VOCABULARY.relative_to(ROOT).as_posix()
    for lineno, message, comments, context in extract_from_file(
        "python", VOCABULARY, keywords=keywords
    ):
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def _messages(catalog: Catalog) -> dict[tuple[str, str], tuple[str, bool, tuple[str, ...]]]:
    """What matters in a catalog: (context, msgid) -> (translation, fuzzy, files)."""
    return {
        (str(m.context or ""), str(m.id)): (
            str(m.string or ""),
            m.fuzzy,
            tuple(sorted({location for location, _ in m.locations})),
        )
        for m in catalog
        if m.id
    }


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=76, sort_output=True, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def _write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write *catalog* as a PO file unless *path* already holds the same messages."""
    if path.exists():
        with path.open("rb") as fileobj:
            old = read_po(fileobj, locale=catalog.locale, domain=DOMAIN)
        if _messages(old) == _messages(catalog) and not old.obsolete:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))
    return True


def po_files() -> list[Path]:
    """The translated catalogs, one per locale directory, sorted."""
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def locale_of(po: Path) -> str:
    """The locale a catalog translates into (its directory's name)."""
    return po.parent.parent.name


def read_catalog(po: Path) -> Catalog:
    """Read a translated catalog."""
    with po.open("rb") as fileobj:
        return read_po(fileobj, locale=locale_of(po), domain=DOMAIN)


def extract() -> int:
    """Write the template, if its messages changed."""
    template = extracted()
    changed = _write_if_changed(TEMPLATE, template)
    state = "" if changed else ", unchanged"
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} messages{state}")
    return 0


def update() -> int:
    """Extract, then merge the template into every translated catalog."""
    extract()
    template = extracted()
    for po in po_files():
        catalog = read_catalog(po)
        catalog.update(template)
        changed = _write_if_changed(po, catalog)
        todo = sum(1 for m in catalog if m.id and (m.fuzzy or not m.string))
        state = "updated" if changed else "unchanged"
        print(f"{po.relative_to(ROOT)}: {state}, {todo} to translate or review")
    return 0


def init(locales: Iterable[str]) -> int:
    """Start an empty catalog for each new locale."""
    template = extracted()
    for name in locales:
        po = LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.exists():
            print(f"{po.relative_to(ROOT)} exists: use update", file=sys.stderr)
            return 1
        catalog = Catalog(
            locale=name,
            domain=DOMAIN,
            project=DOMAIN,
            version=version(),
            charset="utf-8",
            header_comment=HEADER.format(language=name),
            revision_date=dt.datetime.now(dt.UTC),
            last_translator="partnerrules developers",
        )
        catalog.update(template)
        _write_if_changed(po, catalog)
        print(f"{po.relative_to(ROOT)}: {len(catalog)} to translate")
    return 0


def compile_catalogs() -> int:
    """Compile every translated catalog to its ``.mo`` (fuzzy entries left out)."""
    for po in po_files():
        catalog = read_catalog(po)
        out = io.BytesIO()
        write_mo(out, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        if not mo.exists() or _compiled(mo) != _compiled_catalog(catalog):
            mo.write_bytes(out.getvalue())
            print(f"{mo.relative_to(ROOT)}: compiled")
        else:
            print(f"{mo.relative_to(ROOT)}: unchanged")
    return 0


def _key(message: Message) -> tuple[str, str]:
    return str(message.context or ""), str(message.id)


def _compiled(mo: Path) -> dict[tuple[str, str], str]:
    with mo.open("rb") as fileobj:
        return {_key(m): str(m.string) for m in read_mo(fileobj) if m.id}


def _compiled_catalog(catalog: Catalog) -> dict[tuple[str, str], str]:
    return {_key(m): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def check() -> int:
    """Report every way the catalogs lag behind the code; 1 if there is any."""
    problems: list[str] = []
    template = extracted()
    ids = {_key(m) for m in template if m.id}
    if not TEMPLATE.exists() or {_key(m) for m in read_catalog(TEMPLATE) if m.id} != ids:
        problems.append(f"{TEMPLATE.relative_to(ROOT)} is stale: run update")
    for po in po_files():
        catalog = read_catalog(po)
        name = po.relative_to(ROOT)
        have = {_key(m) for m in catalog if m.id}
        if have != ids:
            problems.append(
                f"{name}: {len(ids - have)} messages missing, {len(have - ids)} obsolete: "
                "run update"
            )
        todo = sorted(_key(m) for m in catalog if m.id and (m.fuzzy or not m.string))
        problems += [f"{name}: untranslated or fuzzy: {key!r}" for key in todo]
        mo = po.with_suffix(".mo")
        if not mo.exists() or _compiled(mo) != _compiled_catalog(catalog):
            problems.append(f"{mo.relative_to(ROOT)} is not compiled from its .po: run compile")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len(ids)} messages, {len(po_files())} catalogs: up to date")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    """Run the command named in *argv*."""
    commands = {"extract": extract, "update": update, "compile": compile_catalogs, "check": check}
    if len(argv) >= 2 and argv[0] == "init":
        return init(argv[1:])
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
