"""Deal protection, conflicts and claims (rule mcs.deal.protection)."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from partnerrules.deals import (
    ConflictBasis,
    Customer,
    DealRegistration,
    ProtectionState,
    check_protection_claim,
    protection_status,
    resolve_conflict,
)
from partnerrules.errors import InvalidValueError

SP = ZoneInfo("America/Sao_Paulo")
MSK = ZoneInfo("Europe/Moscow")
UTC = dt.UTC
TICK = dt.timedelta(microseconds=1)
ACME = Customer("ACME Comércio Ltda")


def registration(
    partner: str = "alfa",
    registered_at: dt.datetime = dt.datetime(2025, 1, 10, 9, tzinfo=SP),
    *updates: dt.datetime,
    customer: Customer = ACME,
    deal_id: str | None = None,
) -> DealRegistration:
    return DealRegistration(
        deal_id or f"CRM-{partner}",
        customer=customer,
        partner=partner,
        registered_at=registered_at,
        bdm="m.gracheva",
        status_updates=updates,
    )


# -- protection status --------------------------------------------------------


@pytest.mark.rule("mcs.deal.protection")
@pytest.mark.parametrize(
    ("last_update", "last_protected"),
    [
        # 31 January + 3 months clamps to 30 April (leap and common years alike).
        (dt.datetime(2025, 1, 31, 15, 30, tzinfo=SP), dt.datetime(2025, 4, 30, 15, 30, tzinfo=SP)),
        (dt.datetime(2024, 1, 31, 15, 30, tzinfo=SP), dt.datetime(2024, 4, 30, 15, 30, tzinfo=SP)),
        # 29 February + 3 months is 29 May.
        (dt.datetime(2024, 2, 29, 8, 0, tzinfo=SP), dt.datetime(2024, 5, 29, 8, 0, tzinfo=SP)),
        # 30 November stays protected through 28 February, or 29 in a leap year.
        (dt.datetime(2024, 11, 30, 10, 0, tzinfo=SP), dt.datetime(2025, 2, 28, 10, 0, tzinfo=SP)),
        (dt.datetime(2023, 11, 30, 10, 0, tzinfo=SP), dt.datetime(2024, 2, 29, 10, 0, tzinfo=SP)),
    ],
)
def test_protection_lasts_three_calendar_months_with_month_end_clamping(
    last_update: dt.datetime, last_protected: dt.datetime
) -> None:
    """mcs.deal.protection: protected through last update + 3 months inclusive, then lapsable."""
    reg = registration("alfa", last_update - dt.timedelta(days=5), last_update)

    at_edge = protection_status(reg, at=last_protected)
    just_after = protection_status(reg, at=last_protected + TICK)

    assert at_edge.state is ProtectionState.PROTECTED
    assert at_edge.protected_until == last_protected
    assert at_edge.lapsable_since is None
    assert just_after.state is ProtectionState.LAPSABLE
    assert just_after.lapsable_since == last_protected
    assert just_after.last_activity == last_update


@pytest.mark.rule("mcs.deal.protection")
def test_a_registration_without_updates_counts_from_the_registration() -> None:
    """mcs.deal.protection: with no status update the registration starts the window."""
    reg = registration("alfa", dt.datetime(2025, 3, 31, 9, tzinfo=SP))

    status = protection_status(reg, at=dt.datetime(2025, 7, 1, tzinfo=SP))

    assert status.state is ProtectionState.LAPSABLE
    assert status.protected_until == dt.datetime(2025, 6, 30, 9, tzinfo=SP)
    assert status.last_activity == reg.registered_at


@pytest.mark.rule("mcs.deal.protection")
def test_lapsable_means_the_bdm_may_refuse_and_the_reason_says_so() -> None:
    """mcs.deal.protection: a lapsable deal is not lost; the reason names the BDM."""
    reg = registration("alfa", dt.datetime(2025, 1, 10, 9, tzinfo=SP))

    status = protection_status(reg, at=dt.datetime(2025, 6, 1, tzinfo=SP))

    (reason,) = status.reasons
    assert reason.rule_id == "mcs.deal.protection"
    assert str(reason) == (
        "deal CRM-alfa of alfa is lapsable since 10 Apr 2025 09:00 -03:00: no status update "
        "since 10 Jan 2025 09:00 -03:00 for more than 3 months, so BDM m.gracheva may "
        "refuse protection"
    )


@pytest.mark.rule("mcs.deal.protection")
def test_month_arithmetic_uses_the_wall_clock_of_the_registration_zone() -> None:
    """mcs.deal.protection: an update given in UTC is counted on São Paulo's calendar."""
    # 31 Jan 02:00 UTC is still 30 January 23:00 in São Paulo: no clamping applies.
    update = dt.datetime(2025, 1, 31, 2, 0, tzinfo=UTC)
    reg = registration("alfa", dt.datetime(2025, 1, 2, tzinfo=SP), update)

    status = protection_status(reg, at=dt.datetime(2025, 4, 1, tzinfo=SP))

    assert status.protected_until == dt.datetime(2025, 4, 30, 23, 0, tzinfo=SP)
    assert status.protected_until.tzinfo is SP


