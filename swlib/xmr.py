"""Statistical process control as NHS England's "Making Data Count" does it.

An XmR chart computed as NHSRplotthedots 0.2.2 computes it (``ptd_spc``; its R source and
tests are in ``shared/reference/NHSRplotthedots-0.2.2``): the centre is the mean of the
baseline; moving ranges |y[t] - y[t-1]|; with outlier screening, moving ranges at or above
3.267 x their mean are dropped and the mean moving range recomputed once; limits are
mean +/- 2.66 x mean moving range, near limits mean +/- (2/3)(2.66) x mean moving range.

Points are classified as ``ptd_special_cause_type`` and ``ptd_point_type`` do. Each special
cause takes its label, and so its direction, from the first rule that fires, in this order:

1. outside the limits: "Above UCL" or "Below LCL" (the point's side of the mean);
2. part of a 7-point trend (6 consecutive strictly rising or falling differences; a tie breaks
   it; all 7 points flagged): "7 Point Trend (Increasing)" or "(Decreasing)", from the sign of
   the step to the next point where that point is also in a trend, else of the step from the
   one before. At the join of two trends separated by a tie that step is 0, and 0.2.2 calls
   it "Decreasing" (``ifelse(sdy == 1, "In", "De")``); kept, as the reference does it;
3. 2 of 3 consecutive points beyond a near limit, all 3 on one side of the mean (only the
   close points flagged): "2 in 3 Above CL" / "Below CL";
4. 7 consecutive points on one side of the mean (a point on the mean breaks it): "7 Points
   Above CL" / "Below CL".

A label with "Above" or "Increasing" is high, "Below" or "Decreasing" low; the point type is
``special_cause_improvement`` or ``special_cause_concern`` by the direction of improvement,
or ``special_cause_neutral_high`` / ``_low`` when there is none. A group of fewer than 13
points gets ``short_group_warning`` (0.2.2's ``ptd_spc.warning_threshold`` default is 13,
though its message says 12).

Where swlib differs from 0.2.2, only in what it accepts and returns, not in the figures:
- one series at a time (no facets); ``rebase_at`` takes positions, not dates;
- ``values`` must be finite: ``spc([1, nan, 3])`` is a ValueError (R would carry NA through);
- no target (``None`` or NaN) gives assurance None; 0.2.2 gives NA for no target, and for a
  series of one point with a target (limits NaN) it gives "inconsistent", as does swlib;
- ``p_chart`` is not in 0.2.2 (a p-chart: centre sum(x)/sum(n), limits at 3 and near limits
  at 2 standard errors of each point's own denominator); its points are classified by the
  same rules.

The rule helpers are tiny pure functions on arrays, tested on the reference's literal vectors.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view as windows

LIMIT = 2.66
NEAR = 2 * LIMIT / 3
SCREEN = 3.267
MIN_POINTS = 13  # fewer points in a group: the limits are trial limits (0.2.2's default threshold)
COLUMNS = [
    "value", "group", "mean", "lpl", "upl", "nlpl", "nupl", "outside_limits", "close_to_limits",
    "relative_to_mean", "special_cause_flag", "special_cause_type", "point_type", "short_group_warning", "target",
]  # fmt: skip
DIRECTIONS = {"increase": 1, "decrease": -1, "neutral": 0}
COMMON = "Common Cause"


class SPCWarning(UserWarning):
    """A group has too few points for reliable limits."""


# --- rule helpers: pure functions on arrays (0.2.2's ptd_* helpers) ------------------------
def seven_point_one_side_mean(rtm) -> np.ndarray:
    """1 at the 7th (and later) point of a run of 7 on one side of the mean; 0 elsewhere."""
    v = np.asarray(rtm, dtype=float)
    out = np.zeros(len(v))
    for i in range(6, len(v)):
        w = v[i - 6 : i + 1]
        out[i] = float(w[0] != 0 and np.all(w == w[0]))
    return out


def seven_point_trend(y) -> np.ndarray:
    """1 at the 7th point of 7 strictly rising, -1 of 7 strictly falling; ties break trends."""
    y = np.asarray(y, dtype=float)
    out = np.zeros(len(y))
    if len(y) < 7:
        return out
    d = np.sign(np.diff(y))
    for i in range(6, len(y)):
        w = d[i - 6 : i]
        if np.all(w == 1):
            out[i] = 1
        elif np.all(w == -1):
            out[i] = -1
    return out


def part_of_seven(flags) -> np.ndarray:
    """1 for every point of a run whose 7th point is flagged, either sign (the flag and the 6
    before it): 0.2.2's ``ptd_part_of_seven_trend``."""
    f = np.asarray(flags, dtype=float) != 0
    out = np.zeros(len(f))
    for i in np.flatnonzero(f):
        out[max(0, i - 6) : i + 1] = 1
    return out


