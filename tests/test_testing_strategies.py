"""partnerrules.testing: every strategy draws valid values, from_type draws them, every law holds.

The strategies are part of the public API: a service embedding partnerrules
draws its test data from them. So each is checked here to draw values of its
type that pass their own validators again, to reach the edge cases its
docstring promises, and to refuse bad arguments; and each law is run on the
library over drawn values, and shown to catch a broken implementation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from partnerrules import commission, contracts, deals, sla
from partnerrules.calendars import BusinessCalendar
from partnerrules.commission import (
    Campaign,
    CampaignPeriod,
    CommissionPlan,
    MonthDay,
    Payment,
    Sale,
    SaleCommission,
    Tier,
    TierSchedule,
    TripTerms,
)
from partnerrules.contracts import Addendum, Contract, DataLink, Invoice, PoolItem, Proration
from partnerrules.deals import Cnpj, Customer, DealRegistration, Opportunity
from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.lifecycle import LifecyclePolicy, TicketHistory
from partnerrules.money import AMOUNT_LIMIT, Money, brl
from partnerrules.programmes import Programme
from partnerrules.sla import (
    BusinessSpan,
    Pause,
    ResponseWindow,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
)
from partnerrules.testing import laws, register
from partnerrules.testing import strategies as prs
from partnerrules.versions import ProgrammeHistory

UTC = dt.UTC
TICK = dt.timedelta(microseconds=1)
LONDON = ZoneInfo("Europe/London")
SP = ZoneInfo("America/Sao_Paulo")

# A budget for searches that show a documented edge case is drawn (the first found will do).
FIND = settings(max_examples=3000, database=None, deadline=None, phases=[Phase.generate])


def rebuilt(value: Any) -> Any:
    """The value built again from its fields, through its validators."""
    return attrs.evolve(value)


def utc(instant: dt.datetime) -> dt.datetime:
    return instant.astimezone(UTC)


# -- every strategy draws valid values of its type ------------------------------------------

VALUE_STRATEGIES: list[tuple[str, st.SearchStrategy[Any], type]] = [
    ("money", prs.money(), Money),
    ("brl_amounts", prs.brl_amounts(), Money),
    ("calendars", prs.calendars(), BusinessCalendar),
    ("business_spans", prs.business_spans(), BusinessSpan),
    ("response_windows", prs.response_windows(), ResponseWindow),
    ("severity_matrices", prs.severity_matrices(), SeverityMatrix),
    ("sla_policies", prs.sla_policies(), SlaPolicy),
    ("pauses", prs.pauses(), Pause),
    ("tickets", prs.tickets(), Ticket),
    ("contracts", prs.contracts(), Contract),
    ("addenda", prs.contracts(max_addenda=0).flatmap(prs.addenda), Addendum),
    ("invoices", prs.invoices(), Invoice),
    ("pool_items", prs.pool_items(), PoolItem),
    ("data_links", prs.data_links(), DataLink),
    ("tiers", prs.tiers(), Tier),
    ("tier_schedules", prs.tier_schedules(), TierSchedule),
    ("campaign_periods", prs.campaign_periods(), CampaignPeriod),
    ("campaigns", prs.campaigns(), Campaign),
    ("commission_plans", prs.commission_plans(), CommissionPlan),
    ("month_days", prs.month_days(), MonthDay),
    ("trip_terms", prs.trip_terms(), TripTerms),
    ("sales", prs.sales(), Sale),
    ("payments", prs.payments(), Payment),
    ("sale_commissions", prs.sale_commissions(), SaleCommission),
    ("programmes", prs.programmes(), Programme),
    ("programme_histories", prs.programme_histories(), ProgrammeHistory),
    ("cnpjs", prs.cnpjs(), Cnpj),
    ("customers", prs.customers(), Customer),
    ("deal_registrations", prs.deal_registrations(), DealRegistration),
    ("opportunities", prs.opportunities(), Opportunity),
    ("lifecycle_policies", prs.lifecycle_policies(), LifecyclePolicy),
    ("ticket_histories", prs.ticket_histories(), TicketHistory),
]


@pytest.mark.parametrize(
    ("name", "strategy", "kind"), VALUE_STRATEGIES, ids=[n for n, _, _ in VALUE_STRATEGIES]
)
@given(data=st.data())
def test_every_value_strategy_draws_values_that_pass_their_validators_again(
    name: str, strategy: st.SearchStrategy[Any], kind: type, data: st.DataObject
) -> None:
    value = data.draw(strategy, label=name)
    assert type(value) is kind
    assert rebuilt(value) == value


def test_every_public_strategy_is_checked_here() -> None:
    """A new strategy in prs.__all__ needs a line in one of the tables of this file."""
    checked = (
        {n for n, _, _ in VALUE_STRATEGIES}
        | set(PLAIN_STRATEGIES)
        | {
            "addenda",
            "effective_dates",
            "payment_plans",
            "sale_lists",
        }
    )
    public = {n for n in prs.__all__ if callable(getattr(prs, n))}
    assert public == checked


def _is_instant(value: object) -> bool:
    return isinstance(value, dt.datetime) and value.utcoffset() is not None


def _is_hours(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(a, dt.time) and isinstance(b, dt.time) for a, b in value
    )


PLAIN_STRATEGIES: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], bool]]] = {
    "zones": (prs.zones(), lambda z: isinstance(z, ZoneInfo) and z.key in prs.ZONE_NAMES),
    "instants": (prs.instants(), _is_instant),
    "durations": (
        prs.durations(),
        lambda d: isinstance(d, dt.timedelta) and abs(d) <= dt.timedelta(hours=400),
    ),
    "dates": (
        prs.dates(),
        lambda d: type(d) is dt.date and dt.date(2015, 1, 1) <= d <= dt.date(2035, 12, 31),
    ),
    "day_hours": (prs.day_hours(), _is_hours),
    "weekly_hours": (
        prs.weekly_hours(),
        lambda w: sorted(w) == list(range(7)) and any(w.values()),
    ),
    "currencies": (prs.currencies(), lambda c: Money.zero(c).currency == c),
    "ratios": (prs.ratios(), lambda r: brl("1").allocate(r) is not None),
    "rates": (prs.rates(), lambda r: isinstance(r, Decimal) and 0 <= r <= 1),
    "discounts": (prs.discounts(), lambda r: isinstance(r, Decimal) and 0 <= r < 1),
    "conventions": (prs.conventions(), lambda c: isinstance(c, Proration)),
    "company_names": (prs.company_names(), lambda n: Customer(n).name == n),
    "domains": (prs.domains(), lambda d: Customer("X", domain=d).domain is not None),
    "namespaces": (
        prs.namespaces(),
        lambda ns: Programme(ns, "N", "S", []).id == ns,
    ),
    "rule_ids": (
        prs.rule_ids(),
        lambda r: commission.CommissionPlan([], tier_rule=r).tier_rule == r,
    ),
}


@pytest.mark.parametrize("name", sorted(PLAIN_STRATEGIES))
@given(data=st.data())
def test_every_part_strategy_draws_what_the_library_accepts(name: str, data: st.DataObject) -> None:
    strategy, accepted = PLAIN_STRATEGIES[name]
    assert accepted(data.draw(strategy, label=name))


@given(data=st.data())
def test_contract_bound_strategies_fit_their_contract(data: st.DataObject) -> None:
    """addenda, effective_dates and payment_plans draw values that fit the contract given."""
    contract = data.draw(prs.contracts(terms=st.integers(1, 24)))
    addendum = data.draw(prs.addenda(contract))
    assert addendum.end == contract.end
    assert contract.start <= addendum.start < contract.end
    assert attrs.evolve(contract, addenda=(*contract.addenda, addendum)).tcv >= contract.tcv
    on = data.draw(prs.effective_dates(contract))
    assert (on - contract.start).days >= -400
    assert (on - contract.end).days <= 400
    complete = data.draw(st.booleans())
    paid = data.draw(prs.payment_plans(contract, complete=complete))
    owed = {i.id: i.amount for i in contract.invoices()}
    totals: dict[str, Money] = {}
    for p in paid:
        totals[p.invoice_id] = totals.get(p.invoice_id, brl(0)) + p.amount
    assert all(totals[k] <= owed[k] for k in totals)
    assert len({p.id for p in paid}) == len(paid)
    if complete:
        assert all(totals.get(k, brl(0)) == v for k, v in owed.items())


@given(prs.sale_lists(max_size=6))
def test_sale_lists_sell_each_contract_once(sales: list[Sale]) -> None:
    assert len({s.contract.id for s in sales}) == len(sales)
    standard = {s.partner: Tier("Standard", brl(0), Decimal("0.1")) for s in sales}
    assert len(commission.sale_commissions(sales, standard_tiers=standard)) == len(sales)


@given(prs.tickets())
def test_tickets_are_consistent_in_real_time_and_have_deadlines_under_every_pack(
    ticket: Ticket,
) -> None:
    """Responses and pauses follow the opening in UTC; every pack finds the ticket's zone."""
    opened = utc(ticket.opened_at)
    assert all(utc(r) >= opened for r in ticket.responses)
    previous_end = opened
    for p in ticket.pauses:
        assert utc(p.start) >= previous_end
        assert p.end is None or utc(p.end) > utc(p.start)
        previous_end = utc(p.end) if p.end is not None else opened
    for policy in (sla.ZOHO, sla.APPENDIX_B):
        assert sla.deadlines(ticket, policy=policy).ticket_id == ticket.id


