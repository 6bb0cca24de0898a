"""Search at scale: the search page over HTTP (tantivy) beside FTS5's bm25 and the previous ranking.

Run as `nice .venv/bin/python bench/search.py [--articles N] [--queries N]`. The archive is generated
(bench/search_corpus.py), written through the archive's own schema (so the FTS5 triggers run), and
indexed with `crawler.search_index.rebuild`, the same call as `sct index --rebuild`; it is kept in
the temp dir and reused. Peers, on the same archive in the same run, in this process:
- FTS5 bm25: `articles_fts match ... order by rank limit 20`, with the same filters;
- windowed: the previous search page's ranking, the 500 newest matches ranked by how many words the
  title has (its SQL, on today's FTS5 table).
Targets: HTTP p95 below 50 ms, the archive at most 8 KB per article; the exit status says.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search_corpus import sentence_pool  # noqa: E402
from crawler import search_engine, search_index  # noqa: E402
from crawler.archive import Archive  # noqa: E402
from crawler.search import SearchFilters, filter_sql, match_expression  # noqa: E402
from crawler.search_query import parse_query  # noqa: E402
from nlp.text import fold  # noqa: E402

METADATA = ROOT / "web" / "metadata.yaml"
TARGET_P95_MS = 50.0
TARGET_BYTES = 8 * 1024
MAX_DISK = 12 * 10**9  # the bench archive and its index on this machine's disk
BATCH = 50_000  # articles per transaction: bulk rows through sqlite-utils, the FTS5 triggers run per row
CACHE_KIB = 2_000_000  # SQLite page cache while building: the archive's B-tree indexes stay in memory
POOL = 100_000
WINDOW = 500
SITES = [
    ("haiphong-sct", "Hải Phòng", "Hải Phòng"), ("haiduong-sct", "Hải Dương", "Hải Phòng"),
    ("hungyen-sct", "Hưng Yên", "Hưng Yên"), ("thaibinh-sct", "Thái Bình", "Hưng Yên"),
    ("danang-sct", "Đà Nẵng", "Đà Nẵng"), ("quangnam-sct", "Quảng Nam", "Đà Nẵng"),
    ("hue-sct", "Thừa Thiên Huế", "Huế"), ("langson-sct", "Lạng Sơn", "Lạng Sơn"),
    ("hanam-sct", "Hà Nam", "Ninh Bình"), ("namdinh-sct", "Nam Định", "Ninh Bình"),
    ("bariavungtau-sct", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"), ("binhduong-sct", "Bình Dương", "TP. Hồ Chí Minh"),
]
PEOPLE = ["hoang-minh-cuong-1", "dao-thi-thanh-huyen-1", "do-quang-hung-1", "bui-duc-long-1"]
INDICATORS = ["iip", "retail_sales", "exports", "imports"]
WORDS = ["công thương", "cong thuong", '"Sở Công Thương"', "uy ban nhan dan", "Uỷ ban nhân dân", "UBND tỉnh",
         "xuất khẩu", "xuat khau", "thươ*", "công thươ*", "Nam", "năm 2024", "dong", "đồng", "Đà Nẵng",
         "da nang", "hoà", "hòa", "thủy", "quý", "thi đua", '"hội nghị"', "điện", "dien nang", "thị trường",
         "Hải Phòng", "hai phong", "sản xuất công nghiệp", "thương mại điện tử", "TIẾT KIỆM NĂNG LƯỢNG",
         "doanh nghiệp", "KCN", "phát triển", "người", "Nguyễn Văn", "giá", "hàng hóa", "tăng trưởng"]


def build_archive(path: Path, articles: int) -> tuple[str, float]:
    """The archive; returns the exact title of its oldest article (the needle) and the seconds taken."""
    rng = random.Random(20250701)
    started = time.monotonic()
    pool = sentence_pool(POOL)
    print(f"  {len(pool):,} generated sentences in {time.monotonic() - started:.0f} s", flush=True)
    archive = Archive(path)
    db = archive.db
    db.execute(f"pragma cache_size = -{CACHE_KIB}")
    db.execute("pragma synchronous = off")  # a bench archive: rebuilt if the machine dies mid-build
    db["sites"].insert_all([{"id": site, "name": f"Sở Công Thương {province}", "kind": "department",
                             "province": province, "province_2025": merged} for site, province, merged in SITES],
                           pk="id", replace=True)
    needle = "Hội chợ triển lãm hàng thủ công mỹ nghệ làng nghề Bát Tràng khai mạc sáng nay"
    for first in range(0, articles, BATCH):
        rows, officials, figures = [], [], []
        for number in range(first, min(first + BATCH, articles)):
            site, province, merged = SITES[number % len(SITES)]
            day = f"{2015 + number * 11 // articles}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            paragraphs = [" ".join(rng.choices(pool, k=rng.randint(2, 5))) for _ in range(rng.randint(3, 7))]
            title = needle if number == 0 else " ".join(rng.choice(pool).split()[: rng.randint(8, 16)])
            key = f"bench{number:07d}"
            copy_of = f"bench{number - 7:07d}" if number % 20 == 19 else None
            rows.append({"id": key, "url": f"https://{site}.example/{number}", "site_id": site, "title": title,
                         "published": f"{day}T08:00:00+07:00", "published_date": day, "year": int(day[:4]),
                         "body": "\n\n".join(paragraphs), "province": province, "province_2025": merged,
                         "story_id": copy_of or key, "repost_of": copy_of, "content_hash": key,
                         "first_seen": f"{day}T09:00:00+00:00"})
            if number % 10 == 0:
                officials.append({"article_id": key, "published_date": day, "person_id": PEOPLE[number % 4],
                                  "name": "x", "position": "Giám đốc Sở", "start": 0, "end": 1})
            if number % 5 == 0:
                figures.append({"article_id": key, "published_date": day, "indicator_key": INDICATORS[number % 4],
                                "value": float(number % 17), "unit": "%", "start": 0, "end": 1})
        with archive.transaction():
            db["articles"].insert_all(rows, pk="id")
            db["official_mentions"].insert_all(officials)
            db["figures"].insert_all(figures)
        if (first // BATCH) % 4 == 0:
            print(f"  {first + len(rows):>9,} articles, {time.monotonic() - started:.0f} s", flush=True)
    db.execute("analyze")
    archive.close()
    return needle, time.monotonic() - started


def queries(count: int) -> list[dict[str, str]]:
    """Mixed searches: words with and without diacritics, phrases, prefixes, names, abbreviations, filters."""
    rng = random.Random(7)
    made = []
    for number in range(count):
        params = {"q": WORDS[number % len(WORDS)]}
        kind = rng.randrange(6)
        if kind == 1:
            params["site"] = rng.choice(SITES)[0]
        elif kind == 2:
            params.update(province=rng.choice(SITES)[2], era="2025")
        elif kind == 3:
            year = rng.randint(2015, 2025)
            params.update(since=f"{year}-01-01", until=f"{year}-06-30")
        elif kind == 4:
            params["order"] = "date"
        elif kind == 5:
            params["indicator"] = rng.choice(INDICATORS)
        made.append(params)
    return made


def filters_of(params: dict[str, str]) -> SearchFilters:
    return SearchFilters(site=params.get("site"), province=params.get("province"), since=params.get("since"),
                         until=params.get("until"), indicator=params.get("indicator"),
                         province_era=params.get("era", "any"))


def fts5_bm25(conn: sqlite3.Connection) -> Callable[[dict[str, str]], list[str]]:
    def run(params: dict[str, str]) -> list[str]:
        values: dict[str, str] = {"q": match_expression(params["q"])}
        where = filter_sql(filters_of(params), values)
        order = "a.published desc" if params.get("order") == "date" else "f.rank"
        return [key for (key,) in conn.execute(
            f"select a.id from articles_fts f join articles a on a.rowid = f.rowid where articles_fts match :q "
            f"and {where} order by {order} limit 20", values)]

    return run


def title_share(title: str | None, words: str) -> float:
    wanted, folded = words.split(), fold(title or "")
    return sum(word.rstrip("*") in folded for word in wanted) / max(1, len(wanted))


def windowed(conn: sqlite3.Connection) -> Callable[[dict[str, str]], list[str]]:
    """The previous ranking: the WINDOW newest matches only, by title words then date."""
    conn.create_function("title_share", 2, title_share, deterministic=True)

    def run(params: dict[str, str]) -> list[str]:
        parsed = parse_query(params["q"])
        words = " ".join(word for clause in (parsed.clauses if parsed else ()) for word in clause.typed.folded)
        values: dict[str, str] = {"q": parsed.folded if parsed else '""', "words": words}
        where = filter_sql(filters_of(params), values)
        order = "published desc" if params.get("order") == "date" else (
            "title_share(title, :words) desc, published desc")
        return [key for (key,) in conn.execute(
            f"with w as (select a.rowid as rid from articles_fts f join articles a on a.rowid = f.rowid "
            f"where articles_fts match :q and {where} order by f.rowid desc limit {WINDOW}) "
            f"select a.id from w join articles a on a.rowid = w.rid order by {order} limit 20", values)]

    return run


def engine_direct(db: Path) -> Callable[[dict[str, str]], list[str]]:
    engine = search_engine.Engine(db)

    def run(params: dict[str, str]) -> list[str]:
        found = search_engine.search(engine, parse_query(params["q"]), filters_of(params),
                                     params.get("order", "relevance"))
        return [hit.id for hit in found.hits]

    return run


def over_http(port: int) -> Callable[[dict[str, str]], list[str]]:
    def run(params: dict[str, str]) -> list[str]:
        url = f"http://127.0.0.1:{port}/-/search.json?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200
            return [row["id"] for row in json.loads(response.read())["results"]]

    return run


def timings(run: Callable[[dict[str, str]], list[str]], made: list[dict[str, str]], warm: int = 10) -> list[float]:
    for params in made[:warm]:  # warm caches and connections
        run(params)
    spent = []
    for params in made:
        started = time.perf_counter()
        run(params)
        spent.append(1000 * (time.perf_counter() - started))
    return spent


def percentiles(spent: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(spent, n=100, method="inclusive")
    return cuts[49], cuts[94]


def serve(path: Path) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(METADATA),
                               "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "60000"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2):
                return server, port
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit("datasette did not start") from None
            time.sleep(0.3)


def prepare(args: argparse.Namespace) -> tuple[Path, str]:
    path = args.dir / f"archive-{args.articles}.db"
    needle_file = path.with_suffix(".needle")
    if not path.exists():
        print(f"building {path}", flush=True)
        args.dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        for stale in args.dir.glob(f"{partial.name}*"):
            stale.unlink()
        needle, seconds = build_archive(partial, args.articles)
        print(f"archive written: {args.articles / seconds:,.0f} articles/s (generation included)", flush=True)
        partial.rename(path)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        needle_file.write_text(needle, encoding="utf-8")
    return path, needle_file.read_text(encoding="utf-8")


def report(name: str, spent: list[float]) -> tuple[float, float]:
    p50, p95 = percentiles(spent)
    print(f"{name:<34} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms", flush=True)
    return p50, p95


def indexed(path: Path, fresh: bool) -> dict[str, float]:
    """The index through `sct index --rebuild`'s own call, built when missing (or asked for) and reused
    otherwise; its build figures are kept beside the archive and printed on every run."""
    record = path.with_suffix(".index.json")
    if fresh or not record.exists() or not (search_index.index_path(path) / "meta.json").exists():
        print("building the search index (sct index --rebuild)", flush=True)
        run = search_index.rebuild(path)
        record.write_text(json.dumps({"articles": run.added, "seconds": run.seconds}), encoding="utf-8")
    return json.loads(record.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--peer-queries", type=int, default=50,
                        help="every n-th of the queries for the SQL peers (FTS5 bm25 takes seconds each at 1M)")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index even when it exists")
    parser.add_argument("--build-only", action="store_true", help="build the archive and its index, measure nothing")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sct-bench-search")
    args = parser.parse_args()
    path, needle = prepare(args)
    build = indexed(path, args.reindex)
    if args.build_only:
        return 0
    index_size = search_index.index_bytes(search_index.index_path(path))
    archive_size = sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal")
                       if Path(f"{path}{suffix}").exists())
    made = queries(args.queries)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    common = conn.execute("select count(*) from articles_fts where articles_fts match ?",
                          [match_expression("công thương")]).fetchone()[0]
    print(f"{args.articles:,} articles, {len(made)} queries; 'công thương' matches {common / args.articles:.0%}")
    print(f"index build (sct index --rebuild): {build['articles'] / build['seconds']:,.0f} articles/s, "
          f"{build['seconds']:.0f} s")
    print(f"archive {archive_size / args.articles:,.0f} bytes/article (no raw HTML in the bench), "
          f"tantivy index {index_size / args.articles:,.0f} bytes/article")
    sample = made[::max(1, len(made) // args.peer_queries)]
    print(f"SQL peers on every {max(1, len(made) // args.peer_queries)}th query ({len(sample)} queries)")
    sql = {"FTS5 bm25 order by rank (direct)": fts5_bm25(conn), "windowed, previous ranking (direct)": windowed(conn)}
    peers = {**sql, "tantivy engine (direct)": engine_direct(path)}
    checks = {name: peer({"q": needle})[:1] == ["bench0000000"] for name, peer in peers.items()}
    measured = {name: report(name, timings(peer, sample if name in sql else made, 3 if name in sql else 10))
                for name, peer in peers.items()}
    server, port = serve(path)
    try:
        http = over_http(port)
        checks["search page over HTTP"] = http({"q": needle})[:1] == ["bench0000000"]
        measured["search page over HTTP"] = report("search page over HTTP (tantivy)", timings(http, made))
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, first in checks.items():
        print(f"oldest article's exact title ranked first: {'yes' if first else 'no ':<3}  {name}")
    h95 = measured["search page over HTTP"][1]
    peer95 = measured["FTS5 bm25 order by rank (direct)"][1]
    print(f"ratio FTS5 bm25 / HTTP p95: {peer95 / h95:.1f}x")
    total = archive_size + index_size
    print(f"archive and index on disk: {total / 1e9:.2f} GB (at most {MAX_DISK / 1e9:.0f} GB)")
    ok = (h95 < TARGET_P95_MS and archive_size / args.articles <= TARGET_BYTES and checks["search page over HTTP"]
          and total <= MAX_DISK)
    print(f"targets: HTTP p95 < {TARGET_P95_MS:.0f} ms, archive <= {TARGET_BYTES} bytes/article, exact title first: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
