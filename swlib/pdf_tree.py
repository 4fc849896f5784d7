"""Walking the structure tree of a printed PDF (``swlib.pdf_tags`` reshapes it): its elements in
document order, an element's kids and attributes, the parent tree (which element holds each
marked content, by page and MCID), and the pages an element's content is on. Read by
``pdf_tags``, ``pdf_artifacts`` and ``pdf``.
"""

from __future__ import annotations

# pikepdf, of the optional extra, is imported where it is used: swreport runs without it


def elements_under(node):
    """The structure elements under ``node``, in document order."""
    import pikepdf

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, pikepdf.Array):
            stack.extend(reversed(list(n)))
        elif isinstance(n, pikepdf.Dictionary) and "/S" in n:
            yield n
            kids = n.get("/K")
            if kids is not None:
                stack.append(kids)


def attributes_of(e):
    import pikepdf

    a = e.get("/A")
    if a is None:
        return []
    return [x for x in (a if isinstance(a, pikepdf.Array) else [a]) if isinstance(x, pikepdf.Dictionary)]


def kid_list(e) -> list:
    """What ``e`` holds (its ``/K``: elements, marked content, MCIDs) as a list, [] for nothing."""
    import pikepdf

    k = e.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def child_elements(e):
    import pikepdf

    return [x for x in kid_list(e) if isinstance(x, pikepdf.Dictionary)]


def parent_tree(root) -> dict:
    """The structure tree's parent tree as ``{StructParents key: array of elements by MCID}``."""
    import pikepdf

    out, stack = {}, [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        stack.extend(node.get("/Kids", []))
        nums = node.get("/Nums", [])
        for k in range(0, len(nums) - 1, 2):
            if isinstance(nums[k + 1], pikepdf.Array):
                out[int(nums[k])] = nums[k + 1]
    return out


def content_pages(e, pages) -> list[int]:
    """The pages (from 0) of the marked content under structure element ``e``."""
    import pikepdf

    out = []
    for el in elements_under(e):
        for k in kid_list(el):
            if isinstance(k, pikepdf.Dictionary) and "/MCID" in k and "/Pg" in k:
                out.append(pages[k.Pg.objgen])
            elif isinstance(k, int) and "/Pg" in el:
                out.append(pages[el.Pg.objgen])
    return out
