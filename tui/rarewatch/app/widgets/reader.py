"""The article reader: an article's cleaned text with figures, dates and open questions marked.

`/` searches the article (the matches are marked and `n`/`N` walk them instead of the marks until
the search is cleared); `y` copies the sentence under the cursor (the current mark or match).

The text is cut into paragraph blocks (one `Static` per line of the cleaned text), so jumping to a highlight scrolls to
its block and re-renders only the two blocks whose "current" mark changed. Very long articles are
packed into blocks of a few thousand characters to keep the widget count small. The text is put
into `rich.text.Text` as plain characters: nothing in an article is ever parsed as markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from rarewatch.core.sentences import split_sentences
from rarewatch.core.views import printable

#: How each kind of highlight looks; sentence-long marks (questions, hedges) are a background.
KIND_STYLES = {
    "question": Style(bgcolor="#3b2f52", italic=True),
    "hedge": Style(bgcolor="#2f2f45", italic=True),
    "date": Style(color="#5fd7ff", bold=True, underline=True),
    "figure": Style(color="#ffd75f", bold=True),
}
#: Painting order: backgrounds first so figures and dates stay readable on top.
PAINT_ORDER = ("question", "hedge", "date", "figure")
CURRENT = Style(reverse=True, bold=True)
#: A search match: unlike any analysis mark, so a match inside a figure still shows.
MATCH = Style(color="#000000", bgcolor="#87d7ff", bold=True)
#: Paragraphs above this count are packed into blocks of BLOCK_CHARS.
MAX_BLOCKS = 400
BLOCK_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: [start, end) in the article text."""

    start: int
    end: int
    kind: str
    label: str


def blocks_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (one per line), packed when there are too many."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] == "\n":
            i += 1
        if i >= n:
            break
        j = text.find("\n", i)
        j = n if j < 0 else j
        if text[i:j].strip():
            out.append((i, j))
        i = j
    if len(out) > MAX_BLOCKS:
        packed: list[tuple[int, int]] = []
        for s, e in out:
            if packed and e - packed[-1][0] <= BLOCK_CHARS:
                packed[-1] = (packed[-1][0], e)
            else:
                packed.append((s, e))
        out = packed
    return out or [(0, 0)]


