"""A corpus of malformed inputs (tests/data/bad/<case>/, each with expected.txt): every one
gives exit 2 and a message naming file, row and column, never a traceback."""

import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main

BAD = Path(__file__).parent / "data" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())


def validate(path):
    return CliRunner().invoke(main, ["validate", "--data", str(path)])


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_bad_input_case(case):
    r = validate(BAD / case)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    for line in (BAD / case / "expected.txt").read_text().splitlines():
        if line.strip():
            assert line in r.output, f"{case}: expected {line!r} in\n{r.output}"


def test_a_path_that_does_not_exist(tmp_path):
    r = validate(tmp_path / "nowhere")
    assert r.exit_code == 2 and "found nothing at this path" in r.output


def test_a_file_that_is_not_a_workbook_or_folder(tmp_path):
    f = tmp_path / "data.csv"
    f.write_text("council\n")
    r = validate(f)
    assert (
        r.exit_code == 2 and "found a '.csv' file; expected a data folder of CSV files or an .xlsx workbook" in r.output
    )


def test_a_table_that_is_a_folder(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    for f in (BAD / "unknown-council").glob("*.csv"):
        (d / f.name).write_bytes(f.read_bytes())
    (d / "observations.csv").unlink()
    (d / "observations.csv").mkdir()
    r = validate(d)
    assert r.exit_code == 2 and "observations.csv: found a folder; expected a CSV file" in r.output


def test_unreadable_permissions(tmp_path, monkeypatch):
    d = tmp_path / "d"
    d.mkdir()
    for f in (BAD / "unknown-council").glob("*.csv"):
        (d / f.name).write_bytes(f.read_bytes())
    target = d / "measures.csv"
    target.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for anyone else
        real = Path.read_bytes
        monkeypatch.setattr(
            Path,
            "read_bytes",
            lambda self: (
                (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if self == target else real(self)
            ),
        )
    r = validate(d)
    assert r.exit_code == 2 and "measures.csv: found a file that cannot be read (permission denied)" in r.output


def test_a_100_mb_file_of_garbage_fails_fast_in_bounded_memory(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    for f in (BAD / "unknown-council").glob("*.csv"):
        (d / f.name).write_bytes(f.read_bytes())
    with (d / "observations.csv").open("wb") as f:
        f.seek(100 * 1024 * 1024 - 1)
        f.write(b"\x00")
    validate(BAD / "unknown-council")  # the imports a first validate makes are not the file's memory
    tracemalloc.start()
    r = validate(d)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.exit_code == 2 and "observations.csv: found a file of 105 MB; expected a CSV file under 64 MB" in r.output
    assert peak < 20 * 1024 * 1024  # the file is never read


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"this is not a zip file at all", "found a file that is not an Excel workbook"),
        (None, "found an unreadable workbook"),  # a zip, but not a workbook
    ],
)
def test_corrupt_workbooks(tmp_path, content, expected):
    book = tmp_path / "data.xlsx"
    if content is None:
        with zipfile.ZipFile(book, "w") as z:
            z.writestr("hello.txt", "not a workbook")
    else:
        book.write_bytes(content)
    r = validate(book)
    assert r.exit_code == 2 and expected in r.output and "Traceback" not in r.output


def test_workbook_without_the_required_sheets(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "councils"
    wb.active.append(["council", "name", "family_group"])
    wb.active.append(["alpha", "Alpha", 1])
    wb.save(tmp_path / "book.xlsx")
    r = validate(tmp_path / "book.xlsx")
    assert (
        r.exit_code == 2 and "book.xlsx: found no sheet named 'measures'; expected a sheet named 'measures'" in r.output
    )


def test_load_raises_data_error_with_context():
    with pytest.raises(swlib.DataError) as e:
        swlib.load(BAD / "unknown-council")
    assert (e.value.file, e.value.row, e.value.column) == ("observations.csv", 2, "council")
    assert isinstance(e.value, swlib.SwError)
