"""The topic profile: loading, error messages, and that the story vocabulary lives in it."""

from __future__ import annotations

import re
import time

import pytest
from core_helpers import analyse, report, story

from rarewatch.core.profile import ProfileError, default_profile_path, load_profile

BUNDLED = default_profile_path().read_text(encoding="utf-8")

COFFEE_PROFILE = r"""
[story]
id = "coffee-tariff"
name = "Brazil coffee tariff"
deadline_label = "tariff review"

[topic]
terms = ['coffee', 'arabica', 'robusta']

[[metric]]
id = "brazil_share_exports"
label = "Brazil's share of arabica exports"
units = ["%"]
aspects = { exports = ['exports?', 'shipments?'] }

[[metric]]
id = "review_period"
label = "Time until the tariff review"
units = ["month", "year"]
aspects = { review = ['review'] }

[figures]
count_nouns = ['cooperatives', 'roasters']

[[event]]
id = "frost"
label = "Frost hits the coffee belt"
pattern = '\bfrost\b'
single = true

[renegotiation]
start_events = ["frost"]
term_metric = "review_period"

[[theme]]
id = "prices"
label = "Will prices keep rising?"
pattern = '\bprices?\b'

[questions]
hedges = ['remains unclear']
"""

COFFEE_ARTICLE = story(
    "Brazil accounts for 40% of arabica exports, traders said.",
    "A frost hit the coffee belt on October 20, 2025.",
    "Twelve cooperatives asked the government for help.",
    "Whether coffee prices keep rising remains unclear.",
    "The tariff review comes in 6 months.",
    title="Arabica climbs as Brazil frost squeezes coffee supply",
)
RARE_EARTH_ARTICLE = story(
    "China performs 90% of the world's rare earth separation and processing.",
    "Trump and Xi met in Busan on October 30, 2025, and agreed a one-year truce.",
    "Will the truce hold once the one-year term runs out?",
    title="China pauses rare earth export controls for a year",
)


def write(tmp_path, text: str, name: str = "profile.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return text.count("\n", 0, starts[occurrence - 1]) + 1


# ---- the bundled profile ---------------------------------------------------------------------------


def test_bundled_profile_loads(profile):
    assert profile.story_id == "us-china-rare-earths-2025"
    assert profile.metric("china_share_processing") is not None
    assert {e.id for e in profile.events} >= {"leaders_meeting", "agreement"}
    assert profile.term_metric == "truce_term"
    assert profile.themes[0].id == "truce_durability"


def test_same_profile_text_gives_the_same_digest(tmp_path, profile):
    assert load_profile(write(tmp_path, BUNDLED)).digest == profile.digest
    changed = BUNDLED.replace("'gallium'", "'gallium', 'antimony'")
    assert load_profile(write(tmp_path, changed, "other.toml")).digest != profile.digest


# ---- errors ----------------------------------------------------------------------------------------


def test_broken_toml_names_file_line_and_column(tmp_path):
    text = '[story]\nid = "x"\nname = "unterminated\n'
    p = write(tmp_path, text, "broken.toml")
    with pytest.raises(ProfileError) as exc:
        load_profile(p)
    msg = str(exc.value)
    # file:line:column, as every other profile message
    assert msg.startswith(f"{p}:3:")


def test_bare_word_value_names_its_line(tmp_path):
    text = BUNDLED.replace('deadline_label = "terms lapse"', "deadline_label = terms lapse")
    p = write(tmp_path, text)
    with pytest.raises(ProfileError, match=rf":{line_of(text, 'deadline_label = terms')}:\d+: "):
        load_profile(p)


def test_wrong_type_names_the_key(tmp_path):
    text = BUNDLED.replace('name = "US–China rare earth truce"', "name = 42")
    with pytest.raises(ProfileError) as exc:
        load_profile(write(tmp_path, text))
    msg = str(exc.value)
    assert "story.name: expected a string, got a number" in msg
    assert f":{line_of(text, 'name = 42')}:" in msg


def test_missing_key_names_the_key(tmp_path):
    text = BUNDLED.replace('id = "us-china-rare-earths-2025"\n', "")
    with pytest.raises(ProfileError, match=r"story\.id: missing"):
        load_profile(write(tmp_path, text))


def test_missing_key_in_a_list_of_tables_names_which_one(tmp_path):
    text = BUNDLED.replace('label = "China\'s share of magnet manufacturing"\n', "")
    with pytest.raises(ProfileError, match=r"metric\[2\]\.label: missing"):
        load_profile(write(tmp_path, text))


def test_wrong_type_in_a_later_table_points_at_its_own_line(tmp_path):
    lines = BUNDLED.split("\n")
    third = [i for i, ln in enumerate(lines) if ln.startswith("units =")][2]
    lines[third] = 'units = "%"'
    text = "\n".join(lines)
    with pytest.raises(ProfileError) as exc:
        load_profile(write(tmp_path, text))
    assert "metric[3].units" in str(exc.value)
    assert f":{third + 1}:" in str(exc.value)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("'gallium'", "'gall(ium'", "topic.terms"),
        ("pattern = '\\b(?:agreed|agreement", "pattern = '\\b(?:agreed|agreement(", "event[2].pattern"),
        ("expiry_pattern = '\\b(?:until", "expiry_pattern = '\\b(?:until[", "renegotiation.expiry_pattern"),
        ("'under scrutiny',", "'under scrutiny)',", "questions.hedges"),
    ],
)
def test_invalid_regex_names_the_key(tmp_path, old, new, key):
    assert old in BUNDLED
    text = BUNDLED.replace(old, new, 1)
    with pytest.raises(ProfileError) as exc:
        load_profile(write(tmp_path, text))
    assert key in str(exc.value)
    assert "invalid pattern" in str(exc.value)


