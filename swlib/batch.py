"""Render many reports: one worker process per report, N at a time.

A batch continues past failures, keeps each failed executed notebook for diagnosis,
records every report in ``manifest.json`` (parameters, input hashes, version, status,
timing) and rewrites ``index.html`` linking every report rendered so far.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import reports
from .config import notebooks_dir, outputs_dir
from .errors import ConfigError
from .outputs import Job, Outcome, input_hashes, read_manifest, record, write_index  # noqa: F401 (batch's names before)

write_manifest = record  # the name it had here before swlib.outputs


def plan(report: str, period, councils, audiences, ds, data: Path, out: Path, today=None) -> list[Job]:
    """The jobs of one run. A relative period (latest, previous) is resolved for each council on
    the date ``today`` (default: ``scheduling.today()``); a council it names no period for gets a
    job whose ``resolved`` is False, which is reported and not rendered."""
    from .rendering import check_councils
    from .scheduling import is_relative, resolve_councils
    from .scheduling import today as run_date

    r = reports.get(report)
    asked = period.strip().lower() if is_relative(period) else ""
    if not r.per_council:  # one report for the whole country; ``councils`` restricts the councils shown
        only = ",".join(check_councils(ds, councils))
        chosen, names = [r.filed_under], {r.filed_under: r.subject}
    else:
        only = ""
        chosen = check_councils(ds, councils, national=False) or list(ds.councils["council"])
        names = {c: ds.council_name(c) for c in chosen}
    if asked:
        on = today or run_date()
        periods = {c: str(P) if P else asked for c, (P, _) in resolve_councils(report, asked, ds, chosen, on).items()}
    else:
        periods = dict.fromkeys(chosen, str(r.period(period)))
    return [
        Job(report, c, periods[c], a, str(data), str(out), names[c], only, asked) for c in chosen for a in audiences
    ]


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """swlib's own code and templates: a change to the package re-renders everything."""
    h = hashlib.sha256()
    pkg = Path(__file__).parent
    for f in sorted([*pkg.glob("*.py"), *pkg.glob("templates/**/*")]):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def row_hashes(ds) -> dict:
    """Every table's rows hashed once for a whole batch: {table: (row hashes, the council of each
    row, or None for a table that is about every council)}."""
    import pandas as pd

    from .schema import TABLE_ORDER

    out = {}
    for name in TABLE_ORDER:
        df = ds.table(name)
        hashes = pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy()
        out[name] = (hashes, df["council"] if "council" in df and name != "benchmarks" else None)
    return out


def report_key(job: Job, ds, rows: dict | None = None) -> str:
    """A hash of everything one report is made from: the council's rows of every table (the
    whole benchmarking panel, which ranks every council; the measures every council reports),
    its narrative, the notebook (by its size and time: an unchanged batch opens no notebook),
    the council's settings, swlib's code and the parameters. Unchanged key: the report is
    skipped. ``rows``: ``row_hashes(ds)``, worked out once for a batch."""
    from .config import council_settings
    from .narrative import narrative_dir

    rows = rows if rows is not None else row_hashes(ds)
    h = hashlib.sha256()
    h.update(
        json.dumps(
            {
                "report": job.report,
                "council": job.council,
                "period": job.period,
                "audience": job.audience,
                "only": job.only,
            }
        ).encode()
    )
    for name, (hashes, council) in rows.items():
        if council is not None:
            mine = (council == job.council).to_numpy(dtype=bool, na_value=False)
            if name == "measures":  # the catalogue: every council's measures and the council's own
                mine |= council.isna().to_numpy()
            hashes = hashes[mine]
        h.update(name.encode())
        h.update(hashes.tobytes())
    folder = narrative_dir(ds.path) / job.council
    if folder.is_dir():
        for f in sorted(folder.rglob("*.md")):
            h.update(str(f.relative_to(folder)).encode())
            h.update(f.read_bytes())
    name = reports.get(job.report).notebook
    notebook = (notebooks_dir() / name).stat()
    h.update(f"{name} {notebook.st_size} {notebook.st_mtime_ns}".encode())
    try:
        h.update(council_settings(job.council).model_dump_json().encode())
    except ConfigError as e:  # reported by the report itself, which will fail; the batch goes on
        h.update(str(e).encode())
    h.update(_code_hash().encode())
    return h.hexdigest()[:32]


