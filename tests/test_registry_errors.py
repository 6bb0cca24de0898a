"""Registry mistakes that used to pass `sct sites check` or end in a traceback: each is now exit 2 naming the
file, entry and field, before any request is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from tests.conftest import ROOT
from tests.test_registry import GOOD_ENTRY, write_registry


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["sites", "check", "--sources", str(path)])
    return code, capsys.readouterr().err


def test_a_file_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_registry(tmp_path, GOOD_ENTRY)
    path.write_bytes(path.read_bytes().replace("Thử".encode(), b"Th\xfd"))  # a legacy 8-bit editor
    code, err = check(path, capsys)
    assert code == 2
    assert f"{path}: not UTF-8: byte 0x" in err and "Traceback" not in err


@pytest.mark.parametrize("selector", ["div[", "h1..title", "p:nth-child(", "#"])
def test_an_invalid_css_selector(tmp_path: Path, capsys: pytest.CaptureFixture[str], selector: str) -> None:
    body = GOOD_ENTRY + f"    selectors:\n      title: h1\n      body: ['div.content', '{selector}']\n"
    code, err = check(write_registry(tmp_path, body), capsys)
    assert code == 2
    assert "entry 'test-site', field 'selectors.body'" in err and "bad CSS selector" in err


@pytest.mark.parametrize("port", ["99999", "abc", "-1"])
def test_a_bad_port(tmp_path: Path, capsys: pytest.CaptureFixture[str], port: str) -> None:
    body = GOOD_ENTRY.replace("homepage: http://127.0.0.2:${MIRROR_PORT}/", f"homepage: http://127.0.0.2:{port}/")
    code, err = check(write_registry(tmp_path, body), capsys)
    assert code == 2
    assert "field 'homepage'" in err and "bad port" in err


def test_crawl_of_an_unknown_site_says_so_before_starting(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, "-m", "cli", "crawl", "--db", str(tmp_path / "a.db"),
                                "--sites", "nope,haiduong-sct"], cwd=ROOT, capture_output=True, text=True,
                               timeout=120, check=False)
    assert completed.returncode == 2
    assert "no enabled site with id nope; see 'sct sites list'" in completed.stderr
    assert "Traceback" not in completed.stderr and "CRITICAL" not in completed.stderr
    assert not (tmp_path / "a.db").exists()
