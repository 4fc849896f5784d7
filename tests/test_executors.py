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


def test_a_report_rendered_without_pdf_names_the_pdf_of_its_earlier_render_that_it_removed(monkeypatch, tmp_path):
    # ANALYST-5 #4: the old PDF stayed beside the new page; the batch's log now names it as removed
    import swlib.rendering
    from swlib.batch import summary_lines

    html = tmp_path / "dundee-city" / "2016-17" / "annual.html"
    html.parent.mkdir(parents=True)
    html.with_suffix(".pdf").write_bytes(b"%PDF old")

    def render(*args, **kwargs):
        html.write_text("<html>")
        return html

    monkeypatch.setattr(swlib.rendering, "render", render)
    o = executors.render_job(Job("annual", "dundee-city", "2016-17", "internal", "data", str(tmp_path)), object())
    assert o.status == "ok" and o.dropped == str(html.with_suffix(".pdf")) and o.pdf is None
    assert not html.with_suffix(".pdf").exists()
    assert f"  removed {html.with_suffix('.pdf')}: printed before this render, its figures out of date " in "\n".join(
        summary_lines([o])
    )
    html.with_suffix(".pdf").write_bytes(b"%PDF old")  # with --pdf it is printed again, nothing to say
    o = executors.render_job(Job("annual", "dundee-city", "2016-17", "internal", "data", str(tmp_path), pdf=True),
                             object(), print_pdf=False)  # fmt: skip
    assert o.dropped is None and html.with_suffix(".pdf").exists()  # kept until the new one replaces it

    class Broken:  # the printing fails: the earlier render's PDF does not stay to stand for this one
        def render(self, html):
            raise RuntimeError("browser gone")

    failed = executors._print_pdf(o, Broken())
    assert failed.status == "failed" and "browser gone" in failed.error and not html.with_suffix(".pdf").exists()


def _fake_session(started: list, closed: list) -> type:
    """A stand-in for kernels.KernelSession that notes each kernel started and closed."""

    class Session:
        def __init__(self):
            started.append(self)

        def start(self):
            return self

        def close(self):
            closed.append(self)

    return Session


def test_a_dask_worker_thread_keeps_one_kernel_for_its_reports(monkeypatch):
    started, used = [], []

    Session = _fake_session(started, [])
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


def test_a_local_pool_of_two_starts_two_kernels_before_the_first_job_and_reuses_them(monkeypatch):
    # the workers are threads of the batch's process, each starting its kernel at once (while the
    # batch plans) and keeping it for every report it renders; a PDF is printed by the thread that
    # waits for the reports, which owns the browser
    started, closed, rendered, printed = [], [], [], []

    Session = _fake_session(started, closed)

    class Engine:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

        def render(self, html):
            printed.append((html, threading.current_thread()))
            return html.with_suffix(".pdf")

    def render_job(job, session=None, engine=None, print_pdf=True):
        assert not print_pdf  # the worker thread leaves the PDF to the waiting thread
        rendered.append((job.council, session))
        return Outcome(job, "ok", 0.0, html=f"/out/{job.council}.html")

    monkeypatch.setattr("swlib.kernels.KernelSession", Session)
    monkeypatch.setattr(executors, "render_job", render_job)
    monkeypatch.setattr(executors, "PdfEngine", Engine)
    pool = executors.LocalPool(2, progress=False).start()
    jobs = [Job("quarterly", c, "2023-24-Q2", "internal", "data", "out", pdf=c == "e") for c in "abcdef"]
    done = []
    outcomes = pool.run(jobs, done.append)
    assert len(started) == 2 and sorted(map(id, closed)) == sorted(map(id, started))  # two kernels, both stopped
    assert sorted(c for c, _ in rendered) == list("abcdef") and {id(s) for _, s in rendered} <= set(map(id, started))
    assert [o.job.council for o in outcomes] == list("abcdef") and len(done) == 6
    assert [str(h) for h, _ in printed] == ["/out/e.html"] and printed[0][1] is threading.main_thread()
    assert [o.pdf for o in outcomes] == [None] * 4 + ["/out/e.pdf", None]
