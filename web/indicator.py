"""The indicator page's data: the figures of one indicator, its panel rows (`series`), its charts (one per
measure, period kind and unit) and the latest value per province, labelled Vietnamese first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from nlp import indicators
from web import chart

FIGURE_COLUMNS = ("f.value, f.unit, f.direction, f.measure, f.status, f.period_kind, f.period_start, f.period_end, "
                  "f.period, f.period_value, f.comparison, f.scope, f.scope_name, f.estimate, f.raw, f.sentence, "
                  "f.published_date, f.indicator")


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def labels(key: str, group: str = "indicators") -> dict[str, str]:
    found = indicators.label(key, group)
    return {"vi": found.vi, "en": found.en}


def chart_title(key: str, item: chart.Chart) -> tuple[str, str]:
    """(Vietnamese title, English subtitle) of a chart."""
    name, measure, kind = (indicators.label(key), indicators.label(item.measure, "measures"),
                           indicators.label(item.period_kind, "period_kinds"))
    return (f"{name.vi} — {measure.vi}, {kind.vi.lower()} ({item.unit})",
            f"{name.en}: {measure.en.lower()}, {kind.en.lower()} ({item.unit})")


def indicator_data(conn: sqlite3.Connection, key: str, era: str, article_path: str) -> dict[str, Any]:
    """Everything the page shows; `era` picks the province column (at publication, or after the 2025 merger)."""
    province = "a.province_2025" if era == "2025" else "a.province"
    figures = _rows(conn, f"select {FIGURE_COLUMNS}, {province} as province, a.id as article_id, a.title "
                          f"from figures f join articles a on a.id = f.article_id where f.indicator_key = ? "
                          f"order by f.period_end, f.published_date, f.article_id, f.start", [key])
    for row in figures:
        row["href"] = chart.sentence_link(article_path, row)
    has_panel = conn.execute("select 1 from sqlite_master where name = 'series'").fetchone() is not None
    panel = _rows(conn, "select * from series where indicator_key = ? order by province, period_end",
                  [key]) if has_panel else []
    if era == "2025":  # the merged province, naming the old one: two old provinces never share a line
        for row in panel:
            new, old = row["province_2025"], row["province"]
            row["province"] = old if not new or new == old else f"{new} ({old})"
    known = [row[0] for row in conn.execute(
        "select distinct indicator_key from figures where indicator_key is not null order by 1")]
    return {"rows": figures, "panel": panel, "known": known,
            "charts": chart.panel_charts(panel, article_path), "in_panel": indicators.in_panel(key)}


def latest_by_province(item: chart.Chart) -> list[Mapping[str, Any]]:
    """The latest point of each province on a chart."""
    latest: dict[str, Mapping[str, Any]] = {}
    for point in item.points:
        if point["province"] not in latest or point["period_end"] >= latest[point["province"]]["period_end"]:
            latest[point["province"]] = point
    return sorted(latest.values(), key=lambda point: point["province"])


def page_context(key: str, data: dict[str, Any], selected: str | None, lang: str = "vi") -> dict[str, Any]:
    """The template's context: the selected chart drawn (the largest by default), links to the others;
    titled in the reader's language (an English reader gets the Vietnamese title beneath)."""
    charts: list[chart.Chart] = data["charts"]
    current = next((item for item in charts if item.slug == selected), charts[0] if charts else None)
    svg = ""
    if current is not None:
        title, subtitle = chart_title(key, current)
        svg = chart.draw(current, *((subtitle, title) if lang == "en" else (title, "")))
    choices = [{"slug": item.slug, "title": chart_title(key, item)[lang == "en"], "points": len(item.points),
                "current": item is current} for item in charts]
    names = {group: {name: labels(name, group) for name in indicators.keys_of(group)}
             for group in ("measures", "period_kinds", "statuses")}
    others = [{"key": other, **labels(other)} for other in data["known"] if other != key]
    return {"label": labels(key), "svg": svg, "current": current, "choices": choices, "names": names,
            "latest": latest_by_province(current) if current else [], "others": others}
