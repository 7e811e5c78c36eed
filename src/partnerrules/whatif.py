"""What-if: a portfolio's decisions under two sets of programme versions, side by side.

Before a programme changes, a finance or support team asks what the change
would do. :func:`compare` takes a portfolio (the file of ``partnerrules run``,
see :class:`partnerrules.cli.Portfolio`) and two sets of programmes or
programme histories, the *baseline* and the *candidate*; it asks every
question of the portfolio (:func:`portfolio_questions`) under both, and
returns each pair of decisions with their differences (money in exact
centavos, instants as durations, states as they were and became) and, per
partner, the commission totals under both.

>>> import datetime as dt
>>> from decimal import Decimal
>>> import attrs
>>> from partnerrules.cli import Portfolio
>>> from partnerrules.programmes import OMID, SOURCE_PROGRAMMES
>>> diamond = OMID.commission.campaigns[0]
>>> omid_14 = attrs.evolve(OMID, commission=attrs.evolve(
...     OMID.commission, campaigns=(attrs.evolve(diamond, rate=Decimal("0.14")),)))
>>> portfolio = sample_portfolio()
>>> result = compare(portfolio, SOURCE_PROGRAMMES, [omid_14])
>>> [(t.partner, str(t.commission_delta.amount)) for t in result.totals]
[('parceiro-alfa', '-1920.00'), ('parceiro-beta', '-4800.00')]

The candidate may name only the programmes that change: the others are taken
from the baseline.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.cli import Portfolio
from partnerrules.money import Money
from partnerrules.questions import (
    CommissionQuestion,
    ProtectionQuestion,
    QuoteQuestion,
    ReadinessQuestion,
    StatusQuestion,
    commission_lines,
)
from partnerrules.versions import (
    Decision,
    ProgrammeHistory,
    _decide,
    _decision,
    _histories,
)

__all__ = [
    "Change",
    "Comparison",
    "Difference",
    "PartnerTotal",
    "compare",
    "portfolio_questions",
    "sample_portfolio",
]


def sample_portfolio() -> Portfolio:
    """The sample portfolio shipped in the package (example data; ``partnerrules run``'s)."""
    from partnerrules.cli import _read_portfolio

    return _read_portfolio(None)


def _default_at(portfolio: Portfolio) -> dt.datetime:
    from partnerrules._report import default_instant

    return default_instant(portfolio)


def portfolio_questions(portfolio: Portfolio, *, at: dt.datetime | None = None) -> tuple[Any, ...]:
    """Every question ``partnerrules run`` answers for *portfolio*, in report order.

    A cancellation quote per contract at ``as_of``; a commission line per sale
    signed from 1 January of ``as_of``'s year to ``as_of`` (exclusive); the SLA
    status of each ticket, the protection of each deal and the readiness of
    each opportunity at *at* (default: the portfolio's ``at``, else midnight
    of ``as_of`` in São Paulo).

    Raises:
        InvalidTypeError: *portfolio* is not a :class:`~partnerrules.cli.Portfolio`.
        NaiveDatetimeError: *at* has no time zone.
        InvalidValueError: opportunities without ``min_description_length``.
    """
    _validate.instance("portfolio", portfolio, Portfolio)
    at = _default_at(portfolio) if at is None else _validate.aware("at", at)
    questions: list[Any] = [QuoteQuestion(c, portfolio.as_of) for c in portfolio.contracts]
    start = dt.date(portfolio.as_of.year, 1, 1)
    questions += [
        CommissionQuestion(
            s.contract.id,
            portfolio.sales,
            portfolio.payments,
            start,
            portfolio.as_of,
            portfolio.tiers,
        )
        for s in portfolio.sales
    ]
    questions += [StatusQuestion(t, at) for t in portfolio.tickets]
    questions += [ProtectionQuestion(d, at) for d in portfolio.deals]
    if portfolio.opportunities:
        minimum = portfolio.min_description_length
        if minimum is None:
            from partnerrules.errors import InvalidValueError

            raise InvalidValueError(
                "min_description_length",
                None,
                "an int >= 0 when the portfolio has opportunities (the ACE guide gives none)",
            )
        opportunities = portfolio.opportunities
        questions += [
            ReadinessQuestion(o, at, minimum, opportunities[:i] + opportunities[i + 1 :])
            for i, o in enumerate(opportunities)
        ]
    return tuple(questions)


_LEAVES = (Money, dt.date, dt.timedelta, Decimal, int, str, enum.Enum, tuple)


def _leaf(_instance: Any, attribute: Any, value: Any) -> None:
    """A leaf of an answer: a value of the kinds results hold, an attrs value, or None."""
    if value is None or attrs.has(type(value)):
        return
    if (
        not isinstance(value, _LEAVES)
        or (type(value) is int and not -(2**63) < value < 2**63)
        or (isinstance(value, Decimal) and not value.is_finite())
    ):
        raise _validate.type_error(
            attribute.name, value, "a value of an answer (money, instant, duration, state, ...)"
        )


def _quantity(_instance: Any, attribute: Any, value: Any) -> None:
    """A delta: None or a quantity (money, duration, a finite decimal, a 64-bit int)."""
    if value is None:
        return
    if isinstance(value, Money | dt.timedelta):
        return
    if type(value) is int and -(2**63) < value < 2**63:
        return
    if type(value) is Decimal and value.is_finite():
        return
    raise _validate.type_error(
        attribute.name, value, "None, a Money, a timedelta, a finite Decimal or an int"
    )


@attrs.frozen
class Difference:
    """One value that differs between the baseline and the candidate answer.

    Attributes:
        path: where in the answer, e.g. ``'sale_commission.commission'`` or
            ``'acknowledgement.limit_at'``.
        baseline: the baseline's value.
        candidate: the candidate's value.
        delta: candidate minus baseline where that is a quantity: a
            :class:`~partnerrules.money.Money` (exact), a
            :class:`~datetime.timedelta` (instants, dates and durations), a
            :class:`~decimal.Decimal` or an int; None for states and words.
    """

    path: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    baseline: Any = attrs.field(validator=_leaf)
    candidate: Any = attrs.field(validator=_leaf)
    delta: Money | dt.timedelta | Decimal | int | None = attrs.field(validator=_quantity)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _delta(a: object, b: object) -> Money | dt.timedelta | Decimal | int | None:
    if isinstance(a, Money) and isinstance(b, Money) and a.currency == b.currency:
        return b - a
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return (b - _EPOCH) - (a - _EPOCH)  # in UTC, even for two readings of one zone
    if (
        isinstance(a, dt.date)
        and isinstance(b, dt.date)
        and not isinstance(a, dt.datetime)
        and not isinstance(b, dt.datetime)
    ):
        return b - a
    if isinstance(a, dt.timedelta) and isinstance(b, dt.timedelta):
        return b - a
    if type(a) is Decimal and type(b) is Decimal:
        return b - a
    if type(a) is int and type(b) is int:
        return b - a
    return None


def _public_fields(kind: type) -> tuple[str, ...]:
    """The public fields of a result class: its plain fields, else its attrs fields not private."""
    names: tuple[str, ...] | None = getattr(kind, "_plain_fields", None)
    if names is not None:
        return names
    return tuple(f.name for f in attrs.fields(kind) if not f.name.startswith("_") and f.eq)


def _walk(a: object, b: object, path: str) -> Iterator[Difference]:
    """The leaves where two answers differ (their reasons and private fields aside)."""
    if type(a) is type(b) and attrs.has(type(a)) and not isinstance(a, Money):
        for name in _public_fields(type(a)):
            if name == "reasons":
                continue
            sub = f"{path}.{name}" if path else name
            yield from _walk(getattr(a, name), getattr(b, name), sub)
        return
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _walk(x, y, f"{path}[{i}]")
        return
    if a != b:
        yield Difference(path, a, b, _delta(a, b))


def _subject(question: Any) -> tuple[str, str, str | None]:
    """The kind, the item id and the partner of a question."""
    if isinstance(question, QuoteQuestion):
        return "quote", question.contract.id, None
    if isinstance(question, CommissionQuestion):
        return "commission", question.contract_id, question.sale().partner
    if isinstance(question, StatusQuestion):
        return "sla", question.ticket.id, None
    if isinstance(question, ProtectionQuestion):
        return "protection", question.registration.deal_id, question.registration.partner
    if isinstance(question, ReadinessQuestion):
        return "readiness", question.opportunity.opportunity_id, None
    return type(question).__name__, "", None


@attrs.frozen
class Change:
    """One question's decisions under the baseline and the candidate.

    Attributes:
        kind: ``'quote'``, ``'commission'``, ``'sla'``, ``'protection'`` or ``'readiness'``.
        subject: the item asked about (contract, ticket, deal or opportunity id).
        partner: the partner it counts for, or None.
        baseline: the baseline's decision.
        candidate: the candidate's decision.
        differences: where the answers differ (empty if they agree).
    """

    kind: str
    subject: str
    partner: str | None
    baseline: Decision
    candidate: Decision
    differences: tuple[Difference, ...]

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    @property
    def changed(self) -> bool:
        """Whether the answers differ."""
        return bool(self.differences)


@attrs.frozen
class PartnerTotal:
    """A partner's commission totals under the baseline and the candidate.

    Attributes:
        partner: the partner.
        baseline: the sum of its commission lines under the baseline.
        candidate: the same under the candidate.
        released_baseline: the released part under the baseline.
        released_candidate: the released part under the candidate.
    """

    partner: str
    baseline: Money
    candidate: Money
    released_baseline: Money
    released_candidate: Money

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    @property
    def commission_delta(self) -> Money:
        """Candidate minus baseline commission, exact."""
        return self.candidate - self.baseline

    @property
    def released_delta(self) -> Money:
        """Candidate minus baseline released commission, exact."""
        return self.released_candidate - self.released_baseline


@attrs.frozen
class Comparison:
    """The result of :func:`compare`.

    Attributes:
        changes: every question's pair of decisions, in the portfolio's order.
        totals: the commission totals of each partner with sales, by partner.
    """

    changes: tuple[Change, ...]
    totals: tuple[PartnerTotal, ...]

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    @property
    def changed(self) -> tuple[Change, ...]:
        """The changes whose answers differ."""
        return tuple(c for c in self.changes if c.changed)

    def render(self, locale: str = "en_US") -> str:
        """The comparison for people: what changed, then the partners' totals.

        Titles in *locale* (through the shipped catalogs, as the report of
        ``partnerrules run``), money formatted in it; instants in ISO 8601;
        the paths of the differences are the answers' field names.

        Raises:
            InvalidValueError: *locale* is not a locale Babel knows.
        """
        from partnerrules._report import _tr

        brl = Money.zero("BRL").format(locale)  # checks the locale once, before any output
        del brl
        lines = [
            _tr(locale, "{total} decisions compared, {changed} changed").format(
                total=len(self.changes), changed=len(self.changed)
            )
        ]
        for c in self.changed:
            lines.append(
                f"{_tr(locale, c.kind)} {c.subject}: {c.baseline.programme} "
                f"{c.baseline.version} -> {c.candidate.version}"
            )
            for d in c.differences:
                delta = "" if d.delta is None else f" ({_shown(d.delta, locale, signed=True)})"
                lines.append(
                    f"    {d.path}: {_shown(d.baseline, locale)} -> "
                    f"{_shown(d.candidate, locale)}{delta}"
                )
        if self.totals:
            lines.append(_tr(locale, "commission per partner: baseline -> candidate (difference)"))
            for t in self.totals:
                lines.append(
                    f"    {t.partner}: {t.baseline.format(locale)} -> "
                    f"{t.candidate.format(locale)} "
                    f"({_shown(t.commission_delta, locale, signed=True)})"
                )
        return "\n".join(lines)

    def to_data(self) -> dict[str, Any]:
        """The comparison as plain JSON data: amounts as strings, instants in ISO 8601."""
        from partnerrules.convert import unstructure

        def plain(value: object) -> Any:
            if isinstance(value, dt.timedelta):
                return {"seconds": str(Decimal(value // dt.timedelta(microseconds=1)) / 10**6)}
            if isinstance(value, Decimal):
                return str(value)
            return unstructure(value)

        return {
            "changes": [
                {
                    "kind": c.kind,
                    "subject": c.subject,
                    "partner": c.partner,
                    "baseline": _version_data(c.baseline),
                    "candidate": _version_data(c.candidate),
                    "differences": [
                        {
                            "path": d.path,
                            "baseline": plain(d.baseline),
                            "candidate": plain(d.candidate),
                            "delta": None if d.delta is None else plain(d.delta),
                        }
                        for d in c.differences
                    ],
                }
                for c in self.changes
            ],
            "totals": [
                {
                    "partner": t.partner,
                    "baseline": unstructure(t.baseline),
                    "candidate": unstructure(t.candidate),
                    "delta": unstructure(t.commission_delta),
                    "released_baseline": unstructure(t.released_baseline),
                    "released_candidate": unstructure(t.released_candidate),
                    "released_delta": unstructure(t.released_delta),
                }
                for t in self.totals
            ],
        }


def _version_data(d: Decision) -> dict[str, str]:
    return {
        "programme": d.programme,
        "version": d.version,
        "content_hash": d.content_hash,
        "decisive_at": d.decisive_at.isoformat(),
    }


def _shown(value: object, locale: str, *, signed: bool = False) -> str:
    if isinstance(value, Money):
        text = value.format(locale)
        return f"+{text}" if signed and value.amount >= 0 else text
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        from partnerrules.decisions import format_duration

        sign = "-" if value < dt.timedelta(0) else "+"
        return f"{sign}{format_duration(abs(value))}" if signed else format_duration(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if signed and isinstance(value, int | Decimal) and value >= 0:
        return f"+{value}"
    return str(value)


def _answer_all(questions: Sequence[Any], histories: dict[str, ProgrammeHistory]) -> list[Decision]:
    """Decide every question; commission lines are computed once per version."""
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    decisions = []
    for q in questions:
        if isinstance(q, CommissionQuestion) and q.programme in histories:
            instant = q.decisive_at()
            version = histories[q.programme].in_force(instant, field="decisive_at")
            key = (q.programme, version.label)
            if key not in lines:
                lines[key] = commission_lines(q, version.programme)
            decisions.append(_decision(q, version, instant, lines[key].get(q.contract_id)))
        else:
            decisions.append(_decide(q, histories))
    return decisions


def compare(
    portfolio: Portfolio,
    baseline: object,
    candidate: object,
    *,
    at: dt.datetime | None = None,
) -> Comparison:
    """Evaluate *portfolio* under *baseline* and under *candidate*, side by side.

    *baseline* and *candidate* are each a
    :class:`~partnerrules.programmes.Programme`, a
    :class:`~partnerrules.versions.ProgrammeHistory` or an iterable of them; a
    programme the candidate does not name is taken from the baseline; a bare
    programme is a one-version history labelled ``"baseline"`` or
    ``"candidate"``. Every
    question of :func:`portfolio_questions` is decided under each (the
    version in force at its decisive instant), and the pair kept with the
    differences of their answers; commission lines are totalled per partner.
    A sale outside the statements' period has no line and is not a decision.

    Raises:
        InvalidTypeError: a portfolio or programmes of the wrong type.
        UnknownKeyError: a question's programme in neither set.
        NotInForceError: no version in force at a decisive instant.
        PartnerRulesError: whatever a rule refuses in the portfolio.
    """
    base = _histories(baseline, "baseline", label="baseline")
    cand = {**base, **_histories(candidate, "candidate", label="candidate")}
    questions = portfolio_questions(portfolio, at=at)
    before = _answer_all(questions, base)
    after = _answer_all(questions, cand)
    changes = []
    for q, b, c in zip(questions, before, after, strict=True):
        if b.answer is None and c.answer is None:
            continue  # a sale outside the period
        kind, subject, partner = _subject(q)
        changes.append(Change(kind, subject, partner, b, c, tuple(_walk(b.answer, c.answer, ""))))
    return Comparison(tuple(changes), _totals(changes))


def _totals(changes: Sequence[Change]) -> tuple[PartnerTotal, ...]:
    from partnerrules.money import BRL

    sums: dict[str, list[Money]] = {}
    for c in changes:
        if c.kind != "commission" or c.partner is None:
            continue
        parts = sums.setdefault(c.partner, [Money.zero(BRL)] * 4)
        for i, line in ((0, c.baseline.answer), (1, c.candidate.answer)):
            if line is not None:
                parts[i] = parts[i] + line.commission
                parts[i + 2] = parts[i + 2] + line.released
    return tuple(PartnerTotal(p, s[0], s[1], s[2], s[3]) for p, s in sorted(sums.items()))


home("partnerrules.whatif", globals())  # string annotations evaluated, for readers of type hints
