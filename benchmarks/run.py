"""swreport's speed and memory, measured and printed (not a test: the machines are shared and noisy).

    python benchmarks/run.py [--repeat 3] [--quick]
    python benchmarks/run.py --charts      # only the median time of a chart
    python benchmarks/run.py --only lgbf,rerun   # only these rows (printed, results.md untouched)

Rows (for --only): reports (the floor and the three reports), charts, lgbf, batch (16 councils,
--jobs 1 and 2, each report's share), rerun, panel (a council's report on the 200,000-observation
panel: the demo councils copied 143 times), national-panel (the synthetic panel's steps), dask (64 councils of that panel on a Dask LocalCluster),
text (the free-text small-number check on 13 KB, 130 KB and 1.3 MB of narrative).

Prints every figure and writes them, with the date and machine, to benchmarks/results.md.
Each timing is the median of --repeat runs of a fresh process; peak memory is the largest
resident set of the process and everything it started (kernels included).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"
WORKBOOKS = [
    p / "shared" / "data" / "lgbf" / "lgbf-benchmarking-data-2022-01.xlsx" for p in (ROOT.parent, ROOT.parent.parent)
]
FLOOR_VENV = ROOT / "benchmarks" / ".floor-venv"
PY = sys.executable
SWREPORT = [PY, "-m", "swlib.cli"]
# the CPU of the whole process tree: on Linux this process is made a subreaper, so a descendant
# orphaned before it ends (a fork server's worker, a kernel) is reaped here and counted too
MEASURE = textwrap.dedent(
    """
    import ctypes, json, os, resource, subprocess, sys, time
    try:
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (AttributeError, OSError):
        pass
    t = time.perf_counter()
    r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    s = time.perf_counter() - t
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # orphaned descendants still ending
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.02)
        except ChildProcessError:
            break
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = use.ru_maxrss / 1024, use.ru_utime + use.ru_stime
    print(json.dumps({"seconds": s, "cpu": cpu, "peak_mb": peak, "rc": r.returncode, "err": r.stderr[-500:]}))
    """
)
results: list[tuple[str, str]] = []


def measure(cmd: list[str], env=None) -> dict:
    out = subprocess.run(
        [PY, "-c", MEASURE, *map(str, cmd)], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT
    )
    m = json.loads(out.stdout.strip().splitlines()[-1])
    if m["rc"] not in (0,):
        raise SystemExit(f"benchmark command failed ({m['rc']}): {' '.join(map(str, cmd))}\n{m['err']}")
    return m


def median_of(cmd, repeat, env=None) -> dict:
    runs = [measure(cmd, env) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs)}  # fmt: skip


def say(name: str, value: str) -> None:
    results.append((name, value))
    print(f"{name:<58} {value}", flush=True)


# --- the floor ------------------------------------------------------------------------------
def floor_env() -> Path:
    py = FLOOR_VENV / "bin" / "python"
    if not py.exists():
        print("creating the minimal floor environment (papermill, nbconvert, ipykernel) ...", flush=True)
        subprocess.run([PY, "-m", "venv", str(FLOOR_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "papermill", "nbconvert", "ipykernel"], check=True)
    return py


def floor_notebook() -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]}), new_code_cell("print(x)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = WORK / "floor.ipynb"
    nbformat.write(nb, path)
    return path


FLOOR_SCRIPT = textwrap.dedent(
    """
    import sys, papermill as pm
    from nbconvert import HTMLExporter
    nb = pm.execute_notebook(sys.argv[1], sys.argv[2], parameters={"x": 2}, progress_bar=False, kernel_name="python3")
    body, _ = HTMLExporter(template_name="basic").from_filename(sys.argv[2])
    open(sys.argv[3], "w").write(body)
    """
)


# --- a 16-council data set --------------------------------------------------------------------
def sixteen_councils() -> Path:
    import pandas as pd

    src, dst = ROOT / "data", WORK / "data16"
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    base = "dumfries-and-galloway"
    ids = [f"council-{i:02d}" for i in range(1, 17)]
    pd.DataFrame({"council": ids, "name": [f"Council {i}" for i in range(1, 17)], "family_group": [1 + i % 4 for i in range(16)],
                  "source": "synthetic"}).to_csv(dst / "councils.csv", index=False)  # fmt: skip
    m = pd.read_csv(src / "measures.csv", dtype=str, keep_default_na=False)
    m = m[m["council"].isin(["", base])].assign(council="")
    m.to_csv(dst / "measures.csv", index=False)
    for t in ("observations", "targets", "actions", "finance", "workforce", "inspections"):
        df = pd.read_csv(src / f"{t}.csv", dtype=str, keep_default_na=False)
        df = df[df["council"] == base]
        pd.concat([df.assign(council=c) for c in ids]).to_csv(dst / f"{t}.csv", index=False)
    return dst


# --- the demo councils copied 143 times: about 200,000 observations --------------------------
COPIES = 143


def copied_panel(folder: Path, copies: int = COPIES) -> int:
    """The demo data with every council copied ``copies`` times in all (the original ids kept, the
    copies suffixed -c001 ...): its own measures, targets, actions and every other table copied
    with it. Returns the number of observations."""
    import pandas as pd

    src = ROOT / "data"
    folder.mkdir(parents=True, exist_ok=True)
    tables = {t: pd.read_csv(src / f"{t}.csv", dtype=str, keep_default_na=False)
              for t in ("councils", "measures", "targets", "observations", "actions", "finance", "workforce", "inspections")}  # fmt: skip
    own = set(tables["measures"].loc[tables["measures"]["council"] != "", "measure"])

    def copy(df: pd.DataFrame, k: int) -> pd.DataFrame:
        if k == 0:
            return df
        df = df.copy()
        suffix = f"-c{k:03d}"
        mine = df["council"] != ""
        df.loc[mine, "council"] = df.loc[mine, "council"] + suffix
        if "measure" in df:
            theirs = df["measure"].isin(own)
            df.loc[theirs, "measure"] = df.loc[theirs, "measure"] + suffix
        if "name" in df:
            df["name"] = df["name"] + f" (copy {k})"
        return df

    for name, df in tables.items():
        if name == "measures":
            shared, mine = df[df["council"] == ""], df[df["council"] != ""]
            out = pd.concat([shared, *(copy(mine, k) for k in range(copies))])
        else:
            out = pd.concat([copy(df, k) for k in range(copies)])
        out.to_csv(folder / f"{name}.csv", index=False)
    shutil.copy(src / "benchmarks.csv", folder / "benchmarks.csv")
    if (src / "narrative").is_dir():
        shutil.copytree(src / "narrative", folder / "narrative", dirs_exist_ok=True)
    return len(tables["observations"]) * copies


@contextlib.contextmanager
def copied_panel_folder(prefix: str):
    """A temporary folder holding the copied panel in ``data/``: yields the folder and the number
    of observations; removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        tmp = Path(tmp)
        yield tmp, copied_panel(tmp / "data")


