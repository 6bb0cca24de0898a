"""The search page's index: tantivy, derived from the archive, kept in a directory beside it.

Chosen on measurements (bench/search.py): FTS5's bm25 has to score every match of a common word
(hundreds of ms at 300,000 articles), tantivy's BM25 top-k with block-max pruning does not. The
archive stays the one source of truth: `catch_up` re-reads what changed since the last run (a
version per article in `state.sqlite` inside the index directory), `rebuild` builds a fresh index
beside the old one and swaps it in. Only one process writes (tantivy's writer lock); a serving
process reads committed segments and never waits for the writer.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tantivy

from crawler.search_query import tokens
from nlp.text import canonical_tones, fold

FOLDED, EXACT = "vn_folded", "vn_exact"
PAIRS_FOLDED, PAIRS_EXACT = "vn_pairs_folded", "vn_pairs_exact"
PAIR = "_"  # joins two adjacent words into one term of a *_pairs field: a phrase is then a few terms, no positions
TITLE_WEIGHT = 2.5
BATCH = 2_000
COMMIT_EVERY = 50_000
WRITER_HEAP = 256_000_000
WRITER_THREADS = 2
_SEPARATOR = "\x1f"


class IndexBusy(RuntimeError):
    """Another process holds the index's writer lock."""


class IndexOutdated(FileNotFoundError):
    """The index on disk has another schema (built by an older version): `sct index` rebuilds it."""


def index_path(db_path: Path | str) -> Path:
    """Where the index of an archive lives: beside it, like SQLite's own -wal and -shm files."""
    return Path(f"{db_path}-search")


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for field in ("title", "body"):
        builder.add_text_field(field, tokenizer_name=FOLDED)
        builder.add_text_field(f"{field}_exact", tokenizer_name=EXACT, index_option="freq")  # phrases: its pairs
        builder.add_text_field(f"{field}_pairs", tokenizer_name=PAIRS_FOLDED, index_option="freq")
        builder.add_text_field(f"{field}_exact_pairs", tokenizer_name=PAIRS_EXACT, index_option="freq")
    for field in ("title_key", "site", "province", "province_2025", "person", "indicator"):
        builder.add_text_field(field, tokenizer_name="raw", index_option="basic")
    for field in ("published", "archived", "story", "copy"):
        builder.add_integer_field(field, fast=True, indexed=True)
    return builder.build()


def _analyzer(folded: bool, pairs: bool = False) -> tantivy.TextAnalyzer:
    tokenizer = tantivy.Tokenizer.whitespace() if pairs else tantivy.Tokenizer.simple()
    builder = tantivy.TextAnalyzerBuilder(tokenizer).filter(tantivy.Filter.lowercase())
    if folded:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    return builder.build()


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    if not create and not (path / "meta.json").exists():
        raise FileNotFoundError(f"no search index at {path}; run 'sct index'")
    path.mkdir(parents=True, exist_ok=True)
    try:
        index = tantivy.Index(schema(), path=str(path), reuse=True)
    except ValueError as error:
        if "schema does not match" in str(error):
            raise IndexOutdated(f"the search index at {path} is from an older version; run 'sct index'") from error
        raise
    index.register_tokenizer(FOLDED, _analyzer(True))
    index.register_tokenizer(EXACT, _analyzer(False))
    index.register_tokenizer(PAIRS_FOLDED, _analyzer(True, pairs=True))
    index.register_tokenizer(PAIRS_EXACT, _analyzer(False, pairs=True))
    return index


def title_key(title: str | None) -> str:
    """A title as one folded key, punctuation dropped: the query that is exactly the title finds it."""
    return " ".join(fold(title or "").replace("_", " ").split()) if title else ""


def pairs(text: str) -> str:
    """Every two adjacent words as one token (sở_công công_thương), folded and lowercased by the field's analyzer."""
    words = tokens(text)
    return " ".join(map(PAIR.join, itertools.pairwise(words)))


def story_key(story: str) -> int:
    return int.from_bytes(hashlib.blake2b(story.encode(), digest_size=7).digest(), "big")


def day_number(day: str | None) -> int:
    """2024-03-05 → 20240305; 0 when undated, so undated articles sort last."""
    return int(day.replace("-", "")) if day else 0


def _epoch(stamp: str | None) -> int:
    try:
        return int(datetime.fromisoformat(stamp).timestamp()) if stamp else 0
    except ValueError:
        return 0


_ROWS = ("select a.rowid, a.id, a.title, a.body, a.site_id, a.province, a.province_2025, a.published_date, "
         "a.first_seen, coalesce(a.story_id, a.id), a.repost_of is not null, a.content_hash, "
         "(select group_concat(distinct person_id) from official_mentions m where m.article_id = a.id), "
         "(select group_concat(distinct indicator_key) from figures f where f.article_id = a.id) "
         "from articles a")
_VERSION_COLUMNS = slice(4, 14)


def version(*parts: Any) -> str:
    """What the index holds of an article, hashed: when it changes, the article is indexed again."""
    return hashlib.blake2b(_SEPARATOR.join(map(str, parts)).encode(), digest_size=8).hexdigest()


