"""Exports of the archive for journalists and researchers: CSV, JSON Lines, Parquet and XLSX, each with a
datapackage.json data dictionary beside it. `exports.run.export` is the entry point; `sct export` calls it.
"""


class ExportError(Exception):
    """Bad input or an unwritable output: the user can fix it, so the message says how."""


class EmptyExport(ExportError):
    """The filters are valid but select no rows; nothing is written, like grep's exit 1."""
