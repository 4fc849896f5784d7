"""The data contract's rules across rows (swlib.rules)."""

import pandas as pd
import pytest

import swlib
from swlib import schema
from swlib.rules import check_keys


def test_a_second_row_for_the_same_key_names_both_rows():
    df = pd.DataFrame({"council": ["alpha", "beta", "alpha"], "name": ["A", "B", "A again"]}, index=[2, 3, 4])
    (p,) = check_keys(schema.TABLES["councils"], df, "councils.csv")
    assert (p.file, p.row, p.column) == ("councils.csv", 4, "council")
    assert p.found == "a second row for council=alpha (first at row 2)" and p.expected == "one row per council"


def test_a_row_pasted_twice_says_to_delete_one():
    """Two rows the same cell for cell (a row pasted twice) say so; rows that differ show how."""
    df = pd.DataFrame(
        {"council": ["alpha", "beta", "alpha", "beta"], "name": ["A", "B", "A", "B2"]}, index=[2, 3, 4, 5]
    )
    ps = check_keys(schema.TABLES["councils"], df, "councils.csv", df)
    assert [p.expected for p in ps] == [
        "one row per council: the two rows are the same cell for cell, so delete one of them",
        "one row per council: keep the right one and delete the other (name B at row 3, B2 at row 5)",
    ]


def test_an_unknown_id_is_a_problem_of_its_own_kind_not_told_apart_by_its_words():
    import pandas as pd

    from swlib.errors import UNKNOWN_COUNCIL, UNKNOWN_MEASURE
    from swlib.rules import check_refs

    obs = pd.DataFrame({"council": ["fife", "fief"], "measure": ["m1", "m2"]}, index=[2, 3])
    measures = pd.DataFrame({"measure": ["m1"], "council": [None]})
    problems = check_refs("observations", obs, "observations.csv", {"fife"}, measures)
    assert [(p.row, p.column, p.code) for p in problems] == [
        (3, "council", UNKNOWN_COUNCIL),
        (3, "measure", UNKNOWN_MEASURE),
    ]
    assert "did you mean 'fife'?" in problems[0].expected


def test_a_figure_typed_with_words_or_a_pound_sign_says_what_to_type(data_dir):

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "c. £880"}]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"unit": "currency", "aggregate": "mean"}], obs))
    assert "found 'c. £880'; expected a number of at least 0: type the figure alone, 880" in str(e.value.problems[0])


def test_a_decimal_typed_with_a_comma_is_not_read_as_thousands(data_dir):
    """'12,5O' (a decimal comma, a letter O for a zero) is not 125: the message says how a decimal is typed."""

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data

    obs = [
        {"measure": "m0", "period": "2024-25-Q1", "value": "12,5O"},
        {"measure": "m0", "period": "2024-25-Q2", "value": "1,234 approx"},
    ]
    with pytest.raises(DataError) as e:
        swlib.load(make_data(data_dir, [{"unit": "currency", "aggregate": "mean"}], obs))
    first, second = (str(p) for p in e.value.problems)
    assert (
        "found '12,5O'; expected a number of at least 0: a comma only separates thousands (1,234); a decimal is typed with a point (12.5)"
        in first
    )
    assert "type the figure alone, 1234" in second


