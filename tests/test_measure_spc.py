"""A measure's SPC chart: p-chart or XmR, its latest run, its target, why none, and what it would give away."""

import pandas as pd
import pytest

import swlib
from swlib import measure_series, measure_spc
from tests.conftest import make_data


def test_long_trend_uses_a_p_chart_for_percentages_and_xmr_otherwise(demo):
    p = measure_spc.long_trend(demo, "south-lanarkshire", "sl-planned-discharge", "2021-22-Q2", target=99)
    assert p.attrs["method"] == "p-chart" and p.attrs["assurance"] == "consistent_fail"  # 99% is above the limits
    x = measure_spc.long_trend(demo, "south-lanarkshire", "sl-carers-lanarkshire", "2021-22-Q2")
    assert x.attrs["method"] == "XmR chart" and x.attrs["variation"] in (
        "common_cause", "special_cause_improvement", "special_cause_concern")  # fmt: skip
    assert measure_spc.long_trend(demo, "dundee-city", "asp-referrals", "2016-17") is None  # two points only


def test_an_annual_total_is_no_target_for_one_months_spc(demo):
    perf = swlib.performance(demo, "dumfries-and-galloway", "2023-24-Q2").set_index("measure", drop=False)
    assert measure_spc.spc_target(demo, perf.loc["dg-absence-days"].to_dict()) == pytest.approx(
        0.75
    )  # 9 days a year, by month
    assert (
        measure_spc.spc_target(demo, perf.loc["dg-stage1-timescale"].to_dict()) == 80
    )  # a percentage holds each month


def _gappy(data_dir, after: int):
    """A quarterly count: 12 quarters from 2015/16, none in 2018/19 to 2019/20, then ``after`` quarters."""
    quarters = [f"{2015 + i // 4}-{(16 + i // 4) % 100:02d}-Q{i % 4 + 1}" for i in range(12)]
    quarters += [f"{2020 + i // 4}-{(21 + i // 4) % 100:02d}-Q{i % 4 + 1}" for i in range(after)]
    obs = [{"measure": "m0", "period": q, "value": str(50 + (i * 7) % 11)} for i, q in enumerate(quarters)]
    ds = swlib.load(make_data(data_dir, [{"unit": "count", "aggregate": "sum", "polarity": "higher"}], obs))
    return ds, quarters[-1]


def test_spc_does_not_run_across_missing_periods_and_the_caption_says_so(data_dir):
    from swlib.views.spc import spc_view

    ds, last = _gappy(data_dir, 9)
    chart = measure_spc.long_trend(ds, "alpha", "m0", last)
    assert list(chart["period"])[:2] == ["2020-21-Q1", "2020-21-Q2"] and len(chart) == 9  # the latest run only
    assert chart.attrs["gap_before"] == "2017/18 Quarter 4"
    caption = spc_view(chart, "Visits", "count", 0)["chart"]["caption"]
    assert (
        "Charted from 2020/21 Quarter 1 only: there are no figures from 2018/19 Quarter 1 to 2019/20 Quarter 4, and "
        "process limits are not worked out across missing periods." in caption
    )
    ds, last = _gappy(data_dir / "short", 3)
    assert measure_spc.long_trend(ds, "alpha", "m0", last) is None  # 3 periods after the gap: too few for SPC
    s = measure_series.series(ds, "alpha", "m0", last)
    assert measure_series.latest_run(s.iloc[:12])[1] is None  # no gap: the whole series


def test_an_spc_point_against_the_trend_is_named_and_the_cell_says_what_each_compares():
    import pandas as pd

    from swlib.measure_spc import spc_against_trend, trend_cell_words

    chart = pd.DataFrame({"period": ["2021-22", "2022-23"], "point_type": ["special_cause_concern"] * 2})
    row = {"trend": "improving", "period_shown": "2022-23"}
    assert spc_against_trend(chart, row) == "concern"
    assert spc_against_trend(chart, {**row, "trend": "worsening"}) is None  # they agree
    assert spc_against_trend(chart, {**row, "period_shown": "2023-24"}) is None  # the chart ends before the row's year
    good = chart.assign(point_type="special_cause_improvement")
    assert spc_against_trend(good, {**row, "trend": "worsening"}) == "improvement"
    assert spc_against_trend(chart.assign(point_type="common_cause"), row) is None
    assert trend_cell_words("improving", "concern") == (
        "improving on last year, but a concern over the longer run (its chart, section 4)"
    )
    assert trend_cell_words("worsening", "improvement") == (
        "worsening on last year, but an improvement over the longer run (its chart, section 4)"
    )
    assert trend_cell_words("improving") == "improving"


