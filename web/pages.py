"""The plugin's pages: search (HTML and JSON), article, person and indicator.

Every page reads the archive through Datasette's read-only connections and renders a template
extending Datasette's base.html; every text from the archive or the request is HTML-escaped.
"""

from __future__ import annotations

import re
import sqlite3
import urllib.parse
import weakref
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import sqlite_utils
from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import NotFound, Response
from jinja2 import Environment, Template
from markupsafe import Markup

from crawler import search
from crawler.health import site_health
from web import indicator, search_results
from web.highlight import Fact, highlight

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 500
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ERAS = ("any", "publication", "2025")
_templates: weakref.WeakKeyDictionary[Environment, dict[str, Template]] = weakref.WeakKeyDictionary()


async def archive_db(datasette: Any) -> Any:
    """The served database that holds the archive (the one with the search index)."""
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists(search.FOLDED_TABLE):
            return db
    raise NotFound("No archive database is being served")


async def render(datasette: Any, request: Any, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render web/templates/<name> in Datasette's own Jinja environment, so it can extend base.html.

    A plugin registered as a module (web.plugin) gets no automatic templates directory, hence
    the templates are compiled here, once per environment.
    """
    env = datasette.jinja_env
    compiled = _templates.setdefault(env, {})
    if name not in compiled:
        compiled[name] = env.from_string((TEMPLATES / name).read_text(encoding="utf-8"))
    context = {**context, "sct_css": datasette.urls.path("/-/sct-static/sct.css")}
    html = await datasette.render_template(compiled[name], context, request=request)
    return Response.html(html, status=status)


async def read(datasette: Any, work: Callable[[sqlite3.Connection], Any]) -> Any:
    """Run `work` on a read connection under Datasette's SQL time limit."""
    db = await archive_db(datasette)
    limit = datasette.setting("sql_time_limit_ms")

    def timed(conn: sqlite3.Connection) -> Any:
        with sqlite_timelimit(conn, limit):
            return work(conn)

    return await db.execute_fn(timed)


def rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


async def static_file(datasette: Any, request: Any) -> Response:
    path = STATIC / request.url_vars["name"]
    if not path.is_file():
        raise NotFound("No such file")
    return Response(path.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


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

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchForm:
        form = cls(**{name: (args.get(name) or "").strip()[:200] for name in
                      ("site", "province", "person", "indicator")})
        form.q = (args.get("q") or "").strip()
        if len(form.q) > search.MAX_QUERY_CHARS:
            form.problems.append(f"Only the first {search.MAX_QUERY_CHARS} characters of the query were searched.")
        form.era = args.get("era") if args.get("era") in ERAS else "any"
        form.order = args.get("order") if args.get("order") in search.ORDERS else "relevance"
        for name in ("since", "until"):
            value = (args.get(name) or "").strip()
            if value and not DATE.match(value):
                form.problems.append(f"Ignored {name}={value[:40]!r}: dates are written YYYY-MM-DD.")
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
        values = {key: value for key, value in asdict(self).items() if key != "problems"}
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
            conn, "select province as p from sites union select province_2025 from sites "
                  "union select province from articles where province is not null order by 1") if row["p"]],
        "indicators": [row["k"] for row in rows(
            conn, "select distinct indicator_key as k from figures where indicator_key is not null order by 1")],
        "people": rows(conn, "select id, name, latest_position from people order by mentions desc, name limit 500"),
    }


async def search_page(datasette: Any, request: Any) -> Response:
    form = SearchForm.from_args(request.args)
    found, status = await _search(datasette, form.request())
    pages = max(1, -(-found["total"] // form.size))
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
        "spelling_note": search_results.spelling_note(found),
        "page_urls": {number: form.url(here, page=number) for number in _page_window(form.page, pages)},
        "order_urls": {order: form.url(here, order=order, page=1) for order in search.ORDERS},
    }, status=status)


