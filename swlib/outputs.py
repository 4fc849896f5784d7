"""What swreport writes and where: report paths, atomic writes, the manifest and the index.

``outputs/<council>/<period>/<report>.html`` with the executed notebook beside it;
``outputs/manifest.json`` records every report rendered (parameters, input hashes, version,
status, timing) and ``outputs/index.html`` links them. Public reports live in a tree of their
own, ``outputs/public/<council>/<period>/<report>.html``, with its own ``index.html`` (public
reports only) and ``manifest.json`` (no local paths, no hash of an input): the folder to upload as it is. A public
report's executed notebook holds the working figures, so it stays out of that tree, in the
internal one (``<report>-public.ipynb``). ``swreport run`` and ``swreport batch`` record a report through the same call,
``record``. Every file is written atomically: readers see the old file or the new, never half.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import reports
from .config import notebooks_dir, outputs_dir, params_dir, public_name
from .errors import ConfigError
from .periods import Period
from .templating import page_css, render
from .version import __version__
from .writing import umask, write_atomic  # and outputs.write_atomic, as before


def out_dir(out=None) -> Path:
    """The outputs folder: ``out`` if given, else ``./outputs`` (or ``$SWREPORT_OUT``)."""
    return Path(out) if out is not None else outputs_dir()


def stem(report: str, audience: str) -> str:
    """A report's file name without its suffix: ``quarterly``, or ``quarterly-public`` for the public."""
    return report if audience == "internal" else f"{report}-public"


PUBLIC = "public"  # the public tree under the outputs folder


def report_key(report: str, council: str, period, audience: str) -> str:
    """Where a report lives under the outputs folder, and its key in the manifest."""
    if audience == "public":
        return f"{PUBLIC}/{council}/{period}/{report}"
    return f"{council}/{period}/{stem(report, audience)}"


def output_paths(report: str, council: str, period: Period, audience: str, out: Path | None) -> tuple[Path, Path]:
    """The report's HTML file, and its executed notebook (in the internal tree, for the public
    audience too: it holds the working figures)."""
    path = out_dir(out) / report_key(report, council, period, audience)
    nb = out_dir(out) / council / str(period) / f"{stem(report, audience)}.ipynb"
    return path.with_name(path.name + ".html"), nb


def printed_before(html: Path) -> Path | None:
    """The PDF beside a report's HTML (``<report>.pdf``), where there is one: printed from an
    earlier render, so out of date the moment the report is rendered again (``drop_printed``)."""
    pdf = Path(html).with_suffix(".pdf")
    return pdf if pdf.is_file() else None


def drop_printed(html: Path) -> Path | None:
    """Remove the PDF printed from an earlier render of the report at ``html`` (a re-run without
    --pdf left the old figures beside the new page, in the public tree too: ANALYST-5 #4); the
    path removed, or None. A run with --pdf prints it again."""
    pdf = printed_before(html)
    if pdf is not None:
        pdf.unlink(missing_ok=True)
    return pdf


def check_target(path: Path, out=None) -> Path:
    """``path`` if writing it stays inside the outputs folder: a ConfigError (exit 2) where the
    folder is a file, or where a folder on the way is a symbolic link leading outside it."""
    base = out_dir(out)
    if base.exists() and not base.is_dir():
        raise ConfigError(f"the output folder {base} is a file: expected a folder (give --out a folder)")
    for parent in [path.parent, *path.parent.parents]:
        if parent.exists() and not parent.is_dir():
            raise ConfigError(f"{parent} is a file: expected a folder to write {path.name} in")
        if parent == base:
            break
    root = base.resolve()
    where = path.parent.resolve()
    if where != root and root not in where.parents:
        raise ConfigError(
            f"{path.parent} leads outside the output folder {base} (to {where}, through a symbolic link): "
            "refusing to write there; remove the link or give --out a folder of its own"
        )
    return path


