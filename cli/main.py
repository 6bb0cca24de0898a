"""The `sct` command. Each command family lives in its own module and registers its subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cli import crawling, export, extraction, scale, search, sites
from crawler.registry import RegistryError

COMMAND_FAMILIES = (crawling, extraction, sites, export, scale, search)
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a writer whose reader closed the pipe


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except RegistryError as error:
        print(f"sct: registry error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sct status --json | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sct", description="Crawl, extract and serve the news of Vietnam's trade departments.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for family in COMMAND_FAMILIES:
        family.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
