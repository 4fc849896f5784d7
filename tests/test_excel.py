"""Excel in and out: the data-return template round trip, and the formatted export."""

from openpyxl import load_workbook

import swlib
from swlib.excel import export_performance, write_template


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


def test_export_is_formatted(tmp_path, demo):
    wb = load_workbook(export_performance(demo, "south-lanarkshire", "2021-22-Q2", tmp_path / "p.xlsx"))
    ws = wb["performance"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold
    header = [c.value for c in ws[1]]
    # at Quarter 2 a total's target is a share of the year's: headed as the report heads it, the year's beside it
    assert header[:9] == ["Theme", "Outcome", "Performance indicator", "Status", "Target to date",
                          "Target for the year", "To date", "Note", "Trend"]  # fmt: skip
    statuses = {ws.cell(r, 4).value: ws.cell(r, 4).fill.fgColor.rgb for r in range(2, ws.max_row + 1)}
    assert statuses["◆ Red"].endswith("FFC7CE") and statuses["● Green"].endswith("C6EFCE")  # colour plus word and shape
    pct_row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value.startswith("Clients first seen"))
    assert ws.cell(pct_row, 7).number_format == '0"%"'  # the measure's 0 decimals, as the report prints it
    assert ws.cell(pct_row, 5).value == ws.cell(pct_row, 6).value  # a percentage's target to date is the year's
    saving = next(r for r in range(2, ws.max_row + 1) if "Equipu" in ws.cell(r, 3).value)
    # the report: "below the £87,500 target to date (£175,000 for the year)"
    assert [ws.cell(saving, c).value for c in (5, 6, 7)] == [87500, 175000, 79600]
    assert ws.cell(saving, 6).number_format == ws.cell(saving, 7).number_format == '"£"#,##0'
    from swlib.excel import number_format

    assert number_format("percent", 1) == '0.0"%"' and number_format("rate", 2) == "#,##0.00"
    assert number_format("currency", 2) == '"£"#,##0.00' and number_format("currency", 0) == '"£"#,##0'
    summary = wb["summary of measures"]
    assert "Total" in [c.value for c in summary["A"]]


def test_export_shows_what_the_report_shows_pence_the_year_of_an_annual_figure_and_page_1s_count(tmp_path, data_dir):
    # ANALYST-3 #4: a £30.50 target and a £31.48 figure were both £31 beside Amber; last year's
    # statutory figure sat unmarked under "To date"; the summary counted 3 where page 1 counts 2
    from tests.conftest import make_data

    cost = {"title": "Cost per hour", "unit": "currency", "polarity": "lower", "aggregate": "mean",
            "target": "30.5", "tolerance": "1.5", "decimals": "2"}  # fmt: skip
    seen = {"title": "Seen in time", "target": "80", "decimals": "1"}
    orders = {"title": "Orders made", "theme": "Statutory functions", "unit": "count", "polarity": "none",
              "frequency": "annual", "decimals": "0"}  # fmt: skip
    obs = [{"measure": "m0", "period": "2020-21-Q1", "value": "31.20"},
           {"measure": "m0", "period": "2020-21-Q2", "value": "31.75"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "9", "denominator": "10"},
           {"measure": "m1", "period": "2020-21-Q2", "numerator": "7", "denominator": "10"},
           {"measure": "m2", "period": "2019-20", "value": "14"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [cost, seen, orders], obs))
    wb = load_workbook(export_performance(ds, "alpha", "2020-21-Q2", tmp_path / "p.xlsx"))
    ws = wb["performance"]
    header = [c.value for c in ws[1]]
    rows = {r[2].value: {h: c for h, c in zip(header, r, strict=True)} for r in ws.iter_rows(min_row=2)}
    cost_row = rows["Cost per hour"]
    assert cost_row["Status"].value == "▲ Amber" and cost_row["To date"].value == 31.475
    assert cost_row["Target"].number_format == cost_row["To date"].number_format == '"£"#,##0.00'  # £30.50, £31.48
    orders_row = rows["Orders made"]
    assert orders_row["To date"].value == 14 and orders_row["Note"].value == "latest available: 2019/20"
    assert rows["Seen in time"]["Note"].value in ("", None)
    summary = [[c.value for c in r] for r in wb["summary of measures"].iter_rows()]
    total = next(r for r in summary if r[0] == "Total")
    assert total[summary[0].index("Total")] == 2  # as page 1: the annual measure without a target is not counted
    assert summary[-1] == [
        "Not counted here: 1 annual measure without a target, reported in the Chief Social Work Officer's annual "
        "report (figures on the performance sheet).",
        *[None] * (len(summary[0]) - 1),
    ]


def test_export_prints_why_a_figure_is_missing_where_the_figure_would_be(tmp_path, data_dir):
    import swlib
    from tests.conftest import make_data

    ds = swlib.load(make_data(data_dir, [{"target": "90"}],
                              [{"measure": "m0", "period": "2020-21-Q1", "numerator": "45", "denominator": "50"},
                               {"measure": "m0", "period": "2020-21-Q2", "comment": "n/a: system down"}]))  # fmt: skip
    ws = load_workbook(export_performance(ds, "alpha", "2020-21-Q2", tmp_path / "p.xlsx"))["performance"]
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[header.index("Status")] == "… Report later" and row[header.index("To date")] == "n/a: system down"
    assert "Target" in header and "Target to date" not in header  # a percentage's target is the year's: one column


