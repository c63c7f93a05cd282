"""The screens opened from the panes: details of a metric, a contradiction, a question theme,
the timeline, and the help screen (the reader and the search are in `reading.py`).

Each detail screen gets the report it was opened from and shows a capped list ("showing 500 of
42,000"); Enter on a row opens the reader landing on that sentence, Escape goes back. They hold
no state worth keeping: a live update redraws the panes underneath, and reopening shows it.
All article strings are turned into `Text` here; nothing from a file is parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar, cast

import polars as pl
from rich import box
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, OptionList, RadioButton, RadioSet, Sparkline, Static
from textual.widgets.option_list import Option

from rarewatch.app.messages import OpenReader
from rarewatch.app.widgets.reader import KIND_STYLES
from rarewatch.app.widgets.table import SEVERITY_STYLE, Col, Table, cell, fit
from rarewatch.core.corpus import Report
from rarewatch.core.digest import Digest
from rarewatch.core.views import (
    Quote,
    contradiction_positions,
    metric_figures,
    metric_history,
    one_line,
    printable,
    reading_matrix,
    theme_evidence,
    timeline_rows,
)

MARK = Style(color="#ffd75f", bold=True)


def title_bar(kind: str, title: str, detail: str = "") -> Text:
    """ "Kind  Title  detail" as plain text: the title may come from an article."""
    t = Text()
    t.append(f" {kind} ", style="bold reverse")
    t.append("  ")
    t.append(one_line(title), style="bold")
    if detail:
        t.append("   ")
        t.append(one_line(detail), style="dim")
    return t


def quoted(sentence: str, mark: str | None = None) -> Text:
    """A sentence with `mark` (a figure as written) highlighted where it occurs."""
    t = Text(printable(sentence).replace("\n", " "))
    if mark:
        t.highlight_words([printable(mark)], style=MARK)
    return t


class QuoteList(OptionList):
    """An OptionList with the dashboard's motion keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("enter", "select", "Read", id="list.open"),
    ]


