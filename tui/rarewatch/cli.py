"""The command line: `rarewatch [DIR]` opens the dashboard, `rarewatch scan DIR` prints a report.

Errors a user can fix (a missing folder, a broken profile or config) are one clear line on stderr
and exit code 2; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from rarewatch import __version__

EXIT_USAGE = 2


def _date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {s!r}") from None


def _workers(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {s!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: give at least 1 process (or leave --workers out for every core)")
    return n


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        metavar="NAME|PATH",
        help="topic profile: a bundled one by name (truce, ev-tariffs) or a TOML file (default: truce)",
    )
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="date the countdown is measured from")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rarewatch", description="Follow one news story from a folder of articles.")
    ap.add_argument("--version", action="version", version=f"rarewatch {__version__}")
    sub = ap.add_subparsers(dest="command")
    scan = sub.add_parser("scan", help="analyse a folder once and print a report")
    scan.add_argument("dir", help="folder of articles (.txt, .md, .html)")
    scan.add_argument("--format", choices=["json", "table", "markdown"], default="table")
    scan.add_argument("--workers", type=_workers, default=None, help="processes for parsing (default: every core)")
    scan.add_argument(
        "--no-cache", action="store_true", help="parse every article, neither reading nor writing the parse cache"
    )
    _common(scan)
    export = sub.add_parser("export", help="write the tables (or the brief) to files for other tools")
    export.add_argument("dir", help="folder of articles (.txt, .md, .html)")
    export.add_argument("--to", required=True, metavar="OUT", help="folder to write into (created if missing)")
    export.add_argument(
        "--format",
        choices=["parquet", "csv", "json", "markdown"],
        default="parquet",
        help="one file per table (sources, figures, timeline, contradictions, questions, "
        "roles, statuses, marks); markdown writes the one-page brief.md",
    )
    export.add_argument("--workers", type=_workers, default=None, help="processes for parsing (default: every core)")
    export.add_argument("--no-cache", action="store_true", help="parse every article, ignoring the parse cache")
    _common(export)
    digest = sub.add_parser(
        "digest", help="what articles since a date moved (key figures, contradictions, the deadline), as Markdown"
    )
    digest.add_argument("dir", help="folder of articles (.txt, .md, .html)")
    digest.add_argument(
        "--since",
        type=_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="articles published on or after this date (undated ones: changed on or after it) count as new",
    )
    digest.add_argument("--workers", type=_workers, default=None, help="processes for parsing (default: every core)")
    digest.add_argument("--no-cache", action="store_true", help="parse every article, ignoring the parse cache")
    _common(digest)
    sub.add_parser("config", help="print the effective settings and where each one comes from")
    prof = sub.add_parser("profile", help="check, start or explain a topic profile (docs/profile.md)")
    psub = prof.add_subparsers(dest="action", required=True)
    check = psub.add_parser("check", help="load a profile and report every mistake (exit 2) or a summary")
    check.add_argument("profile", metavar="NAME|PATH", help="a bundled profile's name or a profile file")
    new = psub.add_parser("new", help="write a commented starter profile NAME.toml in the current folder")
    new.add_argument("name", help="the new story's short name (letters, digits, - and _)")
    explain = psub.add_parser("explain", help="what a profile reads in one article, pattern by pattern")
    explain.add_argument("profile", metavar="NAME|PATH", help="a bundled profile's name or a profile file")
    explain.add_argument("file", help="an article file (.txt, .md, .html)")
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in _COMMANDS:
        return _COMMANDS[argv[0]](parser().parse_args(argv))
    return _dashboard(argv)


def _fail(msg: str) -> int:
    for line in msg.splitlines() or [""]:
        print(f"rarewatch: {line}", file=sys.stderr)
    return EXIT_USAGE


def _load_profile(path: str | None):
    from rarewatch.core.profile import ProfileError, load_profile

    try:
        return load_profile(path), None
    except ProfileError as exc:
        return None, str(exc)


def _check_dir(d: str) -> Path | str:
    root = Path(d)
    if not root.exists():
        return f"{d}: no such folder"
    if not root.is_dir():
        return f"{d}: not a folder"
    try:
        next(iter(root.iterdir()), None)
    except PermissionError:
        return f"{d}: permission denied"
    except OSError as exc:
        return f"{d}: cannot read folder: {exc.strerror or exc}"
    return root


def _settings(args: argparse.Namespace, *, theme: bool = False):
    """User settings under the command-line flags; a config error is the caller's exit 2.

    `theme`: also check the theme against the dashboard's themes (the dashboard and `config`;
    a headless scan does not pay for importing the UI toolkit).
    """
    from rarewatch.core.config import ConfigError, check_theme, load_settings

    try:
        settings = load_settings({"profile": getattr(args, "profile", None)})
        if theme:
            from textual.theme import BUILTIN_THEMES

            check_theme(settings, BUILTIN_THEMES)
        return settings, None
    except ConfigError as exc:
        return None, str(exc)


def _note(msg: str) -> None:
    print(f"rarewatch: note: {msg}", file=sys.stderr)


def _report(args: argparse.Namespace):
    """Settings, profile and the folder's report through the parse cache; or an error line."""
    root = _check_dir(args.dir)
    if isinstance(root, str):
        return None, root
    settings, err = _settings(args)
    if err:
        return None, err
    profile, err = _load_profile(settings.profile or None)
    if err:
        return None, err
    profile = dataclasses.replace(profile, about_tolerance=settings.about_tolerance)
    from rarewatch.core.cache import scan_cached

    today = args.today or dt.date.today()
    label = args.dir.rstrip("/") or args.dir
    report = scan_cached(
        root,
        profile,
        today,
        root_label=label,
        workers=args.workers,
        use_cache=not args.no_cache,
        notice=_note,
        ignore=settings.ignore,
    )
    return report, None


