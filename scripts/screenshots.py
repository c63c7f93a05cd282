"""Drive the dashboard headlessly on seeds/ and save SVG screenshots to screenshots/.

    .venv/bin/python scripts/screenshots.py [--dir seeds] [--today 2026-11-23] [--out screenshots]

The same fixed size and date as the snapshot tests, so the pictures in the repository show what
the tests check: the dashboard, the article reader on a figure, a contradiction side by side,
a metric's figures and history, the panes narrowed to one source, the timeline (today and the end
date marked), the search over every article, the help screen, the note
prompt of a review mark and the panes with marks (in a private data folder, so the pictures
never show marks of earlier runs).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from rarewatch.app.main import RarewatchApp
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.sources import SourcesPane
from rarewatch.core.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise SystemExit(f"timed out waiting for {condition}")


async def shoot(folder: Path, today: dt.date, out: Path, size: tuple[int, int]) -> list[Path]:
    app = RarewatchApp(folder, load_profile(), today=today, watch=False, root_label=folder.name)
    saved: list[Path] = []

    def save(name: str) -> None:
        path = out / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
        saved.append(path)

    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.complete)
        await pilot.pause(0.2)
        save("dashboard")

        table = app.query_one(SourcesPane).table
        if "trade-ledger.html" in app.library:
            table.move_cursor(row=table.get_row_index("trade-ledger.html"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.screen.query(ArticleReader)))
        reader = app.screen.query_one(ArticleReader)
        await wait_for(pilot, lambda: bool(reader.spans))
        await pilot.press("n", "n", "n")
        await pilot.pause(0.3)
        save("reader")
        await pilot.press("escape")

        await pilot.press("3", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ContradictionScreen")
        await pilot.pause(0.3)
        save("contradiction")
        await pilot.press("escape")

        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MetricScreen")
        await pilot.pause(0.3)
        save("figures")
        await pilot.press("escape")

        await pilot.press("1", "space")
        await wait_for(pilot, lambda: app.narrowed is not None)
        await pilot.pause(0.2)
        save("narrowed")
        await pilot.press("escape")

        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TimelineScreen")
        await pilot.pause(0.3)
        save("timeline")
        await pilot.press("escape")

        await pilot.press("ctrl+f", *"truce", "enter")
        await wait_for(pilot, lambda: getattr(app.screen, "searches", 0) > 0)
        await pilot.press("j")
        await pilot.pause(0.3)
        save("search")
        await pilot.press("escape")

        await pilot.press("question_mark")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.pause(0.3)
        save("help")
        await pilot.press("escape")

        # review marks: a contradiction explained with a note, a key figure pinned
        await pilot.press("3", "x")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        await pilot.press(*"same survey, different rounding")
        await pilot.pause(0.2)
        save("note")
        await pilot.press("enter")
        await pilot.press("2", "j", "j", "p", "enter")
        await wait_for(pilot, lambda: len(app.marks) == 2 and app.mark_writes == 0)
        await pilot.press("3", "j")  # off the marked row, so its dimming shows
        await pilot.pause(0.3)
        save("marks")
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(ROOT / "seeds"))
    ap.add_argument("--today", default="2026-11-23", type=dt.date.fromisoformat)
    ap.add_argument("--out", default=str(ROOT / "screenshots"))
    ap.add_argument("--size", default="140x40", help="COLUMNSxROWS")
    args = ap.parse_args(argv)
    # a private data and cache folder: marks and sessions of earlier runs must not show
    private = Path(tempfile.mkdtemp(prefix="rarewatch-shots-"))
    for var in ("RAREWATCH_CONFIG_DIR", "RAREWATCH_CACHE_DIR", "RAREWATCH_DATA_DIR"):
        os.environ[var] = str(private / var.lower())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cols, rows = (int(x) for x in args.size.split("x"))
    for p in asyncio.run(shoot(Path(args.dir), args.today, out, (cols, rows))):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