def test_a_decimal_comma_in_a_cost_a_count_or_a_percentage_is_named_with_the_point(data_dir):
    """'766,50' (a cost), '4,5' (a count), '78,3' (a percentage) were read as 76650, 45 and 783 (and
    validate said OK, or 'found 783'): each is named as typed with the figure to type; 1,234 reads."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    measures = [{"unit": "currency", "aggregate": "mean"}, {"unit": "count"}, {"aggregate": "latest"}]
    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "766,50"},
           {"measure": "m0", "period": "2024-25-Q2", "value": "1,234"},
           {"measure": "m1", "period": "2024-25-Q1", "value": "4,5"},
           {"measure": "m2", "period": "2024-25-Q1", "value": "78,3"}]  # fmt: skip
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, measures, obs))])
    assert r.exit_code == 2 and "Traceback" not in r.output
    point = "expected a number of at least 0: a comma only separates thousands (1,234); a decimal takes a point"
    assert f"observations.csv, row 2, column 'value': found '766,50'; {point}: 766.50" in r.output
    assert f"observations.csv, row 4, column 'value': found '4,5'; {point}: 4.5" in r.output
    assert f"observations.csv, row 5, column 'value': found '78,3'; {point}: 78.3" in r.output
    assert "the data has 3 problems" in r.output and "783" not in r.output


def test_an_observations_own_problems_are_listed_with_its_measures_in_one_run(data_dir):
    """A bad unit and polarity in measures.csv hid a numerator above its denominator on that
    measure's observation until they were put right: one run lists all three."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "numerator": "204", "denominator": "178"},
           {"measure": "m0", "period": "2024-25-Q2", "numerator": "3", "denominator": "0"}]  # fmt: skip
    data = make_data(data_dir, [{"unit": "percentage", "polarity": "High"}], obs)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 4 problems" in r.output, r.output
    assert "measures.csv, row 2, column 'unit': found 'percentage'; expected one of percent" in r.output
    assert "(any case) (did you mean 'percent'?)" in r.output and "(did you mean 'higher'?)" in r.output
    assert ("observations.csv, row 2, column 'numerator': found 204, more than the denominator 178; expected a "
            "numerator no larger than the denominator") in r.output  # fmt: skip
    assert "observations.csv, row 3, column 'numerator': found 3 cases with a denominator of 0" in r.output


def test_a_second_row_from_a_date_typed_in_the_period_quotes_the_date_as_typed(data_dir):
    """'04/01/2026' (meant as April, read as 4 January) was only 'a second row for ... period=2026-01'."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    obs = [
        {"measure": "m0", "period": "2026-01", "value": "88"},
        {"measure": "m0", "period": "04/01/2026", "value": "91"},
    ]
    r = CliRunner().invoke(main, ["validate", "--data", str(make_data(data_dir, [{"frequency": "monthly"}], obs))])
    assert r.exit_code == 2, r.output
    assert ("observations.csv, row 3, column 'period': found a second row for council=alpha, measure=m0, "
            "period=2026-01 (typed 04/01/2026: 4 January 2026, read as its month) (first at row 2)") in r.output  # fmt: skip


def test_a_deleted_denominator_column_is_named_once_not_as_a_blank_cell_on_each_row(data_dir):

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": f"2024-25-Q{q}", "value": "92", "numerator": "23", "denominator": "25"}
           for q in (1, 2, 3)]  # fmt: skip
    make_data(data_dir, [{}], obs)
    f = data_dir / "observations.csv"
    f.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 5)
                           for line in f.read_text().splitlines()) + "\n")  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 1, column 'denominator': found no such column in the header, which has 'numerator'; "
        "expected a column 'denominator' beside 'numerator' (a percentage's cases and all cases: both columns, or "
        "neither): add the column 'denominator', or delete 'numerator' if the figures are values alone"
    ]


def test_an_amount_typed_in_millions_is_given_back_in_the_unit_the_column_takes(data_dir):
    """'£12.3m' in finance was told 'type the figure alone, 12.3', which records £12.30."""

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data, write_csv

    make_data(data_dir, [{"unit": "currency", "aggregate": "mean"}], [{"measure": "m0", "period": "2024-25-Q1",
                                                                       "value": "£1.2k"}])  # fmt: skip
    write_csv(data_dir / "finance.csv", [{"council": "alpha", "period": "2024-25", "kind": "budget", "line": "Adults",
                                          "amount": "£12.3m"}], ["council", "period", "kind", "line", "amount"])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "observations.csv, row 2, column 'value': found '£1.2k'; expected a number of at least 0: type the figure "
        "alone, 1200 (the unit is the measure's; 'about' or 'estimate' goes in comment)",
        "finance.csv, row 2, column 'amount': found '£12.3m'; expected a number: type the amount in pounds alone, "
        "12300000 (finance amounts are in pounds, not thousands or millions)",
    ]


def test_an_accounting_negative_in_brackets_is_named_with_the_figure_and_its_minus_sign(data_dir):
    """ANALYST-4 #13: finance '(250)', a budget sheet's -250, was told 'type the amount in pounds
    alone, 250': the sign was lost."""

    import swlib
    from swlib.errors import DataError
    from tests.conftest import make_data, write_csv

    make_data(data_dir, [{}], [])
    write_csv(data_dir / "finance.csv", [{"council": "alpha", "period": "2024-25", "kind": "outturn", "line": n,
                                          "amount": a} for n, a in (("Adults", "(250)"), ("Children", "(£1,250.50)"))],
              ["council", "period", "kind", "line", "amount"])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "finance.csv, row 2, column 'amount': found '(250)'; expected a number: (250) in brackets is a negative figure "
        "as a budget sheet shows it; type -250, with a minus sign (pounds, not thousands or millions)",
        "finance.csv, row 3, column 'amount': found '(£1,250.50)'; expected a number: (£1,250.50) in brackets is a "
        "negative figure as a budget sheet shows it; type -1250.50, with a minus sign (pounds, not thousands or "
        "millions)",
    ]


