"""Strategies of :mod:`partnerrules.testing.strategies`: commission (private)."""

import calendar as _calendar
import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from partnerrules import commission as _commission
from partnerrules._public import home
from partnerrules.catalogue import RESERVED_NAMESPACES
from partnerrules.commission import (
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    Payment,
    Sale,
    SaleCommission,
    Tier,
    TierSchedule,
    TripTerms,
)
from partnerrules.contracts import (
    ACTUAL_ACTUAL,
    Contract,
    Proration,
)
from partnerrules.errors import InvalidValueError
from partnerrules.money import Money
from partnerrules.policies import omid as _omid
from partnerrules.testing._strategies._checks import checked, count, namespace, optional, ordered
from partnerrules.testing._strategies._common import (
    _PARTNERS,
    _SAO_PAULO,
    _TIER_NAMES,
    _TIER_RULE,
    _UTC,
    FIRST_DATE,
    LAST_DATE,
    ZONE_NAMES,
    _ids,
)
from partnerrules.testing._strategies._contracts import contracts
from partnerrules.testing._strategies._money import brl_amounts, rates
from partnerrules.testing._strategies._time import dates, instants

# -- commission ----------------------------------------------------------------------------


@checked()
@st.composite
def tiers(draw: st.DrawFn, *, names: st.SearchStrategy[str] | None = None) -> Tier:
    """Draw a :class:`~partnerrules.commission.Tier` (rule ``omid.tier.by_annual_tcv``).

    Any minimum from R$ 0 (often exactly zero), a rate and a resale discount
    from :func:`rates`, with or without a pre-sales team requirement, and
    sometimes a stated upper bound above the minimum.
    """
    minimum = draw(brl_amounts(max_units=10**10))
    below = None
    if draw(st.booleans()):
        below = minimum + Money.from_minor_units(draw(st.integers(1, 10**10)), "BRL")
    return Tier(
        draw(names if names is not None else st.sampled_from(_TIER_NAMES)),
        minimum,
        draw(rates()),
        resale_discount=draw(rates()),
        requires_presales_team=draw(st.booleans()),
        below=below,
    )


@checked(
    ordered("min_size", "max_size"),
    min_size=count(1, len(_TIER_NAMES)),
    max_size=count(1, len(_TIER_NAMES)),
)
@st.composite
def tier_schedules(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 6) -> TierSchedule:
    """Draw a :class:`~partnerrules.commission.TierSchedule` (rule ``omid.tier.by_annual_tcv``).

    *min_size* to *max_size* tiers (at most 8) with distinct names, the first
    from R$ 0 and open to every partner, each next minimum R$ 0,01 to
    R$ 1.000.000,00 higher (one centavo apart happens), any rates (a higher
    tier may pay less), later tiers sometimes requiring a pre-sales team, and
    some stating ``below`` (always the next minimum).
    """
    size = draw(st.integers(min_size, max_size))
    names = draw(st.permutations(_TIER_NAMES))[:size]
    steps = draw(st.lists(st.integers(1, 10**8), min_size=size - 1, max_size=size - 1))
    minimums = list(itertools.accumulate([0, *steps]))
    return TierSchedule(
        [
            Tier(
                name,
                Money.from_minor_units(minimums[i], "BRL"),
                draw(rates()),
                resale_discount=draw(rates()),
                requires_presales_team=i > 0 and draw(st.booleans()),
                below=(
                    Money.from_minor_units(minimums[i + 1], "BRL")
                    if i + 1 < size and draw(st.booleans())
                    else None
                ),
            )
            for i, name in enumerate(names)
        ]
    )


@checked()
def namespaces() -> st.SearchStrategy[str]:
    """Draw a caller's rule-id namespace (``acme``), never a source programme's (``omid``)."""
    return st.one_of(
        st.sampled_from(("acme", "globex", "initech")),
        st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True),
    ).filter(lambda ns: ns not in RESERVED_NAMESPACES)


