"""Run the complete check: lint, format, types, tests and doctests, docs.

Usage: python scripts/check.py   (from the project root, in the environment
where the project is installed with its ``test`` and ``docs`` extras).

Every step runs, even after a failure, so one run shows every problem; the exit
status is 1 if any step failed. With ``CI`` set, hypothesis uses its ``ci``
profile (more examples, derandomised).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LINTED = ["src", "tests", "bench", "docs", "scripts"]

STEPS: list[tuple[str, list[str]]] = [
    ("ruff lint", [PY, "-m", "ruff", "check", *LINTED]),
    ("ruff format", [PY, "-m", "ruff", "format", "--check", *LINTED]),
    ("mypy --strict", [PY, "-m", "mypy", "--strict", "src"]),
    ("pytest (tests and doctests)", [PY, "-m", "pytest", "-p", "no:cacheprovider"]),
    ("sphinx html", [PY, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "html",
                     "docs", "docs/_build/html"]),
    ("sphinx doctest", [PY, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "doctest",
                        "docs", "docs/_build/doctest"]),
]  # fmt: skip


def main() -> int:
    env = dict(os.environ)
    if env.get("CI") and "HYPOTHESIS_PROFILE" not in env:
        env["HYPOTHESIS_PROFILE"] = "ci"
    results = []
    for name, command in STEPS:
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        seconds = time.perf_counter() - started
        results.append((name, code, seconds))
        print(f"=== {name}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {seconds:.1f} s")
    print("\nsummary")
    for name, code, seconds in results:
        print(f"  {'ok  ' if code == 0 else 'FAIL'}  {name:<30} {seconds:6.1f} s")
    failed = sum(1 for _, code, _ in results if code != 0)
    print(f"check steps: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