@given(prs.deal_registrations())
def test_status_updates_never_precede_the_registration(registration: DealRegistration) -> None:
    start = utc(registration.registered_at)
    assert all(utc(u) >= start for u in registration.status_updates)


@given(prs.programmes())
def test_a_programme_declares_every_rule_its_policies_cite(programme: Programme) -> None:
    cited = set()
    if programme.sla is not None:
        cited.add(programme.sla.rule_id)
    if programme.commission is not None:
        cited |= {c.rule_id for c in programme.commission.campaigns}
        cited.add(programme.commission.tier_rule)
    assert cited <= programme.rule_ids
    assert all(r.id.split(".")[0] == programme.id for r in programme.rules)


# -- registration with from_type -----------------------------------------------------------

REGISTERED = [kind for _, _, kind in VALUE_STRATEGIES if kind is not Money] + [Money]


@pytest.mark.parametrize("kind", REGISTERED, ids=lambda k: k.__name__)
@given(data=st.data())
def test_from_type_draws_valid_values_of_every_registered_type(
    kind: type, data: st.DataObject
) -> None:
    value = data.draw(st.from_type(kind))
    assert type(value) is kind
    assert rebuilt(value) == value


@dataclasses.dataclass(frozen=True)
class _Quote:
    price: Money
    contract: Contract


