"""A measure or team renamed after a public report printed it: the same figure under a new name.

The record of what public reports printed (``swlib.published``) keys each figure by measure id
(a team by its name); an id renamed, or a team respelt, would otherwise start a new record, and a
revised figure under the new name would be printed beside the old one as if new: "Foster carer
approvals" 30 under dg-ly3, then 33 under dg-ly3b, gives 3 away. ``renamed`` adds each vanished
id's figures under the new ids of the same title, of the `replaces` the new measure declares, or
that print again figures the vanished id printed (a renamed measure keeps its history: the id and
the title changed together); ``normalise`` is how titles and team names are matched.
"""

from __future__ import annotations

import re

import pandas as pd

from .amounts import SERVICE_WORDS
from .linked import case_title_words

NEW = "none"  # ``replaces`` = none: a new measure, the rename of no id (the like-title and history matches are off)


def replaces_nothing(value) -> bool:
    """Whether a measure's ``replaces`` says it is new, the rename of no id: "none" (any case)."""
    return isinstance(value, str) and value.strip().lower() == NEW


def normalise(name) -> str:
    """A title or team name as the record matches it: lower case, '&' as 'and', punctuation and
    spacing ignored ("Strategy & Support", "strategy and support." -> "strategy and support")."""
    text = re.sub(r"&", " and ", str(name).lower())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def renamed(
    record: pd.DataFrame | None, titles: dict[str, str], replaces: dict[str, str] | None = None,
    printed: dict[str, set[tuple]] | None = None,
) -> pd.DataFrame | None:  # fmt: skip
    """``record`` with each figure whose measure id is no longer in use (not a key of ``titles``,
    the ids a report prints now -> their titles) also under each id new since the record with the
    same title (``normalise``d): "Foster carer approvals" printed as 30 under dg-ly3 is set against the 33 of
    dg-ly3b, its new id, as a revision. So too under the id that declares it replaced
    (``replaces``: new id -> the old id, measures.csv), under a new id whose title is ``like`` its own
    (the safe error: a measure that only looks alike loses a figure now and then; not one whose ``replaces`` is
    "none", ``replaces_nothing``: the data say it is new), and under a new id that prints again
    figures it printed (``printed``: new id -> {(year, months, value)} printed now; a match
    where at least one of the same year and months agrees and no fewer agree than differ: a
    renamed measure keeps its history, revised here and there; or where one figure other than 0
    agrees, revised in more years than not: what ``undeclared_renames`` names is taken as a rename
    in the run itself, not only warned of, until ``replaces`` says otherwise: the old id, or "none" for a
    measure that is new, which no title or history then matches; the same title still does). Names built on ids
    (``<id>:complement``, a whole's rest ``<whole>:rest:<part>+<part>``) follow their ids."""
    if record is None or record.empty or "title" not in record:
        return record
    recorded = {str(m).split(":")[0] for m in record["measure"]}
    fresh = [m for m in titles if m not in recorded]  # the ids new since the record
    by_title: dict[str, set[str]] = {}  # the same, by title
    for m in fresh:
        by_title.setdefault(normalise(titles[m]), set()).add(m)
    old = {}  # a vanished id -> the ids now in use with its title, or (new or not: each run) one like it
    new_ones = {m for m, was in (replaces or {}).items() if replaces_nothing(was)}  # replaces = none: no match
    for m, t in dict.fromkeys(zip(record["measure"], record["title"], strict=True)):  # each id and title once
        base = str(m).split(":")[0]
        if isinstance(t, str) and base not in titles and ":" not in str(m):
            old.setdefault(base, set()).update(by_title.get(normalise(t), set()))
            old[base].update(n for n in titles if n not in new_ones and like(t, titles[n]))
    for new, was in (replaces or {}).items():
        if isinstance(was, str) and not replaces_nothing(was) and was not in titles and new in titles:
            old.setdefault(was, set()).add(new)
    nows = {new: {(y, mo): v for y, mo, v in printed[new]} for new in fresh
            if (printed or {}).get(new) and new not in new_ones}  # fmt: skip
    if nows:  # the figures each vanished id printed, by year and months, against each new id's now
        kept: dict[str, dict[tuple, set]] = {}
        for m, y, mo, v in zip(record["measure"], record["year"], record["months"], record["value"], strict=True):
            if ":" not in str(m) and str(m) not in titles and pd.notna(v):
                kept.setdefault(str(m), {}).setdefault((str(y), int(mo)), set()).add(round(float(v), 6))
        for was, figures in kept.items():
            for new, now in nows.items():
                same = [now[k] in vs for k, vs in figures.items() if k in now]
                again = any(now[k] != 0 and now[k] in vs for k, vs in figures.items() if k in now)
                if (same and 2 * sum(same) >= len(same)) or again:  # what undeclared_renames names: fail safe
                    old.setdefault(was, set()).add(new)
    old = {m: new for m, new in old.items() if new}
    if not old:
        return record

    def keys(m: str) -> list[str]:
        whole, sep, parts = m.partition(":rest:")
        if sep:
            ws = [whole, *old.get(whole, ())]
            ps = [[p, *old.get(p, ())] for p in parts.split("+")]
            out = [w + sep + "+".join(x) for w in ws for x in _choices(ps)]
        else:
            base, colon, rest = m.partition(":")
            out = [n + colon + rest for n in [base, *old.get(base, ())]]
        return out[1:]

    extra = [{**r, "measure": k} for r in record.to_dict("records") for k in keys(str(r["measure"]))]
    return pd.concat([record, pd.DataFrame(extra, columns=record.columns)], ignore_index=True) if extra else record