@pytest.mark.rule("mcs.deal.protection")
def test_status_updates_after_the_instant_asked_about_are_not_known_yet() -> None:
    """mcs.deal.protection: the status at an instant uses only the updates made by then."""
    later = dt.datetime(2025, 6, 1, tzinfo=SP)
    reg = registration("alfa", dt.datetime(2025, 1, 10, 9, tzinfo=SP), later)

    assert protection_status(reg, at=dt.datetime(2025, 5, 1, tzinfo=SP)).state == "lapsable"
    assert protection_status(reg, at=later).state == "protected"


@pytest.mark.rule("mcs.deal.protection")
def test_the_window_is_a_parameter() -> None:
    """mcs.deal.protection: a caller policy with a 1-month window."""
    reg = registration("alfa", dt.datetime(2025, 1, 31, 9, tzinfo=SP))

    status = protection_status(reg, at=dt.datetime(2025, 3, 1, tzinfo=SP), window_months=1)

    assert status.protected_until == dt.datetime(2025, 2, 28, 9, tzinfo=SP)
    assert status.state is ProtectionState.LAPSABLE
    assert status.window_months == 1


@pytest.mark.rule("mcs.deal.protection")
def test_adding_a_status_update_returns_a_new_registration() -> None:
    """mcs.deal.protection: with_status_update leaves the original untouched."""
    reg = registration("alfa")
    update = dt.datetime(2025, 2, 1, tzinfo=SP)

    updated = reg.with_status_update(update)

    assert updated.status_updates == (update,)
    assert reg.status_updates == ()


