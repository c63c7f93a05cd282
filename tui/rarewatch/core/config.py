"""Settings, and the places rarewatch keeps its own files.

Three layers, each overriding the one before: the shipped defaults (`config/rarewatch.toml`,
packaged as `rarewatch.data`), the user's `rarewatch.toml` in the user config folder, and
command-line flags. `Settings.sources` says which layer (file and line) each value came from, so
`rarewatch config` can answer "why is it doing that?".

Config is strict and kind: an unknown key or a value of the wrong type is a `ConfigError` whose
message names the file, the line and the key, and suggests the likely spelling. Nothing here
prints or exits; the CLI turns the error into one line on stderr.

Writes go through `atomic_write` (temp file in the same folder, fsync, `os.replace`, fsync of the
folder), so a crash leaves either the old file or the new one, never half of one. The cache and
the review marks use the same helper and `folder_key`, which is why they live here.

Environment overrides keep tests and sandboxes out of the user's real folders:
`RAREWATCH_CONFIG_DIR`, `RAREWATCH_CACHE_DIR`, `RAREWATCH_DATA_DIR`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from rarewatch.core.profile import config_dir, is_profile_name

APP = "rarewatch"
CONFIG_NAME = "rarewatch.toml"


class ConfigError(ValueError):
    """A settings file or value that cannot be used; the message names file, line and key."""


# ---- where rarewatch keeps things ---------------------------------------------------------------


def _env_dir(var: str, default: Callable[[], str]) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser() if value else Path(default())


def user_config_dir() -> Path:
    """`~/.config/rarewatch` on Linux (honours XDG_CONFIG_HOME); RAREWATCH_CONFIG_DIR wins."""
    return _env_dir("RAREWATCH_CONFIG_DIR", lambda: platformdirs.user_config_dir(APP))


def user_config_path() -> Path:
    return user_config_dir() / CONFIG_NAME


def defaults_path() -> Path:
    """The shipped defaults: one copy, in `config/`, packaged as `rarewatch.data`."""
    return config_dir() / CONFIG_NAME


def cache_home() -> Path:
    """Parse caches: disposable, so the user cache folder; RAREWATCH_CACHE_DIR wins."""
    return _env_dir("RAREWATCH_CACHE_DIR", lambda: platformdirs.user_cache_dir(APP))


def data_home() -> Path:
    """Review marks are the analyst's work, not a cache: the user data folder."""
    return _env_dir("RAREWATCH_DATA_DIR", lambda: platformdirs.user_data_dir(APP))


def folder_key(root: str | Path) -> str:
    """A stable, readable name for one watched folder: `<name>-<hash of the resolved path>`.

    The hash keeps two folders both called `news` apart; the name lets a person find the
    right folder in the cache or data directory.
    """
    resolved = Path(root).expanduser().resolve()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-.")[:40] or "root"
    digest = hashlib.blake2b(str(resolved).encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return f"{slug}-{digest}"


def fsync_dir(path: Path) -> None:
    """Make a rename durable: on POSIX the directory entry needs its own fsync."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the rename itself is still atomic
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers and crashes see the old or the new file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def keep_aside(path: Path) -> Path:
    """Move a file rarewatch cannot parse to `<name>.bak-<timestamp>` instead of overwriting it."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.bak-{stamp}-{n}")
    os.replace(path, backup)
    fsync_dir(path.parent)
    return backup


# ---- the settings -------------------------------------------------------------------------------


#: The dashboard's pane layouts: 2x2, side by side (wide terminals), stacked (narrow ones).
LAYOUTS = ("grid", "wide", "tall")


@dataclass(frozen=True, slots=True)
class Settings:
    """Effective settings. `sources[key]` names the layer each value came from."""

    folder: str = ""
    ignore: tuple[str, ...] = ()
    debounce_ms: int = 200
    rescan_seconds: float = 30.0
    theme: str = "textual-dark"
    about_tolerance: float = 0.02
    profile: str = ""
    layout: str = "grid"
    bell: bool = False
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    #: the file and line each value was read from ("…/rarewatch.toml:12"), for error messages
    places: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class _Spec:
    want: str  # words for messages: "an integer (milliseconds)"
    check: Callable[[Any], Any]  # returns the normalised value or raises ValueError
    path: bool = False  # relative values resolve against their file


