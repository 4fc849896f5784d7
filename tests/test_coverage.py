"""run refuses a period a council has no figures for, naming the latest it has."""

import pytest

import swlib
from swlib.coverage import has_figures, latest_with_figures, no_figures, require_figures
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


def test_an_annual_report_for_a_year_with_no_figure_at_all_names_the_latest_figures(data_dir):
    obs = [{"measure": "m0", "period": "2024-25-Q2", "numerator": "1", "denominator": "2"}]
    ds = swlib.load(make_data(data_dir, [{}], obs))
    with pytest.raises(ConfigError) as e:
        require_figures("annual", ds, "alpha", Q("2023-24"))
    assert "no observation ends with March 2024" in str(e.value)
    assert "its latest figures are for 2024-25-Q2" in str(e.value) and "no year with figures yet" in str(e.value)
    # and what to do: the year's return, made, filled in and merged
    assert "swreport template RETURN.xlsx --council alpha --period 2023-24', fill it in, then 'swreport merge" in str(
        e.value
    )
    assert no_figures(ds, "alpha", Q("2023-24")) == "no figures for 2023-24 (latest with figures: none)"
    # ANALYST-11 #6: part of the year is figures for it, as the guide says: the annual report renders
    # (its Quarter 4 Report later, named by run); --period latest still wants a year in to its end
    require_figures("annual", ds, "alpha", Q("2024-25"))
    assert no_figures(ds, "alpha", Q("2024-25")) is None and latest_with_figures(ds, "alpha", "year") is None


# one rule for run, batch and --period latest|previous: the edges --------------------------------
QUARTERS = [Q(f"{y}-{(y + 1) % 100:02d}-Q{q}") for y in (2022, 2023) for q in (1, 2, 3, 4)]
YEARS = [Q("2022-23"), Q("2023-24")]


@pytest.mark.parametrize(
    "frequency, periods, quarters, years",
    [
        ("annual", ["2022-23", "2023-24"], [], ["2022-23", "2023-24"]),  # Dundee: annual figures only
        ("six-monthly", ["2023-24-H1"], ["2023-24-Q2"], []),  # a first half only: Q2 (to September), no year
        ("six-monthly", ["2023-24-H1", "2023-24-H2"], ["2023-24-Q2", "2023-24-Q4"], ["2023-24"]),
        ("quarterly", ["2023-24-H1"], ["2023-24-Q2"], []),  # exactly Q2's year to date, used as it stands
        ("quarterly", ["2022-23"], ["2022-23-Q4"], ["2022-23"]),  # exactly Q4's year to date
        ("quarterly", ["2023-24-Q1", "2023-24-H2"], ["2023-24-Q1"], []),  # H2 is not Q4's year to date, nor the year's
        ("monthly", ["2023-04", "2023-05", "2023-06", "2023-11"], ["2023-24-Q1"], []),  # November does not end Q3
        ("monthly", ["2023-12", "2024-03"], ["2023-24-Q3", "2023-24-Q4"], ["2023-24"]),
    ],
)  # fmt: skip
def test_run_and_latest_agree_on_which_periods_have_figures(data_dir, frequency, periods, quarters, years):
    import datetime as dt

    from swlib.scheduling import resolve_councils

    obs = [{"measure": "m0", "period": p, "value": "5"} for p in periods]
    ds = swlib.load(make_data(data_dir, [{"frequency": frequency, "unit": "count"}], obs))
    assert [str(P) for P in QUARTERS if has_figures(ds, "alpha", P)] == quarters
    assert [str(P) for P in YEARS if has_figures(ds, "alpha", P)] == years
    on = dt.date(2030, 1, 1)  # every period here has ended
    for report, kind, found in (("quarterly", "quarter", quarters), ("annual", "year", years)):
        latest = latest_with_figures(ds, "alpha", kind)
        assert str(latest or None) == str(found[-1] if found else None)
        (resolved, _), *_ = resolve_councils(report, "latest", ds, ["alpha"], on).values()
        assert resolved == latest  # --period latest picks what run would accept as the latest
        if latest is not None:
            require_figures(report, ds, "alpha", latest)


