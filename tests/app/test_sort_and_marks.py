"""Sorting every pane (`S`, a header click) and marks shaping the view (dimmed, last, uncounted, `H`).

Expected orders are computed from the report with plain Python, not written in.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from rarewatch.app.screens import PromptScreen
from rarewatch.app.widgets.contradictions import ContradictionsPane
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.header import StoryHeader
from rarewatch.app.widgets.questions import QuestionsPane
from rarewatch.app.widgets.sources import SourcesPane
from rarewatch.app.widgets.table import Table

from .conftest import SIZE, loaded, make_app, wait_for


def keys(table: Table) -> list[str]:
    return [r.key.value for r in table.ordered_rows]


async def click_header(pilot, table: Table, column: str) -> None:
    """Click the middle of a column's header, where a user would."""
    x = 0
    for col in table.ordered_columns:
        width = col.get_render_width(table)
        if col.key.value == column:
            await pilot.click(table, offset=(x + width // 2, 0))
            return
        x += width
    raise AssertionError(f"no column {column}")


def test_s_cycles_the_sources_order_and_a_header_click_sorts_and_reverses(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            pane = app.query_one(SourcesPane)
            table = pane.table
            report = app.report
            titles = dict(report.sources.select("id", "title").iter_rows())
            figures = dict(report.sources.select("id", "figures").iter_rows())
            await pilot.press("1", "S")
            assert keys(table) == sorted(titles, key=lambda i: (titles[i] or "").lower())
            assert "by headline ↑" in str(pane.border_subtitle)
            # a click on the Fig header: most figures first; a second click: fewest first
            await click_header(pilot, table, "fig")
            by_fig = [figures[k] for k in keys(table)]
            assert by_fig == sorted(by_fig, reverse=True)
            await click_header(pilot, table, "fig")
            assert [figures[k] for k in keys(table)] == sorted(by_fig)
            # the order is the pane's own and survives a refresh
            app.render_report()
            assert [figures[k] for k in keys(table)] == sorted(by_fig)
            # S runs through the other orders and back to the pane's own (newest first)
            for _ in pane.SORTS[pane.sort_index + 1 :]:
                await pilot.press("S")
            await pilot.press("S")
            assert pane.sort is None
            dates = [dict(report.sources.select("id", "published").iter_rows())[k] for k in keys(table)]
            assert [d for d in dates if d] == sorted((d for d in dates if d), reverse=True)

    asyncio.run(go())


def test_every_pane_sorts_by_its_columns(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            report = app.report
            await pilot.press("3")
            pane = app.query_one(ContradictionsPane)
            subjects = dict(report.contradictions.select("id", "subject").iter_rows())
            await click_header(pilot, pane.table, "subject")
            assert keys(pane.table) == sorted(subjects, key=lambda i: subjects[i].lower())
            await pilot.press("4")
            q = app.query_one(QuestionsPane)
            await click_header(pilot, q.table, "h")
            hedges = report.questions.filter(report.questions["kind"] == "hedge").group_by("theme").len()
            counts = dict(hedges.iter_rows())
            shown = [counts.get(k, 0) for k in keys(q.table)]
            assert shown == sorted(shown, reverse=True)

    asyncio.run(go())


def test_a_dismissed_contradiction_dims_goes_last_leaves_the_counts_and_h_hides_it(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            pane = app.query_one(ContradictionsPane)
            table = pane.table
            total = app.report.contradictions.height
            first = keys(table)[0]
            high = int((app.report.contradictions["severity"] == "high").sum())
            first_row = app.report.contradictions.filter(app.report.contradictions["id"] == first).row(0, named=True)
            first_high = first_row["severity"]
            metric = first.split(":")[1] if first_row["kind"] == "figure" else None
            others = app.report.contradictions.filter(
                (app.report.contradictions["kind"] == "figure") & (app.report.contradictions["id"] != first)
            )["id"].to_list()
            figures = app.query_one(FiguresPane)
            await pilot.press("3", "d")
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
            await pilot.press(*"same figure, two dates", "enter")
            await wait_for(pilot, lambda: keys(table)[-1] == first)
            cells = table.get_row(first)
            assert all(any("dim" in str(span.style) for span in c.spans) for c in cells)
            assert not any("dim" in str(span.style) for span in table.get_row(keys(table)[0])[0].spans)
            title = str(pane.border_title)
            left = high - (first_high == "high")
            assert title.startswith(f"3 Contradictions ({total - 1}" + (f", {left} high)" if left else ")"))
            assert f"{total - 1} contradictions" in str(app.query_one(StoryHeader).query_one("#story").render())
            assert "1 settled" in str(pane.border_subtitle)
            if metric is not None and metric not in {o.split(":")[1] for o in others}:
                # the metric is no longer disputed once its only dispute is settled
                assert figures.table.get_row(metric)[0].plain != "≠"
            # H hides settled rows everywhere, H again shows them
            await pilot.press("H")
            await wait_for(pilot, lambda: first not in keys(table))
            assert table.row_count == total - 1
            await pilot.press("H")
            await wait_for(pilot, lambda: keys(table)[-1] == first)

    asyncio.run(go())


def test_settled_contradictions_leave_the_sources_disagreement_counts(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            sources = app.query_one(SourcesPane)
            before = dict(sources.rows.select("id", "disagreements").iter_rows())
            pane = app.query_one(ContradictionsPane)
            cid = keys(pane.table)[0]
            row = app.report.contradictions.filter(app.report.contradictions["id"] == cid).row(0, named=True)
            sides = {s for p in row["positions"] for s in p["sources"]}
            await pilot.press("3", "x")
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
            await pilot.press("enter")
            await wait_for(pilot, lambda: keys(pane.table)[-1] == cid)
            after = dict(sources.rows.select("id", "disagreements").iter_rows())
            assert after == {k: v - (k in sides) for k, v in before.items()}

    asyncio.run(go())


def test_the_sorts_and_h_are_remembered_for_the_next_session(seeds: Path, profile) -> None:
    async def first() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await wait_for(pilot, lambda: app.view_loaded)
            await pilot.press("1", "S", "S", "3")
            await click_header(pilot, app.query_one(ContradictionsPane).table, "n")
            await click_header(pilot, app.query_one(ContradictionsPane).table, "n")
            await pilot.press("H")
            await wait_for(pilot, lambda: app.view_file.exists() and '"hide_settled":true' in app.view_file.read_text())
            await wait_for(pilot, lambda: '"reversed":true' in app.view_file.read_text())

    async def second() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await wait_for(pilot, lambda: app.view_loaded)
            sources = app.query_one(SourcesPane)
            assert sources.sort_state() == (sources.SORTS[1].label, False)
            pane = app.query_one(ContradictionsPane)
            assert pane.sort_state() == ("sources", True)
            fewest = [dict(app.report.contradictions.select("id", "sources").iter_rows())[k] for k in keys(pane.table)]
            assert fewest == sorted(fewest)
            assert app.hide_settled

    asyncio.run(first())
    asyncio.run(second())
