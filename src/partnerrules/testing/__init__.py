"""Hypothesis strategies and laws for testing code that uses partnerrules.

A service that embeds partnerrules can property-test its own code with the
library's values, and check that the library's laws hold on its own data:

* :mod:`partnerrules.testing.strategies`: a strategy for every value object
  (money, calendars, programmes and their SLA policies and commission plans,
  tickets, contracts, sales and payments, customers, deal registrations and
  ACE opportunities), each drawing only valid values;
* :mod:`partnerrules.testing.laws`: the laws the rule functions obey, as plain
  functions that raise :class:`AssertionError` naming the rule id.

Importing this package calls :func:`register`, so Hypothesis's ``st.from_type``
draws partnerrules values too. It needs Hypothesis (the ``testing`` extra:
``pip install 'partnerrules[testing]'``); ``import partnerrules`` never
imports it.

>>> from hypothesis import given, settings, strategies as st
>>> from partnerrules.contracts import Contract
>>> from partnerrules.testing import laws
>>> @settings(max_examples=10, database=None, deadline=None)
... @given(st.from_type(Contract))
... def test_invoices_add_up(contract):
...     laws.check_invoices_sum_to_tcv(contract)
>>> test_invoices_add_up()
"""

from __future__ import annotations

from hypothesis import strategies as st

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
from partnerrules.contracts import Addendum, Contract, DataLink, Invoice, PoolItem
from partnerrules.deals import Cnpj, Customer, DealRegistration, Opportunity
from partnerrules.lifecycle import LifecyclePolicy, TicketHistory
from partnerrules.money import Money
from partnerrules.programmes import Programme
from partnerrules.sla import (
    BusinessSpan,
    Pause,
    ResponseWindow,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
)
from partnerrules.testing import laws, strategies
from partnerrules.versions import ProgrammeHistory

__all__ = ["laws", "register", "strategies"]


def register() -> None:
    """Register the strategies with Hypothesis, for ``st.from_type``.

    Afterwards ``st.from_type(Money)``, ``st.from_type(Contract)`` and the
    like draw from :mod:`partnerrules.testing.strategies` (so do
    ``st.builds`` and ``@given`` with type hints for fields of these types).
    Registers every value type of partnerrules that a caller builds:
    money, calendars, SLA policies and their parts, tickets and pauses,
    contracts and their parts, commission plans and their parts, sales,
    payments, sale commissions, programmes and their histories, CNPJs,
    customers, deal registrations, opportunities, lifecycle policies and ticket
    histories.
    Idempotent; called when
    :mod:`partnerrules.testing` is imported.

    >>> from hypothesis import strategies as st
    >>> from partnerrules.money import Money
    >>> register()
    >>> st.from_type(Money)
    money()
    """
    s = strategies
    st.register_type_strategy(Money, s.money())
    st.register_type_strategy(BusinessCalendar, s.calendars())
    st.register_type_strategy(BusinessSpan, s.business_spans())
    st.register_type_strategy(ResponseWindow, s.response_windows())
    st.register_type_strategy(SeverityMatrix, s.severity_matrices())
    st.register_type_strategy(SlaPolicy, s.sla_policies())
    st.register_type_strategy(Pause, s.pauses())
    st.register_type_strategy(Ticket, s.tickets())
    st.register_type_strategy(Contract, s.contracts())
    st.register_type_strategy(Addendum, s.contracts(max_addenda=0).flatmap(s.addenda))
    st.register_type_strategy(Invoice, s.invoices())
    st.register_type_strategy(PoolItem, s.pool_items())
    st.register_type_strategy(DataLink, s.data_links())
    st.register_type_strategy(Tier, s.tiers())
    st.register_type_strategy(TierSchedule, s.tier_schedules())
    st.register_type_strategy(CampaignPeriod, s.campaign_periods())
    st.register_type_strategy(Campaign, s.campaigns())
    st.register_type_strategy(CommissionPlan, s.commission_plans())
    st.register_type_strategy(MonthDay, s.month_days())
    st.register_type_strategy(TripTerms, s.trip_terms())
    st.register_type_strategy(Sale, s.sales())
    st.register_type_strategy(Payment, s.payments())
    st.register_type_strategy(SaleCommission, s.sale_commissions())
    st.register_type_strategy(Programme, s.programmes())
    st.register_type_strategy(ProgrammeHistory, s.programme_histories())
    st.register_type_strategy(Cnpj, s.cnpjs())
    st.register_type_strategy(Customer, s.customers())
    st.register_type_strategy(DealRegistration, s.deal_registrations())
    st.register_type_strategy(Opportunity, s.opportunities())
    st.register_type_strategy(LifecyclePolicy, s.lifecycle_policies())
    st.register_type_strategy(TicketHistory, s.ticket_histories())


register()
