"""ACE readiness of AWS opportunities (rule ``aws.ace.readiness``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from partnerrules._deals.common import (
    _bool,
    _count,
    _customer,
    _date,
    _instant,
    _items,
    _member,
    _nonblank,
    _reasons,
    _str,
    _tuple_of,
    _typed,
    _value_error,
    _Vocabulary,
)
from partnerrules._deals.conflicts import _same_customer
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.identity import (
    Customer,
    normalise_text,
)

# -- aws.ace.readiness ------------------------------------------------------


class OpportunityStatus(_Vocabulary):
    """An opportunity's status as far as ACE readiness goes (rule ``aws.ace.readiness``)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    #: Launched, i.e. won.
    LAUNCHED = "launched"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        """Whether the opportunity is neither launched nor closed."""
        return self in (OpportunityStatus.ACTIVE, OpportunityStatus.INACTIVE)


class AceCriterion(_Vocabulary):
    """The criteria of ACE readiness (rule ``aws.ace.readiness``)."""

    CUSTOMER_CONSENT = "customer_consent"
    PARTNER_ORIGINATED = "partner_originated"
    PARTNER_LED = "partner_led"
    ACTIVE_STATUS = "active_status"
    TARGET_CLOSE_DATE = "target_close_date"
    NEW_BUSINESS = "new_business"
    PROJECT_DESCRIPTION = "project_description"
    NOT_LAUNCHED_OR_CLOSED = "not_launched_or_closed"
    NOT_DUPLICATE = "not_duplicate"


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _date(attribute.name, value)


def _to_status(value: object) -> OpportunityStatus:
    return _member("status", value, OpportunityStatus)


@attrs.frozen
class Opportunity:
    """A co-sell opportunity a partner may submit to ACE (rule ``aws.ace.readiness``).

    Flags left out count as not met: missing details make an opportunity not
    ready.
    """

    opportunity_id: str = attrs.field(validator=_nonblank)
    customer: Customer = attrs.field(kw_only=True, validator=_customer)
    project: str = attrs.field(kw_only=True, validator=_nonblank)
    status: OpportunityStatus = attrs.field(kw_only=True, converter=_to_status)
    description: str = attrs.field(default="", kw_only=True, validator=_str)
    target_close: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    customer_consent: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    partner_originated: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    partner_led: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    new_business: bool = attrs.field(default=False, kw_only=True, validator=_bool)


@attrs.frozen
class AceReadiness:
    """The outcome of the ACE readiness check (rule ``aws.ace.readiness``).

    Attributes:
        ok: True when every criterion holds.
        failed: every failed criterion, in the order of :class:`AceCriterion`.
        duplicates: ids of existing open opportunities this one duplicates.
        reasons: one per failed criterion, or one saying it is ready.
    """

    ok: bool = attrs.field(validator=_bool)
    failed: tuple[AceCriterion, ...] = attrs.field(
        validator=_tuple_of(AceCriterion, "a tuple of AceCriterion")
    )
    duplicates: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)

    def __attrs_post_init__(self) -> None:
        if self.ok != (not self.failed):
            raise _value_error("ok", self.ok, "True exactly when failed is empty")


def _opportunities(value: object) -> tuple[Opportunity, ...]:
    items = _items("existing", value, "an iterable of Opportunity")
    for index, item in enumerate(items):
        _typed(f"existing[{index}]", item, Opportunity)
    return items