@given(st.builds(_Quote))
def test_builds_fills_fields_of_registered_types(quote: _Quote) -> None:
    """A caller's own attrs class with partnerrules fields is drawn with valid values."""
    assert isinstance(quote.price, Money)
    assert quote.contract.invoices()


def test_register_is_idempotent_and_names_the_shipped_strategies() -> None:
    register()
    register()
    assert repr(st.from_type(Money)) == "money()"
    assert repr(st.from_type(Contract)) == "contracts()"


def test_importing_the_library_does_not_import_hypothesis_but_the_testing_package_does() -> None:
    code = (
        "import sys, partnerrules, partnerrules.money, partnerrules.calendars, "
        "partnerrules.sla, partnerrules.commission, partnerrules.contracts, "
        "partnerrules.deals, partnerrules.programmes; "
        "before = 'hypothesis' in sys.modules; "
        "import partnerrules.testing; "
        "from hypothesis import strategies as st; "
        "from partnerrules.money import Money; "
        "print(before, 'hypothesis' in sys.modules, repr(st.from_type(Money)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "money()"]


# -- the edge cases the docstrings promise are drawn ----------------------------------------


def _at_clock_change(instant: dt.datetime) -> bool:
    return (instant - TICK).astimezone(instant.tzinfo).utcoffset() != instant.utcoffset()


EDGE_CASES: list[tuple[str, st.SearchStrategy[Any], Callable[[Any], bool]]] = [
    ("an instant exactly at a clock change", prs.instants(), _at_clock_change),
    (
        "the second occurrence of a repeated hour",
        prs.instants(timezones=st.just(LONDON)),
        lambda t: t.fold == 1,
    ),
    (
        "New Year's midnight in São Paulo",
        prs.instants(timezones=st.just(SP)),
        lambda t: (t.month, t.day, t.hour, t.minute, t.second, t.microsecond) == (1, 1, 0, 0, 0, 0),
    ),
    ("29 February", prs.dates(), lambda d: (d.month, d.day) == (2, 29)),
    ("31 January", prs.dates(), lambda d: (d.month, d.day) == (1, 31)),
    ("one microsecond back", prs.durations(), lambda d: d == -TICK),
    (
        "an interval reopening as the previous closes",
        prs.day_hours(),
        lambda h: any(a[1] == b[0] for a, b in itertools.pairwise(h)),
    ),
    ("a 24-hour day", prs.day_hours(), lambda h: h == [(dt.time(0), dt.time(0))]),
    (
        "an edge in the small hours",
        prs.day_hours(),
        lambda h: any(dt.time(0) < t <= dt.time(4) for pair in h for t in pair),
    ),
    (
        "a calendar with special hours and a subdivision's holidays",
        prs.calendars(),
        lambda c: bool(c.special_hours) and c.subdivision is not None,
    ),
    (
        "the largest amount",
        prs.money("BRL"),
        lambda m: m.minor_units == AMOUNT_LIMIT * 100 - 1,
    ),
    ("equal ratios", prs.ratios(min_size=3), lambda r: len(set(map(str, r))) == 1),
    ("a ratio of 1E-50", prs.ratios(), lambda r: any(str(x) == "1E-50" for x in r)),
    ("a half rate", prs.rates(), lambda r: r == Decimal("0.5")),
    (
        "a contract from a month end after the 28th",
        prs.contracts(),
        lambda c: c.start.day > 28 and (c.start + dt.timedelta(days=1)).day == 1,
    ),
    ("a contract with two addenda", prs.contracts(), lambda c: len(c.addenda) == 2),
    (
        "tiers one centavo apart",
        prs.tier_schedules(min_size=2),
        lambda s: any(
            (b.minimum - a.minimum) == brl("0.01")
            for a, b in zip(s.tiers, s.tiers[1:], strict=False)
        ),
    ),
    (
        "an alphanumeric CNPJ of a root of zeros",
        prs.cnpjs(alphanumeric=True),
        lambda c: c.root == "00000000" and c.is_alphanumeric,
    ),
    ("a ticket with an open pause", prs.tickets(), lambda t: any(p.end is None for p in t.pauses)),
    (
        "a ticket answered at its opening instant",
        prs.tickets(),
        lambda t: any(utc(r) == utc(t.opened_at) for r in t.responses),
    ),
    (
        "a status update exactly three months on the wall clock",
        prs.deal_registrations(),
        lambda r: any(
            utc(u) == utc(r.registered_at.replace(fold=0) + relativedelta(months=3))
            for u in r.status_updates
        ),
    ),
    (
        "a sale tie",
        prs.sale_lists(min_size=2),
        lambda s: len({utc(x.signed_at) for x in s}) < len(s),
    ),
]


@pytest.mark.parametrize(
    ("what", "strategy", "found"), EDGE_CASES, ids=[w for w, _, _ in EDGE_CASES]
)
def test_the_documented_edge_cases_are_drawn(
    what: str, strategy: st.SearchStrategy[Any], found: Callable[[Any], bool]
) -> None:
    assert found(find(strategy, found, settings=FIND)), what


# -- bad arguments -------------------------------------------------------------------------

BAD_ARGUMENTS: list[tuple[str, Callable[[], st.SearchStrategy[Any]], str]] = [
    ("money bounds", lambda: prs.money("BRL", min_units=5, max_units=1), "min_units"),
    ("money range", lambda: prs.money("JPY", max_units=AMOUNT_LIMIT), "max_units"),
    ("naive bound", lambda: prs.instants(min_value=dt.datetime(2020, 1, 1)), "aware"),
    (
        "instant order",
        lambda: prs.instants(
            min_value=dt.datetime(2021, 1, 1, tzinfo=UTC),
            max_value=dt.datetime(2020, 1, 1, tzinfo=UTC),
        ),
        "after max_value",
    ),
    ("durations", lambda: prs.durations(min_value=TICK, max_value=dt.timedelta(0)), "greater"),
    ("dates", lambda: prs.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2020, 1, 1)), "after"),
    ("earliest", lambda: prs.day_hours(earliest=dt.time(9), latest=dt.time(9)), "before latest"),
    ("whole minutes", lambda: prs.day_hours(earliest=dt.time(9, 0, 30)), "whole minutes"),
    ("intervals", lambda: prs.day_hours(max_intervals=0), "max_intervals"),
    ("ratios", lambda: prs.ratios(min_size=0), "min_size"),
    ("rates", lambda: prs.rates(min_value=Decimal("0.501"), max_value=Decimal("0.509")), "no rate"),
    ("schedule size", lambda: prs.tier_schedules(max_size=9), "max_size"),
    ("reserved namespace", lambda: prs.rule_ids(namespace="omid"), "source programme"),
    ("period", lambda: prs.campaign_periods(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 1, 1)), "before"),
    ("units", lambda: prs.response_windows(units=("weeks",)), "units"),
    ("places", lambda: prs.tickets(places=()), "places"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "build", "message"), BAD_ARGUMENTS, ids=[w for w, _, _ in BAD_ARGUMENTS]
)
def test_bad_strategy_arguments_raise_invalid_argument(
    what: str, build: Callable[[], st.SearchStrategy[Any]], message: str
) -> None:
    with pytest.raises(InvalidArgument, match=message):
        find(build(), lambda _: True, settings=FIND)


