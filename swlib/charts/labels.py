"""Point labels a reader can tell apart: each name beside its own point, no two overlapping.

``place_labels`` puts a name by each of a few points of a scatter (a funnel plot's councils
outside its limits) so that no label overlaps another or covers a point, every label lies inside
the plot, and the point nearest each label is its own: two points close together get their
names on either side of them, never stacked where either could be read as the other's. Where
no place beside a point will do, the label moves further out and a leader line joins it to its
point. Pure geometry in points; the chart draws what it returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import metrics

GAP = 2.0  # points between a marker's edge and its label, and around a box kept clear
# where a label may go, nearest its point first: beside it (after, before), then beside it a little
# out from the centre of the plot (lower for a point below the centre), then under or over it, then
# the corners; those towards the centre last
BESIDE = ("right", "left")
OUT = {"above": ("right-high", "left-high", "above", "above-right", "above-left"),
       "below": ("right-low", "left-low", "below", "below-right", "below-left")}  # fmt: skip


@dataclass(frozen=True)
class Placed:
    """A label as drawn: its text starts at ``x`` with its baseline at ``baseline``; ``box`` (left,
    top, right, bottom) is where it prints; ``leader`` the line from its point to it, or None."""

    x: float
    baseline: float
    box: tuple[float, float, float, float]
    leader: tuple[float, float, float, float] | None = None


def box_distance(box: tuple[float, float, float, float], x: float, y: float) -> float:
    """How far the point (``x``, ``y``) is from the nearest edge of ``box`` (0 inside it)."""
    left, top, right, bottom = box
    return math.hypot(max(left - x, 0.0, x - right), max(top - y, 0.0, y - bottom))


def _overlap(a, b, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _box(where: str, px: float, py: float, r: float, w: float, h: float, out: float = 0.0):
    """The box of a ``w`` x ``h`` label ``where`` of a point (``px``, ``py``) of radius ``r``,
    ``out`` points further away than beside it: "right", "left" (level with it), "right-low",
    "left-high" ... (beside it, three quarters of the name below or above its level), "below",
    "above" (centred under or over it) and the corners, "below-right" ..."""
    g = r + GAP + out
    d = g / math.sqrt(2)  # a corner: as far from the point as a side
    horizontal, _, level = where.partition("-")
    if horizontal in ("right", "left"):
        left = px + g if horizontal == "right" else px - g - w
        top = py - {"": 0.5, "low": 0.25, "high": 0.75}[level] * h
    else:
        left = {"": px - w / 2, "right": px + d, "left": px - d - w}[level]
        top = (py + (g if not level else d)) if horizontal == "below" else py - (g if not level else d) - h
    return (left, top, left + w, top + h)


def place_labels(
    points: list[tuple[float, float, float]],
    labels: list[tuple[int, float, str]],
    bounds: tuple[float, float, float, float],
    size: float,
    *,
    anyhow: bool = False,
) -> list[Placed] | None:
    """Where to draw each of ``labels`` (the index of its point in ``points``, its text's width in
    points, and the side of the plot it is on, "above" or "below" the centre) at font ``size``.

    ``points``: every point drawn (x, y, radius), in points. ``bounds``: the plot (left, top,
    right, bottom) the labels stay inside. No label over another or over any point; each beside its
    point where it can (after it, before it, then out from the centre) and nearer its own point than
    any other point, else than any other labelled point; failing that, further out, joined to its
    point by a leader line that crosses no other label. None where no such layout exists (the
    caller makes room and asks again), or with ``anyhow`` each label after its point, inside the plot."""

    h = (metrics.ASCENT + metrics.DESCENT) * size
    places = []
    for i, w, side in labels:
        order = dict.fromkeys([*BESIDE, *OUT.get(side, ()), *OUT["below" if side == "above" else "above"]])
        places.append([(_box(where, *points[i], w, h, out), out > 0) for out in (0.0, *LEADERS) for where in order])
    for strict, leaders in ((True, False), (False, False), (False, True)):  # a leader line only where need be
        fits = [
            [(box, lead) for box, lead in p if (leaders or not lead)
             and _fits(k, box, points, labels, bounds, strict=strict, near=not lead)]
            for k, p in enumerate(places)
        ]  # fmt: skip
        found = _search([points[i] for i, _w, _s in labels], fits, [])
        if found is not None:
            return [_placed(points[i], box, size, lead) for (i, _w, _s), (box, lead) in zip(labels, found, strict=True)]
    if not anyhow:
        return None
    return [_placed(points[i], _inside(_box(BESIDE[0], *points[i], w, h), bounds), size, False)
            for i, w, _s in labels]  # fmt: skip


LEADERS = (8.0, 16.0, 24.0)  # how much further out than beside a label on a leader line may go


def _inside(box, bounds):
    """``box`` moved the least way into ``bounds``."""
    dx = max(bounds[0] - box[0], 0.0) - max(box[2] - bounds[2], 0.0)
    dy = max(bounds[1] - box[1], 0.0) - max(box[3] - bounds[3], 0.0)
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def _fits(k, box, points, labels, bounds, *, strict: bool, near: bool) -> bool:
    """A label's box inside the plot and clear of every point; ``near`` (beside its point, no
    leader line): nearer its own point than any other, of all the points (``strict``) or of the
    labelled ones."""
    left, top, right, bottom = bounds
    if box[0] < left or box[2] > right or box[1] < top or box[3] > bottom:
        return False
    own = labels[k][0]
    mine = box_distance(box, *points[own][:2])
    named = {i for i, _w, _s in labels}
    for j, (x, y, r) in enumerate(points):
        d = box_distance(box, x, y)
        if d < r + 0.5:  # covers a point
            return False
        if near and j != own and (strict or j in named) and d <= mine + 0.5:  # nearer another point than its own
            return False
    return True


def _search(points, fits, chosen):
    """The first layout, each label's places taken in their order (depth first), in which no two
    labels overlap and no leader line crosses another label."""
    k = len(chosen)
    if k == len(fits):
        return chosen
    for box, lead in fits[k]:
        if any(_overlap(box, b, GAP / 2) for b, _ in chosen):
            continue
        if lead and any(_crosses(_leader(points[k], box), b) for b, _ in chosen):
            continue
        if any(lead_j and _crosses(_leader(points[j], b), box) for j, (b, lead_j) in enumerate(chosen)):
            continue
        found = _search(points, fits, [*chosen, (box, lead)])
        if found is not None:
            return found
    return None


def _leader(point, box) -> tuple[float, float, float, float]:
    """The line from a marker's edge towards the nearest point of its label's box."""
    px, py, r = point
    nx, ny = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
    d = math.hypot(nx - px, ny - py) or 1.0
    return (px + (nx - px) * r / d, py + (ny - py) * r / d, nx, ny)


def _crosses(line, box) -> bool:
    """Whether the segment ``line`` passes through ``box`` (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = line
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def _placed(point, box, size: float, leader: bool) -> Placed:
    return Placed(box[0], box[1] + metrics.ASCENT * size, box, _leader(point, box) if leader else None)
