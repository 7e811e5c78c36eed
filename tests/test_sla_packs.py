"""The support rules take their pack as a parameter: a caller's tables replace the source's.

Rules zoho.severity.classify, zoho.triage.priority, zoho.basic_requests.overload,
zoho.request.completeness, zoho.scope, zoho.offerings.entitlements, appb.support.levels,
appb.status_page.update, appb.support.hours and omid.support.always_on.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules import _engine, sla
from partnerrules.calendars import support_hours_calendar
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.policies import appendix_b, omid_support, zoho
from partnerrules.sla import (
    AlwaysOnDesk,
    Feature,
    StatusPageUpdate,
    SupportDesk,
    SupportRequest,
    Ticket,
)

SP = ZoneInfo("America/Sao_Paulo")
T0 = dt.datetime(2026, 11, 23, 10, tzinfo=SP)
PACKS = ("_zoho", "_appb", "_omid")


def _reads_in_bodies(tree: ast.AST) -> list[tuple[int, str]]:
    """Every read of a pack module inside a function body, outside parameter defaults."""
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef):
            continue
        defaults = {
            id(n)
            for d in [*func.args.defaults, *func.args.kw_defaults]
            if d is not None
            for n in ast.walk(d)
        }
        for node in ast.walk(func):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in PACKS
                and id(node) not in defaults
            ):
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return found


def test_no_sla_function_reads_a_pack_module_except_as_a_default() -> None:
    # The facade and the private modules it is made of (partnerrules/_sla/, the engine).
    package = Path(inspect.getfile(sla)).parent / "_sla"
    files = [Path(inspect.getfile(sla)), Path(inspect.getfile(_engine)), *package.glob("*.py")]
    sources = {f.name: f.read_text(encoding="utf-8") for f in files}
    assert any("_zoho." in source for source in sources.values())
    for name, source in sources.items():
        assert (name, _reads_in_bodies(ast.parse(source))) == (name, [])


def test_the_defaults_are_the_packs_typed_values_with_short_reprs() -> None:
    assert inspect.signature(sla.classify_severity).parameters["rules"].default is (
        zoho.SUPPORT_RULES
    )
    assert inspect.signature(sla.support_path).parameters["desk"].default is appendix_b.DESK
    assert inspect.signature(sla.omid_support_availability).parameters["desk"].default is (
        omid_support.DESK
    )
    assert "SupportRules('Zoho')" in str(inspect.signature(sla.entitlements))
    assert len(str(inspect.signature(sla.is_entitled))) < 200


ACME_RULES = attrs.evolve(  # an example caller's tables
    zoho.SUPPORT_RULES,
    name="Acme",
    exempt=("feature request",),
    usual_impact={"how-to": "moderate", "slowness": "critical"},
    level_priority=("Authorized", "Premium", "Advanced"),
    basic_requests=("how-to", "other"),
    request_fields=("customer_email", "description"),
    optional_fields=(),
    in_scope=("api connection from scratch",),
    entitlements={"phone support": ("Authorized",)},
)


@pytest.mark.rule("zoho.severity.classify")
def test_a_callers_rules_decide_exemptions_and_usual_impacts() -> None:
    assert sla.classify_severity("product limitation").exempt
    assert not sla.classify_severity(
        "product limitation", impact="minimal", rules=ACME_RULES
    ).exempt
    assert sla.classify_severity("how-to", rules=ACME_RULES).severity == 2


@pytest.mark.rule("zoho.triage.priority")
def test_a_callers_level_order_drives_the_queue() -> None:
    a = Ticket("A", T0, severity=2, category="slowness", level="Authorized", country="BR")
    p = Ticket("P", T0, severity=2, category="slowness", level="Premium", country="BR")
    assert [t.id for t in sla.triage_order([a, p])] == ["P", "A"]
    assert [t.id for t in sla.triage_order([a, p], rules=ACME_RULES)] == ["A", "P"]
    short = attrs.evolve(ACME_RULES, level_priority=("Premium",))
    assert sla.triage_key(a, rules=short)[1] == 1  # unlisted levels come last


@pytest.mark.rule("zoho.basic_requests.overload")
def test_a_callers_basic_categories_are_counted() -> None:
    other = Ticket("O", T0, severity=3, category="other", level="Premium", country="BR")
    kwargs = {"at": T0 + dt.timedelta(hours=1), "threshold": 1, "window": dt.timedelta(days=1)}
    assert sla.check_basic_request_load([other], **kwargs).count == 0  # type: ignore[arg-type]
    load = sla.check_basic_request_load([other], rules=ACME_RULES, **kwargs)  # type: ignore[arg-type]
    assert load.count == 1
    assert load.notify


@pytest.mark.rule("zoho.request.completeness")
@pytest.mark.rule("zoho.scope")
@pytest.mark.rule("zoho.offerings.entitlements")
def test_a_callers_template_scope_and_offerings_apply() -> None:
    request = SupportRequest(customer_email="ana@example.com", description="broken")
    assert not sla.check_request(request).ok
    assert sla.check_request(request, rules=ACME_RULES).ok
    assert sla.check_scope("api connection from scratch", rules=ACME_RULES).in_scope
    assert sla.entitlements("Authorized", rules=ACME_RULES) == {Feature.PHONE}
    assert sla.is_entitled("Authorized", "phone support", rules=ACME_RULES)
    typo = attrs.evolve(ACME_RULES, request_fields=("customer_mail",))
    with pytest.raises(UnknownKeyError, match="unknown rules 'customer_mail'"):
        sla.check_request(request, rules=typo)


DESK = SupportDesk(  # an example caller's desk
    "Acme desk",
    package_channel="portal",
    after_hours_channels=("phone", "chat"),
    after_hours_languages=("English", "Portuguese"),
    levels=appendix_b.DESK.levels,
    escalations=(("customer service", "product specialists"),),
    tam_excluded=("Basic",),
    status_fields=("nature",),
)


@pytest.mark.rule("appb.support.levels")
@pytest.mark.rule("appb.status_page.update")
@pytest.mark.rule("appb.support.hours")
def test_a_callers_desk_sets_levels_status_fields_and_channels() -> None:
    assert sla.support_path("Advanced").has_tam is False
    assert sla.support_path("Advanced", desk=DESK).has_tam is True
    assert not sla.can_escalate_level(
        "technical solutions", "product specialists", package="Premium", desk=DESK
    )
    check = sla.check_status_page_update(
        StatusPageUpdate(T0, nature="db down"), cadence=dt.timedelta(minutes=30), desk=DESK
    )
    assert check.ok
    cal = support_hours_calendar("BR", "SP", zone="America/Sao_Paulo")
    night = dt.datetime(2026, 11, 23, 22, tzinfo=SP)
    served = sla.support_availability(night, calendar=cal, critical_production=True, desk=DESK)
    assert served.channels == ("phone", "chat")
    assert "phone or chat in English, Portuguese" in str(served.reasons[0])
    assert sla.support_availability(T0, calendar=cal, desk=DESK).channels == ("portal",)


@pytest.mark.rule("omid.support.always_on")
def test_an_always_on_desk_of_the_callers() -> None:
    desk = AlwaysOnDesk(
        "Beta", hours="24x7", channels=("0800",), engineering_channel="pager",
        languages=("Spanish",), zone="America/Bogota",
    )  # fmt: skip
    got = sla.omid_support_availability(T0, relevant_customer=True, desk=desk)
    assert got.channels == ("0800", "pager")
    assert got.languages == ("Spanish",)
    assert str(got.reasons[0]) == "Beta support is open 24x7: reach it by 0800, pager"


def test_pack_values_refuse_bad_tables() -> None:
    with pytest.raises(InvalidTypeError, match="'levels'"):
        attrs.evolve(DESK, levels="customer service")
    with pytest.raises(InvalidValueError, match="'escalations' must be a \\(key, value\\) pair"):
        attrs.evolve(DESK, escalations=[("a", "b", "c")])
    with pytest.raises(InvalidTypeError, match="'rules'"):
        sla.classify_severity("how-to", rules={"exempt": ()})  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'desk'"):
        sla.support_path("Premium", desk=None)  # type: ignore[arg-type]
    assert repr(DESK) == "SupportDesk('Acme desk')"
