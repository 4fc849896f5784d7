"""``swreport validate``'s words (swlib.validate): counts in words and a data set's warnings as run and batch print them."""

from swlib.errors import Problem
from swlib.validate import plural, table_counts, warning_lines


def test_a_count_is_said_with_its_noun_singular_for_one():
    assert plural(1, "council") == "1 council"
    assert plural(0, "problem") == "0 problems"
    assert plural(1234, "row") == "1,234 rows"
    assert plural(2, "benchmark row", "benchmark rows") == "2 benchmark rows"


def test_the_tables_are_counted_in_contract_order(demo):
    said = table_counts(demo)
    assert said.startswith("3 councils, ") and f"{len(demo.measures):,} measures" in said
    assert said.index("councils") < said.index("measures") < said.index("observations")


def test_warnings_are_printed_under_one_head_line_and_none_print_nothing():
    w = Problem("measures.csv", 4, "tolerance", "a tolerance of 5 with no target", "a target for it")
    assert warning_lines([]) == []
    head, line = warning_lines([w])
    assert head.startswith("the data has 1 warning (allowed, but probably wrong; 'swreport validate' lists them too)")
    assert line == f"  warning: {w}" and "measures.csv, row 4, column 'tolerance'" in line
