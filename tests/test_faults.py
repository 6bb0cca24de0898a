"""Faults that used to lose articles silently: each crawl here is real (Scrapy over HTTP) and each case
failed before the fix. A page is never lost without a count, a `crawl_errors` row, a non-zero exit and a
retry on the next run."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.archive import Archive
from tests.conftest import ROOT
from tests.hostile_site import article_page, listing_page, serve, write_registry

NORMAL = ["Sở Công Thương tỉnh Hải Dương tổ chức hội nghị tổng kết công tác năm 2023 với sự tham dự "
          "của đại diện các doanh nghiệp trên địa bàn tỉnh và các sở, ngành liên quan."] * 3
RUNAWAY = [*NORMAL, "Tổng vốn đăng ký đạt 1.000.000.000.000.000.000 tỷ đồng, tăng 12% so với cùng kỳ năm trước."]


def crawl(db: Path, registry: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "crawl", "--db", str(db), "--sources", str(registry),
                           "--delay", "0", *extra], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def two_articles(tmp_path: Path):
    pages = {"/tin-tuc": listing_page(["/bai/1.html", "/bai/2.html"]),
             "/bai/1.html": article_page("Hội nghị tổng kết năm 2023", NORMAL),
             "/bai/2.html": article_page("Vốn đăng ký tăng mạnh", RUNAWAY)}
    with serve(pages) as base:
        yield base, write_registry(tmp_path, base)


def test_a_figure_beyond_any_economy_is_a_problem_noted_not_a_lost_article(two_articles, tmp_path: Path) -> None:
    base, registry = two_articles
    db = tmp_path / "archive.db"
    result = crawl(db, registry)
    assert result.returncode == 0, result.stderr[-3000:]
    [(problems,)] = rows(db, "select problems from articles where url = ?", (f"{base}/bai/2.html",))
    assert "implausible_figure" in problems
    assert rows(db, "select count(*) from articles") == [(2,)]
    assert rows(db, "select max(abs(value)) < 1e19 from figures") == [(1,)]
    assert rows(db, "select kind from crawl_errors where url = ?", (f"{base}/bai/2.html",)) == [
        ("implausible_figure",)]


def test_a_write_failure_is_counted_recorded_reported_and_retried(two_articles, tmp_path: Path) -> None:
    base, registry = two_articles
    db = tmp_path / "archive.db"
    Archive(db).close()
    with sqlite3.connect(db) as conn:  # a value SQLite refuses, made certain: the write itself fails
        conn.execute("create trigger refuse before insert on articles when new.url like '%/bai/2.html' "
                     "begin select raise(abort, 'refused by the test'); end")
    failed = crawl(db, registry)
    assert failed.returncode == 1
    assert "1 article(s) could not be archived; they will be fetched again on the next run" in failed.stderr
    assert rows(db, "select url from articles") == [(f"{base}/bai/1.html",)]
    [(message,)] = rows(db, "select message from crawl_errors where url = ? and kind = 'archive_failed'",
                        (f"{base}/bai/2.html",))
    assert "refused by the test" in message
    assert rows(db, "select status, articles_not_archived, errors > 0 from crawl_runs") == [("finished", 1, 1)]
    with sqlite3.connect(db) as conn:
        conn.execute("drop trigger refuse")
    retried = crawl(db, registry)
    assert retried.returncode == 0, retried.stderr[-3000:]
    assert rows(db, "select count(*) from articles") == [(2,)]
    assert rows(db, "select articles_new, articles_skipped from crawl_runs order by id desc limit 1") == [(1, 1)]


def test_hostile_pages_do_not_stall_the_crawl(tmp_path: Path) -> None:
    """Pages built to be slow (was: 8,000 paragraphs 10 s, 5,000 date lines 11 s, 5,000 headlines 17 s)."""
    pages = {"/tin-tuc": listing_page(["/bai/1.html", "/bai/2.html", "/bai/3.html", "/bai/4.html"]),
             "/bai/1.html": article_page("Hội nghị tổng kết năm 2023", NORMAL),
             "/bai/2.html": article_page("Năm vạn đoạn", ["Một đoạn văn ngắn của bài."] * 50_000),
             "/bai/3.html": article_page("Năm nghìn ngày", ["<span>12/03/2024 08:30</span>"] * 5_000),
             "/bai/4.html": "<html><body>" + "<h1>Tiêu đề bài viết</h1><p>Nội dung.</p>" * 5_000 + "</body></html>"}
    with serve(pages) as base:
        started = time.monotonic()
        result = crawl(tmp_path / "archive.db", write_registry(tmp_path, base))
        took = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(tmp_path / "archive.db", "select url from articles where url = ?", (f"{base}/bai/1.html",))
    assert took < 60, f"the crawl of five pages took {took:.0f} s"
