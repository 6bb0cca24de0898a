"""`sct index`: bring the search index up to date with the archive, or rebuild it from scratch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.archive import DEFAULT_PATH

EXIT_LOCKED = 75


def register(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser("index", help="bring the search index up to date with the archive")
    index.add_argument("--db", type=Path, default=DEFAULT_PATH, help="the archive (default %(default)s)")
    index.add_argument("--rebuild", action="store_true", help="build the index from scratch and swap it in")
    index.set_defaults(handler=run_index)


def update_index(db: Path, rebuild: bool = False, quiet: bool = False) -> int:
    """Index what changed in the archive (or everything); say what was done unless `quiet` (a scheduled
    crawl prints nothing when all went well); the exit status."""
    from crawler import search_index

    try:
        run = search_index.rebuild(db) if rebuild else search_index.catch_up(db)
    except search_index.IndexBusy as error:
        print(f"sct: {error}; not starting", file=sys.stderr)
        return EXIT_LOCKED
    except (OSError, ValueError) as error:  # tantivy reports a full disk as ValueError; the archive is intact
        print(f"sct: the search index could not be updated ({error}); run 'sct index' again later",
              file=sys.stderr)
        return 1
    if not quiet:
        print(f"search index {search_index.index_path(db)}: {run.added:,} articles indexed, "
              f"{run.deleted:,} removed in {run.seconds:.1f} s", flush=True)
    return 0


def run_index(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(f"sct: no archive at {args.db}; run 'sct crawl' or 'sct demo' first", file=sys.stderr)
        return 2
    return update_index(args.db, args.rebuild)
