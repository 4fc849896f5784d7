"""Confidence intervals and trend tests against values PHEindicatormethods and Fingertips give."""

import numpy as np
import pytest

from swlib.stats import CHI2_998, cochran_armitage, proportion_ci, rate_ci, trend_test


def test_wilson_score_interval():
    lo, hi = proportion_ci(65, 100)
    assert lo == pytest.approx(0.552544, abs=1e-6) and hi == pytest.approx(0.736358, abs=1e-6)


def test_wilson_at_x_0_and_x_n():
    lo, hi = proportion_ci(0, 10)
    assert lo == 0 and hi == pytest.approx(0.277533, abs=1e-6)
    lo, hi = proportion_ci(10, 10)
    assert lo == pytest.approx(0.722467, abs=1e-6) and hi == pytest.approx(1.0)


def test_wilson_is_vectorised_and_checks_input():
    lo, hi = proportion_ci(np.array([0, 65]), np.array([10, 100]))
    assert lo.shape == (2,) and hi[1] == pytest.approx(0.736358, abs=1e-6)
    with pytest.raises(ValueError):
        proportion_ci(11, 10)


def test_rate_exact_below_10_byars_from_10():
    lo, hi = rate_ci(9)
    assert lo == pytest.approx(4.115373, abs=1e-5) and hi == pytest.approx(17.084803, abs=1e-5)
    lo, hi = rate_ci(10)
    z = 1.959964
    assert lo == pytest.approx(10 * (1 - 1 / 90 - z / (3 * np.sqrt(10))) ** 3, rel=1e-6)
    assert hi == pytest.approx(11 * (1 - 1 / 99 + z / (3 * np.sqrt(11))) ** 3, rel=1e-6)
    assert lo == pytest.approx(4.7874, abs=1e-3) and hi == pytest.approx(18.3915, abs=1e-3)


def test_rate_zero_scaled_and_vectorised():
    lo, hi = rate_ci(0)
    assert lo == 0 and hi == pytest.approx(3.688879, abs=1e-5)
    lo, hi = rate_ci(np.array([9, 65]), np.array([1000, 1000]), 100000)
    assert lo[0] == pytest.approx(411.5373, abs=1e-3) and hi[1] > lo[1] > 0


def test_cochran_armitage_by_hand():
    # x = 10,20,30,40,50 of 100 each: p = 0.3; T = sum t(x - 30) = 100; var = .21 * (100*55 - 1500^2/500) = 210
    chi2, direction = cochran_armitage([10, 20, 30, 40, 50], [100] * 5)
    assert chi2 == pytest.approx(100**2 / 210) and direction == 1


def test_trend_reading_by_polarity():
    up = dict(numerators=[10, 20, 30, 40, 50], denominators=[100] * 5)
    assert trend_test(**up)["trend"] == "increasing" and trend_test(**up)["reading"] == "improving"
    assert trend_test(**up, polarity="lower")["reading"] == "worsening"
    flat = trend_test(numerators=[30, 31, 29, 30, 31], denominators=[100] * 5)
    assert flat["trend"] == "no significant change" and flat["chi2"] < CHI2_998
    assert trend_test(numerators=[1, 2, 3, 4], denominators=[10] * 4)["trend"] == "cannot be calculated"
    assert trend_test(values=[1, 2, 3, 4, 5])["trend"] == "cannot be calculated"  # no standard errors


def test_weighted_regression_trend():
    r = trend_test(values=[10, 12, 14, 16, 18], standard_errors=[0.5] * 5)
    assert r["method"] == "weighted regression" and r["trend"] == "increasing"
    r = trend_test(values=[10, 12, 9, 11, 10], standard_errors=[3] * 5)
    assert r["trend"] == "no significant change"


def test_quantiles_are_scipy_stats_own_to_the_last_bit():
    """stats takes the quantiles from scipy.special (quicker to import); they are the numbers
    scipy.stats gives, exactly."""
    import numpy as np
    from scipy import stats as sp

    from swlib.stats import _chi2_ppf, _norm_ppf

    counts = np.concatenate([np.random.default_rng(0).uniform(0, 10, 2000), np.arange(12), [1e-300]])
    for q in (0.0005, 0.001, 0.025, 0.975, 0.999, 0.9995):
        assert _norm_ppf(q) == sp.norm.ppf(q)
        for df in (2 * np.maximum(counts, 1e-300), 2 * counts + 2):  # as rate_ci asks: df above 0
            assert np.array_equal(_chi2_ppf(q, df), sp.chi2.ppf(q, df))


def test_usual_z_are_scipys_to_the_last_bit():
    """The table of z a confidence interval takes (no scipy.special in a report's kernel) holds
    the numbers scipy.special gives, exactly; another confidence still asks scipy."""
    from swlib.stats import Z, _norm_ppf, _z

    for confidence, z in Z.items():
        assert z == float(_norm_ppf(confidence + (1 - confidence) / 2))
    assert _z(0.975) == float(_norm_ppf(0.975 + (1 - 0.975) / 2))


def test_intervals_of_counts_of_ten_or_more_need_no_scipy():
    """Byar's interval from 10 and Wilson's interval at the usual confidence levels are worked
    out without importing scipy.special (0.2 s of CPU in every report kernel that did); below 10
    the exact interval still uses it, and the figures are the same either way."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom swlib.stats import proportion_ci, rate_ci\n"
        "print(rate_ci([10, 250, 12.5], [1000, 9000, 800], 1000, 0.95), proportion_ci([3, 40], [10, 90], 0.998))\n"
        "print('scipy.special' in sys.modules)\n"
        "print(rate_ci([3, 250], [1000, 9000], 1000, 0.95))\nprint('scipy.special' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[1] == "False" and out[3] == "True"
    lower, upper = rate_ci([10, 250, 12.5], [1000, 9000, 800], 1000, 0.95)
    both_lo, both_hi = rate_ci([3, 10, 250, 12.5], [1000, 1000, 9000, 800], 1000, 0.95)  # exact path taken
    assert np.array_equal(lower, both_lo[1:]) and np.array_equal(upper, both_hi[1:])
    assert rate_ci(12, 1000, 1000) == tuple(float(a[0]) for a in rate_ci(np.array([12.0]), np.array([1000.0]), 1000))
