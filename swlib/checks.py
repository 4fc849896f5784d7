"""Warnings about a data set that loads: figures and settings that are allowed but probably wrong.

``validate`` lists them with the errors, in one run; they stop nothing (``--strict`` makes them
count). Each is a ``Problem`` (file, row, column, what was found, what was probably meant):
- (an error, ``percent_typos``: a percentage of 1 or less given without its counts, 0.93 for 93%?);
- a measure with an LGBF code and no benchmark rows for it;
- a statutory-functions section of the annual report that will be empty, naming the measures
  that would fill it (the catalogue shipped in ``swlib/data/statutory_measures.csv``);
- an observation with a figure whose comment still gives a reason for a missing figure
  ("not available: ..."), which the report would print beside the figure;
- a council whose family group differs from the LGBF's, or whose id is nearly one of the 32;
- an id that differs from a known one by a typo ("did you mean ...");
- two counts whose ids or titles say one counts a part of the other ("Referrals", "Referrals
  screened") and that differ by a small number, without ``part_of`` (``undeclared_parts``);
- a workforce row that is a sub-team of another row ("Children and Families: fieldwork") or the
  sum of some of them, which the annual report's Total counts twice (``workforce_totals``), and a
  finance line that is a part of another (``finance_totals``); (errors, ``workforce_total_errors``
  and ``finance_total_errors``: a row or line that is the Total of the others, named so or their sum);
- a council's budget or outturn lines adding up to under £1m: typed in £000 (``finance_units``);
- a percentage given as a value alone, declared ``part_of`` a count that has no figure for its
  period: its base is unknown, so a public report prints it unchecked (``percentages_without_base``);
- a snapshot and a count of the people joining or leaving it ("Permanence Orders made",
  "Children subject to a permanence order at 31 March") whose change leaves a small number,
  without ``flow_of`` (``undeclared_flows``).

Pure functions of the typed tables (indexed by spreadsheet row, as loading reads them).
"""

from __future__ import annotations

import re

import pandas as pd

from . import year_runs as runs
from .amounts import singular, small_range, undeclared_amounts
from .config import council_settings
from .errors import FINANCE_UNITS, Problem, row_list
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period
from .rate_bases import age_populations_over_whole
from .rules import FREQUENCY_MONTHS, part_of_fits
from .schema import COUNT_UNITS
from .statutory import THEME, closest, did_you_mean, lgbf_councils, sections, statutory_measures
from .statutory_years import years_without_statutory


def data_warnings(tables: dict[str, pd.DataFrame], label, refused=None, totals=None) -> list[Problem]:
    """Every warning about ``tables`` (name -> typed frame; a table that failed its checks is
    absent). ``label(name)`` is how a table is named in messages (``measures.csv``). ``refused``:
    name -> the rows an error left out of that table (``year_runs.gaps`` reads the observations').
    ``totals``: ``totals_found`` of a table, where the errors have found them in these same rows."""
    totals = totals or {}
    out: list[Problem] = []
    measures = tables.get("measures")
    if measures is not None:
        if "observations" in tables:
            out += figures_with_missing_reasons(tables["observations"], label("observations"))
            out += percentages_without_base(tables["observations"], measures, label("observations"))
            out += undeclared_parts(tables["observations"], measures, label)
            out += undeclared_flows(tables["observations"], measures, label)
            out += undeclared_amounts(tables, label)  # a total and its average, of a count hidden
            out += year_runs(tables["observations"], measures, label("observations"),
                             (refused or {}).get("observations"))  # fmt: skip
            if "councils" in tables:
                out += years_without_statutory(
                    tables["observations"], measures, tables["councils"], label("observations")
                )
        out += percent_targets(measures, label("measures"))
        out += tolerances_without_targets(measures, tables.get("targets"), label("measures"))
        if "targets" in tables:
            out += percent_targets(tables["targets"], label("targets"), measures)
        if "benchmarks" in tables:
            out += lgbf_without_benchmarks(measures, tables["benchmarks"], label("measures"))
        if "councils" in tables:
            out += empty_statutory_sections(measures, tables["councils"], label("measures"))
    if "councils" in tables:
        out += lgbf_council_mismatches(tables["councils"], label("councils"))
        out += age_populations_over_whole(tables["councils"], label("councils"))  # population_0-15
    if "workforce" in tables:
        out += workforce_totals(tables["workforce"], label("workforce"), totals.get("workforce"))
    if "finance" in tables:
        out += finance_totals(tables["finance"], label("finance"), totals.get("finance"))
        out += finance_units(tables["finance"], label("finance"))
    return out


def year_runs(obs: pd.DataFrame, measures: pd.DataFrame, label: str, refused=None) -> list[Problem]:
    """A measure's figures within a year that do not fit together (``swlib.year_runs``): a period
    missing before the last, a figure that is the year to date, a total its parts contradict."""
    return [*runs.gaps(obs, measures, label, refused), *runs.cumulative_figures(obs, measures, label),
            *runs.totals_against_parts(obs, measures, label)]  # fmt: skip