def document(row: tuple[Any, ...]) -> tantivy.Document:
    (_, key, title, body, site, province, province_2025, published, first_seen, story, copy,
     _, people, indicators) = row
    title_exact, body_exact = canonical_tones(title or ""), canonical_tones(body or "")
    title_pairs, body_pairs = pairs(title_exact), pairs(body_exact)
    doc = tantivy.Document(id=key, title=title or "", body=body or "", title_exact=title_exact, body_exact=body_exact,
                           title_pairs=title_pairs, body_pairs=body_pairs, title_exact_pairs=title_pairs,
                           body_exact_pairs=body_pairs,
                           title_key=title_key(title), published=day_number(published),
                           archived=_epoch(first_seen), story=story_key(story), copy=int(copy))
    for field, value in (("site", site), ("province", province), ("province_2025", province_2025)):
        if value:
            doc.add_text(field, value)
    for field, values in (("person", people), ("indicator", indicators)):
        for value in (values or "").split(","):
            if value:
                doc.add_text(field, value)
    return doc


@dataclass
class IndexRun:
    added: int = 0
    deleted: int = 0
    seconds: float = 0.0


def _archive(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True, timeout=30)
    conn.execute("pragma query_only = 1")
    return conn


def _state(path: Path) -> sqlite3.Connection:
    state = sqlite3.connect(path / "state.sqlite", timeout=30)
    state.execute("create table if not exists docs (id text primary key, version text) without rowid")
    return state


def _writer(index: tantivy.Index) -> tantivy.IndexWriter:
    try:
        return index.writer(WRITER_HEAP, WRITER_THREADS)
    except ValueError as error:
        if "lock" in str(error).lower():
            raise IndexBusy("another 'sct index' is writing this search index") from error
        raise


def _changed(archive: sqlite3.Connection, state: sqlite3.Connection) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of archive rows whose version differs from the indexed one, read a batch at a time
    (short reads: a crawl writing meanwhile is never held up, and what it adds is caught next run)."""
    last = 0
    while True:
        rows = archive.execute(f"{_ROWS} where a.rowid > ? order by a.rowid limit ?", [last, BATCH]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        known = dict(state.execute(
            f"select id, version from docs where id in ({', '.join('?' for _ in rows)})", [row[1] for row in rows]))
        changed = [row for row in rows if known.get(row[1]) != version(*row[_VERSION_COLUMNS])]
        if changed:
            yield changed


def catch_up(db_path: Path | str, path: Path | None = None) -> IndexRun:
    """Index what the archive added or changed since the last run, drop what it deleted."""
    path = path or index_path(db_path)
    started, run = time.monotonic(), IndexRun()
    try:
        index = open_index(path, create=True)
    except IndexOutdated:
        if path != index_path(db_path):
            raise
        return rebuild(db_path)
    writer = _writer(index)
    archive, state = _archive(Path(db_path)), _state(path)
    pending: list[tuple[str, str]] = []

    def commit() -> None:
        writer.commit()
        state.executemany("insert or replace into docs values (?, ?)", pending)
        state.commit()
        run.added += len(pending)
        pending.clear()

    try:
        for rows in _changed(archive, state):
            for row in rows:
                writer.delete_documents_by_term("id", row[1])
                writer.add_document(document(row))
                pending.append((row[1], version(*row[_VERSION_COLUMNS])))
            if len(pending) >= COMMIT_EVERY:
                commit()
        if pending:
            commit()
        run.deleted = _drop_deleted(archive, state, writer)
        writer.wait_merging_threads()
    finally:
        archive.close()
        state.close()
    run.seconds = time.monotonic() - started
    return run


def _drop_deleted(archive: sqlite3.Connection, state: sqlite3.Connection, writer: tantivy.IndexWriter) -> int:
    indexed = [key for (key,) in state.execute("select id from docs")]
    gone = []
    for first in range(0, len(indexed), BATCH):
        batch = indexed[first:first + BATCH]
        present = {key for (key,) in archive.execute(
            f"select id from articles where id in ({', '.join('?' for _ in batch)})", batch)}
        gone += [key for key in batch if key not in present]
    for key in gone:
        writer.delete_documents_by_term("id", key)
    if gone:
        writer.commit()
        state.executemany("delete from docs where id = ?", [(key,) for key in gone])
        state.commit()
    return len(gone)


def rebuild(db_path: Path | str) -> IndexRun:
    """A fresh index from the whole archive, built beside the old one and swapped in when complete."""
    final = index_path(db_path)
    fresh, old = final.with_name(final.name + ".new"), final.with_name(final.name + ".old")
    # no catch-up meanwhile: the old index's writer lock, whatever its schema
    held = _writer(tantivy.Index.open(str(final))) if (final / "meta.json").exists() else None
    for stale in (fresh, old):
        shutil.rmtree(stale, ignore_errors=True)
    run = catch_up(db_path, fresh)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    del held
    shutil.rmtree(old, ignore_errors=True)
    return run


def index_bytes(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())
