"""The Datasette plugin: Vietnamese-aware `_search`; the search, article, person, indicator, province, site and
health pages; the interface in Vietnamese or English (web/i18n.py); table cells linked to our pages (web/cells.py).

Registered through the `datasette` entry point in pyproject.toml, so `sct serve` needs no extra flags.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from crawler.search import FOLDED_TABLE, match_expression
from web import cells, errors, i18n
from web.csv_download import spreadsheet_csv
from web.metadata_alias import archive_metadata
from web.pages import article, common, health, indicator, indicator_list, person, province, search_page, site
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
        (r"^/-/search(?P<format>\.json)?$", search_page.search_page),
        (r"^/-/search(?P<format>\.csv|\.atom)$", search_page.search_download),
        (r"^/-/article/(?P<id>[^/.]+)(?P<format>\.json|\.bib|\.ris)?$", article.article_page),
        (r"^/-/article/(?P<id>[^/.]+)/archived$", article.archived_page),
        (r"^/-/person/(?P<id>[^/.]+)(?P<format>\.json)?$", person.person_page),
        (r"^/-/indicator/(?P<key>[^/.]+)(?P<format>\.json)?$", indicator.indicator_page),
        (r"^/-/health(?P<format>\.json)?$", health.health_page),
        (r"^/-/province/(?P<name>[^/]+?)(?P<format>\.json)?$", province.province_page),
        (r"^/-/provinces(?P<format>\.json)?$", province.provinces_page),
        (r"^/-/site/(?P<id>[^/.]+)(?P<format>\.json)?$", site.site_page),
        (r"^/-/sites(?P<format>\.json)?$", site.sites_page),
        (r"^/-/indicators(?P<format>\.json)?$", indicator_list.indicators_page),
        (r"^/-/lang/(?P<lang>vi|en)$", common.switch_language),
        (r"^/-/sct-static/(?P<name>[a-z0-9_-]+\.css)$", common.static_file),
    ]


@hookimpl
def menu_links(datasette: Any, request: Any) -> list[dict[str, str]]:
    lang = i18n.request_language(request)
    return [{"href": datasette.urls.path("/-/search"), "label": i18n.text("search.title", lang)},
            {"href": datasette.urls.path("/-/health"), "label": i18n.text("nav.health", lang)}]


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    common.add_templates(env)


@hookimpl
def extra_template_vars(request: Any) -> dict[str, Any]:
    return i18n.template_vars(i18n.request_language(request))


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, datasette: Any) -> Any:
    return cells.render_cell(value, column, table, row, datasette.setting("base_url"))


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    return errors.handle_exception(datasette, request, exception)


@hookimpl
def get_metadata(datasette: Any) -> dict[str, Any]:
    return archive_metadata(datasette)


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: read_only(spreadsheet_csv(app))
