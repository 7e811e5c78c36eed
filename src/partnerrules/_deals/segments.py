"""Customer segments (rule ``aws.segment.classify``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from partnerrules._deals.ace import _optional_date
from partnerrules._deals.common import (
    MAX_STARTUP_AGE_YEARS,
    _bool,
    _count,
    _date,
    _is,
    _items,
    _member,
    _nonblank,
    _reasons,
    _share,
    _tuple_of,
    _type_error,
    _typed,
    _Vocabulary,
)
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.policies import aws as aws_pack

# -- aws.segment.classify ---------------------------------------------------


class Segment(_Vocabulary):
    """AWS customer segments (rule ``aws.segment.classify``)."""

    STARTUP = "startup"
    ISV = "isv"
    DIGITAL_NATIVE = "digital_native"
    ENTERPRISE = "enterprise"
    SMB = "smb"
    GOVERNMENT = "government"
    EDUCATION = "education"
    NONPROFIT = "nonprofit"
    HEALTHCARE = "healthcare"

    @property
    def is_public_sector(self) -> bool:
        """Whether the segment belongs to the public sector."""
        return self in _PUBLIC


_PUBLIC = frozenset({Segment.GOVERNMENT, Segment.EDUCATION, Segment.NONPROFIT, Segment.HEALTHCARE})
_COMMERCIAL = tuple(s for s in Segment if s not in _PUBLIC)


class Adoption(_Vocabulary):
    """A customer's stage of AWS adoption (rule ``aws.segment.classify``)."""

    #: Already uses AWS.
    ENGAGED = "engaged"
    #: Does not use AWS yet.
    GREENFIELD = "greenfield"


class Affiliation(_Vocabulary):
    """Backers that make a young company a startup (rule ``aws.segment.classify``)."""

    ANGEL_INVESTORS = "angel_investors"
    UNIVERSITY = "university"
    ACCELERATOR = "accelerator"
    VENTURE_CAPITAL = "venture_capital"


class BusinessModel(_Vocabulary):
    """Whom a company sells to (rule ``aws.segment.classify``)."""

    B2B = "b2b"
    #: Consumer-facing.
    B2C = "b2c"


class CompanySize(_Vocabulary):
    """A company's size (rule ``aws.segment.classify``)."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Hosting(_Vocabulary):
    """Where a company's infrastructure mainly runs (rule ``aws.segment.classify``)."""

    CLOUD = "cloud"
    ON_PREMISES = "on_premises"
    HYBRID = "hybrid"


def _public_sector(value: object) -> Segment | None:
    if value is None:
        return None
    segment = _member("public_sector", value, Segment)
    if not segment.is_public_sector:
        raise UnknownKeyError("public_sector", value, [s.value for s in _PUBLIC])
    return segment


def _affiliations(value: object) -> frozenset[Affiliation]:
    items = _items("affiliations", value, "an iterable of Affiliation")
    return frozenset(_member("affiliations", a, Affiliation) for a in items)


def _optional_share(value: object) -> Decimal | None:
    return None if value is None else _share("software_revenue_share", value)


def _to_business_model(value: object) -> BusinessModel | None:
    return None if value is None else _member("business_model", value, BusinessModel)


def _to_size(value: object) -> CompanySize | None:
    return None if value is None else _member("size", value, CompanySize)


def _to_hosting(value: object) -> Hosting | None:
    return None if value is None else _member("hosting", value, Hosting)


