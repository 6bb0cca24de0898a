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

from nlp.text import canonical_tones, fold, match_key, normalize

FOLDED_TABLE = "articles_fts"
EXACT_TABLE = "articles_exact"
MAX_QUERY_CHARS = 500
MAX_TERMS = 24
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def exact_form(text: str) -> str:
    return canonical_tones(normalize(text))


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
    words: tuple[str, ...]  # folded; a prefix ends in *
    exact_words: tuple[str, ...] = ()  # as written, new tone placement, lowercase; a prefix ends in *


def parse_query(query: str | None) -> ParsedQuery | None:
    """Phrases in double quotes, a trailing * for prefixes, OR (in capitals) between two alternatives;
    anything else is a plain word, all of which must match."""
    query = normalize(query or "")[:MAX_QUERY_CHARS]
    folded_terms, exact_terms, words, exact_words = [], [], [], []
    either = False
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            either = bool(folded_terms)
            continue
        if either:
            folded_terms.append("OR")
            exact_terms.append("OR")
            either = False
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
        exact_words.extend(exact.lower().split())
        if prefix:
            words[-1] += "*"
            exact_words[-1] += "*"
        if len(folded_terms) >= MAX_TERMS:
            break
    if not folded_terms:
        return None
    return ParsedQuery(" ".join(folded_terms), " ".join(exact_terms), tuple(words), tuple(exact_words))


ORDERS = ("relevance", "date")
MAX_LIMIT = 500
WINDOW = 500  # matches considered per index: the most recently archived, after filters
NO_MATCH = '""'  # an empty FTS5 phrase: matches nothing, never a syntax error
TITLE_FUNCTION = "sct_title_match"


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


def word_pattern(word: str) -> re.Pattern[str]:
    """A query word (from ParsedQuery.words) as a regex on folded or matching-key text."""
    if word.endswith("*"):
        return re.compile(rf"(?<!\w){re.escape(word[:-1])}")
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


def title_match(title: str | None, words: str | None) -> float:
    """Share of the query's folded words (space-separated) that the folded title has."""
    wanted = (words or "").split()
    if not title or not wanted:
        return 0.0
    folded = fold(exact_form(title))
    return sum(1 for word in wanted if word_pattern(word).search(folded)) / len(wanted)


def register_functions(db: sqlite3.Connection) -> None:
    """The SQL functions `search_sql` uses; run_search registers them, other callers must too."""
    db.create_function(TITLE_FUNCTION, 2, title_match, deterministic=True)


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


def _hits_sql(request: SearchRequest, params: dict[str, Any]) -> str | None:
    """CTEs ending in `hits`: one row per article in the window, with its story and relevance.

    Ranking every match is what makes FTS5 slow on common words (bm25 scans each phrase's whole
    doclist: 75-270 ms at 100,000 articles), so each index yields at most WINDOW matches, newest
    archived first, which FTS5 reads lazily; they are ranked by exact spelling, then by how many
    of the words the headline has, then by date.
    """
    where = filter_sql(request.filters, params)
    if not (request.query and request.query.strip()):
        return (f"window as (select a.rowid as rid from articles a where {where} "
                f"order by a.published is null, a.published desc limit {WINDOW}), "
                "exact as (select 0 as rid where 0), "
                "hits as (select a.rowid as rid, coalesce(a.story_id, a.id) as story, a.repost_of is not null as copy, "
                "a.published as published, 0 as exact_match, 0.0 as title_match "
                "from window w join articles a on a.rowid = w.rid)")
    parsed = parse_query(request.query)
    if parsed is None:
        return None
    params.update(folded=parsed.folded, exact=parsed.exact, words=" ".join(parsed.words))
    return (f"folded as (select a.rowid as rid from {FOLDED_TABLE} f join articles a on a.rowid = f.rowid "
            f"where {FOLDED_TABLE} match :folded and {where} order by f.rowid desc limit {WINDOW}), "
            f"exact as (select a.rowid as rid from {EXACT_TABLE} e join articles a on a.rowid = e.rowid "
            f"where {EXACT_TABLE} match :exact and {where} order by e.rowid desc limit {WINDOW}), "
            "window as (select rid from folded union select rid from exact), "
            "hits as (select a.rowid as rid, coalesce(a.story_id, a.id) as story, a.repost_of is not null as copy, "
            "a.published as published, w.rid in (select rid from exact) as exact_match, "
            f"{TITLE_FUNCTION}(a.title, :words) as title_match from window w join articles a on a.rowid = w.rid)")


