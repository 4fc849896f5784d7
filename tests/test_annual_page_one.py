"""The CSWO annual report's first page as a committee reads it (swlib.views.annual_page_one): each
measure with a target by status, its figure, target, one line and comment; a measure with no figure
for the year yet at its latest available year."""

import swlib
from swlib.views.annual_page_one import latest_available, latest_caption, rated_view, red_view
from tests.conftest import make_data


def test_the_annual_page_one_says_for_each_red_measure_what_is_being_done_or_that_nothing_is_said(demo):
    # committee reading of D&G 2023/24 and SLC 2021/22 annual p1: Figure, Target and "In one line" only

    perf = swlib.performance(demo, "south-lanarkshire", "2021-22")
    table = red_view(perf)
    assert table["columns"] == ["Figure", "Target", "In one line", "Comment"]
    assert {r["comment"] for r in table["rows"]} == {"No comment provided"}  # the year's figures carry none
    planned = perf[perf["measure"] == "sl-planned-discharge"].index[0]
    perf.at[planned, "comment"] = "<p>Delays in care home admissions. More beds.</p><ul><li>Huddles</li></ul>"
    rows = {r["label"]: r["comment"] for r in red_view(perf)["rows"]}
    assert rows["Planned Discharge Dates that are met"] == "Delays in care home admissions."


def test_the_annual_page_ones_figure_column_prints_the_decimal_that_decides_a_status(demo):
    # COMMITTEE-5 #11: SL 2021/22 annual p2 printed "12%" in the Figure column beside "12.02%, which
    # rounds to 12%" in its sentence; the tables print the deciding decimal with the figure

    perf = swlib.performance(demo, "south-lanarkshire", "2021-22")
    tables = [t for t in (red_view(perf), *rated_view(perf)) if t]
    figures = {r["label"]: r["cells"][0]["text"] for t in tables for r in t["rows"]}
    assert figures["Looked after young people accommodated in residential placements (no more than 12%)"] == "12.02%"
    assert figures["Planned Discharge Dates that are met"] == "70%"  # not decided by rounding: as before


def test_the_annual_page_one_shows_a_measure_with_no_figure_for_the_year_at_its_latest_year(demo):
    # COMMITTEE-5 #2: D&G's 2023/24 annual report counted its 14 LGBF measures as an unnamed "Report
    # later 14" (Red 5), where its Q2 paper to the same committee showed each at 2022/23 (Red 10)

    dg, year = "dumfries-and-galloway", swlib.Period.parse("2023-24")
    perf = swlib.performance(demo, dg, year)
    perf["sentence"] = swlib.trends.describe(perf, demo, dg, year)
    targets = latest_available(demo, dg, year, perf[perf["target"].notna()])
    lgbf = targets[targets["theme"] == "Local Government Benchmarking Framework indicators"]
    assert len(lgbf) == 14 and lgbf["note"].str.startswith("latest available: 2022/23").all()
    q2 = swlib.performance(demo, dg, "2023-24-Q2").set_index("measure")
    assert list(lgbf["status"]) == list(q2.loc[lgbf["measure"], "status"])  # as the Q2 paper rates them
    assert list(lgbf["to_date"]) == list(q2.loc[lgbf["measure"], "to_date"])
    assert "Report later" not in set(swlib.status_summary(targets).columns[swlib.status_summary(targets).sum() > 0])
    assert latest_caption(targets) == " (14 of them at their latest available year, 2022/23)"
    readmissions = targets.set_index("measure").loc["dg-readmission-rate"]
    assert (
        readmissions["status"] == "Red"
        and "to 104.6 in 2022/23, worse than the 95.8 target" in readmissions["sentence"]
    )
    named = {r["label"]: r["cells"][0]["text"] for t in (red_view(targets), *rated_view(targets)) for r in t["rows"]}
    assert named["Rate of readmission to hospital within 28 days per 1,000 discharges (latest available: 2022/23)"] == (
        "104.6"
    )
    assert sum("(latest available: 2022/23)" in label for label in named) == 14
    # the year's own figures are untouched, and a measure with a figure for the year is as it was
    own = targets[targets["theme"] != "Local Government Benchmarking Framework indicators"]
    assert own.equals(perf.loc[own.index, own.columns]) and latest_caption(own) == ""


