"""Hostile input to every public callable of ``partnerrules.deals`` and ``partnerrules.regions``.

Rules mcs.deal.protection, mcs.deal.protection_required, mcs.partner.kinds,
mcs.marketplace.listing, aws.ace.readiness, aws.segment.classify,
zoho.escalation.directory and zoho.priority_support.large_accounts (issue #12).

Every public name of the two modules' ``__all__`` that can be called (functions,
classes, enums) and every public method of those classes has a factory in
``FACTORIES`` that builds one *valid* call, naming every parameter. The test
replaces each argument in turn by each value of ``HOSTILE`` and checks that:

* nothing but a :class:`~partnerrules.errors.PartnerRulesError` escapes, from
  the call or from using what it returned (repr, hash, properties, zero-argument
  methods, rendering its reasons), so a hostile value is refused at the door
  and never accepted to crash later;
* each call returns within one second (a bound against hangs, not a benchmark).

A new public name without a factory fails ``test_every_public_callable_has_a_factory``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import inspect
import time
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules import deals, regions
from partnerrules.decisions import Reason
from partnerrules.errors import PartnerRulesError
from partnerrules.money import brl
from partnerrules.policies import mcs

UTC = dt.UTC
SP = ZoneInfo("America/Sao_Paulo")
T0 = dt.datetime(2025, 1, 10, 9, tzinfo=SP)
T1 = dt.datetime(2025, 2, 10, 9, tzinfo=SP)
DAY = dt.date(2026, 1, 1)
LIMIT_SECONDS = 1.0


class TextSubclass(str):
    """A str subclass: accepted as text, never as a bool or an enum member it is not."""


#: One hostile value per kind of mistake a caller (or an attacker) can make.
HOSTILE: tuple[tuple[str, object], ...] = (
    ("None", None),
    ("True", True),
    ("float 1.5", 1.5),
    ("float nan", float("nan")),
    ("int 10**5000", 10**5000),
    ("int -1", -1),
    ("empty str", ""),
    ("str of 10,000 characters", "x" * 10_000),
    ("bytes", b"x"),
    ("empty list", []),
    ("empty dict", {}),
    ("object()", object()),
    ("naive datetime", dt.datetime(2025, 1, 10, 9)),
    ("aware datetime in year 1", dt.datetime(1, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))),
    ("aware datetime in year 1 (UTC)", dt.datetime(1, 1, 1, tzinfo=UTC)),
    ("aware datetime in year 9999", dt.datetime(9999, 12, 31, 23, 59, tzinfo=SP)),
    ("aware datetime in year 9999 (UTC)", dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
    ("str subclass", TextSubclass("BR")),
)


class Call(NamedTuple):
    """One valid call: the callable, its positional and its keyword arguments."""

    func: Callable[..., Any]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = {}  # noqa: RUF012 - NamedTuple default, never mutated


# -- valid values ------------------------------------------------------------------------

ACME = deals.Customer("Acme Ltda", cnpj="11.222.333/0001-81")
STEPS = deals.ListingSteps(mcs.MARKETPLACE_STEPS)


def registration(partner: str = "alfa", **changes: Any) -> deals.DealRegistration:
    fields: dict[str, Any] = {
        "customer": ACME,
        "partner": partner,
        "registered_at": T0,
        "bdm": "bdm",
        "status_updates": (T0 + dt.timedelta(days=3),),
    }
    fields.update(changes)
    return deals.DealRegistration(f"CRM-{partner}", **fields)


def application() -> deals.ListingApplication:
    return deals.ListingApplication(
        functionality="stock control",
        focus_industries=("retail",),
        implementation_stories=("12 stores",),
        company_description="software house",
    )


def evaluation() -> deals.ExpertEvaluation:
    return deals.ExpertEvaluation(complexity="low", innovation="ML", demand="strong")


def image() -> deals.SoftwareImage:
    return deals.SoftwareImage(reference="img-1", template="ubuntu")


def terms() -> deals.ListingTerms:
    return deals.ListingTerms(price=brl("10.00"), technical_requirements=("2 vCPU",))


def listing(stage: str = "draft") -> deals.MarketplaceListing:
    draft = deals.MarketplaceListing("Estoque", partner="soft")
    steps: list[Callable[[deals.MarketplaceListing], deals.MarketplaceListing]] = [
        lambda x: x.submit_application(application()),
        lambda x: x.record_evaluation(evaluation()),
        lambda x: x.build_image(image()),
        lambda x: x.set_terms(terms()),
        lambda x: x.publish(),
    ]
    for step in steps:
        if draft.stage.value == stage:
            break
        draft = step(draft)
    return draft


def opportunity(opportunity_id: str = "O-1") -> deals.Opportunity:
    return deals.Opportunity(
        opportunity_id,
        customer=ACME,
        project="ERP",
        status="active",
        description="ERP migration to the cloud",
        target_close=DAY,
        customer_consent=True,
        partner_originated=True,
        partner_led=True,
        new_business=True,
    )


def organisation() -> deals.Organisation:
    return deals.Organisation(
        "Zeta",
        uses_aws=True,
        public_sector=None,
        founded=dt.date(2019, 3, 1),
        affiliations=("accelerator",),
        externally_funded=False,
        business_model="b2b",
        sells_software=True,
        software_revenue_share="0.8",
        born_in_cloud=False,
        size="small",
        hosting="cloud",
        heavy_legacy=False,
        reseller=False,
    )


def reason(rule_id: str = "mcs.deal.protection") -> Reason:
    return Reason.of(rule_id, "a reason about {name}", name="Acme")


def contact(level: regions.EscalationLevel = regions.EscalationLevel.REGIONAL_LEAD) -> Any:
    return regions.Contact("Lead", "Ana", "ana@example.com", None, level=level)


def regional() -> regions.RegionalEscalation:
    return regions.RegionalEscalation(
        regions.Region.ANZ, (contact(),), (regions.Subregion("Pacific", ("FJ",), rest=False),)
    )


def path() -> regions.EscalationPath:
    return regions.escalation_path("DE")


def _enum(kind: type[enum.Enum]) -> Callable[[], Call]:
    first = next(iter(kind))
    return lambda: Call(kind, (first.value,))


#: A valid call for every public callable, keyed ``module.Name`` or ``module.Class.method``.
FACTORIES: dict[str, Callable[[], Call]] = {
    # -- deals: functions
    "deals.protection_status": lambda: Call(
        deals.protection_status, (registration(),), {"at": T1, "window_months": 3}
    ),
    "deals.resolve_conflict": lambda: Call(
        deals.resolve_conflict,
        ((registration("alfa"), registration("beta")),),
        {"at": T1, "window_months": 3},
    ),
    "deals.check_protection_claim": lambda: Call(
        deals.check_protection_claim,
        (registration("beta", registered_at=T1, status_updates=()), (registration("alfa"),)),
        {"window_months": 3},
    ),
    "deals.check_protection_required": lambda: Call(
        deals.check_protection_required,
        (
            deals.PartnerDeal(
                "P-1", customer=ACME, partner="alfa", partner_kind="reseller", scheme="resale"
            ),
            (registration("alfa"),),
        ),
        {"required_kinds": ("distributor",), "required_schemes": ("resale", "agency")},
    ),
    "deals.partner_kind_profiles": lambda: Call(
        deals.partner_kind_profiles,
        ((("integrator", "IT", ("support",), ("margin",)),),),
        {"services": (("integrator", "l1_support", "trained"),)},
    ),
    "deals.partner_kind_profile": lambda: Call(
        deals.partner_kind_profile,
        ("integrator",),
        {
            "kinds": (("integrator", "IT", ("support",), ("margin",)),),
            "services": (("integrator", "l1_support", "trained"),),
        },
    ),
    "deals.check_partner_service": lambda: Call(
        deals.check_partner_service,
        ("integrator", "l1_support"),
        {"trained_for": ("l1_support",), "services": (("integrator", "l1_support", "trained"),)},
    ),
    "deals.check_ace_readiness": lambda: Call(
        deals.check_ace_readiness,
        (opportunity("O-2"),),
        {"at": T1, "min_description_length": 10, "existing": (opportunity("O-1"),)},
    ),
    "deals.classify_segment": lambda: Call(
        deals.classify_segment,
        (organisation(),),
        {
            "as_of": DAY,
            "order": ("startup", "isv"),
            "startup_max_age_years": 15,
            "isv_min_software_share": "0.5",
        },
    ),
    # -- deals: identity, re-exported from partnerrules.identity
    "deals.cnpj_check_digits": lambda: Call(deals.cnpj_check_digits, ("112223330001",)),
    "deals.is_valid_cnpj": lambda: Call(deals.is_valid_cnpj, ("11.222.333/0001-81",)),
    "deals.normalise_name": lambda: Call(deals.normalise_name, ("Acme Ltda",), {"field": "name"}),
    "deals.normalise_text": lambda: Call(deals.normalise_text, ("ERP!",), {"field": "project"}),
    "deals.registrable_domain": lambda: Call(
        deals.registrable_domain, ("https://www.acme.com.br",), {"field": "domain"}
    ),
    "deals.Cnpj": lambda: Call(deals.Cnpj, ("11.222.333/0001-81",)),
    "deals.Customer": lambda: Call(
        deals.Customer, ("Acme",), {"domain": "acme.com.br", "cnpj": "11222333000181"}
    ),
    "deals.Customer.same_as": lambda: Call(ACME.same_as, (deals.Customer("Acme"),)),
    # -- deals: values
    "deals.DealRegistration": lambda: Call(
        deals.DealRegistration,
        ("CRM-1",),
        {
            "customer": ACME,
            "partner": "alfa",
            "registered_at": T0,
            "bdm": "bdm",
            "status_updates": (T1,),
        },
    ),
    "deals.DealRegistration.with_status_update": lambda: Call(
        registration().with_status_update, (T1,)
    ),
    "deals.DealRegistration.last_activity": lambda: Call(
        registration().last_activity, (), {"at": T1}
    ),
    "deals.ProtectionStatus": lambda: Call(
        deals.ProtectionStatus,
        (),
        {
            "deal_id": "CRM-1",
            "partner": "alfa",
            "state": deals.ProtectionState.PROTECTED,
            "at": T1,
            "last_activity": T0,
            "protected_until": T0 + dt.timedelta(days=90),
            "window_months": 3,
            "reasons": (reason(),),
        },
    ),
    "deals.ConflictDecision": lambda: Call(
        deals.ConflictDecision,
        (),
        {
            "holder": "alfa",
            "registration": registration(),
            "basis": deals.ConflictBasis.ACTIVE_PROTECTION,
            "statuses": (deals.protection_status(registration(), at=T1),),
            "reasons": (reason(),),
        },
    ),
    "deals.ClaimDecision": lambda: Call(
        deals.ClaimDecision,
        (),
        {"allowed": False, "holder": "alfa", "can_lapse_after": T1, "reasons": (reason(),)},
    ),
    "deals.PartnerKindProfile": lambda: Call(
        deals.PartnerKindProfile,
        (),
        {
            "kind": deals.PartnerKind.INTEGRATOR,
            "published_name": "IT",
            "obligations": ("support",),
            "income_sources": ("margin",),
            "services": ((deals.PartnerService.L1_SUPPORT, "trained"),),
        },
    ),
    "deals.ServiceCheck": lambda: Call(
        deals.ServiceCheck,
        (),
        {
            "allowed": True,
            "kind": deals.PartnerKind.INTEGRATOR,
            "service": deals.PartnerService.L1_SUPPORT,
            "reasons": (reason("mcs.partner.kinds"),),
        },
    ),
    "deals.PartnerDeal": lambda: Call(
        deals.PartnerDeal,
        ("P-1",),
        {"customer": ACME, "partner": "alfa", "partner_kind": "distributor", "scheme": "resale"},
    ),
    "deals.ProtectionRequirement": lambda: Call(
        deals.ProtectionRequirement,
        (),
        {
            "ok": True,
            "required": True,
            "registration": registration(),
            "reasons": (reason("mcs.deal.protection_required"),),
        },
    ),
    "deals.ListingApplication": lambda: Call(
        deals.ListingApplication,
        (),
        {
            "functionality": "stock",
            "focus_industries": ("retail",),
            "implementation_stories": ("one",),
            "company_description": "house",
        },
    ),
    "deals.ListingApplication.missing": lambda: Call(application().missing, (), {"steps": STEPS}),
    "deals.ExpertEvaluation": lambda: Call(
        deals.ExpertEvaluation, (), {"complexity": "low", "innovation": "ML", "demand": "high"}
    ),
    "deals.ExpertEvaluation.missing": lambda: Call(evaluation().missing, (), {"steps": STEPS}),
    "deals.SoftwareImage": lambda: Call(
        deals.SoftwareImage, (), {"reference": "img", "template": "ubuntu"}
    ),
    "deals.SoftwareImage.missing": lambda: Call(image().missing, (), {"steps": STEPS}),
    "deals.ListingTerms": lambda: Call(
        deals.ListingTerms, (), {"price": brl("1.00"), "technical_requirements": ("2 vCPU",)}
    ),
    "deals.ListingTerms.missing": lambda: Call(terms().missing, (), {"steps": STEPS}),
    "deals.MarketplaceListing": lambda: Call(
        deals.MarketplaceListing,
        ("Estoque",),
        {
            "partner": "soft",
            "stage": "evaluated",
            "application": application(),
            "evaluation": evaluation(),
            "image": None,
            "terms": None,
            "reasons": (reason("mcs.marketplace.listing"),),
            "steps": STEPS,
        },
    ),
    "deals.ListingSteps": lambda: Call(deals.ListingSteps, (mcs.MARKETPLACE_STEPS,)),
    "deals.ListingSteps.items": lambda: Call(STEPS.items, ("applied",)),
    "deals.MarketplaceListing.submit_application": lambda: Call(
        listing("draft").submit_application, (application(),)
    ),
    "deals.MarketplaceListing.record_evaluation": lambda: Call(
        listing("applied").record_evaluation, (evaluation(),)
    ),
    "deals.MarketplaceListing.build_image": lambda: Call(
        listing("evaluated").build_image, (image(),)
    ),
    "deals.MarketplaceListing.set_terms": lambda: Call(
        listing("image_built").set_terms, (terms(),)
    ),
    "deals.MarketplaceListing.publish": lambda: Call(listing("priced").publish),
    "deals.Opportunity": lambda: Call(
        deals.Opportunity,
        ("O-1",),
        {
            "customer": ACME,
            "project": "ERP",
            "status": "active",
            "description": "ERP migration",
            "target_close": DAY,
            "customer_consent": True,
            "partner_originated": True,
            "partner_led": True,
            "new_business": True,
        },
    ),
    "deals.AceReadiness": lambda: Call(
        deals.AceReadiness,
        (),
        {
            "ok": False,
            "failed": (deals.AceCriterion.CUSTOMER_CONSENT,),
            "duplicates": ("O-9",),
            "reasons": (reason("aws.ace.readiness"),),
        },
    ),
    "deals.Organisation": lambda: Call(
        deals.Organisation,
        ("Zeta",),
        {
            "uses_aws": True,
            "public_sector": None,
            "founded": dt.date(2019, 3, 1),
            "affiliations": ("accelerator",),
            "externally_funded": False,
            "business_model": "b2b",
            "sells_software": True,
            "software_revenue_share": "0.8",
            "born_in_cloud": False,
            "size": "small",
            "hosting": "cloud",
            "heavy_legacy": False,
            "reseller": False,
        },
    ),
    "deals.Segmentation": lambda: Call(
        deals.Segmentation,
        (),
        {
            "segment": deals.Segment.STARTUP,
            "adoption": deals.Adoption.ENGAGED,
            "matched": ("under 15 years old",),
            "reasons": (reason("aws.segment.classify"),),
        },
    ),
    # -- deals: vocabularies
    **{
        f"deals.{kind.__name__}": _enum(kind)
        for kind in (
            deals.AceCriterion,
            deals.Adoption,
            deals.Affiliation,
            deals.BusinessModel,
            deals.CompanySize,
            deals.ConflictBasis,
            deals.DealScheme,
            deals.Hosting,
            deals.ListingStage,
            deals.OpportunityStatus,
            deals.PartnerKind,
            deals.PartnerService,
            deals.ProtectionState,
            deals.Segment,
        )
    },
    # -- regions: functions
    "regions.country_code": lambda: Call(regions.country_code, ("br",), {"field": "country"}),
    "regions.country_name": lambda: Call(regions.country_name, ("BR",)),
    "regions.escalation_region": lambda: Call(
        regions.escalation_region, ("BR",), {"country_regions": {"BR": regions.Region.BRAZIL}}
    ),
    "regions.region_countries": lambda: Call(
        regions.region_countries,
        (regions.Region.BRAZIL,),
        {"country_regions": {"BR": regions.Region.BRAZIL, "PT": regions.Region.UK_EU}},
    ),
    "regions.default_zone": lambda: Call(
        regions.default_zone, (regions.Region.BRAZIL,), {"zones": regions.DEFAULT_ZONES}
    ),
    "regions.priority_support_group": lambda: Call(
        regions.priority_support_group,
        ("CA",),
        {"country_groups": {"CA": regions.PriorityGroup.CANADA_BRAZIL}},
    ),
    "regions.escalation_path": lambda: Call(
        regions.escalation_path,
        ("DE",),
        {
            "subregion": "DACH",
            "directory": regions.ZOHO_DIRECTORY,
            "country_regions": regions.COUNTRY_REGIONS,
        },
    ),
    "regions.check_priority_support": lambda: Call(
        regions.check_priority_support,
        ("BR", 60),
        {
            "verified": True,
            "thresholds": regions.ZOHO_PRIORITY_THRESHOLDS,
            "country_groups": regions.COUNTRY_PRIORITY_GROUPS,
        },
    ),
    # -- regions: values
    "regions.Contact": lambda: Call(
        regions.Contact,
        ("Lead", "Ana", "ana@example.com", "Pacific"),
        {"level": regions.EscalationLevel.ACCOUNT_MANAGER},
    ),
    "regions.Subregion": lambda: Call(regions.Subregion, ("DACH", ("DE", "AT")), {"rest": False}),
    "regions.Subregion.covers": lambda: Call(regions.Subregion("DACH", ("DE",)).covers, ("DE",)),
    "regions.RegionalEscalation": lambda: Call(
        regions.RegionalEscalation,
        (regions.Region.ANZ, (contact(),), (regions.Subregion("Pacific", ("FJ",)),)),
    ),
    "regions.RegionalEscalation.subregion": lambda: Call(regional().subregion, ("pacific",)),
    "regions.EscalationDirectory": lambda: Call(regions.EscalationDirectory, ((regional(),),)),
    "regions.EscalationDirectory.for_region": lambda: Call(
        regions.ZOHO_DIRECTORY.for_region, (regions.Region.BRAZIL,)
    ),
    "regions.EscalationPath": lambda: Call(
        regions.EscalationPath,
        ("BR", regions.Region.BRAZIL, None, (contact(),), (reason("zoho.escalation.directory"),)),
    ),
    "regions.EscalationPath.at": lambda: Call(path().at, (regions.EscalationLevel.REGIONAL_LEAD,)),
    "regions.PrioritySupportDecision": lambda: Call(
        regions.PrioritySupportDecision,
        (
            False,
            "BR",
            regions.PriorityGroup.CANADA_BRAZIL,
            50,
            10,
            True,
            (regions.PriorityCondition.LICENCES,),
            (reason("zoho.priority_support.large_accounts"),),
        ),
    ),
    # -- regions: vocabularies
    **{
        f"regions.{kind.__name__}": _enum(kind)
        for kind in (
            regions.EscalationLevel,
            regions.PriorityCondition,
            regions.PriorityGroup,
            regions.Region,
        )
    },
}

#: Public callables deliberately not fed hostile values, each with the reason.
NOT_FUZZED: dict[str, str] = {
    "deals.CnpjError": "an exception class the library raises; callers do not build it",
}


# -- enumeration -------------------------------------------------------------------------


def _public_callables() -> Iterator[tuple[str, Any]]:
    for module in (deals, regions):
        short = module.__name__.rsplit(".", 1)[1]
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj):
                continue
            yield f"{short}.{name}", obj
            if isinstance(obj, type) and not issubclass(obj, BaseException):
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if inspect.isfunction(member) or isinstance(member, classmethod | staticmethod):
                        yield f"{short}.{name}.{attr}", member


PUBLIC = dict(_public_callables())
FUZZED = sorted(key for key in PUBLIC if key not in NOT_FUZZED)


def test_every_public_callable_has_a_factory() -> None:
    """A public name or method without a factory is a gap in the fuzzing: add one."""
    missing = sorted(key for key in FUZZED if key not in FACTORIES)
    assert not missing, (
        f"add a valid-call factory to FACTORIES in {__file__} for: {', '.join(missing)} "
        "(or, for a name that takes no caller data, an entry in NOT_FUZZED with the reason)"
    )
    stale = sorted(set(FACTORIES) - set(PUBLIC))
    assert not stale, f"FACTORIES names callables that are no longer public: {stale}"


def _is_enum(func: object) -> bool:
    return isinstance(func, type) and issubclass(func, enum.Enum)


@pytest.mark.parametrize("key", FUZZED)
def test_each_factory_builds_a_valid_call_that_names_every_parameter(key: str) -> None:
    """The valid call succeeds, and names every parameter so that each one gets fuzzed."""
    call = FACTORIES[key]()
    call.func(*call.args, **call.kwargs)
    if _is_enum(call.func):
        assert len(call.args) == 1, key
        return
    signature = inspect.signature(call.func)
    params = [
        p
        for p in signature.parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"
    ]
    named = set(call.kwargs)
    positional = [p.name for p in params[: len(call.args)]]
    unnamed = [p.name for p in params if p.name not in named and p.name not in positional]
    assert not unnamed, f"the factory of {key} leaves out parameters {unnamed}: pass them too"


def _variants(call: Call) -> Iterator[tuple[str, Call]]:
    for index in range(len(call.args)):
        for label, value in HOSTILE:
            args = (*call.args[:index], value, *call.args[index + 1 :])
            yield f"argument {index} = {label}", call._replace(args=args)
    for name in call.kwargs:
        for label, value in HOSTILE:
            yield f"{name}= {label}", call._replace(kwargs={**call.kwargs, name: value})


def _use(result: object) -> None:
    """Use a returned value the ways a caller would, so a silent accept shows up."""
    items = result if isinstance(result, tuple) else (result,)
    for item in items:
        repr(item)
        if not attrs.has(type(item)):
            continue
        hash(item)
        for name, member in inspect.getmembers(type(item)):
            if name.startswith("_"):
                continue
            if isinstance(member, property):
                getattr(item, name)
            elif inspect.isfunction(member) and _takes_no_arguments(member):
                with contextlib.suppress(PartnerRulesError):
                    getattr(item, name)()
        for entry in getattr(item, "reasons", ()):
            str(entry)


def _takes_no_arguments(func: Callable[..., Any]) -> bool:
    params = list(inspect.signature(func).parameters.values())[1:]
    return all(p.default is not p.empty for p in params)


@pytest.mark.parametrize("key", FUZZED)
def test_hostile_values_raise_only_partnerrules_errors_and_never_hang(key: str) -> None:
    """Issue #12: only PartnerRulesError escapes, and every call ends within a second."""
    call = FACTORIES[key]()
    escapes: list[str] = []
    slow: list[str] = []
    for label, variant in _variants(call):
        start = time.perf_counter()
        try:
            _use(variant.func(*variant.args, **variant.kwargs))
        except PartnerRulesError:
            pass
        except Exception as exc:  # the point: anything else is a leak
            escapes.append(f"{key}({label}): {type(exc).__name__}: {str(exc)[:200]}")
        elapsed = time.perf_counter() - start
        if elapsed >= LIMIT_SECONDS:
            slow.append(f"{key}({label}): {elapsed:.2f} s")
    if escapes or slow:
        pytest.fail("\n".join([*escapes, *slow]), pytrace=False)
