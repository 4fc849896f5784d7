"""HTML fragments the report notebooks display: headings, banners, tables and legends.

Everything here formats what swlib computed; free text goes through ``narrative``'s
sanitiser, every other string is escaped. Tables have captions and real header cells
(scope on every <th>), and statuses are a word plus a shape, never colour alone.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from .charts import status_chart, trend_chart
from .disclosure import SYMBOL, suppressed_columns
from .formatting import STATUS_ICONS, TREND_ARROWS, counts_behind, fmt_money, fmt_value
from .narrative import comment_html
from .periods import Period
from .schema import TABLE_ORDER
from .status import STATUS_ORDER, SUPPRESSED, catalogue

esc = html.escape


class Fragment(str):
    """A piece of report HTML; shows as HTML in a notebook."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:  # the notebook's text/plain: short, the HTML is what matters
        return f"<report HTML, {len(self):,} characters>"

    def __add__(self, other) -> Fragment:
        return Fragment(str(self) + str(other))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "section"


def heading(level: int, text: str, anchor: str | None = None) -> Fragment:
    return Fragment(f'<h{level} id="{esc(anchor or slug(text))}">{esc(text)}</h{level}>')


def paragraph(text: str) -> Fragment:
    return Fragment(f"<p>{esc(text)}</p>")


def no_data(what: str, period_label: str) -> Fragment:
    return Fragment(f'<p class="no-data">No {esc(what)} data was provided for {esc(period_label)}.</p>')


def banner(synthetic: bool) -> Fragment:
    if not synthetic:
        return Fragment("")
    return Fragment(
        '<div class="banner" role="note"><strong>Illustrative data.</strong> Some figures in this report are '
        "synthetic, made up to demonstrate the report; they are marked “synthetic” in the data sources at the end. "
        "Do not quote them as real performance.</div>"
    )


SUPPRESSED_ABBR = f'<abbr title="suppressed to protect confidentiality">{SYMBOL}</abbr>'


def status_cell(status: str, source: str | None = None) -> str:
    if source == "suppressed":
        return f'<td class="status status-suppressed">{SUPPRESSED_ABBR}</td>'
    cls = "status-" + slug(status)
    note = ' <span class="override">(officer assessment)</span>' if source == "override" else ""
    return f'<td class="status {cls}"><span class="icon" aria-hidden="true">{STATUS_ICONS.get(status, "")}</span> {esc(status)}{note}</td>'