def test_dundee_has_no_quarter_with_figures_for_run_or_latest_and_is_told_to_run_the_annual_report(demo):
    import datetime as dt

    from swlib.scheduling import resolve_one

    assert latest_with_figures(demo, "dundee-city", "quarter") is None
    assert latest_with_figures(demo, "dundee-city", "year") == Q("2016-17")
    with pytest.raises(ConfigError) as e:
        require_figures("quarterly", demo, "dundee-city", Q("2016-17-Q4"))
    assert "its figures are all for measures reported annually" in str(e.value)
    assert "swreport run annual --council dundee-city --period 2016-17" in str(e.value)
    # latest says so too, as the period written out does: not that no quarter has ended yet (AUDIT-8 #6)
    with pytest.raises(ConfigError) as e:
        resolve_one("quarterly", "latest", demo, "dundee-city", dt.date(2025, 4, 1))
    assert "names no quarter: no quarter has figures: its figures are all for measures reported annually" in str(
        e.value
    )
    assert "swreport run annual --council dundee-city --period 2016-17 (its latest year" in str(e.value)
    assert "has ended by" not in str(e.value)
    assert no_figures(demo, "dundee-city", Q("2016-17-Q4")) == (
        "no figures for 2016-17-Q4 (latest with figures: none for a quarter; its figures are annual, latest 2016-17)"
    )
    assert no_figures(demo, "dundee-city", Q("2016-17")) is None


def test_a_row_that_only_gives_a_reason_is_not_figures_for_run_either(data_dir):
    obs = [{"measure": "m0", "period": "2023-24-Q2", "value": "91"},
           {"measure": "m0", "period": "2023-24-Q3", "comment": "Not collected: the system was being replaced"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"unit": "count"}], obs))
    assert not has_figures(ds, "alpha", Q("2023-24-Q3"))
    assert no_figures(ds, "alpha", Q("2023-24-Q3")) == "no figures for 2023-24-Q3 (latest with figures: 2023-24-Q2)"


def test_a_year_given_for_the_quarterly_report_is_said_to_be_its_fourth_quarter_before_it_is_refused(
    data_dir, tmp_path
):
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": "m0", "period": "2024-25-Q2", "numerator": "1", "denominator": "2"}]
    d = make_data(data_dir, [{}], obs)
    r = CliRunner().invoke(main, ["run", "quarterly", "--council", "alpha", "--period", "2024-25", "--data", str(d),
                                  "--out", str(tmp_path / "out")])  # fmt: skip
    assert r.exit_code == 2 and "Traceback" not in r.output
    said = r.output.index("2024-25 is a financial year: the quarterly report for its fourth quarter, 2024-25-Q4")
    assert (
        said < r.output.index("no figures for alpha for 2024/25 Quarter 4") and "give --period 2024-25-Q2" in r.output
    )


def test_run_for_a_quarter_not_yet_ended_says_when_it_ends_not_to_merge_its_return(data_dir, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": "m0", "period": "2026-27-Q2", "numerator": "1", "denominator": "2"}]
    make_data(data_dir, [{}], obs)
    monkeypatch.setenv("SWREPORT_TODAY", "2026-12-01")
    r = CliRunner().invoke(main, ["run", "quarterly", "--council", "alpha", "--period", "2026-27-Q3",
                                  "--data", str(data_dir), "--out", str(tmp_path / "out")])  # fmt: skip
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert ("2026/27 Quarter 3 ends on 31 December 2026, so it has no figures yet; the latest quarter with figures is "
            "2026-27-Q2 (2026/27 Quarter 2): give --period 2026-27-Q2") in r.output  # fmt: skip
    assert "merge" not in r.output
    monkeypatch.setenv("SWREPORT_TODAY", "2027-01-01")  # ended: its return is what to bring in
    r = CliRunner().invoke(main, ["run", "quarterly", "--council", "alpha", "--period", "2026-27-Q3",
                                  "--data", str(data_dir), "--out", str(tmp_path / "out")])  # fmt: skip
    assert r.exit_code == 2 and "merge the return for 2026-27-Q3 first" in r.output
