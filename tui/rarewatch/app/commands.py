"""The command palette (Ctrl+P): every action of the dashboard, and every source to narrow to.

Textual's `Matcher.highlight` parses its candidate as markup, so a headline such as
`[@click=app.quit]…` would become live markup in the palette. Hits are therefore displayed as
`Content` built from the plain string and highlighted by offsets here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from rarewatch.core.views import one_line

if TYPE_CHECKING:
    from rarewatch.app.main import RarewatchApp

#: Sources offered in the palette at most (the sources pane's filter reaches the rest).
MAX_SOURCES = 2000


def safe_highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate as plain text with the fuzzy-matched characters underlined."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for o in offsets:
            if not candidate[o].isspace():
                content = content.stylize("bold underline", o, o + 1)
    return content


class RarewatchCommands(Provider):
    """Actions (with the key that runs them) and "Narrow to: <headline>" for each source."""

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("RarewatchApp", self.app)
        return [(name, partial(app.run_action, action), help_) for name, action, help_ in app.palette_actions()]

    def _sources(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("RarewatchApp", self.app)
        report = app.report
        if report is None:
            return []
        out: list[tuple[str, Callable[[], object], str]] = []
        for r in report.sources.head(MAX_SOURCES).iter_rows(named=True):
            name = "Narrow to: " + one_line(r["title"] or r["id"])
            out.append((name, partial(app.narrow, r["id"]), "show only this source in the panes"))
            out.append(
                (
                    "Read: " + one_line(r["title"] or r["id"]),
                    partial(app.open_reader, r["id"]),
                    "open the article reader",
                )
            )
        return out

    async def discover(self) -> Hits:
        for name, callback, help_ in self._actions():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_ in self._actions() + self._sources():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, safe_highlight(matcher, name), callback, text=name, help=help_)
