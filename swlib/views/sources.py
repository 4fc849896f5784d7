"""The back pages of every report: where the figures came from (``sources_view``: each source by
name, and how many rows of each table it gave) and the glossary's terms (the words are in
``swlib/data/wording.yaml``)."""

from __future__ import annotations

import re

from ..disclosure import FOOTNOTE
from ..schema import TABLE_ORDER
from ..status import catalogue
from .wording import demo_documents, glossary, national_glossary, national_terms, row_words


def sources_view(ds, council: str, audience: str) -> dict:
    """Where the figures came from: each source and how many rows of each table it gave."""

    items = {}
    for name in TABLE_ORDER:
        df = ds.table(name)
        if df.empty or "source" not in df:
            continue
        if name == "measures":
            df = catalogue(ds, council)
        elif "council" in df:
            df = df[df["council"] == council]
        for src, n in df["source"].fillna("not stated").value_counts(sort=False).items():
            items.setdefault(source_label(src), []).append(rows_of(n, name))
    return {
        "note": FOOTNOTE if audience == "public" else None,
        "items": [(src, ", ".join(parts)) for src, parts in sorted(items.items())],
    }


def rows_of(n: int, table: str) -> str:
    one, many = row_words(table)
    return f"{n:,} {one if n == 1 else many}"


def benchmark_sources(ds) -> list[str]:
    """Where the benchmarking panel's figures come from, as readers know the documents."""
    return sorted({source_label(x) for x in ds.benchmarks["source"].dropna().unique()})


def source_label(source: str) -> str:
    """A source as a reader should see it: documents by name, not by the demo data's internal
    reference numbers ("seed 001: ..."), and made-up figures called what they are."""
    text = re.sub(r"^\s*seed\s+\d+\s*:\s*", "", str(source), flags=re.IGNORECASE)
    text = re.sub(r"\bseed\s+(\d+)\b", lambda m: demo_documents().get(m.group(1), "a council document"), text,
                  flags=re.IGNORECASE)  # fmt: skip
    if text.strip().lower() == "synthetic":
        return "Illustrative figures made up for this demonstration (synthetic)"
    if text.strip().lower().startswith("synthetic:"):
        return "Illustrative (synthetic): " + text.split(":", 1)[1].strip()
    return text


def glossary_items() -> list[tuple[str, str]]:
    """Every term a council report may use; the rendered report keeps those it does use."""

    from ..glossary import items  # glossary renders with the templates: imported where used

    terms = glossary()
    return list(terms.items()) + [
        i for i in items() if i[0] not in terms and not any(t.startswith(i[0] + " (") for t in terms)
    ]


def national_glossary_items() -> list[tuple[str, str]]:
    """The national overview's glossary: the terms it uses, and no others."""
    terms = glossary()
    return [(t, terms[t]) for t in national_terms() if t in terms] + list(national_glossary().items())
