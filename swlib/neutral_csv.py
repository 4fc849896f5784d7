"""A table written as CSV with every text cell neutralised (``cell_text.neutralise``): used by the
workbook and explorer exports (``excel``) and the LGBF importer, which imports only this (not
``excel``'s openpyxl, reports and settings) to write its table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .cell_text import neutralise
from .writing import write_atomic


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell (and column name) neutralised."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path, float_format: str | None = None) -> Path:
    """A DataFrame as CSV with every text cell neutralised (a leading apostrophe, the only
    way CSV has), atomically; ``float_format`` as pandas' ``to_csv`` takes it."""

    path = Path(path)
    text = neutralise_frame(df).to_csv(index=False, lineterminator="\n", float_format=float_format)
    write_atomic(path, text.encode("utf-8"))
    return path
