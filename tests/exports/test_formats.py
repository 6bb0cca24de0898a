"""Every dataset in every format, read back with a real reader and compared with the database itself."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from tests.conftest import CrawlResult
from tests.exports.conftest import DATASET_SQL, Run, db_rows

BOM = b"\xef\xbb\xbf"
FORMATS = ("csv", "jsonl", "parquet", "xlsx")


def read_csv(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, [tuple(row) for row in rows]


def read_jsonl(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return list(records[0]), [tuple(record.values()) for record in records]


def read_parquet(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    table = pq.read_table(path)
    return table.column_names, [tuple(record.values()) for record in table.to_pylist()]


def read_xlsx(path: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    sheet = load_workbook(path, read_only=True).worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    return list(header), [tuple(row) for row in rows]


READERS: dict[str, Callable[[Path], tuple[list[str], list[tuple[Any, ...]]]]] = {
    "csv": read_csv, "jsonl": read_jsonl, "parquet": read_parquet, "xlsx": read_xlsx}


def as_written(value: Any, kind: str, file_format: str) -> Any:
    """A database value as the format should hold it, given its column's type in the data dictionary."""
    if value is None:
        return "" if file_format == "csv" else None
    if file_format == "csv":
        return str(value)
    if kind == "boolean":
        return bool(value)
    if file_format == "parquet" and kind == "date":
        return date.fromisoformat(value)
    if file_format == "parquet" and kind == "datetime":
        return datetime.fromisoformat(value)
    if file_format == "xlsx" and kind == "date":
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    if file_format == "xlsx" and kind == "datetime":
        return datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
    return value


def expected_rows(db: Path, dataset: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    if dataset != "people":
        return db_rows(db, DATASET_SQL[dataset])
    columns, people = db_rows(db, "select * from people")
    _, mentions = db_rows(db, "select m.person_id, a.published, a.id, a.url, a.fetched_at "
                              "from official_mentions m join articles a on a.id = m.article_id order by a.id")
    latest: dict[str, tuple[Any, ...]] = {}
    for person, published, _article, url, fetched_at in mentions:
        if person not in latest or (published or "") > (latest[person][0] or ""):
            latest[person] = (published, url, fetched_at)
    return [*columns, "url", "fetched_at"], [(*row, *latest[row[0]][1:]) for row in people]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("dataset", ["articles", "people", "mentions", "figures"])
def test_export_reads_back_as_the_database(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path,
                                           dataset: str, file_format: str) -> None:
    output = tmp_path / f"{dataset}.{file_format}"
    run = sct_export(dataset, "--format", file_format, "-o", str(output))
    assert run.code == 0, run.err
    fields = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["schema"]
    kinds = [field["type"] for field in fields["fields"]]
    header, rows = READERS[file_format](output)
    columns, db = expected_rows(crawled.db, dataset)
    assert header == columns == [field["name"] for field in fields["fields"]]
    assert {"url", "fetched_at"} <= set(header)
    expected = [tuple(as_written(value, kind, file_format) for value, kind in zip(row, kinds, strict=True))
                for row in db]
    assert len(rows) == len(expected) > 0
    assert sorted(rows, key=repr) == sorted(expected, key=repr)


def test_types_follow_the_columns(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    """Dates as dates, values as floats, counts as integers, the estimate flag as a boolean, in the data
    dictionary and in Parquet's own schema."""
    import pyarrow as pa

    assert sct_export("figures", "-o", str(tmp_path / "figures.parquet")).code == 0
    assert sct_export("articles", "-o", str(tmp_path / "articles.parquet")).code == 0
    figures = pq.read_schema(tmp_path / "figures.parquet")
    articles = pq.read_schema(tmp_path / "articles.parquet")
    assert figures.field("published_date").type == pa.date32()
    assert figures.field("value").type == pa.float64()
    assert figures.field("start").type == pa.int64()
    assert figures.field("estimate").type == pa.bool_()
    assert figures.field("fetched_at").type == pa.timestamp("ms", tz="UTC")  # Parquet has no seconds unit
    assert articles.field("year").type == pa.int64()
    assert articles.field("title").type == pa.string()
    assert figures.field("value").metadata[b"description"].decode("utf-8").startswith("The value in base units")
    table = pq.read_table(tmp_path / "figures.parquet", columns=["estimate"])
    assert set(table.column("estimate").to_pylist()) == {True, False}


def test_csv_has_a_bom_by_default_and_keeps_vietnamese_and_newlines(
        crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    with_bom, without = tmp_path / "with.csv", tmp_path / "without.csv"
    assert sct_export("articles", "-o", str(with_bom)).code == 0
    assert sct_export("articles", "--no-bom", "-o", str(without)).code == 0
    raw = with_bom.read_bytes()
    assert raw.startswith(BOM + b"id,url,")
    assert without.read_bytes() == raw[len(BOM):]
    _, titles = db_rows(crawled.db, "select title, body from articles")
    for title, _body in titles:
        assert title.encode("utf-8") in raw  # as written, no escapes, no re-encoding
    assert "Hải Dương".encode() in raw
    header, rows = read_csv(with_bom)
    bodies = {row[header.index("id")]: row[header.index("body")] for row in rows}
    _, db = db_rows(crawled.db, "select id, body from articles")
    assert bodies == dict(db)
    assert sum("\n\n" in body for body in bodies.values()) > 100  # paragraphs survive the round trip


def test_jsonl_is_unescaped_nfc(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    import unicodedata

    output = tmp_path / "mentions.jsonl"
    assert sct_export("mentions", "-o", str(output)).code == 0
    text = output.read_text(encoding="utf-8")
    assert "\\u" not in text
    assert unicodedata.is_normalized("NFC", text)
    _, names = db_rows(crawled.db, "select distinct name from official_mentions")
    for (name,) in names:
        assert json.dumps(name, ensure_ascii=False).encode("utf-8") in output.read_bytes()


def test_articles_are_newest_first(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    output = tmp_path / "articles.jsonl"
    assert sct_export("articles", "-o", str(output)).code == 0
    ids = [row[0] for row in read_jsonl(output)[1]]
    assert ids == [row[0] for row in db_rows(crawled.db, "select id from articles order by published desc, id")[1]]


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    from exports.datasets import Column, Dataset, DatasetSpec
    from exports.writers import write_xlsx

    data = Dataset("t", DatasetSpec("t"), "", (Column("title", "string", "", "title"),
                                               Column("day", "date", "", "day")))
    output = tmp_path / "t.xlsx"
    written = write_xlsx(output, data, [[("=HYPERLINK(\"x\")", "2024-07-01"), ("a\x07b" + "ư" * 40_000, None)]])
    _, rows = read_xlsx(output)
    assert rows[0] == ("=HYPERLINK(\"x\")", datetime(2024, 7, 1))
    assert rows[1][0].startswith("abư") and len(rows[1][0]) == 32_767
    assert len(written.warnings) == 2
