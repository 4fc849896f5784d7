"""A cell's text read as people type it (swlib.cell_text): numbers, periods, dates, formula text."""

import math

import pandas as pd
import pytest

from swlib import cell_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234", 1234.0),
        ("£1,234.50", 1234.5),
        ("-£20", -20.0),
        ("95%", 95.0),
        ("95 %", 95.0),
        ("95\u00a0%", 95.0),
        (" 7 ", 7.0),
        ("", None),
        ("  ", None),
    ],
)
def test_numbers_are_read_as_people_type_them(text, value):
    assert cell_text.read_number(text) == value


@pytest.mark.parametrize("text", ["seven", "1.2.3", "nan", "inf", "12 people"])
def test_anything_else_is_not_a_number(text):
    with pytest.raises(ValueError):
        cell_text.read_number(text)


def test_a_column_of_numbers_is_read_at_once_with_which_cells_are_good():
    values, ok = cell_text.parse_numbers(pd.Series(["12", "1,200", "£5", "", "x", "50%", "inf", "50\u00a0%"]))
    assert list(ok) == [True, True, True, True, False, True, False, True] and values[7] == 50.0
    assert values.tolist()[:3] == [12.0, 1200.0, 5.0] and values.tolist()[5] == 50.0
    assert math.isnan(values[3]) and math.isnan(values[4]) and math.isnan(values[6])


def test_periods_and_dates_are_normalised():
    assert cell_text.read_period("2020/21 Q2") == "2020-21-Q2" and cell_text.read_period(" ") is None
    assert (
        cell_text.read_date("06/01/2017")
        == "2017-01-06"
        == cell_text.read_date("2017-01-06")
        == cell_text.read_date("06/01/17")
    )
    with pytest.raises(ValueError):
        cell_text.read_date("January 6th")


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+44 1234", "@cmd", "-x", "\tTab"])
def test_text_a_spreadsheet_would_run_is_written_with_an_apostrophe_and_read_back_as_typed(text):
    assert cell_text.neutralise(text) == "'" + text
    assert cell_text.unneutralise(cell_text.neutralise(text)) == text


def test_plain_numbers_and_ordinary_text_are_left_alone():
    for value in ("-5000", "+1.5e3", "Care at home", "'quoted'", 12, None):
        assert cell_text.neutralise(value) == value
        assert cell_text.unneutralise(value) == value


@pytest.mark.parametrize(("text", "value"), [("1,234", 1234.0), ("12,345,678", 12345678.0), ("£1,234.50", 1234.5),
                                              ("-1,234", -1234.0), ("1,234%", 1234.0)])  # fmt: skip
def test_a_comma_between_groups_of_three_digits_separates_thousands(text, value):
    assert cell_text.read_number(text) == value and cell_text.comma_hint(text) == ""


@pytest.mark.parametrize(
    ("text", "point"), [("766,50", "766.50"), ("4,5", "4.5"), ("78,3%", "78.3"), ("1,2345", "1.2345")]
)
def test_a_decimal_comma_is_not_a_number_and_the_hint_gives_the_point(text, point):
    with pytest.raises(ValueError):
        cell_text.read_number(text)  # never 76650, 45, 783
    assert cell_text.comma_hint(text).endswith(f"a decimal takes a point: {point}")


@pytest.mark.parametrize(("text", "hint"), [
    ("1.234,5", "a point is the decimal point and a comma only separates thousands (1,234.5): type 1234.5"),
    ("£12.345,67", "a point is the decimal point and a comma only separates thousands (1,234.5): type 12345.67"),
    ("1 234", "a figure has no spaces (a comma may separate thousands: 1,234): type 1234"),
    ("12\u00a0345,5", "a figure has no spaces (a comma may separate thousands: 1,234): type 12345.5"),
])  # fmt: skip
def test_thousands_by_points_or_spaces_are_not_numbers_and_the_hint_gives_the_whole_figure(text, hint):
    """A continental '1.234,5' or a spaced '1 234' was told 'type the figure alone, 1.234' (or 1):
    a thousandth of it. The hint gives the whole figure."""
    with pytest.raises(ValueError):
        cell_text.read_number(text)
    assert cell_text.comma_hint(text) == hint


@pytest.mark.parametrize(("text", "digits"), [
    ("1.234", "1234"), ("12.345.678", "12345678"),
    ("12.5", None), ("1234.567", None), ("1.23", None), ("1,234", None), ("", None),
])  # fmt: skip
def test_point_thousands_gives_the_whole_number_only_where_every_group_after_a_point_has_3_digits(text, digits):
    # the one rule both the decimal-comma hint and a count's fractional value ('1.234' referrals) use
    assert cell_text.point_thousands(text) == digits


@pytest.mark.parametrize(
    ("sheet", "cell"),
    [("observations", "observations!D2"), ("Observations Q2", "'Observations Q2'!D2"), ("Q2-figures", "'Q2-figures'!D2"),
     ("Bob's", "'Bob''s'!D2"), ("AB12", "'AB12'!D2"), ("Sheet1", "Sheet1!D2")],
)  # fmt: skip
def test_a_cell_is_named_as_excels_name_box_takes_it(sheet, cell):
    """ANALYST-9 #5: 'cell Observations Q2!D2', which Excel's Name Box will not take."""
    assert cell_text.cell_at(sheet, "D2") == cell
