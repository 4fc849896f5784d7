"""Loading and validation: every category of bad input names file, row and column."""

import shutil

import pytest

import swlib
from swlib import DataError
from tests.conftest import ROOT, make_data, write_csv


def problems_of(path):
    with pytest.raises(DataError) as e:
        swlib.load(path)
    return e.value.problems


def one(path, file, row, column, *words):
    """Exactly the located problem, with words from the found/expected text."""
    ps = problems_of(path)
    hits = [p for p in ps if p.file == file and p.row == row and p.column == column]
    assert hits, f"no problem at {file} row {row} column {column}; got {[str(p) for p in ps]}"
    text = str(hits[0])
    for w in words:
        assert w in text, text
    return ps


def test_demo_data_loads_with_every_table(demo):
    assert set(demo.councils["council"]) == {"south-lanarkshire", "dundee-city", "dumfries-and-galloway"}
    for t in ("measures", "observations", "targets", "actions", "finance", "workforce", "inspections"):
        assert len(demo.table(t)) > 0, t
    assert demo.measures["decimals"].dtype == "int64"


def test_absent_optional_tables_are_empty(data_dir):
    ds = swlib.load(
        make_data(data_dir, [{"aggregate": "mean"}], [{"measure": "m0", "period": "2020-21-Q1", "value": "50"}])
    )
    assert (
        ds.targets.empty
        and ds.actions.empty
        and ds.finance.empty
        and list(ds.actions.columns)[:2] == ["council", "period"]
    )


def test_awkward_but_valid_files_load(data_dir):
    make_data(data_dir, [{"title": "Cost (£)", "unit": "currency", "status": ""}], [])
    # Excel-style: byte order mark, CRLF line ends, stray spaces, Windows-1252 pound sign, status in any case
    text = (
        "council,measure,period,value,numerator,denominator,status,comment\r\n"
        " alpha , m0 ,2020/21 Q1, 1,234 ,,,REPORT LATER,Spent £5\r\n"
        "alpha,m0,Q2 2020/21,£2000,,,green,\r\n"
    )
    (data_dir / "observations.csv").write_bytes(
        b"\xef\xbb\xbf" + text.replace("£", "\u00a3").encode("utf-8").replace(b" 1,234 ", b'" 1,234 "')
    )
    m = (data_dir / "measures.csv").read_text(encoding="utf-8")
    (data_dir / "measures.csv").write_bytes(m.encode("cp1252"))
    ds = swlib.load(data_dir)
    assert ds.measures.loc[0, "title"] == "Cost (£)"
    o = ds.observations
    assert list(o["council"]) == ["alpha", "alpha"] and list(o["measure"]) == ["m0", "m0"]
    assert list(o["period"]) == ["2020-21-Q1", "2020-21-Q2"]
    assert list(o["value"]) == [1234.0, 2000.0]
    assert list(o["status"]) == ["Report later", "Green"]
    assert o.loc[0, "comment"] == "Spent £5"


def test_unknown_council_and_measure(data_dir):
    make_data(
        data_dir,
        [{}],
        [
            {"measure": "m0", "period": "2020-21-Q1", "value": "5"},
            {"measure": "nope", "period": "2020-21-Q1", "value": "5"},
        ],
    )
    rows = (data_dir / "observations.csv").read_text().replace("alpha,m0", "gamma,m0")
    (data_dir / "observations.csv").write_text(rows)
    ps = one(data_dir, "observations.csv", 2, "council", "'gamma'", "alpha, beta")
    assert any(p.row == 3 and p.column == "measure" and "'nope'" in str(p) for p in ps)


def test_a_bad_measures_row_is_reported_once_not_at_every_observation_of_it(data_dir):
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "value": "50"} for q in (1, 2, 3, 4)]
    make_data(
        data_dir,
        [{"unit": "percentage"}, {"aggregate": "mean"}],
        [*obs, {"measure": "m1", "period": "2020-21-Q1", "value": "5"}],
    )
    # the measure's row once; its observations name a listed measure (read as the percent it nearly
    # is, their own problem is listed in the same run: percentages a year to date would add up)
    p, q = problems_of(data_dir)
    assert (p.file, p.row, p.column, p.found) == ("measures.csv", 2, "unit", "'percentage'")
    assert p.expected.startswith("one of percent, count")
    assert (q.file, q.row, q.column) == ("observations.csv", 2, "numerator") and "aggregate 'sum'" in q.found
    r = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output and "Traceback" not in r.output
    assert "measures.csv, row 2, column 'unit': found 'percentage'; expected one of percent" in r.output
    assert "column 'measure'" not in r.output


