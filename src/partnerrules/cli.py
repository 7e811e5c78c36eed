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
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from partnerrules.catalogue import RULES, implementations
from partnerrules.errors import PartnerRulesError
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