def test_the_annual_page_one_takes_the_latest_comment_given_during_the_year_labelled(demo):
    # SLC 2021/22 annual p1: all six Red measures said "No comment provided", where the Quarter 2
    # report had comments for Planned Discharge Dates and CJSW reports

    perf = swlib.performance(demo, "south-lanarkshire", "2021-22")
    rows = {r["label"]: r["comment"] for r in red_view(perf, demo, "south-lanarkshire")["rows"]}
    assert rows["Planned Discharge Dates that are met"] == (
        "2021/22 Quarter 2: Delays in care home admissions during the pandemic."  # its list not run into it
    )
    cjsw = next(v for k, v in rows.items() if k.startswith("Criminal Justice Social Work reports"))
    assert cjsw.startswith("2021/22 Quarter 2: Court backlog following COVID-19 restrictions")
    assert "No comment provided" in rows.values()  # a measure with none during the year still says so
    public = swlib.performance(demo, "south-lanarkshire", "2021-22", audience="public")
    said = {r["label"]: r["comment"] for r in red_view(public, demo, "south-lanarkshire")["rows"]}
    assert said["Planned Discharge Dates that are met"] == rows["Planned Discharge Dates that are met"]  # checked


def test_a_public_annual_page_one_prints_the_years_latest_comment_or_lists_it_withheld(data_dir):
    """ANALYST-9 #1: the internal annual report printed 'Quarter 3: Pay award for care staff from
    October' beside the cost per hour of care at home; the public one said "No comment provided"
    and neither the run nor check-public said a comment was left out."""
    from swlib.publishing import withheld

    ms = [{"title": "Cost per hour of care at home", "unit": "currency", "aggregate": "mean", "polarity": "lower",
           "target": "40", "decimals": "2"},
          {"title": "Young people placed out of area", "unit": "count", "polarity": "lower", "target": "400"}]  # fmt: skip
    obs = [{"measure": "m0", "period": f"2025-26-Q{q}", "value": v} for q, v in ((1, "31.2"), (2, "31.9"), (4, "33"))]
    obs += [
        {"measure": "m0", "period": "2025-26-Q3", "value": "32.4", "comment": "Pay award for care staff from October"}
    ]
    obs += [{"measure": "m1", "period": f"2025-26-Q{q}", "value": "80"} for q in (1, 2, 4)]
    obs += [{"measure": "m1", "period": "2025-26-Q3", "value": "80", "comment": "3 young people moved to Perth"}]
    ds = swlib.load(make_data(data_dir, ms, obs))
    for audience in ("internal", "public"):
        perf = swlib.performance(ds, "alpha", "2025-26", audience=audience)
        perf["sentence"] = "One line."
        said = {r["label"]: r["comment"] for t in [red_view(perf, ds, "alpha"), *rated_view(perf, ds, "alpha")] if t
                for r in t["rows"]}  # fmt: skip
        assert said["Cost per hour of care at home"] == "2025/26 Quarter 3: Pay award for care staff from October"
        out = said["Young people placed out of area"]
        assert out == ("2025/26 Quarter 3: 3 young people moved to Perth" if audience == "internal" else
                       "A comment was withheld from the public version because it mentions a small number.")  # fmt: skip
    listed = withheld(ds, "annual", "alpha", "2025-26")
    assert [(w["row"], w["column"], w["reason"]) for w in listed] == [(9, "comment", "mentions a small number")]


