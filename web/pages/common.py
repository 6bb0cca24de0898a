"""What every page shares: finding the archive database, reading it under the time limit, rendering
in the reader's language, and the errors a page raises.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datasette.utils import sqlite_timelimit
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from crawler import search
from web import i18n

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"


def add_templates(env: Environment) -> None:
    """Put web/templates first in Datasette's loader: our pages, and our overrides of Datasette's own
    (base.html, index.html, error.html). A plugin registered as a module (web.plugin) gets no
    automatic templates directory."""
    if not isinstance(env.loader, ChoiceLoader) or not any(
            isinstance(loader, FileSystemLoader) and str(TEMPLATES) in loader.searchpath
            for loader in env.loader.loaders):
        env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])
    env.globals.update(i18n.template_vars(i18n.DEFAULT))  # for a template rendered without a request


async def archive_db(datasette: Any) -> Any:
    """The served database that holds the archive (the one with the search index), whatever its name."""
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists(search.FOLDED_TABLE):
            return db
    raise NotFound(i18n.text("error.no_archive"))


def language(request: Any) -> str:
    return i18n.request_language(request)


def not_found(request: Any, key: str, value: str) -> NotFound:
    """A 404 in the reader's language, e.g. not_found(request, "error.no_article", key)."""
    return NotFound(i18n.text(key, language(request), id=value))


async def render(datasette: Any, request: Any, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render web/templates/<name> in Datasette's Jinja environment, so it extends our base.html."""
    html = await datasette.render_template(name, context, request=request)
    return Response.html(html, status=status, headers={"Content-Language": language(request)})


async def read(datasette: Any, work: Callable[[sqlite3.Connection], Any]) -> Any:
    """Run `work` on a read connection under Datasette's SQL time limit."""
    db = await archive_db(datasette)
    limit = datasette.setting("sql_time_limit_ms")

    def timed(conn: sqlite3.Connection) -> Any:
        with sqlite_timelimit(conn, limit):
            return work(conn)

    return await db.execute_fn(timed)


async def list_page(datasette: Any, request: Any, data: Callable[[sqlite3.Connection], list[dict[str, Any]]],
                    template: str, name: str) -> Response:
    """A page that lists rows (sites, indicators): as JSON with `.json`, else through its template."""
    found = await read(datasette, data)
    if request.url_vars.get("format") == ".json":
        return Response.json(found)
    return await render(datasette, request, template, {name: found})


def rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def quote(value: str) -> str:
    """A path segment for a Vietnamese name (/-/province/Hải%20Dương)."""
    return urllib.parse.quote(value, safe="")


async def static_file(datasette: Any, request: Any) -> Response:
    path = STATIC / request.url_vars["name"]
    if not path.is_file():
        raise NotFound("No such file")
    return Response(path.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


async def switch_language(datasette: Any, request: Any) -> Response:
    """/-/lang/en?next=/-/search: remember the choice in a cookie, go back where the reader was."""
    lang = request.url_vars["lang"]
    target = request.args.get("next") or "/"
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = Response.redirect(target)
    response.set_cookie(i18n.COOKIE, lang, max_age=i18n.COOKIE_MAX_AGE, samesite="lax")
    return response
