"""Free text a report prints that is neither a comment, an action nor a narrative: the service's name
(``service`` in params/councils.yaml, in every quarterly report's heading), the council's name
(councils.csv, in every page's heading) and each table's ``source`` (the "Data sources" list, as
``views.sources.source_label`` prints it). A public report checks each with ``small_numbers_in``, as
it checks every other free text: one found is withheld ("[withheld]") and listed with its file, row,
column and reason, and ``check-public`` names it beforehand.
"""

from __future__ import annotations

from .config import council_settings
from .disclosure import WITHHELD_TEXT, reason_for, table_file
from .schema import TABLE_ORDER
from .small_numbers import small_numbers_in

SETTINGS = "params/councils.yaml"


def _hits(text, council: str) -> list[str]:
    cfg = council_settings(council)
    return small_numbers_in(text, cfg.suppress_min, cfg.suppress_max) if isinstance(text, str) else []


def service_name(council: str, audience: str = "internal") -> str:
    """The service's name a report's heading prints: the council's ``service`` setting, withheld
    from a public report where it mentions a small number."""
    service = council_settings(council).service
    return WITHHELD_TEXT if audience == "public" and _hits(service, council) else service


def public_name(name: str, council: str, audience: str = "internal") -> str:
    """The council's name (councils.csv) as a report prints it: withheld from a public report where
    it mentions a small number."""
    return WITHHELD_TEXT if audience == "public" and _hits(name, council) else name


def public_source(label: str, council: str, audience: str = "internal") -> str:
    """A source as a report's "Data sources" prints it (``source_label``'s words): withheld from a
    public report where it mentions a small number."""
    return WITHHELD_TEXT if audience == "public" and _hits(label, council) else label


def findings(ds, council: str, service: bool = True) -> list[dict]:
    """The service's name, the council's name and each source (as printed) of the council's rows
    that mention a small number: {file, row, column, text, reason}, a source once a table (its
    first row, and how many rows give it); ``service``: the service's name too (the reports that
    print it). The run lists them as withheld; ``check-public`` names them."""
    from .views.sources import source_label

    out = []
    hits = _hits(council_settings(council).service, council) if service else []
    if hits:
        out.append({"file": f"{SETTINGS}, council {council}", "row": None, "column": "service", "text": hits[0],
                    "reason": reason_for(hits[0])})  # fmt: skip
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
                hits = _hits(source_label(v) if col == "source" else v, council)
                if hits:
                    more = f" (and {len(rows) - 1} more rows)" if len(rows) > 1 else ""
                    out.append({"file": table_file(ds, table), "row": int(rows[0]) + 2, "column": col,
                                "text": hits[0] + more, "reason": reason_for(hits[0])})  # fmt: skip
    return out
