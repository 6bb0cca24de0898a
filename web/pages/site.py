"""The site pages: one source site (publisher, province before and after the merger, crawl health, latest
articles), and the list of every site the archive crawls.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any

import sqlite_utils
from datasette.utils.asgi import Response

from crawler.health import site_health
from web.pages.common import archive_db, list_page, not_found, read, render, rows

LATEST_ARTICLES = 20


def site_data(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    found = rows(conn, "select * from sites where id = ?", [key])
    if not found:
        return None
    articles = rows(conn, "select id, title, published_date, repost_of from articles where site_id = ? "
                          "order by published_date desc, id limit ?", [key, LATEST_ARTICLES])
    total = conn.execute("select count(*) from articles where site_id = ?", [key]).fetchone()[0]
    health = next((site.to_dict() for site in site_health(sqlite_utils.Database(conn)) if site.site_id == key), None)
    return {"site": found[0], "articles": articles, "total": total, "health": health}


async def site_page(datasette: Any, request: Any) -> Response:
    key = request.url_vars["id"]
    data = await read(datasette, partial(site_data, key=key))
    if data is None:
        raise not_found(request, "error.no_site", key)
    if request.url_vars.get("format") == ".json":
        return Response.json(data)
    table = datasette.urls.table((await archive_db(datasette)).name, "articles")
    return await render(datasette, request, "sct_site.html", {**data, "table_url": f"{table}?site_id={key}"})


def sites_data(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows(conn, "select s.id, s.name, s.kind, s.province, s.province_2025, s.homepage, "
                      "(select count(*) from articles a where a.site_id = s.id) as articles "
                      "from sites s order by s.province, s.kind, s.name")


async def sites_page(datasette: Any, request: Any) -> Response:
    return await list_page(datasette, request, sites_data, "sct_sites.html", "sites")
