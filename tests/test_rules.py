"""The data contract's rules across rows (swlib.rules)."""

import pandas as pd

from swlib import schema
from swlib.rules import check_keys


def test_a_second_row_for_the_same_key_names_both_rows():
    df = pd.DataFrame({"council": ["alpha", "beta", "alpha"], "name": ["A", "B", "A again"]}, index=[2, 3, 4])
    (p,) = check_keys(schema.TABLES["councils"], df, "councils.csv")
    assert (p.file, p.row, p.column) == ("councils.csv", 4, "council")
    assert p.found == "a second row for council=alpha (first at row 2)" and p.expected == "one row per council"
