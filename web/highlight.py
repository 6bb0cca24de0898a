"""An article body as HTML with its extracted facts marked, from their offsets into the body."""

from __future__ import annotations

import html
import urllib.parse
from dataclasses import dataclass

from markupsafe import Markup

KIND_ORDER = {"official": 0, "figure": 1, "date": 2}


@dataclass(frozen=True)
class Fact:
    """One extracted fact: where it is in the body, its kind, and what to say about it."""

    start: int
    end: int
    kind: str  # official, figure or date
    text: str
    note: str
    person_id: str | None = None
    indicator_key: str | None = None


def highlight(body: str, facts: list[Fact], person_path: str,
              indicator_path: str = "/-/indicator") -> tuple[Markup, list[Fact]]:
    """Escape the body and wrap each fact in a <mark>; overlapping facts keep the earlier, longer one.
    An official links to their person page, a figure to its indicator's page.

    Facts whose offsets fall outside the body (an archive re-extracted after an edit) are skipped.
    Returns the HTML and the facts actually marked.
    """
    usable = sorted((fact for fact in facts if 0 <= fact.start < fact.end <= len(body)),
                    key=lambda fact: (fact.start, -(fact.end - fact.start), KIND_ORDER.get(fact.kind, 9)))
    pieces, shown, cursor = [], [], 0
    for fact in usable:
        if fact.start < cursor:
            continue
        pieces.append(html.escape(body[cursor:fact.start]))
        inner = html.escape(body[fact.start:fact.end])
        if fact.kind == "official" and fact.person_id:
            href = f"{person_path}/{urllib.parse.quote(fact.person_id)}"
            inner = f'<a href="{html.escape(href)}">{inner}</a>'
        elif fact.kind == "figure" and fact.indicator_key:
            href = f"{indicator_path}/{urllib.parse.quote(fact.indicator_key)}"
            inner = f'<a href="{html.escape(href)}">{inner}</a>'
        pieces.append(f'<mark class="fact fact-{html.escape(fact.kind)}" data-kind="{html.escape(fact.kind)}" '
                      f'title="{html.escape(fact.note)}">{inner}</mark>')
        shown.append(fact)
        cursor = fact.end
    pieces.append(html.escape(body[cursor:]))
    return Markup("".join(pieces)), shown
