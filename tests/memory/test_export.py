"""Export: files read back equal the tables; CSV is flat and safe to open in a spreadsheet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from rarewatch.core.corpus import Report
from rarewatch.core.export import TABLES, export_tables, flat_for_csv, write_export
from rarewatch.core.marks import MarkStore, marks_frame
from rarewatch.core.profile import Profile
from rarewatch.core.report import to_markdown
from rarewatch.core.scan import scan

from .conftest import TODAY


@pytest.fixture
def report(corpus: Path, profile: Profile) -> Report:
    return scan(corpus, profile, TODAY, root_label="news")


@pytest.fixture
def marks(corpus: Path) -> pl.DataFrame:
    store = MarkStore(corpus)
    store.mark(
        "contradiction",
        "status:measures",
        "explained",
        note='=HYPERLINK("http://x")',
        positions=["suspended", "eliminated"],
    )
    store.mark("figure", "trade-ledger.html@10", "pinned", note="-5% is the floor")
    return marks_frame(store.marks())


def test_parquet_reads_back_equal(report: Report, marks: pl.DataFrame, tmp_path: Path) -> None:
    written = write_export(report, tmp_path / "out", "parquet", marks)
    assert [p.name for p in written] == [f"{t}.parquet" for t in TABLES]
    tables = export_tables(report, marks)
    for name, df in tables.items():
        back = pl.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert back.equals(df), name
        assert back.height == df.height
    assert tables["figures"].drop("counted").equals(report.figures)
    assert tables["figures"]["counted"].sum() == report.key_figures().height
    assert tables["contradictions"].equals(report.contradictions)
    assert tables["marks"].height == 2
    # what the profile's roles and statuses matched goes out too, for its author
    assert tables["roles"].equals(report.roles) and tables["roles"].height > 0
    assert tables["statuses"].equals(report.statuses) and tables["statuses"].height > 0


def test_parquet_is_plain_for_other_engines(report: Report, tmp_path: Path) -> None:
    """No unsigned integers (Spark refuses UINT_64) and no internal columns."""
    write_export(report, tmp_path, "parquet")
    for name in TABLES:
        schema = pl.read_parquet_schema(tmp_path / f"{name}.parquet")
        assert not any("UInt" in str(t) for t in schema.values()), name
    assert "shingles" not in pl.read_parquet_schema(tmp_path / "sources.parquet")


def test_json_reads_back_equal(report: Report, marks: pl.DataFrame, tmp_path: Path) -> None:
    write_export(report, tmp_path, "json", marks)
    for name, df in export_tables(report, marks).items():
        rows = json.loads((tmp_path / f"{name}.json").read_text())
        assert len(rows) == df.height
        if df.height:
            assert pl.DataFrame(rows, schema=df.schema).equals(df), name


def test_csv_flattens_nested_columns_to_json(report: Report, marks: pl.DataFrame, tmp_path: Path) -> None:
    write_export(report, tmp_path, "csv", marks)
    tables = export_tables(report, marks)
    back = pl.read_csv(tmp_path / "contradictions.csv", infer_schema=False)
    assert back.height == tables["contradictions"].height
    for cell, original in zip(back["positions"], tables["contradictions"]["positions"].to_list(), strict=True):
        assert json.loads(cell) == original
    sources = pl.read_csv(tmp_path / "sources.csv", infer_schema=False)
    assert [json.loads(c) for c in sources["flags"]] == tables["sources"]["flags"].to_list()
    figures = pl.read_csv(tmp_path / "figures.csv", schema=tables["figures"].schema)
    assert figures.drop("sentence", "text", "attribution", "label").equals(
        tables["figures"].drop("sentence", "text", "attribution", "label")
    )


def test_csv_guards_cells_that_start_a_formula() -> None:
    df = pl.DataFrame(
        {
            "cell": ["=1+2", "+44 20", "-5%", "@SUM(A1)", "\tx", "plain", "a=b", None],
            "n": [-1, 2, 3, 4, 5, 6, 7, 8],
            "nested": [["=bad"], [], None, ["ok"], [], [], [], []],
        }
    )
    flat = flat_for_csv(df)
    assert flat["cell"].to_list() == ["'=1+2", "'+44 20", "'-5%", "'@SUM(A1)", "'\tx", "plain", "a=b", None]
    assert flat["n"].to_list() == df["n"].to_list()  # numbers stay numbers
    assert flat["nested"].to_list()[:3] == ['["=bad"]', "[]", None]


def test_csv_export_guards_untrusted_article_text(
    corpus: Path, profile: Profile, marks: pl.DataFrame, tmp_path: Path
) -> None:
    """File names are article-controlled text too, and end up in every table's source column."""
    story = (corpus / "metalmarkets-daily.txt").read_text()
    for name in ("=SUM(1+1).txt", "@cmd.txt", "-x.txt"):
        (corpus / name).write_text(story)
    report = scan(corpus, profile, TODAY)
    write_export(report, tmp_path, "csv", marks)
    cells = 0
    for name in TABLES:
        frame = pl.read_csv(tmp_path / f"{name}.csv", infer_schema=False)
        for col in frame.columns:
            for cell in frame[col].drop_nulls():
                assert not cell.startswith(("=", "+", "-", "@")), (name, col, cell)
                cells += cell.startswith("'")
    ids = pl.read_csv(tmp_path / "sources.csv", infer_schema=False)["id"].to_list()
    assert {"'=SUM(1+1).txt", "'@cmd.txt", "'-x.txt"} <= set(ids)
    assert "'=SUM(1+1).txt" in pl.read_csv(tmp_path / "figures.csv", infer_schema=False)["source"].to_list()
    assert cells > 5
    notes = pl.read_csv(tmp_path / "marks.csv", infer_schema=False)["note"].to_list()
    assert '\'=HYPERLINK("http://x")' in notes and "'-5% is the floor" in notes


