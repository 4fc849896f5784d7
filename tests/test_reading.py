"""Reading a data set's raw tables (swlib.reading): text cells, rows counted as a spreadsheet does."""

import pytest

from swlib.reading import read_csv


def test_a_csv_is_read_as_text_with_a_spreadsheets_row_numbers(tmp_path):
    f = tmp_path / "councils.csv"
    f.write_bytes("council,name\nalpha,Alpha Council\n".encode("cp1252") + "beta,Bèta Council\n".encode("cp1252"))
    problems = []
    df = read_csv(f, "councils.csv", problems)
    assert problems == [] and list(df.index) == [2, 3]  # the header is row 1
    assert df.loc[3, "name"] == "Bèta Council"  # not UTF-8: read as Windows-1252, as Excel saves it


def test_a_file_that_is_not_a_csv_is_a_problem_naming_it(tmp_path):
    f = tmp_path / "measures.csv"
    f.write_bytes(b"PK\x03\x04\x00\x00binary")
    problems = []
    assert read_csv(f, "measures.csv", problems) is None
    assert [(p.file, p.found, p.expected) for p in problems] == [("measures.csv", "binary data", "a CSV text file")]


def test_a_percent_formatted_cell_is_read_as_the_percentage_it_shows(tmp_path):
    from openpyxl import Workbook

    from swlib.reading import percent_format, read_workbook

    assert percent_format("0%") and percent_format("0.0%") and percent_format("[Blue]0.0%")
    assert not percent_format('0.0"%"') and not percent_format("0\\%") and not percent_format("General")
    wb = Workbook()
    ws = wb.active
    ws.title = "observations"
    ws.append(["council", "measure", "period", "value", "numerator", "denominator", "comment"])
    ws.append(["alpha", "m0", "2024-25-Q1", 0.93, 3, 4, "0.5"])  # 93% typed into Excel
    ws.append(["alpha", "m0", "2024-25-Q2", 92.5, None, None, None])  # swreport's own 0.0"%" format
    ws["D2"].number_format, ws["E2"].number_format, ws["G2"].number_format = "0%", "0", "0%"
    ws["D3"].number_format = '0.0"%"'
    wb.save(tmp_path / "r.xlsx")
    problems = []
    df = read_workbook(tmp_path / "r.xlsx", problems)["observations"]
    assert problems == []
    assert df.loc[2, "value"] == "93" and df.loc[2, "numerator"] == "3" and df.loc[3, "value"] == "92.5"
    assert df.loc[2, "comment"] == "0.5"  # text columns as typed


def test_quoted_cells_are_read_as_the_csv_module_reads_them_whichever_reader_is_used(tmp_path):
    # one record a line is read by pandas' C reader, a quoted line break by the csv module: the same cells
    one_line = 'council,name,note\nalpha,"Alpha, North","said ""no"""\nbeta, Beta ,\'=1+1\n'
    broken = one_line.replace('"Alpha, North"', '"Alpha,\nNorth"')
    for text, name in ((one_line, "Alpha, North"), (broken, "Alpha,\nNorth")):
        f = tmp_path / "councils.csv"
        f.write_text(text, encoding="utf-8")
        problems = []
        df = read_csv(f, "councils.csv", problems)
        assert problems == [] and list(df.index) == [2, 3]
        assert df.loc[2].tolist() == ["alpha", name, 'said "no"'] and df.loc[3].tolist() == ["beta", "Beta", "=1+1"]


def test_a_short_row_among_one_line_records_is_a_problem_naming_its_row(tmp_path):
    f = tmp_path / "councils.csv"
    f.write_text("council,name\nalpha,Alpha\nbeta\n", encoding="utf-8")
    problems = []
    assert read_csv(f, "councils.csv", problems) is None
    assert [(p.row, p.found, p.expected) for p in problems] == [(3, "1 fields", "2 fields, as in the header row")]