@checked(namespace=optional(namespace))
@st.composite
def rule_ids(draw: st.DrawFn, *, namespace: str | None = None) -> str:
    """Draw a caller's rule id such as ``acme.sla.first_response``.

    Dotted lower case with two to four parts, in *namespace* (drawn from
    :func:`namespaces` when None), so
    :func:`~partnerrules.catalogue.check_rule_id` accepts it.
    """
    ns = namespace if namespace is not None else draw(namespaces())
    words = st.one_of(
        st.sampled_from(("sla", "commission", "campaign", "tier", "first_response", "launch")),
        st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True),
    )
    return ".".join([ns, *draw(st.lists(words, min_size=1, max_size=3))])


#: The last day a campaign period may start: a period runs up to two years, into the
#: next year at least, and dates end in 9999.
_LAST_PERIOD_START = dt.date(9997, 12, 31)


def _period_bounds(values: Mapping[str, Any]) -> None:
    ordered("min_value", "max_value", strict=True)(values)
    if values["max_value"] - dt.timedelta(days=1) > _LAST_PERIOD_START:
        raise InvalidValueError(
            "max_value", values["max_value"], "a date at most 9998-01-01 (periods end by 9999)"
        )


@checked(_period_bounds)
@st.composite
def campaign_periods(
    draw: st.DrawFn, *, min_value: dt.date = FIRST_DATE, max_value: dt.date = LAST_DATE
) -> CampaignPeriod:
    """Draw a :class:`~partnerrules.commission.CampaignPeriod`, starting in the range.

    Often one day long, whole calendar months (ending on the 1st of a month)
    or running to New Year; otherwise up to two years. *max_value* is at
    most 9998-01-01, so that every period ends by 9999.
    """
    start = draw(dates(min_value=min_value, max_value=max_value - dt.timedelta(days=1)))
    kind = draw(st.sampled_from(("days", "one day", "months", "New Year")))
    if kind == "one day":
        end = start + dt.timedelta(days=1)
    elif kind == "months":
        end = start.replace(day=1) + relativedelta(months=draw(st.integers(1, 12)))
    elif kind == "New Year":
        end = dt.date(start.year + 1, 1, 1)
    else:
        end = start + dt.timedelta(days=draw(st.integers(1, 730)))
    return CampaignPeriod(start, end)


@checked()
@st.composite
def campaigns(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    tier_names: st.SearchStrategy[str] | None = None,
) -> Campaign:
    """Draw a :class:`~partnerrules.commission.Campaign` (a caller's, with its own rule id).

    Either trigger, a rate from :func:`rates`, a zone from :data:`ZONE_NAMES`
    (the campaign's years and days are read there) and a period from
    :func:`campaign_periods` or none. The rule id comes from *ids*
    (:func:`rule_ids`), the tier it classifies sales as from *tier_names*.
    """
    return Campaign(
        draw(ids if ids is not None else rule_ids()),
        draw(st.sampled_from(CampaignTrigger)),
        draw(rates()),
        name=draw(st.sampled_from(("Launch", "Spring promo", "Kick-off", "Diamond"))),
        tier=draw(tier_names if tier_names is not None else st.sampled_from(_TIER_NAMES)),
        zone=draw(st.sampled_from(ZONE_NAMES)),
        period=draw(st.none() | campaign_periods()),
    )


@checked(namespace=optional(namespace), max_campaigns=count(0))
@st.composite
def commission_plans(
    draw: st.DrawFn, *, namespace: str | None = None, max_campaigns: int = 3
) -> CommissionPlan:
    """Draw a :class:`~partnerrules.commission.CommissionPlan` of a caller's programme.

    Up to *max_campaigns* campaigns with distinct rule ids in *namespace*
    (drawn when None), with or without a :func:`tier_schedules` schedule (then
    each campaign's tier is one of its tiers), citing its own tier rule or
    the Omid one (``omid.tier.by_annual_tcv``; always its own when
    *namespace* is given, so a :func:`programmes` programme can declare it).
    """
    ns = namespace if namespace is not None else draw(namespaces())
    schedule = draw(st.none() | tier_schedules())
    names = st.sampled_from(schedule.names) if schedule is not None else None
    ids = draw(st.lists(rule_ids(namespace=ns), max_size=max_campaigns, unique=True))
    drawn = [draw(campaigns(ids=st.just(i), tier_names=names)) for i in ids]
    own_tier_rule = rule_ids(namespace=ns).filter(lambda r: r not in ids)
    tier_rule = draw(
        own_tier_rule if namespace is not None else st.just(_TIER_RULE) | own_tier_rule
    )
    return CommissionPlan(drawn, schedule=schedule, tier_rule=tier_rule)


