"""Past the deadline: the header says the terms lapsed and how old the newest article is, and the
timeline marks today and the end date."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from rarewatch.app.main import RarewatchApp
from rarewatch.app.screens import TimelineScreen
from rarewatch.app.widgets.table import Table

from .conftest import SIZE, loaded, make_app, wait_for


def header(app: RarewatchApp) -> str:
    return str(app.query_one("#countdown").render())


def test_past_the_deadline_the_header_says_lapsed_and_names_the_newest_article(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            r = app.report.renegotiation
            due = dt.date.fromisoformat(r["due"])
            assert due < app.today()
            newest = max(p for p in app.report.sources["published"].to_list() if p)
            shown = header(app)
            assert "lapsed" in shown and r["due"] in shown and f"{(app.today() - due).days} days ago" in shown
            assert f"newest article {newest}" in shown and "may be stale" in shown

    asyncio.run(go())


def test_before_the_deadline_there_is_no_lapse(seeds: Path, profile) -> None:
    async def go() -> None:
        app = RarewatchApp(seeds, profile, today=dt.date(2025, 11, 29), watch=False, root_label="seeds")
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert "lapsed" not in header(app) and "stale" not in header(app)
            assert f"in {app.report.renegotiation['days_left']} days" in header(app)

    asyncio.run(go())


def test_the_timeline_marks_today_and_the_end_date_in_date_order(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("t")
            await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
            table = app.screen.query_one(Table)
            await wait_for(pilot, lambda: table.row_count > 0)
            rows = [[c.plain for c in table.get_row(r.key)] for r in table.ordered_rows]
            dates = [r[0] for r in rows]
            assert dates == sorted(dates)
            today = [r for r in rows if "today" in r[1]]
            end = [r for r in rows if "end date" in r[1]]
            assert [r[0] for r in today] == [app.today().isoformat()]
            assert [r[0] for r in end] == [app.report.renegotiation["due"]]
            # the end date is before today here, and each event dated after it follows it
            assert rows.index(end[0]) < rows.index(today[0])
            assert table.row_count == app.report.timeline.height + 2

    asyncio.run(go())
