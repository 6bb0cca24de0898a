"""Indicator pages read back: no chart mixes measures, period kinds or units, targets are not drawn, every
point links to its sentence, and each province's latest value is in the table."""

from __future__ import annotations

import html
import re
import sqlite3
import urllib.parse
from typing import Any

from tests.conftest import CrawlResult
from tests.datasette_client import datasette_get
from web import formats

Get = Any
DRAWN_AND_READ = {"iip", "retail_sales"}  # indicators whose every chart is also read back from its SVG
SVG = re.compile(r'<svg class="sct-chart".*?</svg>', re.S)
POINT = re.compile(r'<a href="(?P<href>[^"]+)"><circle [^>]*data-measure="(?P<measure>[^"]+)" '
                   r'data-period-kind="(?P<kind>[^"]+)"')


def keys_with_charts(db: CrawlResult) -> list[str]:
    with sqlite3.connect(db.db) as conn:
        return [key for (key,) in conn.execute("select distinct indicator_key from series order by 1")]


def test_no_chart_mixes_measures_period_kinds_or_units(crawled: CrawlResult, get: Get) -> None:
    keys = keys_with_charts(crawled)
    assert {"iip", "retail_sales", "exports", "imports"} <= set(keys)
    with sqlite3.connect(crawled.db) as conn:
        panel_rows = conn.execute("select count(*) from series where status != 'target'").fetchone()[0]
    drawn = 0
    for key in keys:
        charts = get(f"/-/indicator/{key}.json").json()["charts"]
        assert charts, key
        for chart in charts:
            kinds = {(p["measure"], p["period_kind"], p["unit"]) for p in chart["points"]}
            assert kinds == {(chart["measure"], chart["period_kind"], chart["unit"])}, (key, chart["slug"])
            assert "target" not in {p["status"] for p in chart["points"]}
            assert len({(p["province"], p["period_start"], p["period_end"]) for p in chart["points"]}) == len(
                chart["points"])  # one point per province and period: an actual value hides its estimate
            drawn += len(chart["points"])
            if key not in DRAWN_AND_READ:
                continue
            page = get(f"/-/indicator/{key}?chart={urllib.parse.quote(chart['slug'])}").text
            (svg,) = SVG.findall(page)
            points = POINT.findall(svg)
            assert len(points) == len(chart["points"])
            assert {(measure, kind) for _, measure, kind in points} == {(chart["measure"], chart["period_kind"])}
    assert 0 < drawn <= panel_rows


def test_every_point_links_to_its_sentence(crawled: CrawlResult, get: Get) -> None:
    chart = get("/-/indicator/retail_sales.json").json()["charts"][0]
    with sqlite3.connect(crawled.db) as conn:
        for point in chart["points"]:
            path, fragment = point["href"].split("#:~:text=")
            article = path.rsplit("/", 1)[1]
            (body,) = conn.execute("select body from articles where id = ?", [article]).fetchone()
            for piece in fragment.split(","):
                assert urllib.parse.unquote(piece) in body
            assert get(path).status_code == 200


def test_latest_value_per_province_and_vietnamese_labels_first(crawled: CrawlResult, get: Get) -> None:
    chart = get("/-/indicator/exports.json").json()["charts"][0]
    page = html.unescape(get(f"/-/indicator/exports?chart={urllib.parse.quote(chart['slug'])}").text)
    latest = page.split('id="sct-latest"')[1].split("</table>")[0]
    provinces = {point["province"] for point in chart["points"]}
    for province in provinces:
        newest = max(point["period_end"] for point in chart["points"] if point["province"] == province)
        assert f">{province}</a></td><td>" in latest and formats.day(newest) in latest
    assert latest.count("<tr>") == len(provinces) + 1
    assert page.index("<h1>Kim ngạch xuất khẩu</h1>") < page.index("Export turnover")


def test_an_event_indicator_draws_no_series(get: Get) -> None:
    page = get("/-/indicator/revenue")
    assert page.status_code == 200
    assert '<svg class="sct-chart"' not in page.text and "không vẽ chuỗi số liệu" in page.text


def test_the_2025_era_names_merged_provinces(crawled: CrawlResult) -> None:
    data = datasette_get(crawled.db, "/-/indicator/iip.json?era=2025").json()
    provinces = {point["province"] for chart in data["charts"] for point in chart["points"]}
    assert {"Hải Phòng", "Hải Phòng (Hải Dương)"} <= provinces and "Hải Dương" not in provinces
