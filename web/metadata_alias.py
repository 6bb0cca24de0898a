"""The archive's metadata (canned queries, hidden tables, search table, column descriptions) for whatever
name the database file has: `sct serve --db other.db` serves database "other", while web/metadata.yaml
describes "archive".
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from crawler.search import FOLDED_TABLE

METADATA_NAME = "archive"
_is_archive: dict[tuple[str, str], bool] = {}


def archive_metadata(datasette: Any) -> dict[str, Any]:
    """Metadata to merge: the "archive" entry under the name of every other served archive file."""
    local = (getattr(datasette, "_metadata_local", None) or {}).get("databases") or {}
    described = local.get(METADATA_NAME)
    if not described:
        return {}
    aliases = {name: described for name, db in list(datasette.databases.items())
               if name != METADATA_NAME and name not in local and _holds_archive(name, db)}
    return {"databases": aliases} if aliases else {}


def _holds_archive(name: str, db: Any) -> bool:
    """True for a file database with the search index; checked once per name and path."""
    path = getattr(db, "path", None)
    if not path or getattr(db, "is_memory", False):
        return False
    key = (name, str(path))
    if key not in _is_archive:
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
                _is_archive[key] = conn.execute("select 1 from sqlite_master where name = ?",
                                                [FOLDED_TABLE]).fetchone() is not None
        except sqlite3.Error:
            _is_archive[key] = False
    return _is_archive[key]
