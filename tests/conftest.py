"""Shared fixtures: small data sets written as real CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COUNCILS = [
    {"council": "alpha", "name": "Alpha Council", "family_group": "1", "source": "test"},
    {"council": "beta", "name": "Beta Council", "family_group": "2", "source": "test"},
]
MEASURE_DEFAULTS = {
    "title": "A measure", "theme": "Theme one", "outcome": "Outcome one", "unit": "percent",
    "polarity": "higher", "frequency": "quarterly", "aggregate": "sum", "target": "", "tolerance": "",
    "decimals": "", "council": "", "source": "test",
}  # fmt: skip


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in columns})


def make_data(folder: Path, measures: list[dict], observations: list[dict], targets=None, actions=None) -> Path:
    """A data folder with two councils and the given measures and observations."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "councils.csv", COUNCILS)
    ms = [{"measure": f"m{i}", **MEASURE_DEFAULTS, **m} for i, m in enumerate(measures)]
    write_csv(folder / "measures.csv", ms, ["measure", *MEASURE_DEFAULTS])
    obs_cols = ["council", "measure", "period", "value", "numerator", "denominator", "status", "comment", "source"]
    write_csv(folder / "observations.csv", [{"council": "alpha", **o} for o in observations], obs_cols)
    if targets is not None:
        write_csv(folder / "targets.csv", targets, ["council", "measure", "period", "target", "tolerance"])
    if actions is not None:
        write_csv(
            folder / "actions.csv",
            actions,
            ["council", "period", "theme", "outcome", "action", "measure", "status", "comment"],
        )
    return folder


# The modules that take longest, longest first (--durations of a whole run, 2026-12): with --dist
# loadscope a module runs whole in one worker and a worker takes the next module as it finishes
# one (pyproject: --no-loadscope-reorder, which would order them by their number of tests), so the
# long ones start first and the many short ones fill in at the end: a long module started last
# would decide the suite's wall time. Modules not named keep their order, after these
LONGEST_FIRST = (
    "test_batch.py", "test_merge.py", "test_pdf.py", "test_interrupts.py", "test_rerun.py", "test_rendering.py",
    "test_xmr.py", "test_disclosure.py", "test_kernels.py", "test_cli.py", "test_browser.py",
    "test_disclosure_properties.py", "test_workforce.py", "test_imports.py", "test_published.py", "test_init.py",
)  # fmt: skip


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a module's own order is kept


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture(scope="session")
def demo():
    import swlib

    return swlib.load(ROOT / "data")


def dundee_not_checked_line(check_public: str, command: str) -> str:
    """The one line a public run or batch of Dundee's 2016-17 annual report prints for the figures it
    cannot check: ``check_public`` the command it names, ``command`` the one that with --verbose lists
    them one by one (run or batch: check-public has no --verbose, ANALYST-9 #14)."""
    # complaints upheld and finalised in time are checked against complaints received (the catalogue's part_of)
    measures = "cp-parents-attended, care-leavers-eet, cpo-completed"
    return (  # a line names up to five (cli.reports.NOT_CHECKED_NAMED), then 'and N more'
        "not checked in public/dundee-city/2016-17/annual: 3 measures printed as a percentage, rate or ratio without "
        f"numerator and denominator ({measures}): give them, or declare part_of = the count a percentage is of; "
        f"'{check_public}' lists them (or {command} with --verbose)"
    )


DG = "dumfries-and-galloway"


def demo_with(folder, measures=(), observations=(), changed=None, councils=None):
    """A copy of the demo data in ``folder`` with ``measures`` and ``observations`` rows (dicts)
    added, observation rows changed (``changed``: {(measure, period): {column: value}}, D&G's)
    and councils' columns set (``councils``: {council: {column: value}}); loaded."""
    import shutil

    import swlib

    shutil.copytree(ROOT / "data", folder)

    def edit(name, add, change):
        path = folder / f"{name}.csv"
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        cols = list(dict.fromkeys([*rows[0], *(k for r in add for k in r)]))
        for r in rows:
            r.update(change(r) or {})
            cols += [k for k in r if k not in cols]  # a column set on a row: councils' population_0-15
        write_csv(path, [*rows, *add], cols)

    edit("measures", list(measures), lambda r: None)
    edit("observations", [{"council": DG, "source": "synthetic", **o} for o in observations],
         lambda r: (changed or {}).get((r["measure"], r["period"])) if r["council"] == DG else None)  # fmt: skip
    edit("councils", [], lambda r: (councils or {}).get(r["council"]))
    return swlib.load(folder)


def new_council(
    folder: Path, monkeypatch, measures=(), observations=(), council="pk", name="Perth and Kinross Council"
):
    """A council set up with ``swreport init`` in ``folder`` (the statutory catalogue; the working
    folder), with its own ``measures`` and ``observations`` added to its CSV files as an analyst's
    merged returns leave them: the loaded data set."""
    from click.testing import CliRunner  # the CLI only for the tests that set a council up with it

    import swlib
    from swlib.cli import main

    monkeypatch.chdir(folder)
    for var in ("SWREPORT_DATA", "SWREPORT_PARAMS", "SWREPORT_OUT"):
        monkeypatch.delenv(var, raising=False)
    assert CliRunner().invoke(main, ["init", council, "--name", name]).exit_code == 0
    for table, rows in (("measures", measures), ("observations", observations)):
        path = folder / "data" / f"{table}.csv"
        header = path.read_text().splitlines()[0].split(",")
        with path.open("a", newline="") as f:
            csv.DictWriter(f, header).writerows(rows)
    return swlib.load(folder / "data")
