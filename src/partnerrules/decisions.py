r"""Reasons: how every decision of partnerrules explains itself.

A :class:`Reason` holds three things:

* the id of the rule that was applied (validated against the
  :mod:`~partnerrules.catalogue`, so a typo fails at once);
* an English message *template* with named fields, in :meth:`str.format`
  syntax;
* the *facts*: the typed values (amounts, dates, names, rates) the rule used.

The facts stay typed, never pre-formatted, so the same reason renders in any
locale through Babel (Babel separates ``R$`` from the amount with a
non-breaking space, ``\xa0``, in ``pt_BR``):

>>> import datetime as dt
>>> from decimal import Decimal
>>> from partnerrules.decisions import Reason
>>> from partnerrules.money import Money
>>> reason = Reason.of(
...     "omid.contract.cancellation_fee",
...     "fee {fee} is {rate:%} of the {remaining} left after {effective}",
...     fee=Money("30000", "BRL"),
...     rate=Decimal("0.5"),
...     remaining=Money("60000", "BRL"),
...     effective=dt.date(2026, 7, 1),
... )
>>> str(reason)
'fee R$30,000.00 is 50% of the R$60,000.00 left after Jul 1, 2026'
>>> print(reason.render("pt_BR"))
fee R$\xa030.000,00 is 50% of the R$\xa060.000,00 left after 1 de jul. de 2026

The templates of the library's rules are translated in the Babel message
catalogs that ship with it (:func:`catalog_locales`: ``pt_BR`` and ``ru``), so
a rule's reason renders as a whole Portuguese or Russian sentence. A ``str``
fact that is a word of a programme's vocabulary (a metric, a clock state, a
ticket category) is translated with the sentence: the catalogs hold it with
the fact's name as message context (a sentence left in English keeps its words
in English). Beyond
them, translating is a matter of data, not of rule code: pass a catalog of
your own (``catalog=``, see :meth:`Reason.render`), or a mapping from English
templates to translated ones.

>>> pt = {reason.template: "multa {fee}: {rate:%} do saldo {remaining}"}
>>> print(reason.render("pt_BR", translations=pt))
multa R$\xa030.000,00: 50% do saldo R$\xa060.000,00

How each kind of fact is rendered:

* :class:`~partnerrules.money.Money`: Babel currency format of the locale;
* :class:`~decimal.Decimal` with the ``%`` spec: Babel percent format;
  without a spec, the decimal number in the locale;
* :class:`datetime.datetime`: Babel medium format with the zone name, or the
  CLDR pattern given as spec (``{due:EEE d MMM HH:mm}``);
* :class:`datetime.date`: Babel medium format, or the CLDR pattern given;
* :class:`datetime.timedelta`: exact hours and minutes (``9 h 30 min``; in
  another language with the locale's short unit names, ``9 ч 30 мин``);
* anything else: ``format(value, spec)``.

The locale is always explicit: :meth:`Reason.render` defaults to ``'en_US'``
(so does ``str(reason)``) and never reads the process locale or the
environment. Rendering does not depend on the caller's :mod:`decimal`
context either. A fact that cannot be rendered with its spec (``{name:d}``
for a string, a Decimal beyond ``1E+1000``, an object whose ``__format__``
raises) is reported as an :class:`~partnerrules.errors.InvalidValueError`
naming the fact.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
import re
import string
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from partnerrules import _validate
from partnerrules.catalogue import check_rule_id
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
    _shown,
)
from partnerrules.money import _check_locale, _fixed_context

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["CATALOG_DOMAIN", "Catalog", "Facts", "Reason", "catalog_locales", "format_duration"]

#: The gettext domain of the Reason templates: every compiled catalog is a
#: ``<locale>/LC_MESSAGES/partnerrules.mo`` file under a catalog directory.
CATALOG_DOMAIN: Final = "partnerrules"

#: What :meth:`Reason.render` takes as ``catalog=``: a loaded catalog (a
#: ``babel.support.Translations`` or any ``gettext.NullTranslations``), or a
#: directory of compiled catalogs (a path, or an
#: ``importlib.resources.abc.Traversable`` such as
#: ``importlib.resources.files("my_programme") / "locale"``).
Catalog: TypeAlias = "gettext.NullTranslations | str | os.PathLike[str] | Traversable"

#: A Decimal fact is rendered only within these exponents (a bigger one would
#: spell out that many digits).
_DECIMAL_EXPONENTS: Final = 1000

_Parsed = tuple[tuple[str, str | None, str | None, str | None], ...]


class _MissingFactError(UnknownKeyError, KeyError):
    """A fact name that is not among the facts (also a KeyError, as a Mapping needs)."""


class Facts(Mapping[str, Any]):
    """An immutable, hashable mapping of fact names to typed values.

    Names are strings; values are any hashable objects (a Reason is a
    hashable value, so its facts must be too). A missing name raises an
    :class:`~partnerrules.errors.UnknownKeyError` that is also a
    :class:`KeyError`, as the Mapping protocol expects.

    Raises:
        InvalidTypeError: *items* is not a mapping, a name is not a str, or a
            value is not hashable.

    >>> facts = Facts({"fee": 3, "rate": "0.5"})
    >>> facts["fee"], "rate" in facts, facts.get("other")
    (3, True, None)
    >>> facts["fe"]
    Traceback (most recent call last):
    ...
    partnerrules.decisions._MissingFactError: unknown fact 'fe': did you mean 'fee'?
    """

    __slots__ = ("_index", "_items")

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        if isinstance(items, Facts):
            pairs: list[tuple[str, Any]] = list(items._items)
        elif items is None:
            pairs = []
        elif isinstance(items, Mapping):
            pairs = [_fact(name, value) for name, value in items.items()]
        else:
            raise InvalidTypeError("facts", items, "a mapping of names to values")
        self._index: dict[str, Any] = dict(pairs)
        self._items: tuple[tuple[str, Any], ...] = tuple(
            sorted(self._index.items(), key=lambda pair: pair[0])
        )

    def __getitem__(self, key: str) -> Any:
        name = _plain(key) if isinstance(key, str) else None
        if name is None or name not in self._index:
            raise _MissingFactError("fact", key, self._index)
        return self._index[name]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _plain(key) in self._index

    def get(self, key: object, default: Any = None) -> Any:
        """The value of fact *key*, or *default* if there is none."""
        if not isinstance(key, str):
            return default
        return self._index.get(_plain(key), default)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        try:
            if isinstance(other, Facts):
                return self._items == other._items
            return self._index == dict(other)
        except Exception as exc:  # a fact whose own __eq__ raises
            raise InvalidValueError(
                "facts", self, f"facts whose values compare with == ({type(exc).__name__})"
            ) from exc

    def __repr__(self) -> str:
        shown = ", ".join(f"{name!r}: {_shown(value)}" for name, value in self._items)
        return f"Facts({{{shown}}})"


def _plain(value: str) -> str:
    # A plain str copy: a str subclass's own methods cannot intervene.
    return str.__getitem__(value, slice(None))


def _fact(name: object, value: Any) -> tuple[str, Any]:
    if not isinstance(name, str):
        raise InvalidTypeError("facts", name, "a mapping whose names (keys) are str")
    key = _plain(name)
    try:
        hash(value)
    except Exception:
        raise InvalidTypeError(
            f"facts[{key!r}]", value, "a hashable value (a Reason is hashable)"
        ) from None
    return key, value


def _to_facts(value: Mapping[str, Any] | None) -> Facts:
    if isinstance(value, Facts):
        return value
    return Facts(value)


def _plain_if_str(value: Any) -> Any:
    return _plain(value) if isinstance(value, str) else value


def _parse(field: str, template: str) -> _Parsed:
    """Parse a template, refusing what rendering could not do."""
    try:
        parsed = tuple(string.Formatter().parse(template))
    except ValueError as exc:
        raise InvalidValueError(field, template, f"a str.format template ({exc})") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise InvalidValueError(
                field, template, "a template whose fields are plain names like {fee}"
            )
        if conversion not in (None, "r", "s", "a"):
            raise InvalidValueError(
                field, template, "a template whose conversions are !r, !s or !a"
            )
        if "{" in (spec or ""):
            raise InvalidValueError(
                field, template, "a template whose format specs hold no nested {fields}"
            )
    return parsed


def _check_names(field: str, template: str, parsed: _Parsed, facts: Facts) -> None:
    missing = sorted({name for _, name, _, _ in parsed if name is not None and name not in facts})
    if missing:
        raise InvalidValueError(
            field,
            template if field != "facts" else sorted(facts),
            f"a mapping that includes {', '.join(repr(m) for m in missing)} "
            "(every field the template names)"
            if field == "facts"
            else f"a template naming only the facts given (not {', '.join(map(repr, missing))})",
        )


def _check_rule_id(_instance: Any, _attribute: Any, value: Any) -> None:
    check_rule_id(value)


@attrs.frozen
class Reason:
    """Why a rule decided what it did: a rule id, a template and the facts.

    Build one with :meth:`of`, which takes the facts as keyword arguments.
    Every field the template names must be among the facts; more facts than
    the sentence uses are welcome (they are there for programs).

    The rule id is one of the catalogue's or a caller programme's own
    namespaced id (see :func:`partnerrules.catalogue.check_rule_id`).

    Raises:
        InvalidTypeError: the rule id or template is not a str, the facts not a
            mapping with str names, or a fact not hashable.
        UnknownKeyError: an id in a source programme's namespace that the
            catalogue lacks (a typo).
        InvalidValueError: a malformed rule id, a malformed template, or a
            template naming a fact that was not given.
    """

    rule_id: str = attrs.field(converter=_plain_if_str, validator=_check_rule_id)
    template: str = attrs.field(
        converter=_plain_if_str, validator=_validate.attrs_validator(_validate.text)
    )
    facts: Facts = attrs.field(factory=Facts, converter=_to_facts)

    def __attrs_post_init__(self) -> None:
        _check_names("facts", self.template, _parse("template", self.template), self.facts)

    @classmethod
    def of(cls, rule_id: str, template: str, /, **facts: Any) -> Reason:
        """Build a reason from its rule id, template and facts as keywords."""
        return cls(rule_id, template, Facts(facts))

    def render(
        self,
        locale: str = "en_US",
        *,
        translations: Mapping[str, str] | None = None,
        catalog: Catalog | None = None,
    ) -> str:
        """Render the sentence in *locale*: its translated template, then the facts.

        The template is looked up, in this order, in *translations*, in the
        caller's *catalog*, then in the catalogs shipped with partnerrules
        (see :func:`catalog_locales`); a template none of them translates is
        rendered in English. The facts are formatted for *locale* whatever
        the language of the template.

        Args:
            locale: a Babel locale identifier such as ``'pt_BR'`` or ``'ru_RU'``
                (``'en_US'`` by default; never the process locale).
            translations: English template to translated template. A
                translation may use only the facts of the reason.
            catalog: the caller's own catalog, for the templates of its own
                rules or to reword ours: a loaded
                ``babel.support.Translations`` (used whatever the
                locale), or a directory holding
                ``<locale>/LC_MESSAGES/partnerrules.mo`` files (read once per
                process, then cached). A directory without a catalog for
                *locale* leaves the template to the shipped catalogs.

        Raises:
            InvalidTypeError: *locale* is not a str, *translations* not a
                mapping, *catalog* not a catalog or directory, or a
                translation not a str.
            UnknownKeyError: *locale* is not a locale Babel knows.
            InvalidValueError: a translation is malformed or names an unknown
                fact, *catalog* is not a directory or holds a file that is not
                a compiled catalog, or a fact cannot be rendered with its spec.

        >>> reason = Reason.of("money.brl.exact", "{n:d} parts", n=3)
        >>> reason.render("pt_BR", translations={"{n:d} parts": "{n:d} partes"})
        '3 partes'
        >>> reason.render("pt_BR", translations={"{n:d} parts": "{m} partes"})
        Traceback (most recent call last):
        ...
        partnerrules.errors.InvalidValueError: "translations['{n:d} parts']" must be ...
        """
        babel_locale = _check_locale(locale)
        identifier = str(babel_locale)
        catalogs = tuple(
            found
            for found in (_caller_catalog(catalog, identifier), _shipped_catalog(identifier))
            if found is not None
        )
        template, field = self._translated(translations, catalogs)
        parsed = _parse(field, template)
        _check_names(field, template, parsed, self.facts)
        # The words of a vocabulary are translated with the sentence, never into an English one.
        words = catalogs if field != "template" else ()
        out = []
        with _fixed_context():
            for literal, name, spec, conversion in parsed:
                out.append(literal)
                if name is not None:
                    value = self.facts[name]
                    if words and conversion is None and type(value) is str:
                        value = _word(words, name, value)
                    out.append(_render_fact(name, value, spec or "", conversion, babel_locale))
        return "".join(out)

    def _translated(
        self, translations: object, catalogs: tuple[gettext.NullTranslations, ...]
    ) -> tuple[str, str]:
        """The template to render, and the name errors give it."""
        template = self.template
        if translations is not None:
            if not isinstance(translations, Mapping):
                raise InvalidTypeError(
                    "translations", translations, "a mapping of English templates to translations"
                )
            translated = translations.get(template)
            if translated is not None:
                field = f"translations[{template!r}]"
                return _text(field, translated), field
        field = f"catalog[{template!r}]"
        for found in catalogs:
            translated = _lookup(found, template, field)
            if translated != template:
                return translated, field
        return template, "template"

    def __str__(self) -> str:
        return self.render()


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "a str template")
    return _plain(value)


# -- catalogs -------------------------------------------------------------------------------
_NAME = re.compile(r"[A-Za-z0-9_]+")


@functools.lru_cache(maxsize=256)
def _candidates(identifier: str) -> tuple[str, ...]:
    """Catalog directory names to try for a Babel locale identifier, best first.

    The identifier itself, then language and territory, then the language,
    then the language's likely territory in CLDR (``pt`` is ``pt_BR``): a
    Portuguese locale without a catalog of its own (``pt_PT``) reads the
    Brazilian one, a Russian one (``ru_RU``, ``ru_UA``) the ``ru`` one.
    """
    from babel.core import Locale, get_global, parse_locale

    locale = Locale.parse(identifier)
    names = [identifier]
    if locale.territory:
        names.append(f"{locale.language}_{locale.territory}")
    names.append(locale.language)
    likely = get_global("likely_subtags").get(locale.language)
    if likely:
        parts = parse_locale(likely)
        language, territory = parts[0], parts[1]
        names.append(f"{language}_{territory}" if territory else language)
    return tuple(dict.fromkeys(n for n in names if _NAME.fullmatch(n)))


def _read_catalog(file: Traversable) -> gettext.NullTranslations:
    from babel.support import Translations

    try:
        with file.open("rb") as fp:
            loaded: gettext.NullTranslations = Translations(fp, domain=CATALOG_DOMAIN)
    except Exception as exc:
        raise InvalidValueError(
            "catalog", str(file), f"a compiled catalog (.mo) Babel can read ({type(exc).__name__})"
        ) from exc
    return loaded


def _find_catalog(directory: Traversable, locale: str) -> gettext.NullTranslations | None:
    for name in _candidates(locale):
        file = directory.joinpath(name, "LC_MESSAGES", f"{CATALOG_DOMAIN}.mo")
        if file.is_file():
            return _read_catalog(file)
    return None


@functools.lru_cache(maxsize=64)
def _shipped_catalog(locale: str) -> gettext.NullTranslations | None:
    """The catalog shipped with partnerrules for *locale*, if any (loaded once)."""
    return _find_catalog(files("partnerrules").joinpath("locale"), locale)


@functools.lru_cache(maxsize=64)
def _directory_catalog(directory: Path, locale: str) -> gettext.NullTranslations | None:
    return _find_catalog(directory, locale)


def _caller_catalog(catalog: object, locale: str) -> gettext.NullTranslations | None:
    """The caller's catalog for *locale*: as given, or found in its directory."""
    if catalog is None:
        return None
    if isinstance(catalog, gettext.NullTranslations):
        return catalog
    expected = f"a directory of compiled catalogs (<locale>/LC_MESSAGES/{CATALOG_DOMAIN}.mo)"
    try:
        if isinstance(catalog, str | os.PathLike):
            path = os.fspath(catalog)
            if not isinstance(path, str):
                raise InvalidTypeError("catalog", catalog, "a str path, not bytes")
            directory: Traversable = Path(path)
        elif isinstance(catalog, Traversable):
            directory = catalog
        else:
            raise InvalidTypeError(
                "catalog",
                catalog,
                "a babel.support.Translations or a directory of compiled catalogs",
            )
        if not directory.is_dir():
            raise InvalidValueError("catalog", catalog, expected)
        if isinstance(directory, Path):
            return _directory_catalog(directory.resolve(), locale)
        return _find_catalog(directory, locale)
    except PartnerRulesError:
        raise
    except Exception as exc:  # an unreadable directory, a path or Traversable that raises
        raise InvalidValueError(
            "catalog", catalog, f"{expected} that can be read ({type(exc).__name__})"
        ) from exc


