"""Caller tables for the regional lookups (issue #11; zoho.escalation.directory,
zoho.priority_support.large_accounts).

The shipped tables (countries to regions and to priority groups, default
zones, the Zoho directory and thresholds) are the defaults of keyword
arguments; ``None`` stands for them and a caller's programme may pass its own.
"""

from __future__ import annotations

import pytest

from partnerrules.errors import InvalidTypeError, UnknownKeyError
from partnerrules.regions import (
    COUNTRY_PRIORITY_GROUPS,
    COUNTRY_REGIONS,
    DEFAULT_ZONES,
    PRIORITY_GROUP_BY_REGION,
    PRIORITY_GROUP_EXCEPTIONS,
    PriorityGroup,
    Region,
    check_priority_support,
    default_zone,
    escalation_path,
    escalation_region,
    priority_support_group,
    region_countries,
)

DIRECTORY = "zoho.escalation.directory"
PRIORITY = "zoho.priority_support.large_accounts"

#: A caller's programme that serves Mexico from North America.
MEXICO_NORTH = {**COUNTRY_REGIONS, "MX": Region.NORTH_AMERICA}


@pytest.mark.rule(DIRECTORY)
def test_a_caller_region_table_moves_a_country_for_every_lookup() -> None:
    """zoho.escalation.directory: the country-to-region table is a parameter."""
    assert escalation_region("MX") is Region.LATAM
    assert escalation_region("mx", country_regions=MEXICO_NORTH) is Region.NORTH_AMERICA
    assert "MX" in region_countries(Region.NORTH_AMERICA, country_regions=MEXICO_NORTH)
    path = escalation_path("MX", country_regions=MEXICO_NORTH)
    assert path.region is Region.NORTH_AMERICA
    assert path.leads[0].name == "Deepak"


@pytest.mark.rule(DIRECTORY)
def test_none_stands_for_the_shipped_tables() -> None:
    """zoho.escalation.directory: ``None`` is the published directory and the region table."""
    assert escalation_path("DE", directory=None, country_regions=None) == escalation_path("DE")
    assert default_zone(Region.BRAZIL, zones=None) == "America/Sao_Paulo"
    assert region_countries(Region.BRAZIL, country_regions=None) == ("BR",)


@pytest.mark.rule(DIRECTORY)
def test_a_caller_zone_table_replaces_the_default_zones() -> None:
    """zoho.escalation.directory: the default zones are a parameter of default_zone."""
    zones = {**DEFAULT_ZONES, Region.BRAZIL: "America/Manaus"}
    assert default_zone(Region.BRAZIL, zones=zones) == "America/Manaus"


@pytest.mark.rule(PRIORITY)
def test_the_country_groups_follow_the_regions_except_canada() -> None:
    """zoho.priority_support.large_accounts: the derived table, country by country."""
    for code, region in COUNTRY_REGIONS.items():
        expected = PRIORITY_GROUP_EXCEPTIONS.get(code, PRIORITY_GROUP_BY_REGION[region])
        assert COUNTRY_PRIORITY_GROUPS[code] is expected
    assert COUNTRY_PRIORITY_GROUPS["CA"] is PriorityGroup.CANADA_BRAZIL
    assert COUNTRY_PRIORITY_GROUPS["US"] is PriorityGroup.USA_LATAM


@pytest.mark.rule(PRIORITY)
def test_a_caller_group_table_changes_the_threshold_that_applies() -> None:
    """zoho.priority_support.large_accounts: the country-to-group table is a parameter."""
    groups = {**COUNTRY_PRIORITY_GROUPS, "CA": PriorityGroup.USA_LATAM}

    assert priority_support_group("CA", country_groups=groups) is PriorityGroup.USA_LATAM
    assert check_priority_support("CA", 60, verified=True).eligible
    decision = check_priority_support("CA", 60, verified=True, country_groups=groups)
    assert not decision.eligible
    assert decision.threshold == 70


@pytest.mark.rule(PRIORITY)
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: escalation_region("BR", country_regions={"PT": Region.UK_EU}),
            UnknownKeyError,
            r"unknown country 'BR': known: 'PT'; the country_regions table has no entry for it",
        ),
        (
            lambda: escalation_region("BR", country_regions={"BR": "Brazil"}),
            InvalidTypeError,
            r"'country_regions\[BR\]' must be a Region \(got str 'Brazil'\)",
        ),
        (
            lambda: escalation_region("BR", country_regions=[("BR", Region.BRAZIL)]),
            InvalidTypeError,
            r"'country_regions' must be a mapping of ISO codes to Region, or None",
        ),
        (
            lambda: region_countries(Region.BRAZIL, country_regions={1: Region.BRAZIL}),
            InvalidTypeError,
            r"'country_regions' must be a mapping keyed by str \(got int 1\)",
        ),
        (
            lambda: default_zone(Region.BRAZIL, zones={Region.ANZ: "Australia/Sydney"}),
            UnknownKeyError,
            r"unknown region 'Brazil': known: 'ANZ'; the zones table has no entry for it",
        ),
        (
            lambda: default_zone(Region.BRAZIL, zones={Region.BRAZIL: None}),
            InvalidTypeError,
            r"'zones\[BRAZIL\]' must be a str \(got NoneType None\)",
        ),
        (
            lambda: priority_support_group("BR", country_groups={}),
            UnknownKeyError,
            r"unknown country 'BR'.*the country_groups table has no entry for it",
        ),
        (
            lambda: check_priority_support(
                "BR", 50, verified=True, country_groups=None, thresholds=3
            ),
            InvalidTypeError,
            r"'thresholds' must be a mapping of PriorityGroup to int \(got int 3\)",
        ),
    ],
)
def test_a_malformed_caller_table_is_refused_naming_the_entry(call, error, message) -> None:  # type: ignore[no-untyped-def]
    """zoho.priority_support.large_accounts: caller tables are checked before use."""
    with pytest.raises(error, match=message):
        call()