class DetailScreen(Screen[None]):
    """A full screen opened from a pane; Escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="screen.back"),
    ]

    def action_back(self) -> None:
        self.app.pop_screen()


class TableScreen(DetailScreen):
    """A capped table of rows with the highlighted row's sentence below; Enter opens the reader.

    Subclasses say what the title is, what each row's cells are and what the preview shows;
    `self.rows` holds `source` and `start` so Enter lands on the row's sentence.
    """

    COLUMNS: tuple[Col, ...] = ()
    TABLE_ID = "table"

    def __init__(self, report: Report, source: str | None, rows: pl.DataFrame, total: int) -> None:
        super().__init__(classes="detail")
        self.report, self.source, self.rows, self.total = report, source, rows, total

    def heading(self) -> Text:
        raise NotImplementedError

    def cells(self, r: dict, w: dict[str, int]) -> list[Text]:
        raise NotImplementedError

    def preview(self, r: dict) -> Text:
        raise NotImplementedError

    #: Rows that are not items (the timeline's today and end-date lines), left out of counts.
    extra_rows = 0

    def landing_key(self) -> str | None:
        """The row the cursor starts on (None: the first)."""
        return None

    def shown(self, noun: str) -> str:
        """ "3 figures", "1 figure", "showing 500 of 42,000 figures" (`noun` is the plural)."""
        noun = noun if self.total != 1 else noun.removesuffix("s")
        rows = self.rows.height - self.extra_rows
        shown = f"{self.total:,} {noun}" if rows == self.total else f"showing {rows:,} of {self.total:,} {noun}"
        return shown + (f" · narrowed to {self.source}" if self.source else "")

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), classes="title")
        yield Table(id=self.TABLE_ID)
        yield Static("", id="preview", classes="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Table).focus()
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        table = self.query_one(Table)
        w = fit(self.COLUMNS, max(40, table.size.width - 2))
        rows = [(str(i), self.cells(r, w)) for i, r in enumerate(self.rows.iter_rows(named=True))]
        table.fill([(c.key, c.label, w[c.key]) for c in self.COLUMNS], rows, keep=self.landing_key())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None or not self.rows.height:
            return
        self.query_one("#preview", Static).update(self.preview(self.rows.row(int(event.row_key.value), named=True)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        r = self.rows.row(int(event.row_key.value), named=True)
        if r["source"] is not None:  # the timeline's today and end-date lines are no article
            self.post_message(OpenReader(r["source"], r["start"]))


class MetricScreen(TableScreen):
    """Every figure of one metric by publication date, under its history: a chart of the values
    over time, when it was first reported, its latest value, and which articles moved it."""

    COLUMNS = (
        Col("date", "Published", 10),
        Col("who", "Source", 18),
        Col("value", "Value", 16),
        Col("qual", "Qualifier", 11),
        Col("attr", "Attribution", 20),
        Col("sentence", "Sentence", flex=1, min=20),
    )
    TABLE_ID = "figures-table"

    def __init__(self, report: Report, metric: str, source: str | None = None) -> None:
        self.metric = metric
        self.history = metric_history(report, metric, source)
        super().__init__(report, source, *metric_figures(report, metric, source))

    def heading(self) -> Text:
        label = self.rows["label"][0] if self.rows.height else self.metric
        return title_bar("Key figure", label, self.shown("figures"))

    def compose(self) -> ComposeResult:
        yield Static(self.heading(), classes="title")
        with Horizontal(id="history"):
            yield Static(self.history_text(), id="history-text")
            values = [float(v) for v in self.history.series["value"].to_list()]
            yield Sparkline(values, id="history-chart", summary_function=max)
        yield Table(id=self.TABLE_ID)
        yield Static("", id="preview", classes="preview")
        yield Footer()

    def history_text(self) -> Text:
        """First reported, latest, and who moved the figure (from `core.views.metric_history`)."""
        h = self.history
        t = Text()
        first, latest = h.first, h.latest
        if first is None or latest is None:
            t.append("No dated figure: the history needs articles with a publication date.", style="dim")
            return t
        t.append("first reported ", style="dim")
        t.append(f"{first['published']}  ", style="bold")
        t.append(one_line(first["text"]), style=MARK)
        t.append(f" ({one_line(first['who'])})\n")
        t.append("latest         ", style="dim")
        t.append(f"{latest['published']}  ", style="bold")
        t.append(one_line(latest["text"]), style=MARK)
        t.append(f" ({one_line(latest['who'])})\n")
        n = h.series.height
        low, high = cast(float, h.series["value"].min()), cast(float, h.series["value"].max())
        unit = one_line(first["unit"] or "")
        unit = f" {unit}" if unit[:1].isalpha() else unit
        spread = f"{low:g}{unit}" if low == high else f"{low:g}–{high:g}{unit}"
        t.append(f"chart          {n} dated figure{'s' if n != 1 else ''}, {spread}\n", style="dim")
        if not h.moves:
            t.append("unchanged since first reported", style="dim")
        for i, m in enumerate(h.moves[-3:]):
            t.append("moved          " if i == 0 else "               ", style="dim")
            t.append(f"{m['published']}  ", style="bold")
            t.append(f"{one_line(m['from'])} → ", style="dim")
            t.append(one_line(m["text"]), style=MARK)
            t.append(f" by {one_line(m['who'])}")
            title = one_line(m["title"] or "")
            if title:
                t.append(" · " + (title if len(title) <= 48 else title[:47] + "…"), style="dim")
            t.append("\n")
        if len(h.moves) > 3:
            t.append(f"               … {len(h.moves) - 3} earlier moves in the table below\n", style="dim")
        if h.undated:
            t.append(f"{h.undated} figure{'s' if h.undated != 1 else ''} from undated articles not placed", style="dim")
        return t

    def cells(self, r: dict, w: dict[str, int]) -> list[Text]:
        return [
            cell(r["published"] or "undated", w["date"], "bold" if r["published"] else "dim"),
            cell(r["who"], w["who"]),
            cell(r["text"], w["value"], MARK),
            cell(r["qualifier"] or "", w["qual"], "dim"),
            cell(r["attribution"] or "", w["attr"]),
            cell(r["sentence"], w["sentence"]),
        ]

    def preview(self, r: dict) -> Text:
        t = Text()
        t.append(one_line(r["title"] or r["source"]), style="bold")
        t.append(f"  ({one_line(r['who'])} · {r['published'] or 'undated'})\n", style="dim")
        t.append_text(quoted(r["sentence"], r["text"]))
        if r["attribution"]:
            t.append("\nattributed to: ", style="dim")
            t.append(one_line(r["attribution"]))
        return t


class ContradictionScreen(DetailScreen):
    """The positions of one contradiction side by side, each with its sources' sentences."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "column(-1)", "Previous position", show=False, id="contradiction.left"),
        Binding("right,l", "column(1)", "Next position", show=False, id="contradiction.right"),
    ]

    def __init__(self, report: Report, cid: str) -> None:
        super().__init__(classes="detail")
        self.report, self.cid = report, cid
        self.row, self.positions = contradiction_positions(report, cid)
        #: each option of the quote lists -> the quote it shows
        self.quotes_by_option: dict[str, Quote] = {}

    def compose(self) -> ComposeResult:
        if self.row is None:
            yield Static(title_bar("Contradiction", self.cid, "no longer in the report"), classes="title")
            yield Footer()
            return
        sev = self.row["severity"]
        head = title_bar("Contradiction", self.row["subject"])
        head.append(f"   {self.row['kind']} · ", style="dim")
        head.append(sev, style=SEVERITY_STYLE.get(sev, ""))
        head.append(f" · {self.row['sources']} independent sources · ←/→ between positions", style="dim")
        yield Static(head, classes="title")
        if self.row.get("reason"):
            yield Static(Text("Why: " + one_line(self.row["reason"]), style="italic"), classes="reason")
        columns, rows = reading_matrix(self.positions)
        if columns:
            yield Static(_matrix_table(columns, rows), classes="matrix")
        with Horizontal(id="positions"):
            for i, p in enumerate(self.positions):
                with Vertical(classes="position"):
                    h = Text()
                    h.append(one_line(p.value), style="bold #ffd75f")
                    h.append(f"\n{len(p.sources)} source{'s' if len(p.sources) != 1 else ''}", style="dim")
                    yield Static(h, classes="position-head")
                    options: list[Option | None] = []
                    for j, q in enumerate(p.quotes):
                        prompt = Text()
                        prompt.append(one_line(q.who), style="bold")
                        if q.title:
                            prompt.append(" · " + one_line(q.title), style="dim")
                        prompt.append("\n")
                        prompt.append_text(quoted(q.sentence, p.reading or p.value))
                        oid = f"quote-{i}-{j}"
                        self.quotes_by_option[oid] = q
                        options.append(Option(prompt, id=oid))
                        options.append(None)
                    yield QuoteList(*options[:-1], classes="quotes")
        yield Footer()

    def on_mount(self) -> None:
        lists = list(self.query(QuoteList))
        if lists:
            lists[0].focus()

    def action_column(self, step: int) -> None:
        lists = list(self.query(QuoteList))
        if not lists:
            return
        cur = next((i for i, ql in enumerate(lists) if ql.has_focus), 0)
        lists[(cur + step) % len(lists)].focus()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.id:
            return
        q = self.quotes_by_option.get(event.option.id)
        if q is not None and q.source:
            self.post_message(OpenReader(q.source, q.start))


