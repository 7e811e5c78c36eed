"""Tier standings: the tier of a partner from its annual TCV.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

import bisect

import attrs

from partnerrules import _validate
from partnerrules._commission.common import _FLAG, _MONEY, _OPTIONAL_MONEY, _REASONS, _TIER
from partnerrules._commission.model import (
    Tier,
    TierSchedule,
    _flag,
    _non_negative_brl,
    _units,
)
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.money import Money

# -- tiers ---------------------------------------------------------------------


@attrs.frozen
class TierStanding:
    """Where a partner stands in a tier schedule (rule ``omid.tier.by_annual_tcv``).

    Attributes:
        annual_tcv: the TCV signed in the year.
        has_presales_team: whether the partner has a qualified pre-sales team.
        tier: the tier it holds.
        next_tier: the next tier it could hold, or None at the top.
        missing: the TCV still needed to reach ``next_tier`` (§10), or None.
        blocked: tiers its TCV reaches that need a pre-sales team it lacks.
        reasons: why.
    """

    annual_tcv: Money = attrs.field(validator=_MONEY)
    has_presales_team: bool = attrs.field(validator=_FLAG)
    tier: Tier = attrs.field(validator=_validate.instance_of(Tier))
    next_tier: Tier | None = attrs.field(
        validator=_validate.optional_instance_of(Tier, "a Tier or None")
    )
    missing: Money | None = attrs.field(validator=_OPTIONAL_MONEY)
    blocked: tuple[Tier, ...] = attrs.field(validator=_validate.tuple_of(Tier, "a tuple of Tier"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def qualify_tier(
    annual_tcv: Money, *, schedule: TierSchedule, has_presales_team: bool
) -> TierStanding:
    """The tier for an annual TCV and the TCV missing to the next one.

    Rule ``omid.tier.by_annual_tcv`` (§7.1: tiers follow annual TCV; a
    qualified technical team opens "Reseller com Pré-Venda"; §10: the TCV
    needed to move up). The next tier skips tiers that need a pre-sales team
    the partner lacks.

    Args:
        annual_tcv: TCV signed in the calendar year (see :func:`annual_tcv`).
        schedule: the caller's tier schedule (the source publishes none).
        has_presales_team: whether the partner has a qualified pre-sales team.

    Raises:
        InvalidTypeError: *schedule* is not a TierSchedule, or a wrong type.
        InvalidValueError: a negative TCV.
        CurrencyMismatchError: a TCV not in BRL.

    >>> from partnerrules.money import brl
    >>> example = TierSchedule([  # an EXAMPLE schedule: the source gives no thresholds
    ...     Tier("Reseller", brl(0), Decimal("0.08")),
    ...     Tier("Reseller com Pré-Venda", brl(500_000), Decimal("0.10"),
    ...          requires_presales_team=True),
    ...     Tier("VAR", brl(1_000_000), Decimal("0.12"), resale_discount=Decimal("0.2")),
    ... ])
    >>> standing = qualify_tier(brl(600_000), schedule=example, has_presales_team=False)
    >>> standing.tier.name, standing.next_tier.name, standing.missing
    ('Reseller', 'VAR', Money('400000.00', 'BRL'))
    >>> for reason in standing.reasons:
    ...     print(reason)
    annual TCV R$600,000.00 qualifies for tier Reseller (from R$0.00), paying 8%
    Reseller com Pré-Venda needs a qualified pre-sales team, which the partner lacks
    R$400,000.00 more annual TCV reaches VAR (from R$1,000,000.00)
    """
    schedule = _validate.instance("schedule", schedule, TierSchedule)
    annual_tcv = _non_negative_brl("annual_tcv", annual_tcv)
    has_presales_team = _flag("has_presales_team", has_presales_team)
    tiers = schedule.tiers
    reached = bisect.bisect_right(schedule._bounds, _units(annual_tcv)) - 1
    index = schedule._index_for(annual_tcv, has_presales_team)
    tier = tiers[index]
    blocked = tuple(t for t in tiers[index + 1 : reached + 1] if t.requires_presales_team)
    above = [t for t in tiers[reached + 1 :] if has_presales_team or not t.requires_presales_team]
    next_tier = above[0] if above else None
    reasons = [
        Reason.of(
            _TIER,
            "annual TCV {tcv} qualifies for tier {tier} (from {minimum}), paying {rate:%}",
            tcv=annual_tcv,
            tier=tier.name,
            minimum=tier.minimum,
            rate=tier.rate,
        )
    ]
    reasons.extend(
        Reason.of(
            _TIER,
            "{tier} needs a qualified pre-sales team, which the partner lacks",
            tier=t.name,
        )
        for t in blocked
    )
    missing = None
    if next_tier is None:
        reasons.append(Reason.of(_TIER, "{tier} is the highest tier it can hold", tier=tier.name))
    else:
        missing = next_tier.minimum - annual_tcv
        reasons.append(
            Reason.of(
                _TIER,
                "{missing} more annual TCV reaches {tier} (from {minimum})",
                missing=missing,
                tier=next_tier.name,
                minimum=next_tier.minimum,
            )
        )
    return TierStanding(
        annual_tcv, has_presales_team, tier, next_tier, missing, blocked, tuple(reasons)
    )


home("partnerrules.commission", globals())