def test_markdown_writes_the_brief(report: Report, tmp_path: Path) -> None:
    (path,) = write_export(report, tmp_path, "markdown")
    assert path.name == "brief.md" and path.read_text() == to_markdown(report)


def test_empty_folder_exports_empty_tables_with_columns(tmp_path: Path, profile: Profile) -> None:
    (tmp_path / "empty").mkdir()
    report = scan(tmp_path / "empty", profile, TODAY)
    write_export(report, tmp_path / "out", "parquet")
    figures = pl.read_parquet(tmp_path / "out" / "figures.parquet")
    assert figures.height == 0 and "metric" in figures.columns


def rarewatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rarewatch", *args], capture_output=True, text=True, timeout=300)


def test_cli_export_writes_every_table_with_marks(corpus: Path, marks: pl.DataFrame, tmp_path: Path) -> None:
    out = rarewatch("export", str(corpus), "--to", str(tmp_path / "x"), "--today", "2026-11-23")
    assert out.returncode == 0, out.stderr
    assert sorted(Path(p).name for p in out.stdout.split()) == sorted(f"{t}.parquet" for t in TABLES)
    assert pl.read_parquet(tmp_path / "x" / "marks.parquet").equals(marks)
    again = rarewatch("export", str(corpus), "--to", str(tmp_path / "y"), "--format", "csv", "--no-cache")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "y" / "figures.csv").exists()


def test_cli_export_with_corrupt_marks_is_one_line_exit_2(corpus: Path, tmp_path: Path) -> None:
    store = MarkStore(corpus)
    store.mark("figure", "a@1", "pinned")
    store.path.write_text("[[mark]\n")
    out = rarewatch("export", str(corpus), "--to", str(tmp_path / "x"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and str(store.path) in out.stderr


def test_cli_scan_uses_the_cache_and_no_cache_skips_it(corpus: Path, user_dirs: dict[str, Path]) -> None:
    plain = rarewatch("scan", str(corpus), "--format", "json", "--today", "2026-11-23", "--no-cache")
    assert plain.returncode == 0 and not user_dirs["cache"].exists()
    cold = rarewatch("scan", str(corpus), "--format", "json", "--today", "2026-11-23")
    warm = rarewatch("scan", str(corpus), "--format", "json", "--today", "2026-11-23")
    assert cold.returncode == warm.returncode == 0 and list(user_dirs["cache"].glob("*/manifest.json"))

    def stable(out: str) -> dict:
        rep = json.loads(out)
        rep.pop("generated")
        rep.pop("contradictions")  # position order inside a contradiction is not fixed by the core
        return rep

    assert stable(plain.stdout) == stable(cold.stdout) == stable(warm.stdout)
