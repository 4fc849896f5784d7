"""Where a batch's reports are rendered: local workers (kernels run from threads of this process), or a Dask cluster.

Every executor has one method, ``run(jobs, on_done)``: it renders each job with
``render_job`` (which never raises: a failure is an ``Outcome``), calls ``on_done`` with each
outcome as it comes (the batch enters it in the manifest then), and returns the outcomes in the
jobs' order. ``make("local" | "dask", ...)`` gives the one the command line names.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from . import kernels  # KernelSession read at call time: a test puts a fake one there
from .errors import ConfigError, ReportError, SwError
from .outputs import Job, Outcome, drop_printed, input_hashes
from .pdf import PdfEngine
from .progress import Progress

OnDone = Callable[[Outcome], None]


class Executor(Protocol):
    def run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        """Render every job; ``on_done`` is called with each outcome as it comes; the outcomes
        are returned in the jobs' order."""


def in_order(outcomes: Iterable[Outcome], jobs: list[Job]) -> list[Outcome]:
    """The outcomes in the order of ``jobs`` (a pool finishes them in any order)."""
    order = {j.key: i for i, j in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[o.job.key])


# --- in a worker ----------------------------------------------------------------------------
_PDF = None  # a batch worker's Chromium, started for its first PDF and kept for the rest


def _pdf_engine():
    global _PDF
    if _PDF is None:
        _PDF = PdfEngine().start()
        multiprocessing.util.Finalize(None, _PDF.close, exitpriority=10)
    return _PDF


class _KernelThreads:
    """``n`` threads of this process, each starting its kernel at once (in the thread that uses it)
    and rendering report after report in it, from one queue of jobs.

    Threads, not processes: a report's work in this process is papermill's client, the export and
    the writes (about 0.06 s of CPU a report, against 0.4 s in its kernel), and the kernels are
    processes of their own, so two threads keep two cores busy; a worker process would import
    papermill, nbconvert and swlib again and start its kernel only after that (0.7 to 0.9 s of CPU
    each, and the second kernel 5 s late under load). A PDF is printed by the thread that waits for
    the reports (Playwright's browser belongs to the thread that started it)."""

    def __init__(self, n: int):
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.done: queue.SimpleQueue = queue.SimpleQueue()
        self.threads = [threading.Thread(target=self._work, name=f"swreport-worker-{i + 1}", daemon=True)
                        for i in range(n)]  # fmt: skip
        self._launched = threading.Semaphore(0)
        for t in self.threads:
            t.start()
        # the kernels are launched before the caller goes on (a tenth of a second each): the plan's
        # imports would otherwise hold up the threads' own, and the kernels start seconds later
        for _ in self.threads:
            self._launched.acquire(timeout=30)

    def _work(self) -> None:
        session = kernels.KernelSession()
        try:
            session.start()
        except Exception:  # the first report's prepare() starts it again and fails with the reason
            pass
        finally:
            self._launched.release()
        try:
            while (job := self.jobs.get()) is not None:
                self.done.put(render_job(job, session, print_pdf=False))
        finally:
            session.close()

    def run(self, jobs: list[Job], finished: OnDone) -> None:
        for j in jobs:
            self.jobs.put(j)
        pdf = PdfEngine() if any(j.pdf for j in jobs) else nullcontext()
        with pdf as engine:
            for _ in jobs:
                o = self.done.get()
                finished(_print_pdf(o, engine) if o.job.pdf else o)

    def close(self) -> None:
        """The jobs not started are dropped; those running finish; the kernels stop."""
        while True:
            try:
                self.jobs.get_nowait()
            except queue.Empty:
                break
        for _ in self.threads:
            self.jobs.put(None)
        for t in self.threads:
            t.join()


def _print_pdf(o: Outcome, engine) -> Outcome:
    """The PDF of a report rendered without it (``render_job(..., print_pdf=False)``)."""
    if o.status != "ok":
        return o
    try:
        o.pdf = str(engine.render(Path(o.html)))
    except SwError as e:
        drop_printed(Path(o.html))  # not printed again: the earlier render's must not stand for this one
        return Outcome(o.job, "failed", o.seconds, error=str(e))
    except Exception as e:
        drop_printed(Path(o.html))
        return Outcome(o.job, "failed", o.seconds, error=f"internal error: {type(e).__name__}: {e}")
    return o


_THREAD = threading.local()  # a Dask worker thread's kernel, warm from one report to the next


def render_job_warm(job: Job) -> Outcome:
    """``render_job`` in a Dask worker's thread, in a kernel the thread keeps for its next report
    (reset between reports as a local pool worker's is)."""
    session = getattr(_THREAD, "session", None)
    if session is None:
        session = _THREAD.session = kernels.KernelSession().start()
        multiprocessing.util.Finalize(None, session.close, exitpriority=10)
    return render_job(job, session)


