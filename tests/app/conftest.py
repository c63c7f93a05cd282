"""Fixtures for the dashboard tests: a copy of seeds/ on disk, the real profile, a fixed today.

Pilot tests are plain sync tests that call `asyncio.run` (no pytest-asyncio needed); waiting is
always a bounded poll of `pilot.pause(0.1)` on a condition, never a long fixed sleep. User
configuration and terminal settings from the environment are kept out, so snapshots match on
any machine.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from rarewatch.app.main import RarewatchApp
from rarewatch.core.profile import Profile, load_profile

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
TODAY = dt.date(2026, 11, 23)
SIZE = (140, 40)


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the developer's config, theme and colour settings out of the tests."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    for var in (
        "NO_COLOR",
        "FORCE_COLOR",
        "TEXTUAL_THEME",
        "TEXTUAL_ANIMATIONS",
        "TEXTUAL_DEBUG",
        "TEXTUAL_FPS",
        "COLUMNS",
        "LINES",
    ):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of seeds/: tests may add, change and delete files in it."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def make_app(root: Path, profile: Profile, **kwargs: object) -> RarewatchApp:
    kwargs.setdefault("root_label", "seeds")
    return RarewatchApp(root, profile, today=TODAY, **kwargs)  # type: ignore[arg-type]


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Poll `condition` between short pauses; fail with a clear message after `timeout`."""
    steps = int(timeout / 0.1)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition(), f"timed out after {timeout} s waiting for {condition}"


async def loaded(pilot: Pilot) -> None:
    """Wait until the first full scan is rendered."""
    app = pilot.app
    assert isinstance(app, RarewatchApp)
    await wait_for(pilot, lambda: app.complete)
    await pilot.pause()


def toasts(app: RarewatchApp) -> list[str]:
    """The text of every notification on screen, as the user reads it.

    Only an app run with `run_test(notifications=True)` shows them (Textual's default is off).
    """
    return [str(t.render()) for t in app.screen.query("Toast")]
