"""swreport merge: a filled-in return folded into a CSV folder or a workbook data set."""

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import swlib
from swlib.cli import main
from swlib.excel import neutralise

MEASURE = {"measure": "fife-seen-5days", "title": "=Seen within 5 days", "theme": "Protect people",
           "outcome": "Children are safe", "unit": "percent", "polarity": "higher", "frequency": "quarterly",
           "aggregate": "sum", "target": 90}  # fmt: skip


def _init_fife(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    for var in ("SWREPORT_DATA", "SWREPORT_PARAMS"):
        monkeypatch.delenv(var, raising=False)
    assert run("init", "fife", "--name", "Fife Council", *args).exit_code == 0
    return tmp_path


@pytest.fixture
def fife(tmp_path, monkeypatch):
    return _init_fife(tmp_path, monkeypatch)


@pytest.fixture
def fife_book(tmp_path, monkeypatch):
    """fife's data set as one workbook, data.xlsx."""
    return _init_fife(tmp_path, monkeypatch, "--workbook", "data.xlsx")


def run(*args):
    return CliRunner().invoke(main, list(args))


def fill(path, measures=(), observations=(), **sheets):
    """Rows typed into a return's sheets as an analyst would, under the sheet's own headers."""
    wb = load_workbook(path)
    for sheet, rows in (("measures", measures), ("observations", observations), *sheets.items()):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for r in rows:
            ws.append([neutralise(r.get(h)) for h in header])  # as Excel keeps '=... typed with a quote
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    wb.save(path)
    return path


def a_return(folder, name="r.xlsx", measures=(MEASURE,), observations=(), **sheets):
    assert run("template", name, "--council", "fife").exit_code == 0
    return fill(folder / name, measures, observations, **sheets)


def obs(period, n, d, **kw):
    return {"council": "fife", "measure": "fife-seen-5days", "period": period, "numerator": n, "denominator": d, **kw}


def test_merge_adds_rows_and_text_neutralised_for_excel_comes_back_as_typed(fife):
    before = (fife / "data" / "councils.csv").read_bytes()
    ret = a_return(fife, observations=[obs("2024/25 Q1", 45, 50, comment="-2 on last quarter")])
    assert load_workbook(ret)["measures"]["B2"].value == "Child Protection Orders made"
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output
    assert "adds 1 row to measures" in r.output and "adds 1 row to observations" in r.output
    assert f"data: the data at {fife / 'data'}" in r.output
    ds = swlib.load(fife / "data")
    m = ds.measures.set_index("measure")
    assert m.loc["fife-seen-5days", "title"] == "=Seen within 5 days" and len(ds.measures) == 27
    assert ds.observations.loc[0, "comment"] == "-2 on last quarter"
    assert "fife,fife-seen-5days,2024-25-Q1,,45,50," in (fife / "data" / "observations.csv").read_text()
    assert (fife / "data" / "councils.csv").read_bytes() == before  # untouched tables are not rewritten
    again = run("merge", "r.xlsx")
    assert again.exit_code == 0 and "nothing to add or change" in again.output


def test_a_changed_figure_is_refused_unless_replace_and_old_new_are_shown(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", 46, 50), obs("2024-25-Q2", 47, 50)])
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 2 and "observations fife/fife-seen-5days/2024-25-Q1, numerator: 45 → 46" in r.output
    assert "give --replace" in r.output and (fife / "data" / "observations.csv").read_bytes() == before
    r = run("merge", "r2.xlsx", "--replace")
    assert r.exit_code == 0 and "adds 1 row to observations" in r.output and "45 → 46" in r.output
    o = swlib.load(fife / "data").observations.set_index("period")
    assert o.loc["2024-25-Q1", "numerator"] == 46 and o.loc["2024-25-Q2", "numerator"] == 47


def test_a_refused_merge_shows_the_warnings_the_merged_data_would_have(fife):
    pct = {**MEASURE, "measure": "fife-started", "title": "Started in 7 days", "aggregate": "latest"}
    started = {"council": "fife", "measure": "fife-started"}
    a_return(fife, measures=(pct,), observations=[{**started, "period": "2024-25-Q1", "value": 93}])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "r2.xlsx", measures=(), observations=[{**started, "period": "2024-25-Q1", "value": 94},
                                                         {**started, "period": "2024-25-Q2", "value": 91,
                                                          "comment": "not available: late"}])  # fmt: skip
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 2 and "93 → 94" in r.output and "give --replace" in r.output
    assert "warning: " in r.output and "the comment cleared now" in r.output  # seen before --replace, not after
    # named where the analyst looks: the return's cell that holds it
    assert (
        "warning: r2.xlsx, cell observations!H3 (column 'comment'): found fife-started 2024-25-Q2: a figure" in r.output
    )


def test_a_merges_warnings_name_the_returns_cell_or_the_data_sets_row(fife):
    a_return(fife, measures=({**MEASURE, "target": 0.9},))
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0
    assert "warning: r.xlsx, cell measures!J28 (column 'target'): found 0.9 for fife-seen-5days" in r.output
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", 4, 50)])  # 8%: which scale is 0.9?
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0  # the target is the data set's now: its row there
    assert "warning: measures.csv, row 28, column 'target': found 0.9 for fife-seen-5days" in r.output


def test_problems_are_named_by_the_returns_cells_and_nothing_is_written(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    run("merge", "r.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    # its own problem: a bad period; and one only the merged data shows: a value-only row of a summed percentage
    assert run("template", "bad.xlsx", "--empty").exit_code == 0
    fill(fife / "bad.xlsx", observations=[{"council": "fife", "measure": "fife-seen-5days", "period": "2024-25-Q2",
                                           "value": 93}])  # fmt: skip
    r = run("merge", "bad.xlsx")
    assert r.exit_code == 2 and "nothing written: the data set after the merge has 1 problem" in r.output
    assert "bad.xlsx, cell observations!E2 (column 'numerator'): found 1 quarterly row of fife-seen-5days" in r.output
    fill(fife / "bad.xlsx", observations=[obs("2024-25-Q9", 1, 2)])
    r = run("merge", "bad.xlsx")  # both rows' problems in one run: the return's own and the merged data's
    assert r.exit_code == 2 and "the return bad.xlsx has 2 problems" in r.output
    assert "cell observations!C3 (column 'period'): found '2024-25-Q9'" in r.output
    assert "bad.xlsx, cell observations!E2 (column 'numerator'): found 1 quarterly row of fife-seen-5days" in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before and "Traceback" not in r.output


def test_a_returns_own_problems_and_a_mistyped_id_are_named_in_one_run(fife):
    a_return(fife, observations=[{"council": "fife", "measure": "fife-seen-5days", "period": "2024-25-Q1", "value": 92},
                                 {"council": "fife", "measure": "fife-seen-5day", "period": "2024-25-Q1", "value": 9}])  # fmt: skip
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "the return r.xlsx has 2 problems" in r.output and "Traceback" not in r.output
    assert "cell observations!E2 (column 'numerator'): found 1 quarterly row of fife-seen-5days" in r.output
    assert "cell observations!B3 (column 'measure'): found 'fife-seen-5day'" in r.output
    assert "did you mean 'fife-seen-5days'?" in r.output
    assert len(swlib.load(fife / "data").observations) == 0  # nothing written


def test_merge_of_a_missing_return_or_a_csv_says_which_and_how_to_make_one(fife):
    r = run("merge", "nope.xlsx")
    assert r.exit_code == 2 and "found 'nope.xlsx' (no such file)" in r.output and "swreport template" in r.output
    r = run("merge", "data/observations.csv")
    assert r.exit_code == 2 and "(not an .xlsx file)" in r.output and "Traceback" not in r.output


def test_a_formula_with_no_saved_value_is_named_not_left_out_as_blank(fife):
    ret = a_return(fife)
    wb = load_workbook(ret)
    wb["observations"].append(["fife", "fife-seen-5days", "2024-25-Q1", None, "=40+5", 50])  # written by a program
    wb.save(ret)
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "the return r.xlsx has 1 problem" in r.output
    assert (
        "r.xlsx, cell observations!E2 (column 'numerator'): found the formula '=40+5' with no value saved" in r.output
    )
    assert len(swlib.load(fife / "data").measures) == 26  # nothing written
    assert run("merge", "r.xlsx").exit_code == 2
    a_return(fife, "r2.xlsx", observations=[obs("2024-25-Q1", 45, 50, comment="=typed as text")])
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0, r.output  # text that begins '=' (kept as text) is not a formula


@pytest.mark.usefixtures("fife_book")
def test_merge_into_a_workbook_data_set_keeps_its_sheets(tmp_path):
    a_return(tmp_path, observations=[obs("2024-25-Q1", 45, 50)])
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0 and f"wrote {tmp_path / 'data.xlsx'}" in r.output
    book = load_workbook(tmp_path / "data.xlsx")
    assert book["measures"]["A1"].comment is not None  # the template's notes are kept
    ds = swlib.load(tmp_path / "data.xlsx")
    assert len(ds.measures) == 27 and ds.observations.loc[0, "numerator"] == 45
    assert ds.measures.set_index("measure").loc["fife-seen-5days", "title"] == "=Seen within 5 days"


@pytest.mark.usefixtures("fife_book")
def test_merge_writes_whole_numbers_into_a_workbook_as_numbers(tmp_path, monkeypatch):
    """A headcount, a grade or a number of decimals is a number cell, not text Excel flags and SUM
    leaves out; the workbook reads back as the same data set as a folder given the same return."""
    sheets = {"workforce": [{"council": "fife", "period": "2024-25", "service": "Children and families",
                             "headcount": "212", "fte": "198.5"}],
              "inspections": [{"council": "fife", "service": "Cairnhill House", "service_type": "Care home",
                               "sector": "LA", "date": "2024-06-12", "care_and_support": "5", "staffing": "4"}]}  # fmt: skip
    measure = {**MEASURE, "decimals": "1"}
    a_return(tmp_path, measures=(measure,), observations=[obs("2024-25-Q1", "45", "50")], **sheets)
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output
    book = load_workbook(tmp_path / "data.xlsx")
    for sheet, column, expected in [("workforce", "headcount", 212), ("workforce", "fte", 198.5),
                                    ("inspections", "care_and_support", 5), ("inspections", "staffing", 4),
                                    ("measures", "decimals", 1), ("observations", "numerator", 45)]:  # fmt: skip
        ws = book[sheet]
        j = [c.value for c in ws[1]].index(column) + 1
        cell = ws.cell(ws.max_row, j)
        assert (cell.data_type, cell.value, type(cell.value)) == ("n", expected, type(expected)), (sheet, column)

    folder = tmp_path / "folder"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert run("init", "fife", "--name", "Fife Council").exit_code == 0
    a_return(folder, measures=(measure,), observations=[obs("2024-25-Q1", "45", "50")], **sheets)
    assert run("merge", "r.xlsx").exit_code == 0
    book, csvs = swlib.load(tmp_path / "data.xlsx"), swlib.load(folder / "data")
    for name in ("councils", "measures", "observations", "workforce", "inspections"):
        pd.testing.assert_frame_equal(getattr(book, name), getattr(csvs, name), obj=name)
    assert book.workforce.loc[0, "headcount"] == 212 and book.inspections.loc[0, "care_and_support"] == 5


def test_merge_refuses_to_write_into_the_demo_data(monkeypatch, tmp_path):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SWREPORT_DATA", raising=False)
    r = run("merge", str(tmp_path / "r.xlsx"))
    assert r.exit_code == 2 and "that is the demo data at" in r.output and "--data" in r.output


def test_merge_loses_nothing_the_data_set_had(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    assert run("merge", "r.xlsx").exit_code == 0
    path = fife / "data" / "observations.csv"
    lines = path.read_text().splitlines()
    # a column of the analyst's own and a row typed by hand stay as they were
    path.write_text("\n".join([lines[0] + ",checked_by", lines[1] + ",AB"]) + "\n")
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q2", 47, 50)])
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0, r.output
    text = path.read_text().splitlines()
    assert text[0].endswith(",checked_by") and text[1] == lines[1] + ",AB" and len(text) == 3
    assert text[2].startswith("fife,fife-seen-5days,2024-25-Q2,,47,50,")


def test_percentages_typed_as_excel_shows_them_come_in_as_0_to_100(fife):
    """93% typed as text, 91% typed into Excel (stored 0.91, shown 91%) and 1,234 all come in as
    the numbers they show; '93pc' is named with what to type."""
    cp = {**MEASURE, "measure": "cp-visits", "title": "Visits", "aggregate": "latest"}
    ret = a_return(fife, measures=[MEASURE, cp],
                   observations=[obs("2024-25-Q1", None, None, value="93%", measure="cp-visits"),
                                 obs("2024-25-Q2", None, None, value=0.91, measure="cp-visits"),
                                 obs("2024-25-Q1", "1,234", "1,300")])  # fmt: skip
    wb = load_workbook(ret)
    ws = wb["observations"]
    cell = next(c for c in ws["D"] if c.value == 0.91)
    cell.number_format = "0%"  # as Excel stores 91% typed into a cell
    wb.save(ret)
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output
    rows = (fife / "data" / "observations.csv").read_text().splitlines()
    assert "fife,cp-visits,2024-25-Q1,93,,,,,," in rows and "fife,cp-visits,2024-25-Q2,91,,,,,," in rows
    assert "fife,fife-seen-5days,2024-25-Q1,,1234,1300,,,," in rows
    assert "0.91" not in r.output  # no "0.93 for 93%?" warning: it is 91


def test_a_percentage_with_words_is_named_with_what_to_type(fife):
    a_return(fife, observations=[obs("2024-25-Q1", None, None, value="c. 93pc", measure="fife-seen-5days")])
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert ("r.xlsx, cell observations!D2 (column 'value'): found 'c. 93pc'; expected a number of at least 0: a "
            "percentage is typed as a number from 0 to 100, so type 93 (or 93%)") in r.output  # fmt: skip


def test_filling_a_missing_figure_clears_the_reason_it_was_missing(fife):
    reason = "not available: NHS Fife figure due 14 October"
    a_return(
        fife,
        observations=[obs("2024-25-Q1", None, None, comment=reason), obs("2024-25-Q2", None, None, comment=reason)],
    )
    assert run("merge", "r.xlsx").exit_code == 0
    # Q1's figure typed into a new return (comment blank), Q2's into the old row (comment left as it was)
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", 45, 50),
                                                         obs("2024-25-Q2", 46, 50, comment=reason)])  # fmt: skip
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0, r.output
    assert "clears 2 missing-figure reasons (the figure is now in):" in r.output
    assert f"observations fife/fife-seen-5days/2024-25-Q1, comment: {reason!r} → (blank)" in r.output
    o = swlib.load(fife / "data").observations.set_index("period")
    assert o.loc["2024-25-Q1", "numerator"] == 45 and o["comment"].isna().all()
    assert "warning" not in r.output


def test_a_new_comment_typed_with_the_figure_is_kept(fife):
    a_return(fife, observations=[obs("2024-25-Q1", None, None, comment="not available: late")])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", 45, 50, comment="came in late")])
    r = run("merge", "r2.xlsx", "--replace")
    assert r.exit_code == 0 and "clears" not in r.output
    assert swlib.load(fife / "data").observations.loc[0, "comment"] == "came in late"


def test_a_problems_rows_are_named_as_its_place_is_rows_of_the_data_not_of_the_merged_table(fife):
    # a percentage added up over the year (aggregate sum) needs counts on each row: the return
    # makes the measure's aggregate sum, the data set's rows have values alone
    pct = {**MEASURE, "measure": "fife-started", "title": "Started in 7 days", "aggregate": "latest"}
    started = {"council": "fife", "measure": "fife-started"}
    a_return(fife, measures=(pct,), observations=[{**started, "period": "2024-25-Q1", "value": 93},
                                                  {**started, "period": "2024-25-Q3", "value": 95}])  # fmt: skip
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "r2.xlsx", measures=(), observations=[{**started, "period": "2024-25-Q2", "numerator": 45,
                                                          "denominator": 50}])  # fmt: skip
    wb = load_workbook(fife / "r2.xlsx")  # its pre-filled measures row: the aggregate changed to sum
    ws = wb["measures"]
    col = [c.value for c in ws[1]].index("aggregate") + 1
    ws.cell(next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "fife-started"), col).value = "sum"
    wb.save(fife / "r2.xlsx")
    r = run("merge", "r2.xlsx", "--replace")
    # not "(rows 2, 4)": the merged table's rows, places the analyst cannot find
    assert r.exit_code == 2 and "found 2 quarterly rows of fife-started (observations.csv row 2; observations.csv " \
        "row 3) with a value but no counts" in r.output, r.output  # fmt: skip


