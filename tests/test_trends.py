"""Statistical trends and the sentence per measure."""

import pandas as pd
import pytest

import swlib
from swlib import trends
from tests.conftest import make_data


def row(**kw):
    base = {"unit": "percent", "decimals": 0, "polarity": "higher", "to_date": 91.0, "target": 75.0,
            "period_shown": "2021-22", "2019-20": 71.0, "2020-21": 80.0, "last_year": 80.0}  # fmt: skip
    return {**base, **kw}


def test_sentence_from_the_numbers():
    years = ["2018-19", "2019-20", "2020-21"]
    assert trends.sentence(row(), years) == "Up from 80% in 2020/21 to 91%, above the 75% target."
    assert (
        trends.sentence(
            row(), years, {"comparison": "better", "period": "2019-20"}, {"trend": "increasing", "reading": "improving"}
        )
        == "Up from 80% in 2020/21 to 91%, above the 75% target; a significant improving trend over five years; "
        "in 2019/20 (the latest year compared with Scotland) the figure was better than Scotland's."
    )
    # a year that went against the five-year trend says so, not "Down from 7 to 6; a significant increasing trend"
    assert trends.sentence(row(), years, None, {"trend": "decreasing", "reading": "worsening"}) == (
        "Up from 80% in 2020/21 to 91%, above the 75% target; though a significant worsening trend over five years."
    )
    sub = row(period_shown="2021-22-Q2", to_date=70.0)
    assert trends.sentence(sub, years) == "Down from 80% at this point last year to 70%, below the 75% target."
    assert trends.sentence(row(to_date=None), years) == "No figure yet for this period."
    assert (
        trends.sentence(row(polarity="none", target=None), years, {"comparison": "similar", "period": "2020-21"})
        == "Up from 80% in 2020/21 to 91%; in 2020/21 (the latest year compared with Scotland) the figure was similar to "
        "Scotland's."
    )
    assert (
        trends.sentence(row(last_year=None), years)
        == "91%, above the 75% target; no figure in 2020/21 to compare with."
    )
    assert trends.sentence(row(last_year=90.6, to_date=91.4), years).startswith("The same as in 2020/21 (91%)")


def test_a_sentence_names_the_year_of_a_figure_and_of_its_comparison_with_scotland():
    """D&G's 2023/24 Q2 report: readmissions' latest figure is 2022/23's, compared with Scotland
    only in 2020/21. The sentence names 2022/23 for the figure and does not attach "better than
    Scotland in 2020/21" to it as if the two years were one."""
    years = ["2020-21", "2021-22", "2022-23"]
    rate = row(unit="rate", decimals=1, polarity="lower", to_date=104.61, target=95.8, last_year=111.89,
               period_shown="2022-23")  # fmt: skip
    said = trends.sentence(rate, years, {"comparison": "better", "period": "2020-21"}, None, "2023-24-Q2")
    assert said == (
        "Down from 111.9 in 2021/22 to 104.6 in 2022/23, worse than the 95.8 target, where lower is better; "
        "in 2020/21 (the latest year compared with Scotland) the figure was better than Scotland's."
    )
    like = trends.sentence(rate, years, {"comparison": "better", "period": "2022-23"}, None, "2022-23")
    assert like.startswith("Down from 111.9 in 2021/22 to 104.6, worse") and like.endswith(
        "better than Scotland in 2022/23."
    )


def test_the_dg_quarterly_names_the_year_of_each_latest_available_figure(demo):
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2")
    said = dict(zip(perf["measure"], trends.describe(perf, demo, "dumfries-and-galloway", "2023-24-Q2"), strict=True))
    assert said["dg-cp-reregistrations"].startswith("Up from 4.6% in 2021/22 to 4.9% in 2022/23,")


def test_sentence_follows_the_polarity():
    years = ["2018-19", "2019-20", "2020-21"]
    lower = row(polarity="lower", to_date=10.0, target=12.0, last_year=11.0)
    assert trends.sentence(lower, years) == (
        "Down from 11% in 2020/21 to 10%, better than the 12% target, where lower is better."
    )
    rate = row(unit="rate", decimals=1, polarity="lower", to_date=99.8, target=95.8, last_year=100.5)
    assert trends.sentence(rate, years) == (
        "Down from 100.5 in 2020/21 to 99.8, worse than the 95.8 target, where lower is better."
    )


