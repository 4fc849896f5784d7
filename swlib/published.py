"""What the public reports have printed: the figures a public run differences against.

A figure revised after it was published can give a small number away: the Q1 report printed 90
to date, the data now say 92 for the same months, and a later report that prints 92 (or a year
to date built on it) tells a reader that 2 cases were added. The data alone cannot show this,
since they no longer hold the 90. So each public report keeps a record of the cumulative
figures it printed, ``<outputs>/<council>/<period>/<report>-public.figures.csv`` beside its
executed notebook (in the internal tree, never uploaded: it holds every figure the data gave at
the time, a few of which the report may have suppressed for other reasons), and public
suppression (``disclosure.hidden_why``) differences each figure against every figure printed
for the same measure and financial year, whatever months it covers, as well as against the
data's own earlier figures.

A record row: ``measure``, ``year`` (the financial year, ``2020-21``), ``months`` (how many
months of it the figure covers, from April), ``value``, ``numerator``, ``denominator``,
``parts`` (how many periods of the measure's frequency an average is over), ``title`` (the
measure's title, or the team's name: a figure whose id is renamed after it was published is still
set against the new id of the same title, ``renamed``; blank in records kept before it was added).
"""

from __future__ import annotations

import re
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


def write(path: Path, printed: list[dict]) -> Path:
    """Add ``printed`` (rows of ``COLUMNS``) to the record at ``path``, keeping what it held: a
    figure printed once stays published, whatever a later run prints."""
    new = pd.DataFrame(printed, columns=COLUMNS)
    if path.is_file():
        new = pd.concat([pd.read_csv(path, dtype={"measure": str, "year": str, "title": str}), new], ignore_index=True)
    new = new.drop_duplicates().sort_values(["measure", "year", "months"], kind="stable")
    write_atomic(path, new.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return path


def normalise(name) -> str:
    """A title or team name as the record matches it: lower case, '&' as 'and', punctuation and
    spacing ignored ("Strategy & Support", "strategy and support." -> "strategy and support")."""
    text = re.sub(r"&", " and ", str(name).lower())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def renamed(record: pd.DataFrame | None, titles: dict[str, str]) -> pd.DataFrame | None:
    """``record`` with each figure whose measure id is no longer in use (not a key of ``titles``,
    the ids a report prints now -> their titles) also under each id new since the record with the
    same title (``normalise``d): "Foster carer approvals" printed as 30 under dg-ly3 is set against the 33 of
    dg-ly3b, its new id, as a revision. Names built on ids (``<id>:complement``, a whole's rest
    ``<whole>:rest:<part>+<part>``) follow their ids."""
    if record is None or record.empty or "title" not in record:
        return record
    recorded = {str(m).split(":")[0] for m in record["measure"]}
    by_title: dict[str, set[str]] = {}  # the ids new since the record, by title
    for m, t in titles.items():
        if m not in recorded:
            by_title.setdefault(normalise(t), set()).add(m)
    old = {}  # a vanished id -> the ids now in use with its title
    for m, t in zip(record["measure"], record["title"], strict=True):
        base = str(m).split(":")[0]
        if isinstance(t, str) and base not in titles and ":" not in str(m):
            old.setdefault(base, set()).update(by_title.get(normalise(t), set()))
    old = {m: new for m, new in old.items() if new}
    if not old:
        return record

    def keys(m: str) -> list[str]:
        whole, sep, parts = m.partition(":rest:")
        if sep:
            ws = [whole, *old.get(whole, ())]
            ps = [[p, *old.get(p, ())] for p in parts.split("+")]
            out = [w + sep + "+".join(x) for w in ws for x in _choices(ps)]
        else:
            base, colon, rest = m.partition(":")
            out = [n + colon + rest for n in [base, *old.get(base, ())]]
        return out[1:]

    extra = [{**r, "measure": k} for r in record.to_dict("records") for k in keys(str(r["measure"]))]
    return pd.concat([record, pd.DataFrame(extra, columns=record.columns)], ignore_index=True) if extra else record


def _choices(options: list[list[str]]) -> list[list[str]]:
    """Each way of taking one of each list (the first of each first)."""
    out: list[list[str]] = [[]]
    for opts in options:
        out = [[*x, o] for x in out for o in opts]
    return out
