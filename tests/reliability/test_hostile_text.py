"""Hostile text in headlines, sentences, outlet names and file names is inert everywhere.

Rich markup, Textual action links (including `[ @click=app.quit]`, which `textual.markup.escape`
lets through), ANSI/OSC escape sequences (title change, clipboard write) and bidi overrides must be
shown as the characters they are in every pane, screen, the reader and notifications, must never
reach the terminal, and must come out of exports as data (CSV cells that start a formula guarded).
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from textual.pilot import Pilot

from notifications import Heard
from rarewatch.app.main import RarewatchApp
from rarewatch.core.export import write_export
from rarewatch.core.profile import Profile
from rarewatch.core.scan import scan

from .conftest import SEEDS, TODAY

SIZE = (160, 48)
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
STORY = (SEEDS / "harbor-wire-busan-truce.txt").read_text().split("\n\n", 4)[-1]
HEADLINE = "[ @click=app.quit]Beijing [bold red]suspends[/bold] rare earth curbs"
OUTLET = "[@click=app.quit]Evil Wire"
HOSTILE = (
    f"{HEADLINE}{OSC_TITLE}\u202eevil\u202c\n\n"
    f"Source: [@click=app.quit]Evil{OSC_CLIPBOARD} Wire Published: October 31, 2025\n\n"
    "=cmd|' /C calc'!A0 Analysts said [/bold] and [@click=app.bell]rare earth[/] prices fell 5% "
    "\x1b[2J\x1b[31m today.\n\n"
    "Will the [link=https://x]truce[/link] hold past [ @click=app.quit]next year?\n\n" + STORY
)
#: File names a user may well receive: markup, an escape sequence, a bidi override.
NAMES = (
    "[@click=app.quit]evil[bold].txt",
    f"{OSC_TITLE}name.md",
    "\u202etxt.exe\u202c [ @click=app.quit].txt",
    "+SUM(1,1)@x.md",
    "-2+3.txt",
)
#: Characters that must never reach rendered output.
DANGEROUS = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u202d")


def hostile_folder(root: Path) -> Path:
    root.mkdir()
    for i, name in enumerate(NAMES):
        (root / name).write_text(HOSTILE.replace("Beijing", f"Beijing{i}"))
    shutil.copy(SEEDS / "trade-ledger.html", root / "trade-ledger.html")
    return root


def rendered(app: RarewatchApp) -> str:
    """Everything on screen as the terminal would get it (the SVG's text, entities decoded)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def wait_for(pilot: Pilot, cond, timeout: float = 30.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if cond():
            return
        await pilot.pause(0.1)
    assert cond(), f"timed out waiting for {cond}"


async def back_to_dashboard(pilot: Pilot) -> None:
    for _ in range(6):
        if (
            len(pilot.app.screen_stack) == 1
            and pilot.app.focused is not None
            and pilot.app.focused.__class__.__name__ != "FilterInput"
        ):
            return
        await pilot.press("escape")
        await pilot.pause(0.05)


def assert_inert(app: RarewatchApp) -> None:
    assert app.is_running and app.return_code is None
    shot = rendered(app)
    for ch in DANGEROUS:
        assert ch not in shot, f"{ch!r} reached the screen"
    assert "pwned" not in app.title and "pwned" not in (app.sub_title or "")


def test_every_pane_screen_and_the_reader_show_hostile_text_literally(tmp_path: Path, profile: Profile) -> None:
    folder = hostile_folder(tmp_path / "hostile")

    async def go() -> None:
        app = RarewatchApp(folder, profile, today=TODAY, watch=True, root_label="hostile")
        heard = Heard()
        async with app.run_test(size=SIZE, message_hook=heard) as pilot:
            await wait_for(pilot, lambda: app.complete)
            await pilot.pause()
            assert_inert(app)
            shot = rendered(app)
            assert "@click=app.quit" in shot  # shown, as characters
            assert "[bold red]suspends[/bold]" in shot and "Evil Wire" in shot
            # a hostile file arriving live produces a notification: inert too
            (folder / "[@click=app.quit]late[bold].md").write_text(HOSTILE.replace("Beijing", "Late"))
            await wait_for(pilot, lambda: heard.any("Late"))
            assert heard.any("@click=app.quit")
            assert_inert(app)
            for pane in ("1", "2", "3", "4"):
                await pilot.press(pane)
                for _ in range(3):
                    await pilot.press("enter")  # open the detail / the reader
                    await pilot.pause(0.2)
                    assert_inert(app)
                    await pilot.press("j", "n", "enter")
                    await pilot.pause(0.2)
                    assert_inert(app)
                await back_to_dashboard(pilot)
            # the mouse on hostile rows: select, open, click inside the reader
            await back_to_dashboard(pilot)
            await pilot.press("1")
            for y in range(2, 9):
                await back_to_dashboard(pilot)
                for _ in range(2):  # select, then open
                    if len(app.screen_stack) == 1:
                        await pilot.click("#sources", offset=(8, y))
                        await pilot.pause(0.1)
                await pilot.click(offset=(20, 10))
                await pilot.click(offset=(40, 14))
                assert_inert(app)
            await back_to_dashboard(pilot)
            await pilot.press("t")
            await pilot.pause(0.2)
            assert_inert(app)
            await pilot.press("escape", "question_mark")
            await pilot.pause(0.1)
            assert_inert(app)
            await pilot.press("escape", "ctrl+p", *"evil")
            await pilot.pause(0.3)
            assert_inert(app)
            await pilot.press("escape")
            await pilot.pause(0.1)
            assert_inert(app)

    asyncio.run(go())


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory):
    from rarewatch.core.profile import load_profile

    folder = hostile_folder(tmp_path_factory.mktemp("x") / "hostile")
    return scan(folder, load_profile(), TODAY)