def _lookup(
    catalog: gettext.NullTranslations, template: str, field: str, context: str | None = None
) -> str:
    """The translation of *template* (in *context*) in *catalog*, or *template* itself."""
    try:
        found = (
            catalog.gettext(template) if context is None else catalog.pgettext(context, template)
        )
    except Exception as exc:  # a caller's catalog whose gettext raises
        raise InvalidValueError(
            "catalog", catalog, f"a catalog whose gettext works ({type(exc).__name__})"
        ) from exc
    return _text(field, found)


def _word(catalogs: tuple[gettext.NullTranslations, ...], name: str, value: str) -> str:
    """A word of a vocabulary, translated: the catalogs hold it in the context *name*."""
    value = _plain(value)
    for found in catalogs:
        translated = _lookup(found, value, f"catalog[{name!r}, {value!r}]", context=name)
        if translated != value:
            return translated
    return value


def catalog_locales() -> tuple[str, ...]:
    """The locales whose catalogs ship with partnerrules, sorted.

    :meth:`Reason.render` reads them with no setup: a reason renders in
    whole ``pt_BR`` or ``ru`` sentences (and a locale of the same language,
    such as ``ru_RU`` or ``pt_PT``, reads the same catalog).

    >>> catalog_locales()
    ('pt_BR', 'ru')
    """
    root = files("partnerrules").joinpath("locale")
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.joinpath("LC_MESSAGES", f"{CATALOG_DOMAIN}.mo").is_file()
        )
    )


