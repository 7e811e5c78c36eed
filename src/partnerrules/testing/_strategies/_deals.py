"""Strategies of :mod:`partnerrules.testing.strategies`: deals (private)."""

import datetime as dt
import string
from typing import Final

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.deals import Cnpj, Customer, DealRegistration, Opportunity, OpportunityStatus
from partnerrules.identity import cnpj_check_digits
from partnerrules.testing._strategies._checks import checked, count
from partnerrules.testing._strategies._common import (
    _DAY,
    _DOMAIN_SUFFIXES,
    _EPOCH,
    _PARTNERS,
    _UNICODE_LABELS,
    _US,
    _at,
    _ids,
)
from partnerrules.testing._strategies._contracts import company_names
from partnerrules.testing._strategies._time import dates, instants, zones

# -- deals ---------------------------------------------------------------------------------

_CNPJ_CHARS: Final = string.digits + string.ascii_uppercase


@checked()
@st.composite
def cnpjs(draw: st.DrawFn, *, alphanumeric: bool | None = None) -> Cnpj:
    """Draw a valid :class:`~partnerrules.identity.Cnpj` (rule ``aws.ace.readiness``).

    Twelve base characters with the two mod-11 check digits of
    :func:`~partnerrules.identity.cnpj_check_digits`: numeric, or with
    letters (the format issued from July 2026) when *alphanumeric* is True;
    either when None. Draws often the head office branch ``0001`` and a root
    of zeros (a real company), never the all-zero placeholder.
    """
    letters = draw(st.booleans()) if alphanumeric is None else alphanumeric
    chars = _CNPJ_CHARS if letters else string.digits
    root = draw(st.one_of(st.text(chars, min_size=8, max_size=8), st.just("00000000")))
    branch = draw(st.one_of(st.just("0001"), st.text(chars, min_size=4, max_size=4)))
    base = root + branch
    if base == "0" * 12:
        base = root + "0001"
    if letters and base.isdigit():
        position = draw(st.integers(0, 11))
        letter = draw(st.sampled_from(string.ascii_uppercase))
        base = base[:position] + letter + base[position + 1 :]
    return Cnpj(base + cnpj_check_digits(base))


@checked()
@st.composite
def domains(draw: st.DrawFn) -> str:
    """Draw a web address, e-mail address or host name that has a registrable domain.

    Under a one- or two-level suffix (``com``, ``com.br``, ``co.uk``...), with
    or without subdomains, scheme, port, path, user and upper case, and now
    and then an internationalised label (``açaí.com.br``).
    """
    label = st.one_of(
        st.from_regex(r"[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True).filter(
            lambda s: not s.isdigit()
        ),
        st.sampled_from(_UNICODE_LABELS),
    )
    host = ".".join(
        [
            *draw(st.lists(st.sampled_from(("www", "app", "loja", "filial")), max_size=2)),
            draw(label),
            draw(st.sampled_from(_DOMAIN_SUFFIXES)),
        ]
    )
    shape = draw(st.sampled_from(("{}", "https://{}/contato", "vendas@{}", "HTTP://{}:8080/")))
    text = shape.format(host)
    return text.upper() if draw(st.integers(0, 4)) == 4 else text


@checked()
@st.composite
def customers(draw: st.DrawFn) -> Customer:
    """Draw a :class:`~partnerrules.identity.Customer`: a name, maybe a domain, maybe a CNPJ.

    The CNPJ is given as a :class:`~partnerrules.identity.Cnpj`, formatted or
    bare text.
    """
    drawn = draw(st.none() | cnpjs())
    cnpj: Cnpj | str | None = drawn
    if drawn is not None:
        cnpj = draw(st.sampled_from((drawn.formatted, drawn.number)) | st.just(drawn))
    return Customer(draw(company_names()), domain=draw(st.none() | domains()), cnpj=cnpj)


def _elapsed(instant: dt.datetime, us: int, zone: dt.tzinfo) -> dt.datetime:
    return _at((instant - _EPOCH) // _US + us, zone)


@checked(max_updates=count(0))
@st.composite
def deal_registrations(
    draw: st.DrawFn,
    *,
    customer: st.SearchStrategy[Customer] | None = None,
    registered_at: st.SearchStrategy[dt.datetime] | None = None,
    max_updates: int = 4,
) -> DealRegistration:
    """Draw a :class:`~partnerrules.deals.DealRegistration` (rule ``mcs.deal.protection``).

    Registered at an instant from *registered_at* (:func:`instants`, in a
    zone of :data:`ZONE_NAMES`: DST nights and month ends come up), with up
    to *max_updates* status updates at or after it, in any order and shown in
    any zone. Updates often fall exactly on the edge of protection: three
    months later on the registration's wall clock (clamped at month end), or
    one microsecond before or after.
    """
    start = draw(registered_at if registered_at is not None else instants())
    zone = start.tzinfo
    assert zone is not None
    edge = ((start.replace(fold=0) + relativedelta(months=3)).astimezone(dt.UTC) - start) // _US
    offsets = st.one_of(
        st.integers(0, 400 * _DAY),
        st.sampled_from((0, edge, edge - 1, edge + 1)).filter(lambda us: us >= 0),
    )
    updates = [
        _elapsed(start, draw(offsets), draw(zones()))
        for _ in range(draw(st.integers(0, max_updates)))
    ]
    return DealRegistration(
        draw(_ids("CRM")),
        customer=draw(customer if customer is not None else customers()),
        partner=draw(st.sampled_from(_PARTNERS)),
        registered_at=start,
        bdm=draw(st.sampled_from(("m.ivanova", "m.gracheva", "olga"))),
        status_updates=tuple(updates),
    )


@checked()
@st.composite
def opportunities(
    draw: st.DrawFn, *, customer: st.SearchStrategy[Customer] | None = None
) -> Opportunity:
    """Draw an ACE :class:`~partnerrules.deals.Opportunity` (rule ``aws.ace.readiness``).

    Any status and flags, a description that is empty, short, long or
    padded with whitespace runs, and a target close date or none.
    """
    words = st.lists(
        st.sampled_from(("Migração", "para", "a", "nuvem", "AWS", "data lake", "SAP")),
        max_size=40,
    )
    description = draw(
        st.one_of(
            words.map(" ".join),
            words.map("  \n ".join),
            st.text(max_size=200),
        )
    )
    return Opportunity(
        draw(_ids("O")),
        customer=draw(customer if customer is not None else customers()),
        project=draw(st.sampled_from(("Migração SAP", "Data lake", "migracao  sap", "VDI"))),
        status=draw(st.sampled_from(OpportunityStatus)),
        description=description,
        target_close=draw(st.none() | dates()),
        customer_consent=draw(st.booleans()),
        partner_originated=draw(st.booleans()),
        partner_led=draw(st.booleans()),
        new_business=draw(st.booleans()),
    )


home("partnerrules.testing.strategies", globals())
