"""All facts of an article's text: dates, officials, figures and documents cited.

Offsets (`start`, `end`) point into the text passed in. Text that is not NFC is normalised first and
its offsets mapped back, so they still slice the caller's string; `raw` and `sentence` are NFC.
Only the first MAX_CHARS characters are read (`Facts.truncated` says when text was left out): an
article body is a few kilobytes, and the cost of a runaway page must stay bounded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from nlp.dates import DateMention, find_dates
from nlp.documents import DocumentMention, find_documents
from nlp.figures import Figure, find_figures
from nlp.mentions import merge_mentions
from nlp.officials import Official, find_officials
from nlp.provinces import canonical_province, province_2025, province_leading, province_of_story
from nlp.signatures import find_signatures
from nlp.text import nfc_with_offsets, sentences

F = TypeVar("F", DateMention, Official, Figure, DocumentMention)
MAX_CHARS = 500_000
MERGER_DAY = date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: 63 provinces become 34
LEAD_SENTENCES = 3
# The largest value a real economy reports, per canonical unit (world GDP is about 3e18 VND or
# 1.1e14 USD): a larger figure is a misread number, kept out and noted, never stored.
PLAUSIBLE_LIMITS = {"VND": 5e18, "USD": 1e15, "%": 1e6}
DEFAULT_PLAUSIBLE_LIMIT = 1e16
IMPLAUSIBLE_FIGURE = "implausible_figure"


@dataclass(frozen=True)
class Facts:
    """What `extract_facts` found, in text order within each kind."""

    published: date | None = None
    dates: list[DateMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    documents: list[DocumentMention] = field(default_factory=list)
    truncated: bool = False
    problems: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of tests/fixtures/gold_seeds.json, plus offsets and sentence indexes: officials
        once per person and position, as the gold lists them (`officials` keeps every mention)."""
        return {
            "published": self.published.isoformat() if self.published else None,
            "dates": [d.to_dict() for d in self.dates],
            "officials": [o.to_dict() for o in merge_mentions(self.officials)],
            "figures": [f.to_dict() for f in self.figures],
            "documents": [d.to_dict() for d in self.documents],
            "truncated": self.truncated,
            "problems": list(self.problems),
        }


def _remap(facts: Sequence[F], offsets: list[int]) -> list[F]:
    return [dataclasses.replace(f, start=offsets[f.start], end=offsets[f.end]) for f in facts]


def extract_facts(text: str, published: date | None = None, province: str | None = None,
                  title: str | None = None) -> Facts:
    """Facts of an article body. `published` resolves yearless dates ("Ngày 24/3"), else the year in
    `title` or the body does; `province` is the site's province, the place meant by a bare "UBND
    tỉnh" and by "toàn tỉnh"; a title that opens with a province, or a site of no province (a national
    paper), gives the story's own: the title's, else the lead's, else the one the body names most.
    """
    day = published.date() if isinstance(published, datetime) else published
    truncated = len(text) > MAX_CHARS
    if truncated:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > 0 else MAX_CHARS]
    nfc, offsets = nfc_with_offsets(text)
    sents = sentences(nfc)
    dates = find_dates(sents, day, title)
    told = day or next((d.first_day for d in dates if d.kind == "day" and d.first_day and not d.reference), None)
    if province and told and told >= MERGER_DAY:  # the story's own day when the page gives none
        province = canonical_province(province_2025(province) or province) or province  # Tiền Giang's site in 2025:
        # a bare "tỉnh" is Đồng Tháp, which it joined
    province = province_leading(title) or province or province_of_story(
        title, " ".join(s.text for s in sents[:LEAD_SENTENCES])) or province_of_story(
        None, " ".join(s.text for s in sents[LEAD_SENTENCES:]))  # a lead naming no province: the body's
    officials = find_officials(sents, province) + find_signatures(sents, province)
    figures = find_figures(sents, dates, province)
    plausible = [figure for figure in figures if is_plausible(figure)]
    problems = (IMPLAUSIBLE_FIGURE,) if len(plausible) < len(figures) else ()
    figures = plausible
    documents = find_documents(sents, dates)
    if offsets is not None:
        dates, officials = _remap(dates, offsets), _remap(officials, offsets)
        figures, documents = _remap(figures, offsets), _remap(documents, offsets)
    return Facts(published, dates, officials, figures, documents, truncated, problems)


def is_plausible(figure: Figure) -> bool:
    limit = PLAUSIBLE_LIMITS.get(figure.unit, DEFAULT_PLAUSIBLE_LIMIT)
    return abs(figure.value) <= limit