def search_sql(request: SearchRequest, columns: str = "a.*") -> tuple[str, dict[str, Any]] | None:
    """SQL and parameters for a search; None when the query has nothing to search for.

    Rows are `columns` (over `articles a`) plus `exact_match` (1 when the words match as written,
    diacritics included), `title_match` (share of the words in the headline), `rank` (lower is
    better), `story`, `copies` (the story's other articles), and over all pages `total` and `more`
    (1 when the window was full, so `total` is a lower bound). Relevance puts exact matches above
    folded ones, so "Nam" comes before "năm". Needs `register_functions` on the connection.
    """
    params: dict[str, Any] = {}
    hits = _hits_sql(request, params)
    if hits is None:
        return None
    nth = ("row_number() over (partition by story order by copy, published is null, published, rid)"
           if request.one_per_story else "1")
    if request.order == "date":
        order = "h.published is null, h.published desc, h.rid desc"
    else:
        order = "h.exact_match desc, h.title_match desc, h.published is null, h.published desc, h.rid desc"
    limit = max(0, min(int(request.limit), MAX_LIMIT))
    sql = (f"with {hits}, picked as (select *, {nth} as nth from hits) "
           f"select {columns}, h.exact_match as exact_match, h.title_match as title_match, "
           "-(2 * h.exact_match + h.title_match) as rank, h.story as story, "
           "max(0, (select count(*) from articles c where c.story_id = h.story) - 1) as copies, "
           f"count(*) over () as total, {_full_sql(hits)} as more "
           f"from picked h join articles a on a.rowid = h.rid where h.nth = 1 "
           f"order by {order} limit {limit} offset {max(0, int(request.offset))}")
    return sql, params


def count_sql(request: SearchRequest) -> tuple[str, dict[str, Any]] | None:
    """SQL for (results over all pages, whether the window was full so there may be more)."""
    params: dict[str, Any] = {}
    hits = _hits_sql(request, params)
    if hits is None:
        return None
    counted = "distinct story" if request.one_per_story else "*"
    return f"with {hits} select count({counted}), {_full_sql(hits)} from hits", params


def _full_sql(hits: str) -> str:
    """1 when the window holds WINDOW matches of the folded index: there may be more."""
    source = "folded" if hits.startswith("folded as") else "window"
    return f"((select count(*) from {source}) >= {WINDOW})"


def count_matches(db: sqlite3.Connection, request: SearchRequest) -> tuple[int, bool]:
    """How many results the search has, and True when that is a lower bound (the window was full)."""
    built = count_sql(request)
    if built is None:
        return 0, False
    register_functions(db)
    total, full = db.execute(*built).fetchone()
    return int(total), bool(full)


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


def _spans(text: str, words: Sequence[str]) -> list[tuple[int, int, int]]:
    """(start, end, word number) of every match of each word."""
    return sorted((*match.span(), number) for number, word in enumerate(words)
                  for match in word_pattern(word).finditer(text))


def _window_start(spans: list[tuple[int, int, int]], width: int) -> int:
    """Where the window showing the most different query words begins."""
    best, start = -1, 0
    for anchor, _, _ in spans:
        begin = max(0, anchor - width // 3)
        shown = len({number for first, last, number in spans if first >= begin and last <= begin + width})
        if shown > best:
            best, start = shown, begin
    return start


def snippet(text: str | None, words: Sequence[str], width: int = 240, exact_words: Sequence[str] = ()) -> str:
    """An HTML-escaped window of `text` where most query words are, matches wrapped in <mark>.

    Marks the words as written (`exact_words`, e.g. Nam) when the text has every one of them so,
    as the ranking does, else every folded match (nam, năm, Nậm). Both keys keep the NFC text's
    offsets, so marks land on the words as written whatever their diacritics.
    """
    text = text or ""
    spans = _spans(match_key(text), exact_words) if exact_words else []
    if not exact_words or len({number for _, _, number in spans}) < len(exact_words):
        folded = fold(text)
        if len(folded) != len(text):
            folded = "".join(fold(char)[:1] or char for char in text)
        spans = _spans(folded, words)
    start = _window_start(spans, width) if len(text) > width else 0
    end = min(len(text), start + width)
    pieces, cursor = [], start
    for begin, finish, _ in spans:
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
    register_functions(db)
    cursor = db.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