def summary_table(summary: pd.DataFrame, caption: str, row_label: str = "Theme") -> Fragment:
    cols = [c for c in summary.columns if c != "Total" and (summary[c].sum() > 0 or c in ("Green", "Amber", "Red"))] + [
        "Total"
    ]
    head = "".join(f'<th scope="col">{_status_label(c)}</th>' for c in cols)
    body = []
    for theme, r in summary.iterrows():
        cls = ' class="total"' if theme == "Total" else ""
        cells = "".join(f'<td class="num">{int(r[c])}</td>' for c in cols)
        body.append(f'<tr{cls}><th scope="row">{esc(str(theme))}</th>{cells}</tr>')
    return Fragment(
        f'<table class="summary"><caption>{esc(caption)}</caption><thead><tr><th scope="col">{esc(row_label)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _status_label(status: str) -> str:
    if status == SUPPRESSED:
        return f"{SUPPRESSED} {SUPPRESSED_ABBR}"
    icon = STATUS_ICONS.get(status)
    return f'<span class="icon" aria-hidden="true">{icon}</span> {esc(status)}' if icon else esc(status)


def status_legend() -> Fragment:
    meanings = {
        "Complete": "the action is finished",
        "Green": "the target is met, or the action is on course",
        "Amber": "the target is narrowly missed (within the tolerance), or the action is slightly behind",
        "Red": "the target is missed by more than the tolerance, or the action is not on course",
        "Report later": "the figure for this period is not available yet",
        "Data only": "the measure has no target: it is reported for information",
    }
    items = "".join(f'<li class="status-{slug(s)}">{_status_label(s)}: {esc(meanings[s])}</li>' for s in STATUS_ORDER)
    arrows = "".join(f"<li>{esc(a)} {esc(t)}</li>" for t, a in TREND_ARROWS.items() if a)
    return Fragment(
        f'<ul class="legend">{items}</ul><p>Trend, compared with the same point last year:</p><ul class="legend">{arrows}</ul>'
    )


def _fmt(r: dict, col: str) -> str:
    if col in suppressed_columns(r):
        return SUPPRESSED_ABBR
    text = fmt_value(r.get(col), r["unit"], int(r["decimals"]))
    if col == "to_date" and r["unit"] == "percent":
        text += counts_behind(r.get("numerator"), r.get("denominator"))
    return esc(text)


def performance_table(rows: pd.DataFrame, years: list[str], caption: str, latest_year: str | None = None) -> Fragment:
    """The council layout: indicator | comments | this year (status, target, to date) | last 3 years.
    With ``latest_year`` (measures counted once a year, in a report for part of a year) the
    figures are that year's, headed as such, never as this year's to date."""
    if latest_year:
        years = [y for y in years if y != latest_year]
    group, figure = (
        (f"Latest year available: {Period.parse(latest_year).label}", "Figure")
        if latest_year
        else ("This year", "To date")
    )
    ylabels = "".join(f'<th scope="col">{esc(Period.parse(y).label)}</th>' for y in years)
    earlier = (
        f'<th scope="colgroup" colspan="{len(years)}">Earlier years</th>'
        if latest_year
        else (f'<th scope="colgroup" colspan="{len(years)}">Last 3 years</th>')
    )
    head = (
        '<thead><tr><th scope="col" rowspan="2">Performance indicator</th><th scope="col" rowspan="2">Comments/progress</th>'
        f'<th scope="colgroup" colspan="4">{esc(group)}</th>{earlier if years else ""}</tr>'
        f'<tr><th scope="col">Status</th><th scope="col">Target</th><th scope="col">{figure}</th><th scope="col">Trend</th>{ylabels}</tr></thead>'
    )
    body = []
    for r in rows.to_dict("records"):
        notes = []
        if r.get("sentence"):
            notes.append(f'<span class="sentence">{esc(r["sentence"])}</span>')
        if r.get("note"):
            notes.append(f'<span class="note">{esc(r["note"])}</span>')
        comment = comment_html(r.get("comment"))
        trend = r["trend"]
        arrow = TREND_ARROWS.get(trend, "")
        trend_cell = f'<span aria-hidden="true">{arrow}</span> {esc(trend)}' if arrow else esc(trend)
        if trend == SYMBOL:
            trend_cell = SUPPRESSED_ABBR
        yc = []
        for y in years:
            note = (r.get("year_notes") or {}).get(y)
            yc.append(f'<td class="num">{esc(note) if note and pd.isna(r.get(y)) else _fmt(r, y)}</td>')
        target = esc(fmt_value(r["target"], r["unit"], int(r["decimals"]))) if pd.notna(r["target"]) else "–"
        body.append(
            f'<tr><th scope="row">{esc(r["title"])}{"<br>" + "<br>".join(notes) if notes else ""}</th>'
            f'<td class="comment">{comment}</td>{status_cell(r["status"], r["status_source"])}'
            f'<td class="num">{target}</td><td class="num">{_fmt(r, "to_date")}</td><td>{trend_cell}</td>{"".join(yc)}</tr>'
        )
    return Fragment(
        f'<table class="performance"><caption>{esc(caption)}</caption>{head}<tbody>{"".join(body)}</tbody></table>'
    )


def performance_by_theme(perf: pd.DataFrame, number: int = 3) -> Fragment:
    """Per theme (h3), per outcome (h4), a performance table."""
    years = perf.attrs.get("years", [])
    out = []
    for t_i, (theme, tdf) in enumerate(perf.groupby("theme", sort=False), start=1):
        out.append(heading(3, f"{number}.{t_i} {theme}", f"theme-{slug(theme)}"))
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            if outcome:
                out.append(heading(4, outcome, f"outcome-{slug(theme)}-{slug(outcome)}"))
            name = outcome or theme
            yearly = odf["period_shown"] != perf.attrs["period"]  # a measure reported less often: its latest period
            if (~yearly).any():
                out.append(performance_table(odf[~yearly], years, f"{name}: measures, status and the last three years"))
            for shown, ydf in odf[yearly].groupby("period_shown", sort=False):
                label = Period.parse(shown).label
                out.append(performance_table(
                    ydf, years, f"{name}: measures counted once a year, latest year available ({label})", latest_year=shown
                ))  # fmt: skip
    return Fragment("".join(out))


def actions_tables(acts: pd.DataFrame, number: int = 5) -> Fragment:
    out = []
    for t_i, (theme, tdf) in enumerate(acts.groupby("theme", sort=False), start=1):
        out.append(heading(3, f"{number}.{t_i} {theme}", f"actions-{slug(theme)}"))
        for outcome, odf in tdf.groupby(tdf["outcome"].fillna(""), sort=False):
            rows = "".join(
                f'<tr><th scope="row">{esc(r["action"])}</th><td>{esc(r["measure"] or "")}</td>'
                f'<td class="comment">{comment_html(r["comment"])}</td>{status_cell(r["status"])}</tr>'
                for r in odf.to_dict("records")
            )
            cap = outcome or theme
            out.append(
                f'<table class="actions"><caption>{esc(cap)}: actions</caption><thead><tr><th scope="col">Action</th>'
                f'<th scope="col">Measures</th><th scope="col">Comments/progress</th><th scope="col">Status</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
    return Fragment("".join(out))


def status_summary_chart(summary: pd.DataFrame, what: str) -> Fragment:
    return Fragment(status_chart(summary, what).html())


def values_table(rows: pd.DataFrame, years: list[str], this_year: str, caption: str) -> Fragment:
    """Measures by year: three earlier years and the report's year."""
    cols = [*years, this_year]
    head = "".join(f'<th scope="col">{esc(Period.parse(y).label)}</th>' for y in cols)
    body = []
    for r in rows.to_dict("records"):
        r = dict(r)
        r[this_year] = r.get("to_date")
        if "to_date" in suppressed_columns(r):
            r["suppressed"] = (r.get("suppressed") or "") + "," + this_year
        cells = "".join(f'<td class="num">{_fmt(r, y)}</td>' for y in cols)
        body.append(f'<tr><th scope="row">{esc(r["title"])}</th>{cells}</tr>')
    return Fragment(
        f'<table class="values"><caption>{esc(caption)}</caption><thead><tr><th scope="col">Measure</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def money_table(lines: pd.DataFrame, caption: str) -> Fragment:
    total = lines["amount"].sum()
    body = "".join(
        f'<tr><th scope="row">{esc(r.line)}</th><td class="num">{fmt_money(r.amount)}</td><td class="num">{100 * r.amount / total:.0f}%</td></tr>'
        for r in lines.itertuples()
    )
    return Fragment(
        f'<table class="money"><caption>{esc(caption)}</caption><thead><tr><th scope="col">Service</th><th scope="col">£</th>'
        f'<th scope="col">Share</th></tr></thead><tbody>{body}<tr class="total"><th scope="row">Total</th>'
        f'<td class="num">{fmt_money(total)}</td><td class="num">100%</td></tr></tbody></table>'
    )


def variance_table(budget: pd.DataFrame, outturn: pd.DataFrame, caption: str) -> Fragment:
    """Budget, outturn and the variance per line (a line in only one of them shows "–" there)."""
    b = budget.groupby("line", sort=False)["amount"].sum()
    o = outturn.groupby("line", sort=False)["amount"].sum()
    lines = list(dict.fromkeys([*b.index, *o.index]))

    def row(label, bv, ov, cls=""):
        var = ov - bv if pd.notna(bv) and pd.notna(ov) else float("nan")
        word = "" if pd.isna(var) or var == 0 else (" over" if var > 0 else " under")
        return (
            f'<tr{cls}><th scope="row">{esc(label)}</th><td class="num">{fmt_money(bv)}</td><td class="num">{fmt_money(ov)}</td>'
            f'<td class="num">{fmt_money(abs(var)) + word if pd.notna(var) else "–"}</td></tr>'
        )

    body = "".join(row(line, b.get(line, float("nan")), o.get(line, float("nan"))) for line in lines)
    body += row("Total", b.sum(), o.sum(), ' class="total"')
    return Fragment(
        f'<table class="money"><caption>{esc(caption)}</caption><thead><tr><th scope="col">Service</th>'
        f'<th scope="col">Budget</th><th scope="col">Outturn</th><th scope="col">Variance</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def frame_table(df: pd.DataFrame, caption: str, css_class: str = "") -> Fragment:
    """A plain DataFrame as an accessible table (first column as row headers)."""
    cols = list(df.columns)
    head = "".join(f'<th scope="col">{esc(str(c))}</th>' for c in cols)
    body = []
    for r in df.itertuples(index=False):
        cells = [f'<th scope="row">{esc(str(r[0]))}</th>'] + [
            f"<td>{esc('' if pd.isna(v) else str(v))}</td>" for v in r[1:]
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    cls = f' class="{esc(css_class)}"' if css_class else ""
    return Fragment(
        f"<table{cls}><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def suppression_note(audience: str) -> Fragment:
    from .disclosure import FOOTNOTE

    return paragraph(FOOTNOTE) if audience == "public" else Fragment("")


def provenance(ds, council: str) -> Fragment:
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
    lis = "".join(
        f"<li><strong>{esc(src)}</strong>: {esc(', '.join(parts))}</li>" for src, parts in sorted(items.items())
    )
    return Fragment(f'<ul class="sources">{lis}</ul>')


ROW_WORDS = {  # (one, many) of each table's rows, as a reader counts them
    "councils": ("council", "councils"), "measures": ("measure", "measures"), "targets": ("target", "targets"),
    "observations": ("figure", "figures"), "actions": ("action", "actions"), "finance": ("finance line", "finance lines"),
    "workforce": ("workforce figure", "workforce figures"), "inspections": ("inspection", "inspections"),
    "benchmarks": ("benchmark figure", "benchmark figures"),
}  # fmt: skip


def rows_of(n: int, table: str) -> str:
    one, many = ROW_WORDS.get(table, (table, table))
    return f"{n:,} {one if n == 1 else many}"


SEED_DOCUMENTS = {  # the council documents the demo data was transcribed from, by reference number
    "000": "Dumfries and Galloway Social Work Services Service Plan 2023-24",
    "001": "South Lanarkshire Social Work Resource Plan 2021-22",
    "002": "Dundee Chief Social Work Officer Annual Report 2016/17",
    "003": "South Lanarkshire Social Work Resource Plan 2007/08 Mid Year Update",
}


def benchmark_sources(ds) -> list[str]:
    """Where the benchmarking panel's figures come from, as readers know the documents."""
    return sorted({source_label(x) for x in ds.benchmarks["source"].dropna().unique()})


def source_label(source: str) -> str:
    """A source as a reader should see it: documents by name, not by the demo data's internal
    reference numbers ("seed 001: ..."), and made-up figures called what they are."""
    text = re.sub(r"^\s*seed\s+\d+\s*:\s*", "", str(source), flags=re.IGNORECASE)
    text = re.sub(r"\bseed\s+(\d+)\b", lambda m: SEED_DOCUMENTS.get(m.group(1), "a council document"), text,
                  flags=re.IGNORECASE)  # fmt: skip
    if text.strip().lower() == "synthetic":
        return "Illustrative figures made up for this demonstration (synthetic)"
    if text.strip().lower().startswith("synthetic:"):
        return "Illustrative (synthetic): " + text.split(":", 1)[1].strip()
    return text


# --- whole sections -------------------------------------------------------------------
def quarterly_title(service: str, period: Period) -> Fragment:
    text = f"{service} Performance Report {period.fy_id.replace('-', '/')}, Quarter {period.number}: {period.months_label} (cumulative position to {period.end_label})"
    if period.kind != "quarter":
        text = f"{service} Performance Report {period.label} (cumulative position to {period.end_label})"
    return Fragment(f'<h1 id="title">{esc(text)}</h1>')


def narrative_or_note(html_text: str | None, what: str) -> Fragment:
    if html_text:
        return Fragment(f'<div class="narrative">{html_text}</div>')
    return Fragment(f'<p class="no-data">No narrative was provided for {esc(what)}.</p>')


def statutory_section(
    perf: pd.DataFrame, outcome: str, period: Period, number: str | None = None, say_none: bool = True
) -> Fragment:
    """One statutory function: a table of the years and a small-multiples chart."""
    from .charts import small_multiples

    this_year = str(period)
    rows = perf[(perf["outcome"] == outcome) & perf["theme"].eq("Statutory functions")].copy()
    out = [heading(3, f"{number} {outcome}", f"statutory-{slug(outcome)}")] if number else []
    years = perf.attrs.get("years", [])
    if len(rows):
        rows = rows[rows[["to_date", *years]].notna().any(axis=1) | rows["suppressed"].fillna("").ne("")]
    if rows.empty:
        if say_none:
            out.append(no_data(outcome.lower(), period.label))
        return Fragment("".join(out))
    supp = rows["suppressed"].fillna("")
    years = [y for y in years if rows[y].notna().any() or supp.str.contains(y, regex=False).any()]  # years with figures
    out.append(values_table(rows, years, this_year, f"{outcome}: figures by year"))
    rows[this_year] = rows["to_date"]
    if perf.attrs.get("audience") == "public":
        rows = rows[rows["suppressed"].fillna("") == ""]  # a chart never shows a suppressed figure
    if len(rows):
        out.append(small_multiples(rows.to_dict("records"), years, this_year, outcome).html())
    return Fragment("".join(out))


def finance_section(ds, council: str, period: Period) -> Fragment:
    from .charts import budget_chart

    f = ds.finance[(ds.finance["council"] == council) & (ds.finance["period"] == str(period))]
    if f.empty:
        return no_data("finance", period.label)
    out = []
    for kind, label in (("budget", "revenue budget"), ("outturn", "revenue outturn"), ("capital", "capital programme")):
        lines = f[f["kind"] == kind][["line", "amount"]]
        if lines.empty:
            continue
        out.append(money_table(lines, f"{period.label} {label} by service"))
        if kind == "budget":
            out.append(budget_chart(lines, f"{period.label} {label}").html())
    budget, outturn = f[f["kind"] == "budget"], f[f["kind"] == "outturn"]
    if len(budget) and len(outturn):
        out.append(variance_table(budget, outturn, f"{period.label} revenue budget against outturn, by service"))
        b, o = budget["amount"].sum(), outturn["amount"].sum()
        word = "overspend" if o > b else "underspend"
        out.append(
            paragraph(
                f"Outturn {fmt_money(o)} against a budget of {fmt_money(b)}: an {word} of {fmt_money(abs(o - b))} ({100 * abs(o - b) / b:.1f}%)."
            )
        )
    return Fragment("".join(out))


def workforce_section(ds, council: str, period: Period, audience: str = "internal") -> Fragment:
    from .config import council_settings
    from .disclosure import suppress_table

    w = ds.workforce[ds.workforce["council"] == council]
    if w.empty:
        return no_data("workforce", period.label)
    latest = max((Period.parse(p) for p in w["period"].unique() if Period.parse(p) <= period), default=None)
    if latest is None:
        return no_data("workforce", period.label)
    rows = w[w["period"] == str(latest)].set_index("service")
    counts = pd.DataFrame({"Headcount": rows["headcount"].astype("float")})
    if len(counts) > 1:
        counts.loc["Total"] = counts["Headcount"].sum(min_count=1)
    hide = pd.DataFrame(False, index=counts.index, columns=counts.columns)
    if audience == "public":
        cfg = council_settings(council)
        hide = suppress_table(
            counts, cfg.suppress_min, cfg.suppress_max, total_row="Total" if len(counts) > 1 else None
        )
    fte = rows["fte"].reindex(counts.index)
    if len(counts) > 1:
        fte.loc["Total"] = rows["fte"].sum(min_count=1)
    body = []
    for service in counts.index:
        h = counts.at[service, "Headcount"]
        hc = SYMBOL if hide.at[service, "Headcount"] else ("–" if pd.isna(h) else f"{int(h):,}")
        f = fte.get(service)
        fc = SYMBOL if hide.at[service, "Headcount"] else ("–" if f is None or pd.isna(f) else f"{f:,.1f}")
        cls = ' class="total"' if service == "Total" else ""
        body.append(
            f'<tr{cls}><th scope="row">{esc(service)}</th><td class="num">{hc}</td><td class="num">{fc}</td></tr>'
        )
    cap = f"Social work workforce, {latest.label}" + (" (the latest available)" if latest != period else "")
    return Fragment(
        f'<table class="workforce"><caption>{esc(cap)}</caption><thead><tr><th scope="col">Service</th><th scope="col">Headcount</th>'
        f'<th scope="col">Full-time equivalent</th></tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def inspection_section(ds, council: str, period: Period) -> Fragment:
    from .charts import inspection_chart

    i = ds.inspections[ds.inspections["council"] == council]
    if i.empty:
        return no_data("inspection", period.label)
    themes = [c for c in i.columns if c not in ("council", "service", "service_type", "sector", "date", "source")]
    themes = [t for t in themes if i[t].notna().any()]
    show = i[["service", "service_type", "sector", "date", *themes]].copy()
    show.columns = ["Service", "Type", "Sector", "Inspected", *[t.replace("_", " ").capitalize() for t in themes]]
    show["Inspected"] = pd.to_datetime(show["Inspected"], errors="coerce").map(
        lambda d: "" if pd.isna(d) else f"{d.day} {d:%B %Y}"
    )
    for c in show.columns[4:]:
        show[c] = show[c].map(lambda v: "not assessed" if pd.isna(v) else str(int(v)))
    out = [frame_table(show, "Care Inspectorate grades (1 unsatisfactory to 6 excellent)", css_class="grades")]
    if themes:
        out.append(inspection_chart(i[themes]).html())
    else:
        out.append(paragraph("No quality theme was graded in these inspections."))
    return Fragment("".join(out))


def landscape_section(ds, council: str) -> Fragment:
    row = ds.councils.set_index("council").loc[council]
    pop = row.get("population")
    if pop is None or pd.isna(pop):
        return Fragment("")
    return paragraph(f"{row['name']} serves a population of about {int(pop):,}.")


def attention_section(ds, council: str, perf: pd.DataFrame, period: Period, statuses=("Red", "Amber")) -> Fragment:
    """Each measure needing attention: its sentence, its last years, and its SPC chart with icons."""
    from .charts import spc_chart
    from .icons import icons_html
    from .trends import long_trend, spc_target

    sel = perf[perf["status"].isin(statuses) & perf["to_date"].notna()]
    if sel.empty:
        return paragraph("No measure is Red or Amber this period.")
    years = perf.attrs.get("years", [])
    out = []
    for r in sel.to_dict("records"):
        out.append(heading(3, r["title"], f"attention-{slug(r['measure'])}"))
        if r.get("sentence"):
            out.append(paragraph(r["sentence"]))
        spc_target_ = spc_target(ds, r)
        chart = long_trend(ds, council, r["measure"], r.get("period_shown") or period, target=spc_target_)
        if chart is not None and perf.attrs.get("audience") != "public":
            attrs = chart.attrs
            out.append(icons_html(attrs.get("variation"), attrs.get("assurance"), attrs.get("improvement", "increase")))
            out.append(spc_chart(chart, r["title"], r["unit"], int(r["decimals"]), spc_target_).html())
        elif not r.get("suppressed"):  # too few periods for SPC, or a public report: the years and this year
            out.append(trend_chart(r, years, period.label).html())
    return Fragment("".join(out))


def benchmark_section(ds, council: str, period: Period) -> Fragment:
    """The council's position among all Scottish councils on each LGBF indicator."""
    from .benchmark import benchmark, ordinal
    from .charts import benchmark_chart

    b = benchmark(ds, period)
    mine = b[b["council"] == council]
    if mine.empty:
        return no_data("benchmarking", period.label)
    year = Period.parse(b.attrs["period"])
    rows = []
    for r in mine.to_dict("records"):
        rank = "–" if pd.isna(r["rank"]) else f"{ordinal(r['rank'])} of {int(r['of'])}"
        quart = "–" if pd.isna(r["quartile"]) else f"{int(r['quartile'])}"
        ci = (
            ""
            if pd.isna(r["lower"])
            else f" ({fmt_value(r['lower'], r['unit'], 1)} to {fmt_value(r['upper'], r['unit'], 1)})"
        )
        rows.append(
            f'<tr><th scope="row">{esc(r["lgbf"])}: {esc(r["title"])}</th><td>{esc(Period.parse(r["period"]).label)}</td>'
            f'<td class="num">{esc(fmt_value(r["value"], r["unit"], 1))}{esc(ci)}</td>'
            f'<td class="num">{rank}</td><td class="num">{quart}</td><td class="num">{esc(fmt_value(r["family_value"], r["unit"], 1))}</td>'
            f'<td class="num">{esc(fmt_value(r["scotland_value"], r["unit"], 1))}</td><td>{esc(r["comparison"])}</td></tr>'
        )
    table = (
        '<table class="benchmark"><caption>How we compare with other councils: the latest year available for each indicator '
        "(1st = best; quartile 1 = the best quarter)</caption>"
        '<thead><tr><th scope="col">Indicator</th><th scope="col">Year</th><th scope="col">Our value (95% interval)</th><th scope="col">Rank</th>'
        '<th scope="col">Quartile</th><th scope="col">Family group</th><th scope="col">Scotland</th><th scope="col">Compared with Scotland</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    note = paragraph(
        "Better, similar or worse than Scotland is decided by the 95% confidence interval where the figure is built from "
        "counts of people or events (Wilson score for percentages; exact Poisson or Byar's method for rates per 1,000); "
        "costs and survey percentages are ranked but not tested. Scotland is the figure the Improvement Service publishes "
        "for Scotland as a whole."
    )
    sources = benchmark_sources(ds)
    lead = paragraph(
        "The Local Government Benchmarking Framework (LGBF) publishes the same indicators for all 32 Scottish councils. "
        + (f"Figures: {'; '.join(sources)}. " if sources else "")
        + (f"Latest benchmarking year available: {year.label}." if year.fy != period.fy else "")
    )
    return Fragment(str(lead) + table + str(note) + benchmark_chart(b, council).html())


GLOSSARY = {  # every term of art a report may print, in plain words
    "Green, Amber, Red": "the target is met; narrowly missed (within the tolerance); missed by more than that.",
    "Report later": "the figure for this period is not available yet.",
    "Data only": "a measure reported for information, with no target to meet.",
    "To date": "the financial year from April to the end of the report's period.",
    "[c]": "a figure suppressed to protect confidentiality, because it, or a figure it is built on, counts 1 to 4 people.",
    "SPC (statistical process control)": "a chart showing whether figures are changing by more than chance would explain.",
    "Common cause variation": "the ups and downs to be expected from a stable service: no sign of real change.",
    "Special cause variation": "a change too large or too lasting to be chance: a point outside the process limits, "
    "a run of seven rising or falling, seven on one side of the average, or two of three close to a limit.",
    "Process limits": "the range within which nearly all figures of a stable service fall (the dashed lines on an SPC chart).",
    "Confidence interval": "the range within which the true figure is likely to lie, allowing for chance; "
    "for percentages it is worked out by the Wilson score method.",
    "LGBF": "the Local Government Benchmarking Framework: the same measures published for all 32 Scottish councils.",
    "Rank and quartile": "a council's place among the 32 (1st is best); quartile 1 is the best quarter of councils.",
    "Family group": "councils with similar levels of deprivation, grouped by the LGBF so that like is compared with like.",
    "CSWO": "Chief Social Work Officer, the officer every council must appoint to oversee social work services.",
    "CPO": "Community Payback Order, a court order for unpaid work or supervision in the community.",
    "DTTO": "Drug Treatment and Testing Order, a court order requiring treatment and regular testing.",
    "MAPPA": "Multi-Agency Public Protection Arrangements, for managing people who pose a risk of serious harm.",
    "MHO": "Mental Health Officer, a social worker qualified to carry out duties under mental health law.",
}


def glossary() -> Fragment:
    """The words a reader may not know, explained."""
    items = "".join(f"<dt>{esc(term)}</dt><dd>{esc(meaning)}</dd>" for term, meaning in GLOSSARY.items())
    return Fragment(f'<dl class="glossary">{items}</dl>')


# --- the national overview ---------------------------------------------------------------------
def national_indicator_section(ds, code: str, period: Period, pos: pd.DataFrame, number: str) -> Fragment:
    """One LGBF indicator across Scotland: Scotland's run of years with its SPC and statistical
    trend, every council ranked (chart and table), and a funnel plot where there are denominators."""
    import warnings

    from .benchmark import ordinal
    from .charts import funnel_chart, rank_chart, spc_chart
    from .icons import icons_html
    from .national import funnel, scotland_series
    from .spc import SPCWarning, spc

    g = pos[pos["lgbf"] == code]
    r0 = g.iloc[0]
    unit, title, year = r0["unit"], f"{code}: {r0['title']}", Period.parse(r0["period"])
    improvement = {"higher": "increase", "lower": "decrease"}.get(r0["polarity"], "neutral")
    out = [heading(3, f"{number} {title}", f"indicator-{slug(code)}")]
    better = {"higher": "higher is better", "lower": "lower is better"}.get(
        r0["polarity"], "neither higher nor lower is better"
    )
    out.append(
        paragraph(
            f"{year.label}, the latest year available; {better}. Scotland: {fmt_value(r0['scotland_value'], unit, 1)}."
        )
    )
    run = scotland_series(ds, code, period)
    if len(run) >= 2:
        first, last = run.iloc[0], run.iloc[-1]
        words = f"Scotland's figure went from {fmt_value(first['value'], unit, 1)} in {first['label']} to {fmt_value(last['value'], unit, 1)} in {last['label']}"
        out.append(paragraph(words + "."))
    if len(run) >= 8:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SPCWarning)
            chart = spc(run["value"], improvement=improvement)
        chart["label"] = run["label"].to_numpy()
        chart.attrs["method"] = "XmR chart"
        out.append(icons_html(chart.attrs["variation"], None, improvement))
        out.append(spc_chart(chart, f"Scotland: {title}", unit, 1).html())
    out.append(rank_chart(g, title).html())
    rows = []
    for r in g.sort_values(["rank", "council_name"]).to_dict("records"):
        change = "–" if pd.isna(r["change"]) else ("+" if r["change"] > 0 else "") + fmt_value(r["change"], unit, 1)
        rows.append(
            f'<tr><th scope="row">{esc(r["council_name"])}</th><td class="num">{esc(fmt_value(r["value"], unit, 1))}</td>'
            f'<td class="num">{esc(ordinal(r["rank"]) if pd.notna(r["rank"]) else "–")}</td>'
            f'<td class="num">{"–" if pd.isna(r["quartile"]) else int(r["quartile"])}</td>'
            f'<td class="num">{int(r["family_group"])}</td><td class="num">{esc(change)}</td></tr>'
        )
    out.append(Fragment(
        f'<table class="ranking"><caption>{esc(title)}: every council, {esc(year.label)} (1st = best)</caption><thead><tr>'
        '<th scope="col">Council</th><th scope="col">Value</th><th scope="col">Rank</th><th scope="col">Quartile</th>'
        '<th scope="col">Family group</th><th scope="col">Change since the year before</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    ))  # fmt: skip
    f = funnel(g)
    if f is not None:
        out.append(funnel_chart(f, title, unit).html())
        above = f[f["outside"] == "above"]["council_name"].tolist()
        below = f[f["outside"] == "below"]["council_name"].tolist()
        said = []
        if above:
            said.append(f"above Scotland's figure by more than chance would explain: {', '.join(above)}")
        if below:
            said.append(f"below it by more than chance would explain: {', '.join(below)}")
        out.append(paragraph(
            ("Outside the 99.8% limits, " + "; ".join(said) + ".") if said else "No council is outside the 99.8% limits."
        ))  # fmt: skip
    return Fragment("".join(out))


def quartile_matrix_table(pos: pd.DataFrame) -> Fragment:
    """Councils by indicator: each cell the quartile as a number and a shape (1 best)."""
    from .national import quartile_matrix

    shapes = {1: "●", 2: "◕", 3: "◑", 4: "○"}
    m = quartile_matrix(pos)
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in m.columns)
    body = []
    for council, r in m.iterrows():
        cells = "".join(
            "<td>–</td>"
            if pd.isna(q)
            else f'<td class="q q{int(q)}"><span aria-hidden="true">{shapes[int(q)]}</span> {int(q)}</td>'
            for q in r
        )
        body.append(f'<tr><th scope="row">{esc(council)}</th>{cells}</tr>')
    return Fragment(
        '<table class="matrix"><caption>Quartile of every council on every indicator (1 = the best quarter of councils; '
        "● 1, ◕ 2, ◑ 3, ○ 4)</caption>"
        f'<thead><tr><th scope="col">Council</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def family_groups_table(pos: pd.DataFrame) -> Fragment:
    """Per family group, its councils, and per indicator the group's median."""
    from .national import family_medians

    fm = family_medians(pos)
    groups = fm.drop_duplicates("family_group").sort_values("family_group")
    units = pos.drop_duplicates("lgbf").set_index("lgbf")["unit"]
    members = "".join(
        f"<li><strong>Family group {int(r.family_group)}</strong>: {esc(r.councils)}</li>" for r in groups.itertuples()
    )
    med = fm.pivot(index="lgbf", columns="family_group", values="median").reindex(list(dict.fromkeys(pos["lgbf"])))
    head = "".join(f'<th scope="col">Group {int(c)}</th>' for c in med.columns)
    body = "".join(
        f'<tr><th scope="row">{esc(code)}</th>'
        + "".join(f'<td class="num">{esc(fmt_value(v, units[code], 1))}</td>' for v in r)
        + "</tr>"
        for code, r in med.iterrows()
    )
    return Fragment(
        f'<ul class="families">{members}</ul><table class="families"><caption>Median of each family group, by indicator</caption>'
        f'<thead><tr><th scope="col">Indicator</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )
