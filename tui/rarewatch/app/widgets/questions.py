"""The open-questions pane: the profile's themes about the renegotiation, with evidence counts.

Enter shows the sentences behind a theme by source; the timeline of dated events is `t` away.
`a` marks a theme answered (with an optional note), `u` reopens it; answered themes dim.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from rarewatch.app.widgets.table import MAX_ROWS, Col, Pane, cell, count, dimmed, fit, lines, mark_text
from rarewatch.core.views import question_themes, with_marks


class QuestionsPane(Pane):
    """Theme, outright questions, hedges, and how many sources raise it."""

    TITLE = "Open questions"
    NUMBER = 4
    MARK_KIND = "question"
    DETAIL_KIND = "theme"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "mark('answered')", "Answered", id="questions.answered"),
        Binding("u", "unmark", "Unmark", id="questions.unmark"),
    ]
    COLUMNS = (Col("label", "Theme", flex=1, min=16), Col("q", "Asked", 5), Col("h", "Hedged", 6), Col("src", "Src", 3))

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        rows = with_marks(question_themes(self.report, self.narrowed, self.filter_text), "question", self.marks)
        w = fit(self.COLUMNS, self.table_width())
        out = []
        for r in rows.head(MAX_ROWS).iter_rows(named=True):
            shown = [cell(r["label"])]
            if r["mark"]:
                shown.append(Text("  ").append_text(mark_text(r["mark"], r["note"])))
            cells = [lines(*shown, width=w["label"]), count(r["questions"]), count(r["hedges"]), count(r["sources"])]
            if not r["open"]:
                cells = [dimmed(c) for c in cells]
            out.append((r["theme"], cells, len(shown)))
        self.table.fill([(c.key, c.label, w[c.key]) for c in self.COLUMNS], out)
        self.border_title = f"{self.NUMBER} {self.TITLE} ({rows.height:,} themes)"
        self.set_counts(min(rows.height, MAX_ROWS), rows.height, "t: timeline")
