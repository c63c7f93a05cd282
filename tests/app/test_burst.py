"""A burst of 200 articles dropped into a watched folder that already holds the seeds.

The analyst sees the burst as one "200 new" in the sources pane, and no pane falls back to an
empty state while the burst is read (the panes keep what they had until the new rows arrive).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from rarewatch.app.main import RarewatchApp
from rarewatch.app.widgets.contradictions import ContradictionsPane
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.questions import QuestionsPane
from rarewatch.app.widgets.sources import SourcesPane

from .conftest import SEEDS, SIZE, loaded, make_app, wait_for

DROP = 200


def _stage(staging: Path) -> None:
    """200 distinct articles: each seed with its own outlet and numbers, so none is a duplicate."""
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    for i in range(DROP):
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        text = text.replace("rare earth", f"rare earth (desk note {i})", 1) + f"\n\nFiled by desk {i}.\n"
        (staging / f"{src.stem}-{i:03d}{src.suffix}").write_text(text, encoding="utf-8")


def test_a_200_file_drop_counts_200_new_and_no_pane_empties(seeds: Path, tmp_path: Path, profile) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    _stage(staging)
    rows: list[dict[str, int]] = []

    async def go() -> None:
        app = make_app(seeds, profile)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            panes = (SourcesPane, FiguresPane, ContradictionsPane, QuestionsPane)
            before = {p.__name__: app.query_one(p).table.row_count for p in panes}
            assert all(before.values()), before
            render = app.render_report

            def watched_render() -> None:
                render()
                rows.append({p.__name__: app.query_one(p).table.row_count for p in panes})

            app.render_report = watched_render  # type: ignore[method-assign]
            staging.rename(seeds / "dropped")
            await wait_for(pilot, lambda: len(app.library) == 6 + DROP, timeout=120)
            await wait_for(pilot, lambda: not app.analysing and not app.building and not app.pending, timeout=60)
            await pilot.pause()
            title = str(app.query_one(SourcesPane).border_title)
            assert title.endswith(f"· {DROP} new"), title
            assert len(app.unseen) == DROP
            assert isinstance(app, RarewatchApp)

    asyncio.run(go())
    assert rows, "the panes were never rendered during the burst"
    for seen in rows:
        assert all(seen.values()), f"a pane was empty during the burst: {seen}"
