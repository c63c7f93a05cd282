"""Review marks: round trips, reopening, and no lost or half-written marks across processes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from rarewatch.core.marks import Mark, MarksError, MarkStore, figure_key, is_open, marks_frame

WRITER = """
import sys
from rarewatch.core.marks import MarkStore
store = MarkStore(sys.argv[1])
for i in range(int(sys.argv[3])):
    item = f"{sys.argv[2]}-{i}"
    store.mark("question", item, "answered", note=f"note {i}")
    print(item, flush=True)
"""

SLOW_FSYNC_WRITER = """
import os, sys, time
from pathlib import Path
from rarewatch.core.marks import MarkStore
real_fsync = os.fsync
def slow_fsync(fd):
    # the new file is written but not yet durable nor renamed: say so, then stall like a slow disk
    Path(sys.argv[2]).write_text("in fsync")
    time.sleep(60)
    real_fsync(fd)
os.fsync = slow_fsync
MarkStore(sys.argv[1]).mark("figure", "late@1", "pinned", note="never lands")
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    return d


def test_marks_survive_a_restart(folder: Path) -> None:
    first = MarkStore(folder)
    first.mark(
        "contradiction",
        "figure:china_share_processing:%",
        "explained",
        note="92% counts capacity, 90% output",
        positions=["90%", "92%"],
    )
    first.mark("question", "licences", "answered", note="general licences from 2026-01")
    first.mark("figure", figure_key("trade-ledger.html", 812), "pinned")
    again = MarkStore(folder)  # a new process would build exactly this
    marks = {m.ident: m for m in again.marks()}
    assert set(marks) == {
        ("contradiction", "figure:china_share_processing:%"),
        ("question", "licences"),
        ("figure", "trade-ledger.html@812"),
    }
    c = marks[("contradiction", "figure:china_share_processing:%")]
    assert (c.state, c.note, c.positions) == ("explained", "92% counts capacity, 90% output", ("90%", "92%"))
    assert c.at.endswith("+00:00")
    assert again.path.parent.parent == Path(os.environ["RAREWATCH_DATA_DIR"])


def test_each_folder_has_its_own_marks(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    MarkStore(tmp_path / "a").mark("question", "licences", "answered")
    assert MarkStore(tmp_path / "b").marks() == []


def test_latest_mark_of_an_item_wins(folder: Path) -> None:
    store = MarkStore(folder)
    store.mark("contradiction", "date:controls_imposed", "explained", positions=["2025-10-09"])
    store.mark("contradiction", "date:controls_imposed", "dismissed", note="same day, two time zones")
    (m,) = MarkStore(folder).marks()
    assert (m.state, m.note) == ("dismissed", "same day, two time zones")


def test_contradiction_reopens_when_a_new_position_appears(folder: Path) -> None:
    m = MarkStore(folder).mark("contradiction", "status:measures", "explained", positions=["suspended", "eliminated"])
    assert not is_open(m, ["eliminated", "suspended"])
    assert not is_open(m, ["suspended"])  # a position going away does not reopen it
    assert is_open(m, ["eliminated", "suspended", "in force"])
    assert is_open(None, ["anything"])
    q = MarkStore(folder).mark("question", "licences", "answered")
    assert not is_open(q)


def test_clear_reopens_and_a_stale_writer_cannot_resurrect(folder: Path) -> None:
    a, b = MarkStore(folder), MarkStore(folder)
    a.mark("figure", "x@1", "pinned")
    b.clear("figure", "x@1")
    a.mark("figure", "y@2", "pinned")  # a merges with b's tombstone, keeps it
    assert [m.item for m in MarkStore(folder).marks()] == ["y@2"]
    tomb = MarkStore(folder).load(include_cleared=True)[("figure", "x@1")]
    assert tomb.cleared and is_open(tomb)


@pytest.mark.parametrize(
    ("kind", "state"), [("contradiction", "answered"), ("figure", "explained"), ("sentence", "pinned")]
)
def test_invalid_marks_are_refused(folder: Path, kind: str, state: str) -> None:
    with pytest.raises(MarksError):
        MarkStore(folder).mark(kind, "x", state)
    assert not MarkStore(folder).path.exists()


def test_corrupt_file_is_reported_then_kept_aside_not_overwritten(folder: Path) -> None:
    store = MarkStore(folder)
    store.mark("question", "licences", "answered")
    broken = store.path.read_text().replace('state = "answered"', 'state = "answered')
    store.path.write_text(broken)
    with pytest.raises(MarksError, match=rf"^{store.path}:\d+:\d+: invalid TOML"):
        store.marks()
    notes: list[str] = []
    writer = MarkStore(folder, notice=notes.append)
    writer.mark("figure", "x@1", "pinned")
    (backup,) = folder_backups(store.path)
    assert backup.read_text() == broken
    assert len(notes) == 1 and backup.name in notes[0]
    assert [m.item for m in MarkStore(folder).marks()] == ["x@1"]


def test_invalid_entry_names_its_line(folder: Path) -> None:
    store = MarkStore(folder)
    store.mark("question", "licences", "answered")
    store.mark("question", "quota", "answered")
    text = store.path.read_text()
    store.path.write_text(text.replace('kind = "question"\nitem = "quota"', 'kind = "qestion"\nitem = "quota"'))
    second = [i for i, line in enumerate(store.path.read_text().splitlines(), 1) if line == "[[mark]]"][1]
    with pytest.raises(MarksError, match=rf"^{store.path}:{second}: unknown kind of mark 'qestion'"):
        store.marks()


def folder_backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob("marks.toml.bak-*"))