def _matrix_table(columns: list[str], rows: list[tuple[str, list[str]]]) -> RichTable:
    """The readings of a status contradiction: a row per measure, a column per speaker."""
    table = RichTable(box=box.SIMPLE_HEAD, expand=False, pad_edge=False, show_edge=False)
    table.add_column("measure", style="dim", no_wrap=True)
    for c in columns:
        table.add_column(Text(one_line(c)), overflow="fold")
    for measure, cells in rows:
        table.add_row(Text(one_line(measure)), *(Text(one_line(x)) for x in cells))
    return table


class ThemeScreen(DetailScreen):
    """The sentences behind one open-question theme, grouped by source."""

    def __init__(self, report: Report, theme: str, source: str | None = None) -> None:
        super().__init__(classes="detail")
        self.report, self.theme, self.source = report, theme, source
        self.rows, self.total = theme_evidence(report, theme, source)

    def compose(self) -> ComposeResult:
        label = next(
            (
                r["label"]
                for r in self.report.questions.filter(self.report.questions["theme"] == self.theme)
                .head(1)
                .iter_rows(named=True)
            ),
            self.theme,
        )
        noun = "sentence" if self.total == 1 else "sentences"
        shown = (
            f"{self.total:,} {noun}"
            if self.rows.height == self.total
            else f"showing {self.rows.height:,} of {self.total:,} {noun}"
        )
        yield Static(title_bar("Open question", label, shown), classes="title")
        options: list[Option | None] = []
        last = None
        for i, r in enumerate(self.rows.iter_rows(named=True)):
            if r["source"] != last:
                if last is not None:
                    options.append(None)
                head = Text()
                head.append(one_line(r["who"]), style="bold")
                head.append("  " + one_line(r["title"] or r["source"]), style="dim")
                options.append(Option(head, disabled=True))
                last = r["source"]
            prompt = Text()
            prompt.append("? " if r["kind"] == "question" else "~ ", style=KIND_STYLES.get(r["kind"], ""))
            prompt.append(printable(r["sentence"]).replace("\n", " "))
            options.append(Option(prompt, id=str(i)))
        yield QuoteList(*options, id="evidence")
        yield Static(Text("?  asked outright    ~  hedged (said to be unsettled)", style="dim"), classes="legend")
        yield Footer()

    def on_mount(self) -> None:
        ql = self.query_one(QuoteList)
        ql.focus()
        first = next((i for i, o in enumerate(ql.options) if not o.disabled), None)
        if first is not None:
            ql.highlighted = first

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        r = self.rows.row(int(event.option.id), named=True)
        self.post_message(OpenReader(r["source"], r["start"]))


