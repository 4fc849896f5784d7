"""Executors: one protocol for the local pool and Dask; a worker's job never raises."""

from __future__ import annotations

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