def as_percent(fraction: float) -> str:
    """'91 for 91%, not 0.91': the figure a fraction was probably meant as."""
    p = f"{round(fraction * 100, 6):g}"
    return f"{p} for {p}%, not {fraction:g}"


TYPO_BELOW = 1  # a percentage typed without counts below this ...
TYPO_OTHERS = 10  # ... where the measure's other values are around more than this: an error, not a warning


def percent_typos(obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Errors: a percentage given as a value without counts above 0 and at most ``TYPO_BELOW``
    (0.86 typed for 86%, a fraction in a General cell): read as it is, 0.86 is 0.86%, and the
    report prints 0.9%. Where the measure's other values are larger the message says so; where they are fractions too, or there are none (a council's first year
    of a value-only measure), it says what the figure would mean. A figure that small is meant
    when its numerator and denominator are given (the value must then agree with them), so the
    message says how to keep it. Rates and ratios may be fractions: only unit percent is checked."""
    pct = set(measures.loc[measures["unit"] == "percent", "measure"])
    o = obs[obs["measure"].isin(pct)]
    counted = o["numerator"].notna() & o["denominator"].notna()
    small = o["value"].gt(0) & o["value"].le(TYPO_BELOW) & ~counted
    if not small.any():
        return []
    # the other figures: as typed, or worked out from their counts (a row of counts has no value)
    figure = o["value"].fillna(o["numerator"] * 100 / o["denominator"].where(o["denominator"] > 0))
    median = figure[~small].groupby(o.loc[~small, "measure"], sort=False).median()
    target = measures.drop_duplicates("measure").set_index("measure")["target"]
    out = []
    for measure, rows in o[small].groupby("measure", sort=False):
        others = median.get(measure, float("nan"))
        aim = f" against a target of {target[measure]:g}" if target.get(measure, 0) > 1 else ""
        for row, v in rows["value"].items():
            period = o.at[row, "period"]
            if others > 1:
                found = f"{measure}: {v:g} where its other values are around {others:.0f}"
            else:
                found = f"{measure} {period}: {v:g}, a percentage given without its counts, which reads as {v:g}%{aim}"
            out.append(
                Problem(
                    label,
                    int(row),
                    "value",
                    found,
                    f"a percentage from 0 to 100: {as_percent(v)}; if {v:g}% is right, give the numerator and "
                    "denominator it is worked out from as well, which confirm it",
                )
            )
    return out


# how a comment says a figure is missing (docs/guide.md: "not available: records moving to a new system")
MISSING_REASON = re.compile(
    r"^\s*(not (yet )?(available|provided|received)|n/?a\b|no figure|awaiting|figure due)", re.I
)


def figures_with_missing_reasons(obs: pd.DataFrame, label: str) -> list[Problem]:
    """Rows with a figure whose comment says the figure is missing (left from before it came in)."""
    if "comment" not in obs:
        return []
    figure = obs[["value", "numerator", "denominator"]].notna().any(axis=1)
    reason = obs["comment"].astype("string").str.match(MISSING_REASON).fillna(False).astype(bool)
    return [
        Problem(label, int(r), "comment",
                f"{obs.at[r, 'measure']} {obs.at[r, 'period']}: a figure and the comment {obs.at[r, 'comment']!r}, "
                "which the report prints beside it",
                "the comment cleared now that the figure is in (or a comment that is true of the figure)")
        for r in obs.index[figure & reason]
    ]  # fmt: skip


def percent_targets(df: pd.DataFrame, label: str, measures: pd.DataFrame | None = None) -> list[Problem]:
    """Targets for percentages above 0 and at most 1 (0.95 for 95%?)."""
    if measures is None:
        unit = df["unit"]
    else:
        unit = df["measure"].map(measures.drop_duplicates("measure").set_index("measure")["unit"])
    hit = df[(unit == "percent") & (df["target"] > 0) & (df["target"] <= 1)]
    return [
        Problem(label, int(r), "target", f"{df.at[r, 'target']:g} for {df.at[r, 'measure']}",
                f"a percentage target from 0 to 100: {as_percent(df.at[r, 'target'])}")
        for r in hit.index
    ]  # fmt: skip


def percent_target_typos(
    df: pd.DataFrame, label: str, measures: pd.DataFrame, obs: pd.DataFrame, unit: pd.Series | None = None
) -> list[Problem]:
    """Errors: a percentage target typed as a fraction (0.9 for 90%) where the measure's figures
    are on the 0 to 100 scale (around more than ``TYPO_OTHERS``), as a value of 0.93 among them
    is (``percent_typos``). Where the figures do not say which scale (none yet, or all small), it
    stays a warning (``percent_targets``). ``df``: the measures or targets table."""
    each = measures.drop_duplicates("measure").set_index("measure")
    unit = df["measure"].map(each["unit"]) if unit is None else unit
    hit = df[(unit == "percent") & (df["target"] > 0) & (df["target"] <= 1)]
    if hit.empty:
        return []
    o = obs[obs["measure"].isin(set(hit["measure"]))]
    figure = o["value"].fillna(o["numerator"] * 100 / o["denominator"].where(o["denominator"] > 0))
    median = figure.groupby(o["measure"], sort=False).median()
    return [
        Problem(label, int(r), "target",
                f"{df.at[r, 'target']:g} for {m}, whose values are around {median[m]:.0f}",
                f"a percentage target from 0 to 100: {as_percent(df.at[r, 'target'])}")
        for r, m in hit["measure"].items() if median.get(m, 0) > TYPO_OTHERS
    ]  # fmt: skip


def tolerances_without_targets(measures: pd.DataFrame, targets: pd.DataFrame | None, label: str) -> list[Problem]:
    """Measures given a tolerance (an amber band round a target) but no target, in measures or
    targets: the report shows them 'Data only', with no status, which the tolerance says was not meant."""
    has = measures["tolerance"].notna() & measures["target"].isna()
    if targets is not None and len(targets):
        has &= ~measures["measure"].isin(set(targets["measure"]))
    out = []
    for r in measures.index[has]:
        m, pol = measures.at[r, "measure"], measures.at[r, "polarity"]
        given = f"a tolerance of {measures.at[r, 'tolerance']:g}" + (f" and polarity {pol}" if pol != "none" else "")
        out.append(Problem(label, int(r), "target", f"a blank cell for {m}, which has {given}",
                           "a target (here, or by period in targets): without one the report shows the measure "
                           "'Data only', with no status; or clear its tolerance if it has no target"))  # fmt: skip
    return out


def lgbf_without_benchmarks(measures: pd.DataFrame, benchmarks: pd.DataFrame, label: str) -> list[Problem]:
    """Measures naming an LGBF code that the benchmarks table has no rows for."""
    codes = set(benchmarks["lgbf"].dropna())
    out = []
    for row in measures.index[measures["lgbf"].notna() & ~measures["lgbf"].isin(codes)]:
        code, measure = measures.at[row, "lgbf"], measures.at[row, "measure"]
        hint = did_you_mean(code, codes) or (
            "; make the benchmarks table with 'swreport import lgbf WORKBOOK'" if not codes else ""
        )
        out.append(
            Problem(
                label,
                int(row),
                "lgbf",
                f"{code!r} for {measure}, with no benchmark rows for {code}",
                f"an LGBF code in the benchmarks table, or a blank cell: the reports show no comparison for it{hint}",
            )
        )
    return out


def empty_statutory_sections(measures: pd.DataFrame, councils: pd.DataFrame, label: str) -> list[Problem]:
    """The annual report's statutory sections that a council's catalogue leaves empty."""
    cat = statutory_measures()
    known = set(measures["measure"])
    ids = list(councils["council"].dropna())
    out = []
    if not (measures["theme"] == THEME).any():  # none at all: one warning, not one per section
        return [
            Problem(
                label,
                None,
                "theme",
                f"no measure with theme '{THEME}': the annual report's statutory sections "
                f"({'; '.join(dict.fromkeys(sections().values()))}) will be empty",
                f"the {len(cat)} statutory measures of swlib/data/statutory_measures.csv ('swreport init' "
                "writes them; docs/guide.md lists them)",
            )
        ]
    statutory = measures[measures["theme"] == THEME]
    every = set(statutory.loc[statutory["council"].isna(), "outcome"])  # the outcomes every council has
    own: dict = {}
    for council, outcome in zip(statutory["council"], statutory["outcome"], strict=True):
        if pd.notna(council):
            own.setdefault(council, set()).add(outcome)
    for outcome, section in sections().items():
        empty = [] if outcome in every else [c for c in ids if outcome not in own.get(c, ())]
        if not empty:
            continue
        wanted = cat.loc[cat["outcome"] == outcome, "measure"]
        elsewhere = [m for m in wanted if m in known]
        where = "every council" if len(empty) == len(ids) else ", ".join(empty)
        moved = (
            f"; {', '.join(elsewhere)} {'is' if len(elsewhere) == 1 else 'are'} listed with another theme or "
            f"outcome (the report reads theme '{THEME}', outcome '{outcome}')"
            if elsewhere
            else ""
        )
        near = "".join(
            f"; is {close!r} a mistyped {m!r}?"
            for m in wanted
            if m not in known and (close := closest(m, sorted(known - set(wanted))))
        )
        out.append(
            Problem(
                label,
                None,
                "outcome",
                f"no measure with theme '{THEME}' and outcome '{outcome}' for {where}: annual report section "
                f"'{section}' will be empty{moved}{near}",
                f"the statutory measures {', '.join(wanted)} (swlib/data/statutory_measures.csv; "
                "'swreport init' writes them)",
            )
        )
    return out


def lgbf_council_mismatches(councils: pd.DataFrame, label: str) -> list[Problem]:
    """Councils whose family group differs from the LGBF's, or whose id is nearly one of the 32."""
    lg = lgbf_councils().set_index("council")
    by_name = {n.lower(): c for c, n in zip(lg.index, lg["name"], strict=True)}
    by_name |= {n.lower(): c for c, n in zip(lg.index, lg["lgbf_name"], strict=True)}
    out = []
    for row in councils.index:
        council, group = councils.at[row, "council"], councils.at[row, "family_group"]
        if council in lg.index:
            want = int(lg.at[council, "family_group"])
            if pd.notna(group) and int(group) != want:
                out.append(
                    Problem(
                        label,
                        int(row),
                        "family_group",
                        f"{int(group)} for {council}",
                        f"{want}, {lg.at[council, 'name']}'s LGBF family group (council lookups, Deprivation group), "
                        "so that its benchmarks compare it with the same councils as the LGBF does",
                    )
                )
            continue
        name = str(councils.at[row, "name"] or "").strip().lower()
        same = by_name.get(name) or by_name.get(name.removesuffix(" council"))
        hint = f" (did you mean {same!r}?)" if same else did_you_mean(council, list(lg.index))
        if hint:
            out.append(
                Problem(
                    label,
                    int(row),
                    "council",
                    f"{council!r}, which is not how the LGBF benchmarks name a council{hint}",
                    "the id the benchmarks table uses for this council, so its benchmarks can be found",
                )
            )
    return out