# --- the national panel -------------------------------------------------------------------------
PANEL_SCRIPT = textwrap.dedent(
    """
    import json, os, resource, sys, time, warnings
    os.environ["SWREPORT_NO_CACHE"] = "1"  # measure the validation itself
    import numpy as np, pandas as pd
    councils, measures, quarters, folder = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    import swlib
    from swlib.xmr import spc_matrix
    from swlib.benchmarking import benchmark
    rng = np.random.default_rng(1)
    ids = [f"c{i:03d}" for i in range(councils)]
    pd.DataFrame({"council": ids, "name": ids, "family_group": [1 + i % 4 for i in range(councils)]}).to_csv(f"{folder}/councils.csv", index=False)
    ms = [f"m{j:03d}" for j in range(measures)]
    pd.DataFrame({"measure": ms, "title": ms, "theme": [f"T{j % 6}" for j in range(measures)], "unit": "percent", "polarity": "higher",
                  "frequency": "quarterly", "aggregate": "sum", "target": 75}).to_csv(f"{folder}/measures.csv", index=False)
    fy0 = 2024 - quarters // 4
    periods = [f"{fy0 + q // 4}-{(fy0 + q // 4 + 1) % 100:02d}-Q{q % 4 + 1}" for q in range(quarters)]
    n = councils * measures * quarters
    den = rng.integers(20, 200, n)
    num = rng.binomial(den, 0.75)
    pd.DataFrame({"council": np.repeat(ids, measures * quarters), "measure": np.tile(np.repeat(ms, quarters), councils),
                  "period": np.tile(periods, councils * measures), "value": "", "numerator": num, "denominator": den}).to_csv(f"{folder}/observations.csv", index=False)
    out = {}
    t = time.perf_counter(); ds = swlib.load(folder); out["load"] = time.perf_counter() - t
    t = time.perf_counter()
    for c in ids:
        swlib.performance(ds, c, periods[-1])
    out["performance"] = time.perf_counter() - t
    obs = ds.observations
    Y = (100 * obs["numerator"] / obs["denominator"]).to_numpy().reshape(councils * measures, quarters)
    t = time.perf_counter(); spc_matrix(Y, "increase", targets=75); out["spc"] = time.perf_counter() - t
    t = time.perf_counter(); benchmark(swlib.load(), "2022-23"); out["benchmark (LGBF panel)"] = time.perf_counter() - t
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
    """
)


