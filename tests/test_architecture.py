"""The shape of the code that keeps the next change safe (issue 12).

- `rarewatch.core` stays headless: the import contract in pyproject.toml (`[tool.importlinter]`)
  forbids it to reach `rarewatch.app`, `rarewatch.cli` or Textual, directly or through another
  module. `lint-imports` checks the whole import graph, where `core/test_import_hygiene.py`
  checks only what importing the core loads.
- No function in `core/` is longer than 60 lines: the riskiest rules read as named steps.
- The dashboard's state is a plain model (`app/state.py`, no Textual): `RarewatchApp.__init__`
  sets at most 15 attributes, and no worker (a method decorated with `@work`, or a function
  nested in one) assigns an App attribute: workers post, handlers own state.
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
MAIN = ROOT / "tui" / "rarewatch" / "app" / "main.py"

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


#: The most attributes the App may set in `__init__`; the rest of its state is `DashboardState`.
MAX_APP_ATTRIBUTES = 15


def _app_class() -> ast.ClassDef:
    tree = ast.parse(MAIN.read_text(encoding="utf-8"), filename=str(MAIN))
    found = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "RarewatchApp"]
    assert found, "RarewatchApp not found in app/main.py"
    return found[0]


def _self_assignments(node: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every `self.<name> = / : T = / += ...` anywhere under `node`."""

    def targets(t: ast.expr) -> list[ast.expr]:
        if isinstance(t, ast.Tuple | ast.List):
            return [x for e in t.elts for x in targets(e)]
        if isinstance(t, ast.Starred):
            return targets(t.value)
        return [t]

    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Assign):
            found = [x for t in n.targets for x in targets(t)]
        elif isinstance(n, ast.AnnAssign | ast.AugAssign):
            found = targets(n.target)
        elif isinstance(n, ast.NamedExpr):
            found = [n.target]
        else:
            continue
        for t in found:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                out.append((t.lineno, t.attr))
    return out


def _is_work(decorator: ast.expr) -> bool:
    """`@work`, `@work(...)`, `@textual.work(...)`."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Name) and target.id == "work") or (
        isinstance(target, ast.Attribute) and target.attr == "work"
    )


def test_the_app_sets_at_most_15_attributes_in_init():
    [init] = [n for n in _app_class().body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    names = [name for _, name in _self_assignments(init)]
    assert len(names) <= MAX_APP_ATTRIBUTES, (
        f"RarewatchApp.__init__ sets {len(names)} attributes ({', '.join(names)}); "
        "keep the dashboard's state in DashboardState (app/state.py)"
    )


def test_no_worker_assigns_an_app_attribute():
    workers = [
        n
        for n in _app_class().body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and any(_is_work(d) for d in n.decorator_list)
    ]
    assert len(workers) >= 9, [w.name for w in workers]  # the check must see the workers
    hits = [f"{w.name}: line {line} sets self.{name}" for w in workers for line, name in _self_assignments(w)]
    assert not hits, "workers post messages; handlers own state:\n" + "\n".join(hits)


def test_the_dashboard_state_runs_without_textual():
    code = "import sys, rarewatch.app.state; sys.exit('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, "rarewatch.app.state imports Textual" + out.stderr
