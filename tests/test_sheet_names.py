"""Which sheet of a workbook is which table (swlib.sheet_names); a workbook read with a misnamed
sheet or a merged header is test_reading's and test_loading's."""

from swlib.sheet_names import column_key, merged_problems, sheet_key, table_sheets


def test_a_sheet_is_matched_to_its_table_whatever_its_case_spaces_and_underscores():
    assert sheet_key(" Observations ") == sheet_key("OBSERVATIONS") == sheet_key("observa_tions") == "observations"
    names = table_sheets(["Notes", " Observations ", "COUNCILS", "councils", "Observations Q2"])
    assert names == {"observations": " Observations ", "councils": "COUNCILS"}  # the first of two alike


def test_a_header_cell_is_its_columns_name():
    assert column_key(" Measure ID ") == "measure_id" and column_key("value") == "value"


def test_merged_cells_in_a_header_are_one_problem_naming_the_ranges_and_the_names_found():
    (p,) = merged_problems("r.xlsx", "observations", ["A1:C1", "D1:F1"], ["council", None, " measure "])
    assert p.cell == "observations!A1" and p.row == 1
    assert str(p) == (
        "r.xlsx, cell observations!A1: found merged cells in the header row (A1:C1, D1:F1); expected the column names in row 1, one per "
        "cell (found: council, measure): unmerge them (Home > Merge & Center) and put a title, if any, in another sheet"
    )
    assert merged_problems("r.xlsx", "observations", [], ["council"]) == []
