"""One web of pages: Datasette's tables link into our pages; province, site, person and article pages link
to one another; reposts carry their original's date; the archived copy and the citations."""

from __future__ import annotations

import json
import re
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from crawler.rawstore import raw_html
from tests.conftest import CrawlResult
from tests.datasette_client import datasette_get
from tests.web.conftest import archive_with_stored_page
from web.cells import BODY_CHARS

Get = Callable[[str], Any]
HAI_PHONG, HAI_DUONG = urllib.parse.quote("Hải Phòng"), urllib.parse.quote("Hải Dương")


def one(db: Path, sql: str, *params: Any) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()


def links(html: str) -> set[str]:
    return set(lxml.html.document_fromstring(html).xpath("//a/@href"))


def test_articles_table_links_rows_to_our_pages_and_cuts_bodies(get: Get, crawled: CrawlResult) -> None:
    page = get("/archive/articles?_size=100")
    assert page.status_code == 200
    ids, site_ids, longest = zip(*[row for row in sqlite3.connect(crawled.db).execute(
        "select id, site_id, length(body) from articles order by published desc limit 100")], strict=True)
    hrefs = links(page.text)
    assert {f"/-/article/{key}" for key in ids} <= hrefs
    assert {f"/-/site/{site}" for site in site_ids} <= hrefs
    assert f"/-/province/{HAI_PHONG}" in hrefs
    document = lxml.html.document_fromstring(page.text)
    bodies = [cell.text_content() for cell in document.xpath("//td[contains(@class, 'col-body')]")]
    assert len(bodies) == len(ids) and max(longest) > BODY_CHARS * 3
    assert max(len(body) for body in bodies) <= BODY_CHARS + 1


def test_people_positions_are_text_not_json(get: Get, crawled: CrawlResult) -> None:
    person, positions = one(crawled.db, "select id, positions from people where json_array_length(positions) > 1")
    page = get(f"/archive/people?id={person}")
    document = lxml.html.document_fromstring(page.text)
    [cell] = document.xpath("//td[contains(@class, 'col-positions')]")
    assert cell.text_content().strip() == "; ".join(json.loads(positions))
    assert f"/-/person/{person}" in links(page.text)


def test_fact_tables_and_canned_queries_link_articles_people_indicators(get: Get, crawled: CrawlResult) -> None:
    figures = get("/archive/figures?indicator_key=iip&_size=5").text
    assert "/-/indicator/iip" in links(figures)
    assert any(href.startswith("/-/article/") for href in links(figures))
    [person] = one(crawled.db, "select id from people order by mentions desc limit 1")
    timeline = get(f"/archive/person_timeline?person={person}").text
    assert any(href.startswith("/-/article/") for href in links(timeline))


def test_province_page_after_the_merger(get: Get) -> None:
    page = get(f"/-/province/{HAI_PHONG}")
    assert page.status_code == 200
    hrefs = links(page.text)
    assert {"/-/site/haiphong-sct", "/-/site/haiduong-sct"} <= hrefs  # both departments of today's Hải Phòng
    assert f"/-/province/{HAI_DUONG}" in hrefs and f"/-/province/{HAI_PHONG}?era=publication" in hrefs
    assert any(href.startswith("/-/person/") for href in hrefs)
    assert any(href.startswith("/-/indicator/") for href in hrefs)
    data = get(f"/-/province/{HAI_PHONG}.json").json()
    assert data["era"] == "2025" and set(data["provinces_63"]) == {"Hải Phòng", "Hải Dương"}
    assert data["figures"] and all(figure["indicator_key"] for figure in data["figures"])


def test_province_page_before_the_merger(get: Get) -> None:
    page = get(f"/-/province/{HAI_DUONG}")
    text = lxml.html.document_fromstring(page.text).get_element_by_id("sct-merger").text_content()
    assert "Từ 1/7/2025 thuộc Hải Phòng" in " ".join(text.split())
    data = get(f"/-/province/{HAI_DUONG}.json").json()
    assert data["era"] == "publication" and [site["id"] for site in data["sites"]] == ["haiduong-sct"]
    assert get("/-/province/Hai%20Duong").headers["location"] == f"/-/province/{HAI_DUONG}"
    assert get("/-/province/Atlantis").status_code == 404


