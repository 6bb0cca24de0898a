"""The search page (HTML and JSON): Vietnamese-aware search with filters, order and reposts grouped."""

from __future__ import annotations

import re
import sqlite3
import urllib.parse
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from datasette.utils.asgi import Response
from markupsafe import Markup

from crawler import search
from web import search_results
from web.i18n import text
from web.pages.common import archive_db, language, read, render, rows

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 500
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ERAS = ("any", "publication", "2025")


@dataclass
class SearchForm:
    """The search page's parameters, validated; `problems` says what was ignored or cut and why."""

    q: str = ""
    site: str = ""
    province: str = ""
    era: str = "any"
    since: str = ""
    until: str = ""
    person: str = ""
    indicator: str = ""
    order: str = "relevance"
    page: int = 1
    size: int = PAGE_SIZE
    problems: list[str] = field(default_factory=list)
    lang: str = "vi"

    @classmethod
    def from_args(cls, args: Mapping[str, str], lang: str = "vi") -> SearchForm:
        form = cls(**{name: (args.get(name) or "").strip()[:200] for name in
                      ("site", "province", "person", "indicator")})
        form.lang = lang
        form.q = (args.get("q") or "").strip()
        if len(form.q) > search.MAX_QUERY_CHARS:
            form.problems.append(text("search.query_cut", lang, n=search.MAX_QUERY_CHARS))
        form.era = args.get("era") if args.get("era") in ERAS else "any"
        form.order = args.get("order") if args.get("order") in search.ORDERS else "relevance"
        for name in ("since", "until"):
            value = (args.get(name) or "").strip()
            if value and not DATE.match(value):
                form.problems.append(text("search.bad_date", lang, name=name, value=repr(value[:40])))
                value = ""
            setattr(form, name, value)
        form.page = _bounded(args.get("page"), 1, 1, MAX_PAGE)
        form.size = _bounded(args.get("size"), PAGE_SIZE, 1, MAX_PAGE_SIZE)
        return form

    def request(self) -> search.SearchRequest:
        filters = search.SearchFilters(site=self.site or None, province=self.province or None,
                                       since=self.since or None, until=self.until or None,
                                       person=self.person or None, indicator=self.indicator or None,
                                       province_era=self.era)
        return search.SearchRequest(query=self.q or None, filters=filters, order=self.order,
                                    limit=self.size, offset=(self.page - 1) * self.size)

    def params(self, **changes: Any) -> dict[str, Any]:
        values = {key: value for key, value in asdict(self).items() if key not in ("problems", "lang")}
        values.update(changes)
        defaults = {"era": "any", "order": "relevance", "page": 1, "size": PAGE_SIZE}
        return {key: value for key, value in values.items() if value and defaults.get(key) != value}

    def url(self, path: str, **changes: Any) -> str:
        query = urllib.parse.urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path


def _bounded(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(raw or default)))
    except ValueError:
        return default


def search_choices(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the form's filters offer: sites, provinces of both eras, indicators, best-known people."""
    return {
        "sites": rows(conn, "select id, name from sites order by name"),
        "provinces": [row["p"] for row in rows(
            conn, "select province as p from sites union select province from articles "
                  "where province is not null order by 1") if row["p"]],
        "provinces_2025": [row["p"] for row in rows(
            conn, "select distinct province_2025 as p from sites where province_2025 is not null order by 1")],
        "indicators": [row["k"] for row in rows(
            conn, "select distinct indicator_key as k from figures where indicator_key is not null order by 1")],
        "people": rows(conn, "select id, name, latest_position from people order by mentions desc, name limit 500"),
    }


async def search_page(datasette: Any, request: Any) -> Response:
    form = SearchForm.from_args(request.args, language(request))
    found, status = await _search(datasette, form.request(), form.lang)
    pages = max(1, -(-found["total"] // form.size))
    if found.get("total_is_lower_bound"):  # more matches than counted: there is a page after this one
        pages = max(pages, form.page + 1)
    here = datasette.urls.path("/-/search")
    payload = {
        "query": form.q, "filters": form.params(q="", page=1, size=PAGE_SIZE, order="relevance"),
        "order": form.order, "page": form.page, "size": form.size, "pages": pages,
        "problems": form.problems, **found,
        "next_url": form.url(f"{here}.json", page=form.page + 1) if form.page < pages else None,
    }
    if request.url_vars.get("format") == ".json":
        return Response.json(payload, status=status)
    choices = await read(datasette, search_choices)
    for result in payload["results"]:
        result["title_html"], result["snippet"] = Markup(result["title_html"]), Markup(result["snippet"])
    return await render(datasette, request, "sct_search.html", {
        **payload, **choices, "form": form, "json_url": form.url(f"{here}.json"),
        "csv_url": form.url(f"{here}.csv", page=1), "atom_url": form.url(f"{here}.atom", page=1, order="relevance"),
        "spelling_note": search_results.spelling_note(found, form.lang),
        "page_urls": {number: form.url(here, page=number) for number in _page_window(form.page, pages)},
        "order_urls": {order: form.url(here, order=order, page=1) for order in search.ORDERS},
    }, status=status)


async def _search(datasette: Any, request: search.SearchRequest, lang: str,
                  with_copies: bool = True) -> tuple[dict, int]:
    """Results for a request, and the HTTP status to send them with."""
    db = await archive_db(datasette)
    article_path = datasette.urls.path("/-/article")
    try:
        found = await read(datasette, partial(search_results.search_results, db_path=db.path, request=request,
                                              article_path=article_path, with_copies=with_copies, lang=lang))
    except sqlite3.OperationalError as error:
        reason = text("search.too_long", lang) if "interrupt" in str(error) else str(error)
        return {"total": 0, "total_is_lower_bound": False, "results": [], "message": reason}, 400
    return found, found.pop("status", 200)


async def search_download(datasette: Any, request: Any) -> Response:
    """The search as CSV (every result up to MAX_DOWNLOAD, ranked) or Atom (the newest archived matches)."""
    form = SearchForm.from_args(request.args, language(request))
    wanted = form.request()
    feed = request.url_vars["format"] == ".atom"
    wanted.offset, wanted.limit = 0, search_results.FEED_SIZE if feed else search_results.MAX_DOWNLOAD
    if feed:
        wanted.order = "archived"
    found, status = await _search(datasette, wanted, form.lang, with_copies=False)
    base = f"{request.scheme}://{request.host}"
    if status != 200 or (form.q and found.get("message_key") == search_results.NOTHING_TO_SEARCH):
        return Response.text(found["message"] or "error", status=status if status != 200 else 400)
    if feed:
        here = datasette.urls.path("/-/search")
        title = text("search.feed_title", form.lang, q=form.q) if form.q else text("search.feed_new", form.lang)
        body = search_results.as_atom(found["results"], title, base + form.url(f"{here}.atom", page=1),
                                      base + form.url(here, page=1), base)
        return Response(body, content_type="application/atom+xml; charset=utf-8")
    return Response(search_results.as_csv(found["results"], base), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="search.csv"'})


def _page_window(page: int, pages: int) -> list[int]:
    return sorted({1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1)})


