"""Ranking on the tantivy index: what a query matches, in which order, one result per story.

Results come in tiers, each after every result of the one before: with diacritics typed, articles
matching them as written, then those matching only without diacritics ("spelling"); inside each, the
words together (in the order typed) before the words apart, and for a name (a capitalised run of
words) only articles with the name's words together. Inside a tier, BM25 over title (weighted) and
body, plus boosts when the words apart are near each other, or are the title.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import tantivy

from crawler.search import SearchFilters
from crawler.search_index import PAIR, TITLE_WEIGHT, day_number, index_path, open_index, title_key
from crawler.search_query import ParsedQuery, Words

Q, Occur = tantivy.Query, tantivy.Occur
NEAR_BOOST, NEAR_SLOP, TITLE_BOOST = 1.5, 8, 20.0
RESCORE = 200  # the best BM25 matches of a tier whose phrase and proximity boosts are computed
ORDERS = ("relevance", "date", "archived")
COUNT_BUDGET = 400_000  # postings a count of the tiers the page does not need may read (about 10 ms)
MAX_CHAINS = 8  # spellings of a query (abbreviations) tried with every word together
RECENT_DAYS = (90, 365, 4 * 365)  # date and archived order: the newest matches looked for in these first
EXACT, SPELLING, MATCH = "exact", "spelling", "match"  # what a result's tier says about it


@dataclass
class Hit:
    id: str
    tier: str
    score: float


@dataclass
class Found:
    hits: list[Hit]
    total: int  # articles matching, over every tier
    counts: dict[str, int] = field(default_factory=dict)  # articles per tier label
    total_is_lower_bound: bool = False  # a tier the page did not need was too costly to count
    apart: int = 0  # for a name: articles with its words, not together


class Engine:
    """One archive's index for a serving process: reopened when rebuilt, reloaded when committed to."""

    def __init__(self, db_path: Path | str):
        self.path = index_path(db_path)
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._seen: tuple[int, float] | None = None
        self._newest: dict[tuple[Any, str], int] = {}

    def searcher(self) -> tuple[tantivy.Searcher, tantivy.Schema]:
        with self._lock:
            try:
                seen = (os.stat(self.path).st_ino, (self.path / "meta.json").stat().st_mtime)
            except FileNotFoundError:
                if self._index is None:
                    raise
                return self._index.searcher(), self._index.schema  # a rebuild is swapping directories
            if self._index is None or seen[0] != (self._seen or (None,))[0]:
                self._index = open_index(self.path)
            elif seen != self._seen:
                self._index.reload()
            self._seen = seen
            return self._index.searcher(), self._index.schema

    def newest(self, searcher: tantivy.Searcher, field: str) -> int:
        """The newest value of a date field (0 in an empty index), read once per version of the index."""
        key = (self._seen, field)
        if key not in self._newest:
            hits = searcher.search(Q.all_query(), 1, order_by_field=field, order=tantivy.Order.Desc).hits
            self._newest = {seen: value for seen, value in self._newest.items() if seen[0] == self._seen}
            self._newest[key] = searcher.fast_field_values(field, [hits[0][1]])[0] if hits else 0
        return self._newest[key]


def _field_query(schema: tantivy.Schema, name: str, words: tuple[str, ...], prefix: bool, slop: int = 0) -> Q:
    """Words in one field. Adjacent words are terms of the field's pairs (no positions read: checking
    positions on every match of common words was the p95 at 1,000,000 articles); near words, with a slop,
    are a phrase query on positions (only for the best matches, see `_rescore`)."""
    if prefix and len(words) == 1:
        return Q.regex_query(schema, name, _regex_literal(words[0]) + ".*")
    if len(words) == 1:
        return Q.term_query(schema, name, words[0])
    if slop:
        return Q.phrase_query(schema, name, list(words), slop)
    adjacent = [f"{first}{PAIR}{second}" for first, second in itertools.pairwise(words)]
    last = Q.regex_query(schema, f"{name}_pairs", _regex_literal(adjacent.pop()) + ".*") if prefix else None
    return _all([Q.term_query(schema, f"{name}_pairs", pair) for pair in adjacent] + ([last] if last else []))