# words a title's comparison with another's leaves out (so that "Referrals" is within "Referrals that were screened")
TITLE_STOP = frozenset(
    "a an and at by during for from in is of on per received that the to was were which who with within".split()
)


def title_words(title) -> frozenset[str]:
    """A title's words for ``undeclared_parts``: lower case, a plural's "s" dropped (``amounts.singular``,
    of a word over three letters), small words left out."""
    words = re.findall(r"[a-z]+", str(title or "").lower())
    return frozenset(singular(w) if len(w) > 3 else w for w in words if w not in TITLE_STOP)


# where a title's qualifier starts: "Children on the register | for more than a year", "Referrals | within 24 hours"
QUALIFIER = re.compile(r"\b(?:for|who|whose|that|which|where|within|without|over|under|aged|longer|more\s+than|"
                       r"less\s+than|fewer\s+than|at\s+least|after|since)\b", re.I)  # fmt: skip


def title_head(title) -> tuple[frozenset[str], bool]:
    """A title's words before its qualifier (``QUALIFIER``), and whether it has one: "Children on the
    register for more than a year" is ({children, register}, True)."""
    m = QUALIFIER.search(str(title or ""))
    return title_words(str(title or "")[: m.start()] if m else title), bool(m)


def qualified_part(whole_title, part_title) -> bool:
    """Whether the part's title names the whole more briefly, then qualifies it: its words before the
    qualifier (two or more) are all the whole's, and the whole has no qualifier ("Children on the
    register for more than a year" of "Children on the child protection register")."""
    head, qualified = title_head(part_title)
    whole_head, whole_qualified = title_head(whole_title)
    return qualified and not whole_qualified and len(head) >= 2 and head <= whole_head


