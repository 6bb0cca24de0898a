"""Bad input and failures: a clear message, a non-zero exit, and never a half-written file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from exports import run as export_run
from tests.conftest import CrawlResult
from tests.exports.conftest import Run, run_export


def listing(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in directory.iterdir()}


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "xml"], "invalid choice: 'xml'"),
    (["--province", "Hai Dươngg"], "unknown province 'Hai Dươngg'; did you mean 'Hải Dương'"),
    (["--province", "Hải Dương", "--province-era", "2025"],
     "'Hải Dương' is not a province after the 1 July 2025 merger: it became part of Hải Phòng"),
    (["--indicator", "gdp"], "unknown indicator 'gdp'"),
    (["--site", "hanoi-sct"], "unknown site 'hanoi-sct'"),
    (["--person", "nguyen-van-a-1"], "unknown person 'nguyen-van-a-1'"),
    (["--since", "2024-13-01"], "--since '2024-13-01' is not a date in the form YYYY-MM-DD"),
    (["--since", "2024-06-01", "--until", "2024-01-01"], "--since 2024-06-01 is after --until 2024-01-01"),
    (["--query", "!!!"], "the query '!!!' has no words to search for"),
])
def test_bad_input_is_refused(sct_export: Callable[..., Run], tmp_path: Path, argv: list[str], message: str) -> None:
    run = sct_export("articles", *argv, "-o", str(tmp_path / "out.csv"))
    assert run.code == 2
    assert message in run.err
    assert listing(tmp_path) == {}


def test_format_from_the_suffix_or_refused(sct_export: Callable[..., Run], tmp_path: Path) -> None:
    run = sct_export("people", "-o", str(tmp_path / "people.xml"))
    assert run.code == 2 and "cannot tell the format from 'people.xml'" in run.err
    assert listing(tmp_path) == {}
    assert sct_export("people", "-o", str(tmp_path / "people.XLSX")).code == 0
    assert (tmp_path / "people.XLSX").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("where", ["missing/out.csv", "file.txt/out.csv", "directory"])
def test_unwritable_output(sct_export: Callable[..., Run], tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "directory").mkdir()
    before = listing(tmp_path / "directory") | {"file.txt": b"x"}
    run = sct_export("articles", "-o", str(tmp_path / where))
    assert run.code == 2
    assert run.err.startswith("sct export: ") and ("cannot write in" in run.err or "is a directory" in run.err)
    assert {path.name for path in tmp_path.iterdir()} == {"file.txt", "directory"}
    assert listing(tmp_path / "directory") | {"file.txt": (tmp_path / "file.txt").read_bytes()} == before


def test_missing_archive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = run_export(["articles", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "a.csv")], capsys)
    assert run.code == 2 and "no archive at" in run.err
    assert listing(tmp_path) == {}  # and no empty database created in its place


def test_empty_result_writes_nothing_and_exits_1(sct_export: Callable[..., Run], tmp_path: Path) -> None:
    """Valid filters that match nothing: exit 1 as grep does, and no file, so a scheduled export never
    replaces last week's good file with an empty one."""
    previous = tmp_path / "figures.csv"
    assert sct_export("figures", "-o", str(previous)).code == 0
    before = listing(tmp_path)
    run = sct_export("figures", "--since", "2030-01-01", "-o", str(previous))
    assert run.code == 1
    assert "no figures match --since '2030-01-01'; nothing written" in run.err
    assert listing(tmp_path) == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_interrupted_export_leaves_the_previous_files(sct_export: Callable[..., Run], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      failure: BaseException | type[BaseException]) -> None:
    output = tmp_path / "articles.xlsx"
    assert sct_export("articles", "-o", str(output)).code == 0
    before = listing(tmp_path)
    real_batches = export_run.batches

    def failing(*args: object, **kwargs: object) -> Iterator[list[tuple[object, ...]]]:
        batches = real_batches(*args, **kwargs)
        yield next(batches)
        raise failure

    monkeypatch.setattr(export_run, "batches", failing)
    if failure is KeyboardInterrupt:
        with pytest.raises(KeyboardInterrupt):
            sct_export("articles", "--format", "xlsx", "-o", str(output))
    else:
        run = sct_export("articles", "--format", "xlsx", "-o", str(output))
        assert run.code == 2 and "No space left on device" in run.err
    assert listing(tmp_path) == before


def test_crawled_archive_is_left_untouched(crawled: CrawlResult, sct_export: Callable[..., Run],
                                           tmp_path: Path) -> None:
    files = sorted(path.name for path in crawled.db.parent.iterdir())
    assert sct_export("articles", "-o", str(tmp_path / "a.csv")).code == 0
    assert sorted(path.name for path in crawled.db.parent.iterdir()) == files