def two_in_three(close, rtm) -> np.ndarray:
    """1 where a point lies in 3 consecutive points, 2+ close to a limit, all on one side of the mean."""
    c = np.asarray(close, dtype=float)
    r = np.asarray(rtm, dtype=float)
    n = len(c)
    out = np.zeros(n)
    if len(r) != n:  # 0.2.2 pads the shorter vector with zeros; no window can then qualify there
        r = np.concatenate([r, np.zeros(n)])[:n]
    for s in range(0, n - 2):
        if c[s : s + 3].sum() >= 2 and abs(r[s : s + 3].sum()) == 3:
            out[s : s + 3] = 1
    return out


def part_of_two_in_three(flags, close) -> np.ndarray:
    """Only the points that are themselves close to a limit are flagged."""
    return ((np.asarray(flags) == 1) & (np.abs(np.asarray(close)) == 1)).astype(float)


def trend_direction(y, part_trend) -> np.ndarray:
    """The sign 0.2.2 gives a trend point: the step to the next point where that point is in a
    trend too ("use right side"), else the step from the point before (0 for the first)."""
    y = np.asarray(y, dtype=float)
    part = np.asarray(part_trend, dtype=float) != 0
    n = len(y)
    if n < 2:
        return np.zeros(n)
    sdy = np.sign(np.diff(y))
    right = np.concatenate([sdy, sdy[-1:]])
    left = np.concatenate([[0.0], sdy])
    both = np.concatenate([part[1:], [False]]) & part
    return np.where(both, right, left)


def special_cause_labels(y, rtm, outside, part_trend, part_two, part_shift) -> np.ndarray:
    """The label of the first rule that fires, in 0.2.2's order (its ``case_when``)."""
    rtm = np.asarray(rtm, dtype=float)
    above = np.where(rtm > 0, "Above", "Below")
    up = np.where(trend_direction(y, part_trend) == 1, "In", "De")
    conditions = [np.asarray(x, dtype=float) != 0 for x in (outside, part_trend, part_two, part_shift)]
    choices = [
        np.where(rtm == 1, "Above UCL", "Below LCL"),
        np.char.add(np.char.add("7 Point Trend (", up), "creasing)"),
        np.char.add(np.char.add("2 in 3 ", above), " CL"),
        np.char.add(np.char.add("7 Points ", above), " CL"),
    ]
    if len(rtm) == 0:
        return np.array([], dtype=object)
    return np.select(conditions, choices, default=COMMON).astype(object)


def special_cause_type(y, rtm, close, outside) -> np.ndarray:
    """0.2.2's ``ptd_special_cause_type`` on one group."""
    part_trend = part_of_seven(seven_point_trend(y))
    part_two = part_of_two_in_three(two_in_three(close, rtm), close)
    part_shift = part_of_seven(seven_point_one_side_mean(rtm))
    return special_cause_labels(y, rtm, outside, part_trend, part_two, part_shift)


def label_direction(labels) -> np.ndarray:
    """1 for a label with "Above" or "Increasing", -1 with "Below" or "Decreasing", else 0."""
    s = np.asarray(labels, dtype=str)
    if s.size == 0:
        return np.zeros(0, dtype=int)
    has = lambda word: np.char.find(s, word) >= 0  # noqa: E731
    return np.where(has("Above") | has("Increasing"), 1, np.where(has("Below") | has("Decreasing"), -1, 0))