def _id_part(whole: str, part: str) -> bool:
    return part.startswith((whole + "-", whole + "_", whole + "."))


def undeclared_parts(obs: pd.DataFrame, measures: pd.DataFrame, label, settings=None) -> list[Problem]:
    """Warnings: two counts added up over the year (unit count or number, aggregate sum; one
    as often as the other, or a monthly part of a quarterly whole, its months summed to each
    quarter) or two snapshots of one frequency (aggregate latest, at the same date), where one's id
    or title says it counts a part of the other, its ``part_of`` does not name the other, and in some council's period both are larger than
    the council's ``suppress_max`` and differ by ``suppress_min`` to ``suppress_max``: a public
    report prints both (referrals 312, screened 309: 3 not screened), since only a declared
    ``part_of`` makes it hide the difference. One warning a pair, on the part's measures row.
    ``settings(council)``: the council's settings (default: ``params/``).

    A part's id is the whole's and more (referrals, referrals-screened), its title has every word of
    the whole's and more ("Referrals received", "Referrals received that were screened"), or its
    title is a shorter name of the whole with a qualifier (``qualified_part``). Siblings are not
    parts: "Emergency detentions" and "Short-term detentions", "Child Protection Orders made" and
    "Permanence Orders made" each have a word the other has not, as have "... for more than a year"
    and "... for less than a year" (neither is the unqualified whole)."""
    settings = settings or council_settings
    m = measures.drop_duplicates("measure")
    summed = m[m["unit"].isin(COUNT_UNITS) & m["aggregate"].isin(("sum", "latest"))]
    declared = summed["part_of"] if "part_of" in summed else pd.Series(None, index=summed.index)
    ids, freq, said = summed["measure"].to_dict(), summed["frequency"].to_dict(), declared.to_dict()
    agg = summed["aggregate"].to_dict()
    words = {i: title_words(t) for i, t in summed["title"].items()}
    having: dict[str, set] = {}  # the measures whose title has each word: a whole's parts have all of its words
    for i, ws in words.items():
        for x in ws:
            having.setdefault(x, set()).add(i)
    row_of = {m: i for i, m in ids.items()}
    by_id: dict[int, set] = {}  # referrals-screened: a part of referrals, by its id
    for p, part in ids.items():
        for k in (k for k, c in enumerate(part) if c in "-_." and part[:k] in row_of):
            by_id.setdefault(row_of[part[:k]], set()).add(p)
    titles = summed["title"].to_dict()
    qualified: dict[int, set] = {}  # "... for more than a year": a part of each unqualified title with its head's words
    for p, t in titles.items():
        head, q = title_head(t)
        if q and len(head) >= 2:
            for w in set.intersection(*(having.get(x, set()) for x in head)):
                if w != p and qualified_part(titles[w], t):
                    qualified.setdefault(w, set()).add(p)
    pairs = []
    for w, ws in words.items():
        parts = {p for p in set.intersection(*(having[x] for x in ws)) if ws < words[p]} if ws else set()
        parts |= qualified.get(w, set())
        for p in sorted(parts | by_id.get(w, set())):
            if w != p and part_of_fits(freq[p], agg[p], freq[w], agg[w]) and said.get(p) != ids[w]:
                pairs.append((w, p))
    if not pairs:
        return []
    o, have = _values_by_key(obs)
    out = []
    for w, p in pairs:
        whole, part = summed.at[w, "measure"], summed.at[p, "measure"]
        if whole not in have or part not in have:
            continue
        mine = o.xs(part, level="measure")
        if freq[p] != freq[w]:  # a monthly part of a quarterly whole: its months summed to each quarter
            mine = _summed_to(mine, FREQUENCY_KIND[freq[p]], FREQUENCY_KIND[freq[w]])
        both = pd.concat([o.xs(whole, level="measure"), mine], axis=1, join="inner")
        for (council, period), (a, b) in both.iterrows():
            lo, hi = small_range(settings, council)
            if a > hi and b > hi and lo <= a - b <= hi:
                out.append(
                    Problem(
                        label("measures"), int(p), "part_of",
                        f"{part} ({summed.at[p, 'title']}) {b:g} and {whole} ({summed.at[w, 'title']}) {a:g} for "
                        f"{council} in {period}, {a - b:g} apart, and {part}'s part_of not {whole}, though its "
                        f"{'id' if _id_part(whole, part) else 'title'} says it counts a part "
                        f"of {whole}: a public report prints both, and the {a - b:g} they leave",
                        f"part_of = {whole} on {part}'s row if it counts a part of it, so that public reports "
                        "hide the difference (if it does not, a title and id that do not read as a part of it)",
                        council=council,
                    )
                )  # fmt: skip
                break
    return out


