"""The data contract: tables and columns, how a checked column is converted, what a message says was expected."""

from __future__ import annotations

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
