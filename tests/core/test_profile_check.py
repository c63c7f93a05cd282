"""Profile mistakes a user makes: each is one line naming file, line, key and what to do, exit 2.

And the `rarewatch profile` commands that help write one: check, new, explain.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rarewatch.core.profile import BUNDLED, ProfileError, config_dir, load_profile

TRUCE = (config_dir() / "profile.toml").read_text(encoding="utf-8")
EV = (config_dir() / "ev-tariffs.toml").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[2]


def rarewatch(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rarewatch", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def line_no(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def mistake(tmp_path: Path, text: str, old: str, new: str) -> tuple[str, Path, str]:
    assert old in text, old
    broken = text.replace(old, new, 1)
    p = tmp_path / "mine.toml"
    p.write_text(broken, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(p)
    return str(exc.value), p, broken


@pytest.mark.parametrize(
    ("old", "new", "key", "hint"),
    [
        # a misspelt key at each level: top table, metric, event, theme, a sub-table
        ("[story]", "[stroy]", "stroy", "'story'"),
        ('changes = false\n# "the 0.1%', 'chnages = false\n# "the 0.1%', "metric[1].chnages", "'changes'"),
        ("single = true\n\n# The event whose", "singel = true\n\n# The event whose", "event[", "'single'"),
        ("[questions]\n", "[questions]\nhedgs = []\n", "questions.hedgs", "'hedges'"),
        ("expiry_pattern =", "expiry_patern =", "renegotiation.expiry_patern", "'expiry_pattern'"),
        # a misspelt table name
        ("[[theme]]", "[[themes]]", "themes", "'theme'"),
    ],
)
def test_misspelt_keys_and_tables_are_named_with_a_suggestion(tmp_path, old, new, key, hint):
    msg, p, broken = mistake(tmp_path, TRUCE, old, new)
    (line,) = msg.splitlines()
    assert line.startswith(f"{p}:")
    assert f": {key}" in line and "unknown" in line and f"did you mean {hint}" in line
    typo = new.split("=")[0].strip("[]\n ").split("\n")[-1].strip("[] ")
    assert int(line.split(":")[1]) == line_no(broken, typo)


def test_a_wrong_type_names_the_key(tmp_path):
    msg, p, _ = mistake(tmp_path, TRUCE, "single = true\n\n# The event whose", 'single = "yes"\n\n# The event whose')
    assert "single: expected true or false, got a string" in msg and msg.startswith(str(p))


def test_an_unknown_unit_suggests_the_unit_meant(tmp_path):
    msg, _, broken = mistake(tmp_path, TRUCE, 'units = ["%"]', 'units = ["percent"]')
    assert "metric[1].units: unknown unit 'percent'; did you mean '%'?" in msg
    assert f":{line_no(broken, 'percent')}:" in msg


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        (
            'start_events = ["leaders_meeting", "agreement"]',
            'start_events = ["leaders_meting"]',
            "renegotiation.start_events: unknown event 'leaders_meting'; did you mean 'leaders_meeting'?",
        ),
        (
            'term_metric = "truce_term"',
            'term_metric = "truce_terms"',
            "renegotiation.term_metric: unknown metric 'truce_terms'; did you mean 'truce_term'?",
        ),
        ('id = "scope_of_lifting"', 'id = "truce_durability"', "theme[2].id: 'truce_durability' is used by another"),
        ('id = "truce_durability"', 'id = "other"', "theme[1].id: 'other' is the group for questions"),
    ],
)
def test_unknown_and_repeated_ids_are_named(tmp_path, old, new, expect):
    msg, _, _ = mistake(tmp_path, TRUCE, old, new)
    assert expect in msg


def test_an_unknown_stage_is_named(tmp_path):
    msg, _, _ = mistake(tmp_path, EV, 'default = "definitive"', 'default = "definitve"')
    assert "stages.default: unknown stage 'definitve'" in msg


def test_a_pattern_the_engine_rejects_is_named(tmp_path):
    msg, _, _ = mistake(tmp_path, TRUCE, "pattern = '\\b(?:scope", "pattern = '\\b(?:(?:scope")
    assert "theme[2].pattern: invalid pattern" in msg


def test_a_title_the_role_patterns_cannot_use_is_named(tmp_path):
    msg, _, _ = mistake(tmp_path, TRUCE, "titles = ['President',", "titles = ['Pres(ident',")
    assert "roles.titles" in msg


def test_a_pattern_that_backtracks_on_the_probe_is_named(tmp_path):
    msg, _, _ = mistake(tmp_path, TRUCE, "pattern = '\\b(?:scope", "pattern = '(a|aa)+$|\\b(?:scope")
    assert "theme[2].pattern: pattern too slow" in msg


def test_every_bundled_profile_passes_check():
    for name in BUNDLED:
        out = rarewatch("profile", "check", name)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("ok: ") and "metrics" in out.stdout


def test_check_prints_every_unknown_key_and_exits_2(tmp_path):
    p = tmp_path / "two.toml"
    p.write_text(TRUCE.replace("[story]", "[stroy]").replace("[[theme]]", "[[themes]]"), encoding="utf-8")
    out = rarewatch("profile", "check", str(p))
    assert out.returncode == 2 and out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) >= 2 and all(line.startswith(f"rarewatch: {p}:") for line in lines)
    assert "Traceback" not in out.stderr


def test_new_writes_a_starter_that_passes_check_and_never_overwrites(tmp_path):
    out = rarewatch("profile", "new", "eu-steel", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    written = tmp_path / "eu-steel.toml"
    assert 'id = "eu-steel"' in written.read_text(encoding="utf-8")
    assert rarewatch("profile", "check", str(written)).returncode == 0
    written.write_text("# mine\n", encoding="utf-8")
    again = rarewatch("profile", "new", "eu-steel", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert written.read_text(encoding="utf-8") == "# mine\n"
    assert rarewatch("profile", "new", "../escape", cwd=tmp_path).returncode == 2


def test_explain_shows_what_each_pattern_read(tmp_path):
    article = ROOT / "tests" / "corpus" / "ev-tariffs" / "continental-wire-vote.txt"
    out = rarewatch("profile", "explain", "ev-tariffs", str(article))
    assert out.returncode == 0, out.stderr
    assert "up to 35.3%" in out.stdout and "duty_top via top" in out.stdout and "[definitive]" in out.stdout
    assert "duties_apply" in out.stdout
    assert "open questions (" in out.stdout


@pytest.mark.parametrize("folder", ["seeds", "tests/corpus/ev-tariffs"])
def test_explain_runs_on_every_bundled_article(folder):
    from rarewatch.core.explain import explain

    profile = load_profile("ev-tariffs" if "ev" in folder else "truce")
    for path in sorted((ROOT / folder).iterdir()):
        text = explain(path, profile)
        assert text.startswith(path.name) and "figures (" in text


def test_explain_on_a_missing_file_is_one_line(tmp_path):
    out = rarewatch("profile", "explain", "truce", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


# ---- statuses: subjects, positions and clashes are the profile's ---------------------------------


def test_an_unknown_position_in_a_clash_is_named(tmp_path):
    msg, _, broken = mistake(
        tmp_path, TRUCE, 'between = ["suspended", "in_force"]', 'between = ["suspended", "in_forse"]'
    )
    assert "status.clash[3].between: unknown position 'in_forse'; did you mean 'in_force'?" in msg
    assert f":{line_no(broken, 'in_forse')}:" in msg


def test_a_clash_severity_must_be_known(tmp_path):
    msg, _, _ = mistake(tmp_path, TRUCE, 'severity = "medium"', 'severity = "severe"')
    assert "severity: expected one of high, medium, low, got 'severe'" in msg


SUBJECTS = r"""
[story]
id = "two-subjects"
name = "Ports and tariffs"

