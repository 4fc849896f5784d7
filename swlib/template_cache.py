"""Compiled templates kept between processes: Jinja's bytecode cache, in the user's cache folder.

Every process that renders a report compiles the templates it uses the first time it renders
them: a single run's kernel the report's (about 0.1 s of CPU, on the run's critical path, in its
cells), its parent nbconvert's page templates (about 0.1 s more). Jinja can keep the compiled
code of a template, keyed by the template's name and file, and checked against the template's
source and Jinja's and Python's versions before it is used: an edited template is compiled again.
It lives beside the loading cache (``caches``: ``$XDG_CACHE_HOME/swreport``), one folder per environment (the
compiled code depends on the environment's settings, which the key does not name); a folder that
cannot be made or written is no error, only a template compiled again next time.
SWREPORT_NO_CACHE=1 turns it off, as it does the loading cache.
"""

from __future__ import annotations

from pathlib import Path

from . import caches


def cache_folder(name: str) -> Path:
    """Where the Jinja environment ``name`` keeps its compiled templates."""
    return caches.cache_folder("templates", name)


def bytecode_cache(name: str):
    """A bytecode cache for the Jinja environment ``name`` ("swlib", "nbconvert"), or None where
    caching is off or its folder cannot be made."""
    if caches.caching_off():
        return None
    import jinja2  # as in templating: on first render

    class Cache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a read-only or full cache folder: compiled again next time
                pass

    folder = cache_folder(name)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return Cache(str(folder))
