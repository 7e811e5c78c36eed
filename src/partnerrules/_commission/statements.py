"""Commission statements of a partner, one and many.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from partnerrules import _validate
from partnerrules._commission.common import (
    _COLLECTION,
    _DATE,
    _MONEY,
    _REASONS,
    _TEXT,
    SAO_PAULO,
    _from_units,
    _midnight,
    _zone,
)
from partnerrules._commission.model import (
    Campaign,
    CampaignTrigger,
    CommissionPlan,
    Tier,
    _units,
)
from partnerrules._commission.payouts import Payment, Payout, _payout, _unique_payments
from partnerrules._commission.sales import (
    RateBasis,
    Sale,
    SaleCommission,
    _commissions,
    _plan_campaigns,
    _sales,
    _standard_tiers,
    _the_plan,
    _tier_of,
)
from partnerrules._public import home
from partnerrules.contracts import ACTUAL_ACTUAL, Proration
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.money import Money

# -- statements -------------------------------------------------------------------


@attrs.frozen
class StatementLine:
    """One sale on a commission statement (rules ``omid.campaign.first_sale_diamond``, ...).

    Attributes:
        sale_commission: the sale, its rate, the basis of the rate and its
            commission (rules ``omid.campaign.first_sale_diamond`` and
            ``omid.tier.by_annual_tcv``).
        payout: what payments made before the statement's end released
            (rule ``omid.commission.paid_on_collection``).
    """

    sale_commission: SaleCommission = attrs.field(validator=_validate.instance_of(SaleCommission))
    payout: Payout = attrs.field(validator=_validate.instance_of(Payout))

    @property
    def sale(self) -> Sale:
        """The sale."""
        return self.sale_commission.sale

    @property
    def standard_tier(self) -> Tier:
        """The partner's standard tier."""
        return self.sale_commission.standard_tier

    @property
    def rate(self) -> Decimal:
        """The rate applied."""
        return self.sale_commission.rate

    @property
    def basis(self) -> RateBasis:
        """Campaign or tier: why the sale earns its rate."""
        return self.sale_commission.basis

    @property
    def campaign(self) -> Campaign | None:
        """The campaign that set the rate, or None at the standard tier's rate."""
        return self.sale_commission.campaign

    @property
    def commission(self) -> Money:
        """The sale's commission."""
        return self.sale_commission.commission

    @property
    def released(self) -> Money:
        """Released by payments made before the statement's end."""
        return self.payout.released

    @property
    def pending(self) -> Money:
        """Still to be released as the customer pays."""
        return self.payout.pending

    @property
    def forfeited(self) -> Money:
        """Never to be released (invoices of a cancelled contract that fell away)."""
        return self.payout.forfeited

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why: the rate, the arithmetic, the releases; built when asked."""
        return self.sale_commission.reasons + self.payout.reasons


@attrs.frozen
class CommissionStatement:
    """A partner's commission for a period (rule ``omid.commission.paid_on_collection``).

    Attributes:
        partner: the partner.
        start: first day of the period (inclusive), in the statement's zone.
        end: end of the period (exclusive).
        lines: the sales signed in the period, in signature order.
        commission: the sum of their commissions.
        released: the sum released by payments made before ``end``.
        pending: the sum still to be released.
        forfeited: the sum never to be released.
        reasons: a summary.
    """

    partner: str = attrs.field(validator=_TEXT)
    start: dt.date = attrs.field(validator=_DATE)
    end: dt.date = attrs.field(validator=_DATE)
    lines: tuple[StatementLine, ...] = attrs.field(
        validator=_validate.tuple_of(StatementLine, "a tuple of StatementLine")
    )
    commission: Money = attrs.field(validator=_MONEY)
    released: Money = attrs.field(validator=_MONEY)
    pending: Money = attrs.field(validator=_MONEY)
    forfeited: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


class _Arguments(NamedTuple):
    """The arguments of a statements call, checked (shared with the columnar statements)."""

    start: dt.date
    end: dt.date
    tiers: Mapping[str, Tier]
    campaigns: tuple[Any, ...]
    tier_rule: str
    zone: dt.tzinfo
    convention: Proration


def _arguments(
    start: object,
    end: object,
    standard_tiers: object,
    plan: object,
    diamond_rate: object,
    zone: object,
    convention: object,
) -> _Arguments:
    """Check the period, the tiers, the plan, the zone and the proration of a statement."""
    first = _validate.date("start", start)
    after = _validate.date("end", end)
    if after <= first:
        raise InvalidValueError("end", after, f"after start {first.isoformat()}")
    return _Arguments(
        first,
        after,
        _standard_tiers(standard_tiers),
        tuple(_plan_campaigns(plan, diamond_rate)),
        _the_plan(plan).tier_rule,
        _zone(zone),
        Proration.parse(convention),
    )


def _statements(
    partners: tuple[str, ...] | None,
    sales: object,
    payments: object,
    *,
    start: object,
    end: object,
    standard_tiers: object,
    cancellations: object,
    plan: object,
    diamond_rate: object,
    zone: object,
    convention: object,
) -> tuple[CommissionStatement, ...]:
    sales = _sales(sales)
    start, end, tiers, campaigns, tier_rule, tz, conv = _arguments(
        start, end, standard_tiers, plan, diamond_rate, zone, convention
    )
    cancelled: Mapping[str, dt.date] = {} if cancellations is None else cancellations  # type: ignore[assignment]
    if not isinstance(cancelled, Mapping):
        raise InvalidTypeError("cancellations", cancellations, "a mapping of contract id to date")
    for cid, day in cancelled.items():
        _validate.date(f"cancellations[{cid!r}]", day)
    if partners is None:
        partners = tuple(sorted({s.partner for s in sales}))
    for partner in partners:
        _tier_of(partner, tiers)
    wanted = set(partners)
    unique, replayed = _unique_payments(payments)
    sold = {s.contract.id for s in sales}
    by_contract: dict[str, list[Payment]] = {}
    for payment in unique:
        cid = payment.invoice_id.rpartition("/")[0]
        if cid not in sold:
            raise UnknownKeyError(
                "contract",
                cid,
                sold,
                hint=f"payment {payment.id!r} pays invoice {payment.invoice_id!r}, "
                "of a contract no sale has",
            )
        by_contract.setdefault(cid, []).append(payment)
    replays_of: dict[str, list[str]] = {}
    if replayed:
        invoice_of = {p.id: p.invoice_id for p in unique}
        for pid in replayed:
            replays_of.setdefault(invoice_of[pid].rpartition("/")[0], []).append(pid)
    first, stop = _midnight(start, tz), _midnight(end, tz)
    relevant = tuple(s for s in sales if s.partner in wanted)
    lines: dict[str, list[StatementLine]] = {p: [] for p in partners}
    for item in _commissions(relevant, tiers, campaigns, tz, tier_rule):
        sale = item.sale
        if not first <= sale.signed_at < stop:
            continue
        cid = sale.contract.id
        payout = _payout(
            item,
            by_contract.get(cid, []),
            replays_of.get(cid, []),
            cancelled_on=cancelled.get(cid),
            as_of=stop,
            convention=conv,
        )
        lines[sale.partner].append(StatementLine(item, payout))
    out = []
    for partner in partners:
        rows = tuple(lines[partner])
        commission = _from_units(sum(_units(r.commission) for r in rows))
        released = _from_units(sum(_units(r.released) for r in rows))
        pending = _from_units(sum(_units(r.pending) for r in rows))
        forfeited = _from_units(sum(_units(r.forfeited) for r in rows))
        reasons = (
            Reason.of(
                _COLLECTION,
                "{partner} signed {count} sales from {start} to {end}, earning {commission}: "
                "{released} released, {pending} pending, {forfeited} forfeited",
                partner=partner,
                count=len(rows),
                start=start,
                end=end - dt.timedelta(days=1),
                commission=commission,
                released=released,
                pending=pending,
                forfeited=forfeited,
            ),
            *(_campaign_count(c, rows) for c in campaigns),
        )
        out.append(
            CommissionStatement(
                partner, start, end, rows, commission, released, pending, forfeited, reasons
            )
        )
    return tuple(out)


def _campaign_count(campaign: Campaign, rows: tuple[StatementLine, ...]) -> Reason:
    """How many lines *campaign* paid; cites the campaign's own rule id."""
    count = sum(1 for r in rows if r.campaign is campaign)
    facts: dict[str, Any] = {
        "campaign": count,
        "name": campaign.name,
        "campaign_rule": campaign.rule_id,
        "rate": campaign.rate,
    }
    rule_id = campaign.rule_id
    first = campaign.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR
    if campaign.period is None:
        if first:
            return Reason.of(
                rule_id,
                "{campaign} of them earned the {name} campaign rate as a first sale of the year",
                **facts,
            )
        return Reason.of(
            rule_id,
            "{campaign} of them earned the {name} campaign rate, which pays every sale",
            **facts,
        )
    facts["campaign_start"] = campaign.period.start
    facts["campaign_last"] = campaign.period.last
    if first:
        return Reason.of(
            rule_id,
            "{campaign} of them earned the {name} campaign rate as a first sale of the year "
            "in its period, from {campaign_start} to {campaign_last}",
            **facts,
        )
    return Reason.of(
        rule_id,
        "{campaign} of them earned the {name} campaign rate, which pays every sale "
        "signed from {campaign_start} to {campaign_last}",
        **facts,
    )


