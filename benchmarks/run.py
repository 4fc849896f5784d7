"""swreport's speed and memory, measured and printed (not a test: the machines are shared and noisy).

    python benchmarks/run.py [--repeat 3] [--quick]
    python benchmarks/run.py --charts      # only the median time of a chart

Prints every figure and writes them, with the date and machine, to benchmarks/results.md.
Each timing is the median of --repeat runs of a fresh process; peak memory is the largest
resident set of the process and everything it started (kernels included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"
FLOOR_VENV = ROOT / "benchmarks" / ".floor-venv"
PY = sys.executable
SWREPORT = [PY, "-m", "swlib.cli"]
MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    t = time.perf_counter()
    r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    s = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": s, "peak_mb": peak, "rc": r.returncode, "err": r.stderr[-500:]}))
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
    return {"seconds": statistics.median(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs)}


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
    )
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


TARGETS = {  # issue 15
    "quarterly": ("at most 1.5 x floor", lambda r: r <= 1.5),
    "annual": ("at most 2.0 x floor", lambda r: r <= 2.0),
    "national": ("at most 3 x floor", lambda r: r <= 3.0),
    "share": ("at most 0.2 x a single run", lambda r: r <= 0.2),
    "speedup": ("at least 1.8 x", lambda r: r >= 1.8),
    "rerun": ("under 1 s, opening no notebook", lambda r: r < 1.0),
}


def chart_times(n: int = 20) -> dict[str, float]:
    """The median time of one chart, drawn ``n`` times in this process (after one to warm up), for
    each council chart the reports draw most: an SPC chart, a year bar chart, small multiples."""
    import swlib
    from swlib import charts, trends
    from swlib.sections import statutory_view

    ds = swlib.load(ROOT / "data")
    council, period = "south-lanarkshire", swlib.Period.parse("2021-22-Q2")
    perf = swlib.performance(ds, council, period)
    row = perf[perf["measure"] == "sl-planned-discharge"].iloc[0].to_dict()
    spc = trends.long_trend(ds, council, row["measure"], period, target=trends.spc_target(ds, row))
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
    args = ap.parse_args()
    if args.charts:
        for name, sec in chart_times().items():
            print(f"chart: {name:<50} {1000 * sec:.0f} ms (median of 20)")
        return
    WORK.mkdir(parents=True, exist_ok=True)
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    described = machine()
    print(f"swreport benchmarks, {dt.date.today()}, {described}\n")

    py = floor_env()
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

    # the floor and the reports taken in turns, so that a busier minute weighs on both alike
    runs: dict[str, list[dict]] = {"floor": [], **{r: [] for r, _, _ in REPORT_RUNS}}
    for _ in range(args.repeat):
        runs["floor"].append(measure(floor_cmd))
        for report, council, period in REPORT_RUNS:
            runs[report].append(measure(report_cmd(report, council, period), env))
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: max(r["peak_mb"] for r in v) for k, v in runs.items()}
    floor = med["floor"]
    say("floor: papermill + nbconvert, one-cell notebook", f"{floor:.2f} s, peak {peak['floor']:.0f} MB")
    for report, council, period in REPORT_RUNS:
        html = out / (council or "scotland") / period / f"{report}.html"
        say(
            f"{report} report ({council or 'Scotland'} {period}), swreport run",
            f"{med[report]:.2f} s = {med[report] / floor:.2f} x floor {verdict(report, med[report] / floor)}, "
            f"peak {peak[report]:.0f} MB, HTML {html.stat().st_size / 1e3:.0f} kB",
        )

    for name, sec in chart_times().items():
        say(f"chart: {name}, median of 20", f"{1000 * sec:.0f} ms")

    workbook = ROOT.parent / "shared" / "data" / "lgbf" / "lgbf-benchmarking-data-2022-01.xlsx"
    if workbook.exists():  # the real LGBF workbook, where the workspace has it
        r = median_of([*SWREPORT, "import", "lgbf", workbook, "--out", WORK / "benchmarks.csv"], args.repeat, env)
        say("import lgbf (the full January 2022 workbook)", f"{r['seconds']:.2f} s, peak {r['peak_mb']:.0f} MB")

    if not args.quick:
        data16 = sixteen_councils()

        def batch(out_dir, *extra):
            cmd = [*SWREPORT, "batch", "quarterly", "--period", "2023-24-Q2", "--data", data16, "--out", out_dir]
            return measure([*cmd, "--quiet", *extra], env)

        times = {}
        for jobs in (1, 2):
            o = WORK / f"batch16-{jobs}"
            shutil.rmtree(o, ignore_errors=True)
            r = batch(o, "--jobs", jobs, "--force")
            times[jobs] = r["seconds"]
            say(
                f"batch of 16 quarterly reports, --jobs {jobs}",
                f"{r['seconds']:.1f} s ({r['seconds'] / 16:.2f} s a report), peak {r['peak_mb']:.0f} MB",
            )
        single = median_of(
            report_cmd("quarterly", "council-01", "2023-24-Q2", data16, WORK / "single"), args.repeat, env
        )
        share = times[2] / 16 / single["seconds"]
        say(
            "  each report in the 2-job batch, as a share of one run",
            f"{share:.2f} x a single run ({single['seconds']:.2f} s) {verdict('share', share)}",
        )
        say("  speedup of 2 jobs over 1", f"{times[1] / times[2]:.2f} x {verdict('speedup', times[1] / times[2])}")
        again = [batch(WORK / "batch16-2")["seconds"] for _ in range(args.repeat)]
        rerun = statistics.median(again)
        say("  re-run with nothing changed", f"{rerun:.2f} s {verdict('rerun', rerun)}")

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