def panel(councils, measures, quarters) -> dict:
    folder = WORK / f"panel-{councils}-{measures}-{quarters}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    r = subprocess.run(
        [PY, "-c", PANEL_SCRIPT, str(councils), str(measures), str(quarters), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SWREPORT_MAX_ROWS": "10000000", "SWREPORT_MAX_CELLS": "100000000"},  # past the limits
    )
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


TARGETS = {  # issue 26
    "quarterly": ("at most 1.25 x floor", lambda r: r <= 1.25),
    "annual": ("at most 1.5 x floor", lambda r: r <= 1.5),
    "national": ("at most 2.0 x floor", lambda r: r <= 2.0),
    "share": ("at most 0.12 x a single run", lambda r: r <= 0.12),
    "speedup": ("at least 1.8 x", lambda r: r >= 1.8),
    "rerun": ("under 0.5 s, importing neither pandas nor pydantic", lambda r: r < 0.5),
    "lgbf": ("at most 2 s", lambda r: r <= 2.0),
    "panel-first": ("at most 1.5 x the demo run", lambda r: r <= 1.5),
    "panel-later": ("at most 1.3 x the demo run", lambda r: r <= 1.3),
}
ROWS = ("reports", "charts", "lgbf", "batch", "rerun", "panel", "national-panel", "dask", "text")


def text_times(sizes=(13_000, 130_000, 1_300_000)) -> dict[int, tuple[float, float, int]]:
    """The free-text small-number check (``small_numbers_in``, as a public run makes it on each
    narrative section) on the demo narrative's paragraphs repeated to each size: (wall seconds, CPU
    seconds, passages found). Linear in the text's length: 10 times the text, about 10 times the time."""
    import re

    from swlib.small_numbers import small_numbers_in

    paras = [p.strip() for f in sorted((ROOT / "data" / "narrative").rglob("*.md"))
             for p in re.split(r"\n\s*\n", f.read_text(encoding="utf-8")) if p.strip()]  # fmt: skip
    out = {}
    for size in sizes:
        text = ""
        while len(text) < size:
            text += "\n\n".join(paras) + "\n\n"
        text = text[:size]
        t, c = time.perf_counter(), time.process_time()
        found = small_numbers_in(text)
        out[size] = (time.perf_counter() - t, time.process_time() - c, len(found))
    return out