def test_weekly_hours_checks_its_argument_when_called() -> None:
    with pytest.raises(InvalidArgument, match="min_open_days"):
        prs.weekly_hours(min_open_days=8)


# -- the laws hold on the library -----------------------------------------------------------


@given(prs.money(), prs.ratios())
def test_law_money_allocation(money: Money, ratios: list[Any]) -> None:
    laws.check_money_allocation(money, ratios)


@given(prs.money(), st.integers(1, 60))
def test_law_money_split(money: Money, parts: int) -> None:
    laws.check_money_split(money, parts)


@given(prs.calendars(), prs.instants(), prs.durations())
def test_law_business_time_inverse(
    calendar: BusinessCalendar, start: dt.datetime, duration: dt.timedelta
) -> None:
    laws.check_business_time_inverse(calendar, start, duration)


@given(prs.calendars(), prs.instants(), prs.instants(), prs.durations(), prs.durations())
def test_law_add_is_monotonic(
    calendar: BusinessCalendar,
    a: dt.datetime,
    b: dt.datetime,
    d: dt.timedelta,
    e: dt.timedelta,
) -> None:
    laws.check_add_monotonic_in_duration(calendar, a, d, e)
    laws.check_add_monotonic_in_start(calendar, a, b, d)


@given(prs.calendars(), prs.instants(), prs.instants(), prs.instants())
def test_law_elapsed_additive(
    calendar: BusinessCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    laws.check_elapsed_additive(calendar, a, b, c)


@given(prs.contracts(), prs.conventions())
def test_law_invoices_sum_to_tcv(contract: Contract, convention: Proration) -> None:
    laws.check_invoices_sum_to_tcv(contract, convention=convention)


@given(st.data())
def test_law_cancellation_bounds_and_remaining_value(data: st.DataObject) -> None:
    contract = data.draw(prs.contracts())
    convention = data.draw(prs.conventions())
    on = data.draw(prs.effective_dates(contract))
    laws.check_cancellation_bounds(contract, on, convention=convention)
    later = data.draw(prs.effective_dates(contract))
    laws.check_remaining_value_never_grows(contract, on, later, convention=convention)


@given(st.data())
def test_law_releases_sum_to_commission(data: st.DataObject) -> None:
    line = data.draw(prs.sale_commissions())
    payments = data.draw(prs.payment_plans(line.sale.contract))
    laws.check_releases_sum_to_commission(line, payments)


@given(
    prs.tier_schedules(),
    prs.brl_amounts(max_units=10**9),
    prs.brl_amounts(max_units=10**9),
    st.booleans(),
)
def test_law_tiers(schedule: TierSchedule, a: Money, b: Money, team: bool) -> None:
    laws.check_tier_monotonic(schedule, a, b, has_presales_team=team)
    laws.check_missing_tcv_reaches_next_tier(schedule, a, has_presales_team=team)


POLICIES = st.one_of(st.sampled_from((sla.ZOHO, sla.APPENDIX_B)), prs.sla_policies())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(prs.tickets(), POLICIES, prs.durations(min_value=dt.timedelta(0)))
def test_law_sla_deadlines(ticket: Ticket, policy: SlaPolicy, delay: dt.timedelta) -> None:
    laws.check_pauses_never_advance_deadlines(ticket, policy=policy)
    laws.check_deadline_monotonic(ticket, delay, policy=policy)


@given(st.data())
def test_law_protection_monotonic(data: st.DataObject) -> None:
    registration = data.draw(prs.deal_registrations())
    start = registration.registered_at
    later = prs.instants(min_value=start, max_value=start + dt.timedelta(days=900))
    laws.check_protection_monotonic(registration, data.draw(later), data.draw(later))


@given(prs.cnpjs())
def test_law_cnpj_check_digits(cnpj: Cnpj) -> None:
    laws.check_cnpj_check_digits(cnpj)


@given(prs.customers(), prs.customers())
def test_law_customer_matching(first: Customer, second: Customer) -> None:
    laws.check_customer_matching(first, second)


@given(
    prs.opportunities(),
    st.lists(prs.opportunities(), max_size=3),
    prs.instants(),
    st.integers(1, 120),
)
def test_law_ace_readiness_reports_every_failure(
    opportunity: Opportunity, existing: list[Opportunity], at: dt.datetime, minimum: int
) -> None:
    laws.check_ace_readiness_reports_every_failure(
        opportunity, at=at, min_description_length=minimum, existing=existing
    )


# -- the laws catch a broken library --------------------------------------------------------

SP_NOON = dt.datetime(2026, 3, 2, 12, tzinfo=SP)
CONTRACT = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("1000.05"))


