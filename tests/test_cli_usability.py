"""The `sct` command as a new user meets it: clear errors instead of tracebacks, help for every option."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.search import SearchFilters, SearchRequest
from exports.run import export
from tests.conftest import ROOT, CrawlResult, free_port

SCT = [sys.executable, "-m", "cli"]


def sct(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCT, *argv], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)


def test_extract_of_a_missing_file_says_so_without_a_traceback(tmp_path: Path) -> None:
    for missing in (tmp_path / "missing.txt", tmp_path):
        run = sct("extract", str(missing))
        assert run.returncode == 2
        assert run.stderr.startswith(f"sct extract: cannot read {missing}: ")
        assert "Traceback" not in run.stderr and run.stdout == ""


def test_status_json_into_a_closed_pipe_ends_quietly(crawled: CrawlResult) -> None:
    """`sct status --json | head`: the reader closes the pipe before sct has written everything."""
    process = subprocess.Popen([*SCT, "status", "--db", str(crawled.db), "--json"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the child writes a byte: its first write meets a closed pipe
    error = process.stderr.read()
    process.wait(timeout=120)
    assert "BrokenPipeError" not in error and "Traceback" not in error, error
    assert process.returncode == 141


def test_status_json_through_head(crawled: CrawlResult) -> None:
    shell = subprocess.run(f"{sys.executable} -m cli status --db {crawled.db} --json | head -c 40",
                           shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert shell.stdout.startswith("[") and "Error" not in shell.stderr


def test_crawl_without_the_mirror_says_to_start_it(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    run = sct("crawl", "--db", str(tmp_path / "archive.db"), "--mirror-port", str(port))
    assert run.returncode != 0
    assert f"the local mirror is not running at 127.0.0.2:{port}" in run.stderr
    assert f"sct mirror --port {port}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "archive.db").exists()


def export_articles(db: Path, out: Path, province: str, era: str = "any") -> int:
    request = SearchRequest(filters=SearchFilters(province=province, province_era=era))
    return export(db, "articles", out, request).rows


@pytest.mark.parametrize("spelling", ["Hai Duong", "HẢI  DƯƠNG"])
def test_province_typed_without_diacritics_is_accepted(crawled: CrawlResult, tmp_path: Path, spelling: str) -> None:
    written = export_articles(crawled.db, tmp_path / "written.csv", "Hải Dương")
    assert written > 0
    run = sct("export", "articles", "--db", str(crawled.db), "--province", spelling, "-o", str(tmp_path / "a.csv"))
    assert run.returncode == 0, run.stderr
    assert f"wrote {written:,} articles" in run.stdout


def test_a_province_with_no_articles_is_not_called_unknown(crawled: CrawlResult, tmp_path: Path) -> None:
    run = sct("export", "articles", "--db", str(crawled.db), "--province", "Hà Nội", "-o", str(tmp_path / "a.csv"))
    assert run.returncode == 1
    assert "no articles from Hà Nội in the archive" in run.stderr and "unknown" not in run.stderr
    run = sct("export", "articles", "--db", str(crawled.db), "--province", "Atlantis", "-o", str(tmp_path / "a.csv"))
    assert run.returncode == 2 and "unknown province 'Atlantis'" in run.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("command", "options"), [
    ("serve", ("--host", "--port", "--db")), ("demo", ("--host", "--port", "--db", "--mirror-port")),
    ("status", ("--db", "--json")), ("mirror", ("--port",)), ("crawl", ("--db", "--sources")),
    ("schedule", ("--db", "--sources", "--job")), ("reextract", ("--db", "--sources")),
])
def test_every_option_has_help(command: str, options: tuple[str, ...]) -> None:
    from cli.main import build_parser

    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    helps = {option: action.help for action in sub._actions for option in action.option_strings}
    for option in options:
        assert helps.get(option), f"sct {command} {option} has no help"


def test_sources_help_names_a_directory_not_a_list_repr() -> None:
    run = subprocess.run([*SCT, "sites", "list", "-h"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False, env={**os.environ, "COLUMNS": "400"})
    assert run.returncode == 0
    assert f"registry files or directories (default: {ROOT / 'sources'})" in run.stdout
    assert "PosixPath" not in run.stdout


def test_packaging_metadata_has_no_license_deprecation() -> None:
    run = subprocess.run([sys.executable, "setup.py", "--version"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.strip().endswith("0.1.0")
    assert "deprecated" not in run.stderr.lower(), run.stderr
