"""Citations of an article (text, BibTeX, RIS) and of a figure (text): site, title, date, URL, and when
the archive fetched the page, so a reader can find the archived copy if the site is gone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from web import formats
from web.i18n import indicator_name, text

_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_^~])")


def _publisher(article: Mapping[str, Any]) -> str:
    return article.get("site_name") or article.get("site_id") or ""


def article_text(article: Mapping[str, Any], fetched_at: str | None, lang: str = "vi") -> str:
    """Sở Công Thương Hải Phòng. “Title”. 05/07/2024. URL (bản lưu …, tải về lúc …)."""
    parts = [f"{_publisher(article)}.", f"“{(article.get('title') or '').rstrip('.')}”."]
    if article.get("published_date"):
        parts.append(f"{formats.day(article['published_date'], lang)}.")
    parts.append(article.get("url") or "")
    if fetched_at:
        parts.append(f"({text('cite.archived', lang, time=formats.moment(fetched_at, lang))}).")
    return " ".join(part for part in parts if part)


def bibtex(article: Mapping[str, Any], fetched_at: str | None) -> str:
    """A @misc entry (read by BibTeX, biblatex and Zotero alike); the publisher is a corporate author."""
    fields = {
        "author": "{" + _bib(_publisher(article)) + "}",
        "title": "{" + _bib(article.get("title") or "") + "}",
        "howpublished": "\\url{" + (article.get("url") or "") + "}",
        "url": article.get("url") or "",
        "year": (article.get("published_date") or "")[:4],
        "date": article.get("published_date") or "",
        "urldate": (fetched_at or "")[:10],
        "note": _bib(f"Archived copy fetched {fetched_at}") if fetched_at else "",
        "language": "vietnamese",
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{sct-{article['id']},\n{body}\n}}\n"


def ris(article: Mapping[str, Any], fetched_at: str | None) -> str:
    """An RIS record of type NEWS, as Zotero, EndNote and Mendeley import it."""
    lines = [("TY", "NEWS"), ("TI", article.get("title") or ""), ("AU", article.get("author") or ""),
             ("PB", _publisher(article)), ("T2", _publisher(article)),
             ("DA", (article.get("published_date") or "").replace("-", "/")),
             ("PY", (article.get("published_date") or "")[:4]), ("UR", article.get("url") or ""),
             ("Y2", (fetched_at or "")[:10].replace("-", "/")),
             ("N1", f"Archived copy fetched {fetched_at}" if fetched_at else ""), ("LA", "vi"), ("ID", article["id"])]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"


def figure_text(figure: Mapping[str, Any], article: Mapping[str, Any], fetched_at: str | None,
                lang: str = "vi") -> str:
    """Chỉ số sản xuất công nghiệp (IIP), 6 tháng đầu năm 2024: tăng 8,39 %. Nguồn: <the article's citation>."""
    value = " ".join(part for part in (
        text(f"direction.{figure['direction']}", lang) if figure.get("direction") else "",
        formats.number(figure.get("value"), lang), figure.get("unit") or "") if part)
    period = formats.period(figure.get("period_value"), lang) or figure.get("period") or ""
    head = ", ".join(part for part in (indicator_name(figure.get("indicator_key"), lang) or figure.get("indicator"),
                                       period) if part)
    quoted = f" (“{figure['raw']}”)" if figure.get("raw") else ""
    return f"{head}: {value}{quoted}. {text('cite.figure_source', lang)}: {article_text(article, fetched_at, lang)}"


def _bib(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)
