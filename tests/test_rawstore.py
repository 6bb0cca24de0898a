"""Raw HTML kept with per-site zstandard dictionaries: smaller than gzip, versioned, every page readable."""

from __future__ import annotations

import gzip
import sqlite3
import urllib.request
from pathlib import Path

from crawler.archive import Archive
from crawler.rawstore import MIN_SAMPLES, compress, raw_html
from crawler.registry import Source
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import CrawlResult

SITE = "haiduong-sct"


def served(mirror: MirrorServer, article: truth.Article) -> tuple[str, bytes]:
    url = f"http://{truth.SITES_BY_ID[article.site_id].address}:{mirror.port}{article.path}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return url, response.read()


def test_a_crawl_stores_every_page_with_its_sites_dictionary_and_reads_it_back(
        crawled: CrawlResult, mirror: MirrorServer) -> None:
    db = sqlite3.connect(crawled.db)
    sites = {site for (site,) in db.execute("select distinct site_id from articles")}
    trained = {site for (site,) in db.execute("select site_id from html_dictionaries where version = 1")}
    assert trained == sites
    [(pages, with_dictionary, gzip_rows)] = db.execute(
        "select count(*), count(html_dict), count(html_gz) from pages").fetchall()
    assert pages == len(truth.ARTICLES) and with_dictionary == pages and gzip_rows == 0
    stored_bytes = gzip_bytes = 0
    for article in [one for one in truth.ARTICLES if one.site_id == SITE]:
        url, body = served(mirror, article)
        [(key, stored)] = db.execute("select article_id, length(html_zst) from pages where url = ?", [url])
        assert raw_html(db, key) == body
        stored_bytes, gzip_bytes = stored_bytes + stored, gzip_bytes + len(gzip.compress(body))
    assert stored_bytes <= 0.3 * gzip_bytes, "the site's pages take at most 30% of gzip's bytes"


def test_older_dictionaries_and_gzip_rows_stay_readable(mirror: MirrorServer, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_sites([Source(id=SITE, name=SITE, province="Hải Dương", province_2025="Hải Phòng",
                                   homepage="http://x/", date_order="mdy")])
    pages = [served(mirror, one) for one in truth.ARTICLES if one.site_id == SITE][:2 * MIN_SAMPLES + 1]

    def save(chosen: list[tuple[str, bytes]]) -> None:
        for url, body in chosen:
            archive.save_article({"url": url, "site_id": SITE, "title": url}, body, "utf-8", 200)

    save(pages[:MIN_SAMPLES])
    assert archive.train_dictionaries([SITE]) == {SITE: MIN_SAMPLES}
    assert archive.train_dictionaries([SITE]) == {}, "a site that has not grown keeps its dictionary"
    save(pages[MIN_SAMPLES:])
    [(one_id, one_bytes)] = archive.db.execute("select id, dictionary from html_dictionaries").fetchall()
    assert {row[0] for row in archive.db.execute("select html_dict from pages")} == {one_id}
    assert archive.train_dictionaries([SITE]) == {SITE: len(pages)}
    assert [row[0] for row in archive.db.execute("select version from html_dictionaries order by 1")] == [1, 2]
    ids = dict(archive.db.execute("select url, article_id from pages").fetchall())
    # a page another crawl wrote with version 1 after version 2 was trained, and a gzip row from before zstd
    (v1_url, v1_body), (gz_url, gz_body) = pages[0], pages[1]
    archive.db.execute("update pages set html_zst = ?, html_dict = ? where url = ?",
                       [compress(v1_body, one_bytes), one_id, v1_url])
    archive.db.execute("update pages set html_gz = ?, html_zst = null, html_dict = null where url = ?",
                       [gzip.compress(gz_body), gz_url])
    for url, body in pages:
        assert archive.raw_html(ids[url]) == body
    assert archive.raw_html("no-such-page") is None
    archive.close()
