"""How the analyst left the dashboard on one folder: each pane's sort, and whether settled rows
are hidden. Restored at the next start, so a pane sorted by date stays sorted by date.

It lives next to the review marks and the session snapshot (`<data>/<folder-key>/view.json`),
written with the same `atomic_write`. It is a preference, not work: a missing or unreadable
file means the panes' own orders, never an error. Sorts are stored by the words the pane shows
("figures"), not by position, so a pane that gains a sort later does not misread an old file.
Nothing here imports Textual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rarewatch.core.config import atomic_write, data_home, folder_key

FORMAT = 1
NAME = "view.json"


@dataclass(frozen=True, slots=True)
class ViewState:
    """pane -> (sort label, reversed); `hide_settled` is the dashboard's `H`."""

    sorts: dict[str, tuple[str, bool]] = field(default_factory=dict)
    hide_settled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "sorts": {pane: {"by": by, "reversed": rev} for pane, (by, rev) in sorted(self.sorts.items())},
            "hide_settled": self.hide_settled,
        }

    @classmethod
    def from_json(cls, raw: Any) -> ViewState:
        """What can be read of `raw`; anything else is left at its default."""
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return cls()
        sorts: dict[str, tuple[str, bool]] = {}
        for pane, value in (raw.get("sorts") or {}).items():
            if isinstance(value, dict) and isinstance(value.get("by"), str):
                sorts[str(pane)] = (value["by"], bool(value.get("reversed", False)))
        return cls(sorts, bool(raw.get("hide_settled", False)))


def view_path(root: str | Path, base: Path | None = None) -> Path:
    return (base or data_home()) / folder_key(root) / NAME


def load_view(path: Path) -> ViewState:
    try:
        return ViewState.from_json(json.loads(path.read_bytes()))
    except (OSError, ValueError, UnicodeDecodeError):
        return ViewState()


def save_view(path: Path, state: ViewState) -> None:
    """Atomic, like the marks. May raise OSError (the caller says so and carries on)."""
    atomic_write(path, json.dumps(state.to_json(), separators=(",", ":")).encode("utf-8"))