def _summed_to(values: pd.Series, kind: str, whole_kind: str) -> pd.Series:
    """A part's values (by council and period of ``kind``) summed to the periods of ``whole_kind``
    that hold them, where all of a period's are given (three months to their quarter)."""
    span, whole_span = SPAN_MONTHS[kind], SPAN_MONTHS[whole_kind]
    keys = []
    for council, period in values.index:
        q = Period.parse(period)
        start = (q.end // whole_span) * whole_span
        keys.append((council, str(Period(q.fy, whole_kind, start, start + whole_span - 1))))
    grouped = values.groupby(pd.MultiIndex.from_tuples(keys, names=values.index.names))
    full = grouped.count() == whole_span // span
    return grouped.sum()[full]


_SUB_TEAM = (":", " - ")  # "Children and Families: fieldwork", "Adult Services - Care at Home"
_TOTAL_WORDS = re.compile(r"\btotal\b|\ball\s", re.IGNORECASE)  # "Total staff", "All social work services"
# a row that is the Total of the others by its name, an error ("All other services" is a service)
_TOTAL_NAME = re.compile(r"\b(?:sub-?)?total\b|^all\s+(?!others?\b)", re.IGNORECASE)


def _sum_of_some(value: float, others: list[float]) -> bool:
    """Whether two or more of ``others`` add up to ``value`` exactly (a total of some of the teams)."""
    whole = [round(x) for x in others if x > 0]
    if len(whole) < 2 or len(whole) > 16 or not float(value).is_integer():
        return False
    sums: dict[int, int] = {0: 0}  # a sum -> the most rows that make it (whether two or more do)
    for x in whole:
        for s, k in list(sums.items()):
            sums[s + x] = max(sums.get(s + x, 0), k + 1)
    return sums.get(round(value), 0) >= 2


def _total_rows(df: pd.DataFrame, keys: list[str], name: str, count: str, part="sub-team", row="row", at_least=True):
    """The rows of ``df`` that are totals or parts of other rows of the same ``keys`` (a council's
    return): (row, its name, its figure, why, in words of a ``part`` and a ``row``). Its ``name``
    says so ("Total ...", "All social work services", or another row's name followed by ':' or
    ' - ', "Children and Families: fieldwork" beside "Children and Families"), or its ``count`` is
    the sum of two or more of the other rows, or (``at_least``) at least the sum of all of them
    where there are three or more. A group of one row (a council that gives only its total) has none.
    Last, whether the row is the Total of the others (an error, not a warning): named so ("Total",
    "Grand total", "All teams"; not a part of another row) or the sum of all the others (two or more)."""
    for _key, rows in df.groupby(keys, sort=False):
        if len(rows) < 2:
            continue
        names = {i: str(n).strip() for i, n in rows[name].items()}
        counts = rows[count].astype(float)
        for i, name_i in names.items():
            h = counts[i]
            others = [counts[j] for j in names if j != i and pd.notna(counts[j])]
            parent = next((names[j] for j in names if j != i and name_i.lower().startswith(
                tuple(names[j].lower() + s for s in _SUB_TEAM))), None)  # fmt: skip
            if parent is not None:
                why = f"a {part} of '{parent}' (its name is that {row}'s followed by a {part}'s)"
            elif _TOTAL_WORDS.search(name_i):
                why = f"a total of other {row}s, by its name"
            elif pd.notna(h) and len(others) >= 2 and abs(h - sum(others)) < 0.5:
                why = f"a total of the other {row}s: the sum of all {len(others)} of them"
            elif at_least and pd.notna(h) and len(others) >= 3 and h >= sum(others):
                why = f"a total of other {row}s: at least the {sum(others):g} of all the others"
            elif pd.notna(h) and _sum_of_some(h, others):
                why = f"a total of other {row}s: the sum of some of them"
            else:
                continue
            yield i, name_i, h, why, parent is None and (bool(_TOTAL_NAME.search(name_i)) or "sum of all" in why)


def _workforce_rows(workforce: pd.DataFrame):
    """(row, what was found, whether it is the Total) for each workforce row that is a total or a
    sub-team of another row of its council's return (``_total_rows``)."""
    for i, name, h, why, total in _total_rows(workforce, ["council", "period"], "service", "headcount"):
        shown = f" ({h:g})" if pd.notna(h) else ""
        yield int(i), f"'{name}'{shown} for {workforce.at[i, 'council']} in {workforce.at[i, 'period']}, {why}", total


def _finance_lines(finance: pd.DataFrame):
    """(row, what was found, its kind, whether it is the Total) for each finance line that is a
    total or a part of another line of its council, year and kind (``_total_rows``)."""
    each = _total_rows(finance, ["council", "period", "kind"], "line", "amount", "part", "line", at_least=False)
    for i, name, amount, why, total in each:
        shown = f" (£{amount:,.0f})" if pd.notna(amount) else ""
        council, period, kind = (finance.at[i, c] for c in ("council", "period", "kind"))
        article = "an" if str(kind)[:1] in "aeiou" else "a"
        yield int(i), f"'{name}'{shown}, {article} {kind} line for {council} in {period}, {why}", kind, total


def totals_found(tables: dict[str, pd.DataFrame]) -> dict[str, list]:
    """The workforce rows and finance lines that are totals or parts of others (``_workforce_rows``,
    ``_finance_lines``), by table: found once for a data set's errors and its warnings alike."""
    each = {"workforce": _workforce_rows, "finance": _finance_lines}
    return {name: list(rows(tables[name])) for name, rows in each.items() if name in tables}


def workforce_totals(workforce: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Warnings: a workforce row that is really a total or a sub-team of another row of the same
    council's return (``_total_rows``). The annual report adds the rows up into its Total, so such
    a row counts its people twice, and beside its teams it gives one away by subtraction (719 for
    all services, the teams printed beside it). One warning a row, on the workforce file's row; a
    return of one row (a council that gives only its total) is not warned."""
    return [
        Problem(label, i, "service", found,
                "one row a team, none a total or a part of another row: the annual report adds the rows "
                "into its Total, which would count these people twice, and beside the teams it is made of "
                "a public report would give a team's headcount away by subtraction (remove the row, or "
                "give its sub-teams in place of the team)")
        for i, found, total in (_workforce_rows(workforce) if rows is None else rows)
        if not total  # a Total is an error (``workforce_total_errors``)
    ]  # fmt: skip


def finance_totals(finance: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Warnings: a finance line that is really a total or a part of another line of the same
    council, year and kind (``_total_rows``: "Total" beside the service lines, as every budget
    sheet has it, or a line the sum of others). The annual report adds the lines into its Total,
    so such a line doubles the budget and the overspend. A large line beside smaller ones is a
    service (Adult services are most of a budget): only a name or an exact sum says total."""
    return [
        Problem(label, i, "line", found,
                f"one line a service, none a total or a part of another line: the annual report adds the {kind} "
                "lines into its Total, which would count these pounds twice (remove the line, or give its "
                "parts in place of the line)")
        for i, found, kind, total in (_finance_lines(finance) if rows is None else rows)
        if not total  # a Total is an error (``finance_total_errors``)
    ]  # fmt: skip


def workforce_total_errors(workforce: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Errors: a workforce row that is the Total of the others of its council's return ("Total",
    "All teams", or the sum of all the other rows; ``_total_rows``). The annual report adds the
    rows into its own Total, which would print the people twice ("Total 1,430" beside "Total
    715"); a warning was missed. A team merely larger than the rest is a team: not refused."""
    return [
        Problem(label, i, "service", found,
                "delete the Total row: the report adds the rows itself (the annual report's Total "
                "of the teams would count these people twice)")
        for i, found, total in (_workforce_rows(workforce) if rows is None else rows)
        if total
    ]  # fmt: skip


def finance_total_errors(finance: pd.DataFrame, label: str, rows=None) -> list[Problem]:
    """Errors: a finance line that is the Total of the other lines of its council, year and kind
    ("Total", "Grand total", or the sum of all the other lines; ``_total_rows``). The annual
    report adds the lines into its own Total, which would print the budget, outturn and
    overspend doubled ("Total £411,100 100%" beside "Total £205,550 50%"). A line merely larger
    than the rest is a service (Adult services are most of a budget): not refused."""
    return [
        Problem(label, i, "line", found,
                f"delete the Total row: the report adds the lines itself (the annual report's Total of the {kind} "
                "lines would count these pounds twice)")
        for i, found, kind, total in (_finance_lines(finance) if rows is None else rows)
        if total
    ]  # fmt: skip


def unbased_percentages(obs: pd.DataFrame, measures: pd.DataFrame) -> pd.Series:
    """For each observation: the count a percentage given as a value alone is declared a part of
    (``part_of``) where that count has no figure for the same council and period, so that nothing
    a public report prints is its base and public suppression cannot check it (10.0% of an
    unknown number of children can be 4 of 40); missing (NA) for every other row."""
    out = pd.Series(pd.NA, index=obs.index, dtype="object")
    if "part_of" not in measures or obs.empty:
        return out
    m = measures.drop_duplicates("measure").set_index("measure")
    whole = m["part_of"].where((m["unit"] == "percent") & m["part_of"].map(m["unit"]).isin(COUNT_UNITS))
    bare = obs["value"].notna() & obs["numerator"].isna() & obs["denominator"].isna()
    of = obs["measure"].map(whole.dropna()).where(bare)
    given, _ = _values_by_key(obs)
    keys = pd.MultiIndex.from_arrays([obs["council"], obs["period"], of.fillna("")])
    return of.where(of.notna() & ~pd.Series(keys.isin(given.index), index=obs.index), out)


def percentages_without_base(obs: pd.DataFrame, measures: pd.DataFrame, label: str) -> list[Problem]:
    """Warnings, one a measure and council: a percentage given as a value alone, declared a part
    of a count (``part_of``) that has no figure for some of its periods (``unbased_percentages``):
    its base is unknown there, so a public report prints it unchecked."""
    of = unbased_percentages(obs, measures).dropna()
    out = []
    for (council, measure), rows in obs.loc[of.index].groupby(["council", "measure"], sort=False):
        whole, periods = of[rows.index[0]], list(rows["period"])
        out.append(
            Problem(
                label,
                int(rows.index[0]),
                "value",
                f"{measure} ({council}): {', '.join(periods[:5])}{' ...' if len(periods) > 5 else ''} given as a "
                f"percentage alone (row{'s' if len(rows) > 1 else ''} {row_list(rows.index)}), and {whole}, the "
                f"count it is part_of, has no figure for {'them' if len(rows) > 1 else 'it'}: its base is unknown, "
                "so whether it gives away a small number cannot be checked and public reports print it unchecked",
                f"{whole}'s figure for the same period{'s' if len(rows) > 1 else ''} (then it is checked against "
                "it), or this row's numerator and denominator",
            )
        )
    return out


SMALLEST_BUDGET = 1_000_000  # a council's social work budget or outturn below this was typed in £000 or £m


def finance_units(finance: pd.DataFrame, label: str) -> list[Problem]:
    """Warnings: a council's budget (or outturn) lines for a year adding up to less than
    ``SMALLEST_BUDGET``: amounts are in pounds, and a social work budget is tens of millions, so
    these were typed in £000 (72,450 for £72.45m, as budget papers give them) or £m, and the
    annual report would print £72,450. One warning a council, year and kind, on its first line."""
    kinds = finance[finance["kind"].isin(("budget", "outturn")) & finance["amount"].notna()]
    out = []
    for (council, period, kind), rows in kinds.groupby(["council", "period", "kind"], sort=False):
        total = float(rows["amount"].sum())
        if not 0 < total < SMALLEST_BUDGET:
            continue
        biggest = float(rows["amount"].max())
        unit, times = ("£m", 1_000_000) if biggest < 1000 else ("£000", 1000)  # £206m in £000 is 206,000
        out.append(
            Problem(label, int(rows.index[0]), "amount",
                    f"{council}'s {kind} lines for {period} adding up to £{total:,.0f}, the largest {biggest:,g}",
                    f"amounts in pounds, not £000 or £m (a social work {kind} is many millions): {biggest:,g} in "
                    f"{unit} is {biggest * times:,.0f}; multiply each line by {times:,}", code=FINANCE_UNITS),
        )  # fmt: skip
    return out


def _values_by_key(obs: pd.DataFrame) -> tuple[pd.Series, set]:
    """The figures given as values, by (council, period, measure), the first of a duplicated key
    (validate names the duplicate), and the measures that have any."""
    o = obs[obs["value"].notna()].set_index(["council", "period", "measure"])["value"]
    o = o[~o.index.duplicated()]
    return o, set(o.index.get_level_values("measure"))


# words of a title that say nothing of which people a snapshot and a flow share ("Children ...", "... made")
FLOW_STOP = frozenset("child children young people person adult number total made new march end year subject".split())


def _as_often(flow_freq: str, stock_freq: str) -> bool:
    """Whether a flow is counted as often as its snapshot or less often (a yearly count of orders
    made beside a quarterly snapshot: the snapshot at the end of each year is printed with it)."""
    return FREQUENCY_MONTHS[flow_freq] % FREQUENCY_MONTHS[stock_freq] == 0


def undeclared_flows(obs: pd.DataFrame, measures: pd.DataFrame, label, settings=None) -> list[Problem]:
    """Warnings: a snapshot of people (a count with aggregate latest) and a count added up over the
    same periods or longer ones (aggregate sum, as often as the snapshot or less often: a yearly count
    beside a quarterly snapshot, whose end of year it is set against) under the same theme and outcome, whose titles share a
    word that names what they count ("Permanence Orders made", "Children subject to a permanence
    order at 31 March"), where the snapshot of the period before, plus the count, less the snapshot
    now (or the other way round) is ``suppress_min`` to ``suppress_max`` in some council's period
    and the count's ``flow_of`` does not name the snapshot: a public report prints both (166 + 24
    - 187: 3 orders ended), since only a declared ``flow_of`` makes it hide the count. One warning a
    pair, on the count's measures row."""
    settings = settings or council_settings
    m = measures.drop_duplicates("measure")
    counts = m[m["unit"].isin(COUNT_UNITS)]
    declared = counts["flow_of"] if "flow_of" in counts else pd.Series(None, index=counts.index)
    # not linked.same_cases' words: they drop 3-letter words, so "CSOs made" would not meet "Children on a CSO"
    words = {i: title_words(t) - FLOW_STOP for i, t in counts["title"].items()}
    pairs = [(s, f) for s in counts.index[counts["aggregate"] == "latest"] for f in counts.index[counts["aggregate"] == "sum"]
             if _as_often(counts.at[f, "frequency"], counts.at[s, "frequency"]) and (counts.at[s, "theme"], counts.at[s, "outcome"])
             == (counts.at[f, "theme"], counts.at[f, "outcome"])
             and words[s] & words[f] and declared.get(f) != counts.at[s, "measure"]]  # fmt: skip
    if not pairs:
        return []
    o, have = _values_by_key(obs)
    out = []
    for s, f in pairs:
        stock, flow = counts.at[s, "measure"], counts.at[f, "measure"]
        if stock not in have or flow not in have:
            continue
        kind, s_kind = FREQUENCY_KIND[counts.at[f, "frequency"]], FREQUENCY_KIND[counts.at[s, "frequency"]]
        snaps, moved = o.xs(stock, level="measure"), o.xs(flow, level="measure")
        found = None
        for (council, period), f_now in moved.items():  # each of the flow's periods: the snapshots at its ends
            p = Period.parse(period)
            parts = p.year_period.parts(kind)
            if p not in parts:  # a figure for a longer period than the measure's own
                continue
            before = parts[parts.index(p) - 1] if parts.index(p) else p.year_period.shift_years(-1).parts(kind)[-1]
            start = snaps.get((council, str(before.parts(s_kind)[-1])))
            now = snaps.get((council, str(p.parts(s_kind)[-1])))
            lo, hi = small_range(settings, council)
            if (
                start is not None
                and now is not None
                and (lo <= start + f_now - now <= hi or lo <= now - start + f_now <= hi)
            ):
                found = (council, period, start, f_now, now)
                break
        if found:
            council, period, start, f_now, now = found
            out.append(
                Problem(
                    label("measures"), int(f), "flow_of",
                    f"{flow} ({counts.at[f, 'title']}) {f_now:g} beside {stock} ({counts.at[s, 'title']}) {start:g} "
                    f"the period before and {now:g} at the end of {council}'s {period}, and {flow}'s flow_of not "
                    f"{stock}: a public report prints all three, and the snapshot before plus the count less the "
                    "snapshot now (or the other way round) is a small number",
                    f"flow_of = {stock} on {flow}'s row if it counts people joining or leaving it, so that public "
                    "reports hide it where that gives a small number away",
                    council=council,
                )
            )  # fmt: skip
    return out
