"""Searching every article's text (`ctrl+f`) and one article's (`/` in the reader), as a user does.

The expected rows are worked out from the articles on disk with plain Python, never written in.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from textual.widgets import Input

from rarewatch.app.reading import ReaderScreen, SearchScreen
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.table import Table

from .conftest import SIZE, loaded, make_app, wait_for


def articles_saying(app, word: str) -> set[str]:
    report = app.report
    return {s for s, t in report.texts.select("source", "text").iter_rows() if word.lower() in t.lower()}


def test_ctrl_f_finds_every_sentence_naming_a_person_and_enter_reads_it(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("ctrl+f")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            screen = app.screen
            await pilot.press(*"bessent")
            await wait_for(pilot, lambda: screen.result is not None and screen.result.query == "bessent")
            result = screen.result
            expected = sum(t.lower().count("bessent") for t in app.report.texts["text"].to_list())
            assert result.total == expected and result.rows.height == expected
            assert set(result.rows["source"].to_list()) == articles_saying(app, "bessent")
            table = screen.query_one(Table)
            await wait_for(pilot, lambda: table.row_count == expected)
            summary = str(screen.query_one("#search-summary").render())
            assert f"{expected} matches in {len(articles_saying(app, 'bessent'))} articles" in summary
            for sentence in result.rows["sentence"].to_list():
                assert "bessent" in sentence.lower()
            # Enter moves to the results, Enter again reads the first one at its match
            await pilot.press("enter", "enter")
            await wait_for(
                pilot, lambda: isinstance(app.screen, ReaderScreen) and bool(app.screen.query(ArticleReader))
            )
            reader = app.screen.query_one(ArticleReader)
            await wait_for(pilot, lambda: reader.current >= 0)
            first = result.rows.row(0, named=True)
            assert app.screen.source_id == first["source"]
            assert reader.targets[reader.current].start == first["start"]
            assert reader.text[first["start"] : first["end"]].lower() == "bessent"

    asyncio.run(go())


def test_search_is_literal_and_says_when_nothing_matches(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("ctrl+f")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            screen = app.screen
            await pilot.press(*"(.*")
            await wait_for(pilot, lambda: screen.result is not None and screen.result.query == "(.*")
            assert screen.result.total == 0
            assert "no matches" in str(screen.query_one("#search-summary").render())

    asyncio.run(go())


def test_slash_in_the_reader_searches_the_article_and_n_walks_the_matches(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            app.open_reader("harbor-wire-busan-truce.txt")
            await wait_for(
                pilot, lambda: isinstance(app.screen, ReaderScreen) and bool(app.screen.query(ArticleReader))
            )
            reader = app.screen.query_one(ArticleReader)
            await wait_for(pilot, lambda: bool(reader.text))
            word = "china"
            where = [m.start() for m in re.finditer(word, reader.text, re.IGNORECASE)]
            assert len(where) >= 2
            await pilot.press("slash", *word, "enter")
            await wait_for(pilot, lambda: reader.current >= 0)
            assert [s.start for s in reader.targets] == where
            first = reader.current
            await pilot.press("n")
            assert reader.targets[reader.current].start == where[(first + 1) % len(where)]
            await pilot.press("N", "N")
            assert reader.targets[reader.current].start == where[(first - 1) % len(where)]
            # Escape drops the search: n walks the analysis marks again; a second Escape leaves
            await pilot.press("escape")
            assert not app.screen.query_one("#reader-search", Input).display
            assert reader.targets == reader.spans
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, ReaderScreen))

    asyncio.run(go())


EVIL = "[@click=app.quit]Click [bold red]me[/] \x1b]0;pwned\x07 rare earth note"


def test_search_results_and_copies_show_hostile_text_literally(seeds: Path, profile) -> None:
    (seeds / "evil.txt").write_text(f"Rare earth truce notes\n\n{EVIL}. China paused controls for a year.\n")

    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("ctrl+f", *"click", "enter")
            screen = app.screen
            await wait_for(pilot, lambda: screen.result is not None and screen.result.query == "click")
            table = screen.query_one(Table)
            await wait_for(pilot, lambda: table.row_count > 0)
            shown = [table.get_row(r.key)[2].plain for r in table.ordered_rows]
            assert any("[@click=app.quit]Click [bold red]me[/]" in s for s in shown)
            assert not any("\x1b" in s or "\x07" in s for s in shown)
            await pilot.click(table, offset=(30, 1))
            await pilot.press("y")
            await wait_for(pilot, lambda: "[@click=app.quit]" in app.clipboard)
            assert "\x1b" not in app.clipboard and app.is_running

    asyncio.run(go())
