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
    value, *_, note = year_value(rows, Period.parse("2020-21"), "quarter", "sum", "count")
    assert math.isnan(value) and note == "incomplete: 3 of 4 quarters"
    rows.update([obs("2020-21-Q4", 8.0)])
    assert year_value(rows, Period.parse("2020-21"), "quarter", "sum", "count")[0] == 26.0
