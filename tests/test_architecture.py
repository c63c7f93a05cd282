"""The shape of the code that keeps the next change safe (issue 12).

- `rarewatch.core` stays headless: the import contract in pyproject.toml (`[tool.importlinter]`)
  forbids it to reach `rarewatch.app`, `rarewatch.cli` or Textual, directly or through another
  module. `lint-imports` checks the whole import graph, where `core/test_import_hygiene.py`
  checks only what importing the core loads.
- No function in `core/` is longer than 60 lines: the riskiest rules read as named steps.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "tui" / "rarewatch" / "core"

#: The longest a function in the core may be, decorators and docstring included.
MAX_LINES = 60


def _lint_imports() -> Path:
    """`lint-imports` beside the running interpreter: the venv the README's command made."""
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.fail(f"lint-imports not found beside {sys.executable}: install the test extra, pip install -e '.[test]'")
    return exe


def test_core_never_imports_the_dashboard_the_cli_or_textual():
    out = subprocess.run(
        [str(_lint_imports()), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 kept, 0 broken" in out.stdout, out.stdout


def _function_lengths() -> dict[tuple[str, str], int]:
    """The longest function of each (module, name) in the core, in lines."""
    lengths: dict[tuple[str, str], int] = {}
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                assert node.end_lineno is not None
                key = (path.stem, node.name)
                lengths[key] = max(lengths.get(key, 0), node.end_lineno - first + 1)
    return lengths


def test_no_function_in_the_core_is_longer_than_60_lines():
    lengths = _function_lengths()
    too_long = {k: n for k, n in lengths.items() if n > MAX_LINES}
    assert not too_long, "split these into named steps: " + ", ".join(
        f"{m}.{f} ({n} lines)" for (m, f), n in sorted(too_long.items())
    )


def test_no_test_reads_a_private_textual_attribute():
    """Tests observe the dashboard the public way (message hooks, widgets, the App's own
    state), so a Textual upgrade cannot break them silently."""
    private = re.compile(r"\b(?:app|pilot|screen|self\.app|pilot\.app)\._[a-z]\w*")
    hits = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if private.search(line) and "private" not in line:
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not hits, "\n".join(hits)