def test_a_lost_centavo_in_an_allocation_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Money, "allocate", lambda self, ratios: self.split(len(ratios)))
    with pytest.raises(AssertionError, match=r"^money\.brl\.exact: part 0 of 10\.00 BRL"):
        laws.check_money_allocation(brl("10.00"), [1, 3])


def test_business_time_that_counts_closed_hours_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    cal = BusinessCalendar("UTC", {d: [(dt.time(9), dt.time(18))] for d in range(5)})
    monkeypatch.setattr(
        BusinessCalendar, "add", lambda self, start, d: (start + d).astimezone(self.zone)
    )
    with pytest.raises(AssertionError, match=r"^calendar\.business_time: elapsed"):
        laws.check_business_time_inverse(
            cal, dt.datetime(2026, 3, 6, 17, tzinfo=UTC), dt.timedelta(hours=2)
        )


def test_a_fee_above_the_remaining_value_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = contracts.cancellation_quote
    monkeypatch.setattr(
        contracts,
        "cancellation_quote",
        lambda c, on, **kw: attrs.evolve(real(c, on, **kw), fee=c.tcv + brl("0.01")),
    )
    with pytest.raises(AssertionError, match=r"^omid\.contract\.cancellation_fee: on 2026-07-01"):
        laws.check_cancellation_bounds(CONTRACT, dt.date(2026, 7, 1))


