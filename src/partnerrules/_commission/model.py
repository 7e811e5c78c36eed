"""Value types of commission plans (private; use :mod:`partnerrules.commission`).

They live apart from :mod:`partnerrules.commission` so that the policy pack
``partnerrules.policies.omid`` can build its campaign and its sales-trip terms
from them while :mod:`partnerrules.commission` uses those values as the
defaults of its rule functions, without a circular import (the same split as
``partnerrules._regions_model``). Every public name here is re-exported by
:mod:`partnerrules.commission`, which is where callers should import them from.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import enum
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.catalogue import check_rule_id
from partnerrules.errors import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.money import BRL, Money

__all__ = [
    "Campaign",
    "CampaignPeriod",
    "CampaignTrigger",
    "CommissionPlan",
    "MonthDay",
    "Tier",
    "TierSchedule",
    "TripTerms",
]


# -- helpers -------------------------------------------------------------------


def _brl(field: str, value: object) -> Money:
    money = _validate.instance(field, value, Money, "a Money in BRL, e.g. brl('1234.56')")
    return money.require_currency(BRL, field)


def _non_negative_brl(field: str, value: object) -> Money:
    money = _brl(field, value)
    if money.is_negative():
        raise InvalidValueError(field, value, "an amount >= 0")
    return money


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, "a bool (True or False)")
    return value


def _rate(value: object) -> Decimal:
    return _validate.fraction("rate", value)


def _resale_discount(value: object) -> Decimal:
    return _validate.fraction("resale_discount", value)


def _items(field: str, value: object, kind: type[Any], description: str) -> tuple[Any, ...]:
    """Check *value* is an iterable (not a string or mapping) of *kind*; return a tuple."""
    items = _validate.bounded_items(field, value, f"an iterable of {description}")
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidTypeError(f"{field}[{i}]", item, description)
    return items


def _units(money: Money) -> int:
    """Centavos of a BRL amount (exact, whatever the caller's decimal context)."""
    return money.minor_units


# -- tiers ---------------------------------------------------------------------


@attrs.frozen
class Tier:
    """One tier of a partner programme (rule ``omid.tier.by_annual_tcv``, §7.1, §7.2).

    A tier covers annual TCV from ``minimum`` (inclusive) up to the next
    tier's minimum (exclusive); the highest tier has no upper bound. The
    source names the tiers (``partnerrules.policies.omid.TIER_NAMES``) and
    gives Diamond Partner's 16%; every threshold, other rate and discount is
    the caller's data.

    Attributes:
        name: the tier's name, e.g. ``"Reseller"``.
        minimum: the lowest annual TCV of the tier, in BRL, >= 0.
        rate: the commission rate, a fraction in [0, 1].
        resale_discount: the discount on resale, a fraction in [0, 1].
        requires_presales_team: whether only a partner with a qualified
            pre-sales team may hold it (as "Reseller com Pré-Venda", §7.1).
        below: optionally, the exclusive upper bound, stated for checking:
            it must equal the next tier's minimum (absent on the highest).

    Raises:
        InvalidTypeError: a float, or another wrong type.
        InvalidValueError: a negative minimum, a rate or discount outside
            [0, 1], or ``below`` not above ``minimum``.
        CurrencyMismatchError: an amount not in BRL.

    >>> Tier("VAR", Money("0", "BRL"), 0.1)
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidTypeError: 'rate' must be a str, int or Decimal (got float 0.1); ...
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    minimum: Money = attrs.field(validator=_validate.attrs_validator(_non_negative_brl))
    rate: Decimal = attrs.field(converter=_rate)
    resale_discount: Decimal = attrs.field(
        default=Decimal(0), converter=_resale_discount, kw_only=True
    )
    requires_presales_team: bool = attrs.field(
        default=False, validator=_validate.attrs_validator(_flag), kw_only=True
    )
    below: Money | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.below is not None:
            _brl("below", self.below)
            if self.below <= self.minimum:
                raise InvalidValueError(
                    "below", self.below, f"greater than minimum {self.minimum.amount} BRL"
                )


def _tiers(value: object) -> tuple[Tier, ...]:
    return _items("tiers", value, Tier, "a Tier")


@attrs.frozen
class TierSchedule:
    """An ordered, gap-free tier table (rule ``omid.tier.by_annual_tcv``, §7.1, §7.2, §10).

    Caller data: the source publishes no thresholds. Tiers are listed lowest
    first; each covers ``[minimum, next minimum)`` and the last is unbounded,
    so every annual TCV from R$ 0 up has exactly one tier.

    Checked at construction, each with its own error naming the tier:

    * at least one tier; the first starts at R$ 0 (no gap below it) and
      does not require a pre-sales team (every partner holds some tier);
    * minimums strictly increase (an equal minimum is an overlap);
    * a stated ``below`` equals the next minimum (less leaves a gap, more
      overlaps), and the highest tier states none;
    * no tier name is used twice.

    Attributes:
        tiers: the tiers, lowest first.

    >>> from partnerrules.money import brl
    >>> TierSchedule([Tier("Reseller", brl(1000), Decimal("0.08"))])
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'tiers[0].minimum' must be 0 BRL ...
    """

    tiers: tuple[Tier, ...] = attrs.field(converter=_tiers)
    _bounds: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        tiers = self.tiers
        if not tiers:
            raise InvalidValueError("tiers", [], "at least one Tier")
        if not tiers[0].minimum.is_zero():
            raise InvalidValueError(
                "tiers[0].minimum",
                tiers[0].minimum,
                "0 BRL",
                hint="the lowest tier starts at zero, or annual TCV below it has no tier (a gap)",
            )
        if tiers[0].requires_presales_team:
            raise InvalidValueError(
                "tiers[0].requires_presales_team",
                True,
                "False",
                hint="the lowest tier must be open to partners without a pre-sales team",
            )
        seen: dict[str, int] = {}
        for i, tier in enumerate(tiers):
            if tier.name in seen:
                raise InvalidValueError(
                    f"tiers[{i}].name",
                    tier.name,
                    f"a name not already used by tiers[{seen[tier.name]}]",
                )
            seen[tier.name] = i
        for i in range(1, len(tiers)):
            low, high = tiers[i - 1], tiers[i]
            if high.minimum <= low.minimum:
                raise InvalidValueError(
                    f"tiers[{i}].minimum",
                    high.minimum,
                    f"greater than tiers[{i - 1}].minimum {low.minimum.amount} BRL",
                    hint="list tiers lowest first with strictly increasing minimums "
                    "(an equal minimum would make two tiers overlap)",
                )
            if low.below is not None and low.below != high.minimum:
                kind = "a gap" if low.below < high.minimum else "an overlap"
                raise InvalidValueError(
                    f"tiers[{i - 1}].below",
                    low.below,
                    f"equal to tiers[{i}].minimum {high.minimum.amount} BRL",
                    hint=f"{low.name!r} and {high.name!r} would leave {kind}",
                )
        if tiers[-1].below is not None:
            raise InvalidValueError(
                f"tiers[{len(tiers) - 1}].below",
                tiers[-1].below,
                "None (the highest tier has no upper bound)",
                hint="annual TCV at or above it would have no tier (a gap)",
            )
        object.__setattr__(self, "_bounds", tuple(_units(t.minimum) for t in tiers))

    @property
    def names(self) -> tuple[str, ...]:
        """The tier names, lowest first."""
        return tuple(t.name for t in self.tiers)

    def tier(self, name: str) -> Tier:
        """Return the tier called *name*.

        Raises:
            UnknownKeyError: no tier has that name (close names are suggested).
        """
        _validate.instance("name", name, str, "a tier name (a str)")
        for tier in self.tiers:
            if tier.name == name:
                return tier
        raise UnknownKeyError("tier", name, self.names)

    def _index_for(self, annual_tcv: Money, has_presales_team: bool) -> int:
        index = bisect.bisect_right(self._bounds, _units(annual_tcv)) - 1
        while self.tiers[index].requires_presales_team and not has_presales_team:
            index -= 1
        return index

    def tier_for(self, annual_tcv: Money, *, has_presales_team: bool) -> Tier:
        """The tier a partner holds with *annual_tcv* (rule ``omid.tier.by_annual_tcv``).

        The highest tier whose minimum the TCV reaches; a partner without a
        qualified pre-sales team gets the highest such tier that does not
        require one. :func:`qualify_tier` explains the same decision.

        Raises:
            InvalidValueError: a negative TCV.
            CurrencyMismatchError: a TCV not in BRL.
        """
        annual_tcv = _non_negative_brl("annual_tcv", annual_tcv)
        has_presales_team = _flag("has_presales_team", has_presales_team)
        return self.tiers[self._index_for(annual_tcv, has_presales_team)]


# -- campaigns -------------------------------------------------------------------


def _year(field: str, value: object, *, last: int = dt.MAXYEAR) -> int:
    """A calendar year from 1 to *last* (9999, the last year a date holds, by default)."""
    year = _validate.integer(field, value, minimum=dt.MINYEAR)
    if year > last:
        raise InvalidValueError(field, value, f"a year from {dt.MINYEAR} to {last}")
    return year


def _rule_id(field: str, value: object) -> str:
    return check_rule_id(value, field=field)


def _zone_name(value: object) -> str:
    """Accept an IANA zone name (or a ZoneInfo that has one); return the name."""
    if isinstance(value, ZoneInfo) and value.key:
        value = value.key
    if not isinstance(value, str):
        raise InvalidTypeError("zone", value, "an IANA zone name such as 'America/Sao_Paulo'")
    value = str.__getitem__(value, slice(None))  # a plain str: a subclass cannot intervene
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise InvalidValueError(
            "zone", value, "an IANA zone name such as 'America/Sao_Paulo'"
        ) from None
    return value


class CampaignTrigger(enum.Enum, metaclass=_validate.TypedEnumType):
    """Which sales a :class:`Campaign` pays.

    * ``FIRST_SALE_OF_YEAR``: each partner's first sale of each calendar year
      (of the campaign's zone) among the sales signed in the campaign's
      period; two sales signed at the same instant are ordered by contract
      id. The trigger of the Omid campaign (rule
      ``omid.campaign.first_sale_diamond``, §2.2).
    * ``EVERY_SALE``: every sale signed in the campaign's period (every sale
      at all when the campaign has no period).
    """

    FIRST_SALE_OF_YEAR = "first_sale_of_year"
    EVERY_SALE = "every_sale"


def _trigger(field: str, value: object) -> CampaignTrigger:
    allowed = ", ".join(f"CampaignTrigger.{t.name}" for t in CampaignTrigger)
    return _validate.instance(field, value, CampaignTrigger, f"one of {allowed}")


@attrs.frozen
class CampaignPeriod:
    """The days a campaign is in force: ``[start, end)`` in the campaign's zone.

    Attributes:
        start: the first day of the campaign.
        end: the day after its last day (exclusive), after *start*.

    Raises:
        InvalidTypeError: a datetime or another type instead of a date.
        InvalidValueError: *end* not after *start*.

    >>> CampaignPeriod(dt.date(2026, 3, 1), dt.date(2026, 7, 1)).last
    datetime.date(2026, 6, 30)
    """

    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                "end",
                self.end,
                f"after start {self.start.isoformat()}",
                hint="the period is half-open: end is the day after the last day",
            )

    @property
    def last(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return self.end - dt.timedelta(days=1)


def _period(field: str, value: object) -> CampaignPeriod | None:
    if value is None:
        return None
    return _validate.instance(field, value, CampaignPeriod, "a CampaignPeriod or None")


@attrs.frozen
class Campaign:
    """A commission campaign, as data: which sales it pays, at what rate, when and where.

    The Omid pack's campaign is ``partnerrules.policies.omid.FIRST_SALE_DIAMOND``
    (rule ``omid.campaign.first_sale_diamond``, §2.2); a caller builds its
    own with its own namespaced rule id, and every reason the campaign gives
    cites that id. The id is checked as every cited id is
    (:func:`partnerrules.catalogue.check_rule_id`): dotted lower case, and an
    id in a source programme's namespace (``omid.``, ...) must be one of the
    catalogue's.

    Attributes:
        rule_id: the rule the campaign applies, dotted lower case
            (``"omid.campaign.first_sale_diamond"``, ``"acme.campaign.launch"``).
        trigger: which sales it pays (:class:`CampaignTrigger`).
        rate: the commission rate of those sales, a fraction in [0, 1]
            (never a float).
        name: what the reasons call it (``"Diamond"`` reads "Diamond campaign").
        tier: the tier the campaign classifies the sale as
            (``"Diamond Partner"``).
        zone: the IANA zone whose calendar years and days the trigger and the
            period are read in (``"America/Sao_Paulo"``); a ``ZoneInfo`` with
            a key is accepted and stored as its name.
        period: the days the campaign is in force, or None for always.

    Raises:
        InvalidTypeError: a wrong type (a float rate, a datetime period, ...).
        InvalidValueError: a rule id that is not dotted lower case, a rate
            outside [0, 1], an empty name or tier, an unknown zone.
        UnknownKeyError: a rule id in a source programme's namespace that
            the catalogue lacks (a typo of ``omid.campaign.first_sale_diamond``).

    >>> from decimal import Decimal
    >>> Campaign("ACME launch", CampaignTrigger.EVERY_SALE, Decimal("0.14"),
    ...          name="Launch", tier="Launch Partner", zone="America/Manaus")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'rule_id' must be a dotted lower-case id ...
    """

    rule_id: str = attrs.field(validator=_validate.attrs_validator(_rule_id))
    trigger: CampaignTrigger = attrs.field(validator=_validate.attrs_validator(_trigger))
    rate: Decimal = attrs.field(converter=_rate)
    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text), kw_only=True)
    tier: str = attrs.field(validator=_validate.attrs_validator(_validate.text), kw_only=True)
    zone: str = attrs.field(converter=_zone_name, kw_only=True)
    period: CampaignPeriod | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_period), kw_only=True
    )

    @property
    def tzinfo(self) -> ZoneInfo:
        """The zone as a :class:`~zoneinfo.ZoneInfo`."""
        return ZoneInfo(self.zone)


def _campaigns(value: object) -> tuple[Campaign, ...]:
    return _items("campaigns", value, Campaign, "a Campaign")


def _schedule(field: str, value: object) -> TierSchedule | None:
    if value is None:
        return None
    return _validate.instance(field, value, TierSchedule, "a TierSchedule or None")


@attrs.frozen
class CommissionPlan:
    """A commission plan: campaigns in priority order and, optionally, the tier schedule.

    Rules ``omid.tier.by_annual_tcv`` (the schedule) and
    ``omid.campaign.first_sale_diamond`` (the Omid pack's campaign): the Omid
    pack's plan is ``partnerrules.policies.omid.COMMISSION_PLAN``, its
    first-sale Diamond campaign and no schedule (the source publishes no
    thresholds). The rule functions of :mod:`partnerrules.commission` take a
    plan as ``plan=``; a caller may pass its own.

    Each campaign decides on its own which sales it pays; where more than
    one pays a sale, the first in ``campaigns`` sets its rate. A sale no
    campaign pays earns its partner's standard tier rate.

    Checked at construction:

    * every item of ``campaigns`` is a :class:`Campaign`, and no two share a
      rule id;
    * with a schedule, every campaign's ``tier`` is a tier of the schedule.

    Attributes:
        campaigns: the campaigns, highest priority first (may be empty).
        schedule: the tier schedule of the programme, or None when the
            caller gives standard tiers another way.
        tier_rule: the rule id the reasons of a sale paid at its standard
            tier's rate cite (default: ``omid.tier.by_annual_tcv``; a
            caller's programme names its own).

    >>> CommissionPlan([]).campaigns
    ()
    """

    campaigns: tuple[Campaign, ...] = attrs.field(converter=_campaigns)
    schedule: TierSchedule | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_schedule), kw_only=True
    )
    tier_rule: str = attrs.field(
        default="omid.tier.by_annual_tcv",
        kw_only=True,
        validator=_validate.attrs_validator(_rule_id),
    )

    def __attrs_post_init__(self) -> None:
        seen: dict[str, int] = {}
        for i, campaign in enumerate(self.campaigns):
            if campaign.rule_id in seen:
                raise InvalidValueError(
                    f"campaigns[{i}].rule_id",
                    campaign.rule_id,
                    f"a rule id not already used by campaigns[{seen[campaign.rule_id]}]",
                    hint="each campaign applies its own rule",
                )
            seen[campaign.rule_id] = i
            if self.schedule is not None and campaign.tier not in self.schedule.names:
                raise UnknownKeyError(
                    f"campaigns[{i}].tier",
                    campaign.tier,
                    self.schedule.names,
                    hint="a campaign classifies its sales as a tier of the plan's schedule",
                )


# -- the sales trip (omid.awards.sales_trip) ------------------------------------------


def _month(field: str, value: object) -> int:
    month = _validate.integer(field, value, minimum=1)
    if month > 12:
        raise InvalidValueError(field, value, "a month from 1 to 12")
    return month


@attrs.frozen
class MonthDay:
    """A day of the year without the year (``MonthDay(2, 1)`` is 1 February).

    February 29 is refused: it exists only in leap years.

    Raises:
        InvalidTypeError: a month or day that is not an int.
        InvalidValueError: a month outside 1-12, or a day that month lacks.

    >>> MonthDay(2, 1).in_year(2027)
    datetime.date(2027, 2, 1)
    >>> MonthDay(2, 29)
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'day' must be a day from 1 to 28 of month 2 (got 29); ...
    """

    month: int = attrs.field(validator=_validate.attrs_validator(_month))
    day: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _validate.integer(f, v, minimum=1))
    )

    def __attrs_post_init__(self) -> None:
        last = calendar.monthrange(2001, self.month)[1]  # a common year: no 29 February
        if self.day > last:
            raise InvalidValueError(
                "day",
                self.day,
                f"a day from 1 to {last} of month {self.month}",
                hint="29 February exists only in leap years" if self.month == 2 else None,
            )

    def in_year(self, year: int) -> dt.date:
        """This day in *year* (from 1 to 9999).

        Raises:
            InvalidTypeError: *year* is not an int.
            InvalidValueError: *year* is outside 1-9999.
        """
        return dt.date(_year("year", year), self.month, self.day)


def _month_day(field: str, value: object) -> MonthDay:
    return _validate.instance(field, value, MonthDay, "a MonthDay, e.g. MonthDay(2, 1)")


@attrs.frozen
class TripTerms:
    """What a sales-trip award gives, as data (rule ``omid.awards.sales_trip``, §9.1).

    The Omid pack's terms are ``partnerrules.policies.omid.SALES_TRIP``: four
    days at an all-inclusive resort in Brazil, passes in pairs, travelled
    from 1 February to 31 March of the year after the award.

    Attributes:
        days: the length of the stay, from 1 to 366.
        destination: where to, in English.
        travel_from: the first day of the travel window, in the year after
            the award's.
        travel_until: the last day of the window (inclusive), not before
            *travel_from*, in the same year.
        pass_group: passes are granted in groups of this size (2: in pairs),
            from 1 to 1000.

    Raises:
        InvalidTypeError: a wrong type.
        InvalidValueError: fewer than one day, a group smaller than one, an
            empty destination, a window that ends before it starts.
    """

    days: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _validate.integer_in(f, v, 1, 366))
    )
    destination: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    travel_from: MonthDay = attrs.field(validator=_validate.attrs_validator(_month_day))
    travel_until: MonthDay = attrs.field(validator=_validate.attrs_validator(_month_day))
    pass_group: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _validate.integer_in(f, v, 1, 1000)),
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        start, stop = self.travel_from, self.travel_until
        if (stop.month, stop.day) < (start.month, start.day):
            raise InvalidValueError(
                "travel_until",
                stop,
                f"on or after travel_from {start.month:02d}-{start.day:02d}",
                hint="the travel window lies within one year",
            )


# Document and pickle the public types under the module that exports them.
home("partnerrules.commission", globals())
