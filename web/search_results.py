"""The search page's results from the tantivy index, and the same results as CSV and as an Atom feed.

The index gives the ranked article ids (crawler.search_engine); the archive gives their rows, read
through Datasette's connection; snippets come from the archive's own text.
"""

from __future__ import annotations

import csv
import functools
import io
import sqlite3
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from crawler import search_engine
from crawler.search import SearchRequest, story_copies
from crawler.search_engine import EXACT, SPELLING
from crawler.search_query import parse_query
from crawler.search_snippets import snippet
from crawler.spreadsheet import guard_row
from web.i18n import text

RESULT_COLUMNS = ("a.id, a.title, a.body, a.url, a.site_id, a.published_date, a.province, a.province_2025, "
                  "a.original_url, a.repost_of, a.first_seen, coalesce(a.story_id, a.id) as story, "
                  "(select name from sites where id = a.site_id) as site_name, "
                  "max(0, (select count(*) from articles c where c.story_id = coalesce(a.story_id, a.id)) - 1) "
                  "as copies")
NOTHING_TO_SEARCH = "search.nothing"  # message keys (web/messages.yaml)
NO_INDEX = "search.no_index"
MAX_DOWNLOAD = 10_000
FEED_SIZE = 50
CSV_COLUMNS = ("rank", "match", "published_date", "title", "site_id", "site_name", "province", "province_2025",
               "url", "archive_url", "id", "first_seen")


@functools.cache
def engine(db_path: str) -> search_engine.Engine:
    return search_engine.Engine(db_path)


def _rows(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    cursor = conn.execute(f"select {RESULT_COLUMNS} from articles a where a.id in "
                          f"({', '.join('?' for _ in ids)})", ids)
    names = [description[0] for description in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def search_results(conn: sqlite3.Connection, db_path: str, request: SearchRequest, article_path: str,
                   with_copies: bool = True, lang: str = "vi") -> dict[str, Any]:
    """One page of ranked results with snippets, the totals, and each story's copies; `message_key` says
    which message the page shows, `message` is it in the reader's language."""
    parsed = parse_query(request.query)
    if request.query and parsed is None:
        return {"total": 0, "total_is_lower_bound": False, "results": [], "message_key": NOTHING_TO_SEARCH,
                "message": text(NOTHING_TO_SEARCH, lang)}
    try:
        found = search_engine.search(engine(db_path), parsed, request.filters, request.order,
                                     request.limit, request.offset, request.one_per_story)
    except FileNotFoundError:
        return {"total": 0, "total_is_lower_bound": False, "results": [], "message_key": NO_INDEX,
                "message": text(NO_INDEX, lang), "status": 503}
    rows = _rows(conn, [hit.id for hit in found.hits])
    copies = story_copies(conn, [row["story"] for row in rows.values() if row["copies"]]) if with_copies else {}
    words = parsed.words if parsed else ()
    results = []
    for hit in found.hits:
        row = rows.get(hit.id)
        if row is None:  # deleted from the archive since the index last caught up
            continue
        body = row.pop("body") or ""
        exact = hit.tier == EXACT
        results.append({
            **row, "match": hit.tier, "exact_match": int(exact), "score": round(hit.score, 3),
            "title_html": snippet(row["title"], words, len(row["title"] or ""), exact),
            "snippet": snippet(body, words, exact=exact),
            "article_url": f"{article_path}/{row['id']}",
            "story_articles": [{**other, "article_url": f"{article_path}/{other['id']}"}
                               for other in copies.get(row["story"], []) if other["id"] != row["id"]],
        })
    key = None if results or request.offset else "search.no_match"
    key = "search.apart" if found.apart else key
    message = text(key, lang, n=f"{found.apart:,}") if key else None
    return {"total": found.total, "total_is_lower_bound": found.total_is_lower_bound, "results": results,
            "message": message,
            "message_key": key,
            "counts": found.counts, "apart": found.apart}


def spelling_note(found: dict[str, Any], lang: str = "vi") -> str | None:
    """Said above the first result that matches only without the diacritics the query has."""
    count = found.get("counts", {}).get(SPELLING)
    return text("search.spelling_note", lang, n=f"{count:,}") if count and EXACT in found.get("counts", {}) else None


def as_csv(results: list[dict[str, Any]], base_url: str) -> str:
    """The results as CSV, ranked, formula cells guarded (the BOM comes from web/csv_download.py)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rank, row in enumerate(results, start=1):
        record = {**row, "rank": rank, "archive_url": base_url + row["article_url"]}
        writer.writerow(guard_row([record.get(column) if record.get(column) is not None else ""
                                   for column in CSV_COLUMNS]))
    return out.getvalue()


def as_atom(results: list[dict[str, Any]], title: str, self_url: str, page_url: str, base_url: str) -> str:
    """The newest archived matches as an Atom feed: a feed reader shows each new match once (by id)."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    updated = max((row["first_seen"] for row in results if row.get("first_seen")), default=now)
    entries = []
    for row in results:
        link = base_url + row["article_url"]
        published = f"<published>{escape(row['published_date'])}T00:00:00+07:00</published>" if row.get(
            "published_date") else ""
        entries.append(
            f"<entry><id>{escape(link)}</id><title>{escape(row['title'] or row['id'])}</title>"
            f'<link href="{escape(link, {chr(34): "&quot;"})}"/>'
            f'<link rel="related" href="{escape(row["url"] or "", {chr(34): "&quot;"})}"/>'
            f"<updated>{escape(row.get('first_seen') or now)}</updated>{published}"
            f"<author><name>{escape(row.get('site_name') or row.get('site_id') or '')}</name></author>"
            f'<summary type="html">{escape(row["snippet"])}</summary></entry>')
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{escape(self_url)}</id><title>{escape(title)}</title><updated>{escape(updated)}</updated>"
            f'<link rel="self" href="{escape(self_url, {chr(34): "&quot;"})}"/>'
            f'<link rel="alternate" type="text/html" href="{escape(page_url, {chr(34): "&quot;"})}"/>'
            + "".join(entries) + "</feed>\n")