def test_file_is_plain_toml_a_person_can_read(folder: Path) -> None:
    store = MarkStore(folder)
    store.mark(
        "contradiction",
        "role:scott_bessent",
        "dismissed",
        note='"nominee" was outdated',
        positions=["Treasury Secretary Scott Bessent"],
    )
    data = tomllib.loads(store.path.read_text())
    assert data["format"] == 1 and data["folder"] == str(folder.resolve())
    assert data["mark"][0]["note"] == '"nominee" was outdated'


def test_marks_frame_has_a_stable_schema(folder: Path) -> None:
    assert marks_frame([]).columns == ["kind", "item", "state", "note", "at", "positions"]
    df = marks_frame(
        [
            Mark("figure", "a@1", "pinned", "2026-01-01T00:00:00+00:00"),
            Mark("figure", "b@2", "pinned", "2026-01-01T00:00:00+00:00", cleared=True),
        ]
    )
    assert df["item"].to_list() == ["a@1"]


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_write_killed_midway_leaves_previous_marks_intact(folder: Path, tmp_path: Path) -> None:
    store = MarkStore(folder)
    store.mark("question", "licences", "answered", note="before the crash")
    store.mark("figure", "kept@7", "pinned")
    before = store.path.read_bytes()
    signal_file = tmp_path / "in-fsync"
    proc = spawn(SLOW_FSYNC_WRITER, str(folder), str(signal_file))
    try:
        deadline = time.monotonic() + 60
        while not signal_file.exists():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "writer never reached fsync"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL
    assert list(store.path.parent.glob(".marks.toml.*.tmp")), "the killed writer left its temp file"
    assert store.path.read_bytes() == before
    assert {m.item for m in MarkStore(folder).marks()} == {"licences", "kept@7"}
    # the next writer is not blocked by the dead one's lock and sweeps its temp file
    MarkStore(folder).mark("figure", "after@9", "pinned")
    assert {m.item for m in MarkStore(folder).marks()} == {"licences", "kept@7", "after@9"}
    assert not list(store.path.parent.glob(".marks.toml.*.tmp"))


@pytest.mark.slow
def test_kills_at_random_moments_never_lose_an_acknowledged_mark(folder: Path) -> None:
    rng = random.Random(1)
    acknowledged: set[str] = set()
    for round_ in range(5):
        proc = spawn(WRITER, str(folder), f"r{round_}", "100000")
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()  # running and writing
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        done = [first, *rest.split()]
        acknowledged.update(d for d in done if d)
        items = {m.item for m in MarkStore(folder).marks()}  # parses: raises if half-written
        assert acknowledged <= items
    assert len(acknowledged) > 5


def test_two_processes_writing_at_once_lose_no_mark(folder: Path) -> None:
    n = 40
    procs = [spawn(WRITER, str(folder), name, str(n)) for name in ("alpha", "beta")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert len(out.split()) == n
    items = {m.item for m in MarkStore(folder).marks()}
    assert items == {f"{name}-{i}" for name in ("alpha", "beta") for i in range(n)}
