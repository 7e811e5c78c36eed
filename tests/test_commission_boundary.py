"""Typed errors at the commission boundary, found by the API fuzz (tests/test_fuzz_api.py).

Vocabularies looked up by value, years and counts with a documented range,
iterables that never end or fail to iterate, zone names too long for a path,
and result values rebuilt by a caller with wrong fields: each gives a
PartnerRulesError naming the field, showing the value and saying what is
allowed (issue #12).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules import commission
from partnerrules.commission import (
    CampaignTrigger,
    MonthDay,
    RateBasis,
    Sale,
    StatementLine,
    Tier,
    TierSchedule,
    annual_tcv,
    award_sales_trip,
    release_commission,
    sale_commissions,
)
from partnerrules.contracts import Contract, Invoice
from partnerrules.errors import HorizonError, InvalidTypeError, InvalidValueError
from partnerrules.money import brl
from partnerrules.policies import omid

SP = ZoneInfo("America/Sao_Paulo")
CONTRACT = Contract("S-1", "ACME", dt.date(2026, 2, 1), 12, brl(10))
SALE = Sale("alfa", CONTRACT, dt.datetime(2026, 2, 10, tzinfo=SP))
RESELLER = Tier("Reseller", brl(0), "0.08")
(LINE,) = sale_commissions((SALE,), standard_tiers={"alfa": RESELLER})


class Failing:
    """A caller's object whose iteration and comparison fail."""

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("the caller's own bug")


def test_vocabularies_looked_up_by_value_give_typed_errors() -> None:
    with pytest.raises(InvalidValueError) as caught:
        CampaignTrigger("weekly")
    assert str(caught.value) == (
        "'CampaignTrigger' must be one of 'first_sale_of_year', 'every_sale' (got 'weekly')"
    )
    with pytest.raises(InvalidTypeError) as caught_type:
        RateBasis(None)
    assert str(caught_type.value) == (
        "'RateBasis' must be one of 'campaign', 'tier' (got NoneType None)"
    )
    assert RateBasis("tier") is RateBasis.TIER


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_the_year_of_a_sale_needs_a_tzinfo_and_a_representable_year() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        SALE.year(True)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'zone' must be a tzinfo such as ZoneInfo('America/Sao_Paulo') (got bool True)"
    )
    early = Sale("alfa", CONTRACT, dt.datetime(1, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo")))
    with pytest.raises(HorizonError) as caught_horizon:
        early.year()
    assert str(caught_horizon.value).startswith(
        "'signed_at' must be an instant that falls in years 1 to 9999 in America/Sao_Paulo "
        "(got datetime.datetime(1, 1, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Tokyo')))"
    )


@pytest.mark.rule("omid.awards.sales_trip")
def test_years_and_counts_have_a_documented_range() -> None:
    with pytest.raises(InvalidValueError) as caught:
        MonthDay(2, 1).in_year(10_000)
    assert str(caught.value) == "'year' must be a year from 1 to 9999 (got 10000)"
    with pytest.raises(InvalidValueError) as caught:
        award_sales_trip("alfa", passes=2, year=9999)
    assert str(caught.value) == "'year' must be a year from 1 to 9998 (got 9999)"
    with pytest.raises(InvalidValueError) as caught:
        award_sales_trip("alfa", passes=10**5000, year=2026)
    assert str(caught.value) == (
        "'passes' must be an integer from 2 to 1000000 (got <int with 5001 digits>)"
    )
    assert commission.MAX_PASSES == 1_000_000
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(omid.SALES_TRIP, days=367)
    assert str(caught.value) == "'days' must be an integer from 1 to 366 (got 367)"


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_sales_that_never_end_or_fail_to_iterate_are_refused() -> None:
    with pytest.raises(InvalidValueError) as caught:
        annual_tcv(itertools.repeat(SALE), partner="alfa", year=2026)
    assert str(caught.value).startswith("'sales' must be an iterable of at most 1000000 items")
    with pytest.raises(InvalidTypeError) as caught_type:
        sale_commissions(Failing(), standard_tiers={})  # type: ignore[arg-type]
    assert str(caught_type.value).endswith("; iterating it raised RuntimeError")
    assert str(caught_type.value).startswith("'sales' must be an iterable of a Sale (got Failing")


@pytest.mark.rule("omid.tier.by_annual_tcv")
def test_a_tier_is_looked_up_by_a_str_name() -> None:
    schedule = TierSchedule((RESELLER,))
    with pytest.raises(InvalidTypeError, match=r"^'name' must be a tier name \(a str\) \(got "):
        schedule.tier(Failing())  # type: ignore[arg-type]


@pytest.mark.rule("omid.campaign.first_sale_diamond")
def test_a_zone_name_too_long_for_a_path_is_an_invalid_zone() -> None:
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(omid.FIRST_SALE_DIAMOND, zone="x" * 300)
    assert str(caught.value).startswith(
        "'zone' must be an IANA zone name such as 'America/Sao_Paulo' (got 'xxx"
    )
    assert str(caught.value).endswith("... (300 chars))")


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_rebuilt_results_check_their_fields() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(LINE, sale=None)
    assert str(caught.value) == "'sale' must be a Sale (got NoneType None)"
    payout = release_commission(LINE, ())
    with pytest.raises(InvalidValueError) as caught_value:
        attrs.evolve(payout, void_invoices=10**5000)
    assert str(caught_value.value) == (
        "'void_invoices' must be an integer from 0 to 1201 (got <int with 5001 digits>)"
    )
    with pytest.raises(InvalidTypeError) as caught:
        attrs.evolve(payout, replayed=["P-1"])
    assert str(caught.value) == "'replayed' must be a tuple of str (got list ['P-1'])"
    with pytest.raises(InvalidTypeError) as caught:
        StatementLine(LINE, None)  # type: ignore[arg-type]
    assert str(caught.value) == "'payout' must be a Payout (got NoneType None)"
    with pytest.raises(InvalidTypeError) as caught:
        commission.CarAward(2026, (), brl(0), False, (("alfa", 1),), ())  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'standings' must be a tuple of (partner, Money) pairs (got tuple (('alfa', 1),))"
    )


@pytest.mark.rule("omid.contract.terms")
def test_an_invoice_number_is_at_most_one_more_than_the_longest_term() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Invoice("C", 10**5000, dt.date(2026, 1, 1), dt.date(2026, 2, 1), brl(1))
    assert str(caught.value) == (
        "'number' must be an integer from 1 to 1201 (got <int with 5001 digits>)"
    )
