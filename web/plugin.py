"""The Datasette plugin: Vietnamese-aware `_search`; the search, article, person, indicator and health pages.

Registered through the `datasette` entry point in pyproject.toml, so `sct serve` needs no extra flags.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from crawler.search import FOLDED_TABLE, match_expression
from web import pages
from web.csv_download import spreadsheet_csv
from web.safety import limit_connection, read_only


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Replace Datasette's `escape_fts` on archive connections, so `?_search=` folds like the search page.

    Runs after Datasette's own registration (trylast), which it overrides; other databases keep theirs.
    Every connection is bounded first (web/safety.py).
    """
    limit_connection(conn)
    found = conn.execute("select 1 from sqlite_master where name = ?", [FOLDED_TABLE]).fetchone()
    if found:
        conn.create_function("escape_fts", 1, match_expression, deterministic=True)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/search(?P<format>\.json)?$", pages.search_page),
        (r"^/-/search(?P<format>\.csv|\.atom)$", pages.search_download),
        (r"^/-/article/(?P<id>[^/.]+)(?P<format>\.json)?$", pages.article_page),
        (r"^/-/person/(?P<id>[^/.]+)(?P<format>\.json)?$", pages.person_page),
        (r"^/-/indicator/(?P<key>[^/.]+)(?P<format>\.json)?$", pages.indicator_page),
        (r"^/-/health(?P<format>\.json)?$", pages.health_page),
        (r"^/-/sct-static/(?P<name>[a-z0-9_-]+\.css)$", pages.static_file),
    ]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/search"), "label": "Search the archive"},
            {"href": datasette.urls.path("/-/health"), "label": "Site health"}]


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: read_only(spreadsheet_csv(app))