def test_a_row_typed_in_for_a_pre_filled_row_left_blank_is_not_a_second_row(fife):
    assert run("template", "year.xlsx", "--council", "fife", "--period", "2024-25").exit_code == 0
    ws = load_workbook(fife / "year.xlsx")["observations"]
    assert any(ws.cell(r, 2).value == "cp-orders" for r in range(2, ws.max_row + 1))  # pre-filled, left blank
    fill(fife / "year.xlsx", observations=[{"council": "fife", "measure": "cp-orders", "period": "2024/25",
                                            "value": 12}])  # fmt: skip
    r = run("merge", "year.xlsx")
    assert r.exit_code == 0, r.output
    assert "adds 1 row to observations" in r.output and "a second row" not in r.output
    o = swlib.load(fife / "data").observations.set_index("measure")
    assert o.loc["cp-orders", "value"] == 12
    # two rows typed in for the same figure are still one too many
    fill(fife / "year.xlsx", observations=[{"council": "fife", "measure": "cp-orders", "period": "2024-25",
                                            "value": 13}])  # fmt: skip
    r = run("merge", "year.xlsx")
    assert r.exit_code == 2 and "a second row for" in r.output


def test_the_return_is_read_once_whether_it_merges_or_has_problems(fife, monkeypatch):
    # its values read once (its formulas once more, for values never saved): checked, then merged
    import swlib.reading
    from swlib.reading import read_workbook

    reads = []

    def counted(path, *a, **k):
        reads.append(path.name)
        return read_workbook(path, *a, **k)

    monkeypatch.setattr(swlib.reading, "read_workbook", counted)  # the one path: reading.read_tables
    a_return(fife, observations=[obs("2024/25 Q1", 45, 50)])
    assert run("merge", "r.xlsx").exit_code == 0 and reads.count("r.xlsx") == 1
    reads.clear()
    a_return(fife, "bad.xlsx", observations=[{"council": "fife", "measure": "fife-seen-5day", "period": "2024-25-Q1",
                                              "numerator": 4, "denominator": 5}])  # fmt: skip
    r = run("merge", "bad.xlsx")
    assert r.exit_code == 2 and "did you mean 'fife-seen-5days'?" in r.output and reads.count("bad.xlsx") == 1