def test_a_target_to_date_is_called_so_and_the_years_target_named(demo):
    """A target to date that is a share of the year's is not printed as if it were the target:
    D&G's sickness absence (a 9-day year, 4.50 days by Quarter 2) and South Lanarkshire's Equipu
    saving (£175,000 a year, £87,500 by Quarter 2), whose charts draw the year's target."""
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2")
    said = dict(zip(perf["measure"], trends.describe(perf, demo, "dumfries-and-galloway", "2023-24-Q2"), strict=True))
    absence = next(v for k, v in said.items() if "4.92 days" in v)
    assert "worse than the 4.50 days target to date (9.00 days for the year), where lower is better" in absence
    cost = row(unit="currency", polarity="lower", to_date=309.0, target=402.0, last_year=None)
    assert trends.sentence(cost, ["2018-19", "2019-20", "2020-21"]).startswith(
        "£309, below the £402 target, where the aim is a lower cost"  # a cost is lower, not "better"
    )
    pct = row(polarity="higher", to_date=80.0, target=75.0, annual_target=75.0, last_year=70.0)
    assert trends.sentence(pct, ["2018-19", "2019-20", "2020-21"]).endswith("above the 75% target.")  # the year's own


def test_a_status_never_rests_on_rounding(data_dir):
    # 181 of 260 is 69.6%: as 70% it would read as at the 70% target (Green); it is printed 69.6%
    # and its status worked out on that, Amber (COMMITTEE-8 #1: "Green, counts as met")
    ds = swlib.load(make_data(data_dir, [{"target": "70", "decimals": "0", "frequency": "annual", "aggregate": "latest"}],
                              [{"measure": "m0", "period": "2020-21", "numerator": "181", "denominator": "260"},
                               {"measure": "m0", "period": "2019-20", "numerator": "190", "denominator": "260"}]))  # fmt: skip
    perf = swlib.performance(ds, "alpha", "2020-21")
    r = perf.iloc[0].to_dict()
    assert r["status"] == "Amber" and r["decides_at"] == 1
    text = trends.sentence(r, perf.attrs["years"])
    assert text == (
        "Down from 73% in 2019/20 to 69.6%, below the 70% target, so it counts as narrowly missed (Amber): "
        "rounded to 70% it would count as met."
    )
    from swlib.views import cell

    assert (cell(r, "to_date")["text"], cell(r, "to_date")["counts"]) == ("69.6%", "(181 of 260)")
    chart = swlib.charts.trend_chart(r, perf.attrs["years"], "2020/21")  # its bar is labelled as the table prints it
    assert "2020/21: 69.6%" in chart.alt and ">69.6%<" in chart.svg and ">70%<" not in chart.svg


def test_synthetic_figures_are_called_so(demo):
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2").set_index("measure", drop=False)
    r = perf.loc["dg-home-care-cost"].to_dict()
    # 2020/21 is the LGBF panel's real figure; 2021/22 on are made up
    assert "2020-21" not in swlib.status.synthetic_columns(r)
    assert {"to_date", "2021-22"} <= swlib.status.synthetic_columns(r)
    assert trends.sentence(r, perf.attrs["years"]).endswith("† Synthetic figures.")


@pytest.mark.parametrize(("council", "period"), [("south-lanarkshire", "2021-22-Q2"), ("dumfries-and-galloway", "2023-24-Q2"),
                                                 ("dundee-city", "2016-17"), ("south-lanarkshire", "2021-22")])  # fmt: skip
def test_the_sentence_and_the_trend_arrow_never_disagree(demo, council, period):
    perf = swlib.performance(demo, council, period)
    said = trends.describe(perf, demo, council, period)
    for r, text in zip(perf.to_dict("records"), said, strict=True):
        up = {"improving": r["polarity"] == "higher", "worsening": r["polarity"] == "lower", "up": True, "down": False}
        if r["trend"] in up:
            assert text.startswith("Up from" if up[r["trend"]] else "Down from"), (r["measure"], r["trend"], text)
        elif r["trend"] == "no change":
            assert text.startswith("The same as"), (r["measure"], text)
        else:
            assert not text.startswith(("Up", "Down", "The same")), (r["measure"], r["trend"], text)
        if r["trend"] != "no comparison":  # said in words: the same point last year
            sub_year = swlib.Period.parse(r["period_shown"]).kind != "year"
            assert ("at this point last year" in text) == sub_year, (r["measure"], text)


