"""The small things an afternoon of use turned up: each one as the user meets it."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

from rarewatch.app.screens import ThemeScreen

from .conftest import loaded, make_app, wait_for


def test_every_footer_key_is_on_screen_at_80_by_24(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            keys = list(app.screen.query("FooterKey"))
            assert keys
            for key in keys:
                assert key.region.width > 0 and key.region.right <= 80, (key.description, key.region)
            spans = sorted((k.region.x, k.region.right) for k in keys)
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end <= start, f"footer keys overlap: {spans}"
            # past the deadline the header still says it lapsed and names the newest article
            shown = str(app.query_one("#countdown").render())
            assert "lapsed" in shown and "newest article" in shown
            assert app.query_one("#countdown").region.right <= 80

    asyncio.run(go())


def test_one_sentence_is_not_1_sentences(seeds: Path, profile) -> None:
    async def go() -> None:
        app = make_app(seeds, profile, watch=False)
        async with app.run_test(size=(140, 40)) as pilot:
            await loaded(pilot)
            report = app.report
            assert report is not None
            counts = report.questions.group_by("theme").len()
            single = counts.filter(counts["len"] == 1)["theme"].to_list()
            assert single, "the seeds have a theme with one sentence"
            app.push_screen(ThemeScreen(report, single[0]))
            await wait_for(pilot, lambda: isinstance(app.screen, ThemeScreen) and bool(app.screen.query(".title")))
            title = str(app.screen.query_one(".title").render())
            assert "1 sentence" in title and "1 sentences" not in title

    asyncio.run(go())
