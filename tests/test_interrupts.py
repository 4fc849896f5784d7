"""Nothing lost: a render killed at any point leaves the previous report intact and no partial file."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from swlib.outputs import LOCK_NAME
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def start_run(out):
    return subprocess.Popen(
        [sys.executable, "-m", "swlib.cli", "run", "quarterly", "--council", "south-lanarkshire", "--period", "2021-22-Q2", "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def leftovers(folder):
    """Temporary files left behind (the folder's lock file stays: the system releases the lock itself)."""
    return [p.name for p in folder.rglob("*")
            if (p.name.startswith(".") and p.name != LOCK_NAME) or "running" in p.name or p.suffix == ".tmp"]  # fmt: skip


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("after", [1.0, 2.5, 4.0])
def test_killed_render_keeps_the_previous_report(tmp_path, sig, after):
    out = tmp_path / "out"
    first = start_run(out)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    html = out / "south-lanarkshire" / "2021-22-Q2" / "quarterly.html"
    before = html.read_bytes()
    os.utime(html, (0, 0))  # mark the old file: a finished second run would replace it
    p = start_run(out)
    time.sleep(after)
    p.send_signal(sig)
    p.wait(timeout=120)
    if p.returncode == 0:  # it finished before the signal: a whole new report, which is fine
        assert html.stat().st_mtime > 0
    else:
        assert html.read_bytes() == before and html.stat().st_mtime == 0
        assert "Traceback" not in p.stderr.read()
    assert leftovers(out) == []


def test_a_batch_killed_midway_can_be_rerun_and_completes_what_is_missing(tmp_path):
    # the schedule's nine reports, one at a time: a warm worker renders a report in about 0.4 s, so
    # a batch of two councils could finish before the signal lands; nine leave some unwritten
    out = tmp_path / "out"
    args = [sys.executable, "-m", "swlib.cli", "batch", "--schedule", "params/schedule.yaml",
            "--out", str(out), "--jobs", "1", "--quiet"]  # fmt: skip

    def reports():
        return {h.relative_to(out) for h in out.rglob("*.html") if h.name != "index.html"}

    p = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not reports():
        time.sleep(0.02)  # kill as soon as the first report is written: the next is under way
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=120)
    done_before = reports()
    assert 1 <= len(done_before) < 9
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert done_before < reports() and len(reports()) == 9
    # what was written before the kill is not rendered again (a worker may finish the report it was
    # on as the batch stops: that one counts as written too)
    rendered, unchanged = map(int, re.search(r"rendered (\d+) of 9 reports; (\d+) unchanged", again.stdout).groups())
    assert rendered + unchanged == 9 and len(done_before) <= unchanged < 9
    assert leftovers(out) == []