def format_duration(value: dt.timedelta) -> str:
    """Render a duration exactly, in hours, minutes and seconds.

    Microseconds round to the nearest second (half to even).

    Raises:
        InvalidTypeError: *value* is not a :class:`datetime.timedelta`.

    >>> format_duration(dt.timedelta(hours=9, minutes=30))
    '9 h 30 min'
    >>> format_duration(dt.timedelta(days=-2))
    '-48 h'
    >>> format_duration(dt.timedelta(0))
    '0 min'
    """
    if not isinstance(value, dt.timedelta):
        raise InvalidTypeError("value", value, "a datetime.timedelta")
    sign, hours, minutes, seconds = _duration_parts(value)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if seconds:
        parts.append(f"{seconds} s")
    return sign + (" ".join(parts) if parts else "0 min")


def _duration_parts(value: dt.timedelta) -> tuple[str, int, int, int]:
    """Sign, hours, minutes and seconds of *value*, rounded to the second (half to even)."""
    micro = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    total, rest = divmod(micro, 1_000_000)
    if rest > 500_000 or (rest == 500_000 and total % 2):
        total += 1
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    return sign, hours, minutes, seconds


def _format_duration_in(value: dt.timedelta, locale: Locale) -> str:
    """:func:`format_duration` with the short unit names of *locale* (``9 ч 30 мин``).

    English keeps ``h``, ``min`` and ``s``, as :func:`format_duration` writes them.
    """
    if locale.language == "en":
        return format_duration(value)
    from babel.units import format_unit

    sign, hours, minutes, seconds = _duration_parts(value)
    units = (("duration-hour", hours), ("duration-minute", minutes), ("duration-second", seconds))
    parts = [
        str(format_unit(amount, unit, length="short", locale=locale))
        for unit, amount in units
        if amount
    ]
    if not parts:
        parts = [str(format_unit(0, "duration-minute", length="short", locale=locale))]
    return sign + " ".join(parts)


