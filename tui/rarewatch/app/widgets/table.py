"""The table every pane and detail screen uses, and the pane frame around it.

Why a subclass of DataTable: the same motion keys everywhere (arrows and j/k, g/G), Enter shown
in the footer as "Open", and one `fill` that rebuilds the rows while keeping the cursor on the
same key, so a live update does not yank the user away from what they were reading.

Rows are capped (`MAX_ROWS`): DataTable measures every new cell when idle, which costs seconds
for tens of thousands of rows. Cells are always `rich.text.Text` built from plain strings, never
markup strings, so article text like `[@click=app.quit]` shows literally and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

import polars as pl
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Input

from rarewatch.app.messages import MarkRequest, OpenDetail
from rarewatch.core.corpus import Report
from rarewatch.core.marks import Mark
from rarewatch.core.views import one_line, sort_rows

#: Rows a pane's table holds at most; the pane's subtitle says "showing N of M".
MAX_ROWS = 1000

SEVERITY_STYLE = {
    "high": Style(color="#ff5f5f", bold=True),
    "medium": Style(color="#ffaf00"),
    "low": Style(color="#8a8a8a"),
}


def cell(value: object, width: int | None = None, style: str | Style = "") -> Text:
    """A one-line cell from any value, cut with an ellipsis to `width`."""
    t = Text(one_line("" if value is None else str(value)), style=style, no_wrap=True, overflow="ellipsis", end="")
    if width is not None and t.cell_len > width:
        t.truncate(width, overflow="ellipsis")
    return t


def lines(*rows: Text, width: int) -> Text:
    """Several one-line Texts stacked in one cell (rows of height > 1), each cut to `width`."""
    out = Text(end="", no_wrap=True, overflow="ellipsis")
    for i, r in enumerate(rows):
        r = r.copy()
        r.no_wrap = True
        if r.cell_len > width:
            r.truncate(width, overflow="ellipsis")
        if i:
            out.append("\n")
        out.append_text(r)
    return out


def count(n: int | None, style: str | Style = "", zero: str = "·") -> Text:
    """A right-aligned number, a dim dot for zero."""
    if not n:
        return Text(zero, style="dim", justify="right", end="")
    return Text(f"{n:,}", style=style, justify="right", end="")


@dataclass(frozen=True, slots=True)
class Col:
    """A column: fixed `width`, or a share of what is left (`flex`) with a minimum."""

    key: str
    label: str
    width: int | None = None
    flex: int = 1
    min: int = 8
    justify: str = "left"


def fit(columns: Sequence[Col], total: int, padding: int = 1) -> dict[str, int]:
    """Widths for `columns` in `total` cells: fixed ones as given, the rest shared by flex."""
    fixed = sum(c.width for c in columns if c.width is not None)
    pad = 2 * padding * len(columns)
    flex = [c for c in columns if c.width is None]
    left = max(0, total - fixed - pad)
    shares = sum(c.flex for c in flex) or 1
    out = {c.key: c.width for c in columns if c.width is not None}
    for c in flex:
        out[c.key] = max(c.min, left * c.flex // shares)
    return out


class Table(DataTable[Text]):
    """A row-cursor DataTable with the dashboard's motion keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="table.open"),
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("g", "scroll_top", "Top", show=False, id="table.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="table.bottom"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self._columns_sig: tuple[tuple[str, str, int], ...] = ()

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        except Exception:
            return None

    def fill(
        self,
        columns: Sequence[tuple[str, str, int]],
        rows: Iterable[tuple[str, list[Text]] | tuple[str, list[Text], int]],
        keep: str | None = None,
        height: int = 1,
    ) -> None:
        """Replace every row; the cursor stays on `keep` (default: the current key) if present.

        A row may carry its own height as a third item (a marked row shows its note below).

        A table nobody has looked at (not focused, cursor still on the first row) stays on the
        first row, so the most important row is what a refresh leaves highlighted.
        """
        if keep is None and (self.has_focus or self.cursor_row > 0):
            keep = self.current_key
        sig = tuple(columns)
        if sig != self._columns_sig:
            self.clear(columns=True)
            for key, label, width in columns:
                self.add_column(Text(label, style="bold", no_wrap=True), width=width, key=key)
            self._columns_sig = sig
        else:
            self.clear()
        index = 0
        for i, (key, cells, *own) in enumerate(rows):
            self.add_row(*cells, key=key, height=own[0] if own else height)
            if key == keep:
                index = i
        if self.row_count:
            self.move_cursor(row=index, animate=False, scroll=True)


class FilterInput(Input):
    """The `/` filter of a pane: Enter keeps the filter, Escape clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear filter", id="filter.clear"),
    ]

    class Cleared(Message):
        """The user dropped the filter."""

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())


@dataclass(frozen=True, slots=True)
class Sort:
    """One way to order a pane: the words shown, the view's column, and its natural direction."""

    label: str
    column: str
    descending: bool = False


class Pane(Vertical):
    """A titled frame around a `Table`, with a `/` filter; subclasses say what the rows are.

    Sorting: `S` cycles through the pane's `SORTS` (and back to the pane's own order); a click on
    a column header sorts by that column (`HEADER_SORTS`), a second click reverses it. The choice
    is the pane's and survives every live refresh. The sort itself is `core.views.sort_rows`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="pane.filter"),
        Binding("S", "sort", "Sort", show=False, id="pane.sort", tooltip="Sort by the next column"),
    ]
    #: The orders `S` cycles through, after the pane's own.
    SORTS: ClassVar[tuple[Sort, ...]] = ()
    #: Column key -> index into SORTS, for a click on that column's header.
    HEADER_SORTS: ClassVar[dict[str, int]] = {}

    class Sorted(Message):
        """The user changed a pane's order (the App remembers it for the next session)."""

    TITLE: ClassVar[str] = ""
    NUMBER: ClassVar[int] = 0
    #: The kind of review mark this pane's rows take (`core.marks.STATES`), if any.
    MARK_KIND: ClassVar[str | None] = None
    #: The detail screen Enter opens on a row (`OpenDetail.kind`), if any.
    DETAIL_KIND: ClassVar[str | None] = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.filter_text = ""
        self._width = 0
        self.marks: Mapping[tuple[str, str], Mark] = {}
        self.report: Report | None = None
        self.narrowed: str | None = None
        self.hide_settled = False  # the App's `H`: settled rows left out instead of dimmed last
        self.sort_index: int | None = None  # into SORTS; None: the pane's own order
        self.sort_reversed = False

    def show(self, report: Report, *, narrowed: str | None) -> None:
        """Render a new report, narrowed to one source or not."""
        self.report, self.narrowed = report, narrowed
        self.refresh_rows()

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=f"filter {self.TITLE.lower()}…", classes="filter")
        yield Table(classes="pane-table")

    @property
    def table(self) -> Table:
        return self.query_one(Table)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def on_mount(self) -> None:
        self.filter_input.cursor_blink = False
        self.border_title = f"{self.NUMBER} {self.TITLE}"

    def focus_table(self) -> None:
        self.table.focus()

    def table_width(self) -> int:
        """Cells available for columns: the table's width less its scrollbar."""
        w = self.table.size.width or self.size.width - 2
        return max(20, w - 2)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.refresh_rows()

    def refresh_rows(self) -> None:
        """Re-render the rows from the current data; subclasses implement it."""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.DETAIL_KIND is None:
            return
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenDetail(self.DETAIL_KIND, event.row_key.value))

    def action_read(self) -> None:
        """The first article behind the row under the cursor, in the reader."""
        key = self.table.current_key
        if key is not None and self.DETAIL_KIND is not None:
            self.post_message(OpenDetail(self.DETAIL_KIND, key, read=True))

    def settled_words(self, settled: int) -> str:
        """ "2 settled (H: hide)" or "2 settled hidden (H: show)"; nothing when none is."""
        if not settled:
            return ""
        return f"{settled} settled hidden (H: show)" if self.hide_settled else f"{settled} settled (H: hide)"

    # ---- sorting ----------------------------------------------------------------------------

    @property
    def sort(self) -> tuple[str, bool] | None:
        """(column, descending) of the user's order, or None for the pane's own."""
        if self.sort_index is None:
            return None
        s = self.SORTS[self.sort_index]
        return s.column, s.descending != self.sort_reversed

    def sorted_rows(self, rows: pl.DataFrame) -> pl.DataFrame:
        sort = self.sort
        return rows if sort is None else sort_rows(rows, *sort)

    def sort_words(self) -> str:
        if self.sort_index is None:
            return ""
        _, descending = self.sort or ("", False)
        return f"by {self.SORTS[self.sort_index].label} {'↓' if descending else '↑'}"

    def action_sort(self) -> None:
        """The next order: each of SORTS in turn, then the pane's own again."""
        if not self.SORTS:
            return
        nxt = 0 if self.sort_index is None else self.sort_index + 1
        self.sort_index = nxt if nxt < len(self.SORTS) else None
        self.sort_reversed = False
        self.refresh_rows()
        self.post_message(self.Sorted())

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        index = self.HEADER_SORTS.get(str(event.column_key.value))
        if index is None:
            return
        if index == self.sort_index:
            self.sort_reversed = not self.sort_reversed
        else:
            self.sort_index, self.sort_reversed = index, False
        self.refresh_rows()
        self.post_message(self.Sorted())

    def sort_state(self) -> tuple[str, bool] | None:
        """(label, reversed) of the user's order, as remembered between sessions."""
        return None if self.sort_index is None else (self.SORTS[self.sort_index].label, self.sort_reversed)

    def restore_sort(self, label: str, reversed_: bool) -> None:
        """The order remembered from the last session (an unknown label is ignored)."""
        index = next((i for i, s in enumerate(self.SORTS) if s.label == label), None)
        if index is not None:
            self.sort_index, self.sort_reversed = index, reversed_

    # ---- review marks -----------------------------------------------------------------------

    def action_mark(self, state: str) -> None:
        """Ask the App to mark the row under the cursor (it asks for the note)."""
        key = self.table.current_key
        if key is not None and self.MARK_KIND is not None:
            self.post_message(MarkRequest(self.MARK_KIND, key, state))

    def action_unmark(self) -> None:
        key = self.table.current_key
        if key is not None and self.MARK_KIND is not None:
            self.post_message(MarkRequest(self.MARK_KIND, key, None))

    # ---- filter ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.add_class("filtering")
        self.filter_input.focus()

    def clear_filter(self) -> bool:
        """Drop the filter; False when there was none (so Escape can do something else)."""
        if not self.filter_text and not self.has_class("filtering"):
            return False
        self.filter_text = ""
        self.filter_input.value = ""
        self.remove_class("filtering")
        self.refresh_rows()
        self.focus_table()
        return True

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.filter_text:
            self.filter_text = event.value
            self.refresh_rows()

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.filter_text:
            self.remove_class("filtering")
        self.focus_table()

    @on(FilterInput.Cleared)
    def _filter_cleared(self, event: FilterInput.Cleared) -> None:
        event.stop()
        self.clear_filter()

    def set_counts(self, shown: int, total: int, extra: str = "") -> None:
        """The subtitle: how many rows, how many in all, the order, and whether a filter is on."""
        parts = [extra] if extra else []
        if self.sort_index is not None:
            parts.append(self.sort_words())
        if self.filter_text:
            parts.append(f"filter “{one_line(self.filter_text)}”: {total:,}")
        if shown < total:
            parts.append(f"showing {shown:,} of {total:,}")
        self.border_subtitle = Text("  ·  ".join(parts)) if parts else ""


def mark_text(mark: str | None, note: str | None) -> Text:
    """ "✓ explained — the note" as plain text (the note is the user's, never markup)."""
    t = Text(end="", no_wrap=True, overflow="ellipsis")
    if mark:
        t.append(one_line(mark), style="bold #87d787" if not mark.startswith("↺") else "bold #ffaf00")
    if note:
        t.append(" — " + one_line(note), style="italic")
    return t


def dimmed(t: Text) -> Text:
    """A marked, settled row: still readable, visibly done."""
    t.stylize("dim")
    return t
