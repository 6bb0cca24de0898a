"""Scoring of extracted facts against a gold file shaped like tests/fixtures/gold_seeds.json.

Matching per field: officials on (name, position) compared with `person_key` (NFC, canonical tones,
case-folded), a gold position also matching as written (`position_as_written`) or in its `variants`,
a predicted one also by any one of its `posts` (a chain of concurrent posts), a gold's bare district
("UBND huyện") also by a prediction naming it, a prediction of one post of a gold chain already
found (its parts among the gold's variants) no extra, and a gold chain also found as one prediction
per post; a position is compared as its words without province names and without its term ("khóa
XV", "nhiệm kỳ 2021-2026": when, not which post) with abbreviations spelt out ("UBND", "Ủy ban nhân
dân": one body) plus the set of provinces it names, or else its
`org_place` (the extractor keeps an implied province there, an annotator writes it into the
position: both say the same; a gold official with no province leaves it open, one with a place
abroad wants none); roles on the officials matched, where either side gives one (old, new, former);
figures on (value, unit), a unit as written ("đồng", "tấn") taken as the extractor names it ("VND",
"t"); dates on ISO days (a predicted day gives its value, a span the ends written as days;
"XXXX-MM-DD" is a day whose year the article does not give; gold `dates_mentioned` are days);
documents on number. An empty side scores 1.0 (nothing claimed is nothing wrong; nothing to find is
nothing missed).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from nlp.figures import canonical_unit
from nlp.mentions import abbreviations_spelt_out, person_key
from nlp.provinces import canonical_province, find_provinces
from nlp.remarks import without_aliases
from nlp.text import plain_slashes

FIELDS = ("officials", "roles", "figures", "dates", "documents")
_DAY_LENGTH = len("2024-01-01")


@dataclass
class Score:
    """Counts for one field; precision, recall and F1 follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores per field over all articles, and what was missed or extra per article."""

    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    errors: dict[str, dict[str, dict[str, list[Any]]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": {
                name: {
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for name, s in self.scores.items()
            },
            "errors": self.errors,
        }

    def format(self) -> str:
        """A plain-text table, then the misses and extras per article."""
        lines = [f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for name, s in self.scores.items():
            lines.append(f"{name:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
        for article, fields in self.errors.items():
            for name, kinds in fields.items():
                for kind, items in kinds.items():
                    for item in items:
                        lines.append(f"{article}: {name} {kind}: {item}")
        return "\n".join(lines)


_SPACE_BEFORE_MARK = re.compile(r"\s+([,;)])")
_DANGLING_PREFIX = re.compile(r"\s+(?:tỉnh|thành phố|tp\.?)(?=\s*(?:[,;()–-]|$))", re.I)
_LOCAL_LEVELS = frozenset({"huyện", "xã", "quận", "phường", "trấn"})
_MAX_PLACE_WORDS = 4
_TERM = re.compile(r"[\s,]*\(?(?:kh(?:óa|oá)\s+[IVXLC]+\b|nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4})\)?", re.I)


def _official_key(name: str, position: str, place: str | None = None) -> tuple[str, str, frozenset[str]]:
    position = _TERM.sub("", without_aliases(position))  # "(HĐND) xã", "khóa X": written or not
    mentions = find_provinces(position)
    for mention in reversed(mentions):
        position = position[:mention.start] + position[mention.end:]
    words = _SPACE_BEFORE_MARK.sub(r"\1", _DANGLING_PREFIX.sub("", " ".join(position.split())))
    places = {m.province for m in mentions}
    if not places and place:
        places = {canonical_province(place) or _ABROAD}
    return person_key(name), person_key(abbreviations_spelt_out(words)).strip(" ,.;-–"), frozenset(places)


_ABROAD = "(abroad)"  # a gold place that is no Vietnamese province ("tỉnh Luông Pha Băng"): the extractor names none


def _same(predicted: tuple[str, str, frozenset[str]], gold: tuple[str, str, frozenset[str]]) -> bool:
    """Same name and words, or the gold's bare district named; the same provinces unless the gold names
    none (it leaves the place open)."""
    if predicted[0] != gold[0] or (gold[2] and predicted[2] != gold[2] - {_ABROAD}):
        return False
    return predicted[1] == gold[1] or _district_named(predicted[1], gold[1])


def _district_named(predicted: str, gold: str) -> bool:
    """"Chủ tịch UBND huyện" as written, "… huyện Mường Khương" resolved from the sentence: one post."""
    rest = predicted.removeprefix(f"{gold} ")
    return rest != predicted and gold.rsplit(" ", 1)[-1] in _LOCAL_LEVELS and "," not in rest \
        and len(rest.split()) <= _MAX_PLACE_WORDS


def _shown(key: tuple[str, str, frozenset[str]]) -> str:
    name, words, places = key
    return f"{name}: {words}" + (f" [{', '.join(sorted(places))}]" if places else "")


def _gold_alternatives(official: dict[str, Any]) -> list[tuple[str, str, frozenset[str]]]:
    written = [official["position"], official.get("position_as_written"), *official.get("variants", [])]
    return list(dict.fromkeys(_official_key(official["name"], p, official.get("org_place")) for p in written if p))


_CHAIN_JOINS = re.compile(r",\s+|\s+kiêm\s+")


def _chain_parts_found(official: dict[str, Any], left: list[tuple[list[Any], dict[str, Any]]]) -> list[int]:
    """The predictions that give a gold chain of posts ("Phó Chủ tịch UBND tỉnh, Trưởng ban tổ chức hội
    nghị") one post each, when every post of it is so given; else none."""
    parts = _CHAIN_JOINS.split(official["position"])
    hits: list[int] = []
    for part in parts if len(parts) > 1 else []:
        want = _official_key(official["name"], part, official.get("org_place"))
        hit = next((k for k, (keys, _) in enumerate(left) if k not in hits and any(_same(key, want) for key in keys)),
                   None)
        if hit is None:
            return []
        hits.append(hit)
    return hits


def _compare_officials(report: Report, gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
                       ) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Each gold official matches one prediction under any of its written forms; then their roles."""
    unique = {tuple(_gold_alternatives(o)): o for o in gold}
    left = [([_official_key(o["name"], p, o.get("org_place")) for p in [o["position"], *o.get("posts", [])]], o)
            for o in predicted]
    score, roles = report.scores["officials"], report.scores["roles"]
    missed, role_errors, found = [], [], []
    for alternatives, expected in unique.items():
        hit = next((index for index, (keys, _) in enumerate(left)
                    if any(_same(key, a) for key in keys for a in alternatives)), None)
        hits = [hit] if hit is not None else _chain_parts_found(expected, left)
        if not hits:
            missed.append(_shown(alternatives[0]))
            continue
        score.tp += 1
        found.extend(alternatives)
        got = [left.pop(k)[1] for k in sorted(hits, reverse=True)][-1]
        want, said = expected.get("role"), got.get("role")
        if want and want == said:
            roles.tp += 1
        elif want or said:
            roles.fn += bool(want)
            roles.fp += bool(said)
            role_errors.append(f"{_shown(alternatives[0])}: {said} for {want}")
    extra = sorted(_shown(keys[0]) for keys, _ in left  # a post of a chain the gold gives whole is no extra
                   if not any(_same(key, a) for key in keys for a in found))
    score.fn += len(missed)
    score.fp += len(extra)
    errors = {k: v for k, v in {"missed": sorted(missed), "extra": extra}.items() if v}
    return errors, ({"wrong": role_errors} if role_errors else {})


def _figure_keys(figures: Iterable[dict[str, Any]]) -> Counter[Hashable]:
    """(value, unit) with the unit as the extractor names it: a gold "đồng" is "VND", "tấn" is "t"."""
    return Counter((f"{float(f['value']):.10g}", canonical_unit(f["unit"])) for f in figures)


def _predicted_days(dates: Iterable[dict[str, Any]]) -> Counter[Hashable]:
    days: set[str] = set()
    for d in dates:
        if d["kind"] == "day" and len(d["value"]) == _DAY_LENGTH:
            days.add(d["value"])
        elif d["kind"] == "span":
            days.update(end for end in d["value"].split("/") if len(end) == _DAY_LENGTH)
    return Counter(days)


def _documents(numbers: Iterable[str]) -> Counter[Hashable]:
    """Numbers as the extractor writes them: plain slashes, no spaces, no kind before ("Công văn số 42")."""
    return Counter(set("".join(plain_slashes(n).split(" số ")[-1].split()) for n in numbers))


def _compare(score: Score, gold: Counter[Hashable], predicted: Counter[Hashable]) -> dict[str, list[Any]]:
    hits = gold & predicted
    score.tp += sum(hits.values())
    score.fp += sum((predicted - gold).values())
    score.fn += sum((gold - predicted).values())
    errors = {
        "missed": sorted(map(str, (gold - predicted).elements())),
        "extra": sorted(map(str, (predicted - gold).elements())),
    }
    return {k: v for k, v in errors.items() if v}


def evaluate(gold: dict[str, Any], predictions: dict[str, dict[str, Any]]) -> Report:
    """Score `predictions` (gold article "seed" → `Facts.to_dict()`) against `gold`.

    An article without a prediction counts as one where nothing was found.
    """
    report = Report()
    for article in gold["articles"]:
        predicted = predictions.get(article["seed"], {})
        found = _compare_officials(report, article.get("officials", []), predicted.get("officials", []))
        for name, errors in zip(("officials", "roles"), found, strict=True):
            if errors:
                report.errors.setdefault(article["seed"], {})[name] = errors
        pairs = {
            "figures": (
                _figure_keys(article.get("figures", [])),
                _figure_keys(predicted.get("figures", [])),
            ),
            "dates": (
                Counter(set(article.get("dates_mentioned", []))),
                _predicted_days(predicted.get("dates", [])),
            ),
            "documents": (
                _documents(article.get("documents_cited", [])),
                _documents(d["number"] for d in predicted.get("documents", [])),
            ),
        }
        for name, (expected, got) in pairs.items():
            errors = _compare(report.scores[name], expected, got)
            if errors:
                report.errors.setdefault(article["seed"], {})[name] = errors
    return report
