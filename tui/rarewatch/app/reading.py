"""Reading the articles themselves: the reader screen and the search over every article's text.

- `ReaderScreen`: one article with its marks. `/` searches it (`n`/`N` then walk the matches),
  `o` opens the original (its web address in the browser when the file names one, else the file
  in `$PAGER` or `$EDITOR` with the dashboard suspended), `y` copies the sentence under the cursor
  with its source and date.
- `SearchScreen` (`ctrl+f` on the dashboard): every sentence of every article that says the
  query, newest first, capped with "showing X of Y"; Enter opens the reader on the match with
  the search still on.

Searching all articles and finding an article's address are I/O or whole-corpus work, so they
run in thread workers that post a message back to the screen; the screen only renders. Every
string from an article goes into `Text` as plain characters, and an address is only handed to
the browser when `core.address` found a plain http(s) URL.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from rarewatch.app.messages import OpenReader
from rarewatch.app.screens import DetailScreen, title_bar
from rarewatch.app.widgets.reader import KIND_STYLES, MATCH, ArticleReader, Span
from rarewatch.app.widgets.table import Col, Table, cell, fit
from rarewatch.core.address import article_address
from rarewatch.core.corpus import Report
from rarewatch.core.search import SearchResult, matches_in, search_texts
from rarewatch.core.views import highlights, one_line, printable, source_info

#: Seconds of quiet typing before the search runs (each key would otherwise start one).
SEARCH_DELAY = 0.15


def quote_line(sentence: str, who: str | None, published: str | None, where: str) -> str:
    """What `y` copies: the sentence in quotes, then who said it, when, and where to find it."""
    said = " ".join(printable(sentence).split())
    return f"“{said}” — {one_line(who or 'unknown source')}, {published or 'undated'} ({one_line(where)})"


def _pager_command() -> list[str]:
    """$PAGER, else $EDITOR, else `less`, split as a shell would."""
    for var in ("PAGER", "EDITOR"):
        if value := os.environ.get(var, "").strip():
            return shlex.split(value)
    return ["less"]


class ReaderScreen(DetailScreen):
    """One article's cleaned text with its figures, dates and open questions highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="reader.search", tooltip="Search this article"),
        Binding(
            "o",
            "open_original",
            "Open",
            id="reader.open",
            tooltip="Open the original (web or $PAGER)",
        ),
        Binding(
            "y",
            "copy_sentence",
            "Copy",
            id="reader.copy",
            tooltip="Copy the sentence, source, date",
        ),
    ]

    class AddressFound(Message):
        """The article's web address (or None), read from its file in a worker."""

        def __init__(self, address: str | None) -> None:
            super().__init__()
            self.address = address

    def __init__(
        self,
        report: Report,
        source_id: str,
        landing: int | None = None,
        *,
        query: str = "",
        path: Path | None = None,
    ) -> None:
        super().__init__(classes="detail")
        self.report, self.source_id, self.landing = report, source_id, landing
        self.query_text = query
        self.path = path
        self.address: str | None = None
        self.address_known = False  # the worker has looked
        self.info = source_info(report, source_id)
        spans = highlights(report, source_id)
        self.spans = [Span(r["start"], r["end"], r["kind"], r["label"] or "") for r in spans.iter_rows(named=True)]

    def compose(self) -> ComposeResult:
        info = self.info or {}
        title = info.get("title") or info.get("name") or self.source_id
        yield Static(title_bar("Article", title), classes="title")
        yield Static(self._meta(), id="meta", classes="meta")
        legend = Text()
        for kind, label in (("figure", "figure"), ("date", "date"), ("question", "question"), ("hedge", "hedge")):
            legend.append(f" {label} ", style=KIND_STYLES[kind])
            legend.append(" ")
        legend.append(f"  {len(self.spans)} marks · n/N to jump · / search · o open · y copy", style="dim")
        yield Static(legend, classes="legend")
        yield ArticleReader(id="reader")
        yield Input(placeholder="search this article…", id="reader-search", classes="reader-search")
        yield Static("", id="mark-status", classes="preview-line")
        yield Footer()

    def _meta(self) -> Text:
        info = self.info or {}
        meta = Text()
        meta.append(one_line(info.get("outlet") or "unknown outlet"), style="bold")
        meta.append(" · " + (info.get("published") or "undated"), style="dim")
        meta.append(" · " + one_line(self.source_id), style="dim")
        if info.get("flags"):
            meta.append(" · " + one_line(info["flags"]), style="#ffaf00")
        if self.address:
            meta.append("\n")
            meta.append(one_line(self.address), style="underline #5fafff")
        return meta

    def on_mount(self) -> None:
        reader = self.query_one(ArticleReader)
        reader.load(self.report.text_of(self.source_id), self.spans, None if self.query_text else self.landing)
        field = self.query_one("#reader-search", Input)
        field.cursor_blink = False
        field.display = bool(self.query_text)
        if self.query_text:
            field.value = self.query_text
            self._apply_search(self.query_text, landing=self.landing)
        reader.focus()
        self._find_address()

    @work(thread=True, exclusive=True, group="address", exit_on_error=False, description="finding the address")
    def _find_address(self) -> None:
        self.post_message(self.AddressFound(article_address(self.path, self.report.text_of(self.source_id))))

    def on_reader_screen_address_found(self, message: AddressFound) -> None:
        self.address, self.address_known = message.address, True
        self.query_one("#meta", Static).update(self._meta())

    # ---- search inside the article ----------------------------------------------------------

    def action_search(self) -> None:
        field = self.query_one("#reader-search", Input)
        field.display = True
        field.focus()

    def _apply_search(self, query: str, landing: int | None = None) -> None:
        reader = self.query_one(ArticleReader)
        found = matches_in(reader.text, query)
        reader.search(query, found)
        if query.strip() and not found:
            self.query_one("#mark-status", Static).update(Text(f"no match for “{one_line(query)}”", style="dim"))
        elif found:
            self.call_after_refresh(reader.land, landing if landing is not None else reader.scroll_offset_start())

    @on(Input.Changed, "#reader-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_search(event.value)

    @on(Input.Submitted, "#reader-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.query_one("#reader-search", Input).display = False
        self.query_one(ArticleReader).focus()

    def action_back(self) -> None:
        """Escape: first drop the search (n/N walk the marks again), then leave the reader."""
        field = self.query_one("#reader-search", Input)
        if field.display:
            field.value = ""
            field.display = False
            self._apply_search("")
            self.query_one(ArticleReader).focus()
            self.query_one("#mark-status", Static).update(Text("search cleared · n/N walk the marks", style="dim"))
            return
        super().action_back()

    # ---- the original, and copying ----------------------------------------------------------

    def action_open_original(self) -> None:
        """The web address in the browser; without one, the file in $PAGER/$EDITOR."""
        if self.address:
            self.app.open_url(self.address)
            self.app.notify(f"Opening {one_line(self.address)}", markup=False, timeout=3)
            return
        if self.path is None or not self.path.exists():
            self.app.notify("This article has no web address and its file is gone", markup=False, severity="warning")
            return
        command = [*_pager_command(), str(self.path)]
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except Exception as exc:  # no terminal to hand over (e.g. a web or test driver), no such program
            self.app.notify(
                f"Could not open {self.path} with {command[0]}: {exc or type(exc).__name__}",
                markup=False,
                severity="warning",
            )

    def action_copy_sentence(self) -> None:
        """The current mark's or match's sentence (else the first on screen), with its source."""
        reader = self.query_one(ArticleReader)
        targets = reader.targets
        at = targets[reader.current].start if 0 <= reader.current < len(targets) else reader.scroll_offset_start()
        sentence = reader.sentence_at(at)
        if not sentence:
            self.app.notify("Nothing to copy here", markup=False, timeout=2)
            return
        info = self.info or {}
        line = quote_line(
            sentence, info.get("outlet") or info.get("name"), info.get("published"), self.address or self.source_id
        )
        self.app.copy_to_clipboard(line)
        self.app.notify("Copied: " + line, markup=False, timeout=4)

    def on_article_reader_moved(self, event: ArticleReader.Moved) -> None:
        t = Text()
        if event.span is not None:
            t.append(f" {event.index + 1}/{event.total} ", style="reverse")
            kind = "match" if event.span.kind == "match" else event.span.kind
            t.append(f" {kind}: ", style="bold")
            t.append(one_line(event.span.label))
        else:
            t.append("no marks in this article", style="dim")
        self.query_one("#mark-status", Static).update(t)


class SearchScreen(DetailScreen):
    """Every sentence of every article that says the query, with its source; Enter reads it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "edit_query", "Edit search", id="search.edit"),
        Binding("y", "copy_sentence", "Copy", id="search.copy", tooltip="Copy the sentence, source, date"),
    ]
    COLUMNS = (
        Col("who", "Source", 18),
        Col("date", "Date", 10),
        Col("sentence", "Sentence", flex=1, min=20),
    )

    class Done(Message):
        """A search finished in the worker."""

        def __init__(self, result: SearchResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, report: Report, query: str = "", source: str | None = None) -> None:
        super().__init__(classes="detail")
        self.report, self.source = report, source
        self.result: SearchResult | None = None
        self.query_text = query
        self.searches = 0  # searches rendered

    def compose(self) -> ComposeResult:
        yield Static(title_bar("Search", "every article's text", self._narrowed()), classes="title")
        yield Input(
            value=self.query_text, placeholder="search every article… (Enter: to the results)", id="search-input"
        )
        yield Static(Text("type at least two characters", style="dim"), id="search-summary", classes="preview-line")
        yield Table(id="search-table")
        yield Static("", id="preview", classes="preview")
        yield Footer()

    def _narrowed(self) -> str:
        return f"narrowed to {self.source}" if self.source else "all sources"

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.set_timer(SEARCH_DELAY, lambda q=event.value: self._search_if_current(q))

    def _search_if_current(self, query: str) -> None:
        if query == self.query_text:
            self._search(query)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.result is None or self.result.query != event.value.strip():
            self._search(event.value)
        self.query_one(Table).focus()

    def action_edit_query(self) -> None:
        self.query_one(Input).focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="searching the articles")
    def _search(self, query: str) -> None:
        self.post_message(self.Done(search_texts(self.report, query, source=self.source)))

    def on_search_screen_done(self, message: Done) -> None:
        if message.result.query != self.query_text.strip() and message.result.query:
            return  # the user typed on; a newer search is coming
        self.result = message.result
        self.searches += 1
        self.query_one("#search-summary", Static).update(Text(message.result.summary(), style="dim"))
        table = self.query_one(Table)
        w = fit(self.COLUMNS, max(40, table.size.width - 2))
        rows = []
        for i, r in enumerate(message.result.rows.iter_rows(named=True)):
            sentence = self._marked(r, w["sentence"])
            rows.append(
                (
                    str(i),
                    [cell(r["who"], w["who"], "bold"), cell(r["published"] or "undated", w["date"], "dim"), sentence],
                )
            )
        table.fill([(c.key, c.label, w[c.key]) for c in self.COLUMNS], rows, keep="0")
        if not rows:
            self.query_one("#preview", Static).update("")

    @staticmethod
    def _marked(r: dict, width: int | None = None) -> Text:
        """The sentence on one line, the match in it marked; cut to `width` around the match, so
        a match late in a long sentence is still on screen."""
        sentence = printable(r["sentence"]).replace("\n", " ")
        at = r["start"] - r["sentence_start"]
        length = r["end"] - r["start"]
        if width is not None and len(sentence) > width and at + length > width - 4:
            cut = max(0, min(at - width // 3, len(sentence) - width + 1))
            sentence, at = "…" + sentence[cut + 1 :], at - cut
        t = Text(sentence, no_wrap=True, overflow="ellipsis", end="")
        if 0 <= at < len(sentence):
            t.stylize(MATCH, at, at + length)
        if width is not None and t.cell_len > width:
            t.truncate(width, overflow="ellipsis")
        return t

    def _row(self, key: str | None) -> dict | None:
        if key is None or self.result is None or not self.result.rows.height:
            return None
        return self.result.rows.row(int(key), named=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        r = self._row(event.row_key.value)
        if r is None:
            return
        t = Text()
        t.append(one_line(r["title"] or r["source"]), style="bold")
        t.append(f"  ({one_line(r['who'])} · {r['published'] or 'undated'})\n", style="dim")
        sentence = self._marked(r)
        sentence.no_wrap = False
        t.append_text(sentence)
        self.query_one("#preview", Static).update(t)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        r = self._row(event.row_key.value)
        if r is not None:
            self.post_message(OpenReader(r["source"], r["start"], query=self.result.query if self.result else ""))

    def action_copy_sentence(self) -> None:
        r = self._row(self.query_one(Table).current_key)
        if r is None:
            return
        line = quote_line(r["sentence"], r["who"], r["published"], r["source"])
        self.app.copy_to_clipboard(line)
        self.app.notify("Copied: " + line, markup=False, timeout=4)