def test_a_bad_councils_row_is_reported_once_too(data_dir):
    make_data(data_dir, [{"aggregate": "mean"}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5"}])
    rows = (data_dir / "councils.csv").read_text().replace("alpha,Alpha Council,1", "alpha,Alpha Council,9")
    (data_dir / "councils.csv").write_text(rows)
    (p,) = problems_of(data_dir)
    assert (p.file, p.row, p.column) == ("councils.csv", 2, "family_group")


def test_measure_for_another_council(data_dir):
    make_data(data_dir, [{"council": "beta"}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5"}])
    one(data_dir, "observations.csv", 2, "council", "'alpha'", "'beta', the only council")


@pytest.mark.parametrize(
    "period, expected", [("2020/22", "consecutive"), ("2020-21-Q7", "Q1"), ("next year", "period"), ("", "blank")]
)
def test_malformed_or_impossible_periods(data_dir, period, expected):
    make_data(data_dir, [{}], [{"measure": "m0", "period": period, "value": "5"}])
    one(data_dir, "observations.csv", 2, "period", expected)


def test_duplicate_keys(data_dir):
    obs = [
        {"measure": "m0", "period": "2020-21-Q1", "value": "5"},
        {"measure": "m0", "period": "2020/21 Q1", "value": "6"},
    ]
    make_data(data_dir, [{}], obs)
    ps = problems_of(data_dir)
    # the second spelling is the same period once normalised
    assert any(p.row == 3 and "second row" in p.found and "row 2" in p.found for p in ps)


def test_duplicate_exact_keys(data_dir):
    make_data(data_dir, [{}, {}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5"}] * 2)
    one(data_dir, "observations.csv", 3, "period", "second row", "first at row 2")


def test_duplicate_measure_ids(data_dir):
    make_data(data_dir, [{}], [])
    text = (data_dir / "measures.csv").read_text()
    (data_dir / "measures.csv").write_text(text + text.splitlines()[1] + "\n")
    one(data_dir, "measures.csv", 3, "measure", "second row")


@pytest.mark.parametrize("value, expected", [("abc", "a number"), ("-3", "at least 0"), ("1e400", "a number")])
def test_non_numeric_or_negative_values(data_dir, value, expected):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "value": value}])
    one(data_dir, "observations.csv", 2, "value", repr(value), expected)


def test_every_problem_in_a_file_is_reported_together(data_dir):
    obs = [
        {"measure": "m0", "period": "2020-21-Q1", "value": "abc"},
        {"measure": "m0", "period": "2020-21-Q9", "value": "5"},
        {"measure": "m0", "period": "2020-21-Q3", "value": "5", "status": "Purple"},
    ]
    make_data(data_dir, [{}], obs)
    ps = problems_of(data_dir)
    assert {(p.row, p.column) for p in ps} >= {(2, "value"), (3, "period"), (4, "status")}


def test_a_row_with_a_bad_cell_is_still_checked_for_the_rest_of_it_in_the_same_run(data_dir):
    """A bad cell is read as missing, not the row dropped: a second problem on its row and a
    duplicate row it is part of are listed in the same run, and the bad cell is named once."""
    obs = [
        {
            "measure": "m0",
            "period": "2020-21-Q1",
            "value": "5",
            "numerator": "30",
            "denominator": "20",
            "status": "Gren",
        },
        {"measure": "m0", "period": "2020-21-Q2", "value": "n/a"},
        {"measure": "m0", "period": "2020-21-Q2", "value": "6"},
        {"measure": "m0", "period": "2020-21-Q3", "numerator": "lots", "denominator": "10"},
    ]
    make_data(data_dir, [{"unit": "percent", "aggregate": "latest"}], obs)
    ps = problems_of(data_dir)
    at = {(p.row, p.column): str(p) for p in ps}
    assert "found 'Gren'" in at[(2, "status")]
    assert "30, more than the denominator 20" in at[(2, "numerator")]  # the same row's second problem
    assert "found 'n/a'" in at[(3, "value")]
    assert "a second row for council=alpha, measure=m0, period=2020-21-Q2 (first at row 3)" in at[(4, "period")]
    assert "found 'lots'" in at[(5, "numerator")]  # not again as 'a blank cell' beside its denominator
    assert len(ps) == 5, [str(p) for p in ps]


def test_a_row_with_an_unreadable_count_is_not_called_a_row_without_counts(data_dir):
    """A summed percentage whose counts could not be read is named at those cells, not listed
    again among the rows given as a value without counts; a row with a bad status still is."""
    obs = [
        {"measure": "m0", "period": "2020-21-Q1", "value": "50", "numerator": "1O", "denominator": "2O"},
        {"measure": "m0", "period": "2020-21-Q2", "value": "50", "status": "Purple"},
    ]
    make_data(data_dir, [{"unit": "percent", "aggregate": "sum"}], obs)
    ps = problems_of(data_dir)
    assert {(p.row, p.column) for p in ps} == {(2, "numerator"), (2, "denominator"), (3, "status"), (3, "numerator")}
    summed = next(p for p in ps if p.row == 3 and p.column == "numerator")
    assert summed.found.startswith("1 quarterly row of m0 (row 3) with a value but no counts"), summed.found


def test_a_key_cell_that_cannot_be_read_is_not_a_duplicate(data_dir):
    """Two rows whose periods cannot be read are two period problems, not a 'second row' of a blank period."""
    obs = [
        {"measure": "m0", "period": "2020-21-Q7", "value": "5"},
        {"measure": "m0", "period": "2020-21-Q8", "value": "6"},
    ]
    make_data(data_dir, [{}], obs)
    ps = problems_of(data_dir)
    assert [(p.row, p.column) for p in ps] == [(2, "period"), (3, "period")], [str(p) for p in ps]


def test_numerator_above_denominator(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "numerator": "12", "denominator": "10"}])
    one(data_dir, "observations.csv", 2, "numerator", "more than the denominator")


def test_percent_above_100(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "value": "101"}])
    one(data_dir, "observations.csv", 2, "value", "101", "from 0 to 100")


