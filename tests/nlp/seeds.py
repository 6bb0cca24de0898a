"""The five real seed articles and their gold annotations, cut to what the page extractor passes on.

`article_body` keeps the lines after the title and the publication-date line (whichever comes
later) and before the byline: the author's line ("Bùi Văn An", "Nguồn Bài: Bùi Văn An"), the
source note ("Văn phòng Sở sưu tầm") or the first line of page chrome ("Xem tin khác").
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "mirror" / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "gold_seeds.json"
CHROME_STARTS = ("Xem tin khác", "[Quay lại]", "Từ khóa:", "Các tin cùng Chuyên mục")


def gold() -> dict[str, Any]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def articles() -> list[dict[str, Any]]:
    return gold()["articles"]


def seed_text(article: dict[str, Any]) -> str:
    return (SEEDS / article["seed"]).read_text(encoding="utf-8")


def article_body(article: dict[str, Any]) -> str:
    lines = seed_text(article).split("\n")
    heads = [article.get("title"), article.get("published_raw")]
    start = max((i + 1 for i, line in enumerate(lines) if line.strip() and line.strip() in heads), default=0)
    ends = [article.get("author"), article.get("source_note")]
    end = next(
        (
            i
            for i, line in enumerate(lines[start:], start)
            if line.strip()
            and (
                any(e and (line.strip() == e or line.strip().endswith(": " + e)) for e in ends)
                or line.strip().startswith(CHROME_STARTS)
            )
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


def published(article: dict[str, Any]) -> date | None:
    """The gold publication day; else the month of the original URL (".../202303/..."), if any."""
    if article.get("published"):
        return date.fromisoformat(article["published"][:10])
    m = re.search(r"/(20\d{2})(\d{2})/", article.get("original_url") or "")
    return date(int(m.group(1)), int(m.group(2)), 1) if m else None
