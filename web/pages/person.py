"""The person page: every mention of an official in time order, which province's post each one is, and
the positions held as spans.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Mapping
from functools import partial
from typing import Any

from datasette.utils.asgi import Response

from nlp.provinces import canonical_province
from web.i18n import text
from web.pages.common import archive_db, language, not_found, read, render, rows

PROVINCIAL_SITES = ("department", "paper")


def person_data(conn: sqlite3.Connection, key: str, lang: str = "vi") -> dict[str, Any] | None:
    found = rows(conn, "select * from people where id = ?", [key])
    if not found:
        return None
    mentions = rows(conn, "select m.published_date, m.position, m.organisation, m.org_place, m.sentence, "
                          "a.id as article_id, a.title, a.site_id, a.province, a.province_2025, a.published, "
                          "s.kind as site_kind from official_mentions m join articles a on a.id = m.article_id "
                          "left join sites s on s.id = a.site_id where m.person_id = ? "
                          "order by m.published_date is null, m.published_date, a.published, m.start", [key])
    for mention in mentions:
        mention.setdefault("post_province", post_province(mention))
    return {"person": found[0], "mentions": mentions, "terms": _terms(mentions, lang)}


def post_province(mention: Mapping[str, Any]) -> str | None:
    """The province whose post this is: the place the text names for the body, else the province of the
    provincial site that wrote it ("Phó Chủ tịch UBND tỉnh" on Hải Dương's site is Hải Dương's)."""
    named = canonical_province(mention["org_place"]) if mention.get("org_place") else None
    if named:
        return named
    if mention.get("site_kind") in PROVINCIAL_SITES and not mention.get("org_place"):
        return mention.get("province")
    return None


def _terms(mentions: list[dict[str, Any]], lang: str = "vi") -> list[dict[str, Any]]:
    """Consecutive mentions with the same position, as spans: who held which office when, and where
    (the post's province, else the article's)."""
    terms: list[dict[str, Any]] = []
    for mention in mentions:
        position = mention["position"] or text("person.no_position", lang)
        province = mention["post_province"] or mention["org_place"] or mention["province"]
        if terms and (terms[-1]["position"], terms[-1]["province"]) == (position, province):
            terms[-1]["last"] = mention["published_date"] or terms[-1]["last"]
            terms[-1]["mentions"] += 1
        else:
            terms.append({"position": position, "province": province, "first": mention["published_date"],
                          "last": mention["published_date"], "mentions": 1})
    return terms


async def person_page(datasette: Any, request: Any) -> Response:
    key = request.url_vars["id"]
    data = await read(datasette, partial(person_data, key=key, lang=language(request)))
    if data is None:
        raise not_found(request, "error.no_person", key)
    if request.url_vars.get("format") == ".json":
        return Response.json(data)
    db_name = (await archive_db(datasette)).name
    return await render(datasette, request, "sct_person.html", {
        **data, "article_path": datasette.urls.path("/-/article"),
        "query_url": datasette.urls.path(f"/{db_name}/person_timeline") + "?" + urllib.parse.urlencode(
            {"person": key}),
    })
