"""The archive: one SQLite file, its schema, and every write to it, through sqlite-utils.

Writes are idempotent upserts keyed by the page URL, one transaction per article, so a crawl
killed at any point leaves no partial article and a re-crawl never duplicates one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils
from w3lib.url import canonicalize_url

from crawler import people, rawstore, search, series
from crawler.registry import Source
from nlp.similarity import MIN_SHARED_BANDS, SAME_STORY, band_keys, minhash, similarity

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "archive.db"
BUSY_TIMEOUT_MS = 30_000
ARCHIVE_FAILED = "archive_failed"  # crawl_errors kinds of pages fetched but not written:
DISK_FULL = "disk_full"  # they stay out of known_pages, so the next run fetches them again

FACT_TABLES = {
    "dates": "dates_mentioned",
    "officials": "official_mentions",
    "figures": "figures",
    "documents": "documents_cited",
}

PROVENANCE_COLUMNS = {"article_id": str, "published_date": str}
LOCATION_COLUMNS = {"raw": str, "start": int, "end": int, "sentence_index": int, "sentence": str}
FACT_COLUMNS = {
    "dates_mentioned": {"kind": str, "value": str, "first_day": str, "last_day": str, "label": str,
                        "year_inferred": int, "reference": int, "year_source": str},
    "official_mentions": {"person_id": str, "name": str, "position": str, "organisation": str, "org_place": str,
                          "role": str, "posts": str},
    "figures": {"indicator": str, "indicator_key": str, "value": float, "unit": str, "direction": str,
                "comparison": str, "period": str, "period_value": str, "scope": str, "estimate": int,
                "qualifier": str, "scope_name": str, "measure": str, "status": str, "period_kind": str,
                "period_start": str, "period_end": str},
    "documents_cited": {"kind": str, "number": str, "issuer": str, "issued": str},
}

ARTICLE_COLUMNS = {
    "id": str, "url": str, "canonical_url": str, "site_id": str, "title": str,
    "published": str, "published_date": str, "year": int, "published_raw": str,
    "author": str, "source_note": str, "original_url": str, "category": str, "body": str,
    "province": str, "province_2025": str, "story_id": str, "repost_of": str, "problems": str, "content_hash": str,
    "first_seen": str, "fetched_at": str, "updated_at": str,
}


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def article_id(url: str) -> str:
    """A short stable id from the URL, so the same page always lands on the same row."""
    return hashlib.sha1(canonicalize_url(url).encode("utf-8")).hexdigest()[:16]


class Archive:
    def __init__(self, path: Path | str = DEFAULT_PATH):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._use_wal()
        self.db.execute("PRAGMA foreign_keys = on")
        self.ensure_schema()
        self.raw_store = rawstore.RawStore(self.db)
        self._columns: dict[str, frozenset[str]] = {}

    def _use_wal(self) -> None:
        """Switching to WAL takes an exclusive lock that SQLite does not wait for (no busy handler):
        two crawls opening a new archive at once must take turns by hand."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = wal")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing, taking the write lock up front: in WAL mode a transaction that reads and
        then writes fails at once if another process wrote in between, while BEGIN IMMEDIATE waits
        its turn (busy timeout). sqlite-utils' own writes nest inside as savepoints, and so does a
        transaction opened inside another (a batch of articles): it undoes only its own writes."""
        if self.db.conn.in_transaction:
            self.db.conn.execute("SAVEPOINT nested")
            try:
                yield
            except BaseException:
                if self.db.conn.in_transaction:
                    self.db.conn.execute("ROLLBACK TO nested")
                    self.db.conn.execute("RELEASE nested")
                raise
            self.db.conn.execute("RELEASE nested")
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.conn.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                self.db.conn.execute("ROLLBACK")
            raise

    def ensure_schema(self) -> None:
        db = self.db
        with self.transaction():
            db["sites"].create({
                "id": str, "name": str, "kind": str, "province": str, "province_2025": str, "region": str,
                "platform": str, "homepage": str, "date_order": str, "enabled": int,
                "verify_tls": int, "notes": str,
            }, pk="id", if_not_exists=True)
            db["articles"].create(ARTICLE_COLUMNS, pk="id", foreign_keys=[("site_id", "sites")],
                                  if_not_exists=True)
            db["pages"].create({
                "article_id": str, "url": str, "http_status": int, "encoding": str,
                "html_gz": bytes, "fetched_at": str,
            }, pk="article_id", if_not_exists=True)
            db["crawl_runs"].create({
                "id": int, "spider": str, "sources": str, "started_at": str, "finished_at": str,
                "status": str, "requests": int, "articles_new": int, "articles_updated": int,
                "articles_unchanged": int, "articles_skipped": int, "articles_not_archived": int, "errors": int,
                "errors_by_kind": str, "per_site": str,
            }, pk="id", if_not_exists=True)
            db["crawl_errors"].create({
                "id": int, "run_id": int, "site_id": str, "url": str, "kind": str,
                "message": str, "at": str,
            }, pk="id", foreign_keys=[("run_id", "crawl_runs")], if_not_exists=True)
            for column in ("site_id", "published_date", "year", "province", "province_2025"):
                db["articles"].create_index([column], if_not_exists=True)
            db["crawl_errors"].create_index(["run_id", "kind"], if_not_exists=True)
            db["crawl_errors"].create_index(["url"], if_not_exists=True)
            db["story_signatures"].create({"article_id": str, "signature": str}, pk="article_id",
                                          if_not_exists=True)
            db["story_bands"].create({"band": str, "article_id": str}, if_not_exists=True)
            db["story_bands"].create_index(["band"], if_not_exists=True)
            db["story_bands"].create_index(["article_id"], if_not_exists=True)
            db["articles"].create_index(["story_id"], if_not_exists=True)
            db["articles"].create_index(["original_url"], if_not_exists=True)
            people.create_table(db)
            for table, columns in FACT_COLUMNS.items():
                db[table].create({**PROVENANCE_COLUMNS, **columns, **LOCATION_COLUMNS},
                                 foreign_keys=[("article_id", "articles")], if_not_exists=True)
                db[table].create_index(["article_id"], if_not_exists=True)
                for name, kind in columns.items():  # columns added since the archive was created
                    if name not in db[table].columns_dict:
                        db[table].add_column(name, kind)
            db["official_mentions"].create_index(["person_id"], if_not_exists=True)
            db["figures"].create_index(["indicator_key", "period_value"], if_not_exists=True)
            search.create_index(db.conn)
            series.create_table(db)
            rawstore.ensure_schema(db)

    def upsert_sites(self, sources: Iterable[Source]) -> None:
        rows = [{
            "id": s.id, "name": s.name, "kind": s.kind, "province": s.province, "province_2025": s.province_2025,
            "region": s.region, "platform": s.platform, "homepage": s.homepage,
            "date_order": s.date_order, "enabled": int(s.enabled), "verify_tls": int(s.verify_tls),
            "notes": s.notes, "verified": s.verified,
        } for s in sources]
        with self.transaction():
            self.db["sites"].upsert_all(rows, pk="id", alter=True)

    def save_site_profile(self, row: Mapping[str, Any]) -> None:
        """What discovery learned about one site (crawler/profiles.py), replacing what it knew."""
        with self.transaction():
            self.db["site_profiles"].upsert(row, pk="site_id", alter=True)

    def save_article(self, record: Mapping[str, Any], raw_html: bytes, encoding: str,
                     http_status: int, facts: Any = None, force_facts: bool = False) -> str:
        """Insert or update one article with its raw page and facts; say 'new', 'updated' or 'unchanged'."""
        row = {key: record.get(key) for key in ARTICLE_COLUMNS}
        row["id"] = article_id(record["url"])
        row["content_hash"] = _content_hash(row)
        published = row.get("published")
        row["published_date"] = published[:10] if published else None
        row["year"] = int(published[:4]) if published else None
        now = row.get("fetched_at") or utc_now()
        stored = self.raw_store.pack(row.get("site_id"), raw_html)
        with self.transaction():
            site = self.db.execute("select province, province_2025 from sites where id = ?",
                                   [row.get("site_id")]).fetchone() or (None, None)
            row["province"] = row.get("province") or site[0]
            row["province_2025"] = row.get("province_2025") or site[1]
            existing = self._existing(row["id"])
            outcome = "new" if existing is None else (
                "unchanged" if existing["content_hash"] == row["content_hash"] else "updated")
            row["first_seen"] = existing["first_seen"] if existing else now
            row["updated_at"] = now if outcome != "unchanged" else existing["updated_at"]
            if outcome == "unchanged":  # its story links are not linked again: they stay as they were
                row["story_id"] = row.get("story_id") or existing["story_id"]
                row["repost_of"] = row.get("repost_of") or existing["repost_of"]
            self._write("articles", [row], pk="id")
            if outcome != "unchanged":
                self._link_story(row)
            self._write("pages", [{
                "article_id": row["id"], "url": row["url"], "http_status": http_status,
                "encoding": encoding, **stored, "fetched_at": now,
            }], pk="article_id")
            if facts is not None and (outcome != "unchanged" or force_facts):
                self._replace_facts(row["id"], facts, row["published_date"])
        return outcome

    def _link_story(self, row: Mapping[str, Any]) -> None:
        """Group an article with its original (a repost names it) or with a near-identical copy."""
        key, signature = row["id"], minhash(row.get("body") or "")
        self.db.execute("delete from story_bands where article_id = ?", [key])
        self._write("story_signatures", [{"article_id": key, "signature": json.dumps(signature)}], pk="article_id")
        bands = band_keys(signature)
        self._write("story_bands", [{"band": band, "article_id": key} for band in bands])
        own_urls = [url for url in (row.get("url"), row.get("canonical_url")) if url]
        original = None
        if row.get("original_url"):
            original = next(iter(self.db.query(
                "select id, story_id from articles where (url = :u or canonical_url = :u) and id != :id",
                {"u": row["original_url"], "id": key})), None)
        story_id, repost_of = key, None
        if original is not None:
            story_id, repost_of = original["story_id"] or original["id"], original["id"]
        elif bands:
            story_id = self._near_duplicate_story(key, row["site_id"], signature, bands) or key
        self.db.execute("update articles set story_id = ?, repost_of = ? where id = ?", [story_id, repost_of, key])
        for url in own_urls:
            self.db.execute("update articles set repost_of = :id, story_id = :story "
                            "where original_url = :url and id != :id", {"id": key, "story": story_id, "url": url})

    def _near_duplicate_story(self, key: str, site_id: str, signature: list[int], bands: list[str]) -> str | None:
        """A story on other sites whose text is nearly the same, with no article of this site yet: a site's
        own templated monthly reports look alike but are not copies of each other."""
        marks = ", ".join("?" for _ in bands)
        candidates = self.db.execute(
            f"select s.article_id, s.signature, a.story_id from story_bands b "
            f"join story_signatures s on s.article_id = b.article_id join articles a on a.id = b.article_id "
            f"where b.band in ({marks}) and a.site_id != ? and coalesce(a.story_id, a.id) not in "
            f"(select coalesce(story_id, id) from articles where site_id = ? and id != ?) "
            f"group by s.article_id having count(distinct b.band) >= ?",
            [*bands, site_id, site_id, key, MIN_SHARED_BANDS]).fetchall()
        scored = [(similarity(signature, json.loads(other)), story or article) for article, other, story in candidates]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= SAME_STORY else None

    def _existing(self, key: str) -> dict[str, Any] | None:
        rows = list(self.db.query(
            "select content_hash, first_seen, updated_at, story_id, repost_of from articles where id = ?", [key]))
        return rows[0] if rows else None

    def _replace_facts(self, key: str, facts: Any, published_date: str | None) -> None:
        touched = set()
        if self.db["official_mentions"].exists():
            touched = {row["person_id"] for row in self.db.query(
                "select distinct person_id from official_mentions where article_id = ?", [key])}
        for attribute, table in FACT_TABLES.items():
            self.db.execute(f"delete from [{table}] where article_id = ?", [key])
            rows = [_fact_row(key, fact, published_date) for fact in getattr(facts, attribute, [])]
            if attribute == "officials":
                touched |= people.assign(self.db, rows)
            self._write(table, rows)
        people.refresh(self.db, touched)

    def _write(self, table: str, rows: list[dict[str, Any]], pk: str | None = None) -> None:
        """Insert (or upsert on `pk`) with a statement built once per table and columns: sqlite-utils
        reads the table's schema and builds its SQL again on every call, a third of `save_article`'s
        CPU on the mirror crawl. Rows with a column the table lacks go through sqlite-utils, which adds it."""
        if table not in self._columns:
            self._columns[table] = frozenset(self.db[table].columns_dict)
        for columns, group in itertools.groupby(rows, key=tuple):
            if self._columns[table].issuperset(columns):
                self.db.conn.executemany(_insert_sql(table, columns, pk), [tuple(row.values()) for row in group])
                continue
            if pk:
                self.db[table].upsert_all(group, pk=pk, alter=True)
            else:
                self.db[table].insert_all(group, alter=True)
            self._columns[table] = frozenset(self.db[table].columns_dict)

    def start_run(self, spider: str, sources: Iterable[str]) -> int:
        with self.transaction():
            table = self.db["crawl_runs"].insert({
                "spider": spider, "sources": json.dumps(sorted(sources)),
                "started_at": utc_now(), "status": "running",
            })
        return int(table.last_pk)

    def record_error(self, run_id: int, site_id: str | None, url: str, kind: str, message: str,
                     at: str | None = None) -> None:
        with self.transaction():
            self.db["crawl_errors"].insert({
                "run_id": run_id, "site_id": site_id, "url": url, "kind": kind,
                "message": message[:2000], "at": at or utc_now(),
            })

    def finish_run(self, run_id: int, status: str, per_site: Mapping[str, Mapping[str, int]]) -> None:
        """Close a run with its counts: per site as given, and summed over sites."""
        totals: dict[str, int] = {}
        for counts in per_site.values():
            for what, value in counts.items():
                totals[what] = totals.get(what, 0) + value
        errors = {what.removeprefix("error:"): value for what, value in totals.items()
                  if what.startswith("error:")}
        with self.transaction():
            self.db["crawl_runs"].update(run_id, {
                "finished_at": utc_now(), "status": status,
                "requests": totals.get("requests", 0),
                "articles_new": totals.get("new", 0),
                "articles_updated": totals.get("updated", 0),
                "articles_unchanged": totals.get("unchanged", 0),
                "articles_skipped": totals.get("skipped", 0),
                "articles_not_archived": totals.get("not_archived", 0),
                "errors": sum(errors.values()),
                "errors_by_kind": json.dumps(dict(sorted(errors.items()))),
                "per_site": json.dumps(per_site, ensure_ascii=False, sort_keys=True),
            }, alter=True)
        self.rebuild_series()

    def rebuild_series(self) -> int:
        """The `series` panel again from the figures (crawler/series.py); its number of rows."""
        with self.transaction():
            return series.rebuild(self.db)

    def known_pages(self) -> dict[str, str]:
        """Every archived page URL with when it was fetched, less those whose later update failed."""
        return {row["url"]: row["fetched_at"] for row in self.db.query(
            "select url, fetched_at from pages p where not exists (select 1 from crawl_errors e "
            "where e.url = p.url and e.kind in (?, ?) and e.at > p.fetched_at)", [ARCHIVE_FAILED, DISK_FULL])}

    def interrupted_run(self, spider: str) -> bool:
        """True when this spider's latest run never finished (killed, crashed, power lost) or stopped
        before its walk was done (a full disk, Ctrl-C): the next run must walk every listing page."""
        rows = list(self.db.query("select id, finished_at, status from crawl_runs where spider = ? "
                                  "order by id desc limit 1", [spider]))
        return bool(rows) and (rows[0]["finished_at"] is None or rows[0]["status"] != "finished")

    def raw_html(self, key: str) -> bytes | None:
        return rawstore.raw_html(self.db, key)

    def train_dictionaries(self, site_ids: Iterable[str]) -> dict[str, int]:
        """New zstandard dictionaries for sites that have grown since their last (crawler/rawstore.py)."""
        with self.transaction():
            return self.raw_store.train(site_ids)


def _content_hash(row: Mapping[str, Any]) -> str:
    payload = json.dumps([row.get(key) for key in ("title", "published", "author", "body")],
                         ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...], pk: str | None) -> str:
    """The statement sqlite-utils would run for these columns: an insert, or an upsert on `pk`."""
    sql = f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' for _ in columns)})"
    if pk is None:
        return sql
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
    return f"{sql} on conflict([{pk}]) do " + (f"update set {updates}" if updates else "nothing")


def _fact_row(key: str, fact: Any, published_date: str | None) -> dict[str, Any]:
    row = {"article_id": key, "published_date": published_date}
    for name, value in ((field.name, getattr(fact, field.name)) for field in dataclasses.fields(fact)):
        if isinstance(value, (list, dict, tuple)):  # as sqlite-utils stores them
            value = json.dumps(value, default=repr, ensure_ascii=False)
        elif isinstance(value, date):
            value = value.isoformat()
        row[name] = value
    return row
