"""A year the annual report's statutory sections would show empty (swlib.statutory_years), as
validate warns of it."""

from click.testing import CliRunner

from swlib.cli import main
from tests.conftest import make_data

ORDERS = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
          "polarity": "none", "frequency": "annual"}  # fmt: skip
MEASURES = [{"target": "80"}, ORDERS, {**ORDERS, "title": "Adults at risk", "outcome": "Adult support and protection"}]


def quarters(year, n=4):
    return [{"measure": "m0", "period": f"{year}-Q{q}", "numerator": "9", "denominator": "10"} for q in range(1, n + 1)]


def validate(folder):
    return CliRunner().invoke(main, ["validate", "--data", str(folder)])


def test_validate_warns_of_a_year_whose_statutory_figures_are_missing_naming_the_year_and_measures(data_dir):
    # issue 24: 2020/21's quarters all in, its annual return not: validate said OK, and the annual
    # report for 2020/21 said "No child protection data was provided" section after section
    obs = quarters("2019-20") + quarters("2020-21") + quarters("2021-22", 2)
    obs += [{"measure": m, "period": "2019-20", "value": "12"} for m in ("m1", "m2")]
    r = validate(make_data(data_dir, MEASURES, obs))
    assert r.exit_code == 0, r.output
    assert [x for x in r.output.splitlines() if x.startswith("observations.csv")] == [
        "observations.csv, column 'period': found no figure for 2020/21 for any of alpha's 2 statutory measures "
        "(m1, m2), where its other measures have figures for the whole year; expected the year's statutory figures, "
        "or a reason in comment for each that will not come: the annual report for 2020/21 would say no data was "
        "provided in its statutory sections (6 Service quality and performance: Child protection; 6 Service quality "
        "and performance: Adult support and protection); the year's return brings them in: swreport template "
        "RETURN.xlsx --council alpha --period 2020-21, then swreport merge RETURN.xlsx",
    ], r.output
    # 2021/22 is under way (two quarters): its return is not due, nothing said of it; a reason for one
    # statutory figure ("not available: ...") is the year accounted for
    obs += [{"measure": "m1", "period": "2020-21", "comment": "not available: new system"}]
    r = validate(make_data(data_dir, MEASURES, obs))
    assert r.exit_code == 0 and "statutory measures (" not in r.output, r.output


def test_a_council_that_never_gave_statutory_figures_is_warned_of_its_latest_year_only(data_dir):
    obs = quarters("2019-20") + quarters("2020-21")
    r = validate(make_data(data_dir, MEASURES, obs))
    assert "found no figure for 2020/21 for any of alpha's 2 statutory measures" in r.output, r.output
    assert "2019/20" not in r.output


def test_a_quarterly_measure_under_the_statutory_theme_does_not_count_as_the_years_return(data_dir):
    # ANALYST-5 #3/#5: Highland's quarterly MHO reports (theme Statutory functions) hid the warning
    mho = {**ORDERS, "title": "MHO reports", "outcome": "Mental health officer services", "frequency": "quarterly",
           "aggregate": "sum"}  # fmt: skip
    obs = quarters("2020-21") + [{"measure": "m3", "period": f"2020-21-Q{q}", "value": "60"} for q in range(1, 5)]
    r = validate(make_data(data_dir, [*MEASURES, mho], obs))
    assert "found no figure for 2020/21 for any of alpha's 2 statutory measures (m1, m2)" in r.output, r.output