def _scan(args: argparse.Namespace) -> int:
    report, err = _report(args)
    if err:
        return _fail(err)
    from rarewatch.core.report import to_json, to_markdown, to_table

    render = {"json": lambda r: to_json(r, args.dir) + "\n", "table": to_table, "markdown": to_markdown}[args.format]
    try:
        sys.stdout.write(render(report))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def _export(args: argparse.Namespace) -> int:
    from rarewatch.core.marks import MarksError, MarkStore, marks_frame

    report, err = _report(args)
    if err:
        return _fail(err)
    from rarewatch.core.export import write_export

    try:
        marks = marks_frame(MarkStore(args.dir).marks())
    except MarksError as exc:
        return _fail(str(exc))
    try:
        written = write_export(report, Path(args.to), args.format, marks)
    except OSError as exc:
        return _fail(f"{args.to}: cannot write the export: {exc.strerror or exc}")
    for path in written:
        print(path)
    return 0


def _digest(args: argparse.Namespace) -> int:
    """The dashboard's alerts for a cron job: new since `--since`, and what they moved."""
    report, err = _report(args)
    if err:
        return _fail(err)
    settings, _ = _settings(args)
    profile, err = _load_profile((settings.profile if settings else "") or None)
    if err:
        return _fail(err)
    from rarewatch.core.alerts import alerts, due_before, to_markdown

    since = args.since.isoformat()
    root = Path(args.dir)
    fresh = set()
    for sid, published in report.sources.select("id", "published").iter_rows():
        if published:
            # a month or year alone ("2025-11") is new if any day of it can be on or after `since`
            if published.ljust(10, "9") >= since:
                fresh.add(sid)
            continue
        try:
            changed = dt.date.fromtimestamp((root / sid).stat().st_mtime)
        except OSError:
            continue
        if changed >= args.since:
            fresh.add(sid)
    found = alerts(report, fresh, before_due=due_before(report, fresh, profile))
    try:
        sys.stdout.write(to_markdown(report, found, fresh, since))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def _config(args: argparse.Namespace) -> int:
    from rarewatch.core.config import as_toml, defaults_path, user_config_path

    settings, err = _settings(args, theme=True)
    if err:
        return _fail(err)
    user = user_config_path()
    sys.stdout.write(
        f"# defaults: {defaults_path()}\n# user:     {user}"
        f"{'' if user.exists() else ' (not created yet)'}\n"
        "# Command-line flags override both.\n" + as_toml(settings)
    )
    return 0


def _profile(args: argparse.Namespace) -> int:
    from rarewatch.core.explain import explain, summary

    if args.action == "new":
        return _profile_new(args.name)
    profile, err = _load_profile(args.profile)
    if err:
        return _fail(err)
    if args.action == "check":
        print(summary(profile))
        return 0
    from rarewatch.core.articles import ReadError

    path = Path(args.file)
    try:
        sys.stdout.write(explain(path, profile))
    except ReadError as exc:
        return _fail(f"{path}: {exc}")
    return 0


def _profile_new(name: str) -> int:
    import re

    from rarewatch.core.profile import config_dir

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,60}", name):
        return _fail(f"{name!r}: a profile name is letters, digits, - and _ (for example ev-tariffs)")
    out = Path(f"{name}.toml")
    if out.exists():
        return _fail(f"{out}: already exists; nothing was written")
    starter = (config_dir() / "starter.toml").read_text(encoding="utf-8").replace("STORY_ID", name)
    try:
        with open(out, "x", encoding="utf-8") as fh:
            fh.write(starter)
    except OSError as exc:
        return _fail(f"{out}: cannot write: {exc.strerror or exc}")
    print(f"wrote {out}: fill it in, then `rarewatch profile check {out}` (docs/profile.md has every key)")
    return 0


_COMMANDS = {"scan": _scan, "export": _export, "digest": _digest, "config": _config, "profile": _profile}


def _dashboard(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="rarewatch",
        description="Open the dashboard on a folder of articles. "
        "Subcommands: scan (headless report), export (tables to files), "
        "digest (what moved since a date, as Markdown), config (effective settings).",
    )
    ap.add_argument("--version", action="version", version=f"rarewatch {__version__}")
    ap.add_argument("dir", nargs="?", help="folder to watch (default: ./seeds)")
    _common(ap)
    args = ap.parse_args(argv)
    settings, err = _settings(args, theme=True)
    if err:
        return _fail(err)
    d = args.dir
    if d is None:
        if Path("seeds").is_dir():
            d = "seeds"
        elif settings.folder:
            d = settings.folder
        else:
            return _fail(
                "no folder to watch: run `rarewatch DIR`, start it where ./seeds exists, "
                "or set `folder` in your rarewatch.toml (see `rarewatch config`)"
            )
    root = _check_dir(d)
    if isinstance(root, str):
        return _fail(root)
    profile, err = _load_profile(settings.profile or None)
    if err:
        return _fail(err)
    from rarewatch.app.main import RarewatchApp

    # the app applies the settings (tolerance, theme, debounce) itself
    app = RarewatchApp(root, profile, today=args.today, settings=settings)
    app.run()
    return app.return_code or 0
