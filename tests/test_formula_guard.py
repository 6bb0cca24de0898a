"""Cells a spreadsheet would run as formulas leave as text, in `sct export` CSV and Datasette's CSV alike."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from crawler.spreadsheet import guard_cell
from tests.conftest import CrawlResult
from tests.datasette_client import datasette_get
from tests.exports.conftest import run_export
from web.csv_download import GuardedRecords

HOSTILE_TITLES = {
    "=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")": "'=HYPERLINK(\"http://example.invalid\",\"Bấm vào đây\")",
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0": "'@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1": "'\t=1+1",
    "-2,5": "-2,5",
    "Hội nghị = tổng kết": "Hội nghị = tổng kết",
}


@pytest.fixture(scope="module")
def hostile_db(crawled: CrawlResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the crawled archive whose first articles carry the hostile titles."""
    db = tmp_path_factory.mktemp("formulas") / "archive.db"
    with sqlite3.connect(crawled.db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("select id from articles order by id limit ?", [len(HOSTILE_TITLES)])]
        for key, title in zip(ids, HOSTILE_TITLES, strict=True):
            conn.execute("update articles set title = ? where id = ?", [title, key])
    return db


def titles(text: str) -> set[str]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    return {row["title"] for row in rows}


def test_rule_follows_owasp_and_leaves_numbers() -> None:
    for written, guarded in HOSTILE_TITLES.items():
        assert guard_cell(written) == guarded
    assert guard_cell("-12.5%") == "-12.5%" and guard_cell("+84") == "+84"


def test_sct_export_csv_guards_by_default_and_not_for_machines(hostile_db: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    guarded, raw = tmp_path / "guarded.csv", tmp_path / "raw" / "raw.csv"
    raw.parent.mkdir()
    assert run_export(["articles", "-o", str(guarded), "--db", str(hostile_db)], capsys).code == 0
    assert run_export(["articles", "-o", str(raw), "--no-formula-guard", "--db", str(hostile_db)], capsys).code == 0
    assert set(HOSTILE_TITLES.values()) <= titles(guarded.read_text(encoding="utf-8-sig"))
    assert set(HOSTILE_TITLES) <= titles(raw.read_text(encoding="utf-8-sig"))
    assert '"formula_guard": false' in (raw.parent / "datapackage.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["/archive/articles.csv?_dl=1&_stream=on&_size=max",
                                  "/archive/articles.csv?_sort=id&_size=20",
                                  "/archive.csv?sql=select+title+from+articles&_dl=1"])
def test_datasette_csv_guards_every_response(hostile_db: Path, path: str) -> None:
    response = datasette_get(hostile_db, path)
    assert response.status_code == 200
    assert set(HOSTILE_TITLES.values()) <= titles(response.content.decode("utf-8"))
    unguarded = datasette_get(hostile_db, path + "&_guard=0")
    assert set(HOSTILE_TITLES) <= titles(unguarded.content.decode("utf-8"))


def test_stream_rewriting_keeps_records_split_across_chunks() -> None:
    text = 'id,title\r\n1,"=một\r\nhai, ""ba"""\r\n2,bốn\r\n3,-1+1\r\n'
    data = text.encode("utf-8")
    records = GuardedRecords()
    out = b"".join(records.feed(data[index:index + 3]) for index in range(0, len(data), 3)) + records.feed(b"", True)
    assert list(csv.reader(io.StringIO(out.decode("utf-8"), newline=""))) == [
        ["id", "title"], ["1", "'=một\r\nhai, \"ba\""], ["2", "bốn"], ["3", "'-1+1"]]
