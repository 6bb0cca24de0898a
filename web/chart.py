"""Server-side SVG line charts of an indicator over time, one line per province.

No JavaScript and no CDN: the archive is browsed offline. Percentages (changes) and absolute
values never share an axis: one chart per unit.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 170, 34, 46
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]
SCALES = [(1e9, "tỷ"), (1e6, "triệu"), (1e3, "nghìn")]
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def period_end(period_value: str | None, published_date: str | None) -> float | None:
    """The end of a period as a fractional year (2024-06 → 2024.5); the publication date when unknown."""
    value = (period_value or "").split("/")[-1]
    for pattern, months in ((_MONTH, lambda m: int(m)), (_QUARTER, lambda q: 3 * int(q)),
                            (_HALF, lambda h: 6 * int(h))):
        found = pattern.match(value)
        if found:
            return int(found.group(1)) + months(found.group(2)) / 12
    found = _YEAR.match(value)
    if found:
        return int(found.group(1)) + 1.0
    found = _DAY.match(value) or _DAY.match(published_date or "")
    if found:
        return int(found.group(1)) + (int(found.group(2)) - 1 + int(found.group(3)) / 31) / 12
    return None


def indicator_charts(key: str, rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """One SVG per unit; % values are signed by their direction (giảm is negative)."""
    by_unit: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        x = period_end(row.get("period_value"), row.get("published_date"))
        if x is None or row.get("value") is None or row.get("scope"):
            continue
        value = float(row["value"])
        if row.get("unit") == "%" and row.get("direction") == "giảm":
            value = -value
        by_unit[row.get("unit") or "(no unit)"][row.get("province") or "(unknown)"].append((x, value))
    charts = []
    for unit in sorted(by_unit, key=lambda unit: (unit != "%", unit)):
        label = "change, %" if unit == "%" else unit
        charts.append(line_chart(f"{key} ({label})", by_unit[unit], unit))
    return charts


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


def line_chart(title: str, series: Mapping[str, list[tuple[float, float]]], unit: str) -> str:
    """An SVG line chart: x in years, y in `unit` (scaled to tỷ/triệu/nghìn when large), a legend."""
    points = [point for values in series.values() for point in values]
    factor, axis_unit = _scale([y for _, y in points], unit)
    xs, ys = [x for x, _ in points], [y / factor for _, y in points]
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
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{html.escape(title)}">',
           f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>']
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
               'end of the period reported</text>')
    out.append(f'<text x="14" y="{TOP + plot_h / 2:.1f}" font-size="12" text-anchor="middle" '
               f'transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">{html.escape(axis_unit)}</text>')
    for number, (name, values) in enumerate(sorted(series.items())):
        colour = COLOURS[number % len(COLOURS)]
        ordered = sorted(values)
        path = " ".join(f"{px(x):.1f},{py(y / factor):.1f}" for x, y in ordered)
        if len(ordered) > 1:
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.6" points="{path}"/>')
        for x, y in ordered:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y / factor):.1f}" r="3" fill="{colour}">'
                       f'<title>{html.escape(name)}: {y / factor:g} {html.escape(axis_unit)} ({x:.2f})</title>'
                       '</circle>')
        legend_y = TOP + 6 + 18 * number
        out.append(f'<rect x="{WIDTH - RIGHT + 14}" y="{legend_y}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 32}" y="{legend_y + 10}" font-size="12">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
