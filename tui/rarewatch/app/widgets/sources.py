"""The sources pane: every file in the folder, newest first, with why a file does not count.

New arrivals carry a dot until the cursor reaches them in this pane. Under the list, a sparkline
shows the coverage over time: articles published per day (`core.views.coverage`). `space`/`f` narrows every
other pane to the source under the cursor (and back); Enter opens the article reader.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

import polars as pl
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.widgets import DataTable, Sparkline, Static

from rarewatch.app.messages import OpenReader, SourceChosen, SourceSeen
from rarewatch.app.widgets.table import MAX_ROWS, Col, Pane, Sort, cell, count, fit, lines
from rarewatch.core.corpus import Report
from rarewatch.core.views import coverage, one_line, settled_ids, source_rows

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
    flags = r["byline_flags"] or ""
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
            tooltip="Narrow to source (space again: all)",
        ),
        Binding("f", "narrow", "Narrow", show=False, id="sources.narrow_f"),
    ]
    COLUMNS = (Col("mark", "", 1), Col("article", "Article", flex=1, min=16), Col("fig", "Fig", 3), Col("dis", "≠", 2))
    SORTS = (
        Sort("headline", "title"),
        Sort("outlet", "outlet"),
        Sort("date", "published", descending=True),
        Sort("figures", "figures", descending=True),
        Sort("disagreements", "disagreements", descending=True),
    )
    HEADER_SORTS: ClassVar[dict[str, int]] = {"article": 0, "fig": 3, "dis": 4}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unseen: frozenset[str] = frozenset()
        self.rows: pl.DataFrame | None = None
        self.coverage: pl.DataFrame | None = None

    def compose(self) -> ComposeResult:
        yield from super().compose()
        with Horizontal(classes="coverage"):
            yield Static("", id="coverage-label")
            yield Sparkline([], id="coverage-chart", summary_function=max)

    def show_coverage(self) -> None:
        """Articles per day, first to newest; the label says the span and the busiest day."""
        if self.report is None:
            return
        cov = coverage(self.report)
        self.coverage = cov
        label = Text("per day ", style="dim")
        if cov.height:
            peak = cov.sort("articles", "date", descending=[True, False]).row(0, named=True)
            label.append(f"{cov['date'][0]:%m-%d}→{cov['date'][-1]:%m-%d}", style="dim")
            label.append(f" max {peak['articles']} ", style="dim")
        else:
            label.append("(no dated article) ", style="dim")
        self.query_one("#coverage-label", Static).update(label)
        self.query_one("#coverage-chart", Sparkline).data = [float(n) for n in cov["articles"].to_list()]

    def show(self, report: Report, *, narrowed: str | None, unseen: frozenset[str] = frozenset()) -> None:
        self.unseen = unseen
        super().show(report, narrowed=narrowed)

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        settled = settled_ids(self.report, self.marks)
        rows = self.sorted_rows(
            source_rows(self.report, unseen=self.unseen, text_filter=self.filter_text, settled=settled)
        )
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
        self.show_coverage()
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
