"""The printed PDF made reproducible and its tags right for a screen reader (``reproducible``):
``swlib.pdf`` prints each report with Chromium, and this module rewrites what Chromium wrote.

It makes the file reproducible: dates from ``SOURCE_DATE_EPOCH``, structure ids numbered in
document order (Chromium numbers them by its own internal node ids, which vary from run to
run), and a file id from the content; it also turns the ``<figure>`` wrapper, which Chromium tags as a
figure without alternative text, into a grouping element around the tagged image and caption;
and it puts each run of text in the block it is read in (Chromium tags every run ``NonStruct``,
and a ``<div>``'s text is in no paragraph at all: ``_text_in_its_block``).
What a screen reader must not read is marked as artifacts by ``swlib.pdf_artifacts``; the
document's metadata (dates, bookmarks' titles, links' words, PDF/UA) is ``swlib.pdf_metadata``'s;
the structure tree is walked with ``swlib.pdf_tree``.
"""

from __future__ import annotations

import io

from .pdf_artifacts import mark_artifacts
from .pdf_metadata import declare_pdf_ua, describe_links, outline_titles, source_date
from .pdf_tree import attributes_of, child_elements, elements_under, kid_list, parent_tree
from .version import __version__

# pikepdf, of the optional extra, is imported where it is used: swreport runs without it


