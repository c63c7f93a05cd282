"""Keep every test out of the user's real config, cache and data directories.

The variables are set at import, before any test runs, so that subprocesses (`rarewatch scan`
in the gold tests) inherit them too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="rarewatch-tests-"))
for var, sub in (
    ("RAREWATCH_CONFIG_DIR", "config"),
    ("RAREWATCH_CACHE_DIR", "cache"),
    ("RAREWATCH_DATA_DIR", "data"),
    ("XDG_CONFIG_HOME", "xdg-config"),
    ("XDG_CACHE_HOME", "xdg-cache"),
    ("XDG_DATA_HOME", "xdg-data"),
):
    os.environ[var] = str(_HOME / sub)