def test_a_blank_target_names_its_measure_and_the_fix(data_dir):
    """ANALYST-4 #13: a targets row left blank (an analyst's "no target this year") was 'found a
    blank cell; expected a value', naming neither the measure nor what to do."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    targets = [{"council": "alpha", "measure": "m0", "period": "2026-27", "target": ""}]
    data = make_data(data_dir, [{"target": "90"}], [], targets=targets)
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert (
        "targets.csv, row 2, column 'target': found a blank target for m0 for alpha in 2026-27; expected a target, or "
        "no row: delete the row (the measure's target in measures then applies, if it has one), or, for no target, "
        "delete the row and leave m0 without a target in measures: the report shows it Data only"
    ) in r.output


def test_a_spreadsheets_total_row_in_observations_is_one_problem_saying_to_delete_it(data_dir):
    """ANALYST-4 #13: a 'Total' row at the foot of observations gave three errors (not a council id,
    blank measure, blank period), not what it is."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    obs = [{"measure": "m0", "period": "2024-25-Q1", "value": "40"}, {"measure": "m0", "period": "2024-25-Q2",
           "value": "50"}]  # fmt: skip
    data = make_data(data_dir, [{"unit": "count"}], obs)
    with (data / "observations.csv").open("a") as f:
        f.write("Total,,,90,,,,,\nalpha,Grand total,,90,,,,,\n")
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert r.exit_code == 2 and "the data has 2 problems" in r.output, r.output
    assert (
        "observations.csv, row 4, column 'council': found 'Total', with no measure or period; expected no total rows "
        "(the reports add the figures up): row 4 looks like a total row: delete it"
    ) in r.output
    assert "row 5, column 'measure': found 'Grand total', with no period; " in r.output
    (data / "observations.csv").write_text("council,measure,period,value\nalpha,total-referrals,2024-25-Q1,4\n")
    r = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert "total row" not in r.output  # a measure whose id begins 'total', on a whole row


def test_a_required_column_under_another_name_says_which_header_to_rename(data_dir):
    """'Measure ID' for measure (a header typed as a person would): the message names the column
    swreport does not read and what to rename it; the measure column says what an id must be."""

    import swlib
    from tests.conftest import make_data

    make_data(data_dir, [{}], [{"measure": "m0", "period": "2024-25-Q1", "value": "5"}])
    p = data_dir / "observations.csv"
    lines = p.read_text().splitlines()
    p.write_text("\n".join(["Council,Measure ID,Period,Value" + lines[0].split("value", 1)[1], *lines[1:]]) + "\n")
    with pytest.raises(swlib.DataError) as e:
        swlib.load(data_dir)
    assert [str(x) for x in e.value.problems] == [
        "observations.csv, row 1, column 'measure': found no such column in the header; expected a column 'measure' "
        "(a measure id listed in measures.csv): the header's column 'measure_id' is not one swreport reads; rename "
        "it 'measure'"
    ]


