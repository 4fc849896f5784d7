"""Workbooks written safely (swlib.excel): text from the data kept as text, never a formula."""

from openpyxl import load_workbook

import swlib
from swlib.return_template import write_template

PAYLOADS = ['=HYPERLINK("http://x","click")', "=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1", "\r=1"]


def formula_cells(path):
    book = load_workbook(path)
    return [
        (ws.title, c.coordinate, c.value) for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]


def test_neutralise_covers_owasps_list_and_leaves_other_text():
    from swlib.excel import neutralise

    for p in PAYLOADS:
        assert neutralise(p) == "'" + p
    assert neutralise("Seen within 2 days") == "Seen within 2 days" and neutralise(5) == 5


def test_template_and_explorer_exports_hold_no_formula(tmp_path, data_dir):
    from tests.conftest import make_data

    ds = swlib.load(make_data(data_dir, [{"title": "=1+1", "aggregate": "mean"}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5",
                                             "comment": "=HYPERLINK(\"http://x\")"}]))  # fmt: skip
    ds.councils.loc[0, "council"] = "=evil"
    assert formula_cells(write_template(tmp_path / "t.xlsx", ds)) == []
    from swlib.explorer import Explorer

    ds = swlib.load(data_dir)
    e = Explorer(ds, "alpha", "2020-21-Q1", measure="m0")
    assert formula_cells(e.export(tmp_path / "e.xlsx")) == []
    c = load_workbook(tmp_path / "e.xlsx")["summary"]["C2"]
    assert c.value == "=1+1" and c.data_type == "s" and c.quotePrefix  # Excel's hidden quote prefix, no apostrophe


def test_csv_text_neutralised_by_swreport_loads_back_as_typed_and_numbers_are_left_alone(data_dir):
    from swlib.excel import neutralise, unneutralise
    from tests.conftest import make_data

    assert neutralise("-5000") == "-5000" and neutralise("+3.5") == "+3.5" and neutralise("-2+3") == "'-2+3"
    assert unneutralise(neutralise("=1+1")) == "=1+1" and unneutralise("'quoted'") == "'quoted'"
    ds = swlib.load(make_data(data_dir, [{"title": neutralise("=1+1"), "unit": "count"}], [{"measure": "m0", "period": "2020-21-Q1",
                                                                        "value": "5"}]))  # fmt: skip
    assert ds.measures.loc[0, "title"] == "=1+1"
