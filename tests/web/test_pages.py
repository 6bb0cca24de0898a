"""The search page's filters, order and reposts; the article, person and indicator pages; canned queries."""

from __future__ import annotations

import csv
import io
import sqlite3
import urllib.parse
from collections.abc import Callable
from typing import Any

from tests.conftest import CrawlResult

Get = Callable[[str], Any]
HOANG_MINH_CUONG = "Hoàng Minh Cường"


def search_json(get: Get, **params: str) -> dict[str, Any]:
    response = get("/-/search.json?" + urllib.parse.urlencode(params))
    assert response.status_code == 200, response.text
    return response.json()


def one(db: Any, sql: str, *params: Any) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()


def test_site_date_and_order_filters(get: Get) -> None:
    results = search_json(get, q="công thương", site="haiphong-sct", since="2021-01-01", until="2023-12-31",
                          order="date", size="100")["results"]
    assert results
    assert {row["site_id"] for row in results} == {"haiphong-sct"}
    dates = [row["published_date"] for row in results]
    assert all("2021-01-01" <= day <= "2023-12-31" for day in dates)
    assert dates == sorted(dates, reverse=True)


def test_province_at_publication_or_after_the_merger(get: Get) -> None:
    def sites(era: str) -> set[str]:
        return {row["site_id"] for row in search_json(get, q="năm", province="Hải Phòng", era=era,
                                                       size="100")["results"]}

    assert "haiduong-sct" not in sites("publication")
    assert "haiduong-sct" in sites("2025")
    assert sites("any") == sites("2025")


def test_person_and_indicator_filters(get: Get, crawled: CrawlResult) -> None:
    [person] = one(crawled.db, "select id from people where name = ?", HOANG_MINH_CUONG)
    found = {row["id"] for row in search_json(get, q="hội nghị", person=person)["results"]}
    with sqlite3.connect(crawled.db) as conn:
        mentioned = {key for (key,) in conn.execute(
            "select article_id from official_mentions where person_id = ?", [person])}
    assert found and found <= mentioned
    results = search_json(get, q="tăng", indicator="iip", size="100")["results"]
    assert results
    with sqlite3.connect(crawled.db) as conn:
        with_iip = {key for (key,) in conn.execute("select article_id from figures where indicator_key = 'iip'")}
    assert {row["id"] for row in results} <= with_iip


def test_pages_do_not_overlap(get: Get) -> None:
    first = search_json(get, q="công thương", size="5")
    second = search_json(get, q="công thương", size="5", page="2")
    assert first["pages"] > 2 and first["next_url"]
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}


def test_a_story_is_listed_once_with_its_copies(get: Get, crawled: CrawlResult) -> None:
    original, copy = one(crawled.db, "select repost_of, id from articles where repost_of is not null")
    results = search_json(get, q="giao ước thi đua Đồng bằng Bắc bộ")["results"]
    ids = [row["id"] for row in results]
    assert original in ids and copy not in ids
    hit = results[ids.index(original)]
    assert hit["copies"] == 1
    assert [other["id"] for other in hit["story_articles"]] == [copy]
    page = get("/-/search?" + urllib.parse.urlencode({"q": "giao ước thi đua Đồng bằng Bắc bộ"}))
    assert f'/-/article/{copy}"' in page.text and "1 bản khác của tin này" in page.text


def test_search_page_links_every_result_to_its_article(get: Get) -> None:
    payload = search_json(get, q="điện")
    page = get("/-/search?q=%C4%91i%E1%BB%87n")
    assert page.status_code == 200
    for row in payload["results"]:
        assert f'href="/-/article/{row["id"]}"' in page.text


def test_article_page_marks_officials_figures_and_dates(get: Get, crawled: CrawlResult,
                                                         seed_ids: dict[str, set[str]]) -> None:
    [key] = seed_ids["003"]
    [person] = one(crawled.db, "select id from people where name = ?", HOANG_MINH_CUONG)
    page = get(f"/-/article/{key}")
    assert page.status_code == 200
    assert (f'<mark class="fact fact-official" data-kind="official" title="Phó Chủ tịch Uỷ ban Nhân dân thành phố">'
            f'<a href="/-/person/{person}">{HOANG_MINH_CUONG}, Phó Chủ tịch') in page.text
    assert 'class="fact fact-date"' in page.text
    data = get(f"/-/article/{key}.json").json()
    body = data["article"]["body"]
    for fact in data["highlighted"]:
        assert body[fact["start"]:fact["end"]] in page.text or fact["kind"] != "official"
    assert data["article"]["url"] in page.text


