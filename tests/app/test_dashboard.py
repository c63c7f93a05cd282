"""The dashboard driven through Pilot on real files: panes, narrowing, reader, screens, live."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from rich.text import Text

from notifications import Heard
from rarewatch.app.main import RarewatchApp
from rarewatch.app.reading import ReaderScreen
from rarewatch.app.screens import (
    ContradictionScreen,
    HelpScreen,
    MetricScreen,
    ThemeScreen,
    TimelineScreen,
)
from rarewatch.app.widgets.contradictions import ContradictionsPane
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.header import StoryHeader
from rarewatch.app.widgets.questions import QuestionsPane
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.sources import SourcesPane
from rarewatch.app.widgets.table import Table
from rarewatch.core import views as V

from .conftest import SEEDS, SIZE, loaded, make_app, wait_for


def focused_pane(app: RarewatchApp) -> str | None:
    f = app.focused
    for a in f.ancestors_with_self if f else []:
        if a.id in ("sources", "figures", "contradictions", "questions"):
            return a.id
    return None


def cell_text(table: Table, row: int, col: int) -> str:
    value = table.get_row_at(row)[col]
    return value.plain if isinstance(value, Text) else str(value)


def test_first_paint_then_the_panes_fill(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            # the layout is there before any analysis has finished
            assert app.query_one(SourcesPane) and app.query_one(QuestionsPane)
            await loaded(pilot)
            assert app.query_one(SourcesPane).table.row_count == 6
            assert app.query_one(FiguresPane).table.row_count == V.figures_by_metric(app.report).height
            assert app.query_one(ContradictionsPane).table.row_count == app.report.contradictions.height
            countdown = app.query_one(StoryHeader).query_one("#countdown").render()
            assert "terms lapse" in str(countdown)
            assert "US–China rare earth truce" in str(app.query_one("#story").render())

    asyncio.run(go())


def test_keys_move_between_panes_and_rows(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert focused_pane(app) == "sources"
            for key, pane in (("2", "figures"), ("3", "contradictions"), ("4", "questions"), ("1", "sources")):
                await pilot.press(key)
                assert focused_pane(app) == pane
            await pilot.press("tab")
            assert focused_pane(app) == "figures"
            await pilot.press("shift+tab")
            assert focused_pane(app) == "sources"
            table = app.query_one(SourcesPane).table
            await pilot.press("j", "j")
            assert table.cursor_row == 2
            await pilot.press("k")
            assert table.cursor_row == 1
            await pilot.press("down")
            assert table.cursor_row == 2
            # the mouse: clicking a row of another pane moves focus and cursor there
            await pilot.click(QuestionsPane, offset=(10, 4))
            assert focused_pane(app) == "questions"

    asyncio.run(go())


def test_narrowing_to_a_source_and_back(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            sources = app.query_one(SourcesPane)
            row = sources.table.get_row_index("trade-ledger.html")
            sources.table.move_cursor(row=row)
            await pilot.press("space")
            await wait_for(pilot, lambda: app.narrowed == "trade-ledger.html")
            want = V.figures_by_metric(app.report, source="trade-ledger.html").height
            assert app.query_one(FiguresPane).table.row_count == want
            assert want < V.figures_by_metric(app.report).height
            assert cell_text(sources.table, row, 0) == "▸"
            await pilot.press("space")
            await wait_for(pilot, lambda: app.narrowed is None)
            await pilot.press("f")
            await wait_for(pilot, lambda: app.narrowed == "trade-ledger.html")
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.narrowed is None)
            assert app.query_one(FiguresPane).table.row_count == V.figures_by_metric(app.report).height

    asyncio.run(go())


def test_filter_the_focused_pane(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table = app.query_one(SourcesPane).table
            await pilot.press("slash")
            await pilot.press(*"trade-ledger")
            await wait_for(pilot, lambda: table.row_count == 1)
            await pilot.press("enter")
            assert table.has_focus and table.row_count == 1
            await pilot.press("escape")
            await wait_for(pilot, lambda: table.row_count == 6)

    asyncio.run(go())


def test_reader_opens_from_a_source_and_n_jumps(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            reader = app.screen.query_one(ArticleReader)
            await wait_for(pilot, lambda: len(reader.spans) > 0 and bool(reader.text))
            assert reader.current == -1
            await pilot.press("n")
            assert reader.current == 0
            await pilot.press("n")
            assert reader.current == 1
            await pilot.press("N")
            assert reader.current == 0
            status = str(app.screen.query_one("#mark-status").render())
            assert "1/" in status
            await pilot.press("escape")
            assert not isinstance(app.screen, ReaderScreen)

    asyncio.run(go())


def test_open_a_contradiction_and_read_its_sentence(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("3", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ContradictionScreen))
            screen = app.screen
            assert len(screen.positions) >= 2
            quote = screen.positions[0].quotes[0]
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            reader = app.screen.query_one(ArticleReader)
            assert app.screen.source_id == quote.source
            await wait_for(pilot, lambda: reader.current >= 0)
            span = reader.spans[reader.current]
            assert span.start >= quote.start or span.start <= quote.start < span.end
            await pilot.press("escape", "right")
            assert isinstance(app.screen, ContradictionScreen)
            await pilot.press("escape")
            assert focused_pane(app) == "contradictions"

    asyncio.run(go())


def test_figure_detail_lists_every_figure_and_lands_the_reader(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("2", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, MetricScreen))
            screen = app.screen
            table = screen.query_one(Table)
            await wait_for(pilot, lambda: table.row_count == screen.total)
            first = screen.rows.row(0, named=True)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            reader = app.screen.query_one(ArticleReader)
            await wait_for(pilot, lambda: reader.current >= 0)
            assert reader.spans[reader.current].start == first["start"]
            assert reader.spans[reader.current].kind == "figure"

    asyncio.run(go())


def test_questions_timeline_and_help(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("4", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ThemeScreen))
            assert app.screen.rows.height > 0
            await pilot.press("escape", "t")
            await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
            assert app.screen.query_one(Table).row_count == app.report.timeline.height + 2  # today, end date
            await pilot.press("escape", "question_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            shown = " ".join(str(s.render()) for s in app.screen.query(".help-column"))
            for words in ("Narrow to source", "Next mark", "Filter", "Timeline", "Quit"):
                assert words in shown
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)

    asyncio.run(go())


def test_command_palette_runs_actions(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("ctrl+p")
            await pilot.press(*"timeline")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
            await pilot.press("escape", "ctrl+p")
            await pilot.press(*"narrow to beijing formally")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.narrowed == "trade-ledger.html")

    asyncio.run(go())


def test_live_update_adds_marks_and_announces(tmp_path: Path, profile) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    for name in ("harbor-wire-busan-truce.txt", "metalmarkets-daily.txt"):
        shutil.copy(SEEDS / name, folder / name)

    async def go() -> None:
        app = make_app(folder, profile)
        heard = Heard()
        async with app.run_test(size=SIZE, message_hook=heard) as pilot:
            await loaded(pilot)
            table = app.query_one(SourcesPane).table
            assert table.row_count == 2
            await pilot.pause(0.3)
            shutil.copy(SEEDS / "trade-ledger.html", folder / "trade-ledger.html")
            await wait_for(pilot, lambda: table.row_count == 3)
            assert "trade-ledger.html" in app.unseen
            row = table.get_row_index("trade-ledger.html")
            assert row == 0 and cell_text(table, row, 0) == "●"
            # the announcement follows once the full report (contradictions) is built
            await wait_for(pilot, lambda: len(heard.messages) > 0)
            messages = heard.messages
            assert any(
                m.startswith("New: Beijing Formally Suspends") and "(Trade Ledger)" in m and "figures" in m
                for m in messages
            ), messages
            # the cursor stayed on the row it was on; the new row is seen once the cursor is on it
            assert table.cursor_row == 1
            await pilot.press("k")
            await wait_for(pilot, lambda: "trade-ledger.html" not in app.unseen)
            assert cell_text(table, 0, 0) == " "
            # changed and deleted files update the panes too
            (folder / "metalmarkets-daily.txt").unlink()
            await wait_for(pilot, lambda: table.row_count == 2)
            assert "metalmarkets-daily.txt" not in app.library

    asyncio.run(go())


def test_a_burst_of_files_is_one_refresh(tmp_path: Path, profile) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    staging = tmp_path / "staging"
    staging.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for i in range(60):
        src = seeds[i % len(seeds)]
        text = src.read_text().replace("rare earth", f"rare earth (copy {i})", 1)
        (staging / f"{src.stem}-{i:03d}{src.suffix}").write_text(text)

    async def go() -> None:
        app = make_app(folder, profile)
        heard = Heard()
        async with app.run_test(size=SIZE, message_hook=heard) as pilot:
            await loaded(pilot)
            before = app.refreshes
            staging.rename(folder / "dropped")
            await wait_for(pilot, lambda: len(app.library) == 60, timeout=60)
            await wait_for(pilot, lambda: not app.analysing and not app.building)
            assert app.refreshes == before + 1
            assert app.progress_seen > 0
            assert any(m.startswith("60 new articles") for m in heard.messages)

    asyncio.run(go())


EVIL_TITLE = "[@click=app.quit]Click [bold red]me[/]"


def test_untrusted_text_renders_literally_and_runs_nothing(tmp_path: Path, profile) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    story = (SEEDS / "harbor-wire-busan-truce.txt").read_text().split("\n\n", 4)[-1]
    evil = (
        f"# {EVIL_TITLE}\x1b[31m\x1b]0;pwned\x07\n\n*By Ana Ruiz, October 31, 2025*\n\n"
        "Analysts said [/bold] and [@click=app.quit]rare earth[/] prices fell 5%.\n\n" + story
    )

    async def go() -> None:
        app = make_app(folder, profile)
        heard = Heard()
        async with app.run_test(size=SIZE, message_hook=heard) as pilot:
            await loaded(pilot)
            (folder / "evil.md").write_text(evil)
            table = app.query_one(SourcesPane).table
            await wait_for(pilot, lambda: table.row_count == 1)
            shown = cell_text(table, 0, 1)
            assert "[@click=app.quit]Click [bold red]me[/]" in shown
            assert "\x1b" not in shown
            await wait_for(pilot, lambda: len(heard.messages) > 0)
            messages = heard.messages
            assert any(EVIL_TITLE in m for m in messages), messages
            # clicking the row (twice: select, then open) must not quit the app
            await pilot.click(SourcesPane, offset=(6, 2))
            await pilot.click(SourcesPane, offset=(6, 2))
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
            assert app.is_running
            title = str(app.screen.query_one(".title").render())
            assert EVIL_TITLE in title
            reader = app.screen.query_one(ArticleReader)
            assert "[@click=app.quit]rare earth[/]" in reader.text
            await pilot.click(ArticleReader, offset=(10, 8))
            await pilot.pause(0.2)
            assert app.is_running and app.return_code is None
            await pilot.press("escape")
            # and in the command palette
            await pilot.press("ctrl+p")
            await pilot.press(*"click me")
            await pilot.pause(0.5)
            assert app.is_running

    asyncio.run(go())


def test_r_on_a_figure_or_a_contradiction_reads_the_first_article_behind_it(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            for key, kind in (("2", "metric"), ("3", "contradiction")):
                await pilot.press(key)
                row = app.focused.current_key
                await pilot.press("r")
                await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
                if kind == "metric":
                    want = V.metric_figures(app.report, row, None, limit=1)[0]["source"][0]
                    assert app.screen.source_id == want
                await pilot.press("escape")
                await wait_for(pilot, lambda: not isinstance(app.screen, ReaderScreen))

    asyncio.run(go())
