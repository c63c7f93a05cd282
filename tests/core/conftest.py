"""Fixtures for the headless core tests; the plain helper functions are in `core_helpers.py`.

`tests/conftest.py` already owns the module name `conftest`, so the helpers sit in a module of
their own, made importable from every test file here whatever pytest's import mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rarewatch.core.profile import Profile

sys.path.insert(0, str(Path(__file__).resolve().parent))
pytest.register_assert_rewrite("core_helpers")


@pytest.fixture(scope="session")
def profile() -> Profile:
    """The bundled topic profile, loaded once (shared with the helpers' `bundled_profile`)."""
    from core_helpers import bundled_profile

    return bundled_profile()
