"""Whether a CSWO annual report has the content it must have before a scheduled run publishes it.

The public annual report is the council's Chief Social Work Officer's report on its website. A
year's quarterly figures are enough for the report to render, so ``period: latest`` picks the
year as soon as its quarters are in; but until the year's return is merged and the CSWO has
written a word, every statutory section says no data was provided and the summary says no
narrative was provided (ANALYST-5 #3: a new council's first schedule published exactly that, and
its run summary said "ok"). A report is not ready while its year has not one statutory figure
(nor a reason for one) or not one section of the CSWO's narrative. ``swreport batch`` then
renders the internal report as ever (the analyst sees the gaps, and the run names them), does not
render the public one, and lists it with the outcome ``not-ready`` and why, in its plan and its
summary; ``swreport run ... --audience public`` publishes it when a person means to.

Pure functions of a loaded data set and the narrative folder beside it.
"""

from __future__ import annotations

from .narrative import section_file
from .periods import Period
from .schema import NARRATIVE_SECTIONS, narrative_dir
from .status import catalogue
from .statutory import THEME
from .statutory_years import given


def statutory_given(ds, council: str, year: Period) -> bool:
    """Whether any of the council's annual statutory measures has a figure, or a reason for one
    ('not available: ...' in comment, a status), for ``year``. True where the council has no
    annual statutory measure at all (validate warns of that; there is nothing to wait for)."""
    m = catalogue(ds, council)
    ids = set(m.loc[m["theme"].eq(THEME) & m["frequency"].eq("annual"), "measure"])
    if not ids:
        return True
    o = ds.observations
    o = o[o["council"].eq(council) & o["measure"].isin(ids)]
    o = o[o["period"].map(lambda p: Period.parse(p).fy == year.fy)]
    return bool(given(o).any())


def narrative_given(data_path, council: str, year: Period) -> bool:
    """Whether the CSWO has written any section of the year's narrative (a file the report reads:
    ``<section>.md`` in ``narrative/<council>/<year>/``)."""
    folder = narrative_dir(data_path) / council / str(year)
    return any((folder / f"{s}.md").is_file() for s in NARRATIVE_SECTIONS)


def lacking(ds, council: str, year: Period) -> list[str]:
    """What the annual report for ``year`` must have and has none of: 'statutory figures',
    'narrative'; [] when it is ready to publish."""
    out = [] if statutory_given(ds, council, year) else ["statutory figures"]
    return out + ([] if narrative_given(ds.path, council, year) else ["narrative"])


def not_ready(ds, council: str, year: Period) -> str | None:
    """Why a scheduled run does not publish the annual report for ``year`` (one sentence with what
    brings the missing content in, and the command that publishes it anyway); None when ready."""
    gaps = lacking(ds, council, year)
    if not gaps:
        return None
    what = " and ".join(f"no {g}" for g in gaps)
    steps = []
    if "statutory figures" in gaps:
        steps.append(f"the year's return brings the figures in (swreport template RETURN.xlsx --council {council} "
                     f"--period {year}; then swreport merge RETURN.xlsx)")  # fmt: skip
    if "narrative" in gaps:
        steps.append(f"the CSWO's words go in {section_file(ds.path, council, str(year), 'summary')} and the "
                     "other sections' files beside it")  # fmt: skip
    return (
        f"not published: the annual report for {year.label} has {what} yet (its sections would say none was "
        f"provided); {'; '.join(steps)}; 'swreport run annual --council {council} --period {year} --audience public' "
        "publishes it as it is"
    )
