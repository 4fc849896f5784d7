"""The data set: one DataFrame per table of the data contract (``Dataset``), a council's own
rows of it, and whether its figures are synthetic. ``swlib.loading`` reads and validates one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import schema as sc
from .config import describe_data, is_demo_data
from .errors import ConfigError
from .statutory import did_you_mean


@dataclass
class Dataset:
    """One DataFrame attribute per table of the data contract (absent tables are empty)."""

    councils: pd.DataFrame
    measures: pd.DataFrame
    targets: pd.DataFrame
    observations: pd.DataFrame
    actions: pd.DataFrame
    finance: pd.DataFrame
    workforce: pd.DataFrame
    inspections: pd.DataFrame
    benchmarks: pd.DataFrame
    path: Path | None = None
    warnings: list = field(default_factory=list)  # Problems that are allowed but probably wrong (swlib.checks)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # results computed once per data set

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def council_name(self, council: str) -> str:
        row = self.councils.loc[self.councils["council"] == council]
        if row.empty:
            ids = list(self.councils["council"])
            typo = did_you_mean(council, ids)  # a typo of one it has: not a council to add
            raise ConfigError(
                f"unknown council {council!r} in {describe_data(self.path)}: expected one of {', '.join(ids)}"
                f"{typo}{describe_data(self.path, hint=True) if not typo or is_demo_data(self.path) else ''}"
            )
        return str(row["name"].iloc[0])

    def council_id(self, text: str) -> str:
        """The id of the council ``text`` names: its id, in any case or spacing ('Fife' for fife), or
        its name, with or without 'Council' or 'City Council' ('Fife Council', 'Dundee City'), where
        one council alone fits; else the unknown council's ConfigError (``council_name``: did you
        mean ...), or for more than one, a ConfigError naming them."""
        ids = [str(c) for c in self.councils["council"]]
        if text in ids:
            return text

        def key(s) -> str:
            return " ".join(str(s).replace("-", " ").replace("_", " ").lower().split())

        def forms(c: str, name) -> set[str]:
            n = key(name)
            return {key(c), n, n.removesuffix(" council"), n.removesuffix(" city council")}

        fits = [c for c in ids if key(c) == key(text)] or [
            c for c, name in zip(ids, self.councils["name"], strict=True) if key(text) in forms(c, name)
        ]  # an id first, then a name
        if len(fits) > 1:
            both = ", ".join(f"{c} ({n})" for c, n in zip(ids, self.councils["name"], strict=True) if c in fits)
            raise ConfigError(f"council {text!r} could be any of {both} in {describe_data(self.path)}: give its id")
        if not fits:
            self.council_name(text)  # unknown: the message naming the choices
        return fits[0]

    def for_council(self, council: str) -> Dataset:
        """The data set as one council's report reads it: that council's rows of every table
        that has a council column (and the catalogue's rows for every council), the councils and
        the benchmarking panel whole. Rows keep their labels, so messages name the same rows."""

        out = {}
        for name in sc.TABLE_ORDER:
            df = self.table(name)
            if name in ("councils", "benchmarks") or "council" not in df:
                out[name] = df.copy()
                continue
            mine = df["council"] == council
            if name == "measures":
                mine |= df["council"].isna()
            out[name] = df[mine]
        return replace(self, **out, memo={})

    def is_synthetic(self, council: str | None = None) -> bool:
        """Whether any figure (for ``council``) is marked ``source = synthetic``."""
        for name in sc.TABLE_ORDER:
            df = self.table(name)
            if "source" not in df or df.empty:
                continue
            rows = df
            if council is not None and "council" in df and name != "measures":
                rows = df[df["council"] == council]
            if rows["source"].fillna("").str.strip().str.lower().str.startswith("synthetic").any():
                return True
        return False