_SESSION = None  # a batch worker's kernel, warm from one report to the next
_PDF = None  # a batch worker's Chromium, started for its first PDF and kept for the rest


def _pdf_engine():
    import multiprocessing.util

    from .pdf import PdfEngine

    global _PDF
    if _PDF is None:
        _PDF = PdfEngine().start()
        multiprocessing.util.Finalize(None, _PDF.close, exitpriority=10)
    return _PDF


def _start_worker() -> None:
    """A batch worker's first act: start its kernel, which warms up while the first job comes."""
    import multiprocessing.util

    from .kernels import KernelSession

    global _SESSION
    _SESSION = KernelSession().start()
    multiprocessing.util.Finalize(None, _SESSION.close, exitpriority=10)


def _run(job: Job, session=None, engine=None) -> Outcome:
    """Render one report in a worker (in ``session``'s kernel, else the worker's; its PDF with
    ``engine``, else the worker's); never raises."""
    from .errors import ReportError, SwError
    from .rendering import render

    start = time.perf_counter()
    try:
        path = render(
            job.report, job.council, job.period, job.audience, data=job.data, out=job.out, councils=job.only or None,
            session=session or _SESSION,
        )  # fmt: skip
        pdf = str((engine or _pdf_engine()).render(path)) if job.pdf else None
        done = Outcome.rendered(job, start, path)
        done.pdf = pdf
        return done
    except ReportError as e:
        nb = str(e.notebook) if e.notebook and Path(e.notebook).exists() else None
        return Outcome(
            job, "failed", time.perf_counter() - start, error=str(e), failed_notebook=nb, inputs=input_hashes(job)
        )
    except SwError as e:
        return Outcome(job, "failed", time.perf_counter() - start, error=str(e))
    except Exception as e:  # an internal failure in one report must not stop the batch
        return Outcome(job, "failed", time.perf_counter() - start, error=f"internal error: {type(e).__name__}: {e}")


def run_jobs(jobs: list[Job], n_jobs: int | None = None, progress: bool = True, on_done=None) -> list[Outcome]:
    """Each of ``n_jobs`` workers keeps one kernel and renders report after report in it."""
    from .kernels import KernelSession
    from .progress import Progress

    n = max(1, min(n_jobs or os.cpu_count() or 1, len(jobs) or 1))
    outcomes: list[Outcome] = []
    bar = Progress(len(jobs), progress)

    def finished(o: Outcome) -> None:
        outcomes.append(o)
        if on_done is not None:
            on_done(o)
        bar.done(o)

    if not jobs:
        pass
    elif n == 1:
        from contextlib import nullcontext

        from .pdf import PdfEngine

        with KernelSession().start() as session, PdfEngine() if any(j.pdf for j in jobs) else nullcontext() as engine:
            for j in jobs:
                finished(_run(j, session, engine))
    else:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_start_worker) as pool:
            futures = {pool.submit(_run, j): j for j in jobs}
            for f in as_completed(futures):
                finished(f.result())
    bar.close()
    order = {j.key: i for i, j in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[o.job.key])


def batch(report: str, period, councils="all", jobs: int | None = None, data=None, out=None, audiences=("internal",),
          progress: bool = True, force: bool = False, executor: str = "local", scheduler: str | None = None) -> list[Outcome]:  # fmt: skip
    """Render ``report`` for each council; write the manifest and the index."""
    return batch_runs([(report, period, councils, tuple(audiences))], jobs=jobs, data=data, out=out, progress=progress,
                      force=force, executor=executor, scheduler=scheduler)  # fmt: skip


