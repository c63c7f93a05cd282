"""Writing a report's tables for other tools: Parquet, CSV, JSON, or the Markdown brief.

One file per table, named after it (`figures.parquet`, `sources.csv`, ...), so a DuckDB or Spark
user can `SELECT * FROM 'out/*.parquet'` without a schema of ours. Layout rules:

* Parquet keeps nested columns (lists, lists of structs) as Parquet LIST/STRUCT, which both read
  natively; unsigned integers become Int64, since Spark rejects UINT_64; internal columns (the
  duplicate-detection shingles) are left out.
* CSV has no nesting: nested cells become JSON text. Cells are untrusted article text, so any
  string starting with `=`, `+`, `-`, `@` (or tab / carriage return) is prefixed with `'`: a
  spreadsheet must not run a formula an article smuggled in. Escape sequences and control
  characters (which file names may carry) are removed from text cells.
* Every file is written through a temp file and `os.replace`, so a half-written export never
  looks like a finished one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import polars as pl
from polars._typing import PolarsDataType

from rarewatch.core.config import atomic_write
from rarewatch.core.corpus import Report
from rarewatch.core.marks import MARKS
from rarewatch.core.report import to_markdown
from rarewatch.core.text import inert

FORMATS = ("parquet", "csv", "json", "markdown")
TABLES = ("sources", "figures", "timeline", "contradictions", "questions", "roles", "statuses", "marks")
#: Columns that only serve rarewatch's own duplicate detection.
INTERNAL = {"sources": ("shingles",)}
#: First characters a spreadsheet treats as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _signed(dtype: PolarsDataType) -> PolarsDataType:
    """The same type with unsigned integers widened to Int64, also inside lists and structs."""
    if dtype in (pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64):
        return pl.Int64()
    if isinstance(dtype, pl.List):
        return pl.List(_signed(dtype.inner))
    if isinstance(dtype, pl.Struct):
        return pl.Struct({f.name: _signed(f.dtype) for f in dtype.fields})
    return dtype


def portable(df: pl.DataFrame) -> pl.DataFrame:
    """Types every Parquet reader takes: no unsigned integers."""
    casts: dict[Any, PolarsDataType] = {c: t for c, d in df.schema.items() if (t := _signed(d)) != d}
    return df.cast(casts) if casts else df


def export_tables(report: Report, marks: pl.DataFrame | None = None) -> dict[str, pl.DataFrame]:
    """The exported tables, by file name, in `TABLES` order."""
    tables = {
        "sources": report.sources,
        # every figure, and whether it is one of those every count of figures counts (a key figure
        # from a source in the analysis): the rows with `counted` are the header's figures
        "figures": report.figures.with_columns(report.counted().alias("counted")),
        "timeline": report.timeline,
        "contradictions": report.contradictions,
        "questions": report.questions,
        "roles": report.roles,
        "statuses": report.statuses,
        "marks": marks if marks is not None else pl.DataFrame(schema=MARKS),
    }
    return {name: portable(df.drop(INTERNAL.get(name, ()), strict=False)) for name, df in tables.items()}


def _nested(dtype: pl.DataType) -> bool:
    return isinstance(dtype, (pl.List, pl.Array, pl.Struct))


def _guard(s: str | None) -> str | None:
    if s:
        s = inert(s)  # file names reach the tables unsanitised; `cat out.csv` must not obey them
    return "'" + s if s and s.startswith(FORMULA_START) else s


def flat_for_csv(df: pl.DataFrame) -> pl.DataFrame:
    """Nested cells as JSON text, and every text cell guarded against formula injection."""
    out = []
    for name, dtype in df.schema.items():
        col = df[name]
        if _nested(dtype):
            col = pl.Series(
                name, [None if v is None else json.dumps(v, ensure_ascii=False) for v in col.to_list()], dtype=pl.String
            )
        if col.dtype == pl.String:
            col = col.map_elements(_guard, return_dtype=pl.String, skip_nulls=True) if col.len() else col
        out.append(col)
    return pl.DataFrame(out, schema={s.name: s.dtype for s in out}) if out else df


def _bytes(df: pl.DataFrame, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "parquet":
        df.write_parquet(buf, compression="zstd", statistics=True)
    elif fmt == "csv":
        flat_for_csv(df).write_csv(buf)
    elif fmt == "json":
        df.write_json(buf)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return buf.getvalue()


def write_export(report: Report, out: Path, fmt: str = "parquet", marks: pl.DataFrame | None = None) -> list[Path]:
    """Write the tables (or the brief, for markdown) into `out`; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "markdown":
        path = out / "brief.md"
        atomic_write(path, to_markdown(report).encode("utf-8"))
        return [path]
    written = []
    for name, df in export_tables(report, marks).items():
        path = out / f"{name}.{fmt}"
        atomic_write(path, _bytes(df, fmt))
        written.append(path)
    return written
