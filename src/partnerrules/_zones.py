"""Which IANA zone is a customer's "local time" (private; used by :mod:`partnerrules.sla`).

Policies that count in *local time* (Appendix B, rule ``appb.support.hours``)
run on the customer's own zone, never on a region's default zone. The zone
is, in this order:

1. the zone the ticket states (``Ticket.zone``);
2. the IANA zone its opening instant carries, unless that zone names no place
   (``UTC``, ``GMT``, ``Etc/...``: a service that stores instants in UTC says
   nothing about where its customer is);
3. the country's zone: the only zone of a country that has one, else the zone
   of its capital for the countries listed in :data:`CAPITAL_ZONES`.

A country with several zones, none listed, and a ticket that states no zone
is an error that lists the country's zones: guessing would move deadlines by
hours.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from zoneinfo import ZoneInfo

from partnerrules.errors import UnknownKeyError

__all__ = ["CAPITAL_ZONES", "country_zone", "local_zone"]

#: The zone of the capital of countries that span several IANA zones (geography, not policy).
CAPITAL_ZONES: Mapping[str, str] = MappingProxyType(
    {
        "AR": "America/Argentina/Buenos_Aires",
        "AU": "Australia/Sydney",
        "BR": "America/Sao_Paulo",
        "CA": "America/Toronto",
        "CD": "Africa/Kinshasa",
        "CL": "America/Santiago",
        "CN": "Asia/Shanghai",
        "DE": "Europe/Berlin",
        "EC": "America/Guayaquil",
        "ES": "Europe/Madrid",
        "FM": "Pacific/Pohnpei",
        "GL": "America/Nuuk",
        "ID": "Asia/Jakarta",
        "KI": "Pacific/Tarawa",
        "KZ": "Asia/Almaty",
        "MH": "Pacific/Majuro",
        "MN": "Asia/Ulaanbaatar",
        "MX": "America/Mexico_City",
        "MY": "Asia/Kuala_Lumpur",
        "NZ": "Pacific/Auckland",
        "PF": "Pacific/Tahiti",
        "PG": "Pacific/Port_Moresby",
        "PT": "Europe/Lisbon",
        "RU": "Europe/Moscow",
        "UA": "Europe/Kyiv",
        "UM": "Pacific/Wake",
        "US": "America/New_York",
        "UZ": "Asia/Tashkent",
        "CY": "Asia/Nicosia",
        "EG": "Africa/Cairo",
    }
)

_PLACELESS = ("UTC", "GMT", "UCT", "Universal", "Zulu", "Greenwich")


def _places_nothing(key: str) -> bool:
    return key in _PLACELESS or key.startswith("Etc/")


@functools.lru_cache(maxsize=512)
def country_zone(country: str) -> str:
    """Return the documented local zone of *country* (see the module docstring).

    Raises:
        UnknownKeyError: the country spans several zones and none is listed.
    """
    from babel.core import get_global

    zones: list[str] = list(get_global("territory_zones").get(country, ()))
    if country in CAPITAL_ZONES:
        return CAPITAL_ZONES[country]
    if len(zones) == 1:
        return zones[0]
    raise UnknownKeyError(
        "zone",
        None,
        zones,
        hint=f"country {country!r} spans several zones: give the ticket's zone",
    )


def local_zone(stated: str | None, opened_at: dt.datetime, country: str) -> str:
    """The customer's local zone of a ticket: stated, carried by its opening, or its country's."""
    if stated is not None:
        return stated
    carried = opened_at.tzinfo
    if isinstance(carried, ZoneInfo) and not _places_nothing(carried.key):
        return carried.key
    return country_zone(country)
