"""Reading columns of a pandas DataFrame or a pyarrow Table, and building result tables.

Both kinds of table are read into the same few numpy forms: instants as int64
microseconds since the epoch (numpy's NaT for a null), low-cardinality columns
as integer codes into their distinct values, and masks of the rows a kernel
cannot take. Each row can also be read back as plain Python values, for the
scalar functions that report a bad row's error. Private to
:mod:`partnerrules.frame`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt

from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.frame._timeline import I64, NAT, Bools

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US = dt.timedelta(microseconds=1)
_TO_US = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": None}
# Instants a datetime can hold, in µs since the epoch (years 1 to 9999).
_MIN_US = (dt.datetime(1, 1, 2, tzinfo=dt.UTC) - _EPOCH) // _US
_MAX_US = (dt.datetime(9999, 12, 30, tzinfo=dt.UTC) - _EPOCH) // _US
# What str.strip() removes: a value made only of these is blank for the scalar API.
_SPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
_BLANK = f"[{_SPACE}]*"


def _kind(table: object) -> str:
    """``"pandas"`` or ``"arrow"``; anything else is refused."""
    mod = type(table).__module__
    if mod.startswith("pandas") and type(table).__name__ == "DataFrame":
        return "pandas"
    if mod.startswith("pyarrow") and type(table).__name__ == "Table":
        return "arrow"
    raise InvalidTypeError("table", table, "a pandas.DataFrame or a pyarrow.Table")


def _zone_of(name: str) -> dt.tzinfo:
    """The tzinfo of an Arrow timestamp's zone: an IANA name or a fixed ``+HH:MM`` offset."""
    if name[:1] in "+-" and len(name) == 6 and name[3] == ":":
        sign = -1 if name[0] == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(name[1:3]), minutes=int(name[4:6])))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return dt.UTC if name in ("UTC", "Z") else ZoneInfo("UTC")


def wall_us(us: I64, zone: dt.tzinfo) -> I64:
    """The local wall time of each instant in *zone*, as µs since 1970-01-01 00:00."""
    import pandas as pd

    local = pd.DatetimeIndex(us.view("M8[us]")).tz_localize("UTC").tz_convert(zone)
    return np.asarray(local.tz_localize(None).asi8, np.int64)


class Instants:
    """One column of instants: µs since the epoch, nulls, the rows not usable, the zone."""

    __slots__ = ("bad", "null", "us", "zone")

    def __init__(self, us: I64, null: Bools, bad: Bools, zone: dt.tzinfo | None) -> None:
        self.us = us  # NaT where null or bad
        self.null = null
        self.bad = bad  # not null, but not an aware instant a datetime can hold
        self.zone = zone

    def value(self, i: int) -> dt.datetime | None:
        """The instant of row *i* as an aware datetime in the column's zone (None if null)."""
        if self.null[i] or self.bad[i]:
            return None
        assert self.zone is not None
        return (_EPOCH + _US * int(self.us[i])).astimezone(self.zone)


def _to_us(raw: I64, null: Bools, unit: str) -> tuple[I64, Bools]:
    """Integers in *unit* since the epoch as µs (floored); the rows out of datetime's range."""
    scale = _TO_US[unit]
    if scale == 1:
        # Microseconds already, nulls already NaT: the column itself, unless a value is
        # out of datetime's range (the kernels never write into an input column).
        bad = (raw > _MAX_US) | ((raw < _MIN_US) & ~null)
        if not bad.any():
            return raw, bad
        return np.where(null | bad, NAT, raw).astype(np.int64, copy=False), bad
    if scale is None:
        us = np.floor_divide(raw, 1000)
    else:
        limit = np.iinfo(np.int64).max // scale
        out_of_range = (raw > limit) | (raw < -limit)
        us = np.where(out_of_range, 0, raw) * scale
    bad = ~null & ((us < _MIN_US) | (us > _MAX_US))
    if scale is not None:
        bad |= ~null & out_of_range
    us = np.where(null | bad, NAT, us).astype(np.int64, copy=False)
    return us, bad


#: Integer codes of any width (a pandas categorical keeps its int8 or int16 codes).
Codes_ = npt.NDArray[np.signedinteger[Any]]


