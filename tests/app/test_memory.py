"""The dashboard's memory, driven through Pilot on real files: the parse cache, review marks,
"since you last looked", export and settings. Every test runs two sessions on one folder where it
matters, because what is being tested is what survives a restart."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path

import polars as pl
import pytest
from rich.text import Text

from notifications import Heard
from rarewatch.app.main import RarewatchApp
from rarewatch.app.screens import DigestScreen, ExportScreen, PromptScreen
from rarewatch.app.widgets.contradictions import ContradictionsPane
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.questions import QuestionsPane
from rarewatch.app.widgets.sources import SourcesPane
from rarewatch.app.widgets.table import Table
from rarewatch.core.config import Settings
from rarewatch.core.export import TABLES
from rarewatch.core.marks import MarkStore

from .conftest import SIZE, loaded, make_app, toasts, wait_for

PROCESSING = "figure:china_processing_share"
NEW_SOURCE = """Title: Refiners say China's grip is tighter than thought
Outlet: Quarry Post
Published: 2025-11-12

China controls 97% of global rare earth processing capacity, according to a survey of refiners \
published on Wednesday. The figure is higher than earlier estimates.
"""


def row_text(table: Table, key: str) -> Text:
    row = table.get_row_index(key)
    out = Text()
    for value in table.get_row_at(row):
        out.append_text(value if isinstance(value, Text) else Text(str(value)))
        out.append(" ")
    return out


def is_dim(table: Table, key: str) -> bool:
    """The row's main cell is dimmed as a whole (a settled mark)."""
    main = table.get_row_at(table.get_row_index(key))[1]
    return any(str(s.style) == "dim" and s.start == 0 and s.end == len(main.plain) for s in main.spans)


async def settle(pilot, app: RarewatchApp) -> None:
    """Wait until background writes (cache, marks, session snapshot) are done."""
    await wait_for(pilot, lambda: app.mark_writes == 0 and app.digest_done and app.sessions_saved >= 1)
    await pilot.pause()


def processing_cid(app: RarewatchApp) -> str:
    ids = app.report.contradictions.filter(pl.col("subject").str.contains("processing"))["id"]
    return ids[0]


async def mark_contradiction(pilot, app: RarewatchApp, cid: str, key: str, note: str) -> None:
    pane = app.query_one(ContradictionsPane)
    await pilot.press("3")
    pane.table.move_cursor(row=pane.table.get_row_index(cid))
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
    if note:
        await pilot.press(*note)
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
    await wait_for(pilot, lambda: app.mark_writes == 0)


def test_a_mark_survives_a_restart_dimmed_with_its_note(seeds: Path, profile) -> None:
    note = "[bold]same survey[/] read twice"  # markup in a note shows literally

    async def first() -> str:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            cid = processing_cid(app)
            await mark_contradiction(pilot, app, cid, "x", note)
            table = app.query_one(ContradictionsPane).table
            shown = row_text(table, cid)
            assert "✓ explained" in shown.plain and note in shown.plain
            assert is_dim(table, cid)
            await settle(pilot, app)
        return cid

    cid = asyncio.run(first())
    mark = MarkStore(seeds).get("contradiction", cid)
    assert mark is not None and mark.state == "explained" and mark.note == note
    assert set(mark.positions) == {"90%", "92%"}

    async def second() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table = app.query_one(ContradictionsPane).table
            await wait_for(pilot, lambda: "✓ explained" in row_text(table, cid).plain)
            shown = row_text(table, cid)
            assert note in shown.plain and is_dim(table, cid)
            # u clears the mark, in the file too
            table.move_cursor(row=table.get_row_index(cid))
            await pilot.press("3", "u")
            await wait_for(pilot, lambda: app.mark_writes == 0 and not app.marks)
            assert "explained" not in row_text(table, cid).plain

    asyncio.run(second())
    assert MarkStore(seeds).get("contradiction", cid) is None


