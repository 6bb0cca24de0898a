"""Reading the archive for an export: opening it read-only, checking the filters, selecting the articles
with the same Vietnamese-aware search as the web (crawler.search), and streaming rows in batches.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from crawler.search import MAX_LIMIT, SearchRequest, search_sql
from exports import ExportError
from exports.datasets import Dataset, dataset_sql
from nlp.text import fold

BATCH_ROWS = 2_000
ANY_ERA = "any"
Batch = list[tuple[Any, ...]]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def open_archive(path: Path) -> sqlite3.Connection:
    """A read-only connection; never creates a file where the archive should be."""
    if not path.is_file():
        raise ExportError(f"no archive at {path}; run 'sct crawl' first or pass --db")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=rw", uri=True)
        conn.execute("pragma query_only = 1")
        conn.execute("begin")  # one snapshot for the whole export, even while a crawl writes
        conn.execute("select 1 from articles limit 1")
    except sqlite3.DatabaseError as error:
        raise ExportError(f"{path} is not a readable archive: {error}") from error
    return conn


def used_filters(request: SearchRequest) -> dict[str, str]:
    """The filters the user gave, by name, for the messages and the data package."""
    filters = request.filters
    given = {name: value for name, value in dataclasses.asdict(filters).items()
             if value and name != "province_era"}
    if filters.province and filters.province_era != ANY_ERA:
        given["province_era"] = filters.province_era
    return {"query": request.query, **given} if request.query else given


def check_filters(conn: sqlite3.Connection, request: SearchRequest) -> None:
    """Refuse values the archive has never seen, so a typo is an error rather than an empty export."""
    filters = request.filters
    provinces = {"publication": "select province from articles", "2025": "select province_2025 from articles"}
    if filters.province_era not in (*provinces, ANY_ERA):
        raise ExportError(f"unknown province era {filters.province_era!r}; choose {', '.join([*provinces, ANY_ERA])}")
    checks = {
        "site": (filters.site, "select id from sites union select distinct site_id from articles"),
        "province": (filters.province, provinces.get(filters.province_era, " union ".join(provinces.values()))),
        "person": (filters.person, "select id from people"),
        "indicator": (filters.indicator, "select distinct indicator_key from figures"),
    }
    for name, (value, known_sql) in checks.items():
        if value is None:
            continue
        known = {row[0] for row in conn.execute(known_sql) if row[0]}
        if value not in known:
            raise ExportError(f"unknown {name} {value!r}{_suggestion(value, known)}")
    since, until = _day("since", filters.since), _day("until", filters.until)
    if since and until and since > until:
        raise ExportError(f"--since {filters.since} is after --until {filters.until}")


def _day(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value) if _ISO_DAY.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ExportError(f"--{name} {value!r} is not a date in the form YYYY-MM-DD")
    return day


def _suggestion(value: str, known: set[str]) -> str:
    """Close matches ignoring diacritics, case and hyphens: 'Hai Duong' finds 'Hải Dương', a person's name
    finds their id.
    """
    by_key = {_loose(name): name for name in known}
    close = difflib.get_close_matches(_loose(value), by_key, n=3, cutoff=0.6)
    if close:
        return "; did you mean " + " or ".join(repr(by_key[match]) for match in close) + "?"
    return ""


def _loose(text: str) -> str:
    return fold(text).replace("-", " ").strip()


def selected_articles(conn: sqlite3.Connection, request: SearchRequest) -> list[str] | None:
    """Ids of every article the filters select (None when there is no filter), through crawler.search, the
    web's own search. It serves pages of at most MAX_LIMIT rows, so this reads page after page until one
    comes back empty; in one read transaction, so the pages are one snapshot. Only ids are kept: 100,000 of
    them take a few MB.
    """
    if not used_filters(request):
        return None
    paged = dataclasses.replace(request, order="date", one_per_story=False, limit=MAX_LIMIT)
    ids: list[str] = []
    while True:
        built = search_sql(dataclasses.replace(paged, offset=len(ids)), columns="a.id")
        if built is None:
            raise ExportError(f"the query {request.query!r} has no words to search for")
        page = [row[0] for row in conn.execute(*built)]
        if not page:
            return ids
        ids.extend(page)


def export_sql(conn: sqlite3.Connection, data: Dataset, request: SearchRequest) -> tuple[str, dict[str, Any]]:
    ids = selected_articles(conn, request)
    given = used_filters(request)
    params: dict[str, Any] = {f"row_{name}": given[name] for name, _ in data.spec.row_filters if name in given}
    selection = None
    if ids is not None:
        selection = "select value from json_each(:selection)"
        params["selection"] = json.dumps(ids)
    return dataset_sql(data, selection, set(given)), params


def batches(conn: sqlite3.Connection, sql: str, params: dict[str, Any], size: int = BATCH_ROWS) -> Iterator[Batch]:
    """Rows in batches from one cursor (one consistent snapshot), text in NFC, never all in memory."""
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(size):
        yield [tuple(_nfc(value) for value in row) for row in rows]


def _nfc(value: Any) -> Any:
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value
