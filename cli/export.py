"""`sct export`: the archive's articles, people, mentions, figures or series as CSV, JSON Lines, Parquet or XLSX.

Exit codes: 0 written; 1 valid filters that match nothing (nothing written, like grep); 2 bad input or an
output that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.archive import DEFAULT_PATH
from crawler.search import SearchFilters, SearchRequest
from exports import EmptyExport, ExportError
from exports.datasets import DATASETS
from exports.run import export
from exports.writers import FORMATS


def register(commands: argparse._SubParsersAction) -> None:
    """Add `export` to the `sct` command's sub-parsers."""
    parser = commands.add_parser(
        "export", help="export articles, people, mentions, figures or the series panel for analysis",
        description="Export a dataset of the archive, with a datapackage.json data dictionary beside it. "
                    "Filters select articles; every row comes from, and cites, one of them.")
    parser.add_argument("dataset", choices=list(DATASETS))
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="the file to write (datapackage.json is written beside it)")
    parser.add_argument("--format", choices=list(FORMATS), help="default: from the output's suffix")
    parser.add_argument("--no-bom", dest="bom", action="store_false",
                        help="CSV without the UTF-8 byte order mark that Excel needs to read it as UTF-8")
    parser.add_argument("--no-formula-guard", dest="guard", action="store_false",
                        help="CSV cells exactly as stored, for programs: by default a cell that a spreadsheet "
                             "would run as a formula (=, +, -, @) gets a leading apostrophe")
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH, help="the archive (default %(default)s)")
    filters = parser.add_argument_group("filters", "on the article each row comes from")
    filters.add_argument("--site", metavar="ID", help="a site id (see `sct sites list`)")
    filters.add_argument("--province", metavar="NAME",
                         help="province at publication or after the 2025 merger, e.g. 'Hải Dương' or 'Hải Phòng'")
    filters.add_argument("--province-era", choices=["any", "publication", "2025"], default="any",
                         help="match --province as at publication, after the 2025 merger, or either (default)")
    filters.add_argument("--since", metavar="YYYY-MM-DD", help="published on or after this day")
    filters.add_argument("--until", metavar="YYYY-MM-DD", help="published on or before this day")
    filters.add_argument("--query", metavar="TEXT", help="full-text search, with or without diacritics")
    filters.add_argument("--person", metavar="ID",
                         help="articles mentioning this person (a people id); mentions and people keep only theirs")
    filters.add_argument("--indicator", metavar="KEY",
                         help="articles reporting this indicator (e.g. iip); figures keep only its values")
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    request = SearchRequest(query=args.query, filters=SearchFilters(
        site=args.site, province=args.province, since=args.since, until=args.until,
        person=args.person, indicator=args.indicator, province_era=args.province_era))
    try:
        result = export(args.db, args.dataset, args.output, request, args.format, bom=args.bom,
                        guard=args.guard)
    except EmptyExport as error:
        print(f"sct export: {error}", file=sys.stderr)
        return 1
    except ExportError as error:
        print(f"sct export: {error}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"sct export: warning: {warning}", file=sys.stderr)
    print(f"wrote {result.rows:,} {args.dataset} to {result.path}; data dictionary in {result.datapackage}")
    return 0