_CONVERSIONS: Final[dict[str, Callable[[object], str]]] = {"r": repr, "s": str, "a": ascii}


def _render_fact(name: str, value: Any, spec: str, conversion: str | None, locale: Locale) -> str:
    field = (
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    )
    try:
        if conversion is not None:
            value = _CONVERSIONS[conversion](value)
        return _format_fact(value, spec, locale)
    except PartnerRulesError:
        raise
    except Exception as exc:
        raise InvalidValueError(
            f"facts[{name!r}]", value, f"a value that {field} can render ({type(exc).__name__})"
        ) from exc


def _format_fact(value: Any, spec: str, locale: Locale) -> str:
    from babel import dates, numbers

    from partnerrules.money import Money

    if isinstance(value, Money):
        return value.format(locale.__str__())
    if isinstance(value, Decimal):
        value = Decimal(value)  # the base type: a subclass's methods cannot intervene
        if value.is_finite() and value and abs(value.adjusted()) > _DECIMAL_EXPONENTS:
            raise ValueError("Decimal beyond 1E+1000 or below 1E-1000")
        if spec == "%":
            return str(numbers.format_percent(value, locale=locale, format="#,##0.##%"))
        if not spec:
            return str(numbers.format_decimal(value, locale=locale, decimal_quantization=False))
    if isinstance(value, dt.datetime):
        return str(
            dates.format_datetime(value, spec or "medium", tzinfo=value.tzinfo, locale=locale)
        )
    if isinstance(value, dt.date):
        return str(dates.format_date(value, spec or "medium", locale=locale))
    if isinstance(value, dt.timedelta):
        return _format_duration_in(value, locale)
    return str.__str__(format(value, spec))
