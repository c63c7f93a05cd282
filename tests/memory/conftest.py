"""Each memory test gets its own config, cache and data folders, and its own copy of the seeds.

The top-level conftest already keeps the suite out of the user's folders; here every test gets
fresh ones too, so caches and marks written by one test are never seen by another.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from rarewatch.core.profile import Profile, load_profile

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    dirs = {name: tmp_path / "user" / name for name in ("config", "cache", "data")}
    for name, path in dirs.items():
        monkeypatch.setenv(f"RAREWATCH_{name.upper()}_DIR", str(path))
    return dirs


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seed articles that a test may change."""
    dest = tmp_path / "news"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()