def point_type_from_direction(v, improvement: str) -> np.ndarray:
    """0.2.2's ``ptd_point_type`` on directions (1 high, -1 low, 0 common cause)."""
    v = np.asarray(v) * (DIRECTIONS[improvement] or 1)
    if DIRECTIONS[improvement] == 0:
        names = ("special_cause_neutral_high", "special_cause_neutral_low")
    else:
        names = ("special_cause_improvement", "special_cause_concern")
    return np.where(v > 0, names[0], np.where(v < 0, names[1], "common_cause")).astype(object)


def point_type(labels, improvement: str) -> np.ndarray:
    """0.2.2's ``ptd_point_type``: the point type of each special-cause label."""
    return point_type_from_direction(label_direction(labels), improvement)


def short_group_warnings(groups, threshold: int = MIN_POINTS) -> np.ndarray:
    """True for every point of a group with fewer than ``threshold`` points."""
    g = np.asarray(groups)
    if g.size == 0:
        return np.zeros(0, dtype=bool)
    _, inverse, counts = np.unique(g, return_inverse=True, return_counts=True)
    return counts[inverse] < threshold


def classify(y, centre, lower, upper, near_lower, near_upper):
    """The limit tests and special-cause rules on one group:
    (outside, close, relative_to_mean, flag, special_cause_type)."""
    with np.errstate(invalid="ignore"):
        outside = (y > upper) | (y < lower)
        close = ~outside & ((y < near_lower) | (y > near_upper))
    rtm = np.sign(y - centre)
    labels = special_cause_type(y, rtm, close, outside)
    return outside, close, rtm, labels != COMMON, labels


# --- the chart ----------------------------------------------------------------------------
def _validate(values, improvement: str, fix_after_n_points, rebase_at) -> np.ndarray:
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be 'increase', 'decrease' or 'neutral' ({improvement!r} is not)")
    if fix_after_n_points is not None and (int(fix_after_n_points) != fix_after_n_points or fix_after_n_points < 12):
        raise ValueError(f"fix_after_n_points must be a whole number of at least 12 ({fix_after_n_points!r} is not)")
    try:
        y = np.asarray(values, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"values must be numeric ({type(values).__name__} given)") from None
    bad = np.flatnonzero(~np.isfinite(y))
    if len(bad):
        raise ValueError(f"values must be finite numbers (position {int(bad[0])} is {y[bad[0]]})")
    for r in rebase_at:
        if not 0 < int(r) < max(len(y), 1):
            raise ValueError(f"rebase_at positions must be between 1 and {len(y) - 1} ({r!r} is not)")
    return y


def _limits(y: np.ndarray, fix_after_n_points, screen_outliers: bool) -> tuple[float, float]:
    base = y[:fix_after_n_points] if fix_after_n_points else y
    mean = float(base.mean()) if len(base) else np.nan
    mr = np.abs(np.diff(base))
    if len(mr) == 0:
        return mean, np.nan
    amr = mr.mean()
    if screen_outliers:
        kept = mr[mr < SCREEN * amr]
        amr = kept.mean() if len(kept) else np.nan
    return mean, float(amr)