def render_job(job: Job, session=None, engine=None, print_pdf: bool = True) -> Outcome:
    """Render one report in a worker (in ``session``'s kernel, else a kernel of its own; its PDF
    with ``engine``, else the worker's, unless ``print_pdf`` is False); never raises."""
    from .rendering import render  # pandas (via status): not imported before a batch's kernels start

    start = time.perf_counter()
    try:
        path = render(
            job.report, job.council, job.period, job.audience, data=job.data, out=job.out, councils=job.only or None,
            session=session,
        )  # fmt: skip
        pdf = str((engine or _pdf_engine()).render(path)) if job.pdf and print_pdf else None
        done = Outcome.rendered(job, start, path)
        done.pdf = pdf
        if not job.pdf:  # the PDF of an earlier render has the old figures (with --pdf it is printed again)
            done.dropped = str(drop_printed(path) or "") or None
        return done
    except ReportError as e:
        nb = str(e.notebook) if e.notebook and Path(e.notebook).exists() else None
        return Outcome(
            job, "failed", time.perf_counter() - start, error=str(e), failed_notebook=nb, inputs=input_hashes(job)
        )
    except SwError as e:
        return Outcome(job, "failed", time.perf_counter() - start, error=str(e))
    except Exception as e:  # an internal failure in one report must not stop the batch
        return Outcome(job, "failed", time.perf_counter() - start, error=f"internal error: {type(e).__name__}: {e}")


# --- the executors ----------------------------------------------------------------------------
@dataclass
class LocalPool:
    """Workers on this machine (``workers``, default one per core), each keeping one kernel and
    rendering report after report in it: one worker in this process, more in threads of it
    (``_KernelThreads``)."""

    workers: int | None = None
    progress: bool = True
    _session: object = field(default=None, init=False, repr=False)  # started early: one worker's kernel
    _threads: _KernelThreads | None = field(default=None, init=False, repr=False)  # started early: more workers

    def start(self) -> LocalPool:
        """Start the workers now, before the batch plans and hashes: each one's kernel boots and
        warms up meanwhile. ``run`` uses them and ``close`` stops them (at exit at the latest)."""

        n = max(1, self.workers or os.cpu_count() or 1)
        if n == 1:
            self._session = kernels.KernelSession().start()
        else:
            self._threads = _KernelThreads(n)
        atexit.register(self.close)
        return self

    def close(self) -> None:
        session, threads, self._session, self._threads = self._session, self._threads, None, None
        if session is not None:
            session.close()
        if threads is not None:
            threads.close()

    def run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        try:
            return self._run(jobs, on_done)
        finally:
            self.close()  # workers started early and not needed, or done

    def _run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        n = max(1, min(self.workers or os.cpu_count() or 1, len(jobs) or 1))
        if self._session is not None or self._threads is not None:
            n = 1 if self._session is not None else max(n, 2)
        outcomes: list[Outcome] = []
        bar = Progress(len(jobs), self.progress)

        def finished(o: Outcome) -> None:
            outcomes.append(o)
            if on_done is not None:
                on_done(o)
            bar.done(o)

        if not jobs:
            pass
        elif n == 1:
            pdf = PdfEngine() if any(j.pdf for j in jobs) else nullcontext()
            with self._session or kernels.KernelSession().start() as session, pdf as engine:
                for j in jobs:
                    finished(render_job(j, session, engine))
        else:
            if self._threads is None:
                self._threads = _KernelThreads(n)
            self._threads.run(jobs, finished)
        bar.close()
        return in_order(outcomes, jobs)


@dataclass
class DaskCluster:
    """The same per-report work on a Dask distributed cluster (pip install 'swreport[dask]'), each
    worker thread keeping its kernel warm from one report to the next."""

    scheduler: str | None
    progress: bool = True

    def __post_init__(self) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ConfigError("the dask executor needs the optional extra: pip install 'swreport[dask]'") from None
        if not self.scheduler:
            raise ConfigError("the dask executor needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")

    def run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        from distributed import Client  # the optional extra (checked when the executor is made)

        outcomes = []
        with Client(self.scheduler, set_as_default=False) as client:
            futures = [
                client.submit(render_job_warm, j, pure=False, key=f"swreport-{j.key}-{time.time_ns()}") for j in jobs
            ]
            bar = Progress(len(jobs), self.progress, desc="rendering (dask)")
            for f in futures:  # in submission order; the cluster runs them all at once
                outcomes.append(f.result())
                if on_done is not None:
                    on_done(outcomes[-1])
                bar.done(outcomes[-1])
            bar.close()
        return in_order(outcomes, jobs)


EXECUTORS = ("local", "dask")


def make(name: str, *, workers: int | None = None, scheduler: str | None = None, progress: bool = True) -> Executor:
    """The executor the command line names: ``local`` (``workers`` processes) or ``dask`` (at ``scheduler``)."""
    if name == "local":
        return LocalPool(workers, progress)
    if name == "dask":
        return DaskCluster(scheduler, progress)
    raise ConfigError(f"unknown executor {name!r}: expected {' or '.join(EXECUTORS)}")