def commission_statement(
    partner: str,
    sales: Iterable[Sale],
    payments: Iterable[Payment],
    *,
    start: dt.date,
    end: dt.date,
    standard_tiers: Mapping[str, Tier],
    cancellations: Mapping[str, dt.date] | None = None,
    plan: CommissionPlan | None = None,
    diamond_rate: Decimal | None = None,
    zone: dt.tzinfo = SAO_PAULO,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> CommissionStatement:
    """A partner's commission statement for ``[start, end)``.

    Rules ``omid.campaign.first_sale_diamond`` (or the rule ids of the
    campaigns of a caller's *plan*) and ``omid.tier.by_annual_tcv`` (the rate
    of each sale) and ``omid.commission.paid_on_collection`` (what was
    released and what is pending, §2.2).

    The statement lists every sale of *partner* signed in the period (dates
    of *zone*), with its rate and the reason for it, its commission, what
    payments made before *end* released and what is still pending. Its
    reasons sum the period up, then count the sales each campaign of the
    plan paid. Pass every sale of the year: the first sale of a year earns
    the campaign even when it was signed before *start*.

    Args:
        partner: whose statement.
        sales: the sales (of this and any other partners).
        payments: the customers' payments; a payment of a contract no sale
            has is an error, payments of other partners' contracts are skipped.
        start: first day of the period.
        end: the day after the last (exclusive).
        standard_tiers: each partner's standard tier.
        cancellations: contract id -> day it was cancelled.
        plan: the commission plan whose campaigns apply; None (the default)
            is the Omid pack's ``COMMISSION_PLAN``, as for :func:`sale_commissions`.
        diamond_rate: kept for compatibility: the rate of the plan's only
            campaign instead of its own (None keeps the plan's).
        zone: the zone of the period's dates and of the lines' years (each
            campaign reads years and days in its own zone).
        convention: the invoice proration, as billed.

    Raises:
        UnknownKeyError: *partner* (or a partner of *sales*) has no standard
            tier, or a payment names an unknown invoice.
        InvalidValueError: a payment beyond what is owed, a reused payment
            id, an empty period, or *diamond_rate* with a plan of several
            campaigns.
        InvalidTypeError: a wrong type.
    """
    partner = _validate.text("partner", partner)
    (statement,) = _statements(
        (partner,),
        sales,
        payments,
        start=start,
        end=end,
        standard_tiers=standard_tiers,
        cancellations=cancellations,
        plan=plan,
        diamond_rate=diamond_rate,
        zone=zone,
        convention=convention,
    )
    return statement


def commission_statements(
    sales: Iterable[Sale],
    payments: Iterable[Payment],
    *,
    start: dt.date,
    end: dt.date,
    standard_tiers: Mapping[str, Tier],
    cancellations: Mapping[str, dt.date] | None = None,
    plan: CommissionPlan | None = None,
    diamond_rate: Decimal | None = None,
    zone: dt.tzinfo = SAO_PAULO,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> tuple[CommissionStatement, ...]:
    """Every partner's statement for ``[start, end)`` in one pass, sorted by partner.

    Rules ``omid.commission.paid_on_collection`` and
    ``omid.campaign.first_sale_diamond`` (or the campaigns of *plan*); the
    same as calling :func:`commission_statement` for each partner of *sales*,
    with the payments read once.
    """
    return _statements(
        None,
        sales,
        payments,
        start=start,
        end=end,
        standard_tiers=standard_tiers,
        cancellations=cancellations,
        plan=plan,
        diamond_rate=diamond_rate,
        zone=zone,
        convention=convention,
    )


home("partnerrules.commission", globals())
