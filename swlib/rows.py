"""A frame's rows as dicts, as ``DataFrame.to_dict("records")`` gives them, without its cost.

pandas builds ``to_dict("records")`` from ``itertuples``, which makes a Series of every column
(deep-copying the frame's ``attrs`` into each): about 2 ms for the 33-column performance table
whatever its length, paid by each of the report's tables. ``records`` reads each column's array
once and gives the same values, of the same types: a column's values as iterating its Series
gives them (Python scalars for numbers, ``Timestamp`` for dates, extension arrays' own scalars),
and the values in object and extension columns boxed as ``to_dict`` boxes them (NumPy scalars to
Python's)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def records(df: pd.DataFrame) -> list[dict]:
    """``df.to_dict("records")``, the same list of dicts (plain ``dict``, columns in order)."""
    if not df.columns.is_unique:  # a dict keeps one value of a repeated name: pandas decides which
        return df.to_dict("records")
    from pandas.core.dtypes.cast import maybe_box_native  # what to_dict boxes an object column's values with

    columns = df.columns.tolist()
    values = []
    for i, dtype in enumerate(df.dtypes.values):
        a = df._get_column_array(i)  # the column's array, no Series made (read only)
        if dtype == np.dtype(object) and isinstance(a, np.ndarray):  # text and blanks as they are: no call a cell
            values.append([v if v is None or type(v) is str else maybe_box_native(v) for v in a.tolist()])
        elif dtype == np.dtype(object) or isinstance(dtype, pd.api.extensions.ExtensionDtype):
            values.append([maybe_box_native(v) for v in a])
        elif isinstance(a, np.ndarray):
            values.append(a.tolist())  # Python scalars, as Series.__iter__ (ndarray.item) gives them
        else:
            values.append(list(a))
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
