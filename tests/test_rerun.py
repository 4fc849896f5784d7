"""The unchanged re-run of a batch, answered from its fingerprint without importing pandas or
pydantic: the same lines and exit code as the full path, and the full path again whenever an
input, an output or the request differs."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def swreport(*args, cwd=ROOT, env=None):
    """The command as a user runs it, with the modules it imported (python -X importtime)."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "swlib.cli", *args], capture_output=True, text=True,
                       cwd=cwd, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})})  # fmt: skip
    imported = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    return r, imported


def test_an_unchanged_rerun_answers_from_the_fingerprint_as_the_full_path_does(tmp_path):
    data, out = tmp_path / "d", tmp_path / "o"
    shutil.copytree(ROOT / "data", data)
    args = ["batch", "annual", "--period", "2016-17", "--councils", "dundee-city", "--data", str(data),
            "--out", str(out), "--quiet"]  # fmt: skip
    first, _ = swreport(*args)
    assert first.returncode == 0 and "rendered 1 of 1 report" in first.stdout
    assert not (out / ".rerun.json").exists()  # a run that rendered leaves no fingerprint
    slow, heavy = swreport(*args)  # the full path: plans, hashes, finds nothing to do
    assert slow.returncode == 0 and "rendered 0 of 1 report; 1 unchanged" in slow.stdout
    assert {"pandas", "pydantic"} <= heavy and (out / ".rerun.json").exists()
    manifest = (out / "manifest.json").read_bytes()

    fast, light = swreport(*args)
    assert (fast.returncode, fast.stdout) == (0, slow.stdout)
    assert not {"pandas", "pydantic", "numpy", "papermill"} & light
    assert (out / "manifest.json").read_bytes() == manifest

    # another option, or --force: the full path
    other, heavy = swreport(*args[:-1])  # without --quiet
    assert other.stdout == slow.stdout and "pandas" in heavy
    forced, _ = swreport(*args, "--force")
    assert "rendered 1 of 1 report" in forced.stdout and not (out / ".rerun.json").exists()
    unchanged, _ = swreport(*args)  # unchanged again: a new fingerprint (a run that failed would leave none)
    assert unchanged.returncode == 0 and "rendered 0 of 1 report; 1 unchanged" in unchanged.stdout, unchanged.stderr
    assert "pandas" not in swreport(*args)[1]

    # an input touched (same content): the full path again, which gives the same answer
    st = (data / "targets.csv").stat()
    os.utime(data / "targets.csv", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    touched, heavy = swreport(*args)
    assert (touched.returncode, touched.stdout) == (0, slow.stdout) and "pandas" in heavy
    # a report deleted: the full path, which renders it again
    (out / "dundee-city" / "2016-17" / "annual.html").unlink()
    again, _ = swreport(*args)
    assert "rendered 1 of 1 report" in again.stdout
    assert (out / "dundee-city" / "2016-17" / "annual.html").exists()


def test_a_batch_starts_its_kernels_early_only_where_there_is_probably_something_to_render(tmp_path, monkeypatch):
    from swlib.rerun import likely_work

    data, out = tmp_path / "d", tmp_path / "o"
    shutil.copytree(ROOT / "data", data)
    opts = {"data": data, "out": out, "force": False}
    assert likely_work(opts)  # nothing rendered there yet
    out.mkdir()
    (out / "manifest.json").write_text('{"reports": {}}')
    future = (out / "manifest.json").stat().st_mtime_ns + 10**9
    for f in data.rglob("*"):
        os.utime(f, ns=(future - 10**10, future - 10**10))
    os.utime(out / "manifest.json", ns=(future, future))
    monkeypatch.setattr("swlib.rerun.SWLIB", tmp_path / "no-code")  # swlib's own files: older, in effect
    monkeypatch.setattr("swlib.config.notebooks_dir", lambda: tmp_path / "no-notebooks")
    monkeypatch.setenv("SWREPORT_PARAMS", str(tmp_path / "no-params"))
    assert not likely_work(opts)  # an unchanged re-run: no kernel is started
    assert likely_work({**opts, "force": True})
    os.utime(data / "targets.csv", ns=(future + 10**9, future + 10**9))
    assert likely_work(opts)  # an input newer than the manifest


def test_the_weekly_run_takes_the_fast_path_on_another_day_while_latest_could_pick_nothing_else(tmp_path):
    """AUDIT-8 #5: the date was in the fingerprint, so the weekly scheduled run never took the fast
    path. A period written out does not depend on the date; latest resolves from the data and the
    periods ended, which change only on a month's first day."""
    data, out = tmp_path / "d", tmp_path / "o"
    shutil.copytree(ROOT / "data", data)
    args = ["batch", "annual", "--period", "latest", "--councils", "dundee-city", "--data", str(data),
            "--out", str(out), "--quiet", "--summary", str(tmp_path / "s.json")]  # fmt: skip
    day = lambda d: {"SWREPORT_TODAY": d}  # noqa: E731
    first, _ = swreport(*args, env=day("2026-12-02"))
    assert first.returncode == 0 and "rendered 1 of 1 report" in first.stdout, first.stderr
    slow, heavy = swreport(*args, env=day("2026-12-02"))
    assert "rendered 0 of 1 report; 1 unchanged" in slow.stdout and "pandas" in heavy
    assert "annual latest on 2 December 2026:" in slow.stdout

    week, light = swreport(*args, env=day("2026-12-09"))  # a week later: latest could pick nothing else
    assert not {"pandas", "pydantic"} & light, "the full path on another day"
    assert week.stdout == slow.stdout.replace("2 December 2026", "9 December 2026")
    assert json.loads((tmp_path / "s.json").read_text())["today"] == "2026-12-09"
    month, heavy = swreport(*args, env=day("2027-01-04"))  # a new month: a period may have ended
    assert month.returncode == 0 and "pandas" in heavy and "annual latest on 4 January 2027:" in month.stdout

    fixed = [a if a != "latest" else "2016-17" for a in args]  # a period written out: no date at all
    swreport(*fixed, env=day("2027-01-04"))
    again, light = swreport(*fixed, env=day("2027-03-29"))
    assert again.returncode == 0 and "1 unchanged" in again.stdout and not {"pandas", "pydantic"} & light


def test_a_public_batchs_fast_path_follows_the_record_of_what_public_reports_printed(tmp_path):
    # the record (<report>-public.figures.csv) is what a public report's suppression differences
    # against: a record changed since (a report published from elsewhere, one removed) is the full path
    data, out = tmp_path / "d", tmp_path / "o"
    shutil.copytree(ROOT / "data", data)
    args = ["batch", "annual", "--period", "2016-17", "--councils", "dundee-city", "--audience", "public",
            "--data", str(data), "--out", str(out), "--quiet"]  # fmt: skip
    assert "rendered 1 of 1 report" in swreport(*args)[0].stdout
    record = out / "dundee-city" / "2016-17" / "annual-public.figures.csv"
    assert record.is_file()
    slow, _ = swreport(*args)
    assert "1 unchanged" in slow.stdout and "pandas" not in swreport(*args)[1]
    st = record.stat()
    os.utime(record, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    touched, heavy = swreport(*args)
    assert (touched.returncode, touched.stdout) == (0, slow.stdout) and "pandas" in heavy