class Codes:
    """A column as integer codes (-1 for null) into its distinct values.

    The distinct values stay in the table's own form (a pandas Index, an
    Arrow array) and become plain Python values one at a time, when read.
    """

    __slots__ = ("codes", "distinct", "kind")

    def __init__(self, codes: Codes_, distinct: Any, kind: str) -> None:
        self.codes = codes
        self.distinct = distinct
        self.kind = kind

    def __len__(self) -> int:
        """The number of distinct values."""
        return len(self.distinct)

    def at(self, k: int) -> Any:
        """The plain Python value of distinct value *k*."""
        if self.kind == "arrow":
            return _plain(self.distinct[k].as_py())
        return _plain(self.distinct[k])

    def value(self, i: int) -> Any:
        """The plain Python value of row *i* (None for a null)."""
        k = int(self.codes[i])
        return None if k < 0 else self.at(k)


def _plain(value: Any) -> Any:
    """A numpy or pandas scalar as the plain Python value (NA and NaN as None)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime(warn=False)
        if isinstance(value, pd.Timedelta):
            return value.to_pytimedelta()
    except ImportError:  # pandas is part of the frame extra
        pass
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


class Reader:
    """The columns of one table, read into numpy forms (see the module docstring)."""

    def __init__(self, table: object, field: str = "table") -> None:
        self.kind = _kind(table)
        self.table: Any = table
        self.field = field
        if self.kind == "pandas":
            self.names: tuple[str, ...] = tuple(str(c) for c in table.columns)  # type: ignore[attr-defined]
            self.n: int = len(table)  # type: ignore[arg-type]
        else:
            self.names = tuple(table.column_names)  # type: ignore[attr-defined]
            self.n = table.num_rows  # type: ignore[attr-defined]

    def has(self, name: str) -> bool:
        """Whether the table has the column *name*."""
        return name in self.names

    def require(self, names: Sequence[str], described: str) -> None:
        """Refuse a table that lacks one of *names*."""
        missing = [n for n in names if n not in self.names]
        if missing:
            raise InvalidValueError(
                self.field,
                f"columns {list(self.names)}",
                f"a table with the columns {', '.join(names)}",
                hint=f"missing: {', '.join(missing)}; {described}",
            )

    def _column(self, name: str) -> Any:
        if self.kind == "pandas":
            return self.table[name]
        return self.table.column(name)

    def raw(self, name: str, i: int) -> Any:
        """The plain Python value of column *name* at row *i*, as given."""
        col = self._column(name)
        if self.kind == "pandas":
            return _plain(col.iloc[i])
        return _plain(col[i].as_py())

    # -- instants ---------------------------------------------------------------------

    def instants(self, name: str) -> Instants:
        """Column *name* as µs since the epoch; non-timestamp or naive columns are all bad."""
        col = self._column(name)
        if self.kind == "pandas":
            return self._pandas_instants(col)
        return self._arrow_instants(col)

    def _pandas_instants(self, col: Any) -> Instants:
        import pandas as pd

        null = np.asarray(col.isna().to_numpy(), np.bool_)
        dtype = col.dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            unit = dtype.unit
            raw = col.to_numpy(dtype=f"datetime64[{unit}]").view(np.int64)
            us, bad = _to_us(raw, null, unit)
            return Instants(us, null, bad, dtype.tz)
        if isinstance(dtype, pd.ArrowDtype):
            import pyarrow as pa

            arrow = pa.chunked_array([pa.array(col.array)])
            if pa.types.is_timestamp(arrow.type) and arrow.type.tz is not None:
                return self._arrow_instants(arrow)
        us = np.full(self.n, NAT, np.int64)
        return Instants(us, null, ~null, None)

    def _arrow_instants(self, col: Any) -> Instants:
        import pyarrow as pa
        import pyarrow.compute as pc

        null = np.asarray(col.is_null().to_numpy(zero_copy_only=False), np.bool_)
        kind = col.type
        if pa.types.is_timestamp(kind) and kind.tz is not None:
            raw = pc.cast(col, pa.int64()).fill_null(NAT).to_numpy()
            us, bad = _to_us(np.asarray(raw, np.int64), null, kind.unit)
            return Instants(us, null, bad, _zone_of(kind.tz))
        us = np.full(self.n, NAT, np.int64)
        return Instants(us, null, ~null, None)

    def raw_instant(self, name: str, column: Instants, i: int) -> Any:
        """Row *i* of an instants column as the scalar API would be given it."""
        if column.null[i]:
            return None
        if column.bad[i]:
            return self.raw(name, i)
        return column.value(i)

    # -- codes ------------------------------------------------------------------------

    def codes(self, name: str) -> Codes:
        """Column *name* as integer codes into its distinct values (-1: null)."""
        col = self._column(name)
        if self.kind == "pandas":
            import pandas as pd

            if isinstance(col.dtype, pd.CategoricalDtype):
                # The codes keep their small integer type: no int64 copy of a large column.
                codes = np.asarray(col.cat.codes.to_numpy())
                return Codes(codes, col.cat.categories, "pandas")
            found, uniques = pd.factorize(col, use_na_sentinel=True)
            return Codes(np.asarray(found, np.int64), uniques, "pandas")
        import pyarrow as pa
        import pyarrow.compute as pc

        if pa.types.is_null(col.type):  # every value null (an empty object column, say)
            return Codes(np.full(self.n, -1, np.int64), pa.array([], pa.string()), "arrow")
        if isinstance(col, pa.ChunkedArray):
            # One array first: Arrow cannot combine the chunks of every dictionary type.
            if pa.types.is_dictionary(col.type):
                col = col.unify_dictionaries()
                parts = [c.indices.fill_null(-1).to_numpy(zero_copy_only=False) for c in col.chunks]
                dictionary = col.chunks[0].dictionary if col.num_chunks else pa.array([])
                flat = np.concatenate(parts) if parts else np.zeros(0, np.int64)
                return Codes(np.asarray(flat, np.int64), dictionary, "arrow")
            col = col.combine_chunks()
        encoded = col if pa.types.is_dictionary(col.type) else pc.dictionary_encode(col)
        indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return Codes(np.asarray(indices, np.int64), encoded.dictionary, "arrow")

    def lookup(self, name: str, keys: Any) -> I64:
        """The position of each row's value of column *name* in *keys* (-1: absent or null).

        *keys* is a sequence of texts or an Arrow string array.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        col = self._column(name)
        if self.kind == "pandas":
            try:
                col = pa.array(col.array if hasattr(col.array, "_pa_array") else col)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                return np.full(self.n, -1, np.int64)
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            if not pa.types.is_dictionary(col.type):
                return np.full(self.n, -1, np.int64)
            col = col.cast(col.type.value_type)
        keys = keys.cast(col.type) if isinstance(keys, pa.Array) else pa.array(list(keys), col.type)
        found = pc.index_in(col, value_set=keys)
        return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)

    def integers(self, name: str) -> tuple[I64, Bools]:
        """Column *name* as int64, and the rows that hold a (non-null) integer."""
        col = self._column(name)
        if self.kind == "pandas":
            import pandas as pd

            dtype = col.dtype
            if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
                ok = ~np.asarray(col.isna().to_numpy(), np.bool_)
                values = np.asarray(col.fillna(0).to_numpy(), np.int64)
                return values, ok
            return np.zeros(self.n, np.int64), np.zeros(self.n, np.bool_)
        import pyarrow as pa

        if pa.types.is_integer(col.type):
            ok = ~np.asarray(col.is_null().to_numpy(zero_copy_only=False), np.bool_)
            values = col.fill_null(0).cast(pa.int64()).to_numpy()
            return np.asarray(values, np.int64), ok
        return np.zeros(self.n, np.int64), np.zeros(self.n, np.bool_)

    # -- text -------------------------------------------------------------------------

    def blank_or_not_text(self, name: str) -> Bools:
        """Rows of column *name* that are null, not text, or blank (refused as an id)."""
        col = self._column(name)
        if self.kind == "pandas":
            import pandas as pd

            null = np.asarray(col.isna().to_numpy(), np.bool_)
            if isinstance(col.dtype, pd.CategoricalDtype):
                # Each distinct value once, then the rows by their codes.
                cats = pd.Series(col.cat.categories, dtype=object)
                bad = cats.map(lambda v: not isinstance(v, str) or not v.strip())
                codes = np.asarray(col.cat.codes.to_numpy())
                refused = np.append(np.asarray(bad.to_numpy(), np.bool_), True)  # -1: null
                out: Bools = refused[codes]
                return out
            if col.dtype == object:  # any Python values: each one looked at
                bad = col.map(lambda v: not isinstance(v, str) or not v.strip())
                return null | np.asarray(bad.to_numpy(), np.bool_)
            if pd.api.types.is_string_dtype(col.dtype):
                blank = np.asarray(col.str.fullmatch(_BLANK).fillna(False).to_numpy(), np.bool_)
                return null | blank
            return np.ones(self.n, np.bool_)
        import pyarrow as pa
        import pyarrow.compute as pc

        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            blank = pc.match_substring_regex(col, f"^{_BLANK}$").fill_null(True)
            return np.asarray(blank.to_numpy(zero_copy_only=False), np.bool_)
        return np.ones(self.n, np.bool_)

    def text_array(self, name: str, *, large: bool = False) -> Any:
        """Column *name* as one Arrow string array (large strings if *large*), or None.

        None when the column is not text (numbers, timestamps, mixed objects).
        Dictionary columns are decoded; chunks are combined.
        """
        import pyarrow as pa

        col = self._column(name)
        if self.kind == "pandas":
            raw = col.array if hasattr(col.array, "_pa_array") else col
            try:
                col = pa.array(raw, from_pandas=True)  # NaN and None are nulls
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                return None
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            return None
        return col.cast(pa.large_string() if large else pa.string())

    def id_column(self, name: str) -> Any:
        """The column *name* as given (it is passed through to the results)."""
        return self._column(name)


