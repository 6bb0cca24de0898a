"""Combining archives crawled on several machines into one, idempotently.

Each Scrapyd node writes its own archive. Merging replays every article of every input, oldest
fetch first, through the archive's own save_article: the same article crawled on two nodes ends
as one row with the later fetch, its people and its story linked again against the whole merged
archive (people and story ids are an archive's own, so they are never copied), its raw page
stored with the merged archive's dictionaries. An article whose fetch is not later than the one
already merged is left alone, so merging the same inputs again, or an archive into itself,
changes nothing. Crawl runs and their errors are copied once each, for site health.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from crawler import search, search_index
from crawler.archive import FACT_TABLES, Archive

NOT_FACT_FIELDS = {"article_id", "published_date", "person_id"}  # provenance, and the archive's own person ids


@dataclasses.dataclass
class MergeReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0  # the merged archive already had this article from a later fetch
    runs: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.runs)


@dataclasses.dataclass
class StoredFacts:
    """Facts read back from an archive's fact tables, in the shape save_article writes."""

    dates: list[Any]
    officials: list[Any]
    figures: list[Any]
    documents: list[Any]


def merge_archives(inputs: Sequence[Path], output: Path) -> MergeReport:
    """Merge every input archive into `output` (created if missing, or merged into)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    target = Archive(output)
    sources = [Archive(path) for path in inputs]  # brings an older input's schema up to date first
    report = MergeReport()
    try:
        with target.transaction():  # nodes crawl from one registry; a site the merged archive has keeps its row
            for source in sources:
                target.db["sites"].insert_all(source.db["sites"].rows, pk="id", ignore=True, alter=True)
        fetches = sorted((row["fetched_at"] or "", row["id"], index) for index, source in enumerate(sources)
                         for row in source.db.query("select id, fetched_at from articles"))
        for fetched_at, key, index in fetches:
            current = target.db.execute("select fetched_at from articles where id = ?", [key]).fetchone()
            if current is not None and (current[0] or "") >= fetched_at:
                report.older += 1
                continue
            outcome = _copy_article(sources[index], target, key)
            setattr(report, outcome, getattr(report, outcome) + 1)
        for source in sources:
            report.runs += _copy_runs(source, target)
        if report.changed:
            target.train_dictionaries(row["id"] for row in target.db["sites"].rows)
            rebuild_search(target)
            target.rebuild_series()
    finally:
        for archive in (*sources, target):
            archive.close()
    return report


def rebuild_search(archive: Archive) -> None:
    """The search indexes again from the articles: the one place a merge asks for them."""
    with archive.transaction():
        search.rebuild_fts(archive.db.conn)
    search_index.catch_up(archive.path)


def _copy_article(source: Archive, target: Archive, key: str) -> str:
    [row] = source.db.query("select * from articles where id = ?", [key])
    page = next(source.db.query("select encoding, http_status from pages where article_id = ?", [key]),
                {"encoding": "utf-8", "http_status": None})
    existing = target.db.execute("select story_id, repost_of, first_seen from articles where id = ?",
                                 [key]).fetchone()
    # save_article links stories only for a changed article; an unchanged one keeps the merged links
    record = {**row, "story_id": existing[0] if existing else None, "repost_of": existing[1] if existing else None}
    with target.transaction():
        outcome = target.save_article(record, source.raw_html(key) or b"", page["encoding"],
                                      page["http_status"], _stored_facts(source, key))
        first_seen = min(filter(None, [row["first_seen"], existing[2] if existing else None]), default=None)
        target.db.execute("update articles set first_seen = ? where id = ?", [first_seen, key])
    return outcome


def _stored_facts(source: Archive, key: str) -> StoredFacts:
    facts: dict[str, list[Any]] = {}
    for attribute, table in FACT_TABLES.items():
        rows = list(source.db.query(f"select * from [{table}] where article_id = ? order by rowid", [key]))
        facts[attribute] = [_fact(table, row) for row in rows]
    return StoredFacts(**facts)


def _fact(table: str, row: Mapping[str, Any]) -> Any:
    """A row as a dataclass instance; lists and mappings stay the JSON text the source stored."""
    fields = {name: value for name, value in row.items() if name not in NOT_FACT_FIELDS}
    kind = dataclasses.make_dataclass(f"Stored_{table}", list(fields))
    return kind(**fields)


RUN_KEY = ("spider", "sources", "started_at")


def _copy_runs(source: Archive, target: Archive) -> int:
    """Crawl runs (and their errors) the merged archive does not have yet, by spider, sites and start."""
    copied = 0
    for run in list(source.db.query("select * from crawl_runs order by id")):
        known = target.db.execute("select 1 from crawl_runs where spider is ? and sources is ? and started_at is ?",
                                  [run[name] for name in RUN_KEY]).fetchone()
        if known:
            continue
        with target.transaction():
            copy = {name: value for name, value in run.items() if name != "id"}
            run_id = target.db["crawl_runs"].insert(copy, alter=True).last_pk
            errors = source.db.query("select * from crawl_errors where run_id = ? order by id", [run["id"]])
            target.db["crawl_errors"].insert_all({**{k: v for k, v in error.items() if k != "id"}, "run_id": run_id}
                                                 for error in errors)
        copied += 1
    return copied
