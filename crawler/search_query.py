"""A user's search query, parsed once: clauses of alternative word sequences, names, diacritics.

Every engine reads the same parse: the tantivy index (crawler.search_index), FTS5 for Datasette's
`?_search=` and the exports (crawler.search), and the snippets. Tokens are split as both engines split
them (runs of letters and digits), so "TP.HCM" is the two words tp hcm everywhere.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from nlp.text import canonical_tones, fold, lexicon, normalize

MAX_QUERY_CHARS = 500
MAX_TERMS = 24
MAX_D_VARIANTS = 16
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Words as both engines split them: runs of letters and digits."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Words:
    """One way a clause can match: a word, or a sequence of words that must be adjacent; the last word
    may be a prefix. `exact` keeps diacritics (new tone placement, lowercase), `folded` drops them."""

    exact: tuple[str, ...]
    folded: tuple[str, ...]
    prefix: bool = False

    @classmethod
    def of(cls, words: list[str], prefix: bool = False) -> Words:
        exact = tuple(canonical_tones(word).lower() for word in words)
        return cls(exact, tuple(fold(word) for word in exact), prefix)

    @property
    def marked(self) -> bool:
        """True when any word was written with diacritics (or đ)."""
        return self.exact != self.folded


@dataclass(frozen=True)
class Clause:
    """A word or phrase the user typed, with its other spellings from the abbreviations file:
    any one of the alternatives will do."""

    typed: Words
    alternatives: tuple[Words, ...]
    capitalised: bool = False
    quoted: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """Branches separated by OR; every clause of a branch must match."""

    branches: tuple[tuple[Clause, ...], ...]
    names: tuple[Words, ...]  # capitalised runs of two or more typed words: names, to be found together

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(clause for branch in self.branches for clause in branch)

    @property
    def marked(self) -> bool:
        """True when the user typed diacritics: exact spellings then rank above the other spellings."""
        return any(clause.typed.marked for clause in self.clauses)

    @property
    def spread(self) -> bool:
        """True when the words of a branch may be apart: it has two clauses or more, and is not one name."""
        return any(len(branch) > 1 and not all(clause.capitalised and _plain(clause) for clause in branch)
                   for branch in self.branches)

    @property
    def folded(self) -> str:
        """The FTS5 MATCH expression over `articles_fts` (remove_diacritics 2, which keeps đ)."""
        return " OR ".join("(" + " AND ".join(map(_fts_clause, branch)) + ")" for branch in self.branches)

    @property
    def words(self) -> tuple[tuple[Words, ...], ...]:
        """What a snippet marks: each name, then each clause's alternatives."""
        return tuple((name,) for name in self.names) + tuple(clause.alternatives for clause in self.clauses)


@functools.cache
def abbreviation_groups() -> dict[tuple[str, ...], tuple[Words, ...]]:
    """Folded word sequence → every spelling of its group (nlp/lexicons/abbreviations.yaml)."""
    groups: dict[tuple[str, ...], tuple[Words, ...]] = {}
    for group in lexicon("abbreviations.yaml"):
        spellings = tuple(Words.of(tokens(normalize(str(spelling)))) for spelling in group)
        for spelling in spellings:
            groups[spelling.folded] = spellings
    return groups


def parse_query(query: str | None) -> ParsedQuery | None:
    """Phrases in double quotes, a trailing * for a prefix, OR (in capitals) between alternatives (the
    words before it or the words after it); every other word must match. None when there is nothing
    to search for."""
    query = normalize(query or "")[:MAX_QUERY_CHARS]
    branches: list[list[Clause]] = [[]]
    count = 0
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            if branches[-1]:
                branches.append([])
            continue
        found = tokens(phrase if phrase is not None else word)
        if not found:
            continue
        typed = Words.of(found, prefix=bool(word and word.endswith("*")))
        capitalised = phrase is None and len(found) == 1 and not typed.prefix and found[0][:1].isupper()
        branches[-1].append(Clause(typed, (typed,), capitalised, quoted=phrase is not None))
        count += 1
        if count >= MAX_TERMS:
            break
    kept = [_abbreviations(branch) for branch in branches if branch]
    if not kept:
        return None
    return ParsedQuery(tuple(map(tuple, kept)), tuple(name for branch in kept for name in _names(branch)))


def _plain(clause: Clause) -> bool:
    return not (clause.quoted or clause.typed.prefix or len(clause.alternatives) > 1)


def _abbreviations(clauses: list[Clause]) -> list[Clause]:
    """Runs of plain words that spell an abbreviation or its expansion become one clause with every spelling."""
    groups = abbreviation_groups()
    longest = max(map(len, groups), default=0)
    merged: list[Clause] = []
    at = 0
    while at < len(clauses):
        for size in range(min(longest, len(clauses) - at), 0, -1):
            run = clauses[at:at + size]
            key = tuple(word for clause in run for word in clause.typed.folded) if all(map(_plain, run)) else ()
            if key in groups:
                typed = Words(tuple(word for clause in run for word in clause.typed.exact), key)
                merged.append(Clause(typed, groups[key]))
                at += size
                break
        else:
            merged.append(clauses[at])
            at += 1
    return merged


def _names(clauses: list[Clause]) -> tuple[Words, ...]:
    """Capitalised runs of two or more plain words (Nguyễn Hùng Nam, Sở Công Thương): names."""
    found = []
    for capitalised, run in itertools.groupby(clauses, key=lambda clause: clause.capitalised and _plain(clause)):
        words = [clause.typed for clause in run]
        if capitalised and len(words) >= 2:
            found.append(Words(tuple(w.exact[0] for w in words), tuple(w.folded[0] for w in words)))
    return tuple(found)


def _d_variants(word: str) -> list[str]:
    """FTS5's remove_diacritics 2 keeps đ, so a folded d may have been đ in the text."""
    spots = [at for at, char in enumerate(word) if char == "d"][:4]
    variants = []
    for choice in itertools.product("dđ", repeat=len(spots)):
        letters = list(word)
        for spot, letter in zip(spots, choice, strict=True):
            letters[spot] = letter
        variants.append("".join(letters))
    return variants


def _fts_clause(clause: Clause) -> str:
    phrases = []
    for alternative in clause.alternatives:
        star = "*" if alternative.prefix else ""
        spellings = itertools.product(*map(_d_variants, alternative.folded))
        phrases += [f'"{" ".join(words)}"{star}' for words in itertools.islice(spellings, MAX_D_VARIANTS)]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"
