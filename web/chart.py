"""Server-side SVG line charts of an indicator's panel (the `series` table), one line per province.

No JavaScript and no CDN: the archive is browsed offline. A chart holds one measure, one period kind
and one unit: a month and the months to date, a change and a level, never share a line.
"""

from __future__ import annotations

import html
import json
import math
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 170, 42, 46
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
SCALES = [(1e9, "tỷ"), (1e6, "triệu"), (1e3, "nghìn")]
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
FRAGMENT_WORDS = 10
POINT_COLUMNS = ("province", "measure", "period_kind", "period_start", "period_end", "status", "unit", "value",
                 "articles", "agree")


class Point(NamedTuple):
    x: float
    y: float
    href: str
    hollow: bool


@dataclass
class Chart:
    """One chart of an indicator: one measure, one period kind, one unit; a line per province."""

    measure: str
    period_kind: str
    unit: str
    points: list[dict[str, Any]] = field(default_factory=list)  # the panel rows drawn, with their links
    svg: str = ""

    @property
    def slug(self) -> str:
        return f"{self.measure}.{self.period_kind}.{self.unit}"

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "period_kind": self.period_kind, "unit": self.unit, "slug": self.slug,
                "points": self.points}


def fractional_year(day: str) -> float:
    """An ISO day as a fractional year (2024-06-30 → 2024.5), the x of a period's end."""
    found = _DAY.match(day)
    if not found:
        raise ValueError(f"not an ISO day: {day!r}")
    year, month, date = (int(part) for part in found.groups())
    return year + (month - 1 + date / 31) / 12


def sentence_link(article_path: str, report: Mapping[str, Any]) -> str:
    """A link to a report's article that scrolls to and highlights its sentence (a URL text fragment)."""
    words = str(report.get("sentence") or report.get("raw") or "").split()
    if len(words) > FRAGMENT_WORDS:
        start, end = " ".join(words[: FRAGMENT_WORDS // 2]), " ".join(words[-FRAGMENT_WORDS // 2 :])
        fragment = f"{urllib.parse.quote(start, safe='')},{urllib.parse.quote(end, safe='')}"
    else:
        fragment = urllib.parse.quote(" ".join(words), safe="")
    return f"{article_path}/{urllib.parse.quote(str(report['article_id']))}#:~:text={fragment}"


def panel_charts(rows: Iterable[Mapping[str, Any]], article_path: str) -> list[Chart]:
    """The charts of one indicator's panel rows: one per (measure, period kind, unit), never mixed.

    Targets are not outcomes and are not drawn; where a province has an actual value and an estimate for
    the same period, the actual one is drawn. Every point links to the first sentence reporting it.
    """
    chosen: dict[tuple[str, str, str], dict[tuple[str, str, str], Mapping[str, Any]]] = defaultdict(dict)
    for row in rows:
        if row["status"] == "target":
            continue
        chart_key = (row["measure"], row["period_kind"], row["unit"])
        point_key = (row["province"], row["period_start"], row["period_end"])
        held = chosen[chart_key].get(point_key)
        if held is None or (held["status"] == "estimate" and row["status"] == "actual"):
            chosen[chart_key][point_key] = row
    charts = []
    for (measure, period_kind, unit), points in sorted(chosen.items(), key=lambda item: (-len(item[1]), item[0])):
        chart = Chart(measure, period_kind, unit)
        for row in sorted(points.values(), key=lambda row: (row["province"], row["period_end"])):
            first = json.loads(row["reports"])[0]
            chart.points.append({key: row[key] for key in POINT_COLUMNS} | {"href": sentence_link(article_path, first)})
        charts.append(chart)
    return charts


def draw(chart: Chart, title: str, subtitle: str) -> str:
    """The SVG of a chart: a line per province; estimates drawn hollow; each point a link to its sentence."""
    lines: dict[str, list[Point]] = defaultdict(list)
    for point in chart.points:
        lines[point["province"]].append(Point(fractional_year(point["period_end"]), float(point["value"]),
                                              point["href"], point["status"] == "estimate"))
    chart.svg = line_chart(title, lines, chart.unit, subtitle, {"measure": chart.measure,
                                                               "period-kind": chart.period_kind})
    return chart.svg


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(math.ceil((high - first) / step) + 1)]


def _scale(values: list[float], unit: str) -> tuple[float, str]:
    biggest = max((abs(value) for value in values), default=0)
    for factor, word in SCALES:
        if unit != "%" and biggest >= factor:
            return factor, f"{word} {unit}"
    return 1.0, unit


def line_chart(title: str, series: Mapping[str, list[Point]], unit: str, subtitle: str = "",
               data: Mapping[str, str] | None = None) -> str:
    """An SVG line chart: x in years, y in `unit` (scaled to tỷ/triệu/nghìn when large), a legend.

    `data` becomes data-* attributes of the <svg> and of every point, so what is drawn can be read back.
    """
    points = [point for values in series.values() for point in values]
    factor, axis_unit = _scale([point.y for point in points], unit)
    xs, ys = [point.x for point in points], [point.y / factor for point in points]
    attributes = "".join(f' data-{name}="{html.escape(value)}"' for name, value in (data or {}).items())
    x_low, x_high = math.floor(min(xs)), math.ceil(max(xs))
    if x_high == x_low:
        x_high += 1
    y_ticks = _ticks(min(0.0, min(ys)), max(0.0, max(ys)))
    y_low, y_high = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (x - x_low) / (x_high - x_low) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (y - y_low) / ((y_high - y_low) or 1) * plot_h

    out = [f'<svg class="sct-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{html.escape(title)}"{attributes}>',
           f'<text x="{LEFT}" y="16" font-size="14" font-weight="bold">{html.escape(title)}</text>',
           f'<text x="{LEFT}" y="30" font-size="11" fill="#555">{html.escape(subtitle)}</text>']
    for tick in y_ticks:
        y = py(tick)
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="{"#888" if tick == 0 else "#e3e3e3"}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick:g}</text>')
    for year in range(x_low, x_high + 1):
        x = px(year)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#f0f0f0"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" font-size="11" text-anchor="middle">{year}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 8}" font-size="12" text-anchor="middle">'
               'cuối kỳ báo cáo · end of the period reported</text>')
    out.append(f'<text x="14" y="{TOP + plot_h / 2:.1f}" font-size="12" text-anchor="middle" '
               f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{html.escape(axis_unit)}</text>')
    for number, (name, values) in enumerate(sorted(series.items())):
        colour = COLOURS[number % len(COLOURS)]
        ordered = sorted(values)
        path = " ".join(f"{px(point.x):.1f},{py(point.y / factor):.1f}" for point in ordered)
        if len(ordered) > 1:
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.6" points="{path}"/>')
        for point in ordered:
            fill = "#fff" if point.hollow else colour
            note = " (ước tính · estimate)" if point.hollow else ""
            out.append(f'<a href="{html.escape(point.href)}"><circle cx="{px(point.x):.1f}" '
                       f'cy="{py(point.y / factor):.1f}" r="3.5" fill="{fill}" stroke="{colour}"{attributes}>'
                       f'<title>{html.escape(name)}: {point.y / factor:g} {html.escape(axis_unit)}{note}</title>'
                       '</circle></a>')
        legend_y = TOP + 6 + 18 * number
        out.append(f'<rect x="{WIDTH - RIGHT + 14}" y="{legend_y}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 32}" y="{legend_y + 10}" font-size="12">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