def test_percent_target_above_100(data_dir):
    make_data(data_dir, [{"target": "110"}], [])
    one(data_dir, "measures.csv", 2, "target", "110")


def test_value_disagreeing_with_numerator_and_denominator(data_dir):
    make_data(
        data_dir,
        [{}],
        [{"measure": "m0", "period": "2020-21-Q1", "value": "60", "numerator": "5", "denominator": "10"}],
    )
    one(data_dir, "observations.csv", 2, "value", "give 50", "agrees")


def test_value_agreeing_at_display_precision_is_fine(data_dir):
    make_data(
        data_dir,
        [{"decimals": "0"}],
        [{"measure": "m0", "period": "2020-21-Q1", "value": "33", "numerator": "1", "denominator": "3"}],
    )
    assert swlib.load(data_dir).observations.loc[0, "value"] == 33


def test_cases_with_a_zero_denominator(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "numerator": "3", "denominator": "0"}])
    one(data_dir, "observations.csv", 2, "numerator", "denominator of 0")


def test_zero_of_zero_is_valid(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "numerator": "0", "denominator": "0"}])
    assert swlib.load(data_dir).observations.loc[0, "denominator"] == 0


def test_numerator_without_denominator(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "numerator": "3"}])
    one(data_dir, "observations.csv", 2, "denominator", "both numerator and denominator")


@pytest.mark.parametrize(
    "column, value",
    [("unit", "percentage"), ("polarity", "up"), ("frequency", "fortnightly"), ("aggregate", "median")],
)
def test_unknown_words_in_enumerated_columns(data_dir, column, value):
    make_data(data_dir, [{column: value}], [])
    one(data_dir, "measures.csv", 2, column, repr(value), "one of")


