"""Settings: layers and their sources, strict errors that name file, line and key, safe saving."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rarewatch.core.config import (
    ConfigError,
    Settings,
    defaults_path,
    load_settings,
    save_user_settings,
    user_config_dir,
    user_config_path,
)

from .conftest import SEEDS


def write_user(text: str) -> Path:
    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_defaults_file_ships_every_setting_with_the_documented_values() -> None:
    s = load_settings()
    assert s == Settings(
        folder="",
        ignore=(),
        debounce_ms=200,
        rescan_seconds=30.0,
        theme="textual-dark",
        about_tolerance=0.02,
        profile="",
        layout="grid",
        bell=False,
    )
    assert all(src.startswith(f"default {defaults_path()}:") for src in s.sources.values())
    assert set(tomllib.loads(defaults_path().read_text())) == set(s.sources)


def test_user_file_overrides_defaults_and_flags_override_both() -> None:
    path = write_user('theme = "nord"\ndebounce_ms = 50\nprofile = "stories/tariffs.toml"\n')
    s = load_settings({"debounce_ms": 500, "profile": None})
    assert (s.theme, s.debounce_ms) == ("nord", 500)
    assert s.sources["theme"] == f"user {path}:1"
    assert s.sources["debounce_ms"] == "command line"
    assert s.sources["layout"].startswith("default ")
    # a relative path in a config file means next to that file
    assert s.profile == str(path.parent / "stories" / "tariffs.toml")


def test_xdg_config_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("RAREWATCH_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert user_config_dir() == tmp_path / "xdg" / "rarewatch"


def test_unknown_key_names_file_line_and_likely_spelling() -> None:
    path = write_user('theme = "nord"\n\n# quieter\ndebounce = 50\n')
    with pytest.raises(ConfigError) as err:
        load_settings()
    msg = str(err.value)
    assert msg.startswith(f"{path}:4: unknown key 'debounce'")
    assert "did you mean 'debounce_ms'?" in msg


def test_misspelt_key_suggests_the_close_one() -> None:
    write_user('thme = "nord"\n')
    with pytest.raises(ConfigError, match=r"rarewatch\.toml:1: unknown key 'thme' \(did you mean 'theme'\?\)"):
        load_settings()


def test_unknown_table_is_named_with_its_line() -> None:
    path = write_user('layout = "grid"\n[dashboard]\ntheme = "nord"\n')
    with pytest.raises(ConfigError, match=rf"^{path}:2: unknown table 'dashboard'"):
        load_settings()


@pytest.mark.parametrize(
    ("line", "key", "want"),
    [
        ('debounce_ms = "200"', "debounce_ms", "expected an integer"),
        ("debounce_ms = true", "debounce_ms", "got boolean"),
        ("about_tolerance = 1.5", "about_tolerance", "from 0 to below 1"),
        ('ignore = "*.tmp"', "ignore", "a list of glob strings"),
        ("ignore = [1, 2]", "ignore", "a list of glob strings"),
        ('theme = ""', "theme", "non-empty"),
        ("rescan_seconds = -1", "rescan_seconds", "from 0"),
    ],
)
def test_wrong_type_names_file_line_and_key(line: str, key: str, want: str) -> None:
    path = write_user(f'layout = "grid"\n{line}\n')
    with pytest.raises(ConfigError) as err:
        load_settings()
    msg = str(err.value)
    assert msg.startswith(f"{path}:2: {key}: ") and want in msg


def test_broken_toml_names_file_line_and_column() -> None:
    path = write_user('theme = "nord"\nlayout = "grid\n')
    with pytest.raises(ConfigError, match=rf"^{path}:2:\d+: invalid TOML"):
        load_settings()


def test_not_utf8_is_a_config_error() -> None:
    path = user_config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'theme = "\xff"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings()


def test_bad_flag_value_names_the_command_line() -> None:
    with pytest.raises(ConfigError, match=r"^command line: debounce_ms: expected"):
        load_settings({"debounce_ms": "soon"})


def test_save_keeps_other_keys_and_round_trips() -> None:
    write_user('theme = "nord"\nmy_note = "kept, though unknown"\n')
    result = save_user_settings({"layout": "tall", "ignore": ["drafts/*"]})
    assert result.backup is None
    data = tomllib.loads(user_config_path().read_text())
    assert data == {"theme": "nord", "my_note": "kept, though unknown", "layout": "tall", "ignore": ["drafts/*"]}
    assert not list(user_config_path().parent.glob(".*.tmp"))


def test_save_creates_the_folder_and_loads_back() -> None:
    save_user_settings({"debounce_ms": 75, "about_tolerance": 0.1})
    s = load_settings()
    assert (s.debounce_ms, s.about_tolerance) == (75, 0.1)
    assert s.sources["debounce_ms"].startswith("user ")


def test_save_refuses_bad_values_before_touching_the_file() -> None:
    path = write_user('theme = "nord"\n')
    with pytest.raises(ConfigError, match="debounce_ms"):
        save_user_settings({"debounce_ms": -5})
    with pytest.raises(ConfigError, match="did you mean 'layout'"):
        save_user_settings({"layuot": "grid"})
    assert path.read_text() == 'theme = "nord"\n'


def test_save_keeps_a_corrupt_user_file_aside() -> None:
    broken = 'theme = "nord\nmy precious = settings\n'
    path = write_user(broken)
    result = save_user_settings({"theme": "gruvbox"})
    assert result.backup is not None and result.backup.name.startswith("rarewatch.toml.bak-")
    assert result.backup.read_text() == broken
    assert result.message and result.backup.name in result.message
    assert tomllib.loads(path.read_text()) == {"theme": "gruvbox"}


def rarewatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rarewatch", *args], capture_output=True, text=True, timeout=120)


def test_cli_config_prints_values_and_their_sources() -> None:
    path = write_user('theme = "nord"\n')
    out = rarewatch("config")
    assert out.returncode == 0, out.stderr
    assert 'theme = "nord"' in out.stdout and f"# user {path}:1" in out.stdout
    assert "debounce_ms = 200" in out.stdout and f"# default {defaults_path()}:" in out.stdout
    body = "\n".join(line.split("  #")[0] for line in out.stdout.splitlines() if not line.startswith("#"))
    assert tomllib.loads(body)["theme"] == "nord"  # the listing is valid TOML


@pytest.mark.parametrize("command", ["config", "scan", "export"])
def test_cli_config_error_is_one_line_and_exit_2(command: str, tmp_path: Path) -> None:
    path = write_user("debounce = 5\n")
    args = {"config": [], "scan": [str(SEEDS)], "export": [str(SEEDS), "--to", str(tmp_path / "out")]}
    out = rarewatch(command, *args[command])
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert f"{path}:1: unknown key 'debounce'" in out.stderr
