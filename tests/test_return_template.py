"""The data-return template (swlib.return_template): its sheets, notes and drop-downs, what a
council's return for a period is pre-filled with, and a filled one read back."""

from openpyxl import load_workbook

import swlib
from swlib.return_template import write_template


def fill(path, rows: dict):
    wb = load_workbook(path)
    for sheet, data in rows.items():
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for r in data:
            ws.append([r.get(h) for h in header])
    wb.save(path)


ROWS = {
    "councils": [{"council": "alpha", "name": "Alpha Council", "family_group": 2}],
    "measures": [
        {
            "measure": "m1",
            "title": "Seen in time",
            "theme": "Theme",
            "unit": "percent",
            "polarity": "higher",
            "frequency": "quarterly",
            "aggregate": "sum",
            "target": 80,
        }
    ],
    "observations": [
        {"council": "alpha", "measure": "m1", "period": "2020-21-Q1", "numerator": 9, "denominator": 10},
        {"council": "alpha", "measure": "m1", "period": "2020-21-Q2", "numerator": 7, "denominator": 10},
    ],
}


def test_template_has_every_table_notes_and_drop_downs(tmp_path, demo):
    book = load_workbook(write_template(tmp_path / "t.xlsx", demo))
    assert {"councils", "measures", "observations", "targets", "actions", "finance", "workforce", "inspections"} <= set(
        book.sheetnames
    )
    obs = book["observations"]
    assert [c.value for c in obs[1]][:4] == ["council", "measure", "period", "value"]
    assert "2020-21-Q2" in obs["C1"].comment.text
    notes = {c.value: c.comment.text for c in obs[1]}
    assert "Required" in notes["period"] and "Required" not in notes["value"]  # a value may be left blank (counts)
    assert "say why in comment" in notes["value"] and "why it is missing" in notes["comment"]
    amount = {c.value: c.comment.text for c in book["finance"][1]}["amount"]  # ANALYST-4 #5: £000 typed in
    assert "In pounds, not £000 or £m: 72450000 for £72.45m" in amount and "no Total line" in amount
    formulas = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in obs.data_validations.dataValidation}
    assert formulas["A"] == "council_ids" and formulas["B"] == "measure_ids"
    assert book.defined_names["council_ids"].attr_text == "councils!$A$2:$A$5000"
    assert book.defined_names["measure_ids"].attr_text == "measures!$A$2:$A$5000"
    assert [c.value for c in book["councils"]["A"]][1:4] == list(demo.councils["council"])[:3]
    assert '"Green,Amber,Red,Report later,Data only"' in formulas.values()
    units = [dv.formula1 for dv in book["measures"].data_validations.dataValidation]
    assert any("percent,count,currency" in f for f in units)
    assert "lists" not in book.sheetnames  # no fixed lists: the drop-downs read the workbook's own sheets


def test_template_fill_load_round_trip(tmp_path):
    path = write_template(tmp_path / "return.xlsx")
    fill(path, ROWS)
    ds = swlib.load(path)
    assert list(ds.councils["council"]) == ["alpha"]
    perf = swlib.performance(ds, "alpha", "2020-21-Q2")
    assert perf.loc[0, "to_date"] == 80 and perf.loc[0, "status"] == "Green"


def test_a_filled_template_with_a_mistake_names_sheet_row_and_column(tmp_path):
    path = write_template(tmp_path / "return.xlsx")
    bad = {
        **ROWS,
        "observations": [
            *ROWS["observations"],
            {"council": "alpha", "measure": "m1", "period": "2020-21-Q3", "value": "lots"},
        ],
    }
    fill(path, bad)
    try:
        swlib.load(path)
    except swlib.DataError as e:
        assert (
            str(e.problems[0])
            == "return.xlsx, cell observations!D4 (column 'value'): found 'lots'; expected a number of at least 0"
        )
    else:
        raise AssertionError("no DataError")


