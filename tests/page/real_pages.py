"""Scoring page extraction against ../shared/real-pages/gold.json, as its README defines "fully right"."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.page import Page
from nlp.text import normalize

REAL_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "real-pages"
NON_ARTICLES = ("myfeed__tinhte1.html", "myfeed__vnexpress.hompage.html", "myfeed__thanhnien.homepage.html",
                "myfeed__soha.homepage.html", "myfeed__genkvn.homepage.html")


def gold() -> list[dict]:
    return json.loads((REAL_PAGES / "gold.json").read_text(encoding="utf-8"))


def read(name: str) -> str:
    """The page as the crawler's charset handling gives it (the README lists each file's encoding)."""
    return (REAL_PAGES / name).read_bytes().decode("utf-8", errors="replace")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", normalize(text or "")).strip()


@dataclass
class Score:
    file: str
    wrong: list[str]

    @property
    def right(self) -> bool:
        return not self.wrong


def score(page: Page, expected: dict) -> Score:
    """Title, date, first and last body words, and no trap in the body."""
    wrong = []
    if _flat(page.title) != _flat(expected["title"]):
        wrong.append(f"title {page.title!r}")
    day = (page.published or "")[:10] or None
    accepted = {expected["published"], *expected.get("published_also_acceptable", [])}
    if expected.get("published_in_static_text") is False:
        accepted.add(None)
    if day not in accepted:
        wrong.append(f"date {page.published!r}")
    body = _flat(page.body)
    firsts = [_flat(expected["first"]), _flat(expected.get("first_after_lead", ""))]
    if not any(first and body.startswith(first) for first in firsts):
        wrong.append(f"first {body[:60]!r}")
    lasts = [_flat(expected["last"]), _flat(expected.get("last_alt", ""))]
    if not any(last and body.endswith(last) for last in lasts):
        wrong.append(f"last {body[-60:]!r}")
    wrong.extend(f"trap {trap!r}" for trap in expected["traps"] if _flat(trap) in body)
    return Score(expected["file"], wrong)


def source_urls() -> dict[str, str]:
    """Each page's original URL, from sources.tsv (file, repo, path, commit, original_url, kind)."""
    rows = (line.split("\t") for line in (REAL_PAGES / "sources.tsv").read_text(encoding="utf-8").splitlines())
    return {row[0]: row[4] for row in rows if len(row) > 4 and row[0].endswith(".html")}