def test_a_missing_period_figure_shows_no_part_year_to_date(data_dir):
    ds = swlib.load(make_data(data_dir, [{"unit": "count", "target": "1250"}],
                              [{"measure": "m0", "period": "2020-21-Q1", "value": "642"}]))  # fmt: skip
    r = swlib.performance(ds, "alpha", "2020-21-Q2").iloc[0]
    assert r["status"] == "Report later" and pd.isna(r["to_date"]) and r["trend"] == "no comparison"
    assert "figure not yet available" in r["note"]
    assert trends.sentence(r.to_dict(), swlib.performance(ds, "alpha", "2020-21-Q2").attrs["years"]) == (
        "No figure yet for this period."
    )


def test_statistical_trend_on_the_latest_five_years(demo, data_dir):
    years = ["2015-16", "2016-17", "2017-18", "2018-19", "2019-20", "2020-21"]
    ds = swlib.load(make_data(data_dir, [{"frequency": "annual", "aggregate": "latest"}],
                              [{"measure": "m0", "period": y, "numerator": str(40 + 8 * k), "denominator": "100"}
                               for k, y in enumerate(years)]))  # fmt: skip
    t = trends.statistical_trend(ds, "alpha", "m0", "2023-24", "higher")
    assert t["method"] == "Cochran-Armitage" and (t["trend"], t["reading"]) == ("increasing", "improving")
    # the real LGBF panel publishes no counts behind the balance of care: no trend can be worked out
    t = trends.statistical_trend(demo, "dumfries-and-galloway", "dg-balance-of-care", "2023-24", "higher")
    assert t["trend"] == "cannot be calculated"
    assert (
        trends.statistical_trend(demo, "dundee-city", "asp-referrals", "2016-17", "none")["trend"]
        == "cannot be calculated"
    )


def test_describe_gives_a_sentence_for_every_measure(demo):
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2")
    s = trends.describe(perf, demo, "dumfries-and-galloway", "2023-24-Q2")
    assert len(s) == len(perf) and s.str.endswith(".").all()
    i = perf.index[perf["measure"] == "dg-quality-of-life"][0]
    assert "than Scotland" in s[i] or "similar to Scotland" in s[i] or "not" not in s[i]


def test_consistently_missed_is_nplotthedots_rule_the_target_beyond_the_limits():
    from swlib.xmr import assurance_type

    # NHSRplotthedots 0.2.2 ptd_calculate_assurance_type: target > upl -> consistent_fail (increasing)
    last = pd.DataFrame({"upl": [61.9], "lpl": [55.0]})
    assert assurance_type(last, 62.0, "increase") == "consistent_fail"
    assert assurance_type(last, 61.8, "increase") == "inconsistent"
    assert assurance_type(last, 54.0, "increase") == "consistent_pass"
    assert assurance_type(last, 62.0, "decrease") == "consistent_pass"


def test_a_cost_in_real_terms_is_held_to_its_target_at_the_same_prices(demo):
    """D&G's 2019/20 residential cost for looked after children is printed at 2020/21 prices
    (£4,854; £4,550 in 2019/20's own pounds). A 2019/20 target of £4,700 is in 2019/20 pounds: at
    2020/21 prices, by the LGBF's own ratio for the year, £5,013. The figure is below it (in cash
    £4,550 is below £4,700 too), so Green, not "above the £4,700 target" (Amber) as real terms
    against a cash target said; the sentence names both the target's prices and the target as set."""
    from dataclasses import replace

    import pandas as pd

    extra = pd.DataFrame([{"council": "dumfries-and-galloway", "measure": "dg-lac-residential-cost",
                           "period": "2019-20", "target": 4700.0, "tolerance": float("nan"), "source": "test"}])  # fmt: skip
    ds = replace(demo, targets=pd.concat([demo.targets, extra], ignore_index=True), memo={})
    for period in ("2019-20", "2020-21-Q2"):  # the year's own report, and a later one showing it as the latest
        perf = swlib.performance(ds, "dumfries-and-galloway", period)
        said = trends.describe(perf, ds, "dumfries-and-galloway", period)
        i = perf.index[perf["measure"] == "dg-lac-residential-cost"][0]
        r = perf.loc[i]
        assert r["to_date"] == pytest.approx(4853.958713) and r["target_prices"] == "2020-21"
        assert r["target"] == pytest.approx(4700 * 4853.958713 / 4550.48, rel=1e-4) and r["target_cash"] == 4700
        assert r["status"] == "Green", period
        assert (
            "below the £5,013 target at 2020/21 prices (£4,700 as set for 2019/20), where the aim is a lower cost"
            in (said[i])
        ), said[i]
    # a cost shown at its own year's prices (cash, or the price year itself) keeps its target as set
    perf = swlib.performance(ds, "dumfries-and-galloway", "2020-21").set_index("measure")
    assert perf.loc["dg-home-care-cost", "target"] == 29.0 and pd.isna(perf.loc["dg-home-care-cost", "target_cash"])
    assert perf.loc["dg-lac-residential-cost", "target"] == 4961.0  # the council's own cash figure


