"""The unchanged re-run of a batch, answered from a fingerprint before anything heavy is imported.

A batch that rendered nothing (every report unchanged, or with no period to report) leaves
``.rerun.json`` in its outputs folder: a fingerprint of the request (the options, the working
folder, the ``SWREPORT_*`` environment), the size and modification time of every file the run
depended on (the data, the settings, the schedule, the notebooks, swlib's own code, the record of
what the public reports printed) and of every file it left (the manifest, the indexes, the reports), what it printed and its run summary
(``--summary FILE``). The next run with the same request whose files all match prints the same,
writes the same summary (with its own times) and exits 0 without importing pandas or pydantic or
loading the data: nothing it would do could differ. Any difference (a file touched, added or
removed, another option) takes the full path, which plans and hashes as before, and leaves a new
fingerprint if it too renders nothing.

The date is not part of the request: a period written out does not depend on it, and a relative
one (``latest``, ``previous``) resolves from the data and from which periods have ended, which
changes only on the first day of a month (every period ends on a month's last day). So a run
with a relative period keeps its fingerprint for the rest of the calendar month it was made in
(the periods it resolved to could not differ), and a weekly scheduled run takes the fast path
from its second week (AUDIT-8 #5); the date its lines and summary name is today's.

Only the standard library here (and ``swlib.base``, which imports nothing else): this module is
imported on every ``swreport batch``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
from pathlib import Path

from .base import NOT_RENDERED, utc_stamp

NAME = ".rerun.json"
VERSION = 1
SWLIB = Path(__file__).resolve().parent


def request_key(options: dict) -> str:
    """Everything besides files and the date that decides what a batch does and prints: its
    options (less --jobs, which changes no output), the working folder, whether ./data,
    ./data.xlsx and ./params are there (the defaults) and the SWREPORT_* environment (less
    SWREPORT_TODAY: the date is ``month``'s)."""
    cwd = Path.cwd()
    facts = {
        "options": {k: _plain(v) for k, v in sorted(options.items()) if k != "jobs"},
        "cwd": str(cwd),
        "here": [(cwd / "data").is_dir(), (cwd / "data.xlsx").is_file(), (cwd / "params").is_dir()],
        "env": {k: v for k, v in sorted(os.environ.items()) if k.startswith("SWREPORT_") and k != "SWREPORT_TODAY"},
        "python": sys.version,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def month(on: dt.date) -> str:
    """What a relative period's resolution depends on besides the data: the calendar month of
    the run's date (which periods have ended changes only on a month's first day)."""
    return f"{on:%Y-%m}"


def date_words(on: dt.date) -> str:
    """The date as a run's lines print it ('quarterly latest on 1 April 2024:', 'ended by 1 April 2024')."""
    return f"{on.day} {on:%B %Y}"


def _plain(v):
    if isinstance(v, tuple | list):
        return [_plain(x) for x in v]
    if isinstance(v, os.PathLike):
        return str(Path(v).resolve())
    return v


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _tree(folder: Path) -> dict[str, list[int] | None]:
    """Every file under ``folder`` (bytecode caches aside) with its size and time."""
    if not folder.is_dir():
        return {}
    out = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for f in sorted(files):
            p = Path(root, f)
            out[str(p.relative_to(folder))] = _stat(p)
    return out


def _state(trees: list[str], files: list[str]) -> dict:
    return {"trees": {t: _tree(Path(t)) for t in trees}, "files": {f: _stat(Path(f)) for f in files}}


def path_of(out: Path | None) -> Path:
    return Path(out) if out is not None else Path(os.environ.get("SWREPORT_OUT", Path.cwd() / "outputs"))


def answer(options: dict, summary_file=None) -> bool:
    """Print what the last unchanged run printed (and write its run summary to ``summary_file``,
    with this run's times and date) and return True when nothing has changed since; else False
    (the caller takes the full path). Never raises: a fingerprint that cannot be read is no
    fingerprint."""
    if options.get("force") or options.get("dry_run") or options.get("executor", "local") != "local":
        return False
    started = dt.datetime.now(dt.UTC)
    try:
        saved = json.loads((path_of(options.get("out")) / NAME).read_text(encoding="utf-8"))
        if saved.get("version") != VERSION or saved.get("request") != request_key(options):
            return False
        from .periods import today  # the standard library's only

        on = today()
        if saved.get("month") is not None and saved["month"] != month(on):  # latest may pick another period
            return False
        if _state(saved["state"]["trees"], list(saved["state"]["files"])) != saved["state"]:
            return False
        text, summary = saved["printed"], saved.get("summary")
        if summary_file is not None and not isinstance(summary, dict):
            return False  # a fingerprint without a summary: the full path writes one
        if saved.get("date"):  # the lines name the date the relative periods were resolved on: today's
            text = text.replace(saved["date"], date_words(on))
            summary = json.loads(json.dumps(summary).replace(saved["date"], date_words(on)))
        if summary_file is not None:
            _write_summary(Path(summary_file), summary, started, on)
    except Exception:  # the full path says what is wrong, if anything is
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def _write_summary(path: Path, doc: dict, started: dt.datetime, on: dt.date) -> None:
    """The unchanged run's summary as the full path would write it: this run's times and date."""
    from .writing import write_atomic  # the standard library's only

    finished = dt.datetime.now(dt.UTC)
    doc = {**doc, "started": utc_stamp(started), "finished": utc_stamp(finished),
           "seconds": round((finished - started).total_seconds(), 2)}  # fmt: skip
    if doc.get("today") is not None:
        doc["today"] = on.isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


def likely_work(options: dict) -> bool:
    """Whether a batch that did not answer from its fingerprint will probably render something, so
    that its workers' kernels are worth starting before it plans: --force, no manifest yet, or
    an input, setting, notebook or swlib file newer than the manifest."""
    if options.get("force"):
        return True
    from .config import default_data_path, notebooks_dir, params_dir  # pydantic: only past the fingerprint

    manifest = _stat(path_of(options.get("out")) / "manifest.json")
    if manifest is None:
        return True
    data = options.get("data")
    for where in (Path(data) if data is not None else default_data_path(), params_dir(), notebooks_dir(), SWLIB):
        files = [where] if where.is_file() else [where / f for f in _tree(where)]
        if any((_stat(f) or [0, 0])[1] > manifest[1] for f in files):
            return True
    return False


class Recorder:
    """Around the full path of a batch: keeps what it prints (still printing it), and, where the
    run rendered nothing, leaves the fingerprint that ``answer`` checks next time."""

    def __init__(self, options: dict, record=None):
        self.options = options
        self.record = record  # the run's ``scheduling.RunRecord``: its summary is kept for the next run
        self.printed = io.StringIO()
        self.outcomes: list = []  # set by the caller when the run has ended

    def __enter__(self) -> Recorder:
        self._stdout = sys.stdout
        sys.stdout = _Tee(self._stdout, self.printed)
        return self

    def __exit__(self, kind, exc, tb) -> None:
        sys.stdout = self._stdout
        out = path_of(self.options.get("out"))
        target = out / NAME
        if (
            exc is not None
            or not self.outcomes
            or any(o.status not in ("skipped", *NOT_RENDERED) for o in self.outcomes)
        ):
            try:
                target.unlink(missing_ok=True)  # something was rendered, or failed: the next run plans afresh
            except OSError:
                pass
            return
        from .config import default_data_path, notebooks_dir, params_dir  # pydantic: only past the fingerprint
        from .outputs import PUBLIC, write_atomic
        from .published import SUFFIX as FIGURES

        data = self.options.get("data")
        depends = [Path(data) if data is not None else default_data_path(), params_dir(), notebooks_dir()]
        if self.options.get("schedule") is not None:
            depends.append(Path(self.options["schedule"]))
        keep = [out / f for f in ("manifest.json", "index.html", f"{PUBLIC}/manifest.json", f"{PUBLIC}/index.html")]
        keep += [Path(f) for o in self.outcomes for f in (o.html, o.pdf) if f]
        keep += sorted(out.glob(f"*/*/*-public{FIGURES}"))  # what public reports printed: their suppression reads it
        trees = sorted({str(p.resolve()) for p in depends if p.is_dir()} | {str(SWLIB)})
        files = sorted({str(p.resolve()) for p in [*depends, *keep] if not p.is_dir()})
        dated = any(o.job.asked for o in self.outcomes)  # a relative period: resolved on the date
        on = self.record.on if self.record is not None and self.record.on else None
        if dated and on is None:
            return
        saved = {
            "version": VERSION,
            "request": request_key(self.options),
            "month": month(on) if dated else None,
            "date": date_words(on) if dated else None,
            "state": _state(trees, files),
            "printed": self.printed.getvalue(),
            "summary": self.record.doc(0) if self.record is not None and self.record.path is not None else None,
        }
        try:
            write_atomic(target, (json.dumps(saved, indent=1) + "\n").encode("utf-8"))
        except OSError:
            pass  # no fingerprint: the next run takes the full path


class _Tee:
    """A text stream that writes to ``stream`` and keeps a copy (everything else is the stream's)."""

    def __init__(self, stream, copy: io.StringIO):
        self._stream, self._copy = stream, copy

    def write(self, s: str) -> int:
        self._copy.write(s)
        return self._stream.write(s)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)
