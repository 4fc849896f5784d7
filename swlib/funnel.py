"""Funnel-plot limits with an allowance for over-dispersion, as FunnelPlotR 0.6.0 computes them.

Spiegelhalter (2005), "Funnel plots for comparing institutional performance", with the additive
random-effects adjustment of DerSimonian and Laird: each group's figure is turned into a z-score
on a variance-stabilising scale (log for standardised ratios by the SHMI method, square root by
the CQC method, arcsine square root for proportions, log for ratios of counts); the extreme
``trim_by`` of the z-scores at each end is Winsorised (CQC, proportions, ratios of counts) or left
out (SHMI); the dispersion ratio ``phi`` is the mean squared z-score of what remains, and the
between-group variance ``tau2`` is added to each group's own variance to widen the limits.

This is a port of FunnelPlotR's ``aggregate_func``, ``transformed_zscore``, ``winsorisation``,
``truncation``, ``phi_func``, ``tau_func``, ``build_limits_lookup``, ``calculate_limits`` and
``outliers_func`` (MIT licence, NHS-R Community); tests/test_funnel.py holds figures computed by
sourcing its R files.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .errors import SwError

DATA_TYPES = ("SR", "PR", "RC")
SR_METHODS = ("SHMI", "CQC")
Z95, Z998 = 1.959964, 3.090232  # FunnelPlotR's own constants, to its six decimals
LIMIT_COLUMNS = ("OD95LCL", "OD95UCL", "OD99LCL", "OD99UCL", "LCL95", "UCL95", "LCL99", "UCL99")


class FunnelError(SwError, ValueError):
    """Input a funnel plot cannot be drawn from; the message names the group and the value."""


def _check(data_type: str, sr_method: str, trim_by: float, limit: int) -> None:
    if data_type not in DATA_TYPES:
        raise FunnelError(f"data_type must be one of {', '.join(DATA_TYPES)} ({data_type!r} is not)")
    if sr_method not in SR_METHODS:
        raise FunnelError(f"sr_method must be one of {', '.join(SR_METHODS)} ({sr_method!r} is not)")
    if not 0 < trim_by < 0.5:
        raise FunnelError(f"trim_by must be a proportion above 0 and below 0.5 ({trim_by!r} is not)")
    if limit not in (95, 99):
        raise FunnelError(f"limit must be 95 or 99 ({limit!r} is not)")


def _aggregate(numerator, denominator, group) -> pd.DataFrame:
    """FunnelPlotR's ``aggregate_func``: sums by group, groups in sorted order, ``rr`` the ratio."""
    num = pd.to_numeric(pd.Series(list(numerator)), errors="coerce").astype(float)
    den = pd.to_numeric(pd.Series(list(denominator)), errors="coerce").astype(float)
    grp = pd.Series(list(group))
    if not len(num) == len(den) == len(grp):
        raise FunnelError(
            f"numerator, denominator and group must be the same length ({len(num)}, {len(den)}, {len(grp)})"
        )
    if len(grp) == 0:
        raise FunnelError("a funnel plot needs at least one group; none was given")
    for i in range(len(grp)):
        if pd.isna(grp[i]):
            raise FunnelError(f"row {i + 1}: the group is missing")
        if not math.isfinite(num[i]) or num[i] < 0:
            raise FunnelError(f"group {grp[i]!r}: numerator {_text(num[i])}; expected a count of 0 or more")
        if not math.isfinite(den[i]) or den[i] <= 0:
            raise FunnelError(f"group {grp[i]!r}: denominator {_text(den[i])}; expected a number above 0")
    agg = (
        pd.DataFrame({"group": grp, "numerator": num, "denominator": den})
        .groupby("group", sort=True)[["numerator", "denominator"]]
        .sum()
        .reset_index()
    )
    agg["rr"] = agg["numerator"] / agg["denominator"]
    return agg


def _text(x: float) -> str:
    return "missing" if pd.isna(x) else f"{x:g}"