def spc(
    values,
    improvement: str = "increase",
    target=None,
    rebase_at=(),
    fix_after_n_points=None,
    screen_outliers: bool = True,
) -> pd.DataFrame:
    """An XmR chart of ``values`` (in time order); see the module notes for the rules."""
    y = _validate(values, improvement, fix_after_n_points, rebase_at)
    n = len(y)
    group = np.zeros(n, dtype=int)
    for r in sorted(int(r) for r in rebase_at):
        group[r:] += 1
    cols = {c: np.empty(n, dtype=float) for c in ("mean", "lpl", "upl", "nlpl", "nupl")}
    flag = np.zeros(n, dtype=bool)
    kind = np.full(n, COMMON, dtype=object)
    rtm = np.zeros(n)
    outside = np.zeros(n, dtype=bool)
    close = np.zeros(n, dtype=bool)
    for g in np.unique(group):
        idx = np.flatnonzero(group == g)
        yg = y[idx]
        mean, amr = _limits(yg, fix_after_n_points, screen_outliers)
        lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
        nlpl, nupl = mean - NEAR * amr, mean + NEAR * amr
        for c, v in (("mean", mean), ("lpl", lpl), ("upl", upl), ("nlpl", nlpl), ("nupl", nupl)):
            cols[c][idx] = v
        out_g, close_g, r_g, flag_g, k = classify(yg, mean, lpl, upl, nlpl, nupl)
        outside[idx], close[idx], rtm[idx] = out_g, close_g, r_g
        flag[idx] = flag_g
        kind[idx] = k
    short = short_group_warnings(group)
    if short.any():
        warnings.warn(
            f"some groups have fewer than {MIN_POINTS} points: their limits are trial limits", SPCWarning, stacklevel=2
        )
    types = point_type(kind, improvement)
    df = pd.DataFrame(
        {
            "value": y, "group": group, **cols, "outside_limits": outside, "close_to_limits": close,
            "relative_to_mean": rtm.astype(int), "special_cause_flag": flag, "special_cause_type": kind,
            "point_type": types, "short_group_warning": short,
            "target": np.full(n, np.nan if target is None else float(target)),
        },
        columns=COLUMNS,
    )  # fmt: skip
    df.attrs["variation"] = variation_type(df)
    df.attrs["assurance"] = assurance_type(df, target, improvement)
    df.attrs["improvement"] = improvement
    return df


def variation_type(df: pd.DataFrame) -> str | None:
    """The variation icon: the last point's type."""
    return None if df.empty else str(df["point_type"].iloc[-1])


def assurance_type(df: pd.DataFrame, target, improvement: str) -> str | None:
    """Whether the process will consistently pass or fail the target, from the last group's limits."""
    if target is None or improvement == "neutral" or df.empty or pd.isna(target):
        return None
    last = df.iloc[-1]
    increasing = improvement == "increase"
    if target > last["upl"]:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < last["lpl"]:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"


def p_chart(numerators, denominators, improvement: str = "increase", target=None) -> pd.DataFrame:
    """A p-chart: proportions with varying denominators; limits p +/- 3 sqrt(p(1-p)/n), in [0, 1]."""
    x = np.asarray(numerators, dtype=float)
    n = np.asarray(denominators, dtype=float)
    if x.shape != n.shape:
        raise ValueError(f"numerators and denominators must be the same length ({len(x)} and {len(n)})")
    if np.any(n <= 0) or np.any(x < 0) or np.any(x > n):
        raise ValueError("each denominator must be positive and each numerator from 0 to its denominator")
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be 'increase', 'decrease' or 'neutral' ({improvement!r} is not)")
    p = x / n
    centre = x.sum() / n.sum() if len(n) else np.nan
    sigma = np.sqrt(centre * (1 - centre) / n)
    lcl, ucl = np.clip(centre - 3 * sigma, 0, 1), np.clip(centre + 3 * sigma, 0, 1)
    nl, nu = np.clip(centre - 2 * sigma, 0, 1), np.clip(centre + 2 * sigma, 0, 1)
    outside, close, rtm, flag, labels = classify(p, centre, lcl, ucl, nl, nu)
    df = pd.DataFrame({"value": p, "numerator": x, "denominator": n, "centre": centre, "lcl": lcl, "ucl": ucl,
                       "outside_limits": outside, "close_to_limits": close, "relative_to_mean": rtm.astype(int),
                       "special_cause_flag": flag, "special_cause_type": labels,
                       "point_type": point_type(labels, improvement)})  # fmt: skip
    df.attrs["variation"] = variation_type(df)
    return df


