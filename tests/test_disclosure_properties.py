"""Disclosure control as properties: random small counts in random periods of random measures, and
no count from 1 to 4 can be worked out from the public reports of a year (the test differences them)."""

import re

import pandas as pd
import pytest

import swlib
from swlib.disclosure import suppress_table
from tests.conftest import make_data

pytest.importorskip("hypothesis", reason="the property tests need the dev extras: pip install -e '.[dev]'")
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _figure(cell: dict) -> tuple | None:
    """(value, numerator, denominator) from a printed cell: "93", "95.7% (67 of 70)", "[c]", "–" (the
    counts a percentage is built on printed after it, as the table prints them)."""
    text = " ".join(filter(None, (cell.get("text"), cell.get("counts"))))
    m = re.match(r"\s*(-?[\d,]+(?:\.\d+)?)%?(?: \(([\d,]+) of ([\d,]+)\))?", text or "")
    if not m:
        return None
    num = lambda s: float(s.replace(",", "")) if s else float("nan")  # noqa: E731
    return num(m.group(1)), num(m.group(2)), num(m.group(3))


def published_figures(ds, council: str, fy: int, quarters=(1, 2, 3, 4), published=None) -> dict:
    """What the public quarterly reports for Q1..Q4 of ``fy`` print, as a reader would collect it:
    {(measure title, fy, quarter): (value, numerator, denominator)} from the performance tables'
    "to date" and year cells and the sentences' "at this point last year" (a measure shown at its
    latest period, an annual one in a quarterly report, filed under that period). ``published``:
    the record of what earlier public reports printed (default: none)."""
    from swlib import published as record
    from swlib.trends import describe
    from swlib.views import performance_view, without_figures

    seen: dict = {}
    for q in quarters:
        P = swlib.Period.quarter(fy, q)
        perf = swlib.performance(ds, council, P, audience="public",
                                 published=published if published is not None else record.empty())  # fmt: skip
        perf["sentence"] = describe(perf, ds, council, P)
        view = performance_view(perf)
        rows = [r for part in view["parts"] for o in part["outcomes"] for t in o["tables"] for r in t["rows"]]
        years = perf.attrs["years"]
        printed = perf[~without_figures(perf)]  # a measure with no figures yet prints none (one line at the end)
        for r, (_, pr) in zip(rows, printed.iterrows(), strict=True):
            put = lambda key, f: f and seen.setdefault(key, f)  # noqa: E731
            eff = swlib.Period.parse(pr["period_shown"])
            at = (eff.fy, eff.end // 3 + 1)
            put((r["title"], *at), None if r["to_date"].get("suppressed") else _figure(r["to_date"]))
            shown = [y for y in years if y != pr["period_shown"]] if len(r["years"]) < len(years) else years
            for y, c in zip(shown, r["years"], strict=True):
                put((r["title"], swlib.Period.parse(y).fy, 4), None if c.get("suppressed") else _figure(c))
            m = re.search(r"(?:from|as) ([\d,.]+)%? (?:at this point last year|\()", pr["sentence"] or "")
            m = m or re.search(r"same as at this point last year \(([\d,.]+)", pr["sentence"] or "")
            if m:
                put((r["title"], at[0] - 1, at[1]), (float(m.group(1).replace(",", "")), float("nan"), float("nan")))
    return seen


def derivable_small_counts(seen: dict, units: dict, lo=1, hi=4, aggregates: dict | None = None) -> list:
    """Every count from lo to hi a reader can work out from the published figures: directly, as a
    complement, or as the difference of two cumulative figures (totals: aggregate ``sum``) of the
    same measure and year."""
    small = lambda x: x == x and lo <= round(x, 6) <= hi  # noqa: E731
    out = []
    for (title, fy, q), (v, n, d) in seen.items():
        count = units[title] in ("count", "number")
        if (count and small(v)) or small(n) or small(d) or (units[title] == "percent" and small(d - n)):
            out.append((title, fy, q, "direct"))
        for (t2, fy2, q2), (v2, n2, d2) in seen.items():
            if t2 == title and fy2 == fy and q2 < q and (aggregates or {}).get(title, "sum") == "sum":
                diffs = (
                    [n - n2, d - d2]
                    + ([v - v2] if count else [])
                    + ([(d - n) - (d2 - n2)] if units[title] == "percent" else [])
                )
                if any(small(x) for x in diffs):
                    out.append((title, fy, q, f"minus Q{q2}"))
    return out


_count = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 60))