@dataclass
class Plan:
    """What a batch will do, worked out before it starts: every job in order, those to render,
    those skipped as unchanged and those a relative period named no period for."""

    jobs: list[Job]
    todo: list[Job]
    skipped: list[Outcome]
    unresolved: list[Outcome]
    keys: dict[str, str]
    out_dir: Path
    today: dt.date
    data: Path | None = None  # the data set read
    force: bool = False  # render even the reports that have not changed

    def refresh(self) -> Plan:
        """Which reports to render and which are unchanged since last rendered, from the
        manifest as it is now (again once the run holds its outputs folder)."""
        previous = read_manifest(self.out_dir)["reports"]
        self.todo, self.skipped = [], []
        for j in self.jobs:
            if not j.resolved:
                continue
            before = previous.get(j.key, {})
            html_file = self.out_dir / (before.get("html") or "")
            if (
                not self.force
                and before.get("status") in ("ok", "skipped")
                and before.get("key") == self.keys[j.key]
                and html_file.is_file()
                and (not j.pdf or html_file.with_suffix(".pdf").is_file())
            ):
                self.skipped.append(
                    Outcome(j, "skipped", 0.0, html=str(html_file), inputs=before.get("inputs", {}), key=self.keys[j.key],
                            pdf=str(html_file.with_suffix(".pdf")) if j.pdf else None)
                )  # fmt: skip
            else:
                self.todo.append(j)
        return self

    def dry_run(self) -> list[Outcome]:
        """The plan as outcomes, in order: ``planned`` for each report a run would render."""
        done = {o.job.key: o for o in [*self.skipped, *self.unresolved]}
        return [done.get(j.key) or Outcome(j, "planned", 0.0) for j in self.jobs]

    def lines(self) -> list[str]:
        """The plan for a person: one line per report, what it is and what the run does with it."""
        todo = {j.key for j in self.todo}
        why = {o.job.key: o.error for o in self.unresolved}
        out = []
        for j in self.jobs:
            period = f"{j.period} ({j.asked})" if j.asked and j.resolved else j.period
            action = "render" if j.key in todo else "unchanged, skip" if j.resolved else f"none: {why[j.key]}"
            out.append(f"  {j.report:<9} {j.council:<24} {period:<22} {j.audience:<8} {action}")
        return out

    def resolutions(self) -> list[str]:
        """What each relative period resolved to, per run and council."""
        why = {o.job.key: o.error for o in self.unresolved}
        groups: dict[tuple[str, str], dict[str, str]] = {}
        for j in self.jobs:
            if j.asked:
                got = j.period if j.resolved else f"none, not rendered: {why[j.key]}"
                groups.setdefault((j.report, j.asked), {}).setdefault(j.council, got)
        out = []
        for (report, asked), councils in groups.items():
            out.append(f"{report} {asked} on {self.today.day} {self.today:%B %Y}:")
            out += [f"  {c:<24} {got}" for c, got in councils.items()]
        return out


def make_plan(runs, data=None, out=None, force: bool = False, today=None, pdf: bool = False) -> Plan:
    """Plan several (report, period, councils, audiences[, pdf]) runs: resolve relative periods on
    ``today`` (default: ``scheduling.today()``) and find the reports unchanged since last rendered.
    ``pdf`` (or a run's own) prints each report's PDF beside its HTML."""
    from dataclasses import replace

    from .loading import load
    from .scheduling import report_periods, why_none
    from .scheduling import today as run_date

    ds = load(data)
    on = today or run_date()
    out_dir = Path(out) if out is not None else outputs_dir()
    from .outputs import check_target

    check_target(out_dir / "manifest.json", out_dir)  # --out a file, or a link out of it: exit 2 before any work
    planned: list[Job] = []
    for report, period, councils, audiences, *run_pdf in runs:
        for j in plan(report, period, councils, audiences, ds, Path(ds.path).resolve(), out_dir, on):
            j = replace(j, pdf=pdf or any(run_pdf))
            if j.key not in {p.key for p in planned}:  # two runs naming one report (latest = 2023-24): render once
                planned.append(j)
    unresolved = [
        Outcome(j, "no-period", 0.0, error=why_none(j.asked, reports.get(j.report).period_kind, report_periods(j.report, ds, j.council), on))
        for j in planned if not j.resolved
    ]  # fmt: skip
    rows = row_hashes(ds)
    keys = {j.key: report_key(j, ds, rows) for j in planned if j.resolved}
    return Plan(planned, [], [], unresolved, keys, out_dir, on, Path(ds.path).resolve(), force).refresh()