def test_unknown_status_word(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5", "status": "Done"}])
    one(data_dir, "observations.csv", 2, "status", "'Done'", "Report later")


def test_observation_finer_than_the_measure_frequency(data_dir):
    make_data(data_dir, [{"frequency": "annual"}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5"}])
    one(data_dir, "observations.csv", 2, "period", "no shorter than", "annual")


def test_missing_required_column(data_dir):
    make_data(data_dir, [{}], [])
    write_csv(data_dir / "councils.csv", [{"council": "alpha", "family_group": "1"}])
    one(data_dir, "councils.csv", 1, "name", "no such column")


def test_missing_required_table(data_dir):
    make_data(data_dir, [{}], [])
    (data_dir / "observations.csv").unlink()
    one(data_dir, "observations.csv", None, None, "found no observations.csv file in data",
        "expected an observations.csv file: the observations table is required")  # fmt: skip


def test_a_workbook_without_a_required_sheet_names_the_sheet_to_add(tmp_path):
    from swlib.excel import write_frames

    book = tmp_path / "data.xlsx"
    ds = swlib.load(make_data(tmp_path / "d", [{}], []))
    write_frames(book, {"councils": ds.councils, "measures": ds.measures, "Notes": ds.councils})
    (p,) = problems_of(book)
    assert str(p) == (
        "data.xlsx: found no sheet named 'observations'; expected a sheet named 'observations': the observations "
        "table is required"
    )


def test_empty_file(data_dir):
    make_data(data_dir, [{}], [])
    (data_dir / "councils.csv").write_text("")
    one(data_dir, "councils.csv", None, None, "an empty file",
        "expected a header row naming the columns, at least: council,name,family_group ('swreport init' writes")  # fmt: skip


def test_ragged_rows(data_dir):
    make_data(data_dir, [{}], [{"measure": "m0", "period": "2020-21-Q1", "value": "5"}])
    p = data_dir / "observations.csv"
    p.write_text(p.read_text() + "alpha,m0,2020-21-Q2,5,1\n" + "alpha,m0,2020-21-Q3,5,,,,,x,y,z\n")
    ps = one(data_dir, "observations.csv", 3, None, "5 fields", "9 fields")
    assert any(q.row == 4 and "11 fields" in q.found for q in ps)


def test_path_that_does_not_exist(tmp_path):
    ps = problems_of(tmp_path / "nowhere")
    assert "nothing at this path" in str(ps[0])


def test_table_file_that_is_a_folder(data_dir):
    make_data(data_dir, [{}], [])
    (data_dir / "targets.csv").mkdir()
    one(data_dir, "targets.csv", None, None, "a folder")


def test_workbook_round_trip_and_errors_name_the_sheet(tmp_path):
    import pandas as pd

    book = tmp_path / "data.xlsx"
    src = ROOT / "data"
    with pd.ExcelWriter(book) as xw:
        for t in ("councils", "measures", "targets", "observations", "actions"):
            pd.read_csv(src / f"{t}.csv", dtype=str, keep_default_na=False).to_excel(xw, sheet_name=t, index=False)
    ds = swlib.load(book)
    assert len(ds.observations) == len(swlib.load(src).observations)
    df = pd.read_csv(src / "observations.csv", dtype=str, keep_default_na=False)
    df.loc[4, "value"] = "lots"
    with pd.ExcelWriter(book, mode="a", if_sheet_exists="replace") as xw:
        df.to_excel(xw, sheet_name="observations", index=False)
    one(book, "data.xlsx [sheet observations]", 6, "value", "'lots'")


def test_a_workbook_with_a_renamed_sheet_names_its_cells_problems_in_the_same_run(tmp_path):
    """ANALYST-4 #13: a sheet under another name ('Observations Q2') stopped the check there; its
    cells are read as the table it is and their problems listed with it: one run, not two."""
    import pandas as pd

    book = tmp_path / "data.xlsx"
    src = ROOT / "data"
    with pd.ExcelWriter(book) as xw:
        for t in ("councils", "measures", "targets", "observations", "actions"):
            df = pd.read_csv(src / f"{t}.csv", dtype=str, keep_default_na=False)
            if t == "observations":
                df.loc[4, "value"] = "lots"
            df.to_excel(xw, sheet_name="Observations Q2" if t == "observations" else t, index=False)
    ps = problems_of(book)
    assert [p.found for p in ps][:1] == [
        "a sheet named 'Observations Q2', which is not a table swreport reads (did you mean 'observations'?)"
    ]
    (bad,) = [p for p in ps if p.cell == "'Observations Q2'!D6"]
    assert "'lots'" in bad.found and bad.column == "value"
    assert not [p for p in ps if "observations table is required" in p.expected]


def test_corrupt_workbook(tmp_path):
    book = tmp_path / "broken.xlsx"
    book.write_bytes(b"this is not a zip file at all")
    one(book, "broken.xlsx", None, None, "not an Excel workbook")


def test_copy_of_demo_data_with_one_bad_cell(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "d")
    p = tmp_path / "d" / "measures.csv"
    lines = p.read_text().splitlines()
    lines[3] = lines[3].replace(",percent,", ",percentage,", 1)
    p.write_text("\n".join(lines) + "\n")
    one(tmp_path / "d", "measures.csv", 4, "unit", "'percentage'")


def test_a_summed_percentage_given_as_values_only_is_an_error_naming_rows_and_both_fixes(data_dir):
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in zip((1, 2), ("92", "99"), strict=True)]
    obs.append({"measure": "m0", "period": "2020-21", "value": "90"})  # a year row is used as it stands: fine
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"unit": "percent", "aggregate": "sum"}], obs))
    [p] = e.value.problems
    assert p.file == "observations.csv" and p.row == 2
    text = str(p)
    assert "2 quarterly rows of m0 (rows 2, 3)" in text and "would add percentages up" in text
    assert "numerator and denominator on each quarterly row" in text and "'latest'" in text and "'mean'" in text


