"""Contract of the MCS and AWS packs used by the deals rules.

Rules mcs.deal.protection, mcs.partner.kinds, mcs.marketplace.listing,
aws.segment.classify; and, for issue #11, that no rule function of
``partnerrules.deals`` or ``partnerrules.regions`` reads a pack itself.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

from partnerrules import deals, regions
from partnerrules.deals import (
    ExpertEvaluation,
    ListingApplication,
    ListingStage,
    ListingSteps,
    MarketplaceListing,
    PartnerKind,
    PartnerService,
    Segment,
    check_partner_service,
    partner_kind_profile,
    partner_kind_profiles,
)
from partnerrules.errors import InvalidTransitionError, InvalidValueError, UnknownKeyError
from partnerrules.policies import aws, mcs


@pytest.mark.rule("mcs.deal.protection")
def test_the_mcs_pack_publishes_a_three_month_window() -> None:
    """mcs.deal.protection: "более 3 месяцев" in the source."""
    assert mcs.PROTECTION_WINDOW_MONTHS == 3


@pytest.mark.rule("mcs.partner.kinds")
def test_the_pack_describes_every_partner_kind_exactly_once() -> None:
    """mcs.partner.kinds: four kinds, each with a published name, none twice."""
    kinds = [row[0] for row in mcs.PARTNER_KINDS]

    assert sorted(kinds) == sorted(k.value for k in PartnerKind)
    assert all(row[1] for row in mcs.PARTNER_KINDS)


@pytest.mark.rule("mcs.marketplace.listing")
def test_the_marketplace_steps_follow_the_listing_stages() -> None:
    """mcs.marketplace.listing: one pack step per stage after the draft, in order."""
    assert [step for step, _ in mcs.MARKETPLACE_STEPS] == [s.value for s in ListingStage][1:]


@pytest.mark.rule("aws.segment.classify")
def test_the_aws_pack_orders_every_commercial_segment_once() -> None:
    """aws.segment.classify: 15 years, 50%, and the five commercial segments."""
    commercial = [s.value for s in Segment if not s.is_public_sector]

    assert sorted(aws.COMMERCIAL_ORDER) == sorted(commercial)
    assert aws.COMMERCIAL_ORDER[-1] == "smb"
    assert aws.STARTUP_MAX_AGE_YEARS == 15
    assert str(aws.ISV_MIN_SOFTWARE_REVENUE_SHARE) == "0.50"


@pytest.mark.rule("mcs.partner.kinds")
@pytest.mark.parametrize(
    ("kinds", "services", "error", "message"),
    [
        (
            [("integrator", "IT", ())],
            (),
            InvalidValueError,
            "'kinds[0]' must be a tuple of 4 items",
        ),
        (
            [("integrador", "IT", (), ())],
            (),
            UnknownKeyError,
            "unknown kinds[0][0] 'integrador': did you mean 'integrator'?",
        ),
        (
            mcs.PARTNER_KINDS,
            [("integrator", "l1_support", "after training")],
            UnknownKeyError,
            "unknown condition 'after training'",
        ),
    ],
)
def test_a_malformed_caller_pack_is_refused_with_the_bad_row(
    kinds: object, services: object, error: type[Exception], message: str
) -> None:
    """mcs.partner.kinds: caller-supplied kind tables are validated row by row."""
    with pytest.raises(error, match=re.escape(message)):
        partner_kind_profiles(kinds, services=services)  # type: ignore[arg-type]


# -- issue #11: the packs are defaults, never read by a rule itself ----------------------

PACK_NAMES = {"mcs_pack", "aws_pack", "ZOHO_DIRECTORY", "ZOHO_PRIORITY_THRESHOLDS"}


def _sources(module: ModuleType) -> list[str]:
    """The module's source and, for a facade, its private package's (``_deals/`` for deals)."""
    path = Path(inspect.getfile(module))
    package = path.parent / f"_{path.stem}"
    files = [path, *sorted(package.glob("*.py"))] if package.is_dir() else [path]
    return [f.read_text(encoding="utf-8") for f in files]


def _pack_reads_outside_defaults(module: ModuleType) -> list[str]:
    """Pack names read in a function body, except as the fallback of ``x is None``."""
    found: list[str] = []

    def is_none_test(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Compare)
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Is)
            and isinstance(node.comparators[0], ast.Constant)
            and node.comparators[0].value is None
        )

    def visit(node: ast.AST, function: str | None, guarded: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    visit(default, function, True)  # a default is where a pack belongs
            for child in node.body:
                visit(child, node.name, False)
            return
        if isinstance(node, ast.IfExp | ast.If) and is_none_test(node.test):
            guarded = True
        if isinstance(node, ast.Name) and node.id in PACK_NAMES and function and not guarded:
            found.append(f"{function}() line {node.lineno}: {node.id}")
        for child in ast.iter_child_nodes(node):
            visit(child, function, guarded)

    for source in _sources(module):
        visit(ast.parse(source), None, False)
    return found


@pytest.mark.rule("mcs.marketplace.listing")
@pytest.mark.rule("zoho.escalation.directory")
@pytest.mark.parametrize("module", [deals, regions], ids=lambda m: m.__name__)
def test_no_rule_function_reads_a_pack_except_as_the_default_of_a_parameter(
    module: ModuleType,
) -> None:
    """Issue #11: a pack value is a parameter's default, or what its ``None`` stands for."""
    assert _pack_reads_outside_defaults(module) == []


