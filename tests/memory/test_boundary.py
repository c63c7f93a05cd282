"""The memory layer is core: importing it must not pull in Textual (the UI is a client of it)."""

from __future__ import annotations

import subprocess
import sys

MODULES = ("rarewatch.core.cache", "rarewatch.core.config", "rarewatch.core.marks", "rarewatch.core.export")
CHECK = """
import sys
{imports}
ui = sorted(m for m in sys.modules if m.split(".")[0] == "textual" or m.startswith("rarewatch.app"))
assert not ui, ui
"""


def test_memory_modules_do_not_import_textual() -> None:
    code = CHECK.format(imports="\n".join(f"import {m}" for m in MODULES))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
