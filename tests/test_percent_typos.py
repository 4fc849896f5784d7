"""A percentage typed as a fraction (swlib.percent_typos): an error where the measure's figures say
the scale is 0 to 100, and what the figure was probably meant as."""

import pytest
from click.testing import CliRunner

import swlib
from swlib.cli import main
from swlib.errors import DataError
from tests.conftest import make_data
from tests.test_checks import warned


def test_a_one_among_percentages_is_an_error(data_dir):
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "92"), (2, "1"), (3, "91"))]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "mean", "target": "95"}], obs))
    text = str(e.value.problems[0])
    assert "observations.csv, row 3, column 'value': found m0: 1 where its other values are around 92" in text
    assert "100 for 100%" in text


def test_a_percentage_target_typed_as_a_fraction_is_an_error_where_the_values_are_0_to_100(data_dir):
    """A target of 0.9 (for 90%) was a warning while a value of 0.93 was an error: where the
    measure's figures are on the 0 to 100 scale it is the same error; where nothing says which
    scale (no figures yet) it stays a warning."""
    from click.testing import CliRunner

    from swlib.cli import main

    obs = [{"measure": "m0", "period": "2024-25-Q1", "numerator": "168", "denominator": "188"},
           {"measure": "m0", "period": "2024-25-Q2", "value": "87"}]  # fmt: skip
    targets = [{"council": "alpha", "measure": "m0", "period": "2024-25", "target": "0.9"}]
    data = make_data(data_dir, [{"aggregate": "latest", "target": "0.95"}, {}], obs, targets=targets)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output, r.output
    assert ("measures.csv, row 2, column 'target': found 0.95 for m0, whose values are around 88; expected a "
            "percentage target from 0 to 100: 95 for 95%, not 0.95") in r.output  # fmt: skip
    assert ("targets.csv, row 2, column 'target': found 0.9 for m0, whose values are around 88; expected a "
            "percentage target from 0 to 100: 90 for 90%, not 0.9") in r.output  # fmt: skip
    (data / "observations.csv").write_text("council,measure,period,value\n")  # no figures: which scale?
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 0 and r.output.count("for m0; expected a percentage target") == 2, r.output
    assert "found 0.95 for m0; expected a percentage target from 0 to 100: 95 for 95%" in r.output


def test_a_fraction_without_counts_among_percentages_above_10_is_an_error(data_dir):
    # the Angus case: 93% typed as 0.93 on a value-only row, the quarter before given as counts
    obs = [
        {"measure": "m0", "period": "2024-25-Q1", "numerator": "77", "denominator": "87"},
        {"measure": "m0", "period": "2024-25-Q2", "value": "0.93"},
    ]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "latest", "target": "90"}], obs))
    assert str(e.value.problems[0]) == (
        "observations.csv, row 3, column 'value': found m0: 0.93 where its other values are around 89; expected "
        "a percentage from 0 to 100: 93 for 93%, not 0.93; if 0.93% is right, give the numerator and denominator "
        "it is worked out from as well, which confirm it"
    )


def test_a_small_percentage_confirmed_by_its_counts_loads(data_dir):
    obs = [
        {"measure": "m0", "period": "2024-25-Q1", "value": "88"},
        {"measure": "m0", "period": "2024-25-Q2", "value": "0.93", "numerator": "93", "denominator": "10000"},
    ]
    ds = swlib.load(make_data(data_dir, [{"aggregate": "latest"}], obs))
    assert "93 for 93%" not in warned(ds)


def test_a_percentage_of_1_or_less_given_alone_is_an_error_however_few_figures_the_measure_has(data_dir):
    """ANALYST-4 #2: 0.86 typed for 86% in a council's first year of a value-only measure (no
    other figure, no target) went into the CSWO report as 0.9%, without a warning: each such
    cell is an error naming it and the two ways to put it right."""
    obs = [{"measure": "m0", "period": "2025-26", "value": "0.86"}]
    measures = [{"frequency": "annual", "aggregate": "latest", "polarity": "higher"}]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs))])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert (
        "observations.csv, row 2, column 'value': found m0 2025-26: 0.86, a percentage given without its counts, "
        "which reads as 0.86%; expected a percentage from 0 to 100: 86 for 86%, not 0.86; if 0.86% is right, give "
        "the numerator and denominator it is worked out from as well, which confirm it"
    ) in r.output


def test_small_percentages_given_with_their_counts_or_as_rates_load(data_dir):
    """Counts confirm a small percentage; a rate or ratio may be a fraction (its unit allows it)."""
    obs = [{"measure": "m0", "period": "2021-22-Q1", "value": "0.5", "numerator": "1", "denominator": "200"},
           {"measure": "m0", "period": "2021-22-Q2", "value": "0"},
           {"measure": "m1", "period": "2021-22-Q1", "value": "0.5"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, [{"aggregate": "mean"}, {"unit": "rate", "aggregate": "mean"}], obs))
    assert "for 100%" not in warned(ds) and len(ds.observations) == 3


def test_percentages_all_typed_as_fractions_against_a_target_in_percent_are_errors(data_dir):
    """ANALYST-4 #2: lac-community 0.891, 0.892 ... against a target of 88 was only a warning,
    and the report said Red, 0.9%: every such cell is an error, exit code 2."""
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "0.93"), (2, "0.95"))]
    data = make_data(data_dir, [{"aggregate": "latest", "target": "90"}], obs)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output, r.output
    assert (
        "row 2, column 'value': found m0 2021-22-Q1: 0.93, a percentage given without its counts, which reads "
        "as 0.93% against a target of 90; expected a percentage from 0 to 100: 93 for 93%, not 0.93"
    ) in r.output
    assert "row 3, column 'value': found m0 2021-22-Q2: 0.95" in r.output


def test_the_error_says_what_the_fraction_was_probably_meant_as(data_dir):
    obs = [{"measure": "m0", "period": f"2021-22-Q{i}", "value": v} for i, v in ((1, "9"), (2, "0.875"), (3, "9"))]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"aggregate": "mean", "target": "0.9"}], obs))
    assert "row 3, column 'value': found m0: 0.875 where its other values are around 9; expected a percentage " \
           "from 0 to 100: 87.5 for 87.5%, not 0.875" in str(e.value)  # fmt: skip
    assert "found 0.9 for m0; expected a percentage target from 0 to 100: 90 for 90%, not 0.9" in "\n".join(
        map(str, e.value.warnings)
    )
