"""Fixtures for the reliability suite: a folder with two good seed articles, the bundled profile.

Every test here injects a fault (bad bytes, hostile text, a vanishing folder, a full disk) and
checks that rarewatch reports it plainly and carries on. Waiting is always a bounded poll.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from rarewatch.core.profile import Profile, load_profile

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
TODAY = dt.date(2026, 11, 23)
#: The two good articles copied next to every fault.
GOOD = ("harbor-wire-busan-truce.txt", "trade-ledger.html")


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A folder holding copies of two seed articles."""
    d = tmp_path / "news"
    d.mkdir()
    for name in GOOD:
        shutil.copy(SEEDS / name, d / name)
    return d
