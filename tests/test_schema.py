"""The data contract: tables and columns, how a cell is read, what a message says was expected."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from swlib import schema as sc


def test_the_tables_are_the_data_contracts():
    assert sc.TABLE_ORDER[:2] == ("councils", "measures") and set(sc.TABLE_ORDER) == set(sc.TABLES)
    assert [t for t in sc.TABLE_ORDER if sc.TABLES[t].required] == ["councils", "measures", "observations"]
    measures = sc.TABLES["measures"]
    assert measures.key == ("measure",)
    assert measures.col("unit").choices == sc.UNITS
    assert measures.col("polarity").choices == ("higher", "lower", "none")
    assert measures.col("nonexistent") is None
    for name in sc.TABLE_ORDER:  # every table may say where its figures came from
        assert sc.TABLES[name].col("source") is not None, name


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
    assert sc.read_number(text) == value


@pytest.mark.parametrize("text", ["seven", "1.2.3", "nan", "inf", "12 people"])
def test_anything_else_is_not_a_number(text):
    with pytest.raises(ValueError):
        sc.read_number(text)


def test_a_column_of_numbers_is_read_at_once_with_which_cells_are_good():
    values, ok = sc.parse_numbers(pd.Series(["12", "1,200", "£5", "", "x", "50%", "inf", "50\u00a0%"]))
    assert list(ok) == [True, True, True, True, False, True, False, True] and values[7] == 50.0
    assert values.tolist()[:3] == [12.0, 1200.0, 5.0] and values.tolist()[5] == 50.0
    assert math.isnan(values[3]) and math.isnan(values[4]) and math.isnan(values[6])


def test_periods_and_dates_are_normalised():
    assert sc.read_period("2020/21 Q2") == "2020-21-Q2" and sc.read_period(" ") is None
    assert sc.read_date("06/01/2017") == "2017-01-06" == sc.read_date("2017-01-06") == sc.read_date("06/01/17")
    with pytest.raises(ValueError):
        sc.read_date("January 6th")


def test_what_a_column_expects_in_words():
    m = sc.TABLES["measures"]
    assert sc.expected(m.col("unit")) == "one of " + ", ".join(sc.UNITS) + " (any case)"
    assert sc.expected(m.col("decimals")) == "a whole number from 0 to 6"
    assert sc.expected(m.col("tolerance")) == "a number of at least 0"
    assert sc.expected(m.col("target")) == "a number"
    assert sc.expected(sc.TABLES["observations"].col("period")).startswith("a period such as 2020-21")
    assert sc.expected(sc.TABLES["councils"].col("council")).startswith("a lower-case id")


def test_checked_text_becomes_typed_values():
    m = sc.TABLES["measures"]
    assert sc.convert(m.col("unit"), pd.Series(["Percent", " count ", ""])).tolist() == ["percent", "count", None]
    assert sc.convert(m.col("decimals"), pd.Series(["1", "", "2"])).tolist() == [1, pd.NA, 2]
    assert sc.convert(sc.TABLES["observations"].col("period"), pd.Series(["2020/21", "Q2 2020/21"])).tolist() == [
        "2020-21", "2020-21-Q2",
    ]  # fmt: skip
    assert sc.convert(m.col("title"), pd.Series(["A", ""])).tolist() == ["A", None]


def test_pandera_checks_flag_the_bad_cells_of_a_column():
    col = sc.TABLES["councils"].col("family_group")
    schema = sc.pandera_schema(sc.Table("t", (col,)), [])
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaErrors) as e:
        schema.validate(pd.DataFrame({"family_group": ["1", "five", "9", "2"]}), lazy=True)
    bad = e.value.failure_cases
    assert sorted(bad["index"].tolist()) == [1, 2, 2] or sorted(bad["index"].unique().tolist()) == [1, 2]
    assert set(bad["failure_case"]) == {"five", "9"}


@pytest.mark.parametrize("text", ["=SUM(A1:A9)", "+44 1234", "@cmd", "-x", "\tTab"])
def test_text_a_spreadsheet_would_run_is_written_with_an_apostrophe_and_read_back_as_typed(text):
    assert sc.neutralise(text) == "'" + text
    assert sc.unneutralise(sc.neutralise(text)) == text


def test_plain_numbers_and_ordinary_text_are_left_alone():
    for value in ("-5000", "+1.5e3", "Care at home", "'quoted'", 12, None):
        assert sc.neutralise(value) == value
        assert sc.unneutralise(value) == value


@pytest.mark.parametrize(
    ("table", "column", "good", "bad"),
    [
        ("councils", "family_group", ["1", "4", "", "1"], ["1", "five"]),
        ("councils", "family_group", ["2"], ["9"]),
        ("councils", "council", ["a-b", "c1"], ["A b"]),
        ("councils", "council", ["a"], [""]),
        ("measures", "unit", ["Percent", " count "], ["per cent"]),
        ("observations", "status", ["Green", "report  later", ""], ["Blue"]),
        ("measures", "part_of", ["", "m.1_x"], ["m 1"]),
        ("observations", "period", ["2020/21", "Q2 2020/21", "2020-09"], ["2020-21-Q5"]),
        ("observations", "value", ["1,234", "£5", "93%", ""], ["-1"]),
        ("inspections", "date", ["2017-01-06", "06/01/2017"], ["6 Jan"]),
    ],
)
def test_a_column_passes_its_tests_cell_by_cell_as_pandera_does(table, column, good, bad):
    # column_passes (each distinct cell tested once) says what pandera's checks say, cell by cell
    import pandera.errors

    col = sc.TABLES[table].col(column)
    schema = sc.pandera_schema(sc.Table("t", (col,)), [])
    for cells, passes in ((good * 3, True), (good + bad, False)):
        s = pd.Series(cells, dtype="object")
        assert sc.column_passes(col, s) is passes
        try:
            schema.validate(pd.DataFrame({column: s}), lazy=True)
            assert passes
        except pandera.errors.SchemaErrors:
            assert not passes


def test_a_column_is_converted_once_per_distinct_cell_with_its_rows_labels():
    obs = sc.TABLES["observations"]
    s = pd.Series(["2020/21", "", "2020/21", "Q2 2020/21"], index=[5, 6, 9, 12], dtype="object")
    out = sc.convert(obs.col("period"), s)
    assert out.to_dict() == {5: "2020-21", 6: None, 9: "2020-21", 12: "2020-21-Q2"}
    n = sc.convert(sc.TABLES["councils"].col("population"), pd.Series(["1,200", "", "1,200"], index=[2, 3, 4]))
    assert str(n.dtype) == "Int64" and n.tolist() == [1200, pd.NA, 1200] and list(n.index) == [2, 3, 4]


@pytest.mark.parametrize(("text", "value"), [("1,234", 1234.0), ("12,345,678", 12345678.0), ("£1,234.50", 1234.5),
                                              ("-1,234", -1234.0), ("1,234%", 1234.0)])  # fmt: skip
def test_a_comma_between_groups_of_three_digits_separates_thousands(text, value):
    assert sc.read_number(text) == value and sc.comma_hint(text) == ""


@pytest.mark.parametrize(
    ("text", "point"), [("766,50", "766.50"), ("4,5", "4.5"), ("78,3%", "78.3"), ("1,2345", "1.2345")]
)
def test_a_decimal_comma_is_not_a_number_and_the_hint_gives_the_point(text, point):
    with pytest.raises(ValueError):
        sc.read_number(text)  # never 76650, 45, 783
    assert sc.comma_hint(text).endswith(f"a decimal takes a point: {point}")


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
        sc.read_number(text)
    assert sc.comma_hint(text) == hint


@pytest.mark.parametrize(("text", "digits"), [
    ("1.234", "1234"), ("12.345.678", "12345678"),
    ("12.5", None), ("1234.567", None), ("1.23", None), ("1,234", None), ("", None),
])  # fmt: skip
def test_point_thousands_gives_the_whole_number_only_where_every_group_after_a_point_has_3_digits(text, digits):
    # the one rule both the decimal-comma hint and a count's fractional value ('1.234' referrals) use
    assert sc.point_thousands(text) == digits
