"""The key-figures pane: one row per metric, every source's value side by side.

Pinned metrics (`p`, with an optional note; `u` unpins) come first, then disputed ones with a
marker coloured by the worst severity; Enter lists every figure of the metric with its sentence
and attribution, `r` opens the reader on the first one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from rarewatch.app.widgets.table import (
    MAX_ROWS,
    SEVERITY_STYLE,
    Col,
    Pane,
    Sort,
    cell,
    count,
    fit,
    lines,
    mark_text,
)
from rarewatch.core.views import figures_by_metric, settled_ids, with_marks

VALUES = "#ffd75f"
PINNED = "bold #ffd75f"


class FiguresPane(Pane):
    """Metric over its values side by side, number of sources; ≠ where sources disagree."""

    TITLE = "Key figures"
    NUMBER = 2
    MARK_KIND = "figure"
    DETAIL_KIND = "metric"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "read", "Read first", id="figures.read"),
        Binding("p", "mark('pinned')", "Pin", id="figures.pin"),
        Binding("u", "unmark", "Unmark", id="figures.unmark"),
    ]
    COLUMNS = (Col("mark", "", 1), Col("metric", "Metric and values", flex=1, min=16), Col("n", "Src", 3))
    SORTS = (
        Sort("metric", "label"),
        Sort("sources", "sources", descending=True),
        Sort("figures", "figures", descending=True),
        Sort("severity", "severity"),
    )
    HEADER_SORTS: ClassVar[dict[str, int]] = {"metric": 0, "n": 1, "mark": 3}

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        rows = with_marks(
            self.sorted_rows(
                figures_by_metric(self.report, self.narrowed, self.filter_text, settled_ids(self.report, self.marks))
            ),
            "figure",
            self.marks,
        )
        w = fit(self.COLUMNS, self.table_width())
        out = []
        for r in rows.head(MAX_ROWS).iter_rows(named=True):
            sev = r["severity"]
            mark = Text("★", style=PINNED) if r["mark"] else Text("≠", style=SEVERITY_STYLE[sev]) if sev else Text(" ")
            shown = [cell(r["label"], style="bold" if sev or r["mark"] else ""), cell("  " + r["values"], style=VALUES)]
            if r["mark"]:
                shown.append(Text("  ").append_text(mark_text(r["mark"], r["note"])))
            text = lines(*shown, width=w["metric"])
            out.append((r["metric"], [mark, text, count(r["sources"])], len(shown)))
        self.table.fill([(c.key, c.label, w[c.key]) for c in self.COLUMNS], out, height=2)
        disputed = int(rows["severity"].is_not_null().sum()) if rows.height else 0
        self.border_title = f"{self.NUMBER} {self.TITLE} ({rows.height:,} metrics" + (
            f", {disputed} disputed)" if disputed else ")"
        )
        self.set_counts(min(rows.height, MAX_ROWS), rows.height)