def undeclared_renames(
    record: pd.DataFrame | None, titles: dict[str, str], replaces: dict[str, str] | None = None,
    printed: dict[str, set[tuple]] | None = None,
) -> list[dict]:  # fmt: skip
    """Each id in use (a key of ``titles``; new since the record or, once its own report is
    recorded, not) that prints again a figure (the same year, months and value, other than 0) an
    id no longer in use printed,
    or, new since the record, has a title ``like`` that id's (its figures all revised, or its columns past the
    years that id printed), where neither its ``replaces`` names that id nor its title is the same (``normalise``d):
    {"new", "old", "title" (the old id's), "shared": [(year, months, value)]}. ``renamed`` may
    take it for the old id by its history, or, revised in more years than not, may not; either way
    only ``replaces`` says so for certain, so a public run warns of each (a revision differenced
    across the two names gives a small number away); none for an id whose ``replaces`` is "none" (new,
    the data say). Arguments as ``renamed``'s."""
    if record is None or record.empty or "title" not in record or not printed:
        return []
    kept: dict[str, dict[tuple, set]] = {}  # each vanished id's figures, by (year, months)
    named: dict[str, str] = {}
    for m, y, mo, v, t in zip(record["measure"], record["year"], record["months"], record["value"], record["title"],
                              strict=True):  # fmt: skip
        if ":" not in str(m) and str(m) not in titles and pd.notna(v):
            kept.setdefault(str(m), {}).setdefault((str(y), int(mo)), set()).add(round(float(v), 6))
            if isinstance(t, str):
                named[str(m)] = t
    recorded = {str(m).split(":")[0] for m in record["measure"]}  # a new id (none of these) beside a vanished
    out = []  # one with a title like its own is named whether or not their figures meet
    for new in sorted(m for m in titles if printed.get(m) and not replaces_nothing((replaces or {}).get(m))):
        for old, figures in sorted(kept.items()):
            if (replaces or {}).get(new) == old or normalise(named.get(old, "")) == normalise(titles[new]):
                continue
            shared = sorted(f for f in printed[new] if f[2] != 0 and f[2] in figures.get((f[0], f[1]), ()))
            if shared or (new not in recorded and like(named.get(old, ""), titles[new])):
                out.append({"new": new, "old": old, "title": named.get(old, ""), "shared": shared})
    return out


def like(old: str, new: str) -> bool:
    """Whether a new measure's title is like a vanished one's: at least half of the words that say
    what the old one counts are in the new one ("Emergency placements of children subject to
    supervision requirements", "Emergency placements of children on a compulsory supervision order")."""
    words = case_title_words(old) - SERVICE_WORDS
    return bool(words) and 2 * len(words & case_title_words(new)) >= len(words)


def _choices(options: list[list[str]]) -> list[list[str]]:
    """Each way of taking one of each list (the first of each first)."""
    out: list[list[str]] = [[]]
    for opts in options:
        out = [[*x, o] for x in out for o in opts]
    return out