@checked()
@st.composite
def month_days(draw: st.DrawFn) -> MonthDay:
    """Draw a :class:`~partnerrules.commission.MonthDay`: a day of a year, never 29 February."""
    month = draw(st.integers(1, 12))
    return MonthDay(month, draw(st.integers(1, _calendar.monthrange(2001, month)[1])))


@checked()
@st.composite
def trip_terms(draw: st.DrawFn) -> TripTerms:
    """Draw :class:`~partnerrules.commission.TripTerms` (rule ``omid.awards.sales_trip``).

    A stay of 1 to 14 days, passes in groups of 1 to 4, a travel window inside
    one year (often a single day).
    """
    first, second = sorted((draw(month_days()), draw(month_days())), key=lambda m: (m.month, m.day))
    if draw(st.booleans()):
        second = first
    return TripTerms(
        draw(st.integers(1, 14)),
        draw(st.sampled_from(("all-inclusive resort in Brazil", "Fernando de Noronha"))),
        first,
        second,
        pass_group=draw(st.integers(1, 4)),
    )


@checked()
@st.composite
def sales(
    draw: st.DrawFn,
    *,
    partners: st.SearchStrategy[str] | None = None,
    contract: st.SearchStrategy[Contract] | None = None,
    signed_at: st.SearchStrategy[dt.datetime] | None = None,
) -> Sale:
    """Draw a :class:`~partnerrules.commission.Sale` (rule ``omid.campaign.first_sale_diamond``).

    A partner from *partners* (``alfa``, ``beta``...), a contract from
    *contract* (:func:`contracts` without addenda) and a signature instant from
    *signed_at* (:func:`instants` shown in São Paulo, UTC or Manaus, so New
    Year's midnight in São Paulo, where the campaign's years turn, comes up often).
    """
    return Sale(
        draw(partners if partners is not None else st.sampled_from(_PARTNERS)),
        draw(contract if contract is not None else contracts(max_addenda=0)),
        draw(signed_at if signed_at is not None else _signatures()),
    )


def _signatures() -> st.SearchStrategy[dt.datetime]:
    return instants(
        timezones=st.sampled_from((_SAO_PAULO, _SAO_PAULO, _UTC, ZoneInfo("America/Manaus")))
    )


@checked(ordered("min_size", "max_size"), min_size=count(0), max_size=count(0))
@st.composite
def sale_lists(
    draw: st.DrawFn,
    *,
    partners: st.SearchStrategy[str] | None = None,
    contract: st.SearchStrategy[Contract] | None = None,
    signed_at: st.SearchStrategy[dt.datetime] | None = None,
    min_size: int = 0,
    max_size: int = 8,
) -> list[Sale]:
    """Draw a list of :func:`sales` whose contracts have distinct ids (``C-0``, ``C-1``...).

    A contract is sold once, as :func:`~partnerrules.commission.sale_commissions`
    requires. Ties come up often: a sale is sometimes signed at the instant of
    an earlier one, shown in its own drawn zone, which may differ from the
    earlier one's (sales at one instant are ordered by contract id).
    """
    size = draw(st.integers(min_size, max_size))
    out: list[Sale] = []
    for i in range(size):
        sale = draw(sales(partners=partners, contract=contract, signed_at=signed_at))
        if out and draw(st.integers(0, 3)) == 3:
            earlier = draw(st.sampled_from(out)).signed_at
            sale = attrs.evolve(sale, signed_at=earlier.astimezone(sale.signed_at.tzinfo))
        out.append(attrs.evolve(sale, contract=attrs.evolve(sale.contract, id=f"C-{i}")))
    return out


