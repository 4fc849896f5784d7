"""Narrative files and folders no report reads, named with what was probably meant.

The CSWO annual report reads ``narrative/<council>/<year>/<section>.md``: the council's id, the
year as the report's period (``2025-26``) and one of the sections (``schema.NARRATIVE_SECTIONS``),
all as written. A file named otherwise (``Finance.md``, ``complaint.md``, ``summary.docx``) or in a
folder named otherwise (``2025-2026``, ``Highland``) is not read, and the report says "No narrative
was provided" where the CSWO's words should be (ANALYST-5 #11). ``validate``, ``run annual`` and a
batch with annual reports warn of each, with the nearest name the report reads.

A pure function of the folder's listing and the councils' ids: the folder is read each time (a
loaded data set is cached by its tables' content, not its narrative).
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem
from .periods import period_or_none
from .schema import NARRATIVE_SECTIONS, narrative_dir
from .statutory import closest

GUIDE = "docs/guide.md, '4. Write the narrative'"


def _said_where(data_path: Path, path: Path) -> str:
    """``path`` as the analyst finds it from the folder of the data set: data/narrative/... for a
    data folder, narrative/... beside a workbook."""
    return path.relative_to(Path(data_path).parent).as_posix()


def _year(name: str) -> str | None:
    """The year id a folder name means ('2025-2026', '2025/26' -> '2025-26'), or None."""
    p = period_or_none(name)
    return str(p) if p is not None and p.kind == "year" else None


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name.lower() == "readme.md"


def _read_anyway(path: Path, meant: Path) -> bool:
    """Whether ``path`` is the file or folder the report opens as ``meant`` (a file system that
    ignores case opens Finance.md as finance.md)."""
    try:
        return meant.exists() and path.samefile(meant)
    except OSError:
        return False


def misnamed(data_path, councils) -> list[Problem]:
    """A warning for each folder and file under the narrative folder of the data set at
    ``data_path`` that no report reads, with the name it most likely meant ("did you mean ...?").
    ``councils``: the council ids of the data set."""
    top = narrative_dir(data_path)
    if not top.is_dir():
        return []
    councils = [c for c in councils if isinstance(c, str)]
    sections = [f"{s}.md" for s in NARRATIVE_SECTIONS]
    out = []

    def warn(path: Path, found: str, expected: str) -> None:
        out.append(Problem(_said_where(data_path, path), None, None, found, expected))

    for c in sorted(p for p in top.iterdir() if p.is_dir() and not _ignored(p)):
        if c.name not in councils:
            hint = closest(c.name, councils)
            if hint and _read_anyway(c, top / hint):
                continue
            warn(c, f"a folder '{c.name}', which no report reads",
                 "a council's id as the folder's name" + (f" (did you mean '{hint}'?)" if hint else
                 f": one of {', '.join(councils)}") + f"; the report reads narrative/<council>/<year>/<section-name>.md ({GUIDE})")  # fmt: skip
            continue
        for y in sorted(p for p in c.iterdir() if not _ignored(p)):
            if y.is_file():
                warn(y, f"a file '{y.name}' outside a year's folder, which no report reads",
                     f"it in the folder of the year it is for: narrative/{c.name}/<year>/{y.name}, e.g. "
                     f"narrative/{c.name}/2025-26/ ({GUIDE})")  # fmt: skip
                continue
            year = _year(y.name)
            if year != y.name:
                hint = f" (did you mean '{year}'?)" if year else ", e.g. 2025-26"
                warn(y, f"a folder '{y.name}', which no report reads",
                     f"the financial year as the report's period names it{hint} ({GUIDE})")  # fmt: skip
                continue
            for f in sorted(p for p in y.iterdir() if not _ignored(p)):
                if f.name in sections and f.is_file():
                    continue
                stem = f.name.rsplit(".", 1)[0] if f.is_file() else f.name
                hint = closest(stem, NARRATIVE_SECTIONS)
                if hint and _read_anyway(f, y / f"{hint}.md"):
                    continue
                what = "folder" if f.is_dir() else "file"
                warn(f, f"a {what} '{f.name}', which no report reads",
                     "one file a section, named as the report reads it" + (f" (did you mean '{hint}.md'?)" if hint
                     else f": {', '.join(sections)}") + f" ({GUIDE})")  # fmt: skip
    return out
