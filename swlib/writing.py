"""Atomic writes: readers see the old file or the new, never half. A module of its own, importing
nothing of swlib's, so that a command that only writes a table (``swreport import lgbf``) does not
import ``outputs`` (settings, pydantic, templates) to write it."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: bytes, *, new: bool = False) -> None:
    """Write beside the target, then rename: readers see the old file or the new, never half.
    ``new``: a file that appeared at ``path`` while this wrote is kept, and FileExistsError raised
    (nothing written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~umask())
        if new and path.exists():
            raise FileExistsError(errno.EEXIST, "appeared while it was being written", str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
