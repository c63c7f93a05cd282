"""Coverage over time: articles published per day as a sparkline under the sources."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from pathlib import Path

from textual.widgets import Sparkline

from rarewatch.app.widgets.sources import SourcesPane

from .conftest import SIZE, loaded, make_app, wait_for


def per_day(report) -> list[float]:
    days = Counter(dt.date.fromisoformat(p) for p in report.sources["published"].to_list() if p and len(p) == 10)
    first, last = min(days), max(days)
    return [float(days.get(first + dt.timedelta(d), 0)) for d in range((last - first).days + 1)]


def test_the_sources_pane_charts_articles_per_day_and_follows_a_drop(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            chart = app.query_one(SourcesPane).query_one(Sparkline)
            assert list(chart.data) == per_day(app.report)
            before = len(chart.data)
            newest = max(p for p in app.report.sources["published"].to_list() if p)
            later = dt.date.fromisoformat(newest) + dt.timedelta(days=3)
            text = (seeds / "harbor-wire-busan-truce.txt").read_text()
            (seeds / "later.txt").write_text(
                f"Rare earth truce holds, officials say\n\nPublished {later:%B %d, %Y}\n\n" + text.split("\n\n", 1)[1]
            )
            await wait_for(pilot, lambda: len(chart.data) > before, timeout=30)
            assert list(chart.data) == per_day(app.report)
            assert chart.data[-1] >= 1

    asyncio.run(go())
