"""The sources pane: every file in the folder, newest first, with why a file does not count.

New arrivals carry a dot until the cursor reaches them in this pane. `space`/`f` narrows every
other pane to the source under the cursor (and back); Enter opens the article reader.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

import polars as pl
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import DescendantFocus
from textual.widgets import DataTable

from rarewatch.app.messages import OpenReader, SourceChosen, SourceSeen
from rarewatch.app.widgets.table import MAX_ROWS, Col, Pane, cell, count, fit, lines
from rarewatch.core.corpus import Report
from rarewatch.core.views import one_line, source_rows

NEW = Style(color="#5fafff", bold=True)
NARROWED = Style(color="#5fd7af", bold=True)
FLAG_STYLES = (
    ("unreadable", "#ff5f5f"),
    ("skipped", "#8a8a8a"),
    ("AI-generated", "#ffaf00"),
    ("duplicate", "#8a8a8a"),
    ("off-topic", "#8a8a8a"),
    ("undated", "#8a8a8a"),
)


def flags_cell(flags: str, width: int) -> Text:
    """Flags in words, each coloured by how much it matters."""
    t = cell(flags, width)
    for word, colour in FLAG_STYLES:
        t.highlight_words([word], style=colour)
    return t


def byline(r: dict) -> Text:
    """The second line of a source: outlet · date · flags."""
    t = Text(style="dim")
    t.append(one_line(r["outlet"] or "unknown outlet"))
    t.append(" · ")
    t.append(r["published"] or "undated")
    flags = r["flags"] or ""
    if not r["published"]:  # the date slot already says so
        flags = ", ".join(f for f in flags.split(", ") if f != "undated")
    if flags:
        t.append(" · ")
        t.append_text(flags_cell(flags, 200))
    return t


class SourcesPane(Pane):
    """Headline (file name when there is none) over outlet · date · flags; counts per source."""

    TITLE = "Sources"
    NUMBER = 1
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "narrow",
            "Narrow",
            id="sources.narrow",
            tooltip="Narrow to source (every pane shows this one only)",
        ),
        Binding("f", "narrow", "Narrow", show=False, id="sources.narrow_f"),
    ]
    COLUMNS = (Col("mark", "", 1), Col("article", "Article", flex=1, min=16), Col("fig", "Fig", 3), Col("dis", "≠", 2))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unseen: frozenset[str] = frozenset()
        self.rows: pl.DataFrame | None = None

    def show(self, report: Report, *, narrowed: str | None, unseen: frozenset[str] = frozenset()) -> None:
        self.unseen = unseen
        super().show(report, narrowed=narrowed)

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        rows = source_rows(self.report, unseen=self.unseen, text_filter=self.filter_text)
        self.rows = rows
        w = fit(self.COLUMNS, self.table_width())
        columns = [(c.key, c.label, w[c.key]) for c in self.COLUMNS]
        out = []
        for r in rows.head(MAX_ROWS).iter_rows(named=True):
            sid = r["id"]
            mark = (
                Text("▸", style=NARROWED) if sid == self.narrowed else Text("●", style=NEW) if r["new"] else Text(" ")
            )
            title = cell(r["title"]) if r["title"] else cell(r["name"], style="dim italic")
            if sid == self.narrowed:
                title.stylize(NARROWED)
            out.append(
                (
                    sid,
                    [
                        mark,
                        lines(title, byline(r), width=w["article"]),
                        count(r["figures"]),
                        count(r["disagreements"], "#ff5f5f"),
                    ],
                )
            )
        self.table.fill(columns, out, height=2)
        new = int(rows["new"].sum()) if rows.height else 0
        total = self.report.sources.height
        self.border_title = f"{self.NUMBER} {self.TITLE} ({total:,})" + (f" · {new} new" if new else "")
        self.set_counts(min(rows.height, MAX_ROWS), rows.height)

    # ---- actions --------------------------------------------------------------------------

    def action_narrow(self) -> None:
        sid = self.table.current_key
        if sid is None:
            return
        self.post_message(SourceChosen(None if sid == self.narrowed else sid))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenReader(event.row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        key = event.row_key.value
        # a refill queues highlight events for rows the cursor only passed through; only the
        # row the cursor is on now counts as seen
        if key in self.unseen and self.table.has_focus and key == self.table.current_key:
            self.post_message(SourceSeen(key))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        key = self.table.current_key
        if key in self.unseen and self.table.has_focus:
            self.post_message(SourceSeen(key))

    def mark_seen(self, source_id: str, unseen: frozenset[str]) -> None:
        """Drop the dot of one row without rebuilding the table."""
        self.unseen = unseen
        with contextlib.suppress(Exception):
            self.table.update_cell(source_id, "mark", Text(" "))
        new = len(unseen)
        total = self.report.sources.height if self.report is not None else 0
        self.border_title = f"{self.NUMBER} {self.TITLE} ({total:,})" + (f" · {new} new" if new else "")