# -- results -------------------------------------------------------------------------------


def _utc_array(us: I64) -> Any:
    """A pandas array of UTC instants over the buffer of *us* (NaT: null), without a copy.

    pandas' public constructors copy a naive array when they give it a zone;
    a result column of 10,000,000 rows is 80 MB, so the array is wrapped
    as it is (``DatetimeArray._simple_new``) when this pandas has it.
    """
    import pandas as pd

    dtype = pd.DatetimeTZDtype("us", "UTC")
    values = us.view("M8[us]")
    try:
        return pd.arrays.DatetimeArray._simple_new(values, dtype=dtype)
    except (AttributeError, TypeError):  # a pandas without it: the public, copying way
        return pd.array(values, dtype=dtype)


class Out:
    """Result columns in order, built as the kind of table the input was."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.columns: list[tuple[str, Any]] = []

    def passthrough(self, name: str) -> None:
        """Copy the input column *name* to the results."""
        self.columns.append((name, self.reader.id_column(name)))

    def instants(self, name: str, us: I64) -> None:
        """A column of UTC instants (NaT: null)."""
        if self.reader.kind == "pandas":
            import pandas as pd

            self.columns.append((name, pd.Series(_utc_array(us), copy=False)))
        else:
            import pyarrow as pa

            self.columns.append((name, pa.array(us, pa.timestamp("us", "UTC"), mask=us == NAT)))

    def durations(self, name: str, us: I64) -> None:
        """A column of business durations in µs (NaT: null)."""
        if self.reader.kind == "pandas":
            import pandas as pd

            self.columns.append((name, pd.Series(us.view("m8[us]"), copy=False)))
        else:
            import pyarrow as pa

            self.columns.append((name, pa.array(us, pa.duration("us"), mask=us == NAT)))

    def integers(self, name: str, values: I64) -> None:
        """A column of nullable integers (NaT: null)."""
        if self.reader.kind == "pandas":
            import pandas as pd

            masked = pd.arrays.IntegerArray(np.where(values == NAT, 0, values), values == NAT)
            self.columns.append((name, pd.Series(masked)))
        else:
            import pyarrow as pa

            self.columns.append((name, pa.array(values, pa.int64(), mask=values == NAT)))

    def flags(self, name: str, values: Bools) -> None:
        """A column of booleans."""
        if self.reader.kind == "pandas":
            import pandas as pd

            self.columns.append((name, pd.Series(values, copy=False)))
        else:
            import pyarrow as pa

            self.columns.append((name, pa.array(values, pa.bool_())))

    def labels(self, name: str, codes: npt.NDArray[Any], values: Sequence[str]) -> None:
        """A categorical (pandas) or dictionary (Arrow) column of text (code -1: null)."""
        if self.reader.kind == "pandas":
            import pandas as pd

            kinds = pd.Index(list(values), dtype=pd.StringDtype("pyarrow"))
            cat = pd.Categorical.from_codes(codes, categories=kinds)
            self.columns.append((name, pd.Series(cat)))
        else:
            import pyarrow as pa

            small = np.asarray(codes, np.int32)
            indices = pa.array(small, pa.int32(), mask=small < 0)
            dictionary = pa.array(list(values), pa.string())
            self.columns.append((name, pa.DictionaryArray.from_arrays(indices, dictionary)))

    def text(self, name: str, codes: npt.NDArray[Any], values: Sequence[str]) -> None:
        """A nullable text column (code -1: null), for values that are mostly null.

        It is categorical (dictionary) like :meth:`labels`: one byte a row while
        there are few distinct messages, where a plain string column costs eight
        (its offsets), null or not.
        """
        self.labels(name, codes, values)

    def build(self) -> Any:
        """The result table: a DataFrame keeping the input's index, or an Arrow Table."""
        if self.reader.kind == "pandas":
            import pandas as pd

            index = self.reader.table.index
            data = {}
            for name, col in self.columns:
                if isinstance(col, pd.Series):
                    col = col.set_axis(index)
                data[name] = col
            return pd.DataFrame(data, index=index, copy=False)
        import pyarrow as pa

        return pa.table(dict(self.columns))