ZONES = st.sampled_from(
    [UTC, SP, MSK, ZoneInfo("America/New_York"), ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")]
)
INSTANTS = st.datetimes(
    min_value=dt.datetime(2001, 1, 1),
    max_value=dt.datetime(2080, 1, 1),
    timezones=ZONES,
    allow_imaginary=False,
)


def plus_elapsed(instant: dt.datetime, span: dt.timedelta) -> dt.datetime:
    """*instant* plus *span* of elapsed time (``+`` on an aware datetime adds wall time:
    01:00 EST + 0 would become 01:00 EDT, an hour earlier, in a repeated hour)."""
    return (instant.astimezone(dt.UTC) + span).astimezone(instant.tzinfo)


@pytest.mark.rule("mcs.deal.protection")
@given(
    start=INSTANTS,
    offsets=st.lists(st.timedeltas(dt.timedelta(0), dt.timedelta(days=400)), max_size=4),
    extra=st.timedeltas(dt.timedelta(0), dt.timedelta(days=400)),
    zone=ZONES,
    probe=st.timedeltas(dt.timedelta(0), dt.timedelta(days=900)),
)
@example(  # the second 01:00 of a repeated hour: found by the ci profile
    start=dt.datetime(2008, 11, 2, 1, fold=1, tzinfo=ZoneInfo("America/New_York")),
    offsets=[],
    extra=dt.timedelta(0),
    zone=dt.UTC,
    probe=dt.timedelta(0),
)
def test_a_later_status_update_never_shortens_protection(
    start: dt.datetime,
    offsets: list[dt.timedelta],
    extra: dt.timedelta,
    zone: dt.tzinfo,
    probe: dt.timedelta,
) -> None:
    """mcs.deal.protection: law: adding an update at or after the last never shortens protection."""
    reg = registration("alfa", start, *[plus_elapsed(start, o).astimezone(zone) for o in offsets])
    last = reg.last_activity()
    newer = reg.with_status_update(plus_elapsed(last, extra).astimezone(zone))
    at = plus_elapsed(start, probe)

    before = protection_status(reg, at=at)
    after = protection_status(newer, at=at)

    assert after.protected_until >= before.protected_until
    assert after.is_protected or not before.is_protected


# -- conflicts ------------------------------------------------------------------


@pytest.mark.rule("mcs.deal.protection")
def test_three_partner_conflict_goes_to_the_only_active_protection() -> None:
    """mcs.deal.protection: the earliest registration lapsed; the active one holds the deal."""
    alfa = registration("alfa", dt.datetime(2024, 9, 1, 9, tzinfo=SP))
    beta = registration(
        "beta", dt.datetime(2024, 10, 1, 9, tzinfo=SP), dt.datetime(2025, 1, 15, tzinfo=SP)
    )
    gama = registration(
        "gama",
        dt.datetime(2024, 11, 1, 9, tzinfo=SP),
        customer=Customer("Acme Comercio S.A."),
    )
    at = dt.datetime(2025, 2, 10, 12, tzinfo=SP)

    decision = resolve_conflict([gama, alfa, beta], at=at)

    assert decision.holder == "beta"
    assert decision.basis is ConflictBasis.ACTIVE_PROTECTION
    assert decision.registration == beta
    assert [s.partner for s in decision.statuses] == ["alfa", "beta", "gama"]
    assert [str(r) for r in decision.reasons] == [
        "beta holds the deal for ACME Comércio Ltda: its protection is active until "
        "15 Apr 2025 00:00 -03:00",
        "alfa's protection is lapsable since 1 Dec 2024 09:00 -03:00",
        "gama's protection is lapsable since 1 Feb 2025 09:00 -03:00",
    ]
    assert {r.rule_id for r in decision.reasons} == {"mcs.deal.protection"}


@pytest.mark.rule("mcs.deal.protection")
def test_with_no_protection_on_any_side_the_earliest_registration_wins() -> None:
    """mcs.deal.protection: every protection lapsed, so the first registration holds."""
    alfa = registration("alfa", dt.datetime(2024, 9, 1, 9, tzinfo=SP))
    beta = registration("beta", dt.datetime(2024, 8, 1, 9, tzinfo=SP))

    decision = resolve_conflict([alfa, beta], at=dt.datetime(2025, 6, 1, tzinfo=SP))

    assert decision.holder == "beta"
    assert decision.basis is ConflictBasis.EARLIEST_REGISTRATION


@pytest.mark.rule("mcs.deal.protection")
def test_registrations_at_the_same_instant_go_to_the_smallest_partner_id() -> None:
    """mcs.deal.protection: ties on the registration instant are broken by partner id."""
    same = dt.datetime(2025, 1, 10, 12, tzinfo=UTC)
    zulu = registration("zulu", same)
    alfa = registration("alfa", same.astimezone(SP))

    decision = resolve_conflict([zulu, alfa], at=dt.datetime(2025, 9, 1, tzinfo=UTC))

    assert decision.holder == "alfa"


@pytest.mark.rule("mcs.deal.protection")
def test_two_active_protections_go_to_the_earliest_of_them() -> None:
    """mcs.deal.protection: a CRM anomaly (two active) resolves to the first registered."""
    alfa = registration("alfa", dt.datetime(2025, 1, 10, tzinfo=SP))
    beta = registration("beta", dt.datetime(2025, 1, 5, tzinfo=SP))

    decision = resolve_conflict([alfa, beta], at=dt.datetime(2025, 2, 1, tzinfo=SP))

    assert decision.holder == "beta"
    assert decision.basis is ConflictBasis.EARLIEST_PROTECTED


@pytest.mark.rule("mcs.deal.protection")
def test_a_conflict_between_different_customers_is_refused() -> None:
    """mcs.deal.protection: registrations for different customers are not a conflict."""
    alfa = registration("alfa")
    beta = registration("beta", customer=Customer("Globex"))

    with pytest.raises(InvalidValueError, match="registrations for the same customer"):
        resolve_conflict([alfa, beta], at=dt.datetime(2025, 2, 1, tzinfo=SP))


registration_strategy = st.builds(
    registration,
    partner=st.sampled_from(["alfa", "beta", "gama", "delta"]),
    registered_at=st.datetimes(
        min_value=dt.datetime(2024, 1, 1),
        max_value=dt.datetime(2024, 12, 31),
        timezones=st.sampled_from([UTC, SP, MSK]),
    ),
    deal_id=st.sampled_from(["D1", "D2", "D3"]),
)


@pytest.mark.rule("mcs.deal.protection")
@given(
    regs=st.lists(registration_strategy, min_size=1, max_size=4),
    at=st.datetimes(
        min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2025, 6, 1), timezones=st.just(UTC)
    ),
    data=st.data(),
)
def test_the_conflict_winner_does_not_depend_on_input_order(
    regs: list[DealRegistration], at: dt.datetime, data: st.DataObject
) -> None:
    """mcs.deal.protection: law: any permutation of the registrations gives the same decision."""
    shuffled = data.draw(st.permutations(regs))

    assert resolve_conflict(shuffled, at=at) == resolve_conflict(regs, at=at)


