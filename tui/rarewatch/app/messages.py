"""Messages the workers post to the App, and the panes post to the App.

Workers never touch widgets: they post one of these and the App's handlers, which own the state
(the library, the report, the narrowing, what is unseen), decide what to render. Progress
messages replace each other in the queue (`can_replace`), so a fast scan cannot flood the UI.
"""

from __future__ import annotations

from textual.message import Message

from rarewatch.app.library import Library
from rarewatch.app.watch import Batch, Refreshed
from rarewatch.core.corpus import Report


class FilesChanged(Message):
    """The watcher settled some paths (or listed the folder at start)."""

    def __init__(self, batch: Batch) -> None:
        super().__init__()
        self.batch = batch


class ScanProgress(Message):
    """How far the current analysis is; only the newest one in the queue matters."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ScanProgress)


class CorpusUpdated(Message):
    """A batch was read: the new library and a provisional report (`partial` while reading)."""

    def __init__(self, result: Refreshed, batch: Batch) -> None:
        super().__init__()
        self.result = result
        self.batch = batch

    def can_replace(self, message: Message) -> bool:
        # a partial report not yet rendered is pointless once a newer report is queued
        return self.result.partial and isinstance(message, CorpusUpdated)


class ReportBuilt(Message):
    """The full report (duplicates, contradictions, countdown) of one library snapshot."""

    def __init__(self, library: Library, report: Report, seconds: float, alerts: list | None = None) -> None:
        super().__init__()
        self.library = library
        self.report = report
        self.seconds = seconds
        self.alerts = alerts or []  # `core.alerts.Alert`s: what the articles read since moved


class SourceChosen(Message):
    """A pane asks to narrow everything to a source (None: back to all sources)."""

    def __init__(self, source_id: str | None) -> None:
        super().__init__()
        self.source_id = source_id


class SourceSeen(Message):
    """The user's cursor reached a source marked new."""

    def __init__(self, source_id: str) -> None:
        super().__init__()
        self.source_id = source_id


class OpenReader(Message):
    """Open the article reader on a source, optionally landing on a character offset, and with
    a search already on (`query`, from the search over every article)."""

    def __init__(self, source_id: str, offset: int | None = None, *, query: str = "") -> None:
        super().__init__()
        self.source_id = source_id
        self.offset = offset
        self.query = query


class OpenDetail(Message):
    """Open the detail screen of a pane row: a metric, a contradiction or a question theme."""

    def __init__(self, kind: str, key: str, *, read: bool = False) -> None:
        super().__init__()
        self.kind = kind
        self.key = key
        self.read = read


class Notice(Message):
    """Something a worker wants the user to know (cache or marks trouble, an export written)."""

    def __init__(self, text: str, severity: str = "warning", title: str = "rarewatch") -> None:
        super().__init__()
        self.text = text
        self.severity = severity
        self.title = title


class CacheStored(Message):
    """The parse cache was written back after a refresh."""


class MarksLoaded(Message):
    """The marks file as it is now; `written` when a write of ours produced it."""

    def __init__(self, marks: dict, stamp: object, *, written: bool = False) -> None:
        super().__init__()
        self.marks = marks
        self.stamp = stamp
        self.written = written


class MarksUnreadable(Message):
    """The marks file could not be read; `stamp` is the version of it that could not."""

    def __init__(self, text: str, stamp: object) -> None:
        super().__init__()
        self.text = text
        self.stamp = stamp


class MarkRequest(Message):
    """A pane asks to mark (or, with `state` None, unmark) the row under its cursor."""

    def __init__(self, kind: str, item: str, state: str | None) -> None:
        super().__init__()
        self.kind = kind
        self.item = item
        self.state = state


class DigestReady(Message):
    """What changed since the previous session (None: first session, or no snapshot)."""

    def __init__(self, digest: object | None) -> None:
        super().__init__()
        self.digest = digest


class SessionSaved(Message):
    """The snapshot the next session compares with was written."""


class Exported(Message):
    """An export finished: the files written."""

    def __init__(self, folder: str, files: list) -> None:
        super().__init__()
        self.folder = folder
        self.files = files


class ViewLoaded(Message):
    """The panes' sorts and the settled-rows toggle the last session left (`core.viewstate`)."""

    def __init__(self, state: object) -> None:
        super().__init__()
        self.state = state
