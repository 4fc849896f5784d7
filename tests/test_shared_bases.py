"""Percentages of one base printed together (swlib.shared_bases): what a reader works out from them,
a numerators' difference, the denominator or one numerator less others, is never 1 to 4."""

import pandas as pd

import swlib
from swlib.shared_bases import EXACT_UP_TO, _sums_within
from tests.conftest import make_data


def test_attack_two_percentages_of_one_base_do_not_give_away_their_difference(data_dir):
    # "seen within 2 weeks" 1,303 of 1,440 and "within 1 week" 1,300 of 1,440: 3 were seen in week 2
    ms = [{"title": "Clients seen within 2 weeks", "polarity": "none"},
          {"title": "Clients seen within 1 week", "polarity": "none"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "1303", "denominator": "1440"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "1300", "denominator": "1440"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    internal = swlib.performance(ds, "alpha", "2020-21-Q1")
    assert internal["numerator"].tolist() == [1303, 1300]
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    assert pub.loc["m0", "numerator"] == 1303
    assert pd.isna(pub.loc["m1", "to_date"]) and pd.isna(pub.loc["m1", "numerator"])
    assert pub.loc["m1", "suppressed_why"] == "to_date:complement"
    # another base, or a difference that is not small: both printed
    for second in (("1300", "1450"), ("1290", "1440")):
        obs[1] = {**obs[1], "numerator": second[0], "denominator": second[1]}
        ds = swlib.load(make_data(data_dir, ms, obs))
        pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
        assert pub["numerator"].tolist() == [1303, int(second[0])], second
    # two kinds of the same people: within 1 week 1,300, after 4 weeks 137 of 1,440: 3 seen in weeks 2 to 4
    obs[0], obs[1] = {**obs[0], "numerator": "137"}, {**obs[1], "numerator": "1300", "denominator": "1440"}
    pub = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2020-21-Q1", audience="public")
    assert pd.isna(pub["numerator"].iloc[0]) and pub["numerator"].iloc[1] == 1300
    # across quarters: Q1 1,000 and 990 of 1,100 (10 apart), Q2 to date 13 apart: Q2 alone gave away 3
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "1000", "denominator": "1100"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "990", "denominator": "1100"},
           {"measure": "m0", "period": "2020-21-Q2", "numerator": "303", "denominator": "340"},
           {"measure": "m1", "period": "2020-21-Q2", "numerator": "300", "denominator": "340"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    q1 = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert q1["numerator"].tolist() == [1000, 990]
    q2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").set_index("measure")
    assert q2.loc["m0", "numerator"] == 1303 and pd.isna(q2.loc["m1", "numerator"])


def _base_counts(pub, col="to_date"):
    """What a reader works out from the percentages of one base a public table prints in ``col``:
    each numerator's difference from another, the denominator less any two or more numerators, and
    one numerator less two or more others."""
    from itertools import combinations

    shown = pub[pub[col].notna()]
    n = {m: round(v * d / 100) for m, v, d in zip(shown["measure"], shown[col], shown["_d"], strict=True)}
    d = shown["_d"].iloc[0] if len(shown) else 0
    out = [abs(n[a] - n[b]) for a, b in combinations(n, 2)]
    out += [d - sum(n[m] for m in s) for k in range(2, len(n) + 1) for s in combinations(n, k)]
    return out + [
        n[w] - sum(n[m] for m in s) for w in n for k in range(2, len(n)) for s in combinations(set(n) - {w}, k)
    ]


def test_attack_three_or_four_percentages_of_one_base_leave_no_small_remainder(data_dir):
    # seen within 1 week 1,000, in weeks 2-4 300, after 4 weeks 137 of 1,440: no pair gives anything
    # away (140, 303, 1,003 left), but all three do: 3 were never seen
    def pub(numerators, period="2020-21-Q1", d=1440, extra=()):
        kinds = max(len(numerators), *(int(o["measure"][1:]) + 1 for o in extra), 0)
        ms = [{"title": f"Kind {k}", "polarity": "none"} for k in range(kinds)]
        obs = [{"measure": f"m{k}", "period": period, "numerator": str(n), "denominator": str(d)}
               for k, n in enumerate(numerators)] + list(extra)  # fmt: skip
        ds = swlib.load(make_data(data_dir, ms, obs))
        out = swlib.performance(ds, "alpha", period, audience="public")
        return out.assign(_d=d)

    three = pub([1000, 300, 137])
    assert three["numerator"].tolist()[:2] == [1000, 300] and pd.isna(three["numerator"].iloc[2])
    assert three["suppressed_why"].iloc[2] == "to_date:complement"
    assert not [c for c in _base_counts(three) if 1 <= c <= 4]
    # four kinds: 600, 400, 300 and 137 of 1,440 (no pair or three of them leave 1 to 4; all four leave 3)
    four = pub([600, 400, 300, 137])
    assert four["numerator"].tolist()[:3] == [600, 400, 300] and pd.isna(four["numerator"].iloc[3])
    assert not [c for c in _base_counts(four) if 1 <= c <= 4]
    # another base: not one group (1,000 and 300 of 1,440, 137 of 1,450)
    other = pub(
        [1000, 300], extra=[{"measure": "m2", "period": "2020-21-Q1", "numerator": "137", "denominator": "1450"}]
    )
    assert other["numerator"].tolist() == [1000, 300, 137]
    # one kind made up of three others and 3 more: within 4 weeks 1,200 of 1,500; week 1 610, week 2 350, weeks 3-4 237
    within = pub([1200, 610, 350, 237], d=1500)
    assert within["numerator"].tolist()[:3] == [1200, 610, 350] and pd.isna(within["numerator"].iloc[3])
    assert not [c for c in _base_counts(within.assign(_d=1500)) if 1 <= c <= 4]
    # kinds that overlap (their numerators add up to more than the base): no remainder, all printed
    overlap = pub([1000, 300, 237])
    assert overlap["numerator"].tolist() == [1000, 300, 237]
    # nothing left over at all (the kinds make up the whole): nothing to hide
    assert pub([1000, 300, 140])["numerator"].tolist() == [1000, 300, 140]
    # across quarters: Q1 leaves 10 (500, 100, 90 of 700), Q2 to date 13 (the Q1 report printed 10): 3 in Q2
    q1 = [{"measure": f"m{k}", "period": "2020-21-Q1", "numerator": str(n), "denominator": "700"}
          for k, n in enumerate((500, 100, 90))]  # fmt: skip
    q2 = pub([500, 200, 37], "2020-21-Q2", 740, q1)  # to date 1,000, 300, 127 of 1,440: 13 left
    assert q2["numerator"].notna().sum() == 2 and q2["suppressed_why"].iloc[2] == "to_date:earlier"
    q2 = pub([500, 200, 30], "2020-21-Q2", 740, q1)  # 20 left: 10 more than in Q1, safe
    assert q2["numerator"].notna().all()


def test_percentages_of_one_base_leave_no_small_remainder_in_a_year_column(data_dir):
    # the year's last report printed each as "x of y": 2019-20 1,000, 300 and 137 of 1,440 leave 3
    ms = [{"title": f"Kind {k}", "polarity": "none"} for k in range(3)]
    obs = [{"measure": f"m{k}", "period": f"2019-20-Q{q}", "numerator": str(n // 4 + (q == 1) * (n % 4)),
            "denominator": "360"} for k, n in enumerate((1000, 300, 137)) for q in (1, 2, 3, 4)]  # fmt: skip
    obs += [{"measure": f"m{k}", "period": "2020-21-Q1", "numerator": str(n), "denominator": "400"}
            for k, n in enumerate((250, 100, 40))]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert swlib.performance(ds, "alpha", "2020-21-Q1")["2019-20"].notna().all()
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")
    assert pub["2019-20"].notna().tolist() == [True, True, False]
    assert pub["suppressed_why"].iloc[2] == "2019-20:complement"
    assert pub["to_date"].notna().all()  # this year's 250, 100, 40 of 400 leave 10


def test_many_percentages_of_one_base_are_checked_by_their_sums(data_dir):
    # twelve kinds of 10,000 people (more than are tried one combination at a time): eleven of 500 and one
    # of 4,497 leave 3 in none of them; 2 ** 12 combinations would take long with twenty, sums do not
    numerators = [500] * 11 + [4497]
    assert len(numerators) > EXACT_UP_TO
    ms = [{"title": f"Kind {k}", "polarity": "none"} for k in range(len(numerators))]
    obs = [{"measure": f"m{k}", "period": "2020-21-Q1", "numerator": str(n), "denominator": "10000"}
           for k, n in enumerate(numerators)]  # fmt: skip
    pub = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2020-21-Q1", audience="public")
    assert pub["numerator"].isna().tolist() == [False] * 10 + [True, False]  # the smallest, the last of equals
    assert pub["suppressed_why"].iloc[10] == "to_date:complement"
    obs[-1]["numerator"] = "4490"  # 10 left: nothing to hide
    pub = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2020-21-Q1", audience="public")
    assert pub["numerator"].notna().all()
    assert _sums_within([5, -3, 7], -3, -3) and _sums_within([5, -3, 7], 9, 9) and not _sums_within([5, -3, 7], 1, 1)


def _worked_out(seen: list[dict]) -> list:
    """What a reader works out from percentages of one base printed by the reports of a year (``seen``:
    each report's {measure: (numerator, denominator)}): in each report, each numerator's difference from
    another, the denominator or one numerator less some others; and each of these less the same as an
    earlier report printed it."""
    from itertools import combinations

    def forms(s):
        out = {}
        by_base = {}
        for m, (_n, d) in s.items():
            by_base.setdefault(d, []).append(m)
        for d, kinds in by_base.items():
            for k in range(2, len(kinds) + 1):
                for group in combinations(sorted(kinds), k):
                    n = [s[m][0] for m in group]
                    out[("rest", group)] = d - sum(n)
                    for j, m in enumerate(group):
                        out[("within", m, group)] = n[j] - (sum(n) - n[j]) if k > 2 else abs(n[0] - n[1])
        return out

    each = [forms(s) for s in seen]
    found = [(q, key, v) for q, f in enumerate(each) for key, v in f.items() if 1 <= v <= 4]
    for q, f in enumerate(each):
        for p in range(q):
            for key in set(f) & set(each[p]):
                if min(f[key], each[p][key]) >= 0 and 1 <= abs(f[key] - each[p][key]) <= 4:
                    found.append((p, q, key, f[key] - each[p][key]))
    return found


def test_attack_percentages_of_one_base_over_the_quarters_of_a_year_give_nothing_away(data_dir):
    # random groups of three or four kinds of one base, each quarter's public report set against the ones before
    # (as a run keeps them in the record): nothing a reader works out from them, or from two of them, is 1 to 4
    import random

    from swlib import published

    rng = random.Random(2126)
    for case in range(8):
        kinds = rng.choice([3, 4])
        ms = [{"title": f"Kind {k}", "polarity": "none"} for k in range(kinds)]
        obs = []
        for q in (1, 2, 3, 4):
            d = rng.randint(40, 120)
            cuts = sorted(rng.randint(0, d) for _ in range(kinds))  # kinds apart, with a few left over
            n = [b - a for a, b in zip([0, *cuts], cuts, strict=False)]
            obs += [{"measure": f"m{k}", "period": f"2020-21-Q{q}", "numerator": str(x), "denominator": str(d)}
                    for k, x in enumerate(n)]  # fmt: skip
        ds = swlib.load(make_data(data_dir / str(case), ms, obs))
        printed, seen = [], []
        for q in (1, 2, 3, 4):
            record = pd.DataFrame(printed, columns=published.COLUMNS)
            pub = swlib.performance(ds, "alpha", f"2020-21-Q{q}", audience="public", published=record)
            printed += pub.attrs["printed"]
            seen.append({m: (n, d) for m, n, d in zip(pub["measure"], pub["numerator"], pub["denominator"],
                                                      strict=True) if pd.notna(n)})  # fmt: skip
        assert _worked_out(seen) == [], (case, obs)


def test_many_revised_percentages_of_one_base_are_set_against_what_was_printed_in_reasonable_time(data_dir):
    # twenty kinds of one base, each printed twice before for the same months (revised): 2 ** 20 ways to combine
    # the printed figures; each revision is set against the others as first printed instead
    import time

    ms = [{"title": f"Kind {k}", "polarity": "none"} for k in range(20)]
    obs = [{"measure": f"m{k}", "period": "2020-21-Q1", "numerator": str(100 + 10 * k), "denominator": "10000"}
           for k in range(20)]  # fmt: skip
    printed = [{"measure": f"m{k}", "year": "2020-21", "months": 3, "value": 1.0, "numerator": n, "denominator": 10000,
                "parts": 1} for k in range(20) for n in (100 + 10 * k, 110 + 10 * k)]  # fmt: skip
    printed[7]["numerator"] = 100 + 10 * 3 + 2  # m3 as printed before: 132, now 130 (revised by 2)
    ds = swlib.load(make_data(data_dir, ms, obs))
    start = time.perf_counter()
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public", published=pd.DataFrame(printed))
    assert time.perf_counter() - start < 20
    assert pd.isna(pub["numerator"].iloc[3]) and pub["suppressed_why"].iloc[3] == "to_date:earlier"


def test_attack_two_percentages_of_one_numerator_do_not_give_away_their_bases_difference(data_dir):
    # ATTACK-9 #1: "seen within a week of referral" 45 of 60 and "of allocation" 45 of 57: the same 45
    # children against two bases, so 3 were referred and never allocated
    ms = [{"title": "Children seen within a week of referral", "polarity": "none", "theme": "Seen theme"},
          {"title": "Children seen within a week of allocation", "polarity": "none", "theme": "Other theme"}]  # fmt: skip
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "45", "denominator": "60"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "45", "denominator": "57"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert swlib.performance(ds, "alpha", "2020-21-Q1")["denominator"].tolist() == [60, 57]
    pub = swlib.performance(ds, "alpha", "2020-21-Q1", audience="public").set_index("measure")
    assert pub.loc["m0", "denominator"] == 60
    assert pd.isna(pub.loc["m1", "to_date"]) and pd.isna(pub.loc["m1", "denominator"])  # the smaller base
    assert pub.loc["m1", "suppressed_why"] == "to_date:complement"
    # another numerator, bases 10 apart: both printed
    for second in (("44", "57"), ("45", "50")):
        obs[1] = {**obs[1], "numerator": second[0], "denominator": second[1]}
        pub = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2020-21-Q1", audience="public")
        assert pub["denominator"].tolist() == [60, int(second[1])], second
    # over the quarters: Q1 45 of 60 and 45 of 50 (10 apart), Q2 to date 90 of 120 and 90 of 107: 3 in Q2 alone
    obs = [{"measure": "m0", "period": "2020-21-Q1", "numerator": "45", "denominator": "60"},
           {"measure": "m1", "period": "2020-21-Q1", "numerator": "45", "denominator": "50"},
           {"measure": "m0", "period": "2020-21-Q2", "numerator": "45", "denominator": "60"},
           {"measure": "m1", "period": "2020-21-Q2", "numerator": "45", "denominator": "57"}]  # fmt: skip
    ds = swlib.load(make_data(data_dir, ms, obs))
    assert swlib.performance(ds, "alpha", "2020-21-Q1", audience="public")["denominator"].tolist() == [60, 50]
    q2 = swlib.performance(ds, "alpha", "2020-21-Q2", audience="public").set_index("measure")
    assert q2.loc["m0", "denominator"] == 120 and pd.isna(q2.loc["m1", "denominator"])
    assert q2.loc["m1", "suppressed_why"] == "to_date:earlier"
    # the same numerator by chance: titles that name other cases (South Lanarkshire's 2020/21 Q2, 194 of 235
    # drug and alcohol clients, 194 of 232 children seen by a supervising officer) are both printed
    ms[0] = {**ms[0], "title": "Children seen by a supervising officer within 15 days"}
    ms[1] = {**ms[1], "title": "Drug/alcohol clients starting treatment within three weeks of referral"}
    obs[3] = {**obs[3], "numerator": "45", "denominator": "57"}
    q2 = swlib.performance(swlib.load(make_data(data_dir, ms, obs)), "alpha", "2020-21-Q2", audience="public")
    assert q2["denominator"].tolist() == [120, 107]