@pytest.mark.parametrize("typed", ["#DIV/0!", "tbc", "n/a", "-", "#N/A", "not known"])
def test_what_stands_for_a_missing_figure_is_answered_with_the_blank_and_its_reason_never_0(data_dir, typed):
    """ANALYST-5 #12: '#DIV/0!' was answered 'type the figure alone, 0' (recording 0%, a Red status);
    'tbc', 'n/a', '-', '#N/A' got no advice. The guide's recipe is a blank value and the reason in comment."""
    from swlib.errors import DataError
    from tests.conftest import make_data

    make_data(data_dir, [{"unit": "percent", "aggregate": "latest"}], [{"measure": "m0", "period": "2024-25-Q1",
                                                                         "value": typed}])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    (problem,) = [str(p) for p in e.value.problems]
    assert problem.startswith(f"observations.csv, row 2, column 'value': found {typed!r}; expected a number")
    assert "type the figure alone" not in problem
    if typed == "#DIV/0!":  # ANALYST-8 #5: the two fixes in one breath; which applies to which row now said
        assert problem.endswith(
            "#DIV/0! is what a spreadsheet shows for a percentage with no cases. Where the row gives counts, give "
            "numerator 0 and denominator 0 (value blank); where the measure is given as a percentage alone in value, "
            "leave value, numerator and denominator blank and say in comment that there were no cases (the report "
            "prints it where the figure would be, and shows Report later); not 0, which is a figure"
        )
        return
    assert (
        ": leave value, numerator and denominator blank and give the reason in comment (the report prints it where "
        "the figure would be, and shows Report later); "
    ) in problem
    assert "give numerator 0 and denominator 0; not 0, which is a figure" in problem


@pytest.mark.parametrize("typed", ["#DIV/0!", "tbc"])
def test_a_cost_with_no_figure_is_answered_with_the_blank_and_its_reason_not_a_percentages_counts(data_dir, typed):
    """ANALYST-9 #4: '#DIV/0!' in a cost per hour's cell was told what a spreadsheet shows for a
    percentage with no cases, and to give numerator 0 and denominator 0: a cost has no cases."""
    from swlib.errors import DataError
    from tests.conftest import make_data

    make_data(data_dir, [{"unit": "currency", "aggregate": "mean"}], [{"measure": "m0", "period": "2024-25-Q1",
                                                                        "value": typed}])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    (problem,) = [str(p) for p in e.value.problems]
    assert "percentage" not in problem and "numerator" not in problem, problem
    why = "#DIV/0! is what a spreadsheet shows where it divides by nothing; " if typed == "#DIV/0!" else ""
    assert problem == (
        f"observations.csv, row 2, column 'value': found {typed!r}; expected a number of at least 0: {why}leave value "
        "blank and give the reason in comment (the report prints it where the figure would be, and shows Report "
        "later); not 0, which is a figure"
    )


def test_a_finance_amount_not_in_yet_is_answered_with_leaving_the_line_out(data_dir):
    from swlib.errors import DataError
    from tests.conftest import make_data, write_csv

    make_data(data_dir, [{}], [])
    write_csv(data_dir / "finance.csv", [{"council": "alpha", "period": "2024-25", "kind": "budget", "line": "Adults",
                                          "amount": "tbc"}])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        "finance.csv, row 2, column 'amount': found 'tbc'; expected a number: leave the line out until its amount is "
        "in (tbc is not an amount; 0 would be one)"
    ]


def test_the_words_an_analyst_types_for_a_unit_direction_or_aggregate_get_the_choice_they_mean(data_dir):
    """ANALYST-5 #14: '£', '%', 'lower is better' and 'as at' got the list of choices but no
    'did you mean', which ids and periods get."""
    from swlib.errors import DataError
    from tests.conftest import make_data

    make_data(data_dir, [{"unit": "£", "polarity": "Lower is better", "aggregate": "as at"},
                         {"unit": "%", "frequency": "Quarter", "aggregate": "Average"}], [])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    said = {(p.row, p.column): (p.found, p.expected.rsplit(" (", 1)[-1]) for p in e.value.problems}
    assert said == {
        (2, "unit"): ("'£'", "did you mean 'currency'?)"),
        (2, "polarity"): ("'Lower is better'", "did you mean 'lower'?)"),
        (2, "aggregate"): ("'as at'", "did you mean 'latest'?)"),
        (3, "unit"): ("'%'", "did you mean 'percent'?)"),
        (3, "frequency"): ("'Quarter'", "did you mean 'quarterly'?)"),
        (3, "aggregate"): ("'Average'", "did you mean 'mean'?)"),
    }


def test_a_target_typed_as_not_known_is_answered_with_the_blank_or_no_row(data_dir):
    from swlib.errors import DataError
    from tests.conftest import make_data

    targets = [{"council": "alpha", "measure": "m0", "period": "2024-25", "target": "tbc"}]
    make_data(data_dir, [{"target": "n/a"}], [], targets=targets)
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    said = [str(p) for p in e.value.problems]
    assert ("measures.csv, row 2, column 'target': found 'n/a'; expected a number: the target, or the cell left "
            "blank for none (n/a is not a figure; 0 would be one)") in said[0]  # fmt: skip
    assert said[1].startswith("targets.csv, row 2, column 'target': found 'tbc'; expected")
    assert said[1].endswith(": the period's target, or no row for a period without one (tbc is not a target)")


