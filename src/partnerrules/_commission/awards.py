"""Awards: the sales trip and the top-MRR car.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from partnerrules import _validate
from partnerrules._commission.common import (
    _CAR,
    _FLAG,
    _MONEY,
    _REASONS,
    _TEXTS,
    _TRIP,
    SAO_PAULO,
    _from_units,
    _standings,
    _year_field,
    _zone,
)
from partnerrules._commission.model import (
    TripTerms,
    _units,
    _year,
)
from partnerrules._commission.sales import Sale, _sales
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidValueError,
)
from partnerrules.money import BRL, Money
from partnerrules.policies import omid as _omid

# -- awards --------------------------------------------------------------------


#: The most passes one award grants.
MAX_PASSES: Final = 1_000_000


def _passes(value: object, group: int) -> int:
    passes = _validate.integer_in("passes", value, group, MAX_PASSES)
    if passes % group:
        if group == 2:
            allowed = "an even number (passes come in pairs)"
        else:
            allowed = f"a multiple of {group} (passes come in groups of {group})"
        raise InvalidValueError(
            "passes", value, allowed, hint=f"use {passes + group - passes % group}"
        )
    return passes


def _trip_terms(field: str, value: object) -> TripTerms:
    return _validate.instance(
        field, value, TripTerms, "a TripTerms, e.g. partnerrules.policies.omid.SALES_TRIP"
    )


def _pack_terms(value: object) -> Any:
    """None is the Omid pack's trip terms; anything else is checked by the validator."""
    return _omid.SALES_TRIP if value is None else value


@attrs.frozen
class SalesTripAward:
    """Resort passes for a sales highlight (rule ``omid.awards.sales_trip``, §9.1).

    Attributes:
        partner: the winner.
        year: the year of the sales it rewards, from 1 to 9998 (the travel
            window is in the next year).
        passes: the number of passes, a multiple of the terms' group (even
            under the Omid terms: passes come in pairs), at most
            :data:`MAX_PASSES`.
        reasons: why.
        terms: what the trip gives (None, the default, is the Omid pack's ``SALES_TRIP``).

    Raises:
        InvalidValueError: a number of passes that is not a whole number of
            groups (an odd number under the Omid terms), or fewer than one group.
        InvalidTypeError: a wrong type.
    """

    partner: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    # The travel window is in the next year, so the last award year is 9998.
    year: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _year(f, v, last=dt.MAXYEAR - 1))
    )
    passes: int
    reasons: tuple[Reason, ...] = attrs.field(default=(), validator=_REASONS)
    terms: TripTerms = attrs.field(
        default=None,
        converter=_pack_terms,
        validator=_validate.attrs_validator(_trip_terms),
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        _passes(self.passes, self.terms.pass_group)

    @property
    def pairs(self) -> int:
        """The number of groups of passes: pairs under the Omid terms."""
        return self.passes // self.terms.pass_group

    @property
    def travel_from(self) -> dt.date:
        """First day of the travel window in the next year (1 February under the Omid terms)."""
        return self.terms.travel_from.in_year(self.year + 1)

    @property
    def travel_until(self) -> dt.date:
        """Last day of the travel window, inclusive (31 March of the next year for Omid)."""
        return self.terms.travel_until.in_year(self.year + 1)

    @property
    def days(self) -> int:
        """Length of the stay in days (four under the Omid terms, §9.1)."""
        return self.terms.days

    @property
    def destination(self) -> str:
        """Where to (an all-inclusive resort in Brazil under the Omid terms, §9.1)."""
        return self.terms.destination


def award_sales_trip(
    partner: str, *, passes: int, year: int, terms: TripTerms | None = None
) -> SalesTripAward:
    """Award resort passes to a sales highlight of *year*.

    Rule ``omid.awards.sales_trip`` (§9.1), with the Omid pack's *terms* by
    default: four days at an all-inclusive resort in Brazil; passes are
    given in pairs, so the partner can take members of its team; the trip is
    in February-March. The travel window for awards of year N is 1 February
    to 31 March of year N+1. Who is a highlight, and how many passes, is the
    caller's decision.

    Args:
        partner: the winner.
        passes: how many passes, a whole number of the terms' groups, at
            most :data:`MAX_PASSES`.
        year: the year of the sales the award rewards.
        terms: what the trip gives; None (the default) is
            ``partnerrules.policies.omid.SALES_TRIP``.

    Raises:
        InvalidValueError: an odd number of passes, or fewer than 2 (under
            the Omid terms).
        InvalidTypeError: a wrong type.

    >>> award = award_sales_trip("alfa", passes=4, year=2026)
    >>> award.pairs, award.travel_from, award.travel_until
    (2, datetime.date(2027, 2, 1), datetime.date(2027, 3, 31))
    >>> print(award.reasons[0])
    alfa wins 4 passes (2 pairs) for 4 days at an all-inclusive resort in Brazil
    >>> award_sales_trip("alfa", passes=3, year=2026)
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'passes' must be an even number (passes come in ...
    """
    award = SalesTripAward(partner, year, passes, terms=terms)
    group = award.terms.pass_group
    facts: dict[str, Any] = {
        "partner": award.partner,
        "passes": award.passes,
        "pairs": award.pairs,
        "group": group,
        "days": award.days,
        "destination": award.destination,
        "year": award.year,
    }
    vowel = award.destination[:1].lower() in "aeiou"
    if group == 2 and vowel:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} pairs) for {days} days at an {destination}",
            **facts,
        )
    elif group == 2:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} pairs) for {days} days at a {destination}",
            **facts,
        )
    elif vowel:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} groups of {group}) for {days} days "
            "at an {destination}",
            **facts,
        )
    else:
        won = Reason.of(
            _TRIP,
            "{partner} wins {passes} passes ({pairs} groups of {group}) for {days} days "
            "at a {destination}",
            **facts,
        )
    reasons = (
        won,
        Reason.of(
            _TRIP,
            "awards of {year} travel between {first} and {last}",
            year=award.year,
            first=award.travel_from,
            last=award.travel_until,
        ),
    )
    return attrs.evolve(award, reasons=reasons)


