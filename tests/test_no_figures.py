"""The measures with no figures yet, and the commands that bring them in (swlib.views.no_figures)."""

import swlib
from swlib.templating import macro, numbered
from tests.conftest import make_data


def test_measures_with_no_figures_yet_are_one_table_at_the_end_not_a_row_of_report_later_each(data_dir):
    from bs4 import BeautifulSoup

    from swlib.views import performance_view

    ms = [{"theme": "Statutory functions", "outcome": "Child protection", "title": "Orders made", "unit": "count",
           "frequency": "annual", "polarity": "none"},
          {"theme": "Statutory functions", "outcome": "Complaints", "title": "Complaints received", "unit": "count",
           "frequency": "annual", "polarity": "none"},
          {"theme": "Supporting people", "title": "Reviews on time", "target": "90"},
          {"theme": "Supporting people", "title": "Visits on time", "target": "90"}]  # fmt: skip
    obs = [{"measure": "m2", "period": "2024-25-Q1", "numerator": "45", "denominator": "50"},
           {"measure": "m3", "period": "2024-25-Q1", "comment": "system outage: figures next quarter"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    perf = swlib.performance(ds, "alpha", "2024-25-Q1")
    parts = numbered(performance_view(perf)["parts"], 3)
    assert [p["text"] for p in parts] == ["3.1 Supporting people", "3.2 Measures with no figures yet"]
    page = BeautifulSoup(macro("performance_by_theme", parts), "html.parser")
    first = page.select("table")[0]  # the first table a reader meets has a figure in it
    assert "Reviews on time" in first.get_text() and "(45 of 50)" in first.get_text()
    assert "system outage" in page.select("table.performance")[-1].get_text()  # a reason given: kept in its table
    last = page.select("table.no-figures")[0]
    assert [[c.get_text() for c in tr.select("th, td")] for tr in last.select("tbody tr")] == [
        ["Child protection", "Orders made", "Statutory functions", "2023/24"],
        ["Complaints", "Complaints received", "Statutory functions", "2023/24"],
    ]
    assert "2 measures have no figures yet" in page.get_text()
    text = " ".join(page.get_text().split())
    # the year named is the latest that has ended, and the report says why; commands are for the run's output
    assert (
        "needs its figure for the latest year that has ended (2023/24), which comes in a return for that year" in text
    )
    assert "swreport" not in text and "the return for the period each needs is filled in and merged" in text
    from swlib.views.no_figures import returns_needed

    assert returns_needed(perf, "alpha") == [
        "swreport template RETURN.xlsx --council alpha --period 2023-24",
        "swreport merge RETURN.xlsx",
    ]
    public = swlib.performance(ds, "alpha", "2024-25-Q1", audience="public")
    text = BeautifulSoup(macro("performance_by_theme", numbered(performance_view(public)["parts"], 3)), "html.parser")
    assert "2 measures have no figures yet" in text.get_text() and "swreport" not in text.get_text()


def test_the_demo_reports_have_no_measure_without_figures_so_their_tables_are_as_before(demo):
    from swlib.views import performance_view, without_figures

    for council, period in (("south-lanarkshire", "2021-22-Q2"), ("dumfries-and-galloway", "2023-24-Q2")):
        for audience in ("internal", "public"):
            perf = swlib.performance(demo, council, period, audience=audience)
            assert not without_figures(perf).any()
            assert "no-figures" not in [p["id"] for p in performance_view(perf)["parts"]]


def test_measures_with_no_figures_are_a_row_an_outcome_not_a_row_each():
    # COMMITTEE-11 #8: a new council's first quarterly report listed its 26 statutory measures a row each over two and
    # a half pages, "Statutory functions" and "2025/26" repeated in every row
    from swlib.views.no_figures import by_outcome

    rows = [{"title": t, "theme": "Statutory functions", "outcome": o, "period": "2025/26"}
            for t, o in (("Orders made", "Child protection"), ("Case conferences", "Child protection"),
                         ("Complaints received", "Complaints"), ("Referrals", "Child protection"))]  # fmt: skip
    assert [(r["outcome"], r["measures"]) for r in by_outcome(rows)] == [
        ("Child protection", "Orders made; Case conferences; Referrals"),
        ("Complaints", "Complaints received"),
    ]
    # a measure needing another year's figure is a row of its own
    later = by_outcome([*rows, {**rows[0], "title": "Late orders", "period": "2024/25"}])
    assert [r["period"] for r in later] == ["2025/26", "2025/26", "2024/25"]