def check_ace_readiness(
    opportunity: Opportunity,
    *,
    at: dt.datetime,
    min_description_length: int,
    existing: Iterable[Opportunity] = (),
) -> AceReadiness:
    """Check whether an opportunity is ready to submit to ACE (rule ``aws.ace.readiness``).

    Source: seed 004, "Quando Enviar uma Oportunidade ACE". Every failed
    criterion is reported: customer consent; partner-originated;
    partner-led; active status; a target close date not before the date of
    *at* (in *at*'s own zone); new business for AWS; a project description of
    at least *min_description_length* characters (whitespace runs count as one
    space; the guide gives no number, so there is no default); not launched
    (won) or closed; not a duplicate of an open opportunity (active or
    inactive, different id) for the same customer (:meth:`Customer.same_as`)
    and the same project (:func:`normalise_text`). A customer's CNPJ counts
    only when valid: a placeholder never makes two customers the same.

    Args:
        opportunity: the opportunity to check.
        at: the instant of the check (aware).
        min_description_length: the shortest specific description, from 1 to
            ``sys.maxsize`` (the longest a str can be); the caller's
            choice, since the guide gives none.
        existing: the partner's other opportunities.

    Raises:
        NaiveDatetimeError: *at* is naive.
        InvalidTypeError: wrong argument types.
        InvalidValueError: *min_description_length* out of range.
        HorizonError: *at* cannot be held in UTC.
    """
    opp = _typed("opportunity", opportunity, Opportunity)
    _instant("at", at)
    minimum = _count(
        "min_description_length",
        min_description_length,
        minimum=1,
        maximum=sys.maxsize,
        why="no str is longer than sys.maxsize",
    )
    others = _opportunities(existing)
    today = at.date()
    project = normalise_text(opp.project)
    duplicates = tuple(
        o.opportunity_id
        for o in others
        if o.opportunity_id != opp.opportunity_id
        and o.status.is_open
        and _same_customer(o.customer, opp.customer)
        and normalise_text(o.project) == project
    )
    length = len(" ".join(opp.description.split()))
    facts: dict[str, Any] = {
        "opportunity": opp.opportunity_id,
        "status": opp.status.value,
        "today": today,
        "length": length,
        "minimum": minimum,
        "duplicates": ", ".join(duplicates),
    }
    ace = "aws.ace.readiness"
    # Each failed criterion's reason, built only if the criterion fails.
    checks: list[tuple[AceCriterion, bool, Callable[[], Reason]]] = [
        (
            AceCriterion.CUSTOMER_CONSENT,
            opp.customer_consent,
            lambda: Reason.of(ace, "{opportunity} has no customer consent", **facts),
        ),
        (
            AceCriterion.PARTNER_ORIGINATED,
            opp.partner_originated,
            lambda: Reason.of(ace, "{opportunity} was not originated by the partner", **facts),
        ),
        (
            AceCriterion.PARTNER_LED,
            opp.partner_led,
            lambda: Reason.of(ace, "{opportunity} is not led by the partner", **facts),
        ),
        (
            AceCriterion.ACTIVE_STATUS,
            opp.status is OpportunityStatus.ACTIVE,
            lambda: Reason.of(ace, "{opportunity} has status {status}, not active", **facts),
        ),
    ]
    if opp.target_close is None:
        checks.append(
            (
                AceCriterion.TARGET_CLOSE_DATE,
                False,
                lambda: Reason.of(ace, "{opportunity} has no target close date", **facts),
            )
        )
    else:
        facts["target_close"] = opp.target_close
        checks.append(
            (
                AceCriterion.TARGET_CLOSE_DATE,
                opp.target_close >= today,
                lambda: Reason.of(
                    ace,
                    "{opportunity}'s target close date {target_close} is before {today}",
                    **facts,
                ),
            )
        )
    checks += [
        (
            AceCriterion.NEW_BUSINESS,
            opp.new_business,
            lambda: Reason.of(ace, "{opportunity} is not new business for AWS", **facts),
        ),
        (
            AceCriterion.PROJECT_DESCRIPTION,
            length >= minimum,
            lambda: Reason.of(
                ace,
                "{opportunity}'s project description has {length} characters, fewer than the "
                "{minimum} needed to be specific",
                **facts,
            ),
        ),
        (
            AceCriterion.NOT_LAUNCHED_OR_CLOSED,
            opp.status.is_open,
            lambda: Reason.of(ace, "{opportunity} is already {status}", **facts),
        ),
        (
            AceCriterion.NOT_DUPLICATE,
            not duplicates,
            lambda: Reason.of(
                ace,
                "{opportunity} duplicates open opportunity {duplicates} for the same customer "
                "and project",
                **facts,
            ),
        ),
    ]
    failed = tuple(criterion for criterion, ok, _ in checks if not ok)
    reasons = tuple(why() for _, ok, why in checks if not ok)
    if not failed:
        reasons = (
            Reason.of(
                "aws.ace.readiness",
                "{opportunity} meets every ACE readiness criterion on {today}",
                **facts,
            ),
        )
    return AceReadiness(not failed, failed, duplicates, reasons)


home("partnerrules.deals", globals())
