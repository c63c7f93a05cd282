"""The headless core never imports Textual: `scan`, the cache and the benchmarks run without a UI."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import rarewatch.core

_PROBE = """
import importlib, json, pkgutil, sys
import rarewatch.core as core
names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "rarewatch.core."))
for name in names:
    importlib.import_module(name)
print(json.dumps({
    "modules": names,
    "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
}))
"""


def _probe() -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_every_core_module_does_not_import_textual():
    result = _probe()
    assert result["textual"] == [], f"textual imported by the core: {result['textual']}"
    expected = {m.name for m in pkgutil.walk_packages(rarewatch.core.__path__, "rarewatch.core.")}
    assert set(result["modules"]) == expected
    assert {"rarewatch.core.analysis", "rarewatch.core.corpus", "rarewatch.core.scan"} <= expected
