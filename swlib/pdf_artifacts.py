"""What a screen reader must not read in a printed PDF, marked as artifacts (``swlib.pdf_tags``'s
``reproducible`` asks it): the running head and page numbers, which Chromium leaves outside any
tag; a table's header row where it is printed again at the top of each page the table runs on
to, which Chromium tags into the same header cells (a screen reader would read each header
twice); and the rules and shading an element draws for itself (borders, a header cell's band, a
heading's underline), which Chromium tags as the element's content.
"""

from __future__ import annotations

from .pdf_tree import child_elements, content_pages, elements_under, kid_list

# pikepdf, of the optional extra, is imported where it is used: swreport runs without it


_PATH_START = {"m", "re"}


_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}


def mark_artifacts(pdf, root, parents: dict) -> None:
    """Untagged content becomes ``/Artifact`` marked content, and so does a repeated header row
    and the rules and shading an element draws for itself (a table's borders, a header cell's
    band, a heading's underline, a banner's frame)."""
    import pikepdf

    repeated = _repeated_header_content(pdf, root)
    for i, page in enumerate(pdf.pages):
        ops = list(pikepdf.parse_content_stream(page))
        mcids = repeated.get(i, set()) | _decorations(ops, page, parents)
        ops = _artifact_ops(ops, mcids)
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        if mcids and "/StructParents" in page:
            entries = parents.get(int(page.StructParents))
            for mcid in (m for m in mcids if entries is not None and m < len(entries)):
                entries[mcid] = None  # no element's content any more: an artifact


_DRAWN = {"/Figure", "/Lbl", "/Formula"}  # what an element draws is what it is (a chart, a list's bullet)


_SHOWN = {"Tj", "TJ", "'", '"', "Do", "sh", "INLINE IMAGE"}


def _decorations(ops, page, parents) -> set[int]:
    """The MCIDs of the page's marked content that shows no text or image, only rules and
    shading, held by an element that is not a figure or a list's label (taken out of the element:
    an artifact a screen reader passes over)."""
    import pikepdf

    if "/StructParents" not in page:
        return set()
    entries = parents.get(int(page.StructParents))
    if entries is None:
        return set()
    shows, stack = {}, []
    for op in ops:
        name = str(op.operator) if isinstance(op, pikepdf.ContentStreamInstruction) else "INLINE IMAGE"
        if name in ("BDC", "BMC"):
            props = op.operands[1] if name == "BDC" else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append(mcid)
            if mcid is not None:
                shows.setdefault(mcid, False)
        elif name == "EMC":
            stack.pop()
        elif name in _SHOWN:
            for mcid in (m for m in stack if m is not None):
                shows[mcid] = True
    out = set()
    for mcid, shown in shows.items():
        owner = entries[mcid] if mcid < len(entries) else None
        if shown or not isinstance(owner, pikepdf.Dictionary) or owner.get("/S") in _DRAWN:
            continue
        kids = kid_list(owner)
        keep = [k for k in kids if _marked_content(k, owner) != (page.objgen, mcid)]
        if len(keep) < len(kids):
            owner.K = pikepdf.Array(keep)
            out.add(mcid)
    return out


def _marked_content(k, element):
    """``(page's objgen, MCID)`` of ``k``, a kid of ``element`` that is marked content, else None."""
    import pikepdf

    if isinstance(k, int):
        page = element.get("/Pg")
    elif isinstance(k, pikepdf.Dictionary) and "/MCID" in k:
        page, k = k.get("/Pg", element.get("/Pg")), int(k.MCID)
    else:
        return None
    return None if page is None else (page.objgen, k)


def _artifact_ops(ops, repeated: set[int]) -> list:
    """The page's instructions with every text object, path, image and shading that no marked
    content holds wrapped in ``/Artifact BMC ... EMC``, and the marked content ``repeated``
    (MCIDs) turned into artifacts."""
    import pikepdf

    begin = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))
    end = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))
    out, depth, i = [], 0, 0
    while i < len(ops):
        op = ops[i]
        name = str(op.operator) if isinstance(op, pikepdf.ContentStreamInstruction) else "INLINE IMAGE"
        if name == "BDC":
            props = op.operands[1]
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props and int(props.MCID) in repeated:
                op = begin
            depth += 1
        elif name == "BMC":
            depth += 1
        elif name == "EMC":
            depth -= 1
        elif depth == 0 and name in ("BT", *_PATH_START, "Do", "sh", "INLINE IMAGE"):
            j = _object_end(ops, i, name)
            if j is not None:
                out += [begin, *ops[i : j + 1], end]
                i = j + 1
                continue
        out.append(op)
        i += 1
    return out


def _object_end(ops, i: int, name: str) -> int | None:
    """Where the graphics object that starts at ``ops[i]`` ends, if it paints and holds no
    marked content (a path that only clips is left as it is)."""
    import pikepdf

    if name in ("Do", "sh", "INLINE IMAGE"):
        return i
    closing = {"ET"} if name == "BT" else _PAINT
    for j in range(i + 1, len(ops)):
        op = ops[j]
        o = str(op.operator) if isinstance(op, pikepdf.ContentStreamInstruction) else ""
        if o in ("BMC", "BDC", "EMC"):
            return None
        if o in closing:
            return None if o == "n" else j
    return None


def _repeated_header_content(pdf, root) -> dict[int, set[int]]:
    """``{page: MCIDs}`` of a table's header rows printed again on the pages after the row's
    first, taken out of the header cells (each cell keeps its content on its first page)."""
    import pikepdf

    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    out: dict[int, set[int]] = {}
    for table in (e for e in elements_under(root.get("/K")) if e.S == "/Table"):
        for row in child_elements(table):
            cells = child_elements(row)
            if row.get("/S") != "/TR" or not cells or any(c.get("/S") != "/TH" for c in cells):
                continue
            first = min(content_pages(row, pages), default=None)
            for e in elements_under(row):
                kids = e.get("/K")
                if not isinstance(kids, pikepdf.Array):
                    continue
                keep = []
                for k in kids:
                    if (
                        isinstance(k, pikepdf.Dictionary)
                        and "/MCID" in k
                        and "/Pg" in k
                        and pages[k.Pg.objgen] != first
                    ):
                        out.setdefault(pages[k.Pg.objgen], set()).add(int(k.MCID))
                    else:
                        keep.append(k)
                if len(keep) != len(kids):
                    e.K = pikepdf.Array(keep)
    return out