def test_a_commission_released_twice_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    sale = Sale("alfa", CONTRACT, SP_NOON)
    (line,) = commission.sale_commissions([sale], standard_tiers={"alfa": Tier("S", brl(0), "0.1")})
    paid = [Payment(f"P-{i.number}", i.id, i.amount, SP_NOON) for i in CONTRACT.invoices()]
    real = commission.release_commission
    monkeypatch.setattr(
        commission,
        "release_commission",
        lambda c, p, **kw: attrs.evolve(real(c, p, **kw), released=c.commission + brl("0.01")),
    )
    with pytest.raises(AssertionError, match=r"^omid\.commission\.paid_on_collection: releases"):
        laws.check_releases_sum_to_commission(line, paid)


def test_protection_that_an_update_shortens_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    registration = DealRegistration(
        "CRM-1", customer=Customer("ACME"), partner="alfa", registered_at=SP_NOON, bdm="olga"
    )
    real = deals.protection_status

    def forgetful(reg: DealRegistration, **kw: Any) -> Any:
        status = real(attrs.evolve(reg, status_updates=()), **kw)
        if reg.status_updates:  # the update is counted as the registration, a year early
            return attrs.evolve(
                status, protected_until=status.protected_until - dt.timedelta(days=365)
            )
        return status

    monkeypatch.setattr(deals, "protection_status", forgetful)
    with pytest.raises(AssertionError, match=r"^mcs\.deal\.protection: an update at"):
        laws.check_protection_monotonic(registration, SP_NOON + dt.timedelta(days=30), SP_NOON)


