"""The catalogue of policy rules partnerrules knows about.

Each :class:`Rule` has a stable id (``omid.contract.cancellation_fee``), the
source document and section it comes from, and a one-line statement. The id is
the contract between the policies, the code, the tests and the docs: every
:class:`~partnerrules.decisions.Reason` names one, and a
:class:`~partnerrules.decisions.Reason` with an id that is not here cannot be
built.

>>> from partnerrules.catalogue import rule
>>> r = rule("omid.contract.cancellation_fee")
>>> r.source, r.section
('Omid Cloud partner programme, module 007', '§4.1')
>>> rule("omid.contract.cancelation_fee")
Traceback (most recent call last):
...
partnerrules.errors.UnknownKeyError: unknown rule_id 'omid.contract.cancelation_fee': ...

Which public function applies each rule is not written down by hand: it is
found by :func:`implementations`, which reads the docstrings of the rule
modules, so the catalogue page of the docs and ``partnerrules catalogue``
always agree with the code.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from collections.abc import Mapping

import attrs

from partnerrules import _validate
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError

__all__ = [
    "ASKED_AT",
    "RESERVED_NAMESPACES",
    "RULES",
    "RULE_MODULES",
    "SOURCES",
    "Rule",
    "check_rule_id",
    "implementations",
    "rule",
    "rule_ids",
]

#: Source documents, by the short key a :class:`Rule` cites them with.
SOURCES: Mapping[str, str] = {
    "omid": "Omid Cloud partner programme, module 007",
    "zoho": "Zoho partner support",
    "mcs": "Mail.ru Cloud Solutions partner programme",
    "appb": "Appendix B - Support",
    "aws": "AWS ACE co-sell guide",
}


#: The decisive instant of a rule that names none: the instant it is asked about.
ASKED_AT = "the instant the rule is asked about"

_WELL_FORMED = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
_TEXT = _validate.attrs_validator(_validate.text)


def _well_formed(value: object, field: str) -> str:
    """A str that is a dotted lower-case id of at least two parts (at most 200 characters)."""
    if type(value) is not str:
        raise InvalidTypeError(field, value, "a str such as 'acme.sla.first_response'")
    if len(value) > 200 or not _WELL_FORMED.fullmatch(value):
        raise InvalidValueError(
            field,
            value,
            "a dotted lower-case id of at least two parts, such as 'acme.sla.first_response'",
        )
    return value


@attrs.frozen
class Rule:
    """One policy rule of the catalogue.

    Attributes:
        id: the stable rule id, dotted lower case (``omid.tier.by_annual_tcv``).
        document: the key of the source document in :data:`SOURCES`, or the
            title of a caller programme's own document.
        section: the section of the source that states the rule.
        statement: the rule in one English sentence.
        module: the partnerrules module that implements it.
        decisive: the instant that decides which version of the programme
            applies (see :mod:`partnerrules.versions`), in words: for the
            source rules, the one the policy makes decisive (a sale's
            signature for its commission, a ticket's opening for its SLA);
            for a caller's rule, by default the instant the rule is asked
            about.
    """

    id: str = attrs.field(validator=_validate.attrs_validator(lambda f, v: _well_formed(v, f)))
    document: str = attrs.field(validator=_TEXT)
    section: str = attrs.field(validator=_TEXT)
    statement: str = attrs.field(validator=_TEXT)
    module: str = attrs.field(validator=_TEXT)
    decisive: str = attrs.field(default=ASKED_AT, kw_only=True, validator=_TEXT)

    @property
    def source(self) -> str:
        """The full name of the source document."""
        return SOURCES.get(self.document, self.document)


def _r(id: str, document: str, section: str, module: str, statement: str) -> Rule:
    return Rule(
        id=id,
        document=document,
        section=section,
        statement=statement,
        module=module,
        decisive=_DECISIVE[id],
    )


_SIGNED = "the sale's signature (Sale.signed_at)"
_CONTRACT = "the contract's start, 00:00 in São Paulo (its terms are fixed from then)"
_OPENED = "the ticket's opening (Ticket.opened_at), or a policy change in its history"
_REQUEST = "the request's submission (the instant it is checked)"

#: The decisive instant of each source rule (the :attr:`Rule.decisive` of :data:`RULES`).
_DECISIVE: Mapping[str, str] = {
    "omid.tier.by_annual_tcv": _SIGNED,
    "omid.campaign.first_sale_diamond": _SIGNED,
    "omid.commission.paid_on_collection": _SIGNED,
    "omid.awards.sales_trip": "the signatures of the year's sales (Sale.signed_at)",
    "omid.awards.top_mrr_car": "the signatures of the year's sales (Sale.signed_at)",
    "mcs.income.resale_margin": "the deal's signature with the customer",
    "mcs.income.agency_fee": "the vendor's signature of the deal",
    "money.brl.exact": "none: a law of exact money, the same in every version",
    "omid.contract.terms": _CONTRACT,
    "omid.contract.cancellation_fee": _CONTRACT,
    "omid.contract.resource_pool": _CONTRACT,
    "omid.contract.addendum_coterm": "the original contract's start (the addendum co-terms)",
    "omid.contract.fixed_link_traffic": _CONTRACT,
    "omid.residency.brazil_only": _CONTRACT,
    "omid.responsibility.matrix": _CONTRACT,
    "calendar.business_time": "the instant business time is counted from",
    "zoho.severity.classify": _OPENED,
    "zoho.sla.matrix": _OPENED,
    "zoho.sla.weekday_clock": _OPENED,
    "zoho.triage.priority": "the instant the queue is ordered",
    "zoho.basic_requests.overload": "the end of the counting window",
    "zoho.escalation.eligibility": "the escalation's request",
    "zoho.escalation.directory": "the escalation's request",
    "zoho.priority_support.large_accounts": "the account's verification",
    "zoho.offerings.entitlements": "the instant the entitlement is checked",
    "zoho.request.completeness": _REQUEST,
    "zoho.scope": _REQUEST,
    "appb.support.hours": _OPENED,
    "appb.first_response.one_business_day": _OPENED,
    "appb.support.levels": _OPENED,
    "appb.status_page.update": "each status-page update",
    "omid.support.always_on": _OPENED,
    "mcs.deal.protection": "the registration's latest status update (or its registration)",
    "mcs.deal.protection_required": "the deal's registration",
    "mcs.partner.kinds": "the partner's admission to the programme",
    "mcs.marketplace.listing": "each step's transition",
    "aws.ace.readiness": "the opportunity's submission (the check's instant)",
    "aws.segment.classify": "the instant the customer is classified",
}


#: Every rule, in catalogue order.
RULES: tuple[Rule, ...] = (
    # -- commission -------------------------------------------------------
    _r("omid.tier.by_annual_tcv", "omid", "§7.1, §7.2, §10", "commission",
       "A partner's tier follows the total contract value it signed in the calendar year."),
    _r("omid.campaign.first_sale_diamond", "omid", "§2.2", "commission",
       "The first sale of each calendar year earns the Diamond rate of 16% on its value."),
    _r("omid.commission.paid_on_collection", "omid", "§2.2", "commission",
       "Commission is released as the customer pays its invoices, to the centavo."),
    _r("omid.awards.sales_trip", "omid", "§9.1", "commission",
       "Sales highlights win resort passes, granted in pairs, travelled February-March."),
    _r("omid.awards.top_mrr_car", "omid", "§9.2", "commission",
       "The partner with the largest MRR signed in the year wins a car; ties are reported."),
    _r("mcs.income.resale_margin", "mcs", "distributor and reseller scheme", "commission",
       "A reseller earns the resale price minus the purchase price."),
    _r("mcs.income.agency_fee", "mcs", "distributor and reseller scheme", "commission",
       "An agent earns a caller-given fee rate on the deal the vendor signs."),
    # -- money and contracts ---------------------------------------------
    _r("money.brl.exact", "omid", "§3.4", "money",
       "Amounts are exact decimals in reais, rounded half-even to centavos, never floats."),
    _r("omid.contract.terms", "omid", "§4, §7", "contracts",
       "A contract's end date, TCV, ACV and monthly invoices derive from its terms."),
    _r("omid.contract.cancellation_fee", "omid", "§4.1", "contracts",
       "Early cancellation costs 50% of the remaining contract value."),
    _r("omid.contract.resource_pool", "omid", "§4.2", "contracts",
       "Resources may be reconfigured freely while the committed monthly value is kept."),
    _r("omid.contract.addendum_coterm", "omid", "§4.3", "contracts",
       "Added services keep the original discount and end with the original contract."),
    _r("omid.contract.fixed_link_traffic", "omid", "§3.4", "contracts",
       "Data traffic costs a fixed price per link, whatever the volume."),
    _r("omid.residency.brazil_only", "omid", "§3.6, §3.7", "contracts",
       "Data is placed only in the São Paulo and Rio de Janeiro datacentres."),
    _r("omid.responsibility.matrix", "omid", "§5.1, §5.2", "contracts",
       "Each duty belongs either to the partner or to Omid."),
    # -- support SLAs ----------------------------------------------------
    _r("calendar.business_time", "appb", "Disponibilidade de suporte; Zoho commitment",
       "calendars",
       "Business time is real elapsed time inside a calendar's open hours, minus holidays."),
    _r("zoho.severity.classify", "zoho", "Gravidade e outras definições", "sla",
       "Severity 1, 2 or 3 follows the business impact; limitations and requests are exempt."),
    _r("zoho.sla.matrix", "zoho", "Compromisso do Suporte ao parceiro", "sla",
       "Each severity has acknowledgement and problem-determination windows."),
    _r("zoho.sla.weekday_clock", "zoho", "Compromisso do Suporte ao parceiro", "sla",
       "The clock runs 24 hours on weekdays; downtime, outage and login cases run 24x7."),
    _r("zoho.triage.priority", "zoho", "Compromisso do Suporte ao parceiro", "sla",
       "Tickets are served by severity, then partner level, then opening time."),
    _r("zoho.basic_requests.overload", "zoho", "Compromisso do Suporte ao parceiro", "sla",
       "Too many basic requests from one partner notify its account manager."),
    _r("zoho.escalation.eligibility", "zoho", "Quando um escalonamento deve ser iniciado?",
       "sla", "A partner with a valid contract may escalate on the listed grounds."),
    _r("zoho.escalation.directory", "zoho", "Diferentes níveis de escalonamento", "sla",
       "Each country maps to a region with an ordered escalation path."),
    _r("zoho.priority_support.large_accounts", "zoho", "Suporte prioritário", "sla",
       "Verified accounts above a per-country licence count get priority support."),
    _r("zoho.offerings.entitlements", "zoho", "Ofertas de Suporte ao parceiro", "sla",
       "Each partner level is entitled to a fixed set of support features."),
    _r("zoho.request.completeness", "zoho", "Modelo de e-mail", "sla",
       "A support request must carry every field of the e-mail template."),
    _r("zoho.scope", "zoho", "Gama de Suporte ao parceiro", "sla",
       "Some kinds of help are in scope of partner support and some are not."),
    _r("appb.support.hours", "appb", "Disponibilidade de suporte", "sla",
       "Support is open Monday-Friday 09:00-18:00 local time except local holidays."),
    _r("appb.first_response.one_business_day", "appb", "Tempo de Resposta Inicial", "sla",
       "The first contact is answered within one business day."),
    _r("appb.support.levels", "appb", "Estrutura de Serviços de Suporte Técnico", "sla",
       "Customer service, technical solutions and product specialists, in that order."),
    _r("appb.status_page.update", "appb", "Página de Status", "sla",
       "Status-page updates during a critical incident are complete and regular."),
    _r("omid.support.always_on", "omid", "§5.2, §3.3", "sla",
       "Omid's technical support runs around the clock."),
    # -- deals -----------------------------------------------------------
    _r("mcs.deal.protection", "mcs", "Конфликт интересов", "deals",
       "A registered deal stays protected while its status is updated within 3 months."),
    _r("mcs.deal.protection_required", "mcs", "Конфликт интересов", "deals",
       "Resale and agency deals of distributors and resellers must be registered."),
    _r("mcs.partner.kinds", "mcs", "Кто наши партнеры", "deals",
       "Partners are software makers, integrators, distributors or consultancies."),
    _r("mcs.marketplace.listing", "mcs", "Размещение ПО в Marketplace", "deals",
       "A marketplace listing passes through its steps in order, each with its data."),
    _r("aws.ace.readiness", "aws", "Quando Enviar uma Oportunidade ACE", "deals",
       "An opportunity is ready for ACE only when every criterion holds."),
    _r("aws.segment.classify", "aws", "Segmentação de Clientes", "deals",
       "A customer falls in one public-sector or commercial segment."),
)  # fmt: skip

_BY_ID: Mapping[str, Rule] = {r.id: r for r in RULES}

#: The modules whose public functions and classes may apply rules.
RULE_MODULES: tuple[str, ...] = (
    "partnerrules.money",
    "partnerrules.calendars",
    "partnerrules.commission",
    "partnerrules.contracts",
    "partnerrules.sla",
    "partnerrules.lifecycle",
    "partnerrules.regions",
    "partnerrules.deals",
)


def rule_ids() -> frozenset[str]:
    """Return every rule id of the catalogue."""
    return frozenset(_BY_ID)


def rule(rule_id: str) -> Rule:
    """Return the rule with id *rule_id*.

    Raises:
        UnknownKeyError: the id is not in the catalogue (the message suggests
            close matches).
    """
    # Only a str is looked up (as a plain str): no value's own __hash__ or __eq__ runs.
    key = str.__getitem__(rule_id, slice(None)) if isinstance(rule_id, str) else None
    if key is not None and key in _BY_ID:
        return _BY_ID[key]
    raise UnknownKeyError("rule_id", rule_id, _BY_ID)


#: Namespaces of the source programmes: an id in one of them must be in :data:`RULES`.
RESERVED_NAMESPACES: frozenset[str] = frozenset({*(r.id.split(".", 1)[0] for r in RULES), *SOURCES})


def check_rule_id(value: object, *, field: str = "rule_id") -> str:
    """Return *value* if it may be cited as a rule id, else raise a typed error.

    The catalogue is open: a caller's programme cites its own namespaced ids
    (``"acme.sla.first_response"``): dotted lower case, at least two parts,
    letters, digits and underscores. The namespaces of the source programmes
    (``omid``, ``zoho``, ``appb``, ``mcs``, ``aws``, ``money``, ``calendar``)
    are closed: an id there must be one of :data:`RULES`, so a typo is caught.

    >>> check_rule_id("acme.sla.first_response")
    'acme.sla.first_response'
    >>> check_rule_id("zoho.sla.matrx")
    Traceback (most recent call last):
    ...
    partnerrules.errors.UnknownKeyError: unknown rule_id 'zoho.sla.matrx': did you mean ...
    >>> check_rule_id("Acme SLA")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'rule_id' must be a dotted lower-case id ...

    Raises:
        InvalidTypeError: *value* is not a str.
        InvalidValueError: *value* is not a dotted lower-case id.
        UnknownKeyError: an id in a source namespace that the catalogue lacks.
    """
    if type(value) is str and value in _BY_ID:
        return value
    value = _well_formed(value, field)
    if value.split(".", 1)[0] in RESERVED_NAMESPACES:
        raise UnknownKeyError(
            field,
            value,
            _BY_ID,
            hint="this namespace belongs to a source programme; use your own, such as 'acme.'",
        )
    return value


_ID_PATTERN = re.compile(r"(?<![\w.])([a-z0-9_]+(?:\.[a-z0-9_]+)+)(?![\w])")


@functools.cache
def implementations() -> Mapping[str, tuple[str, ...]]:
    """Map each rule id to the public names whose docstrings name it.

    Scans the public functions and classes (with their methods) of
    :data:`RULE_MODULES`. Where functions name a rule, they are what applies
    it and only they are listed; otherwise the classes that name it (a value
    whose constructor or methods apply the rule, such as
    :class:`~partnerrules.money.Money`). A rule id with an empty tuple is not
    implemented yet.

    >>> "money.brl.exact" in implementations()
    True
    >>> "partnerrules.money.Money" in implementations()["money.brl.exact"]
    True
    """
    functions: dict[str, list[str]] = {r.id: [] for r in RULES}
    classes: dict[str, list[str]] = {r.id: [] for r in RULES}
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found = functions
            elif inspect.isclass(obj):
                found = classes
            else:
                continue  # constants and packs are data, not what applies a rule
            # A name re-exported by another module is listed once, at its home.
            qualified = f"{obj.__module__}.{obj.__qualname__}"
            docs = [inspect.getdoc(obj) or ""]
            if inspect.isclass(obj):
                docs += [
                    inspect.getdoc(member) or ""
                    for attr, member in vars(obj).items()
                    if not attr.startswith("_") and callable(member)
                ]
            for doc in docs:
                for rid in _ID_PATTERN.findall(doc):
                    if rid in found and qualified not in found[rid]:
                        found[rid].append(qualified)
    return {rid: tuple(functions[rid] or classes[rid]) for rid in functions}
