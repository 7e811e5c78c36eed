"""Programmes as values: a partner programme's rules, SLA policy and commission plan.

A :class:`Programme` is one immutable value: a namespace (``"acme"``), the
source document it encodes, the rules it declares (id, section, one-line
statement) and the parts the rule functions take as parameters: an
:class:`~partnerrules.sla.SlaPolicy` (its clock any
:class:`~partnerrules.calendars.BusinessCalendar`, its windows in minutes,
hours or business days) and a :class:`~partnerrules.commission.CommissionPlan`
(a tier schedule and campaigns). The five source programmes are
:data:`SOURCE_PROGRAMMES`; a caller's own programme is built in code or loaded
from a TOML or JSON file with :func:`partnerrules.policies.load`.

The catalogue of rule ids is the union of the programmes in use
(:func:`catalogue_of`): a caller's programme brings its own ids, and its
Reasons cite them.

>>> [p.id for p in SOURCE_PROGRAMMES]
['omid', 'zoho', 'appb', 'mcs', 'aws']
>>> ZOHO.sla.rule_id in ZOHO.rule_ids
True
>>> len(catalogue_of(SOURCE_PROGRAMMES))
38
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules.catalogue import RULES, Rule, check_rule_id
from partnerrules.commission import CommissionPlan
from partnerrules.errors import InvalidValueError, UnknownKeyError
from partnerrules.policies import omid as _omid
from partnerrules.sla import APPENDIX_B as _APPENDIX_B_SLA
from partnerrules.sla import ZOHO as _ZOHO_SLA
from partnerrules.sla import SlaPolicy

__all__ = [
    "APPENDIX_B",
    "AWS_ACE",
    "MCS",
    "OMID",
    "SOURCE_PROGRAMMES",
    "ZOHO",
    "Programme",
    "catalogue_of",
]

_NAMESPACE = re.compile(r"[a-z][a-z0-9_]*")


def _namespace(_instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not str or not _NAMESPACE.fullmatch(value) or len(value) > 64:
        raise InvalidValueError(
            attribute.name, value, "a lower-case identifier such as 'acme' (the rule-id namespace)"
        )


def _rules(value: object) -> tuple[Rule, ...]:
    items = _validate.items("rules", value, "an iterable of Rule")
    for item in items:
        _validate.instance("rules", item, Rule)
        check_rule_id(item.id, field="rules")
    return items


def _optional(kind: type) -> Any:
    def check(_instance: Any, attribute: Any, value: object) -> None:
        if value is not None:
            _validate.instance(attribute.name, value, kind, f"a {kind.__name__} or None")

    return check


@attrs.frozen
class Programme:
    """One partner programme: its rules and the policy values its rule functions take.

    Attributes:
        id: the namespace of its rule ids (``"acme"`` for ``acme.sla.first_response``).
        name: a short name for people (``"Acme partner programme"``).
        source: the document it encodes (a title, a URL, a contract number).
        rules: the rules it declares, each with its id, section and statement.
            A caller's ids live in its own namespace; the namespaces of the
            source programmes are closed (see
            :func:`~partnerrules.catalogue.check_rule_id`).
        sla: its SLA policy, if it has one; the policy's rule id is one of
            ``rules``.
        commission: its commission plan, if it has one; every campaign's
            rule id is one of ``rules``.

    Raises:
        InvalidValueError: a malformed namespace, a rule declared twice, or a
            policy citing a rule the programme does not declare.
        InvalidTypeError: a part of the wrong type.
    """

    id: str = attrs.field(validator=_namespace)
    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    source: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    sla: SlaPolicy | None = attrs.field(default=None, kw_only=True, validator=_optional(SlaPolicy))
    commission: CommissionPlan | None = attrs.field(
        default=None, kw_only=True, validator=_optional(CommissionPlan)
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for r in self.rules:
            if r.id in seen:
                raise InvalidValueError("rules", r.id, "each rule id declared once")
            seen.add(r.id)
        cited = [("sla.rule_id", self.sla.rule_id)] if self.sla is not None else []
        if self.commission is not None:
            cited += [("commission.campaigns", c.rule_id) for c in self.commission.campaigns]
            cited.append(("commission.tier_rule", self.commission.tier_rule))
        for field, rule_id in cited:
            if rule_id not in seen:
                raise UnknownKeyError(
                    field,
                    rule_id,
                    sorted(seen),
                    hint=f"declare it among the rules of programme {self.id!r}",
                )

    @property
    def rule_ids(self) -> frozenset[str]:
        """The ids of the rules the programme declares."""
        return frozenset(r.id for r in self.rules)

    def rule(self, rule_id: str) -> Rule:
        """Return the declared rule *rule_id*.

        Raises:
            UnknownKeyError: the programme declares no such rule (with close matches).
        """
        if isinstance(rule_id, str):  # only a str is compared: no value's own __eq__ runs
            key = str.__getitem__(rule_id, slice(None))
            for r in self.rules:
                if r.id == key:
                    return r
        raise UnknownKeyError("rule_id", rule_id, [r.id for r in self.rules])


def catalogue_of(programmes: Iterable[Programme]) -> Mapping[str, Rule]:
    """Return the catalogue of the programmes in use: every declared rule by id.

    A rule id declared by two programmes must be the same rule.

    >>> from partnerrules.catalogue import Rule
    >>> acme = Programme("acme", "Acme", "Acme partner guide", [
    ...     Rule("acme.sla.first_response", "Acme partner guide", "§2", "First response in 4 h.",
    ...          "sla")])
    >>> sorted(catalogue_of([acme, ZOHO]))[:2]
    ['acme.sla.first_response', 'zoho.basic_requests.overload']

    Raises:
        InvalidTypeError: not an iterable of :class:`Programme`.
        InvalidValueError: one id declared as two different rules.
    """
    found: dict[str, Rule] = {}
    for p in _validate.items("programmes", programmes, "an iterable of Programme"):
        _validate.instance("programmes", p, Programme)
        for r in p.rules:
            if r.id in found and found[r.id] != r:
                raise InvalidValueError(
                    "programmes", r.id, "one rule per id across the programmes in use"
                )
            found[r.id] = r
    return MappingProxyType(found)


def _declared(document: str) -> tuple[Rule, ...]:
    return tuple(r for r in RULES if r.document == document)


def _source(document: str) -> str:
    from partnerrules.catalogue import SOURCES

    return SOURCES[document]


#: Omid Cloud partner programme, module 007 (seed 000): commission, contracts, support.
OMID = Programme(
    "omid",
    "Omid Cloud",
    _source("omid"),
    _declared("omid"),
    commission=_omid.COMMISSION_PLAN,
)
#: Zoho partner support (seed 001): severities, the SLA matrix, escalation, offerings.
ZOHO = Programme("zoho", "Zoho", _source("zoho"), _declared("zoho"), sla=_ZOHO_SLA)
#: "Appendix B - Support" (seed 003): hours, first response, levels, status page.
APPENDIX_B = Programme(
    "appb", "Appendix B", _source("appb"), _declared("appb"), sla=_APPENDIX_B_SLA
)
#: Mail.ru Cloud Solutions partner programme (seed 002): income, deal protection, marketplace.
MCS = Programme("mcs", "Mail.ru Cloud Solutions", _source("mcs"), _declared("mcs"))
#: AWS ACE co-sell guide (seed 004): customer segments, opportunity readiness.
AWS_ACE = Programme("aws", "AWS ACE", _source("aws"), _declared("aws"))

#: The five source programmes, in catalogue order.
SOURCE_PROGRAMMES: tuple[Programme, ...] = (OMID, ZOHO, APPENDIX_B, MCS, AWS_ACE)