@st.composite
def measures_and_data(draw, fewest=1):
    ms, obs = [], []
    for i in range(draw(st.integers(fewest, 3))):
        freq = draw(st.sampled_from(["monthly", "quarterly"]))
        unit = draw(st.sampled_from(["count", "number", "percent"]))
        ms.append(
            {"title": f"Measure {'ABC'[i]}", "unit": unit, "frequency": freq, "polarity": "higher", "target": "50"}
        )
        kind = "month" if freq == "monthly" else "quarter"
        for fy in (2019, 2020):
            for p in swlib.Period.year(fy).parts(kind):
                if draw(st.booleans()) and draw(st.booleans()):
                    continue  # a period with no figure
                if unit == "percent":
                    d = draw(_count)
                    n = draw(st.integers(0, d))
                    obs.append({"measure": f"m{i}", "period": str(p), "numerator": str(n), "denominator": str(d)})
                else:
                    obs.append({"measure": f"m{i}", "period": str(p), "value": str(draw(_count))})
    return ms, obs


def _quarters(measure: str, figures: dict) -> list[dict]:
    """Observations of ``measure`` for the quarters of 2019-20 and 2020-21: {period: value, or (n, d)}."""
    cols = lambda f: {"numerator": str(f[0]), "denominator": str(f[1])} if isinstance(f, tuple) else {"value": str(f)}  # noqa: E731
    return [{"measure": measure, "period": p, **cols(f)} for p, f in figures.items()]


_A_YEAR = {  # each measure gives a count of 1 to 4 away unless suppressed: directly, as a complement or a difference
    "count": {"2019-20-Q1": 30, "2019-20-Q2": 41, "2019-20-Q3": 0, "2019-20-Q4": 35,
              "2020-21-Q1": 12, "2020-21-Q2": 3, "2020-21-Q3": 0, "2020-21-Q4": 25},
    "number": {"2019-20-Q2": 8, "2019-20-Q4": 4, "2020-21-Q1": 0, "2020-21-Q2": 2, "2020-21-Q4": 50},
    "percent": {"2019-20-Q1": (18, 20), "2019-20-Q2": (9, 9), "2019-20-Q4": (40, 60),
                "2020-21-Q1": (30, 33), "2020-21-Q2": (2, 2), "2020-21-Q3": (0, 1), "2020-21-Q4": (12, 50)},
}  # fmt: skip


def _sharp_case(*units: str, drop=()) -> tuple[list[dict], list[dict]]:
    ms = [{"title": f"Measure {'ABC'[i]}", "unit": u, "frequency": "quarterly", "polarity": "higher", "target": "50"}
          for i, u in enumerate(units)]  # fmt: skip
    obs = [o for i, u in enumerate(units) for o in _quarters(f"m{i}", _A_YEAR[u])]
    return ms, [o for o in obs if o["period"] not in drop]


# fewer random cases (each renders four quarters' tables and sentences, about a second), at least two
# measures each, and explicit ones that give a small count away every way unless it is suppressed
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measures_and_data(fewest=2))
@example(_sharp_case("count", "number", "percent"))
@example(_sharp_case("percent", "count", drop=("2020-21-Q1",)))  # no figures in Q1
def test_property_no_small_count_is_derivable_from_the_public_reports_of_a_year(case):
    import tempfile
    from pathlib import Path

    ms, obs = case
    with tempfile.TemporaryDirectory() as tmp:
        ds = swlib.load(make_data(Path(tmp) / "data", ms, obs))
        seen = published_figures(ds, "alpha", 2020)
    units = {m["title"]: m["unit"] for m in ms}
    assert derivable_small_counts(seen, units) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 80)), min_size=1, max_size=6))
def test_property_a_total_never_gives_back_a_small_count(cells):
    t = pd.DataFrame({"Headcount": [*cells, sum(cells)]}, index=[*(f"s{i}" for i in range(len(cells))), "Total"])
    m = suppress_table(t, total_row="Total")["Headcount"]
    shown = t["Headcount"][~m]
    assert not any(1 <= v <= 4 for v in shown)
    if "Total" in shown.index and m.any():
        assert not 1 <= shown["Total"] - shown.drop("Total").sum() <= 4 and m.sum() >= 2