def test_a_decimal_comma_in_a_return_is_named_never_read_as_thousands(fife):
    """'771,50' typed as text in a return is not 77150: the cell is named with the figure to type,
    and nothing is written; 1,234 (thousands) still comes in."""
    cost = {**MEASURE, "measure": "care-cost", "title": "Cost", "unit": "currency", "aggregate": "latest"}
    a_return(fife, measures=[MEASURE, cost],
             observations=[obs("2024-25-Q1", None, None, value="771,50", measure="care-cost"),
                           obs("2024-25-Q1", "1,234", "1,300")])  # fmt: skip
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert ("r.xlsx, cell observations!D2 (column 'value'): found '771,50'; expected a number of at least 0: a comma "
            "only separates thousands (1,234); a decimal takes a point: 771.50") in r.output  # fmt: skip
    assert (fife / "data" / "observations.csv").read_bytes() == before and "77150" not in r.output


def test_merged_cells_in_a_returns_header_are_named_once_by_their_cells(fife):
    """A title merged across row 1 gave a line per column with no name; a name merged over D1:F1
    hid numerator and denominator: each is one problem naming the merged cells."""
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    wb = load_workbook(fife / "r.xlsx")
    ws = wb["observations"]
    ws.insert_rows(1)
    ws["A1"] = "Fife Council social work return"
    ws.merge_cells("A1:J1")
    wb.save(fife / "title.xlsx")
    a_return(fife, "hdr.xlsx", observations=[obs("2024-25-Q1", 45, 50)])
    wb = load_workbook(fife / "hdr.xlsx")
    wb["observations"].merge_cells("D1:F1")
    wb.save(fife / "hdr.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "title.xlsx")
    assert r.exit_code == 2 and "has 1 problem:" in r.output and "no name" not in r.output, r.output
    assert ("title.xlsx, cell observations!A1: found merged cells in the header row (A1:J1); expected the column "
            "names in row 1, one per cell") in r.output  # fmt: skip
    r = run("merge", "hdr.xlsx")
    assert r.exit_code == 2 and "has 1 problem:" in r.output, r.output
    assert "hdr.xlsx, cell observations!D1: found merged cells in the header row (D1:F1)" in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before


def test_merge_lists_the_rows_it_adds_the_first_20_and_how_many_more(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50), obs("2024-25-Q2", 46, 50, value=92)])
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output
    assert ("adds 2 rows to observations:\n  fife-seen-5days 2024-25-Q1: 45/50\n  fife-seen-5days 2024-25-Q2: 92 (46/50)\n"
            in r.output)  # fmt: skip
    assert "adds 1 row to measures:\n  fife-seen-5days\n" in r.output
    many = [obs(f"{y}-{str(y + 1)[2:]}-Q{q}", 40 + q, 50) for y in range(2018, 2024) for q in (1, 2, 3, 4)]
    a_return(fife, "r2.xlsx", measures=(), observations=many)
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0 and "adds 24 rows to observations:\n  fife-seen-5days 2018-19-Q1: 41/50\n" in r.output
    # ANALYST-3 #12: 26 statutory figures were listed as 'cp-orders: 1 row' each, none to check by eye
    listed = r.output.split("adds 24 rows to observations:\n")[1].splitlines()
    assert listed[19] == "  fife-seen-5days 2022-23-Q4: 44/50" and listed[20] == "  … and 4 more rows, not listed"