def _zscores(agg: pd.DataFrame, data_type: str, sr_method: str) -> tuple[np.ndarray, np.ndarray]:
    """FunnelPlotR's ``transformed_zscore``: the unadjusted z-score and standard error ``s``."""
    o, e = agg["numerator"].to_numpy(float), agg["denominator"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if data_type == "SR" and sr_method == "SHMI":
            return np.sqrt(e) * np.log(o / e), 1 / np.sqrt(e)
        if data_type == "SR":
            y, s, t = np.sqrt(o / e), 1 / (2 * np.sqrt(e)), 1.0
        elif data_type == "PR":
            t = math.asin(math.sqrt(o.sum() / e.sum()))
            y, s = np.arcsin(np.sqrt(o / e)), 1 / (2 * np.sqrt(e))
        else:
            t = math.log(o.sum() / e.sum())
            y = np.log((o + 0.5) / (e + 0.5))
            s = np.sqrt(o / (o + 0.5) ** 2 + e / (e + 0.5) ** 2)
        return (y - t) / s, s


def _r_rank_average(x: np.ndarray) -> np.ndarray:
    """R's ``rank(x, ties.method = "average")``."""
    return pd.Series(x).rank(method="average").to_numpy(float)


def _trim(z: np.ndarray, trim_by: float, truncate: bool) -> np.ndarray:
    """Winsorised z-scores (FunnelPlotR's ``winsorisation``) or, for the SHMI method, the
    z-scores with the extreme groups left out as NaN (its ``truncation``)."""
    if truncate:
        k = 1 / trim_by
        maxk, mink = k - 1, 0.0
        sp = np.floor(_r_rank_average(z) * k / (len(z) + 1))
        return np.where((sp > mink) & (sp < maxk), z, np.nan)
    lz, uz = np.quantile(z, trim_by), np.quantile(z, 1 - trim_by)  # R's type 7 quantile
    return np.where(z < lz, lz, np.where(z > uz, uz, z))


def _phi_tau2(w: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    """FunnelPlotR's ``phi_func`` and ``tau_func`` on the kept z-scores ``w``."""
    keep = ~np.isnan(w)
    n = float(keep.sum())
    phi = float(np.sum(w[keep] ** 2) / n) if n else float("nan")
    S = s[keep]
    if len(S) == 0 or n * phi < n - 1:
        return phi, 0.0
    inv = 1 / S**2
    return phi, float(max(0.0, (n * phi - (n - 1)) / (np.sum(inv) - np.sum(inv**2) / np.sum(inv))))


def _r_round(x: float, digits: int) -> float:
    """R 4's ``round(x, digits)`` (src/nmath/fround.c) for x > 0: the nearer of the two
    candidates as computed in doubles, ties to the even last digit (55.555 gives 55.56 in R,
    55.55 in Python)."""
    if x <= 0 or not math.isfinite(x):
        return x
    if math.log10(2) * (0.5 + math.frexp(x)[1] - 1) + digits > 15:  # DBL_DIG
        return x
    p = 10.0**digits
    x10 = p * x
    i10 = math.floor(x10)
    xd, xu = i10 / p, math.ceil(x10) / p
    du, dd = xu - x, x - xd
    return xu if du < dd or (du == dd and i10 % 2 == 1) else xd


def _r_seq(start: float, end: float, length: int) -> np.ndarray:
    """R's ``seq(start, end, length.out = length)``, to the last bit."""
    n1 = length - 1
    return np.concatenate([[start], start + np.arange(1, n1) * ((end - start) / n1), [end]])


def funnel_limits(
    n, *, data_type: str = "SR", sr_method: str = "SHMI", target: float = 1.0, tau2: float = 0.0, multiplier=1
) -> pd.DataFrame:
    """FunnelPlotR's ``calculate_limits`` at each denominator ``n`` (sorted ascending, as its
    lookup is): the over-dispersed limits ``OD95LCL`` ... ``OD99UCL`` (with ``tau2``) and the
    unadjusted ``LCL95`` ... ``UCL99`` (exact Poisson for ratios; for proportions and ratios of
    counts the same normal approximation with ``tau2`` = 0), all times ``multiplier``."""
    from scipy.special import chdtri  # imported on first use: only the national report draws funnels

    n = np.sort(np.asarray(n, dtype=float))
    out = {"n": n}
    m = multiplier
    for od, t2 in (("OD", tau2), ("", 0.0)):
        names = [f"{od}95LCL", f"{od}95UCL", f"{od}99LCL", f"{od}99UCL"] if od else ["LCL95", "UCL95", "LCL99", "UCL99"]
        if data_type == "SR" and not od:
            # qchisq(p, df, lower.tail = FALSE) is chdtri(df, p)
            lims = [
                m * target * (chdtri(2 * n, 0.975) / 2) / n,
                m * target * (chdtri(2 * (n + 1), 0.025) / 2) / n,
                m * target * (chdtri(2 * n, 0.999) / 2) / n,
                m * target * (chdtri(2 * (n + 1), 0.001) / 2) / n,
            ]
        elif data_type == "SR" and sr_method == "SHMI":
            sd = np.sqrt(1 / n + t2)
            lims = [m * np.exp(-Z95 * sd), m * np.exp(Z95 * sd), m * np.exp(-Z998 * sd), m * np.exp(Z998 * sd)]
        elif data_type == "SR":
            sd = np.sqrt((1 / (2 * np.sqrt(n))) ** 2 + t2)
            lims = [m * (1 - Z95 * sd), m * (1 + Z95 * sd), m * (1 - Z998 * sd), m * (1 + Z998 * sd)]
        elif data_type == "RC":
            sd = np.sqrt((1 / (2 * np.sqrt(n))) ** 2 + t2)
            lt = math.log(target)
            lims = [m * np.exp(lt - Z95 * sd), m * np.exp(lt + Z95 * sd), m * np.exp(lt - Z998 * sd), m * np.exp(lt + Z998 * sd)]  # fmt: skip
        else:
            sd = np.sqrt((1 / (2 * np.sqrt(n))) ** 2 + t2)
            a = math.asin(math.sqrt(target))
            lims = [m * np.sin(a - Z95 * sd) ** 2, m * np.sin(a + Z95 * sd) ** 2,
                    m * np.sin(a - Z998 * sd) ** 2, m * np.sin(a + Z998 * sd) ** 2]  # fmt: skip
            # truncated at [0, 1]; and where the arcsine is not monotonic at small denominators
            # (a limit falls as n rises to the next point), the limit is 0 or 1 (FunnelPlotR's rule)
            for j, v in enumerate(lims):
                v = np.minimum(v, m) if j % 2 else np.maximum(v, 0.0)
                nxt = v[1:]
                head = np.where(nxt > v[:-1], m, v[:-1]) if j % 2 else np.where(v[:-1] > nxt, 0.0, v[:-1])
                lims[j] = np.concatenate([head, v[-1:]])
        out.update(zip(names, lims, strict=True))
    return pd.DataFrame(out)


def funnel_grid(denominators, data_type: str = "SR") -> np.ndarray:
    """FunnelPlotR's ``build_limits_lookup`` x values: 1,000 points from 1.1 (ratios) or 3 up to
    the largest denominator rounded up, with the groups' own denominators added."""
    d = np.asarray(denominators, dtype=float)
    top = float(math.ceil(d.max()))
    return np.unique(np.concatenate([_r_seq(1.1 if data_type == "SR" else 3.0, top, 1000), d]))


def funnel_plot_data(
    numerator,
    denominator,
    group,
    *,
    data_type: str = "SR",
    sr_method: str = "SHMI",
    trim_by: float = 0.1,
    multiplier=1,
    draw_adjusted: bool = True,
    limit: int = 99,
) -> pd.DataFrame:
    """One row per group, as FunnelPlotR 0.6.0's ``funnel_plot()`` aggregates its data.

    ``data_type``: "SR" (indirectly standardised ratio: observed / expected, centre 1), "PR"
    (proportion: centre the pooled proportion) or "RC" (ratio of counts: centre the pooled ratio).
    ``sr_method``: "SHMI" (log scale, the extreme groups left out; expected values rounded to two
    decimals, FunnelPlotR's ``SHMI_rounding``) or "CQC" (square-root scale, Winsorised).
    ``trim_by``: the share at each end Winsorised or left out before the dispersion is measured.
    ``multiplier`` scales the ratio and the limits (1,000 for a figure per 1,000).

    Columns: ``group``, ``numerator``, ``denominator``, ``rr`` (the unscaled ratio), ``value``
    (``rr`` x ``multiplier``), ``z`` (the unadjusted z-score), the over-dispersed limits
    ``OD95LCL``, ``OD95UCL``, ``OD99LCL``, ``OD99UCL`` and the unadjusted ``LCL95``, ``UCL95``,
    ``LCL99``, ``UCL99`` at the group's denominator, and ``outlier``: 1 outside the ``limit``
    (95 or 99.8%) limits, the over-dispersed ones where ``draw_adjusted`` and phi > 1, else the
    unadjusted ones (FunnelPlotR's ``draw_unadjusted``), 0 inside. ``attrs``: ``phi`` (the
    dispersion ratio), ``tau2`` (the between-group variance; both 0 when not ``draw_adjusted``,
    as FunnelPlotR reports them), ``adjusted`` (whether the over-dispersed limits are the ones
    used), ``target`` (the centre, before ``multiplier``), ``data_type``, ``sr_method``,
    ``multiplier``, ``limit``.
    """
    _check(data_type, sr_method, trim_by, limit)
    agg = _aggregate(numerator, denominator, group)
    if data_type == "SR" and sr_method == "SHMI":
        agg["denominator"] = [_r_round(x, 2) for x in agg["denominator"]]
        if (agg["denominator"] <= 0).any():
            bad = agg.loc[agg["denominator"] <= 0, "group"].iloc[0]
            raise FunnelError(f"group {bad!r}: expected count rounds to 0; the SHMI method needs at least 0.005")
    if data_type != "SR" and agg["numerator"].sum() <= 0:
        raise FunnelError("every numerator is 0: there is no pooled figure to centre the funnel on")
    if data_type == "PR" and (agg["numerator"] > agg["denominator"]).any():
        bad = agg[agg["numerator"] > agg["denominator"]].iloc[0]
        raise FunnelError(
            f"group {bad['group']!r}: numerator {bad['numerator']:g} is more than its denominator "
            f"{bad['denominator']:g}; a proportion needs a numerator no larger than its denominator"
        )
    target = 1.0 if data_type == "SR" else float(agg["numerator"].sum() / agg["denominator"].sum())
    z, s = _zscores(agg, data_type, sr_method)
    w = _trim(z, trim_by, truncate=data_type == "SR" and sr_method == "SHMI")
    phi, tau2 = _phi_tau2(w, s)
    if not draw_adjusted:
        phi, tau2 = 0.0, 0.0
    adjusted = bool(draw_adjusted and phi > 1)
    grid = funnel_grid(agg["denominator"], data_type)
    lim = funnel_limits(grid, data_type=data_type, sr_method=sr_method, target=target, tau2=tau2, multiplier=multiplier)
    lim = lim.set_index("n").loc[agg["denominator"].to_numpy(float)].reset_index(drop=True)
    out = pd.concat([agg, lim], axis=1)
    out.insert(4, "value", out["rr"] * multiplier)
    out.insert(5, "z", z)
    lo, hi = (f"OD{limit}LCL", f"OD{limit}UCL") if adjusted else (f"LCL{limit}", f"UCL{limit}")
    out["outlier"] = np.where((out["value"] <= out[hi]) & (out["value"] >= out[lo]), 0, 1)
    out.attrs.update(
        phi=phi, tau2=tau2, adjusted=adjusted, target=target, data_type=data_type, sr_method=sr_method,
        multiplier=multiplier, limit=limit,
    )  # fmt: skip
    return out
