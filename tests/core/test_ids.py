"""Ids are names, never parsed: a metric id with any character a profile allows (colons, slashes,
spaces) keeps its disputed marker in the key-figures pane and its contradiction."""

from __future__ import annotations

import pytest
from core_helpers import report, story

from rarewatch.core import views as V
from rarewatch.core.profile import config_dir, parse_profile


@pytest.mark.parametrize("new_id", ["share:processing", "share/processing: china", "a:b:c"])
def test_a_metric_id_with_any_character_keeps_its_markers(new_id: str) -> None:
    text = (config_dir() / "profile.toml").read_text(encoding="utf-8")
    assert 'id = "china_share_processing"' in text
    profile = parse_profile(text.replace('id = "china_share_processing"', f'id = "{new_id}"'), "colons.toml")
    arts = [
        story("China performs 90% of the world's rare earth processing, analysts said.", title="Grip loosens"),
        story("China performs 60% of the world's rare earth processing, analysts said.", title="Why it matters"),
    ]
    r = report(((f"{i}.txt", a) for i, a in enumerate(arts)), profile=profile)
    (c,) = r.contradictions.filter(r.contradictions["kind"] == "figure").to_dicts()
    assert c["topic"] == new_id
    rows = V.figures_by_metric(r)
    (row,) = rows.filter(rows["metric"] == new_id).to_dicts()
    assert row["severity"] == "high"  # the ≠ marker of the pane