def test_a_year_to_date_left_out_for_a_missing_month_says_so_not_no_figure(data_dir):
    ms = [{"unit": "count", "polarity": "lower", "frequency": "monthly", "target": "30000"}]
    obs = [
        {"measure": "m0", "period": p, "value": "2500"} for p in ("2020-04", "2020-05", "2020-06", "2020-07", "2020-09")
    ]
    ds = swlib.load(make_data(data_dir, ms, obs))
    row = swlib.performance(ds, "alpha", "2020-21-Q2").iloc[0].to_dict()
    assert trends.sentence(row, ["2017-18", "2018-19", "2019-20"]) == (
        "No year to date yet: no figure for August 2020, so it is not compared with the target."
    )


def test_days_given_with_the_cases_they_are_over_get_no_proportions_trend_test(data_dir):
    # ATTACK-4 finding 5: 240 days over 20 children (12 a child), then 13, 14, 15, 16: the counts were read
    # as a proportion, 240 "of" 20, and Cochran-Armitage said "no significant change"; days are no share
    obs = [{"measure": "m0", "period": f"{y}-{str(y + 1)[2:]}", "value": str(12 + k), "numerator": str(20 * (12 + k)),
            "denominator": "20"} for k, y in enumerate(range(2019, 2024))]  # fmt: skip
    ms = [{"unit": "days", "frequency": "annual", "polarity": "lower", "aggregate": "latest"}]
    t = trends.statistical_trend(swlib.load(make_data(data_dir, ms, obs)), "alpha", "m0", "2023-24", "lower")
    assert t.get("method") != "Cochran-Armitage" and t["trend"] != "no significant change", t


def test_a_year_is_not_compared_with_an_earlier_year_whose_figures_cover_part_of_it(data_dir):
    """ANALYST-4 #7: figures from October 2024; the CSWO report for 2025/26 said 'Down from 75.6% in
    2024/25 to 74.7%' and 'Up from 17,757 in 2024/25' (October to March only) as if both years were
    whole, where the quarterly report marks 2024/25 'incomplete: 2 of 4 quarters'."""
    from swlib.views.performance import trend_reason

    quarters = ["2024-25-Q3", "2024-25-Q4", "2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4"]
    obs = [{"measure": "m0", "period": q, "numerator": str(n), "denominator": "100"}
           for q, n in zip(quarters, (76, 75, 74, 75, 74, 76), strict=True)]  # fmt: skip
    months = [f"{2024 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}" for m in range(10, 28)]  # October 2024 to March 2026
    obs += [{"measure": "m1", "period": p, "value": "3000"} for p in months]
    ms = [{"unit": "percent", "target": "80", "polarity": "higher"},
          {"unit": "count", "aggregate": "sum", "frequency": "monthly", "target": "36000", "polarity": "lower"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    P = swlib.Period.parse("2025-26")
    perf = swlib.performance(ds, "alpha", P)
    said = dict(zip(perf["measure"], trends.describe(perf, ds, "alpha", P), strict=True))
    assert said["m0"] == (
        "74.8%, below the 80.0% target; not compared with 2024/25, which has figures for October 2024 to March 2025 "
        "only (2 of 4 quarters)."
    )
    assert "Up from" not in said["m1"] and said["m1"].endswith(
        "not compared with 2024/25, which has figures for October 2024 to March 2025 only (6 of 12 months)."
    )
    rows = perf.set_index("measure")
    assert rows.loc["m0", "trend"] == "no comparison" and pd.isna(rows.loc["m0", "last_year"])
    assert trend_reason(rows.loc["m0"].to_dict()) == "no comparison: last year incomplete"
    # a whole earlier year is compared as before
    obs += [
        {"measure": "m0", "period": q, "numerator": "70", "denominator": "100"} for q in ("2024-25-Q1", "2024-25-Q2")
    ]
    ds = swlib.load(make_data(data_dir / "whole", ms, obs))
    perf = swlib.performance(ds, "alpha", P)
    assert trends.describe(perf, ds, "alpha", P)[0].startswith("Up from 72.8% in 2024/25 to 74.8%")
