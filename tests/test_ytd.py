"""A measure's year to date and whole-year figure from its observations (swlib.ytd)."""

import math

from swlib.periods import Period
from swlib.ytd import missing_reason, year_to_date, year_value


def obs(period, value=None, numerator=None, denominator=None, comment=None, status=None):
    nan = float("nan")
    return period, {"value_c": nan if value is None else value, "numerator": nan if numerator is None else numerator,
                    "denominator": nan if denominator is None else denominator, "comment": comment, "status": status,
                    "source": "test"}  # fmt: skip


def test_a_percentage_to_date_is_from_the_summed_counts_not_the_quarters_percentages():
    rows = dict([obs("2020-21-Q1", 50.0, 1, 2), obs("2020-21-Q2", 90.0, 9, 10)])
    ytd = year_to_date(rows, Period.parse("2020-21-Q2"), "quarter", "sum", "percent")
    assert (ytd.numerator, ytd.denominator) == (10, 12) and math.isclose(ytd.value, 100 * 10 / 12)
    assert (ytd.parts_found, ytd.parts_expected, ytd.exact) == (2, 2, False)


def test_a_blank_quarter_with_a_reason_gives_no_year_to_date_but_the_reason():
    rows = dict([obs("2020-21-Q1", 5.0), obs("2020-21-Q2", comment="not available: a new system")])
    ytd = year_to_date(rows, Period.parse("2020-21-Q2"), "quarter", "sum", "count")
    assert math.isnan(ytd.value) and missing_reason(ytd) == "not available: a new system"


def test_a_whole_year_needs_every_quarter():
    rows = dict([obs("2020-21-Q1", 5.0), obs("2020-21-Q2", 6.0), obs("2020-21-Q3", 7.0)])
    value, *_, note, _sources = year_value(rows, Period.parse("2020-21"), "quarter", "sum", "count")
    assert math.isnan(value) and note == "incomplete: 3 of 4 quarters"
    rows.update([obs("2020-21-Q4", 8.0)])
    assert year_value(rows, Period.parse("2020-21"), "quarter", "sum", "count")[0] == 26.0


def test_an_average_of_days_to_date_keeps_the_cases_it_is_over():
    # ATTACK-4 finding 5, the advice taken: 12 days over 20 children, then 13 over 3 (aggregate mean); the year to
    # date is the mean, 12.5, over 23 children, which public reports set against Q1's 20 (13 days over 3 children)
    rows = dict([obs("2023-24-Q1", 12.0, 240, 20), obs("2023-24-Q2", 13.0, 39, 3)])
    ytd = year_to_date(rows, Period.parse("2023-24-Q2"), "quarter", "mean", "days")
    assert (ytd.value, ytd.numerator, ytd.denominator) == (12.5, 279, 23)
    counts = year_to_date(rows, Period.parse("2023-24-Q2"), "quarter", "mean", "number")  # an average of counts
    assert counts.value == 12.5 and math.isnan(counts.denominator)
