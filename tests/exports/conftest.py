"""Helpers for the export tests: `sct export` run in-process, and the database's own rows to compare with."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cli import export as export_cli
from tests.conftest import CrawlResult

# Each dataset as plain SQL written independently of exports/, with the columns every row must carry.
SOURCE = "a.url, a.title, a.site_id, a.published, a.fetched_at"
DATASET_SQL = {
    "articles": "select a.* from articles a",
    "mentions": f"select r.*, {SOURCE} from official_mentions r join articles a on a.id = r.article_id",
    "figures": f"select r.*, {SOURCE} from figures r join articles a on a.id = r.article_id",
}


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_export(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """`sct export ARGV`, through the command family's own parser as cli/main.py builds it."""
    parser = argparse.ArgumentParser(prog="sct")
    export_cli.register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(["export", *argv])
        code = args.handler(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture
def sct_export(crawled: CrawlResult, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `sct export` over the crawled archive; `--db` is added."""

    def run(*argv: str) -> Run:
        return run_export([*argv, "--db", str(crawled.db)], capsys)

    return run


def db_rows(db: Path, sql: str, params: Any = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        cursor = conn.execute(sql, params)
        return [d[0] for d in cursor.description], cursor.fetchall()


def db_ids(db: Path, sql: str, params: Any = ()) -> set[str]:
    return {row[0] for row in db_rows(db, sql, params)[1]}
