"""Warm kernels: a report run in a reused kernel is the report a new kernel makes, nothing one
report does reaches the next, and a kernel that dies or hangs costs only its own report."""

import json
import os
import signal
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from swlib import batch, kernels, rendering
from swlib.errors import ReportError
from swlib.kernels import KernelSession

pytestmark = pytest.mark.slow

PERIOD = "2023-24-Q2"
COUNCILS = ("south-lanarkshire", "dundee-city", "dumfries-and-galloway")

# what a report could see of the reports before it: the namespace, options and settings
PROBE = """
import json, os, sys, warnings
import matplotlib, numpy as np, pandas as pd
import matplotlib.pyplot as plt
state = {
    "names": sorted(n for n in globals() if not n.startswith("_") and n not in ("In", "Out", "exit", "quit", "get_ipython", "json", "os", "sys", "warnings", "matplotlib", "np", "pd", "plt")),
    "count": get_ipython().execution_count,
    "max_rows": pd.get_option("display.max_rows"),
    "copy_on_write": pd.get_option("mode.copy_on_write"),
    "figures": len(plt.get_fignums()),
    "backend": plt.get_backend(),
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "font": matplotlib.rcParams["font.size"],
    "numpy_err": np.geterr()["divide"],
    "numpy_precision": np.get_printoptions()["precision"],
    "warnings": len(warnings.filters),
    "env": os.environ.get("LEFT_BEHIND"),
    "cwd": os.getcwd(),
    "path": len(sys.path),
}
print(json.dumps(state, sort_keys=True))
"""

POLLUTE = """
import os, sys, warnings
import matplotlib, numpy as np, pandas as pd
import matplotlib.pyplot as plt
left_over = 1
pd.set_option("display.max_rows", 3)
pd.set_option("mode.copy_on_write", True)
plt.switch_backend("agg")  # figures stay open (the inline backend closes them after each cell)
plt.figure(); plt.plot([1, 2])
matplotlib.rcParams["lines.linewidth"] = 9
matplotlib.rcParams["font.size"] = 30
np.seterr(divide="raise")
np.set_printoptions(precision=2)
warnings.simplefilter("ignore")
os.environ["LEFT_BEHIND"] = "yes"
os.chdir("/")
sys.path.insert(0, "/nowhere")
"""


def run_cells(session, tmp_path, name, *sources):
    import papermill as pm

    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    km = session.prepare()
    try:
        out = pm.execute_notebook(str(path), str(path), km=km, progress_bar=False, kernel_name="python3")
    finally:
        session.after_report()
    return out


def probe(session, tmp_path, name):
    out = run_cells(session, tmp_path, name, PROBE)
    return json.loads(out.cells[0].outputs[0]["text"])


def test_nothing_a_report_changes_reaches_the_next_one(tmp_path):
    with KernelSession() as fresh:
        expected = probe(fresh, tmp_path, "fresh")
    with KernelSession() as warm:
        run_cells(warm, tmp_path, "polluter", POLLUTE)
        after = probe(warm, tmp_path, "after")
        assert warm.reports == 2  # the same kernel ran both
        # from its second report on, a batch's kernel is reset as a report ends, not as the next begins
        run_cells(warm, tmp_path, "polluter-again", POLLUTE)
        assert warm._pending is not None and warm._pending[1] == "resetting the kernel"
        after_early_reset = probe(warm, tmp_path, "after-again")
        assert warm.reports == 4
    assert after == expected and after_early_reset == expected
    # and the probe sees the pollution when nothing is reset: the probe can tell
    with KernelSession() as leaky:
        run_cells(leaky, tmp_path, "polluter2", POLLUTE)
        leaky.reports = 0  # pretend the next report is the kernel's first: no reset
        polluted = probe(leaky, tmp_path, "polluted")
    assert (
        polluted["max_rows"] == 3
        and polluted["figures"] == 1
        and polluted["backend"] == "agg"
        and polluted["linewidth"] == 9
    )
    assert "left_over" in polluted["names"] and polluted["env"] == "yes" and polluted["cwd"] == "/"


