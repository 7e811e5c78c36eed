"""Deal-rule behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a documented rule of :mod:`partnerrules.deals` at the point
where a changed operator or constant would show.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnerrules import InvalidValueError
from partnerrules.deals import Organisation


@pytest.mark.parametrize("share", [0, 1, "0", "1", Decimal("0.5")])
def test_a_software_revenue_share_is_any_fraction_from_0_to_1(share: object):
    """software_revenue_share: a fraction in [0, 1], both ends included, ints too."""
    org = Organisation("ACME", uses_aws=True, software_revenue_share=share)
    assert org.software_revenue_share == Decimal(share)  # type: ignore[arg-type]


@pytest.mark.parametrize("share", [-1, 2, "1.01", "-0.01"])
def test_a_software_revenue_share_outside_0_to_1_is_refused(share: object):
    with pytest.raises(InvalidValueError) as caught:
        Organisation("ACME", uses_aws=True, software_revenue_share=share)
    assert caught.value.field == "software_revenue_share"
