"""The `sct` command: run the mirror, crawl, serve, and the offline demo that does all three."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from crawler.archive import DEFAULT_PATH
from crawler.registry import DEFAULT_MIRROR_PORT, RegistryError

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "web" / "metadata.yaml"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except RegistryError as error:
        print(f"sct: registry error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sct", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    mirror = commands.add_parser("mirror", help="serve the local mirror of the fixture sites")
    mirror.add_argument("--port", type=int, default=DEFAULT_MIRROR_PORT)
    mirror.add_argument("--delay", type=float, default=0.0, help="seconds before each article page")
    mirror.set_defaults(handler=run_mirror)

    crawl = commands.add_parser("crawl", help="crawl the registry's sites into the archive")
    add_crawl_arguments(crawl)
    crawl.set_defaults(handler=run_crawl)

    serve = commands.add_parser("serve", help="serve the archive with Datasette, read-only")
    add_serve_arguments(serve)
    serve.set_defaults(handler=run_serve)

    demo = commands.add_parser("demo", help="offline demo: mirror, crawl into the archive, serve")
    demo.add_argument("--db", type=Path, default=DEFAULT_PATH)
    demo.add_argument("--mirror-port", type=int, default=DEFAULT_MIRROR_PORT)
    add_serve_arguments(demo, with_db=False)
    demo.set_defaults(handler=run_demo)

    extract = commands.add_parser("extract", help="print what is extracted from one article")
    extract.add_argument("file", type=Path, help="a plain-text article or a saved HTML page")
    extract.add_argument("--published", help="publication date YYYY-MM-DD, to resolve dates")
    extract.add_argument("--url", help="the page's URL (for an HTML page)")
    extract.add_argument("--date-order", choices=["dmy", "mdy"], help="the site's date order")
    extract.set_defaults(handler=run_extract)

    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("gold", type=Path)
    evaluate.add_argument("--texts", type=Path, required=True, help="directory of the gold's texts")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(handler=run_eval)

    reextract = commands.add_parser("reextract", help="re-run extraction over the stored raw HTML")
    reextract.add_argument("--db", type=Path, default=DEFAULT_PATH)
    reextract.add_argument("--sources", nargs="*", type=Path, help="registry files (for selectors)")
    reextract.set_defaults(handler=run_reextract)
    return parser


def add_crawl_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH, help="the archive (default %(default)s)")
    parser.add_argument("--sources", nargs="*", type=Path,
                        help="registry files or directories (default: the mirror's registry)")
    parser.add_argument("--sites", help="comma-separated site ids (default: every enabled site)")
    parser.add_argument("--spider", default="listing", help="discovery mode (default %(default)s)")
    parser.add_argument("--mirror-port", type=int, help="port of the local mirror in registry URLs")
    parser.add_argument("--delay", type=float, help="download delay in seconds (default: polite)")
    parser.add_argument("--log-file", type=Path, help="write the crawl log here")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="any Scrapy setting")


def add_serve_arguments(parser: argparse.ArgumentParser, with_db: bool = True) -> None:
    if with_db:
        parser.add_argument("--db", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)


def run_mirror(args: argparse.Namespace) -> int:
    from mirror.server import main as mirror_main

    return mirror_main(["--port", str(args.port), "--delay", str(args.delay)]) or 0


def crawl_settings(args: argparse.Namespace):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("ARCHIVE_PATH", str(args.db), priority="cmdline")
    if args.sources:
        settings.set("SOURCES", [str(path) for path in args.sources], priority="cmdline")
    if args.delay is not None:
        settings.set("DOWNLOAD_DELAY", args.delay, priority="cmdline")
        settings.set("AUTOTHROTTLE_START_DELAY", args.delay, priority="cmdline")
    if args.log_file:
        settings.set("LOG_FILE", str(args.log_file), priority="cmdline")
    for assignment in args.set:
        name, _, value = assignment.partition("=")
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(args: argparse.Namespace) -> int:
    from scrapy.crawler import CrawlerProcess

    if args.mirror_port is not None:
        os.environ["SCT_MIRROR_PORT"] = str(args.mirror_port)
    process = CrawlerProcess(crawl_settings(args))
    crawler = process.create_crawler(args.spider)
    process.crawl(crawler, sites=args.sites)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    if stats.get("finish_reason") != "finished":
        print(f"sct: crawl ended: {stats.get('finish_reason', 'did not start')}", file=sys.stderr)
        return 1
    return 0


def datasette_command(db: Path, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(METADATA),
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]


def run_serve(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(f"sct: no archive at {args.db}; run 'sct crawl' or 'sct demo' first", file=sys.stderr)
        return 2
    from crawler.archive import Archive

    Archive(args.db).close()
    command = datasette_command(args.db, args.host, args.port)
    print(f"Datasette: http://{args.host}:{args.port}/", flush=True)
    os.execv(command[0], command)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    import subprocess

    from mirror.server import MirrorServer

    with MirrorServer(port=args.mirror_port):
        crawl = [sys.executable, "-m", "cli", "crawl", "--db", str(args.db),
                 "--mirror-port", str(args.mirror_port), "--delay", "0"]
        print("Crawling the local mirror into", args.db, flush=True)
        result = subprocess.run(crawl, check=False)
    if result.returncode != 0:
        return result.returncode
    return run_serve(argparse.Namespace(db=args.db, host=args.host, port=args.port))


def run_extract(args: argparse.Namespace) -> int:
    from datetime import date

    from nlp.facts import extract_facts
    from nlp.page import PageHints, extract_page
    from nlp.text import normalize

    text = args.file.read_text(encoding="utf-8", errors="replace")
    published = date.fromisoformat(args.published) if args.published else None
    output: dict[str, object] = {}
    if _looks_like_html(text):
        page = extract_page(text, args.url or args.file.resolve().as_uri(), PageHints(args.date_order))
        output.update(page.to_dict())
        text = page.body
        if published is None and page.published:
            published = date.fromisoformat(page.published[:10])
    facts = extract_facts(normalize(text), published=published).to_dict()
    facts["published"] = output.get("published") or (published.isoformat() if published else None)
    output.update(facts)
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def run_eval(args: argparse.Namespace) -> int:
    from nlp.evaluate import evaluate_files

    report = evaluate_files(args.gold, args.texts)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.format())
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from crawler.reextract import reextract

    counts = reextract(args.db, args.sources or None)
    print(json.dumps(counts, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
