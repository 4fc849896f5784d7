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