async def _search(datasette: Any, request: search.SearchRequest, with_copies: bool = True) -> tuple[dict, int]:
    """Results for a request, and the HTTP status to send them with."""
    db = await archive_db(datasette)
    article_path = datasette.urls.path("/-/article")
    try:
        found = await read(datasette, partial(search_results.search_results, db_path=db.path, request=request,
                                              article_path=article_path, with_copies=with_copies))
    except sqlite3.OperationalError as error:
        reason = "The search took too long; add words or filters." if "interrupt" in str(error) else str(error)
        return {"total": 0, "total_is_lower_bound": False, "results": [], "message": reason}, 400
    return found, found.pop("status", 200)


async def search_download(datasette: Any, request: Any) -> Response:
    """The search as CSV (every result up to MAX_DOWNLOAD, ranked) or Atom (the newest archived matches)."""
    form = SearchForm.from_args(request.args)
    wanted = form.request()
    feed = request.url_vars["format"] == ".atom"
    wanted.offset, wanted.limit = 0, search_results.FEED_SIZE if feed else search_results.MAX_DOWNLOAD
    if feed:
        wanted.order = "archived"
    found, status = await _search(datasette, wanted, with_copies=False)
    base = f"{request.scheme}://{request.host}"
    if status != 200 or (form.q and found["message"] == search_results.NOTHING_TO_SEARCH):
        return Response.text(found["message"] or "error", status=status if status != 200 else 400)
    if feed:
        here = datasette.urls.path("/-/search")
        title = f"Công Thương archive: {form.q}" if form.q else "Công Thương archive: new articles"
        body = search_results.as_atom(found["results"], title, base + form.url(f"{here}.atom", page=1),
                                      base + form.url(here, page=1), base)
        return Response(body, content_type="application/atom+xml; charset=utf-8")
    return Response(search_results.as_csv(found["results"], base), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="search.csv"'})


def _page_window(page: int, pages: int) -> list[int]:
    return sorted({1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1)})