[topic]
terms = ['port fees?', 'tariffs?']

[[status]]
id = "fees"
subject = "Port fees on ships"
measure = '\bport fees?\b'
positions = { suspended = '\bsuspended\b', in_force = '\bstill (?:apply|in force)\b' }
clash = [{ between = ["suspended", "in_force"], severity = "high" }]

[[status]]
id = "tariffs"
subject = "Tariffs on goods"
measure = '\btariffs?\b'
positions = { cut = '\bcut\b', unchanged = '\bunchanged\b' }
clash = [{ between = ["cut", "unchanged"], severity = "medium" }]
"""


def test_each_status_subject_has_its_own_positions_and_clashes():
    from core_helpers import report

    from rarewatch.core.profile import parse_profile

    p = parse_profile(SUBJECTS, "two.toml")
    assert [st.id for st in p.statuses] == ["fees", "tariffs"]
    a = "Ports and tariffs, day one\n\nMarch 2, 2026\n\nThe port fees were suspended, and tariffs were cut.\n"
    b = "Ports and tariffs, day two\n\nMarch 3, 2026\n\nThe port fees still apply, and tariffs are unchanged.\n"
    r = report([("a.txt", a), ("b.txt", b)], profile=p)
    got = {
        c["subject"]: c["severity"] for c in r.contradictions.filter(r.contradictions["kind"] == "status").to_dicts()
    }
    assert got == {"Port fees on ships": "high", "Tariffs on goods": "medium"}
    assert set(r.statuses["subject"].to_list()) == {"fees", "tariffs"}


def test_positions_with_no_clash_between_them_never_disagree():
    from core_helpers import report

    from rarewatch.core.profile import parse_profile

    p = parse_profile(
        SUBJECTS.replace('clash = [{ between = ["cut", "unchanged"], severity = "medium" }]', ""), "t.toml"
    )
    a = "Ports and tariffs, day one\n\nMarch 2, 2026\n\nTariffs were cut.\n"
    b = "Ports and tariffs, day two\n\nMarch 3, 2026\n\nTariffs are unchanged.\n"
    r = report([("a.txt", a), ("b.txt", b)], profile=p)
    assert r.contradictions.filter(r.contradictions["kind"] == "status").is_empty()