def test_validate_lists_every_problem_of_a_workbook_in_one_run(tmp_path):
    from click.testing import CliRunner

    from swlib.cli import main

    path = write_template(tmp_path / "return.xlsx")
    ok = {"council": "alpha", "measure": "m1"}
    bad = {
        **ROWS,
        "measures": [*ROWS["measures"], ROWS["measures"][0], {**ROWS["measures"][0], "measure": "m2", "unit": "%"}],
        "observations": [
            *ROWS["observations"],
            {**ok, "period": "2020-21-Q5", "value": 50},  # row 4: bad period
            # row 5: unknown council, and a value without counts of a summed percentage (the same run)
            {"council": "gamma", "measure": "m1", "period": "2020-21-Q3", "value": 50},
            {**ok, "period": "2020-21-Q1", "numerator": 1, "denominator": 2},  # row 6: duplicate of row 2
            {**ok, "period": "2020-21-Q4", "numerator": 12, "denominator": 10},  # row 7: more than the denominator
            {**ok, "measure": "m9", "period": "2020-21-Q4", "value": 5},  # row 8: unknown measure
            {**ok, "period": "2020-21-Q3", "numerator": 3},  # row 9: numerator without denominator
        ],
    }
    fill(path, bad)
    r = CliRunner().invoke(main, ["validate", "--data", str(path)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    for where in ("cell measures!A3", "cell measures!F4", "cell observations!C4", "cell observations!A5",
                  "cell observations!E5", "cell observations!C6", "cell observations!E7", "cell observations!B8",
                  "cell observations!F9"):  # fmt: skip
        assert where in r.output, (where, r.output)
    assert "the data has 9 problems" in r.output and "listed in the councils sheet" in r.output


def test_template_inspections_sheet_has_grade_columns_and_a_filled_return_renders_the_annual_report(tmp_path):
    from swlib.schema import QUALITY_THEMES

    path = write_template(tmp_path / "return.xlsx")
    header = [c.value for c in load_workbook(path)["inspections"][1]]
    assert set(QUALITY_THEMES) <= set(header) and header[-1] == "source"
    rows = {**ROWS, "inspections": [{"council": "alpha", "service": "Home", "service_type": "Care Home",
                                     "sector": "LA", "date": "2020-11-01", "wellbeing": 5, "setting": 4}]}  # fmt: skip
    rows["measures"] = [{**ROWS["measures"][0], "frequency": "annual"}]
    rows["observations"] = [
        {"council": "alpha", "measure": "m1", "period": "2020-21", "numerator": 8, "denominator": 10}
    ]
    fill(path, rows)
    ds = swlib.load(path)
    out = swlib.render("annual", "alpha", "2020-21", data=path, out=tmp_path / "o")
    text = out.read_text()
    assert "Home" in text and "Wellbeing" in text and ds.inspections.loc[0, "wellbeing"] == 5


def test_annual_report_renders_inspections_with_no_grades(tmp_path):
    rows = {**ROWS, "inspections": [{"council": "alpha", "service": "Home", "service_type": "Care Home",
                                     "sector": "LA", "date": "2020-11-01"}]}  # fmt: skip
    from swlib.templating import macro
    from swlib.views import inspection_view

    path = write_template(tmp_path / "return.xlsx")
    fill(path, rows)
    html = macro("inspections", inspection_view(swlib.load(path), "alpha", swlib.Period.parse("2020-21")))
    assert "Home" in html and "No quality theme was graded" in html


def test_template_for_a_council_and_period_prefills_what_the_return_needs(tmp_path, demo):
    # a period the demo data holds no figures for (those it holds are left out: test_merge)
    path = write_template(tmp_path / "r.xlsx", demo, council="south-lanarkshire", period="2031-32-Q2")
    book = load_workbook(path)
    assert [c.value for c in book["councils"]["A"]][1:] == ["south-lanarkshire"]
    obs = [[c.value for c in r] for r in book["observations"].iter_rows(min_row=2, max_col=3)]
    measures = {r[1]: r[2] for r in obs}
    monthly = demo.measures.query("frequency == 'monthly' and (council != council or council == 'south-lanarkshire')")
    quarterly = demo.measures.query(
        "frequency == 'quarterly' and (council != council or council == 'south-lanarkshire')"
    )
    if len(quarterly):
        assert measures[quarterly["measure"].iloc[0]] == "2031-32-Q2"
    if len(monthly):
        assert [p for m, p in ((r[1], r[2]) for r in obs) if m == monthly["measure"].iloc[0]] == [
            "2031-07",
            "2031-08",
            "2031-09",
        ]
    assert all(r[0] == "south-lanarkshire" for r in obs)
    annual = demo.measures.query("frequency == 'annual'")["measure"]
    assert not set(annual) & set(measures)  # an annual figure is not due in a Q2 return
    # a council the analyst adds to the councils sheet becomes valid in the drop-downs' range
    assert book.defined_names["council_ids"].attr_text.startswith("councils!$A$2")


def test_a_prefilled_return_asks_for_the_counts_behind_a_percentage(tmp_path, data_dir):
    # ANALYST-3 #12: the year's return took the statutory percentages as values alone, and every
    # public run then listed them as "not checked"; the return now asks for their counts
    from tests.conftest import make_data

    eet = {"title": "Care leavers in education, training or employment", "frequency": "annual", "aggregate": "latest"}
    orders = {"title": "Orders made", "unit": "count", "polarity": "none", "frequency": "annual"}
    ds = swlib.load(make_data(data_dir, [eet, orders], [{"measure": "m1", "period": "2019-20", "value": "14"}]))
    ws = load_workbook(write_template(tmp_path / "y.xlsx", ds, "alpha", "2020-21"))["observations"]
    header = [c.value for c in ws[1]]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    num, den = header.index("numerator"), header.index("denominator")
    note = rows["m0"][num].comment.text
    assert note.startswith("Care leavers in education, training or employment: a percentage, rate or ratio. Give the "
                           "count here (numerator) and what it is out of (denominator)")  # fmt: skip
    assert "listed as not checked" in note
    assert rows["m0"][den].fill.fgColor.rgb.endswith("FFF2CC")
    assert rows["m1"][num].comment is None and not rows["m1"][den].fill.fgColor.rgb.endswith("FFF2CC")


def test_a_prefilled_return_names_each_figures_unit_on_its_value_cell(tmp_path, data_dir):
    """ANALYST-5 #14: the return's rows gave measure ids only, and a service typing the cost per hour
    guessed pounds or pence (3175 for 31.75), the assessment figure days or weeks."""
    from tests.conftest import make_data

    cost = {"title": "Cost per hour of care at home", "unit": "currency", "aggregate": "mean"}
    beds = {"title": "Bed days lost to delayed discharge", "unit": "count", "frequency": "monthly"}
    rate = {"title": "Seen within 5 days"}
    obs = [{"measure": f"m{i}", "period": p, "value": "5"} for i, p in [(0, "2020-21-Q1"), (1, "2020-04")]]
    ds = swlib.load(make_data(data_dir, [cost, beds, rate], obs))
    ws = load_workbook(write_template(tmp_path / "q.xlsx", ds, "alpha", "2020-21-Q2"))["observations"]
    value = [c.value for c in ws[1]].index("value")
    notes = {r[1].value: r[value].comment.text for r in ws.iter_rows(min_row=2) if r[value].comment}
    assert notes["m0"] == "Cost per hour of care at home: in pounds, e.g. 31.75 (not pence, not £000)."
    assert notes["m1"] == ("Bed days lost to delayed discharge: a count, e.g. 120. The month's own figure, not a "
                           "running total.")  # fmt: skip
    assert notes["m2"].startswith("Seen within 5 days: give the counts in numerator and denominator: its year to "
                                  "date adds the counts up")  # a quarterly sum: a value alone is refused (ANALYST-11 #7)  # fmt: skip


def test_the_returns_value_cell_of_a_statutory_percentage_says_counts_are_wanted_and_what_not_checked_is(tmp_path):
    """ANALYST-8 #7: the annual return's value cell of cp-parents-attended had no note, unlike a
    count's or a cost's, and a first-time analyst could not tell from it why public runs said
    'not checked'."""
    from click.testing import CliRunner

    from swlib.cli import main

    out = tmp_path / "annual.xlsx"
    r = CliRunner().invoke(main, ["template", str(out), "--council", "dundee-city", "--period", "2017-18"])
    assert r.exit_code == 0, r.output
    ws = load_workbook(out)["observations"]
    value = [c.value for c in ws[1]].index("value")
    notes = {r[1].value: r[value].comment.text for r in ws.iter_rows(min_row=2) if r[value].comment}
    assert notes["cp-parents-attended"] == (
        "Child protection case conferences attended by parents: a percentage, e.g. 93 for 93% (not 0.93). Better: "
        "leave this blank and give the counts in numerator and denominator. A percentage typed here alone is printed, "
        "but a public report cannot check the counts behind it for small numbers and lists it as 'not checked' "
        "(check-public names it)."
    )


def test_a_return_asks_for_an_earlier_quarter_of_the_year_not_yet_given(tmp_path, monkeypatch):
    """ANALYST-11 #4: 'swreport template q3.xlsx --council C --period 2025-26-Q3' for a council with
    Quarter 1 merged and Quarter 2 not pre-filled only Quarter 3's rows and said nothing of Quarter 2.
    Quarter 2's row is pre-filled before Quarter 3's, and the sheet and the command say so; a
    measure whose figures begin later in the year is not asked for the quarters before them."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import new_council

    own = {"theme": "Adults", "outcome": "Timely support", "unit": "count", "polarity": "lower",
           "frequency": "quarterly", "aggregate": "sum", "decimals": 0, "source": "test"}  # fmt: skip
    measures = [{**own, "measure": "dd-bed-days", "title": "Bed days lost"},
                {**own, "measure": "new-one", "title": "A measure from Quarter 2"}]  # fmt: skip
    obs = [{"council": "pk", "measure": m, "period": p, "value": 10, "source": "test"}
           for m, p in (("dd-bed-days", "2025-26-Q1"), ("new-one", "2025-26-Q2"))]  # fmt: skip
    new_council(tmp_path, monkeypatch, measures, obs)
    r = CliRunner().invoke(main, ["template", "q3.xlsx", "--council", "pk", "--period", "2025-26-Q3"])
    assert r.exit_code == 0, r.output
    said = (
        "not yet given: 1 row of 2025-26 before 2025/26 Quarter 3 that your data has no row for (2025/26 Quarter 2: "
        "dd-bed-days 2025-26-Q2), pre-filled before its measure's 2025/26 Quarter 3 row: type its figure, or leave "
        "it blank and say why in comment"
    )
    assert said in r.output
    ws = load_workbook(tmp_path / "q3.xlsx")["observations"]
    rows = [(ws.cell(i, 2).value, ws.cell(i, 3).value) for i in range(2, ws.max_row + 1) if ws.cell(i, 2).value]
    assert rows == [("dd-bed-days", "2025-26-Q2"), ("dd-bed-days", "2025-26-Q3"), ("new-one", "2025-26-Q3")]
    assert said[1:] in ws["A1"].comment.text


def test_the_value_cell_of_a_quarterly_percentage_added_up_says_a_value_alone_is_refused(tmp_path, monkeypatch):
    """ANALYST-11 #7: a quarterly percentage with aggregate sum: the template's note said 'A
    percentage typed here alone is printed...', but validate and merge refuse it ('expected
    numerator and denominator'). The note says what the measure takes; a snapshot's (latest) still
    says a value alone is printed."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import new_council

    pct = {"theme": "Justice", "outcome": "Safer", "unit": "percent", "polarity": "higher", "frequency": "quarterly",
           "aggregate": "sum", "decimals": 1, "source": "test"}  # fmt: skip
    measures = [{**pct, "measure": "cjsw-on-time", "title": "Reports on time"},
                {**pct, "measure": "open-share", "title": "Cases open", "aggregate": "latest"}]  # fmt: skip
    new_council(tmp_path, monkeypatch, measures)
    r = CliRunner().invoke(main, ["template", "q1.xlsx", "--council", "pk", "--period", "2025-26-Q1"])
    assert r.exit_code == 0, r.output
    ws = load_workbook(tmp_path / "q1.xlsx")["observations"]
    value = [c.value for c in ws[1]].index("value")
    notes = {r[1].value: r[value].comment.text for r in ws.iter_rows(min_row=2) if r[value].comment}
    assert notes["cjsw-on-time"] == (
        "Reports on time: give the counts in numerator and denominator: its year to date adds the counts up, so a "
        "percentage typed here alone is refused (validate and merge name the row); leave this blank (or give the "
        "percentage they make, 93 for 93%)."
    )
    assert "A percentage typed here alone is printed" in notes["open-share"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "cjsw-on-time")
    row[value].value = 96.8  # as the analyst typed it: refused, as the note now says
    ws.parent.save(tmp_path / "q1.xlsx")
    r = CliRunner().invoke(main, ["merge", "q1.xlsx"])
    assert r.exit_code == 2 and "with a value but no counts" in r.output, r.output


def test_the_measures_sheets_own_columns_say_what_they_hold(tmp_path):
    """ANALYST-11 #9: the measures sheet's 'measure' note said 'Measure id from the measures sheet'
    (itself), and 'lgbf' and 'flow_of' said only 'some text' or an id."""
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    notes = {s: {c.value: c.comment.text for c in wb[s][1]} for s in ("measures", "observations")}
    assert "The measure's own id" in notes["measures"]["measure"]
    assert "from the measures sheet" not in notes["measures"]["measure"]
    assert "Measure id from the measures sheet" in notes["observations"]["measure"]
    assert "LGBF indicator code (SW1, SW6, CHN9, ...)" in notes["measures"]["lgbf"]
    assert "the id of the snapshot (aggregate latest) they joined or left" in notes["measures"]["flow_of"]