def test_a_return_whose_observations_sheet_was_renamed_is_refused_not_merged_as_nothing_to_add(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    wb = load_workbook(fife / "r.xlsx")
    wb["observations"].title = "Observations Q2"
    wb.save(fife / "r.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "nothing to add" not in r.output and "Traceback" not in r.output, r.output
    assert (
        "r.xlsx: found a sheet named 'Observations Q2', which is not a table swreport reads (did you mean "
        "'observations'?); expected the observations table in a sheet named 'observations'"
    ) in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before
    wb["Observations Q2"].title = "OBSERVATIONS"  # the case of a table's sheet name does not matter
    wb.save(fife / "r.xlsx")
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0 and "adds 1 row to observations" in r.output, r.output


def test_a_column_the_table_does_not_read_is_named_at_its_header_not_merged_into_the_data(fife):
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50)])
    wb = load_workbook(fife / "r.xlsx")
    ws = wb["observations"]
    ws["K1"], ws["K2"], ws["H1"] = "Notes for Performance Team", "checked by JM", "Comments"
    wb.save(fife / "r.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert ("r.xlsx, cell observations!H1 (column 'Comments'): found a column swreport does not read (did you mean "
            "'comment'?); expected only the observations table's columns (council, measure, period, value, numerator, "
            "denominator, status, comment, cleared, source): rename it 'comment'") in r.output  # fmt: skip
    assert ("r.xlsx, cell observations!K1 (column 'Notes for Performance Team'): found a column swreport does not "
            "read; expected only the observations table's columns") in r.output  # fmt: skip
    assert "a note for the report goes in comment; delete the column" in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before


def test_a_renamed_sheet_an_extra_column_and_a_fraction_are_named_in_one_run(fife):
    """ANALYST-4 #13: a return with a renamed sheet, an extra column and 0.9 in a General cell took
    three merge runs, one problem each; the README says every problem is listed at once."""
    third = {"council": "fife", "measure": "fife-seen-5days", "period": "2024-25-Q3", "value": 0.9}
    rows = [obs("2024-25-Q1", 45, 50), obs("2024-25-Q2", 46, 50), third]
    a_return(fife, measures=[{**MEASURE, "aggregate": "mean"}], observations=rows)
    wb = load_workbook(fife / "r.xlsx")
    ws = wb["observations"]
    ws["K1"], ws["K2"] = "Notes for Performance Team", "checked by JM"
    ws.title = "Observations Q2"
    wb.save(fife / "r.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "nothing written: the return r.xlsx has 3 problems" in r.output, r.output
    assert "r.xlsx: found a sheet named 'Observations Q2', which is not a table swreport reads" in r.output
    assert (
        "r.xlsx, cell 'Observations Q2'!K1 (column " in r.output and "found a column swreport does not read" in r.output
    )  # quoted, as Excel's Name Box takes a sheet's name with a space (ANALYST-9 #5)
    assert "r.xlsx, cell 'Observations Q2'!D4 (column 'value'): found " in r.output and "not 0.9" in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before


def test_a_deleted_column_is_one_problem_named_by_the_header_cell_to_add_it_in(fife):
    """ANALYST-9 #5: column F (denominator) deleted from a return's observations sheet was named
    '[sheet observations], row 1', the one message of the run not in a workbook's cell form."""
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50), obs("2024-25-Q2", 46, 50)])
    wb = load_workbook(fife / "r.xlsx")
    wb["observations"].delete_cols(6)
    wb.save(fife / "r.xlsx")
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "nothing written: the return r.xlsx has 1 problem:" in r.output, r.output
    assert (
        "r.xlsx, cell observations!J1 (column 'denominator'): found no such column in the header, which has "
        "'numerator'; expected a column 'denominator' beside 'numerator'"
    ) in r.output  # J1: the header's first free cell, after source in I1
    assert (fife / "data" / "observations.csv").read_bytes() == before


