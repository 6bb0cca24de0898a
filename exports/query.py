"""Reading the archive for an export: opening it read-only, checking the filters, selecting the articles
with the same Vietnamese-aware search as the web (crawler.search), and streaming rows in batches.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from crawler.search import FOLDED_TABLE, SearchRequest, filter_sql, parse_query
from exports import EmptyExport, ExportError
from exports.datasets import Dataset, dataset_sql
from nlp.provinces import canonical_province, province_2025
from nlp.text import fold

BATCH_ROWS = 1_000
ANY_ERA = "any"
PROVINCE_COLUMNS = {"publication": ("province",), "2025": ("province_2025",), ANY_ERA: ("province", "province_2025")}
Batch = list[tuple[Any, ...]]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def open_archive(path: Path) -> sqlite3.Connection:
    """A read-only connection; never creates a file where the archive should be."""
    if not path.is_file():
        raise ExportError(f"no archive at {path}; run 'sct crawl' first or pass --db")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=rw", uri=True)
        conn.execute("pragma query_only = 1")
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
    if filters.province_era not in PROVINCE_COLUMNS:
        raise ExportError(f"unknown province era {filters.province_era!r}; choose {', '.join(PROVINCE_COLUMNS)}")
    provinces = " union ".join(f"select {column} from articles" for column in PROVINCE_COLUMNS[filters.province_era])
    if filters.province:
        filters.province = _province(filters.province, filters.province_era,
                                     {row[0] for row in conn.execute(provinces) if row[0]})
    checks = {
        "site": (filters.site, "select id from sites union select distinct site_id from articles"),
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


def _province(value: str, era: str, known: set[str]) -> str:
    """The archive's spelling of a province given in any spelling, folded as search folds it ('Hai Duong',
    'hải dương', 'Hoà Bình'); a real province with no articles, or an old one asked for after the merger,
    is told apart from a name that is no province."""
    if value in known:
        return value
    by_key = {_loose(name): name for name in known}
    if _loose(value) in by_key:
        return by_key[_loose(value)]
    old, new = canonical_province(value), province_2025(value)
    names_new = new is not None and canonical_province(new) == old  # "TP Hải Phòng", not "Hải Dương"
    for candidate in (old if era != "2025" else None, new if names_new else None):
        if candidate in known:
            return candidate
    if old is None and new is None:
        raise ExportError(f"unknown province {value!r}{_suggestion(value, known)}")
    if era == "2025" and new != old and canonical_province(new or "") != old:
        raise ExportError(f"{value!r} is not a province after the 1 July 2025 merger: it became part of {new}; "
                          f"use --province {new!r}, or --province-era publication")
    raise EmptyExport(f"no articles from {old if era != '2025' else new} in the archive: it is a province, but "
                      "none of its sites has been crawled (see `sct sites list`)")


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
    return " ".join(fold(text).replace("-", " ").split())


def selection_sql(request: SearchRequest) -> tuple[str | None, dict[str, Any]]:
    """SQL yielding the ids of every article the filters select (None when there is no filter), and its
    parameters. The query goes through crawler.search's folding and its folded index, as on the web; but not
    through `search_sql`, which serves pages of ranked results from a window of the newest matches, where an
    export needs every match.
    """
    if not used_filters(request):
        return None, {}
    params: dict[str, Any] = {}
    where = filter_sql(request.filters, params)
    if request.query:
        parsed = parse_query(request.query)
        if parsed is None:
            raise ExportError(f"the query {request.query!r} has no words to search for")
        where += f" and a.rowid in (select rowid from {FOLDED_TABLE} where {FOLDED_TABLE} match :folded)"
        params["folded"] = parsed.folded
    return f"select a.id from articles a where {where}", params


def export_sql(data: Dataset, request: SearchRequest) -> tuple[str, dict[str, Any]]:
    selection, params = selection_sql(request)
    return dataset_sql(data, selection, set(used_filters(request))), params


def batches(conn: sqlite3.Connection, sql: str, params: dict[str, Any], size: int = BATCH_ROWS) -> Iterator[Batch]:
    """Rows in batches from one cursor (one consistent snapshot), text in NFC, never all in memory."""
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(size):
        yield [tuple(_nfc(value) for value in row) for row in rows]


def _nfc(value: Any) -> Any:
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value
