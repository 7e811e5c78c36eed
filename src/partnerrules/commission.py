r"""Commission: tiers, the first-sale Diamond campaign, payouts on collection, awards, income.

Rules ``omid.tier.by_annual_tcv``, ``omid.campaign.first_sale_diamond``,
``omid.commission.paid_on_collection``, ``omid.awards.sales_trip`` and
``omid.awards.top_mrr_car`` come from the Omid Cloud partner programme
(module 007, seed ``000``: §2.2, §7.1, §7.2, §9.1, §9.2, §10);
``mcs.income.resale_margin`` and ``mcs.income.agency_fee`` from the Mail.ru
Cloud Solutions programme (seed ``002``, the distributor and reseller scheme).

Conventions:

* A sale is a signed :class:`~partnerrules.contracts.Contract`; its value is
  the contract's TCV and its MRR the contract's MRR. Every amount is exact
  :class:`~partnerrules.money.Money` in BRL.
* Calendar years and the order of sales are those of ``America/Sao_Paulo``
  (a parameter, ``zone``); two sales signed at the same instant are ordered
  by contract id. A campaign reads years and days in its own zone.
* Campaigns are data: a :class:`CommissionPlan` holds :class:`Campaign`
  values (and optionally the :class:`TierSchedule`). The functions that
  apply campaigns take ``plan=``, the Omid pack's plan by default (its
  first-sale Diamond campaign); the sales trip takes ``terms=``, the Omid
  pack's :class:`TripTerms` by default. No function reads a pack otherwise.
* The source publishes tier *names* and Diamond's 16% only. A
  :class:`TierSchedule` (thresholds, rates, discounts) is caller data; the
  library ships none.
* The *standard tier* of a partner is the classification it holds outside
  the campaign. The caller passes it (``standard_tiers``: partner -> Tier),
  for instance from :func:`qualify_tier` on the partner's annual TCV.
* A commission is the sale's TCV times its rate, rounded once, half-even, to
  the centavo. It is released as the customer pays: after each payment the
  total released is the commission's share of everything collected so far,
  rounded once, so a fully paid contract releases exactly its commission.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.contracts import Contract
>>> from partnerrules.money import brl
>>> reseller = Tier("Reseller", brl(0), Decimal("0.08"))  # an example tier, not published data
>>> sale = Sale("alfa", Contract("C-1", "ACME", dt.date(2026, 2, 1), 12, brl("10000")),
...             dt.datetime(2026, 1, 20, 15, tzinfo=ZoneInfo("America/Sao_Paulo")))
>>> (line,) = sale_commissions([sale], standard_tiers={"alfa": reseller})
>>> line.rate, line.commission
(Decimal('0.16'), Money('19200.00', 'BRL'))
>>> print(str(line.reasons[0]).replace("; ", ";\n"))
16% because this is alfa's first sale of 2026 (Diamond campaign);
standard tier Reseller would pay 8%
"""

from __future__ import annotations

# The examples in the docstrings run in this module's namespace (as before the split).
import datetime as dt  # noqa: F401
from decimal import Decimal  # noqa: F401

# The code is in the private package partnerrules._commission, one module per concern.
from partnerrules._commission.awards import (
    MAX_PASSES,
    CarAward,
    SalesTripAward,
    award_sales_trip,
    top_mrr_car,
)
from partnerrules._commission.common import SAO_PAULO
from partnerrules._commission.income import AgencyIncome, ResaleIncome, agency_fee, resale_margin
from partnerrules._commission.model import (
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    Tier,
    TierSchedule,
    TripTerms,
)
from partnerrules._commission.payouts import Payment, Payout, Release, release_commission
from partnerrules._commission.sales import (
    RateBasis,
    Sale,
    SaleCommission,
    annual_tcv,
    sale_commissions,
)
from partnerrules._commission.statements import (
    CommissionStatement,
    StatementLine,
    commission_statement,
    commission_statements,
)
from partnerrules._commission.tiers import TierStanding, qualify_tier
from partnerrules.money import Money  # noqa: F401

__all__ = [
    "MAX_PASSES",
    "SAO_PAULO",
    "AgencyIncome",
    "Campaign",
    "CampaignPeriod",
    "CampaignTrigger",
    "CarAward",
    "CommissionPlan",
    "CommissionStatement",
    "MonthDay",
    "Payment",
    "Payout",
    "RateBasis",
    "Release",
    "ResaleIncome",
    "Sale",
    "SaleCommission",
    "SalesTripAward",
    "StatementLine",
    "Tier",
    "TierSchedule",
    "TierStanding",
    "TripTerms",
    "agency_fee",
    "annual_tcv",
    "award_sales_trip",
    "commission_statement",
    "commission_statements",
    "qualify_tier",
    "release_commission",
    "resale_margin",
    "sale_commissions",
    "top_mrr_car",
]
