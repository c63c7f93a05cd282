"""The remembered view: written atomically, and anything unreadable is the panes' own order."""

from __future__ import annotations

from pathlib import Path

from rarewatch.core.viewstate import ViewState, load_view, save_view, view_path


def test_round_trip_and_bad_files_mean_defaults(tmp_path: Path) -> None:
    path = view_path("/some/news", base=tmp_path)
    assert load_view(path) == ViewState()  # none yet
    state = ViewState({"sources": ("figures", True), "questions": ("asked", False)}, hide_settled=True)
    save_view(path, state)
    assert load_view(path) == state
    assert not list(path.parent.glob(".*.tmp"))
    for junk in (b"\x00\xff", b"[1, 2]", b'{"format": 99}', b'{"format": 1, "sorts": {"x": 3}}'):
        path.write_bytes(junk)
        assert load_view(path).sorts == {}
