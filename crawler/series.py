"""The `series` panel: one row per province, indicator, measure, period and status, from the figures.

Derived from the archive and rebuilt from it after every crawl and re-extraction (`Archive.rebuild_series`),
never edited. Only a province's own totals enter it: figures about the country, an emulation cluster or a
district, figures with no period, the ends of a range, and figures of an unknown indicator (`other`) or of
one that describes an event or a project (`panel: false` in lexicons/indicators.yaml) stay in `figures`.
Each row keeps every report (article, offsets, sentence, value), so it traces back to its figures.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from nlp.indicators import OTHER, in_panel, label

TABLE = "series"
KEY = ("province", "indicator_key", "measure", "period_kind", "period_start", "period_end", "status", "unit")
RANGE_ENDS = frozenset({"từ", "đến"})  # "giảm giá từ 15% đến 47%": two ends of a range, not two reports
AGREE_TOLERANCE = 0.005  # relative: "108,8 nghìn tỷ" and "108,83 nghìn tỷ" are the same figure rounded
COLUMNS: dict[str, type] = {
    "id": str, "province": str, "province_2025": str, "indicator_key": str, "indicator_vi": str,
    "indicator_en": str, "measure": str, "period_kind": str, "period_start": str, "period_end": str,
    "status": str, "unit": str, "value": float, "min_value": float, "max_value": float, "articles": int,
    "agree": int, "first_published": str, "last_published": str, "reports": str,
}
_FIGURES = f"""
select f.article_id, f.start, f.end, f.raw, f.sentence, f.value, f.direction, f.published_date,
  f.qualifier, a.url, a.province, a.province_2025, a.published, {", ".join(f"f.{column}" for column in KEY[1:])}
from figures f join articles a on a.id = f.article_id
where f.scope = 'province' and a.province is not null and f.indicator_key != '{OTHER}'
  and f.measure != 'other' and f.period_kind is not null and f.period_start is not null and f.value is not null
order by a.published, f.article_id, f.start
"""


def create_table(db: sqlite_utils.Database) -> None:
    db[TABLE].create(COLUMNS, pk="id", if_not_exists=True)
    for columns in (["indicator_key", "measure", "period_kind"], ["province"], ["period_end"]):
        db[TABLE].create_index(columns, if_not_exists=True)


def signed(row: Mapping[str, Any]) -> float:
    """A figure's value with the sign of its direction: a change "giảm 3%" is -3."""
    value = float(row["value"])
    return -value if row["measure"] == "change" and row["direction"] == "giảm" else value


def _agree(values: Iterable[float]) -> bool:
    values = list(values)
    low, high = min(values), max(values)
    return high - low <= AGREE_TOLERANCE * max(abs(low), abs(high))


def _row(key: tuple[Any, ...], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The panel row of one key: the value most reports give (the latest of those on a tie)."""
    counts = Counter(report["value"] for report in reports)
    latest = {report["value"]: index for index, report in enumerate(reports)}
    value = max(counts, key=lambda v: (counts[v], latest[v]))
    fields = dict(zip(KEY, key, strict=True))
    names = label(fields["indicator_key"])
    published = [report["published_date"] for report in reports if report["published_date"]]
    return {
        "id": hashlib.sha1(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:16],
        **fields,
        "province_2025": reports[-1].pop("province_2025"),
        "indicator_vi": names.vi, "indicator_en": names.en,
        "value": value, "min_value": min(counts), "max_value": max(counts),
        "articles": len({report["article_id"] for report in reports}),
        "agree": int(_agree(counts)),
        "first_published": min(published, default=None), "last_published": max(published, default=None),
        "reports": json.dumps(reports, ensure_ascii=False),
    }


def panel(figures: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Panel rows from figure rows (each with the KEY columns, its article's province and provenance)."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for figure in figures:
        if not in_panel(figure["indicator_key"]) or figure["qualifier"] in RANGE_ENDS:
            continue
        report = {"article_id": figure["article_id"], "url": figure["url"], "start": figure["start"],
                  "end": figure["end"], "raw": figure["raw"], "value": signed(figure),
                  "published_date": figure["published_date"], "sentence": figure["sentence"],
                  "province_2025": figure["province_2025"]}
        groups.setdefault(tuple(figure[column] for column in KEY), []).append(report)
    rows = []
    for key, reports in groups.items():
        for report in reports[:-1]:
            report.pop("province_2025")
        rows.append(_row(key, reports))
    return rows


def rebuild(db: sqlite_utils.Database) -> int:
    """Replace the panel with one built from the archive's figures now; inside the caller's transaction."""
    create_table(db)
    rows = panel(db.query(_FIGURES))
    db.execute(f"delete from [{TABLE}]")
    db[TABLE].insert_all(rows, pk="id")
    return len(rows)
