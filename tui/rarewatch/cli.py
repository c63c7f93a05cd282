"""The command line: `rarewatch [DIR]` opens the dashboard, `rarewatch scan DIR` prints a report.

Errors a user can fix (a missing folder, a broken profile or config) are one clear line on stderr
and exit code 2; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
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


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profile", metavar="PATH", help="topic profile TOML (default: the bundled rare earth profile)")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="date the countdown is measured from")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rarewatch", description="Follow one news story from a folder of articles.")
    ap.add_argument("--version", action="version", version=f"rarewatch {__version__}")
    sub = ap.add_subparsers(dest="command")
    scan = sub.add_parser("scan", help="analyse a folder once and print a report")
    scan.add_argument("dir", help="folder of articles (.txt, .md, .html)")
    scan.add_argument("--format", choices=["json", "table", "markdown"], default="table")
    scan.add_argument("--workers", type=int, default=None, help="processes for parsing (default: every core)")
    _common(scan)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "scan":
        return _scan(parser().parse_args(argv))
    return _dashboard(argv)


def _fail(msg: str) -> int:
    print(f"rarewatch: {msg}", file=sys.stderr)
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


def _scan(args: argparse.Namespace) -> int:
    root = _check_dir(args.dir)
    if isinstance(root, str):
        return _fail(root)
    profile, err = _load_profile(args.profile)
    if err:
        return _fail(err)
    from rarewatch.core.report import to_json, to_markdown, to_table
    from rarewatch.core.scan import scan

    today = args.today or dt.date.today()
    label = args.dir.rstrip("/") or args.dir
    report = scan(root, profile, today, root_label=label, workers=args.workers)
    render = {"json": lambda r: to_json(r, args.dir) + "\n", "table": to_table, "markdown": to_markdown}[args.format]
    try:
        sys.stdout.write(render(report))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def _dashboard(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="rarewatch", description="Open the dashboard on a folder of articles. "
                                 "Subcommands: scan (headless report).")
    ap.add_argument("--version", action="version", version=f"rarewatch {__version__}")
    ap.add_argument("dir", nargs="?", help="folder to watch (default: ./seeds)")
    _common(ap)
    args = ap.parse_args(argv)
    d = args.dir
    if d is None:
        if Path("seeds").is_dir():
            d = "seeds"
        else:
            return _fail("no folder to watch: run `rarewatch DIR`, or start it where ./seeds exists")
    root = _check_dir(d)
    if isinstance(root, str):
        return _fail(root)
    profile, err = _load_profile(args.profile)
    if err:
        return _fail(err)
    from rarewatch.app.main import RarewatchApp

    app = RarewatchApp(root, profile, today=args.today)
    app.run()
    return app.return_code or 0
