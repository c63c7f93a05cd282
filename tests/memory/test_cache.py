"""The parse cache: hits, misses, invalidation, and surviving a damaged or foreign cache."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from rarewatch.core.analysis import ArticleTables
from rarewatch.core.cache import ParseCache, scan_cached
from rarewatch.core.corpus import Report
from rarewatch.core.profile import Profile, default_profile_path, parse_profile
from rarewatch.core.scan import analyse_path, list_files, scan

from .conftest import TODAY

FRAMES = ("sources", "figures", "timeline", "roles", "statuses", "questions", "texts")


def canon_contradictions(df: pl.DataFrame) -> list[dict]:
    """Contradictions independent of the order of their positions (not fixed by the core)."""
    rows = df.to_dicts()
    for r in rows:
        r["positions"] = sorted(r["positions"], key=lambda p: (p["value"], p["sources"]))
    return sorted(rows, key=lambda r: r["id"])


def assert_same_report(a: Report, b: Report) -> None:
    for name in FRAMES:
        assert getattr(a, name).equals(getattr(b, name)), name
    assert canon_contradictions(a.contradictions) == canon_contradictions(b.contradictions)
    assert a.renegotiation == b.renegotiation


def misses(root: Path, profile: Profile, label: str | None = "news") -> list[str]:
    """Source ids a scan would have to parse now."""
    lk = ParseCache(root, profile).lookup(list_files(root), label)
    return [lk.ids[i] for i in lk.misses]


def age(root: Path, seconds: int = 3600) -> None:
    """Backdate every file: a fresh mtime is re-hashed on purpose (it may not have ticked yet)."""
    for p in root.rglob("*"):
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def test_warm_scan_reads_nothing_and_equals_a_plain_scan(corpus: Path, profile: Profile) -> None:
    plain = scan(corpus, profile, TODAY, root_label="news")
    assert len(misses(corpus, profile)) == 6
    cold = scan_cached(corpus, profile, TODAY, root_label="news")
    assert misses(corpus, profile) == []
    warm = scan_cached(corpus, profile, TODAY, root_label="news")
    assert_same_report(plain, cold)
    assert_same_report(plain, warm)


def test_changed_file_is_the_only_miss(corpus: Path, profile: Profile) -> None:
    age(corpus)
    scan_cached(corpus, profile, TODAY, root_label="news")
    target = corpus / "metalmarkets-daily.txt"
    target.write_text(target.read_text().replace("90% of the separation", "85% of the separation"))
    assert misses(corpus, profile) == ["metalmarkets-daily.txt"]
    report = scan_cached(corpus, profile, TODAY, root_label="news")
    assert_same_report(scan(corpus, profile, TODAY, root_label="news"), report)
    assert "85%" in report.figures.filter(pl.col("source") == "metalmarkets-daily.txt")["text"].to_list()
    assert misses(corpus, profile) == []


def test_touch_without_change_costs_a_hash_not_a_parse(corpus: Path, profile: Profile) -> None:
    age(corpus)
    scan_cached(corpus, profile, TODAY)
    os.utime(corpus / "ore-notes-blog.md")  # new mtime, same bytes
    assert misses(corpus, profile) == []


def test_stat_match_is_trusted_without_reading(corpus: Path, profile: Profile) -> None:
    """Same size and mtime means unchanged: that is what keeps a warm start to one stat per file."""
    age(corpus)
    scan_cached(corpus, profile, TODAY)
    target = corpus / "harbor-wire-busan-truce.txt"
    st = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace(b"a", b"e", 1))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert misses(corpus, profile) == []


def test_rename_and_copy_hit_with_their_new_ids(corpus: Path, profile: Profile) -> None:
    age(corpus)
    scan_cached(corpus, profile, TODAY, root_label="news")
    (corpus / "ore-notes-blog.md").rename(corpus / "renamed.md")
    shutil.copy2(corpus / "trade-ledger.html", corpus / "copy-of-ledger.html")
    assert misses(corpus, profile) == []
    report = scan_cached(corpus, profile, TODAY, root_label="news")
    assert_same_report(scan(corpus, profile, TODAY, root_label="news"), report)
    assert {"renamed.md", "copy-of-ledger.html", "trade-ledger.html"} <= set(report.sources["id"])
    assert "news/renamed.md" in report.sources["path"].to_list()


def test_other_label_rewrites_paths_without_parsing(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY, root_label="news")
    assert misses(corpus, profile, label=None) == []
    report = scan_cached(corpus, profile, TODAY, root_label=None)
    assert_same_report(scan(corpus, profile, TODAY), report)


def test_changed_profile_reparses_everything(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY)
    text = default_profile_path().read_text()
    other = parse_profile(text.replace('deadline_label = "terms lapse"', 'deadline_label = "truce ends"'))
    assert other.digest != profile.digest
    assert len(misses(corpus, other)) == 6
    scan_cached(corpus, other, TODAY)
    assert misses(corpus, other) == []


def test_cache_of_another_version_is_discarded_with_a_notice(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY)
    cache = ParseCache(corpus, profile)
    manifest = json.loads(cache.manifest_path.read_text())
    manifest["version"] = "0.0.1"
    cache.manifest_path.write_text(json.dumps(manifest))
    notes: list[str] = []
    report = scan_cached(corpus, profile, TODAY, notice=notes.append)
    assert len(notes) == 1 and "rarewatch 0.0.1" in notes[0] and "discarded" in notes[0]
    assert_same_report(scan(corpus, profile, TODAY), report)
    assert misses(corpus, profile) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-columns"])
def test_corrupt_cache_is_discarded_with_a_notice(corpus: Path, profile: Profile, damage: str) -> None:
    scan_cached(corpus, profile, TODAY)
    cache = ParseCache(corpus, profile)
    target = next(cache.dir.glob("figures-*.parquet"))
    if damage == "garbage":
        target.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        target.write_bytes(target.read_bytes()[:100])
    else:
        pl.DataFrame({"_key": ["x"], "surprise": [1]}).write_parquet(target)
    notes: list[str] = []
    report = scan_cached(corpus, profile, TODAY, notice=notes.append)
    assert len(notes) == 1 and "discarded" in notes[0] and "figures" in notes[0]
    assert_same_report(scan(corpus, profile, TODAY), report)
    assert misses(corpus, profile) == []  # rebuilt
    assert scan_cached(corpus, profile, TODAY, notice=notes.append) is not None and len(notes) == 1


def test_garbage_manifest_is_discarded(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY)
    ParseCache(corpus, profile).manifest_path.write_bytes(b"\x00\xffnot json")
    notes: list[str] = []
    assert_same_report(scan(corpus, profile, TODAY), scan_cached(corpus, profile, TODAY, notice=notes.append))
    assert len(notes) == 1 and "manifest" in notes[0]


def test_error_rows_are_cached_and_unreadable_files_stay_listed(corpus: Path, profile: Profile) -> None:
    (corpus / "blank.txt").write_text("   \n\n  ")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "linked").symlink_to(corpus.parent, target_is_directory=True)
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")
    age(corpus)
    first = scan_cached(corpus, profile, TODAY)
    errors = dict(first.sources.select("id", "error").iter_rows())
    assert errors["blank.txt"] and errors["binary.txt"] and errors["linked"] and errors["notes.pdf"]
    # files that open are cached with their error row; a linked folder or a skipped kind is listed
    assert sorted(misses(corpus, profile)) == ["linked", "notes.pdf"]
    second = scan_cached(corpus, profile, TODAY)
    assert_same_report(first, second)


def test_deleted_file_leaves_the_report_and_the_cache(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY)
    (corpus / "roundup-aggregator.txt").unlink()
    report = scan_cached(corpus, profile, TODAY)
    assert "roundup-aggregator.txt" not in report.sources["id"].to_list()
    manifest = json.loads(ParseCache(corpus, profile).manifest_path.read_text())
    assert "roundup-aggregator.txt" not in manifest["files"]


def test_load_gives_per_article_tables_like_analyse_path(corpus: Path, profile: Profile) -> None:
    scan_cached(corpus, profile, TODAY, root_label="news")
    loaded = ParseCache(corpus, profile).load("news")
    assert set(loaded) == {p.name for p in corpus.iterdir()}
    for path in list_files(corpus):
        fresh = analyse_path(corpus, path, profile, "news")
        got = loaded[path.name]
        for field in ArticleTables.FIELDS:
            assert getattr(got, field).equals(getattr(fresh, field)), (path.name, field)


def test_one_generation_on_disk_after_many_stores(corpus: Path, profile: Profile) -> None:
    for i in range(3):
        (corpus / f"extra-{i}.txt").write_text(f"Rare earth note {i}: China holds {60 + i}% of mining.\n")
        scan_cached(corpus, profile, TODAY)
    cache = ParseCache(corpus, profile)
    assert len(list(cache.dir.glob("*.parquet"))) == 7
    assert not list(cache.dir.glob(".*.tmp"))


def test_no_cache_writes_nothing(corpus: Path, profile: Profile, user_dirs: dict[str, Path]) -> None:
    scan_cached(corpus, profile, TODAY, use_cache=False)
    assert not user_dirs["cache"].exists()


def test_unwritable_cache_is_a_notice_not_a_crash(corpus: Path, profile: Profile, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    notes: list[str] = []
    report = scan_cached(corpus, profile, TODAY, notice=notes.append, base=blocker)
    assert_same_report(scan(corpus, profile, TODAY), report)
    assert notes and "cache" in notes[0]


def test_ignore_patterns_leave_files_out(corpus: Path, profile: Profile) -> None:
    report = scan_cached(corpus, profile, TODAY, ignore=("*.html", "ore-*"))
    assert set(report.sources["id"]) == {
        "explainer-ai-disclaimer.txt",
        "harbor-wire-busan-truce.txt",
        "metalmarkets-daily.txt",
        "roundup-aggregator.txt",
    }


def test_live_model_round_trip_through_store_parts(corpus: Path, profile: Profile) -> None:
    """The dashboard's path: load what is cached, parse the rest, store the per-article tables."""
    age(corpus)
    assert ParseCache(corpus, profile).load("news") == {}
    parts = {p.name: analyse_path(corpus, p, profile, "news") for p in list_files(corpus)}
    ParseCache(corpus, profile).store_parts(parts, "news")
    target = corpus / "ore-notes-blog.md"
    target.write_text(target.read_text() + "\nOne more line about rare earth magnets.\n")
    loaded = ParseCache(corpus, profile).load("news")
    assert set(loaded) == set(parts) - {"ore-notes-blog.md"}
    for sid, tables in loaded.items():
        for field in ArticleTables.FIELDS:
            assert getattr(tables, field).equals(getattr(parts[sid], field)), (sid, field)