def test_reports_in_a_reused_kernel_are_byte_identical_to_new_kernels(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    jobs = [("quarterly", c, PERIOD) for c in COUNCILS] + [("annual", "dundee-city", "2016-17")]
    for report, council, period in jobs:
        rendering.render(report, council, period, out=tmp_path / "fresh")
    with KernelSession() as warm:
        # the kernel first runs a notebook that leaves options, figures and names behind
        run_cells(warm, tmp_path, "polluter", POLLUTE)
        for report, council, period in jobs:
            rendering.render(report, council, period, out=tmp_path / "warm", session=warm)
        assert warm.reports == len(jobs) + 1
    for report, council, period in jobs:
        for suffix in (".html", ".ipynb"):
            a = (tmp_path / "fresh" / council / period / report).with_suffix(suffix)
            b = (tmp_path / "warm" / council / period / report).with_suffix(suffix)
            assert a.read_bytes() == b.read_bytes(), f"{council} {report}{suffix} differs"


def failing_notebooks(tmp_path, monkeypatch, cell):
    """The quarterly notebook with ``cell`` after its parameters, in a folder of its own."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.read(rendering.notebooks_dir() / "quarterly_performance.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, new_code_cell(cell))
    nbformat.write(nb, folder / "quarterly_performance.ipynb")
    monkeypatch.setattr(rendering, "notebooks_dir", lambda: folder)
    monkeypatch.setattr(batch, "notebooks_dir", lambda: folder)


def run_batch(tmp_path):
    """South Lanarkshire's report, then Dumfries and Galloway's (the quarter both have figures for)."""
    return batch.batch("quarterly", "2021-22-Q2", "south-lanarkshire,dumfries-and-galloway", jobs=1,
                       out=tmp_path / "out", progress=False, force=True)  # fmt: skip


def test_a_kernel_that_dies_fails_only_its_report(tmp_path, monkeypatch):
    failing_notebooks(
        tmp_path, monkeypatch, 'if council == "south-lanarkshire":\n    import os; os.kill(os.getpid(), 9)'
    )
    outcomes = {o.job.council: o for o in run_batch(tmp_path)}
    assert outcomes["south-lanarkshire"].status == "failed"
    assert "the kernel died while running the report" in outcomes["south-lanarkshire"].error
    assert outcomes["dumfries-and-galloway"].status == "ok"
    assert Path(outcomes["dumfries-and-galloway"].html).stat().st_size > 100_000  # after the death: a whole report


def test_a_kernel_that_hangs_is_stopped_and_fails_only_its_report(tmp_path, monkeypatch):
    monkeypatch.setenv("SWREPORT_CELL_TIMEOUT", "20")
    failing_notebooks(tmp_path, monkeypatch, 'if council == "south-lanarkshire":\n    import time; time.sleep(3600)')
    outcomes = {o.job.council: o for o in run_batch(tmp_path)}
    assert outcomes["south-lanarkshire"].status == "failed"
    assert "a cell ran for more than 20 s" in outcomes["south-lanarkshire"].error
    assert outcomes["dumfries-and-galloway"].status == "ok"


def test_a_kernel_killed_between_reports_is_replaced(tmp_path, monkeypatch):
    with KernelSession() as session:
        rendering.render("quarterly", "dundee-city", PERIOD, out=tmp_path, session=session)
        os.kill(session.km.provisioner.process.pid, signal.SIGKILL)
        html = rendering.render("quarterly", "south-lanarkshire", PERIOD, out=tmp_path, session=session)
        assert html.stat().st_size > 100_000 and session.reports == 1  # a new kernel's first report


def test_a_kernel_that_cannot_start_is_a_report_error(tmp_path, monkeypatch):
    monkeypatch.setattr(
        KernelSession, "ARGS", ("--no-such-option-at-all", "--IPKernelApp.exec_lines=['import os; os._exit(3)']")
    )
    with KernelSession(timeout=30) as session, pytest.raises(ReportError, match="the kernel"):
        rendering.render("quarterly", "dundee-city", PERIOD, out=tmp_path, session=session)
    assert not (tmp_path / "dundee-city" / PERIOD / "quarterly.html").exists()


def test_cell_timeout_setting_is_checked(monkeypatch):
    monkeypatch.setenv("SWREPORT_CELL_TIMEOUT", "soon")
    with pytest.raises(Exception, match="SWREPORT_CELL_TIMEOUT: found 'soon'; expected a number of seconds"):
        kernels.cell_timeout()


def test_papermill_gets_the_client_connected_while_the_kernel_warmed_up(tmp_path):
    """The client papermill asks for is the one connected beforehand (while the kernel booted or
    reset), a new one is connected for each report, and every client is closed with the session."""
    with KernelSession() as session:
        km = session.prepare()
        handed = []
        client = km.client
        km.client = lambda **kw: handed.append(client(**kw)) or handed[-1]
        ready = km.next_client
        assert ready is not None and ready.shell_channel.is_alive() and ready.iopub_channel.is_alive()
        first = run_cells(session, tmp_path, "first", "print(6 * 7)")
        assert first.cells[0].outputs[0]["text"] == "42\n"
        assert handed == [ready]
        assert not ready.iopub_channel.is_alive()  # closed once its report was done
        session.prepare()  # the next report's client connects during the reset
        again = km.next_client
        assert again is not None and again is not ready
        second = run_cells(session, tmp_path, "second", "print('again')")
        assert second.cells[0].outputs[0]["text"] == "again\n"
        assert handed == [ready, again]
        session.prepare()
        left = km.next_client  # made for a report that never comes
        pid = km.provisioner.process.pid
    assert not left.shell_channel.is_alive() and not left.iopub_channel.is_alive()
    with pytest.raises(ProcessLookupError):  # the kernel is gone (and reaped) when close returns
        os.kill(pid, 0)


def test_a_connected_client_is_ready_without_jupyter_clients_fixed_wait(monkeypatch):
    """papermill's client is ready once the kernel has answered kernel_info on the shell channel
    and said it is idle on IOPub (jupyter_client's own wait also sits out 0.2 s of IOPub silence
    each time); when IOPub stays silent, jupyter_client's own wait decides."""
    import queue

    from jupyter_core.utils import run_sync

    with KernelSession() as session:
        km = session.prepare()
        kc = km.client()
        calls = []
        fallback = type(kc).wait_for_ready

        async def recorded(self, timeout=None):
            calls.append(timeout)
            return await fallback(self, timeout=timeout)

        monkeypatch.setattr(type(kc), "wait_for_ready", recorded)
        run_sync(kc.wait_for_ready)(timeout=30)
        assert calls == [] and kc.shell_channel.is_alive()  # ready from the kernel's own answers
        assert run_sync(kc.execute_interactive)("x = 1", timeout=30)["content"]["status"] == "ok"

        async def silent(*a, **kw):
            raise queue.Empty

        monkeypatch.setattr(kc.iopub_channel, "get_msg", silent)
        with pytest.raises(RuntimeError):  # its own wait, on the same silent channel, gives up
            run_sync(kc.wait_for_ready)(timeout=2)
        assert calls == [2]


def test_a_reset_runs_no_full_collection_and_leaves_no_names(tmp_path):
    """IPython's reset ends with a full garbage collection (0.025 s of CPU a report in a batch
    kernel, walking what earlier reports left in caches); fresh_state leaves that to the
    collector's own passes, and the namespace is still emptied."""
    count = "import gc\nleft_over = 1\nprint(gc.get_stats()[2]['collections'])"
    with KernelSession() as session:
        before = int(run_cells(session, tmp_path, "first", count).cells[0].outputs[0]["text"])
        session.reports = 2  # a batch kernel's: reset as the report ends
        run_cells(session, tmp_path, "second", "pass")  # reset as it ends; the third waits for that
        out = run_cells(
            session, tmp_path, "third", "import gc\nprint(gc.get_stats()[2]['collections'], 'left_over' in dir())"
        )
    after, left = out.cells[0].outputs[0]["text"].split()
    assert int(after) == before and left == "False"