def _regex_literal(word: str) -> str:
    return "".join(f"\\{char}" if not (char.isalnum() or char == PAIR) else char for char in word)


def words_query(schema: tantivy.Schema, words: Words, exact: bool, slop: int = 0) -> Q:
    """The words in the title (weighted) or the body; as written when `exact` and typed with diacritics."""
    suffix, terms = ("_exact", words.exact) if exact and words.marked else ("", words.folded)
    title = Q.boost_query(_field_query(schema, "title" + suffix, terms, words.prefix, slop), TITLE_WEIGHT)
    return _any([title, _field_query(schema, "body" + suffix, terms, words.prefix, slop)])


def _any(queries: list[Q]) -> Q:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(Occur.Should, query) for query in queries])


def _all(queries: list[Q]) -> Q:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(Occur.Must, query) for query in queries])


def match_query(schema: tantivy.Schema, parsed: ParsedQuery, exact: bool) -> Q:
    return _any([_all([_any([words_query(schema, alt, exact) for alt in clause.alternatives]) for clause in branch])
                 for branch in parsed.branches])


@dataclass(frozen=True)
class Tier:
    """Results that rank after every result of the tiers before it, and match none of them."""

    label: str  # EXACT, SPELLING or MATCH: what the result page says of its results
    query: Q
    near: bool = False  # words that may be apart: ranked by proximity too (see `_rescore`)


def together_query(schema: tantivy.Schema, parsed: ParsedQuery, exact: bool) -> Q | None:
    """Every word of a branch next to the next one, in the order typed (None when no branch can say it:
    a prefix only ends a phrase)."""
    chains = []
    for branch in parsed.branches:
        if any(clause.typed.prefix for clause in branch[:-1]):
            continue
        for choice in itertools.islice(itertools.product(*(clause.alternatives for clause in branch)), MAX_CHAINS):
            joined = Words(tuple(word for words in choice for word in words.exact),
                           tuple(word for words in choice for word in words.folded), choice[-1].prefix)
            chains.append(words_query(schema, joined, exact))
    return _any(chains) if chains else None


def tiers(schema: tantivy.Schema, parsed: ParsedQuery | None, by_relevance: bool = True,
          ) -> tuple[list[Tier], Q | None]:
    """The tiers in rank order, and for a name the words-apart query. With diacritics typed, every match
    as written comes before the other spellings; inside each, by relevance, the words together come
    before the words apart (which are only found when no name holds them together)."""
    if parsed is None:
        return [Tier(MATCH, Q.all_query())], None
    found: list[Tier] = []
    before: list[Q] = []
    for exact in (True, False) if parsed.marked else (False,):
        label = EXACT if exact else SPELLING if parsed.marked else MATCH
        matched = _all([match_query(schema, parsed, exact),
                        *(words_query(schema, name, exact) for name in parsed.names)])
        together = together_query(schema, parsed, exact) if parsed.spread and by_relevance else None
        if together is not None:
            found.append(Tier(label, _minus(together, before)))
        found.append(Tier(label, _minus(matched, before + ([together] if together is not None else [])),
                          near=together is not None))
        before.append(matched)
    return found, match_query(schema, parsed, exact=False) if parsed.names else None


def _minus(query: Q, excluded: list[Q]) -> Q:
    if not excluded:
        return query
    return Q.boolean_query([(Occur.Must, query), *((Occur.MustNot, other) for other in excluded)])


def boosts(schema: tantivy.Schema, parsed: ParsedQuery | None) -> tuple[list[Q], list[Q]]:
    """Should-clauses that only add to the score: the whole title (cheap, a term: on every match), and
    for words apart, how near each other they are (positions: on the best RESCORE matches only)."""
    if parsed is None:
        return [], []
    cheap, near = [], []
    for branch in parsed.branches:
        typed = [word for clause in branch for word in clause.typed.folded]
        if not typed:
            continue
        cheap.append(Q.boost_query(Q.term_query(schema, "title_key", title_key(" ".join(typed))), TITLE_BOOST))
        if len(branch) > 1 and not any(clause.typed.prefix for clause in branch):
            words = Words(tuple(typed), tuple(typed))
            near.append(Q.boost_query(words_query(schema, words, exact=False, slop=NEAR_SLOP), NEAR_BOOST))
    return cheap, near


