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


ORDERS = ("relevance", "date")
MAX_LIMIT = 500
TITLE_WEIGHT = 4.0  # a word in the headline says more about the article than one in the body
NO_MATCH = '""'  # an empty FTS5 phrase: matches nothing, never a syntax error


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
    order: str = "relevance"  # or "date"
    limit: int = 20
    offset: int = 0
    one_per_story: bool = True  # a story's reposts collapse into its original (or earliest) article


def match_expression(query: str | None) -> str:
    """The folded FTS5 expression for a query, for Datasette's `_search` on `articles_fts`.

    Never raises and never returns invalid FTS5, so the table's search cannot fail on user input.
    """
    parsed = parse_query(query)
    return parsed.folded if parsed else NO_MATCH


def _filter_sql(filters: SearchFilters, params: dict[str, Any]) -> list[str]:
    where = []
    if filters.site:
        where.append("a.site_id = :site")
        params["site"] = filters.site
    if filters.province:
        column = {"publication": "a.province = :province", "2025": "a.province_2025 = :province"}
        where.append(column.get(filters.province_era, "(a.province = :province or a.province_2025 = :province)"))
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
    return where


def _hits_sql(request: SearchRequest, params: dict[str, Any], ranked: bool) -> str | None:
    """One row per matching article: its rowid, story, whether it is a copy, and its relevance."""
    source, exact, rank = "articles a", "0", "0"
    if request.query and request.query.strip():
        parsed = parse_query(request.query)
        if parsed is None:
            return None
        params["folded"] = parsed.folded
        rank_sql = f"bm25({FOLDED_TABLE}, {TITLE_WEIGHT}, 1.0)" if ranked else "0"
        source = (f"(select rowid, {rank_sql} as rank from {FOLDED_TABLE} where {FOLDED_TABLE} match :folded) s "
                  "join articles a on a.rowid = s.rowid")
        rank = "s.rank"
        if ranked:
            params["exact"] = parsed.exact
            exact = f"(a.rowid in (select rowid from {EXACT_TABLE} where {EXACT_TABLE} match :exact))"
    where = " and ".join(_filter_sql(request.filters, params)) or "1 = 1"
    return (f"select a.rowid as rid, coalesce(a.story_id, a.id) as story, a.repost_of is not null as copy, "
            f"a.published as published, {exact} as exact_match, {rank} as rank from {source} where {where}")


def search_sql(request: SearchRequest, columns: str = "a.*") -> tuple[str, dict[str, Any]] | None:
    """SQL and parameters for a search; None when the query has nothing to search for.

    Rows are `columns` (over `articles a`) plus `exact_match` (1 when the words match as written,
    diacritics included), `rank` (bm25, lower is better), `story` and `copies` (the story's other
    articles). Relevance puts exact matches above folded ones, so "Nam" comes before "năm".
    """
    params: dict[str, Any] = {}
    hits = _hits_sql(request, params, ranked=request.order != "date")
    if hits is None:
        return None
    if request.one_per_story:
        picked = ("select *, row_number() over (partition by story "
                  "order by copy, published is null, published, rid) as nth from hits")
    else:
        picked = "select *, 1 as nth from hits"
    if request.order == "date":
        order = "h.published is null, h.published desc, h.rid desc"
    else:
        order = "h.exact_match desc, h.rank, h.published is null, h.published desc"
    limit = max(0, min(int(request.limit), MAX_LIMIT))
    sql = (f"with hits as ({hits}), picked as ({picked}) "
           f"select {columns}, h.exact_match as exact_match, h.rank as rank, h.story as story, "
           "max(0, (select count(*) from articles c where c.story_id = h.story) - 1) as copies "
           f"from picked h join articles a on a.rowid = h.rid where h.nth = 1 "
           f"order by {order} limit {limit} offset {max(0, int(request.offset))}")
    return sql, params


def count_sql(request: SearchRequest) -> tuple[str, dict[str, Any]] | None:
    """SQL counting what `search_sql` would list over all pages (stories, or articles)."""
    params: dict[str, Any] = {}
    hits = _hits_sql(request, params, ranked=False)
    if hits is None:
        return None
    counted = "distinct story" if request.one_per_story else "*"
    return f"with hits as ({hits}) select count({counted}) from hits", params


def count_matches(db: sqlite3.Connection, request: SearchRequest) -> int:
    built = count_sql(request)
    return int(db.execute(*built).fetchone()[0]) if built else 0


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
