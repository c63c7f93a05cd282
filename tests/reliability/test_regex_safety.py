"""Catastrophic patterns, the bundled ones and those a user writes in a profile, cannot hang a scan.

A profile pattern that backtracks on the loader's probe text is refused when the profile loads
(file, line, key; exit 2). One that gets past the probe but backtracks on a hostile article
(`(q|qq)+$`: the probe holds no run of q's) is caught at run time: each profile field that holds
a pattern gets it in turn; the article is flagged `regex-timeout` and skipped, and the good
articles beside it are analysed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from rarewatch.core import patterns
from rarewatch.core.analysis import analyse_document
from rarewatch.core.articles import Document
from rarewatch.core.profile import default_profile_path, load_profile
from rarewatch.core.scan import analyse_path

from .conftest import GOOD

#: `(a+)+$`, the textbook case, is partly optimised by the `regex` module (40 a's finish at once,
#: 5,000 do not); `(a|aa)+$` backtracks exponentially on 40 a's and a "!".
EVIL_ON_LOAD = "(a|aa)+$"
#: backtracks as badly, on a letter the loader's probe text does not repeat
EVIL = "(q|qq)+$"
TEXTBOOK = "(a+)+$"
#: An on-topic article whose sentences give `(a+)+$` exponential work.
HOSTILE = (
    "Rare earth curbs paused for a year\n\nRare earth export controls were suspended, officials said "
    + "q" * 40
    + "!\n\nWill the truce hold "
    + "q" * 40
    + "?\n\n"
    "On October 30, 2025 " + "q" * 40 + "b China held 90% " + "q" * 40 + "b of magnets.\n"
)


def _evil_profile(tmp_path: Path, field: str, evil: str = EVIL) -> Path:
    """The bundled profile with one pattern replaced by a catastrophic one.

    `field` is "section/key": the first `key = '...'` after the line `section` is replaced.
    """
    section, key = field.split("/")
    text = default_profile_path().read_text(encoding="utf-8")
    at = text.index(section)
    rx = regex.compile(rf"^({regex.escape(key)}\s*=\s*)'[^'\n]*'", regex.M)
    assert rx.search(text, at), field
    out = tmp_path / "evil-profile.toml"
    out.write_text(text[:at] + rx.sub(lambda m: m.group(1) + f"'{evil}'", text[at:], count=1), encoding="utf-8")
    assert evil in out.read_text(encoding="utf-8")
    return out


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "TIMEOUT", 0.2)


def test_textbook_pattern_on_a_long_run_times_out_quickly() -> None:
    t0 = time.perf_counter()
    with pytest.raises(patterns.PatternTimeout):
        patterns.search(regex.compile(TEXTBOOK), "a" * 5000 + "!")
    assert time.perf_counter() - t0 < 2


def test_pattern_helpers_time_out_instead_of_hanging() -> None:
    evil = regex.compile(EVIL)
    t0 = time.perf_counter()
    for call in (
        lambda: patterns.search(evil, "q" * 40 + "!"),
        lambda: list(patterns.finditer(evil, "q" * 40 + "!")),
        lambda: patterns.match(evil, "q" * 40 + "!"),
    ):
        with pytest.raises(patterns.PatternTimeout):
            call()
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize(
    "field", ["[[theme]]/pattern", "[status]/measure", "[[event]]/pattern", "[status.positions]/suspended"]
)
def test_user_profile_with_a_catastrophic_pattern_flags_the_article_and_reads_the_rest(
    good: Path, tmp_path: Path, field: str
) -> None:
    """Question themes (questions.py), status words (claims.py), events (timeline.py)."""
    prof = load_profile(_evil_profile(tmp_path, field))
    (good / "hostile.txt").write_text(HOSTILE)
    t0 = time.perf_counter()
    rows = {p.name: analyse_path(good, p, prof) for p in sorted(good.iterdir())}
    assert time.perf_counter() - t0 < 10
    hostile = rows["hostile.txt"].source.row(0, named=True)
    assert "regex-timeout" in hostile["flags"] and hostile["error"].startswith("skipped:")
    assert rows["hostile.txt"].figures.is_empty()
    for name in GOOD:
        assert rows[name].source["error"][0] is None
        assert rows[name].figures.height > 0


def test_topic_pattern_timeout_is_caught_too(tmp_path: Path) -> None:
    text = default_profile_path().read_text(encoding="utf-8")
    p = tmp_path / "evil-topic.toml"
    p.write_text(text.replace("'magnets?',", f"'magnets?', '{EVIL}',", 1), encoding="utf-8")
    assert EVIL in p.read_text()
    off_topic = "Tariffs paused for a year\n\nOfficials spoke " + "q" * 40 + "!\n"
    t = analyse_document("x.txt", "x.txt", Document(off_topic, "text"), load_profile(p))
    assert "regex-timeout" in t.source["flags"][0].to_list()


def test_scan_cli_with_a_catastrophic_profile_finishes(good: Path, tmp_path: Path) -> None:
    prof = _evil_profile(tmp_path, "[[theme]]/pattern")
    (good / "hostile.txt").write_text(HOSTILE.replace("q" * 40, "q" * 32))
    t0 = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "rarewatch",
            "scan",
            str(good),
            "--profile",
            str(prof),
            "--format",
            "json",
            "--today",
            "2026-11-23",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert time.perf_counter() - t0 < 60
    rows = {s["id"]: s for s in json.loads(out.stdout)["sources"]}
    assert "regex-timeout" in rows["hostile.txt"]["flags"]
    assert all(rows[n]["error"] is None for n in GOOD)


def test_metric_aspect_pattern_times_out_too(good: Path, tmp_path: Path) -> None:
    """Aspects are joined into one finder in figures.py; it must run under the timeout as well."""
    text = default_profile_path().read_text(encoding="utf-8")
    p = tmp_path / "evil-aspect.toml"
    evil = f"aspects = {{ magnets = ['magnets?', '{EVIL}'] }}"
    p.write_text(text.replace("aspects = { magnets = ['magnets?'] }", evil, 1), encoding="utf-8")
    assert EVIL in p.read_text(encoding="utf-8")
    (good / "hostile.txt").write_text(HOSTILE)
    t0 = time.perf_counter()
    row = analyse_path(good, good / "hostile.txt", load_profile(p)).source.row(0, named=True)
    assert time.perf_counter() - t0 < 10
    assert "regex-timeout" in row["flags"]


@pytest.mark.parametrize("field", ["[[theme]]/pattern", "[status]/measure", "[[event]]/pattern"])
def test_a_pattern_that_backtracks_on_the_probe_is_refused_when_the_profile_loads(tmp_path: Path, field: str) -> None:
    prof = _evil_profile(tmp_path, field, EVIL_ON_LOAD)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "rarewatch", "scan", str(tmp_path), "--profile", str(prof), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.perf_counter() - t0 < 30
    assert out.returncode == 2
    (line,) = out.stderr.strip().splitlines()
    assert str(prof) in line and "pattern too slow" in line
    key = {
        "[[theme]]/pattern": "theme[1].pattern",
        "[status]/measure": "status.measure",
        "[[event]]/pattern": "event[1].pattern",
    }[field]
    assert f": {key}:" in line
