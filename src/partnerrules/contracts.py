"""Contracts in reais: terms, invoice schedule, cancellation, addenda, pool, traffic, residency.

Rules ``omid.contract.terms``, ``omid.contract.cancellation_fee``,
``omid.contract.resource_pool``, ``omid.contract.addendum_coterm``,
``omid.contract.fixed_link_traffic``, ``omid.residency.brazil_only`` and
``omid.responsibility.matrix`` (Omid Cloud partner programme, module 007,
§3.4, §3.6, §3.7, §4, §5 and §7). The published numbers live in
``partnerrules.policies.omid`` and are passed in as defaults.

Conventions:

* Every amount is :class:`~partnerrules.money.Money` in BRL; another currency
  is refused, naming the field.
* A contract runs from ``start`` (inclusive) to ``end`` (exclusive), where
  ``end = start + months`` calendar months, clamped at month end by
  :mod:`dateutil` (``2026-01-31`` plus one month is ``2026-02-28``).
* Invoices follow calendar months. A contract starting on the 1st has one
  invoice per month at the monthly value. A contract starting on any other
  day has one invoice more: a partial first month and a partial last month,
  which together make one month of service; that one monthly value is split
  between them in proportion to their lengths measured by the
  :class:`Proration` convention (rounded once, half-even; the last takes the
  balance). So the invoices always sum exactly to the contract value.
* Prorated amounts round once, half-even, to the centavo.
* A term runs from 1 to :data:`MAX_TERM_MONTHS` (1200) months, and its end
  must be a date Python can hold (at most ``9999-12-31``): a later end is a
  :class:`~partnerrules.errors.HorizonError` naming ``start``.
* Amounts that can only be zero or more (monthly values, list and item
  prices, link prices, invoice amounts, the committed value of a resource
  pool) refuse a negative amount with an
  :class:`~partnerrules.errors.InvalidValueError` naming the field.

>>> import datetime as dt
>>> from partnerrules.contracts import Contract
>>> from partnerrules.money import brl
>>> c = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("10000"))
>>> c.end
datetime.date(2027, 1, 1)
>>> print(c.tcv, c.acv, c.mrr, sep=" | ")
120000.00 BRL | 120000.00 BRL | 10000.00 BRL
>>> len(c.invoices())
12
"""

from __future__ import annotations

# The examples in the docstrings run in this module's namespace (as before the split).
import datetime as dt  # noqa: F401

# The code is in the private package partnerrules._contracts, one module per concern.
from partnerrules._contracts.common import MAX_TERM_MONTHS
from partnerrules._contracts.placement import (
    PlacementDecision,
    Responsibility,
    check_placement,
    responsible_party,
)
from partnerrules._contracts.proration import ACTUAL_360, ACTUAL_ACTUAL, THIRTY_360, Proration
from partnerrules._contracts.quotes import (
    AddendumQuote,
    CancellationQuote,
    add_addendum,
    cancellation_quote,
)
from partnerrules._contracts.resources import (
    DataLink,
    PoolCheck,
    PoolItem,
    TrafficCharge,
    check_resource_pool,
    traffic_charge,
)
from partnerrules._contracts.values import (
    Addendum,
    Contract,
    ContractTerms,
    Invoice,
    contract_terms,
)
from partnerrules.money import Money  # noqa: F401

__all__ = [
    "ACTUAL_360",
    "ACTUAL_ACTUAL",
    "MAX_TERM_MONTHS",
    "THIRTY_360",
    "Addendum",
    "AddendumQuote",
    "CancellationQuote",
    "Contract",
    "ContractTerms",
    "DataLink",
    "Invoice",
    "PlacementDecision",
    "PoolCheck",
    "PoolItem",
    "Proration",
    "Responsibility",
    "TrafficCharge",
    "add_addendum",
    "cancellation_quote",
    "check_placement",
    "check_resource_pool",
    "contract_terms",
    "responsible_party",
    "traffic_charge",
]
