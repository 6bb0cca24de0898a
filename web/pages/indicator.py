"""The indicator page: a chart per measure and period kind (web/indicator.py), the latest value per province,
every figure, with CSV and JSON."""

from __future__ import annotations

import urllib.parse
from functools import partial
from typing import Any

from datasette.utils.asgi import Response
from markupsafe import Markup

from web import indicator
from web.pages.common import archive_db, language, not_found, read, render


async def indicator_page(datasette: Any, request: Any) -> Response:
    """One indicator: a chart per measure and period kind (web/indicator.py), the latest value per province."""
    key = request.url_vars["key"]
    era = "2025" if request.args.get("era") == "2025" else "publication"
    article_path = datasette.urls.path("/-/article")
    data = await read(datasette, partial(indicator.indicator_data, key=key, era=era, article_path=article_path))
    if not data["rows"] and key not in data["known"]:
        raise not_found(request, "error.no_indicator", key)
    context = indicator.page_context(key, data, request.args.get("chart"), language(request))
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
