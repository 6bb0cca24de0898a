"""Datasette's table and query cells, linked into our pages: an article id or title to /-/article/…, a
person to /-/person/…, a site to /-/site/…, a province to /-/province/…, an indicator to /-/indicator/….

JSON lists (a person's positions) show as text, and an article body is cut to its opening, so the
articles table stays a table rather than every article in full (the article page has the text).
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from markupsafe import Markup, escape

BODY_CHARS = 240
# (table or None for any table and canned queries, column) → our page
LINKS = {
    ("articles", "id"): "article", ("articles", "title"): "article", ("articles", "repost_of"): "article",
    ("articles", "story_id"): "article", (None, "article_id"): "article",
    ("people", "id"): "person", ("people", "name"): "person", (None, "person_id"): "person",
    ("sites", "id"): "site", ("sites", "name"): "site", (None, "site_id"): "site",
    (None, "province"): "province", (None, "province_2025"): "province",
    (None, "indicator_key"): "indicator",
}
# The cell that names a row links by the row's key column.
KEY_COLUMN = {("articles", "title"): "id", ("people", "name"): "id", ("sites", "name"): "id"}
JSON_LISTS = frozenset({("people", "positions"), ("crawl_runs", "sources")})


def render_cell(value: Any, column: str, table: str | None, row: Any = None, base: str = "/") -> Markup | None:
    """The cell's HTML, or None to let Datasette render it."""
    label = value
    if isinstance(value, dict) and "value" in value:  # a foreign key Datasette expanded to its label
        value, label = value["value"], value.get("label") or value["value"]
    if value in (None, ""):
        return None
    page = LINKS.get((table, column)) or LINKS.get((None, column))
    if page:
        key = value
        if (table, column) in KEY_COLUMN:
            key = _row_value(row, KEY_COLUMN[(table, column)])
            if key is None:
                return None
        return Markup('<a href="{}-/{}/{}">{}</a>').format(base, page, urllib.parse.quote(str(key), safe=""),
                                                           label)
    if (table, column) in JSON_LISTS and isinstance(value, str):
        try:
            items = json.loads(value)
        except ValueError:
            return None
        if isinstance(items, list):
            return Markup("; ").join(escape(str(item)) for item in items)
    if table == "articles" and column == "body" and isinstance(value, str) and len(value) > BODY_CHARS:
        return Markup("{}…").format(value[:BODY_CHARS].rstrip())
    return None


def _row_value(row: Any, column: str) -> Any:
    try:
        found = row[column]
    except (KeyError, IndexError, TypeError):
        return None
    return found["value"] if isinstance(found, dict) else found
