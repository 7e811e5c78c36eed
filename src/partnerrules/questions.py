"""Questions: a rule function's inputs as a value, with the instant that picks the version.

A *question* holds everything a rule function needs except the programme,
names the programme that answers it (``programme="zoho"``) and says which
instant is decisive for it. :func:`partnerrules.versions.decide` finds the
programme version in force at that instant and asks the question there;
a stored :class:`~partnerrules.versions.Decision` keeps the question, so
:func:`~partnerrules.versions.verify` can ask it again.

* :class:`StatusQuestion`: :func:`partnerrules.sla.status`; decisive: the
  ticket's opening;
* :class:`DeadlinesQuestion`: :func:`partnerrules.sla.deadlines`; decisive:
  the ticket's opening;
* :class:`LifecycleQuestion`: :func:`partnerrules.lifecycle.evaluate` of a
  ticket's history; decisive: the ticket's opening, and each later version's
  start from then on (a policy change in the ticket's history);
* :class:`CommissionQuestion`: the sale's line of
  :func:`~partnerrules.commission.commission_statements`; decisive: the
  sale's signature;
* :class:`QuoteQuestion`: :func:`partnerrules.contracts.cancellation_quote`;
  decisive: the contract's start (00:00 in São Paulo);
* :class:`ProtectionQuestion`: :func:`partnerrules.deals.protection_status`;
  decisive: the latest status update (or the registration);
* :class:`ReadinessQuestion`: :func:`partnerrules.deals.check_ace_readiness`;
  decisive: the check's instant.

A :class:`~partnerrules.programmes.Programme` value holds an SLA policy and a
commission plan; the SLA and commission questions are answered with them. The
other questions are answered with the parameters the source publishes (the
Omid 50 % fee, the MCS three months): their decisions still name the version
in force, so a stored decision says which programme text it was taken under.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.programmes import ZOHO
>>> from partnerrules.sla import Ticket
>>> ticket = Ticket("T-9", dt.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("America/Sao_Paulo")),
...                 severity=1, category="downtime", level="Premium", country="BR")
>>> q = StatusQuestion(ticket, dt.datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("America/Sao_Paulo")))
>>> q.decisive_at() == ticket.opened_at, q.programme
(True, 'zoho')
>>> q.answer(ZOHO).acknowledgement.state.value
'running'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.commission import Payment, Sale, StatementLine, Tier
from partnerrules.contracts import CancellationQuote, Contract
from partnerrules.deals import AceReadiness, DealRegistration, Opportunity, ProtectionStatus
from partnerrules.errors import InvalidValueError
from partnerrules.lifecycle import LifecyclePolicy, PolicyChanged, TicketHistory, TicketLifecycle
from partnerrules.programmes import Programme, _namespace
from partnerrules.sla import Ticket, TicketDeadlines, TicketStatus

__all__ = [
    "CommissionQuestion",
    "DeadlinesQuestion",
    "LifecycleQuestion",
    "ProtectionQuestion",
    "Question",
    "QuoteQuestion",
    "ReadinessQuestion",
    "StatusQuestion",
]

_SAO_PAULO = ZoneInfo("America/Sao_Paulo")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

#: The largest minimum description length a readiness question takes.
_MAX_LENGTH = 1_000_000


def _aware(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.aware(attribute.name, value)


def _zone_name(value: object) -> str | None:
    """None, or the IANA name of a zone given by name or as a ZoneInfo (checked)."""
    if value is None:
        return None
    from partnerrules.calendars import _zone

    zone = _zone(value)
    if zone.key is None:
        raise _validate.type_error("zone", value, "a ZoneInfo with an IANA name")
    return zone.key


def _sales(value: object) -> tuple[Sale, ...]:
    return _validate.items("sales", value, "an iterable of Sale")


def _payments(value: object) -> tuple[Payment, ...]:
    return _validate.items("payments", value, "an iterable of Payment")


def _existing(value: object) -> tuple[Opportunity, ...]:
    found = _validate.items("existing", value, "an iterable of Opportunity")
    for item in found:
        _validate.instance("existing", item, Opportunity)
    return found


_SUBCLASS = "a question: an instance of a subclass of Question that defines its inputs"


def _later(value: object) -> list[tuple[dt.datetime, Programme]]:
    """Check the later versions given to :meth:`Question.answer_in`."""
    expected = "an iterable of (aware instant, Programme) pairs"
    found = []
    for item in _validate.items("later", value, expected):
        if not isinstance(item, tuple) or len(item) != 2:
            raise _validate.type_error("later", item, expected)
        start, programme = item
        found.append(
            (_validate.aware("later", start), _validate.instance("later", programme, Programme))
        )
    return found


class Question:
    """The base of the question classes: the inputs of one rule function.

    Every question has a ``programme`` field (the id of the programme that
    answers it), :meth:`decisive_at` and :meth:`answer`. A caller's own
    question is a subclass (an attrs class with its inputs as fields) that
    defines both: :func:`~partnerrules.versions.decide`,
    :func:`~partnerrules.versions.verify` and stored decisions work with it
    as with the library's own.
    """

    programme: str

    def decisive_at(self) -> dt.datetime:
        """The instant whose programme version answers the question.

        Raises:
            InvalidTypeError: the base class itself, which asks nothing.
        """
        raise _validate.type_error("question", self, _SUBCLASS)

    def answer(self, programme: Programme) -> Any:
        """Ask the question under *programme* (one version's value).

        Raises:
            InvalidTypeError: the base class itself, which asks nothing.
        """
        raise _validate.type_error("question", self, _SUBCLASS)

    def answer_in(
        self, programme: Programme, later: Sequence[tuple[dt.datetime, Programme]]
    ) -> Any:
        """Ask the question under *programme*, the version in force at the decisive instant.

        *later* lists the versions that come into force after it (their start
        and programme), for a question whose answer spans time
        (:class:`LifecycleQuestion`); the others ignore it.

        Raises:
            InvalidTypeError: *later* is not pairs of an aware instant and a Programme.
        """
        _later(later)
        return self.answer(programme)


def _sla_policy(programme: Programme) -> Any:
    _validate.instance("programme", programme, Programme)
    if programme.sla is None:
        raise InvalidValueError(
            "programme", programme.id, "a programme with an SLA policy (its 'sla')"
        )
    return programme.sla


@attrs.frozen
class StatusQuestion(Question):
    """The SLA status of a ticket at an instant (:func:`partnerrules.sla.status`).

    Decisive instant: the ticket's opening. Rules ``zoho.sla.matrix``,
    ``zoho.sla.weekday_clock`` (or those of the programme's SLA policy).

    Attributes:
        ticket: the ticket.
        at: the aware instant of the status.
        zone: the local zone of a support-hours clock (an IANA name; a
            ZoneInfo is kept as its name), or None (see
            :func:`partnerrules.sla.status`).
        programme: the id of the programme that answers (default ``"zoho"``).
    """

    ticket: Ticket = attrs.field(validator=_validate.instance_of(Ticket))
    at: dt.datetime = attrs.field(validator=_aware)
    zone: str | None = attrs.field(default=None, kw_only=True, converter=_zone_name)
    programme: str = attrs.field(default="zoho", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """The ticket's opening."""
        return self.ticket.opened_at

    def answer(self, programme: Programme) -> TicketStatus:
        """:func:`partnerrules.sla.status` under *programme*'s SLA policy."""
        from partnerrules.sla import status

        return status(self.ticket, self.at, policy=_sla_policy(programme), zone=self.zone)


@attrs.frozen
class DeadlinesQuestion(Question):
    """The SLA deadlines of a ticket (:func:`partnerrules.sla.deadlines`).

    Decisive instant: the ticket's opening. Rules ``zoho.sla.matrix``,
    ``zoho.sla.weekday_clock`` (or those of the programme's SLA policy).

    Attributes:
        ticket: the ticket.
        zone: as :class:`StatusQuestion`.
        programme: the id of the programme that answers (default ``"zoho"``).
    """

    ticket: Ticket = attrs.field(validator=_validate.instance_of(Ticket))
    zone: str | None = attrs.field(default=None, kw_only=True, converter=_zone_name)
    programme: str = attrs.field(default="zoho", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """The ticket's opening."""
        return self.ticket.opened_at

    def answer(self, programme: Programme) -> TicketDeadlines:
        """:func:`partnerrules.sla.deadlines` under *programme*'s SLA policy."""
        from partnerrules.sla import deadlines

        return deadlines(self.ticket, policy=_sla_policy(programme), zone=self.zone)


@attrs.frozen
class LifecycleQuestion(Question):
    """Every clock of a ticket's history at an instant (:func:`partnerrules.lifecycle.evaluate`).

    Decisive instant: the ticket's opening; the version in force then
    answers. A version that comes into force later, by *at*, enters the
    ticket's history as a :class:`~partnerrules.lifecycle.PolicyChanged`
    event at its start: from that change instant on its SLA policy decides
    (open windows keep the business time they used, as for any policy
    change). Rules ``zoho.sla.matrix``, ``zoho.sla.weekday_clock`` (or those
    of the programme's SLA policy and of *policy*).

    Attributes:
        ticket: the ticket's history.
        at: the aware instant of the evaluation.
        policy: the lifecycle rules (pausing statuses, counted responses,
            resolution windows, notifications, escalations); its SLA policy
            is replaced by the programme version's.
        zone: as :class:`StatusQuestion`.
        programme: the id of the programme that answers (default ``"zoho"``).
    """

    ticket: TicketHistory = attrs.field(validator=_validate.instance_of(TicketHistory))
    at: dt.datetime = attrs.field(validator=_aware)
    policy: LifecyclePolicy = attrs.field(validator=_validate.instance_of(LifecyclePolicy))
    zone: str | None = attrs.field(default=None, kw_only=True, converter=_zone_name)
    programme: str = attrs.field(default="zoho", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """The ticket's opening."""
        return self.ticket.opened.at

    def answer(self, programme: Programme) -> TicketLifecycle:
        """:func:`partnerrules.lifecycle.evaluate` with *programme*'s SLA policy."""
        return self.answer_in(programme, ())

    def answer_in(
        self, programme: Programme, later: Sequence[tuple[dt.datetime, Programme]]
    ) -> TicketLifecycle:
        """The evaluation, with each later version's SLA policy from its start on."""
        from partnerrules.lifecycle import evaluate

        later = _later(later)
        policy = attrs.evolve(self.policy, sla=_sla_policy(programme))
        opened, until = self.decisive_at() - _EPOCH, self.at - _EPOCH
        changes = [
            PolicyChanged(start, _sla_policy(version))
            for start, version in later
            if opened < start - _EPOCH <= until
        ]
        history = self.ticket
        if changes:
            # Each change is recorded at its start: merged into the events in time order.
            events = sorted([*self.ticket.events, *changes], key=lambda e: e.at - _EPOCH)
            history = TicketHistory(events)
        return evaluate(history, self.at, policy=policy, zone=self.zone)


def _tiers(value: object) -> dict[str, Tier]:
    if not isinstance(value, Mapping):
        raise _validate.type_error("standard_tiers", value, "a mapping of partner to Tier")
    found = dict(value)
    for partner, tier in found.items():
        _validate.text("standard_tiers", partner)
        _validate.instance("standard_tiers", tier, Tier)
    return found


def _cancellations(value: object) -> dict[str, dt.date] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _validate.type_error("cancellations", value, "a mapping of contract id to date")
    found = dict(value)
    for key, day in found.items():
        _validate.text("cancellations", key)
        _validate.date("cancellations", day)
    return found


def commission_lines(
    question: CommissionQuestion, programme: Programme
) -> dict[str, StatementLine]:
    """Every statement line of the question's sales under *programme*, by contract id.

    One pass for all the sales of a portfolio: the questions of one portfolio
    differ only in ``contract_id``.
    """
    from partnerrules.commission import commission_statements

    _validate.instance("programme", programme, Programme)
    if programme.commission is None:
        raise InvalidValueError(
            "programme", programme.id, "a programme with a commission plan (its 'commission')"
        )
    statements = commission_statements(
        question.sales,
        question.payments,
        start=question.start,
        end=question.end,
        standard_tiers=question.standard_tiers,
        cancellations=question.cancellations,
        plan=programme.commission,
    )
    return {line.sale_commission.sale.contract.id: line for s in statements for line in s.lines}


@attrs.frozen
class CommissionQuestion(Question):
    """One sale's commission line in the statements of ``[start, end)``.

    The line of the sale of contract *contract_id* in
    :func:`partnerrules.commission.commission_statements` of all *sales*
    (the other sales count for the tier and for the first sale of the year).
    Decisive instant: that sale's signature. Rules ``omid.tier.by_annual_tcv``,
    ``omid.campaign.first_sale_diamond``, ``omid.commission.paid_on_collection``
    (or the campaigns of the programme's plan).

    Attributes:
        contract_id: the contract of the sale asked about.
        sales: every sale of the statements (each contract sold once).
        payments: the customers' payments.
        start: the first day of the statements.
        end: the day after their last day.
        standard_tiers: each partner's standard tier.
        cancellations: contract id -> cancellation date, or None.
        programme: the id of the programme that answers (default ``"omid"``).

    Raises:
        InvalidValueError: a contract sold twice, or no sale of *contract_id*.
    """

    contract_id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    sales: tuple[Sale, ...] = attrs.field(converter=_sales)
    payments: tuple[Payment, ...] = attrs.field(converter=_payments)
    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    standard_tiers: dict[str, Tier] = attrs.field(converter=_tiers, hash=False)
    cancellations: dict[str, dt.date] | None = attrs.field(
        default=None, kw_only=True, converter=_cancellations, hash=False
    )
    programme: str = attrs.field(default="omid", kw_only=True, validator=_namespace)

    def __attrs_post_init__(self) -> None:
        for field, kind in (("sales", Sale), ("payments", Payment)):
            for item in getattr(self, field):
                _validate.instance(field, item, kind)
        ids = [s.contract.id for s in self.sales]
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise InvalidValueError("sales", repeated, "each contract sold once")
        if self.contract_id not in ids:
            raise InvalidValueError(
                "contract_id", self.contract_id, "the contract id of one of the sales"
            )

    def sale(self) -> Sale:
        """The sale asked about."""
        return next(s for s in self.sales if s.contract.id == self.contract_id)

    def decisive_at(self) -> dt.datetime:
        """The sale's signature."""
        return self.sale().signed_at

    def answer(self, programme: Programme) -> StatementLine:
        """The sale's statement line under *programme*'s commission plan.

        Raises:
            InvalidValueError: the sale is not in the statements' period.
        """
        lines = commission_lines(self, programme)
        if self.contract_id not in lines:
            raise InvalidValueError(
                "contract_id",
                self.contract_id,
                f"a sale signed from {self.start.isoformat()} to {self.end.isoformat()} "
                "(exclusive)",
            )
        return lines[self.contract_id]


@attrs.frozen
class QuoteQuestion(Question):
    """A contract's cancellation quote (:func:`partnerrules.contracts.cancellation_quote`).

    Decisive instant: 00:00 of the contract's start in São Paulo (a
    :class:`~partnerrules.contracts.Contract` holds no signature instant; its
    terms are fixed from its start). Rule ``omid.contract.cancellation_fee``.

    Attributes:
        contract: the contract.
        effective: the day the cancellation takes effect.
        programme: the id of the programme that answers (default ``"omid"``).
    """

    contract: Contract = attrs.field(validator=_validate.instance_of(Contract))
    effective: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    programme: str = attrs.field(default="omid", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """00:00 of the contract's start, in São Paulo."""
        return dt.datetime.combine(self.contract.start, dt.time(), _SAO_PAULO)

    def answer(self, programme: Programme) -> CancellationQuote:
        """The quote (the fee rate is the source's 50 %, not a part of the programme value)."""
        from partnerrules.contracts import cancellation_quote

        _validate.instance("programme", programme, Programme)
        return cancellation_quote(self.contract, self.effective)


@attrs.frozen
class ProtectionQuestion(Question):
    """A registered deal's protection at an instant (:func:`partnerrules.deals.protection_status`).

    Decisive instant: the registration's latest status update at or before
    *at* (its registration if none). Rule ``mcs.deal.protection``.

    Attributes:
        registration: the deal registration.
        at: the aware instant.
        programme: the id of the programme that answers (default ``"mcs"``).
    """

    registration: DealRegistration = attrs.field(validator=_validate.instance_of(DealRegistration))
    at: dt.datetime = attrs.field(validator=_aware)
    programme: str = attrs.field(default="mcs", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """The latest status update at or before *at*, else the registration."""
        at = self.at - _EPOCH  # instants compared in UTC (a subtraction never overflows)
        moments = [self.registration.registered_at, *self.registration.status_updates]
        seen = [m for m in moments if m - _EPOCH <= at]
        return max(seen or moments[:1], key=lambda m: m - _EPOCH)

    def answer(self, programme: Programme) -> ProtectionStatus:
        """The protection status (the three months are the source's, not the programme value's)."""
        from partnerrules.deals import protection_status

        _validate.instance("programme", programme, Programme)
        return protection_status(self.registration, at=self.at)


@attrs.frozen
class ReadinessQuestion(Question):
    """An opportunity's ACE readiness (:func:`partnerrules.deals.check_ace_readiness`).

    Decisive instant: the check's instant *at*. Rule ``aws.ace.readiness``.

    Attributes:
        opportunity: the opportunity.
        at: the aware instant of the check.
        min_description_length: the shortest description accepted (the guide
            gives no number: the caller's).
        existing: the other opportunities already submitted.
        programme: the id of the programme that answers (default ``"aws"``).
    """

    opportunity: Opportunity = attrs.field(validator=_validate.instance_of(Opportunity))
    at: dt.datetime = attrs.field(validator=_aware)
    min_description_length: int = attrs.field(
        validator=_validate.attrs_validator(lambda f, v: _validate.integer_in(f, v, 0, _MAX_LENGTH))
    )
    existing: tuple[Opportunity, ...] = attrs.field(default=(), converter=_existing)
    programme: str = attrs.field(default="aws", kw_only=True, validator=_namespace)

    def decisive_at(self) -> dt.datetime:
        """The check's instant."""
        return self.at

    def answer(self, programme: Programme) -> AceReadiness:
        """The readiness check."""
        from partnerrules.deals import check_ace_readiness

        _validate.instance("programme", programme, Programme)
        return check_ace_readiness(
            self.opportunity,
            at=self.at,
            min_description_length=self.min_description_length,
            existing=self.existing,
        )


home("partnerrules.questions", globals())  # string annotations evaluated, for readers of type hints
