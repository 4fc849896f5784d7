"""``swreport init``: a new council's data set and settings, from nothing.

In the folder it is run from it writes
- ``data/`` (CSV files, one per table) or, with ``--workbook FILE``, one .xlsx workbook with a
  sheet per table (notes on the headers, drop-down lists, as ``swreport template`` makes);
- ``data/narrative/README.md`` (beside a workbook: ``narrative/README.md``): where the CSWO's
  own words for the annual report go;
- ``params/councils.yaml`` (the council's report settings) and ``params/schedule.yaml`` (its
  quarterly and annual reports, for ``swreport batch --schedule``).

The data set holds the council's row (its LGBF family group where it is one of the 32
councils), the shared statutory-functions catalogue the annual report reads
(``swlib/data/statutory_measures.csv``), and every other table empty with its headers: no demo
council's measures or figures. ``swreport validate`` passes on it. Nothing is overwritten: if
any of the files exists, nothing is written.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import tempfile
from pathlib import Path

from . import cell_text
from . import schema as sc
from .errors import ConfigError
from .loading import load
from .outputs import write_atomic
from .return_template import write_template
from .statutory import closest, lgbf_councils, lgbf_family_group, statutory_measures

SOURCE = "Council settings"  # what a report's Data sources calls it (it was "swreport init")
CATALOGUE_SOURCE = (
    "the statutory functions a Chief Social Work Officer's annual report covers (the catalogue every council shares)"
)


def table_columns(name: str) -> list[str]:
    """The columns a new table's header holds: the contract's, and for inspections a grade
    column per quality theme (what the annual report reads)."""
    table = sc.TABLES[name]
    cols = [c.name for c in table.columns]
    if table.open_columns:
        at = cols.index("source")
        cols[at:at] = list(sc.QUALITY_THEMES)
    return cols


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        # a name typed as =cmd is never a live formula in Excel; load takes the apostrophe off
        w.writerow({k: ("" if r.get(k) is None else cell_text.neutralise(r.get(k))) for k in columns})
    return buf.getvalue().encode("utf-8")


def tables(council: str, name: str, family_group: int | None, population: int | None = None) -> dict[str, bytes]:
    """Each table of the new data set as CSV bytes (``name.csv`` -> content)."""
    out = {}
    councils = [{"council": council, "name": name, "family_group": family_group, "population": population,
                 "source": SOURCE}]  # fmt: skip
    out["councils"] = _csv(councils, table_columns("councils"))
    cat = statutory_measures()
    measures = [{**r, "council": "", "source": CATALOGUE_SOURCE} for r in cat.to_dict("records")]
    out["measures"] = _csv(measures, table_columns("measures"))
    for t in sc.TABLE_ORDER:
        if t not in out:
            out[t] = _csv([], table_columns(t))
    return out


def _settings(council: str) -> str:
    return f"""# Report settings for {council}. Anything not given here takes the default.
defaults:
  service: Social Work Services
  owner: Chief Social Work Officer   # who the report is by: page 1 prints "Issued <date> · Report owner: <owner>"
  tolerance_percent: 5      # amber band as % of the target where neither targets nor measures give one
  suppress_min: 1           # public reports suppress counts from suppress_min to suppress_max
  suppress_max: 4
  public_text: checked      # or cleared: public reports print only comments and narrative an officer cleared
councils:
  {council}:
    service: Social Work Services   # as the report titles name the service
"""


def can_print() -> bool:
    """Whether the pdf extra is installed (``pdf.require`` checks Chromium too when a run starts)."""
    return all(importlib.util.find_spec(m) is not None for m in ("playwright", "pikepdf"))


def _schedule(council: str, pdf: bool) -> str:
    """The schedule init writes: each report with its PDF where the pdf extra is installed, so that
    the weekly run prints a re-rendered report's committee paper again rather than remove it."""
    said = (
        "# pdf: true prints each report's PDF (the committee paper) beside its HTML; a report rendered\n"
        "# again without it loses the PDF printed before, whose figures are out of date.\n"
        if pdf
        else "# pdf: true would print each report's PDF (the committee paper) beside its HTML: it needs\n"
        "# pip install 'swreport[pdf]' and Chromium (docs/guide.md). Without it a report rendered again\n"
        "# loses a PDF printed before by hand (swreport run --pdf), whose figures are out of date.\n"
    )
    return f"""# The reports 'swreport batch --schedule params/schedule.yaml' renders. 'latest' is the latest
# period of the report's kind that has ended and has figures for at least half its measures
# (latest_share: 0.8 under a run, or in councils.yaml, to ask for more); write a period
# (2025-26-Q2, 2024-25) to render that one.
{said}runs:
  - report: quarterly
    period: latest
    councils: [{council}]
    audience: [internal, public]
    pdf: {str(pdf).lower()}
  - report: annual
    period: latest
    councils: [{council}]
    audience: [internal, public]
    pdf: {str(pdf).lower()}
"""


NARRATIVE = (Path(__file__).parent / "data" / "narrative_readme.md").read_text(encoding="utf-8")