class TimelineScreen(TableScreen):
    """Dated events in date order, with the sentence of the highlighted one below."""

    COLUMNS = (
        Col("date", "Date", 10),
        Col("event", "Event", flex=2, min=16),
        Col("text", "As written", 18),
        Col("who", "Source", 18),
    )
    TABLE_ID = "timeline-table"

    def __init__(self, report: Report, source: str | None = None) -> None:
        super().__init__(report, source, *timeline_rows(report, source, limit=1000, markers=True))
        self.extra_rows = int(self.rows["marker"].is_not_null().sum())

    def landing_key(self) -> str | None:
        """The cursor starts on today's line: what is past is above it, what is due below."""
        today = self.rows["marker"].to_list().index("today") if "today" in self.rows["marker"].to_list() else None
        return None if today is None else str(today)

    def heading(self) -> Text:
        t = title_bar("Timeline", "Dated events", self.shown("dated mentions"))
        t.append(f"   ▶ today {self.report.today.isoformat()}", style="bold #5fd7af")
        due = (self.report.renegotiation or {}).get("due")
        if due:
            t.append(f"   ■ {one_line(self.report.deadline_label)} {due}", style="bold #ff5f5f")
        return t

    def cells(self, r: dict, w: dict[str, int]) -> list[Text]:
        if r["marker"] is not None:  # today, or the end date: a line across the table
            style = "bold #5fd7af" if r["marker"] == "today" else "bold #ff5f5f"
            sign = "▶" if r["marker"] == "today" else "■"
            return [
                cell(r["date"], w["date"], style),
                cell(f"{sign} {r['event']} " + "─" * w["event"], w["event"], style),
                cell("─" * w["text"], w["text"], style),
                cell("─" * w["who"], w["who"], style),
            ]
        event = r["event"] or "—"  # the profile's event, else the clause around the date
        return [
            cell(r["date"], w["date"], "bold #5fd7ff"),
            cell(event, w["event"], "" if r["event_id"] else "dim"),
            cell(r["text"], w["text"]),
            cell(r["who"], w["who"], "dim"),
        ]

    def preview(self, r: dict) -> Text:
        t = Text()
        if r["marker"] == "today":
            t.append(f"Today: {r['date']}, the date the countdown is measured from.", style="bold")
            return t
        if r["marker"] == "due":
            t.append(f"{r['event']}: {r['date']}\n", style="bold")
            t.append(one_line((self.report.renegotiation or {}).get("basis") or ""), style="dim")
            return t
        t.append(one_line(r["who"]), style="bold")
        if r["expiry"]:
            t.append("  (expiry)", style="#ffaf00")
        t.append("\n")
        t.append_text(quoted(r["sentence"], r["text"]))
        return t


