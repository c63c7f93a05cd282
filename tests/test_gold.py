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


#: The real development sets: third-party texts re-collected outside the repository (see
#: ../shared/dev/<set>/SOURCES.md), never committed. Their scores are held at the level reached.
REAL = Path(os.environ.get("RAREWATCH_REAL_CORPUS", Path.home() / "rarewatch-real"))
REAL_SETS = {"truce": ("truce", 0.93), "ev-tariffs": ("ev-tariffs", 0.98)}


def run_scan(folder: Path, profile: str | None = None) -> dict:
    extra = ["--profile", profile] if profile else []
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "rarewatch",
            "scan",
            str(folder),
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--no-cache",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("folder", "gold", "profile"),
    [
        ("seeds", "tests/gold/seeds.toml", None),
        ("tests/corpus/varied", "tests/gold/varied.toml", None),
        ("tests/corpus/unseen", "tests/gold/unseen.toml", None),
        ("tests/corpus/ev-tariffs", "tests/gold/ev-tariffs.toml", "ev-tariffs"),
    ],
)
def test_sample_articles_match_their_gold(folder: str, gold: str, profile: str | None) -> None:
    report = run_scan(ROOT / folder, profile)
    parts, misses = score(report, tomllib.loads((ROOT / gold).read_text()))
    assert misses == [], "\n".join(misses)
    assert all(hit == total for hit, total in parts.values()), parts


@pytest.mark.skipif(not (SHARED / "tools" / "evaluate.py").exists(), reason="../shared is not beside this checkout")
def test_reference_articles_hold_their_score() -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "evaluate.py"),
            str(SHARED / "corpus" / "seeds"),
            str(SHARED / "gold" / "seeds.toml"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    line = out.stdout.strip().splitlines()[-1]
    m = re.match(r"score (\d\.\d\d)", line)
    assert m, out.stdout + out.stderr
    # 0.98: the reference gold pairs "since 2009" with "October 2022" as a possible date clash;
    # rarewatch compares a recurring event within a round, and those are two rounds
    assert float(m.group(1)) >= 0.98, out.stdout
    assert "noise 0 false_alarms 0" in line, line


def _evaluate(corpus: Path, gold: Path, cmd: str | None = None) -> str:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    args = [sys.executable, str(SHARED / "tools" / "evaluate.py"), str(corpus), str(gold)]
    if cmd:
        args += ["--cmd", cmd]
    out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    return out.stdout + out.stderr


@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_real_articles_hold_their_score(name: str) -> None:
    folder, floor = REAL_SETS[name]
    gold = SHARED / "dev" / name / "gold.toml"
    if not (REAL / folder).is_dir() or not gold.exists():
        pytest.skip(f"the real {name} texts are not at {REAL / folder} (see ../shared/dev/{name}/SOURCES.md)")
    profile = "" if name == "truce" else f" --profile {name}"
    out = _evaluate(REAL / folder, gold, f"rarewatch scan --no-cache{profile}")
    line = out.strip().splitlines()[-1]
    m = re.match(r"score (\d\.\d\d)", line)
    assert m, out
    assert float(m.group(1)) >= floor, out
    assert "noise 0 false_alarms 0" in line, out
