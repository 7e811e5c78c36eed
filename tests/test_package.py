"""The package itself: public names, typing marker, lazy heavy imports."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import partnerrules


def test_the_top_level_exports_a_sorted_documented_all():
    assert partnerrules.__all__ == sorted(partnerrules.__all__)
    for name in partnerrules.__all__:
        obj = getattr(partnerrules, name)
        if name != "__version__":
            assert obj.__doc__, name


def test_the_package_is_marked_typed():
    assert resources.files("partnerrules").joinpath("py.typed").is_file()


def test_importing_the_package_does_not_load_holiday_data_or_the_converter():
    """Holiday tables and cattrs load on first use, so ``import partnerrules`` stays fast."""
    code = (
        "import sys, partnerrules; "
        "heavy = [m for m in ('holidays', 'cattrs', 'dateutil.relativedelta') if m in sys.modules]; "
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
