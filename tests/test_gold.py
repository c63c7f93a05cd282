"""The analysis against hand-made gold: our own sample articles, and the reference articles.

These are ratchets: they hold the level reached. A rule change that loses a hit or adds a noise
figure or a false alarm fails here, on articles written in many shapes, not on one case.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from goldscore import score

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run_scan(folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "rarewatch", "scan", str(folder), "--format", "json",
                          "--today", "2026-11-23", "--no-cache"],
                         capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize(("folder", "gold"), [("seeds", "tests/gold/seeds.toml"),
                                              ("tests/corpus/varied", "tests/gold/varied.toml"),
                                              ("tests/corpus/unseen", "tests/gold/unseen.toml")])
def test_sample_articles_match_their_gold(folder: str, gold: str) -> None:
    report = run_scan(ROOT / folder)
    parts, misses = score(report, tomllib.loads((ROOT / gold).read_text()))
    assert misses == [], "\n".join(misses)
    assert all(hit == total for hit, total in parts.values()), parts


@pytest.mark.skipif(not (SHARED / "tools" / "evaluate.py").exists(), reason="../shared is not beside this checkout")
def test_reference_articles_hold_their_score() -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "evaluate.py"), str(SHARED / "corpus" / "seeds"),
                          str(SHARED / "gold" / "seeds.toml")], capture_output=True, text=True, env=env, timeout=300)
    line = out.stdout.strip().splitlines()[-1]
    m = re.match(r"score (\d\.\d\d)", line)
    assert m, out.stdout + out.stderr
    assert float(m.group(1)) >= 1.00, out.stdout
    assert "noise 0 false_alarms 0" in line, line
