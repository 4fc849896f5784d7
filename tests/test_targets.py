"""A measure's target and tolerance for the period its row shows (swlib.targets): the period's, the
year's (pro rata for a summed count) or the catalogue's; a tolerance not given, the council's share."""

from tests.test_status import perf, q


def test_sum_adds_counts_against_a_pro_rata_annual_target(data_dir):
    obs = [q("2020-21-Q1", value=120), q("2020-21-Q2", value=130)]
    df = perf(data_dir, [{"unit": "count", "target": "400"}], obs)
    assert df.loc["m0", "to_date"] == 250
    assert df.loc["m0", "target"] == 200 and df.loc["m0", "annual_target"] == 400
    assert df.loc["m0", "status"] == "Green"


def test_period_target_overrides_year_target_overrides_catalogue(data_dir):
    targets = [
        {"council": "alpha", "measure": "m0", "period": "2020-21-Q2", "target": "60", "tolerance": "1"},
        {"council": "alpha", "measure": "m1", "period": "2020-21", "target": "60"},
        {"council": "beta", "measure": "m2", "period": "2020-21", "target": "10"},
    ]
    obs = [{"measure": m, "period": "2020-21-H1", "value": "59"} for m in ("m0", "m1", "m2")]
    df = perf(data_dir, [{"target": "90"}, {"target": "90"}, {"target": "50"}], obs, targets=targets)
    assert df.loc["m0", "target"] == 60 and df.loc["m0", "status"] == "Amber"  # misses by 1, the period's tolerance
    assert df.loc["m1", "target"] == 60
    assert df.loc["m2", "target"] == 50  # beta's target does not apply to alpha


def test_tolerance_precedence_and_default(data_dir, monkeypatch):
    targets = [{"council": "alpha", "measure": "m0", "period": "2020-21", "target": "80", "tolerance": "10"}]
    obs = [{"measure": m, "period": "2020-21-H1", "value": "72"} for m in ("m0", "m1", "m2")]
    df = perf(
        data_dir,
        [{"target": "80", "tolerance": "1"}, {"target": "80", "tolerance": "9"}, {"target": "80"}],
        obs,
        targets=targets,
    )
    assert df.loc["m0", "tolerance"] == 10 and df.loc["m0", "status"] == "Amber"  # the period's tolerance
    assert df.loc["m1", "tolerance"] == 9 and df.loc["m1", "status"] == "Amber"  # the measure's
    assert df.loc["m2", "tolerance"] == 4 and df.loc["m2", "status"] == "Red"  # 5% of 80