def test_repost_links_to_its_original(get: Get, crawled: CrawlResult) -> None:
    original, copy, original_url = one(crawled.db, "select repost_of, id, original_url from articles "
                                                   "where repost_of is not null")
    page = get(f"/-/article/{copy}")
    assert f'href="/-/article/{original}"' in page.text
    assert original_url in page.text
    assert f'href="/-/article/{copy}"' in get(f"/-/article/{original}").text


def test_person_page_is_a_timeline(get: Get, crawled: CrawlResult) -> None:
    [person] = one(crawled.db, "select id from people order by mentions desc limit 1")
    data = get(f"/-/person/{person}.json").json()
    dates = [mention["published_date"] or "" for mention in data["mentions"]]
    assert len(dates) == data["person"]["mentions"] > 1
    assert dates == sorted(dates)
    assert sum(term["mentions"] for term in data["terms"]) == len(dates)
    page = get(f"/-/person/{person}")
    assert page.status_code == 200 and data["person"]["name"] in page.text
    for mention in data["mentions"]:
        assert f'href="/-/article/{mention["article_id"]}"' in page.text
    assert all(term["province"] and f">{term['province']}</a></td>" in page.text for term in data["terms"])
    timeline = get(f"/archive/person_timeline.json?person={person}&_shape=objects").json()["rows"]
    assert len(timeline) == len(dates)


def test_indicator_page_charts_by_province_with_csv_and_json(get: Get) -> None:
    page = get("/-/indicator/iip")
    assert page.status_code == 200
    assert page.text.count('<svg class="sct-chart"') == 1
    assert "Chỉ số sản xuất công nghiệp (IIP) — Tăng/giảm so với kỳ so sánh" in page.text
    assert "Hải Phòng" in page.text
    rows = list(csv.DictReader(io.StringIO(get("/archive/indicator_series.csv?indicator=iip&_size=max").text)))
    assert rows and {"period_kind", "period_end", "measure", "status", "province", "value", "unit"} <= set(rows[0])
    assert 'href="/archive/indicator_series.csv?indicator=iip' in page.text
    data = get("/-/indicator/iip.json").json()
    assert len(data["rows"]) == len(rows)
    absolute = get("/-/indicator/exports").text
    assert "Kim ngạch xuất khẩu — Giá trị" in absolute and "Kim ngạch xuất khẩu — Tăng/giảm" in absolute


def test_canned_query_articles_in_a_province(get: Get) -> None:
    rows = get("/archive/articles_in_province.json?" + urllib.parse.urlencode(
        {"province": "Hải Phòng", "since": "2024-01-01", "until": "2024-12-31", "_shape": "objects"})).json()["rows"]
    assert rows
    assert all("Hải Phòng" in (row["province"], row["province_2025"]) for row in rows)
    assert all("2024-01-01" <= row["published_date"] <= "2024-12-31" for row in rows)


def test_home_page_points_to_the_search(get: Get) -> None:
    assert 'href="/-/search"' in get("/").text
    assert get("/archive/reposted_stories.json").status_code == 200


def test_health_page_reports_every_site_like_sct_status(get: Get, crawled: CrawlResult) -> None:
    import sqlite_utils

    from crawler.health import site_health

    response = get("/-/health.json")
    assert response.status_code == 200
    expected = [site.to_dict() for site in site_health(sqlite_utils.Database(crawled.db))]
    assert response.json() == expected
    assert {site["site_id"] for site in expected} >= {"haiduong-sct", "hue-sct"}
    assert all(site["found_last_run"] > 0 and site["flags"] == [] for site in expected)
    page = get("/-/health")
    assert page.status_code == 200 and "Tình trạng thu thập" in page.text and "haiduong-sct" in page.text
