"""Rendered demo reports, shared by the rendering, browser and disclosure tests (rendered once)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

OUT = Path(os.environ.get("SWREPORT_TEST_OUT", Path(__file__).parent / "_artifacts" / "outputs"))
EPOCH = "1700000000"
RUNS = {
    "quarterly": ("quarterly", "south-lanarkshire", "2021-22-Q2"),
    "quarterly-dg": ("quarterly", "dumfries-and-galloway", "2023-24-Q2"),
    "annual": ("annual", "dundee-city", "2016-17"),
    "annual-dg": ("annual", "dumfries-and-galloway", "2023-24"),
    "national": ("national", None, "2019-20"),
}


@cache
def rendered(name: str, audience: str = "internal") -> Path:
    import swlib

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    report, council, period = RUNS[name]
    if audience == "public":  # what an earlier session published, from other demo data, is not this one's record
        for old in (OUT / str(council)).glob("*/*-public.figures.csv"):
            old.unlink()
    return swlib.render(report, council, period, audience=audience, out=OUT)
