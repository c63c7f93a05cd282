"""The contradictions pane: one row per subject the sources disagree on, most severe first.

Enter opens the positions side by side with each source's sentence; `r` opens the reader on the
first position's sentence. `x` marks a contradiction explained, `d` dismissed (each with an
optional note), `u` clears the mark; marked rows dim, go last and leave the counts (`H` hides them
altogether), and come back to full strength when a new source brings a position the mark did not
see.
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
    dimmed,
    fit,
    lines,
    mark_text,
)
from rarewatch.core.views import contradiction_rows, position_values, settled_last, with_marks

POSITIONS = "#d7d7af"


class ContradictionsPane(Pane):
    """Severity, kind, subject and the positions with how many sources hold each."""

    TITLE = "Contradictions"
    NUMBER = 3
    MARK_KIND = "contradiction"
    DETAIL_KIND = "contradiction"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "read", "Read first", id="contradictions.read"),
        Binding("x", "mark('explained')", "Explained", id="contradictions.explained"),
        Binding("d", "mark('dismissed')", "Dismiss", id="contradictions.dismissed"),
        Binding("u", "unmark", "Unmark", id="contradictions.unmark"),
    ]
    COLUMNS = (Col("sev", "Sev", 6), Col("subject", "Subject and positions", flex=1, min=16), Col("n", "Src", 3))
    SORTS = (
        Sort("severity", "severity"),
        Sort("subject", "subject"),
        Sort("kind", "kind"),
        Sort("sources", "sources", descending=True),
    )
    HEADER_SORTS: ClassVar[dict[str, int]] = {"sev": 0, "subject": 1, "n": 3}

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        rows = with_marks(
            self.sorted_rows(contradiction_rows(self.report, self.narrowed, self.filter_text)),
            "contradiction",
            self.marks,
            position_values(self.report),
        )
        settled = int((~rows["open"]).sum()) if rows.height else 0
        rows = settled_last(rows, hide=self.hide_settled)
        w = fit(self.COLUMNS, self.table_width())
        out = []
        for r in rows.head(MAX_ROWS).iter_rows(named=True):
            head = cell(r["subject"], style="bold")
            head.append("  " + r["kind"], style="dim")
            shown = [head, cell("  " + r["positions"], style=POSITIONS)]
            if r["mark"]:
                shown.append(Text("  ").append_text(mark_text(r["mark"], r["note"])))
            text = lines(*shown, width=w["subject"])
            sev = lines(cell(r["severity"], style=SEVERITY_STYLE.get(r["severity"], "")), cell(""), width=w["sev"])
            cells = [sev, text, count(r["sources"])]
            if not r["open"]:
                cells = [dimmed(c) for c in cells]
            out.append((r["id"], cells, len(shown)))
        self.table.fill([(c.key, c.label, w[c.key]) for c in self.COLUMNS], out, height=2)
        live = rows.filter(rows["open"]) if rows.height else rows
        high = int((live["severity"] == "high").sum()) if live.height else 0
        self.border_title = f"{self.NUMBER} {self.TITLE} ({live.height:,}" + (f", {high} high)" if high else ")")
        self.set_counts(min(rows.height, MAX_ROWS), rows.height, self.settled_words(settled))
