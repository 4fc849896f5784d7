"""The commands that render reports: run (one report) and batch (many, or a schedule's runs)."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click

from .. import reports
from ..coverage import require_figures
from ..errors import ConfigError
from ..kernels import KernelSession
from ..pdf import PdfEngine, require
from ..periods import Period
from ..rerun import Recorder, answer, likely_work
from ..scheduling import RunRecord, is_relative
from ..validate import plural, warning_lines
from .group import EXIT_FAILURE, council_in, data_option, main

# each command imports what it needs when it runs: --help and the unchanged re-run load no pandas or pydantic


@main.command()
@click.argument("report", type=click.Choice(reports.NAMES))
@click.option("--council", default=None, help="the council (not for the national report)")
@click.option("--councils", default=None, help="national report only: the councils to show, comma-separated")
@click.option(
    "--period", required=True,
    help="a quarter for quarterly (2021-22-Q2), a year for annual and national (2016-17); or latest, previous",
)  # fmt: skip
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal")
@data_option
@click.option("--out", type=click.Path(path_type=Path), default=None, help="output folder (default: ./outputs)")
@click.option("--pdf", is_flag=True, help="also print <report>.pdf beside the HTML: the committee paper")
@click.option("--verbose", is_flag=True, help="list each figure a public report prints that cannot be checked")
@click.option("--wait", type=click.FloatRange(min=0), default=0,
              help="seconds to wait for another run using the outputs folder (default: exit 2 at once)")  # fmt: skip
def run(report, council, councils, period, audience, data, out, pdf, verbose, wait):
    """Render one report to outputs/<council>/<period>/<report>.html."""

    start = time.perf_counter()
    if pdf:
        require()
    r = reports.get(report)
    if r.per_council and council is None:
        raise ConfigError(f"the {report} report needs --council")
    if councils and r.per_council:
        raise ConfigError(f"--councils is for the national report; the {report} report takes one --council")
    # the kernel boots, and imports what the report needs, while this process checks the data
    with KernelSession(imports=r.kernel_imports).start() as session:
        from ..config import where
        from ..exporting import subject_name
        from ..outputs import Job, Outcome, drop_printed, out_dir, record
        from ..rendering import check_councils, check_request, render

        if not r.per_council:
            council = council or r.filed_under
        council, whole = council_in(data, council) if r.per_council else (council, None)  # 'Fife' for fife
        typed = None if is_relative(period) else Period.parse(period)  # read once: check_request takes it as read
        P, ds = check_request(report, council, period, audience, data, whole=whole, typed=typed)
        folder = out_dir(out)
        click.echo(where(ds.path, folder))  # the first line, as the README says (ANALYST-11 #9): then the warnings
        for line in warning_lines([*ds.warnings, *_narrative_unread(ds, report)]):  # said before the report
            click.echo(line)
        # said first: the check below names the quarter
        if r.period_kind == "quarter" and typed is not None and typed.kind == "year":
            click.echo(f"{period} is a financial year: the quarterly report for its fourth quarter, {P} "
                       f"(give --period {P.fy_id}-Q2, say, for another quarter)")  # fmt: skip
        if reports.get(report).per_council:
            require_figures(report, ds, council, P)  # not a report of nothing but "Report later"
        if audience == "public" and r.per_council:  # a value-only percentage beside its base: exit 2
            from ..percent_bases import refuse

            refuse(ds, council, P, f"{report} report for {council} {P}")
        if is_relative(period):
            click.echo(f"{report} {period}: {council} {P}")
        from ..outputs import acquire, release

        acquire(folder, wait)  # another run there: exit 2 naming it (after --wait seconds)
        click.get_current_context().call_on_close(lambda: release(folder))  # held until this one ends
        only = "" if r.per_council else ",".join(check_councils(ds, councils))
        job = Job(
            report, council, str(P), audience, str(Path(ds.path).resolve()), str(folder),
            subject_name(ds, report, council), only,
        )  # fmt: skip
        from ..batch import report_key  # the key a batch plans by: unchanged since this run, a batch skips it

        # worked out while the kernel runs the cells, not after them: the commands the report says
        # in words, and the report's key (it reads the inputs and settings, none of which the report writes)
        steps, keyed = {}, {}
        says = _says_returns(report, audience)

        def meanwhile():
            keyed["key"] = report_key(job, ds)
            if says:
                steps.update(_returns_needed(ds, council, P, report))

        path = render(report, council, P, audience, out=out, ds=ds, councils=only or None, session=session,
                      meanwhile=meanwhile)  # fmt: skip
    if pdf:
        try:
            with PdfEngine() as engine:
                pdf = engine.render(path)
        except BaseException:
            drop_printed(path)  # not printed again: the earlier render's PDF has the old figures
            raise
    before = None if pdf else drop_printed(path)  # an earlier render's PDF: its figures out of date
    done = Outcome.rendered(job, start, path)
    done.pdf = str(pdf) if pdf else None
    done.key = keyed.get("key") or report_key(job, ds)  # worked out here if the meanwhile failed
    record(folder, [done])
    if _says_returns(report, audience):  # the commands the report says in words
        _say_returns_needed(steps or _returns_needed(ds, council, P, report))
    if audience == "public":
        _say_public(ds, job, data, verbose, "run", folder)
    click.echo(str(path))
    if pdf:
        click.echo(str(pdf))
    elif before:
        click.echo(f"removed {before}: printed before this render, its figures out of date (--pdf prints it again)")


def _narrative_unread(ds, report: str) -> list:
    """For an annual report: the narrative files and folders no report reads (a misnamed one is
    dropped without a word otherwise), each with the name it probably meant."""
    if report != "annual":
        return []
    from ..narrative_names import misnamed

    return misnamed(ds.path, ds.councils["council"])


def _says_returns(report: str, audience: str) -> bool:
    return audience in reports.get(report).says_returns


def _returns_needed(ds, council, P, report: str = "quarterly") -> dict:
    from ..status import performance, without_figures
    from ..views.no_figures import return_commands, returns_needed

    perf = performance(ds, council, P)
    if reports.get(report).from_year_return:  # before its year's return: each section it leaves empty, and the commands
        from ..narrative import section_file
        from ..schema import narrative_dir
        from ..views.annual import periods_not_in, year_not_in

        missing = year_not_in(ds, council, P, perf)
        words = not any((narrative_dir(ds.path) / council / str(P)).glob("*.md"))
        late = {p: (n, return_commands(council, [p])) for p, n in periods_not_in(ds, perf).items()}
        return {"steps": return_commands(council, [P] if missing else []), "missing": missing, "year": P.label,
                "narrative": section_file(ds.path, council, str(P), "summary") if words else None,
                "late": late}  # fmt: skip
    return {"steps": returns_needed(perf, council), "n": int(without_figures(perf).sum())}


def _say_returns_needed(needed: dict, council: str | None = None) -> None:
    """What ``_returns_needed`` found, in words; ``council`` names the report (batch: many councils)."""
    steps, n = needed["steps"], needed.get("n")
    year = needed.get("year") if council is None else f"{council}, {needed.get('year')}"
    if steps and "missing" in needed:
        what = needed["missing"]
        listed = ", ".join(what[:-1]) + " and " + what[-1] if len(what) > 1 else what[0]
        click.echo(f"the annual report for {year} has no figures yet for {listed} (its sections say "
                   f"none was provided); the year's return brings them in: {steps[0]}; then {steps[1]}")  # fmt: skip
    for p, (k, (template, merge)) in (needed.get("late") or {}).items():  # Q4 not in: its measures Report later
        click.echo(f"the annual report for {year} has no figure yet for {Period.parse(p).label} for {k} "
                   f"measure{'s' if k != 1 else ''} (Report later until it is in): {template}; then {merge}")  # fmt: skip
    if needed.get("narrative"):
        from ..schema import NARRATIVE_SECTIONS  # pandas: not on the CLI's start (ANALYST-11 #9: each file named)

        names = ", ".join(f"{n}.md" for n in NARRATIVE_SECTIONS)
        click.echo(f"the annual report for {year} has no narrative yet: the CSWO's words for each section "
                   f"go in a file of its own beside {needed['narrative']}, one a section: {names} "
                   "(docs/guide.md, '4. Write the narrative', says what each holds)")  # fmt: skip
    if steps and "missing" not in needed:
        click.echo(f"{n} measure{'s have' if n != 1 else ' has'} no figures yet (the report lists them); "
                   f"to bring them in: {'; '.join(steps[:-1])}; then {steps[-1]}")  # fmt: skip


@main.command()
@click.argument("report", type=click.Choice(reports.NAMES), required=False)
@click.option("--period", default=None)
@click.option("--councils", default="all", help="comma-separated council ids, or all")
@click.option(
    "--audience",
    "audiences",
    multiple=True,
    type=click.Choice(["internal", "public"]),
    help="repeatable; default internal",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="reports at a time (default: the number of cores)"
)
@click.option(
    "--schedule", type=click.Path(path_type=Path), default=None, help="a YAML file of runs, e.g. params/schedule.yaml"
)
@data_option
@click.option("--out", type=click.Path(path_type=Path), default=None, help="output folder (default: ./outputs)")
@click.option("--quiet", is_flag=True, help="no progress bar")
@click.option("--force", is_flag=True, help="render even the reports whose inputs have not changed")
@click.option(
    "--executor", type=click.Choice(["local", "dask"]), default="local", help="where the reports are rendered"
)
@click.option("--scheduler", default=None, help="Dask scheduler address, with --executor dask")
@click.option("--dry-run", is_flag=True, help="print the plan (each report, and whether it would be rendered) and exit")
@click.option("--pdf", is_flag=True, help="also print each <report>.pdf beside its HTML: the committee paper")
@click.option("--summary", "summary_file", type=click.Path(path_type=Path), default=None,
              help="write what the run did as JSON to this file (for a scheduler or monitoring)")  # fmt: skip
@click.option("--wait", type=click.FloatRange(min=0), default=0,
              help="seconds to wait for another run using the outputs folder (default: exit 2 at once)")  # fmt: skip
@click.option("--verbose", is_flag=True, help="list each figure a public report prints that cannot be checked")
def batch(summary_file, **options):
    """Render a report for many councils (or every run in a schedule); continue past failures.

    --period latest (or previous) picks, for each council, the latest period of the report's kind
    that has ended and has figures for at least half its measures (latest_share in councils.yaml or
    a schedule's run; SWREPORT_TODAY=2025-04-01 shows what it picks on that date).
    A council with no figures for a period written out is listed, not rendered (``swreport run``
    refuses it); the others go on.
    Exit code: 0 every report rendered or unchanged (a council with no period or no figures to
    report is listed, not a failure), 1 a report failed, 2 bad input or settings.
    """

    if answer(options, summary_file):  # nothing changed since a run that rendered nothing: its lines and summary
        return

    with RunRecord(summary_file) as record, Recorder(options, record) as seen:  # written however the run ends
        _batch(record, **options)
        seen.outcomes = record.outcomes


def _refuse_public(plan) -> None:
    """A ConfigError (exit 2) before anything is rendered where a public report the plan renders
    prints a value-only percentage beside the count it is a percentage of (``percent_bases``)."""
    public = [j for j in plan.todo if j.audience == "public" and reports.get(j.report).per_council]
    if not public:
        return
    from ..loading import load
    from ..percent_bases import refuse

    ds, refused = load(plan.data), []
    for j in public:
        try:
            refuse(ds, j.council, j.period, j.key)
        except ConfigError as e:
            refused.append(str(e))
    if refused:
        raise ConfigError("\n".join(refused))


def _not_checked_line(job, figures: list[dict], data, command: str = "batch") -> str:
    """What a public report prints that its suppression cannot check, in one line: how many
    measures and which, how to make them checked, and the command that lists them."""
    listing = f"swreport check-public --council {job.council} --period {job.period}" + (
        f" --data {data}" if data is not None else ""
    )
    ids = list(dict.fromkeys(str(f.get("measure")) for f in figures))
    names = ", ".join(ids[:NOT_CHECKED_NAMED]) + (  # the first few: the full list is check-public's
        f" and {len(ids) - NOT_CHECKED_NAMED} more" if len(ids) > NOT_CHECKED_NAMED else ""
    )
    cols = sorted({c for f in figures for c in re.findall(r"no (population\S*) in councils\.csv", str(f.get("text")))})
    cols_in = f", or give {' and '.join(cols)} in councils.csv for a rate of a population" if cols else ""
    return (
        f"not checked in {job.key}: {plural(len(figures), 'measure')} printed as a percentage, rate or ratio without "
        f"numerator and denominator ({names}): give them, or declare part_of = the count a percentage is of{cols_in}; "
        f"'{listing}' lists {'them' if len(ids) <= NOT_CHECKED_NAMED else 'every one'} (or {command} with --verbose)"
        # this run's option: check-public has no --verbose (ANALYST-9 #14)
    )


NOT_CHECKED_NAMED = 5  # measure ids a public run's 'not checked' line names before 'and N more'


def _say_public(ds, j, data, verbose: bool, command: str, out=None) -> list[str]:
    """What a rendered public report withheld (each passage, where and why) and, in one line, what
    it prints that suppression cannot check (each figure with ``verbose``): run and batch alike.
    Returns the ids of the measures not checked (batch's run summary lists them all)."""
    from ..findings import where as place
    from ..publishing import public_table, renamed_measures, withheld
    from ..unchecked import not_checked

    perf = public_table(ds, j.report, j.council, j.period, out)  # read by both: worked out once (out's record)
    for w in withheld(ds, j.report, j.council, j.period, perf):
        click.echo(f"withheld from {j.key}: {place(w)}: ...{w['text']}... ({w['reason']})")
    for f in renamed_measures(ds, j.council, j.period, j.report, perf):
        click.echo(f"warning for {j.key}: {place(f)}: {f['text']}")
    for r in perf.attrs.get("revised") or []:  # ANALYST-9 #17: the figures that differ from what was published
        click.echo(f"revised in {j.key}: {r['title']} ({r['measure']}), {', '.join(r['columns'])}: an earlier public "
                   "report printed another figure; the row's note says it is revised")  # fmt: skip
    found = not_checked(ds, j.report, j.council, j.period, perf)
    figures, pairs = [f for f in found if f.get("kind") != "pair"], [f for f in found if f.get("kind") == "pair"]
    for f in figures if verbose else []:
        click.echo(f"not checked in {j.key}: {place(f)}: {f['text']}")
    if figures and not verbose:  # one line a report: the list is check-public's
        click.echo(_not_checked_line(j, figures, data, command))
    for f in pairs:  # a few a report: each said (AUDIT-9: 312 referrals, 309 investigations)
        click.echo(f"not checked in {j.key}: {place(f)}: {f['text']}: {f['reason']}")
    return list(dict.fromkeys(str(f.get("measure")) for f in found))


def _batch(record, report, period, councils, audiences, jobs, schedule, data, out, quiet, force, executor, scheduler,
           dry_run, pdf, wait, verbose):  # fmt: skip
    from ..batch import batch_runs, make_plan, summary_lines
    from ..config import load_schedule

    if schedule is not None:
        runs = [(r.report, r.period, r.councils, tuple(r.audience), r.pdf, r.latest_share)
                for r in load_schedule(schedule).runs]  # fmt: skip
    elif report and period:
        runs = [(report, period, councils, tuple(audiences) or ("internal",))]
    else:
        raise ConfigError("give a report and --period, or --schedule FILE")
    from ..config import where

    click.echo(where(data, out))
    if pdf or any(r[4:] and r[4] for r in runs):
        require()

    if executor == "local" and not dry_run and likely_work({"data": data, "out": out, "force": force}):
        from ..executors import LocalPool

        executor = LocalPool(jobs, not quiet).start()  # its kernels boot while the plan is made
    plan = make_plan(runs, data, out, force, pdf=pdf)
    record.on, record.data, record.out, record.dry_run = plan.today, plan.data, plan.out_dir, dry_run
    record.picked = plan.picked
    record.warnings = [str(w) for w in plan.warnings]
    for line in warning_lines(plan.warnings):  # once for the data set, not once per report
        click.echo(line)
    for line in plan.resolutions():
        click.echo(line)
    _refuse_public(plan)  # a value-only percentage beside its base in a public report: exit 2, nothing rendered
    if dry_run:
        none = [o.status for o in plan.unresolved]
        click.echo(f"plan: {len(plan.todo)} to render, {len(plan.skipped)} unchanged, "
                   f"{none.count('no-period')} with no period to report"
                   + (f", {none.count('no-figures')} with no figures for the period" if "no-figures" in none else "")
                   + (f", {none.count('not-ready')} not ready to publish" if "not-ready" in none else "")
                   + " (dry run: nothing rendered)")  # fmt: skip
        for line in plan.lines():
            click.echo(line)
        record.outcomes = plan.dry_run()
        return
    outcomes = batch_runs(
        runs, jobs=jobs, data=data, out=out, progress=not quiet, force=force, executor=executor, scheduler=scheduler,
        plan=plan, wait=wait,
    )  # fmt: skip
    record.outcomes = outcomes
    for line in summary_lines(outcomes):
        click.echo(line)
    public = [o.job for o in outcomes if o.status == "ok" and o.job.audience == "public"]
    # the annual reports rendered (an unchanged re-run says so in one line): what each has no figures for yet
    annual = {(o.job.council, o.job.period): o.job for o in outcomes
              if reports.get(o.job.report).from_year_return and o.status == "ok"}  # fmt: skip
    # an unchanged public report still prints what it did: its summary entry lists it too (ANALYST-8 #11)
    same = [o.job for o in outcomes if o.status == "skipped" and o.job.audience == "public"]
    if public or annual or (same and record.path is not None):
        from ..loading import load

        ds = load(plan.data)
        if record.path is not None:
            from ..unchecked import not_checked

            for j in same:
                record.not_checked[j.key] = list(
                    dict.fromkeys(str(f.get("measure")) for f in not_checked(ds, j.report, j.council, j.period))
                )
        for (council, p), j in annual.items():  # as run annual says it, per council: what the return would bring in
            needed = _returns_needed(ds, council, Period.parse(p), j.report)
            _say_returns_needed(needed, council)
            record.missing[(council, p)] = needed["missing"] + (["narrative"] if needed["narrative"] else [])
        for j in public:
            record.not_checked[j.key] = _say_public(ds, j, data, verbose, "batch", plan.out_dir)
    click.echo(f"index: {plan.out_dir / 'index.html'}")
    if any(o.status == "failed" for o in outcomes):
        sys.exit(EXIT_FAILURE)
