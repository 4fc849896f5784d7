"""The XmR chart and its rules, pinned on NHSRplotthedots 0.2.2's own test vectors
(``shared/reference/NHSRplotthedots-0.2.2/tests``) and on series worked out by hand."""

import warnings

import numpy as np
import pytest

from swlib.xmr import (
    SPCWarning,
    assurance_type,
    p_chart,
    part_of_seven,
    part_of_two_in_three,
    point_type,
    seven_point_one_side_mean,
    seven_point_trend,
    short_group_warnings,
    spc,
    spc_matrix,
    special_cause_labels,
    special_cause_type,
    two_in_three,
)


def quiet(*a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        return spc(*a, **k)


def L(a):
    return [float(x) for x in a]


# R's set.seed(123); rnorm(20): the series test-ptd_spc_standard.R and test-ptd_spc.R use
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
    -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
    0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


# test-ptd_calculate_point_type.R: the rule helpers on the reference's literal vectors ----------
def test_seven_point_one_side_mean():
    assert L(seven_point_one_side_mean([])) == []
    assert L(seven_point_one_side_mean([1] * 6)) == [0] * 6
    assert L(seven_point_one_side_mean([1] * 6 + [-1])) == [0] * 7
    assert L(seven_point_one_side_mean([1] * 8 + [-1])) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert L(seven_point_one_side_mean([-1] * 8 + [1])) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert L(seven_point_one_side_mean([1, 1, 1, 0, 1, 1, 1, 1])) == [0] * 8  # on the mean breaks it


def test_part_of_seven_trend():
    assert L(part_of_seven([])) == []
    assert L(part_of_seven([0] * 6)) == [0] * 6
    assert L(part_of_seven([0] * 6 + [1, 0])) == [1] * 7 + [0]
    assert L(part_of_seven([0] * 7 + [1, 0])) == [0] + [1] * 7 + [0]
    assert L(part_of_seven([0] * 6 + [-1, 0])) == [1] * 7 + [0]  # falling trends too (0.2.2 tests abs(v) == 1)
    assert L(part_of_seven([0] * 7 + [-1, 0])) == [0] + [1] * 7 + [0]


def test_seven_point_trend():
    assert L(seven_point_trend([])) == []
    assert L(seven_point_trend(range(1, 7))) == [0] * 6
    assert L(seven_point_trend([1, 2, 3, 3, 4, 5, 6])) == [0] * 7  # c(1:3, 3:6): a tie breaks it
    assert L(seven_point_trend(range(1, 8))) == [0, 0, 0, 0, 0, 0, 1]
    assert L(seven_point_trend([2, *range(1, 8), 3])) == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert L(seven_point_trend(range(7, 0, -1))) == [0, 0, 0, 0, 0, 0, -1]
    assert L(seven_point_trend([2, *range(7, 0, -1), 3])) == [0, 0, 0, 0, 0, 0, 0, -1, 0]


def test_two_in_three():
    assert L(two_in_three([], [])) == []
    assert L(two_in_three([0, 0, 0], [0])) == [0, 0, 0]  # numeric(3), numeric(1)
    d = two_in_three([1, 0, 1], [1, 1, 1])
    assert L(d) == L(two_in_three([0, 1, 1], [1, 1, 1])) == L(two_in_three([1, 1, 0], [1, 1, 1])) == [1, 1, 1]
    assert L(two_in_three([0, 0, 1, 0, 1, 0, 0], [1] * 7)) == [0, 0, 1, 1, 1, 0, 0]
    assert L(two_in_three([0, 0, 1, 1, 0, 0, 0], [1] * 7)) == [0, 1, 1, 1, 1, 0, 0]


def test_two_in_three_needs_all_three_on_one_side_of_the_mean():
    assert L(two_in_three([1, 0, 1], [1, -1, 1])) == [0] * 3
    assert L(two_in_three([0, 1, 1], [1, -1, 1])) == [0] * 3
    assert L(two_in_three([1, 1, 0], [1, -1, 1])) == [0] * 3
    assert L(two_in_three([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1])) == [0] * 7
    assert L(two_in_three([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1])) == [0] * 7


def test_part_of_two_in_three_flags_only_the_close_points():
    assert L(part_of_two_in_three(two_in_three([], []), [])) == []
    assert L(part_of_two_in_three([0, 0, 0], two_in_three([0, 0, 0], [0]))) == [0, 0, 0]
    for close in ([1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1, 0, 1, 0, 0]):
        assert L(part_of_two_in_three(two_in_three(close, [1] * len(close)), close)) == close
    g = [0, 0, 1, 1, 0, 0, 0]
    assert L(part_of_two_in_three(g, g)) == g
    assert L(part_of_two_in_three(two_in_three([1, 0, 0, 1], [1] * 4), [1, 0, 0, 1])) == [0] * 4
    assert L(part_of_two_in_three(two_in_three([1, 0, 0, 1, 1], [1] * 5), [1, 0, 0, 1, 1])) == [0, 0, 0, 1, 1]


def test_special_cause_labels_follow_the_rule_that_fired_in_order():
    # 0.2.2's test mocks the helpers; these are the values its mocks return
    labels = special_cause_labels(
        y=range(1, 9),
        rtm=[1, 1, 1, 1, -1, -1, -1, -1],
        outside=[0, 0, 0, 0, 0, 1, -1, 0],
        part_trend=[1, -1, 0, 0, 0, 0, 0, 0],
        part_two=[0, 0, 0, 0, 1, 0, 0, 0],
        part_shift=[0, 0, 1, -1, 0, 0, 0, 0],
    )
    assert list(labels) == [
        "7 Point Trend (Increasing)",
        "7 Point Trend (Increasing)",
        "7 Points Above CL",
        "7 Points Above CL",
        "2 in 3 Below CL",
        "Below LCL",
        "Below LCL",
        "Common Cause",
    ]


def test_a_trend_takes_its_direction_from_the_trend_not_the_side_of_the_mean():
    # the example: the last seven points rise steadily, the first three of them below the mean
    d = quiet([10, 12, 9, 11, 10, 13, 8, 11, 10, 12, 9, 11, 9.5, 10, 10.5, 11, 11.5, 12, 12.5])
    assert list(d["relative_to_mean"].iloc[12:15]) == [-1, -1, -1]
    assert list(d["special_cause_type"].iloc[12:]) == ["7 Point Trend (Increasing)"] * 7
    assert list(d["point_type"]) == ["common_cause"] * 12 + ["special_cause_improvement"] * 7
    assert d.attrs["variation"] == "special_cause_improvement"
    falling = quiet([10, 8, 11, 9, 12, 10, 13, 9, 11, 10, 12, 9, 11.5, 11, 10.5, 10, 9.5, 9, 8.5], "decrease")
    assert list(falling["point_type"].iloc[12:]) == ["special_cause_improvement"] * 7


def test_the_tie_at_the_join_of_two_trends_reads_decreasing_as_in_0_2_2():
    # rising 1..7, a tie (7, 7), falling 7..1: the peak's right-hand step is 0, which 0.2.2 labels "Decreasing"
    y = [1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1]
    labels = special_cause_type(y, rtm=[1] * 14, close=[0] * 14, outside=[0] * 14)
    assert list(labels[:6]) == ["7 Point Trend (Increasing)"] * 6
    assert labels[6] == "7 Point Trend (Decreasing)"  # the tie quirk
    assert list(labels[7:]) == ["7 Point Trend (Decreasing)"] * 7


def test_point_type_by_direction_of_improvement():
    labels = ["Above UCL", "Below LCL", "7 Point Trend (Increasing)", "7 Point Trend (Decreasing)",
              "2 in 3 Above CL", "7 Points Below CL", "Common Cause"]  # fmt: skip
    assert list(point_type(labels, "increase")) == ["special_cause_improvement", "special_cause_concern"] * 2 + [
        "special_cause_improvement", "special_cause_concern", "common_cause"]  # fmt: skip
    assert list(point_type(labels, "decrease")) == ["special_cause_concern", "special_cause_improvement"] * 2 + [
        "special_cause_concern", "special_cause_improvement", "common_cause"]  # fmt: skip
    assert list(point_type(labels, "neutral")) == ["special_cause_neutral_high", "special_cause_neutral_low"] * 2 + [
        "special_cause_neutral_high", "special_cause_neutral_low", "common_cause"]  # fmt: skip


# test-ptd_calculate_assurance_type.R ---------------------------------------------------------
def _frame(lpl, mean, upl):
    import pandas as pd

    return pd.DataFrame({"lpl": [lpl], "mean": [mean], "upl": [upl]})


@pytest.mark.parametrize(
    ("limits", "increase", "decrease"),
    [((1, 2, 3), "consistent_fail", "consistent_pass"), ((5, 6, 7), "consistent_pass", "consistent_fail"),
     ((1, 4, 5), "inconsistent", "inconsistent")],
)  # fmt: skip
def test_assurance_type(limits, increase, decrease):
    assert assurance_type(_frame(*limits), 4, "increase") == increase
    assert assurance_type(_frame(*limits), 4, "decrease") == decrease
    assert assurance_type(_frame(*limits), 4, "neutral") is None
    assert assurance_type(_frame(*limits), None, "increase") is None


def test_assurance_comes_from_the_last_rebase_group():
    y = [10, 11] * 7 + [1, 2] * 7  # target 6: below the first group's limits, above the last group's
    d = quiet(y, rebase_at=[14], improvement="decrease", target=6)
    assert d["upl"].iloc[-1] < 6 < d["lpl"].iloc[0]
    assert d.attrs["assurance"] == "consistent_pass"


# test-ptd_add_short_group_warnings.R (threshold 12 as its tests pass it; 13 is 0.2.2's default) --
def test_short_group_warnings():
    assert short_group_warnings([0] * 11, 12).all()
    assert not short_group_warnings([0] * 12, 12).any()
    groups = [0] * 35 + [1] * 5 + [2] * 20 + [3] * 20
    assert list(short_group_warnings(groups, 12)) == [False] * 35 + [True] * 5 + [False] * 40
    assert not short_group_warnings([0] * 20 + [1] * 20, 12).any()


def test_short_groups_warn_at_the_default_threshold_of_13():
    with pytest.warns(SPCWarning, match="fewer than 13"):
        d = spc(range(12))
    assert d["short_group_warning"].all()
    with warnings.catch_warnings():
        warnings.simplefilter("error", SPCWarning)
        assert not spc(range(13))["short_group_warning"].any()


# test-ptd_spc_standard.R ---------------------------------------------------------------------
def test_limits_on_the_reference_series():
    d = spc(RNORM_123)
    mean, amr = 0.1416238035, 1.1853396231578948  # sum/20; sum of the 19 moving ranges / 19 (none screened)
    assert d["mean"].iloc[0] == pytest.approx(mean)
    assert d["upl"].iloc[0] == pytest.approx(mean + 2.66 * amr)
    assert d["lpl"].iloc[0] == pytest.approx(mean - 2.66 * amr)
    assert d["nupl"].iloc[0] == pytest.approx(mean + 2 * 2.66 / 3 * amr)
    assert list(d["group"]) == [0] * 20 and d["target"].isna().all()


def test_outlier_screening_changes_the_limits_as_in_the_reference():
    y = list(RNORM_123)
    y[14] = 10  # data$y[15] <- 10
    r1, r2, r3 = spc(RNORM_123), spc(y), spc(y, screen_outliers=False)
    for col in ("lpl", "upl"):
        assert len({r1[col].iloc[0], r2[col].iloc[0], r3[col].iloc[0]}) == 3
    assert r3["upl"].iloc[0] - r3["lpl"].iloc[0] > r2["upl"].iloc[0] - r2["lpl"].iloc[0]
    # by hand: mean moving range 1.9797; the two either side of 10 (9.889, 8.213) are at least
    # 3.267 x 1.9797 = 6.468 and go; the other 17 average 1.14777
    assert r2["upl"].iloc[0] == pytest.approx(0.66941586 + 2.66 * 1.1477749835)


def test_rebase_and_fix_after_n_points():
    d = quiet(RNORM_123, rebase_at=[10])
    assert list(d["group"]) == [0] * 10 + [1] * 10
    fixed = spc(RNORM_123, fix_after_n_points=12)
    assert fixed["lpl"].iloc[0] != spc(RNORM_123)["lpl"].iloc[0]
    assert fixed["mean"].iloc[0] == pytest.approx(sum(RNORM_123[:12]) / 12)
    y = list(range(1, 13)) + [50] * 13
    d = quiet(y, rebase_at=[12])
    assert d["mean"].iloc[-1] == 50 and d["mean"].iloc[0] == 6.5
    f = quiet([1] * 12 + [100] * 3, fix_after_n_points=12)
    assert f["mean"].iloc[-1] == 1 and list(f["outside_limits"][-3:]) == [False] * 3  # amr 0: limits equal mean
    with pytest.raises(ValueError, match="at least 12"):
        spc(range(20), fix_after_n_points=5)


def test_two_close_points_on_opposite_sides_are_common_cause():
    y = [1, -1] * 8
    y[14], y[15] = 5.5, -5.5
    d = spc(y)
    assert list(d["point_type"].iloc[-2:]) == ["common_cause", "common_cause"]


# whole series worked by hand -------------------------------------------------------------------
def test_a_rising_series():
    d = quiet(range(1, 13), target=5)
    assert d["mean"].iloc[0] == 6.5
    assert d["lpl"].iloc[0] == pytest.approx(6.5 - 2.66) and d["upl"].iloc[0] == pytest.approx(6.5 + 2.66)
    assert d["nupl"].iloc[0] == pytest.approx(6.5 + 2 * 2.66 / 3)
    assert list(d["outside_limits"]) == [True] * 3 + [False] * 6 + [True] * 3
    assert list(d["special_cause_type"]) == ["Below LCL"] * 3 + ["7 Point Trend (Increasing)"] * 6 + ["Above UCL"] * 3
    assert list(d["point_type"]) == ["special_cause_concern"] * 3 + ["special_cause_improvement"] * 9
    assert d.attrs["variation"] == "special_cause_improvement"
    assert d.attrs["assurance"] == "inconsistent"
    assert quiet(range(1, 13), target=3).attrs["assurance"] == "consistent_pass"
    assert quiet(range(1, 13), target=10).attrs["assurance"] == "consistent_fail"
    assert quiet(range(1, 13), improvement="decrease", target=10).attrs["assurance"] == "consistent_pass"
    assert quiet(range(1, 13), improvement="neutral", target=10).attrs["assurance"] is None
    assert quiet(range(1, 13)).attrs["assurance"] is None


def test_outlier_screening_recomputes_the_mean_moving_range_once():
    y = [5, 6, 5, 6, 5, 6, 20, 6, 5, 6, 5, 6, 5]
    d = spc(y)
    mean = 86 / 13
    assert d["mean"].iloc[0] == pytest.approx(mean)
    assert d["upl"].iloc[0] == pytest.approx(mean + 2.66 * 1.0)  # the two moving ranges of 14 dropped
    assert spc(y, screen_outliers=False)["upl"].iloc[0] == pytest.approx(mean + 2.66 * 38 / 12)
    assert list(d["special_cause_flag"]) == [False] * 6 + [True] + [False] * 6
    assert d["special_cause_type"].iloc[6] == "Above UCL"
    assert d["point_type"].iloc[6] == "special_cause_improvement"
    assert d.attrs["variation"] == "common_cause"


def test_neutral_points_are_high_or_low():
    d = spc([5, 6, 5, 6, 5, 6, 20, 6, 5, 6, 5, 6, 5, -10], improvement="neutral")
    assert d["point_type"].iloc[6] == "special_cause_neutral_high"
    assert d["point_type"].iloc[-1] == "special_cause_neutral_low"


def test_decrease_is_improvement_below_the_mean():
    d = spc([5, 6, 5, 6, 5, 6, 20, 6, 5, 6, 5, 6, 5], improvement="decrease")
    assert d["point_type"].iloc[6] == "special_cause_concern"


def test_two_of_three_close_to_a_limit():
    # by hand: 27 points, mean 289/27 = 10.704, mean moving range 30.2/26 = 1.162,
    # near limit 12.763 and limit 13.793: 12.9 is close, 11.2 is above the mean but not close
    y = [10, 11] * 10 + [12.9, 11.2, 12.9] + [10, 11] * 2
    d = spc(y)
    assert d["mean"].iloc[0] == pytest.approx(289 / 27)
    assert d["nupl"].iloc[0] == pytest.approx(289 / 27 + 2 * 2.66 / 3 * 30.2 / 26)
    assert list(d.index[d["special_cause_type"] == "2 in 3 Above CL"]) == [20, 22]  # only the close points
    assert not d.loc[21, "special_cause_flag"]
    assert d.loc[20, "point_type"] == "special_cause_improvement"


def test_edge_cases_single_point_empty_and_bad_input():
    one = quiet([7.0])
    assert one["mean"].iloc[0] == 7 and np.isnan(one["upl"].iloc[0]) and one["point_type"].iloc[0] == "common_cause"
    assert quiet([7.0], target=5).attrs["assurance"] == "inconsistent"  # 0.2.2: NA limits fall to "inconsistent"
    empty = spc([])
    assert empty.empty and "point_type" in empty.columns and empty.attrs["variation"] is None
    with pytest.raises(ValueError, match="improvement must be"):
        spc([1, 2], improvement="up")
    with pytest.raises(ValueError, match=r"finite numbers \(position 1"):
        spc([1, float("nan"), 3])


def test_columns_are_always_the_same():
    cols = ["value", "group", "mean", "lpl", "upl", "nlpl", "nupl", "outside_limits", "close_to_limits",
            "relative_to_mean", "special_cause_type", "point_type"]  # fmt: skip
    for d in (spc([]), quiet([1]), quiet(range(30))):
        assert all(c in d.columns for c in cols)


def test_p_chart_limits_vary_with_the_denominator():
    d = p_chart([10, 20, 5, 40], [100, 200, 50, 400])
    assert d["centre"].iloc[0] == pytest.approx(75 / 750)
    p = 0.1
    assert d["ucl"].iloc[2] == pytest.approx(p + 3 * np.sqrt(p * (1 - p) / 50))
    assert d["lcl"].iloc[2] == 0  # floored at 0
    assert d["ucl"].iloc[3] < d["ucl"].iloc[2]
    assert p_chart([1, 1], [1, 1])["ucl"].max() <= 1  # capped at 1
    with pytest.raises(ValueError):
        p_chart([5], [4])


def test_p_chart_trend_direction_comes_from_the_trend():
    # proportions 40% steady then rising 7 times from below the centre: an increasing trend
    x = [40, 41, 39, 40, 41, 39, 40, 41, 36, 37, 38, 39, 40, 41, 42]
    d = p_chart(x, [100] * 15)
    assert list(d["special_cause_type"].iloc[-7:]) == ["7 Point Trend (Increasing)"] * 7
    assert list(d["point_type"].iloc[-7:]) == ["special_cause_improvement"] * 7


# the vectorised matrix against spc, row by row ------------------------------------------------
def _series_zoo(rng, count: int, length: int) -> np.ndarray:
    """Random series of the shapes that trip SPC rules: noise, ties, constants, trends, shifts,
    alternation and outliers."""
    kinds = rng.integers(0, 8, count)
    Y = np.empty((count, length))
    t = np.arange(length)
    for i, k in enumerate(kinds):
        if k == 0:  # noise, coarsely rounded so ties are common
            Y[i] = np.round(rng.normal(10, 2, length))
        elif k == 1:  # constant, or constant with one step
            Y[i] = 5.0
            if rng.random() < 0.5:
                Y[i, rng.integers(1, length) :] = 5 + rng.integers(-3, 4)
        elif k == 2:  # a long trend, up or down, with a tie somewhere
            Y[i] = (t if rng.random() < 0.5 else -t) + rng.normal(0, 0.1, length).round(1)
            j = rng.integers(1, length)
            Y[i, j] = Y[i, j - 1]
        elif k == 3:  # two trends meeting (peaks, valleys, ties at the join)
            m = rng.integers(1, length) if length < 11 else rng.integers(5, length - 5)
            Y[i] = np.where(t < m, t, 2 * m - t - rng.integers(0, 2))
        elif k == 4:  # alternating
            Y[i] = np.where(t % 2 == 0, 1.0, -1.0) * rng.integers(1, 4)
            Y[i, rng.integers(0, length)] += rng.choice([-5.5, 5.5])
        elif k == 5:  # a shift of the mean
            Y[i] = rng.normal(0, 1, length).round(1) + np.where(t >= rng.integers(1, length), 2.5, 0)
        elif k == 6:  # noise with outliers
            Y[i] = rng.normal(50, 5, length).round(1)
            Y[i, rng.integers(0, length, 2)] = rng.choice([10.0, 120.0])
        else:  # small integers: many points on the mean
            Y[i] = rng.integers(0, 3, length)
    return Y


@pytest.mark.parametrize("length", [3, 7, 12, 24])
def test_spc_matrix_agrees_with_spc_row_by_row(length):
    rng = np.random.default_rng(length)
    Y = _series_zoo(rng, 750, length)  # 3,000 series over the four lengths
    targets = rng.normal(10, 5, len(Y)).round()
    for improvement in ("increase", "decrease", "neutral"):
        m = spc_matrix(Y, improvement, targets=targets)
        for i in range(len(Y)):
            d = quiet(Y[i], improvement=improvement, target=targets[i])
            assert list(m["point_type"][i]) == list(d["point_type"]), (improvement, list(Y[i]))
            assert m["assurance"][i] == d.attrs["assurance"] and m["variation"][i] == d.attrs["variation"]
            np.testing.assert_allclose([m["mean"][i], m["upl"][i]], [d["mean"].iloc[0], d["upl"].iloc[0]])