def _rescore(searcher: tantivy.Searcher, schema: tantivy.Schema, hits: list[tuple[Any, Any]],
             positional: list[Q]) -> list[tuple[Any, Any]]:
    """The best RESCORE hits re-ranked with the positional boosts added (checking positions on every
    match of common words is what made them slow: 450 ms against 45 ms at 300,000 articles)."""
    head, tail = hits[:RESCORE], hits[RESCORE:]
    if not positional or len(head) < 2:
        return hits
    ids = [searcher.doc(address).get_first("id") for _, address in head]
    only = Q.const_score_query(Q.term_set_query(schema, "id", ids), 0.0)
    extra: dict[tuple[int, int], float] = {}
    for boost in positional:  # each as an intersection with the ids: tantivy then seeks, never scans
        for score, address in searcher.search(Q.boolean_query([(Occur.Must, only), (Occur.Must, boost)]),
                                              len(ids), count=False).hits:
            key = (address.segment_ord, address.doc)
            extra[key] = extra.get(key, 0.0) + float(score)
    rescored = [(float(score) + extra.get((address.segment_ord, address.doc), 0.0), address) for score, address in head]
    return sorted(rescored, key=lambda hit: -hit[0]) + tail


def filter_queries(schema: tantivy.Schema, filters: SearchFilters) -> list[Q]:
    found = [Q.term_query(schema, name, value) for name, value in
             (("site", filters.site), ("person", filters.person), ("indicator", filters.indicator)) if value]
    if filters.province:
        fields = {"publication": ["province"], "2025": ["province_2025"]}.get(
            filters.province_era, ["province", "province_2025"])
        found.append(_any([Q.term_query(schema, name, filters.province) for name in fields]))
    if filters.since or filters.until:
        found.append(Q.range_query(schema, "published", tantivy.FieldType.Integer,
                                   day_number(filters.since) if filters.since else 1,
                                   day_number(filters.until) if filters.until else 99_999_999))
    return [Q.const_score_query(query, 0.0) for query in found]


def count_cost(searcher: tantivy.Searcher, parsed: ParsedQuery | None) -> float:
    """How many postings counting the query's matches reads: each word's articles, title and body
    (a prefix may stand for any number of words: unbounded)."""
    if parsed is None:
        return float(searcher.num_docs)
    cost = 0
    for clause in parsed.clauses:
        for words in clause.alternatives:
            if words.prefix:
                return math.inf
            cost += sum(searcher.doc_freq(name, word) for word in words.folded for name in ("title", "body"))
    return cost


