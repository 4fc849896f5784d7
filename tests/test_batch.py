"""Batch: every council, continue past a failure, manifest and index, exit non-zero."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def swreport(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "swlib.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def test_batch_with_one_broken_council_renders_the_others_and_exits_non_zero(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "councils.yaml").write_text("councils:\n  dundee-city:\n    tolerance_percent: lots\n")
    out = tmp_path / "out"
    r = swreport("batch", "quarterly", "--period", "2023-24-Q2", "--councils", "all", "--jobs", "2", "--out", str(out), "--quiet",
                 env={"SWREPORT_PARAMS": str(params)})  # fmt: skip
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "rendered 2 of 3 report(s)" in r.stdout
    assert "FAILED  dundee-city/2023-24-Q2/quarterly" in r.stdout and "ConfigError" in r.stdout
    for council in ("south-lanarkshire", "dumfries-and-galloway"):
        assert (out / council / "2023-24-Q2" / "quarterly.html").exists()
    assert not (out / "dundee-city" / "2023-24-Q2" / "quarterly.html").exists()
    assert (out / "dundee-city" / "2023-24-Q2" / "quarterly.failed.ipynb").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["reports"]["dumfries-and-galloway/2023-24-Q2/quarterly"]
    assert entry["status"] == "ok" and entry["html"] == "dumfries-and-galloway/2023-24-Q2/quarterly.html"
    assert entry["inputs"]["observations.csv"] and entry["inputs"]["quarterly_performance.ipynb"]
    assert manifest["reports"]["dundee-city/2023-24-Q2/quarterly"]["status"] == "failed"
    index = (out / "index.html").read_text()
    assert 'href="south-lanarkshire/2023-24-Q2/quarterly.html"' in index and "failed" in index


def test_schedule_runs_every_declared_run(tmp_path):
    sched = tmp_path / "s.yaml"
    sched.write_text(
        "runs:\n  - report: annual\n    period: 2016/17\n    councils: [dundee-city]\n    audience: [internal, public]\n"
    )
    r = swreport("batch", "--schedule", str(sched), "--out", str(tmp_path / "o"), "--quiet", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o" / "dundee-city" / "2016-17" / "annual.html").exists()
    assert (tmp_path / "o" / "dundee-city" / "2016-17" / "annual-public.html").exists()


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
