"""Hypothesis strategies for every value object of partnerrules.

Each strategy builds its values through the library's public constructors and
rule functions, within the ranges the constructors accept, so drawing a value
never raises: a strategy is also a specification of what a valid value is.
The docstrings say what each one covers and which edge cases it draws more
often than chance would (DST nights, month ends, half-even ties...).

Strategies that take other strategies as keyword arguments use them in place
of their defaults, so a test can narrow any part (``contracts(terms=st.just(12))``).
Nothing here reads a clock or the environment: the default ranges of dates
and instants are fixed (2015 to 2035).

Every strategy checks its arguments when it is called, not when a value is
drawn, and refuses a bad one with an error of :mod:`partnerrules.errors`
naming the parameter (:class:`~partnerrules.errors.InvalidTypeError`,
:class:`~partnerrules.errors.InvalidValueError`...), never with Hypothesis's
``InvalidArgument``. A part is given as a strategy, never as a plain value
(``st.just(12)``, not ``12``); counts such as ``max_size`` or ``max_addenda``
are at most 100:

>>> from partnerrules.testing.strategies import contracts
>>> contracts(terms=12)
Traceback (most recent call last):
...
partnerrules.errors.InvalidTypeError: 'terms' must be a hypothesis SearchStrategy or None \
(got int 12); wrap a plain value in st.just()

>>> from hypothesis import given, settings
>>> from partnerrules.testing.strategies import brl_amounts
>>> @settings(max_examples=20, database=None)
... @given(brl_amounts())
... def test_amounts_are_whole_centavos(amount):
...     assert amount.currency == "BRL" and not amount.is_negative()
>>> test_amounts_are_whole_centavos()
"""

# The strategies live in the private package partnerrules.testing._strategies, one
# module per concern; this module is their public home.
from partnerrules.testing._strategies._calendars import (
    calendars,
    day_hours,
    weekly_hours,
)
from partnerrules.testing._strategies._commission import (
    campaign_periods,
    campaigns,
    commission_plans,
    month_days,
    namespaces,
    payment_plans,
    payments,
    rule_ids,
    sale_commissions,
    sale_lists,
    sales,
    tier_schedules,
    tiers,
    trip_terms,
)
from partnerrules.testing._strategies._common import (
    FIRST_DATE,
    FIRST_INSTANT,
    HOLIDAY_REGIONS,
    LAST_DATE,
    LAST_INSTANT,
    TICKET_PLACES,
    ZONE_NAMES,
)
from partnerrules.testing._strategies._contracts import (
    addenda,
    company_names,
    contracts,
    conventions,
    data_links,
    effective_dates,
    invoices,
    pool_items,
)
from partnerrules.testing._strategies._deals import (
    cnpjs,
    customers,
    deal_registrations,
    domains,
    opportunities,
)
from partnerrules.testing._strategies._lifecycle import (
    HISTORY_STATUSES,
    lifecycle_policies,
    ticket_histories,
)
from partnerrules.testing._strategies._money import (
    brl_amounts,
    currencies,
    discounts,
    money,
    rates,
    ratios,
)
from partnerrules.testing._strategies._programmes import (
    programme_histories,
    programmes,
)
from partnerrules.testing._strategies._sla import (
    business_spans,
    pauses,
    response_windows,
    severity_matrices,
    sla_policies,
    tickets,
)
from partnerrules.testing._strategies._time import (
    dates,
    durations,
    instants,
    zones,
)

__all__ = [
    "FIRST_DATE",
    "FIRST_INSTANT",
    "HISTORY_STATUSES",
    "HOLIDAY_REGIONS",
    "LAST_DATE",
    "LAST_INSTANT",
    "TICKET_PLACES",
    "ZONE_NAMES",
    "addenda",
    "brl_amounts",
    "business_spans",
    "calendars",
    "campaign_periods",
    "campaigns",
    "cnpjs",
    "commission_plans",
    "company_names",
    "contracts",
    "conventions",
    "currencies",
    "customers",
    "data_links",
    "dates",
    "day_hours",
    "deal_registrations",
    "discounts",
    "domains",
    "durations",
    "effective_dates",
    "instants",
    "invoices",
    "lifecycle_policies",
    "money",
    "month_days",
    "namespaces",
    "opportunities",
    "pauses",
    "payment_plans",
    "payments",
    "pool_items",
    "programme_histories",
    "programmes",
    "rates",
    "ratios",
    "response_windows",
    "rule_ids",
    "sale_commissions",
    "sale_lists",
    "sales",
    "severity_matrices",
    "sla_policies",
    "ticket_histories",
    "tickets",
    "tier_schedules",
    "tiers",
    "trip_terms",
    "weekly_hours",
    "zones",
]
