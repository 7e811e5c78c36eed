"""Test configuration: hypothesis profiles.

``dev`` (the default) is quick; ``ci`` runs more examples, derandomised so a
CI failure reproduces. Choose with ``HYPOTHESIS_PROFILE=ci`` (set by
``scripts/check.py`` when ``CI`` is set). ``soak`` runs many random examples,
to hunt rare cases by hand (``HYPOTHESIS_PROFILE=soak pytest tests``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=60,
    deadline=None,
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "soak",
    max_examples=2000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
