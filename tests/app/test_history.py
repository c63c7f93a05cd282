"""A key figure's history in its detail screen: values by publication date, a chart, first
reported, latest, and which article moved it. Expected values come from the report itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

import polars as pl
from textual.widgets import Sparkline

from rarewatch.app.screens import MetricScreen
from rarewatch.app.widgets.figures import FiguresPane
from rarewatch.app.widgets.table import Table

from .conftest import SIZE, loaded, make_app, wait_for


def moved_metric(report) -> tuple[str, list[tuple[str, float, str]]]:
    """A metric whose value differs between two dated articles, with its dated values."""
    dated = (
        report.figures.filter((pl.col("metric") != "other") & pl.col("role").is_null())
        .join(report.sources.select(pl.col("id").alias("source"), "published", "outlet"), on="source")
        .filter(pl.col("published").is_not_null())
        .sort("published", "source", "start")
    )
    for metric, group in dated.group_by("metric", maintain_order=True):
        if group["value"].n_unique() > 1 and group["unit"].n_unique() == 1:
            return metric[0], list(group.select("published", "value", "outlet").iter_rows())
    raise AssertionError("the seeds have a figure that moved")


def test_the_metric_detail_shows_the_history_and_who_moved_it(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            metric, values = moved_metric(app.report)
            pane = app.query_one(FiguresPane)
            await pilot.press("2")
            pane.table.move_cursor(row=pane.table.get_row_index(metric))
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, MetricScreen) and bool(app.screen.query(Table)))
            screen = app.screen
            table = screen.query_one(Table)
            await wait_for(pilot, lambda: table.row_count > 0)
            shown_dates = [table.get_row(r.key)[0].plain for r in table.ordered_rows]
            dated = [d for d in shown_dates if d != "undated"]
            assert dated == sorted(dated) and shown_dates[: len(dated)] == dated
            chart = screen.query_one(Sparkline)
            assert list(chart.data) == [v for _, v, _ in values]
            text = str(screen.query_one("#history-text").render())
            first, latest = values[0], values[-1]
            assert f"first reported {first[0]}" in text and f"latest         {latest[0]}" in text
            movers = [(d, who) for (d, v, who), (_, pv, _) in zip(values[1:], values[:-1], strict=True) if v != pv]
            for d, who in movers[-3:]:
                assert d in text and f"by {who}" in text

    asyncio.run(go())