def _string(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError
    return v


def _name(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError
    return v.strip()


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(v: Any) -> str:
        if not isinstance(v, str) or v.strip() not in choices:
            raise ValueError
        return v.strip()

    return check


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError
    return v


def _globs(v: Any) -> tuple[str, ...]:
    if not isinstance(v, (list, tuple)) or not all(isinstance(s, str) for s in v):
        raise ValueError
    return tuple(v)


def _int_range(lo: int, hi: int) -> Callable[[Any], int]:
    def check(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            raise ValueError
        return v

    return check


def _number_range(lo: float, hi: float, *, hi_open: bool = False) -> Callable[[Any], float]:
    def check(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v:
            raise ValueError
        if not lo <= v <= hi or (hi_open and v >= hi):
            raise ValueError
        return float(v)

    return check


SPECS: dict[str, _Spec] = {
    "folder": _Spec('a string (a folder path, or "")', _string, path=True),
    "ignore": _Spec("a list of glob strings", _globs),
    "debounce_ms": _Spec("an integer number of milliseconds from 0 to 60000", _int_range(0, 60_000)),
    "rescan_seconds": _Spec("a number of seconds from 0 (off) to 86400", _number_range(0, 86_400)),
    "theme": _Spec("a theme name (a non-empty string)", _name),
    "about_tolerance": _Spec("a number from 0 to below 1 (0.05 = 5%)", _number_range(0, 1, hi_open=True)),
    "profile": _Spec(
        'a string (a profile TOML path, a bundled profile\'s name such as "ev-tariffs", or "" for the truce)',
        _string,
        path=True,
    ),
    "layout": _Spec(f"one of {', '.join(LAYOUTS)}", _choice(LAYOUTS)),
    "bell": _Spec("true or false", _bool),
}
assert set(SPECS) == {f.name for f in fields(Settings)} - {"sources", "places"}


def _type_name(v: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "table"}.get(
        type(v), type(v).__name__
    )


def suggest(key: str) -> str:
    """` (did you mean 'x'?)` for a near miss, else nothing."""
    near = difflib.get_close_matches(key, list(SPECS), n=1, cutoff=0.6)
    if not near and "_" not in key:  # "debounce" for "debounce_ms": a prefix is a near miss too
        near = [k for k in SPECS if k.startswith(key.lower()) and len(key) >= 4][:1]
    return f" (did you mean '{near[0]}'?)" if near else ""


def key_line(text: str, key: str) -> int | None:
    """Line of `key = ...`, `"key" = ...`, `key.x = ...` or `[key]` in TOML text, for messages."""
    k = re.escape(key)
    rx = re.compile(rf"^[ \t]*(?:\[\[?[ \t]*)?(?:{k}|\"{k}\"|'{k}')[ \t]*(?:=|\.|\])", re.M)
    m = rx.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _where(name: str, text: str, key: str) -> str:
    line = key_line(text, key)
    return f"{name}:{line}" if line else name


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """tomllib with a message that names file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)", msg)
        if m:
            return _raise(f"{name}:{m.group(1)}:{m.group(2)}: invalid TOML: {msg[: m.start()]}")
        return _raise(f"{name}: invalid TOML: {msg}")


def _raise(msg: str) -> Any:
    raise ConfigError(msg)


def read_text(path: Path) -> str | None:
    """A config file's text; None when it does not exist, ConfigError when unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def validate(raw: Mapping[str, Any], name: str, text: str = "") -> dict[str, Any]:
    """Check every key and type of one layer; return normalised values."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        spec = SPECS.get(key)
        if spec is None:
            what = "unknown table" if isinstance(value, dict) else "unknown key"
            raise ConfigError(
                f"{_where(name, text, key)}: {what} '{key}'{suggest(key)}; known keys: {', '.join(SPECS)}"
            )
        try:
            out[key] = spec.check(value)
        except ValueError:
            shown = tomli_w.dumps({"v": value})[4:].strip() if _dumpable(value) else repr(value)
            raise ConfigError(
                f"{_where(name, text, key)}: {key}: expected {spec.want}, got {_type_name(value)} {shown[:60]}"
            ) from None
    return out


def _dumpable(v: Any) -> bool:
    try:
        tomli_w.dumps({"v": v})
    except (TypeError, ValueError):
        return False
    return True


def _resolve_paths(values: dict[str, Any], base: Path) -> dict[str, Any]:
    """`profile = "story.toml"` in a config file means next to that file, not the cwd."""
    for key, value in values.items():
        if SPECS[key].path and value and not (key == "profile" and is_profile_name(value)):
            p = Path(value).expanduser()
            values[key] = str(p if p.is_absolute() else (base / p))
    return values


def _file_layer(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """A settings file's values, and the file and line of each."""
    text = read_text(path)
    if text is None:
        return {}, {}
    values = _resolve_paths(validate(parse_toml(text, str(path)), str(path), text), path.parent)
    return values, {k: _where(str(path), text, k) for k in values}


def check_theme(settings: Settings, themes: Iterable[str]) -> None:
    """ConfigError naming the file and line when the theme is none of `themes`.

    The theme names belong to the UI toolkit, which this module must not import, so the caller
    passes them in (the CLI does before it opens the dashboard or prints the settings).
    """
    names = sorted(themes)
    if settings.theme in names:
        return
    where = settings.places.get("theme", "")
    near = difflib.get_close_matches(settings.theme, names, n=1, cutoff=0.6)
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    raise ConfigError(
        f"{where or 'settings'}: theme: no theme called {settings.theme!r}{hint}; one of {', '.join(names)}"
    )


def load_settings(
    overrides: Mapping[str, Any] | None = None, *, user_path: Path | None = None, defaults: Path | None = None
) -> Settings:
    """Defaults file, then the user's file, then `overrides` (command-line flags; None = unset)."""
    values: dict[str, Any] = {}
    sources = {k: "built-in" for k in SPECS}
    places: dict[str, str] = {}
    for path, label in ((defaults or defaults_path(), "default"), (user_path or user_config_path(), "user")):
        layer, where = _file_layer(path)
        values.update(layer)
        places.update(where)
        sources.update({k: f"{label} {w}" for k, w in where.items()})
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    values.update(validate(flags, "command line"))
    sources.update({k: "command line" for k in flags})
    places.update({k: "command line" for k in flags})
    return Settings(**values, sources=sources, places=places)


def as_toml(settings: Settings) -> str:
    """The effective settings as TOML, each line saying where its value came from."""
    width = max(len(k) for k in SPECS)
    lines = []
    for key in SPECS:
        value = getattr(settings, key)
        value = list(value) if isinstance(value, tuple) else value
        shown = tomli_w.dumps({key: value}).strip()
        lines.append(f"{shown:<{width + 24}}  # {settings.sources.get(key, 'built-in')}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class SaveResult:
    path: Path
    backup: Path | None = None  # where an unreadable user file was kept aside

    @property
    def message(self) -> str | None:
        if self.backup is None:
            return None
        return f"{self.path} could not be read; kept it as {self.backup.name} and wrote a new one"


def save_user_settings(changes: Mapping[str, Any], *, path: Path | None = None) -> SaveResult:
    """Write `changes` into the user's rarewatch.toml, keeping every other key they wrote.

    The changes are validated first (a bad value never reaches the file). A user file that does
    not parse is moved aside, never silently overwritten; the result says where it went.
    """
    target = path or user_config_path()
    clean = validate(dict(changes), "settings to save")
    backup = None
    current: dict[str, Any] = {}
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        data = None
    except OSError as exc:
        raise ConfigError(f"{target}: cannot read: {exc.strerror or exc}") from None
    if data is not None:
        try:
            current = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            backup = keep_aside(target)
    for key, value in clean.items():
        current[key] = list(value) if isinstance(value, tuple) else value
    try:
        atomic_write(target, tomli_w.dumps(current).encode("utf-8"))
    except OSError as exc:  # full disk, read-only folder: say so; the old file is whole
        raise ConfigError(
            f"{target}: cannot save settings: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    return SaveResult(target, backup)
