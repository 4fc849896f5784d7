"""The observations' rules joining their columns (swlib.observation_rules)."""

import pytest


def test_a_missing_count_is_named_with_what_it_would_be(data_dir):
    import pytest

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "92", "denominator": "25"},
           {"measure": "m0", "period": "2024-25-Q2", "value": "50", "numerator": "7"},
           {"measure": "m0", "period": "2024-25-Q3", "value": "93", "denominator": "25"}]  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{}], obs))
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 2, column 'numerator': found a blank cell; expected both numerator and denominator, "
        "or neither (with a value of 92 and a denominator of 25, the numerator is 23: fill it in, or clear the other count)",
        "observations.csv, row 3, column 'denominator': found a blank cell; expected both numerator and denominator, "
        "or neither (with a value of 50 and a numerator of 7, the denominator is 14: fill it in, or clear the other count)",
        "observations.csv, row 4, column 'numerator': found a blank cell; expected both numerator and denominator, "
        "or neither",  # 93% of 25 is no whole number: no guess
    ]


def test_a_percent_sign_where_no_percentage_goes_is_named(data_dir):
    """'98%' typed for a count of referrals was read as 98 and validated; a % on a count of cases
    too. A percentage measure's '93 %' still reads as 93."""
    import pytest

    import swlib
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "98%"},
           {"measure": "m1", "period": "2024-25-Q1", "value": "93 %", "numerator": "93", "denominator": "100%"}]  # fmt: skip
    make_data(data_dir, [{"unit": "count"}, {"aggregate": "latest"}], obs)
    with pytest.raises(swlib.DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 2, column 'value': found '98%' for m0, a count measure; expected a count without a % "
        "sign: a percentage goes in a measure whose unit is percent (its numerator and denominator are counts)",
        "observations.csv, row 3, column 'denominator': found '100%' for the denominator, a count of cases; expected "
        "a count without a % sign: a percentage goes in a measure whose unit is percent (its numerator and "
        "denominator are counts)",
    ]
    obs[1]["denominator"] = "100"
    make_data(data_dir, [{"unit": "count"}, {"aggregate": "latest"}], obs[1:])
    assert swlib.load(data_dir).observations["value"].tolist() == [93.0]


def test_a_count_that_is_not_a_whole_number_is_named_with_the_figure_meant(data_dir):
    """'1.234' referrals (thousands separated by a point, as on the continent) validated as 1.234;
    a count is a whole number, and the message gives the figure that was probably meant."""
    import pytest

    import swlib
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "1.234"},
           {"measure": "m0", "period": "2024-25-Q2", "value": "12.5"},
           {"measure": "m0", "period": "2024-25-Q3", "value": "1,234"}]  # fmt: skip
    make_data(data_dir, [{"unit": "count"}], obs)
    with pytest.raises(swlib.DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 2, column 'value': found '1.234' for m0, a count measure; expected a whole number (a "
        "count of people or events): a point is the decimal point, so type 1234 (or 1,234) if that many was meant",
        "observations.csv, row 3, column 'value': found '12.5' for m0, a count measure; expected a whole number (a "
        "count of people or events)",
    ]


def test_a_days_or_money_figure_given_as_numerator_and_denominator_alone_is_refused(data_dir, tmp_path):
    """Days (total days, children) given as numerator and denominator with no value printed "0.0
    days", Green, in a year to date that adds quarters up, and a cost "£0": only a percentage's or
    ratio's value is worked out from its counts (the data contract); validate says to give the
    value, and that an average is not summed. A value with its counts (for the small-number
    check) is accepted, and the report then prints it."""
    from click.testing import CliRunner

    import swlib
    from swlib.cli import main
    from swlib.errors import DataError
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": f"2024-25-Q{q}", "numerator": n, "denominator": d}
           for q, (n, d) in zip((1, 2), (("240", "20"), ("39", "3")), strict=True)]  # fmt: skip
    obs += [{"measure": "m1", "period": "2024-25", "numerator": "12000", "denominator": "2"},
            {"measure": "m2", "period": "2024-25-Q1", "numerator": "9", "denominator": "10"}]  # fmt: skip
    measures = [{"unit": "days", "polarity": "lower", "target": "15", "decimals": "1"},
                {"unit": "currency", "frequency": "annual", "aggregate": "latest"}, {}]  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, measures, obs))
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 2, column 'value': found 2 rows of m0, a days measure (rows 2, 3), with a numerator "
        "and a denominator but no value; expected the value on each row, the figure the report is to print (for an "
        "average, the numerator divided by the denominator: row 2, 12), and m0's aggregate 'mean' in measures if it "
        "is an average ('sum' adds the periods' figures up): only a percentage's or ratio's value is worked out "
        "from its numerator and denominator; a days measure's are read only as the cases its figure is built on, "
        "for public reports' small-number check",
        "observations.csv, row 4, column 'value': found 1 row of m1, a currency measure (row 4), with a numerator "
        "and a denominator but no value; expected the value on each row, the figure the report is to print (for an "
        "average, the numerator divided by the denominator: row 4, 6000): only a percentage's or ratio's value is "
        "worked out from its numerator and denominator; a currency measure's are read only as the cases its figure "
        "is built on, for public reports' small-number check",
    ]  # m2, a percentage, is worked out from its counts
    r = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert r.exit_code == 2 and "m0, a days measure" in r.output and "Traceback" not in r.output, r.output
    # the advice taken: the values given (the counts kept for the small-number check), m0 an average
    for o, v in zip(obs, ("12", "13", "6000", ""), strict=True):
        o["value"] = v
    measures[0]["aggregate"] = "mean"
    data = swlib.load(make_data(tmp_path / "fixed", measures, obs))
    perf = swlib.performance(data, "alpha", "2024-25-Q2")
    row = perf.set_index("measure").loc["m0"]
    assert (row["to_date"], row["status"]) == (12.5, "Green")