def test_site_page(get: Get, crawled: CrawlResult) -> None:
    page = get("/-/site/haiduong-sct")
    assert page.status_code == 200
    [count] = one(crawled.db, "select count(*) from articles where site_id = 'haiduong-sct'")
    data = get("/-/site/haiduong-sct.json").json()
    assert data["total"] == count and data["health"]["site_id"] == "haiduong-sct"
    hrefs = links(page.text)
    assert {f"/-/article/{row['id']}" for row in data["articles"]} <= hrefs
    assert f"/-/province/{HAI_DUONG}" in hrefs and f"/-/province/{HAI_PHONG}" in hrefs
    assert get("/-/site/nope").status_code == 404


def test_person_page_says_whose_province_each_post_is(get: Get, crawled: CrawlResult) -> None:
    [person] = one(crawled.db, "select person_id from official_mentions m join articles a on a.id = m.article_id "
                               "where a.site_id = 'haiduong-sct' and coalesce(m.org_place, 'Hải Dương') "
                               "like '%Hải Dương' limit 1")
    data = get(f"/-/person/{person}.json").json()
    assert any(mention["post_province"] == "Hải Dương" for mention in data["mentions"])
    cells = lxml.html.document_fromstring(get(f"/-/person/{person}").text).xpath("//td[@class='sct-post-province']")
    assert any(cell.text_content().strip() == "Hải Dương" for cell in cells)


def test_article_links_figures_to_indicators(get: Get, crawled: CrawlResult) -> None:
    [key] = one(crawled.db, "select article_id from figures where indicator_key is not null "
                            "group by article_id order by count(distinct indicator_key) desc limit 1")
    document = lxml.html.document_fromstring(get(f"/-/article/{key}").text)
    indicators = {f"/-/indicator/{row[0]}" for row in sqlite3.connect(crawled.db).execute(
        "select indicator_key from figures where article_id = ? and indicator_key is not null", [key])}
    marked = set(document.xpath("//div[@id='sct-body']//mark[@data-kind='figure']/a/@href"))
    assert len(indicators) > 1 and marked and marked <= indicators
    assert indicators <= set(document.xpath("//table[@id='sct-article-figures']//a/@href"))


def test_article_lists_documents_cited(get: Get, crawled: CrawlResult) -> None:
    [key] = one(crawled.db, "select article_id from documents_cited where number is not null "
                            "group by article_id order by count(*) desc limit 1")
    numbers = {row[0] for row in sqlite3.connect(crawled.db).execute(
        "select number from documents_cited where article_id = ? and number is not null", [key])}
    document = lxml.html.document_fromstring(get(f"/-/article/{key}").text)
    listed = {cell.text_content() for cell in document.xpath("//table[@id='sct-documents']//tr/td[1]")}
    assert numbers and numbers <= listed


def test_repost_shows_its_originals_date(get: Get, crawled: CrawlResult) -> None:
    copy, original_date = one(crawled.db, "select a.id, o.published_date from articles a join articles o "
                                          "on o.id = a.repost_of where a.published is null")
    day, month, year = original_date[8:10], original_date[5:7], original_date[:4]
    document = lxml.html.document_fromstring(get(f"/-/article/{copy}").text)
    assert f"{day}/{month}/{year}" in document.get_element_by_id("sct-date").text_content()
    assert f"{day}/{month}/{year}" in document.get_element_by_id("sct-original-date").text_content()


