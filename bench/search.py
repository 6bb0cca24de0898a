"""Search latency at 100,000 articles: Datasette's HTTP API against the same searches in sqlite3.

Run as `.venv/bin/python bench/search.py [--articles N] [--queries N]`. The synthetic archive is
recombined deterministically from the seed sentences in mirror/seeds/*.txt and indexed with
crawler.search's own functions, so the index is the real one; it is built once in the temp dir
and reused. The HTTP side is a real `datasette serve` subprocess with the project's plugin.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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

from crawler import search  # noqa: E402
from crawler.archive import Archive  # noqa: E402
from nlp.text import normalize  # noqa: E402

SEEDS = ROOT / "mirror" / "seeds"
METADATA = ROOT / "web" / "metadata.yaml"
TARGET_P95_MS = 100.0
TARGET_RATIO = 3.0
BATCH = 2_000
# (site id, province at publication, province after the 2025 merger)
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
WORDS = ["công thương", "cong thuong", '"Sở Công Thương"', "uy ban nhan dan", "Uỷ ban nhân dân", "ủy ban",
         "xuất khẩu", "xuat khau", "thươ*", "công thươ*", "Nam", "năm 2024", "dong", "đồng", "Đà Nẵng", "da nang",
         "hoà", "hòa", "thuỷ", "thủy", "quí", "quý", "thi đua", "thi dua", '"hội nghị tổng kết"', "điện",
         "dien nang", "bình ổn thị trường", "Hải Phòng", "hai phong", "sản xuất công nghiệp", "thương mại điện tử",
         "TIẾT KIỆM NĂNG LƯỢNG", "cụm trưởng", "phiên chợ hàng Việt", "Tết Nguyên đán", "ban chấp hành", "an toàn"]


def seed_sentences() -> list[str]:
    """Every sentence of the seed texts long enough to read like news."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in normalize(path.read_text(encoding="utf-8")).split("\n"):
            found.extend(part.strip() for part in re.split(r"(?<=[.;!?])\s+", line) if len(part.split()) >= 6)
    return found


def build_archive(path: Path, articles: int) -> None:
    """A deterministic archive: bodies of 8-20 seed sentences, 5% reposts, some people and figures."""
    rng = random.Random(20250701)
    sentences = seed_sentences()
    archive = Archive(path)
    db = archive.db
    db["sites"].insert_all([{"id": site, "name": f"Sở Công Thương {province}", "kind": "department",
                             "province": province, "province_2025": merged} for site, province, merged in SITES],
                           pk="id", replace=True)
    started = time.monotonic()
    for first in range(0, articles, BATCH):
        rows, officials, figures = [], [], []
        for number in range(first, min(first + BATCH, articles)):
            site, province, merged = SITES[number % len(SITES)]
            day = f"{2019 + number % 7}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            body = "\n\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(rng.randint(3, 7)))
            key = f"bench{number:06d}"
            copy_of = f"bench{number - 7:06d}" if number % 20 == 19 else None
            title = " ".join(rng.choice(sentences).split()[: rng.randint(8, 16)])
            rows.append({"id": key, "url": f"https://{site}.example/{number}", "site_id": site, "title": title,
                         "published": f"{day}T08:00:00+07:00", "published_date": day, "year": int(day[:4]),
                         "body": body, "province": province, "province_2025": merged,
                         "story_id": copy_of or key, "repost_of": copy_of})
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
            rowids = dict(db.execute("select id, rowid from articles where id in ({})".format(
                ", ".join("?" for _ in rows)), [row["id"] for row in rows]).fetchall())
            for row in rows:
                search.index_article(db.conn, rowids[row["id"]], row["title"], row["body"])
        print(f"  {first + len(rows):>7,} articles, {time.monotonic() - started:.0f} s", flush=True)
    db.execute("analyze")
    archive.close()


def queries(count: int) -> list[dict[str, str]]:
    """Mixed searches: words with and without diacritics, phrases, prefixes, filters, date order."""
    rng = random.Random(7)
    made = []
    for number in range(count):
        params = {"q": WORDS[number % len(WORDS)]}
        kind = rng.randrange(6)
        if kind == 1:
            params["site"] = rng.choice(SITES)[0]
        elif kind == 2:
            params["province"] = rng.choice(SITES)[2]
            params["era"] = "2025"
        elif kind == 3:
            year = rng.randint(2019, 2025)
            params.update(since=f"{year}-01-01", until=f"{year}-06-30")
        elif kind == 4:
            params["order"] = "date"
        elif kind == 5:
            params["indicator"] = rng.choice(INDICATORS)
        made.append(params)
    return made


def as_request(params: dict[str, str]) -> search.SearchRequest:
    filters = search.SearchFilters(site=params.get("site"), province=params.get("province"),
                                   since=params.get("since"), until=params.get("until"),
                                   indicator=params.get("indicator"), province_era=params.get("era", "any"))
    return search.SearchRequest(query=params["q"], filters=filters, order=params.get("order", "relevance"))


def direct(path: Path) -> Callable[[dict[str, str]], None]:
    """The search page's database work, in this process: the page of results, the count, the copies."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def run(params: dict[str, str]) -> None:
        request = as_request(params)
        rows = search.run_search(db, request, "a.id, a.title, a.body, a.site_id, a.published_date") or []
        if not rows:
            search.count_matches(db, request)
        search.story_copies(db, [row["story"] for row in rows if row["copies"]])

    return run


def over_http(port: int) -> Callable[[dict[str, str]], None]:
    def run(params: dict[str, str]) -> None:
        url = f"http://127.0.0.1:{port}/-/search.json?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            json.loads(response.read())
            assert response.status == 200

    return run


def timings(run: Callable[[dict[str, str]], None], made: list[dict[str, str]]) -> list[float]:
    for params in made[:10]:  # warm caches and connections
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
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2):
                return server, port
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit("datasette did not start") from None
            time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sct-bench-search")
    args = parser.parse_args()
    path = args.dir / f"archive-{args.articles}.db"
    if not path.exists():
        print(f"building {path}", flush=True)
        args.dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        for stale in args.dir.glob(f"{partial.name}*"):
            stale.unlink()
        build_archive(partial, args.articles)
        partial.rename(path)
    made = queries(args.queries)
    direct_ms = timings(direct(path), made)
    server, port = serve(path)
    try:
        http_ms = timings(over_http(port), made)
    finally:
        server.terminate()
        server.wait(timeout=30)
    (d50, d95), (h50, h95) = percentiles(direct_ms), percentiles(http_ms)
    print(f"{args.articles:,} articles, {len(made)} queries")
    print(f"sqlite3 direct   p50 {d50:7.1f} ms   p95 {d95:7.1f} ms")
    print(f"HTTP (Datasette) p50 {h50:7.1f} ms   p95 {h95:7.1f} ms")
    print(f"ratio HTTP/direct p50 {h50 / d50:.2f}   p95 {h95 / d95:.2f}")
    ok = h95 < TARGET_P95_MS and h95 <= TARGET_RATIO * d95
    print(f"target p95 < {TARGET_P95_MS:.0f} ms over HTTP, within {TARGET_RATIO:.0f}x of direct: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
