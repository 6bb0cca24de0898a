"""`sct extract`, `sct eval`, `sct reextract`: extraction without crawling."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.archive import DEFAULT_PATH


def register(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser("extract", help="print what is extracted from one article")
    extract.add_argument("file", type=Path, help="a plain-text article or a saved HTML page")
    extract.add_argument("--published", help="publication date YYYY-MM-DD, to resolve dates")
    extract.add_argument("--url", help="the page's URL (for an HTML page)")
    extract.add_argument("--date-order", choices=["dmy", "mdy"], help="the site's date order")
    extract.set_defaults(handler=run_extract)

    evaluate = commands.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("gold", type=Path, help="the gold file (JSON, like tests/fixtures/gold_seeds.json)")
    evaluate.add_argument("--texts", type=Path, required=True, help="directory of the gold's texts")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(handler=run_eval)

    reextract = commands.add_parser("reextract", help="re-run extraction over the stored raw HTML")
    reextract.add_argument("--db", type=Path, default=DEFAULT_PATH, help="the archive (default %(default)s)")
    reextract.add_argument("--sources", nargs="*", type=Path,
                           help="registry files, for the sites' selectors (default: the mirror's registry)")
    reextract.set_defaults(handler=run_reextract)


def run_extract(args: argparse.Namespace) -> int:
    from nlp.article import read_article
    from nlp.page import PageHints

    try:
        text = args.file.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"sct extract: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    url = args.url or args.file.resolve().as_uri()
    article = read_article(text, url, PageHints(args.date_order), published=args.published)
    print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from nlp.article import evaluate_directory

    report = evaluate_directory(args.gold, args.texts)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.format())
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from crawler.reextract import reextract

    print(json.dumps(reextract(args.db, args.sources or None), ensure_ascii=False))
    return 0