def test_a_check_that_stops_at_the_first_failure_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = deals.check_ace_readiness

    def first_only(o: Opportunity, **kw: Any) -> Any:
        result = real(o, **kw)
        return attrs.evolve(result, failed=result.failed[:1], reasons=result.reasons[:1])

    monkeypatch.setattr(deals, "check_ace_readiness", first_only)
    bare = Opportunity("O-1", customer=Customer("ACME"), project="SAP", status="active")
    with pytest.raises(AssertionError, match=r"^aws\.ace\.readiness: O-1 failed"):
        laws.check_ace_readiness_reports_every_failure(bare, at=SP_NOON, min_description_length=10)


def test_deadline_laws_refuse_a_negative_delay() -> None:
    ticket = Ticket("T-1", SP_NOON, severity=1, category="downtime", level="Premium", country="BR")
    with pytest.raises(InvalidValueError, match=r"'delay' must be a duration >= 0"):
        laws.check_deadline_monotonic(ticket, -TICK)


BAD_LAW_ARGUMENTS: list[tuple[Callable[[], None], str]] = [
    (lambda: laws.check_money_allocation("10.00", [1]), "'money' must be a Money"),
    (lambda: laws.check_money_split(brl(1), 0), "'parts' must be an integer from 1"),
    (lambda: laws.check_add_monotonic_in_duration(BusinessCalendar("UTC", {0: [(dt.time(9), dt.time(18))]}), SP_NOON, 1, TICK), "'first' must be a datetime.timedelta"),
    (lambda: laws.check_remaining_value_never_grows(CONTRACT, "2026-01-01", dt.date(2026, 2, 1)), "'first' must be a datetime.date"),
    (lambda: laws.check_releases_sum_to_commission("line", []), "'commission' must be a SaleCommission"),
    (lambda: laws.check_tier_monotonic(TierSchedule([Tier("S", brl(0), "0.1")]), brl(1), 2, has_presales_team=False), "'second' must be a Money"),
    (lambda: laws.check_customer_matching(Customer("ACME"), "ACME"), "'second' must be a Customer"),
    (lambda: laws.check_cnpj_check_digits("11.222.333/0001-81"), "'cnpj' must be a Cnpj"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "message"), BAD_LAW_ARGUMENTS)
def test_a_law_given_a_wrong_value_raises_a_typed_error_not_an_assertion(
    call: Callable[[], None], message: str
) -> None:
    with pytest.raises((InvalidTypeError, InvalidValueError), match=message):
        call()
