"""Getting from the dashboard to the original article, and quoting it (`o` and `y`)."""

from __future__ import annotations

import asyncio
import re
import webbrowser
from pathlib import Path

import pytest

from rarewatch.app.reading import ReaderScreen, SearchScreen
from rarewatch.app.widgets.reader import ArticleReader
from rarewatch.app.widgets.table import Table

from .conftest import SIZE, loaded, make_app, toasts, wait_for

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


async def open_reader(pilot, source: str) -> ArticleReader:
    app = pilot.app
    app.open_reader(source)
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and bool(app.screen.query(ArticleReader)))
    reader = app.screen.query_one(ArticleReader)
    await wait_for(pilot, lambda: bool(reader.text) and app.screen.address_known)
    return reader


def test_the_reader_shows_the_canonical_address_and_o_opens_it(
    seeds: Path, profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = CANONICAL.search((seeds / "trade-ledger.html").read_text()).group(1)
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)

    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await open_reader(pilot, "trade-ledger.html")
            assert address in str(app.screen.query_one("#meta").render())
            await pilot.press("o")
            await wait_for(pilot, lambda: opened == [address])

    asyncio.run(go())


def test_a_url_line_in_a_text_article_is_its_address(seeds: Path, profile) -> None:
    url = "https://harborwire.example/2025/11/busan-truce"
    path = seeds / "harbor-wire-busan-truce.txt"
    path.write_text(path.read_text() + f"\n\nURL: {url}\n")

    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await open_reader(pilot, "harbor-wire-busan-truce.txt")
            assert app.screen.address == url
            assert url in str(app.screen.query_one("#meta").render())

    asyncio.run(go())


def test_without_an_address_o_hands_the_file_to_the_pager(
    seeds: Path, profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test driver cannot give the terminal away, so the user is told which file it was."""
    monkeypatch.setenv("PAGER", "my-pager --quiet")
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)

    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await loaded(pilot)
            await open_reader(pilot, "ore-notes-blog.md")
            assert app.screen.address is None
            await pilot.press("o")
            file = str(seeds.resolve() / "ore-notes-blog.md")
            await wait_for(pilot, lambda: any(file in t and "my-pager" in t for t in toasts(app)))
            assert opened == []

    asyncio.run(go())


def test_y_copies_the_sentence_under_the_cursor_with_its_source_and_date(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            reader = await open_reader(pilot, "trade-ledger.html")
            await pilot.press("n", "n")
            span = reader.targets[reader.current]
            await pilot.press("y")
            await wait_for(pilot, lambda: bool(app.clipboard))
            info = app.screen.info
            copied = app.clipboard
            sentence = next(
                s for s in re.split(r"(?<=[.!?])\s+|\n", reader.text) if reader.text[span.start : span.end] in s
            )
            assert sentence.strip()[:40] in copied
            assert info["outlet"] in copied and info["published"] in copied and app.screen.address in copied
            # the same key copies a search result's sentence
            await pilot.press("escape", "ctrl+f", *"busan")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await wait_for(pilot, lambda: screen.result is not None and screen.result.query == "busan")
            await wait_for(pilot, lambda: screen.query_one(Table).row_count > 0)
            await pilot.press("enter", "y")
            first = screen.result.rows.row(0, named=True)
            await wait_for(pilot, lambda: first["sentence"][:30] in app.clipboard)
            assert first["who"] in app.clipboard

    asyncio.run(go())


def test_help_lists_search_open_and_copy(seeds: Path, profile) -> None:
    app = make_app(seeds, profile, watch=False)
    shown = {desc for _, keys in app.help_sections() for _, desc in keys}
    assert any("Open the original" in d for d in shown)
    assert any("Copy the sentence" in d for d in shown)
    assert any("Search every article" in d for d in shown)
