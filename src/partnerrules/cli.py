"""The ``partnerrules`` command line.

It runs the library's rules for people and for systems that are not written in
Python. Every subcommand calls the same public functions a Python caller
would; nothing it prints is canned.

Subcommands:

``catalogue``
    List every policy rule with its source and the functions that apply it.
``split AMOUNT PARTS`` / ``allocate AMOUNT RATIO [RATIO ...]``
    Split an amount exactly (largest remainder), e.g. a commission into
    instalments.
``portfolio FILE``
    Read a portfolio of Omid contracts (JSON) and quote each one: end date,
    TCV, remaining value and cancellation fee at the portfolio's date, with
    the reasons; ``--json`` writes the quotes as JSON for other systems.
``escalation COUNTRY``
    The Zoho escalation path of a country (ISO 3166-1 alpha-2).
``cnpj NUMBER``
    Validate a Brazilian CNPJ (numeric or alphanumeric) and show its root.

A portfolio file looks like this (amounts are strings, never floats)::

    {"as_of": "2026-07-01",
     "contracts": [{"id": "C-1", "customer": "ACME", "start": "2026-01-01",
                    "months": 12, "monthly": {"amount": "10000", "currency": "BRL"}}]}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from partnerrules.catalogue import RULES, implementations
from partnerrules.contracts import Contract
from partnerrules.errors import InvalidValueError, PartnerRulesError
from partnerrules.money import BRL, Money

__all__ = ["main"]


def _catalogue(args: argparse.Namespace, out: TextIO) -> int:
    found = implementations()
    rows: list[tuple[str, str, str]] = []
    for r in RULES:
        names = found[r.id]
        if args.missing and names:
            continue
        if args.implemented and not names:
            continue
        rows.append((r.id, f"{r.document} {r.section}", ", ".join(names) or "(not yet)"))
    width = max((len(row[0]) for row in rows), default=0)
    for rid, source, applied in rows:
        print(f"{rid:<{width}}  {source:<34.34}  {applied}", file=out)
    done = sum(1 for r in RULES if found[r.id])
    print(f"{done}/{len(RULES)} rules implemented", file=out)
    return 0


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


@attrs.frozen
class Portfolio:
    """The contents of a portfolio file: a date and Omid contracts.

    Attributes:
        as_of: the date cancellation is quoted at.
        contracts: the contracts.
    """

    as_of: dt.date
    contracts: tuple[Contract, ...]


def _read_portfolio(path: str) -> Portfolio:
    from partnerrules.convert import structure

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidValueError("file", path, f"a readable file ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise InvalidValueError("file", path, f"a JSON document ({exc})") from None
    if not isinstance(data, dict):
        raise InvalidValueError("file", path, "a JSON object with 'as_of' and 'contracts'")
    portfolio: Portfolio = structure(data, Portfolio)
    return portfolio


def _portfolio(args: argparse.Namespace, out: TextIO) -> int:
    from partnerrules.contracts import cancellation_quote
    from partnerrules.convert import unstructure

    portfolio = _read_portfolio(args.file)
    as_of = portfolio.as_of
    quotes = [(c, cancellation_quote(c, as_of)) for c in portfolio.contracts]
    if args.json:
        rows = []
        for contract, quote in quotes:
            row = unstructure(quote)
            row["reasons"] = [r.render(args.locale) for r in quote.reasons]
            row["end"] = contract.end.isoformat()
            row["tcv"] = unstructure(contract.tcv)
            rows.append(row)
        json.dump({"as_of": as_of.isoformat(), "quotes": rows}, out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    for contract, quote in quotes:
        fmt = args.locale
        print(
            f"{contract.id}  {contract.customer}  ends {contract.end.isoformat()}  "
            f"TCV {contract.tcv.format(fmt)}  remaining {quote.remaining.format(fmt)}  "
            f"fee {quote.fee.format(fmt)}",
            file=out,
        )
        for reason in quote.reasons:
            print(f"    {reason.render(fmt)}", file=out)
    fees = Money.total((q.fee for _, q in quotes), BRL)
    print(
        f"{len(quotes)} contracts; fees if all cancelled on {as_of}: {fees.format(args.locale)}",
        file=out,
    )
    return 0


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerrules",
        description="Partner-programme policies as explained rule functions.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cat = sub.add_parser("catalogue", help="list the policy rules and what implements them")
    which = cat.add_mutually_exclusive_group()
    which.add_argument("--implemented", action="store_true", help="only implemented rules")
    which.add_argument("--missing", action="store_true", help="only rules not implemented yet")
    cat.set_defaults(run=_catalogue)

    def money_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("amount", help="the amount, e.g. 1234.56 (a decimal, never rounded)")
        p.add_argument("--currency", default=BRL, help="ISO 4217 code (default: BRL)")
        p.add_argument("--locale", default="pt_BR", help="display locale (default: pt_BR)")

    split = sub.add_parser("split", help="split an amount into equal parts, exactly")
    money_args(split)
    split.add_argument("parts", type=int, help="how many parts")
    split.set_defaults(run=_split)

    alloc = sub.add_parser("allocate", help="split an amount by ratios, exactly")
    money_args(alloc)
    alloc.add_argument("ratios", nargs="+", help="non-negative ratios, e.g. 70 30")
    alloc.set_defaults(run=_allocate)

    folio = sub.add_parser("portfolio", help="quote every contract of a portfolio file")
    folio.add_argument("file", help="a JSON portfolio (see the module help)")
    folio.add_argument("--json", action="store_true", help="write the quotes as JSON")
    folio.add_argument("--locale", default="pt_BR", help="display locale (default: pt_BR)")
    folio.set_defaults(run=_portfolio)

    esc = sub.add_parser("escalation", help="the Zoho escalation path of a country")
    esc.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. BR")
    esc.add_argument("--subregion", default=None, help="narrow the account managers")
    esc.set_defaults(run=_escalation)

    cnpj = sub.add_parser("cnpj", help="validate a Brazilian CNPJ")
    cnpj.add_argument("number", help="14 characters, with or without punctuation")
    cnpj.set_defaults(run=_cnpj)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    r"""Run the command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: 0 on success, 2 on bad input (the error is printed
    on standard error).

    >>> main(["split", "100", "3"])
      1  R$\xa033,34
      2  R$\xa033,33
      3  R$\xa033,33
    sum  R$\xa0100,00
    0
    """
    stream = out if out is not None else sys.stdout
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args, stream))
    except PartnerRulesError as exc:
        print(f"partnerrules: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (e.g. ``head``) stopped reading: not an error
        return 0
