"""`sct export series`: the panel in every format, as the database holds it, with its data dictionary; filters
keep the rows one of whose reports comes from a selected article."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CrawlResult
from tests.datasette_client import METADATA
from tests.exports.conftest import Run, db_ids, db_rows
from tests.exports.test_formats import FORMATS, READERS, as_written


@pytest.mark.parametrize("file_format", FORMATS)
def test_series_reads_back_as_the_database(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path,
                                           file_format: str) -> None:
    output = tmp_path / f"series.{file_format}"
    run = sct_export("series", "-o", str(output))
    assert run.code == 0, run.err
    (resource,) = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    fields = resource["schema"]["fields"]
    header, rows = READERS[file_format](output)
    columns, db = db_rows(crawled.db, "select * from series")
    assert header == columns == [field["name"] for field in fields]
    kinds = [field["type"] for field in fields]
    expected = [tuple(as_written(value, kind, file_format) for value, kind in zip(row, kinds, strict=True))
                for row in db]
    assert len(rows) == len(expected) > 100
    assert sorted(rows, key=repr) == sorted(expected, key=repr)
    described = {field["name"]: field for field in fields}
    assert described["agree"]["type"] == "boolean" and described["value"]["type"] == "number"
    assert METADATA.read_text(encoding="utf-8").count(described["reports"]["description"][:40]) == 1
    assert all(field["description"] for field in fields)


def test_series_filters_select_by_the_reporting_articles(crawled: CrawlResult, sct_export: Callable[..., Run],
                                                        tmp_path: Path) -> None:
    output = tmp_path / "series.jsonl"
    assert sct_export("series", "--indicator", "iip", "--province", "Hải Dương", "-o", str(output)).code == 0
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    selected = db_ids(crawled.db, "select id from articles where province = 'Hải Dương' or province_2025 = 'Hải Dương'")
    expected = {row_id for row_id, reports in db_rows(
        crawled.db, "select id, reports from series where indicator_key = 'iip'")[1]
        if {report["article_id"] for report in json.loads(reports)} & selected}
    assert rows and {row["id"] for row in rows} == expected
    assert {row["indicator_key"] for row in rows} == {"iip"}