def test_a_year_return_leaves_out_the_figures_held_and_an_unchanged_held_row_merges_as_nothing(fife):
    """ANALYST-4 #13: the year's template pre-filled blank rows for quarters the data held already,
    hiding the one missing; it leaves them out, and says so on the sheet and in the terminal."""
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50), obs("2024-25-Q2", 46, 50), obs("2024-25-Q4", 47, 50)])
    assert run("merge", "r.xlsx").exit_code == 0
    r = run("template", "year.xlsx", "--council", "fife", "--period", "2024-25")
    assert r.exit_code == 0, r.output
    assert "left out: 3 rows of 2024-25 that your data holds a figure for already (fife-seen-5days 2024-25-Q1, " \
        "and 2 more): the rows pre-filled here are the figures still to give" in r.output  # fmt: skip
    ws = load_workbook(fife / "year.xlsx")["observations"]
    rows = [(ws.cell(i, 2).value, ws.cell(i, 3).value) for i in range(2, ws.max_row + 1)]
    assert ("fife-seen-5days", "2024-25-Q3") in rows  # the one quarter missing
    assert not {("fife-seen-5days", f"2024-25-Q{q}") for q in (1, 2, 4)} & set(rows)
    assert ("cp-orders", "2024-25") in rows  # an annual figure not given yet
    assert ws["A1"].comment.text.startswith("Left out: 3 rows of 2024-25 that your data holds a figure for already")
    before = (fife / "data" / "observations.csv").read_bytes()
    fill(fife / "year.xlsx", observations=[obs("2024-25-Q1", 45, 50)])  # a held row typed in again, unchanged
    r = run("merge", "year.xlsx")
    assert r.exit_code == 0 and "--replace" not in r.output and "change" not in r.output, r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before


def test_a_total_row_in_a_returns_workforce_or_finance_sheet_is_refused_at_its_cell(fife):
    """ANALYST-4 #4: a year return's finance and workforce sheets with a Total beside the lines
    (as every budget sheet has it): merged, the CSWO report printed the budget, overspend and
    headcount doubled. Refused at the Total's cell, nothing written."""
    teams = [("Children and families", 212), ("Adult services", 301), ("Justice", 64), ("Total", 577)]
    lines = [("Children and families", 72450000), ("Adult services", 118900000), ("Total", 191350000)]
    a_return(fife, workforce=[{"council": "fife", "period": "2024-25", "service": s, "headcount": h} for s, h in teams],
             finance=[{"council": "fife", "period": "2024-25", "kind": "budget", "line": s, "amount": a}
                      for s, a in lines])  # fmt: skip
    before = {p.name: p.read_bytes() for p in (fife / "data").glob("*.csv")}
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "r.xlsx, cell workforce!C5 (column 'service'): found 'Total' (577) for fife in 2024-25" in r.output
    assert "r.xlsx, cell finance!D4 (column 'line'): found 'Total' (£191,350,000), a budget line" in r.output
    assert r.output.count("expected delete the Total row: the report adds the") == 2
    assert {p.name: p.read_bytes() for p in (fife / "data").glob("*.csv")} == before
    # without the Totals it merges
    wb = load_workbook(fife / "r.xlsx")
    wb["workforce"].delete_rows(5)
    wb["finance"].delete_rows(4)
    wb.save(fife / "r.xlsx")
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output


@pytest.mark.usefixtures("fife_book")
def test_merge_into_a_workbook_keeps_excel_percentages_and_dates_as_typed(tmp_path):
    """84% and a 90% target typed as Excel percentages (0.84 under a % format) and months typed as
    Excel dates are left as typed by a merge of an unrelated return: the workbook reads back to the
    same figures (not 8400), Excel still shows 84.0%, and the months are still dates."""
    import datetime as dt

    book_path = tmp_path / "data.xlsx"
    wb = load_workbook(book_path)
    ms, ob = wb["measures"], wb["observations"]
    mh, oh = [c.value for c in ms[1]], [c.value for c in ob[1]]
    asp = {**MEASURE, "measure": "asp-5days", "title": "ASP inquiries in 5 days", "aggregate": "mean",
           "target": 0.9, "tolerance": 5}  # fmt: skip
    beds = {**MEASURE, "measure": "dd-bed-days", "title": "Bed days", "unit": "count", "polarity": "lower",
            "frequency": "monthly", "target": 12000}  # fmt: skip
    for m in (asp, beds):
        ms.append([m.get(h) for h in mh])
    ms.cell(ms.max_row - 1, mh.index("target") + 1).number_format = "0%"
    rows = [("asp-5days", "2026-27-Q1", 0.84), ("asp-5days", "2026-27-Q2", 0.891),
            ("dd-bed-days", dt.datetime(2026, 4, 1), 1010), ("dd-bed-days", dt.datetime(2026, 5, 1), 1020)]  # fmt: skip
    for measure, period, value in rows:
        ob.append([{"council": "fife", "measure": measure, "period": period, "value": value}.get(h) for h in oh])
        if isinstance(period, dt.datetime):
            ob.cell(ob.max_row, oh.index("period") + 1).number_format = "mmm-yy"
        else:
            ob.cell(ob.max_row, oh.index("value") + 1).number_format = "0.0%"
    wb.save(book_path)
    before = swlib.load(book_path)
    assert sorted(before.observations["value"]) == [84, 89.1, 1010, 1020]

    other = {**MEASURE, "measure": "complaints", "title": "Complaints", "unit": "count", "frequency": "annual"}
    a_return(tmp_path, measures=(other,), observations=[{"council": "fife", "measure": "complaints",
                                                         "period": "2025-26", "value": 131}])  # fmt: skip
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0, r.output
    assert run("validate").exit_code == 0
    after = swlib.load(book_path)
    pd.testing.assert_frame_equal(after.observations.iloc[:4], before.observations, check_dtype=False)
    assert after.measures.set_index("measure").loc["asp-5days", "target"] == 90
    ob = load_workbook(book_path)["observations"]
    cells = {(r[1].value, str(r[2].value)): r for r in ob.iter_rows(min_row=2)}
    value = cells["asp-5days", "2026-27-Q1"][oh.index("value")]
    assert (value.value, value.number_format) == (0.84, "0.0%")  # Excel shows 84.0%, as typed
    period = cells["dd-bed-days", "2026-04-01 00:00:00"][oh.index("period")]
    assert period.value == dt.datetime(2026, 4, 1) and period.number_format == "mmm-yy"