def plan(folder: Path, council: str, workbook: Path | None) -> dict[Path, str]:
    """What init writes: path -> what it is (nothing is written)."""
    folder = Path(folder)
    out: dict[Path, str] = {}
    if workbook is None:
        data = folder / "data"
        for t in sc.TABLE_ORDER:
            out[data / f"{t}.csv"] = t
        out[data / "narrative" / "README.md"] = "narrative"
    else:
        book = workbook if workbook.is_absolute() else folder / workbook
        out[book] = "workbook"
        out[book.parent / "narrative" / "README.md"] = "narrative"
    out[folder / "params" / "councils.yaml"] = "settings"
    out[folder / "params" / "schedule.yaml"] = "schedule"
    return out


def init_council(
    folder, council: str, name: str, workbook=None, family_group: int | None = None, population: int | None = None
) -> list[Path]:
    """Write a new council's data set and settings in ``folder``; returns the files written.
    Raises ConfigError (nothing written) for a bad id, a bad family group or a file in the way."""
    folder = Path(folder)
    council = (council or "").strip()
    name = (name or "").strip()
    if not sc.COUNCIL_ID.fullmatch(council):
        slug = re.sub(r"[^a-z0-9]+", "-", council.lower().replace("&", " and ")).strip("-")
        near = closest(slug, list(lgbf_councils()["council"])) or (slug if sc.COUNCIL_ID.fullmatch(slug) else None)
        hint = f" (did you mean {near!r}?)" if near else ""
        raise ConfigError(f"council id {council!r}: expected {sc.expected(sc.Col('council', 'council_id'))}{hint}")
    if not name:
        raise ConfigError("--name: expected the council's name as reports print it, e.g. 'Fife Council'")
    lgbf = lgbf_family_group(council)
    near = closest(council, list(lgbf_councils()["council"])) if lgbf is None else None
    if near and family_group is None:  # ANALYST-8 #10: it wrote everything, then asked for it to be deleted
        raise ConfigError(
            f"nothing written: {council!r} is not one of the 32 councils as the LGBF benchmarks name them "
            f"(did you mean {near!r}?); run 'swreport init {near} ...' for it, or give --family-group N to start "
            f"{council!r} as a council of its own"
        )
    if family_group is not None and not 1 <= family_group <= 4:
        raise ConfigError(f"--family-group: found {family_group}; expected an LGBF family group from 1 to 4")
    group = family_group if family_group is not None else lgbf
    if workbook is not None:
        workbook = Path(workbook)
        if workbook.suffix.lower() != ".xlsx":
            raise ConfigError(f"--workbook writes an .xlsx workbook: found {workbook.name!r}")
        book = workbook if workbook.is_absolute() else folder / workbook
        if book.resolve() != (Path(folder) / "data.xlsx").resolve():  # AUDIT-9 gap 2: the schedule read the demo
            raise ConfigError(
                f"nothing written: --workbook {workbook}: every command and the scheduled run find the council's "
                f"workbook as data.xlsx in this folder ({Path(folder).resolve()}); expected --workbook data.xlsx "
                f"(a workbook by another name is read only where each command, and the schedule's run, is given "
                f"--data {workbook.name})"
            )
    files = plan(folder, council, workbook)
    taken = [p for p in files if p.exists()]
    data = folder / "data"
    if workbook is None and data.is_dir() and any(data.iterdir()) and not taken:
        taken = [data]
    if taken:
        shown = ", ".join(str(p) for p in taken[:3]) + (", ..." if len(taken) > 3 else "")
        raise ConfigError(
            f"nothing written: {shown} already {'exists' if len(taken) == 1 else 'exist'}; swreport init "
            "starts a council's data set in an empty folder and never overwrites one"
        )
    content = tables(council, name, group, population)
    written: list[Path] = []
    try:
        for path, what in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if what in content:
                _write(path, content[what])
            elif what == "workbook":
                _write_workbook(path, content)
            elif what == "narrative":
                _write(path, NARRATIVE.format(council=council, sections=", ".join(sc.NARRATIVE_SECTIONS)).encode())
            elif what == "settings":
                _write(path, _settings(council).encode())
            else:
                _write(path, _schedule(council, can_print()).encode())
            written.append(path)
    except BaseException:
        for p in written:  # all or nothing
            p.unlink(missing_ok=True)
        raise
    return written


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data, new=True)
    except FileExistsError:
        raise ConfigError(f"nothing written: {path} appeared while init was writing") from None


def _write_workbook(path: Path, content: dict[str, bytes]) -> None:
    """The tables as one workbook, through swreport template (notes, drop-downs)."""
    with tempfile.TemporaryDirectory() as d:
        for t, data in content.items():
            (Path(d) / f"{t}.csv").write_bytes(data)
        ds = load(d)
        tmp = Path(d) / path.name
        write_template(tmp, ds)
        _write(path, tmp.read_bytes())


def lgbf_note(council: str, family_group: int | None) -> str | None:
    """A line for the user about the family group, when it is not the LGBF's."""
    lgbf = lgbf_family_group(council)
    if lgbf is None:
        ids = list(lgbf_councils()["council"])
        near = closest(council, ids)
        names = f"did you mean {near!r}?" if near else ", ".join(ids[:3]) + ", ..."
        return (
            f"{council!r} is not one of the 32 councils as the LGBF benchmarks name them ({names}): "
            + ("its family group is blank; give --family-group N for benchmarking" if family_group is None else
               f"family group {family_group} as given")
        )  # fmt: skip
    if family_group is not None and family_group != lgbf:
        return f"family group {family_group} as given; the LGBF's for {council} is {lgbf}"
    return None
