"""The site health page: the same report as `sct status`, for whoever watches the archive in a browser."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils
from datasette.utils.asgi import Response

from crawler.health import site_health
from web.pages.common import read, render


def health_data(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [site.to_dict() for site in site_health(sqlite_utils.Database(conn))]


async def health_page(datasette: Any, request: Any) -> Response:
    """The same report as `sct status`, for whoever watches the archive in a browser."""
    sites = await read(datasette, health_data)
    if request.url_vars.get("format") == ".json":
        return Response.json(sites)
    return await render(datasette, request, "sct_health.html", {"sites": sites})