def test_escape_cancels_and_answered_and_pinned_marks(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("4", "a")
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
            await pilot.press("x", "y", "escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
            assert app.marks == {}
            questions = app.query_one(QuestionsPane).table
            theme = questions.current_key
            await pilot.press("a", "enter")
            await wait_for(pilot, lambda: app.mark_writes == 0 and bool(app.marks))
            assert app.marks[("question", theme)].state == "answered"
            assert "✓ answered" in row_text(questions, theme).plain
            # pinning the last metric brings it to the top
            figures = app.query_one(FiguresPane).table
            await pilot.press("2")
            figures.move_cursor(row=figures.row_count - 1)
            metric = figures.current_key
            await pilot.press("p")
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
            await pilot.press(*"watch this", "enter")
            await wait_for(pilot, lambda: app.mark_writes == 0 and ("figure", metric) in app.marks)
            assert figures.get_row_index(metric) == 0
            assert "★ pinned — watch this" in row_text(figures, metric).plain

    asyncio.run(go())
    marks = MarkStore(seeds).load()
    assert {k[0] for k in marks} == {"question", "figure"}


def test_a_contradiction_reopens_when_a_new_file_adds_a_position(seeds: Path, profile) -> None:
    async def first() -> str:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            cid = processing_cid(app)
            await mark_contradiction(pilot, app, cid, "d", "")
            assert not row_text(app.query_one(ContradictionsPane).table, cid).plain.count("reopened")
            await settle(pilot, app)
        return cid

    cid = asyncio.run(first())
    (seeds / "quarry-post.txt").write_text(NEW_SOURCE)

    async def second() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table = app.query_one(ContradictionsPane).table
            await wait_for(pilot, lambda: "reopened" in row_text(table, cid).plain)
            assert not is_dim(table, cid)
            # the digest names the new file and the contradiction that gained a position
            await wait_for(pilot, lambda: app.digest_done)
            assert app.digest is not None
            assert app.digest.added == ["quarry-post.txt"]
            assert cid in app.digest.changed_contradictions

    asyncio.run(second())


def test_the_digest_lists_a_file_added_between_sessions(seeds: Path, profile) -> None:
    async def first() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await settle(pilot, app)
            assert app.digest is None  # first session: nothing to compare with
            await pilot.press("s")
            await wait_for(pilot, lambda: isinstance(app.screen, DigestScreen))
            await pilot.press("escape")

    asyncio.run(first())
    (seeds / "quarry-post.txt").write_text(NEW_SOURCE)
    (seeds / "ore-notes-blog.md").unlink()

    async def second() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await wait_for(pilot, lambda: app.digest_done)
            d = app.digest
            assert d is not None and not d.empty
            assert d.added == ["quarry-post.txt"] and d.removed == ["ore-notes-blog.md"]
            assert d.new_figures >= 1
            await pilot.press("s")
            await wait_for(pilot, lambda: isinstance(app.screen, DigestScreen))
            body = str(app.screen.query_one("#digest-body").render())
            assert "quarry-post.txt" in body and "Refiners say" in body
            await pilot.press("s")
            await wait_for(pilot, lambda: not isinstance(app.screen, DigestScreen))

    asyncio.run(second())


def test_e_exports_the_current_view(seeds: Path, profile, tmp_path: Path) -> None:
    out = tmp_path / "out"

    async def go() -> None:
        app = make_app(seeds, profile, watch=False, export_dir=out)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.exports) == len(TABLES))
            assert pl.read_parquet(out / "sources.parquet").height == 6
            # narrowed: the export holds that source only
            sources = app.query_one(SourcesPane)
            sources.table.move_cursor(row=sources.table.get_row_index("trade-ledger.html"))
            await pilot.press("1", "space")
            await wait_for(pilot, lambda: app.narrowed == "trade-ledger.html")
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
            field = app.screen.query_one("#prompt-input")
            field.value = str(tmp_path / "narrowed")
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.exports) == 2 * len(TABLES))
            # another format: Tab to the formats, down to csv, back to the folder, Enter
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
            app.screen.query_one("#prompt-input").value = str(tmp_path / "as-csv")
            await pilot.press("tab", "down", "enter", "shift+tab", "enter")
            await wait_for(pilot, lambda: len(app.exports) == 3 * len(TABLES))

    asyncio.run(go())
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{t}.parquet"
        for t in ("sources", "figures", "timeline", "contradictions", "questions", "roles", "statuses", "marks")
    )
    assert (tmp_path / "as-csv" / "sources.csv").is_file()
    narrowed = pl.read_parquet(tmp_path / "narrowed" / "sources.parquet")
    assert narrowed["id"].to_list() == ["trade-ledger.html"]
    figs = pl.read_parquet(tmp_path / "narrowed" / "figures.parquet")
    assert set(figs["source"].to_list()) == {"trade-ledger.html"}


