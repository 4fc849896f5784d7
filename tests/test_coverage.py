"""run refuses a period a council has no figures for, naming the latest it has."""

import pytest

import swlib
from swlib.coverage import has_figures, latest_with_figures, require_figures
from swlib.errors import ConfigError
from tests.conftest import make_data

Q = swlib.Period.parse


def test_a_period_has_figures_when_an_observation_ends_with_it(data_dir):
    obs = [{"measure": "m0", "period": "2021-22-H1", "numerator": "1", "denominator": "2"},
           {"measure": "m0", "period": "2022-09", "numerator": "1", "denominator": "2"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"frequency": "monthly"}], obs))
    assert has_figures(ds, "alpha", Q("2021-22-Q2")) and has_figures(ds, "alpha", Q("2022-23-Q2"))
    assert not has_figures(ds, "alpha", Q("2021-22-Q3")) and not has_figures(ds, "beta", Q("2021-22-Q2"))
    assert latest_with_figures(ds, "alpha", "quarter") == Q("2022-23-Q2")
    assert latest_with_figures(ds, "alpha", "year") is None


def test_require_figures_names_the_latest_period_and_the_data(data_dir):
    obs = [{"measure": "m0", "period": "2024-25-Q2", "numerator": "1", "denominator": "2"}]
    ds = swlib.load(make_data(data_dir, [{}], obs))
    with pytest.raises(ConfigError) as e:
        require_figures("quarterly", ds, "alpha", Q("2025-26-Q1"))
    msg = str(e.value)
    assert "no figures for alpha for 2025/26 Quarter 1" in msg and "latest quarter with figures is 2024-25-Q2" in msg
    assert f"the data at {data_dir}" in msg
    with pytest.raises(ConfigError, match=r"no figures for beta in the data at .*swreport merge"):
        require_figures("quarterly", ds, "beta", Q("2024-25-Q2"))
    require_figures("quarterly", ds, "alpha", Q("2024-25-Q2"))  # has figures: no error


def test_run_refuses_a_quarter_with_no_figures_before_a_kernel_starts(tmp_path):
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import ROOT

    r = CliRunner().invoke(main, ["run", "quarterly", "--council", "south-lanarkshire", "--period", "2030-31-Q1",
                                  "--data", str(ROOT / "data"), "--out", str(tmp_path)])  # fmt: skip
    assert r.exit_code == 2 and "no figures for south-lanarkshire for 2030/31 Quarter 1" in r.output
    assert "the demo data at" in r.output and "the latest quarter with figures is" in r.output
    assert not any(tmp_path.iterdir())


def test_an_annual_report_before_the_years_end_names_the_latest_figures(data_dir):
    obs = [{"measure": "m0", "period": "2024-25-Q2", "numerator": "1", "denominator": "2"}]
    ds = swlib.load(make_data(data_dir, [{}], obs))
    with pytest.raises(ConfigError) as e:
        require_figures("annual", ds, "alpha", Q("2024-25"))
    assert "no observation ends with March 2025" in str(e.value)
    assert "its latest figures are for 2024-25-Q2" in str(e.value) and "no year with figures yet" in str(e.value)