@pytest.mark.usefixtures("fife_book")
def test_a_workbook_that_would_not_read_back_as_checked_is_not_written(tmp_path, monkeypatch):
    """merge reads the workbook it is about to write back as validate will: were a figure to read
    back otherwise than it was checked (as 84 written under a % format read back as 8400), it
    names the cell and writes nothing."""
    from swlib import folding

    a_return(tmp_path, observations=[obs("2024-25-Q1", 45, 50)])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(tmp_path, "r2.xlsx", measures=(), observations=[obs("2024-25-Q2", 47, 50)])
    before = (tmp_path / "data.xlsx").read_bytes()
    monkeypatch.setattr(folding, "_as_read", lambda *a: "changed")  # every cell rewritten
    monkeypatch.setattr(folding, "_for_cell", lambda cell, v, percent: v * 100 if type(v) is int else v)  # a slip
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "data.xlsx, cell observations!E2 (column 'numerator'): found '4500' read back from the workbook" in r.output
    assert "expected 45, as checked; nothing written" in r.output
    assert (tmp_path / "data.xlsx").read_bytes() == before


def test_finance_typed_in_thousands_is_refused_with_the_way_out(fife):
    """ANALYST-5 #7: a year return's finance in £000 (as the revenue-monitoring paper gives it) was
    only warned about and written, and the CSWO report said "a budget of £166,700". Refused at the
    first line's cell, nothing written; lines that truly are pounds go in with --small-finance."""
    lines = [("Children and families", 48200), ("Adult services", 112400), ("Justice", 6100)]
    a_return(fife, measures=(), finance=[{"council": "fife", "period": "2025-26", "kind": "budget", "line": s,
                                          "amount": a} for s, a in lines])  # fmt: skip
    before = {p.name: p.read_bytes() for p in (fife / "data").glob("*.csv")}
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "nothing written: the return r.xlsx has 1 problem" in r.output
    assert (
        "r.xlsx, cell finance!E2 (column 'amount'): found fife's budget lines for 2025-26 adding up to £166,700, "
        "the largest 112,400; expected amounts in pounds, not £000 or £m (a social work budget is many millions): "
        "112,400 in £000 is 112,400,000; multiply each line by 1,000; or, if these lines are in pounds, give "
        "--small-finance"
    ) in r.output
    assert {p.name: p.read_bytes() for p in (fife / "data").glob("*.csv")} == before
    r = run("merge", "r.xlsx", "--small-finance")
    assert r.exit_code == 0 and "adds 3 rows to finance" in r.output, r.output
    assert "warning: r.xlsx, cell finance!E2 (column 'amount'): found fife's budget lines" in r.output


def test_the_late_figure_fills_its_row_with_its_own_source_without_replace(fife):
    """ANALYST-5 #13: the Q2 return left September blank ("awaited from PHS", source the service
    return); PHS's one-row return with its own source was refused as changing '1 figure'."""
    reason = "September figure awaited from PHS"
    a_return(fife, observations=[obs("2024-25-Q1", None, None, comment=reason, source="Q2 service return")])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", 45, 50, source="PHS return")])
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0, r.output
    assert "updates 1 cell of the rows it fills (old → new):" in r.output
    assert "observations fife/fife-seen-5days/2024-25-Q1, source: Q2 service return → PHS return" in r.output
    assert "clears 1 missing-figure reason" in r.output
    o = swlib.load(fife / "data").observations
    assert (o.loc[0, "numerator"], o.loc[0, "source"]) == (45, "PHS return") and pd.isna(o.loc[0, "comment"])
    # a held figure's source changed alone is a change of text, refused without --replace and called so
    a_return(fife, "r3.xlsx", measures=(), observations=[obs("2024-25-Q1", 45, 50, source="PHS revised")])
    r = run("merge", "r3.xlsx")
    assert r.exit_code == 2 and "changes 1 cell (old → new)" in r.output
    assert "nothing written: the return changes 1 cell of text the data set already holds" in r.output
    a_return(fife, "r4.xlsx", measures=(), observations=[obs("2024-25-Q1", 46, 50, source="PHS revised")])
    assert "the return changes 1 figure and 1 cell of text the data set" in run("merge", "r4.xlsx").output


