"""The performance tables by theme and outcome (swlib.views.performance), as a reader sees them."""

import swlib
from swlib import views as s
from swlib.templating import macro, numbered
from swlib.views import performance_table_view
from tests.conftest import make_data


def test_annual_figures_in_a_quarterly_report_are_headed_as_the_latest_year_not_this_year(demo):
    from bs4 import BeautifulSoup

    from swlib.views import performance_view

    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2")
    page = BeautifulSoup(macro("performance_by_theme", numbered(performance_view(perf)["parts"], 3)), "html.parser")
    yearly = [t for t in page.select("table.performance") if "latest year available (2022/23)" in t.caption.get_text()]
    assert yearly
    for t in yearly:
        heads = [th.get_text() for th in t.select("thead th")]
        assert "Latest year available: 2022/23" in heads and "To date" not in heads and "2022/23" not in heads
        assert "This year" not in heads
    in_year = [t for t in page.select("table.performance") if t not in yearly]
    shown = perf.set_index("title")["period_shown"]
    for t in in_year:
        for th in t.select("tbody th[scope=row]"):
            title = next(th.strings).strip()
            assert shown[title] != "2022-23", title  # no last year's figure under "This year: To date"


def test_no_comparison_says_why(data_dir):
    ds = swlib.load(make_data(data_dir, [{"target": "80"}, {"target": "80"}],
                              [{"measure": "m0", "period": "2020-21-Q1", "numerator": "8", "denominator": "10"}]))  # fmt: skip
    perf = swlib.performance(ds, "alpha", "2020-21-Q1")
    perf["sentence"] = ""
    rows = s.performance_table_view(perf, perf.attrs["years"], "caption")["rows"]
    assert [r["trend"]["text"] for r in rows] == ["no comparison: no figure last year", "no comparison: no figure yet"]


def test_a_suppressed_figure_with_nothing_last_year_is_not_called_no_figure_yet(data_dir):
    ds = swlib.load(make_data(data_dir, [{"target": "80"}],
                              [{"measure": "m0", "period": "2020-21-Q1", "numerator": "23", "denominator": "25"}]))  # fmt: skip
    perf = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")  # 2 not seen: suppressed
    perf["sentence"] = ""
    [row] = s.performance_table_view(perf, perf.attrs["years"], "caption")["rows"]
    assert perf["suppressed"].iloc[0].startswith("to_date")
    assert row["trend"]["text"] == "no comparison: no figure last year"


