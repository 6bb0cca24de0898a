"""Raw HTML in the archive: zstandard with per-site dictionaries trained from the site's own pages.

Every page of a site repeats its template, so a dictionary trained on the site's pages takes that
template out of each stored page (a mirror page: 2.2 kB gzipped, about 0.4 kB with its site's
dictionary). Dictionaries live in the archive, one row per site and version, and are never
rewritten: a page names the version it was compressed with, so every page stays readable after a
newer version is trained. Rows written before this (gzip in `html_gz`) stay readable as they are.

`raw_html()` is the one reader of stored pages, for re-extraction and for the web's archived copy.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import zstandard

LEVEL = 9
MIN_SAMPLES = 8  # zstd cannot train on fewer pages, and a site with fewer gains little
MAX_SAMPLES = 200  # the site's latest pages: enough for its template, bounded in memory and time
DICTIONARY_SHARE = 20  # dictionary size: a twentieth of the sample pages' size, within the bounds below
DICTIONARY_BYTES = (2_048, 65_536)
COVER_K, COVER_D = 200, 8  # fixed COVER segment and d-mer sizes (within zstd's documented ranges): the search
# over them that train_dictionary runs by default costs 2.5x the CPU, about 2 ms a page on a site's first crawl


def ensure_schema(db: Any) -> None:
    """The dictionaries table and the page columns that name a dictionary (added to older archives)."""
    db["html_dictionaries"].create({  # pages: how many the site had when this version was trained
        "id": int, "site_id": str, "version": int, "sha1": str, "dictionary": bytes, "pages": int,
        "trained_at": str,
    }, pk="id", if_not_exists=True)
    db["html_dictionaries"].create_index(["site_id", "version"], unique=True, if_not_exists=True)
    columns = db["pages"].columns_dict
    for name, kind in (("html_zst", bytes), ("html_dict", int)):
        if name not in columns:
            db["pages"].add_column(name, kind)


def raw_html(db: Any, article_id: str) -> bytes | None:
    """The page as it was fetched, whichever way it was stored; None when the archive has no page.

    `db` is anything with `execute(sql, params)`: a sqlite3 connection (Datasette's) or sqlite-utils'.
    """
    row = db.execute("select p.html_gz, p.html_zst, p.html_dict, d.sha1 from pages p "
                     "left join html_dictionaries d on d.id = p.html_dict where p.article_id = ?",
                     [article_id]).fetchone()
    if row is None:
        return None
    html_gz, html_zst, dictionary_id, sha1 = row
    if html_zst is None:
        return gzip.decompress(html_gz) if html_gz is not None else b""
    if dictionary_id is None:
        return zstandard.ZstdDecompressor().decompress(html_zst)
    return _decompressor(db, dictionary_id, sha1).decompress(html_zst)


_DECOMPRESSORS: dict[str, zstandard.ZstdDecompressor] = {}


def _decompressor(db: Any, dictionary_id: int, sha1: str) -> zstandard.ZstdDecompressor:
    """Kept by the dictionary's content, not its id, which differs from one archive to another."""
    if sha1 not in _DECOMPRESSORS:
        if len(_DECOMPRESSORS) >= 256:
            _DECOMPRESSORS.clear()
        [data] = db.execute("select dictionary from html_dictionaries where id = ?", [dictionary_id]).fetchone()
        _DECOMPRESSORS[sha1] = zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(data))
    return _DECOMPRESSORS[sha1]


@lru_cache(maxsize=256)
def _compressor(sha1: str, data: bytes) -> zstandard.ZstdCompressor:
    return zstandard.ZstdCompressor(level=LEVEL, dict_data=zstandard.ZstdCompressionDict(data))


