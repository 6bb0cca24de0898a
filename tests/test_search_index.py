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
