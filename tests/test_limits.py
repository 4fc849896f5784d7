"""Size limits on input files: a clear exit 2 before memory grows."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from swlib.cli import main
from swlib.errors import DataError
from swlib.limits import Budget, check_csv, check_workbook, sheet_rows
from tests.conftest import make_data


def _huge_declared(path: Path, rows: int, sheet: str = "observations") -> Path:
    """A workbook of a few kilobytes that declares ``rows`` rows (one cell at the bottom)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["council", "measure", "period", "value"])
    ws.cell(rows, 1, "x")
    wb.save(path)
    return path


def test_a_workbook_declaring_millions_of_rows_is_refused_before_a_row_is_read(tmp_path):
    from openpyxl import load_workbook

    path = _huge_declared(tmp_path / "big.xlsx", 1_000_000)
    assert path.stat().st_size < 50_000
    wb = load_workbook(path, read_only=True)
    with pytest.raises(DataError) as e:
        check_workbook(wb, path.name)
    assert "1,000,000 rows" in str(e.value) and "big.xlsx [sheet observations]" in str(e.value)
    r = CliRunner().invoke(main, ["validate", "--data", str(path)])
    assert r.exit_code == 2 and "1,000,000 rows" in r.output and "Traceback" not in r.output


def test_rows_are_counted_as_they_are_read_when_the_declared_size_is_wrong(tmp_path, monkeypatch):
    monkeypatch.setenv("SWREPORT_MAX_ROWS", "50")
    wb = Workbook()
    ws = wb.active
    for i in range(200):
        ws.append([i, i])
    read = []
    with pytest.raises(DataError) as e:
        for r in sheet_rows(ws, "book.xlsx [sheet s]", Budget("book.xlsx")):
            read.append(r)
    assert len(read) == 50 and "more than 50 rows" in str(e.value)
    monkeypatch.setenv("SWREPORT_MAX_CELLS", "100")
    with pytest.raises(DataError, match="found more than 200 cells; expected at most 200 cells in a workbook"):
        budget = Budget("book.xlsx")
        for _ in range(3):  # three sheets of 80 cells: each under the sheet limit, the file over its own
            list(sheet_rows(ws, "book.xlsx [sheet s]", budget, max_row=40))


def test_csv_files_over_the_row_limit_exit_2_naming_the_file(tmp_path, monkeypatch, data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": f"2020-{m:02d}", "value": "5"} for m in range(1, 13)])
    monkeypatch.setenv("SWREPORT_MAX_ROWS", "10")
    with pytest.raises(DataError, match="12 rows"):
        check_csv((data_dir / "observations.csv").read_bytes(), "observations.csv")
    r = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert r.exit_code == 2 and "observations.csv: found 12 rows; expected at most 10 rows" in r.output


def test_import_lgbf_refuses_a_huge_workbook_with_exit_2(tmp_path):
    path = _huge_declared(tmp_path / "lgbf.xlsx", 1_000_000, sheet="Raw Data")
    r = CliRunner().invoke(main, ["import", "lgbf", str(path), "--out", str(tmp_path / "b.csv")])
    assert r.exit_code == 2 and "1,000,000 rows" in r.output and not (tmp_path / "b.csv").exists()


def _big_narrative(tmp_path: Path, size: int = 1_200_000) -> Path:
    """A copy of the demo data whose Dundee complaints section is ``size`` bytes of prose."""
    import shutil

    from tests.conftest import ROOT

    d = tmp_path / "d"
    shutil.copytree(ROOT / "data", d)
    f = d / "narrative" / "dundee-city" / "2016-17" / "complaints.md"
    para = "Complaints were handled within the timescales set by the model procedure this year.\n\n"
    f.write_text(para * (size // len(para)) + "x" * (size % len(para)), encoding="utf-8")
    assert f.stat().st_size == size
    return d


def test_a_narrative_file_over_the_limit_is_refused_naming_file_size_and_limit(tmp_path, monkeypatch):
    from swlib.limits import check_narrative

    d = _big_narrative(tmp_path)
    folder = d / "narrative" / "dundee-city"
    with pytest.raises(DataError) as e:
        check_narrative(folder)
    msg = str(e.value)
    assert "complaints.md" in msg and "1,200,000 bytes" in msg and "at most 1,000,000 bytes" in msg
    assert len(e.value.problems) == 1  # the other sections are far below it
    monkeypatch.setenv("SWREPORT_MAX_NARRATIVE_BYTES", "2000000")
    check_narrative(folder)  # raised: read as any other


def test_run_refuses_a_narrative_over_the_limit_with_exit_2_and_writes_nothing(tmp_path):
    d, out = _big_narrative(tmp_path), tmp_path / "out"
    r = CliRunner().invoke(main, ["run", "annual", "--council", "dundee-city", "--period", "2016-17", "--data", str(d),
                                  "--audience", "public", "--out", str(out)])  # fmt: skip
    assert r.exit_code == 2, r.output
    assert "narrative/dundee-city/2016-17/complaints.md" in r.output and "1,200,000 bytes" in r.output
    assert "at most 1,000,000 bytes" in r.output and "Traceback" not in r.output
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    r = CliRunner().invoke(main, ["batch", "annual", "--period", "2016-17", "--councils", "dundee-city", "--data",
                                  str(d), "--out", str(out), "--dry-run"])  # fmt: skip
    assert r.exit_code == 2 and "complaints.md" in r.output and "1,200,000 bytes" in r.output, r.output
