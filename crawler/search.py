"""Vietnamese-aware full-text search over the archive: the index, the query, the ranking.

SQLite's own FTS5 folding is not enough here (measured on 3.40: `remove_diacritics 2` never maps
đ to d, and a decomposed query misses). So the index holds each text twice, as written and
folded (no diacritics, đ → d, new tone placement), and every query is folded the same way.
A second index keeps the exact spelling, so "Nam" ranks Nam above năm. The web plugin, the
exports and Datasette's own `_search` all read these tables.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.text import canonical_tones, fold, normalize

FOLDED_TABLE = "articles_fts"
EXACT_TABLE = "articles_exact"
MAX_QUERY_CHARS = 500
MAX_TERMS = 24
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def exact_form(text: str) -> str:
    return canonical_tones(normalize(text))


def folded_form(text: str) -> str:
    return fold(exact_form(text))


def index_text(text: str | None) -> str:
    """What the folded index stores: the text as written, then folded, so both spellings match."""
    if not text:
        return ""
    written = exact_form(text)
    return f"{written}\n{fold(written)}"


def create_index(db: sqlite3.Connection) -> None:
    db.execute(f"create virtual table if not exists {FOLDED_TABLE} using fts5("
               "title, body, tokenize = 'unicode61 remove_diacritics 2')")
    db.execute(f"create virtual table if not exists {EXACT_TABLE} using fts5("
               "title, body, tokenize = 'unicode61 remove_diacritics 0')")


def index_article(db: sqlite3.Connection, rowid: int, title: str | None, body: str | None) -> None:
    for table in (FOLDED_TABLE, EXACT_TABLE):
        db.execute(f"delete from {table} where rowid = ?", [rowid])
    db.execute(f"insert into {FOLDED_TABLE} (rowid, title, body) values (?, ?, ?)",
               [rowid, index_text(title), index_text(body)])
    db.execute(f"insert into {EXACT_TABLE} (rowid, title, body) values (?, ?, ?)",
               [rowid, exact_form(title or ""), exact_form(body or "")])


@dataclass(frozen=True)
class ParsedQuery:
    """A user's query as FTS5 MATCH expressions; terms are quoted, so operators are plain words."""

    folded: str
    exact: str
    words: tuple[str, ...]


def parse_query(query: str | None) -> ParsedQuery | None:
    """Phrases in double quotes and a trailing * for prefixes; anything else is a plain word."""
    query = normalize(query or "")[:MAX_QUERY_CHARS]
    folded_terms, exact_terms, words = [], [], []
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        prefix = bool(word and word.endswith("*"))
        tokens = _WORD.findall(phrase if phrase is not None else word)
        if not tokens:
            continue
        exact = " ".join(exact_form(token) for token in tokens)
        folded = fold(exact)
        star = "*" if prefix else ""
        folded_terms.append(f'"{folded}"{star}')
        exact_terms.append(f'"{exact}"{star}')
        words.extend(folded.split())
        if len(folded_terms) >= MAX_TERMS:
            break
    if not folded_terms:
        return None
    return ParsedQuery(" ".join(folded_terms), " ".join(exact_terms), tuple(words))


@dataclass
class SearchFilters:
    site: str | None = None
    province: str | None = None
    since: str | None = None
    until: str | None = None
    person: str | None = None
    indicator: str | None = None


@dataclass
class SearchRequest:
    query: str | None = None
    filters: SearchFilters = field(default_factory=SearchFilters)
    order: str = "relevance"  # or "date"
    limit: int = 20
    offset: int = 0


def search_sql(request: SearchRequest, columns: str = "a.*") -> tuple[str, dict[str, Any]] | None:
    """SQL and parameters for a search; None when the query has nothing to search for."""
    params: dict[str, Any] = {}
    where = ["1 = 1"]
    joins = ""
    order = "a.published desc, a.id"
    if request.query and request.query.strip():
        parsed = parse_query(request.query)
        if parsed is None:
            return None
        params.update(folded=parsed.folded, exact=parsed.exact)
        joins = f"join (select rowid, rank from {FOLDED_TABLE} where {FOLDED_TABLE} match :folded) s " \
                "on s.rowid = a.rowid"
        exact_hit = (f"(a.rowid in (select rowid from {EXACT_TABLE} "
                     f"where {EXACT_TABLE} match :exact))")
        columns += f", {exact_hit} as exact_match, s.rank as rank"
        if request.order != "date":
            order = f"{exact_hit} desc, s.rank, a.published desc"
    filters = request.filters
    if filters.site:
        where.append("a.site_id = :site")
        params["site"] = filters.site
    if filters.province:
        where.append("(a.province = :province or a.province_2025 = :province)")
        params["province"] = filters.province
    if filters.since:
        where.append("a.published_date >= :since")
        params["since"] = filters.since
    if filters.until:
        where.append("a.published_date <= :until")
        params["until"] = filters.until
    if filters.person:
        where.append("a.id in (select article_id from official_mentions where person_id = :person)")
        params["person"] = filters.person
    if filters.indicator:
        where.append("a.id in (select article_id from figures where indicator_key = :indicator)")
        params["indicator"] = filters.indicator
    sql = (f"select {columns} from articles a {joins} where {' and '.join(where)} "
           f"order by {order} limit {int(request.limit)} offset {int(request.offset)}")
    return sql, params


def snippet(text: str | None, words: Sequence[str], width: int = 240) -> str:
    """An HTML-escaped window of `text` around the first match, matches wrapped in <mark>.

    Works on the folded text, whose offsets are those of the NFC text, so marks land on the
    words as written whatever their diacritics.
    """
    text = text or ""
    folded = fold(text)
    if len(folded) != len(text):
        folded = "".join(fold(char)[:1] or char for char in text)
    spans = []
    for word in words:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}", folded):
            spans.append((match.start(), match.end()))
    spans.sort()
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    pieces, cursor = [], start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        pieces.append(html.escape(text[cursor:begin]))
        pieces.append(f"<mark>{html.escape(text[begin:finish])}</mark>")
        cursor = finish
    pieces.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(pieces).replace("\n\n", " ¶ ") + suffix


def run_search(db: sqlite3.Connection, request: SearchRequest,
               columns: str = "a.*") -> list[Mapping[str, Any]] | None:
    built = search_sql(request, columns)
    if built is None:
        return None
    sql, params = built
    cursor = db.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