@attrs.frozen
class Organisation:
    """What segmentation needs to know about a customer (rule ``aws.segment.classify``).

    Args:
        name: the customer's name.
        uses_aws: whether it already uses AWS (Engaged) or not (Greenfield).
        public_sector: for public-sector bodies, their type (government,
            education, nonprofit, healthcare); None for commercial companies.
        founded: the founding date, if known.
        affiliations: angel investors, universities, accelerators, venture capital.
        externally_funded: identified by outside sources as having been funded.
        business_model: B2B or B2C (consumer-facing).
        sells_software: develops and sells software.
        software_revenue_share: licences and subscriptions as a fraction of
            revenue (``'0.6'``), if known; never a float.
        born_in_cloud: started on the cloud.
        size: small, medium or large.
        hosting: where its infrastructure mainly runs.
        heavy_legacy: large legacy technology investments.
        reseller: resells to end customers.
    """

    name: str = attrs.field(validator=_nonblank)
    uses_aws: bool = attrs.field(kw_only=True, validator=_bool)
    public_sector: Segment | None = attrs.field(
        default=None, kw_only=True, converter=_public_sector
    )
    founded: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    affiliations: frozenset[Affiliation] = attrs.field(
        default=frozenset(), kw_only=True, converter=_affiliations
    )
    externally_funded: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    business_model: BusinessModel | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_business_model,
    )
    sells_software: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    software_revenue_share: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_optional_share
    )
    born_in_cloud: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    size: CompanySize | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_size,
    )
    hosting: Hosting | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_hosting,
    )
    heavy_legacy: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    reseller: bool = attrs.field(default=False, kw_only=True, validator=_bool)


@attrs.frozen
class Segmentation:
    """A customer's segment and adoption stage (rule ``aws.segment.classify``).

    Attributes:
        segment: the segment.
        adoption: Engaged or Greenfield.
        matched: the criteria that placed the customer in its segment.
        reasons: why; for commercial customers also why each earlier segment
            in the order did not match.
    """

    segment: Segment = attrs.field(validator=_is(Segment))
    adoption: Adoption = attrs.field(validator=_is(Adoption))
    matched: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def _segment_order(order: object) -> tuple[Segment, ...]:
    entries = _items("order", order, "a sequence of commercial segments")
    result: list[Segment] = []
    known = [s.value for s in _COMMERCIAL]
    for entry in entries:
        if isinstance(entry, Segment) and entry in _COMMERCIAL:
            segment = entry
        elif isinstance(entry, str) and entry in known:
            segment = Segment(entry)
        elif isinstance(entry, str | Segment):
            raise UnknownKeyError(
                "segment", entry, known, hint="the order lists commercial segments only"
            )
        else:
            raise _type_error("order", entry, "a Segment or a segment name")
        if segment in result:
            raise InvalidValueError("order", list(entries), "a sequence without repeats")
        result.append(segment)
    return tuple(result)


def _younger(founded: dt.date, as_of: dt.date, years: int) -> bool:
    """Whether *as_of* comes before the *years*-th anniversary of *founded*."""
    try:
        return as_of < founded + relativedelta(years=years)
    except (OverflowError, ValueError):  # the anniversary is after year 9999
        return True


