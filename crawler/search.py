"""Search over the archive in SQL: the FTS5 index Datasette's `?_search=` and the exports use, the
filters, and a story's copies. The search page ranks on the tantivy index (crawler.search_engine).

`articles_fts` is an external-content FTS5 table: it indexes `articles.title` and `body` without a
second copy of the texts, kept in step by triggers. Its tokenizer folds diacritics but never đ
(SQLite 3.40), so a query's folded d is searched as d or đ (crawler.search_query).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crawler.search_query import MAX_QUERY_CHARS, parse_query

__all__ = ["FOLDED_TABLE", "MAX_QUERY_CHARS", "ORDERS", "SearchFilters", "SearchRequest", "create_index", "filter_sql",
           "match_expression", "parse_query", "rebuild_fts",
           "story_copies"]

FOLDED_TABLE = "articles_fts"
ORDERS = ("relevance", "date")  # what the search page offers; feeds also order by when archived
NO_MATCH = '""'  # an empty FTS5 phrase: matches nothing, never a syntax error
_OLD_TABLES = ("articles_exact",)  # the folded and exact copies of every text an older archive kept
_TRIGGERS = {
    "articles_fts_ai": f"after insert on articles begin insert into {FOLDED_TABLE} (rowid, title, body) "
                       "values (new.rowid, new.title, new.body); end",
    "articles_fts_ad": f"after delete on articles begin insert into {FOLDED_TABLE} ({FOLDED_TABLE}, rowid, title, "
                       "body) values ('delete', old.rowid, old.title, old.body); end",
    "articles_fts_au": "after update of title, body on articles when old.title is not new.title or old.body "
                       f"is not new.body begin insert into {FOLDED_TABLE} "
                       f"({FOLDED_TABLE}, rowid, title, body) values ('delete', old.rowid, old.title, old.body); "
                       f"insert into {FOLDED_TABLE} (rowid, title, body) values (new.rowid, new.title, new.body); end",
}


def create_index(db: sqlite3.Connection) -> None:
    """The FTS5 index over the articles' own columns, and its triggers; an older archive's two full
    copies of the texts are dropped and the index rebuilt from the articles."""
    row = db.execute("select sql from sqlite_master where name = ?", [FOLDED_TABLE]).fetchone()
    if row and "content=" not in row[0].replace(" ", ""):
        for table in (FOLDED_TABLE, *_OLD_TABLES):
            db.execute(f"drop table if exists {table}")
        row = None
    if row is None:
        db.execute(f"create virtual table {FOLDED_TABLE} using fts5(title, body, content='articles', "
                   "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')")
        rebuild_fts(db)
    for name, body in _TRIGGERS.items():
        db.execute(f"create trigger if not exists {name} {body}")


def rebuild_fts(db: sqlite3.Connection) -> None:
    """`articles_fts` again from the articles' own columns (after a bulk copy, or a VACUUM that renumbered rowids)."""
    db.execute(f"insert into {FOLDED_TABLE} ({FOLDED_TABLE}) values ('rebuild')")


def match_expression(query: str | None) -> str:
    """The FTS5 expression for a query, for Datasette's `_search` on `articles_fts` and the exports.

    Never raises and never returns invalid FTS5, so the table's search cannot fail on user input.
    """
    parsed = parse_query(query)
    return parsed.folded if parsed else NO_MATCH


@dataclass
class SearchFilters:
    site: str | None = None
    province: str | None = None  # as at publication or after the 2025 merger, see province_era
    since: str | None = None
    until: str | None = None
    person: str | None = None
    indicator: str | None = None
    province_era: str = "any"  # "publication" (province), "2025" (province_2025) or "any" (either)


@dataclass
class SearchRequest:
    query: str | None = None
    filters: SearchFilters = field(default_factory=SearchFilters)
    order: str = "relevance"  # "date" (newest published first) or "archived" (newest archived first)
    limit: int = 20
    offset: int = 0
    one_per_story: bool = True  # a story's reposts collapse into its original (or earliest) article


_FILTERS = {
    "site": "a.site_id = :site",
    "since": "a.published_date >= :since",
    "until": "a.published_date <= :until",
    "person": "a.id in (select article_id from official_mentions where person_id = :person)",
    "indicator": "a.id in (select article_id from figures where indicator_key = :indicator)",
}
_PROVINCE_BY_ERA = {"publication": "a.province = :province", "2025": "a.province_2025 = :province",
                    "any": "(a.province = :province or a.province_2025 = :province)"}


def filter_sql(filters: SearchFilters, params: dict[str, Any]) -> str:
    """The WHERE conditions (over `articles a`) of the filters, adding their values to `params`."""
    where = ["1 = 1"]
    for name, condition in _FILTERS.items():
        if getattr(filters, name):
            where.append(condition)
            params[name] = getattr(filters, name)
    if filters.province:
        where.append(_PROVINCE_BY_ERA.get(filters.province_era, _PROVINCE_BY_ERA["any"]))
        params["province"] = filters.province
    return " and ".join(where)


def story_copies(db: sqlite3.Connection, stories: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Every archived article of each story, earliest first: the original and its copies."""
    found: dict[str, list[dict[str, Any]]] = {story: [] for story in stories}
    if not found:
        return found
    marks = ", ".join("?" for _ in found)
    cursor = db.execute(
        f"select story_id, id, site_id, url, title, published_date, repost_of from articles "
        f"where story_id in ({marks}) order by published is null, published, id", list(found))
    names = [description[0] for description in cursor.description]
    for row in cursor.fetchall():
        record = dict(zip(names, row, strict=True))
        found[record["story_id"]].append(record)
    return found