def train_dictionary(samples: list[bytes]) -> bytes | None:
    """A zstandard dictionary from a site's pages; None when they are too few or too alike to learn from."""
    size = max(DICTIONARY_BYTES[0], min(DICTIONARY_BYTES[1], sum(map(len, samples)) // DICTIONARY_SHARE))
    try:
        return zstandard.train_dictionary(size, samples, level=LEVEL, k=COVER_K, d=COVER_D).as_bytes()
    except zstandard.ZstdError:
        return None


def compress(html: bytes, dictionary: bytes | None = None) -> bytes:
    """One page as the archive stores it, with the given dictionary or none."""
    if dictionary is None:
        return zstandard.ZstdCompressor(level=LEVEL).compress(html)
    return _compressor(hashlib.sha1(dictionary).hexdigest(), dictionary).compress(html)


class RawStore:
    """Compresses pages for one archive connection with each site's latest dictionary."""

    def __init__(self, db: Any):
        self.db = db
        self._latest: dict[str, tuple[int, str, bytes] | None] = {}

    def pack(self, site_id: str | None, html: bytes) -> dict[str, Any]:
        """The `pages` columns that store this page."""
        latest = self._latest_dictionary(site_id) if site_id else None
        if latest is None:
            return {"html_gz": None, "html_zst": compress(html), "html_dict": None}
        dictionary_id, sha1, data = latest
        return {"html_gz": None, "html_zst": _compressor(sha1, data).compress(html), "html_dict": dictionary_id}

    def _latest_dictionary(self, site_id: str) -> tuple[int, str, bytes] | None:
        if site_id not in self._latest:
            row = self.db.execute("select id, sha1, dictionary from html_dictionaries where site_id = ? "
                                  "order by version desc limit 1", [site_id]).fetchone()
            self._latest[site_id] = tuple(row) if row else None
        return self._latest[site_id]

    def train(self, site_ids: Iterable[str]) -> dict[str, int]:
        """A new dictionary version for each site with MIN_SAMPLES pages and none yet, or twice as many
        pages as when its latest was trained; then every page of the site stored with it. Doubling keeps
        recompression at a constant cost per page; older versions stay. Say how many pages each
        trained site recompressed."""
        done = {}
        for site_id in sorted(set(site_ids)):
            [count] = self.db.execute("select count(*) from pages p join articles a on a.id = p.article_id "
                                      "where a.site_id = ?", [site_id]).fetchone()
            trained_at = self.db.execute("select pages from html_dictionaries where site_id = ? "
                                         "order by version desc limit 1", [site_id]).fetchone()
            if count >= max(MIN_SAMPLES, 2 * trained_at[0] if trained_at else 0):
                done[site_id] = self._train_site(site_id, count)
        return done

    def _train_site(self, site_id: str, count: int) -> int:
        from crawler.archive import utc_now  # the archive module imports this one

        keys = [key for (key,) in self.db.execute(
            "select p.article_id from pages p join articles a on a.id = p.article_id where a.site_id = ? "
            "order by p.fetched_at desc, p.article_id limit ?", [site_id, MAX_SAMPLES]).fetchall()]
        samples = [page for page in (raw_html(self.db, key) for key in keys) if page]
        data = train_dictionary(samples)
        if data is None:
            return 0
        sha1 = hashlib.sha1(data).hexdigest()
        version = self.db.execute("select coalesce(max(version), 0) + 1 from html_dictionaries where site_id = ?",
                                  [site_id]).fetchone()[0]
        self.db["html_dictionaries"].insert({"site_id": site_id, "version": version, "sha1": sha1,
                                             "dictionary": data, "pages": count, "trained_at": utc_now()})
        dictionary_id = self.db.execute("select id from html_dictionaries where site_id = ? and version = ?",
                                        [site_id, version]).fetchone()[0]
        self._latest[site_id] = (dictionary_id, sha1, data)
        stale = [key for (key,) in self.db.execute(
            "select p.article_id from pages p join articles a on a.id = p.article_id "
            "where a.site_id = ? and p.html_dict is not ?", [site_id, dictionary_id]).fetchall()]
        for key in stale:
            stored = self.pack(site_id, raw_html(self.db, key) or b"")
            self.db.execute("update pages set html_gz = null, html_zst = ?, html_dict = ? where article_id = ?",
                            [stored["html_zst"], stored["html_dict"], key])
        return len(stale)