def test_merge_keeps_the_byte_order_mark_of_a_csv_saved_by_excel(fife):
    """ANALYST-5 #14: observations.csv saved as Excel's 'CSV UTF-8' (a byte order mark) was rewritten
    without it, and Excel then opens 'Gàidhealtachd' and '£' as 'GÃ idhealtachd' and 'Â£'; a file
    without the mark gets one when merge writes more than plain ASCII into it."""
    path = fife / "data" / "observations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50, comment="Gàidhealtachd: £ spent")])
    assert run("merge", "r.xlsx").exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcouncil,") and raw.count(b"\xef\xbb\xbf") == 1
    assert "Gàidhealtachd: £ spent" in raw.decode("utf-8-sig")
    assert not (fife / "data" / "measures.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # plain ASCII: as it was
    # a file without the mark that merge writes a £ into gets one (Excel would read it as Â£)
    path.write_bytes(raw.removeprefix(b"\xef\xbb\xbf").replace("Gàidhealtachd: £ spent".encode(), b"x"))
    a_return(fife, "r2.xlsx", measures=(), observations=[obs("2024-25-Q2", 45, 50, comment="£ spent")])
    assert run("merge", "r2.xlsx").exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfcouncil,")


@pytest.mark.usefixtures("fife_book")
def test_a_replaced_figure_in_an_excel_percentage_cell_is_written_as_the_percentage_it_shows(tmp_path):
    """--replace of 89.1% (0.891 under 0.0%) by 90: the cell holds 0.9 and still shows 90.0%, not 9000.0%."""
    cp = {**MEASURE, "measure": "cp-visits", "title": "Visits", "aggregate": "latest"}
    a_return(tmp_path, measures=[cp], observations=[obs("2024-25-Q1", None, None, value=0.891, measure="cp-visits")])
    wb = load_workbook(tmp_path / "r.xlsx")
    next(c for c in wb["observations"]["D"] if c.value == 0.891).number_format = "0.0%"
    wb.save(tmp_path / "r.xlsx")
    assert run("merge", "r.xlsx").exit_code == 0
    book = load_workbook(tmp_path / "data.xlsx")
    book["observations"]["D2"].number_format = "0.0%"  # as the analyst formats the column in the data set
    book["observations"]["D2"].value = 0.891
    book.save(tmp_path / "data.xlsx")
    assert swlib.load(tmp_path / "data.xlsx").observations.loc[0, "value"] == 89.1
    a_return(tmp_path, "r2.xlsx", measures=(), observations=[obs("2024-25-Q1", None, None, value=90,
                                                                 measure="cp-visits")])  # fmt: skip
    r = run("merge", "r2.xlsx", "--replace")
    assert r.exit_code == 0 and "value: 89.1 → 90" in r.output, r.output
    cell = load_workbook(tmp_path / "data.xlsx")["observations"]["D2"]
    assert (cell.value, cell.number_format) == (0.9, "0.0%")
    assert swlib.load(tmp_path / "data.xlsx").observations.loc[0, "value"] == 90


@pytest.mark.usefixtures("fife_book")
def test_a_formula_in_a_workbook_data_set_is_written_as_the_value_it_showed(tmp_path):
    """openpyxl cannot keep a formula's saved value: a formula kept as it was would read back blank
    (and merge would refuse its own workbook); it is written as the value validate read."""
    import zipfile

    a_return(tmp_path, observations=[obs("2024-25-Q1", 45, 50)])
    assert run("merge", "r.xlsx").exit_code == 0
    book = tmp_path / "data.xlsx"
    wb = load_workbook(book)
    sheet = wb.sheetnames.index("observations") + 1
    wb["observations"]["E2"] = "=40+5"
    wb.save(book)
    with zipfile.ZipFile(book) as z:  # the value a spreadsheet saves with the formula
        files = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in files if n.endswith(f"worksheets/sheet{sheet}.xml"))
    files[name] = files[name].replace(b"<f>40+5</f><v></v>", b"<f>40+5</f><v>45</v>")
    with zipfile.ZipFile(book, "w") as z:
        for n, content in files.items():
            z.writestr(n, content)
    assert swlib.load(book).observations.loc[0, "numerator"] == 45
    a_return(tmp_path, "r2.xlsx", measures=(), observations=[obs("2024-25-Q2", 47, 50)])
    r = run("merge", "r2.xlsx")
    assert r.exit_code == 0, r.output
    assert load_workbook(book)["observations"]["E2"].value == 45
    assert list(swlib.load(book).observations["numerator"]) == [45, 47]


def test_the_next_quarters_return_asks_again_for_a_figure_of_the_year_given_before_only_with_a_reason(fife):
    """ANALYST-9 #7: September left blank in the Quarter 2 return ('not available: CareFirst upgrade,
    figure due in November'); the Quarter 3 return had no row for it and said nothing, so the
    figure the comment promised was never asked for."""
    why = "not available: CareFirst upgrade, figure due in November"
    a_return(fife, observations=[obs("2024-25-Q1", 45, 50), obs("2024-25-Q2", None, None, comment=why)])
    assert run("merge", "r.xlsx").exit_code == 0
    r = run("template", "q3.xlsx", "--council", "fife", "--period", "2024-25-Q3")
    assert r.exit_code == 0, r.output
    assert (
        f"asked again: 1 row of 2024-25 before 2024/25 Quarter 3 that your data holds with no figure "
        f"(fife-seen-5days 2024-25-Q2: '{why}'): type its figure where it is in now"
    ) in r.output
    ws = load_workbook(fife / "q3.xlsx")["observations"]
    rows = [(ws.cell(i, 2).value, ws.cell(i, 3).value) for i in range(2, ws.max_row + 1)]
    assert rows.index(("fife-seen-5days", "2024-25-Q2")) + 1 == rows.index(("fife-seen-5days", "2024-25-Q3"))
    assert ("fife-seen-5days", "2024-25-Q1") not in rows
    fill(fife / "q3.xlsx", observations=[obs("2024-25-Q2", 44, 50)])  # September's figure, in at last
    assert run("merge", "q3.xlsx").exit_code == 0
    held = swlib.load(fife / "data").observations.set_index("period")
    assert held.at["2024-25-Q2", "numerator"] == 44


def _quarters(fife, *figures, comment=None):
    """A return of fife's cost per hour for the quarters of 2024-25 (Quarter 1 first), the last
    with ``comment``."""
    cost = {**MEASURE, "measure": "fife-cost", "title": "Cost per hour of care at home", "unit": "currency",
            "polarity": "lower", "aggregate": "mean", "target": 35}  # fmt: skip
    rows = [{"council": "fife", "measure": "fife-cost", "period": f"2024-25-Q{q}", "value": v}
            for q, v in enumerate(figures, start=1)]  # fmt: skip
    rows[-1]["comment"] = comment
    return a_return(fife, measures=[cost], observations=rows)


def test_a_cost_typed_in_pence_is_refused_and_goes_in_once_its_comment_quotes_it(fife):
    """ANALYST-9 #6: 3380 for a cost per hour of 33.80 was only warned of ('about 104 times as much')
    above 'wrote observations.csv', and the next scheduled run would publish it."""
    _quarters(fife, 31.2, 32.1, 33.45, 3380)
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output and "wrote" not in r.output, r.output
    assert "nothing written: the return r.xlsx has 1 problem:" in r.output
    assert (
        "r.xlsx, cell observations!D5 (column 'value'): found fife-cost for fife, 2024/25 Quarter 4: 3,380, where its "
        "other quarter figures are 31.2 to 33.45 (about 105 times as much); expected the figure in the measure's unit: "
        "33.8 if 3,380 was typed in pence; if it is right, say why in comment, quoting the figure ('3,380 because "
        "...') (the report prints it) and merge takes it"
    ) in r.output
    assert (fife / "data" / "observations.csv").read_bytes() == before
    _quarters(fife, 31.2, 32.1, 33.45, 3380, comment="3,380 because of the new framework contract")
    r = run("merge", "r.xlsx")
    assert r.exit_code == 0 and "wrote" in r.output and "times as much" not in r.output, r.output


