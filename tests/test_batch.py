"""Batch: every council, continue past a failure, manifest and index, exit non-zero."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, dundee_not_checked_line

# the value-only percentages the public Dundee 2016-17 annual report prints ("not checked")

pytestmark = pytest.mark.slow


def swreport(*args, env=None, cwd=ROOT):
    """The command as a user runs it, from ``cwd``; ``env=None`` keeps the caller's SWREPORT_ settings,
    ``env={}`` drops them (a user's own folder decides)."""
    base = os.environ if env is None or env else {k: v for k, v in os.environ.items() if not k.startswith("SWREPORT_")}
    return subprocess.run(
        [sys.executable, "-m", "swlib.cli", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
    )


def test_batch_with_one_broken_council_renders_the_others_and_exits_non_zero(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  south-lanarkshire:\n    tolerance_percent: lots\n")
    out, summary = tmp_path / "out", tmp_path / "summary.json"
    r = swreport("batch", "quarterly", "--period", "2021-22-Q2", "--councils", "all", "--jobs", "2", "--out", str(out), "--quiet",
                 "--summary", str(summary), env={"SWREPORT_PARAMS": str(params)})  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "rendered 1 of 3 reports; 1 with no figures for the period, not rendered" in r.stdout
    assert "FAILED  south-lanarkshire/2021-22-Q2/quarterly" in r.stdout and "tolerance_percent" in r.stdout
    assert (out / "dumfries-and-galloway" / "2021-22-Q2" / "quarterly.html").exists()
    assert not (out / "south-lanarkshire" / "2021-22-Q2" / "quarterly.html").exists()
    assert (out / "south-lanarkshire" / "2021-22-Q2" / "quarterly.failed.ipynb").exists()
    assert not (out / "dundee-city").exists()  # annual figures only: no quarter of its own, listed and not rendered
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["reports"]["dumfries-and-galloway/2021-22-Q2/quarterly"]
    assert entry["status"] == "ok" and entry["html"] == "dumfries-and-galloway/2021-22-Q2/quarterly.html"
    assert entry["inputs"]["observations.csv"] and entry["inputs"]["quarterly_performance.ipynb"]
    assert manifest["reports"]["south-lanarkshire/2021-22-Q2/quarterly"]["status"] == "failed"
    assert "dundee-city/2021-22-Q2/quarterly" not in manifest["reports"]
    index = (out / "index.html").read_text()
    assert 'href="dumfries-and-galloway/2021-22-Q2/quarterly.html"' in index and "failed" in index
    outcomes = [(e["council"], e["outcome"]) for e in json.loads(summary.read_text())["reports"]]
    assert outcomes == [
        ("south-lanarkshire", "failed"),
        ("dundee-city", "no-figures"),
        ("dumfries-and-galloway", "rendered"),
    ]


def test_a_council_with_no_figures_for_a_period_written_out_is_listed_not_rendered(tmp_path):
    out, plan, summary = tmp_path / "o", tmp_path / "plan.json", tmp_path / "run.json"
    args = (
        "batch",
        "quarterly",
        "--period",
        "2023-24-Q2",
        "--councils",
        "south-lanarkshire,dundee-city",
        "--out",
        str(out),
    )
    why_sl = "no figures for 2023-24-Q2 (latest with figures: 2021-22-Q4)"
    why_dc = (
        "no figures for 2023-24-Q2 (latest with figures: none for a quarter; its figures are annual, latest 2016-17)"
    )
    dry = swreport(*args, "--dry-run", "--summary", str(plan))
    assert dry.returncode == 0, dry.stderr
    assert f"quarterly 2023-24-Q2:\n  south-lanarkshire        not rendered: {why_sl}\n" in dry.stdout
    assert f"  dundee-city              not rendered: {why_dc}\n" in dry.stdout
    assert "plan: 0 to render, 0 unchanged, 0 with no period to report, 2 with no figures for the period" in dry.stdout
    assert f"  quarterly south-lanarkshire        2023-24-Q2             internal none: {why_sl}" in dry.stdout
    run = swreport(*args, "--summary", str(summary))
    assert run.returncode == 0, run.stderr  # reporting that a council has no figures is not a failure
    assert "rendered 0 of 2 reports; 2 with no figures for the period, not rendered" in run.stdout
    assert f"  none    dundee-city/2023-24-Q2/quarterly: {why_dc}" in run.stdout
    assert not list(out.rglob("quarterly*"))  # nothing rendered, no notebook run
    for f, word in ((plan, "no-figures"), (summary, "no-figures")):
        s = json.loads(f.read_text())
        assert s["exit_code"] == 0 and s["counts"]["no-figures"] == 2 and s["counts"]["rendered"] == 0
        assert s["dry_run"] is (f == plan)  # from --dry-run, though nothing would render
        assert [(r["council"], r["period"], r["outcome"], r["error"], r["output"]) for r in s["reports"]] == [
            ("south-lanarkshire", "2023-24-Q2", word, why_sl, None), ("dundee-city", "2023-24-Q2", word, why_dc, None),
        ]  # fmt: skip


def test_schedule_runs_every_declared_run(tmp_path):
    sched = tmp_path / "s.yaml"
    sched.write_text(
        "runs:\n  - report: annual\n    period: 2016/17\n    councils: [dundee-city]\n    audience: [internal, public]\n"
    )
    r = swreport("batch", "--schedule", str(sched), "--out", str(tmp_path / "o"), "--quiet", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o" / "dundee-city" / "2016-17" / "annual.html").exists()
    # the public report in a tree of its own, fit to upload as it is: no notebook, no local path, no internal link
    public = tmp_path / "o" / "public"
    files = sorted(str(p.relative_to(public)) for p in public.rglob("*") if p.is_file())
    assert files == ["dundee-city/2016-17/annual.html", "index.html", "manifest.json"]
    for f in public.rglob("*"):
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            assert str(tmp_path) not in text and str(ROOT) not in text and "/home/" not in text, f
    assert "annual.html" in (public / "index.html").read_text() and "../" not in (public / "index.html").read_text()
    assert (tmp_path / "o" / "dundee-city" / "2016-17" / "annual-public.ipynb").exists()  # kept, outside the tree
    # the run lists what the public report withheld, where it is and why
    assert (
        "withheld from public/dundee-city/2016-17/annual: data/narrative/dundee-city/2016-17/complaints.md, line"
        in r.stdout
    )
    assert "(mentions a small number)" in r.stdout
    # the figures it prints that cannot be checked: one line, how many and what lists them
    (line,) = [x for x in r.stdout.splitlines() if x.startswith("not checked")]
    assert line == dundee_not_checked_line("swreport check-public --council dundee-city --period 2016-17", "batch")
    verbose = swreport("batch", "--schedule", str(sched), "--out", str(tmp_path / "o"), "--quiet", "--jobs", "1",
                       "--force", "--verbose")  # fmt: skip
    listed = [x for x in verbose.stdout.splitlines() if x.startswith("not checked")]
    assert len(listed) == 3 and "observations.csv, row 991, column 'value': care-leavers-eet 2016-17: 41.2" in listed[1]


def test_bad_schedule_is_bad_input(tmp_path):
    sched = tmp_path / "s.yaml"
    sched.write_text("runs:\n  - report: weekly\n    period: 2016/17\n")
    r = swreport("batch", "--schedule", str(sched), "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "report" in r.stderr and "expected one of quarterly, annual" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_council_in_a_batch_is_bad_input(tmp_path):
    r = swreport("batch", "annual", "--period", "2016-17", "--councils", "dundee-city,atlantis", "--out", str(tmp_path))
    assert r.returncode == 2 and "unknown council(s) atlantis" in r.stderr
    assert not any(tmp_path.iterdir())


def test_an_edited_observation_re_renders_only_its_council(tmp_path):
    import shutil

    data = tmp_path / "d"
    shutil.copytree(ROOT / "data", data)
    out = tmp_path / "o"
    args = ("batch", "annual", "--period", "2023-24", "--councils", "south-lanarkshire,dumfries-and-galloway",
            "--data", str(data), "--out", str(out), "--quiet", "--jobs", "2")  # fmt: skip
    assert swreport(*args).returncode == 0
    sl = out / "south-lanarkshire" / "2023-24" / "annual.html"
    dg = out / "dumfries-and-galloway" / "2023-24" / "annual.html"
    t_sl, t_dg = sl.stat().st_mtime_ns, dg.stat().st_mtime_ns
    again = swreport(*args)
    assert again.returncode == 0 and "rendered 0 of 2 reports; 2 unchanged" in again.stdout
    obs = data / "observations.csv"
    lines = obs.read_text().splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("dumfries-and-galloway,cp-orders,2023-24,"))
    lines[i] = lines[i].replace(
        "dumfries-and-galloway,cp-orders,2023-24,", "dumfries-and-galloway,cp-orders,2023-24,1", 1
    )
    obs.write_text("\n".join(lines) + "\n")
    third = swreport(*args)
    assert third.returncode == 0 and "rendered 1 of 2 reports; 1 unchanged" in third.stdout
    assert dg.stat().st_mtime_ns != t_dg and sl.stat().st_mtime_ns == t_sl
    manifest = json.loads((out / "manifest.json").read_text())["reports"]
    assert manifest["south-lanarkshire/2023-24/annual"]["status"] == "skipped"
    assert manifest["dumfries-and-galloway/2023-24/annual"]["status"] == "ok"
    forced = swreport(*args, "--force")
    assert "rendered 2 of 2 reports" in forced.stdout


def _without_timing(manifest):
    drop = ("seconds", "rendered_at", "data")
    return {k: {f: v for f, v in e.items() if f not in drop} for k, e in manifest["reports"].items()}


def test_dask_executor_gives_the_same_outputs_as_the_local_one(tmp_path, monkeypatch):
    from distributed import LocalCluster

    from swlib.batch import batch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    local = batch(
        "quarterly",
        "2021-22-Q2",
        "south-lanarkshire,dumfries-and-galloway",
        jobs=1,
        out=tmp_path / "local",
        progress=False,
    )
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = batch("quarterly", "2021-22-Q2", "south-lanarkshire,dumfries-and-galloway", out=tmp_path / "dask", progress=False,
                     executor="dask", scheduler=cluster.scheduler_address)  # fmt: skip
    assert [o.status for o in local] == [o.status for o in dask] == ["ok", "ok"]
    for o in local:
        rel = o.job.key + ".html"
        assert (tmp_path / "local" / rel).read_bytes() == (tmp_path / "dask" / rel).read_bytes()
    strip = _without_timing
    a = json.loads((tmp_path / "local" / "manifest.json").read_text())
    b = json.loads((tmp_path / "dask" / "manifest.json").read_text())
    assert strip(a) == strip(b)


DUNDEE_ANNUAL = ("batch", "annual", "--period", "2016-17", "--councils", "dundee-city")


def test_dask_executor_needs_a_scheduler(tmp_path):
    r = swreport(*DUNDEE_ANNUAL, "--executor", "dask", "--out", str(tmp_path))
    assert r.returncode == 2 and "--scheduler ADDRESS" in r.stderr


def test_a_rerun_links_every_report_in_the_index_by_council_name(tmp_path):
    args = (*DUNDEE_ANNUAL, "--out", str(tmp_path / "o"), "--quiet")
    assert swreport(*args).returncode == 0
    again = swreport(*args)
    assert again.returncode == 0 and "1 unchanged, skipped" in again.stdout
    index = (tmp_path / "o" / "index.html").read_text()
    assert 'href="dundee-city/2016-17/annual.html"' in index  # skipped as unchanged, still linked
    assert ">Dundee City Council<" in index and ">dundee-city<" not in index


def test_the_index_stylesheet_is_allowed_by_its_own_content_security_policy(tmp_path):
    import base64
    import hashlib
    import re

    from swlib.outputs import write_index

    entry = {"report": "annual", "council": "dundee-city", "council_name": "Dundee City Council", "period": "2016-17",
             "audience": "internal", "status": "ok", "html": "dundee-city/2016-17/annual.html", "error": None}  # fmt: skip
    page = write_index(tmp_path, {"reports": {"dundee-city/2016-17/annual": entry}}).read_text()
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    allowed = re.search(r"style-src '(sha256-[^']+)'", page).group(1)
    assert allowed == "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


def test_run_from_an_analysts_own_folder_reads_its_params_and_writes_its_outputs(tmp_path):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "councils.yaml").write_text("defaults:\n  service: Care and Support Services\n")
    r = swreport("run", "quarterly", "--council", "south-lanarkshire", "--period", "2021-22-Q2", env={}, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    page = tmp_path / "outputs" / "south-lanarkshire" / "2021-22-Q2" / "quarterly.html"
    assert page.exists() and "Care and Support Services Performance Report" in page.read_text()
    assert f"data: {ROOT / 'data'}; settings: {tmp_path / 'params'}; outputs: {tmp_path / 'outputs'}" in r.stdout


def test_an_unchanged_rerun_opens_no_notebook_and_starts_no_kernel(tmp_path, monkeypatch):
    import builtins
    import io

    from swlib import batch
    from swlib.kernels import KernelSession

    out = tmp_path / "out"
    first = batch.batch("annual", "2016-17", councils="dundee-city", jobs=1, out=out, progress=False)
    assert [o.status for o in first] == ["ok"]
    real_open = builtins.open

    def no_notebooks(file, *args, **kwargs):
        if str(file).endswith(".ipynb"):
            raise AssertionError(f"opened {file}")
        return real_open(file, *args, **kwargs)

    def no_kernel(self):
        raise AssertionError("started a kernel")

    monkeypatch.setattr(builtins, "open", no_notebooks)
    monkeypatch.setattr(io, "open", no_notebooks)
    monkeypatch.setattr(KernelSession, "start", no_kernel)
    again = batch.batch("annual", "2016-17", councils="dundee-city", jobs=1, out=out, progress=False)
    assert [o.status for o in again] == ["skipped"]
    assert 'href="dundee-city/2016-17/annual.html"' in (out / "index.html").read_text()


def test_a_schedule_with_period_latest_says_what_it_chose_and_the_plan_is_what_the_run_does(tmp_path):
    sched = tmp_path / "schedule.yaml"
    sched.write_text(
        "runs:\n  - report: quarterly\n    period: latest\n    councils: [south-lanarkshire, dundee-city]\n"
    )
    out = tmp_path / "o"
    env = {"SWREPORT_TODAY": "2022-04-01"}  # the day after 2021/22 Quarter 4 ended
    dry = swreport("batch", "--schedule", str(sched), "--out", str(out), "--dry-run",
                   "--summary", str(tmp_path / "plan.json"), env=env)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert "quarterly latest on 1 April 2022:" in dry.stdout
    assert "  south-lanarkshire        2021-22-Q4" in dry.stdout
    assert (
        "  dundee-city              none, not rendered: no quarter has figures: its figures are all for measures "
        "reported annually" in dry.stdout
    )
    assert "the annual report shows them: swreport run annual --council dundee-city --period 2016-17" in dry.stdout
    plan = [line.split(maxsplit=5) for line in dry.stdout.splitlines() if line.startswith("  quarterly ")]
    assert [p[1:5] for p in plan] == [
        ["south-lanarkshire", "2021-22-Q4", "(latest)", "internal"],
        ["dundee-city", "latest", "internal", "none:"],
    ]
    assert plan[0][5] == "render" and plan[1][5].startswith("no quarter has figures: its figures are all for")
    to_render = {f"{p[1]}/{p[2]}/quarterly" for p in plan if p[-1] == "render"}
    assert not out.exists()  # a dry run writes nothing

    run = swreport("batch", "--schedule", str(sched), "--out", str(out), "--jobs", "1",
                   "--summary", str(tmp_path / "run.json"), env=env)  # fmt: skip
    assert run.returncode == 0, run.stderr  # a council with nothing to report is said, not a failure
    planned, done = (json.loads((tmp_path / f).read_text()) for f in ("plan.json", "run.json"))
    assert planned["dry_run"] and not done["dry_run"]
    what = {"would render": "rendered", "no-period": "no-period"}
    assert (
        [(r["council"], r["period"], what[r["outcome"]]) for r in planned["reports"]]
        == [(r["council"], r["period"], r["outcome"]) for r in done["reports"]]
        == [("south-lanarkshire", "2021-22-Q4", "rendered"), ("dundee-city", None, "no-period")]
    )
    assert "[1/1] rendered south-lanarkshire/2021-22-Q4/quarterly in " in run.stderr  # a log: plain lines
    assert "\r" not in run.stderr
    assert "rendered 1 of 2 reports; 1 with no period to report, not rendered" in run.stdout
    assert "  none    dundee-city/latest/quarterly: no quarter has figures: its figures are all for" in run.stdout
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "index.html", "south-lanarkshire/2021-22-Q4/quarterly.html",
    ]  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text())["reports"]
    assert set(manifest) == to_render and all(e["status"] == "ok" for e in manifest.values())

    earlier = swreport("batch", "--schedule", str(sched), "--out", str(out), "--dry-run",
                       env={"SWREPORT_TODAY": "2022-03-31"})  # fmt: skip
    assert "  south-lanarkshire        2021-22-Q3" in earlier.stdout  # Q4 ends that night
    again = swreport("batch", "--schedule", str(sched), "--out", str(out), "--dry-run", env=env)
    assert "south-lanarkshire        2021-22-Q4 (latest)    internal unchanged, skip" in again.stdout
    rerun = swreport("batch", "--schedule", str(sched), "--out", str(out), env=env)
    assert rerun.returncode == 0 and "report" not in rerun.stderr  # no progress (no "0report")
    said = rerun.stdout.split("(its latest year with figures)\n")[1]
    assert said.splitlines()[0] == (
        "rendered 0 of 2 reports; 1 unchanged, skipped (--force renders them); 1 with no period to report, not rendered"
    )
    assert "  same " not in said


def test_run_period_latest_names_the_period_or_says_why_there_is_none(tmp_path):
    r = swreport("run", "quarterly", "--council", "dundee-city", "--period", "latest", "--out", str(tmp_path),
                 env={"SWREPORT_TODAY": "2025-04-01"})  # fmt: skip
    assert r.returncode == 2 and not any(tmp_path.iterdir())
    assert (
        "dundee-city: --period latest names no quarter: no quarter has figures: its figures are all for measures "
        "reported annually" in r.stderr
    )


def test_the_summary_lists_a_failing_report_and_a_council_with_no_period_and_the_exit_code_says_so(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dundee-city:\n    tolerance_percent: lots\n")
    sched = tmp_path / "schedule.yaml"
    sched.write_text("runs:\n  - report: annual\n    period: latest\n    councils: [dundee-city]\n"
                     "  - report: quarterly\n    period: latest\n    councils: [dundee-city]\n")  # fmt: skip
    out, summary = tmp_path / "o", tmp_path / "logs" / "summary.json"
    r = swreport("batch", "--schedule", str(sched), "--out", str(out), "--summary", str(summary), "--quiet",
                 env={"SWREPORT_PARAMS": str(params), "SWREPORT_TODAY": "2025-06-30"})  # fmt: skip
    assert r.returncode == 1 and "Traceback" not in r.stderr
    s = json.loads(summary.read_text())
    assert s["exit_code"] == 1 and s["result"] == "a report failed" and s["today"] == "2025-06-30"
    assert s["started"] <= s["finished"] and s["outputs"] == str(out)
    assert s["counts"] == {
        "rendered": 0,
        "unchanged": 0,
        "failed": 1,
        "no-period": 1,
        "no-figures": 0,
        "not-ready": 0,
        "would render": 0,
    }
    failed, none = s["reports"]
    assert failed["report"] == "annual" and failed["period"] == "2016-17" and failed["asked"] == "latest"
    assert failed["outcome"] == "failed" and failed["output"] is None and failed["seconds"] > 0
    assert "tolerance_percent" in failed["error"] and failed["failed_notebook"].endswith("annual.failed.ipynb")
    assert none == {
        "report": "quarterly", "council": "dundee-city", "period": None, "asked": "latest", "audience": "internal",
        "outcome": "no-period", "seconds": 0.0, "output": None, "failed_notebook": None, "pdf": None,
        "error": "no quarter has figures: its figures are all for measures reported annually, and a quarterly report "
        "shows an annual measure's latest year as it stands; the annual report shows them: swreport run annual "
        "--council dundee-city --period 2016-17 (its latest year with figures)",
    }  # fmt: skip


def test_bad_input_still_writes_a_summary_with_exit_code_2(tmp_path):
    summary = tmp_path / "summary.json"
    summary.write_text("{}")  # a summary from an earlier run is replaced, never left to mislead
    r = swreport("batch", "annual", "--period", "2020-22", "--out", str(tmp_path / "o"), "--summary", str(summary))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    s = json.loads(summary.read_text())
    assert s["exit_code"] == 2 and s["result"] == "bad input or settings" and s["reports"] == []
    assert s["error"].startswith("cannot read period '2020-22'")


def test_overlapping_batches_on_one_folder_leave_a_whole_manifest_and_every_report(tmp_path):
    # The folder is held by this test, with the lock a run takes (swlib.outputs.hold), for as long
    # as the test needs: on a loaded machine a real run may finish before a second one has even
    # started, and then nothing overlaps (the third run, meant to be refused, took the free folder).
    import time

    from swlib.outputs import hold

    out = tmp_path / "o"
    cmd = ("batch", "annual", "--period", "2016-17", "--out", str(out), "--jobs", "1", "--wait", "300")
    me = f"(pid {os.getpid()}, started "

    def start(name, *args, env=None):
        with (tmp_path / f"{name}.out").open("w") as o, (tmp_path / f"{name}.err").open("w") as e:
            return subprocess.Popen([sys.executable, "-m", "swlib.cli", *cmd, *args], cwd=ROOT, stdout=o, stderr=e,
                                    env={**os.environ, **(env or {})})  # fmt: skip

    def err(name):
        return (tmp_path / f"{name}.err").read_text()

    with hold(out):
        first = start("first", "--councils", "dundee-city", "--audience", "internal", "--audience", "public")
        waited = start(
            "waited", "--councils", "south-lanarkshire", "--period", "latest", env={"SWREPORT_TODAY": "2024-06-01"}
        )
        refused = swreport(*DUNDEE_ANNUAL, "--out", str(out), "--summary", str(tmp_path / "s.json"))
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert f"{out} is in use by another swreport run {me}" in refused.stderr
        assert json.loads((tmp_path / "s.json").read_text())["exit_code"] == 2
        deadline = time.monotonic() + 240
        for name, p in (("first", first), ("waited", waited)):
            while f"swreport: waiting up to 300 s for another run using {out} {me}" not in err(name):
                assert p.poll() is None and time.monotonic() < deadline, err(name)  # it waits, and says for whom
                time.sleep(0.1)
        assert sorted(f.name for f in out.iterdir()) == [".swreport.lock"]  # nothing written while they wait
    assert first.wait(timeout=300) == 0, err("first")
    assert waited.wait(timeout=300) == 0, err("waited")
    manifest = json.loads((out / "manifest.json").read_text())["reports"]
    assert sorted(manifest) == [
        "dundee-city/2016-17/annual", "public/dundee-city/2016-17/annual", "south-lanarkshire/2023-24/annual",
    ]  # fmt: skip
    index = (out / "index.html").read_text()
    for entry in manifest.values():
        assert entry["status"] == "ok" and (out / entry["html"]).is_file() and f'href="{entry["html"]}"' in index


def test_the_run_summary_lists_every_measure_a_public_report_could_not_check(tmp_path, monkeypatch):
    """The batch's 'not checked' line names five measures and how many more; the run summary
    (--summary FILE) keeps every one, on the public report's row."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    d = make_data(tmp_path / "d", [{"aggregate": "latest"}] * 7,
                  [{"measure": f"m{i}", "period": "2020-21-Q1", "value": "50"} for i in range(7)])  # fmt: skip
    args = ["batch", "quarterly", "--period", "2020-21-Q1", "--councils", "alpha", "--audience", "public",
            "--audience", "internal", "--data", str(d), "--out", str(tmp_path / "o"), "--summary", str(tmp_path / "s.json")]  # fmt: skip
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "(m0, m1, m2, m3, m4 and 2 more)" in r.output and "m5" not in r.output
    rows = {x["audience"]: x for x in json.loads((tmp_path / "s.json").read_text())["reports"]}
    assert rows["public"]["not_checked"] == [f"m{i}" for i in range(7)] and "not_checked" not in rows["internal"]

    # unchanged: the same list, not [] (ANALYST-8 #11), on the full path and then on the fast one, which
    # writes the summary too (ANALYST-8 #14: --summary turned the fast unchanged re-run off)
    for n, path in ((2, "full"), (3, "fast")):
        r = CliRunner().invoke(main, [*args[:-1], str(tmp_path / f"s{n}.json")])
        assert r.exit_code == 0 and "2 unchanged" in r.output, r.output
        s = json.loads((tmp_path / f"s{n}.json").read_text())
        rows = {x["audience"]: x for x in s["reports"]}
        assert rows["public"]["outcome"] == "unchanged" and rows["public"]["not_checked"] == [f"m{i}" for i in range(7)]
        assert s["exit_code"] == 0 and s["counts"]["unchanged"] == 2 and s["started"] <= s["finished"]
        assert (tmp_path / "o" / ".rerun.json").exists()
        if path == "full":  # the next run answers from the fingerprint: it plans nothing
            import swlib.batch

            monkeypatch.setattr(swlib.batch, "make_plan", lambda *a, **k: pytest.fail("planned: not the fast path"))


def test_latest_stays_on_a_quarter_until_most_of_the_next_ones_figures_are_in_and_says_why(tmp_path):
    """ANALYST-4 #1: one Q3 figure sent early made the Monday run jump to a Q3 report of 'Report
    later' for the rest, with nothing in the output or the summary saying so."""
    from tests.conftest import make_data

    quarters = ("2026-27-Q1", "2026-27-Q2")
    obs = [{"measure": f"m{i}", "period": q, "value": str(40 + i)} for i in range(4) for q in quarters]
    obs.append({"measure": "m0", "period": "2026-27-Q3", "value": "41"})  # one service's figure, early
    make_data(tmp_path / "data", [{"unit": "count", "aggregate": "sum"}] * 4, obs)
    (tmp_path / "params").mkdir()
    sched = tmp_path / "params" / "schedule.yaml"
    sched.write_text("runs:\n  - report: quarterly\n    period: latest\n    councils: [alpha]\n")
    env = {"SWREPORT_TODAY": "2027-01-11"}
    dry = swreport("batch", "--schedule", str(sched), "--dry-run", "--summary", "plan.json", env=env, cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert (
        "quarterly latest on 11 January 2027:\n"
        "  alpha                    2026-27-Q2 (4 of 4 measures have figures)\n"
        "                           2026-27-Q3: 1 of 4 measures have figures (latest needs 50%); staying on 2026-27-Q2\n"
    ) in dry.stdout
    assert "  quarterly alpha                    2026-27-Q2 (latest)    internal render" in dry.stdout
    (row,) = json.loads((tmp_path / "plan.json").read_text())["reports"]
    assert row["period"] == "2026-27-Q2" and row["picked_from"] == {"share_needed": 0.5, "periods": [
        {"period": "2026-27-Q3", "measures_with_figures": 1, "measures_due": 4, "picked": False},
        {"period": "2026-27-Q2", "measures_with_figures": 4, "measures_due": 4, "picked": True}]}  # fmt: skip
    # the council's own setting, and a schedule's run overriding it
    (tmp_path / "params" / "councils.yaml").write_text("councils:\n  alpha:\n    latest_share: 0.25\n")
    own = swreport("batch", "--schedule", str(sched), "--dry-run", env=env, cwd=tmp_path)
    assert "  alpha                    2026-27-Q3 (1 of 4 measures have figures)\n" in own.stdout, own.stdout
    sched.write_text(sched.read_text() + "    latest_share: 0.75\n")
    run = swreport("batch", "--schedule", str(sched), "--dry-run", env=env, cwd=tmp_path)
    assert "2026-27-Q3: 1 of 4 measures have figures (latest needs 75%); staying on 2026-27-Q2" in run.stdout
    sched.write_text(sched.read_text().replace("0.75", "1.5"))
    bad = swreport("batch", "--schedule", str(sched), "--dry-run", env=env, cwd=tmp_path)
    assert bad.returncode == 2 and "latest_share" in bad.stdout + bad.stderr and "Traceback" not in bad.stderr


def test_the_guides_running_every_quarter_example_is_what_the_demo_data_gives(tmp_path):
    """docs/guide.md, 'Running every quarter': the schedule and the resolution its dry run prints."""
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    part = guide.split("### Running every quarter")[1]
    schedule = part.split("```yaml\n")[1].split("```")[0]
    shown = part.split("```sh\n")[1].split("```")[0].splitlines()
    assert shown[0] == "$ SWREPORT_TODAY=2024-04-01 swreport batch --schedule params/schedule.yaml --dry-run"
    (tmp_path / "schedule.yaml").write_text(schedule.split("\n", 1)[1])  # after '# params/schedule.yaml'
    r = swreport("batch", "--schedule", str(tmp_path / "schedule.yaml"), "--out", str(tmp_path / "o"), "--dry-run",
                 env={"SWREPORT_TODAY": "2024-04-01"})  # fmt: skip
    assert r.returncode == 0, r.stderr
    printed = r.stdout.splitlines()
    start = printed.index(shown[1])
    assert printed[start : start + len(shown) - 3] == shown[1:-2]  # up to the plan's first line; then '...'


def test_a_schedule_does_not_publish_an_annual_report_without_statutory_figures_or_narrative(tmp_path):
    """ANALYST-5 #3: a new council's schedule (annual, latest, internal and public) published a CSWO
    report with no statutory figures and no CSWO words as soon as the year's quarters were in, and
    its summary said "ok". The public report is listed as not ready, with why; the internal one renders."""
    from click.testing import CliRunner

    from swlib.cli import main
    from tests.conftest import make_data

    stat = {"title": "Orders made", "theme": "Statutory functions", "outcome": "Child protection", "unit": "count",
            "polarity": "none", "frequency": "annual"}  # fmt: skip
    obs = [{"measure": "m0", "period": f"2020-21-Q{q}", "numerator": "9", "denominator": "10"} for q in range(1, 5)]
    d = make_data(tmp_path / "data", [{"target": "80"}, stat], obs)
    sched = tmp_path / "schedule.yaml"
    sched.write_text("runs:\n  - report: annual\n    period: latest\n    councils: [alpha]\n"
                     "    audience: [internal, public]\n")  # fmt: skip
    out, summary = tmp_path / "o", tmp_path / "s.json"
    args = [
        "batch",
        "--schedule",
        str(sched),
        "--data",
        str(d),
        "--out",
        str(out),
        "--summary",
        str(summary),
        "--quiet",
    ]
    env = {"SWREPORT_TODAY": "2021-06-01"}
    r = CliRunner().invoke(main, [*args, "--dry-run"], env=env)
    assert r.exit_code == 0, r.output
    lines = [x.split() for x in r.output.splitlines() if x.startswith("  annual ")]
    assert [x[4:6] for x in lines] == [["internal", "render"], ["public", "none:"]], r.output
    assert "1 not ready to publish (dry run: nothing rendered)" in r.output
    why = (
        "not published: the annual report for 2020/21 has no statutory figures and no narrative yet (its sections "
        "would say none was provided)"
    )
    assert f"public/alpha/2020-21/annual: {why}" in r.output
    # the public report alone: nothing to render, and the summary says why (exit 0: news, not a failure)
    sched.write_text(sched.read_text().replace("[internal, public]", "[public]"))
    r = CliRunner().invoke(main, args, env=env)
    assert r.exit_code == 0, r.output
    assert "rendered 0 of 1 report; 1 not ready to publish, not rendered" in r.output
    s = json.loads(summary.read_text())
    assert s["counts"]["not-ready"] == 1 and s["counts"]["rendered"] == 0
    (row,) = s["reports"]
    assert row["outcome"] == "not-ready" and row["error"].startswith(why) and row["output"] is None
    assert not (out / "public" / "alpha").exists()
    # the year's return (one statutory figure) and the CSWO's summary: it is published
    with (d / "observations.csv").open("a") as f:
        f.write("alpha,m1,2020-21,12,,,,,test\n")
    (d / "narrative" / "alpha" / "2020-21").mkdir(parents=True)
    (d / "narrative" / "alpha" / "2020-21" / "summary.md").write_text("A year of change.")
    r = CliRunner().invoke(main, [*args, "--dry-run"], env=env)
    assert r.exit_code == 0 and "not ready" not in r.output, r.output
    assert [x.split()[4:6] for x in r.output.splitlines() if x.startswith("  annual ")] == [["public", "render"]]


def test_a_figure_of_a_period_after_a_reports_own_leaves_its_key_so_it_is_not_rendered_again(demo, tmp_path):
    """ANALYST-8 #4: one corrected 2026/27 figure re-rendered every report, and the scheduled run
    (no --pdf) removed every PDF 'its figures out of date', the earlier years' too. A report shows
    its period, its year to date and the years before: a later figure is no input of it."""
    from dataclasses import replace

    from swlib.batch import report_key
    from swlib.outputs import Job

    sl = "south-lanarkshire"
    annual = Job("annual", sl, "2020-21", "internal", str(ROOT / "data"), str(tmp_path), "South Lanarkshire", "")
    quarter = replace(annual, report="quarterly", period="2021-22-Q2")
    before = {j.period: report_key(j, demo) for j in (annual, quarter)}
    o = demo.observations.copy()
    row = o.index[(o["council"] == sl) & (o["period"] == "2021-22-Q2")][0]
    o.loc[row, "value"] = 12345.0  # a correction to 2021/22 Quarter 2
    after = replace(demo, observations=o, memo={})
    assert report_key(annual, after) == before["2020-21"]  # the 2020/21 report: unchanged, skipped
    assert report_key(quarter, after) != before["2021-22-Q2"]  # the quarter's own report: rendered again
    o = demo.observations.copy()
    row = o.index[(o["council"] == sl) & (o["period"] == "2020-21-Q3")][0]
    o.loc[row, "comment"] = "a figure of the year itself"
    assert report_key(annual, replace(demo, observations=o, memo={})) != before["2020-21"]


def test_the_guides_cron_line_and_systemd_unit_run_the_council_folder_the_guide_sets_up(tmp_path):
    """ANALYST-9 #12: the guide's cron line ran '.venv/bin/swreport' in the council folder 'swreport
    init' made, which has no .venv (exit 127), or in the clone, where it rendered the demo councils.
    The lines as written, with the guide's council folder and installed swreport put in for this
    machine's (``command -v swreport``), run the council folder's own schedule."""
    import shlex
    import shutil

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8").split("**When to run it.**")[1]
    cron = guide.split("```cron\n")[1].split("```")[0].splitlines()[-1].split(None, 5)[5]  # after the 5 time fields
    unit = dict(ln.split("=", 1) for ln in guide.split("```ini\n")[1].split("```")[0].splitlines() if "=" in ln)
    where, exe = re.match(r"cd (\S+) && (\S+) batch ", cron).groups()
    assert Path(exe).is_absolute() and unit["WorkingDirectory"] == where and unit["ExecStart"].startswith(f"{exe} ")
    assert "command -v swreport" in guide
    folder = tmp_path / "fife-reports"
    folder.mkdir()
    assert swreport("init", "fife", "--name", "Fife Council", env={}, cwd=folder).returncode == 0
    (folder / "logs").mkdir()
    installed = shutil.which("swreport", path=str(Path(sys.executable).parent))  # `command -v swreport`, venv active
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # cron's: no venv, nothing of the caller's
    line = cron.replace(where, str(folder)).replace(exe, installed).replace(" --pdf", " --dry-run")
    r = subprocess.run(["sh", "-c", line], capture_output=True, text=True, env=bare, cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "", r.stdout  # cron mails only a failure
    assert f"data: {folder / 'data'}; settings: {folder / 'params'}" in (folder / "logs" / "batch.log").read_text()
    args = [a.replace(where, str(folder)) for a in shlex.split(unit["ExecStart"])[1:]]
    r = subprocess.run([installed, *[a for a in args if a != "--pdf"], "--dry-run"], capture_output=True, text=True,
                       env=bare, cwd=unit["WorkingDirectory"].replace(where, str(folder)))  # fmt: skip
    assert r.returncode == 0 and f"data: {folder / 'data'}" in r.stdout + r.stderr, r.stdout + r.stderr
    assert unit["StandardOutput"] == f"append:{where}/logs/batch.log"


def test_an_edit_to_a_years_narrative_re_renders_that_years_annual_report_only(demo, tmp_path):
    """ANALYST-9 #8: a sentence added to 2025/26's workforce.md (which only the 2025/26 annual
    report reads) re-rendered and re-issued the 2026/27 quarterly reports, with a new issue date."""
    import shutil
    from dataclasses import replace

    from swlib.batch import report_key
    from swlib.outputs import Job

    sl = "south-lanarkshire"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "narrative", data / "narrative")
    ds = replace(demo, path=data, memo={})
    annual = Job("annual", sl, "2020-21", "internal", str(data), str(tmp_path), "South Lanarkshire", "")
    jobs = [annual, replace(annual, period="2021-22"), replace(annual, report="quarterly", period="2021-22-Q2"),
            replace(annual, report="quarterly", period="2020-21-Q4")]  # fmt: skip
    before = [report_key(j, ds) for j in jobs]
    (data / "narrative" / sl / "2020-21").mkdir(parents=True, exist_ok=True)
    with (data / "narrative" / sl / "2020-21" / "workforce.md").open("a") as f:
        f.write("\nOne more sentence from the CSWO.\n")
    after = [report_key(j, ds) for j in jobs]
    assert after[0] != before[0]  # the 2020/21 annual report, which prints it: rendered again
    assert after[1:] == before[1:]  # 2021/22's, and the quarterly reports, which print no narrative: skipped
