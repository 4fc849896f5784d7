"""Executors: one protocol for the local pool and Dask; a worker's job never raises."""

from __future__ import annotations

import threading

import pytest

from swlib import executors
from swlib.errors import ConfigError, DataError, Problem, ReportError
from swlib.outputs import Job, Outcome


def job(council: str) -> Job:
    return Job("annual", council, "2016-17", "internal", "data", "out")


def test_the_command_lines_names_give_the_executors():
    local = executors.make("local", workers=2, progress=False)
    assert isinstance(local, executors.LocalPool) and local.workers == 2
    with pytest.raises(ConfigError, match="unknown executor 'cloud': expected local or dask"):
        executors.make("cloud")


def test_dask_needs_a_scheduler_before_anything_is_rendered():
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="needs --scheduler ADDRESS"):
        executors.make("dask", scheduler=None)


def test_outcomes_come_back_in_the_jobs_order_whatever_order_they_finished_in():
    jobs = [job(c) for c in ("a", "b", "c")]
    finished = [Outcome(jobs[2], "ok", 1.0), Outcome(jobs[0], "failed", 2.0), Outcome(jobs[1], "ok", 3.0)]
    assert [o.job.council for o in executors.in_order(finished, jobs)] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ReportError("annual", "a", "2016-17", "the section 'Finance' could not be built: KeyError: 'x'"),
         "annual report for a 2016-17 failed: the section 'Finance' could not be built: KeyError: 'x'"),
        (DataError([Problem("finance.csv", 3, "amount", "'x'", "a number")]), "finance.csv, row 3"),
        (RuntimeError("disk on fire"), "internal error: RuntimeError: disk on fire"),
    ],
)  # fmt: skip
def test_a_failing_report_is_an_outcome_naming_it_and_the_batch_goes_on(monkeypatch, error, expected):
    import swlib.rendering

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(swlib.rendering, "render", failing)
    o = executors.render_job(job("a"), session=object())
    assert o.status == "failed" and expected in o.error and o.html is None


def test_a_dask_worker_thread_keeps_one_kernel_for_its_reports(monkeypatch):
    started, used = [], []

    class Session:
        def __init__(self):
            started.append(self)

        def start(self):
            return self

        def close(self):
            pass

    monkeypatch.setattr("swlib.kernels.KernelSession", Session)
    monkeypatch.setattr(executors, "render_job", lambda job, session=None, engine=None: used.append(session) or job)
    monkeypatch.setattr(executors, "_THREAD", threading.local())
    jobs = [Job("quarterly", c, "2023-24-Q2", "internal", "data", "out") for c in ("a", "b", "c")]
    for j in jobs:
        executors.render_job_warm(j)
    assert len(started) == 1 and used == [started[0]] * 3  # one kernel, reused
    other = threading.Thread(target=executors.render_job_warm, args=(jobs[0],))
    other.start()
    other.join()
    assert len(started) == 2 and used[-1] is started[1]  # another thread: a kernel of its own


def _where() -> tuple:
    import os
    import sys

    return os.environ.get("SWREPORT_PROBE"), os.getcwd(), "swlib.rendering" in sys.modules


def test_a_pool_worker_has_the_batchs_environment_and_folder_not_the_fork_servers(monkeypatch, tmp_path):
    # workers are forked from one fork server, started with the first pool: each still gets the
    # environment and working folder of the batch that made its pool, as a spawned worker did
    for value in ("first", "second"):
        monkeypatch.setenv("SWREPORT_PROBE", value)
        (tmp_path / value).mkdir()
        monkeypatch.chdir(tmp_path / value)
        with executors._workers(1) as pool:
            probe, cwd, preloaded = pool.submit(_where).result(timeout=120)
        assert (probe, cwd) == (value, str(tmp_path / value))
        assert preloaded  # imported once in the fork server, not by each worker for its first report
