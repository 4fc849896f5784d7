"""Disclosure control: small counts and what is built on them never reach a public report."""

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import swlib
from swlib.disclosure import check_public, small_numbers_in, suppress_table
from tests.conftest import make_data
from tests.reports import rendered

PEOPLE_TABLES = "table.performance td.num, table.values td.num, table.workforce td.num"


def test_public_performance_suppresses_small_counts_and_percentages_built_on_them(data_dir):
    ms = [{"unit": "count", "polarity": "none"}, {"target": "50"}, {"target": "50"}]
    obs = [
        {"measure": "m0", "period": "2020-21-Q1", "value": "3"},
        {"measure": "m1", "period": "2020-21-H1", "numerator": "2", "denominator": "40"},
        {"measure": "m2", "period": "2020-21-H1", "numerator": "30", "denominator": "40"},
    ]
    ds = swlib.load(make_data(data_dir, ms, obs))
    internal = swlib.performance(ds, "alpha", "2020-21-Q1").set_index("measure")
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    assert internal.loc["m0", "to_date"] == 3 and pd.isna(public.loc["m0", "to_date"])
    assert public.loc["m0", "suppressed"] == "to_date"
    pub2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").set_index("measure")
    assert pd.isna(pub2.loc["m1", "to_date"]) and pd.isna(pub2.loc["m1", "numerator"])  # 2 of 40: 5% hides 2
    assert pub2.loc["m2", "to_date"] == 75  # 30 of 40 is safe
    assert pub2.loc["m2", "status"] == "Green"


def test_status_and_trend_derived_from_a_suppressed_figure_are_suppressed(data_dir):
    ms = [{"target": "50"}, {"target": "50"}]
    obs = [
        {"measure": "m0", "period": "2019-20-Q1", "numerator": "30", "denominator": "40"},
        {"measure": "m0", "period": "2020-21-Q1", "numerator": "2", "denominator": "40"},  # 5% hides 2
        {"measure": "m1", "period": "2019-20-Q1", "numerator": "3", "denominator": "40"},  # last year hides 3
        {"measure": "m1", "period": "2020-21-Q1", "numerator": "30", "denominator": "40"},
    ]
    ds = swlib.load(make_data(data_dir, ms, obs))
    internal = swlib.performance(ds, "alpha", "2020-21-Q1").set_index("measure")
    public = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    assert internal.loc["m0", "status"] == "Red" and internal.loc["m0", "trend"] == "worsening"
    assert public.loc["m0", "status"] == "Suppressed" and public.loc["m0", "trend"] == "[c]"
    assert set(public.loc["m0", "suppressed"].split(",")) == {"to_date", "status", "trend"}
    assert (
        public.loc["m1", "status"] == "Green" and public.loc["m1", "trend"] == "[c]"
    )  # the figure is safe, the change is not
    summary = swlib.status_summary(public.reset_index())
    assert summary.loc["Total", "Suppressed"] == 1 and summary.loc["Total", "Red"] == 0
    assert "Suppressed" not in swlib.status_summary(internal.reset_index()).columns
    from swlib.sections import performance_table

    html = performance_table(public.reset_index(), public.attrs["years"], "t")
    assert "◆" not in html and "Red" not in html and "worsening" not in html and html.count("[c]") >= 3
    from swlib.tables import display_performance

    shown = display_performance(public.reset_index()).set_index("Performance indicator").iloc[0]
    assert shown["Status"] == "[c]" and shown["Trend"] == "[c]"


def test_a_small_count_cannot_be_worked_out_by_subtracting_the_cumulative_figure_before(data_dir):
    # Q1 78 and Q1+Q2 81 published: Q2 alone was 3
    ms = [{"unit": "count", "polarity": "lower", "target": "400"}]
    obs = [
        {"measure": "m0", "period": f"2019-20-Q{q}", "value": v}
        for q, v in zip((1, 2, 3, 4), ("80", "70", "90", "2"), strict=True)
    ]
    obs += [
        {"measure": "m0", "period": "2020-21-Q1", "value": "78"},
        {"measure": "m0", "period": "2020-21-Q2", "value": "3"},
    ]
    ds = swlib.load(make_data(data_dir, ms, obs))
    q1 = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").iloc[0]
    q2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").iloc[0]
    assert q1["to_date"] == 78
    assert pd.isna(q2["to_date"]) and q2["status"] == "Suppressed" and q2["trend"] == "[c]"
    assert pd.isna(q2["2019-20"]) and "2019-20" in q2["suppressed"]  # the year minus Q1-Q3 to date (240) is Q4's 2
    assert q2["last_year"] == 150  # Q2 last year was 70: safe
    internal = swlib.performance(ds, "alpha", "2020-21-Q2").iloc[0]
    assert internal["to_date"] == 81 and internal["2019-20"] == 242
    # percentages: Q1 30 of 40, Q2 2 of 40 more; 32 of 80 and 30 of 40 would give away the 2
    ds = swlib.load(make_data(data_dir, [{"target": "50"}], [
        {"measure": "m0", "period": "2020-21-Q1", "numerator": "30", "denominator": "40"},
        {"measure": "m0", "period": "2020-21-Q2", "numerator": "2", "denominator": "40"}]))  # fmt: skip
    q2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").iloc[0]
    assert pd.isna(q2["to_date"]) and pd.isna(q2["numerator"]) and q2["status"] == "Suppressed"


