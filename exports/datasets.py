"""The exportable datasets: their columns, each with a type and a description, and the SQL for their rows.

Columns come from the archive's own tables, so a column added to the schema is exported without a change
here, and descriptions come from web/metadata.yaml, the text Datasette shows, so the two never drift.
Every row carries its article's `url` and `fetched_at`, so a chart made from any export can cite its sources.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

METADATA_DATABASE = "archive"
DATE_COLUMNS = frozenset({"published_date", "first_mentioned", "last_mentioned"})
DATETIME_COLUMNS = frozenset({"first_seen", "fetched_at", "updated_at"})
FLAG_COLUMNS = frozenset({"estimate", "agree"})
SQLITE_TYPES = {"INTEGER": "integer", "REAL": "number", "FLOAT": "number", "TEXT": "string"}
FACT_SOURCE_COLUMNS = ("url", "title", "site_id", "published", "fetched_at")
PERSON_SOURCE_COLUMNS = ("url", "fetched_at")
PERSON_SOURCE_NOTE = "Of the latest exported article mentioning the person: "
ARTICLE_ORDER = "a.published desc, a.id"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number, boolean, date, datetime
    description: str
    expression: str  # how the dataset's SQL selects it


@dataclass(frozen=True)
class DatasetSpec:
    """What differs between datasets: the table rows come from, the article columns joined onto them, and
    the filters that also select rows themselves (`--indicator iip` on figures keeps only IIP figures, not
    every figure of an article that reports IIP), as SQL on the row alias `r` with a `:<filter>` parameter.
    """

    table: str
    source_columns: tuple[str, ...] = ()
    source_note: str = ""
    row_filters: tuple[tuple[str, str], ...] = ()


DATASETS = {
    "articles": DatasetSpec("articles"),
    "people": DatasetSpec("people", PERSON_SOURCE_COLUMNS, PERSON_SOURCE_NOTE,
                          (("person", "r.id = :person"),)),
    "mentions": DatasetSpec("official_mentions", FACT_SOURCE_COLUMNS,
                            row_filters=(("person", "r.person_id = :person"),)),
    "figures": DatasetSpec("figures", FACT_SOURCE_COLUMNS,
                           row_filters=(("indicator", "r.indicator_key = :indicator"),)),
    "series": DatasetSpec("series", row_filters=(("indicator", "r.indicator_key = :indicator"),)),
}
SERIES_ORDER = "r.indicator_key, r.province, r.measure, r.period_kind, r.period_end, r.status"


@dataclass(frozen=True)
class Dataset:
    name: str
    spec: DatasetSpec
    description: str
    columns: tuple[Column, ...]


@functools.cache
def site_metadata() -> dict[str, Any]:
    """web/metadata.yaml: the archive's title, licence and source, and every table's and column's description."""
    return yaml.safe_load(resources.files("web").joinpath("metadata.yaml").read_text(encoding="utf-8"))


def table_metadata() -> dict[str, Any]:
    return site_metadata()["databases"][METADATA_DATABASE]["tables"]


def column_type(name: str, declared: str) -> str:
    if name in FLAG_COLUMNS:
        return "boolean"
    if name in DATE_COLUMNS:
        return "date"
    if name in DATETIME_COLUMNS:
        return "datetime"
    return SQLITE_TYPES.get(declared.upper(), "string")


def _table_columns(conn: sqlite3.Connection, table: str, alias: str, names: tuple[str, ...] = (),
                   note: str = "") -> list[Column]:
    """Columns of `table` as declared in the archive (only `names`, in that order, when given)."""
    declared = {row[1]: row[2] for row in conn.execute(f"pragma table_info([{table}])")}
    described = table_metadata().get(table, {}).get("columns", {})
    wanted = names or tuple(declared)
    return [Column(name, column_type(name, declared[name]), note + described.get(name, ""), f"{alias}.[{name}]")
            for name in wanted]


def dataset(conn: sqlite3.Connection, name: str) -> Dataset:
    spec = DATASETS[name]
    columns = _table_columns(conn, spec.table, "a" if spec.table == "articles" else "r")
    if spec.source_columns:
        columns += _table_columns(conn, "articles", "a", spec.source_columns, spec.source_note)
    description = table_metadata().get(spec.table, {}).get("description", "")
    return Dataset(name, spec, description, tuple(columns))


def dataset_sql(data: Dataset, selection: str | None, used_filters: set[str]) -> str:
    """The rows of `data` whose article is in `selection` (SQL yielding article ids; None for all), narrowed
    by the dataset's own row filters among `used_filters`. A person's row cites the latest selected article
    that mentions them, so people never mentioned in the selection are left out.
    """
    columns = ", ".join(column.expression for column in data.columns)
    conditions = [condition for name, condition in data.spec.row_filters if name in used_filters]
    table = data.spec.table
    if table == "people":
        in_selection = f" and m.article_id in ({selection})" if selection else ""
        latest = (f"select m.article_id from official_mentions m join articles x on x.id = m.article_id "
                  f"where m.person_id = r.id{in_selection} order by x.published desc, x.id limit 1")
        where = " and ".join(conditions) or "1 = 1"
        return (f"select {columns} from people r join articles a on a.id = ({latest}) "
                f"where {where} order by r.mentions desc, r.id")
    if table == "series":  # a panel row cites its reports (a JSON list): kept when one of them is selected
        if selection:
            conditions.append(f"exists (select 1 from json_each(r.reports) j "
                              f"where json_extract(j.value, '$.article_id') in ({selection}))")
        where = " and ".join(conditions) or "1 = 1"
        return f"select {columns} from series r where {where} order by {SERIES_ORDER}"
    if selection:
        conditions.append(f"{'a.id' if table == 'articles' else 'r.article_id'} in ({selection})")
    where = " and ".join(conditions) or "1 = 1"
    if table == "articles":
        return f"select {columns} from articles a where {where} order by {ARTICLE_ORDER}"
    return (f"select {columns} from [{table}] r join articles a on a.id = r.article_id "
            f"where {where} order by {ARTICLE_ORDER}, r.start")
