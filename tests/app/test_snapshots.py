"""SVG snapshots of the dashboard on a copy of seeds/ with a fixed size and a fixed today.

Update them with `.venv/bin/pytest tests/app/test_snapshots.py --snapshot-update` after a
deliberate change to the layout, and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.sources import SourcesPane

from .conftest import SIZE, loaded, make_app, wait_for


def test_dashboard(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)


def test_reader_on_a_figure(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)
        table = pilot.app.query_one(SourcesPane).table
        table.move_cursor(row=table.get_row_index("trade-ledger.html"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(pilot.app.screen.query(ArticleReader)))
        reader = pilot.app.screen.query_one(ArticleReader)
        await wait_for(pilot, lambda: bool(reader.spans))
        await pilot.press("n", "n", "n")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)


def test_contradiction_side_by_side(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("3", "enter")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ContradictionScreen")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)


def test_search_results(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("ctrl+f", *"truce", "enter")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: getattr(screen, "searches", 0) > 0)
        await pilot.press("j")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)


def test_figure_history(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)
        table = pilot.app.query_one(FiguresPane).table
        await pilot.press("2")
        table.move_cursor(row=table.get_row_index("china_share_processing"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "MetricScreen")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)


def test_stale_header(snap_compare, seeds: Path, profile) -> None:
    """Past the deadline (the fixed today is after the end date): lapsed, and the newest article."""

    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=(140, 8), run_before=ready)


def test_timeline_marks_today_and_the_end_date(snap_compare, seeds: Path, profile) -> None:
    async def ready(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "TimelineScreen")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeds, profile, watch=False), terminal_size=SIZE, run_before=ready)