def test_citations_name_site_title_date_url_and_fetch_time(get: Get, crawled: CrawlResult,
                                                          seed_ids: dict[str, set[str]]) -> None:
    [key] = seed_ids["003"]
    title, url, published, site, fetched = one(
        crawled.db, "select a.title, a.url, a.published_date, s.name, p.fetched_at from articles a "
                    "join sites s on s.id = a.site_id join pages p on p.article_id = a.id where a.id = ?", key)
    year, month, day = published.split("-")
    text = lxml.html.document_fromstring(get(f"/-/article/{key}").text).get_element_by_id(
        "sct-citation-text").text_content()
    assert site in text and title.rstrip(".") in text and f"{day}/{month}/{year}" in text and url in text
    assert "tải về lúc" in text and fetched[:4] in text
    bib = get(f"/-/article/{key}.bib")
    assert bib.status_code == 200 and bib.headers["content-type"].startswith("application/x-bibtex")
    assert bib.text.startswith(f"@misc{{sct-{key},") and f"url = {{{url}}}" in bib.text
    assert f"date = {{{published}}}" in bib.text and f"urldate = {{{fetched[:10]}}}" in bib.text
    assert f"author = {{{{{site}}}}}" in bib.text and title.rstrip(".") in bib.text
    ris = get(f"/-/article/{key}.ris").text
    fields = dict(line.split("  - ", 1) for line in ris.strip().splitlines() if "  - " in line)
    assert fields["TY"] == "NEWS" and fields["TI"] == title and fields["UR"] == url and fields["PB"] == site
    assert fields["DA"] == published.replace("-", "/") and fields["Y2"] == fetched[:10].replace("-", "/")
    assert ris.rstrip().endswith("ER  -")


def test_each_figure_offers_a_citation(get: Get, crawled: CrawlResult) -> None:
    key, raw, url = one(crawled.db, "select f.article_id, f.raw, a.url from figures f join articles a "
                                    "on a.id = f.article_id where f.indicator_key = 'iip' limit 1")
    citations = [node.text_content() for node in lxml.html.document_fromstring(
        get(f"/-/article/{key}").text).xpath("//p[@class='sct-figure-citation']")]
    assert any(raw in citation and url in citation and "Chỉ số sản xuất công nghiệp" in citation
               for citation in citations)


SCRIPT_PAGE = ("<html><head><script src='http://127.0.0.1:9/x.js'></script>"
               "<link rel=stylesheet href='http://127.0.0.1:9/x.css'></head>"
               "<body onload=\"document.title='ran'\"><h1>Bản lưu</h1><script>document.title='ran';"
               "document.body.insertAdjacentHTML('beforeend', '<p id=injected>x</p>')</script>"
               "<img src='http://127.0.0.1:9/i.png' alt='ảnh'><a href='javascript:alert(1)'>x</a>"
               "<iframe src='http://127.0.0.1:9/'></iframe><p style=\"background:url(http://127.0.0.1:9/b)\">"
               "Nội dung</p></body></html>")


@pytest.fixture(scope="module")
def scripted(crawled: CrawlResult, seed_ids: dict[str, set[str]],
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the archive whose seed 003 page, as stored, carries scripts and external resources."""
    db = tmp_path_factory.mktemp("scripted") / "archive.db"
    [key] = seed_ids["003"]
    archive_with_stored_page(crawled.db, db, key, SCRIPT_PAGE)
    with sqlite3.connect(db) as conn:
        assert raw_html(conn, key) == SCRIPT_PAGE.encode("utf-8")
    return db, key


def test_archived_copy_is_sanitised_and_locked_down(scripted: tuple[Path, str]) -> None:
    db, key = scripted
    response = datasette_get(db, f"/-/article/{key}/archived")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp
    html = response.text
    assert "<script" not in html and "onload" not in html and "javascript:" not in html
    assert "127.0.0.1:9" not in html.replace("title=", "")  # no address left to load from
    assert "<iframe" not in html and "Nội dung" in html and "Bản lưu" in html
    article = lxml.html.document_fromstring(datasette_get(db, f"/-/article/{key}").text)
    [frame] = article.xpath("//iframe[@id='sct-archived-frame']")
    assert frame.get("sandbox") == "" and frame.get("src") == f"/-/article/{key}/archived"
    note = " ".join(article.xpath("//h2[@id='sct-archived']/following-sibling::p[1]")[0].text_content().split())
    assert "Trang như đã tải về lúc" in note and re.search(r"\d\d:\d\d UTC \d\d/\d\d/\d{4}", note)
