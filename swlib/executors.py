"""Where a batch's reports are rendered: a pool of local worker processes, or a Dask cluster.

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
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from . import kernels  # KernelSession read at call time: a test puts a fake one there
from .errors import ConfigError, ReportError, SwError
from .outputs import Job, Outcome, input_hashes
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
_SESSION = None  # a batch worker's kernel, warm from one report to the next
_PDF = None  # a batch worker's Chromium, started for its first PDF and kept for the rest


def _pdf_engine():
    global _PDF
    if _PDF is None:
        _PDF = PdfEngine().start()
        multiprocessing.util.Finalize(None, _PDF.close, exitpriority=10)
    return _PDF


def _start_worker(environ: dict | None = None) -> None:
    """A batch worker's first act: take the batch's environment (a worker forked from the fork
    server has the server's), then start its kernel, which warms up while the first job comes."""

    global _SESSION
    if environ is not None:
        os.environ.clear()
        os.environ.update(environ)
    _SESSION = kernels.KernelSession().start()
    multiprocessing.util.Finalize(None, _SESSION.close, exitpriority=10)


# what a worker imports for its first report, imported once in the fork server the workers are
# forked from, not in each worker (about 0.75 s of CPU a worker)
WORKER_MODULES = ("swlib.executors", "swlib.rendering", "papermill", "nbformat", "nbconvert", "jupyter_client")


def _workers(n: int) -> ProcessPoolExecutor:
    """``n`` worker processes, each starting its kernel first. They are forked from a fork server,
    a clean process with no threads that has imported ``WORKER_MODULES`` once (not forked from
    this one, which has threads; spawned where there is no fork server). Each gets the working
    folder and import path as a spawned process does, and this process's environment now."""
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(WORKER_MODULES))
    except ValueError:  # no fork server on this platform
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=n, mp_context=context, initializer=_start_worker, initargs=(dict(os.environ),)
    )


def _ready() -> None:
    """A task for a new worker: nothing, but the worker (and its kernel) starts for it."""


def _start_all(pool: ProcessPoolExecutor, n: int) -> None:
    """Start ``n`` workers of ``pool`` now (each for a ``_ready`` task)."""
    try:
        for _ in range(n):
            pool.submit(_ready)
    except RuntimeError:  # the batch stopped first (bad input, another run has the folder): none needed
        pass


_THREAD = threading.local()  # a Dask worker thread's kernel, warm from one report to the next


def render_job_warm(job: Job) -> Outcome:
    """``render_job`` in a Dask worker's thread, in a kernel the thread keeps for its next report
    (reset between reports as a local pool worker's is)."""
    session = getattr(_THREAD, "session", None)
    if session is None:
        session = _THREAD.session = kernels.KernelSession().start()
        multiprocessing.util.Finalize(None, session.close, exitpriority=10)
    return render_job(job, session)


def render_job(job: Job, session=None, engine=None) -> Outcome:
    """Render one report in a worker (in ``session``'s kernel, else the worker's; its PDF with
    ``engine``, else the worker's); never raises."""
    from .rendering import render  # pandas (via status): not imported before a batch's kernels start

    start = time.perf_counter()
    try:
        path = render(
            job.report, job.council, job.period, job.audience, data=job.data, out=job.out, councils=job.only or None,
            session=session or _SESSION,
        )  # fmt: skip
        pdf = str((engine or _pdf_engine()).render(path)) if job.pdf else None
        done = Outcome.rendered(job, start, path)
        done.pdf = pdf
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
    """Worker processes on this machine (``workers``, default one per core), each keeping one
    kernel and rendering report after report in it; one worker runs in this process."""

    workers: int | None = None
    progress: bool = True
    _session: object = field(default=None, init=False, repr=False)  # started early: one worker's kernel
    _pool: object = field(default=None, init=False, repr=False)  # started early: more workers
    _starting: threading.Thread | None = field(default=None, init=False, repr=False)

    def start(self) -> LocalPool:
        """Start the workers now, before the batch plans and hashes: each one's kernel boots and
        warms up meanwhile. ``run`` uses them and ``close`` stops them (at exit at the latest)."""

        n = max(1, self.workers or os.cpu_count() or 1)
        if n == 1:
            self._session = kernels.KernelSession().start()
        else:
            self._pool = _workers(n)
            # the workers start now, not at the first report; from a thread, as the first waits
            # for the fork server's imports, which the plan need not
            self._starting = threading.Thread(target=_start_all, args=(self._pool, n), daemon=True)
            self._starting.start()
        atexit.register(self.close)
        return self

    def close(self) -> None:
        if self._starting is not None:
            self._starting.join()
        session, pool, self._session, self._pool = self._session, self._pool, None, None
        if session is not None:
            session.close()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        try:
            return self._run(jobs, on_done)
        finally:
            self.close()  # workers started early and not needed, or done

    def _run(self, jobs: list[Job], on_done: OnDone | None = None) -> list[Outcome]:
        n = max(1, min(self.workers or os.cpu_count() or 1, len(jobs) or 1))
        if self._session is not None or self._pool is not None:
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
            with self._pool or _workers(n) as pool:
                futures = {pool.submit(render_job, j): j for j in jobs}
                for f in as_completed(futures):
                    finished(f.result())
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
        from distributed import Client

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
