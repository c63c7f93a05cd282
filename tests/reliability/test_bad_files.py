"""Bad files next to good ones: each is listed with a reason or read, and the good ones do not change.

One folder collects every kind of fault a real news folder meets (binary data, odd encodings,
giant and sparse files, hostile HTML, links that loop, FIFOs, vanishing files); the scan must list
each with a reason a user understands, keep the two good seed articles' figures exactly as they
are when read alone, and exit 0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rarewatch.core import articles
from rarewatch.core.profile import Profile
from rarewatch.core.scan import analyse_path, list_files

from .conftest import GOOD, SEEDS

ON_TOPIC = "Rare earth curbs paused for a year\n\nChina makes 90% of rare earth magnets, officials said.\n"
ROOT = os.geteuid() == 0


def _make_faults(d: Path) -> dict[str, str | None]:
    """Write every fault into `d`; map each name to the reason expected (None: read as text)."""
    text = ON_TOPIC
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_bytes(b" \n\n\t\n")
    (d / "nul-bytes.txt").write_bytes(text.encode().replace(b" ", b"\x00", 3))
    (d / "utf16-bom.txt").write_bytes(text.encode("utf-16"))  # BOM + UTF-16 LE
    (d / "utf16-be-bom.md").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (d / "latin1.txt").write_bytes(("Caf\u00e9 " + text).encode("latin-1"))
    (d / "cp1252-quotes.txt").write_bytes(("\u201cRare earth\u201d \u2014 " + text).encode("cp1252"))
    (d / "cr-only.txt").write_bytes(text.replace("\n", "\r").encode())
    (d / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    (d / "zero-width-bidi.txt").write_text("Rare\u200b earth \u202ecurbs\u202c\u2066 paused\u2069\ufeff" + text[18:])
    with open(d / "sparse-50mb.txt", "wb") as fh:
        fh.truncate(50 * 2**20)
    (d / "one-mb-line.md").write_text("Rare earth curbs\n\n" + "rare earth 90% " * (2**20 // 15) + "\n")
    (d / "nested-divs.html").write_text(
        "<html><body>" + "<div>" * 100_000 + ON_TOPIC + "</div>" * 100_000 + "</body></html>"
    )
    (d / "malformed.html").write_text(
        "<html><head><title>Rare earth <b>curbs</title><body><p>Rare earth <i>curbs <b>paused</p></div>"
        "</span><<>>< script>alert(1)<p>China makes 90% of magnets.<!-- unclosed"
    )
    os.symlink(d / "self-loop.txt", d / "self-loop.txt")
    os.symlink(d / "loop-b.txt", d / "loop-a.txt")
    os.symlink(d / "loop-a.txt", d / "loop-b.txt")
    os.symlink(d, d / "link-to-folder")
    os.mkfifo(d / "fifo.txt")
    locked = d / "no-permission.txt"
    locked.write_text(text)
    locked.chmod(0)
    (d / "folder-named.txt").mkdir()
    return {
        "binary.txt": "not text",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "nul-bytes.txt": "not text",
        "utf16-bom.txt": None,
        "utf16-be-bom.md": None,
        "latin1.txt": None,
        "cp1252-quotes.txt": None,
        "cr-only.txt": None,
        "crlf.txt": None,
        "zero-width-bidi.txt": None,
        "sparse-50mb.txt": "too large",
        "one-mb-line.md": None,
        "nested-divs.html": "no article text",
        "malformed.html": None,
        "self-loop.txt": "symbolic link loop",
        "loop-a.txt": "symbolic link loop",
        "loop-b.txt": "symbolic link loop",
        "link-to-folder": "not an article file",
        "fifo.txt": "not a regular file",
        # root ignores file permissions: there the file is simply read
        "no-permission.txt": None if ROOT else "permission denied",
        "folder-named.txt": "a directory, not a file",
    }


def _figures(df) -> list[tuple]:
    return sorted(df.select("metric", "text", "start", "end").rows())


def test_every_fault_is_listed_with_a_reason_or_read(good: Path, profile: Profile) -> None:
    alone = {name: analyse_path(good, good / name, profile) for name in GOOD}
    expected = _make_faults(good)
    for name, reason in expected.items():
        t0 = time.perf_counter()
        row = analyse_path(good, good / name, profile).source.row(0, named=True)
        assert time.perf_counter() - t0 < 10, name
        if reason is None:
            assert row["error"] is None, (name, row["error"])
            assert row["words"] > 0 and "unreadable" not in row["flags"], (name, row)
        else:
            assert row["error"] and reason in row["error"], (name, row["error"])
    for name in GOOD:
        again = analyse_path(good, good / name, profile)
        assert _figures(again.figures) == _figures(alone[name].figures)
        assert again.source.drop("path").rows() == alone[name].source.drop("path").rows()


@pytest.mark.parametrize(
    "name", ["utf16-bom.txt", "latin1.txt", "cp1252-quotes.txt", "cr-only.txt", "crlf.txt", "zero-width-bidi.txt"]
)
def test_odd_encodings_and_line_ends_give_the_same_figures_as_plain_utf8(
    good: Path, profile: Profile, name: str
) -> None:
    _make_faults(good)
    plain = good / "plain.txt"
    plain.write_text(ON_TOPIC)
    want = [(m, t) for m, t, *_ in _figures(analyse_path(good, plain, profile).figures)]
    got = analyse_path(good, good / name, profile)
    assert "90%" in [t for _, t in want]
    assert [(m, t) for m, t, *_ in _figures(got.figures)] == want
    text = got.text["text"][0]
    assert "\r" not in text and not {"\u200b", "\u202e", "\u202c", "\u2066", "\u2069", "\ufeff"} & set(text)


def test_a_folder_named_like_an_article_is_listed(good: Path) -> None:
    (good / "folder-named.txt").mkdir()
    assert good / "folder-named.txt" in list_files(good)


@pytest.mark.skipif(not ROOT, reason="as a normal user the chmod 0 file is covered by the main fault test")
def test_unreadable_file_as_root_is_reported_when_open_is_refused(
    good: Path, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads a chmod 0 file anyway; the permission path is exercised by refusing the open."""
    target = good / "no-permission.txt"
    target.write_text(ON_TOPIC)

    def refuse(path, *a, **k):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(articles, "open", refuse, raising=False)
    row = analyse_path(good, target, profile).source.row(0, named=True)
    assert row["error"] == "permission denied" and "unreadable" in row["flags"]


