"""Free text a report prints that is neither a comment, an action nor a narrative: the service's name
(``service`` in params/councils.yaml, in every quarterly report's heading), the council's name
(councils.csv, in every page's heading) and each table's ``source`` (the "Data sources" list, as
``source_label`` prints it). A public report checks each with ``small_numbers_in``, as
it checks every other free text: one found is withheld ("[withheld]") and listed with its file, row,
column and reason, and ``check-public`` names it beforehand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from .base import WITHHELD_TEXT
from .config import cleared_text, council_settings
from .config import small_numbers_said as _said
from .periods import fy_text
from .public_text import reason_for, table_file
from .schema import TABLE_ORDER

SETTINGS = "params/councils.yaml"
PERIOD_CODE = re.compile(r"\d{4}-\d{2}")  # a financial year as a source (2023-24): a period, not a title
OWN_WORDS = {"swreport init": "Council settings"}  # what a data set set up by an earlier version says


@cache
def demo_documents() -> Mapping[str, str]:
    """The documents the demo data was transcribed from, by number ("001": its title):
    ``swlib/data/demo_documents.yaml``; read only (read once, shared by every report a process renders)."""
    path = Path(__file__).resolve().parent / "data" / "demo_documents.yaml"
    return MappingProxyType(yaml.safe_load(path.read_text(encoding="utf-8")))


def source_label(source: str) -> str:
    """A source as a reader should see it: documents by name, not by the demo data's internal
    reference numbers ("seed 001: ..."), and made-up figures called what they are."""
    text = re.sub(r"^\s*seed\s+\d+\s*:\s*", "", str(source), flags=re.IGNORECASE)
    text = re.sub(r"\bseed\s+(\d+)\b", lambda m: demo_documents().get(m.group(1), "a council document"), text,
                  flags=re.IGNORECASE)  # fmt: skip
    if text.strip().lower() in OWN_WORDS:
        return OWN_WORDS[text.strip().lower()]
    if text.strip().lower() == "synthetic":
        return "Illustrative figures made up for this demonstration (synthetic)"
    if text.strip().lower().startswith("synthetic:"):
        return "Illustrative (synthetic): " + fy_text(text.split(":", 1)[1].strip())
    if PERIOD_CODE.fullmatch(text.strip()):  # a bare period code ("2023-24"): a year the report prints its way
        return fy_text(text.strip())
    # a document's title as the analyst typed it ("Service Plan 2023-24"): a citation, not restyled;
    # the LGBF workbook by its release
    return lgbf_release(text)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def lgbf_release(text: str) -> str:
    """The LGBF workbook a source names, as the publication a reader knows: "LGBF benchmarking data
    (lgbf-benchmarking-data-2022-01.xlsx)" is the "Local Government Benchmarking Framework, January
    2022 release" (the month the file name gives; none, where it gives none), not a file name."""

    def words(m: re.Match) -> str:
        dated = re.search(r"(\d{4})-(\d{2})", m.group(1))
        when = (
            f", {MONTHS[int(dated.group(2)) - 1]} {dated.group(1)} release"
            if dated and 1 <= int(dated.group(2)) <= 12
            else ""
        )
        return "Local Government Benchmarking Framework" + when

    return re.sub(r"LGBF benchmarking data\s*\(([^()]*?)\.xlsx\)", words, text, flags=re.IGNORECASE)


def service_name(council: str, audience: str = "internal") -> str:
    """The service's name a report's heading prints: the council's ``service`` setting, withheld
    from a public report where it mentions a small number."""
    service = council_settings(council).service
    return WITHHELD_TEXT if audience == "public" and _said(service, council) else service


def public_source(label: str, council: str, audience: str = "internal") -> str:
    """A source as a report's "Data sources" prints it (``source_label``'s words): withheld from a
    public report where it mentions a small number, unless an officer cleared it (``cleared``)."""
    withhold = (
        audience == "public"
        and not cleared_text(label, council, source_label)
        and _said(label, council, clearing=False)
    )
    return WITHHELD_TEXT if withhold else label


CLEAR_HOW = (
    f"reword it, or once an officer has checked it list it word for word under 'cleared' for the council in {SETTINGS}"
)


def findings(ds, council: str, service: bool = True) -> list[dict]:
    """The service's name, the council's name and each source (as printed) of the council's rows
    that mention a small number: {file, row, column, text, reason, cleared}, a source once a table
    (its first row, and how many rows give it); ``service``: the service's name too (the reports that
    print it); ``cleared``: an officer cleared it (``cleared`` in params/councils.yaml), and it is
    printed. The run lists those not cleared as withheld; ``check-public`` names them all."""
    out = []
    name = council_settings(council).service
    hits = _said(name, council, clearing=False) if service else []
    if hits:
        out.append({"file": f"{SETTINGS}, council {council}", "row": None, "column": "service", "text": hits[0],
                    "reason": f"{reason_for(hits[0])}: {CLEAR_HOW}", "cleared": cleared_text(name, council)})  # fmt: skip
    for table in TABLE_ORDER:
        t = ds.table(table)
        if t.empty or "council" not in t:
            continue
        mine = t[t["council"].isna() | (t["council"] == council)] if table == "measures" else t[t["council"] == council]
        for col in ("name", "source") if table == "councils" else ("source",):
            if col not in mine:
                continue
            seen = {}
            for i, v in mine[col].items():
                if isinstance(v, str) and v.strip():
                    seen.setdefault(v, []).append(i)
            for v, rows in seen.items():
                shown = source_label(v) if col == "source" else v
                hits = _said(shown, council, clearing=False)
                if hits:
                    more = f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""
                    ok = cleared_text(shown, council, source_label if col == "source" else None)
                    out.append({"file": table_file(ds, table), "row": int(rows[0]) + 2, "column": col,
                                "text": hits[0] + more, "reason": f"{reason_for(hits[0])}: {CLEAR_HOW}",
                                "cleared": ok})  # fmt: skip
    return out