def test_a_themes_earlier_year_measures_come_after_the_themes_with_figures_for_the_quarter(data_dir):
    """ANALYST-5 #5: one quarterly measure under "Statutory functions" put the theme's 26 annual
    measures (last year's figures, four printed pages) ahead of the quarter's performance."""
    from bs4 import BeautifulSoup

    from swlib.views import performance_view

    stat = {"theme": "Statutory functions", "outcome": "Mental health officer services", "unit": "count",
            "polarity": "none"}  # fmt: skip
    ms = [{**stat, "title": "Emergency detentions", "frequency": "annual"},
          {**stat, "title": "MHO reports completed"},
          {"theme": "Supporting people", "title": "Reviews on time", "target": "90"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2023-24", "value": "96"},
           {"measure": "m1", "period": "2024-25-Q1", "value": "60"},
           {"measure": "m2", "period": "2024-25-Q1", "numerator": "45", "denominator": "50"}]  # fmt: skip
    perf = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2024-25-Q1")
    parts = numbered(performance_view(perf)["parts"], 3)
    assert [p["text"] for p in parts] == [
        "3.1 Supporting people",
        "3.2 Statutory functions",
        "3.3 Statutory functions: measures counted once a year",
    ]  # fmt: skip  (ANALYST-11: the statutory functions after the council's own themes)
    page = BeautifulSoup(macro("performance_by_theme", parts), "html.parser")
    tables = page.select("table.performance")
    assert "MHO reports completed" in tables[1].get_text() and "Emergency detentions" not in tables[1].get_text()
    assert (
        "Emergency detentions" in tables[-1].get_text() and "latest year available (2023/24)" in tables[-1].get_text()
    )
    ids = [t["id"] for t in page.select("h3, h4")]
    assert len(ids) == len(set(ids)), ids  # the theme's two parts and their outcomes are linked to apart


def test_the_councils_own_measures_come_before_last_years_statutory_figures(data_dir):
    # ANALYST-3 #5: init writes the statutory catalogue first, so a Quarter 2 report opened with
    # pages of last year's "Data only" figures before the council's own measures
    from swlib.views import performance_view

    orders = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
              "polarity": "none", "frequency": "annual"}  # fmt: skip
    ms = [orders, {**orders, "title": "Emergency placements"}, {"title": "Seen in time", "theme": "Protecting people",
          "target": "80"}, {"title": "Visits", "theme": "Care at home", "unit": "count", "frequency": "monthly"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2019-20", "value": "14"}, {"measure": "m1", "period": "2019-20", "value": "30"},
           {"measure": "m2", "period": "2020-21-Q1", "numerator": "9", "denominator": "10"},
           {"measure": "m3", "period": "2020-04", "value": "120"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    perf = swlib.performance(ds, "alpha", "2020-21-Q1")
    assert [p["title"] for p in performance_view(perf)["parts"]] == [
        "Protecting people", "Care at home", "Statutory functions"]  # fmt: skip
    # at Quarter 4 the year's own statutory figures are this period's, and still come after the
    # council's own (ANALYST-11: a new council's Q4 paper gave them pages 3 to 6 before its own)
    obs += [{"measure": "m0", "period": "2020-21", "value": "12"}, {"measure": "m2", "period": "2020-21-Q4",
            "numerator": "8", "denominator": "10"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    perf = swlib.performance(ds, "alpha", "2020-21-Q4")
    assert [p["title"] for p in performance_view(perf)["parts"]] == [
        "Protecting people", "Care at home", "Statutory functions"]  # fmt: skip


def test_a_public_table_marks_a_suppressed_row_c_and_says_why_once_under_it(demo):
    # committee reading of public D&G 2023/24 Q2 p4-5: "Figure suppressed to protect confidentiality: a
    # number from 1 to 4 could otherwise be read or worked out from the published figures" in up to five rows
    from swlib import trends
    from swlib.periods import Period
    from swlib.views import performance_view

    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(demo, "dumfries-and-galloway", P, audience="public")
    perf["sentence"] = trends.describe(perf, demo, "dumfries-and-galloway", P)
    tables = [t for theme in performance_view(perf)["parts"] for o in theme["outcomes"] for t in o["tables"]]
    marked = [t for t in tables if any(("sentence", "[c]") in r["notes"] for r in t["rows"])]
    assert marked
    for t in marked:
        assert t["suppressed_note"] == (  # why a large [c] too, where the [c] is (COMMITTEE-9 #6)
            "Figure suppressed to protect confidentiality: a number from 1 to 4 could otherwise be read from it, or "
            "worked out from it by subtraction, so a large figure can be [c] too."
        )
    texts = [text for t in tables for r in t["rows"] for _, text in r["notes"]]
    assert not any("protect confidentiality" in text for text in texts)
    assert any("the figure at this point last year is [c]." in text for text in texts)
    assert all(
        t.get("suppressed_note") for t in tables if any("[c]" in text for r in t["rows"] for _, text in r["notes"])
    )


def test_a_trend_its_spc_chart_contradicts_says_both_in_the_table_so_it_does_not_read_as_all_well(demo):
    """Issue 22, D&G 2023/24 Q2 readmissions: section 3 printed "↑ improving" beside a Red status,
    and section 4 "Special cause variation: concern". Both are right about different things: the
    rate fell from 111.9 (2021/22, itself above the upper process limit) to 104.6, still above it
    (99.2). The table's cell now says what each compares; every other row is as it was."""
    from swlib import trends
    from swlib.periods import Period
    from swlib.views import performance_view, spc_against_trends

    P = Period.parse("2023-24-Q2")
    perf = swlib.performance(demo, "dumfries-and-galloway", P)
    perf["sentence"] = trends.describe(perf, demo, "dumfries-and-galloway", P)
    against = spc_against_trends(demo, "dumfries-and-galloway", perf, P)
    assert dict(zip(perf["measure"][against.notna()], against.dropna(), strict=True)) == {
        "dg-readmission-rate": "concern"
    }
    cells = {
        r["title"]: (r["status"], r["trend"])
        for part in performance_view(perf.assign(spc_against=against))["parts"]
        for o in part["outcomes"]
        for t in o["tables"]
        for r in t["rows"]
    }
    assert cells["Rate of readmission to hospital within 28 days per 1,000 discharges"] == (
        "Red",
        {"suppressed": False, "arrow": "↑",
         "text": "improving on last year, but a concern over the longer run (its chart, section 4)"},
    )  # fmt: skip
    before = {
        r["title"]: (r["status"], r["trend"])
        for part in performance_view(perf)["parts"]
        for o in part["outcomes"]
        for t in o["tables"]
        for r in t["rows"]
    }
    assert {k: v for k, v in cells.items() if v != before[k]}.keys() == {
        "Rate of readmission to hospital within 28 days per 1,000 discharges"
    }
    # the public report draws the same chart (no small number in it), so says the same (COMMITTEE-5 #1)
    public = swlib.performance(demo, "dumfries-and-galloway", P, audience="public")
    against = spc_against_trends(demo, "dumfries-and-galloway", public, P)
    assert dict(zip(public["measure"][against.notna()], against.dropna(), strict=True)) == {
        "dg-readmission-rate": "concern"
    }


def test_a_years_figures_that_are_a_plans_baseline_are_labelled_so(demo):
    # COMMITTEE-8 #2: SL's 2019/20 column held the Resource Plan 2021-22's baseline (its comment
    # says so), each equal to its target, printed as the year's out-turn
    perf = swlib.performance(demo, "south-lanarkshire", "2021-22-Q2")
    years = perf.attrs["years"]
    own = perf[perf["outcome"] == "Community Justice Outcome Improvement Plan is progressed"]
    t = performance_table_view(own, years, "caption")
    assert t["years"] == ["2018/19", "2019/20 baseline", "2020/21"]  # every figure in the column is one
    assert t["baseline_note"] == "2019/20 baseline: Baseline in the Resource Plan 2021/22, not the year's out-turn."
    html = macro("performance_table", t)
    assert "2019/20 baseline: Baseline in the Resource Plan 2021/22" in html
    # a column where some figures are the baseline and some are not: each baseline figure says so
    kids = perf[perf["outcome"] == "Care and protect vulnerable children and young people"]
    t = performance_table_view(kids, years, "caption")
    texts = {r["title"]: r["years"][1]["text"] for r in t["rows"]}
    assert (
        t["years"][1] == "2019/20"
        and texts["Children seen by a supervising officer within 15 days"] == "75% (baseline)"
    )
    assert texts["Young carers supported by Action for Children"] == "220"  # a synthetic figure, not a baseline
    # a public report does not print the data's comment: the baseline in general words
    public = swlib.performance(demo, "south-lanarkshire", "2021-22-Q2", audience="public")
    t = performance_table_view(public[public["outcome"] == own["outcome"].iloc[0]], years, "caption")
    assert t["baseline_note"] == "2019/20 baseline: a plan's starting figure, not the year's out-turn."
    # a year's figure set against the year before's, where that is the baseline, says so
    from swlib.views import latest_available

    year = swlib.Period.parse("2021-22")
    annual = swlib.performance(demo, "south-lanarkshire", year)
    annual["sentence"] = swlib.trends.describe(annual, demo, "south-lanarkshire", year)
    money = (
        latest_available(demo, "south-lanarkshire", year, annual).set_index("measure").loc["sl-money-matters-clients"]
    )
    assert money["sentence"].startswith("Down from 2,500 in 2019/20 (the plan's baseline) to 2,410 in 2020/21")
    # the years' bar chart labels it too
    from swlib.charts import trend_chart

    row = own.iloc[0].to_dict()
    chart = trend_chart(row, years, "2021/22 Quarter 2")
    assert (
        "2019/20 baseline:" in chart.alt
        and "Baseline in the Resource Plan 2021/22, not the year's out-turn" in chart.caption
    )