def test_an_spc_note_names_the_one_month_missing_not_a_span_that_reads_as_a_quarter(data_dir):
    """ANALYST-4 #13: monthly bed days with November 2025 missing were captioned 'there are no
    figures between October 2025 and December 2025', which reads as a whole quarter gone."""
    from swlib.views.spc import spc_view

    months = [f"{2024 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(4, 25)]  # April 2024 to December 2025
    months = [p for p in months if p != "2025-11"] + [f"2026-{m:02d}" for m in range(1, 9)]
    obs = [{"measure": "m0", "period": p, "value": str(3000 + (i * 37) % 200)} for i, p in enumerate(months)]
    ds = swlib.load(make_data(data_dir, [{"unit": "count", "aggregate": "sum", "polarity": "lower",
                                         "frequency": "monthly"}], obs))  # fmt: skip
    chart = measure_spc.long_trend(ds, "alpha", "m0", "2026-08")
    assert chart["period"].iloc[0] == "2025-12" and len(chart) == 9
    caption = spc_view(chart, "Bed days", "count", 0)["chart"]["caption"]
    assert "Charted from December 2025 only: there is no figure for November 2025, and process limits" in caption
    assert "between" not in caption


def _yearly(data_dir, aggregate: str, numerators: list[int], denominators: list[int]):
    """A yearly percentage over 10 years from 2013/14, with its counts."""
    years = [f"{2013 + i}-{(14 + i) % 100:02d}" for i in range(len(numerators))]
    obs = [{"measure": "m0", "period": y, "numerator": str(n), "denominator": str(d)}
           for y, n, d in zip(years, numerators, denominators, strict=True)]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"frequency": "annual", "aggregate": aggregate}], obs))
    return ds, measure_spc.long_trend(ds, "alpha", "m0", years[-1])


def test_an_spc_chart_is_hidden_from_the_public_where_a_point_would_show_a_small_number(demo, data_dir):
    # COMMITTEE-5 #1: the public D&G paper dropped the readmissions' "special cause: concern", whose
    # points are rates per 1,000 discharges; SL's CJSW reports have a quarter with few reports
    chart = measure_spc.long_trend(demo, "dumfries-and-galloway", "dg-readmission-rate", "2022-23")
    assert not measure_spc.spc_points_hidden(demo, "dumfries-and-galloway", "dg-readmission-rate", chart)
    chart = measure_spc.long_trend(demo, "south-lanarkshire", "sl-cjsw-reports", "2021-22-Q2")
    assert measure_spc.spc_points_hidden(demo, "south-lanarkshire", "sl-cjsw-reports", chart)
    big = [400 + 10 * i for i in range(10)]
    ds, chart = _yearly(data_dir / "a", "sum", [n - 100 for n in big], big)
    assert not measure_spc.spc_points_hidden(ds, "alpha", "m0", chart)
    # one year's complement is small: 297 of 300 tells that 3 did not
    ds, chart = _yearly(data_dir / "b", "sum", [n - 100 for n in big[:9]] + [297], [*big[:9], 300])
    assert measure_spc.spc_points_hidden(ds, "alpha", "m0", chart)
    # a snapshot (looked after at 31 March): 2 more of 3 more than the year before gives away the change;
    # the same figures counted as a year's events are not compared across years
    nums, dens = [n - 100 for n in big[:9]] + [282], [*big[:9], 483]
    ds, chart = _yearly(data_dir / "c", "latest", nums, dens)
    assert measure_spc.spc_points_hidden(ds, "alpha", "m0", chart)
    ds, chart = _yearly(data_dir / "d", "sum", nums, dens)
    assert not measure_spc.spc_points_hidden(ds, "alpha", "m0", chart)


def test_a_p_chart_over_a_few_cases_a_month_is_not_drawn_and_the_report_says_why(demo):
    """COMMITTEE-5 (14): D&G's Stage 2 complaints, about 3 a month, were charted with limits of 0%
    to 100% and a latest point of 50.0%: it told a member nothing."""
    ds, council, period = demo, "dumfries-and-galloway", "2023-24-Q2"
    assert measure_spc.long_trend(ds, council, "dg-stage2-timescale", period) is None
    assert measure_spc.no_spc_reason(ds, council, "dg-stage2-timescale", period) == (
        "Statistical process control chart not shown: about 3 cases a month (from October 2021 to September 2023), "
        "too few for a chart of each month to show a change: its limits would run from near 0% to near 100%. "
        "It needs 10 or more cases a month on average."
    )
    assert measure_spc.long_trend(ds, council, "dg-foi-20days", period) is not None  # 13 a month: charted as before
    assert measure_spc.too_few_cases(pd.DataFrame({"denominator": [9, 11, 9, 10]})) is True
    assert measure_spc.too_few_cases(pd.DataFrame({"denominator": [10, 10, 10]})) is False