@checked()
@st.composite
def payments(draw: st.DrawFn) -> Payment:
    """Draw a :class:`~partnerrules.commission.Payment` on its own.

    An id, an invoice id, an amount from R$ 0,01 and an instant from :func:`instants`.

    To pay a real contract's invoices use :func:`payment_plans`.
    """
    return Payment(
        draw(_ids("P")),
        f"{draw(_ids('C'))}/{draw(st.integers(1, 60))}",
        draw(brl_amounts(min_units=1, max_units=10**10)),
        draw(instants()),
    )


def _convention(field: str, value: Any) -> Any:
    Proration.parse(value)  # a typed error for anything but a convention
    return value


@checked(convention=_convention)
@st.composite
def payment_plans(
    draw: st.DrawFn,
    contract: Contract,
    *,
    complete: bool | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> list[Payment]:
    """Draw payments of *contract*'s invoices (rule ``omid.commission.paid_on_collection``).

    With ``complete=True`` every invoice is paid in full; with ``False`` some
    invoices are left unpaid or paid in part; ``None`` draws either. An invoice
    is paid in one to three parts (ids ``<invoice id>#<n>``, amounts > 0, never
    more than is owed), each paid in the invoice's period or up to 60 days
    after it, in São Paulo time. The schedule is the one billed under
    *convention*.
    """
    everything = draw(st.booleans()) if complete is None else complete
    out = []
    for invoice in contract.invoices(convention=convention):
        if not everything and not draw(st.booleans()):
            continue
        total = invoice.amount.minor_units
        cuts = sorted(draw(st.lists(st.integers(0, total), max_size=2)))
        if not everything and cuts:
            total = draw(st.integers(cuts[-1], total))  # perhaps not all of the invoice
        opened = dt.datetime.combine(invoice.period_start, dt.time(), _SAO_PAULO)
        span = (invoice.period_end - invoice.period_start).days + 60
        for n, (a, b) in enumerate(itertools.pairwise([0, *cuts, total])):
            if b > a:
                seconds = draw(st.integers(0, span * 86_400 - 1))
                paid_at = (opened.astimezone(dt.UTC) + dt.timedelta(seconds=seconds)).astimezone(
                    _SAO_PAULO
                )
                out.append(
                    Payment(
                        f"{invoice.id}#{n}",
                        invoice.id,
                        Money.from_minor_units(b - a, "BRL"),
                        paid_at,
                    )
                )
    return out


@checked()
@st.composite
def sale_commissions(
    draw: st.DrawFn,
    *,
    sale: st.SearchStrategy[Sale] | None = None,
    standard_tier: st.SearchStrategy[Tier] | None = None,
    plan: st.SearchStrategy[CommissionPlan] | None = None,
) -> SaleCommission:
    """Draw a :class:`~partnerrules.commission.SaleCommission` as the library computes it.

    One sale (:func:`sales`) judged by :func:`~partnerrules.commission.sale_commissions`
    with a standard tier from :func:`tiers` and a plan from *plan*: by default
    the Omid pack's plan, the same plan with a drawn Diamond rate, or a
    caller's :func:`commission_plans` plan. With the Omid plan the sale, the
    only one of its year, takes the campaign rate.
    """
    omid_plan = _omid.COMMISSION_PLAN
    default_plan = st.one_of(
        st.just(omid_plan),
        rates().map(
            lambda r: attrs.evolve(
                omid_plan, campaigns=[attrs.evolve(c, rate=r) for c in omid_plan.campaigns]
            )
        ),
        commission_plans(),
    )
    drawn = draw(sale if sale is not None else sales())
    tier = draw(standard_tier if standard_tier is not None else tiers())
    (line,) = _commission.sale_commissions(
        [drawn],
        standard_tiers={drawn.partner: tier},
        plan=draw(plan if plan is not None else default_plan),
    )
    return line


home("partnerrules.testing.strategies", globals())