def chart_times(n: int = 20) -> dict[str, float]:
    """The median time of one chart, drawn ``n`` times in this process (after one to warm up), for
    each council chart the reports draw most: an SPC chart, a year bar chart, small multiples."""
    import swlib
    from swlib import charts, measure_spc
    from swlib.views import statutory_view

    ds = swlib.load(ROOT / "data")
    council, period = "south-lanarkshire", swlib.Period.parse("2021-22-Q2")
    perf = swlib.performance(ds, council, period)
    row = perf[perf["measure"] == "sl-planned-discharge"].iloc[0].to_dict()
    spc = measure_spc.long_trend(ds, council, row["measure"], period, target=measure_spc.spc_target(ds, row))
    annual = swlib.performance(ds, "dundee-city", "2016-17")
    draws = {
        "SPC chart": lambda: charts.spc_chart(spc, row["title"], row["unit"], int(row["decimals"]), 95),
        "year bar chart": lambda: charts.trend_chart(row, perf.attrs["years"], period.label),
        "small multiples (statutory function)": lambda: statutory_view(
            annual, "Child protection", swlib.Period.parse("2016-17")
        ),
    }
    out = {}
    for name, draw in draws.items():
        draw()
        times = []
        for _ in range(n):
            t = time.perf_counter()
            draw()
            times.append(time.perf_counter() - t)
        out[name] = statistics.median(times)
    return out


def importtime(cmd: list, env=None) -> set[str]:
    """The top-level packages ``cmd`` (a Python command) imports, from ``python -X importtime``."""
    r = subprocess.run([cmd[0], "-X", "importtime", *map(str, cmd[1:])], capture_output=True, text=True,
                       env={**os.environ, **(env or {})}, cwd=ROOT)  # fmt: skip
    return {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in r.stderr.splitlines()
        if line.startswith("import time:")
    }