class Block(Static):
    """One paragraph of the article."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__(classes="block")
        self.start = start
        self.end = end


class ArticleReader(VerticalScroll, can_focus=True):
    """Scrollable article text; `n`/`N` move between highlights."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_highlight", "Next", id="reader.next", tooltip="Next mark (or search match)"),
        Binding(
            "N",
            "previous_highlight",
            "Prev",
            id="reader.previous",
            tooltip="Previous mark (or match)",
        ),
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space", "page_down", "Page down", show=False, id="reader.page"),
    ]

    class Moved(Message):
        """The current highlight changed (index into spans, or -1)."""

        def __init__(self, index: int, total: int, span: Span | None) -> None:
            super().__init__()
            self.index = index
            self.total = total
            self.span = span

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.spans: list[Span] = []
        self.found: list[Span] = []  # search matches; while there are any, n/N walk them
        self.query_text = ""
        self.current = -1
        self._block_starts: list[int] = []

    def load(self, text: str, spans: list[Span], landing: int | None = None) -> None:
        """Show `text` with `spans` marked; land on the highlight at or after `landing`."""
        self.text = printable(text)
        self.spans = sorted(spans, key=lambda s: (s.start, PAINT_ORDER.index(s.kind) if s.kind in PAINT_ORDER else 9))
        self.current = -1
        self.remove_children()
        bounds = blocks_of(self.text)
        self._block_starts = [s for s, _ in bounds]
        blocks = [Block(s, e) for s, e in bounds]
        for b in blocks:
            b.update(self._render_block(b))
        self.mount_all(blocks)
        if not self.text.strip():
            self.mount(Static(Text("(no readable text)", style="dim italic")))
        if landing is not None:
            self.call_after_refresh(self.land, landing)

    @property
    def targets(self) -> list[Span]:
        """What n/N walk: the search matches while a search is on, else the analysis marks."""
        return self.found if self.query_text else self.spans

    def search(self, query: str, found: list[tuple[int, int]]) -> None:
        """Mark `found` (the matches of `query`); an empty query goes back to the marks."""
        self.query_text = query.strip()
        self.found = [Span(s, e, "match", query) for s, e in found] if self.query_text else []
        self.current = -1
        for b in self._blocks():
            b.update(self._render_block(b))

    def sentence_at(self, offset: int) -> str:
        """The sentence of the text that holds `offset` (for `y`)."""
        for s in split_sentences(self.text):
            if s.start <= offset < max(s.end, s.start + 1):
                return s.text
        return ""

    def _block_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._block_starts, offset) - 1)

    def _render_block(self, block: Block) -> Text:
        t = Text(self.text[block.start : block.end], end="")
        targets = self.targets
        cur = targets[self.current] if 0 <= self.current < len(targets) else None
        for kind in PAINT_ORDER:
            style = KIND_STYLES[kind]
            for s in self.spans:
                if s.kind == kind and s.end > block.start and s.start < block.end:
                    t.stylize(style, max(0, s.start - block.start), min(block.end, s.end) - block.start)
        for s in self.found:
            if s.end > block.start and s.start < block.end:
                t.stylize(MATCH, max(0, s.start - block.start), min(block.end, s.end) - block.start)
        if cur is not None and cur.end > block.start and cur.start < block.end:
            t.stylize(CURRENT, max(0, cur.start - block.start), min(block.end, cur.end) - block.start)
        return t

    def _blocks(self) -> list[Block]:
        return list(self.query(Block))

    def _refresh_span_blocks(self, *indexes: int) -> None:
        blocks = self._blocks()
        touched: set[int] = set()
        targets = self.targets
        for i in indexes:
            if 0 <= i < len(targets):
                s = targets[i]
                for b in range(self._block_index(s.start), self._block_index(max(s.start, s.end - 1)) + 1):
                    touched.add(b)
        for b in touched:
            if b < len(blocks):
                blocks[b].update(self._render_block(blocks[b]))

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding `offset` is in the middle of the view."""
        blocks = self._blocks()
        if not blocks:
            return
        block = blocks[min(self._block_index(offset), len(blocks) - 1)]
        width = max(1, block.content_region.width or self.size.width - 2)
        prefix = Text(self.text[block.start : max(block.start, offset)])
        line = max(0, len(prefix.wrap(self.app.console, width)) - 1) if prefix.plain else 0
        region = block.virtual_region
        self.scroll_to_region(Region(0, region.y + line, 1, 1), center=True, animate=False, force=True)

    def select(self, index: int) -> None:
        """Make span `index` the current one and bring it into view."""
        targets = self.targets
        if not targets:
            self.post_message(self.Moved(-1, 0, None))
            return
        old, self.current = self.current, index % len(targets)
        self._refresh_span_blocks(old, self.current)
        self.scroll_to_offset(targets[self.current].start)
        self.post_message(self.Moved(self.current, len(targets), targets[self.current]))

    def land(self, offset: int) -> None:
        """Go to the highlight at `offset` (or the first one after it)."""
        targets = self.targets
        if not targets:
            self.scroll_to_offset(offset)
            return
        # prefer a span containing the offset, else the next one
        containing = [i for i, s in enumerate(targets) if s.start <= offset < s.end]
        if containing:
            # the narrowest span there (a figure rather than its question sentence)
            idx = min(containing, key=lambda i: targets[i].end - targets[i].start)
        else:
            idx = bisect.bisect_left([s.start for s in targets], offset)
            idx = idx if idx < len(targets) else len(targets) - 1
        self.select(idx)
        self.scroll_to_offset(offset)

    def action_next_highlight(self) -> None:
        self.select(self.current + 1 if self.current >= 0 else self._first_visible())

    def action_previous_highlight(self) -> None:
        self.select(self.current - 1 if self.current >= 0 else len(self.targets) - 1)

    def scroll_offset_start(self) -> int:
        """The text offset of the first paragraph on screen."""
        top = self.scroll_y
        for b in self._blocks():
            if b.virtual_region.bottom > top:
                return b.start
        return 0

    def _first_visible(self) -> int:
        """Without a current mark, `n` starts from what is on screen, not from the top."""
        top = self.scroll_y
        starts = [s.start for s in self.targets]
        for b in self._blocks():
            if b.virtual_region.bottom > top:
                i = bisect.bisect_left(starts, b.start)
                return i if i < len(starts) else 0
        return 0