def test_a_csv_separated_by_semicolons_is_named_once_with_how_to_save_it(tmp_path):
    """A CSV saved where a comma is the decimal point ('council;measure;...') was four lines of
    'no such column in the header': one line now says the file uses semicolons."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    data = make_data(tmp_path / "data", [{}], [{"measure": "m0", "period": "2024-25-Q1", "value": "90"}])
    f = data / "observations.csv"
    f.write_text(f.read_text().replace(",", ";").replace(";90;", ";90,5;"))
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 1 problem" in r.output
    assert ("observations.csv, row 1: found a header row separated by semicolons ('council;measure;period;...'); "
            "expected columns separated by commas: swreport reads commas only, so save the file with commas") in r.output  # fmt: skip
    assert "no such column" not in r.output


def test_an_unquoted_decimal_comma_that_splits_a_row_says_which_figure(tmp_path):
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    data = make_data(
        tmp_path / "data", [{}], [{"measure": "m0", "period": "2024-25-Q1", "value": "78.3", "source": "x"}]
    )
    f = data / "observations.csv"
    f.write_text(f.read_text().replace(",78.3,", ",78,3,"))
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and ("observations.csv, row 2: found 10 fields; expected 9 fields, as in the header row "
                                 "(the figure 78,3 split in two at its comma? a decimal takes a point: 78.3)") in r.output  # fmt: skip


def _book(path, sheets: dict):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


OBS = [["council", "measure", "period", "value"], ["alpha", "m0", "2024-25-Q1", 5]]


def test_a_sheet_is_read_whatever_the_case_and_spaces_of_its_name(tmp_path):
    from swlib.reading import read_workbook

    problems = []
    book = _book(tmp_path / "r.xlsx", {" Observations ": OBS, "COUNCILS": [["council", "name"], ["alpha", "A"]]})
    out = read_workbook(book, problems)
    assert problems == [] and out["observations"].loc[2, "value"] == "5" and out["councils"].loc[2, "name"] == "A"


def test_a_table_under_another_sheet_name_is_named_not_left_out_unread(tmp_path):
    """A return whose observations sheet was renamed 'Observations Q2' was merged as "nothing to
    add": a sheet named like a table, or with a table's columns, is a problem naming it."""
    from swlib.reading import read_workbook

    for name in ("Observations Q2", "Observations1", "Observation", "Q2 figures"):
        problems = []
        book = _book(tmp_path / "r.xlsx", {"councils": [["council", "name"]], name: OBS, "Notes": [["anything"]]})
        assert list(read_workbook(book, problems)) == ["councils", "observations"]  # read for its problems too
        assert [str(p) for p in problems] == [
            f"r.xlsx: found a sheet named '{name}', which is not a table swreport reads (did you mean 'observations'?);"
            " expected the observations table in a sheet named 'observations': rename the sheet 'observations' "
            f"(sheets found: 'councils', '{name}', 'Notes')"
        ]
    problems = []  # a sheet of notes beside the tables is no problem
    assert read_workbook(_book(tmp_path / "r.xlsx", {"observations": OBS, "Notes": [["a"]]}), problems) and not problems


def test_a_workbook_with_no_sheet_named_for_a_table_names_the_sheets_found_and_expected(tmp_path):
    from swlib.reading import read_workbook

    problems = []
    assert read_workbook(_book(tmp_path / "r.xlsx", {"Sheet1": [["a", "b"]], "Data": [[1, 2]]}), problems) == {}
    assert [str(p) for p in problems] == [
        "r.xlsx: found no sheet named for a table swreport reads (sheets found: 'Sheet1', 'Data'); expected a sheet "
        "per table, named as the table: councils, measures, targets, observations, actions, finance, workforce, "
        "inspections, benchmarks (as 'swreport template' writes them): rename the sheets"
    ]


def test_a_csv_saved_with_carriage_returns_alone_is_read(tmp_path):
    """Excel for Mac's 'CSV (Macintosh)' ends lines with a carriage return alone: it was an
    internal error (exit 1); it reads as any CSV does, rows counted as a spreadsheet shows them."""
    f = tmp_path / "councils.csv"
    f.write_bytes(b"council,name,family_group\ralpha,Alpha Council,1\rbeta,Beta Council,2\r")
    problems = []
    df = read_csv(f, "councils.csv", problems)
    assert problems == [] and list(df.index) == [2, 3] and list(df["name"]) == ["Alpha Council", "Beta Council"]


