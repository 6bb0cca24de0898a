"""One export from request to files: check it, stream the rows into the format, write the data dictionary.

The export and its datapackage.json are both written to temporary files and renamed into place together
at the end, so an error, an empty result or Ctrl-C leaves the directory as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crawler.archive import utc_now
from crawler.search import SearchRequest
from exports import EmptyExport, ExportError
from exports.datapackage import DATAPACKAGE, package_text, resource
from exports.datasets import DATASETS, dataset
from exports.query import batches, check_filters, export_sql, open_archive, used_filters
from exports.writers import FORMATS, Format, atomic_output, writer_for


@dataclass
class ExportResult:
    path: Path
    rows: int
    datapackage: Path
    warnings: list[str] = field(default_factory=list)


def output_format(output: Path, format_name: str | None) -> Format:
    """The format asked for, else the one the output's suffix names."""
    if format_name is None:
        by_suffix = {file_format.suffix: file_format for file_format in FORMATS.values()}
        if output.suffix.lower() not in by_suffix:
            raise ExportError(f"cannot tell the format from {output.name!r}; give --format "
                              f"({', '.join(FORMATS)}) or a file name ending in {', '.join(by_suffix)}")
        return by_suffix[output.suffix.lower()]
    if format_name not in FORMATS:
        raise ExportError(f"unknown format {format_name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[format_name]


def export(archive: Path, dataset_name: str, output: Path, request: SearchRequest,
           format_name: str | None = None, bom: bool = True, guard: bool = True) -> ExportResult:
    """Write `dataset_name`'s rows that `request`'s filters select to `output`, and its data dictionary
    to datapackage.json beside it. Raises ExportError on bad input, EmptyExport when nothing matches.
    """
    if dataset_name not in DATASETS:
        raise ExportError(f"unknown dataset {dataset_name!r}; choose one of {', '.join(DATASETS)}")
    if output.is_dir():
        raise ExportError(f"{output} is a directory; give a file name with -o")
    if output.name == DATAPACKAGE:
        raise ExportError(f"{DATAPACKAGE} is the name of the data dictionary; give the export another name")
    file_format = output_format(output, format_name)
    conn = open_archive(archive)
    try:
        check_filters(conn, request)
        data = dataset(conn, dataset_name)
        sql, params = export_sql(data, request)
        filters = used_filters(request)
        exported = utc_now()
        package_path = output.parent / DATAPACKAGE
        with atomic_output(package_path) as package_file, atomic_output(output) as data_file:
            written = writer_for(file_format.name, bom, guard)(data_file, data, batches(conn, sql, params))
            if written.rows == 0:
                chosen = " ".join(f"--{name} {value!r}" for name, value in filters.items())
                raise EmptyExport(f"no {dataset_name} match {chosen or 'in the archive'}; nothing written")
            entry = resource(output, data, file_format, rows=written.rows, size=data_file.stat().st_size,
                             filters=filters, archive=archive, exported=exported, bom=bom, guard=guard,
                             warnings=written.warnings)
            package_file.write_text(package_text(output.parent, entry, exported), encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error}") from error
    finally:
        conn.close()
    return ExportResult(output, written.rows, package_path, written.warnings)
