"""The back pages of every report: where the figures came from (``sources_view``: each source by
name, and how many rows of each table it gave) and the glossary's terms (the words are in
``swlib/data/wording.yaml``)."""

from __future__ import annotations

import pandas as pd

from ..base import SYMBOL, footnote, small_span
from ..glossary import items
from ..hidden import council_small
from ..measure_spc import MAX_SPC_POINTS
from ..periods import FREQUENCY_KIND, SPAN_MONTHS, Period
from ..printed_text import public_source, source_label
from ..schema import TABLE_ORDER
from ..status import catalogue
from .tolerance import amber_rule, with_rule
from .wording import glossary, national_glossary, national_terms, row_words


def sources_view(ds, council: str, audience: str, printed: dict | None = None) -> dict:
    """Where the figures came from: each source and how many rows of each table it gave. With
    ``printed`` (``printed_rows``: the rows of each table whose figures the report prints) only
    those rows' sources, so that a source of figures the report does not print is not listed."""

    tables = {}
    for name in TABLE_ORDER:
        df = ds.table(name) if printed is None else printed.get(name, pd.DataFrame())
        if df.empty or "source" not in df:
            continue
        if printed is None and name == "measures":
            df = catalogue(ds, council)
        elif printed is None and "council" in df:
            df = df[df["council"] == council]
        tables[name] = df
    own, others = own_sources(tables), others_sources(ds, council)
    items = {}
    for name, df in tables.items():
        shared = df["council"].isna() if name == "measures" and "council" in df else pd.Series(False, index=df.index)
        src = df["source"].fillna(NOT_STATED)
        labels = [
            public_source(
                shared_label(s) if is_shared and s in others and s not in own else source_label(s), council, audience
            )
            for s, is_shared in zip(src, shared, strict=True)
        ]
        for label, n in pd.Series(labels, dtype=object).value_counts(sort=False).items():
            items.setdefault(label, []).append(rows_of(n, name))
    return {
        "note": footnote(*council_small(council)) if audience == "public" else None,
        "items": [(src, ", ".join(parts)) for src, parts in sorted(items.items())],
    }


def own_sources(tables: dict[str, pd.DataFrame]) -> set[str]:
    """The sources that give this council's own rows (its figures, targets, actions, its own
    measures): its own documents."""
    out = set()
    for name, df in tables.items():
        rows = df[df["council"].notna()] if name == "measures" and "council" in df else df
        out |= set(rows["source"].dropna())
    return out


def others_sources(ds, council: str) -> set[str]:
    """The sources that give another council's own rows: that council's documents."""
    out = set()
    for name in TABLE_ORDER:
        df = ds.table(name)
        if "source" in df and "council" in df:
            out |= set(df.loc[df["council"].notna() & (df["council"] != council), "source"].dropna())
    return out


def shared_label(source: str) -> str:
    """A measure every council reports (the catalogue's row with no council), defined from
    another council's document (Dundee's annual report, for D&G): named as the shared definition
    it is, not as if the council's own report had set it."""
    return f"Measures every council reports, as defined in {source_label(source)}"


def printed_rows(
    ds, council: str, period, perf: pd.DataFrame, actions: pd.DataFrame | None = None, annual: bool = False
) -> dict[str, pd.DataFrame]:
    """The rows of each table whose figures a council report for ``period`` prints: the
    council; every measure the report shows (a measure with no target too), and the targets for
    the year of those with one; the
    observations of its measures that its year columns and SPC charts reach back to (the year
    before the three year columns, or ``MAX_SPC_POINTS`` periods of the measure's frequency,
    whichever is longer; every earlier year of a yearly measure); the LGBF panel's rows for the
    council to the report's year; the ``actions`` it prints; and for the annual report (``annual``)
    the year's finance, its latest workforce return and the inspections dated within the year."""

    P = Period.parse(period)
    mine = lambda df: df[df["council"] == council] if "council" in df else df  # noqa: E731
    shown = perf["measure"]
    info = ds.measures.drop_duplicates("measure").set_index("measure")
    targeted = set(perf.loc[perf["target"].notna(), "measure"])
    cat = catalogue(ds, council)
    o = mine(ds.observations)
    o = o[o["measure"].isin(shown)]
    kind = o["measure"].map(info["frequency"]).map(FREQUENCY_KIND)
    years_back = kind.map(lambda k: max(4, MAX_SPC_POINTS * SPAN_MONTHS[k] // 12) if k != "year" else 100)
    parsed = o["period"].map(Period.parse)
    reach = [p.end_key() <= P.end_key() and p.fy > P.fy - back for p, back in zip(parsed, years_back, strict=True)]
    t = mine(ds.targets)
    years = {str(P.year_period), P.fy_id} | {str(Period.parse(x)) for x in perf.get("period_shown", [])}
    out = {
        "councils": mine(ds.councils),
        "measures": cat[cat["measure"].isin(shown)],  # every measure the report shows, under its own source
        "targets": t[t["measure"].isin(targeted) & t["period"].map(lambda x: str(x) in years or x.startswith(P.fy_id))],
        "observations": o[pd.Series(reach, index=o.index, dtype=bool)],
        "benchmarks": ds.benchmarks[(ds.benchmarks["council"] == council)
                                    & ds.benchmarks["period"].map(lambda x: Period.parse(x) <= P.year_period)],
        "actions": actions if actions is not None else pd.DataFrame(),
    }  # fmt: skip
    if annual:
        f, w, i = mine(ds.finance), mine(ds.workforce), mine(ds.inspections)
        latest = max((Period.parse(x) for x in w["period"].unique() if Period.parse(x) <= P), default=None)
        out["finance"] = f[f["period"] == str(P)]
        out["workforce"] = w[w["period"] == str(latest)] if latest is not None else w.iloc[0:0]
        out["inspections"] = i[(i["date"] >= f"{P.fy}-04-01") & (i["date"] <= f"{P.fy + 1}-03-31")]
    return out


def rows_of(n: int, table: str) -> str:
    one, many = row_words(table)
    return f"{n:,} {one if n == 1 else many}"


def benchmark_sources(ds) -> list[str]:
    """Where the benchmarking panel's figures come from, as readers know the documents."""
    return sorted({source_label(x) for x in ds.benchmarks["source"].dropna().unique()})


NOT_STATED = "Source not stated in the data"  # a row whose source column is blank


def glossary_items(council: str | None = None) -> list[tuple[str, str]]:
    """Every term a council report may use; the rendered report keeps those it does use. With
    ``council``, Green, Amber, Red says its tolerance in figures (``views.tolerance``), and [c] its
    small numbers (``suppress_min`` to ``suppress_max``)."""

    terms = dict(glossary())  # a copy: glossary() is cached, and [c] below is this council's
    if council:
        rule = amber_rule(council)
        terms = {t: with_rule(m, rule) for t, m in terms.items()}
    if SYMBOL in terms:  # [c]: the council's own small numbers (1 to 4 unless its settings say otherwise)
        terms[SYMBOL] = terms[SYMBOL].replace("{small}", small_span(*council_small(council)))
    return list(terms.items()) + [
        i for i in items() if i[0] not in terms and not any(t.startswith(i[0] + " (") for t in terms)
    ]


def national_glossary_items() -> list[tuple[str, str]]:
    """The national overview's glossary: the terms it uses, and no others."""
    terms = glossary()
    return [(t, terms[t]) for t in national_terms() if t in terms] + list(national_glossary().items())