@pytest.mark.parametrize(("council", "fy"), [("dumfries-and-galloway", 2023), ("south-lanarkshire", 2021)])
def test_the_demo_councils_public_reports_of_a_year_give_away_no_small_count(demo, council, fy):
    units = {r.title: r.unit for r in demo.measures.itertuples()}
    aggregates = {r.title: r.aggregate for r in demo.measures.itertuples()}
    seen = published_figures(demo, council, fy)
    assert len(seen) > 100  # a year of four reports, read as a reader would
    assert derivable_small_counts(seen, units, aggregates=aggregates) == []


def _revise(o: dict, unit: str, delta: int) -> dict:
    """An observation revised by ``delta`` (its count, or its numerator and denominator)."""
    if unit == "percent":
        n, d = int(o["numerator"]), int(o["denominator"])
        d2 = max(d + delta, 0)
        return {**o, "numerator": str(min(max(n + delta, 0), d2)), "denominator": str(d2)}
    return {**o, "value": str(max(int(o["value"]) + delta, 0))}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(measures_and_data(fewest=2), st.data())
def test_property_figures_revised_between_reports_give_away_no_small_count(case, data):
    """Q1..Q4 published one after another, the data revised (a few figures by -4..4) before each:
    no count from 1 to 4 is the difference of any two figures ever printed for a measure and year
    (the same months before and after a revision, or any other months of the year)."""
    import tempfile
    from pathlib import Path

    from swlib import published

    ms, obs = case
    units = {m["title"]: m["unit"] for m in ms}
    unit_of = {f"m{i}": m["unit"] for i, m in enumerate(ms)}
    versions: dict = {}  # (title, fy, quarter) -> every figure printed for it
    with tempfile.TemporaryDirectory() as tmp:
        out, current = Path(tmp) / "outputs", list(obs)
        for q in (1, 2, 3, 4):
            for _ in range(data.draw(st.integers(0, 3)) if current else 0):
                i = data.draw(st.integers(0, len(current) - 1))
                current[i] = _revise(
                    current[i], unit_of[current[i]["measure"]], data.draw(st.sampled_from([-3, -1, 1, 2, 4]))
                )
            ds = swlib.load(make_data(Path(tmp) / f"data{q}", ms, current))
            seen = published_figures(ds, "alpha", 2020, quarters=(q,), published=published.read("alpha", out))
            for key, f in seen.items():
                versions.setdefault(key, []).append(f)
            P = swlib.Period.quarter(2020, q)  # the run records what it printed
            printed = swlib.performance(ds, "alpha", P, audience="public", published=published.empty()).attrs["printed"]
            published.write(out / "alpha" / str(P) / f"quarterly-public{published.SUFFIX}", printed)
    small = lambda x: x == x and 1 <= round(abs(x), 6) <= 4  # noqa: E731
    figures = [(k, f) for k, fs in versions.items() for f in fs]
    leaks = []
    for a, ((t1, fy1, q1), (v, n, d)) in enumerate(figures):
        count = units[t1] in ("count", "number")
        for (t2, fy2, q2), (v2, n2, d2) in figures[a + 1 :]:
            if (t2, fy2) != (t1, fy1):
                continue
            diffs = [n - n2, d - d2] + ([v - v2] if count else [])
            diffs += [(d - n) - (d2 - n2)] if units[t1] == "percent" else []
            if any(small(x) for x in diffs):
                leaks.append((t1, fy1, q1, q2, (v, n, d), (v2, n2, d2)))
    assert leaks == []


def _some_periods(draw):
    """A frequency, and its periods of 2019 and 2020 with about one in four left out, in order."""
    freq = draw(st.sampled_from(["monthly", "quarterly"]))
    kind = "month" if freq == "monthly" else "quarter"
    periods = [p for fy in (2019, 2020) for p in swlib.Period.year(fy).parts(kind)]
    return freq, [p for p in periods if not (draw(st.booleans()) and draw(st.booleans()))]


