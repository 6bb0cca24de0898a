"""Datasette's own CSV download with a UTF-8 BOM, through the `asgi_wrapper` hook, as the web plugin wires it."""

from __future__ import annotations

import csv
import io

from tests.conftest import CrawlResult
from tests.datasette_client import datasette_get
from tests.exports.conftest import db_rows
from web.csv_download import BOM


def test_download_starts_with_the_bom_and_holds_the_vietnamese(crawled: CrawlResult) -> None:
    response = datasette_get(crawled.db, "/archive/articles.csv?_dl=1&_stream=on&_size=max"
                               "&_col=title&_col=province&_sort=id")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(BOM + b"id,title,province\r\n")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    _, expected = db_rows(crawled.db, "select id, title, province from articles order by id")
    assert rows[1:] == [list(row) for row in expected]
    assert any(row[2] == "Hải Dương" for row in rows[1:])


def test_scripts_get_no_bom_unless_they_ask(crawled: CrawlResult) -> None:
    plain = datasette_get(crawled.db, "/archive/people.csv?_size=5")
    assert plain.status_code == 200 and plain.content.startswith(b"id,")
    asked = datasette_get(crawled.db, "/archive/people.csv?_size=5&_bom=1")
    assert asked.content == BOM + plain.content
    refused = datasette_get(crawled.db, "/archive/people.csv?_size=5&_dl=1&_bom=0")
    assert refused.content == plain.content
    query = datasette_get(crawled.db, "/archive.csv?sql=select+name+from+people+order+by+id+limit+3&_dl=1")
    assert query.content.startswith(BOM + b"name\r\n")
    assert query.content.decode("utf-8-sig").splitlines()[1:] == [
        name for (name,) in db_rows(crawled.db, "select name from people order by id limit 3")[1]]


def test_other_responses_are_untouched(crawled: CrawlResult) -> None:
    page = datasette_get(crawled.db, "/archive/people?_bom=1")
    assert page.status_code == 200 and page.content.lstrip().startswith(b"<!DOCTYPE html>")
    data = datasette_get(crawled.db, "/archive/people.json?_bom=1&_shape=array&_size=1")
    assert data.json()[0]["id"]