def test_unreadable_and_non_utf8_profiles_are_profile_errors(tmp_path):
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "missing.toml")
    p = tmp_path / "latin1.toml"
    p.write_bytes('[story]\nid = "x"\nname = "Pékin"\n'.encode("latin-1"))
    with pytest.raises(ProfileError, match="UTF-8"):
        load_profile(p)


def test_minimal_profile_loads_with_defaults(tmp_path):
    p = load_profile(write(tmp_path, '[story]\nid = "s"\nname = "S"\n[topic]\nterms = ["widgets?"]\n'))
    assert p.metrics == () and p.events == () and p.themes == ()
    assert p.deadline_label == "terms lapse"


# ---- the vocabulary lives in the profile -------------------------------------------------------------


def test_another_story_profile_changes_what_is_found(tmp_path):
    coffee = load_profile(write(tmp_path, COFFEE_PROFILE))
    t = analyse(COFFEE_ARTICLE, profile=coffee)
    assert "off-topic" not in t.source["flags"][0].to_list()
    figs = {f["text"]: f["metric"] for f in t.figures.to_dicts()}
    assert figs["40%"] == "brazil_share_exports"
    assert figs["6 months"] == "review_period"
    assert "Twelve cooperatives" in figs  # a count noun of this profile only
    assert [(e["date"], e["event_id"]) for e in t.timeline.to_dicts()] == [("2025-10-20", "frost")]
    assert [q["theme"] for q in t.questions.to_dicts()] == ["prices"]


def test_the_same_article_under_the_bundled_profile_finds_none_of_it():
    t = analyse(COFFEE_ARTICLE)
    assert "off-topic" in t.source["flags"][0].to_list()
    assert t.figures.is_empty() and t.timeline.is_empty() and t.questions.is_empty()


def test_rare_earth_article_is_off_topic_under_another_profile(tmp_path):
    coffee = load_profile(write(tmp_path, COFFEE_PROFILE))
    t = analyse(RARE_EARTH_ARTICLE, profile=coffee)
    assert "off-topic" in t.source["flags"][0].to_list()
    assert t.figures.is_empty()
    assert not analyse(RARE_EARTH_ARTICLE).figures.is_empty()


def test_metrics_and_countdown_follow_the_profile(tmp_path):
    coffee = load_profile(write(tmp_path, COFFEE_PROFILE))
    r = report([("c.txt", COFFEE_ARTICLE)], profile=coffee)
    assert r.story == "Brazil coffee tariff"
    assert r.deadline_label == "tariff review"
    assert r.renegotiation["due"] == "2026-04-20"  # frost on 2025-10-20 plus a 6-month review period
    assert set(r.figures["metric"].to_list()) <= {"brazil_share_exports", "review_period", "other"}


def test_changing_a_metric_pattern_in_the_profile_reassigns_figures(tmp_path):
    text = BUNDLED.replace("aspects = { magnets = ['magnets?'] }", "aspects = { magnets = ['magnets?', 'motors?'] }")
    p = load_profile(write(tmp_path, text))
    art = story("China makes 91% of the world's electric motors.")
    assert analyse(art).figures["metric"].to_list() == ["other"]
    assert analyse(art, profile=p).figures["metric"].to_list() == ["china_share_magnets"]


def test_catastrophic_pattern_in_a_profile_does_not_hang_a_scan(tmp_path):
    # (q|qq)+$ gets past the loader's probe (it holds no run of q's) and backtracks on this article
    slow = COFFEE_PROFILE.replace("terms = ['coffee', 'arabica', 'robusta']", "terms = ['(?:q|qq)+$']")
    p = load_profile(write(tmp_path, slow))
    t0 = time.monotonic()
    t = analyse("Arabica news\n\n" + "q" * 80 + "b\n", profile=p)
    assert time.monotonic() - t0 < 10
    row = t.source.row(0, named=True)
    assert "regex-timeout" in row["flags"]
    assert row["error"] and "timed out" in row["error"]