def test_scan_keeps_hostile_text_as_data_without_escapes(hostile_report) -> None:
    src = hostile_report.sources
    assert src.height == len(NAMES) + 1
    assert all(e is None for e in src["error"]), src.select("id", "error").rows()
    for col in ("title", "outlet", "author"):
        for v in src[col].drop_nulls():
            assert not any(ch in v for ch in DANGEROUS), (col, v)
    assert sum(t.startswith(HEADLINE[:25]) and "[bold red]" in t for t in src["title"].drop_nulls()) >= 3
    assert OUTLET in src["outlet"].to_list()
    for col in ("text", "sentence"):
        for v in hostile_report.figures[col]:
            assert not any(ch in v for ch in DANGEROUS), v


def test_json_export_is_valid_and_keeps_text_literally(hostile_report, tmp_path: Path) -> None:
    write_export(hostile_report, tmp_path, "json")
    rows = json.loads(
        (tmp_path / "sources.json").read_text(encoding="utf-8"),
        parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"),
    )
    assert any((r["title"] or "").startswith(HEADLINE[:25]) for r in rows)
    for r in rows:
        for col in ("title", "outlet"):
            assert not any(ch in (r[col] or "") for ch in DANGEROUS)


def test_markdown_brief_keeps_text_without_escapes(hostile_report, tmp_path: Path) -> None:
    (path,) = write_export(hostile_report, tmp_path, "markdown")
    brief = path.read_text(encoding="utf-8")
    assert "\x1b" not in brief and "\x07" not in brief


def test_csv_export_guards_formula_cells(hostile_report, tmp_path: Path) -> None:
    write_export(hostile_report, tmp_path, "csv")
    cells = 0
    for f in tmp_path.glob("*.csv"):
        for row in csv.reader(io.StringIO(f.read_text(encoding="utf-8"))):
            for cell in row:
                cells += 1
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (f.name, cell[:60])
                assert "\x1b" not in cell
    assert cells > 100
    figures = pl.read_csv(tmp_path / "figures.csv", infer_schema=False)
    assert any(s.startswith("'=cmd") for s in figures["sentence"].drop_nulls()), "the formula sentence is kept, guarded"
    sources = pl.read_csv(tmp_path / "sources.csv", infer_schema=False)
    assert "'+SUM(1,1)@x.md" in sources["id"].to_list() and "'-2+3.txt" in sources["id"].to_list()


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_scan_cli_output_carries_no_escape_from_file_names(tmp_path: Path, fmt: str) -> None:
    import subprocess
    import sys

    folder = hostile_folder(tmp_path / "hostile")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "rarewatch",
            "scan",
            str(folder),
            "--format",
            fmt,
            "--today",
            "2026-11-23",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    # JSON keeps file names exactly (bidi characters are data there; controls are \u-escaped)
    assert not any(ch in out.stdout for ch in (DANGEROUS[:4] if fmt == "json" else DANGEROUS))
    if fmt == "json":
        ids = {s["id"] for s in json.loads(out.stdout)["sources"]}
        assert f"{OSC_TITLE}name.md" in ids  # kept exactly, as JSON-escaped data
    else:
        assert "@click=app.quit" in out.stdout and "name.md" in out.stdout
