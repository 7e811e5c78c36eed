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
import inspect
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
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
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
# A strategy checks its arguments when it is called (not when a value is drawn) and refuses
# a bad one with the library's typed errors naming the parameter, never with Hypothesis's
# InvalidArgument or whatever the bad value raises.

AWARE = dt.datetime(2020, 1, 1, tzinfo=UTC)
A_CONTRACT = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("1000.05"))
BAD_ARGUMENTS: list[tuple[str, Callable[[], object], type[PartnerRulesError], str]] = [
    ("money bounds", lambda: prs.money("BRL", min_units=5, max_units=1), InvalidValueError, "min_units"),
    ("money range", lambda: prs.money("JPY", max_units=AMOUNT_LIMIT), InvalidValueError, "max_units"),
    ("money range of every currency", lambda: prs.money(max_units=AMOUNT_LIMIT), InvalidValueError, "max_units"),
    ("money currency", lambda: prs.money("XYZ"), UnknownKeyError, "currency"),
    ("money units type", lambda: prs.money(min_units=1.5), InvalidTypeError, "min_units"),
    ("brl bounds", lambda: prs.brl_amounts(min_units=-(10**30)), InvalidValueError, "min_units"),
    ("naive bound", lambda: prs.instants(min_value=dt.datetime(2020, 1, 1)), NaiveDatetimeError, "min_value"),
    ("bound in year 1", lambda: prs.instants(min_value=dt.datetime(1, 1, 1, tzinfo=UTC)), InvalidValueError, "min_value"),
    ("instant order", lambda: prs.instants(min_value=AWARE, max_value=AWARE - TICK), InvalidValueError, "min_value"),
    ("instant default order", lambda: prs.instants(max_value=AWARE.replace(year=2014)), InvalidValueError, "min_value"),
    ("timezones", lambda: prs.instants(timezones=UTC), InvalidTypeError, "timezones"),
    ("durations", lambda: prs.durations(min_value=TICK, max_value=dt.timedelta(0)), InvalidValueError, "min_value"),
    ("durations default", lambda: prs.durations(max_value=dt.timedelta.max), InvalidValueError, "max_value"),
    ("dates", lambda: prs.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2020, 1, 1)), InvalidValueError, "min_value"),
    ("a datetime for a date", lambda: prs.dates(max_value=AWARE), InvalidTypeError, "max_value"),
    ("earliest", lambda: prs.day_hours(earliest=dt.time(9), latest=dt.time(9)), InvalidValueError, "earliest"),
    ("whole minutes", lambda: prs.day_hours(earliest=dt.time(9, 0, 30)), InvalidValueError, "earliest"),
    ("intervals", lambda: prs.day_hours(max_intervals=0), InvalidValueError, "max_intervals"),
    ("a truthy str for a bool", lambda: prs.day_hours(allow_closed="no"), InvalidTypeError, "allow_closed"),
    ("open days", lambda: prs.weekly_hours(min_open_days=8), InvalidValueError, "min_open_days"),
    ("closures", lambda: prs.calendars(max_closures=10**30), InvalidValueError, "max_closures"),
    ("ratios", lambda: prs.ratios(min_size=0), InvalidValueError, "min_size"),
    ("ratio sizes", lambda: prs.ratios(min_size=3, max_size=2), InvalidValueError, "min_size"),
    ("rates", lambda: prs.rates(min_value=Decimal("0.501"), max_value=Decimal("0.509")), InvalidValueError, "min_value"),
    ("rate bound NaN", lambda: prs.rates(max_value=Decimal("NaN")), InvalidValueError, "max_value"),
    ("rate bound float", lambda: prs.rates(max_value=0.5), InvalidTypeError, "max_value"),
    ("discount places", lambda: prs.discounts(places=-1), InvalidValueError, "places"),
    ("schedule size", lambda: prs.tier_schedules(max_size=9), InvalidValueError, "max_size"),
    ("reserved namespace", lambda: prs.rule_ids(namespace="omid"), InvalidValueError, "namespace"),
    ("malformed namespace", lambda: prs.sla_policies(namespace="Acme Corp"), InvalidValueError, "namespace"),
    ("period", lambda: prs.campaign_periods(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 1, 1)), InvalidValueError, "min_value"),
    ("period near 9999", lambda: prs.campaign_periods(max_value=dt.date.max), InvalidValueError, "max_value"),
    ("units", lambda: prs.response_windows(units=("weeks",)), InvalidValueError, "units[0]"),
    ("units as a str", lambda: prs.business_spans(units="hours"), InvalidTypeError, "units"),
    ("no units", lambda: prs.severity_matrices(units=[]), InvalidValueError, "units"),
    ("places", lambda: prs.tickets(places=()), InvalidValueError, "places"),
    ("a place's shape", lambda: prs.tickets(places=[("BR", "SP")]), InvalidTypeError, "places[0]"),
    ("a place's zone", lambda: prs.tickets(places=[("BR", (None,), ("Mars/Olympus",))]), InvalidValueError, "places[0][2][0]"),
    ("a place's country", lambda: prs.ticket_histories(places=[("XX", (None,), ("UTC",))]), InvalidValueError, "places[0]"),
    ("statuses", lambda: prs.ticket_histories(statuses=["on hold", " "]), InvalidValueError, "statuses[1]"),
    ("events", lambda: prs.ticket_histories(max_events=101), InvalidValueError, "max_events"),
    ("contract", lambda: prs.effective_dates("C-1"), InvalidTypeError, "contract"),
    ("convention", lambda: prs.payment_plans(A_CONTRACT, convention="30/365"), UnknownKeyError, "convention"),
    ("a plain value for a strategy", lambda: prs.contracts(terms=12), InvalidTypeError, "terms"),
    ("sale list sizes", lambda: prs.sale_lists(min_size=2, max_size=1), InvalidValueError, "min_size"),
    ("versions", lambda: prs.programme_histories(max_size=0), InvalidValueError, "max_size"),
    ("an unknown keyword", lambda: prs.zones(zone="UTC"), InvalidTypeError, "arguments"),
    ("too many arguments", lambda: prs.money("BRL", 1), InvalidTypeError, "arguments"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "call", "error", "field"), BAD_ARGUMENTS, ids=[w for w, *_ in BAD_ARGUMENTS]
)
def test_bad_strategy_arguments_raise_typed_errors_naming_the_parameter_when_called(
    what: str, call: Callable[[], object], error: type[PartnerRulesError], field: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error, raised.value
    assert getattr(raised.value, "field", None) == field, raised.value
    assert field in str(raised.value), raised.value


class _Hostile:
    """Every method a check might call raises."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__")

    def __iter__(self) -> Any:
        raise RuntimeError("__iter__")

    def __len__(self) -> int:
        raise RuntimeError("__len__")

    def __bool__(self) -> bool:
        raise RuntimeError("__bool__")

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("__lt__")


def _factories() -> list[tuple[str, Callable[..., Any]]]:
    return [(n, getattr(prs, n)) for n in sorted(prs.__all__) if callable(getattr(prs, n))]


#: A valid first argument of the factories that need one.
NEEDS = {"addenda": (A_CONTRACT,), "effective_dates": (A_CONTRACT,), "payment_plans": (A_CONTRACT,)}
PARAMETERS = [
    (name, param)
    for name, factory in _factories()
    for param in inspect.signature(factory).parameters
]


@pytest.mark.parametrize(("name", "param"), PARAMETERS, ids=[f"{n}-{p}" for n, p in PARAMETERS])
@pytest.mark.parametrize(
    "bad", [_Hostile(), object(), b"x", 10**5000], ids=["hostile", "object", "bytes", "huge int"]
)
def test_every_parameter_refuses_a_wrong_value_with_a_typed_error_naming_it(
    name: str, param: str, bad: object
) -> None:
    """Each parameter of each strategy, given something it cannot take, names itself."""
    factory = getattr(prs, name)
    args = NEEDS.get(name, ())
    if param == "contract":
        args = ()
    with pytest.raises(PartnerRulesError) as raised:
        factory(*args, **{param: bad})
    assert getattr(raised.value, "field", "").split("[")[0] == param, raised.value


def _int_bounds() -> list[tuple[str, str]]:
    found = []
    for name, factory in _factories():
        for param in inspect.signature(factory).parameters.values():
            if param.annotation in (int, int | None):
                found.append((name, param.name))
    return found


INT_BOUNDS = _int_bounds()


def test_the_int_bounds_are_found() -> None:
    assert ("money", "min_units") in INT_BOUNDS
    assert ("ticket_histories", "max_events") in INT_BOUNDS
    assert len(INT_BOUNDS) >= 20


@settings(max_examples=200, database=None, deadline=None)
@given(
    case=st.sampled_from(INT_BOUNDS),
    value=st.one_of(
        st.booleans(),
        st.floats(),
        st.decimals(),
        st.text(max_size=5),
        st.binary(max_size=5),
        st.lists(st.integers(), max_size=2),
        st.builds(object),
        st.fractions(),
    ),
)
def test_any_non_int_for_an_int_bound_raises_invalid_type_error_naming_it(
    case: tuple[str, str], value: object
) -> None:
    name, param = case
    with pytest.raises(InvalidTypeError) as raised:
        getattr(prs, name)(*NEEDS.get(name, ()), **{param: value})
    assert raised.value.field == param
    assert raised.value.value is value


def test_every_public_strategy_checks_its_arguments_when_called() -> None:
    """Each factory is wrapped by the one argument check (the fuzz test relies on it)."""
    unchecked = [name for name, factory in _factories() if not hasattr(factory, "__checked__")]
    assert not unchecked


VALID_CALLS: list[tuple[str, Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = [
    ("money", prs.money, ("JPY",), {"min_units": -5, "max_units": 5}),
    ("brl_amounts", prs.brl_amounts, (), {"min_units": 1}),
    ("instants", prs.instants, (), {"min_value": AWARE, "timezones": st.just(SP)}),
    ("durations", prs.durations, (), {"max_value": dt.timedelta(days=2)}),
    ("rates", prs.rates, (), {"places": 3, "min_value": Decimal("0.1")}),
    ("contracts", prs.contracts, (), {"terms": st.just(12), "max_addenda": 0}),
    ("addenda", prs.addenda, (A_CONTRACT,), {}),
    ("zones", prs.zones, (), {}),
]


@pytest.mark.parametrize(
    ("name", "factory", "args", "kwargs"), VALID_CALLS, ids=[n for n, *_ in VALID_CALLS]
)
def test_a_valid_call_returns_the_strategy_it_always_did(
    name: str, factory: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """The check passes the arguments on as given: the same strategy, the same draws."""
    checked = factory(*args, **kwargs)
    plain = factory.__wrapped__(*args, **kwargs)
    assert repr(checked) == repr(plain)
    assert type(checked) is type(plain)


#: Valid calls at the edges of what the checks allow: every draw must succeed.
EDGE_CALLS: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("instants at the earliest", prs.instants(min_value=dt.datetime(1, 1, 2, tzinfo=UTC), max_value=dt.datetime(1, 1, 9, tzinfo=UTC))),
    ("instants at the latest", prs.instants(min_value=dt.datetime(9999, 12, 20, tzinfo=UTC), max_value=dt.datetime(9999, 12, 30, tzinfo=UTC))),
    ("durations far out", prs.durations(max_value=-dt.timedelta.min)),
    ("dates at the ends", prs.dates(min_value=dt.date.min, max_value=dt.date.max)),
    ("periods at the end", prs.campaign_periods(min_value=dt.date(9997, 1, 1), max_value=dt.date(9998, 1, 1))),
    ("rates with the most places", prs.rates(places=18, min_value=-(10**9), max_value=10**9)),
    ("discounts with the most places", prs.discounts(places=18)),
    ("money in any currency at the bounds", prs.money(min_units=AMOUNT_LIMIT - 1)),
    ("ratios of the most items", prs.ratios(min_size=100, max_size=100)),
    ("tickets in a place of a list", prs.tickets(places=[["BR", ["SP"], ["America/Sao_Paulo"]]])),
]  # fmt: skip


@pytest.mark.parametrize(("what", "strategy"), EDGE_CALLS, ids=[w for w, _ in EDGE_CALLS])
@settings(max_examples=30, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_drawing_from_a_valid_call_never_raises(
    what: str, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    data.draw(strategy)


def test_versions_of_several_ids_are_refused_with_a_typed_error() -> None:
    ids = itertools.count()
    mixed = st.builds(lambda: Programme(f"p{next(ids)}", "N", "S", []))
    strategy = prs.programme_histories(versions=mixed, min_size=4, max_size=4)
    with pytest.raises(InvalidValueError, match="'versions' must be a strategy drawing"):
        find(strategy, lambda _: True, settings=FIND)


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
