"""The user's cache folder: what swreport keeps between processes, ``$XDG_CACHE_HOME/swreport``
(else ``~/.cache/swreport``), never under outputs (a folder that is published). One folder in it
for each kind: ``datasets``, the validated data sets (``loading``), and ``templates``, the compiled
templates (``template_cache``). SWREPORT_NO_CACHE=1 turns both off.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(*parts: str) -> Path:
    """The folder ``parts`` names inside the user's cache folder: ``cache_folder("datasets")``."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")).joinpath("swreport", *parts)


def caching_off() -> bool:
    """Whether SWREPORT_NO_CACHE is set: nothing is read from the cache or kept in it."""
    return bool(os.environ.get("SWREPORT_NO_CACHE"))
