"""The performance table as a formatted workbook (swlib.performance_workbook)."""

from openpyxl import load_workbook

import swlib
from swlib.performance_workbook import export_performance
from tests.test_excel import PAYLOADS, formula_cells


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
    from swlib.performance_workbook import number_format

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


def test_export_writes_text_from_the_data_as_text_never_as_a_formula(tmp_path, data_dir):
    from tests.conftest import make_data

    ms = [{"title": "=10+10", "theme": "+SUM(A1:A2)", "outcome": "@cmd"}]  # no small number: not withheld
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "40", "denominator": "50", "comment": p}
           for p in PAYLOADS[:1]]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    for audience in ("internal", "public"):
        out = export_performance(ds, "alpha", "2020-21-Q1", tmp_path / f"{audience}.xlsx", audience=audience)
        assert formula_cells(out) == []
        ws = load_workbook(out)["performance"]
        row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
        assert row["Performance indicator"] == "=10+10" and row["Comment"] == PAYLOADS[0]  # as written, as text
        assert ws.cell(2, 3).quotePrefix and ws.cell(2, 3).data_type == "s"


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
