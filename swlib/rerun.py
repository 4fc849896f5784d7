"""The unchanged re-run of a batch, answered from a fingerprint before anything heavy is imported.

A batch that rendered nothing (every report unchanged, or with no period to report) leaves
``.rerun.json`` in its outputs folder: a fingerprint of the request (the options, the working
folder, the ``SWREPORT_*`` environment, the date), the size and modification time of every file
the run depended on (the data, the settings, the schedule, the notebooks, swlib's own code) and
of every file it left (the manifest, the indexes, the reports), and what it printed. The next
run with the same request whose files all match prints the same and exits 0 without importing
pandas or pydantic or loading the data: nothing it would do could differ. Any difference (a
file touched, added or removed, another day, another option) takes the full path, which plans
and hashes as before, and leaves a new fingerprint if it too renders nothing.

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

from .base import NOT_RENDERED

NAME = ".rerun.json"
VERSION = 1
SWLIB = Path(__file__).resolve().parent


def request_key(options: dict) -> str:
    """Everything besides files that decides what a batch does and prints: its options (less
    --jobs, which changes no output), the working folder, whether ./data, ./data.xlsx and
    ./params are there (the defaults), the SWREPORT_* environment and the date."""
    cwd = Path.cwd()
    facts = {
        "options": {k: _plain(v) for k, v in sorted(options.items()) if k != "jobs"},
        "cwd": str(cwd),
        "here": [(cwd / "data").is_dir(), (cwd / "data.xlsx").is_file(), (cwd / "params").is_dir()],
        "env": {k: v for k, v in sorted(os.environ.items()) if k.startswith("SWREPORT_")},
        "today": dt.date.today().isoformat(),
        "python": sys.version,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


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


def answer(options: dict) -> bool:
    """Print what the last unchanged run printed and return True when nothing has changed since;
    else False (the caller takes the full path). Never raises: a fingerprint that cannot be read
    is no fingerprint."""
    if options.get("force") or options.get("dry_run") or options.get("executor", "local") != "local":
        return False
    try:
        saved = json.loads((path_of(options.get("out")) / NAME).read_text(encoding="utf-8"))
        if saved.get("version") != VERSION or saved.get("request") != request_key(options):
            return False
        if _state(saved["state"]["trees"], list(saved["state"]["files"])) != saved["state"]:
            return False
        text = saved["printed"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


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

    def __init__(self, options: dict):
        self.options = options
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

        data = self.options.get("data")
        depends = [Path(data) if data is not None else default_data_path(), params_dir(), notebooks_dir()]
        if self.options.get("schedule") is not None:
            depends.append(Path(self.options["schedule"]))
        keep = [out / f for f in ("manifest.json", "index.html", f"{PUBLIC}/manifest.json", f"{PUBLIC}/index.html")]
        keep += [Path(f) for o in self.outcomes for f in (o.html, o.pdf) if f]
        trees = sorted({str(p.resolve()) for p in depends if p.is_dir()} | {str(SWLIB)})
        files = sorted({str(p.resolve()) for p in [*depends, *keep] if not p.is_dir()})
        saved = {
            "version": VERSION,
            "request": request_key(self.options),
            "state": _state(trees, files),
            "printed": self.printed.getvalue(),
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
