"""One count of everything: the header, the pane titles, `scan --format table`, the brief and
each export say the same number of sources, figures and contradictions for the same folder."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from rarewatch.core.profile import load_profile

from .conftest import SEEDS, SIZE, TODAY, loaded, make_app

REAL = Path(os.environ.get("RAREWATCH_REAL_CORPUS", Path.home() / "rarewatch-real"))
FOLDERS = [
    pytest.param(SEEDS, "truce", id="seeds"),
    pytest.param(REAL / "truce", "truce", id="real-truce"),
    pytest.param(REAL / "ev-tariffs", "ev-tariffs", id="real-ev-tariffs"),
]


def _cli(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "rarewatch", *args], capture_output=True, text=True, timeout=300, check=True
    )
    return out.stdout


def _header_counts(folder: Path, profile_name: str) -> dict[str, int]:
    app = make_app(folder, load_profile(profile_name), root_label=folder.name)

    async def run() -> dict[str, int]:
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            header = str(app.query_one("#story").render())
            contra_title = str(app.query_one("#contradictions").border_title)
        m = re.search(r"([\d,]+) sources · ([\d,]+) figures · ([\d,]+) contradictions", header)
        assert m, header
        pane_c = re.search(r"\((\d+)", contra_title)
        assert pane_c, contra_title
        return {
            "sources": int(m.group(1).replace(",", "")),
            "figures": int(m.group(2).replace(",", "")),
            "contradictions": int(m.group(3).replace(",", "")),
            "pane_contradictions": int(pane_c.group(1)),
        }

    return asyncio.run(run())


@pytest.mark.parametrize(("folder", "profile_name"), FOLDERS)
def test_every_view_counts_the_same_rows(folder: Path, profile_name: str, tmp_path: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here (real articles are collected outside the repository)")
    common = ["--profile", profile_name, "--today", TODAY.isoformat(), "--no-cache"]
    table = _cli("scan", str(folder), "--format", "table", *common)
    brief = _cli("scan", str(folder), "--format", "markdown", *common)
    _cli("export", str(folder), "--to", str(tmp_path / "out"), "--format", "csv", *common)

    def count(pattern: str, text: str) -> int:
        m = re.search(pattern, text, re.M)
        assert m, f"{pattern!r} not in:\n{text[:2000]}"
        return int(m.group(1))

    table_figures = count(r"^KEY FIGURES \((\d+)\)", table)
    listed = table.split("KEY FIGURES")[1].split("CONTRADICTIONS")[0].strip().splitlines()[1:]
    exported = {
        name: pl.read_csv(tmp_path / "out" / f"{name}.csv") for name in ("sources", "figures", "contradictions")
    }
    head = _header_counts(folder, profile_name)

    figures = {
        "header": head["figures"],
        "table title": table_figures,
        "table rows": len(listed),
        "brief": count(r"^## Key figures \((\d+) from", brief),
        "figures export (counted)": int(exported["figures"]["counted"].sum()),
        "sources' figures column": int(exported["sources"]["figures"].sum()),
    }
    assert len(set(figures.values())) == 1, figures
    contradictions = {
        "header": head["contradictions"],
        "pane": head["pane_contradictions"],
        "table": count(r"^CONTRADICTIONS \((\d+)\)", table),
        "brief": count(r"^## Contradictions \((\d+)\)", brief),
        "export": exported["contradictions"].height,
    }
    assert len(set(contradictions.values())) == 1, contradictions
    sources = {
        "header": head["sources"],
        "table": count(r"^SOURCES \((\d+)\)", table),
        "export": exported["sources"].height,
    }
    assert len(set(sources.values())) == 1, sources


def test_the_dashboard_builds_the_report_scan_builds(seeds: Path) -> None:
    """One path from a folder to a report: after a file is dropped into the watched folder,
    the dashboard's report is the one `rarewatch scan` builds of the same folder."""
    from rarewatch.core.scan import scan

    from .conftest import wait_for

    profile = load_profile("truce")
    extra = seeds / "trade-ledger.html"
    held = extra.read_bytes()
    extra.unlink()
    app = make_app(seeds, profile)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            before = app.report
            extra.write_bytes(held)  # the watcher reads it, the quick refresh then the full one
            await wait_for(
                pilot, lambda: app.report is not before and "trade-ledger.html" in app.report.sources["id"].to_list()
            )
            await wait_for(pilot, lambda: app.report is app.settled and not app.report.contradictions.is_empty())
            shown = app.report
            expected = scan(seeds, profile, TODAY, root_label="seeds")
            for name in ("sources", "figures", "timeline", "questions", "contradictions", "statuses", "roles"):
                a = getattr(shown, name).drop("shingles", strict=False)
                b = getattr(expected, name).drop("shingles", strict=False)
                assert a.sort(a.columns[0]).equals(b.sort(b.columns[0])), name
            assert shown.renegotiation == expected.renegotiation

    asyncio.run(run())
