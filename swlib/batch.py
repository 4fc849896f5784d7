"""Render many reports: N at a time, each worker keeping one warm kernel (``executors``).

A batch continues past failures, keeps each failed executed notebook for diagnosis,
records every report in ``manifest.json`` (parameters, input hashes, version, status,
timing) and rewrites ``index.html`` linking every report rendered so far.

pandas (``loading``, ``schema``, ``narrative``) is imported where it is used: the command line
imports this module before the workers' kernels start (``executors.LocalPool``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import executors, reports
from .base import NOT_RENDERED
from .config import council_settings, notebooks_dir
from .coverage import no_figures
from .errors import ConfigError, PeriodError
from .outputs import Job, Outcome, check_target, hold, read_manifest, record
from .outputs import out_dir as outputs_folder
from .periods import Period
from .scheduling import choices, is_relative
from .scheduling import today as run_date
from .validate import plural


def plan(report: str, period, councils, audiences, ds, data: Path, out: Path, today=None, share=None,
         picked: dict | None = None) -> list[Job]:  # fmt: skip
    """The jobs of one run. A relative period (latest, previous) is resolved for each council on
    the date ``today`` (default: ``scheduling.today()``), needing ``share`` of a period's measures
    to have figures (None: each council's setting); a council it names no period for gets a job
    whose ``resolved`` is False, which is reported and not rendered. ``picked``: filled with
    {(report, asked, council): scheduling.Choice}, what each council's period was picked from."""
    from .rendering import check_councils  # pandas (via status): not before the workers' kernels start

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
        got = choices(report, asked, ds, chosen, on, share)
        periods = {c: str(ch.period) if ch.period else asked for c, ch in got.items()}
        if picked is not None:
            picked.update({(report, asked, c): ch for c, ch in got.items()})
    else:
        periods = dict.fromkeys(chosen, str(r.period(period)))
    if r.per_council:  # a narrative file too big to check is bad input, refused before anything is rendered
        from .findings import shown_path  # pandas: as check_councils above
        from .limits import check_narrative
        from .schema import narrative_dir

        check_narrative([narrative_dir(ds.path) / c for c in chosen], shown_path)
    return [
        Job(report, c, periods[c], a, str(data), str(out), names[c], only, asked) for c in chosen for a in audiences
    ]


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """swlib's own code and templates: a change to the package re-renders everything."""
    h = hashlib.sha256()
    pkg = Path(__file__).parent
    for f in sorted([*pkg.rglob("*.py"), *pkg.glob("data/*"), *pkg.glob("templates/**/*")]):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def row_hashes(ds) -> dict:
    """Every table's rows hashed once for a whole batch: {table: (row hashes, the council of each
    row, or None for a table that is about every council)}; and under ``STARTS`` each
    observation's start (``_start``), by which a report leaves out the figures after its period."""
    import pandas as pd  # not before the workers' kernels start: a batch imports this module first

    from .schema import TABLE_ORDER

    out = {}
    for name in TABLE_ORDER:
        df = ds.table(name)
        hashes = pd.util.hash_pandas_object(df.astype(str), index=False).to_numpy()
        out[name] = (hashes, df["council"] if "council" in df and name != "benchmarks" else None)
    periods = ds.observations["period"].astype(str)
    starts = {p: _start(p) for p in periods.unique()}
    out[STARTS] = periods.map(starts).to_numpy()
    return out


STARTS = "observation starts"  # row_hashes' key for when each observation begins


def _start(period: str) -> int:
    """Where a period begins, as a month count (a period that cannot be read: -1, before every
    report's end, so its row always counts)."""
    try:
        P = Period.parse(period)
    except PeriodError:  # the data's own check says what is wrong with it
        return -1
    return P.fy * 12 + P.start


def _end(period: str) -> int:
    """Where a report's period ends, as ``_start`` counts months."""
    P = Period.parse(period)
    return P.fy * 12 + P.end


def report_key(job: Job, ds, rows: dict | None = None) -> str:
    """A hash of everything one report is made from: the council's rows of every table (the
    whole benchmarking panel, which ranks every council; the measures every council reports),
    the narrative of its year where it prints narrative (the annual report: a CSWO's edit to
    2025/26's words re-renders no quarterly report, ANALYST-9 #8), the notebook (by its size and time: an unchanged batch opens no notebook),
    the council's settings, swlib's code and the parameters. Unchanged key: the report is
    skipped. ``rows``: ``row_hashes(ds)``, worked out once for a batch.

    A council's report leaves out the observations of periods that begin after its own ends: a
    report shows its period, its year to date and the years before, never a later figure, so a
    figure corrected in 2026/27 Quarter 2 does not re-render (nor, without --pdf, remove the PDF
    of) the 2025/26 annual report (ANALYST-8 #4)."""
    from .narrative import narrative_dir  # pandas (via loading): not before the workers' kernels start

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
    later = reports.get(job.report).per_council and STARTS in rows
    for name, (hashes, council) in ((n, v) for n, v in rows.items() if n != STARTS):
        if council is not None:
            mine = (council == job.council).to_numpy(dtype=bool, na_value=False)
            if name == "measures":  # the catalogue: every council's measures and the council's own
                mine |= council.isna().to_numpy()
            if name == "observations" and later:  # not the figures of periods after the report's
                mine &= rows[STARTS] <= _end(job.period)
            hashes = hashes[mine]
        h.update(name.encode())
        h.update(hashes.tobytes())
    if "narrative" in reports.get(job.report).free_text:  # the CSWO's words of the report's year, its only reader
        folder = narrative_dir(ds.path) / job.council / str(Period.parse(job.period).year_period)
        for f in sorted(folder.glob("*.md")) if folder.is_dir() else ():
            h.update(f.name.encode())  # a file renamed ('Workforce.md' to 'workforce.md') is read or not: counted
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
    warnings: list = field(default_factory=list)  # the data set's warnings (checks, narrative_names), said once
    picked: dict = field(default_factory=dict)  # (report, asked, council) -> scheduling.Choice: why latest picked it

    def refresh(self) -> Plan:
        """Which reports to render and which are unchanged since last rendered, from the
        manifest as it is now (again once the run holds its outputs folder)."""
        previous = read_manifest(self.out_dir)["reports"]
        self.todo, self.skipped = [], []
        held = {o.job.key for o in self.unresolved}  # not rendered: no period, or no figures for it
        for j in self.jobs:
            if j.key in held:
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
            action = "render" if j.key in todo else f"none: {why[j.key]}" if j.key in why else "unchanged, skip"
            out.append(f"  {j.report:<9} {j.council:<24} {period:<22} {j.audience:<8} {action}")
        return out

    def resolutions(self) -> list[str]:
        """What each relative period resolved to, per run and council; and each council with no
        figures for a period written out, which is not rendered; and each public report not ready
        to publish (``annual_ready``), on a line of its own (its internal report renders)."""
        why = {o.job.key: o.error for o in self.unresolved if o.status != "not-ready"}
        unready = [o for o in self.unresolved if o.status == "not-ready"]
        groups: dict[str, dict[str, str]] = {}
        for j in self.jobs:
            if j.asked:
                ch = self.picked.get((j.report, j.asked, j.council))
                share = ch.chosen() if ch is not None and j.resolved and ch.considered and ch.share else None
                got = (f"{j.period}" + (f" ({share.words()})" if share else "") if j.resolved
                       else f"none, not rendered: {why[j.key]}")  # fmt: skip
                got += "".join(f"\n{'':<27}{note}" for note in (ch.notes(j.asked) if ch is not None else []))
                head = f"{j.report} {j.asked} on {self.today.day} {self.today:%B %Y}:"
                groups.setdefault(head, {}).setdefault(j.council, got)
            elif j.key in why:
                groups.setdefault(f"{j.report} {j.period}:", {}).setdefault(j.council, f"not rendered: {why[j.key]}")
        out = []
        for head, councils in groups.items():
            out.append(head)
            out += [f"  {c:<24} {got}" for c, got in councils.items()]
        return out + [f"{o.job.key}: {o.error}" for o in unready]


def make_plan(runs, data=None, out=None, force: bool = False, today=None, pdf: bool = False) -> Plan:
    """Plan several (report, period, councils, audiences[, pdf]) runs: resolve relative periods on
    ``today`` (default: ``scheduling.today()``) and find the reports unchanged since last rendered.
    ``pdf`` (or a run's own) prints each report's PDF beside its HTML."""

    from .loading import load  # pandas: not before the workers' kernels start

    ds = load(data)
    on = today or run_date()
    out_dir = outputs_folder(out)

    check_target(out_dir / "manifest.json", out_dir)  # --out a file, or a link out of it: exit 2 before any work
    planned: list[Job] = []
    planned_keys: set[str] = set()
    picked: dict = {}
    for report, period, councils, audiences, *rest in runs:  # rest: the run's pdf, its latest_share
        run_pdf, share = [*rest, False, None][:2]
        for j in plan(report, period, councils, audiences, ds, Path(ds.path).resolve(), out_dir, on, share, picked):
            j = replace(j, pdf=pdf or bool(run_pdf))
            if j.key not in planned_keys:  # two runs naming one report (latest = 2023-24): render once
                planned.append(j)
                planned_keys.add(j.key)
    unresolved = [Outcome(j, "no-period", 0.0, error=picked[j.report, j.asked, j.council].why)
                  for j in planned if not j.resolved]  # fmt: skip
    unresolved += _no_figures(ds, planned)
    held = {o.job.key for o in unresolved}
    unready = _not_ready(ds, [j for j in planned if j.key not in held])  # a report held already: said once
    unresolved += unready
    held |= {o.job.key for o in unready}
    rows = row_hashes(ds)
    keys = {j.key: report_key(j, ds, rows) for j in planned if j.key not in held}
    warnings = list(ds.warnings)
    if any(j.report == "annual" for j in planned):  # and the narrative no report reads (a misnamed file)
        from .narrative_names import misnamed  # pandas (via statutory): not before the workers' kernels start

        warnings += misnamed(ds.path, ds.councils["council"])
    return Plan(
        planned, [], [], unresolved, keys, out_dir, on, Path(ds.path).resolve(), force, warnings, picked
    ).refresh()


def _no_figures(ds, jobs: list[Job]) -> list[Outcome]:
    """A ``no-figures`` outcome for each job with a period written out that its council has no
    figures for (``swlib.coverage``, the rule ``swreport run`` refuses it by): listed, not rendered."""

    why: dict[tuple[str, str], str | None] = {}
    out = []
    for j in jobs:
        if j.resolved and not j.asked and reports.get(j.report).per_council:
            if (j.council, j.period) not in why:
                why[j.council, j.period] = no_figures(ds, j.council, Period.parse(j.period))
            if why[j.council, j.period]:
                out.append(Outcome(j, "no-figures", 0.0, error=why[j.council, j.period]))
    return out


def _not_ready(ds, jobs: list[Job]) -> list[Outcome]:
    """A ``not-ready`` outcome for each public annual report whose year has not one statutory figure
    or not one section of narrative (``annual_ready``): listed with why, not published."""
    from .annual_ready import not_ready  # pandas (via narrative): not before the workers' kernels start

    out = []
    for j in jobs:
        if reports.get(j.report).from_year_return and j.audience == "public" and j.resolved:
            why = not_ready(ds, j.council, Period.parse(j.period))
            if why:
                out.append(Outcome(j, "not-ready", 0.0, error=why))
    return out


def batch_runs(runs, jobs: int | None = None, data=None, out=None, progress: bool = True, force: bool = False,
               executor: str = "local", scheduler: str | None = None, plan: Plan | None = None,
               today=None, wait: float = 0) -> list[Outcome]:  # fmt: skip
    """Several (report, period, councils, audiences) runs in one pool of workers.

    A report whose inputs have not changed since it was last rendered is skipped (``force``
    renders it anyway). ``executor="dask"`` sends the same work to a Dask cluster. ``plan``: one
    ``make_plan`` made already (the command line prints it first); ``today``: the date relative
    periods are resolved on; ``executor`` may be one made already (``executors.LocalPool(...).start()``,
    whose workers start before the plan is made). The run holds its outputs folder: another run there waits up to
    ``wait`` seconds, then stops with a ConfigError naming this one.
    """

    p = plan or make_plan(runs, data, out, force, today)
    with hold(p.out_dir, wait):
        return _run_plan(p.refresh(), jobs, progress, executor, scheduler)


def _run_plan(p: Plan, jobs: int | None, progress: bool, executor, scheduler: str | None) -> list[Outcome]:
    planned, todo, skipped, keys, out_dir = p.jobs, p.todo, p.skipped, p.keys, p.out_dir

    def finished(o: Outcome) -> None:
        # each report goes into the manifest as it finishes: a batch killed part way is
        # re-run with only the missing reports left to do
        o.key = keys[o.job.key] if o.status == "ok" else None
        record(out_dir, [o])

    if isinstance(executor, str):
        executor = executors.make(executor, workers=jobs, scheduler=scheduler, progress=progress)
    done = executor.run(todo, finished)  # an executor made already: its workers started before the plan
    outcomes = executors.in_order([*skipped, *done, *p.unresolved], planned)
    record(out_dir, [o for o in outcomes if o.status not in NOT_RENDERED])
    return outcomes


def not_rendered_counts(outcomes, head: str) -> str:
    """``head`` and how many reports were unchanged or had no period or no figures to report."""
    n = {s: sum(o.status == s for o in outcomes) for s in ("skipped", *NOT_RENDERED)}
    return (
        head
        + (f"; {n['skipped']} unchanged, skipped (--force renders them)" if n["skipped"] else "")
        + (f"; {n['no-period']} with no period to report, not rendered" if n["no-period"] else "")
        + (f"; {n['no-figures']} with no figures for the period, not rendered" if n["no-figures"] else "")
        + (f"; {n['not-ready']} not ready to publish, not rendered" if n["not-ready"] else "")
    )  # fmt: skip


def summary_lines(outcomes: list[Outcome]) -> list[str]:
    ok = [o for o in outcomes if o.status == "ok"]
    same = [o for o in outcomes if o.status == "skipped"]
    none = [o for o in outcomes if o.status in NOT_RENDERED]
    bad = [o for o in outcomes if o.status not in ("ok", "skipped", *NOT_RENDERED)]
    lines = ["rendered " + not_rendered_counts(outcomes, f"{len(ok)} of {plural(len(outcomes), 'report')}")]
    lines += [f"  ok      {f}" for o in ok for f in (o.html, o.pdf) if f]
    lines += [f"  removed {o.dropped}: printed before this render, its figures out of date (--pdf prints it again)"
              for o in ok if o.dropped]  # fmt: skip
    if ok or bad:  # an unchanged re-run says so in its one line
        lines += [f"  same    {o.html}" for o in same]
    lines += [f"  none    {o.job.key}: {o.error}" for o in none]
    lines += [
        f"  FAILED  {o.job.key}: {o.error}"
        + (f" (executed notebook kept: {o.failed_notebook})" if o.failed_notebook else "")
        for o in bad
    ]
    return lines
