"""State faults: corrupt marks and config files are kept aside and reported; a full disk or a
read-only folder gives a clear message and leaves the previous file whole.

Full disks and read-only folders are simulated by making `os.fsync` or `os.replace` raise the
errno the kernel would (tests run as root, where a chmod'ed folder is still writable).
"""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest

from rarewatch.core import config as C
from rarewatch.core.config import ConfigError, load_settings, save_user_settings
from rarewatch.core.export import write_export
from rarewatch.core.marks import MarksError, MarkStore
from rarewatch.core.scan import scan

from .conftest import TODAY

CORRUPT = {
    "unterminated string": b'[[mark]]\nkind = "question"\nstate = "answered\n',
    "binary": bytes(range(256)),
    "not utf-8": "kind = 'caf\u00e9'".encode("latin-1"),
    "truncated mid-write": b'[[mark]]\nkind = "figure"\nitem = "a@1"\nsta',
    "nul bytes": b"\x00" * 64,
    "wrong shape": b"mark = 3\n",
}


def _fail(err: int):
    def boom(*a, **k):
        raise OSError(err, os.strerror(err))

    return boom


@pytest.fixture
def store(tmp_path: Path) -> MarkStore:
    folder = tmp_path / "news"
    folder.mkdir()
    s = MarkStore(folder, base=tmp_path / "data")
    s.mark("question", "licences", "answered", note="kept")
    s.mark("figure", "a.txt@10", "pinned")
    return s


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_corrupt_marks_are_reported_kept_aside_never_overwritten(store: MarkStore, kind: str) -> None:
    store.path.write_bytes(CORRUPT[kind])
    with pytest.raises(MarksError, match=str(store.path)):
        store.load()
    assert store.path.read_bytes() == CORRUPT[kind]  # reading never changes it
    notes: list[str] = []
    writer = MarkStore(store.root, base=store.path.parents[1], notice=notes.append)
    writer.mark("figure", "b.txt@5", "pinned")
    (backup,) = _backups(store.path)
    assert backup.read_bytes() == CORRUPT[kind]  # the user's bytes survive whole
    assert len(notes) == 1 and backup.name in notes[0]
    assert [m.item for m in writer.marks()] == ["b.txt@5"]


@pytest.mark.parametrize(
    ("target", "err"),
    [("fsync", errno.ENOSPC), ("replace", errno.ENOSPC), ("replace", errno.EROFS), ("fsync", errno.EIO)],
)
def test_full_disk_or_read_only_keeps_every_mark(
    store: MarkStore, monkeypatch: pytest.MonkeyPatch, target: str, err: int
) -> None:
    before = store.path.read_bytes()
    marks = store.load()
    monkeypatch.setattr(os, target, _fail(err))
    with pytest.raises(MarksError) as caught:
        store.mark("question", "new", "answered")
    msg = str(caught.value)
    assert str(store.path) in msg and os.strerror(err) in msg and "unchanged" in msg
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert store.load() == marks  # marks lost: 0
    assert not list(store.path.parent.glob(".marks.toml.*.tmp"))  # no temp file left behind
    store.mark("question", "new", "answered")  # and the disk has room again
    assert len(store.load()) == len(marks) + 1


def test_unwritable_marks_folder_is_a_marks_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    store = MarkStore(tmp_path, base=blocker)
    with pytest.raises(MarksError, match="cannot lock marks"):
        store.mark("question", "x", "answered")
    assert blocker.read_text() == "a file where the folder should be"


@pytest.fixture
def user_config(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "rarewatch.toml"
    path.parent.mkdir()
    path.write_text('theme = "nord"\n# my notes\ndebounce_ms = 300\n')
    return path


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_corrupt_config_is_reported_on_load_and_kept_aside_on_save(user_config: Path, kind: str) -> None:
    data = CORRUPT[kind] if kind != "wrong shape" else b"theme = 3\n"
    user_config.write_bytes(data)
    with pytest.raises(ConfigError, match=str(user_config)):
        load_settings(user_path=user_config)
    assert user_config.read_bytes() == data
    if kind == "wrong shape":
        return  # valid TOML with a bad value: the save refuses nothing and keeps the keys
    result = save_user_settings({"theme": "gruvbox"}, path=user_config)
    assert result.backup is not None and result.backup.read_bytes() == data
    assert result.message and result.backup.name in result.message
    assert tomllib.loads(user_config.read_text()) == {"theme": "gruvbox"}


@pytest.mark.parametrize(("target", "err"), [("fsync", errno.ENOSPC), ("replace", errno.EROFS)])
def test_config_save_on_a_full_disk_is_a_clear_error(
    user_config: Path, monkeypatch: pytest.MonkeyPatch, target: str, err: int
) -> None:
    before = user_config.read_bytes()
    monkeypatch.setattr(os, target, _fail(err))
    with pytest.raises(ConfigError) as caught:
        save_user_settings({"theme": "gruvbox"}, path=user_config)
    assert str(user_config) in str(caught.value) and os.strerror(err) in str(caught.value)
    monkeypatch.undo()
    assert user_config.read_bytes() == before
    assert not list(user_config.parent.glob(".rarewatch.toml.*.tmp"))


def test_export_on_a_full_disk_leaves_the_previous_export_whole(
    good: Path, profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = scan(good, profile, TODAY)
    out = tmp_path / "out"
    write_export(report, out, "csv")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(os, "fsync", _fail(errno.ENOSPC))
    with pytest.raises(OSError) as caught:
        write_export(report, out, "csv")
    assert caught.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_atomic_write_never_leaves_half_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"old = 1\n")

    def failing_fdopen(fd, *a, **k):
        fh = open(fd, *a, **k)  # noqa: SIM115
        real = fh.write

        def write(data):  # half the bytes land, then the disk is full
            real(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        fh.write = write
        return fh

    monkeypatch.setattr(C.os, "fdopen", failing_fdopen)
    with pytest.raises(OSError):
        C.atomic_write(path, b"new = 2\n" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.toml"]


def test_many_writes_with_random_disk_faults_lose_no_acknowledged_mark(
    store: MarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 marks, a third of them hitting ENOSPC/EROFS/EIO at fsync or rename: every mark whose
    `mark()` returned is on disk at the end, and every refused one raised a MarksError."""
    import random

    rng = random.Random(7)
    real = {"fsync": os.fsync, "replace": os.replace}
    acknowledged = set(store.load())
    refused = 0
    for i in range(200):
        fault = rng.random() < 0.33
        if fault:
            target = rng.choice(["fsync", "replace"])
            monkeypatch.setattr(os, target, _fail(rng.choice([errno.ENOSPC, errno.EROFS, errno.EIO])))
        try:
            store.mark("question", f"q{i}", "answered", note="x" * rng.randrange(0, 200))
        except MarksError:
            refused += 1
            assert fault
        else:
            acknowledged.add(("question", f"q{i}"))
        finally:
            for name, fn in real.items():
                monkeypatch.setattr(os, name, fn)
    on_disk = set(store.load())
    assert refused > 30
    assert acknowledged - on_disk == set()  # marks lost: 0
    assert on_disk == acknowledged