def check_folder(folder: Path) -> Path:
    """``folder`` if it is a folder or can be made one: a ConfigError (exit 2) where it, or a
    folder on the way to it, is a file."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"the output folder {folder} is a file: expected a folder (give --out a folder)")
    for parent in folder.parents:
        if parent.exists() and not parent.is_dir():
            raise ConfigError(f"{parent} is a file: expected a folder to hold the output folder {folder}")
    return folder


@dataclass(frozen=True)
class Job:
    """One report to render: what, for whom, from which data, to which folder."""

    report: str
    council: str
    period: str
    audience: str
    data: str
    out: str
    name: str = ""  # the council's name, for the index
    only: str = ""  # the national report: the councils it shows, comma-separated (blank: all)
    asked: str = ""  # the period as the run gave it where it was relative (latest, previous)
    pdf: bool = False  # also print <report>.pdf beside the HTML

    @property
    def resolved(self) -> bool:
        """False for a relative period that named no period for this council (nothing to render)."""
        return self.period != self.asked

    @property
    def key(self) -> str:
        return report_key(self.report, self.council, self.period, self.audience)


@dataclass
class Outcome:
    """How a job ended: ``ok``, ``failed`` or ``skipped`` (unchanged since it was last rendered)."""

    job: Job
    status: str  # ok | failed | skipped
    seconds: float
    html: str | None = None
    error: str | None = None
    failed_notebook: str | None = None
    inputs: dict = field(default_factory=dict)
    key: str | None = None
    pdf: str | None = None  # the committee paper printed beside the HTML
    dropped: str | None = None  # a PDF from an earlier render, removed by this one (not printed again)

    @classmethod
    def rendered(cls, job: Job, started: float, html: Path | str) -> Outcome:
        """A report rendered to ``html``, begun at ``started`` (``time.perf_counter()``)."""
        return cls(job, "ok", time.perf_counter() - started, html=str(html), inputs=input_hashes(job))


def input_hashes(job: Job) -> dict[str, str]:
    """What a report was rendered from: data files, the notebook, the settings."""
    files = sorted(Path(job.data).glob("*.csv")) if Path(job.data).is_dir() else [Path(job.data)]
    files += [notebooks_dir() / reports.get(job.report).notebook]
    settings = params_dir() / "councils.yaml"
    if settings.exists():
        files.append(settings)
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:16] for f in files if f.is_file()}


def read_manifest(out_dir: Path) -> dict:
    """The manifest of an outputs folder (an empty one if there is none, or it is unreadable)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest.get("reports"), dict):
            raise ValueError
        return manifest
    except (OSError, ValueError):
        return {"reports": {}}


MANIFEST_WAIT = 60.0  # seconds a run that does not hold the folder waits to record a report


def record(out_dir: Path, outcomes: list[Outcome]) -> Path:
    """Enter reports in the manifest (a skipped one keeps its entry, marked skipped) and rewrite
    the index; returns the manifest's path. The folder is held meanwhile (at once where this
    process holds it already), so that no other run's entries are lost."""
    with hold(out_dir, MANIFEST_WAIT):
        return _record(out_dir, outcomes)


