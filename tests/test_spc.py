"""The XmR chart and its rules, pinned on literal vectors and series worked out by hand."""

import warnings

import numpy as np
import pytest

from swlib.spc import (
    SPCWarning,
    p_chart,
    part_of_seven,
    part_of_two_in_three,
    seven_point_one_side_mean,
    seven_point_trend,
    spc,
    two_in_three,
)


def quiet(*a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        return spc(*a, **k)


# the rule helpers ---------------------------------------------------------------------------
def test_seven_point_trend():
    assert list(seven_point_trend([])) == []
    assert list(seven_point_trend(range(1, 7))) == [0] * 6
    assert list(seven_point_trend(range(1, 8))) == [0, 0, 0, 0, 0, 0, 1]
    assert list(seven_point_trend([1, 2, 3, 3, 4, 5, 6])) == [0] * 7  # a tie breaks it
    assert list(seven_point_trend([2, 1, 2, 3, 4, 5, 6, 7, 3])) == [0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert list(seven_point_trend(range(7, 0, -1))) == [0, 0, 0, 0, 0, 0, -1]


def test_part_of_seven_flags_the_whole_run_both_directions():
    assert list(part_of_seven(seven_point_trend(range(1, 8)))) == [1] * 7
    assert list(part_of_seven(seven_point_trend(range(7, 0, -1)))) == [1] * 7
    assert list(part_of_seven([0, 0, 0, 0, 0, 0, 0, 1, 0])) == [0, 1, 1, 1, 1, 1, 1, 1, 0]


def test_seven_points_one_side_of_the_mean():
    assert list(seven_point_one_side_mean([1] * 6)) == [0] * 6
    assert list(seven_point_one_side_mean([1] * 6 + [-1])) == [0] * 7
    assert list(seven_point_one_side_mean([1] * 8 + [-1])) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert list(seven_point_one_side_mean([-1] * 8 + [1])) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
    assert list(seven_point_one_side_mean([1, 1, 1, 0, 1, 1, 1, 1])) == [0] * 8  # on the mean breaks it


def test_two_in_three():
    assert list(two_in_three([], [])) == []
    assert list(two_in_three([1, 0, 1], [1, 1, 1])) == [1, 1, 1]
    assert list(two_in_three([0, 1, 1], [-1, -1, -1])) == [1, 1, 1]
    assert list(two_in_three([0, 0, 1, 0, 1, 0, 0], [1] * 7)) == [0, 0, 1, 1, 1, 0, 0]
    assert list(two_in_three([0, 0, 1, 1, 0, 0, 0], [1] * 7)) == [0, 1, 1, 1, 1, 0, 0]
    assert list(two_in_three([1, 0, 1], [1, -1, 1])) == [0, 0, 0]  # not all on one side
    assert list(part_of_two_in_three([0, 1, 1, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0, 0])) == [0, 0, 1, 1, 0, 0, 0]


# whole series -------------------------------------------------------------------------------
def test_a_rising_series():
    d = quiet(range(1, 13), target=5)
    assert d["mean"].iloc[0] == 6.5
    assert d["lpl"].iloc[0] == pytest.approx(6.5 - 2.66) and d["upl"].iloc[0] == pytest.approx(6.5 + 2.66)
    assert d["nupl"].iloc[0] == pytest.approx(6.5 + 2 * 2.66 / 3)
    assert list(d["outside_limits"]) == [True] * 3 + [False] * 6 + [True] * 3
    assert list(d["special_cause_type"]) == ["outside_limits"] * 3 + ["trend"] * 6 + ["outside_limits"] * 3
    assert list(d["point_type"]) == ["special_cause_concern"] * 6 + ["special_cause_improvement"] * 6
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
    assert list(d.index[d["special_cause_type"] == "two_in_three"]) == [20, 22]  # only the close points
    assert not d.loc[21, "special_cause_flag"]
    assert d.loc[20, "point_type"] == "special_cause_improvement"


def test_rebase_and_fix_after_n_points():
    y = list(range(1, 13)) + [50] * 13
    d = quiet(y, rebase_at=[12])
    assert list(d["group"].unique()) == [0, 1]
    assert d["mean"].iloc[-1] == 50 and d["mean"].iloc[0] == 6.5
    f = quiet([1] * 12 + [100] * 3, fix_after_n_points=12)
    assert f["mean"].iloc[-1] == 1 and list(f["outside_limits"][-3:]) == [False] * 3  # amr 0: limits equal mean
    with pytest.raises(ValueError, match="at least 12"):
        spc(range(20), fix_after_n_points=5)


def test_short_groups_warn():
    with pytest.warns(SPCWarning, match="fewer than 13"):
        d = spc(range(12))
    assert d["short_group_warning"].all()


def test_edge_cases_single_point_empty_and_bad_input():
    one = quiet([7.0])
    assert one["mean"].iloc[0] == 7 and np.isnan(one["upl"].iloc[0]) and one["point_type"].iloc[0] == "common_cause"
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


def test_the_vectorised_matrix_agrees_with_spc_on_random_series():
    from swlib.spc import spc_matrix

    rng = np.random.default_rng(7)
    Y = np.round(
        rng.normal(50, 5, size=(300, 24))
        + np.linspace(0, rng.normal(0, 8), 24)[None, :] * rng.integers(0, 2, (300, 1)),
        1,
    )
    Y[5, 10] = 120  # an outlier
    Y[6, :] = np.arange(24)  # a trend
    for improvement in ("increase", "decrease", "neutral"):
        m = spc_matrix(Y, improvement, targets=52)
        for i in range(0, 300, 7):
            d = quiet(Y[i], improvement=improvement, target=52)
            assert list(m["point_type"][i]) == list(d["point_type"]), (improvement, i)
            assert m["upl"][i] == pytest.approx(d["upl"].iloc[0]) and m["mean"][i] == pytest.approx(d["mean"].iloc[0])
            assert m["assurance"][i] == d.attrs["assurance"] and m["variation"][i] == d.attrs["variation"]
