"""The data contract's rules across rows (swlib.rules)."""

import pandas as pd

from swlib import schema
from swlib.rules import check_keys


def test_a_second_row_for_the_same_key_names_both_rows():
    df = pd.DataFrame({"council": ["alpha", "beta", "alpha"], "name": ["A", "B", "A again"]}, index=[2, 3, 4])
    (p,) = check_keys(schema.TABLES["councils"], df, "councils.csv")
    assert (p.file, p.row, p.column) == ("councils.csv", 4, "council")
    assert p.found == "a second row for council=alpha (first at row 2)" and p.expected == "one row per council"


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
