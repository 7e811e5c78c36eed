"""Typed pack values of the support rules (private; re-exported by :mod:`partnerrules.sla`).

They live apart from :mod:`partnerrules.sla` so that the packs in
:mod:`partnerrules.policies` can build them without importing the rule module.
Each is a frozen value with a short repr (its name), so a signature that
takes one as its default stays readable in ``help()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.errors import InvalidTypeError, InvalidValueError

__all__ = ["AlwaysOnDesk", "SupportDesk", "SupportRules"]


def _tuple(value: Any) -> Any:
    """Lists and mappings as tuples (of pairs, for a mapping); anything else is left to check."""
    if isinstance(value, Mapping):
        return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value


def _names(_instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(attribute.name, value, "a list or tuple of str")
    for item in value:
        _validate.text(attribute.name, item)


def _pairs(_instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple):
        raise InvalidTypeError(attribute.name, value, "a mapping, or a list of (key, value) pairs")
    for item in value:
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidValueError(attribute.name, item, "a (key, value) pair")


def _short_repr(self: Any) -> str:
    return f"{type(self).__name__}({self.name!r})"


@attrs.frozen(repr=False)
class SupportRules:
    """How a programme sorts and screens support requests (Zoho's in the Zoho pack).

    Rules ``zoho.severity.classify``, ``zoho.triage.priority``,
    ``zoho.basic_requests.overload``, ``zoho.request.completeness`` and
    ``zoho.scope``: the tables those functions read, as one value.

    Attributes:
        name: a short name (``"Zoho"``), also the value's repr.
        exempt: categories with no response commitment.
        usual_impact: category -> business impact (``"critical"``...).
        impact_severity: business impact -> severity number.
        level_priority: partner levels, first served first.
        basic_requests: categories counted as basic ("how-to") requests.
        request_fields: the fields of a support request, in template order.
        optional_fields: the fields asked for only "if relevant".
        in_scope: the kinds of help in scope of partner support.
        entitlements: feature -> the levels entitled to it.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    exempt: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    usual_impact: tuple[tuple[str, str], ...] = attrs.field(converter=_tuple, validator=_pairs)
    impact_severity: tuple[tuple[str, int], ...] = attrs.field(converter=_tuple, validator=_pairs)
    level_priority: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    basic_requests: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    request_fields: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    optional_fields: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    in_scope: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    entitlements: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        converter=_tuple, validator=_pairs
    )

    __repr__ = _short_repr


@attrs.frozen(repr=False)
class SupportDesk:
    """A support desk's structure, channels and status-page content (Appendix B's in its pack).

    Rules ``appb.support.hours``, ``appb.support.levels`` and
    ``appb.status_page.update``.

    Attributes:
        name: a short name (``"Appendix B"``), also the value's repr.
        package_channel: the channel within hours.
        after_hours_channels: the channels of critical cases outside hours.
        after_hours_languages: the languages of critical cases outside hours.
        levels: ``(level, what it handles)`` pairs, in escalation order.
        escalations: ``(from, to)`` pairs of who may escalate to whom.
        tam_excluded: packages without a Technical Account Manager.
        status_fields: what each status-page update states.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    package_channel: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    after_hours_channels: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    after_hours_languages: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    levels: tuple[tuple[str, str], ...] = attrs.field(converter=_tuple, validator=_pairs)
    escalations: tuple[tuple[str, str], ...] = attrs.field(converter=_tuple, validator=_pairs)
    tam_excluded: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    status_fields: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)

    __repr__ = _short_repr


@attrs.frozen(repr=False)
class AlwaysOnDesk:
    """An always-open support desk (Omid's in its pack; rule ``omid.support.always_on``).

    Attributes:
        name: a short name (``"Omid"``), also the value's repr.
        hours: how its hours are described (``"24x7"``).
        channels: the channels open to every customer.
        engineering_channel: the direct channel for relevant customers.
        languages: the languages of support.
        zone: the IANA zone its instants are reported in.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    hours: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    channels: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    engineering_channel: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    languages: tuple[str, ...] = attrs.field(converter=_tuple, validator=_names)
    zone: str = attrs.field(validator=_validate.attrs_validator(_validate.text))

    __repr__ = _short_repr


# Documented and imported as partnerrules.sla.<name>, their public home.
home("partnerrules.sla", globals())
