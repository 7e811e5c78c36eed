"""The Dask recipe of docs/columns.rst, run as written on a local cluster of 2 processes.

Rules zoho.sla.matrix and zoho.sla.weekday_clock: the status written by the
cluster equals frame.sla_status over the whole table, row for row.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from partnerrules import frame  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs" / "columns.rst"


def recipe() -> str:
    """The Python code block of the Dask section of docs/columns.rst, dedented."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("Parquet partitions on Dask", 1)[1]
    block = section.split(".. code-block:: python", 1)[1]
    lines = []
    for line in block.splitlines()[1:]:
        if line and not line.startswith("   "):
            break
        lines.append(line[3:])
    code = "\n".join(lines)
    assert "LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)" in code
    return code


def tickets(n: int) -> Any:
    rng = np.random.default_rng(15)
    start = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // (
        dt.timedelta(microseconds=1)
    )
    opened = start + rng.integers(0, 365 * 86_400_000_000, n)
    df = pd.DataFrame(
        {
            "id": [f"T-{k}" for k in range(n)],
            "opened_at": pd.Series(
                opened.view("M8[us]"), dtype=pd.DatetimeTZDtype("us", "UTC")
            ).dt.tz_convert("America/Sao_Paulo"),
            "severity": rng.integers(1, 4, n),
            "category": pd.Categorical(
                rng.choice(["slowness", "downtime", "how-to", "feature request"], n)
            ),
            "level": pd.Categorical(rng.choice(["Premium", "Advanced", "Authorized"], n)),
            "country": pd.Categorical(rng.choice(["BR", "PT", "US"], n)),
        }
    )
    df.loc[7, "severity"] = 9  # a row the scalar API refuses: reported, not dropped
    return df


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.rule("zoho.sla.matrix")
def test_the_dask_recipe_writes_the_status_of_every_ticket(tmp_path: Path) -> None:
    """zoho.sla.matrix: 2 worker processes give the one-process answers, bad row included."""
    df = tickets(8_000)
    source, target = tmp_path / "tickets", tmp_path / "status"
    source.mkdir()
    for k, part in enumerate(np.array_split(np.arange(len(df)), 4)):
        df.iloc[part].to_parquet(source / f"part-{k}.parquet")
    namespace: dict[str, Any] = {"__name__": "recipe"}
    exec(compile(recipe(), str(DOCS), "exec"), namespace)
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

    namespace["sla_status_on_dask"](str(source), str(target), at, workers=2)

    got = pd.read_parquet(target)
    want = frame.sla_status(df, at, errors="report")
    assert got["id"].tolist() == df["id"].tolist()
    for column in want.columns:
        left, right = got[column], want[column].reset_index(drop=True)
        if isinstance(right.dtype, pd.CategoricalDtype) or column in ("id", "error"):
            left, right = left.astype("string"), right.astype("string")
        pd.testing.assert_series_equal(left, right, check_names=False, check_dtype=False)
    assert got.loc[7, "error_type"] == "UnknownKeyError"
    assert re.search("9", got.loc[7, "error"])
