"""Measures whose titles and figures say they are linked where measures.csv does not say so:
two counts whose ids or titles say one counts a part of the other ("Referrals", "Referrals
screened") and that differ by a small number, without ``part_of`` (``undeclared_parts``); a
snapshot and a count of the people joining or leaving it ("Permanence Orders made", "Children
subject to a permanence order at 31 March") whose change leaves a small number, without
``flow_of`` (``undeclared_flows``). Public reports would print the small difference: warnings.
"""

from __future__ import annotations

import re

import pandas as pd

from .amounts import settings_once, singular, small_range
from .config import council_settings
from .errors import Problem
from .measure_rules import FREQUENCY_MONTHS, part_of_fits
from .periods import FREQUENCY_KIND, SPAN_MONTHS, Period
from .schema import COUNT_UNITS

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
    settings = settings_once(settings or council_settings)  # each council's read once
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
    o, have = values_by_key(obs)
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


def values_by_key(obs: pd.DataFrame) -> tuple[pd.Series, set]:
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


def _flow_pairs(counts: pd.DataFrame, words: dict, declared: pd.Series) -> list[tuple]:
    """(snapshot row, count row) for each snapshot (aggregate latest) and count (sum) of ``counts`` under
    the same theme and outcome, the count as often as the snapshot or less often, whose title words
    (``words``) meet, and whose ``flow_of`` (``declared``) does not name the snapshot: in the order of
    the snapshots, then of the counts. Each snapshot is set only against the counts of its theme and
    outcome that share a word with it (a national panel's thousands of measures: not every pair)."""
    cells = {c: counts[c].tolist() for c in ("theme", "outcome", "frequency", "measure")}
    at = {i: k for k, i in enumerate(counts.index)}
    aggregate = counts["aggregate"].tolist()
    sums: dict[tuple, dict[str, list]] = {}  # (theme, outcome) -> word -> the counts with it, in order
    for k, i in enumerate(counts.index):
        if aggregate[k] == "sum":
            for w in words[i]:
                sums.setdefault((cells["theme"][k], cells["outcome"][k]), {}).setdefault(w, []).append(i)
    pairs = []
    for k, s in enumerate(counts.index):
        if aggregate[k] != "latest":
            continue
        near = sums.get((cells["theme"][k], cells["outcome"][k]), {})
        for f in sorted({f for w in words[s] for f in near.get(w, ())}, key=at.get):
            if _as_often(cells["frequency"][at[f]], cells["frequency"][k]) and declared.get(f) != cells["measure"][k]:
                pairs.append((s, f))
    return pairs


def _councils_by_measure(o: pd.Series) -> dict[str, set]:
    """measure -> the councils with a value for it (``values_by_key``'s figures)."""
    out: dict[str, set] = {}
    for council, _period, measure in o.index:
        out.setdefault(measure, set()).add(council)
    return out


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
    settings = settings_once(settings or council_settings)  # each council's read once
    m = measures.drop_duplicates("measure")
    counts = m[m["unit"].isin(COUNT_UNITS)]
    declared = counts["flow_of"] if "flow_of" in counts else pd.Series(None, index=counts.index)
    # not linked.same_cases' words: they drop 3-letter words, so "CSOs made" would not meet "Children on a CSO"
    words = {i: title_words(t) - FLOW_STOP for i, t in counts["title"].items()}
    pairs = _flow_pairs(counts, words, declared)
    if not pairs:
        return []
    o, have = values_by_key(obs)
    whose = _councils_by_measure(o)
    out = []
    for s, f in pairs:
        stock, flow = counts.at[s, "measure"], counts.at[f, "measure"]
        if stock not in have or flow not in have or whose[stock].isdisjoint(whose[flow]):
            continue  # no council gives both: no snapshot at any end of the flow's periods
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


# words of a title that say when or how often a count is taken, not what it counts ("... at quarter end",
# "... during the year", "... at 31 March"), and the people words FLOW_STOP leaves out
WHEN_STOP = (
    frozenset("quarter month year end during annual quarterly monthly march point this last".split()) | FLOW_STOP
)