class HelpScreen(ModalScreen[None]):
    """Every key, by where it applies; built from the bindings themselves so it cannot drift."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
        Binding("j", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        half = (sum(len(k) + 2 for _, k in self.sections) + 1) // 2
        columns: list[Text] = [Text(), Text()]
        used = 0
        for name, keys in self.sections:
            t = columns[0 if used < half else 1]
            used += len(keys) + 2
            t.append(name + "\n", style="bold #5fafff")
            for key, desc in keys:
                t.append(f"  {key:<15}", style="bold")
                t.append(desc + "\n")
            t.append("\n")
        foot = Text(
            "Mouse: click a row to move there, click it again to open; click a column header to sort "
            "by it (again: reverse); the wheel scrolls. "
            "Ctrl+P lists every action with a search box. Esc or ? closes this.",
            style="dim",
        )
        with VerticalScroll(id="help"):
            yield Static(Text("rarewatch keys", style="bold"), classes="help-title")
            with Horizontal(classes="help-columns"):
                yield Static(columns[0], classes="help-column")
                yield Static(columns[1], classes="help-column")
            yield Static(foot, classes="help-foot")

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, step: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=step, animate=False)


class PromptScreen(ModalScreen[str | None]):
    """One line of input (a mark's note, the export folder): Enter saves, Escape cancels.

    The title and the value are shown as plain text; what the user types is never markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, title: str, detail: str = "", value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.detail, self.value, self.placeholder = title, detail, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(Text(one_line(self.title_text), style="bold"), classes="prompt-title")
            if self.detail:
                yield Static(Text(one_line(self.detail), style="dim"), classes="prompt-detail")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Text("Enter saves · Esc cancels", style="dim"), classes="prompt-foot")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Where and how to export the current view: a folder and one of the export formats.

    Enter in the folder field exports; Tab reaches the formats (arrows pick one); Escape cancels.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, detail: str, folder: str, formats: tuple[str, ...], chosen: str) -> None:
        super().__init__()
        self.detail, self.folder, self.formats, self.chosen = detail, folder, formats, chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(Text("Export the current view", style="bold"), classes="prompt-title")
            yield Static(Text(one_line(self.detail), style="dim"), classes="prompt-detail")
            yield Input(value=self.folder, id="prompt-input")
            with RadioSet(id="export-format"):
                for fmt in self.formats:
                    yield RadioButton(fmt, value=fmt == self.chosen, name=fmt)
            yield Static(Text("Enter exports · Tab: format · Esc cancels", style="dim"), classes="prompt-foot")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.chosen = event.pressed.name or self.chosen

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss((event.value, self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DigestScreen(ModalScreen[None]):
    """ "Since you last looked": what changed in the folder between two sessions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "close", "Close", id="digest.close"),
        Binding("j", "scroll(1)", "Down", show=False, id="digest.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="digest.up"),
    ]

    def __init__(self, digest: Digest | None, labels: dict[str, str] | None = None) -> None:
        super().__init__()
        self.digest = digest
        self.labels = labels or {}

    def body(self) -> Text:
        t = Text()
        d = self.digest
        if d is None:
            t.append("This is the first session on this folder: nothing to compare with yet.", style="dim")
            return t
        if d.since:
            t.append(f"Compared with the session of {one_line(d.since[:16].replace('T', ' '))} UTC\n\n", style="dim")
        if d.empty:
            t.append("Nothing changed since you last looked.")
            return t

        def section(head: str, items: list[str]) -> None:
            if not items:
                return
            t.append(f"{head} ({len(items):,})\n", style="bold #5fafff")
            for item in items[:50]:
                t.append("  • ")
                t.append(one_line(item))
                t.append("\n")
            if len(items) > 50:
                t.append(f"  … and {len(items) - 50:,} more\n", style="dim")
            t.append("\n")

        def src(sid: str) -> str:
            title = d.titles.get(sid)
            return f"{title} ({sid})" if title else sid

        section("New sources", [src(s) for s in d.added])
        section("Removed sources", [src(s) for s in d.removed])
        if d.new_figures:
            t.append(f"New key figures: {d.new_figures:,}\n\n", style="bold #5fafff")
        section("New contradictions", [self.labels.get(c, c) for c in d.new_contradictions])
        section("Contradictions with a new position", [self.labels.get(c, c) for c in d.changed_contradictions])
        section("Questions that gained evidence", [f"{self.labels.get(q, q)} (+{n:,})" for q, n in d.questions])
        return t

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="digest"):
            yield Static(Text("Since you last looked", style="bold"), classes="help-title")
            yield Static(self.body(), id="digest-body")
            yield Static(
                Text("Esc or s closes this; s on the dashboard brings it back.", style="dim"), classes="help-foot"
            )

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, step: int) -> None:
        self.query_one("#digest", VerticalScroll).scroll_relative(y=step, animate=False)
