"""Nothing lost: a render killed at any point leaves the previous report intact and no partial file."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def start_run(out):
    return subprocess.Popen(
        [sys.executable, "-m", "swlib.cli", "run", "quarterly", "--council", "south-lanarkshire", "--period", "2021-22-Q2", "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def leftovers(folder):
    return [p.name for p in folder.rglob("*") if p.name.startswith(".") or "running" in p.name or p.suffix == ".tmp"]


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