def batch_runs(runs, jobs: int | None = None, data=None, out=None, progress: bool = True, force: bool = False,
               executor: str = "local", scheduler: str | None = None, plan: Plan | None = None,
               today=None, wait: float = 0) -> list[Outcome]:  # fmt: skip
    """Several (report, period, councils, audiences) runs in one pool of workers.

    A report whose inputs have not changed since it was last rendered is skipped (``force``
    renders it anyway). ``executor="dask"`` sends the same work to a Dask cluster. ``plan``: one
    ``make_plan`` made already (the command line prints it first); ``today``: the date relative
    periods are resolved on. The run holds its outputs folder: another run there waits up to
    ``wait`` seconds, then stops with a ConfigError naming this one.
    """
    from .outputs import hold

    p = plan or make_plan(runs, data, out, force, today)
    with hold(p.out_dir, wait):
        return _run_plan(p.refresh(), jobs, progress, executor, scheduler)


def _run_plan(p: Plan, jobs: int | None, progress: bool, executor: str, scheduler: str | None) -> list[Outcome]:
    planned, todo, skipped, keys, out_dir = p.jobs, p.todo, p.skipped, p.keys, p.out_dir

    def finished(o: Outcome) -> None:
        # each report goes into the manifest as it finishes: a batch killed part way is
        # re-run with only the missing reports left to do
        o.key = keys[o.job.key] if o.status == "ok" else None
        record(out_dir, [o])

    if executor == "dask":
        done = run_jobs_dask(todo, scheduler, progress)
        for o in done:
            finished(o)
    elif executor == "local":
        done = run_jobs(todo, jobs, progress, on_done=finished)
    else:
        raise ConfigError(f"unknown executor {executor!r}: expected local or dask")
    order = {j.key: i for i, j in enumerate(planned)}
    outcomes = sorted([*skipped, *done, *p.unresolved], key=lambda o: order[o.job.key])
    record(out_dir, [o for o in outcomes if o.job.resolved])
    return outcomes


def run_jobs_dask(jobs: list[Job], scheduler: str | None, progress: bool = True) -> list[Outcome]:
    """The same per-report work on a Dask distributed cluster (pip install 'swreport[dask]')."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("the dask executor needs the optional extra: pip install 'swreport[dask]'") from None
    if not scheduler:
        raise ConfigError("the dask executor needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    from .progress import Progress

    outcomes = []
    with Client(scheduler, set_as_default=False) as client:
        futures = [client.submit(_run, j, pure=False, key=f"swreport-{j.key}-{time.time_ns()}") for j in jobs]
        bar = Progress(len(jobs), progress, desc="rendering (dask)")
        for f in futures:  # in submission order; the cluster runs them all at once
            outcomes.append(f.result())
            bar.done(outcomes[-1])
        bar.close()
    order = {j.key: i for i, j in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[o.job.key])


def summary_lines(outcomes: list[Outcome]) -> list[str]:
    ok = [o for o in outcomes if o.status == "ok"]
    same = [o for o in outcomes if o.status == "skipped"]
    none = [o for o in outcomes if o.status == "no-period"]
    bad = [o for o in outcomes if o.status not in ("ok", "skipped", "no-period")]
    lines = [
        f"rendered {len(ok)} of {len(outcomes)} report(s)"
        + (f"; {len(same)} unchanged, skipped (--force renders them)" if same else "")
        + (f"; {len(none)} with no period to report, not rendered" if none else "")
    ]
    lines += [f"  ok      {f}" for o in ok for f in (o.html, o.pdf) if f]
    if ok or bad:  # an unchanged re-run says so in its one line
        lines += [f"  same    {o.html}" for o in same]
    lines += [f"  none    {o.job.key}: {o.error}" for o in none]
    lines += [
        f"  FAILED  {o.job.key}: {o.error}"
        + (f" (executed notebook kept: {o.failed_notebook})" if o.failed_notebook else "")
        for o in bad
    ]
    return lines
