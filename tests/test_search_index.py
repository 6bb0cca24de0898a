"""The search index follows the archive: catch-up after writes and deletes, one writer, rebuilds swapped in
under a reader that keeps answering."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler import search_engine, search_index
from crawler.archive import Archive
from crawler.search import SearchFilters
from crawler.search_query import parse_query
from tests.conftest import ROOT


def save(archive: Archive, number: int, title: str, body: str) -> None:
    archive.save_article({"url": f"https://test.example/{number}", "site_id": None, "title": title, "body": body,
                          "published": "2024-05-01T08:00:00+07:00"}, b"<html></html>", "utf-8", 200)


def found(engine: search_engine.Engine, query: str) -> list[str]:
    return [hit.id for hit in search_engine.search(engine, parse_query(query), SearchFilters()).hits]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = Archive(tmp_path / "archive.db")
    save(store, 1, "Hội chợ Bát Tràng", "Làng gốm Bát Tràng mở hội chợ.")
    save(store, 2, "Xuất khẩu tăng", "Kim ngạch xuất khẩu của tỉnh tăng.")
    return store


def test_catch_up_follows_writes_updates_and_deletes(archive: Archive) -> None:
    db = archive.path
    assert search_index.catch_up(db).added == 2
    engine = search_engine.Engine(db)
    assert len(found(engine, "bat trang")) == 1
    save(archive, 3, "Bát Tràng đón khách", "Du khách đến Bát Tràng.")
    save(archive, 2, "Xuất khẩu gốm", "Gốm Bát Tràng xuất khẩu.")
    run = search_index.catch_up(db)
    assert (run.added, run.deleted) == (2, 0), "only the new and the changed article"
    assert len(found(engine, "bat trang")) == 3
    archive.db.execute("delete from articles where url = 'https://test.example/3'")
    archive.db.conn.commit()
    assert search_index.catch_up(db).deleted == 1
    assert len(found(engine, "bat trang")) == 2
    assert search_index.catch_up(db).added == 0


def test_one_writer_at_a_time(archive: Archive) -> None:
    search_index.catch_up(archive.path)
    writer = search_index.open_index(search_index.index_path(archive.path)).writer(50_000_000, 1)
    busy = subprocess.run([sys.executable, "-m", "cli", "index", "--db", str(archive.path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert busy.returncode == 75 and "another 'sct index'" in busy.stderr
    del writer
    done = subprocess.run([sys.executable, "-m", "cli", "index", "--db", str(archive.path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_rebuild_is_swapped_in_under_a_reader(archive: Archive) -> None:
    search_index.catch_up(archive.path)
    engine = search_engine.Engine(archive.path)
    assert len(found(engine, "xuat khau")) == 1
    save(archive, 4, "Xuất khẩu rau quả", "Rau quả xuất khẩu.")
    assert search_index.rebuild(archive.path).added == 3
    assert len(found(engine, "xuat khau")) == 2
    assert not search_index.index_path(archive.path).with_name("archive.db-search.old").exists()


def test_a_total_too_costly_to_count_is_a_lower_bound(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(3, 9):  # the words together in two, apart in four (and in the first article)
        body = "Hội chợ gốm mở cửa." if number < 5 else "Chợ phiên bán gốm; hội làng mở cửa."
        save(archive, number, f"Tin gốm {number}", body)
    search_index.catch_up(archive.path)
    engine = search_engine.Engine(archive.path)
    query = parse_query("hội chợ gốm")

    counted = search_engine.search(engine, query, SearchFilters(), limit=2)
    assert (counted.total, counted.total_is_lower_bound) == (7, False)
    monkeypatch.setattr(search_engine, "COUNT_BUDGET", 0)
    first_page = search_engine.search(engine, query, SearchFilters(), limit=2)
    assert (first_page.total, first_page.total_is_lower_bound) == (2, True), "only the tier the page needed"
    assert [hit.id for hit in first_page.hits] == [hit.id for hit in counted.hits]
    everything = search_engine.search(engine, query, SearchFilters(), limit=10)
    assert (everything.total, everything.total_is_lower_bound) == (7, False), "every tier ranked is counted"


def test_date_order_looks_past_the_recent_windows(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    days = ["2024-06-01", "2024-05-20", "2023-12-01", "2021-03-01", "2019-01-01", "2018-07-07"]
    for number, day in enumerate(days, start=10):  # the last 90 days, the year, four years, and older
        archive.save_article({"url": f"https://test.example/{number}", "site_id": None, "title": f"Gốm {number}",
                              "body": "Gốm Bát Tràng.", "published": f"{day}T08:00:00+07:00"},
                             b"<html></html>", "utf-8", 200)
    search_index.catch_up(archive.path)
    engine = search_engine.Engine(archive.path)
    query = parse_query("gom")  # no diacritics: one tier

    def newest(limit: int) -> tuple[list[str], int, bool]:
        page = search_engine.search(engine, query, SearchFilters(), order="date", limit=limit)
        dates = [archive.db.execute("select published_date from articles where id = ?", [hit.id]).fetchone()[0]
                 for hit in page.hits]
        return dates, page.total, page.total_is_lower_bound

    everything = sorted([*days, "2024-05-01"], reverse=True)  # and the fixture's first article
    assert newest(2) == (everything[:2], 7, False), "the page from the last 90 days, every match counted"
    assert newest(7) == (everything, 7, False)
    monkeypatch.setattr(search_engine, "COUNT_BUDGET", 0)
    assert newest(2) == (everything[:2], 3, True), "only the window's matches counted"
    assert newest(5) == (everything[:5], 5, True), "past 90 days and a year, into four years"
    assert newest(6) == (everything[:6], 7, False), "past every window"
