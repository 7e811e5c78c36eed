"""The report of ``partnerrules run``: every rule of the library over one portfolio.

Private: the command line is the public way in. :func:`build_report` applies
the public rule functions to each item of a portfolio and keeps, for each
item, the cells of its table row (formatted in a locale), its reasons and its
plain-data result (:func:`partnerrules.convert.unstructure`);
:func:`write_text` and :func:`write_json` print the same report for people
and for programs. Nothing here reads a clock: the instant is a parameter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from partnerrules.convert import unstructure
from partnerrules.decisions import Reason, _shipped_catalog
from partnerrules.errors import PartnerRulesError

if TYPE_CHECKING:
    from partnerrules.cli import Portfolio

__all__ = [
    "Report",
    "ReportError",
    "Row",
    "Section",
    "build_report",
    "default_instant",
    "item_count",
    "progress",
    "write_json",
    "write_text",
]

#: The zone of the instant a portfolio without one is evaluated at (midnight of ``as_of``).
_DEFAULT_ZONE = "America/Sao_Paulo"


def _tr(locale: str, text: str, context: str = "report") -> str:
    """*text* in *locale*: its entry in the shipped catalog, in *context*; else *text* itself.

    The report's own words (titles, column headers, section names) are in the
    catalogs under the context ``report`` (listed in scripts/i18n_vocabulary.py);
    a clock state is under ``state``, as in the reasons. English, and a locale
    with no catalog, print *text* as written here.
    """
    catalog = _shipped_catalog(locale)
    return text if catalog is None else catalog.pgettext(context, text)


def _headers(locale: str, *headers: str) -> tuple[str, ...]:
    return tuple(_tr(locale, h) for h in headers)


class ReportError(PartnerRulesError, ValueError):
    """An item of the portfolio that a rule refused; the message names it and its path."""


@attrs.frozen
class Row:
    """One decision: the cells of its table row, its reasons and its result as plain data."""

    cells: tuple[str, ...]
    reasons: tuple[Reason, ...]
    data: dict[str, Any] = attrs.field(hash=False)


@attrs.frozen
class Section:
    """One kind of decision: a title, the rules it applies, the table headers and the rows."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


@attrs.frozen
class Report:
    """Every section of a portfolio's report, at one date and one instant, in one locale."""

    as_of: dt.date
    at: dt.datetime
    locale: str
    sections: tuple[Section, ...]


# -- progress -------------------------------------------------------------------------------


