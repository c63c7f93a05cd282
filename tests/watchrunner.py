"""A FolderWatcher run in a thread, as the App's worker runs it: shared by the watcher tests."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from rarewatch.app.watch import Batch, FolderUnavailable, FolderWatcher


class WatchRunner:
    """Runs `FolderWatcher.run` in a thread the way the App's worker does, restarting on failure."""

    def __init__(self, root: Path, **kw: object) -> None:
        self.watcher = FolderWatcher(root, **kw)  # type: ignore[arg-type]
        self.batches: list[Batch] = []
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self.stop.is_set():
            try:
                self.watcher.run(self.stop, self.batches.append)
                return
            except FolderUnavailable as exc:
                self.errors.append(exc)
                self.stop.wait(0.3)  # the App retries after a pause

    def __enter__(self) -> WatchRunner:
        self.thread.start()
        self.wait(lambda: bool(self.batches))
        time.sleep(0.2)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(5)
        assert not self.thread.is_alive(), "the watcher did not stop"

    def wait(self, cond, timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if cond():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out; batches={self.batches} errors={self.errors}")

    def changed(self) -> set[str]:
        return {p.name for b in self.batches[1:] for p in b.changed}

    def removed(self) -> set[str]:
        return {p.name for b in self.batches[1:] for p in b.removed}
