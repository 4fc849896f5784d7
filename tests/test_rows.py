import math

import numpy as np
import pandas as pd
import pytest

from swlib.rows import records


def same(a, b) -> bool:
    """Equal and of the same type, NaN equal to NaN (what a template or a sum would see)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if a is pd.NA or a is pd.NaT:
        return a is b
    return bool(a == b)


def check(df: pd.DataFrame) -> None:
    want, got = df.to_dict("records"), records(df)
    assert len(got) == len(want)
    for w, g in zip(want, got, strict=True):
        assert list(g) == list(w)
        for k in w:
            assert same(g[k], w[k]), (k, g[k], w[k], type(g[k]), type(w[k]))


FRAME = pd.DataFrame({
    "measure": ["a", "b", None],
    "value": [1.5, np.nan, 3.0],
    "count": np.array([1, 2, 3], dtype="int64"),
    "small": np.array([1, 2, 3], dtype="int32"),
    "flag": [True, False, True],
    "mixed": [np.int64(4), np.float64(2.5), np.bool_(True)],
    "when": pd.to_datetime(["2023-04-01", None, "2024-03-31"]),
    "nullable": pd.array([1, None, 3], dtype="Int64"),
    "text": pd.array(["x", None, "z"], dtype="string"),
    "kind": pd.Categorical(["Red", "Green", "Red"]),
    "notes": [{"2021-22": "n"}, None, [1, 2]],
})  # fmt: skip


@pytest.mark.parametrize("cols", [list(FRAME.columns), ["measure", "notes"], ["value", "count"], []])
def test_records_are_to_dicts_rows_value_for_value_and_type_for_type(cols):
    df = FRAME[cols]
    df.attrs = {"period": "2023-24-Q2", "years": ["2020-21"]}
    check(df)
    check(df.iloc[[2, 0]])  # a selection, as the views pass
    check(df.iloc[0:0])  # no rows


@pytest.mark.filterwarnings("ignore:DataFrame columns are not unique")
def test_a_repeated_column_name_is_left_to_pandas():
    df = pd.DataFrame([[1, 2]], columns=["a", "a"])
    check(df)


def test_the_performance_table_gives_the_same_rows():
    import swlib

    perf = swlib.performance(swlib.load(None), "dumfries-and-galloway", "2023-24-Q2")
    check(perf)
    check(perf[perf["status"] == "Red"])
