"""The ``partnerrules`` command line.

It runs the library's rules for people and for systems that are not written in
Python. Every subcommand calls the same public functions a Python caller
would; nothing it prints is canned.

Subcommands:

``catalogue``
    List every policy rule with its source and the functions that apply it;
    ``--json`` writes the whole catalogue as JSON.
``split AMOUNT PARTS`` / ``allocate AMOUNT RATIO [RATIO ...]``
    Split an amount exactly (largest remainder), e.g. a commission into
    instalments.
``portfolio FILE``
    Read a portfolio of Omid contracts (JSON, or TOML when the name ends in
    ``.toml``; ``-`` reads standard input) and quote each one: end date, TCV,
    remaining value and cancellation fee at the portfolio's date, with the
    reasons; ``--json`` writes the quotes as JSON for other systems.
``run [FILE]``
    Evaluate a whole portfolio (contracts, sales and payments, tickets, deal
    registrations, opportunities) and print a report with a section per kind;
    ``--json`` writes it as JSON. With no file, the sample portfolio shipped
    in the package. ``--compare PROGRAMME`` evaluates it under the built-in
    programmes and under a programme (or programme history) file in place of
    the built-in one of its id, and prints what changes (a what-if, see
    :mod:`partnerrules.whatif`).
``escalation COUNTRY``
    The Zoho escalation path of a country (ISO 3166-1 alpha-2).
``cnpj NUMBER``
    Validate a Brazilian CNPJ (numeric or alphanumeric) and show its root.

``partnerrules --version`` prints the installed version.

A portfolio file looks like this (amounts are strings, never floats; the
file is read by the strict loader of :mod:`partnerrules.convert`)::

    {"as_of": "2026-07-01",
     "contracts": [{"id": "C-1", "customer": "ACME", "start": "2026-01-01",
                    "months": 12, "monthly": {"amount": "10000", "currency": "BRL"}}]}

``run`` reads the same file, which may also hold ``at`` (the aware instant
tickets, deals and opportunities are evaluated at), ``tiers``, ``sales``,
``payments``, ``tickets``, ``deals``, ``opportunities`` and
``min_description_length``: see :class:`Portfolio` and the sample shipped in
``partnerrules/samples/portfolio.toml``.

Exit status: 0 on success, 2 on any failure (bad arguments, an unreadable or
invalid file, a value the rules refuse), with one line on standard error
that names the input; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import attrs

from partnerrules import _validate
from partnerrules.catalogue import RULES, SOURCES, implementations
from partnerrules.commission import Payment, Sale, Tier
from partnerrules.contracts import Contract
from partnerrules.deals import DealRegistration, Opportunity
from partnerrules.errors import InvalidTypeError, InvalidValueError, PartnerRulesError
from partnerrules.money import BRL, Money
from partnerrules.sla import Ticket

__all__ = ["Portfolio", "main"]

#: The largest input file the command line reads (a portfolio of 10,000
#: contracts is about 2 MB).
_MAX_BYTES = 64 * 1024 * 1024
#: The most command-line arguments :func:`main` takes (``allocate`` takes up to
#: 10,000 ratios; an operating system passes far fewer).
_MAX_ARGS = 100_000


class _InputError(PartnerRulesError, ValueError):
    """An input (a file, standard input) that cannot be used; the message names it."""

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}")


# -- options --------------------------------------------------------------------------------


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("partnerrules")
    except metadata.PackageNotFoundError:  # running from a source tree
        import partnerrules

        return partnerrules.__version__


def _locale(text: str) -> str:
    """An argparse type: a Babel locale, as ``pt_BR`` or ``pt-BR``; returns ``pt_BR``."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(text, sep="-" if "-" in text else "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise argparse.ArgumentTypeError(
            f"unknown locale {text!r} (use a locale such as pt_BR, en_US or ru_RU)"
        ) from None


def _whole_number(text: str) -> int:
    if not re.fullmatch(r"-?[0-9]{1,18}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number such as 3")
    return int(text)


# -- catalogue ------------------------------------------------------------------------------

_SOURCE_WIDTH = 32