def classify_segment(
    organisation: Organisation,
    *,
    as_of: dt.date,
    order: Sequence[Segment | str] | None = None,
    startup_max_age_years: int = aws_pack.STARTUP_MAX_AGE_YEARS,
    isv_min_software_share: Decimal | str = aws_pack.ISV_MIN_SOFTWARE_REVENUE_SHARE,
) -> Segmentation:
    """Place a customer in its AWS segment (rule ``aws.segment.classify``).

    Source: seed 004, "Segmentação de Clientes". A public-sector body takes
    its type. A commercial company takes the first segment of *order* whose
    criteria all hold (default: Startup, ISV, Digital Native, Enterprise,
    SMB); SMB holds for everyone, and is the answer when nothing in *order*
    matched even if *order* leaves it out. Criteria:

    * Startup: founded less than *startup_max_age_years* before *as_of*, and
      affiliated with angel investors, universities, accelerators or venture
      capital, or identified as funded;
    * ISV: builds and sells software, B2B, licences and subscriptions at least
      *isv_min_software_share* of revenue;
    * Digital Native: consumer-facing (B2C) and born in the cloud;
    * Enterprise: large or medium, heavy legacy investment, on premises or hybrid;
    * SMB: everything else, resellers included.

    Engaged or Greenfield follows ``Organisation.uses_aws``.

    Args:
        organisation: the customer.
        as_of: the date its age is taken at.
        order: the commercial segments in the order they are tried; None
            (the default) is the AWS pack's: Startup, ISV, Digital Native,
            Enterprise, SMB.
        startup_max_age_years: a startup is younger than this (AWS pack:
            15), from 1 to :data:`MAX_STARTUP_AGE_YEARS`.
        isv_min_software_share: the least share of revenue from licences and
            subscriptions for an ISV (AWS pack: ``'0.50'``), a fraction in
            [0, 1] as a str or Decimal, never a float.

    >>> import datetime as dt
    >>> org = Organisation("Zeta Apps", uses_aws=False, founded=dt.date(2019, 3, 1),
    ...     affiliations=["accelerator"], sells_software=True, business_model="b2b",
    ...     software_revenue_share="0.8")
    >>> result = classify_segment(org, as_of=dt.date(2026, 1, 1))
    >>> result.segment.value, result.adoption.value, result.matched
    ('startup', 'greenfield', ('under 15 years old', 'affiliated with accelerator'))

    Raises:
        UnknownKeyError: an unknown or public-sector entry in *order*.
        InvalidValueError: a repeated entry in *order*, a founding date
            after *as_of*, or a number out of range.
        InvalidTypeError: wrong argument types.
    """
    org = _typed("organisation", organisation, Organisation)
    as_of_ = _date("as_of", as_of)
    segments = _segment_order(aws_pack.COMMERCIAL_ORDER if order is None else order)
    max_age = _count(
        "startup_max_age_years",
        startup_max_age_years,
        minimum=1,
        maximum=MAX_STARTUP_AGE_YEARS,
        why="a date spans 9,999 years",
    )
    share_min = _share("isv_min_software_share", isv_min_software_share)
    if org.founded is not None and org.founded > as_of_:
        raise InvalidValueError("founded", org.founded, f"on or before as_of ({as_of_})")
    adoption = Adoption.ENGAGED if org.uses_aws else Adoption.GREENFIELD
    facts: dict[str, Any] = {"name": org.name, "adoption": adoption.value}
    rule_id = "aws.segment.classify"
    if org.public_sector is not None:
        reason = Reason.of(
            rule_id,
            "{name} is a public-sector {segment} organisation ({adoption})",
            segment=org.public_sector.value,
            **facts,
        )
        return Segmentation(org.public_sector, adoption, ("public sector type",), (reason,))

    def criteria(segment: Segment) -> tuple[list[str], list[str]]:
        met: list[str] = []
        unmet: list[str] = []

        def check(ok: bool, label: str) -> None:
            (met if ok else unmet).append(label)

        if segment is Segment.STARTUP:
            young = org.founded is not None and _younger(org.founded, as_of_, max_age)
            check(young, f"under {max_age} years old")
            backers = sorted(a.value for a in org.affiliations)
            if backers:
                met.append("affiliated with " + ", ".join(backers))
            elif org.externally_funded:
                met.append("identified as funded")
            else:
                unmet.append("backed by investors, universities or accelerators, or funded")
        elif segment is Segment.ISV:
            check(org.sells_software, "builds and sells software")
            check(org.business_model is BusinessModel.B2B, "B2B")
            share = org.software_revenue_share
            check(
                share is not None and share >= share_min,
                f"licences and subscriptions at least {(share_min * 100).normalize():f}% "
                "of revenue",
            )
        elif segment is Segment.DIGITAL_NATIVE:
            check(org.business_model is BusinessModel.B2C, "consumer-facing (B2C)")
            check(org.born_in_cloud, "born in the cloud")
        elif segment is Segment.ENTERPRISE:
            check(org.size in (CompanySize.LARGE, CompanySize.MEDIUM), "large or medium")
            check(org.heavy_legacy, "heavy legacy investment")
            check(org.hosting in (Hosting.ON_PREMISES, Hosting.HYBRID), "on premises or hybrid")
        else:
            met.append("reseller" if org.reseller else "no other segment matched")
        return met, unmet

    reasons: list[Reason] = []
    for segment in (*segments, Segment.SMB):
        met, unmet = criteria(segment)
        if unmet:
            reasons.append(
                Reason.of(
                    rule_id,
                    "{name} is not {segment}: not {unmet}",
                    segment=segment.value,
                    unmet="; not ".join(unmet),
                    **facts,
                )
            )
            continue
        reasons.append(
            Reason.of(
                rule_id,
                "{name} is {segment} ({adoption}): {met}",
                segment=segment.value,
                met="; ".join(met),
                **facts,
            )
        )
        return Segmentation(segment, adoption, tuple(met), tuple(reasons))
    raise AssertionError("unreachable: SMB matches every organisation")


home("partnerrules.deals", globals())
