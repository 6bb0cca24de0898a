"""Ranking on the tantivy index: what a query matches, in which order, one result per story.

Results come in tiers, each after every result of the one before: with diacritics typed, articles
matching them as written, then those matching only without diacritics ("spelling"); for a name (a
capitalised run of words), only articles with the words together. Inside a tier, BM25 over title
(weighted) and body, plus boosts when the words are adjacent, near each other, or are the title.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import tantivy

from crawler.search import SearchFilters
from crawler.search_index import PAIR, TITLE_WEIGHT, day_number, index_path, open_index, title_key
from crawler.search_query import ParsedQuery, Words

Q, Occur = tantivy.Query, tantivy.Occur
PHRASE_BOOST, NEAR_BOOST, NEAR_SLOP, TITLE_BOOST = 4.0, 1.5, 8, 20.0
RESCORE = 200  # the best BM25 matches of a tier whose phrase and proximity boosts are computed
ORDERS = ("relevance", "date", "archived")
_COUNTERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="search-count")
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
    counts: dict[str, int] = field(default_factory=dict)  # articles per tier
    apart: int = 0  # for a name: articles with its words, not together


class Engine:
    """One archive's index for a serving process: reopened when rebuilt, reloaded when committed to."""

    def __init__(self, db_path: Path | str):
        self.path = index_path(db_path)
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._seen: tuple[int, float] | None = None

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


def tiers(schema: tantivy.Schema, parsed: ParsedQuery | None) -> tuple[list[tuple[str, Q]], Q | None]:
    """The tiers, loosest last (each holds the one before), and for a name the words-apart query."""
    if parsed is None:
        return [(MATCH, Q.all_query())], None
    folded = match_query(schema, parsed, exact=False)
    found: list[tuple[str, Q]] = []
    if parsed.names:
        names = [words_query(schema, name, exact=False) for name in parsed.names]
        if parsed.marked:
            exact_names = [words_query(schema, name, exact=True) for name in parsed.names]
            found.append((EXACT, _all([match_query(schema, parsed, exact=True), *exact_names])))
        found.append((SPELLING if parsed.marked else MATCH, _all([folded, *names])))
        return found, folded
    if parsed.marked:
        found.append((EXACT, match_query(schema, parsed, exact=True)))
    found.append((SPELLING if parsed.marked else MATCH, folded))
    return found, None


def boosts(schema: tantivy.Schema, parsed: ParsedQuery | None) -> tuple[list[Q], list[Q]]:
    """Should-clauses that only add to the score: the whole title (cheap, a term: on every match), and
    the words adjacent or near each other (positions: on the best RESCORE matches, see `_rescore`)."""
    if parsed is None:
        return [], []
    cheap, positional = [], []
    for branch in parsed.branches:
        typed = [word for clause in branch for word in clause.typed.folded]
        if not typed:
            continue
        cheap.append(Q.boost_query(Q.term_query(schema, "title_key", title_key(" ".join(typed))), TITLE_BOOST))
        if len(branch) > 1 and not any(clause.typed.prefix for clause in branch):
            words = Words(tuple(typed), tuple(typed))
            positional.append(Q.boost_query(words_query(schema, words, exact=False), PHRASE_BOOST))
            positional.append(Q.boost_query(words_query(schema, words, exact=False, slop=NEAR_SLOP), NEAR_BOOST))
    return cheap, positional


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


def _count(searcher: tantivy.Searcher, query: Q) -> int:
    return searcher.search(query, 1, count=True).count


def search(engine: Engine, parsed: ParsedQuery | None, filters: SearchFilters, order: str = "relevance",
           limit: int = 20, offset: int = 0, one_per_story: bool = True) -> Found:
    """One page of results, tier by tier; a story's articles collapse into its best-ranked one
    (the original rather than a repost when both match). Each tier holds the ones before, so its count
    is the total so far: the looser tiers and a name's words apart are counted on other threads
    meanwhile (at 1,000,000 articles a common word's count costs as much as its ranking)."""
    searcher, schema = engine.searcher()
    if parsed is None and order == "relevance":
        order = "date"
    layers, apart_query = tiers(schema, parsed)
    wanted = offset + limit
    required, (extra, positional) = filter_queries(schema, filters), boosts(schema, parsed)

    def within(query: Q, *more: tuple[Any, Q]) -> Q:
        return Q.boolean_query([(Occur.Must, query), *((Occur.Must, other) for other in required), *more])

    counting = {number: _COUNTERS.submit(_count, searcher, within(tier)) for number, (_, tier) in enumerate(layers)
                if number}
    apart = _COUNTERS.submit(_count, searcher, within(apart_query)) if apart_query is not None else None
    picked: dict[int, tuple[Any, str, float, bool]] = {}
    found = Found([], 0)
    for number, (label, tier) in enumerate(layers):
        if len(picked) >= wanted:  # the page is full: this tier is only counted
            total = counting[number].result()
        else:
            if number:
                counting[number].cancel()
            looser = [(Occur.MustNot, layers[number - 1][1])] if number else []
            query = within(tier, *looser, *((Occur.Should, boost) for boost in extra))
            rescore = partial(_rescore, searcher, schema, positional=positional) if order == "relevance" else None
            total = found.total + _collect(searcher, query, order, wanted, (number, label), picked, one_per_story,
                                           rescore)
        found.counts[label] = total - found.total
        found.total = total
    if apart is not None:
        found.apart = apart.result() - found.total
    ranked = sorted(picked.values(), key=lambda entry: entry[0])[offset:wanted]
    found.hits = [Hit(searcher.doc(address).get_first("id"), label, score) for _, label, score, address in ranked]
    return found


def _collect(searcher: tantivy.Searcher, query: Q, order: str, wanted: int, tier_id: tuple[int, str],
             picked: dict[int, tuple[Any, str, float, Any]], one_per_story: bool,
             rescore: Callable[[list[tuple[Any, Any]]], list[tuple[Any, Any]]] | None = None) -> int:
    """Add a tier's hits to `picked` (story → (rank, tier, score, address)) until `wanted` stories are in;
    returns how many articles the tier matches."""
    number, label = tier_id
    fetch = max(1, (wanted - len(picked)) * 2 + 10)
    while True:
        arguments: dict[str, Any] = {"count": True}
        if order != "relevance":
            arguments.update(order_by_field="published" if order == "date" else "archived",
                             order=tantivy.Order.Desc)
        result = searcher.search(query, fetch, **arguments)
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
        if len(picked) + len(tier) >= wanted or len(addresses) >= result.count:
            for story, (rank, tier_label, score, address, _) in tier.items():
                picked[story] = (rank, tier_label, score, address)
            return result.count
        fetch *= 4
