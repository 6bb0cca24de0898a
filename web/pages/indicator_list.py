"""The list of indicators the archive has figures for, named in the reader's language."""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette.utils.asgi import Response

from web.pages.common import list_page, rows


def indicators_data(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows(conn, "select indicator_key as key, count(*) as figures, count(distinct article_id) as articles, "
                      "max(period_value) as latest from figures where indicator_key is not null "
                      "group by indicator_key order by figures desc, indicator_key")


async def indicators_page(datasette: Any, request: Any) -> Response:
    return await list_page(datasette, request, indicators_data, "sct_indicators.html", "indicators")
