"""Confidence intervals and statistical trends as public health analysts compute them.

``proportion_ci`` is the Wilson score interval and ``rate_ci`` the exact Poisson interval
below a count of 10 and Byar's approximation from 10, as PHEindicatormethods
(``wilson_lower``/``wilson_upper``, ``phe_rate``) computes them. ``trend_test`` is
Fingertips' recent-trend method: a Cochran-Armitage test for proportions, weighted
regression otherwise, significant at 99.8% (chi-squared above 9.5495).
"""

from __future__ import annotations

import numpy as np

CHI2_998 = 9.5495  # chi-squared, 1 degree of freedom, 99.8%
MIN_TREND_POINTS = 5


# scipy.stats computes the normal and chi-squared quantiles with these scipy.special functions
# (norm.ppf is ndtri; chi2.ppf(q, df) is 2 gammaincinv(df/2, q)); called directly they give the
# same numbers, and scipy.special loads in a fifth of the time scipy.stats takes


def _norm_ppf(q):
    from scipy.special import ndtri  # imported on first use: most reports never need it

    return ndtri(q)


def _chi2_ppf(q, df):
    from scipy.special import gammaincinv  # as ndtri

    return 2 * gammaincinv(np.asarray(df, dtype=float) / 2, q)


# the two-sided z of the usual confidence levels, as _norm_ppf gives them (tests/test_stats.py
# compares them bit for bit): a report's confidence intervals then need no scipy.special in its
# kernel (0.2 s of CPU to import, with the parts of numpy it pulls in)
Z = {0.9: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004, 0.998: 3.090232306167813,
     0.999: 3.2905267314919255}  # fmt: skip


def _z(confidence: float) -> float:
    if not 0.9 <= confidence < 1:
        raise ValueError(f"confidence must be from 0.9 to just under 1 ({confidence!r} is not)")
    z = Z.get(confidence)
    return z if z is not None else float(_norm_ppf(confidence + (1 - confidence) / 2))


def _out(a: np.ndarray, scalar: bool):
    return float(a) if scalar else a


def proportion_ci(numerator, denominator, confidence: float = 0.95):
    """Wilson score interval on the 0-1 scale: (lower, upper). Scalars or arrays."""
    scalar = np.ndim(numerator) == 0 and np.ndim(denominator) == 0
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    if np.any(x < 0) or np.any(n <= 0) or np.any(x > n):
        raise ValueError("numerators must be from 0 to their denominators, and denominators above 0")
    z = _z(confidence)
    root = z * np.sqrt(z**2 + 4 * x * (1 - x / n))
    lower = (2 * x + z**2 - root) / 2 / (n + z**2)
    upper = (2 * x + z**2 + root) / 2 / (n + z**2)
    return _out(lower, scalar), _out(upper, scalar)


def rate_ci(count, denominator=1, multiplier=1, confidence: float = 0.95):
    """(lower, upper) of count/denominator*multiplier: exact Poisson below 10, Byar's from 10."""
    scalar = np.ndim(count) == 0 and np.ndim(denominator) == 0
    x = np.asarray(count, dtype=float)
    n = np.asarray(denominator, dtype=float)
    if np.any(x < 0) or np.any(n <= 0):
        raise ValueError("counts must be 0 or more and denominators above 0")
    z = _z(confidence)
    alpha = 1 - confidence
    with np.errstate(divide="ignore", invalid="ignore"):
        if np.any(x < 10):  # the exact interval is used only below 10 (chi-squared from scipy.special)
            exact_lo = np.where(x > 0, _chi2_ppf(alpha / 2, 2 * np.maximum(x, 1e-300)) / 2, 0.0)
            exact_hi = _chi2_ppf(confidence + alpha / 2, 2 * x + 2) / 2
        else:
            exact_lo = exact_hi = np.nan
        byars_lo = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        byars_hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    lower = np.where(x < 10, exact_lo, byars_lo) / n * multiplier
    upper = np.where(x < 10, exact_hi, byars_hi) / n * multiplier
    return _out(lower, scalar), _out(upper, scalar)


def cochran_armitage(numerators, denominators) -> tuple[float, float]:
    """Chi-squared (1 df) and direction (+1 rising, -1 falling, 0 flat) of a trend in proportions."""
    x = np.asarray(numerators, dtype=float)
    n = np.asarray(denominators, dtype=float)
    t = np.arange(1, len(x) + 1, dtype=float)
    p = x.sum() / n.sum()
    T = float(np.sum(t * (x - n * p)))
    var = p * (1 - p) * (np.sum(n * t**2) - np.sum(n * t) ** 2 / n.sum())
    if var <= 0:
        return 0.0, 0.0
    return T**2 / var, float(np.sign(T))


def weighted_regression(values, standard_errors) -> tuple[float, float]:
    """Chi-squared (slope / its standard error, squared) and direction of a weighted linear trend."""
    y = np.asarray(values, dtype=float)
    se = np.asarray(standard_errors, dtype=float)
    if np.any(~np.isfinite(se)) or np.any(se <= 0):
        raise ValueError("every point needs a positive standard error")
    w = 1 / se**2
    t = np.arange(1, len(y) + 1, dtype=float)
    tw = np.sum(w * t) / w.sum()
    sxx = np.sum(w * (t - tw) ** 2)
    slope = np.sum(w * (t - tw) * (y - np.sum(w * y) / w.sum())) / sxx
    return float(slope**2 * sxx), float(np.sign(slope))


def trend_test(values=None, numerators=None, denominators=None, standard_errors=None, polarity: str = "higher") -> dict:
    """Fingertips' recent trend over the last 5+ points (oldest first).

    Returns {"trend": increasing | decreasing | no significant change | cannot be calculated,
    "reading": improving | worsening | no significant change | None, "chi2": float | None, "method": str}.
    """
    out = {"trend": "cannot be calculated", "reading": None, "chi2": None, "method": None}
    if numerators is not None and denominators is not None:
        x, n = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
        keep = np.isfinite(x) & np.isfinite(n) & (n > 0)
        if keep.sum() < MIN_TREND_POINTS or not keep[-MIN_TREND_POINTS:].all():
            return out
        chi2, direction = cochran_armitage(x[keep][-MIN_TREND_POINTS:], n[keep][-MIN_TREND_POINTS:])
        out["method"] = "Cochran-Armitage"
    elif values is not None and standard_errors is not None:
        y, se = np.asarray(values, dtype=float), np.asarray(standard_errors, dtype=float)
        if len(y) < MIN_TREND_POINTS or not np.all(np.isfinite(y[-MIN_TREND_POINTS:])):
            return out
        try:
            chi2, direction = weighted_regression(y[-MIN_TREND_POINTS:], se[-MIN_TREND_POINTS:])
        except ValueError:
            return out
        out["method"] = "weighted regression"
    else:
        return out
    out["chi2"] = float(chi2)
    if chi2 <= CHI2_998 or direction == 0:
        out["trend"] = out["reading"] = "no significant change"
        return out
    out["trend"] = "increasing" if direction > 0 else "decreasing"
    if polarity in ("higher", "lower"):
        out["reading"] = "improving" if (direction > 0) == (polarity == "higher") else "worsening"
    return out