@attrs.frozen
class CarAward:
    """The car for the year's MRR leader (rule ``omid.awards.top_mrr_car``, §9.2).

    Attributes:
        year: the calendar year.
        winners: the partner with the largest MRR signed in the year; every
            tied partner on a tie; empty when no partner signed MRR.
        mrr: the winning MRR (zero when there is no winner).
        is_tie: whether more than one partner shares the top.
        standings: (partner, MRR) for every partner with a sale in the year,
            largest first, ties by name.
        reasons: why.
    """

    year: int = attrs.field(validator=_year_field)
    winners: tuple[str, ...] = attrs.field(validator=_TEXTS)
    mrr: Money = attrs.field(validator=_MONEY)
    is_tie: bool = attrs.field(validator=_FLAG)
    standings: tuple[tuple[str, Money], ...] = attrs.field(validator=_standings)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def top_mrr_car(sales: Iterable[Sale], *, year: int, zone: dt.tzinfo = SAO_PAULO) -> CarAward:
    """Who wins the car: the largest MRR signed in *year* (rule ``omid.awards.top_mrr_car``).

    §9.2: the partner with the largest sales volume in MRR in the year wins
    a car. Volume is the sum of the MRR of the contracts each partner signed
    in the calendar year (of *zone*). A tie is reported as a tie with every
    tied partner; the library does not pick one. With no sales in the year,
    or only sales of zero MRR, nobody wins: ``winners`` is empty.

    >>> import datetime as dt
    >>> from partnerrules.contracts import Contract
    >>> from partnerrules.money import brl
    >>> def sale(partner, cid, mrr):
    ...     c = Contract(cid, "ACME", dt.date(2026, 3, 1), 12, brl(mrr))
    ...     return Sale(partner, c, dt.datetime(2026, 2, 27, 12, tzinfo=SAO_PAULO))
    >>> award = top_mrr_car([sale("alfa", "C-1", 5000), sale("beta", "C-2", 3000),
    ...                      sale("beta", "C-3", 2000)], year=2026)
    >>> award.winners, award.is_tie
    (('alfa', 'beta'), True)
    >>> print(award.reasons[0])
    tie for the car of 2026: alfa and beta each signed R$5,000.00 of MRR
    """
    sales = _sales(sales)
    year = _year("year", year)
    tz = _zone(zone)
    totals: dict[str, int] = {}
    for sale in sales:
        if sale.year(tz) == year:
            totals[sale.partner] = totals.get(sale.partner, 0) + _units(sale.contract.mrr)
    standings = tuple(
        (partner, _from_units(units))
        for partner, units in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    best = max(totals.values(), default=0)
    winners = tuple(p for p, units in sorted(totals.items()) if units == best) if best else ()
    mrr = _from_units(best)
    names = " and ".join(winners)
    if not winners:
        reason = Reason.of(
            _CAR,
            "no partner signed MRR in {year}: nobody wins the car",
            year=year,
            partners=len(totals),
        )
    elif len(winners) > 1:
        reason = Reason.of(
            _CAR,
            "tie for the car of {year}: {names} each signed {mrr} of MRR",
            year=year,
            names=names,
            mrr=mrr,
        )
    else:
        runner_up = standings[1][1] if len(standings) > 1 else Money.zero(BRL)
        reason = Reason.of(
            _CAR,
            "{names} wins the car of {year} with {mrr} of MRR signed (next best {runner_up})",
            year=year,
            names=names,
            mrr=mrr,
            runner_up=runner_up,
        )
    return CarAward(year, winners, mrr, len(winners) > 1, standings, (reason,))


home("partnerrules.commission", globals())