@pytest.mark.parametrize("module", [deals, regions], ids=lambda m: m.__name__)
def test_help_shows_short_signatures_without_whole_tables(module: ModuleType) -> None:
    """Issue #11: a large default table is ``None`` in the signature, not its repr."""
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj):
            assert len(str(inspect.signature(obj))) < 300, name


@pytest.mark.rule("mcs.marketplace.listing")
def test_a_caller_can_relabel_the_listing_steps_and_the_listing_keeps_them() -> None:
    """mcs.marketplace.listing: the steps are a value the listing carries, MCS's by default."""
    rows = [list(row) for row in mcs.MARKETPLACE_STEPS]
    rows[1] = ["evaluated", ("sophistication", "novelty", "market pull")]
    steps = ListingSteps(rows)
    draft = MarketplaceListing("Estoque", partner="soft", steps=steps)
    applied = draft.submit_application(
        ListingApplication(
            functionality="stock",
            focus_industries=["retail"],
            implementation_stories=["one"],
            company_description="house",
        )
    )

    with pytest.raises(InvalidTransitionError) as caught:
        applied.record_evaluation(ExpertEvaluation(complexity="low"))

    assert caught.value.missing == ("novelty", "market pull")
    assert ExpertEvaluation().missing(steps=steps) == ("sophistication", "novelty", "market pull")
    assert ExpertEvaluation().missing() == (
        "complexity",
        "innovation of the technology stack",
        "demand",
    )
    assert MarketplaceListing("Estoque", partner="soft").steps == ListingSteps(
        mcs.MARKETPLACE_STEPS
    )


@pytest.mark.rule("mcs.partner.kinds")
def test_a_caller_kinds_table_replaces_the_pack_for_one_profile() -> None:
    """mcs.partner.kinds: partner_kind_profile takes the tables partner_kind_profiles takes."""
    kinds = [("integrator", "Integradores", ("certify staff",), ("services",))]
    services = [("integrator", "l1_support", "allowed")]

    profile = partner_kind_profile("integrator", kinds=kinds, services=services)

    assert profile.published_name == "Integradores"
    assert profile.services == ((PartnerService.L1_SUPPORT, "allowed"),)
    assert partner_kind_profile("integrator").published_name == "IT-интеграторы"
    assert check_partner_service("integrator", "l1_support", services=services).allowed
    assert not check_partner_service("integrator", "l1_support").allowed


@pytest.mark.rule("aws.segment.classify")
def test_none_stands_for_the_pack_in_every_table_keyword() -> None:
    """aws.segment.classify, mcs.partner.kinds: ``None`` means the source pack's table."""
    assert partner_kind_profiles(None, services=None) == partner_kind_profiles(
        mcs.PARTNER_KINDS, services=mcs.PARTNER_SERVICES
    )
    assert deals.MAX_WINDOW_MONTHS == 12 * 9999
    assert aws.STARTUP_MAX_AGE_YEARS <= deals.MAX_STARTUP_AGE_YEARS


@pytest.mark.rule("mcs.deal.protection_required")
def test_none_means_the_pack_in_the_protection_and_segment_defaults() -> None:
    """mcs.deal.protection_required, aws.segment.classify: None is the pack's table."""
    import datetime as dt

    from partnerrules.deals import (
        Customer,
        Organisation,
        PartnerDeal,
        check_protection_required,
        classify_segment,
    )

    deal = PartnerDeal(
        "P-1",
        customer=Customer("Acme Ltda"),
        partner="alfa",
        partner_kind="reseller",
        scheme="resale",
    )
    assert check_protection_required(deal) == check_protection_required(
        deal,
        required_kinds=mcs.PROTECTION_REQUIRED_KINDS,
        required_schemes=mcs.PROTECTION_REQUIRED_SCHEMES,
    )
    assert not check_protection_required(deal).ok
    organisation = Organisation("Zeta", uses_aws=True)
    day = dt.date(2026, 11, 30)
    assert classify_segment(organisation, as_of=day) == classify_segment(
        organisation, as_of=day, order=aws.COMMERCIAL_ORDER
    )
