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

Translating the sentence itself is a matter of data, not of rule code: pass a
mapping from English templates to translated ones.

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
* :class:`datetime.timedelta`: exact hours and minutes (``9 h 30 min``);
* anything else: ``format(value, spec)``.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules.catalogue import check_rule_id
from partnerrules.errors import InvalidTypeError, InvalidValueError

__all__ = ["Facts", "Reason", "format_duration"]


class Facts(Mapping[str, Any]):
    """An immutable, hashable mapping of fact names to typed values."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items: tuple[tuple[str, Any], ...] = tuple(sorted((items or {}).items()))

    def __getitem__(self, key: str) -> Any:
        for name, value in self._items:
            if name == key:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Facts):
            return self._items == other._items
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Facts({dict(self._items)!r})"


def _to_facts(value: Mapping[str, Any] | None) -> Facts:
    if isinstance(value, Facts):
        return value
    if value is None:
        return Facts()
    if not isinstance(value, Mapping):
        raise InvalidTypeError("facts", value, "a mapping of names to values")
    return Facts(value)


def _template_fields(template: str) -> list[str]:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise InvalidValueError("template", template, f"a str.format template ({exc})") from None
    fields = []
    for _, name, _, _ in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise InvalidValueError(
                "template", template, "a template whose fields are plain names like {fee}"
            )
        fields.append(name)
    return fields


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
        UnknownKeyError: an id in a source programme's namespace that the
            catalogue lacks (a typo).
        InvalidValueError: a malformed rule id, or the template names a fact
            that was not given.
    """

    rule_id: str = attrs.field(validator=_check_rule_id)
    template: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    facts: Facts = attrs.field(factory=Facts, converter=_to_facts)

    def __attrs_post_init__(self) -> None:
        missing = [name for name in _template_fields(self.template) if name not in self.facts]
        if missing:
            raise InvalidValueError(
                "facts",
                sorted(self.facts),
                f"a mapping that includes {', '.join(repr(m) for m in missing)} "
                "(every field the template names)",
            )

    @classmethod
    def of(cls, rule_id: str, template: str, /, **facts: Any) -> Reason:
        """Build a reason from its rule id, template and facts as keywords."""
        return cls(rule_id, template, Facts(facts))

    def render(
        self, locale: str = "en_US", *, translations: Mapping[str, str] | None = None
    ) -> str:
        """Render the sentence in *locale*, optionally with a translated template.

        Args:
            locale: a Babel locale identifier such as ``'pt_BR'`` or ``'ru_RU'``.
            translations: English template to translated template; a template
                with no entry is rendered in English.
        """
        template = (translations or {}).get(self.template, self.template)
        return _FactFormatter(locale).vformat(template, (), dict(self.facts))

    def __str__(self) -> str:
        return self.render()


def format_duration(value: dt.timedelta) -> str:
    """Render a duration exactly, in days, hours, minutes and seconds.

    >>> format_duration(dt.timedelta(hours=9, minutes=30))
    '9 h 30 min'
    >>> format_duration(dt.timedelta(days=-2))
    '-48 h'
    >>> format_duration(dt.timedelta(0))
    '0 min'
    """
    total = round(value.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if seconds:
        parts.append(f"{seconds} s")
    return sign + (" ".join(parts) if parts else "0 min")


class _FactFormatter(string.Formatter):
    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        from babel import dates, numbers

        from partnerrules.money import Money

        if isinstance(value, Money):
            return value.format(self.locale)
        if isinstance(value, Decimal) and format_spec == "%":
            return str(numbers.format_percent(value, locale=self.locale, format="#,##0.##%"))
        if isinstance(value, Decimal) and not format_spec:
            return str(
                numbers.format_decimal(value, locale=self.locale, decimal_quantization=False)
            )
        if isinstance(value, dt.datetime):
            return str(
                dates.format_datetime(
                    value, format_spec or "medium", tzinfo=value.tzinfo, locale=self.locale
                )
            )
        if isinstance(value, dt.date):
            return str(dates.format_date(value, format_spec or "medium", locale=self.locale))
        if isinstance(value, dt.timedelta):
            return format_duration(value)
        return format(value, format_spec)