def test_file_deleted_between_event_and_read(good: Path, profile: Profile) -> None:
    target = good / "gone.txt"
    target.write_text(ON_TOPIC)
    target.unlink()
    row = analyse_path(good, target, profile).source.row(0, named=True)
    assert row["error"] == "file disappeared before it could be read"


@pytest.mark.parametrize("keep", [0, 200])
def test_file_truncated_while_read(good: Path, profile: Profile, monkeypatch: pytest.MonkeyPatch, keep: int) -> None:
    """The size is taken, then the file shrinks before the bytes are read: a row, never a raise."""
    target = good / "shrinking.txt"
    target.write_text(ON_TOPIC * 50)
    real_open = open

    def shrinking_open(path, *a, **k):
        os.truncate(path, keep)
        return real_open(path, *a, **k)

    monkeypatch.setattr(articles, "open", shrinking_open, raising=False)
    row = analyse_path(good, target, profile).source.row(0, named=True)
    if keep == 0:
        assert row["error"] == "empty file"
    else:
        assert row["error"] is None and row["words"] > 0


def test_scan_cli_lists_every_fault_and_keeps_good_figures(good: Path, tmp_path: Path) -> None:
    alone_dir = tmp_path / "alone"
    alone_dir.mkdir()
    for name in GOOD:
        (alone_dir / name).write_bytes((SEEDS / name).read_bytes())
    expected = _make_faults(good)

    def scan(folder: Path) -> dict:
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
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    alone, mixed = scan(alone_dir), scan(good)
    rows = {s["id"]: s for s in mixed["sources"]}
    listed = set(expected)
    assert listed <= set(rows), listed - set(rows)
    for name in listed:
        if expected[name] is not None:
            assert expected[name] in (rows[name]["error"] or ""), rows[name]
    for name in GOOD:
        assert rows[name]["error"] is None

        def figs(rep: dict, name: str = name) -> list:
            return sorted((f["metric"], f["text"], f["start"]) for f in rep["figures"] if f["source"] == name)

        assert figs(mixed) == figs(alone) and figs(alone)