def same_count(a_title, b_title) -> bool:
    """Whether two titles name the same count but for when it is taken: the words of one, less
    when and whose (``WHEN_STOP``), two or more, are all the other's ("Children placed in secure
    accommodation" and "Children and young people in secure accommodation during the year")."""
    a, b = (title_words(t) - WHEN_STOP for t in (a_title, b_title))
    a, b = {w for w in a if not w.isdigit()}, {w for w in b if not w.isdigit()}
    small, large = sorted((a, b), key=len)
    return len(small) >= 2 and small <= large


def undeclared_frequencies(obs: pd.DataFrame, measures: pd.DataFrame, label, settings=None) -> list[Problem]:
    """Warnings: the same count at two frequencies (``same_count``: a council's quarterly "Children
    placed in secure accommodation" and the statutory yearly "... in secure accommodation during the
    year"; a quarterly snapshot "Looked after children at quarter end" and the yearly "... at 31
    March"), both added up (aggregate sum) or both snapshots (latest), where the longer period's
    figure less the shorter one's printed earlier in it (the year to December; the snapshot at 31
    December) is ``suppress_min`` to ``suppress_max`` in some council's period and neither names the
    other in ``part_of``: the Q4 report hides 18 - 15, the yearly row prints 18 beside it. One
    warning a pair, on the more frequent measure's row: declare it ``part_of`` the other."""
    settings = settings_once(settings or council_settings)  # each council's read once
    m = measures.drop_duplicates("measure")
    counts = m[m["unit"].isin(COUNT_UNITS) & m["aggregate"].isin(("sum", "latest"))]
    declared = counts["part_of"] if "part_of" in counts else pd.Series(None, index=counts.index)
    span = {i: FREQUENCY_MONTHS.get(f) for i, f in counts["frequency"].items()}
    pairs = [(c, f) for c in counts.index for f in counts.index
             if span[c] and span[f] and span[f] < span[c] and span[c] % span[f] == 0
             and counts.at[c, "aggregate"] == counts.at[f, "aggregate"]
             and declared.get(f) != counts.at[c, "measure"] and declared.get(c) != counts.at[f, "measure"]
             and same_count(counts.at[c, "title"], counts.at[f, "title"])]  # fmt: skip
    if not pairs:
        return []
    o, have = values_by_key(obs)
    out = []
    for c, f in pairs:
        coarse, fine = counts.at[c, "measure"], counts.at[f, "measure"]
        if coarse not in have or fine not in have:
            continue
        kind, c_kind = FREQUENCY_KIND[counts.at[f, "frequency"]], FREQUENCY_KIND[counts.at[c, "frequency"]]
        summed = counts.at[c, "aggregate"] == "sum"
        mine, theirs = o.xs(fine, level="measure"), o.xs(coarse, level="measure")
        found = None
        for (council, period), whole in theirs.items():
            p = Period.parse(period)
            if p.kind != c_kind:
                continue
            lo, hi, so_far = *small_range(settings, council), 0.0
            for q in p.parts(kind)[:-1]:  # the shorter periods printed before the longer one ends
                v = mine.get((council, str(q)))
                if v is None:
                    break
                so_far = so_far + v if summed else v
                if whole > hi and so_far > hi and lo <= abs(whole - so_far) <= hi:
                    found = (council, period, whole, str(q), so_far)
                    break
            if found:
                break
        if found:
            council, period, whole, q, so_far = found
            out.append(
                Problem(
                    label("measures"), int(f), "part_of",
                    f"{fine} ({counts.at[f, 'title']}) and {coarse} ({counts.at[c, 'title']}) read as the same count "
                    f"at two frequencies: {coarse} {whole:g} for {council}'s {period}, {fine} {so_far:g} "
                    f"{'to the end of' if summed else 'at the end of'} {q}, {abs(whole - so_far):g} apart; a public "
                    f"report hides {fine}'s figure but prints {coarse}'s beside it",
                    f"part_of = {coarse} on {fine}'s row if it is the same count (or a part of it), so that public "
                    "reports hide both where they are a small number apart (if it is not, titles that do not read "
                    "as the same count)",
                    council=council,
                )
            )  # fmt: skip
    return out