def test_counts_or_a_mean_or_latest_aggregate_make_a_percentage_valid(data_dir, tmp_path):
    counted = [{"measure": "m0", "period": "2021-22-Q1", "numerator": "9", "denominator": "10"}]
    assert len(swlib.load(make_data(data_dir, [{}], counted)).observations) == 1
    values = [{"measure": "m0", "period": "2021-22-Q1", "value": "92"}]
    for agg in ("mean", "latest"):
        assert len(swlib.load(make_data(tmp_path / agg, [{"aggregate": agg}], values)).observations) == 1


def test_a_summed_percentage_row_left_blank_with_a_reason_is_not_a_value_without_counts(data_dir):
    obs = [
        {"measure": "m0", "period": "2021-22-Q1", "numerator": "9", "denominator": "10"},
        {"measure": "m0", "period": "2021-22-Q2", "comment": "not available: new system"},
        {"measure": "m0", "period": "2021-22-Q3"},  # a return's pre-filled row left blank
    ]
    ds = swlib.load(make_data(data_dir, [{"unit": "percent", "aggregate": "sum"}], obs))
    assert len(ds.observations) == 3


def test_a_summed_rate_needs_counts_and_its_value(data_dir):
    obs = [{"measure": "m0", "period": "2021-22-Q1", "numerator": "5", "denominator": "1000"}]
    with pytest.raises(DataError, match="numerator, denominator and value"):
        swlib.load(make_data(data_dir, [{"unit": "rate"}], obs))


def test_a_mistyped_measure_id_gets_a_did_you_mean(data_dir):
    ms = [{"measure": "cp-orders", "unit": "count"}]
    folder = make_data(data_dir, [], [{"measure": "cp-order", "period": "2021-22-Q1", "value": "3"}])
    from tests.conftest import MEASURE_DEFAULTS, write_csv

    write_csv(folder / "measures.csv", [{**MEASURE_DEFAULTS, **m} for m in ms], ["measure", *MEASURE_DEFAULTS])
    with pytest.raises(DataError, match="did you mean 'cp-orders'"):
        swlib.load(folder)


