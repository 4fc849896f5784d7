"""Charts draw what swlib computed, comparing like with like, and say it in their alt text."""

import pytest

import swlib
from swlib.charts import spc_chart, trend_chart
from swlib.explorer import Explorer
from swlib.trends import long_trend, spc_target


def row(demo, council, period, measure):
    perf = swlib.performance(demo, council, period)
    return perf.set_index("measure", drop=False).loc[measure].to_dict(), perf.attrs["years"]


def test_whole_years_are_drawn_against_the_annual_target_and_the_year_to_date_against_its_own(demo):
    r, years = row(demo, "south-lanarkshire", "2021-22-Q2", "sl-equipu-saving")  # Equipu, £175,000 a year
    chart = trend_chart(r, years, "2021/22 Quarter 2")
    assert "annual target £175,000; target to date £87,500" in chart.alt
    assert "2020/21: £170,400" in chart.alt and "2021/22 Quarter 2 to date: £79,600" in chart.alt
    assert "against the annual target (dashed line); the year to date against the target to date" in chart.caption


def test_an_annual_measure_in_a_quarterly_report_shows_its_latest_year_once(demo):
    r, years = row(demo, "dumfries-and-galloway", "2023-24-Q2", "dg-lac-residential-cost")
    assert r["period_shown"] == "2022-23" and r["to_date"] == r["2022-23"]
    chart = trend_chart(r, years, "2023/24 Quarter 2")
    assert chart.alt.count("£5,760") == 1 and "2022/23 (latest available): £5,760" in chart.alt
    assert "to date" not in chart.alt


def test_one_target_per_period_in_table_chart_spc_and_explorer(demo):
    r, _ = row(demo, "south-lanarkshire", "2021-22-Q2", "sl-equipu-saving")
    per_quarter = spc_target(demo, r)
    assert r["target"] == 87500 and per_quarter == pytest.approx(175000 / 4)
    chart = long_trend(demo, "south-lanarkshire", "sl-equipu-saving", "2021-22-Q2", target=per_quarter)
    assert chart.attrs["assurance"] is not None  # the SPC is held to the quarter's share, not "no target"
    assert "target £43,750" in spc_chart(chart, r["title"], "currency", 0, per_quarter).svg
    view = Explorer(demo, "south-lanarkshire", "2021-22-Q2", measure="sl-equipu-saving").view
    assert view.spc.attrs["assurance"] == chart.attrs["assurance"]
    assert (view.spc["target"] == per_quarter).all()
    assert "target £43,750" in spc_chart(view.spc, r["title"], "currency", 0, spc_target(demo, view.row)).svg
