"""The data dictionary written beside every export: a Frictionless Data Package (datapackage.json).

One package per directory, one resource per exported file: exporting another file into the same
directory adds its resource, and exporting the same file again replaces its entry (matched by name,
which is derived from the file name).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from exports import ExportError
from exports.datasets import Dataset, site_metadata
from exports.writers import Format
from nlp.text import fold

DATAPACKAGE = "datapackage.json"
PACKAGE_NAME = "congthuong-archive-export"
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def resource_name(path: Path) -> str:
    """A valid resource name (lowercase letters, digits, '-', '_', '.') from the file name."""
    return re.sub(r"[^a-z0-9._-]+", "-", fold(path.name)).strip("-") or "export"


def resource(path: Path, data: Dataset, file_format: Format, *, rows: int, size: int, filters: Mapping[str, str],
             archive: Path, exported: str, bom: bool, warnings: list[str],
             guard: bool = True) -> dict[str, Any]:
    """The resource entry for one exported file: where it is, how to read it, what each column means, and
    how it was made (the dataset, the filters, the archive, the time), so a published chart can say.
    """
    fields = []
    for column in data.columns:
        field = {"name": column.name, "type": column.type, "description": column.description}
        if column.type == "boolean" and file_format.name == "csv":
            field.update(trueValues=["1"], falseValues=["0"])
        fields.append(field)
    entry: dict[str, Any] = {
        "name": resource_name(path),
        "path": path.name,
        "profile": "tabular-data-resource" if file_format.name == "csv" else "data-resource",
        "title": f"{data.name} from {archive.name}",
        "description": data.description,
        "format": file_format.name,
        "mediatype": file_format.mediatype,
    }
    if file_format.encoding:
        entry["encoding"] = file_format.encoding
    if file_format.name == "csv":
        entry["dialect"] = CSV_DIALECT
        entry["bom"] = bom
        entry["formula_guard"] = guard  # text cells starting =, +, -, @ carry a leading apostrophe
    entry.update({
        "bytes": size,
        "schema": {"fields": fields},
        "dataset": data.name,
        "rows": rows,
        "filters": dict(filters),
        "archive": archive.name,
        "exported": exported,
    })
    if warnings:
        entry["warnings"] = warnings
    return entry


def package_text(directory: Path, entry: Mapping[str, Any], created: str) -> str:
    """The directory's datapackage.json with `entry` added, or replacing the resource of the same name."""
    existing = read_package(directory / DATAPACKAGE)
    metadata = site_metadata()
    resources = [old for old in existing.get("resources", []) if old.get("name") != entry["name"]]
    package = {
        **existing,
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": metadata.get("title", PACKAGE_NAME),
        "created": created,
        "licenses": [{"path": metadata.get("license_url", ""), "title": metadata.get("license", "")}],
        "sources": [{"path": metadata.get("source_url", ""), "title": metadata.get("source", "")}],
        "resources": [*resources, dict(entry)],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def read_package(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ExportError(f"cannot read the existing {path} ({error}); move it away and export again") from error
    if not isinstance(package, dict):
        raise ExportError(f"the existing {path} is not a data package; move it away and export again")
    return package
