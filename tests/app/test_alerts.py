"""Alerts on a drop: a key figure's latest value moved, a contradiction opened, a new deadline.

The dropped article is a real seed: the folder is watched without it, then it arrives.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from rarewatch.app.main import RarewatchApp
from rarewatch.core.alerts import AlertKind
from rarewatch.core.config import Settings
from rarewatch.core.views import stated_figure

from .conftest import SEEDS, SIZE, TODAY, loaded, toasts, wait_for


def test_a_dropped_article_that_moves_a_figure_is_announced_and_rings(tmp_path: Path, profile) -> None:
    folder = tmp_path / "watched"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("trade-ledger.html"))
    rang: list[int] = []

    async def go() -> None:
        app = RarewatchApp(folder, profile, today=TODAY, root_label="watched", settings=Settings(bell=True))
        app.bell = lambda: rang.append(1)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await loaded(pilot)
            # figures as the alert quotes them: with their hedge ("well over an hour")
            stated = app.report.figures.with_columns(stated_figure().alias("stated"))
            before = {
                m: stated.filter(stated["metric"] == m)["stated"].to_list() for m in stated["metric"].unique().to_list()
            }
            assert app.alerts == []
            shutil.copy(SEEDS / "trade-ledger.html", folder / "trade-ledger.html")
            await wait_for(pilot, lambda: bool(app.alerts), timeout=30)
            moved = [a for a in app.alerts if a.kind == AlertKind.FIGURE]
            assert moved
            for a in moved:
                old = before[a.key]
                # the alert names a value other articles gave, and the value the new one gives
                said_before, said_now = a.detail.split(" (")[0].split(" → ")
                assert said_before in old
                now = app.report.figures.with_columns(stated_figure().alias("stated"))
                new = now.filter((now["metric"] == a.key) & (now["source"] == "trade-ledger.html"))["stated"].to_list()
                assert said_now in new and said_now not in old
            opened = {a.key for a in app.alerts if a.kind == AlertKind.CONTRADICTION}
            assert opened and opened <= set(app.report.contradictions["id"].to_list())
            status = str(app.status.query_one("#status-text").render())
            assert "⚑" in status and moved[0].subject in status
            await wait_for(pilot, lambda: any(moved[0].subject in t for t in toasts(app)))
            assert rang == [1]

    asyncio.run(go())


def test_no_alert_for_an_article_that_moves_nothing(tmp_path: Path, profile) -> None:
    folder = tmp_path / "watched"
    shutil.copytree(SEEDS, folder)

    async def go() -> None:
        app = RarewatchApp(folder, profile, today=TODAY, root_label="watched")
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            refreshes = app.refreshes
            (folder / "note.txt").write_text("A note about lunch.\n\nNothing here concerns the story.\n")
            await wait_for(pilot, lambda: app.refreshes > refreshes and "note.txt" in app.library, timeout=30)
            assert app.alerts == []

    asyncio.run(go())
