"""The series panel on the demo archive (a real crawl of the mirror): indicator coverage, provenance, and
the rules of what enters it."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler.series import KEY, panel, signed
from nlp.indicators import OTHER
from tests.conftest import CrawlResult


@pytest.fixture(scope="module")
def conn(crawled: CrawlResult) -> sqlite3.Connection:
    connection = sqlite3.connect(crawled.db)
    connection.row_factory = sqlite3.Row
    return connection


def test_nine_in_ten_figures_have_an_indicator_key(conn: sqlite3.Connection) -> None:
    total, keyed, unnamed = conn.execute(
        "select count(*), sum(indicator_key != ?), sum(indicator_key is null) from figures", [OTHER]).fetchone()
    assert total > 500
    assert keyed / total >= 0.9
    assert unnamed == 0
    others = conn.execute("select count(*), count(indicator) from figures where indicator_key = ?", [OTHER]).fetchone()
    assert others[0] == others[1]  # an unknown indicator keeps its phrase


def test_every_panel_row_traces_back_to_its_figures(conn: sqlite3.Connection) -> None:
    rows = conn.execute("select * from series").fetchall()
    assert len(rows) > 100
    for row in rows:
        reports = json.loads(row["reports"])
        assert row["articles"] == len({report["article_id"] for report in reports})
        for report in reports:
            figure = conn.execute(
                "select f.*, a.province, a.url from figures f join articles a on a.id = f.article_id "
                "where f.article_id = ? and f.start = ? and f.end = ?",
                [report["article_id"], report["start"], report["end"]]).fetchone()
            assert figure is not None, report
            assert tuple(figure[column] for column in KEY) == tuple(row[column] for column in KEY)
            assert (figure["scope"], figure["raw"], figure["sentence"], figure["url"]) == (
                "province", report["raw"], report["sentence"], report["url"])
            assert signed(figure) == report["value"]
        values = {report["value"] for report in reports}
        assert row["value"] in values and (row["min_value"], row["max_value"]) == (min(values), max(values))
        assert bool(row["agree"]) == (row["max_value"] - row["min_value"] <= 0.005 * max(
            abs(row["min_value"]), abs(row["max_value"])))


def test_the_panel_holds_every_provincial_figure_it_should(conn: sqlite3.Connection) -> None:
    """Every figure of a province's own total with a period is in exactly one panel row; nothing else is."""
    reported = [(report["article_id"], report["start"]) for (reports,) in conn.execute("select reports from series")
                for report in json.loads(reports)]
    assert len(reported) == len(set(reported))
    eligible = {(row["article_id"], row["start"]) for row in conn.execute(
        "select f.article_id, f.start from figures f join articles a on a.id = f.article_id "
        "where f.scope = 'province' and f.period_start is not null and f.measure != 'other' "
        "and f.indicator_key in ('iip', 'iip_manufacturing', 'iip_electricity', 'retail_sales', 'exports', "
        "'imports', 'electricity_sales', 'peak_load') and coalesce(f.qualifier, '') not in ('từ', 'đến')")}
    assert eligible and eligible <= set(reported)
    outside = conn.execute("select article_id, start from figures where scope != 'province' "
                           "or indicator_key in (?, 'revenue', 'promotion_discount')", [OTHER]).fetchall()
    assert outside and not {tuple(row) for row in outside} & set(reported)
    unperiodised = conn.execute("select count(*) from series where period_kind is null or period_start is null")
    assert unperiodised.fetchone()[0] == 0


def figure(value: float, article: str, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": article, "url": f"http://x/{article}", "start": 0, "end": 5, "raw": "tăng 5%",
        "sentence": "IIP tăng 5%.", "value": value, "direction": "tăng", "published_date": "2024-07-01",
        "qualifier": None, "province": "Nam Định", "province_2025": "Ninh Bình", "published": "2024-07-01",
        "indicator_key": "iip", "measure": "change", "period_kind": "month", "period_start": "2024-06-01",
        "period_end": "2024-06-30", "status": "estimate", "unit": "%"}
    return {**row, **changes}


def test_reports_of_one_key_merge_and_say_whether_they_agree() -> None:
    rows = panel([figure(5.0, "a"), figure(5.01, "b"), figure(7.0, "c", status="actual"),
                  figure(3.0, "d", direction="giảm")])
    by_status = {row["status"]: row for row in rows}
    estimate = by_status["estimate"]
    assert (estimate["articles"], estimate["agree"], estimate["min_value"], estimate["max_value"]) == (3, 0, -3.0, 5.01)
    assert by_status["actual"]["agree"] == 1 and by_status["actual"]["value"] == 7.0
    assert [report["article_id"] for report in json.loads(estimate["reports"])] == ["a", "b", "d"]
    assert panel([figure(5.0, "a"), figure(5.01, "b")])[0]["agree"] == 1  # rounding


def test_ranges_events_and_unknown_indicators_stay_out() -> None:
    assert panel([figure(15.0, "a", qualifier="từ"), figure(47.0, "a", qualifier="đến"),
                  figure(2e9, "b", indicator_key="revenue", measure="level", unit="VND"),
                  figure(1.0, "c", indicator_key=OTHER)]) == []
