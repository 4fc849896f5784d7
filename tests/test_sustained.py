"""A sustained rise or fall across an SPC chart: said in words, its earlier points not read as
improvement or concern (COMMITTEE-5 #4), the chart's figures as the reference computes them."""

import re
import warnings

import pandas as pd

from swlib.charts import spc_chart
from swlib.periods import Period
from swlib.sustained import earlier_brief, shown_point_types, sustained_brief, sustained_change, sustained_words
from swlib.xmr import spc

# Scotland's CHN8b (gross cost of a child looked after in the community, £ a week at 2020/21
# prices), 2010/11 to 2019/20: a steady rise, every point a special cause
CHN8B = [255.67, 272.11, 301.24, 311.54, 324.40, 337.67, 358.23, 370.14, 374.77, 373.04]
YEARS = [f"{y}/{(y + 1) % 100:02d}" for y in range(2010, 2020)]


def chart_of(values, improvement="decrease"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = spc(values, improvement=improvement)
    c["label"] = YEARS[: len(values)] if len(values) <= len(YEARS) else [f"point {i + 1}" for i in range(len(values))]
    c.attrs["sustained"] = sustained_change(c)
    return c


def test_a_steady_rise_is_a_sustained_rise_and_its_figures_are_the_references():
    c = chart_of(CHN8B)
    # the reference's reading is kept in the frame: below the lower limit early (an "improvement" for a
    # cost), a 7-point trend, then above the upper limit (a "concern")
    assert list(c["point_type"]) == ["special_cause_improvement"] * 2 + ["special_cause_concern"] * 8
    assert round(c["mean"].iloc[0], 2) == 327.88 and round(c["upl"].iloc[0], 2) == 363.59
    assert sustained_change(c) == "rise"
    assert shown_point_types(c) == ["sustained_rise"] * 9 + ["special_cause_concern"]  # the latest keeps its reading
    assert sustained_words(c) == (
        "Most points are special causes (outside the dashed limits, or in runs and trends), below the mean early and "
        "above it late: a sustained rise, so the limits describe no stable period; the earlier ones are not read as "
        "improvement or concern."
    )
    assert (
        sustained_brief(c) == " at the latest point, within a sustained rise over 2010/11 to 2019/20: no stable period"
    )


def test_a_fall_a_stable_run_and_special_causes_either_side_in_turn():
    assert sustained_change(chart_of(CHN8B[::-1])) == "fall"
    stable = [90.7, 91.2, 90.9, 90.6, 90.1, 90.4, 89.9, 89.6, 89.9, 90.1]  # Scotland's CHN9: one special cause
    assert (
        sustained_change(chart_of(stable)) is None
        and sustained_words(chart_of(stable)) == sustained_brief(chart_of(stable)) == ""
    )
    assert shown_point_types(chart_of(stable)) == list(chart_of(stable)["point_type"])
    # high, then low, then high again: special causes either side of the mean in turn, no one direction
    turns = [10, 10, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 1, 1, 10, 10, 10, 10, 10, 10, 10]
    c = chart_of(turns)
    assert (c["point_type"] != "common_cause").sum() > len(turns) / 2 and sustained_change(c) is None
    # half the points special causes (Scotland's SW1): not "most of the series"
    sw1 = [25.15, 24.32, 24.68, 23.87, 23.59, 24.54, 25.64, 26.47, 26.98, 27.25]
    c = chart_of(sw1, "decrease")
    assert (c["point_type"] != "common_cause").sum() == 5 and sustained_change(c) is None


def test_the_chart_of_a_sustained_rise_marks_its_earlier_points_as_part_of_it_not_improvement():
    c = chart_of(CHN8B)
    drawn = spc_chart(c, "Cost per child per week", "currency", 0)
    svg = drawn.svg
    assert len(re.findall(r'class="point sustained_rise"', svg)) == 9
    assert "point special_cause_improvement" not in svg and len(re.findall("point special_cause_concern", svg)) == 1
    legend = " ".join(re.findall(r'<text[^>]*class="legend"[^>]*>(.*?)</text>', svg, re.S))
    assert "sustained rise" in legend and "improvement" not in legend and "concern" in legend
    assert "below the mean early and above it late: a sustained rise, so the limits describe" in drawn.caption
    assert "1 point(s) show special cause variation: 2019/20 (special cause: concern)." in drawn.alt
    assert "2010/11 (special cause: improvement)" not in drawn.alt
    # a chart with no sustained change is drawn as before
    plain = chart_of(CHN8B)
    plain.attrs["sustained"] = None
    assert "sustained" not in spc_chart(plain, "Cost", "currency", 0).svg


def test_the_latest_points_reading_says_which_earlier_points_are_special_causes():
    # COMMITTEE-9 #7, #12: "Common cause variation: no significant change" above a chart that flags
    # an earlier point was read as the whole run's reading
    one = chart_of([10, 12] * 8 + [25, 12, 10, 12], "increase")  # one point above the upper limit, 3 before the latest
    assert one["point_type"].iloc[-1] == "common_cause"
    assert earlier_brief(one) == " at the latest point; earlier: point 17 (improvement)"
    assert earlier_brief(one, lambda label: label.upper()) == " at the latest point; earlier: POINT 17 (improvement)"
    old = chart_of([10, 12] * 7 + [25, 12, 10, 12, 10, 12], "increase")  # 5 points before the latest: long past
    assert old["point_type"].iloc[14] != "common_cause" and earlier_brief(old) == ""
    assert earlier_brief(chart_of([10, 12] * 10, "increase")) == ""  # none flagged
    assert earlier_brief(chart_of(CHN8B)) == ""  # a sustained rise: sustained_brief says it
    import pandas as pd

    kinds = ["common_cause", "special_cause_concern", "special_cause_concern", "special_cause_improvement",
             "special_cause_neutral_high", "common_cause"]  # fmt: skip
    many = pd.DataFrame({"label": [f"q{i}" for i in range(6)], "point_type": kinds})
    assert earlier_brief(many) == " at the latest point; earlier: q1 (concern), q2 (concern) and 2 more"
    now = chart_of([10, 12] * 7 + [25, 12, 10, 12, 10, 25], "increase")  # the latest a special cause: its own words
    assert now["point_type"].iloc[-1] == "special_cause_improvement" and earlier_brief(now) == ""


def test_a_monthly_charts_latest_point_names_special_causes_of_the_year_before_it():
    # COMMITTEE-11 #3: a monthly chart's reading named special causes of the 4 months before the latest only; a
    # quarterly chart's covers a year (4 quarters), so a monthly one covers 12 months
    kinds = ["common_cause"] * 3 + ["special_cause_improvement"] + ["common_cause"] * 10
    periods = [str(p) for p in Period.parse("2022-23").parts("month")] + ["2023-04", "2023-05"]
    chart = pd.DataFrame({"label": [f"m{i}" for i in range(14)], "point_type": kinds, "period": periods})
    assert earlier_brief(chart) == " at the latest point; earlier: m3 (improvement)"  # 10 months before the latest
    quarters = chart.assign(period=[str(q) for y in ("2020-21", "2021-22", "2022-23") for q in
                                    Period.parse(y).parts("quarter")] + ["2023-24-Q1", "2023-24-Q2"])  # fmt: skip
    assert earlier_brief(quarters) == ""  # ten quarters before: long past
