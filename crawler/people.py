"""People across the archive: one record per person, whatever the article or the spelling.

Mentions are grouped by `person_key` (NFC, new tone placement, case-folded: "Hoà"/"Hòa", "thị"/"Thị").
In one article one name is one person, so an appointment links the old post to the new. Across
articles a name is the same person when one of the posts is compatible with one already held
(`positions_compatible`, and not in another province); a namesake in an unrelated post is another
person. The positions over time are then read from `official_mentions`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from nlp.mentions import person_key, positions_compatible
from nlp.text import fold

COLUMNS = {"id": str, "name": str, "person_key": str, "positions": str, "provinces": str, "latest_position": str,
           "first_mentioned": str, "last_mentioned": str, "mentions": int}

Post = tuple[str, str | None]  # position as written, its province


def create_table(db: sqlite_utils.Database) -> None:
    db["people"].create(COLUMNS, pk="id", if_not_exists=True)
    missing = {name: kind for name, kind in COLUMNS.items() if name not in db["people"].columns_dict}
    for name, kind in missing.items():  # an archive made before the column existed
        db["people"].add_column(name, kind)
    db["people"].create_index(["person_key"], if_not_exists=True)


def _same_post(a: Post, b: Post) -> bool:
    return positions_compatible(a[0], b[0]) and not (a[1] and b[1] and a[1] != b[1])


def _held(db: sqlite_utils.Database, person: Mapping[str, Any]) -> list[Post]:
    if not db["official_mentions"].exists():
        return []
    return db.execute("select distinct position, org_place from official_mentions where person_id = ?",
                      [person["id"]]).fetchall()


def _person_for(db: sqlite_utils.Database, name: str, posts: list[Post]) -> str:
    key = person_key(name)
    for person in db.query("select id from people where person_key = ? order by id", [key]):
        held = _held(db, person)
        if not posts or not held or any(_same_post(a, b) for a in posts for b in held):
            return str(person["id"])
    number = db.execute("select count(*) from people where person_key = ?", [key]).fetchone()[0]
    person_id = f"{fold(key).replace(' ', '-')}-{number + 1}"
    db["people"].insert({"id": person_id, "name": name, "person_key": key, "positions": "[]"}, pk="id")
    return person_id


def assign(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]]) -> set[str]:
    """Set `person_id` on one article's official rows; the ids of the people they point to."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_key.setdefault(person_key(row["name"]), []).append(row)
    touched = set()
    for group in by_key.values():
        posts = [(row["position"], row.get("org_place")) for row in group if row.get("position")]
        person_id = _person_for(db, group[0]["name"], posts)
        for row in group:
            row["person_id"] = person_id
        touched.add(person_id)
    return touched


def refresh(db: sqlite_utils.Database, person_ids: Iterable[str]) -> None:
    """Counts, dates and posts of each person, from their mentions: positions in the order first held."""
    for person_id in person_ids:
        posts = db.execute(
            "select position, org_place from official_mentions where person_id = ? and position is not null "
            "group by position, org_place order by min(coalesce(published_date, '9999')), min(rowid)",
            [person_id]).fetchall()
        db.execute(
            "update people set mentions = (select count(*) from official_mentions where person_id = :id),"
            " first_mentioned = (select min(published_date) from official_mentions where person_id = :id),"
            " last_mentioned = (select max(published_date) from official_mentions where person_id = :id),"
            " latest_position = (select position from official_mentions where person_id = :id"
            "   order by published_date desc limit 1),"
            " positions = :positions, provinces = :provinces where id = :id",
            {"id": person_id, "positions": json.dumps(list(dict.fromkeys(p for p, _ in posts)), ensure_ascii=False),
             "provinces": json.dumps(list(dict.fromkeys(place for _, place in posts if place)),
                                     ensure_ascii=False)})