def _catalogue(args: argparse.Namespace, out: TextIO) -> int:
    found = implementations()
    rules = [
        r
        for r in RULES
        if not (args.missing and found[r.id]) and not (args.implemented and not found[r.id])
    ]
    done = sum(1 for r in RULES if found[r.id])
    if args.json:
        rows = [
            {
                "id": r.id,
                "document": r.document,
                "source": r.source,
                "section": r.section,
                "statement": r.statement,
                "module": f"partnerrules.{r.module}",
                "decisive": r.decisive,
                "implemented_by": list(found[r.id]),
            }
            for r in rules
        ]
        document = {"rules": rows, "implemented": done, "total": len(RULES)}
        json.dump(document, out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    header = ("RULE", "SOURCE", "APPLIED BY (in partnerrules)")
    id_width = max([len(header[0]), *(len(r.id) for r in rules)])
    for line in _table_row(header[0], [header[1]], [header[2]], id_width):
        print(line, file=out)
    for r in rules:
        source = textwrap.wrap(f"{r.document} {r.section}", _SOURCE_WIDTH) or [""]
        applied = [name.removeprefix("partnerrules.") for name in found[r.id]] or ["(not yet)"]
        for line in _table_row(r.id, source, applied, id_width):
            print(line, file=out)
    print(file=out)
    print("Sources:", file=out)
    key_width = max(len(k) for k in SOURCES)
    for key, name in SOURCES.items():
        print(f"  {key:<{key_width}}  {name}", file=out)
    print(f"{done}/{len(RULES)} rules implemented", file=out)
    return 0


def _table_row(rule_id: str, source: list[str], applied: list[str], id_width: int) -> list[str]:
    """The lines of one row: long sources wrap in their column, one function a line."""
    lines = []
    for i in range(max(len(source), len(applied))):
        first = rule_id if i == 0 else ""
        middle = source[i] if i < len(source) else ""
        last = applied[i] if i < len(applied) else ""
        lines.append(f"{first:<{id_width}}  {middle:<{_SOURCE_WIDTH}}  {last}".rstrip())
    return lines


# -- money ----------------------------------------------------------------------------------


def _print_parts(total: Money, parts: Sequence[Money], locale: str, out: TextIO) -> None:
    for i, part in enumerate(parts, 1):
        print(f"{i:>3}  {part.format(locale)}", file=out)
    print(f"sum  {Money.total(parts, total.currency).format(locale)}", file=out)


def _split(args: argparse.Namespace, out: TextIO) -> int:
    total = Money(args.amount, args.currency)
    _print_parts(total, total.split(args.parts), args.locale, out)
    return 0


def _allocate(args: argparse.Namespace, out: TextIO) -> int:
    total = Money(args.amount, args.currency)
    _print_parts(total, total.allocate(args.ratios), args.locale, out)
    return 0


# -- portfolio ------------------------------------------------------------------------------


def _contracts(value: object) -> tuple[Contract, ...]:
    items = _validate.bounded_items("contracts", value, "a tuple of Contract")
    for i, item in enumerate(items):
        _validate.instance(f"contracts[{i}]", item, Contract)
    return items


def _distinct_ids(_instance: Any, _attribute: Any, contracts: tuple[Contract, ...]) -> None:
    first: dict[str, int] = {}
    repeats: list[tuple[int, str]] = []
    for i, contract in enumerate(contracts):
        if first.setdefault(contract.id, i) != i:
            repeats.append((i, contract.id))
    if repeats:
        i, cid = repeats[0]
        hint = f"contracts[{first[cid]}] has it already"
        if len(repeats) > 1:
            more = ", ".join(f"contracts[{j}]" for j, _ in repeats[1:])
            hint += f"; ids are repeated at {more} too"
        raise InvalidValueError(
            f"contracts[{i}].id", cid, "an id no other contract of the portfolio has", hint=hint
        )


def _items_of(field: str, value: object, kind: type[Any]) -> tuple[Any, ...]:
    """An iterable of *kind* as a tuple, each item checked, the count bounded."""
    items = _validate.bounded_items(field, value, f"a tuple of {kind.__name__}")
    for i, item in enumerate(items):
        _validate.instance(f"{field}[{i}]", item, kind)
    return items


def _sales(value: object) -> tuple[Sale, ...]:
    return _items_of("sales", value, Sale)


def _payments(value: object) -> tuple[Payment, ...]:
    return _items_of("payments", value, Payment)


def _tickets(value: object) -> tuple[Ticket, ...]:
    return _items_of("tickets", value, Ticket)


def _deals(value: object) -> tuple[DealRegistration, ...]:
    return _items_of("deals", value, DealRegistration)


def _opportunities(value: object) -> tuple[Opportunity, ...]:
    return _items_of("opportunities", value, Opportunity)


def _optional_aware(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


def _tiers(value: object) -> dict[str, Tier]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("tiers", value, "a mapping of partner to Tier")
    out: dict[str, Tier] = {}
    for partner, tier in value.items():
        _validate.text("tiers key", partner)
        out[partner] = _validate.instance(f"tiers[{partner!r}]", tier, Tier)
    return out


def _optional_length(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.integer_in(attribute.name, value, 1, sys.maxsize)


@attrs.frozen
class Portfolio:
    """The contents of a portfolio file: a date, an instant and the items to evaluate.

    Every list is optional (empty by default); ``partnerrules run`` prints a
    section for each kind the portfolio holds.

    Attributes:
        as_of: the date cancellation is quoted at; commission statements run
            from 1 January of its year to it (exclusive).
        contracts: Omid contracts, each with its own id.
        at: the instant (aware) tickets, deals and opportunities are
            evaluated at; None means midnight of *as_of* in São Paulo.
            ``run --at`` overrides it.
        tiers: each selling partner's standard tier (partner -> Tier).
        sales: contracts partners signed, for the commission statements.
        payments: customers' payments of the invoices of those contracts.
        tickets: support tickets, for their SLA status at *at*.
        deals: MCS deal registrations, for their protection at *at*.
        opportunities: AWS ACE opportunities, for the readiness check at *at*.
        min_description_length: the shortest project description the
            readiness check accepts (the ACE guide gives no number);
            required when there are opportunities.

    Raises:
        InvalidTypeError: a field of the wrong type (e.g. *as_of* not a
            date, *contracts* not an iterable of Contract).
        InvalidValueError: two contracts share an id.
        NaiveDatetimeError: *at* has no time zone.
    """

    as_of: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    contracts: tuple[Contract, ...] = attrs.field(
        default=(), converter=_contracts, validator=_distinct_ids
    )
    at: dt.datetime | None = attrs.field(default=None, kw_only=True, validator=_optional_aware)
    tiers: dict[str, Tier] = attrs.field(factory=dict, kw_only=True, converter=_tiers, hash=False)
    sales: tuple[Sale, ...] = attrs.field(default=(), kw_only=True, converter=_sales)
    payments: tuple[Payment, ...] = attrs.field(default=(), kw_only=True, converter=_payments)
    tickets: tuple[Ticket, ...] = attrs.field(default=(), kw_only=True, converter=_tickets)
    deals: tuple[DealRegistration, ...] = attrs.field(default=(), kw_only=True, converter=_deals)
    opportunities: tuple[Opportunity, ...] = attrs.field(
        default=(), kw_only=True, converter=_opportunities
    )
    min_description_length: int | None = attrs.field(
        default=None, kw_only=True, validator=_optional_length
    )


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _read_bytes(path: str, name: str) -> bytes:
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(_MAX_BYTES + 1)
        else:
            with Path(path).open("rb") as stream:
                raw = stream.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise _InputError(name, f"cannot read it ({exc.strerror or exc})") from None
    except ValueError as exc:  # e.g. a NUL character in the name
        raise _InputError(name, f"cannot read it ({exc})") from None
    if len(raw) > _MAX_BYTES:
        raise _InputError(name, f"larger than {_MAX_BYTES // (1024 * 1024)} MiB")
    return raw


def _read_document(path: str) -> Any:
    """The JSON (or TOML) document in *path*; ``-`` is standard input."""
    name = "<stdin>" if path == "-" else path
    return _parse_document(_read_bytes(path, name), name, toml=path.lower().endswith(".toml"))


def _parse_document(raw: bytes, name: str, *, toml: bool) -> Any:
    """The TOML (or JSON) document in the bytes *raw* read from *name*."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        raise _InputError(
            name, f"not UTF-8 text (byte {bad:#04x} at offset {exc.start}); save it as UTF-8"
        ) from None
    if toml:
        import tomllib

        try:
            return tomllib.loads(text)
        # ValueError: also an integer longer than Python's int limit (4300 digits).
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
            raise _InputError(name, f"not valid TOML ({exc})") from None
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
    except RecursionError:
        raise _InputError(name, "not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise _InputError(name, f"not valid JSON ({exc})") from None


#: The sample portfolio shipped in the package (example data), read by ``run`` with no file.
SAMPLE_PORTFOLIO = "samples/portfolio.toml"


def _read_sample() -> tuple[Any, str]:
    """The sample portfolio's document, and the name errors give it."""
    from importlib import resources

    name = f"<sample {SAMPLE_PORTFOLIO}>"
    try:
        raw = resources.files("partnerrules").joinpath(SAMPLE_PORTFOLIO).read_bytes()
    except OSError as exc:
        raise _InputError(name, f"cannot read it ({exc.strerror or exc})") from None
    return _parse_document(raw, name, toml=True), name


def _read_portfolio(path: str | None) -> Portfolio:
    """The portfolio in *path* (``-``: standard input; None: the shipped sample)."""
    from partnerrules.convert import PolicyFormatError, structure

    if path is None:
        data, name = _read_sample()
    else:
        name = "<stdin>" if path == "-" else path
        data = _read_document(path)
    if not isinstance(data, dict):
        raise _InputError(name, "not a portfolio: expected an object with 'as_of' and 'contracts'")
    try:
        return structure(data, Portfolio)
    except PolicyFormatError as exc:
        raise _InputError(name, str(exc)) from None


def _portfolio(args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules.contracts import CancellationQuote, cancellation_quote
    from partnerrules.convert import unstructure

    name = "<stdin>" if args.file == "-" else args.file
    portfolio = _read_portfolio(args.file)
    as_of = portfolio.as_of
    quotes: list[tuple[Contract, dt.date, Money, CancellationQuote]] = []
    failed: list[str] = []
    for i, contract in enumerate(portfolio.contracts):
        try:
            quotes.append(
                (contract, contract.end, contract.tcv, cancellation_quote(contract, as_of))
            )
        except (PartnerRulesError, ArithmeticError, ValueError) as exc:
            failed.append(f"cannot quote contract {contract.id!r} ({exc}) @ $.contracts[{i}]")
    if failed:
        raise _InputError(name, "; ".join(failed))
    fees = Money.total((q.fee for *_, q in quotes), BRL)
    locale = args.locale
    if args.json:
        rows = []
        for contract, end, tcv, quote in quotes:
            row = unstructure(quote)
            row["customer"] = contract.customer
            row["end"] = end.isoformat()
            row["tcv"] = unstructure(tcv)
            row["reasons"] = [
                {**plain, "text": reason.render(locale)}
                for plain, reason in zip(row["reasons"], quote.reasons, strict=True)
            ]
            rows.append(row)
        document = {"as_of": as_of.isoformat(), "quotes": rows, "total_fee": unstructure(fees)}
        json.dump(document, out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    for contract, end, tcv, quote in quotes:
        print(
            f"{contract.id}  {contract.customer}  ends {end.isoformat()}  "
            f"TCV {tcv.format(locale)}  remaining {quote.remaining.format(locale)}  "
            f"fee {quote.fee.format(locale)}",
            file=out,
        )
        for reason in quote.reasons:
            print(f"    {reason.render(locale)}", file=out)
    print(
        f"{len(quotes)} contract{'' if len(quotes) == 1 else 's'}; "
        f"fees if all cancelled on {as_of}: {fees.format(locale)}",
        file=out,
    )
    return 0


def _instant(text: str) -> dt.datetime:
    """An argparse type: an aware ISO 8601 instant, e.g. ``2026-07-01T10:00:00-03:00``."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 instant such as 2026-07-01T10:00:00-03:00"
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no time zone: add an offset, e.g. {text}-03:00 or {text}Z"
        )
    return value


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules import _report

    portfolio = _read_portfolio(args.file)
    at = args.at if args.at is not None else _report.default_instant(portfolio)
    if args.compare is not None:
        return _compare(portfolio, at, args, out)
    with _report.progress(_report.item_count(portfolio)) as tick:
        report = _report.build_report(portfolio, at=at, locale=args.locale, tick=tick)
    if args.json:
        _report.write_json(report, out)
    else:
        _report.write_text(report, out)
    return 0


def _compare(portfolio: Portfolio, at: dt.datetime, args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules.convert import PolicyFormatError
    from partnerrules.policies import load, read_data
    from partnerrules.programmes import SOURCE_PROGRAMMES
    from partnerrules.versions import load_history
    from partnerrules.whatif import compare

    data = read_data(args.compare)
    is_history = isinstance(data, dict) and "versions" in data
    try:
        candidate = load_history(args.compare) if is_history else load(args.compare)
    except PolicyFormatError as exc:
        raise _InputError(args.compare, str(exc)) from None
    comparison = compare(portfolio, SOURCE_PROGRAMMES, candidate, at=at)
    if args.json:
        document = {"at": at.isoformat(), "as_of": portfolio.as_of.isoformat()}
        document.update(comparison.to_data())
        json.dump(document, out, indent=2, ensure_ascii=False)
        print(file=out)
    else:
        print(comparison.render(args.locale), file=out)
    return 0


# -- lookups --------------------------------------------------------------------------------


def _escalation(args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules.regions import escalation_path

    path = escalation_path(args.country, subregion=args.subregion)
    for i, contact in enumerate(path.levels, 1):
        print(f"{i}. {contact.name} <{contact.email}>  {contact.role}", file=out)
    for reason in path.reasons:
        print(f"   {reason}", file=out)
    return 0


def _cnpj(args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules.identity import Cnpj

    number = Cnpj(args.number)
    kind = "alphanumeric" if number.is_alphanumeric else "numeric"
    print(f"{number.formatted}  valid {kind} CNPJ, company root {number.root}", file=out)
    return 0


# -- the parser -----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="partnerrules",
        description="Partner-programme policies as explained rule functions.",
        epilog="Exit status: 0 on success, 2 on any error (one line on standard error).",
    )
    parser.add_argument("--version", action="version", version=f"partnerrules {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cat = sub.add_parser("catalogue", help="list the policy rules and what implements them")
    which = cat.add_mutually_exclusive_group()
    which.add_argument("--implemented", action="store_true", help="only implemented rules")
    which.add_argument("--missing", action="store_true", help="only rules not implemented yet")
    cat.add_argument("--json", action="store_true", help="write the catalogue as JSON")
    cat.set_defaults(run=_catalogue)

    def locale_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--locale",
            type=_locale,
            default="pt_BR",
            help="display locale, e.g. pt_BR, en_US, ru_RU; pt-BR is read as pt_BR "
            "(default: pt_BR)",
        )

    def money_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("amount", help="the amount, e.g. 1234.56 (a decimal, never rounded)")
        p.add_argument("--currency", default=BRL, help="ISO 4217 code (default: BRL)")
        locale_arg(p)

    split = sub.add_parser("split", help="split an amount into equal parts, exactly")
    money_args(split)
    split.add_argument("parts", type=_whole_number, help="how many parts")
    split.set_defaults(run=_split)

    alloc = sub.add_parser("allocate", help="split an amount by ratios, exactly")
    money_args(alloc)
    alloc.add_argument("ratios", nargs="+", help="non-negative ratios, e.g. 70 30")
    alloc.set_defaults(run=_allocate)

    folio = sub.add_parser("portfolio", help="quote every contract of a portfolio file")
    folio.add_argument("file", help="a JSON (or .toml) portfolio; '-' reads standard input")
    folio.add_argument("--json", action="store_true", help="write the quotes as JSON")
    locale_arg(folio)
    folio.set_defaults(run=_portfolio)

    run = sub.add_parser(
        "run",
        help="evaluate a whole portfolio: quotes, commission, SLA, deal protection, ACE readiness",
        description="Evaluate every item of a portfolio file with the library's rules and "
        "print a report with a section per kind of item; with no FILE, the sample "
        "portfolio shipped in the package (example data).",
    )
    run.add_argument(
        "file",
        nargs="?",
        default=None,
        help="a JSON (or .toml) portfolio; '-' reads standard input "
        "(default: the shipped sample portfolio)",
    )
    run.add_argument("--json", action="store_true", help="write the report as JSON")
    run.add_argument(
        "--at",
        type=_instant,
        default=None,
        help="the instant (ISO 8601, with an offset) tickets, deals and opportunities are "
        "evaluated at (default: the portfolio's 'at', else midnight of its 'as_of' in "
        "America/Sao_Paulo)",
    )
    run.add_argument(
        "--compare",
        metavar="PROGRAMME",
        default=None,
        help="what-if: evaluate the portfolio under the built-in programmes and under "
        "PROGRAMME (a programme file, or a programme history file with 'versions', "
        ".toml or .json) in place of the built-in programme of its id, and print each "
        "decision that changes and the commission totals per partner",
    )
    locale_arg(run)
    run.set_defaults(run=_run)

    esc = sub.add_parser("escalation", help="the Zoho escalation path of a country")
    esc.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. BR")
    esc.add_argument("--subregion", default=None, help="narrow the account managers")
    esc.set_defaults(run=_escalation)

    cnpj = sub.add_parser("cnpj", help="validate a Brazilian CNPJ")
    cnpj.add_argument("number", help="14 characters, with or without punctuation")
    cnpj.set_defaults(run=_cnpj)
    return parser


def _fail(message: str) -> int:
    # One line, whatever the message holds: whitespace runs (newlines included)
    # become one space, other control characters are escaped.
    text = " ".join(message.split())
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    print(f"partnerrules: error: {text}", file=sys.stderr)
    return 2


def _silence_stdout() -> None:
    # After a broken pipe, Python's final flush of stdout would complain on
    # stderr; point stdout at the null device so the exit stays quiet.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _arguments(argv: object) -> list[str]:
    """The command-line arguments given from Python: a sequence of str, bounded."""
    description = "a sequence of str (the command-line arguments), or None"
    if not isinstance(argv, Sequence):  # a list or tuple, not any iterable (nor a generator)
        raise InvalidTypeError("argv", argv, description)
    items = _validate.bounded_items("argv", argv, description, limit=_MAX_ARGS)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise InvalidTypeError(f"argv[{i}]", item, "a str")
    return [str.__getitem__(item, slice(None)) for item in items]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    r"""Run the command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 2 on any error, which is printed
    as one line on standard error (never a traceback). Output, including
    ``--help`` and ``--version``, goes to *out* (default: standard output).

    >>> main(["split", "100", "3"])
      1  R$\xa033,34
      2  R$\xa033,33
      3  R$\xa033,33
    sum  R$\xa0100,00
    0

    Raises:
        InvalidTypeError: called from Python with *argv* that is not a
            sequence of str (or None), or *out* that is not a text stream
            (or None): a programming error, not a command-line one.
        InvalidValueError: more than 100,000 arguments.
    """
    if argv is not None:
        argv = _arguments(argv)
    if out is not None and not callable(getattr(out, "write", None)):
        raise InvalidTypeError("out", out, "a text stream (with a write method), or None")
    stream = out if out is not None else sys.stdout
    try:
        with contextlib.redirect_stdout(stream):  # where --help and --version print
            args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed its one line (or the help)
        return 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.run(args, stream))
    except PartnerRulesError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # the reader (e.g. ``head``) stopped reading: not an error
        if out is None:
            _silence_stdout()
        return 0
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as exc:  # a bug: still one line, with what is needed to report it
        return _fail(
            f"unexpected {type(exc).__name__} in '{args.command}': {exc} "
            "(this is a bug in partnerrules; please report it with the command that caused it)"
        )
