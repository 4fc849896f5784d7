"""A printed PDF's document-level metadata (``swlib.pdf_tags``'s ``reproducible`` asks it): its
dates from ``SOURCE_DATE_EPOCH``, its bookmarks titled with their headings' words, its links
described in words, and what PDF/UA-1 asks of the document itself (XMP metadata, the title
shown, marked tagged, annotations in structure order).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from xml.sax.saxutils import escape

# pikepdf, of the optional extra, is imported where it is used: swreport runs without it


def source_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def outline_titles(pdf, headings: list[str]) -> None:
    """Each bookmark titled with its heading's words: Chromium takes a bookmark's title from the
    heading as laid out, losing the space where the heading wraps ("cumulativeposition")."""
    if not headings:
        return
    words = {re.sub(r"\s+", "", h): h for h in headings}
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            whole = words.get(re.sub(r"\s+", "", item.title))
            if whole is not None and whole != item.title:
                item.title = whole
            stack.extend(item.children)


def describe_links(pdf, links: dict[str, str]) -> None:
    """Each link annotation gets its words as its alternative description (``/Contents``, which
    a screen reader reads for the annotation): a link within the report by the id it goes to
    (Chromium names the destination after it), a link out by its address."""
    import pikepdf

    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link" or "/Contents" in annot:
                continue
            dest, action = annot.get("/Dest"), annot.get("/A")
            if isinstance(dest, pikepdf.Name | pikepdf.String):
                href = "#" + str(dest).lstrip("/")
            elif action is not None and action.get("/S") == "/URI":
                href = str(action.URI)
            else:
                continue
            if links.get(href):
                annot.Contents = pikepdf.String(links[href])


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>{author}
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>{dates}
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xmp_date(pdf_date: str) -> str | None:
    """``D:YYYYMMDDHHmmSS`` with its offset (``Z``, ``+hh'mm'``) as an XMP date."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?", pdf_date.strip())
    if m is None:
        return None
    zone = m[7] or "Z"
    zone = "Z" if zone == "Z" or zone.replace("'", "") in ("+0000", "-0000") else f"{zone[:3]}:{zone[-3:-1]}"
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}{zone}"


def declare_pdf_ua(pdf) -> None:
    """What PDF/UA-1 (ISO 14289-1) asks of the document itself, beyond its tags: XMP metadata
    saying the file conforms to part 1, with the title, author and language (the document
    information dictionary's, the catalogue's); the viewer shows the title, not the file name; the file is
    marked tagged (not suspect); every page's annotations (its links) taken in structure order
    (``Tabs /S``). The dates are the document information dictionary's (``SOURCE_DATE_EPOCH``'s
    when set): the same report gives the same bytes."""
    import pikepdf

    info = pdf.docinfo
    title = str(info.get("/Title", ""))
    lang = str(pdf.Root.get("/Lang", "")) or "en-GB"
    created = _xmp_date(str(info.get("/CreationDate", "")))
    modified = _xmp_date(str(info.get("/ModDate", info.get("/CreationDate", ""))))
    dates = "".join(
        f"\n   <xmp:{k}>{v}</xmp:{k}>"
        for k, v in (("CreateDate", created), ("ModifyDate", modified), ("MetadataDate", modified))
        if v
    )
    author = str(info.get("/Author", ""))
    xmp = _XMP.format(
        title=escape(title),
        author=f"\n   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>" if author else "",
        lang=escape(lang),
        creator=escape(str(info.get("/Creator", ""))),
        producer=escape(str(info.get("/Producer", ""))),
        dates=dates,
    )
    pdf.Root.Metadata = pdf.make_stream(
        xmp.encode("utf-8"), pikepdf.Dictionary(Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    )
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(
        {**dict(pdf.Root.get("/ViewerPreferences", {})), "/DisplayDocTitle": True}
    )
    pdf.Root.MarkInfo = pikepdf.Dictionary(Type=pikepdf.Name.MarkInfo, Marked=True)
    for page in pdf.pages:
        page.Tabs = pikepdf.Name.S
