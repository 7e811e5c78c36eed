"""Strategies of :mod:`partnerrules.testing.strategies`: contracts (private)."""

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from partnerrules import contracts as _contracts
from partnerrules._public import home
from partnerrules.contracts import (
    Addendum,
    Contract,
    DataLink,
    Invoice,
    PoolItem,
    Proration,
)
from partnerrules.identity import normalise_name
from partnerrules.money import Money
from partnerrules.testing._strategies._checks import checked, count
from partnerrules.testing._strategies._common import _LEGAL_FORMS, _NAME_WORDS, _ids
from partnerrules.testing._strategies._money import brl_amounts, discounts
from partnerrules.testing._strategies._time import dates

# -- contracts -----------------------------------------------------------------------------


@checked()
def conventions() -> st.SearchStrategy[Proration]:
    """Draw a :class:`~partnerrules.contracts.Proration` convention."""
    return st.sampled_from(list(Proration))


def _terms(longest: int) -> st.SearchStrategy[int]:
    common = [m for m in (1, 12, 24, 36, longest) if m <= longest]
    return st.one_of(st.integers(1, longest), st.sampled_from(common))


@checked()
def company_names() -> st.SearchStrategy[str]:
    """Draw a company name as people type it (rule ``mcs.deal.protection``).

    Portuguese, English and Russian words, accents, punctuation, legal-form
    suffixes (``Ltda.``, ``S.A.``, ``ME``, ``Inc.``) and Russian forms at the
    front (``ООО``), odd spacing and case; now and then arbitrary text. Every
    name keeps a letter or digit once normalised, as
    :class:`~partnerrules.identity.Customer` requires.
    """
    built = st.tuples(
        st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4),
        st.lists(st.sampled_from(_LEGAL_FORMS), max_size=2),
        st.sampled_from(("", "", "ООО ", "АО ")),
        st.sampled_from(("as is", "upper", "lower", "spaced")),
    ).map(_name_from_parts)
    free = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip() and normalise_name(s)))
    return st.one_of(built, built, free)


def _name_from_parts(parts: tuple[list[str], list[str], str, str]) -> str:
    words, forms, front, case = parts
    name = front + " ".join([*words, *forms])
    if case == "upper":
        return name.upper()
    if case == "lower":
        return name.lower()
    if case == "spaced":
        return f"  {name.replace(' ', '  ')} "
    return name


@checked(max_addenda=count(0))
@st.composite
def contracts(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    customer_names: st.SearchStrategy[str] | None = None,
    starts: st.SearchStrategy[dt.date] | None = None,
    terms: st.SearchStrategy[int] | None = None,
    monthly: st.SearchStrategy[Money] | None = None,
    discount_rates: st.SearchStrategy[Decimal] | None = None,
    max_addenda: int = 2,
) -> Contract:
    """Draw a :class:`~partnerrules.contracts.Contract` (rule ``omid.contract.terms``).

    Defaults: an id ``C-<n>``; a customer from :func:`company_names`; a start
    from :func:`dates` (month ends, the 1st, 29 February, New Year);
    a term of 1 to 60 months (1, 12, 24, 36 and 60 often); a monthly value
    of R$ 0 to R$ 10.000.000,00 (:func:`brl_amounts`); a loyalty discount
    from :func:`discounts`; and up to *max_addenda* addenda added with
    :func:`~partnerrules.contracts.add_addendum` on a drawn day of the term
    and proration convention (:func:`addenda`).
    """
    base = Contract(
        draw(ids if ids is not None else _ids("C")),
        draw(customer_names if customer_names is not None else company_names()),
        draw(starts if starts is not None else dates()),
        draw(terms if terms is not None else _terms(60)),
        draw(monthly if monthly is not None else brl_amounts(max_units=10**9)),
        draw(discount_rates if discount_rates is not None else discounts()),
    )
    for _ in range(draw(st.integers(0, max_addenda))):
        base = attrs.evolve(base, addenda=(*base.addenda, draw(addenda(base))))
    return base


@checked()
@st.composite
def addenda(
    draw: st.DrawFn,
    contract: Contract,
    *,
    list_prices: st.SearchStrategy[Money] | None = None,
) -> Addendum:
    """Draw an :class:`~partnerrules.contracts.Addendum` of *contract*.

    Rule ``omid.contract.addendum_coterm``.

    Priced by :func:`~partnerrules.contracts.add_addendum`: it starts on a day
    of the term (often the first or last day, or a month end), keeps the
    contract's discount and ends with it, in a drawn proration convention. The
    list price is from *list_prices* (R$ 0 to R$ 10.000.000,00 by default).
    """
    last = contract.end - dt.timedelta(days=1)
    start = draw(
        st.one_of(
            st.sampled_from((contract.start, last)),
            dates(min_value=contract.start, max_value=last),
        )
    )
    quote = _contracts.add_addendum(
        contract,
        draw(st.sampled_from(("backup", "monitoring", "GPU", "object storage", "suporte"))),
        list_price=draw(list_prices if list_prices is not None else brl_amounts(max_units=10**9)),
        start=start,
        convention=draw(conventions()),
    )
    return quote.addendum


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


@checked()
def effective_dates(contract: Contract) -> st.SearchStrategy[dt.date]:
    """Draw a date to cancel *contract* on (rule ``omid.contract.cancellation_fee``).

    Any day from 400 days before its start to 400 days after its end, drawing
    often the boundaries: the day before the start, the start, each invoice
    period's first day (so the prorated current month is whole or empty),
    each addendum's start, the last day of the term, the end and the day after.
    """
    edges = {
        _shift(contract.start, -1),
        contract.start,
        _shift(contract.end, -1),
        contract.end,
        _shift(contract.end, 1),
        *(i.period_start for i in contract.invoices()),
        *(a.start for a in contract.addenda),
    }
    return st.one_of(
        st.sampled_from(sorted(edges)),
        st.dates(_shift(contract.start, -400), _shift(contract.end, 400)),
    )


@checked()
def invoices() -> st.SearchStrategy[Invoice]:
    """Draw an :class:`~partnerrules.contracts.Invoice` of a drawn contract's schedule."""
    return contracts().flatmap(lambda c: st.sampled_from(c.invoices()))


@checked()
def pool_items() -> st.SearchStrategy[PoolItem]:
    """Draw a :class:`~partnerrules.contracts.PoolItem`: a resource and its monthly price >= 0."""
    return st.builds(
        PoolItem,
        st.sampled_from(("vm-a", "vm-b", "disk", "gpu", "backup")),
        brl_amounts(max_units=10**9),
    )


@checked()
def data_links() -> st.SearchStrategy[DataLink]:
    """Draw a :class:`~partnerrules.contracts.DataLink`: a link and its fixed price >= 0."""
    return st.builds(
        DataLink,
        st.sampled_from(("MPLS São Paulo", "L2 Rio", "internet 1 Gbps")),
        brl_amounts(max_units=10**8),
    )


home("partnerrules.testing.strategies", globals())