def chart_share() -> dict:
    """The quarterly report's code cells run in this process (after one run to warm up), with
    every chart function of swlib.charts timed: how much of the cells' time the charts take."""
    import nbformat

    import swlib.charts

    nb = nbformat.read(ROOT / "notebooks" / "quarterly_performance.ipynb", as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    params = {"council": "dumfries-and-galloway", "period": "2023-24-Q2", "audience": "internal", "data": None}
    spent = {"charts": 0.0, "count": 0}

    def timed(f):
        def inner(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                spent["charts"] += time.perf_counter() - t
                spent["count"] += 1

        return inner

    def run_cells() -> float:
        ns = dict(params, display=lambda *a, **k: None)
        t = time.perf_counter()
        for src in cells:
            exec(compile(src, "<cell>", "exec"), ns)
        return time.perf_counter() - t

    run_cells()  # imports every module that draws a chart
    # each chart function (spc_chart, trend_chart ...) wherever a module took it from swlib.charts
    public = {id(f) for name, f in vars(swlib.charts).items()
              if callable(f) and (name.endswith("_chart") or name == "small_multiples")}  # fmt: skip
    patched = [(mod, name, f) for mod in list(sys.modules.values()) if getattr(mod, "__name__", "").startswith("swlib")
               for name, f in list(vars(mod).items()) if id(f) in public]  # fmt: skip
    for mod, name, f in patched:
        setattr(mod, name, timed(f))
    try:
        total = run_cells()
    finally:
        for mod, name, f in patched:
            setattr(mod, name, f)
    return {"cells": total, **spent}


def verdict(what: str, ratio: float) -> str:
    words, ok = TARGETS[what]
    return f"(target {words}: {'met' if ok(ratio) else 'MISSED'})"


def machine() -> str:
    cpu, mem = platform.machine(), ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        mem = f", {kb / 2**20:.0f} GB memory"
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.node()}: {os.cpu_count()} cores ({cpu}){mem}; Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average at the start {load}")  # fmt: skip


def compiled() -> None:
    """swlib's bytecode written before anything is measured, as an installed copy has it (pip
    compiles a package it installs; a working copy writes it on first import): where
    PYTHONDONTWRITEBYTECODE is set and the working copy has none, every process measured (the
    command and its kernel) compiled swlib's 150-odd modules from source, about 0.2 s of CPU each
    on a quiet machine, which is the environment's cost, not the code's. Python reads bytecode
    written already whatever PYTHONDONTWRITEBYTECODE says."""
    import compileall

    compileall.compile_dir(ROOT / "swlib", quiet=1)


REPORT_RUNS = (
    ("quarterly", "dumfries-and-galloway", "2023-24-Q2"),
    ("annual", "dundee-city", "2016-17"),
    ("national", None, "2019-20"),
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip the 16-council batches and the national panel")
    ap.add_argument("--charts", action="store_true", help="only the median time of a chart (prints, writes nothing)")
    ap.add_argument("--only", default=None, help=f"comma-separated rows, of {', '.join(ROWS)} (prints, writes nothing)")
    args = ap.parse_args()
    only = set(ROWS) if not args.only else {r.strip() for r in args.only.split(",")}
    if only - set(ROWS):
        ap.error(f"--only: unknown row(s) {', '.join(sorted(only - set(ROWS)))}; expected {', '.join(ROWS)}")
    if args.quick:
        only -= {"batch", "rerun", "panel", "national-panel", "dask"}
    if args.charts:
        for name, sec in chart_times().items():
            print(f"chart: {name:<50} {1000 * sec:.0f} ms (median of 20)")
        return
    WORK.mkdir(parents=True, exist_ok=True)
    compiled()
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    described = machine()
    print(f"swreport benchmarks, {dt.date.today()}, {described}\n")

    py = floor_env() if "reports" in only else PY
    nb = floor_notebook()
    floor_cmd = [py, "-c", FLOOR_SCRIPT, nb, WORK / "floor-out.ipynb", WORK / "floor.html"]
    out = WORK / "outputs"

    def report_cmd(report, council, period, data=None, out_dir=out):
        who = ["--council", council] if council else []
        return [
            *SWREPORT,
            "run",
            report,
            *who,
            "--period",
            period,
            "--out",
            out_dir,
            *(["--data", data] if data else []),
        ]

    def want(row: str) -> bool:
        return row in only

    floor = None
    if want("reports"):
        # the floor and the reports taken in turns, so that a busier minute weighs on both alike
        runs: dict[str, list[dict]] = {"floor": [], **{r: [] for r, _, _ in REPORT_RUNS}}
        for _ in range(args.repeat):
            runs["floor"].append(measure(floor_cmd))
            for report, council, period in REPORT_RUNS:
                runs[report].append(measure(report_cmd(report, council, period), env))
        med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
        cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
        peak = {k: max(r["peak_mb"] for r in v) for k, v in runs.items()}
        floor = med["floor"]
        say("floor: papermill + nbconvert, one-cell notebook",
            f"{floor:.2f} s (CPU {cpu['floor']:.2f} s), peak {peak['floor']:.0f} MB")  # fmt: skip
        for report, council, period in REPORT_RUNS:
            html = out / (council or "scotland") / period / f"{report}.html"
            say(
                f"{report} report ({council or 'Scotland'} {period}), swreport run",
                f"{med[report]:.2f} s = {med[report] / floor:.2f} x floor {verdict(report, med[report] / floor)} "
                f"(CPU {cpu[report]:.2f} s = {cpu[report] / cpu['floor']:.2f} x), "
                f"peak {peak[report]:.0f} MB, HTML {html.stat().st_size / 1e3:.0f} kB",
            )

    if want("charts"):
        for name, sec in chart_times().items():
            say(f"chart: {name}, median of 20", f"{1000 * sec:.0f} ms")
        share = chart_share()
        say(
            "charts' share of the quarterly report's cells (in one process)",
            f"{share['charts']:.2f} s of {share['cells']:.2f} s ({share['count']} charts, "
            f"{100 * share['charts'] / share['cells']:.0f}%)",
        )

    workbook = next((p for p in WORKBOOKS if p.exists()), None)
    if want("lgbf") and workbook is not None:  # the real LGBF workbook, where the workspace has it
        r = median_of([*SWREPORT, "import", "lgbf", workbook, "--out", WORK / "benchmarks.csv"], args.repeat, env)
        say(
            "import lgbf (the full January 2022 workbook)",
            f"{r['seconds']:.2f} s {verdict('lgbf', r['seconds'])} (CPU {r['cpu']:.2f} s), peak {r['peak_mb']:.0f} MB",
        )

    if want("batch") or want("rerun"):
        data16 = sixteen_councils()

        def batch(out_dir, *extra, py=()):
            cmd = [*SWREPORT, "batch", "quarterly", "--period", "2023-24-Q2", "--data", data16, "--out", out_dir]
            if py:
                cmd = [PY, *py, *cmd[1:]]
            return measure([*cmd, "--quiet", *extra], env)

        if want("batch"):
            times, runs = {}, {1: [], 2: []}
            for _ in range(args.repeat):  # in turns, so that a busier minute weighs on both alike
                for jobs in (1, 2):
                    o = WORK / f"batch16-{jobs}"
                    shutil.rmtree(o, ignore_errors=True)
                    runs[jobs].append(batch(o, "--jobs", jobs, "--force"))
            for jobs in (1, 2):
                r = {k: statistics.median(x[k] for x in runs[jobs]) for k in ("seconds", "cpu")}
                r["peak_mb"] = max(x["peak_mb"] for x in runs[jobs])
                times[jobs] = r["seconds"]
                say(
                    f"batch of 16 quarterly reports, --jobs {jobs}",
                    f"{r['seconds']:.1f} s ({r['seconds'] / 16:.2f} s a report; CPU {r['cpu']:.1f} s), "
                    f"peak {r['peak_mb']:.0f} MB",
                )
            single = median_of(
                report_cmd("quarterly", "council-01", "2023-24-Q2", data16, WORK / "single"), args.repeat, env
            )
            share = times[2] / 16 / single["seconds"]
            say(
                "  each report in the 2-job batch, as a share of one run",
                f"{share:.2f} x a single run ({single['seconds']:.2f} s, CPU {single['cpu']:.2f} s) "
                f"{verdict('share', share)}",
            )
            say("  speedup of 2 jobs over 1", f"{times[1] / times[2]:.2f} x {verdict('speedup', times[1] / times[2])}")
        if want("rerun"):
            done = WORK / "batch16-2"
            if not (done / "manifest.json").exists():
                batch(done, "--jobs", 2)  # something to re-run (not timed)
            (done / ".rerun.json").unlink(missing_ok=True)  # as a batch that rendered leaves it
            first = batch(done)  # the full path: it plans and hashes, finds nothing to do, leaves a fingerprint
            say(
                "  first re-run with nothing changed (plans and hashes)",
                f"{first['seconds']:.2f} s (CPU {first['cpu']:.2f} s)",
            )
            again = [batch(done) for _ in range(args.repeat)]
            rerun = statistics.median(r["seconds"] for r in again)
            cpu = statistics.median(r["cpu"] for r in again)
            imported = importtime([*SWREPORT, "batch", "quarterly", "--period", "2023-24-Q2", "--data", data16,
                                   "--out", done, "--quiet"], env)  # fmt: skip
            heavy = [m for m in ("pandas", "pydantic", "numpy", "papermill") if m in imported]
            say(
                "  later re-runs with nothing changed (from the fingerprint)",
                f"{rerun:.2f} s {verdict('rerun', rerun)} (CPU {cpu:.2f} s); imports {', '.join(heavy) if heavy else 'none of pandas, pydantic, numpy, papermill'}",
            )

    if want("panel"):
        with copied_panel_folder("swreport-panel-") as (tmp, n):
            caches = iter(range(10**6))

            def cache_env(fresh: bool) -> dict:
                name = f"cache-{next(caches)}" if fresh else "cache-warm"
                return {**env, "XDG_CACHE_HOME": str(tmp / name)}

            def on(data, council="dumfries-and-galloway"):
                return report_cmd("quarterly", council, "2023-24-Q2", data, tmp / "out")

            measure(on(ROOT / "data"), cache_env(False))  # the demo data's cache, as an analyst has it
            measure(on(tmp / "data"), cache_env(False))  # the panel's, for its later runs
            demo, first, later = [], [], []
            for _ in range(args.repeat):  # in turns, so that a busier minute weighs on all alike
                demo.append(measure(on(ROOT / "data"), cache_env(False)))
                first.append(measure(on(tmp / "data"), cache_env(True)))
                later.append(measure(on(tmp / "data"), cache_env(False)))
            d, f, lt = (statistics.median(r["seconds"] for r in x) for x in (demo, first, later))
            dc, fc, lc = (
                statistics.median(r["cpu"] for r in x) for x in (demo, first, later)
            )  # the run and its kernel
            say(f"one council's quarterly report on a {n:,}-observation panel (demo councils x {COPIES})",
                f"demo data {d:.2f} s (CPU {dc:.2f} s)")  # fmt: skip
            say("  first run (nothing cached), as a share of the demo run",
                f"{f:.2f} s = {f / d:.2f} x {verdict('panel-first', f / d)} (CPU {fc:.2f} s = {fc / dc:.2f} x)")  # fmt: skip
            say(
                "  later runs",
                f"{lt:.2f} s = {lt / d:.2f} x {verdict('panel-later', lt / d)} (CPU {lc:.2f} s = {lc / dc:.2f} x)",
            )

    if want("national-panel"):
        base = panel(32, 150, 40)
        double = panel(64, 150, 40)
        for step in ("load", "performance", "spc", "benchmark (LGBF panel)"):
            say(
                f"national panel 32 x 150 x 40: {step}",
                f"{base[step]:.2f} s (64 councils: {double[step]:.2f} s, x{double[step] / max(base[step], 1e-9):.1f})",
            )
        steps = ("load", "performance", "spc", "benchmark (LGBF panel)")
        say(
            "national panel: total",
            f"{sum(base[s] for s in steps):.2f} s, peak memory {base['peak_mb']:.0f} MB (64 councils: {double['peak_mb']:.0f} MB)",
        )

    if want("dask"):
        from distributed import LocalCluster

        with copied_panel_folder("swreport-dask-") as (tmp, _):
            councils = ["dumfries-and-galloway", *(f"dumfries-and-galloway-c{k:03d}" for k in range(1, 64))]
            cache = {**env, "XDG_CACHE_HOME": str(tmp / "cache")}
            measure(
                [*SWREPORT, "validate", "--data", tmp / "data"], cache
            )  # validated once, as a national body's first run does
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                r = measure([*SWREPORT, "batch", "quarterly", "--period", "2023-24-Q2", "--councils", ",".join(councils),
                             "--data", tmp / "data", "--out", tmp / "out", "--quiet", "--executor", "dask",
                             "--scheduler", cluster.scheduler_address], cache)  # fmt: skip
            say("64 quarterly reports of the copied panel on a Dask LocalCluster (2 workers, 1 thread each)",
                f"{r['seconds']:.1f} s ({r['seconds'] / 64:.2f} s a report), peak {r['peak_mb']:.0f} MB in the client")  # fmt: skip

    if want("text"):
        times = text_times()
        for size, (sec, cpu, found) in times.items():
            say(f"free-text check (small_numbers_in): {size / 1000:,.0f} KB of narrative",
                f"{sec:.2f} s (CPU {cpu:.2f} s), {found} passages found")  # fmt: skip

    if args.only:
        print("\n(--only: results.md not written)")
        return
    results_md = ROOT / "benchmarks" / "results.md"
    notes = ""
    if results_md.exists() and "\n## Notes" in results_md.read_text():  # the analysis written by hand is kept
        notes = results_md.read_text().split("\n## Notes", 1)[1]
    lines = ["# Benchmark results\n", f"{dt.date.today()}, `python benchmarks/run.py --repeat {args.repeat}"
             f"{' --quick' if args.quick else ''}`, on {described}. Medians of {args.repeat} runs; each run is a fresh process.\n",
             "| what | figure |", "| --- | --- |", *[f"| {n.strip()} | {v} |" for n, v in results], ""]  # fmt: skip
    text = "\n".join(lines) + "\n" + (f"## Notes{notes}" if notes else "")
    results_md.write_text(text)
    print(f"\nwritten to {results_md}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmarks took {time.perf_counter() - start:.0f} s)")