def test_a_quarters_figure_that_is_the_year_to_date_is_refused(fife):
    """ANALYST-9 #6: sickness days 6.1 for Quarter 2 where Quarter 1 was 2.9 (the year to date) was written."""
    days = {**MEASURE, "measure": "fife-sick", "title": "Days lost per FTE", "unit": "days", "polarity": "lower",
            "aggregate": "sum", "target": 10}  # fmt: skip
    last = [{"council": "fife", "measure": "fife-sick", "period": f"2023-24-Q{q}", "value": v}
            for q, v in ((1, 3.1), (2, 3.3), (3, 3.4), (4, 3.2))]  # fmt: skip
    now = [{"council": "fife", "measure": "fife-sick", "period": "2024-25-Q1", "value": 3.0},
           {"council": "fife", "measure": "fife-sick", "period": "2024-25-Q2", "value": 6.3}]  # fmt: skip
    a_return(fife, measures=[days], observations=[*last, *now])
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert (
        "found fife-sick for fife, 2024/25 Quarter 2: 6.3, about the year to date (3 in 2024/25 Quarter 1 plus 3.3) "
        "where its quarters are around 3.2; expected the quarter's own figure, not the year to date (swreport adds "
        "the quarters up): 3.3 if 6.3 is the year to date; if it is right, say why in comment, quoting the figure "
        "('6.3 because ...') (the report prints it) and merge takes it"
    ) in r.output


def test_finance_in_thousands_is_refused_in_the_same_run_as_the_returns_other_problems(fife):
    """ANALYST-9 #10: a year return with its finance in £000 and a workforce fte '1010,8' listed the
    fte only; the £000, a 1,000-fold error in every line, came on the second attempt."""
    lines = [("Children and families", 48200), ("Adult services", 112400), ("Justice", 6100)]
    a_return(fife, measures=(),
             finance=[{"council": "fife", "period": "2025-26", "kind": "budget", "line": s, "amount": a}
                      for s, a in lines],
             workforce=[{"council": "fife", "period": "2025-26", "service": "Children and families", "headcount": 1100,
                         "fte": "1010,8"}])  # fmt: skip
    r = run("merge", "r.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "nothing written: the return r.xlsx has 2 problems:" in r.output, r.output
    assert "r.xlsx, cell workforce!" in r.output and "found '1010,8'" in r.output
    assert "r.xlsx, cell finance!E2 (column 'amount'): found fife's budget lines for 2025-26 adding up to £166,700" in (
        r.output
    )


def test_the_empty_template_init_points_to_lists_the_council_so_excel_takes_its_id(fife, monkeypatch):
    """ANALYST-9 #16: 'swreport template measures.xlsx --empty' in the council's folder had an empty
    councils sheet, and the measures sheet's council column a drop-down of it that stops what is
    not listed: Excel refused 'fife'. It lists the data set's councils now; merged back, the
    measure comes in and the councils are unchanged. Without a council's data set (the demo in
    use), a council not listed is a warning Excel lets through, not refused."""
    r = run("template", "m.xlsx", "--empty")
    assert r.exit_code == 0, r.output
    wb = load_workbook(fife / "m.xlsx")
    assert [c.value for c in wb["councils"][2]][:3] == ["fife", "Fife Council", 2]
    (council,) = [dv for dv in wb["measures"].data_validations.dataValidation if str(dv.sqref).startswith("O2")]
    assert council.formula1 == "council_ids" and council.errorStyle in (None, "stop")
    fill(fife / "m.xlsx", measures=[{**MEASURE, "title": "Seen within 5 days", "council": "fife"}])
    before = (fife / "data" / "councils.csv").read_bytes()
    r = run("merge", "m.xlsx")
    assert r.exit_code == 0 and "adds 1 row to measures" in r.output and "councils" not in r.output, r.output
    assert (fife / "data" / "councils.csv").read_bytes() == before
    empty = fife / "elsewhere"
    empty.mkdir()
    monkeypatch.chdir(empty)  # no ./data: the demo data in use, whose councils are not copied
    assert run("template", "e.xlsx", "--empty").exit_code == 0
    wb = load_workbook(empty / "e.xlsx")
    assert wb["councils"].max_row == 1
    (council,) = [dv for dv in wb["measures"].data_validations.dataValidation if str(dv.sqref).startswith("O2")]
    assert council.errorStyle == "warning" and "add your council's row" in council.error


def test_a_new_councils_second_quarter_typed_as_the_year_to_date_is_refused(fife):
    """ANALYST-11 #1: the guide's own example in a council new to swreport (Quarter 1 merged, then
    a return with sickness days 6.0 for Quarter 2 where Quarter 1 was 3.1) 'adds 6 rows ... rc=0':
    with no year before, the check never fired."""
    days = {**MEASURE, "measure": "fife-sick", "title": "Days lost per FTE", "unit": "days", "polarity": "lower",
            "aggregate": "sum", "target": 10}  # fmt: skip
    q1 = {"council": "fife", "measure": "fife-sick", "period": "2025-26-Q1", "value": 3.1}
    a_return(fife, measures=[days], observations=[q1])
    assert run("merge", "r.xlsx").exit_code == 0
    a_return(fife, "q2.xlsx", measures=(), observations=[{**q1, "period": "2025-26-Q2", "value": 6.0}])
    before = (fife / "data" / "observations.csv").read_bytes()
    r = run("merge", "q2.xlsx")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert (
        "found fife-sick for fife, 2025/26 Quarter 2: 6, about the year to date (3.1 in 2025/26 Quarter 1 plus 2.9)"
        in (r.output)
    )
    assert (fife / "data" / "observations.csv").read_bytes() == before

    # merged before Quarter 2 (as Perth and Kinross did): 9.1 at Quarter 3 where Quarter 1 was 3.1
    a_return(fife, "q3.xlsx", measures=(), observations=[{**q1, "period": "2025-26-Q3", "value": 9.1}])
    r = run("merge", "q3.xlsx")
    assert r.exit_code == 2 and "with no figure for 2025/26 Quarter 2, plus 3 a quarter for 2 quarters" in r.output, (
        r.output
    )