PAYLOADS = ['=HYPERLINK("http://x","click")', "=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1", "\r=1"]


def _formula_cells(path):
    book = load_workbook(path)
    return [
        (ws.title, c.coordinate, c.value) for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]


def test_export_writes_text_from_the_data_as_text_never_as_a_formula(tmp_path, data_dir):
    from tests.conftest import make_data

    ms = [{"title": "=10+10", "theme": "+SUM(A1:A2)", "outcome": "@cmd"}]  # no small number: not withheld
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "50", "comment": p}
           for p in PAYLOADS[:1]]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    for audience in ("internal", "public"):
        out = export_performance(ds, "alpha", "2020-21-Q1", tmp_path / f"{audience}.xlsx", audience=audience)
        assert _formula_cells(out) == []
        ws = load_workbook(out)["performance"]
        row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
        assert row["Performance indicator"] == "=10+10" and row["Comment"] == PAYLOADS[0]  # as written, as text
        assert ws.cell(2, 3).quotePrefix and ws.cell(2, 3).data_type == "s"


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
    assert _formula_cells(write_template(tmp_path / "t.xlsx", ds)) == []
    from swlib.explorer import Explorer

    ds = swlib.load(data_dir)
    e = Explorer(ds, "alpha", "2020-21-Q1", measure="m0")
    assert _formula_cells(e.export(tmp_path / "e.xlsx")) == []
    c = load_workbook(tmp_path / "e.xlsx")["summary"]["C2"]
    assert c.value == "=1+1" and c.data_type == "s" and c.quotePrefix  # Excel's hidden quote prefix, no apostrophe


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


def test_csv_text_neutralised_by_swreport_loads_back_as_typed_and_numbers_are_left_alone(data_dir):
    from swlib.excel import neutralise, unneutralise
    from tests.conftest import make_data

    assert neutralise("-5000") == "-5000" and neutralise("+3.5") == "+3.5" and neutralise("-2+3") == "'-2+3"
    assert unneutralise(neutralise("=1+1")) == "=1+1" and unneutralise("'quoted'") == "'quoted'"
    ds = swlib.load(make_data(data_dir, [{"title": neutralise("=1+1"), "unit": "count"}], [{"measure": "m0", "period": "2020-21-Q1",
                                                                        "value": "5"}]))  # fmt: skip
    assert ds.measures.loc[0, "title"] == "=1+1"


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
    assert notes["m2"].startswith("Seen within 5 days: a percentage, e.g. 93 for 93% (not 0.93). Better: leave this "
                                  "blank and give the counts in numerator and denominator.")  # fmt: skip


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


def test_export_names_the_synthetic_figures_and_prints_the_decimal_rounding_decides(tmp_path, demo, data_dir):
    from tests.conftest import make_data

    # AUDIT-5 A1: SL's 69.6% (181 of 260) showed as 70% Green with an empty note; A3: the export
    # carried no mark of the synthetic figures the reports mark †
    wb = load_workbook(export_performance(demo, "south-lanarkshire", "2021-22-Q2", tmp_path / "p.xlsx"))
    ws = wb["performance"]
    head = [c.value for c in ws[1]]
    row = next(
        r for r in ws.iter_rows(min_row=2, values_only=False) if str(r[2].value).startswith("Referrals received")
    )
    cell = row[head.index("To date")]
    assert cell.number_format == '0.0"%"' and round(cell.value, 1) == 69.6  # shows 69.6%, not 70%
    assert row[head.index("Note")].value == (
        "69.6%: below the 70% target, so it counts as narrowly missed (Amber); rounded to 70% it would count as met"
    )
    assert row[head.index("Status")].value == "▲ Amber"
    assert row[head.index("Synthetic (made up)")].value == "† To date, 2018/19, 2020/21"
    notes = [c.value for c in ws["A"] if c.value and str(c.value).startswith("†")]
    assert len(notes) == 1 and "not real performance" in notes[0]
    assert any(str(c.value).startswith("† Some figures here are synthetic") for c in wb["summary of measures"]["A"])
    assert "illustrative: some figures synthetic" in wb.properties.title
    others = [
        r[head.index("Note")].value for r in ws.iter_rows(min_row=2) if r[2].value and "rounded to" in str(r[7].value)
    ]
    assert len(others) == 1  # only where rounding decides the status

    make_data(data_dir, [{"target": "50"}], [{"measure": "m0", "period": "2020-21-Q1", "numerator": "30",
                                              "denominator": "50", "source": "council return"}])  # fmt: skip
    real = load_workbook(export_performance(swlib.load(data_dir), "alpha", "2020-21-Q1", tmp_path / "r.xlsx"))
    texts = [str(c.value) for ws in real for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any("†" in t or "synthetic:" in t.lower() for t in texts) and "illustrative" not in real.properties.title
