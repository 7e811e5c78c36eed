"""Contract of the MCS and AWS packs used by the deals rules.

Rules mcs.deal.protection, mcs.partner.kinds, mcs.marketplace.listing,
aws.segment.classify.
"""

from __future__ import annotations

import re

import pytest

from partnerrules.deals import (
    ListingStage,
    PartnerKind,
    Segment,
    partner_kind_profiles,
)
from partnerrules.errors import InvalidValueError, UnknownKeyError
from partnerrules.policies import aws, mcs


@pytest.mark.rule("mcs.deal.protection")
def test_the_mcs_pack_publishes_a_three_month_window() -> None:
    """mcs.deal.protection: "более 3 месяцев" in the source."""
    assert mcs.PROTECTION_WINDOW_MONTHS == 3


@pytest.mark.rule("mcs.partner.kinds")
def test_the_pack_describes_every_partner_kind_exactly_once() -> None:
    """mcs.partner.kinds: four kinds, each with a published name, none twice."""
    kinds = [row[0] for row in mcs.PARTNER_KINDS]

    assert sorted(kinds) == sorted(k.value for k in PartnerKind)
    assert all(row[1] for row in mcs.PARTNER_KINDS)


@pytest.mark.rule("mcs.marketplace.listing")
def test_the_marketplace_steps_follow_the_listing_stages() -> None:
    """mcs.marketplace.listing: one pack step per stage after the draft, in order."""
    assert [step for step, _ in mcs.MARKETPLACE_STEPS] == [s.value for s in ListingStage][1:]


@pytest.mark.rule("aws.segment.classify")
def test_the_aws_pack_orders_every_commercial_segment_once() -> None:
    """aws.segment.classify: 15 years, 50%, and the five commercial segments."""
    commercial = [s.value for s in Segment if not s.is_public_sector]

    assert sorted(aws.COMMERCIAL_ORDER) == sorted(commercial)
    assert aws.COMMERCIAL_ORDER[-1] == "smb"
    assert aws.STARTUP_MAX_AGE_YEARS == 15
    assert str(aws.ISV_MIN_SOFTWARE_REVENUE_SHARE) == "0.50"


@pytest.mark.rule("mcs.partner.kinds")
@pytest.mark.parametrize(
    ("kinds", "services", "error", "message"),
    [
        (
            [("integrator", "IT", ())],
            (),
            InvalidValueError,
            "'kinds[0]' must be a tuple of 4 items",
        ),
        (
            [("integrador", "IT", (), ())],
            (),
            UnknownKeyError,
            "unknown kinds[0][0] 'integrador': did you mean 'integrator'?",
        ),
        (
            mcs.PARTNER_KINDS,
            [("integrator", "l1_support", "after training")],
            UnknownKeyError,
            "unknown condition 'after training'",
        ),
    ],
)
def test_a_malformed_caller_pack_is_refused_with_the_bad_row(
    kinds: object, services: object, error: type[Exception], message: str
) -> None:
    """mcs.partner.kinds: caller-supplied kind tables are validated row by row."""
    with pytest.raises(error, match=re.escape(message)):
        partner_kind_profiles(kinds, services=services)  # type: ignore[arg-type]