@contextlib.contextmanager
def progress(total: int, *, stream: TextIO | None = None) -> Iterator[Callable[[], None]]:
    """Yield a function to call once per item evaluated.

    When *stream* (standard error by default) is a terminal, a ``rich``
    progress bar shows on it and disappears when the run ends; otherwise
    nothing at all is written, so piped or captured output stays clean.
    """
    target = sys.stderr if stream is None else stream
    isatty = getattr(target, "isatty", None)
    if total <= 0 or not (callable(isatty) and isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("evaluating"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(file=target),
        transient=True,
    )
    with bar:
        task = bar.add_task("evaluating", total=total)
        yield lambda: bar.advance(task)


# -- formatting -----------------------------------------------------------------------------


def _instant(value: dt.datetime | None) -> str:
    return "-" if value is None else value.isoformat(timespec="minutes")


def _percent(rate: Decimal) -> str:
    from babel.numbers import format_percent

    return str(format_percent(rate, "#,##0.##%", locale="en_US"))


def _reasons_data(reasons: Sequence[Reason], locale: str) -> list[dict[str, Any]]:
    return [{**unstructure(r), "text": r.render(locale)} for r in reasons]


def _row(cells: Sequence[str], reasons: Sequence[Reason], data: dict[str, Any], locale: str) -> Row:
    data = dict(data)
    data["rule_ids"] = sorted({r.rule_id for r in reasons})
    data["reasons"] = _reasons_data(reasons, locale)
    return Row(tuple(cells), tuple(reasons), data)


def _refused(kind: str, index: int, item_id: str, exc: Exception) -> ReportError:
    return ReportError(f"cannot evaluate {kind} {item_id!r} ({exc}) @ $.{kind}[{index}]")


# -- the sections ---------------------------------------------------------------------------


def _contracts(portfolio: Portfolio, locale: str, tick: Callable[[], None]) -> Section:
    from partnerrules.contracts import cancellation_quote

    rows = []
    for i, contract in enumerate(portfolio.contracts):
        try:
            quote = cancellation_quote(contract, portfolio.as_of)
            end, tcv = contract.end, contract.tcv
        except (PartnerRulesError, ArithmeticError, ValueError) as exc:
            raise _refused("contracts", i, contract.id, exc) from None
        data = unstructure(quote)
        data.update(customer=contract.customer, end=end.isoformat(), tcv=unstructure(tcv))
        cells = (
            contract.id,
            contract.customer,
            end.isoformat(),
            tcv.format(locale),
            quote.remaining.format(locale),
            quote.fee.format(locale),
        )
        rows.append(_row(cells, quote.reasons, data, locale))
        tick()
    return Section(
        "contracts",
        _tr(locale, "Cancellation quotes on {date}").format(date=portfolio.as_of.isoformat()),
        _headers(locale, "CONTRACT", "CUSTOMER", "ENDS", "TCV", "REMAINING", "FEE"),
        tuple(rows),
    )


def _commission(portfolio: Portfolio, locale: str, tick: Callable[[], None]) -> Section:
    from partnerrules.commission import commission_statements

    start = dt.date(portfolio.as_of.year, 1, 1)
    try:
        statements = commission_statements(
            portfolio.sales,
            portfolio.payments,
            start=start,
            end=portfolio.as_of,
            standard_tiers=portfolio.tiers,
        )
    except (PartnerRulesError, ArithmeticError, ValueError) as exc:
        raise ReportError(f"cannot draw the commission statements ({exc}) @ $.sales") from None
    rows = []
    for statement in statements:
        for line in statement.lines:
            data: dict[str, Any] = {
                "partner": statement.partner,
                "contract": line.sale.contract.id,
                "signed_at": line.sale.signed_at.isoformat(),
                "standard_tier": line.standard_tier.name,
                "rate": str(line.rate),
                "basis": line.basis.value,
                "commission": unstructure(line.commission),
                "released": unstructure(line.released),
                "pending": unstructure(line.pending),
                "forfeited": unstructure(line.forfeited),
                "releases": unstructure(line.payout.releases),
            }
            cells = (
                statement.partner,
                line.sale.contract.id,
                line.sale.signed_at.date().isoformat(),
                _percent(line.rate),
                _tr(locale, line.basis.value),
                line.commission.format(locale),
                line.released.format(locale),
                line.pending.format(locale),
            )
            rows.append(_row(cells, line.reasons, data, locale))
            tick()
        summary = {
            "partner": statement.partner,
            "contract": None,
            "start": statement.start.isoformat(),
            "end": statement.end.isoformat(),
            "commission": unstructure(statement.commission),
            "released": unstructure(statement.released),
            "pending": unstructure(statement.pending),
            "forfeited": unstructure(statement.forfeited),
        }
        cells = (
            statement.partner,
            _tr(locale, "(total)"),
            "",
            "",
            "",
            statement.commission.format(locale),
            statement.released.format(locale),
            statement.pending.format(locale),
        )
        rows.append(_row(cells, statement.reasons, summary, locale))
    # Sales outside the statement's period are still items of the portfolio.
    for _ in range(len(portfolio.sales) - sum(len(s.lines) for s in statements)):
        tick()
    title = _tr(locale, "Commission statements from {start} to {end} (exclusive)")
    return Section(
        "commission",
        title.format(start=start.isoformat(), end=portfolio.as_of.isoformat()),
        _headers(
            locale,
            "PARTNER",
            "CONTRACT",
            "SIGNED",
            "RATE",
            "BASIS",
            "COMMISSION",
            "RELEASED",
            "PENDING",
        ),
        tuple(rows),
    )


def _tickets(
    portfolio: Portfolio, at: dt.datetime, locale: str, tick: Callable[[], None]
) -> Section:
    from partnerrules.sla import status

    rows = []
    for i, ticket in enumerate(portfolio.tickets):
        try:
            state = status(ticket, at)
        except (PartnerRulesError, ArithmeticError, ValueError) as exc:
            raise _refused("tickets", i, ticket.id, exc) from None
        ack = state.acknowledgement
        pd = state.problem_determination
        reasons = (*state.reasons, *(r for w in state.windows for r in w.reasons))
        cells = (
            ticket.id,
            str(ticket.severity.value),
            str(getattr(ticket.level, "value", ticket.level)),
            _tr(locale, ack.state.value, "state"),
            _instant(ack.limit_at),
            "-" if pd is None else _tr(locale, pd.state.value, "state"),
            "-" if pd is None else _instant(pd.limit_at),
        )
        rows.append(_row(cells, reasons, unstructure(state), locale))
        tick()
    # The second window is Zoho's problem determination (the time between responses),
    # though its column reads RESOLUTION, as the Command line page shows it.
    return Section(
        "tickets",
        _tr(locale, "SLA status at {at}").format(at=at.isoformat()),
        _headers(
            locale,
            "TICKET",
            "SEV",
            "LEVEL",
            "FIRST RESPONSE",
            "DUE",
            "PROBLEM DETERMINATION",
            "DUE",
        ),
        tuple(rows),
    )


def _deals(portfolio: Portfolio, at: dt.datetime, locale: str, tick: Callable[[], None]) -> Section:
    from partnerrules.deals import protection_status

    rows = []
    for i, registration in enumerate(portfolio.deals):
        try:
            state = protection_status(registration, at=at)
        except (PartnerRulesError, ArithmeticError, ValueError) as exc:
            raise _refused("deals", i, registration.deal_id, exc) from None
        cells = (
            registration.deal_id,
            registration.customer.name,
            registration.partner,
            _tr(locale, state.state.value),
            _instant(state.protected_until),
        )
        rows.append(_row(cells, state.reasons, unstructure(state), locale))
        tick()
    return Section(
        "deals",
        _tr(locale, "Deal protection at {at}").format(at=at.isoformat()),
        _headers(locale, "DEAL", "CUSTOMER", "PARTNER", "STATE", "PROTECTED UNTIL"),
        tuple(rows),
    )


def _opportunities(
    portfolio: Portfolio, at: dt.datetime, locale: str, tick: Callable[[], None]
) -> Section:
    from partnerrules.deals import check_ace_readiness

    minimum = portfolio.min_description_length
    if minimum is None and portfolio.opportunities:
        raise ReportError(
            "'min_description_length' is missing: the ACE guide gives no minimum length of a "
            "project description, so a portfolio with opportunities states its own "
            "(e.g. min_description_length = 50) @ $.min_description_length"
        )
    rows = []
    for i, opportunity in enumerate(portfolio.opportunities):
        others = portfolio.opportunities[:i] + portfolio.opportunities[i + 1 :]
        try:
            assert minimum is not None
            readiness = check_ace_readiness(
                opportunity, at=at, min_description_length=minimum, existing=others
            )
        except (PartnerRulesError, ArithmeticError, ValueError) as exc:
            raise _refused("opportunities", i, opportunity.opportunity_id, exc) from None
        data = unstructure(readiness)
        data["opportunity_id"] = opportunity.opportunity_id
        cells = (
            opportunity.opportunity_id,
            opportunity.customer.name,
            opportunity.project,
            _tr(locale, "yes" if readiness.ok else "no"),
            ", ".join(c.value for c in readiness.failed) or "-",
        )
        rows.append(_row(cells, readiness.reasons, data, locale))
        tick()
    return Section(
        "opportunities",
        _tr(locale, "ACE readiness at {at}").format(at=at.isoformat()),
        _headers(locale, "OPPORTUNITY", "CUSTOMER", "PROJECT", "READY", "FAILED"),
        tuple(rows),
    )


def item_count(portfolio: Portfolio) -> int:
    """How many items a report evaluates (the length of the progress bar)."""
    return sum(
        len(items)
        for items in (
            portfolio.contracts,
            portfolio.sales,
            portfolio.tickets,
            portfolio.deals,
            portfolio.opportunities,
        )
    )


def default_instant(portfolio: Portfolio) -> dt.datetime:
    """The portfolio's ``at``, or else midnight of its ``as_of`` in São Paulo."""
    if portfolio.at is not None:
        return portfolio.at
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(portfolio.as_of, dt.time(), ZoneInfo(_DEFAULT_ZONE))


def build_report(
    portfolio: Portfolio,
    *,
    at: dt.datetime,
    locale: str,
    tick: Callable[[], None] = lambda: None,
) -> Report:
    """Apply every rule to every item of *portfolio*: a section per kind it holds.

    Contracts are quoted at ``as_of``; commission statements run from 1
    January of ``as_of``'s year to ``as_of`` (exclusive); tickets, deals and
    opportunities are evaluated at the instant *at*. *tick* is called once
    per item.

    Raises:
        ReportError: a rule refused an item; the message names it and its path.
    """
    sections = []
    if portfolio.contracts:
        sections.append(_contracts(portfolio, locale, tick))
    if portfolio.sales:
        sections.append(_commission(portfolio, locale, tick))
    if portfolio.tickets:
        sections.append(_tickets(portfolio, at, locale, tick))
    if portfolio.deals:
        sections.append(_deals(portfolio, at, locale, tick))
    if portfolio.opportunities:
        sections.append(_opportunities(portfolio, at, locale, tick))
    return Report(portfolio.as_of, at, locale, tuple(sections))


# -- output ---------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Row]) -> Iterator[tuple[str, Row | None]]:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row.cells, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()

    yield line(headers), None
    for row in rows:
        yield line(row.cells), row


def write_text(report: Report, out: TextIO) -> None:
    """Print *report* for people: a titled table per section, each row with its reasons."""
    locale = report.locale
    heading = _tr(locale, "Portfolio as of {as_of}, evaluated at {at} (locale {locale})")
    print(
        heading.format(as_of=report.as_of.isoformat(), at=report.at.isoformat(), locale=locale),
        file=out,
    )
    if not report.sections:
        print(_tr(locale, "The portfolio holds nothing to evaluate."), file=out)
    for section in report.sections:
        print(file=out)
        print(f"== {section.title} ==", file=out)
        for text, row in _table(section.headers, section.rows):
            print(text, file=out)
            if row is not None:
                for reason in row.reasons:
                    print(f"    [{reason.rule_id}] {reason.render(report.locale)}", file=out)
    counts = ", ".join(f"{_tr(locale, s.key)} {len(s.rows)}" for s in report.sections)
    total = sum(len(s.rows) for s in report.sections)
    closing = _tr(locale, "1 decision ({counts})" if total == 1 else "{total} decisions ({counts})")
    print(file=out)
    print(closing.format(total=total, counts=counts or _tr(locale, "none")), file=out)


def write_json(report: Report, out: TextIO) -> None:
    """Write *report* as one JSON object: the instant and, per section, its results."""
    document: dict[str, Any] = {
        "as_of": report.as_of.isoformat(),
        "at": report.at.isoformat(),
        "locale": report.locale,
        "sections": {s.key: [row.data for row in s.rows] for s in report.sections},
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    print(file=out)