def test_slips_an_analyst_makes_get_a_message_that_says_what_was_meant(data_dir):
    """ANALYST-8 #5: a renamed id gave 18 identical lines; 'Local authority' and 'On track' had no
    'did you mean'; two rows of one key with different figures did not show the figures."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data, write_csv

    obs = [{"measure": "m-old", "period": f"2025-26-Q{q}", "value": "5"} for q in (1, 2, 3, 4)]
    obs += [{"measure": "m0", "period": "2025-26-Q1", "value": "3"}, {"measure": "m0", "period": "2025-26-Q1",
                                                                       "value": "4"}]  # fmt: skip
    actions = [{"council": "alpha", "period": "2025-26", "theme": "Theme one", "outcome": "Outcome one",
                "action": "Review placements", "status": "On track"}]  # fmt: skip
    obs.append({"measure": "m0", "period": "10/31/2025", "value": "5"})
    d = make_data(data_dir, [{"unit": "count"}], obs, actions=actions)
    write_csv(d / "inspections.csv", [{"council": "alpha", "service": "Home care", "service_type": "Care at home",
                                       "sector": "Local authority", "date": "2025-06-01", "grade_care": "4"}])  # fmt: skip
    r = CliRunner().invoke(main, ["validate", "--data", str(d)])
    assert r.exit_code == 2, r.output
    said = r.output.splitlines()
    assert [x for x in said if "m-old" in x] == [
        "observations.csv, row 2, column 'measure': found 'm-old' on 4 rows (rows 2, 3, 4, 5), the same id each time; "
        "expected a measure id listed in measures.csv; if the measure was renamed in measures.csv, change these 4 rows "
        "to its new id too (and give its measures row replaces = 'm-old', docs/guide.md)"
    ]
    assert ("observations.csv, row 7, column 'period': found a second row for council=alpha, measure=m0, "
            "period=2025-26-Q1 (first at row 6); expected one row per council, measure, period: keep the right one "
            "and delete the other (value 3 at row 6, 4 at row 7)") in said  # fmt: skip
    assert any("column 'sector': found 'Local authority'" in x and "(did you mean 'LA'?)" in x for x in said)
    assert any("column 'status': found 'On track'" in x and "(did you mean 'Green'?)" in x for x in said)
    assert any("row 8, column 'period': found '10/31/2025'" in x and "this is a date written month first: a date is "
               "read as its month only day first with '/', 31/10/2025, or type the month itself, 2025-10" in x
               for x in said), r.output  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "said"),
    [("09/16/2025", "written month first, 16 September 2025: type it day first, 16/09/2025, or year first, 2025-09-16"),
     ("3rd Feb 2026", "written in words, 3 February 2026: type it day first, 03/02/2026, or year first, 2026-02-03"),
     ("Feb 3, 2026", "written in words, 3 February 2026: type it day first, 03/02/2026, or year first, 2026-02-03"),
     ("16.09.2025", "written with '.', 16 September 2025: type it day first, 16/09/2025, or year first, 2025-09-16")],
)  # fmt: skip
def test_a_date_written_month_first_or_in_words_says_which_date_it_is_and_what_to_type(data_dir, typed, said):
    """ANALYST-9 #11: an inspection date '09/16/2025' or '3rd Feb 2026' got 'expected a date such as
    2017-01-06 or 06/01/2017', an example itself ambiguous to a typist who writes the month first,
    where a period typed so is told it is month first and what to type."""
    from swlib.errors import DataError
    from tests.conftest import make_data, write_csv

    make_data(data_dir, [{}], [])
    write_csv(data_dir / "inspections.csv",
              [{"council": "alpha", "service": "Bayview House", "service_type": "Care home", "sector": "LA",
                "date": typed, "care_and_support": 4}])  # fmt: skip
    with pytest.raises(DataError) as e:
        swlib.load(data_dir)
    assert [str(p) for p in e.value.problems] == [
        f"inspections.csv, row 2, column 'date': found {typed!r}; expected a date such as 2017-01-16 or 16/01/2017 "
        f"(day first); this is a date {said}"
    ]
