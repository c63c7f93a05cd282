"""The folder watcher on real files with real watchfiles: settling, ignoring, renames, bursts."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import watchfiles

from rarewatch.app.library import Library
from rarewatch.app.watch import WORKER_NICENESS, Batch, FolderWatcher, analyse_many, refresh
from rarewatch.core.scan import POOL_THRESHOLD, list_files
from watchrunner import WatchRunner

from .conftest import SEEDS, TODAY

#: Runs a FolderWatcher in a thread and keeps what it emits.
Collector = WatchRunner


def test_initial_batch_lists_the_folder_and_skips_hidden_and_temp_files(seeds: Path) -> None:
    (seeds / ".hidden.txt").write_text("x")
    (seeds / "draft.txt.swp").write_text("x")
    (seeds / "rarewatch-cache.json").write_text("x")
    with Collector(seeds) as c:
        first = c.batches[0]
    assert first.initial
    assert {p.name for p in first.changed} == {p.name for p in SEEDS.iterdir()}


def test_a_file_being_written_is_read_once_it_is_stable(tmp_path: Path) -> None:
    data = (SEEDS / "ore-notes-blog.md").read_bytes()
    with Collector(tmp_path) as c, open(tmp_path / "slow.md", "wb") as fh:
        for i in range(0, len(data), 400):
            fh.write(data[i : i + 400])
            fh.flush()
            time.sleep(0.06)
        fh.close()
        c.wait(lambda: "slow.md" in c.changed())
        time.sleep(0.5)
    emitted = [b for b in c.batches[1:] if any(p.name == "slow.md" for p in b.changed)]
    assert len(emitted) == 1
    size = next(p for p in emitted[0].changed if p.name == "slow.md").stat().st_size
    assert size == len(data)


def test_ignored_files_raise_no_batch(tmp_path: Path) -> None:
    with Collector(tmp_path) as c:
        (tmp_path / ".#lock.txt").write_text("x")
        (tmp_path / "notes.txt~").write_text("x")
        (tmp_path / "x.tmp").write_text("x")
        (tmp_path / "real.txt").write_text("rare earth")
        c.wait(lambda: "real.txt" in c.changed())
    assert c.changed() == {"real.txt"}


def test_rename_arrives_as_one_batch_and_delete_is_reported(seeds: Path) -> None:
    with Collector(seeds) as c:
        (seeds / "ore-notes-blog.md").rename(seeds / "ore-notes-renamed.md")
        c.wait(lambda: "ore-notes-renamed.md" in c.changed() and "ore-notes-blog.md" in c.removed())
        (seeds / "roundup-aggregator.txt").unlink()
        c.wait(lambda: "roundup-aggregator.txt" in c.removed())
    rename = [b for b in c.batches if any(p.name == "ore-notes-renamed.md" for p in b.changed)]
    assert any(p.name == "ore-notes-blog.md" for p in rename[0].removed)


def test_a_folder_dropped_in_brings_its_files(tmp_path: Path) -> None:
    src = tmp_path / "outside"
    shutil.copytree(SEEDS, src)
    watched = tmp_path / "watched"
    watched.mkdir()
    with Collector(watched) as c:
        src.rename(watched / "batch")
        c.wait(lambda: len(c.changed()) == len(list(SEEDS.iterdir())))


def test_rescan_catches_what_events_missed(tmp_path: Path) -> None:
    w = FolderWatcher(tmp_path, rescan_s=0.0)
    w.initial()
    shutil.copy(SEEDS / "trade-ledger.html", tmp_path / "late.html")
    w.rescan(time.monotonic() - 1)  # as if the event had been dropped
    batch = w.tick(time.monotonic())
    assert {p.name for p in batch.changed} == {"late.html"}
    (tmp_path / "late.html").unlink()
    w.rescan(time.monotonic())
    assert {p.name for p in w.tick(time.monotonic()).removed} == {"late.html"}


def test_watch_filter_matches_list_files(tmp_path: Path) -> None:
    w = FolderWatcher(tmp_path)
    add = watchfiles.Change.added
    assert w.accepts(add, str(tmp_path / "a.txt"))
    assert not w.accepts(add, str(tmp_path / ".git" / "a.txt"))
    assert not w.accepts(add, str(tmp_path / "a.txt.part"))
    assert not w.accepts(add, "/elsewhere/a.txt")


def test_refresh_reads_only_the_batch(seeds: Path, profile) -> None:
    first = refresh(Library(), Batch(frozenset(seeds.iterdir()), initial=True), seeds, profile, TODAY)
    assert first is not None and len(first.library) == 6
    target = seeds / "trade-ledger.html"
    target.write_text(target.read_text().replace("92%", "95%"))
    second = refresh(first.library, Batch(frozenset({target})), seeds, profile, TODAY)
    assert second is not None and second.changed == {"trade-ledger.html"}
    assert second.library.parts["ore-notes-blog.md"] is first.library.parts["ore-notes-blog.md"]
    assert "95%" in second.report.figures["text"].to_list()
    third = refresh(second.library, Batch(removed=frozenset({target})), seeds, profile, TODAY)
    assert third is not None and "trade-ledger.html" not in third.library


def _spawned_children() -> set[int]:
    """Processes this one started with multiprocessing's spawn (not its resource tracker)."""
    out: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        text = (task / "children").read_text() if (task / "children").exists() else ""
        for pid in map(int, text.split()):
            try:
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    out.add(pid)
            except OSError:
                continue
    return out


def test_the_dashboards_analysis_processes_run_below_the_interface(tmp_path: Path, profile) -> None:
    # a large drop keeps every core busy: the interface must still get the processor first
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to see the worker processes")
    for i in range(POOL_THRESHOLD + 16):
        shutil.copy(SEEDS / "harbor-wire-busan-truce.txt", tmp_path / f"a{i:03d}.txt")
    before = _spawned_children()
    parts = analyse_many(tmp_path, list_files(tmp_path), profile, workers=2)
    next(parts)  # the pool is up and has answered
    workers = _spawned_children() - before
    priorities = {os.getpriority(os.PRIO_PROCESS, pid) for pid in workers}
    rest = list(parts)
    assert len(rest) == POOL_THRESHOLD + 15
    assert workers, "no worker processes were started"
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert priorities == {min(19, mine + WORKER_NICENESS)}
