"""The datapackage.json beside every export: each column typed and described, the filters, the archive, the time."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from exports.datasets import table_metadata
from tests.conftest import CrawlResult
from tests.datasette_client import METADATA
from tests.exports.conftest import Run

TYPES = {"string", "integer", "number", "boolean", "date", "datetime"}


def package(directory: Path) -> dict:
    return json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))


def test_every_column_typed_and_described_from_the_metadata(sct_export: Callable[..., Run], tmp_path: Path) -> None:
    described = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["archive"]["tables"]
    tables = {"articles": "articles", "people": "people", "mentions": "official_mentions", "figures": "figures"}
    for dataset in tables:
        assert sct_export(dataset, "-o", str(tmp_path / f"{dataset}.csv")).code == 0
    resources = {entry["dataset"]: entry for entry in package(tmp_path)["resources"]}
    assert set(resources) == set(tables)
    for dataset, table in tables.items():
        fields = resources[dataset]["schema"]["fields"]
        for field in fields:
            assert field["type"] in TYPES, field
            assert field["description"].strip(), field
            own = described[table]["columns"].get(field["name"])
            expected = own if own is not None else described["articles"]["columns"][field["name"]]
            assert field["description"] == expected or (
                dataset == "people" and field["description"].endswith(expected)), field
        assert {"url", "fetched_at"} <= {field["name"] for field in fields}
        assert resources[dataset]["description"] == described[table]["description"]
    figures = {field["name"]: field for field in resources["figures"]["schema"]["fields"]}
    assert figures["estimate"]["type"] == "boolean"
    assert (figures["estimate"]["trueValues"], figures["estimate"]["falseValues"]) == (["1"], ["0"])  # CSV 0/1
    assert figures["value"]["type"] == "number" and figures["published_date"]["type"] == "date"
    assert figures["fetched_at"]["type"] == "datetime" and figures["start"]["type"] == "integer"
    assert table_metadata()["figures"]["columns"]["value"] == figures["value"]["description"]


def test_filters_archive_and_time(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    output = tmp_path / "Hải Dương IIP.parquet"
    before = datetime.now(UTC).replace(microsecond=0)
    run = sct_export("figures", "--province", "Hải Dương", "--indicator", "iip", "--since", "2020-01-01",
                     "--query", "chỉ số", "-o", str(output))
    assert run.code == 0, run.err
    data = package(tmp_path)
    assert data["name"] and data["title"] and data["profile"] == "data-package"
    assert before <= datetime.fromisoformat(data["created"]) <= datetime.now(UTC) + timedelta(seconds=1)
    [entry] = data["resources"]
    assert entry["name"] == "hai-duong-iip.parquet" and entry["path"] == output.name
    assert entry["format"] == "parquet" and entry["mediatype"] == "application/vnd.apache.parquet"
    assert entry["filters"] == {"query": "chỉ số", "province": "Hải Dương", "since": "2020-01-01",
                                "indicator": "iip"}
    assert entry["archive"] == crawled.db.name and entry["exported"] == data["created"]
    assert entry["bytes"] == output.stat().st_size and entry["rows"] > 0


def test_resources_accumulate_and_are_replaced_by_name(sct_export: Callable[..., Run], tmp_path: Path) -> None:
    assert sct_export("articles", "-o", str(tmp_path / "articles.csv")).code == 0
    assert sct_export("people", "-o", str(tmp_path / "people.xlsx")).code == 0
    assert sct_export("articles", "--site", "hue-sct", "-o", str(tmp_path / "articles.csv")).code == 0
    resources = package(tmp_path)["resources"]
    assert [entry["name"] for entry in resources] == ["people.xlsx", "articles.csv"]
    assert resources[1]["filters"] == {"site": "hue-sct"}
    assert resources[1]["encoding"] == "utf-8" and resources[1]["dialect"]["header"] is True
    assert "encoding" not in resources[0]