def reproducible(
    raw: bytes, links: dict[str, str] | None = None, headings: list[str] | None = None, author: str = ""
) -> bytes:
    """Chromium's PDF made the same bytes from the same page (see the module's notes);
    ``links`` (``{href: the link's words}``, from the page) describe its links, ``headings`` (the
    page's headings' words, in order) title its bookmarks, ``author`` (the page's) is its Author.
    Written as PDF 1.7 (ISO 32000-1, which PDF/UA-1 builds on; Chromium says 1.4)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        info = pdf.docinfo
        info["/Creator"] = f"swreport {__version__}"
        if author:
            info["/Author"] = author
        when = source_date()
        if when:
            info["/CreationDate"] = when
            info["/ModDate"] = when
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            _renumber_structure(pdf, root)
            parents = parent_tree(root)  # its arrays, changed in place by the three steps below
            mark_artifacts(pdf, root, parents)
            _list_bodies(pdf, root, parents)
            _text_in_its_block(pdf, root, parents)
            _contents_list(pdf, root)
            _sections(pdf, root)
            _unwrap_groups(pdf, root)
            _role_map(root)
        describe_links(pdf, links or {})
        outline_titles(pdf, headings or [])
        declare_pdf_ua(pdf)
        if "/ID" in pdf.trailer:  # an id from before (_write_contents_pages' save): the file's is from its content
            del pdf.trailer.ID
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, force_version="1.7")
    return out.getvalue()


def _renumber_structure(pdf, root) -> None:
    import pikepdf

    elements = list(elements_under(root.get("/K")))
    ids = {}
    for e in elements:
        if "/ID" in e:
            ids[bytes(e.ID)] = f"node{len(ids) + 1:08d}"
    names = []
    for e in elements:
        if "/ID" in e:
            e.ID = pikepdf.String(ids[bytes(e.ID)])
            names += [e.ID, e]
        for a in attributes_of(e):
            if "/Headers" in a:
                a.Headers = pikepdf.Array([pikepdf.String(ids.get(bytes(h), str(h))) for h in a.Headers])
        if e.S == "/Figure" and "/Alt" not in e and any(k.get("/S") == "/Figure" for k in child_elements(e)):
            e.S = pikepdf.Name("/Div")  # the <figure> around a tagged image: a group, not a second figure
    if "/IDTree" in root:
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


def _list_bodies(pdf, root, parents: dict) -> None:
    """Each list item's content in an ``LBody`` beside its ``Lbl`` (a PDF list item holds the
    two; Chromium puts the content straight in the item)."""
    import pikepdf

    for item in [e for e in elements_under(root.get("/K")) if e.S == "/LI"]:
        kids = item.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        body = [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Lbl")]
        if not body or any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR" for k in body):
            continue
        lbody = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=item))
        if "/Pg" in item:
            lbody.Pg = item.Pg
        for k in body:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                k.P = lbody
            elif isinstance(k, pikepdf.Dictionary) and "/MCID" in k:
                parents[int(k.Pg.StructParents)][int(k.MCID)] = lbody
            elif isinstance(k, int) and "/Pg" in item:
                parents[int(item.Pg.StructParents)][k] = lbody
        lbody.K = pikepdf.Array(body)
        item.K = pikepdf.Array([*(k for k in kids if k not in body), lbody])


# elements that only group others (Chromium tags a <div>, <section>, <nav>, <dl> and <body> NonStruct)
_GROUPS = {"/NonStruct", "/Div", "/Document", "/Part", "/Art", "/Sect"}
# elements a line of text runs through (Chromium's <strong>, <em>, <a>)
_INLINE = {"/Strong", "/Em", "/Span", "/Link", "/Code", "/Quote", "/Reference", "/Note", "/Sub"}


def _text_in_its_block(pdf, root, parents: dict) -> None:
    """Each run of text held by the block it is read in, a paragraph where no block holds it.

    Chromium tags every run of text as a ``NonStruct`` of its own inside the element that holds
    it (a heading, a paragraph, a cell), and text that stands in a ``<div>`` (a banner, a
    glossary's term, a chart's note) in ``NonStruct`` wrappers with no block at all. Here a run's
    marked content moves into the element that holds it; a group whose content is all one line
    of text (text, strong, emphasis, links) becomes that line's ``P``; and in a group that also
    holds blocks, each stretch of such text is put in a ``P`` of its own."""
    import pikepdf

    def is_run(k) -> bool:  # a NonStruct holding only marked content: one run of text
        if not (isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/NonStruct"):
            return False
        kids = kid_list(k)
        return bool(kids) and all(
            isinstance(x, int) or (isinstance(x, pikepdf.Dictionary) and "/MCID" in x) for x in kids
        )

    def is_inline(k) -> bool:
        return is_run(k) or (isinstance(k, pikepdf.Dictionary) and k.get("/S") in _INLINE)

    def references(run, owner) -> list:  # the run's marked content, now ``owner``'s
        out = []
        for x in kid_list(run):
            page, mcid = (run.get("/Pg"), x) if isinstance(x, int) else (x.get("/Pg", run.get("/Pg")), int(x.MCID))
            if page is None or "/StructParents" not in page:
                continue
            entries = parents.get(int(page.StructParents))
            if entries is not None and mcid < len(entries):
                entries[mcid] = owner
            out.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=mcid))
        return out

    def paragraph(parent, kids) -> pikepdf.Dictionary:
        p = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=parent))
        for k in kids:
            if not is_run(k):
                k.P = p
        p.K = pikepdf.Array(kids)
        return p

    def fix(e) -> None:
        kids = kid_list(e)
        for k in kids:
            if isinstance(k, pikepdf.Dictionary) and "/S" in k and not is_run(k):
                fix(k)
        if e.get("/S") in _GROUPS and any(is_run(k) for k in kids):
            if all(is_inline(k) for k in kids):
                e.S = pikepdf.Name.P  # a <div> that holds one line of text: a paragraph
            else:  # text beside blocks: each stretch of it a paragraph
                out, stretch = [], []
                for k in [*kids, None]:
                    if k is not None and is_inline(k):
                        stretch.append(k)
                        continue
                    if any(is_run(x) for x in stretch):
                        out.append(paragraph(e, stretch))
                        fix(out[-1])
                    else:  # emphasis or a link with no text beside it stays as it is
                        out += stretch
                    stretch = []
                    if k is not None:
                        out.append(k)
                e.K = pikepdf.Array(out)
                return
        if e.get("/S") in _GROUPS or not any(is_run(k) for k in kids):
            return
        out = []
        for k in kids:
            out += references(k, e) if is_run(k) else [k]
        e.K = pikepdf.Array(out)

    top = root.get("/K")
    for e in list(top) if isinstance(top, pikepdf.Array) else [top]:
        if isinstance(e, pikepdf.Dictionary) and "/S" in e:
            fix(e)


def _unwrap_groups(pdf, root) -> None:
    """Each ``NonStruct`` that only groups other elements (Chromium's tag for the page's
    ``<main>``, the notebook's output ``<div>``s, the footer, a ``<div>`` round a few paragraphs)
    replaced by what it holds: the document is ``Document`` > ``Sect`` > headings, paragraphs,
    tables and figures, with nothing a screen reader must step through between them. A group
    that holds marked content of its own, or says something (alternative text, a language), is
    kept; so is a figure's ``Div`` round its chart and caption. Only elements move, so the parent tree stays as it is; the ID tree drops the
    groups taken out."""
    import pikepdf

    def is_element(k) -> bool:
        return isinstance(k, pikepdf.Dictionary) and "/S" in k

    def empty_group(k) -> bool:
        if not is_element(k) or any(key in k for key in ("/Alt", "/ActualText", "/Lang", "/E", "/A", "/C")):
            return False
        return k.S == "/NonStruct" and all(is_element(x) for x in kid_list(k))

    def unwrap(e) -> None:
        kids = kid_list(e)
        if not any(empty_group(k) for k in kids):
            for k in kids:
                if is_element(k):
                    unwrap(k)
            return
        out = []
        for k in kids:
            if empty_group(k):
                inner = kid_list(k)
                for x in inner:
                    x.P = e
                out += inner
            else:
                out.append(k)
        e.K = pikepdf.Array(out)
        unwrap(e)  # what came out may be a group in its turn

    top = root.get("/K")
    for e in list(top) if isinstance(top, pikepdf.Array) else [top]:
        if is_element(e):
            unwrap(e)
    if "/IDTree" in root:  # document order is the IDs' order (_renumber_structure)
        names = []
        for e in elements_under(root.get("/K")):
            if "/ID" in e:
                names += [e.ID, e]
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


def _heading_level(k) -> int | None:
    import pikepdf

    s = str(k.get("/S", "")) if isinstance(k, pikepdf.Dictionary) else ""
    return int(s[2]) if len(s) == 3 and s[:2] == "/H" and s[2] in "123456" else None


def _sections(pdf, root) -> None:
    """Each heading below the title (h2 to h6) with what follows it, up to the next heading of
    its level or above, a ``Sect`` (a subsection's in its section's): Chromium leaves the
    report's headings and paragraphs side by side in the page's ``NonStruct`` wrapper, as the
    HTML has them. A group whose content is one heading's section (the contents ``<nav>``)
    becomes that ``Sect`` itself. Only elements are moved, never marked content, so the parent
    tree stays as it is."""
    import pikepdf

    def is_element(k) -> bool:
        return isinstance(k, pikepdf.Dictionary) and "/S" in k

    def grouped(parent, kids: list) -> list:
        out, i = [], 0
        while i < len(kids):
            n = _heading_level(kids[i])
            if n is None or n < 2:
                out.append(kids[i])
                i += 1
                continue
            j = i + 1
            while j < len(kids) and (_heading_level(kids[j]) or 7) > n:
                j += 1
            sect = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Sect, P=parent))
            body = [kids[i], *grouped(sect, kids[i + 1 : j])]
            for k in body:
                k.P = sect
            sect.K = pikepdf.Array(body)
            out.append(sect)
            i = j
        return out

    for e in [e for e in elements_under(root.get("/K")) if e.S in _GROUPS]:
        kids = kid_list(e)
        if not any((_heading_level(k) or 0) >= 2 for k in kids) or not all(is_element(k) for k in kids):
            continue  # no section here, or marked content the parent tree names this element for
        out = grouped(e, kids)
        if len(out) == 1 and e.S in ("/NonStruct", "/Div") and out[0] is not kids[0]:
            e.S = pikepdf.Name.Sect  # the group is the section: no Sect inside a NonStruct
            inner = list(out[0].K)
            for k in inner:
                k.P = e
            e.K = pikepdf.Array(inner)
        else:
            e.K = pikepdf.Array(out)


def _contents_list(pdf, root) -> None:
    """The contents list (a list each of whose items is a link to a place in the report, and
    sub-lists of such items) tagged ``TOC``: each item a ``TOCI`` holding its link in a
    ``Reference`` and its sub-list, itself a ``TOC``."""
    import pikepdf

    def items(lst):
        return [k for k in child_elements(lst) if k.get("/S") != "/Caption"]

    def body(li):
        kids = child_elements(li)
        return next((k for k in kids if k.get("/S") == "/LBody"), None)

    def internal_link(e) -> bool:
        if e is None or e.get("/S") != "/Link":
            return False
        objs = [x.Obj for x in kid_list(e) if isinstance(x, pikepdf.Dictionary) and x.get("/Type") == "/OBJR"]
        return bool(objs) and all("/Dest" in o or (o.get("/A") or {}).get("/S") == "/GoTo" for o in objs)

    def is_contents(lst) -> bool:
        lis = items(lst)
        if not lis or any(li.get("/S") != "/LI" for li in lis):
            return False
        for li in lis:
            b = body(li)
            kids = child_elements(b) if b is not None else []
            if not kids or not internal_link(kids[0]) or any(k.get("/S") not in ("/Link", "/L") for k in kids):
                return False
            if any(k.get("/S") == "/L" and not is_contents(k) for k in kids):
                return False
        return True

    def retag(lst) -> None:
        lst.S = pikepdf.Name.TOC
        for li in items(lst):
            li.S = pikepdf.Name.TOCI
            b = body(li)
            b.S = pikepdf.Name.Reference
            subs = [k for k in child_elements(b) if k.get("/S") == "/L"]
            if subs:  # a sub-list is the item's own TOC, beside its reference
                b.K = pikepdf.Array([k for k in b.K if not any(k == s for s in subs)])
                for s in subs:
                    s.P = li
                    retag(s)
                li.K = pikepdf.Array([*li.K, *subs])

    for lst in [e for e in elements_under(root.get("/K")) if e.S == "/L"]:
        if lst.S == "/L" and lst.get("/P", {}).get("/S") not in ("/LBody", "/TOCI") and is_contents(lst):
            retag(lst)


# PDF 2.0's types Chromium uses that PDF 1.7 (ISO 32000-1, which PDF/UA-1 builds on) does not
# have, each mapped to the PDF 1.7 type a reader of PDF/UA-1 knows it as
_PDF2_TYPES = {
    "/Strong": "/Span",
    "/Em": "/Span",
    "/Sub": "/Span",
    "/Title": "/P",
    "/FENote": "/Note",
    "/Aside": "/Div",
    "/DocumentFragment": "/Part",
}


def _role_map(root) -> None:
    """The structure tree's role map: each PDF 2.0 type the tree uses mapped to its PDF 1.7 type."""
    import pikepdf

    used = {str(e.S) for e in elements_under(root.get("/K"))} & _PDF2_TYPES.keys()
    if used:
        role_map = root.get("/RoleMap") or pikepdf.Dictionary()
        for s in sorted(used):
            role_map[s] = pikepdf.Name(_PDF2_TYPES[s])
        root.RoleMap = role_map
