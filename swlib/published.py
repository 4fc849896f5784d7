"""What the public reports have printed: the figures a public run differences against.

A figure revised after it was published can give a small number away: the Q1 report printed 90
to date, the data now say 92 for the same months, and a later report that prints 92 (or a year
to date built on it) tells a reader that 2 cases were added. The data alone cannot show this,
since they no longer hold the 90. So each public report keeps a record of the cumulative
figures it printed, ``<outputs>/<council>/<period>/<report>-public.figures.csv`` beside its
executed notebook (in the internal tree, never uploaded: it holds every figure the data gave at
the time, a few of which the report may have suppressed for other reasons), and public
suppression (``hidden.hidden_why``) differences each figure against every figure printed
for the same measure and financial year, whatever months it covers, as well as against the
data's own earlier figures.

A record row: ``measure``, ``year`` (the financial year, ``2020-21``), ``months`` (how many
months of it the figure covers, from April), ``value``, ``numerator``, ``denominator``,
``parts`` (how many periods of the measure's frequency an average is over), ``title`` (the
measure's title, or the team's name: a figure whose id is renamed after it was published is still
set against the new id of the same title, ``renames.renamed``; blank in records kept before it was added).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .config import outputs_dir
from .outputs import write_atomic

COLUMNS = ["measure", "year", "months", "value", "numerator", "denominator", "parts", "title"]
SUFFIX = ".figures.csv"


def empty() -> pd.DataFrame:
    """A record of nothing published (the data's own rule alone)."""
    return pd.DataFrame(columns=COLUMNS)


def figures_path(notebook: Path) -> Path:
    """Where a public report's record goes: beside its executed notebook."""
    return Path(notebook).with_suffix(SUFFIX)


def read(council: str, out=None) -> pd.DataFrame:
    """Every figure the council's public reports in the outputs folder (``out``, else the one in
    use: ``$SWREPORT_OUT`` or ``./outputs``) have recorded; empty where there is none."""
    base = Path(out) if out is not None else outputs_dir()
    files = sorted((base / council).glob(f"*/*-public{SUFFIX}")) if (base / council).is_dir() else []
    frames = [pd.read_csv(f, dtype={"measure": str, "year": str, "title": str}) for f in files]
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty()
    return pd.concat(frames, ignore_index=True).reindex(columns=COLUMNS)


def missing(council: str, out=None) -> str | None:
    """What a public export or the public explorer says where the outputs folder (``out``, else
    the one in use) holds no record of what the council's public reports printed: its figures are
    then set against the data's own alone, and a revision a published report hides (90 printed,
    93 now) is printed. None where there is a record."""
    base = Path(out) if out is not None else outputs_dir()
    if (base / council).is_dir() and any((base / council).glob(f"*/*-public{SUFFIX}")):
        return None
    return (
        f"no record of what public reports printed for {council} in {base.resolve()}: figures are checked against "
        "the data alone, so one a published report would now hide (a revision of 90 to 93) can be printed; name the "
        "outputs folder the public reports were written to (SWREPORT_OUT, or swreport export --out FOLDER)"
    )


def write(path: Path, printed: list[dict]) -> Path:
    """Add ``printed`` (rows of ``COLUMNS``) to the record at ``path``, keeping what it held: a
    figure printed once stays published, whatever a later run prints."""
    new = pd.DataFrame(printed, columns=COLUMNS)
    if path.is_file():
        new = pd.concat([pd.read_csv(path, dtype={"measure": str, "year": str, "title": str}), new], ignore_index=True)
    new = new.drop_duplicates().sort_values(["measure", "year", "months"], kind="stable")
    write_atomic(path, new.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return path
