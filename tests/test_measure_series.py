"""A measure's observations and series, each worked out once, and the latest run without a gap."""

import pandas as pd
import pytest

from swlib import measure_series


def test_series_is_the_measures_own_frequency_up_to_the_period(demo):
    s = measure_series.series(demo, "south-lanarkshire", "sl-planned-discharge", "2021-22-Q2")
    assert s["period"].iloc[-1] == "2021-22-Q2" and s["period"].iloc[0] == "2017-18-Q1"
    assert "2019-20" not in set(s["period"])  # the year baseline is not a quarter
    assert s["value"].iloc[-1] == pytest.approx(100 * s["numerator"].iloc[-1] / s["denominator"].iloc[-1])


def test_a_measures_observations_and_series_are_worked_out_once_and_are_the_fresh_ones(demo):
    """A report asks for a measure's observations about three times and for a measure needing
    attention's series twice (its chart, and why there is none): kept in the data set's memo,
    they are the frames a fresh computation gives."""
    from swlib.panel import observations

    ds, council, period = demo, "dumfries-and-galloway", "2023-24-Q2"
    o = observations(ds, council)
    for measure in ("dg-stage2-timescale", "dg-pdr-completed", "no-such-measure"):
        kept = measure_series.measure_observations(ds, council, measure)
        assert kept is measure_series.measure_observations(ds, council, measure)
        pd.testing.assert_frame_equal(kept, o[o["measure"] == measure])
    s = measure_series.series_once(ds, council, "dg-pdr-completed", period)
    assert s is measure_series.series_once(ds, council, "dg-pdr-completed", "2023-24-Q2")
    pd.testing.assert_frame_equal(s, measure_series.series(ds, council, "dg-pdr-completed", period))
    assert len(s) >= 8