def test_a_warm_start_reads_no_unchanged_article(seeds: Path, profile) -> None:
    def session(expect_parsed: int) -> tuple[int, int, int]:
        async def go() -> tuple[int, int, int]:
            app = make_app(seeds, profile, watch=False)
            async with app.run_test(size=SIZE) as pilot:
                await loaded(pilot)
                await settle(pilot, app)
                if expect_parsed:
                    await wait_for(pilot, lambda: app.cache_stores >= 1)
                assert app.parsed == expect_parsed
                shown = (
                    app.query_one(SourcesPane).table.row_count,
                    app.query_one(FiguresPane).table.row_count,
                    app.query_one(ContradictionsPane).table.row_count,
                )
            return shown

        return asyncio.run(go())

    cold = session(6)
    warm = session(0)
    assert warm == cold and warm[0] == 6
    (seeds / "quarry-post.txt").write_text(NEW_SOURCE)
    session(1)
    assert session(0)[0] == 7


def test_settings_are_applied_and_a_theme_change_is_saved(
    seeds: Path, profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("RAREWATCH_CONFIG_DIR", str(config))
    config.mkdir()
    (config / "rarewatch.toml").write_text('folder = "/somewhere"\nignore = ["ore-*"]\n')
    settings = Settings(ignore=("ore-*",), theme="nord", about_tolerance=0.1, debounce_ms=50)

    async def go() -> None:
        app = RarewatchApp(seeds, profile, today=None, watch=False, root_label="seeds", settings=settings)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await loaded(pilot)
            assert app.theme == "nord"
            assert app.profile.about_tolerance == 0.1
            assert app.watcher.debounce_ms == 50
            assert "ore-notes-blog.md" not in app.library and len(app.library) == 5
            await pilot.press("T")
            await wait_for(pilot, lambda: app.theme != "nord")
            theme = app.theme
            path = config / "rarewatch.toml"
            await wait_for(pilot, lambda: tomllib.loads(path.read_text()).get("theme") == theme)
            # the pane layout cycles and is saved the same way
            assert app.layout_name == "grid"
            await pilot.press("L")
            await wait_for(pilot, lambda: tomllib.loads(path.read_text()).get("layout") == "wide")
            # and the user is told the file was written, and where
            await wait_for(pilot, lambda: any(f'layout = "wide" to {path}' in t for t in toasts(app)))
            panes = app.query_one("#panes")
            assert panes.has_class("layout-wide")
            await pilot.pause()
            assert app.query_one(SourcesPane).region.height > SIZE[1] // 2

    asyncio.run(go())
    saved = tomllib.loads((config / "rarewatch.toml").read_text())
    assert saved["folder"] == "/somewhere" and saved["ignore"] == ["ore-*"]
    assert saved["theme"] != "nord" and saved["layout"] == "wide"


def test_palette_and_help_list_the_memory_keys(seeds: Path, profile) -> None:
    app = make_app(seeds, profile, watch=False)
    actions = {a for _, a, _ in app.palette_actions()}
    assert {
        "digest",
        "export",
        "next_theme",
        "mark_in('contradictions', 'explained')",
        "mark_in('figures', 'pinned')",
        "mark_in('questions', 'answered')",
    } <= actions
    sections = dict(app.help_sections())
    keys = {d for _, d in sections["Contradictions pane"]}
    assert {"Explained", "Dismiss", "Unmark"} <= keys
    assert {"Pin", "Unmark"} <= {d for _, d in sections["Key figures pane"]}
    assert "Answered" in {d for _, d in sections["Open questions pane"]}
    assert {"Since last", "Export"} <= {d for _, d in sections["Everywhere"]}


def test_marks_from_another_instance_appear_without_a_restart(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            theme = app.query_one(QuestionsPane).table.current_key
            # another rarewatch on the same folder writes a mark
            MarkStore(seeds).mark("question", theme, "answered", note="from the other window")
            await wait_for(pilot, lambda: ("question", theme) in app.marks, timeout=10)
            shown = row_text(app.query_one(QuestionsPane).table, theme).plain
            assert "✓ answered — from the other window" in shown

    asyncio.run(go())


def test_the_dashboard_command_uses_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rarewatch import cli

    started: list[RarewatchApp] = []
    monkeypatch.setattr(RarewatchApp, "run", lambda self, *a, **k: started.append(self))
    config = tmp_path / "config"
    monkeypatch.setenv("RAREWATCH_CONFIG_DIR", str(config))
    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    assert cli.main([]) == 2
    assert "no folder to watch" in capsys.readouterr().err
    config.mkdir()
    (config / "rarewatch.toml").write_text(
        f'folder = "{seeds}"\nabout_tolerance = 0.1\nrescan_seconds = 0\ndebounce_ms = 80\n'
    )
    assert cli.main(["--today", "2026-11-23"]) == 0
    app = started[-1]
    assert app.root == seeds.resolve()
    assert app.profile.about_tolerance == 0.1
    assert app.watcher.debounce_ms == 80 and app.watcher.rescan_s == float("inf")


def test_a_damaged_cache_is_a_notification_and_a_full_read(seeds: Path, profile) -> None:
    from rarewatch.core.cache import ParseCache

    heard = Heard()

    async def session() -> RarewatchApp:
        heard.messages.clear()
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE, message_hook=heard) as pilot:
            await loaded(pilot)
            await settle(pilot, app)
            await wait_for(pilot, lambda: app.parsed == 0 or app.cache_stores >= 1)
            await pilot.pause(0.2)
        return app

    asyncio.run(session())
    cache_dir = ParseCache(seeds, profile).dir
    damaged = list(cache_dir.glob("*.parquet"))
    assert damaged
    for p in damaged:
        p.write_bytes(b"not parquet at all")
    app = asyncio.run(session())
    assert app.parsed == 6 and app.report.sources.height == 6
    assert any("parse cache" in n and "discarded" in n for n in heard.messages)


def test_a_dismissed_contradiction_reopens_live_when_a_file_is_dropped(seeds: Path, profile, tmp_path: Path) -> None:
    async def go() -> None:
        app = make_app(seeds, profile)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            cid = processing_cid(app)
            await mark_contradiction(pilot, app, cid, "d", "old news")
            table = app.query_one(ContradictionsPane).table
            assert "✗ dismissed — old news" in row_text(table, cid).plain
            assert is_dim(table, cid)
            staged = tmp_path / "quarry-post.txt"
            staged.write_text(NEW_SOURCE)
            staged.rename(seeds / "quarry-post.txt")
            await wait_for(pilot, lambda: "reopened" in row_text(table, cid).plain, timeout=30)
            assert not is_dim(table, cid)
            assert app.marks[("contradiction", cid)].note == "old news"

    asyncio.run(go())


def test_export_offers_a_folder_of_its_own_not_the_current_one(seeds: Path, profile) -> None:
    app = make_app(seeds, profile, watch=False)
    assert not app.export_dir.is_relative_to(Path.cwd())
    assert app.export_dir.name == seeds.name
