"""Run the complete check: lint, format, types, tests and doctests, docs.

Usage: python scripts/check.py   (from the project root, in the environment
where the project is installed with its ``test`` and ``docs`` extras).

Every step runs, even after a failure, so one run shows every problem; the exit
status is 1 if any step failed. With ``CI`` set, hypothesis uses its ``ci``
profile (more examples, derandomised).
"""

from __future__ import annotations

import os
import re
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


def run(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run *command*, echoing its output as it comes; return its status and output."""
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        print(line, end="", flush=True)
        lines.append(line)
    return proc.wait(), "".join(lines)


def pytest_counts(output: str) -> tuple[int, int] | None:
    """The passed and failed (including errors) counts of pytest's closing line."""
    closing = [line for line in output.splitlines() if re.match(r"^=+ .* in [\d.]+s", line)]
    if not closing:
        return None
    counts = {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", closing[-1])}
    return counts.get("passed", 0), counts.get("failed", 0) + counts.get("errors", 0)


def main() -> int:
    env = dict(os.environ)
    if env.get("CI") and "HYPOTHESIS_PROFILE" not in env:
        env["HYPOTHESIS_PROFILE"] = "ci"
    results = []
    tests: tuple[int, int] | None = None
    for name, command in STEPS:
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        code, output = run(command, env)
        if name.startswith("pytest"):
            tests = pytest_counts(output)
        seconds = time.perf_counter() - started
        results.append((name, code, seconds))
        print(f"=== {name}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {seconds:.1f} s")
    print("\nsummary")
    for name, code, seconds in results:
        print(f"  {'ok  ' if code == 0 else 'FAIL'}  {name:<30} {seconds:6.1f} s")
    failed = sum(1 for _, code, _ in results if code != 0)
    print(f"steps: {len(results) - failed} passed, {failed} failed")
    if tests is None:
        print("pytest printed no closing line: counted as a failure")
        return 1
    # The last line is pytest's own count, for whoever reads the closing line.
    print(f"tests: {tests[0]} passed, {tests[1]} failed")
    return 1 if failed or tests[0] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