@pytest.mark.rule("mcs.deal.protection")
def test_every_permutation_of_a_three_partner_conflict_agrees() -> None:
    """mcs.deal.protection: exhaustive order check on a three-way tie-prone conflict."""
    same = dt.datetime(2024, 6, 1, tzinfo=UTC)
    regs = [registration(p, same) for p in ("gama", "alfa", "beta")]
    at = dt.datetime(2025, 1, 1, tzinfo=UTC)

    holders = {resolve_conflict(p, at=at).holder for p in itertools.permutations(regs)}

    assert holders == {"alfa"}


# -- claims -----------------------------------------------------------------------


@pytest.mark.rule("mcs.deal.protection")
def test_a_claim_against_active_protection_is_refused_with_holder_and_lapse_date() -> None:
    """mcs.deal.protection: the refusal names the holder and when its protection can lapse."""
    holder = registration(
        "alfa", dt.datetime(2025, 1, 10, 9, tzinfo=SP), dt.datetime(2025, 2, 20, 14, tzinfo=SP)
    )
    claim = registration(
        "beta", dt.datetime(2025, 3, 1, 9, tzinfo=SP), customer=Customer("acme comercio")
    )

    decision = check_protection_claim(claim, [holder])

    assert not decision.allowed
    assert decision.holder == "alfa"
    assert decision.can_lapse_after == dt.datetime(2025, 5, 20, 14, tzinfo=SP)
    assert str(decision.reasons[0]) == (
        "claim of beta refused: alfa holds active protection of the deal for acme comercio "
        "until 20 May 2025 14:00 -03:00; it can lapse only after that"
    )


@pytest.mark.rule("mcs.deal.protection")
def test_a_claim_against_lapsable_protection_is_allowed() -> None:
    """mcs.deal.protection: a lapsable protection does not block a new claim."""
    holder = registration("alfa", dt.datetime(2024, 10, 1, 9, tzinfo=SP))
    claim = registration("beta", dt.datetime(2025, 3, 1, 9, tzinfo=SP))

    decision = check_protection_claim(claim, [holder])

    assert decision.allowed
    assert decision.holder is None
    assert "lapsable since 1 Jan 2025 09:00 -03:00" in str(decision.reasons[0])


@pytest.mark.rule("mcs.deal.protection")
def test_a_claim_ignores_other_customers_own_registrations_and_later_ones() -> None:
    """mcs.deal.protection: only other partners' earlier registrations of this customer count."""
    at = dt.datetime(2025, 3, 1, 9, tzinfo=SP)
    other_customer = registration("alfa", at - dt.timedelta(days=3), customer=Customer("Globex"))
    own = registration("beta", at - dt.timedelta(days=3), deal_id="CRM-old")
    later = registration("gama", at + dt.timedelta(days=1))
    claim = registration("beta", at)

    decision = check_protection_claim(claim, [other_customer, own, later])

    assert decision.allowed
    assert str(decision.reasons[0]) == (
        "no other partner has registered a deal for ACME Comércio Ltda: the claim of beta may "
        "be accepted"
    )
