"""A published workbook's sheets read with calamine, as openpyxl reads them."""

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT

FIX = ROOT / "tests" / "fixtures"
BOOK = FIX / "lgbf-benchmarking-data-fixture.xlsx"
META = FIX / "lgbf-indicator-metadata-fixture.xlsx"
LOOKUPS = FIX / "lgbf-council-lookups-fixture.xlsx"


@pytest.mark.parametrize("book", [BOOK, META, LOOKUPS], ids=lambda p: p.name)
def test_calamine_reads_the_cells_openpyxl_reads(book):
    """Every cell alike, but an Excel error (#N/A), which calamine reads as a blank: the importer
    reads both as a missing figure."""
    from swlib.sheets import read_rows

    error = lambda v: isinstance(v, str) and v.startswith("#")  # noqa: E731
    wb = load_workbook(book, read_only=True, data_only=True)
    for name in wb.sheetnames:
        theirs = [tuple(None if error(v) else v for v in r) for r in wb[name].iter_rows(values_only=True)]
        while theirs and all(v is None for v in theirs[-1]):
            theirs.pop()
        ours = read_rows(book, name, [], "")
        width = max(len(r) for r in theirs + ours)
        assert [(*r, *[None] * (width - len(r))) for r in ours] == [(*r, *[None] * (width - len(r))) for r in theirs], (
            name
        )
    wb.close()


def test_column_letters_are_openpyxls():
    """A cell is named as Excel and openpyxl name it (A1, Z9, AA10, CFE7 ...), without
    importing openpyxl to read a workbook."""
    from openpyxl.utils import get_column_letter

    from swlib.sheets import cell_ref, column_letter

    assert [column_letter(c) for c in range(1, 18279)] == [get_column_letter(c) for c in range(1, 18279)]
    assert cell_ref("Raw Data", 7, 2189) == "'Raw Data'!CFE7"  # quoted, as Excel's Name Box takes it