def test_earlier_years_built_on_small_counts_are_suppressed(data_dir):
    obs = [{"measure": "m0", "period": "2019-20", "numerator": "3", "denominator": "9"},
           {"measure": "m0", "period": "2020-21-H1", "numerator": "30", "denominator": "90"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{}], obs))
    pub = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").iloc[0]
    assert pd.isna(pub["2019-20"]) and "2019-20" in pub["suppressed"] and pub["to_date"] == pytest.approx(100 / 3)


def test_secondary_suppression_protects_cells_recoverable_from_totals():
    t = pd.DataFrame({"A": [10, 3, 13], "B": [12, 15, 27], "Total": [22, 18, 40]}, index=["x", "y", "Total"])
    mask = suppress_table(t, total_row="Total", total_col="Total")
    assert mask.loc["y", "A"]  # primary
    assert mask.loc["y", "B"] and mask.loc["x", "A"] and mask.loc["x", "B"]  # secondary: no line has one hidden cell
    assert not mask["Total"].any() and not mask.loc["Total"].any()
    single = pd.DataFrame({"Headcount": [2, 40, 55, 97]}, index=["a", "b", "c", "Total"])
    m = suppress_table(single, total_row="Total")
    assert list(m["Headcount"]) == [True, True, False, False]


def test_small_numbers_in_free_text():
    assert small_numbers_in("3 children were placed out of area")
    assert small_numbers_in("four people waited")
    assert small_numbers_in("Two complex complaints")
    for safe in ("95% seen within 2 days", "cost £3 a head", "2.5 hours", "in Quarter 2", "Stage 1 responses",
                 "one of the best", "from 1 April 2017", "40 referrals"):  # fmt: skip
        assert small_numbers_in(safe) == [], safe


def test_check_public_lists_comments_and_narrative(demo):
    found = check_public(demo, "dumfries-and-galloway", "2023-24-Q2")
    assert any(
        f["file"] == "observations.csv" and f["column"] == "comment" and "Two complex" in f["text"] for f in found
    )
    assert all(f["row"] for f in found)


def small_cells(doc):
    cells = [td.get_text(strip=True) for td in doc.select(PEOPLE_TABLES)]
    return [c for c in cells if re.fullmatch(r"[1-4]", c)]


@pytest.mark.slow
def test_public_render_of_the_demo_data_has_no_count_of_1_to_4_in_any_table():
    for name in ("annual", "quarterly-dg", "annual-dg"):
        internal = BeautifulSoup(rendered(name).read_text(), "html.parser")
        public = BeautifulSoup(rendered(name, "public").read_text(), "html.parser")
        small = small_cells
        assert small(public) == [], name
        assert "[c]" in public.get_text() and "Figure suppressed to protect confidentiality" in public.get_text()
        if name == "annual":
            assert small(internal)  # Dundee: 3 young people in custody in 2016/17 (seed 002) is shown internally


def test_public_workforce_table_suppresses_small_teams(demo, tmp_path):
    from swlib.sections import workforce_section

    ds = demo
    ds2 = swlib.Dataset(**{**{t: ds.table(t) for t in ("councils", "measures", "targets", "observations", "actions", "finance", "inspections", "benchmarks")},
                           "workforce": pd.concat([ds.workforce, pd.DataFrame([{"council": "dundee-city", "period": "2016-17", "service": "Out of hours", "headcount": 3, "fte": 2.5}])], ignore_index=True)},
                        path=ds.path)  # fmt: skip
    html = workforce_section(ds2, "dundee-city", swlib.Period.parse("2016-17"), "public")
    assert html.count("[c]") >= 4  # the team of 3 and the next smallest, headcount and FTE
    assert ">3<" not in html and ">3<" in workforce_section(ds2, "dundee-city", swlib.Period.parse("2016-17"))


def test_charts_mark_suppressed_figures_and_their_alt_text_does_not_give_them_away():
    from swlib.charts import small_multiples, trend_chart

    row = {"title": "Young people in custody", "unit": "count", "decimals": 0, "target": float("nan"),
           "2019-20": 12.0, "2020-21": float("nan"), "to_date": float("nan"), "suppressed": "to_date,2020-21",
           "period_shown": "2021-22-Q2"}  # fmt: skip
    chart = trend_chart(row, ["2019-20", "2020-21"], "2021/22")
    assert "2020/21: [c] (suppressed)" in chart.alt and "2021/22 to date: [c] (suppressed)" in chart.alt
    assert "[c]" in chart.svg
    multi = small_multiples([row], ["2019-20", "2020-21"], "2021-22", "Custody")
    assert "2021/22 [c] (suppressed)" in multi.alt and "2019/20 12" in multi.alt
