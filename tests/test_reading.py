"""Reading a data set's raw tables (swlib.reading): text cells, rows counted as a spreadsheet does."""

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
