"""The resource pool (§4.2) and traffic (§3.4).

Private: import these names from :mod:`partnerrules.contracts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._contracts.common import _MONEY, _REASONS, _non_negative, _optional_volume, _total
from partnerrules._contracts.values import Contract
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import InvalidValueError
from partnerrules.money import BRL, Money

# -- resource pool (§4.2) -----------------------------------------------------


@attrs.frozen
class PoolItem:
    """One resource of a reconfigured environment, with its monthly price.

    Attributes:
        name: what it is (a VM, a volume...).
        monthly: its monthly price, in BRL, >= 0.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    monthly: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))


@attrs.frozen
class PoolCheck:
    """The verdict on a reconfiguration (rule ``omid.contract.resource_pool``).

    Attributes:
        ok: whether the reconfiguration keeps the committed value.
        committed: the committed monthly value.
        total: the reconfiguration's monthly total.
        shortfall: how much is missing to keep the commitment (zero when ok).
        excess: how much is billable on top of the commitment.
        reasons: why.
    """

    ok: bool = attrs.field(validator=_validate.boolean_field)
    committed: Money = attrs.field(validator=_MONEY)
    total: Money = attrs.field(validator=_MONEY)
    shortfall: Money = attrs.field(validator=_MONEY)
    excess: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def check_resource_pool(items: Iterable[PoolItem], *, committed: Money | Contract) -> PoolCheck:
    """Check a reconfiguration against the commitment (rule ``omid.contract.resource_pool``).

    Module 007 §4.2: the commitment is to the contract value, not to given
    machines. A reconfiguration whose monthly total is at least the committed
    monthly value is accepted (exactly equal included), the excess billable
    on top; below it, it is refused with the shortfall.

    Args:
        items: the resources of the new configuration.
        committed: the committed monthly value (in BRL, >= 0, like every item
            price), or a contract (its monthly value).

    Raises:
        InvalidTypeError: *committed* is not a Money or a Contract, or *items*
            is not an iterable of :class:`PoolItem`.
        InvalidValueError: a negative *committed* value.
        CurrencyMismatchError: *committed* is not in BRL.

    >>> vm = PoolItem("vm-large", Money("6000", "BRL"))
    >>> check_resource_pool([vm], committed=Money("10000", "BRL")).shortfall
    Money('4000.00', 'BRL')
    """
    if isinstance(committed, Contract):
        commitment = committed.monthly
    else:
        commitment = _non_negative("committed", committed)
    listed = _validate.bounded_items("items", items, "an iterable of PoolItem")
    for i, item in enumerate(listed):
        _validate.instance(f"items[{i}]", item, PoolItem)
    total = _total("items", listed, (i.monthly.amount for i in listed), "resources whose total is")
    zero = Money.zero(BRL)
    shortfall = max(commitment - total, zero)
    excess = max(total - commitment, zero)
    ok = shortfall.is_zero()
    rid = "omid.contract.resource_pool"
    facts: dict[str, Any] = {
        "committed": commitment,
        "total": total,
        "shortfall": shortfall,
        "excess": excess,
        "count": len(listed),
    }
    if not ok:
        reason = Reason.of(
            rid,
            "refused: the new configuration costs {total} a month, {shortfall} short of "
            "the committed {committed}",
            **facts,
        )
    elif excess.is_positive():
        reason = Reason.of(
            rid,
            "accepted: the new configuration costs {total} a month, above the committed "
            "{committed}; {excess} is billed on top",
            **facts,
        )
    else:
        reason = Reason.of(
            rid,
            "accepted: the new configuration costs {total} a month, exactly the committed "
            "{committed}",
            **facts,
        )
    return PoolCheck(ok, commitment, total, shortfall, excess, (reason,))


# -- traffic (§3.4) ----------------------------------------------------------


@attrs.frozen
class DataLink:
    """A data link with its fixed price for a billing period.

    Attributes:
        name: the link's name.
        price: its fixed price for the period, in BRL, >= 0.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    price: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))


@attrs.frozen
class TrafficCharge:
    """The traffic charge of a period (rule ``omid.contract.fixed_link_traffic``).

    Attributes:
        total: the sum of the links' fixed prices.
        links: the links charged.
        volume_gb: the volume reported (recorded, never charged), or None.
        reasons: why.
    """

    total: Money = attrs.field(validator=_MONEY)
    links: tuple[DataLink, ...] = attrs.field(
        validator=_validate.tuple_of(DataLink, "a tuple of DataLink")
    )
    volume_gb: Decimal | None = attrs.field(validator=_optional_volume)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def traffic_charge(
    links: Iterable[DataLink], *, volume_gb: Decimal | int | str | None = None
) -> TrafficCharge:
    """Charge data traffic by link, never by volume (rule ``omid.contract.fixed_link_traffic``).

    Module 007 §3.4: egress and ingress cost a fixed amount per data link. The
    volume is accepted (it must be a number >= 0) and ignored, and the reason
    says so.

    >>> links = [DataLink("link-1", Money("500", "BRL")), DataLink("link-2", Money("300", "BRL"))]
    >>> charge = traffic_charge(links, volume_gb=1_000_000)
    >>> charge.total
    Money('800.00', 'BRL')
    """
    listed = _validate.bounded_items("links", links, "an iterable of DataLink")
    for i, link in enumerate(listed):
        _validate.instance(f"links[{i}]", link, DataLink)
    volume = None
    if volume_gb is not None:
        volume = _validate.decimal("volume_gb", volume_gb)
        if volume < 0:
            raise InvalidValueError("volume_gb", volume_gb, "a volume >= 0")
    total = _total("links", listed, (link.price.amount for link in listed), "links whose total is")
    rid = "omid.contract.fixed_link_traffic"
    reasons = [
        Reason.of(
            rid,
            "traffic costs {total}: the fixed prices of {count} data link(s)",
            total=total,
            count=len(listed),
        )
    ]
    if volume is not None:
        reasons.append(
            Reason.of(
                rid,
                "the {volume} GB transferred did not count: traffic is priced per link, "
                "not by volume",
                volume=volume,
            )
        )
    return TrafficCharge(total, listed, volume, tuple(reasons))


home("partnerrules.contracts", globals())
