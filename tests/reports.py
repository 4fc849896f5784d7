"""Rendered demo reports, shared by the rendering, browser, PDF and disclosure tests: each is
rendered once in a test run, whichever of pytest-xdist's workers asks for it first; the other
worker waits for it (a lock on the report) and reads the same files (the same inputs give the
same bytes, ``SOURCE_DATE_EPOCH`` fixed while each renders: ``epoch()``, not for the whole test run, so
a test that reads the clock reads its own). A worker renders them in one kernel, reset between
reports as a batch worker's is (tests/test_kernels.py: the same bytes as in a new kernel)."""

from __future__ import annotations

import atexit
import fcntl
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

OUT = Path(os.environ.get("SWREPORT_TEST_OUT", Path(__file__).parent / "_artifacts" / "outputs"))
LOCKS = OUT.parent / "render-locks"  # beside the outputs, not in them
EPOCH = "1700000000"
RUNS = {
    "quarterly": ("quarterly", "south-lanarkshire", "2021-22-Q2"),
    "quarterly-dg": ("quarterly", "dumfries-and-galloway", "2023-24-Q2"),
    "annual": ("annual", "dundee-city", "2016-17"),
    "annual-dg": ("annual", "dumfries-and-galloway", "2023-24"),
    "national": ("national", None, "2019-20"),
}


@contextmanager
def epoch(value: str = EPOCH):
    """``SOURCE_DATE_EPOCH`` set to ``value`` for what runs inside (a render, whose kernel is given
    it, or a print, which dates the PDF by it), then as it was before."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


@cache
def _kernel():
    from swlib.kernels import KernelSession

    session = KernelSession().start()
    atexit.register(session.close)
    return session


@cache
def rendered(name: str, audience: str = "internal") -> Path:
    from swlib.rendering import render

    report, council, period = RUNS[name]
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # this test run, the same in both workers
    LOCKS.mkdir(parents=True, exist_ok=True)
    # a public report reads and writes its council's record of what was published: one render of a
    # council's public reports at a time; an internal report reads no record
    with (LOCKS / f"{council if audience == 'public' else name}-{audience}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = LOCKS / f"{name}-{audience}.done"  # the test run that rendered it, and its HTML's path
        if run and done.exists():
            held, _, html = done.read_text(encoding="utf-8").partition("\n")
            if held == run and Path(html).is_file():
                return Path(html)
        if audience == "public":  # what an earlier session published, from other demo data, is not this one's record
            for old in (OUT / str(council)).glob("*/*-public.figures.csv"):
                old.unlink()
        with epoch():
            path = render(report, council, period, audience=audience, out=OUT, session=_kernel())
        if run:
            done.write_text(f"{run}\n{path}", encoding="utf-8")
        return path