def article_data(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    found = rows(conn, "select a.*, s.name as site_name, s.homepage as site_homepage from articles a "
                       "left join sites s on s.id = a.site_id where a.id = ?", [key])
    if not found:
        return None
    article = found[0]
    facts = [Fact(row["start"], row["end"], "official", row["name"] or row["raw"], row["position"] or "",
                  row["person_id"]) for row in rows(
        conn, "select start, end, raw, name, position, person_id from official_mentions where article_id = ?", [key])]
    facts += [Fact(row["start"], row["end"], "figure", row["raw"], _figure_label(row)) for row in rows(
        conn, "select start, end, raw, indicator_key, value, unit, period_value from figures where article_id = ?",
        [key])]
    facts += [Fact(row["start"], row["end"], "date", row["raw"], row["label"] or row["value"] or "") for row in rows(
        conn, "select start, end, raw, value, label from dates_mentioned where article_id = ?", [key])]
    story = article.get("story_id")
    others = search.story_copies(conn, [story]).get(story, []) if story else []
    original = None
    if article.get("repost_of"):
        original = next(iter(rows(conn, "select id, title, url, site_id from articles where id = ?",
                                  [article["repost_of"]])), None)
    return {"article": article, "facts": facts, "story_articles": [row for row in others if row["id"] != key],
            "original": original}


def _figure_label(row: Mapping[str, Any]) -> str:
    parts = [row["indicator_key"] or "figure", f"{row['value']:g}" if row["value"] is not None else "",
             row["unit"] or "", row["period_value"] or ""]
    return " ".join(part for part in parts if part)


async def article_page(datasette: Any, request: Any) -> Response:
    key = request.url_vars["id"]
    data = await read(datasette, partial(article_data, key=key))
    if data is None:
        raise NotFound(f"No article {key}")
    person_path = datasette.urls.path("/-/person")
    body_html, shown = highlight(data["article"]["body"] or "", data["facts"], person_path)
    if request.url_vars.get("format") == ".json":
        return Response.json({**data, "facts": [asdict(fact) for fact in data["facts"]],
                              "highlighted": [asdict(fact) for fact in shown]})
    return await render(datasette, request, "sct_article.html", {
        **data, "body_html": body_html, "counts": {kind: sum(1 for fact in shown if fact.kind == kind)
                                                   for kind in ("official", "figure", "date")},
        "table_url": datasette.urls.table((await archive_db(datasette)).name, "articles"),
    })


def person_data(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    found = rows(conn, "select * from people where id = ?", [key])
    if not found:
        return None
    mentions = rows(conn, "select m.published_date, m.position, m.organisation, m.org_place, m.sentence, "
                          "a.id as article_id, a.title, a.site_id, a.province, a.published "
                          "from official_mentions m join articles a on a.id = m.article_id where m.person_id = ? "
                          "order by m.published_date is null, m.published_date, a.published, m.start", [key])
    return {"person": found[0], "mentions": mentions, "terms": _terms(mentions)}


def _terms(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive mentions with the same position, as spans: who held which office when, and where
    (the post's province, else the article's)."""
    terms: list[dict[str, Any]] = []
    for mention in mentions:
        position = mention["position"] or "(position not stated)"
        province = mention["org_place"] or mention["province"]
        if terms and (terms[-1]["position"], terms[-1]["province"]) == (position, province):
            terms[-1]["last"] = mention["published_date"] or terms[-1]["last"]
            terms[-1]["mentions"] += 1
        else:
            terms.append({"position": position, "province": province, "first": mention["published_date"],
                          "last": mention["published_date"], "mentions": 1})
    return terms


async def person_page(datasette: Any, request: Any) -> Response:
    key = request.url_vars["id"]
    data = await read(datasette, partial(person_data, key=key))
    if data is None:
        raise NotFound(f"No person {key}")
    if request.url_vars.get("format") == ".json":
        return Response.json(data)
    db_name = (await archive_db(datasette)).name
    return await render(datasette, request, "sct_person.html", {
        **data, "article_path": datasette.urls.path("/-/article"),
        "query_url": datasette.urls.path(f"/{db_name}/person_timeline") + "?" + urllib.parse.urlencode(
            {"person": key}),
    })


async def indicator_page(datasette: Any, request: Any) -> Response:
    """One indicator: a chart per measure and period kind (web/indicator.py), the latest value per province."""
    key = request.url_vars["key"]
    era = "2025" if request.args.get("era") == "2025" else "publication"
    article_path = datasette.urls.path("/-/article")
    data = await read(datasette, partial(indicator.indicator_data, key=key, era=era, article_path=article_path))
    if not data["rows"] and key not in data["known"]:
        raise NotFound(f"No indicator {key}")
    context = indicator.page_context(key, data, request.args.get("chart"))
    if request.url_vars.get("format") == ".json":
        return Response.json({"indicator": key, "label": context["label"], "era": era, "rows": data["rows"],
                              "charts": [item.to_dict() for item in data["charts"]]})
    db_name = (await archive_db(datasette)).name
    query = datasette.urls.path(f"/{db_name}/indicator_series")
    params = urllib.parse.urlencode({"indicator": key})
    here = datasette.urls.path(f"/-/indicator/{key}")
    return await render(datasette, request, "sct_indicator.html", {
        "key": key, "era": era, **data, **context, "svg": Markup(context["svg"]),
        "csv_url": f"{query}.csv?{params}&_size=max", "json_url": f"{query}.json?{params}&_shape=objects&_size=max",
        "query_url": f"{query}?{params}", "era_urls": {"publication": here, "2025": f"{here}?era=2025"},
        "here": here, "series_url": datasette.urls.path(f"/{db_name}/series") + "?" + urllib.parse.urlencode(
            {"indicator_key": key}),
        "article_path": article_path, "indicator_path": datasette.urls.path("/-/indicator"),
    })


def health_data(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [site.to_dict() for site in site_health(sqlite_utils.Database(conn))]


async def health_page(datasette: Any, request: Any) -> Response:
    """The same report as `sct status`, for whoever watches the archive in a browser."""
    sites = await read(datasette, health_data)
    if request.url_vars.get("format") == ".json":
        return Response.json(sites)
    return await render(datasette, request, "sct_health.html", {"sites": sites})