def spc_matrix(values, improvement: str = "increase", targets=None, screen_outliers: bool = True) -> dict:
    """Many XmR charts at once: one row per series, one column per period (equal lengths, no
    rebasing). Vectorised with numpy; gives what ``spc`` gives for each row (the tests check
    they agree). Returns arrays: mean, lpl, upl, point_type (rows x periods), and variation and
    assurance per series."""

    Y = np.asarray(values, dtype=float)
    if Y.ndim != 2:
        raise ValueError(f"values must be a 2-D array, series by period ({Y.ndim}-D given)")
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be 'increase', 'decrease' or 'neutral' ({improvement!r} is not)")
    S, T = Y.shape
    mean = Y.mean(axis=1)
    mr = np.abs(np.diff(Y, axis=1))
    with np.errstate(invalid="ignore"):
        amr = mr.mean(axis=1) if T > 1 else np.full(S, np.nan)
        if screen_outliers and T > 1:
            kept = np.where(mr < SCREEN * amr[:, None], mr, np.nan)
            count = (~np.isnan(kept)).sum(axis=1)
            amr = np.where(count > 0, np.nansum(kept, axis=1) / np.maximum(count, 1), np.nan)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    nlpl, nupl = mean - NEAR * amr, mean + NEAR * amr
    with np.errstate(invalid="ignore"):
        outside = (Y > upl[:, None]) | (Y < lpl[:, None])
        close = ~outside & ((Y < nlpl[:, None]) | (Y > nupl[:, None]))
    rtm = np.sign(Y - mean[:, None])
    part_trend = np.zeros((S, T), dtype=bool)
    part_shift = np.zeros((S, T), dtype=bool)
    part_two = np.zeros((S, T), dtype=bool)
    direction = np.zeros((S, T))
    if T >= 7:
        d = np.sign(np.diff(Y, axis=1))
        w = windows(d, 6, axis=1)
        trend_end = np.zeros((S, T), dtype=bool)
        trend_end[:, 6:] = np.all(w == 1, axis=2) | np.all(w == -1, axis=2)
        wr = windows(rtm, 7, axis=1)
        shift_end = np.zeros((S, T), dtype=bool)
        shift_end[:, 6:] = np.all(wr == wr[:, :, :1], axis=2) & (wr[:, :, 0] != 0)
        pad = np.zeros((S, 6), dtype=bool)
        part_trend = windows(np.concatenate([trend_end, pad], axis=1), 7, axis=1).any(axis=2)
        part_shift = windows(np.concatenate([shift_end, pad], axis=1), 7, axis=1).any(axis=2)
        # a trend point's sign: the step to the next point if that is in a trend too, else the step before
        right = np.concatenate([d, d[:, -1:]], axis=1)
        left = np.concatenate([np.zeros((S, 1)), d], axis=1)
        both = np.concatenate([part_trend[:, 1:], np.zeros((S, 1), dtype=bool)], axis=1) & part_trend
        direction = np.where(both, right, left)
    if T >= 3:
        c3 = windows(close.astype(int), 3, axis=1).sum(axis=2) >= 2
        r3 = np.abs(windows(rtm, 3, axis=1).sum(axis=2)) == 3
        start = c3 & r3  # S x (T-2): a qualifying window starting at s
        pad2 = np.zeros((S, 2), dtype=bool)
        member = windows(np.concatenate([pad2, start, pad2], axis=1), 3, axis=1).any(axis=2)[:, :T]
        part_two = member & close
    side = np.where(rtm > 0, 1, -1)
    high_low = np.select(
        [outside, part_trend, part_two, part_shift],
        [np.where(rtm == 1, 1, -1), np.where(direction == 1, 1, -1), side, side],
        default=0,
    )
    point_type = point_type_from_direction(high_low, improvement)
    assurance = np.full(S, None, dtype=object)
    if targets is not None and improvement != "neutral":
        t = np.broadcast_to(np.asarray(targets, dtype=float), (S,))
        inc = improvement == "increase"
        assurance = np.where(np.isnan(t), None,
                             np.where(t > upl, "consistent_fail" if inc else "consistent_pass",
                                      np.where(t < lpl, "consistent_pass" if inc else "consistent_fail", "inconsistent")))  # fmt: skip
    return {"mean": mean, "lpl": lpl, "upl": upl, "point_type": point_type,
            "variation": point_type[:, -1] if T else np.full(S, None), "assurance": assurance}  # fmt: skip
