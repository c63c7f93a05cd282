"""`rarewatch scan` as scripts and CI drive it: the report's shape, bad input, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rarewatch.core.profile import default_profile_path, load_profile
from rarewatch.core.report import to_json, to_json_dict
from rarewatch.core.scan import scan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def rarewatch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rarewatch", *args], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def scan_json(folder: Path) -> dict:
    out = rarewatch("scan", str(folder), "--format", "json", "--today", "2026-11-23")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_report_follows_schema_rarewatch_1() -> None:
    rep = scan_json(SEEDS)
    assert rep["schema"] == "rarewatch/1"
    assert rep["root"] == str(SEEDS) and rep["today"] == "2026-11-23"
    assert set(rep) >= {"sources", "figures", "timeline", "contradictions", "questions", "renegotiation", "generated"}
    for s in rep["sources"]:
        assert {"id", "path", "title", "outlet", "author", "published", "words", "flags", "error"} <= set(s)
        assert isinstance(s["flags"], list) and isinstance(s["words"], int)
        assert s["published"] is None or len(s["published"]) == 10
        assert Path(s["path"]).name == Path(s["id"]).name
    ids = {s["id"] for s in rep["sources"]}
    assert len(ids) == 6
    for f in rep["figures"]:
        assert f["source"] in ids
        assert {
            "metric",
            "label",
            "value",
            "low",
            "high",
            "unit",
            "qualifier",
            "text",
            "start",
            "end",
            "sentence",
            "attribution",
        } <= set(f)
        assert f["end"] - f["start"] == len(f["text"]) and f["text"] in f["sentence"]
    for e in rep["timeline"]:
        assert len(e["date"]) in (4, 7, 10) and e["sentence"] and e["source"] in ids
    for c in rep["contradictions"]:
        assert c["kind"] in {"figure", "date", "role", "status"} and c["severity"] in {"high", "medium", "low"}
        assert len(c["positions"]) >= 2
        for p in c["positions"]:
            assert {"value", "number", "sources", "sentences"} <= set(p) and set(p["sources"]) <= ids
    for q in rep["questions"]:
        assert q["kind"] in {"question", "hedge"} and q["source"] in ids and q["theme"]
    r = rep["renegotiation"]
    assert set(r) >= {"due", "basis", "days_left"}


def test_countdown_uses_today_flag() -> None:
    a = rarewatch("scan", str(SEEDS), "--format", "json", "--today", "2026-01-01")
    b = rarewatch("scan", str(SEEDS), "--format", "json", "--today", "2026-01-11")
    da, db = json.loads(a.stdout)["renegotiation"], json.loads(b.stdout)["renegotiation"]
    assert da["due"] == db["due"] and da["days_left"] - db["days_left"] == 10


def test_table_and_markdown_are_readable_summaries() -> None:
    table = rarewatch("scan", str(SEEDS), "--format", "table", "--today", "2026-11-23")
    assert table.returncode == 0 and "SOURCES (6)" in table.stdout and "CONTRADICTIONS" in table.stdout
    md = rarewatch("scan", str(SEEDS), "--format", "markdown", "--today", "2026-11-23")
    assert md.returncode == 0
    assert md.stdout.startswith("# ") and "## Contradictions" in md.stdout and "## Open questions" in md.stdout


def test_bad_files_are_listed_and_the_scan_goes_on(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "harbor-wire-busan-truce.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "undecodable.txt").write_bytes(b"\xff\xfe\xfa" * 10 + b"\x81\x8d\x8f\x90\x9d" * 1000)
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"rare earth " * 100)
    (tmp_path / "longline.txt").write_text("Rare earth headline here\n\n" + "x" * 1_000_000 + "\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    rep = scan_json(tmp_path)
    by = {s["id"]: s for s in rep["sources"]}
    assert by["good.txt"]["error"] is None and by["good.txt"]["title"]
    assert any(f["source"] == "good.txt" for f in rep["figures"])
    assert "empty" in by["empty.txt"]["error"]
    assert "binary" in by["binary.txt"]["error"]
    assert "too large" in by["huge.txt"]["error"]
    assert by["notes.pdf"]["error"].startswith("skipped")
    # a file in an unknown encoding is still read (with the fallback recorded), never a crash
    assert by["undecodable.txt"]["error"] is None or "not text" in by["undecodable.txt"]["error"]
    assert by["longline.txt"]["error"] is None and by["longline.txt"]["title"] == "Rare earth headline here"


def test_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = rarewatch("scan", str(tmp_path / "nope"))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "no such folder" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_exit_2(tmp_path: Path) -> None:
    d = tmp_path / "locked"
    d.mkdir()
    d.chmod(0)
    try:
        out = rarewatch("scan", str(d))
        assert out.returncode == 2 and "permission denied" in out.stderr
    finally:
        d.chmod(0o755)


def test_broken_profile_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "story.toml"
    bad.write_text('[story]\nid = "x"\nname = "broken\n', encoding="utf-8")
    out = rarewatch("scan", str(SEEDS), "--profile", str(bad))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"rarewatch: {bad}:3:")


def test_python_dash_m_and_the_dashboard_without_a_folder(tmp_path: Path) -> None:
    out = rarewatch("--version")
    assert out.returncode == 0 and out.stdout.startswith("rarewatch ")
    # no DIR and no ./seeds: one line saying how to point it
    out = rarewatch(cwd=tmp_path)
    assert out.returncode == 2 and "rarewatch DIR" in out.stderr and "Traceback" not in out.stderr


def test_installed_layout_finds_the_shipped_profile_and_settings(tmp_path: Path) -> None:
    """In a wheel, config/ is rarewatch/data (a folder without __init__.py): it must still load."""
    pkg = tmp_path / "site" / "rarewatch"
    shutil.copytree(ROOT / "tui" / "rarewatch", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "config", pkg / "data")
    code = (
        "from rarewatch.core.profile import load_profile, config_dir; "
        "from rarewatch.core.config import load_settings; "
        "print(config_dir()); print(load_profile().name); load_settings()"
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert out.returncode == 0, out.stderr
    where, name = out.stdout.splitlines()[:2]
    assert Path(where) == pkg / "data" and name.startswith("US")


def test_json_text_is_exactly_the_report_whatever_the_articles_hold(tmp_path: Path) -> None:
    # the rows are written by Polars, one per line: parsed, they must be what the report says,
    # also for a line separator inside a sentence and an escape sequence in a file name
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "odd\x1b[2Jname.txt").write_text(
        "Rare earth curbs eased\n\nChina refines 90% of rare earths\u2028so buyers wait. \u0085Really?\n"
    )
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)) * 20)
    report = scan(tmp_path, load_profile(default_profile_path()), dt.date(2026, 11, 23), workers=1)
    text = to_json(report, str(tmp_path))
    parsed, want = json.loads(text), json.loads(json.dumps(to_json_dict(report, str(tmp_path))))
    parsed.pop("generated"), want.pop("generated")
    assert parsed == want
    assert list(parsed) == list(want)
    assert "\x1b" not in text
    assert len(parsed["sources"]) == len(list(SEEDS.glob("*.txt"))) + 2 and parsed["figures"]


def test_workers_must_be_at_least_one() -> None:
    out = rarewatch("scan", str(SEEDS), "--workers", "0")
    assert out.returncode == 2
    assert "--workers" in out.stderr and "at least 1" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('theme = "neon-sunset"', "theme: no theme called 'neon-sunset'"),
        ('layout = "diagonal"', "layout: expected one of grid, wide, tall"),
    ],
)
def test_config_rejects_an_unknown_theme_or_layout(tmp_path: Path, line: str, words: str) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "rarewatch.toml").write_text(f"debounce_ms = 100\n{line}\n")
    env = {**os.environ, "RAREWATCH_CONFIG_DIR": str(conf)}
    out = subprocess.run(
        [sys.executable, "-m", "rarewatch", "config"], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 2, out.stdout
    assert f"rarewatch.toml:2: {words}" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_digest_prints_what_articles_since_a_date_moved(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    for f in folder.iterdir():  # undated articles count by when they changed: long ago here
        os.utime(f, (1_600_000_000, 1_600_000_000))
    rep = scan_json(folder)
    dates = sorted(s["published"] for s in rep["sources"] if s["published"])
    since = dates[-1]  # the newest article alone is new
    out = rarewatch("digest", str(folder), "--since", since, "--today", "2026-11-23", "--no-cache")
    assert out.returncode == 0, out.stderr
    fresh = [s for s in rep["sources"] if s["published"] and s["published"] >= since]
    assert f"{len(fresh)} new article" in out.stdout
    for s in fresh:
        assert s["id"] in out.stdout
    assert out.stdout.startswith("# ") and "## Key figures that moved" in out.stdout and " → " in out.stdout
    later = rarewatch("digest", str(folder), "--since", "2030-01-01", "--no-cache")
    assert later.returncode == 0 and "0 new articles" in later.stdout and "Nothing moved" in later.stdout
    bad = rarewatch("digest", str(tmp_path / "nowhere"), "--since", since)
    assert bad.returncode == 2 and "no such folder" in bad.stderr and "Traceback" not in bad.stderr
