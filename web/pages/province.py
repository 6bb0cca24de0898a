"""The province pages: one province before or after the 1 July 2025 merger (its departments, sites,
people, latest figures, latest articles), and the list of the 34 provinces with the 63 they were made of.

/-/province/Hải Dương is the pre-merger province (now part of Hải Phòng); /-/province/Hải Phòng is the
2025 province, made of the old Hải Phòng and Hải Dương; ?era=publication asks for the old province of a
name both eras use. Any spelling nlp.provinces accepts (Hai Duong, Thừa Thiên - Huế) redirects to the
canonical name.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from functools import partial
from typing import Any

from datasette.utils.asgi import Response

from nlp.provinces import PROVINCES_34, PROVINCES_63, canonical_province, province_2025
from nlp.text import fold
from web.pages.common import language, not_found, quote, read, render, rows

LATEST_ARTICLES = 15
TOP_PEOPLE = 20


def resolve(name: str, era: str | None) -> tuple[str, str, list[str]] | None:
    """(canonical name, "2025" or "publication", the pre-merger provinces it covers) for a spelling."""
    new = province_2025(name)
    if new is None:
        return None
    old = canonical_province(name)
    if era != "publication" and new in PROVINCES_34 and fold(name).replace("-", " ").split() == fold(new).split():
        return new, "2025", [province for province in PROVINCES_63 if province_2025(province) == new]
    if old is None:
        return None
    return old, "publication", [old]


def province_data(conn: sqlite3.Connection, provinces: list[str]) -> dict[str, Any]:
    marks = ", ".join("?" for _ in provinces)
    sites = rows(conn, f"select s.*, (select count(*) from articles a where a.site_id = s.id) as articles "
                       f"from sites s where s.province in ({marks}) order by s.kind, s.name", provinces)
    people = rows(conn, f"select p.id, p.name, p.latest_position, count(*) as mentions, "
                        f"max(m.published_date) as last_mentioned from official_mentions m "
                        f"join articles a on a.id = m.article_id join people p on p.id = m.person_id "
                        f"where a.province in ({marks}) group by p.id order by mentions desc, p.name limit ?",
                  [*provinces, TOP_PEOPLE])
    figures = rows(conn, f"select f.indicator_key, f.value, f.unit, f.direction, f.period_value, f.period, "
                         f"f.comparison, f.raw, f.published_date, a.province, a.id as article_id from figures f "
                         f"join articles a on a.id = f.article_id where a.province in ({marks}) "
                         f"and f.indicator_key is not null and coalesce(f.scope, 'province') = 'province' "
                         f"order by f.indicator_key, coalesce(f.period_value, '') desc, f.published_date desc",
                   provinces)
    latest: dict[tuple[str, str | None], dict[str, Any]] = {}
    for figure in figures:  # the newest period of each indicator, per unit (a change in % and a value in USD)
        latest.setdefault((figure["indicator_key"], figure["unit"]), figure)
    articles = rows(conn, f"select id, title, published_date, site_id, province from articles "
                          f"where province in ({marks}) order by published_date desc, id limit ?",
                    [*provinces, LATEST_ARTICLES])
    total = conn.execute(f"select count(*) from articles where province in ({marks})", provinces).fetchone()[0]
    return {"sites": sites, "people": people, "figures": list(latest.values()), "articles": articles,
            "total": total}


async def province_page(datasette: Any, request: Any) -> Response:
    said = urllib.parse.unquote(request.url_vars["name"])  # routes see the raw, %-encoded path
    era = request.args.get("era")
    found = resolve(said, era)
    if found is None:
        raise not_found(request, "error.no_province", said)
    name, era, provinces = found
    if name != said:
        suffix = "?era=publication" if era == "publication" and name in PROVINCES_34 else ""
        return Response.redirect(datasette.urls.path(f"/-/province/{quote(name)}") + suffix)
    data = await read(datasette, partial(province_data, provinces=provinces))
    new = province_2025(name)
    payload = {"name": name, "era": era, "provinces_63": provinces, "province_2025": new,
               "merged": sum(1 for old in PROVINCES_63 if province_2025(old) == new) > 1, **data}
    if request.url_vars.get("format") == ".json":
        return Response.json(payload)
    search_params = {"province": name, "era": era}
    return await render(datasette, request, "sct_province.html", {
        **payload, "lang": language(request),
        "search_url": datasette.urls.path("/-/search") + "?" + "&".join(f"{k}={quote(v)}"
                                                                         for k, v in search_params.items()),
    })


def province_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {row["province"]: row["n"] for row in rows(
        conn, "select province, count(*) as n from articles where province is not null group by province")}


async def provinces_page(datasette: Any, request: Any) -> Response:
    """The 34 provinces since 1 July 2025, each with the pre-merger provinces it was made of."""
    counts = await read(datasette, province_counts)
    provinces = [{"name": new, "articles": sum(counts.get(old, 0) for old in members),
                  "members": [{"name": old, "articles": counts.get(old, 0)} for old in members]}
                 for new in PROVINCES_34
                 for members in [[old for old in PROVINCES_63 if province_2025(old) == new]]]
    if request.url_vars.get("format") == ".json":
        return Response.json(provinces)
    return await render(datasette, request, "sct_provinces.html", {"provinces": provinces})