@st.composite
def parts_and_wholes(draw):
    """Referrals (m0) and the investigations among them (m1, ``part_of`` m0): random counts, the
    part never above the whole."""
    freq, periods = _some_periods(draw)
    obs = []
    for p in periods:
        whole = draw(_count)
        part = draw(st.one_of(st.integers(0, whole), st.integers(max(whole - 4, 0), whole)))
        obs += [{"measure": "m0", "period": str(p), "value": str(whole)},
                {"measure": "m1", "period": str(p), "value": str(part)}]  # fmt: skip
    return freq, obs


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts_and_wholes())
def test_property_no_small_count_is_derivable_from_a_measure_and_the_measure_it_is_part_of(case):
    import csv
    import tempfile
    from pathlib import Path

    from tests.conftest import write_csv

    freq, obs = case
    ms = [{"title": "Referrals", "unit": "count", "frequency": freq, "polarity": "none"},
          {"title": "Investigations", "unit": "number", "frequency": freq, "polarity": "none"}]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_data(Path(tmp) / "data", ms, obs)
        rows = list(csv.DictReader((folder / "measures.csv").open()))
        write_csv(folder / "measures.csv", [{**rows[0], "part_of": ""}, {**rows[1], "part_of": "m0"}])
        seen = published_figures(swlib.load(folder), "alpha", 2020)
    small = lambda x: x == x and 1 <= round(abs(x), 6) <= 4  # noqa: E731
    complements = {(fy, q): w[0] - seen[("Investigations", fy, q)][0] for (t, fy, q), w in seen.items()
                   if t == "Referrals" and ("Investigations", fy, q) in seen}  # fmt: skip
    leaks = [(k, c) for k, c in complements.items() if small(c)]
    leaks += [(k, k2) for k, c in complements.items() for k2, c2 in complements.items()
              if k[0] == k2[0] and k2[1] < k[1] and small(c - c2)]  # fmt: skip
    assert leaks == []


@st.composite
def wholes_of_several_parts(draw):
    """Referrals (m0) and two declared parts of them (m1, m2, ``part_of`` m0), with what no part
    counts (0, small or large) making up the rest: random counts in random periods."""
    freq, periods = _some_periods(draw)
    obs = []
    for p in periods:
        a, b, other = draw(_count), draw(_count), draw(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 30)))
        obs += [{"measure": f"m{i}", "period": str(p), "value": str(v)} for i, v in enumerate((a + b + other, a, b))]
    return freq, obs


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wholes_of_several_parts())
@example(("quarterly", [{"measure": m, "period": p, "value": "0"} for p in ("2020-21-Q2", "2020-21-Q3")
                        for m in ("m0", "m1", "m2")]))  # no figures in Q1: found on a fresh clone  # fmt: skip
def test_property_no_small_count_is_derivable_from_a_whole_and_the_parts_printed_with_it(case):
    """A reader takes, for each figure of the year the reports print, the whole minus the parts
    printed with it: never 1 to 4, never 1 to 4 apart from the same parts' remainder at an earlier
    quarter, and never a hidden part given back (one part hidden, nothing else missing)."""
    import csv
    import tempfile
    from pathlib import Path

    from tests.conftest import write_csv

    freq, obs = case
    titles = ("Referrals", "From the police", "From health")
    ms = [{"title": t, "unit": "count", "frequency": freq, "polarity": "none"} for t in titles]
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_data(Path(tmp) / "data", ms, obs)
        rows = list(csv.DictReader((folder / "measures.csv").open()))
        write_csv(folder / "measures.csv", [{**rows[0], "part_of": ""}, *({**r, "part_of": "m0"} for r in rows[1:])])
        ds = swlib.load(folder)
        seen = published_figures(ds, "alpha", 2020)
        internal = {}  # the true figures, for what a hidden part is
        for q in (1, 2, 3, 4):
            t = swlib.performance(ds, "alpha", swlib.Period.quarter(2020, q)).set_index("title")
            for col, at in (("to_date", (2020, q)), ("2019-20", (2019, 4))):
                internal.setdefault(at, {k: t.loc[k, col] for k in titles})
    small = lambda x: x == x and 1 <= round(abs(x), 6) <= 4  # noqa: E731
    rests = {}
    for (t, fy, q), w in seen.items():
        if t != titles[0]:
            continue
        shown = tuple(p for p in titles[1:] if (p, fy, q) in seen)
        rests[(fy, q)] = (shown, w[0] - sum(seen[(p, fy, q)][0] for p in shown))
    leaks = [(k, r) for k, (s, r) in rests.items() if small(r)]
    leaks += [(k, k2) for k, (s, r) in rests.items() for k2, (s2, r2) in rests.items()
              if k[0] == k2[0] and k2[1] < k[1] and s == s2 and small(r - r2)]  # fmt: skip
    for k, (s, r) in rests.items():
        truth = internal.get(k) or {}
        hidden = [p for p in titles[1:] if p not in s and truth.get(p) == truth.get(p) and truth.get(p) is not None]
        if len(hidden) == 1 and truth[titles[0]] == sum(truth[p] for p in titles[1:]) and truth[hidden[0]] > 0:
            leaks.append((k, "gives back", hidden[0], r))
    assert leaks == []