def test_the_cache_gives_the_dataset_a_fresh_load_gives_and_an_edit_misses_it(tmp_path, monkeypatch):
    import os

    import pandas as pd

    import swlib.loading as loading
    from swlib.schema import TABLE_ORDER

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    fresh = loading.load(data)  # validated, and cached
    assert len(list((tmp_path / "cache").rglob("*.pickle"))) == 1
    validate = loading._load
    monkeypatch.setattr(loading, "_load", lambda base: pytest.fail("validated again"))
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)  # the same content elsewhere: the same entry
    for cached in (loading.load(data), loading.load(copy)):
        for name in TABLE_ORDER:
            pd.testing.assert_frame_equal(cached.table(name), fresh.table(name))
        assert cached.warnings == fresh.warnings
    assert loading.load(copy).path == copy

    # an edit of the same size with the old time: a miss, and the new figure
    obs = data / "observations.csv"
    text, st = obs.read_text(), obs.stat()
    row = next(line for line in text.splitlines() if line.startswith("dundee-city,") and ",3," in line)
    obs.write_text(text.replace(row, row.replace(",3,", ",4,", 1), 1))
    os.utime(obs, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert obs.stat().st_size == st.st_size
    monkeypatch.setattr(loading, "_load", validate)
    edited = loading.load(data)
    assert not edited.observations.equals(fresh.observations)
    assert len(list((tmp_path / "cache").rglob("*.pickle"))) == 2


def test_the_cache_misses_after_an_edit_of_swlibs_subpackages_or_its_wording(tmp_path, monkeypatch):
    # a batch from a second checkout read the first's validated data set: the key hashed swlib/*.py
    # and data/*.csv only, not swlib/small_numbers/, views/ ... nor the wording it ships
    import swlib.loading as loading

    pkg = tmp_path / "swlib"
    for name in ("loading.py", "small_numbers/words.py", "data/wording.yaml", "data/lgbf_councils.csv"):
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text("a = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "measures.csv").write_text("measure_id\n")
    monkeypatch.setattr(loading, "__file__", str(pkg / "loading.py"))
    keys = [loading._cache_key(tmp_path / "data")]
    for name in ("small_numbers/words.py", "data/wording.yaml", "data/lgbf_councils.csv"):
        (pkg / name).write_text("a = 2\n")
        # the code is hashed once a process (the code it runs): an edit is another process's
        assert loading._cache_key(tmp_path / "data") == keys[-1]
        loading._code_digests.cache_clear()
        keys.append(loading._cache_key(tmp_path / "data"))
    assert None not in keys and len(set(keys)) == 4


def test_a_batch_kernel_hashes_swlibs_code_once_not_at_every_load(tmp_path, monkeypatch):
    # a batch kernel loads the data set for each report: 121 files of code hashed each time was
    # 15 ms of CPU a report there, and again in the parent
    import swlib.loading as loading

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "measures.csv").write_text("measure_id\n")
    loading._code_digests.cache_clear()
    first = loading._cache_key(tmp_path / "data")
    (tmp_path / "data" / "measures.csv").write_text("measure_id\nx\n")  # the data: read every time
    assert loading._cache_key(tmp_path / "data") != first
    assert loading._code_digests.cache_info().misses == 1


@pytest.mark.parametrize(
    "council, period",
    [("dumfries-and-galloway", "2023-24-Q2"), ("dundee-city", "2016-17"), ("south-lanarkshire", "2021-22-Q2")],
)
def test_a_councils_rows_give_its_report_the_figures_the_whole_data_set_gives(demo, council, period):
    import pandas as pd

    from swlib.publishing import check_public

    mine = demo.for_council(council)
    assert set(mine.observations["council"]) == {council} and len(mine.benchmarks) == len(demo.benchmarks)
    for audience in ("internal", "public"):
        pd.testing.assert_frame_equal(
            swlib.performance(mine, council, period, audience=audience),
            swlib.performance(demo, council, period, audience=audience),
        )
    pd.testing.assert_frame_equal(swlib.actions(mine, council, period), swlib.actions(demo, council, period))
    assert check_public(mine, council, period) == check_public(demo, council, period)  # the same rows named
    assert mine.is_synthetic(council) == demo.is_synthetic(council)


def test_a_councils_rows_come_from_the_cache_on_their_own(tmp_path, monkeypatch):
    import pandas as pd

    import swlib.loading as loading

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    whole = loading.load(ROOT / "data")
    first = loading.load(ROOT / "data", council="dundee-city")
    assert len(list((tmp_path / "cache").rglob("*.councils/*.pickle"))) == 1
    monkeypatch.setattr(loading, "_load", lambda base: pytest.fail("validated again"))
    monkeypatch.setattr(loading.Dataset, "for_council", lambda self, c: pytest.fail("read the whole data set"))
    again = loading.load(ROOT / "data", council="dundee-city")
    for ds in (first, again):
        pd.testing.assert_frame_equal(
            ds.observations, whole.observations[whole.observations["council"] == "dundee-city"]
        )
        assert ds.path == ROOT / "data"


def test_a_batch_worker_cuts_its_next_council_from_the_data_set_in_memory(tmp_path, monkeypatch):
    import swlib.loading as loading

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    monkeypatch.setattr(loading, "_WHOLE", {})
    loading.load(ROOT / "data")  # validated and cached
    whole_reads = []
    real = loading._read_cached

    def read(path, base):
        if not path.parent.name.endswith(".councils"):
            whole_reads.append(path)
        return real(path, base)

    monkeypatch.setattr(loading, "_read_cached", read)
    a = loading.load(ROOT / "data", council="dundee-city")
    b = loading.load(ROOT / "data", council="south-lanarkshire")
    assert len(whole_reads) == 1  # the second council is cut from the data set in memory
    assert set(a.observations["council"]) == {"dundee-city"} and set(b.observations["council"]) == {"south-lanarkshire"}
    b.benchmarks.loc[b.benchmarks.index[0], "value"] = -1.0  # each council's data set is its own
    assert (loading.load(ROOT / "data", council="dumfries-and-galloway").benchmarks["value"] != -1.0).all()


def test_the_cache_keeps_its_newest_data_sets_when_another_run_evicts_at_the_same_time(tmp_path):
    # another run (a batch's kernels, another batch) may remove an entry after this one listed it
    import os

    from swlib.loading import _evict

    for i, name in enumerate(("old", "mid", "new")):
        (tmp_path / f"{name}.pickle").write_bytes(b"x")
        os.utime(tmp_path / f"{name}.pickle", (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "old.councils").mkdir()
    (tmp_path / "gone.pickle").symlink_to(tmp_path / "removed-meanwhile.pickle")  # listed, then not there
    _evict(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.glob("*.pickle") if p.exists()) == ["mid.pickle", "new.pickle"]
    assert not (tmp_path / "old.councils").exists()


def test_a_date_for_a_period_is_its_month_in_a_csv_file_and_a_workbook_alike(tmp_path):
    # 31/08/2024 on a monthly row is August 2024, typed in a CSV file or an Excel date cell; on a
    # quarterly row it is refused, quoting what was typed and naming the quarter it falls in
    import datetime as dt

    import pandas as pd

    measures = [{"unit": "count", "frequency": "monthly"}, {"unit": "count"}]
    obs = [
        {"measure": "m0", "period": "31/08/2024", "value": "5"},
        {"measure": "m0", "period": "2024-09-30", "value": "6"},
    ]
    folder = make_data(tmp_path / "csv", measures, obs)
    assert sorted(swlib.load(folder).observations["period"]) == ["2024-08", "2024-09"]
    book = tmp_path / "data.xlsx"
    with pd.ExcelWriter(book) as xw:
        for t in ("councils", "measures", "observations"):
            df = pd.read_csv(folder / f"{t}.csv", dtype=str, keep_default_na=False)
            if t == "observations":
                df["period"] = df["period"].astype(object)
                df.loc[0, "period"] = dt.datetime(2024, 8, 31)  # an Excel date cell
            df.to_excel(xw, sheet_name=t, index=False)
    assert sorted(swlib.load(book).observations["period"]) == ["2024-08", "2024-09"]
    # the same date on a quarterly measure's row
    write_csv(
        folder / "observations.csv", [{"council": "alpha", "measure": "m1", "period": "31/08/2024", "value": "5"}]
    )
    with pytest.raises(DataError) as e:
        swlib.load(folder)
    assert str(e.value.problems[0]) == (
        "observations.csv, row 2, column 'period': found 31/08/2024 (a date: the month 2024-08); expected a period "
        "no shorter than the measure's frequency (quarterly): 2024-25-Q2, the quarter that date falls in"
    )
    write_csv(folder / "observations.csv", [{"council": "alpha", "measure": "m1", "period": "2024-09", "value": "5"}])
    with pytest.raises(DataError) as e:
        swlib.load(folder)
    assert "found 2024-09 (a month); expected a period no shorter than the measure's frequency (quarterly): " \
           "2024-25-Q2, the quarter that month falls in" in str(e.value.problems[0])  # fmt: skip


def test_a_csv_saved_by_excel_with_its_months_as_mmm_yy_loads(data_dir):
    """A CSV file opened and saved in Excel has 'Apr-25' for 2025-04 (BOM, CRLF): it loads, the
    months read as the months they were."""
    from tests.conftest import MEASURE_DEFAULTS

    make_data(data_dir, [{**MEASURE_DEFAULTS, "unit": "count", "frequency": "monthly"}], [])
    (data_dir / "observations.csv").write_bytes(
        '\ufeffcouncil,measure,period,value\r\nalpha,m0,Apr-25,"2,650"\r\nalpha,m0,May-2025,2590\r\n'.encode()
    )
    ds = swlib.load(data_dir)
    assert list(ds.observations["period"]) == ["2025-04", "2025-05"] and list(ds.observations["value"]) == [2650, 2590]


def test_measures_rows_with_bad_cells_are_read_around_by_the_rules_between_measures(data_dir):
    """A measure whose id or frequency cannot be read, in a catalogue with part_of and flow_of:
    each bad cell is named, the rules between measures skip what they cannot read (no crash),
    and a part_of naming no measure is still named in the same run."""
    make_data(data_dir, [{}], [])
    head = "measure,title,theme,unit,polarity,frequency,aggregate,part_of,flow_of"
    rows = ["m0,Referrals,T,count,none,quarterly,sum,,",
            "m1,Screened,T,count,none,fortnightly,sum,m0,",
            "m 2,Seen,T,count,none,quarterly,sum,m0,",
            "m3,Orders,T,count,none,annual,sum,,m1",
            "m4,Visits,T,count,none,quarterly,sum,m9,"]  # fmt: skip
    (data_dir / "measures.csv").write_text("\n".join([head, *rows]) + "\n")
    ps = problems_of(data_dir)
    assert [(p.row, p.column) for p in ps] == [(3, "frequency"), (4, "measure"), (6, "part_of")], [str(p) for p in ps]


def test_a_population_of_an_age_group_is_a_councils_column_checked_like_population(tmp_path):
    # ATTACK-4 finding 4: a rate "per 1,000 population aged 0-15" is checked against councils.csv's population_0-15;
    # a bad figure there names its file, row and column, and a column whose ages are not read says how to name it
    folder = tmp_path / "d"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "councils.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[0] += ",population_0-15,population_65+"
    text[1:] = [line + (",22010,abc" if i == 1 else ",,") for i, line in enumerate(text[1:])]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    ps = one(folder, "councils.csv", 3, "population_65+", "'abc'", "a whole number")
    assert len(ps) == 1
    text[1:] = [line.replace(",abc", ",31000") for line in text[1:]]
    text[0] += ",population_children"
    text[1:] = [line + "," for line in text[1:]]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    ds = swlib.load(folder)
    row = ds.councils.set_index("council").loc["dundee-city"]
    assert (row["population_0-15"], row["population_65+"]) == (22010, 31000)
    (w,) = [str(w) for w in ds.warnings if w.column == "population_children"]
    assert "population_0-15, population_0-17" in w and "councils.csv, row 1" in w
    # an age group's population larger than the whole (220100 typed for 22010): a warning naming the cell
    text[1:] = [line.replace(",22010,31000", ",220100,31000") for line in text[1:]]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    (w,) = [str(w) for w in swlib.load(folder).warnings if w.column == "population_0-15"]
    assert w.startswith("councils.csv, row 3, column 'population_0-15': found 220,100 for dundee-city, more than its "
                        "population of 148,000")  # fmt: skip


def test_a_cached_load_warns_by_the_settings_in_force_and_bad_settings_do_not_stop_it(data_dir, tmp_path, monkeypatch):
    # CI 2026-12-02: a load read from the cache skipped its warnings' reading of councils.yaml, a
    # fresh one raised on a council's bad settings (batch exit 2 instead of that report failing),
    # and the cache key left out the settings the warnings depend on (a changed suppress_max kept
    # the old warnings)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SWREPORT_NO_CACHE", raising=False)
    params = tmp_path / "params"
    params.mkdir()
    monkeypatch.setenv("SWREPORT_PARAMS", str(params))
    title = "Children placed with 6 foster carers in Annan"
    d = make_data(data_dir, [{"title": title}], [{"measure": "m0", "period": "2024-25-Q1", "numerator": "168",
                                                  "denominator": "188"}])  # fmt: skip

    def withheld():
        return [w for w in swlib.load(d).warnings if "prints as [withheld]" in str(w)]

    settings = params / "councils.yaml"
    settings.write_text("councils:\n  alpha:\n    suppress_max: 4\n")
    assert withheld() == [] and withheld() == []  # the second from the cache
    settings.write_text("councils:\n  alpha:\n    suppress_max: 9\n")
    assert len(withheld()) == 1  # 6 is small now: a new key, not the old warnings
    settings.write_text("councils:\n  alpha:\n    tolerance_percent: lots\n")
    assert withheld() == []  # alpha's range cannot be read: the default (1 to 4), the report says why


def test_a_table_file_saved_under_another_name_is_a_warning_naming_the_table_it_is(data_dir):
    """ANALYST-9 #15: 'Workforce.csv' and 'finance 2025-26.csv' (a Save As, a download) were
    left unread with no word, and validate said OK with 0 finance and 0 workforce rows."""
    make_data(data_dir, [{"title": "A", "unit": "count"}], [{"measure": "m0", "period": "2025-26-Q1", "value": "50"}])
    write_csv(data_dir / "Workforce.csv", [{"council": "alpha", "period": "2025-26", "service": "All", "fte": "10"}])
    write_csv(data_dir / "finance 2025-26.csv", [{"council": "alpha", "period": "2025-26", "kind": "budget"}])
    said = [str(w) for w in swlib.load(data_dir).warnings]
    assert (
        "Workforce.csv: found a file 'Workforce.csv', which no table is read from; expected the workforce table in a "
        "file named 'workforce.csv' (did you mean 'workforce.csv'?): rename the file"
    ) in said
    assert any(w.startswith("finance 2025-26.csv: found a file 'finance 2025-26.csv'") and "'finance.csv'" in w
               for w in said)  # fmt: skip
    (data_dir / "observations.csv").rename(data_dir / "observations (1).csv")
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert "found no observations.csv file in data, but a file 'observations (1).csv'" in str(e.value)