def test_the_annual_reports_first_page_names_its_amber_and_green_measures_not_only_counts_them(data_dir):
    """ANALYST-4 #8: 'Total 3 Green, 3 Amber, 1 Red', then only the Red measure was named: the Amber
    ones (CJSW reports 92.3% against 95%, ...) appeared nowhere in the CSWO report."""
    from bs4 import BeautifulSoup

    from swlib.templating import environment
    from swlib.views import summary_view

    ms = [{"title": "Reports to court on time", "target": "95", "tolerance": "5"},
          {"title": "Inductions within 5 days", "target": "80", "tolerance": "5"},
          {"title": "Reviews on time", "target": "90", "tolerance": "5"},
          {"title": "Visits on time", "target": "90", "tolerance": "5"},
          {"title": "Calls answered", "target": "90", "tolerance": "5"}]  # fmt: skip
    figures = {"m0": 923, "m1": 600, "m2": 950, "m3": 880, "m4": 990}  # Amber, Red, Green, Amber, Green (per 1,000)
    obs = [{"measure": m, "period": "2025-26", "numerator": str(n), "denominator": "1000"} for m, n in figures.items()]
    ds = swlib.load(make_data(data_dir, [{**m, "frequency": "annual"} for m in ms], obs))
    P = swlib.Period.parse("2025-26")
    perf = swlib.performance(ds, "alpha", P)
    perf["sentence"] = "One line."
    assert dict(zip(perf["title"], perf["status"], strict=True)) == {
        "Reports to court on time": "Amber", "Inductions within 5 days": "Red", "Reviews on time": "Green",
        "Visits on time": "Amber", "Calls answered": "Green",
    }  # fmt: skip
    rated = rated_view(perf)
    assert [t["caption"] for t in rated] == ["Amber: close to target, worsening first", "Green: on target"]
    ctx = {"summary": summary_view(swlib.status_summary(perf), "Measures with targets: status for 2025/26"),
           "red": red_view(perf), "rated": rated, "narrative": {"summary": ""}, "narrative_files": {},
           "data_warnings": []}  # fmt: skip
    page = BeautifulSoup(
        str(environment().get_template("annual/report.html.j2").module.summary(ctx, {})), "html.parser"
    )
    named = {t["class"][-1]: [th.get_text() for th in t.select("tbody th")] for t in page.select("table.values")}
    assert named == {
        "summary-red": ["Inductions within 5 days"],
        "summary-amber": ["Reports to court on time", "Visits on time"],
        "summary-green": ["Reviews on time", "Calls answered"],
    }
    amber = page.select_one("table.summary-amber tbody tr")
    assert [td.get_text() for td in amber.select("td")][:2] == ["92.3%", "95.0%"]


def test_annual_page_one_says_a_status_is_from_part_of_the_year(tmp_path, monkeypatch):
    """ANALYST-11 #3, in the annual report: a Red from three quarters of four (Quarter 2 not in)
    says so beside its figure on page 1, as the quarterly's page 1 does."""
    from swlib.trends import describe
    from tests.conftest import new_council

    pct = {"measure": "cjsw-on-time", "title": "Justice social work reports on time", "theme": "Justice",
           "outcome": "Communities are safer", "unit": "percent", "polarity": "higher", "frequency": "quarterly",
           "aggregate": "sum", "target": 95, "tolerance": 1, "decimals": 1, "source": "test"}  # fmt: skip
    obs = [{"council": "pk", "measure": "cjsw-on-time", "period": p, "numerator": n, "denominator": d, "source": "test"}
           for p, n, d in (("2025-26-Q1", 181, 187), ("2025-26-Q3", 160, 190), ("2025-26-Q4", 170, 190))]  # fmt: skip
    ds = new_council(tmp_path, monkeypatch, [pct], obs)
    perf = swlib.performance(ds, "pk", "2025-26")
    perf["sentence"] = describe(perf, ds, "pk", "2025-26")
    (row,) = red_view(perf, ds, "pk")["rows"]
    assert row["line"].startswith("90.1% (year to date from 3 of 4 quarters), below the 95.0% target"), row["line"]