def test_a_csv_saved_with_tabs_or_as_unicode_text_says_how_to_save_it(tmp_path):
    """Excel's 'Text (Tab delimited)' was four lines of 'no such column'; its 'Unicode Text'
    (UTF-16) was 'binary data': each is now one line saying what the file is and how to save it."""
    text = "council\tname\tfamily_group\nalpha\tAlpha Council\t1\n"
    tabs, utf16 = tmp_path / "tabs.csv", tmp_path / "utf16.csv"
    tabs.write_text(text, encoding="utf-8")
    utf16.write_text(text, encoding="utf-16")
    problems = []
    assert read_csv(tabs, "councils.csv", problems) is None and read_csv(utf16, "councils.csv", problems) is None
    assert [str(p) for p in problems] == [
        "councils.csv, row 1: found a header row separated by tabs ('council <tab> name <tab> family_group'); "
        "expected columns separated by commas: swreport reads commas only, so save the file with commas "
        "(in Excel: Save As 'CSV UTF-8 (Comma delimited)')",
        "councils.csv: found a UTF-16 text file (as Excel saves 'Unicode Text'); expected a CSV text file "
        "(in Excel: Save As 'CSV UTF-8 (Comma delimited)')",
    ]


def test_a_title_above_the_column_names_is_one_problem_saying_to_delete_it(tmp_path):
    """A title in row 1 and the names in row 2 was a line per column 'with no name' and then every
    column missing; it is one line naming the title and the names under it, in a CSV or a sheet."""
    from openpyxl import Workbook

    from swlib.errors import DataError
    from swlib.reading import read_tables

    f = tmp_path / "councils.csv"
    f.write_text("Fife Council settings,,\ncouncil,name,family_group\nfife,Fife Council,2\n", encoding="utf-8")
    problems = []
    assert read_csv(f, "councils.csv", problems) is None
    assert [str(p) for p in problems] == [
        "councils.csv, row 1: found a title in row 1 ('Fife Council settings') and the column names in row 2 "
        "(council, name, family_group, ...); expected the column names in row 1: delete the title row above them "
        "(a title, if any, goes in another file or sheet)"
    ]
    wb = Workbook()
    wb.active.title = "councils"
    for row in (["Fife Council settings"], ["council", "name", "family_group"], ["fife", "Fife Council", 2]):
        wb.active.append(row)
    wb.save(tmp_path / "book.xlsx")
    with pytest.raises(DataError) as e:
        read_tables(tmp_path / "book.xlsx")
    assert [p.found for p in e.value.problems] == [problems[0].found]


def test_an_empty_table_says_which_columns_its_header_needs(tmp_path):
    from swlib.errors import DataError
    from swlib.reading import read_tables

    (tmp_path / "observations.csv").write_text("")
    with pytest.raises(DataError) as e:
        read_tables(tmp_path)
    assert [str(p) for p in e.value.problems] == [
        "observations.csv: found an empty file; expected a header row naming the columns, at least: "
        "council,measure,period,value ('swreport init' writes each table with its header)"
    ]


def test_a_title_above_a_sheets_column_names_is_named_by_its_cell(tmp_path):
    from swlib.reading import read_workbook

    problems = []
    book = _book(tmp_path / "r.xlsx", {"observations": [["Fife Council social work return Q2 2026/27"], *OBS]})
    assert read_workbook(book, problems)["observations"] is None
    assert [str(p) for p in problems] == [
        "r.xlsx, cell observations!A1: found a title in row 1 ('Fife Council social work return Q2 2026/27') and the "
        "column names in row 2 (council, measure, period, ...); expected the column names in row 1: delete the title "
        "row above them (a title, if any, goes in another file or sheet)"
    ]
