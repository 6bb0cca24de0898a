"""The article page: the text with its facts marked (officials → person pages, figures → indicator pages),
its figures and documents cited, its copies elsewhere, its original if a repost, its citation, and the
archived copy of the page as fetched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import asdict
from functools import partial
from typing import Any

from datasette.utils.asgi import Response

from crawler import search
from crawler.rawstore import raw_html
from web import archived, citation, formats
from web.highlight import Fact, highlight
from web.i18n import indicator_name, text
from web.pages.common import archive_db, language, not_found, read, render, rows

CITATION_FORMATS = {".bib": ("application/x-bibtex; charset=utf-8", citation.bibtex),
                    ".ris": ("application/x-research-info-systems; charset=utf-8", citation.ris)}


def article_data(conn: sqlite3.Connection, key: str, lang: str = "vi") -> dict[str, Any] | None:
    found = rows(conn, "select a.*, s.name as site_name, s.homepage as site_homepage, p.fetched_at as page_fetched_at "
                       "from articles a left join sites s on s.id = a.site_id "
                       "left join pages p on p.article_id = a.id where a.id = ?", [key])
    if not found:
        return None
    article = found[0]
    facts = [Fact(row["start"], row["end"], "official", row["name"] or row["raw"], row["position"] or "",
                  row["person_id"]) for row in rows(
        conn, "select start, end, raw, name, position, person_id from official_mentions where article_id = ?", [key])]
    figures = rows(conn, "select start, end, raw, indicator, indicator_key, value, unit, direction, comparison, "
                         "period, period_value, scope, estimate, sentence from figures where article_id = ? "
                         "order by start", [key])
    facts += [Fact(row["start"], row["end"], "figure", row["raw"], _figure_label(row, lang), None, row["indicator_key"])
              for row in figures]
    facts += [Fact(row["start"], row["end"], "date", row["raw"], row["label"] or row["value"] or "") for row in rows(
        conn, "select start, end, raw, value, label from dates_mentioned where article_id = ?", [key])]
    documents = rows(conn, "select kind, number, issuer, issued, raw, sentence from documents_cited "
                           "where article_id = ? order by start", [key])
    story = article.get("story_id")
    others = search.story_copies(conn, [story]).get(story, []) if story else []
    original = None
    if article.get("repost_of"):
        original = next(iter(rows(conn, "select id, title, url, site_id, published_date from articles where id = ?",
                                  [article["repost_of"]])), None)
    return {"article": article, "facts": facts, "figures": figures, "documents": documents,
            "story_articles": [row for row in others if row["id"] != key], "original": original}


def _figure_label(row: Mapping[str, Any], lang: str) -> str:
    """What a figure's mark says on hover: Chỉ số sản xuất công nghiệp (IIP) 8,39 % 6 tháng đầu năm 2024."""
    parts = [indicator_name(row["indicator_key"], lang) or text("indicator.figure", lang),
             formats.number(row["value"], lang), row["unit"] or "", formats.period(row["period_value"], lang)]
    return " ".join(part for part in parts if part)


def archived_html(conn: sqlite3.Connection, key: str) -> str | None:
    """The stored page, decoded as the crawler decoded it, then sanitised; None when nothing is stored."""
    raw = raw_html(conn, key)
    if raw is None:
        return None
    encoding = conn.execute("select encoding from pages where article_id = ?", [key]).fetchone()
    return archived.sanitise(archived.decode(raw, encoding[0] if encoding else None))


async def article_page(datasette: Any, request: Any) -> Response:
    key = request.url_vars["id"]
    lang = language(request)
    data = await read(datasette, partial(article_data, key=key, lang=lang))
    if data is None:
        raise not_found(request, "error.no_article", key)
    article, fetched_at = data["article"], data["article"].get("page_fetched_at") or data["article"]["fetched_at"]
    output = request.url_vars.get("format")
    if output in CITATION_FORMATS:
        content_type, write = CITATION_FORMATS[output]
        return Response(write(article, fetched_at), content_type=content_type,
                        headers={"Content-Disposition": f'inline; filename="{key}{output}"'})
    body_html, shown = highlight(article["body"] or "", data["facts"], datasette.urls.path("/-/person"),
                                 datasette.urls.path("/-/indicator"))
    if output == ".json":
        return Response.json({**data, "facts": [asdict(fact) for fact in data["facts"]],
                              "highlighted": [asdict(fact) for fact in shown],
                              "citation": {"text": citation.article_text(article, fetched_at, lang),
                                           "bibtex": citation.bibtex(article, fetched_at),
                                           "ris": citation.ris(article, fetched_at)}})
    for figure in data["figures"]:
        figure["citation"] = citation.figure_text(figure, article, fetched_at, lang)
        figure["name"] = indicator_name(figure["indicator_key"], lang) or figure["indicator"]
    return await render(datasette, request, "sct_article.html", {
        **data, "body_html": body_html, "counts": {kind: sum(1 for fact in shown if fact.kind == kind)
                                                   for kind in ("official", "figure", "date")},
        "table_url": datasette.urls.table((await archive_db(datasette)).name, "articles"),
        "fetched_at": fetched_at, "fetched_label": formats.moment(fetched_at, lang),
        "citation_text": citation.article_text(article, fetched_at, lang),
        "has_archived_copy": bool(article.get("page_fetched_at")),
    })


async def archived_page(datasette: Any, request: Any) -> Response:
    """The archived copy alone, under a CSP that loads and runs nothing; the article page frames it."""
    key = request.url_vars["id"]
    html = await read(datasette, partial(archived_html, key=key))
    if html is None:
        raise not_found(request, "error.no_article", key)
    return Response(html, content_type="text/html; charset=utf-8", headers=dict(archived.HEADERS))