def recent(engine: Engine, searcher: tantivy.Searcher, schema: tantivy.Schema, order: str) -> list[Q]:
    """For date and archived order, the last RECENT_DAYS of the order's field, newest first: a common
    query's newest page lies in the first, where sorting it reads a fraction of its matches."""
    if order == "relevance":
        return []
    field = "published" if order == "date" else "archived"
    newest = engine.newest(searcher, field)
    if field == "published":
        try:
            day = date(newest // 10_000, newest // 100 % 100, newest % 100)
        except ValueError:  # an empty index, or undated articles only
            return []
        starts = [day_number((day - timedelta(days=days)).isoformat()) for days in RECENT_DAYS]
    else:
        starts = [newest - days * 86_400 for days in RECENT_DAYS]
    return [Q.range_query(schema, field, tantivy.FieldType.Integer, start, 2**62) for start in starts]


def search(engine: Engine, parsed: ParsedQuery | None, filters: SearchFilters, order: str = "relevance",
           limit: int = 20, offset: int = 0, one_per_story: bool = True) -> Found:
    """One page of results, tier by tier; a story's articles collapse into its best-ranked one (the
    original rather than a repost when both match). The tiers the page needs are ranked and counted;
    the others are counted only when that is cheap (COUNT_BUDGET postings), else the total is a lower
    bound, as a search engine says "more than N": at 1,000,000 articles counting the words of a common
    query apart costs three times as much as ranking the page."""
    searcher, schema = engine.searcher()
    if parsed is None and order == "relevance":
        order = "date"
    layers, apart_query = tiers(schema, parsed, by_relevance=order == "relevance")
    wanted = offset + limit
    required, (extra, positional) = filter_queries(schema, filters), boosts(schema, parsed)
    cheap = count_cost(searcher, parsed) <= COUNT_BUDGET
    windows = recent(engine, searcher, schema, order)

    def within(query: Q, *more: tuple[Any, Q]) -> Q:
        return Q.boolean_query([(Occur.Must, query), *((Occur.Must, other) for other in required), *more])

    picked: dict[int, tuple[Any, str, float, bool]] = {}
    found = Found([], 0)
    for number, tier in enumerate(layers):
        if len(picked) < wanted:
            query = within(tier.query, *((Occur.Should, boost) for boost in extra))
            near = positional if tier.near and order == "relevance" else []
            matched, exact = _collect(searcher, query, order, wanted, (number, tier.label), picked, one_per_story,
                                      partial(_rescore, searcher, schema, positional=near), windows)
            if not exact and cheap:
                matched = searcher.search(within(tier.query), 1, count=True).count
            found.total_is_lower_bound |= not exact and not cheap
        elif cheap:
            matched = searcher.search(within(tier.query), 1, count=True).count
        else:
            found.total_is_lower_bound = True
            continue
        found.counts[tier.label] = found.counts.get(tier.label, 0) + matched
        found.total += matched
    if apart_query is not None and cheap:
        found.apart = searcher.search(within(apart_query), 1, count=True).count - found.total
    ranked = sorted(picked.values(), key=lambda entry: entry[0])[offset:wanted]
    found.hits = [Hit(searcher.doc(address).get_first("id"), label, score) for _, label, score, address in ranked]
    return found


def _collect(searcher: tantivy.Searcher, query: Q, order: str, wanted: int, tier_id: tuple[int, str],
             picked: dict[int, tuple[Any, str, float, Any]], one_per_story: bool,
             rescore: Callable[[list[tuple[Any, Any]]], list[tuple[Any, Any]]] | None = None,
             windows: list[Q] | None = None) -> tuple[int, bool]:
    """Add a tier's hits to `picked` (story → (rank, tier, score, address)) until `wanted` stories are in,
    looking in each of `windows` (ever wider ranges of the order's field) before in all matches;
    returns how many articles the tier matches where it looked, and whether that was everywhere."""
    number, label = tier_id
    fetch = max(1, (wanted - len(picked)) * 2 + 10)
    arguments: dict[str, Any] = {"count": True}
    if order != "relevance":
        arguments.update(order_by_field="published" if order == "date" else "archived", order=tantivy.Order.Desc)
    looking = [*(windows or []), None]
    while True:
        window = looking[0]
        where = query if window is None else Q.boolean_query([(Occur.Must, query), (Occur.Must, window)])
        result = searcher.search(where, fetch, **arguments)
        hits = rescore(result.hits) if rescore else result.hits
        addresses = [address for _, address in hits]
        stories = searcher.fast_field_values("story", addresses) if one_per_story else range(len(addresses))
        copies = searcher.fast_field_values("copy", addresses)
        tier: dict[int, tuple[Any, str, float, Any]] = {}
        for position, ((score, address), story, copy) in enumerate(zip(hits, stories, copies, strict=True)):
            if story in picked:
                continue
            if story in tier:
                if not copy and tier[story][4]:  # the original stands for its story, at its copy's rank
                    tier[story] = (*tier[story][:3], address, 0)
                continue
            tier[story] = ((number, position), label, float(score) if order == "relevance" else 0.0, address, copy)
        every_match_seen = len(addresses) >= result.count
        if len(picked) + len(tier) >= wanted or (every_match_seen and window is None):
            for story, (rank, tier_label, score, address, _) in tier.items():
                picked[story] = (rank, tier_label, score, address)
            return result.count, window is None
        if every_match_seen:
            looking.pop(0)  # too few in this window: look in the next, wider one
        else:
            fetch *= 4
