"""The open-questions pane: the profile's themes about the renegotiation, with evidence counts.

Enter shows the sentences behind a theme by source; the timeline of dated events is `t` away.
`a` marks a theme answered (with an optional note), `u` reopens it; answered themes dim, go last
and leave the count (`H` hides them).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from rarewatch.app.widgets.table import MAX_ROWS, Col, Pane, Sort, cell, count, dimmed, fit, lines, mark_text
from rarewatch.core.views import question_themes, settled_last, with_marks


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
    SORTS = (
        Sort("theme", "label"),
        Sort("asked", "questions", descending=True),
        Sort("hedged", "hedges", descending=True),
        Sort("sources", "sources", descending=True),
    )
    HEADER_SORTS: ClassVar[dict[str, int]] = {"label": 0, "q": 1, "h": 2, "src": 3}

    def refresh_rows(self) -> None:
        if self.report is None:
            return
        rows = with_marks(
            self.sorted_rows(question_themes(self.report, self.narrowed, self.filter_text)), "question", self.marks
        )
        settled = int((~rows["open"]).sum()) if rows.height else 0
        rows = settled_last(rows, hide=self.hide_settled)
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
        live = rows.height - (0 if self.hide_settled else settled)
        self.border_title = f"{self.NUMBER} {self.TITLE} ({live:,} open theme{'s' if live != 1 else ''})"
        extra = "  ·  ".join(w for w in (self.settled_words(settled), "t: timeline") if w)
        self.set_counts(min(rows.height, MAX_ROWS), rows.height, extra)