def _record(out_dir: Path, outcomes: list[Outcome]) -> Path:
    path = out_dir / "manifest.json"
    manifest = read_manifest(out_dir)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for o in outcomes:
        j = o.job
        if o.status == "skipped" and j.key in manifest["reports"]:
            manifest["reports"][j.key]["status"] = "skipped"
            continue
        manifest["reports"][j.key] = {
            "report": j.report, "council": j.council, "council_name": j.name or j.council, "period": j.period,
            "audience": j.audience,
            "status": o.status, "html": _rel(o.html, out_dir), "failed_notebook": _rel(o.failed_notebook, out_dir),
            "error": o.error, "seconds": round(o.seconds, 2), "inputs": o.inputs, "swlib": __version__, "rendered_at": now,
            "data": j.data, "key": o.key, "pdf": _rel(o.pdf, out_dir),
        }  # fmt: skip
    manifest["swlib"] = __version__
    manifest["reports"] = dict(sorted(manifest["reports"].items()))
    check_target(path, out_dir)
    write_atomic(path, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    write_index(out_dir, manifest)
    write_public_tree(out_dir, manifest)
    return path


def write_public_tree(out_dir: Path, manifest: dict) -> Path | None:
    """``outputs/public/manifest.json`` and ``index.html``: the public reports only, linked and
    listed relative to the public folder, with no local path, error text or notebook (None when
    no public report has been made). No hash of an input either: with the rest of a data file
    known, a short hash confirms a hidden cell by trying each value. What a re-run needs to skip
    an unchanged report (its inputs' hashes, its key) stays in the internal ``manifest.json``."""
    base = out_dir / PUBLIC
    entries = {}
    for key, e in manifest["reports"].items():
        if e.get("audience") != "public" or e["status"] not in ("ok", "skipped") or not e.get("html"):
            continue
        if not str(e["html"]).startswith(PUBLIC + "/"):
            continue  # made by an older version, beside the internal reports: not part of the tree
        rel = lambda p: p[len(PUBLIC) + 1 :] if p and str(p).startswith(PUBLIC + "/") else None  # noqa: E731
        entries[key[len(PUBLIC) + 1 :]] = {
            "report": e["report"], "council": e["council"], "period": e["period"], "audience": "public",
            "council_name": public_name(e["council_name"], e["council"], "public") if e.get("council_name") else None, "status": e["status"], "html": rel(e["html"]),
            "pdf": rel(e.get("pdf")), "swlib": e.get("swlib"),
            "rendered_at": e.get("rendered_at"), "error": None,
        }  # fmt: skip
    if not entries:
        return None
    public = {"swlib": __version__, "reports": dict(sorted(entries.items()))}
    path = check_target(base / "manifest.json", out_dir)
    write_atomic(path, (json.dumps(public, indent=2) + "\n").encode("utf-8"))
    write_index(base, public)
    return path


def _rel(p, base: Path) -> str | None:
    if not p:
        return None
    try:
        return str(Path(p).resolve().relative_to(base.resolve()))
    except ValueError:
        return str(p)


def write_index(out_dir: Path, manifest: dict) -> Path:
    """outputs/index.html: every report rendered so far, by council, self-contained."""

    css, h = page_css()
    rows = []
    for _key, e in manifest["reports"].items():
        P = Period.parse(e["period"])
        r = reports.REPORTS.get(e["report"])  # None: a report this version no longer makes
        name = r.index_name if r else e["report"]
        label = f"{name}, {r.period_label(P) if r else P.year_period.label}" + (
            " (public)" if e["audience"] == "public" else ""
        )
        ok = e["status"] in ("ok", "skipped")
        rows.append({"who": e.get("council_name") or e["council"], "label": label,
                     "href": e["html"] if ok and e["html"] else None, "pdf": e.get("pdf") if ok else None,
                     "status": "rendered" if ok else f"failed: {e['error'] or ''}"})  # fmt: skip
    page = str(render("index/index.html.j2", css=css, style_hash=h, rows=rows, title=index_title(rows))) + "\n"
    path = check_target(out_dir / "index.html", out_dir)
    write_atomic(path, page.encode("utf-8"))
    return path


def index_title(rows: list[dict]) -> str:
    """The index page's title, named by whose reports it lists: "Fife Council: reports", "Reports
    for Dundee City Council, South Lanarkshire Council and 1 more"."""
    who = list(dict.fromkeys(r["who"] for r in rows))
    if not who:
        return "Reports"
    if len(who) == 1:
        return f"{who[0]}: reports"
    named = who if len(who) <= 3 else [*who[:2], f"{len(who) - 2} more"]
    return f"Reports for {', '.join(named[:-1])} and {named[-1]}"


def remove_stale_temporaries(folder: Path, older_than: float = 3600) -> None:
    """Temporary files a killed run left (only possible if killed mid-rename) are removed an hour on."""
    if not folder.is_dir():
        return
    now = time.time()
    for f in folder.glob(".*.tmp"):
        try:
            if now - f.stat().st_mtime > older_than:
                f.unlink()
        except OSError:
            pass


# one run at a time in an outputs folder ------------------------------------------------------------
# A lock file, ``<outputs>/.swreport.lock``, held with ``fcntl.flock`` while a batch renders and
# while the manifest and the index are rewritten. A second run waits for it (``wait`` seconds) or
# stops with a ConfigError (exit 2) naming the run that holds the folder (its pid, when it
# started, its command). The operating system releases the lock when the holding process ends,
# however it ends, so a killed run never leaves the folder locked. Within one process the lock is
# re-entrant: a batch that holds its folder records its reports without waiting for itself.
LOCK_NAME = ".swreport.lock"
_HELD: dict[str, list] = {}  # resolved folder -> [open lock file, depth]


def _key(folder: Path) -> str:
    return str(Path(folder).resolve())


def holder(folder: Path) -> str:
    """Who holds ``folder``, in words: 'pid 1234, started 2026-12-01 14:03:22 UTC: swreport batch ...'."""
    try:
        info = json.loads((Path(folder) / LOCK_NAME).read_text(encoding="utf-8"))
        return f"pid {info['pid']}, started {info['started']}: {info['command']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has not said who it is yet"


def acquire(folder, wait: float = 0) -> None:
    """Hold ``folder`` for this process (until ``release`` or the process ends); waits up to
    ``wait`` seconds for another run to finish, then raises a ConfigError naming it. The lock file
    is never seen empty or half-written while a run holds it: a run writes who it is to a file of its
    own, locks that, and puts it in place (``_claim``); it is removed when the run releases it."""
    folder = Path(folder)
    key = _key(folder)
    if key in _HELD:
        _HELD[key][1] += 1
        return
    check_folder(folder)  # --out a file: exit 2 saying so, not mkdir's FileExistsError (AUDIT-8 #2)
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(0.0, wait)
    said = False
    while True:
        f = _claim(folder)
        if f is not None:
            break
        left = deadline - time.monotonic()
        if left > 0 and not said:  # a person reading the log learns why nothing happens
            print(f"swreport: waiting up to {wait:g} s for another run using {folder} ({holder(folder)})",
                  file=sys.stderr, flush=True)  # fmt: skip
            said = True
        if left <= 0:
            raise ConfigError(
                f"{folder} is in use by another swreport run ({holder(folder)}); "
                + (f"waited {wait:g} s; " if wait else "")
                + "run again when it has finished, or give --wait SECONDS to wait for it (run and batch take it)"
            ) from None
        time.sleep(min(0.2, left))
    _HELD[key] = [f, 1]


def _claim(folder: Path):
    """The lock file of ``folder``, open and locked by this process, naming it; None where another
    run holds it. Who holds the folder is written to a new file, locked, then linked or renamed into
    place, so a reader finds the lock file absent (free), or naming its holder in full. A lock file
    left by a run that was killed (the system released its lock) is taken over the same way. A
    file renamed over the one another run was waiting for is not the one it waited for: each run
    checks, once it has the lock, that its file is still the folder's lock file."""
    path = folder / LOCK_NAME
    while True:
        try:
            old = open(path, "rb")  # held while it is replaced
        except FileNotFoundError:
            mine, name = _owner_file(folder)
            try:
                os.link(name, path)  # atomic: fails where another run put its own in place first
            except FileExistsError:
                mine.close()
                continue
            finally:
                Path(name).unlink(missing_ok=True)
            return mine
        try:
            try:
                fcntl.flock(old, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None
            if not _same_file(old, path):
                continue  # released (removed) or taken over while this run waited: try the file in place now
            mine, name = _owner_file(folder)
            try:
                os.replace(name, path)
            except BaseException:
                Path(name).unlink(missing_ok=True)
                mine.close()
                raise
            return mine
        finally:
            old.close()


def _same_file(f, path: Path) -> bool:
    try:
        a, b = os.fstat(f.fileno()), os.stat(path)
    except FileNotFoundError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _owner_file(folder: Path) -> tuple:
    """A new file beside the lock file naming this run (its pid, when it started, its command),
    written in full and locked (the open file, its path): the lock file once it is linked or renamed
    into place."""
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else ""
    fd, name = tempfile.mkstemp(prefix=f"{LOCK_NAME}.", suffix=".tmp", dir=folder)
    f = os.fdopen(fd, "w+", encoding="utf-8")
    f.write(json.dumps({"pid": os.getpid(), "started": started, "command": command}) + "\n")
    f.flush()
    os.chmod(name, 0o666 & ~umask())
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)  # no one else knows of it: never blocks
    return f, name


def release(folder) -> None:
    key = _key(folder)
    if key not in _HELD:
        return
    _HELD[key][1] -= 1
    if _HELD[key][1] > 0:
        return
    f, _ = _HELD.pop(key)
    try:
        if _same_file(f, Path(folder) / LOCK_NAME):
            (Path(folder) / LOCK_NAME).unlink()  # no stale "who holds it" left behind
    finally:
        fcntl.flock(f, fcntl.LOCK_UN)
        f.close()


@contextmanager
def hold(folder, wait: float = 0) -> Iterator[None]:
    """``with hold(out_dir):`` the folder is this run's until the block ends."""
    acquire(folder, wait)
    try:
        yield
    finally:
        release(folder)
