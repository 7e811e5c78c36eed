"""Partner kinds and the services each may sell (rule ``mcs.partner.kinds``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from partnerrules._deals.common import (
    _bool,
    _is,
    _items,
    _member,
    _nonblank,
    _reasons,
    _text,
    _texts,
    _tuple_of,
    _type_error,
    _value_error,
    _Vocabulary,
)
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    UnknownKeyError,
)
from partnerrules.policies import mcs as mcs_pack

# -- mcs.partner.kinds ------------------------------------------------------


class PartnerKind(_Vocabulary):
    """The four kinds of MCS partner (rule ``mcs.partner.kinds``).

    ``PartnerKind("reseller")`` is ``DISTRIBUTOR``: the source gives
    distributors and resellers one interaction scheme.
    """

    SOFTWARE_MAKER = "software_maker"
    INTEGRATOR = "integrator"
    DISTRIBUTOR = "distributor"
    CONSULTING = "consulting"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str) and value == "reseller":
            return cls.DISTRIBUTOR
        return super()._missing_(value)


class PartnerService(_Vocabulary):
    """Services a partner may provide to customers (rule ``mcs.partner.kinds``)."""

    L1_SUPPORT = "l1_support"
    L2_SUPPORT = "l2_support"
    PLATFORM_IMPLEMENTATION = "platform_implementation"


@attrs.frozen
class PartnerKindProfile:
    """One kind of partner with its obligations and income (rule ``mcs.partner.kinds``).

    Source: seed 002, "Кто наши партнеры" and the interaction schemes.

    Attributes:
        kind: the kind.
        published_name: the kind's name as the source prints it.
        obligations: what the programme expects of it (empty where the source
            states nothing).
        income_sources: where its income comes from (empty where the source
            states nothing).
        services: each service it may provide, with ``'trained'`` (only after
            the corresponding training) or ``'allowed'``.
    """

    kind: PartnerKind = attrs.field(validator=_is(PartnerKind))
    published_name: str = attrs.field(validator=_nonblank)
    obligations: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    income_sources: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    services: tuple[tuple[PartnerService, str], ...] = attrs.field()

    @services.validator
    def _check_services(self, attribute: attrs.Attribute[Any], value: object) -> None:
        expected = "a tuple of (PartnerService, 'allowed' or 'trained') pairs"
        if not isinstance(value, tuple) or not all(
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], PartnerService)
            and isinstance(pair[1], str)
            and pair[1] in _CONDITIONS
            for pair in value
        ):
            raise _type_error(attribute.name, value, expected)


# The rows of the kind and service tables (rule mcs.partner.kinds).
_KindRows = Sequence[tuple[str, str, Sequence[str], Sequence[str]]]
_ServiceRows = Sequence[tuple[str, str, str]]


def partner_kind_profiles(
    kinds: _KindRows | None = None,
    *,
    services: _ServiceRows | None = None,
) -> tuple[PartnerKindProfile, ...]:
    """Build the profiles of every partner kind from pack data (rule ``mcs.partner.kinds``).

    Args:
        kinds: rows of (kind, name as published, obligations, income
            sources), each kind at most once; ``None`` (the default) stands
            for the MCS pack's ``PARTNER_KINDS``.
        services: rows of (kind, service, ``'allowed'`` or ``'trained'``),
            each pair at most once; ``None`` stands for the MCS pack's
            ``PARTNER_SERVICES``.

    >>> [p.kind.value for p in partner_kind_profiles()]
    ['software_maker', 'integrator', 'distributor', 'consulting']

    Raises:
        InvalidTypeError: a table, row or cell of the wrong type.
        InvalidValueError: a row of the wrong width, or a kind (or a
            kind and service) given twice.
        UnknownKeyError: a kind, service or condition of the data is unknown.
    """
    table = _service_table(mcs_pack.PARTNER_SERVICES if services is None else services)
    rows = _rows("kinds", mcs_pack.PARTNER_KINDS if kinds is None else kinds, 4)
    result: list[PartnerKindProfile] = []
    for index, row in enumerate(rows):
        kind = _member(f"kinds[{index}][0]", row[0], PartnerKind)
        if any(p.kind is kind for p in result):
            raise _value_error(f"kinds[{index}][0]", row[0], "a kind not described before")
        offered = tuple((s, c) for (k, s), c in table.items() if k is kind)
        result.append(
            PartnerKindProfile(
                kind,
                _text(f"kinds[{index}][1]", row[1]),
                _texts(f"kinds[{index}][2]", row[2]),
                _texts(f"kinds[{index}][3]", row[3]),
                offered,
            )
        )
    return tuple(result)


def _rows(field: str, value: object, width: int) -> tuple[tuple[Any, ...], ...]:
    rows = _items(field, value, f"a sequence of {width}-tuples")
    for index, row in enumerate(rows):
        if isinstance(row, str) or not isinstance(row, Sequence) or len(row) != width:
            raise _value_error(f"{field}[{index}]", row, f"a tuple of {width} items")
    return rows


def partner_kind_profile(
    kind: PartnerKind | str,
    *,
    kinds: _KindRows | None = None,
    services: _ServiceRows | None = None,
) -> PartnerKindProfile:
    """Return the profile of *kind* (rule ``mcs.partner.kinds``).

    Args:
        kind: the partner kind (``'reseller'`` is a distributor).
        kinds: the kinds table, as for :func:`partner_kind_profiles`
            (``None``: the MCS pack's).
        services: the services table, as for :func:`partner_kind_profiles`
            (``None``: the MCS pack's).

    >>> partner_kind_profile("integrator").income_sources[0]
    'margin on licence resale'

    Raises:
        UnknownKeyError: *kind* is not a partner kind, or the kinds table
            does not describe it.
        InvalidTypeError: a wrong type for *kind* or in the tables.
    """
    wanted = _member("kind", kind, PartnerKind)
    profiles = partner_kind_profiles(kinds, services=services)
    for profile in profiles:
        if profile.kind is wanted:
            return profile
    raise UnknownKeyError(
        "kind",
        wanted.value,
        [p.kind.value for p in profiles],
        hint="the kinds table does not describe it",
    )


_CONDITIONS = ("allowed", "trained")


def _service_table(services: object) -> dict[tuple[PartnerKind, PartnerService], str]:
    table: dict[tuple[PartnerKind, PartnerService], str] = {}
    for index, (kind_key, service_key, condition) in enumerate(_rows("services", services, 3)):
        key = (
            _member(f"services[{index}][0]", kind_key, PartnerKind),
            _member(f"services[{index}][1]", service_key, PartnerService),
        )
        if _text(f"services[{index}][2]", condition) not in _CONDITIONS:
            raise UnknownKeyError("condition", condition, _CONDITIONS)
        if key in table:
            raise _value_error(
                f"services[{index}]",
                (kind_key, service_key, condition),
                "a kind and service not listed before",
            )
        table[key] = condition
    return table


@attrs.frozen
class ServiceCheck:
    """Whether a partner may provide a service (rule ``mcs.partner.kinds``).

    Attributes:
        allowed: whether it may.
        kind: the partner's kind.
        service: the service asked about.
        reasons: why (every failed criterion when refused).
    """

    allowed: bool = attrs.field(validator=_bool)
    kind: PartnerKind = attrs.field(validator=_is(PartnerKind))
    service: PartnerService = attrs.field(validator=_is(PartnerService))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def check_partner_service(
    kind: PartnerKind | str,
    service: PartnerService | str,
    *,
    trained_for: Iterable[PartnerService | str] = (),
    services: _ServiceRows | None = None,
) -> ServiceCheck:
    """Check whether a partner of *kind* may provide *service* (rule ``mcs.partner.kinds``).

    Source: seed 002, "Схема взаимодействия с IT-интеграторами": integrators
    provide L1/L2 support and implement the platform only after the
    corresponding training; distributors and resellers may optionally serve
    the customer at L1/L2 after the deal. A service the source does not give a
    kind is refused.

    Args:
        kind: the partner's kind.
        service: the service.
        trained_for: the services the partner has completed training for.
        services: the (kind, service, condition) table; ``None`` (the
            default) stands for the MCS pack's ``PARTNER_SERVICES``.

    >>> check_partner_service("integrator", "l2_support").allowed
    False
    >>> check_partner_service("integrator", "l2_support", trained_for=["l2_support"]).allowed
    True

    Raises:
        UnknownKeyError: an unknown kind or service.
        InvalidTypeError: *trained_for* is not an iterable of services, or a
            wrong type in the *services* table.
        InvalidValueError: a malformed *services* table.
    """
    kind_ = _member("kind", kind, PartnerKind)
    service_ = _member("service", service, PartnerService)
    courses = _items("trained_for", trained_for, "an iterable of PartnerService")
    trained = {_member("trained_for", t, PartnerService) for t in courses}
    table = _service_table(mcs_pack.PARTNER_SERVICES if services is None else services)
    condition = table.get((kind_, service_))
    facts = {"kind": kind_.value, "service": service_.value}
    if condition is None:
        allowed = False
        why = Reason.of(
            "mcs.partner.kinds", "the programme gives {kind} partners no {service} role", **facts
        )
    elif condition == "trained" and service_ not in trained:
        allowed = False
        why = Reason.of(
            "mcs.partner.kinds",
            "{kind} partners may provide {service} only once trained for it, and no such "
            "training is recorded",
            **facts,
        )
    elif condition == "trained":
        allowed = True
        why = Reason.of(
            "mcs.partner.kinds",
            "{kind} partners may provide {service} once trained, and the partner is",
            **facts,
        )
    else:
        allowed = True
        why = Reason.of(
            "mcs.partner.kinds",
            "the {kind} scheme lets the partner provide {service} to its customers",
            **facts,
        )
    return ServiceCheck(allowed, kind_, service_, (why,))


home("partnerrules.deals", globals())
