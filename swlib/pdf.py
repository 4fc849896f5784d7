"""The committee paper: each rendered HTML report printed to a tagged PDF beside it.

Chromium (Debian's, driven by Playwright) prints the page with its print styles: A4, the
running head and "Page n of N" from the stylesheet's ``@page`` rules, a tagged PDF (the
structure of headings, lists, tables with their header cells, figures with their alternative
text), the document's language and title, and bookmarks from the headings. pikepdf then makes
the file reproducible and its tags right (``swlib.pdf_tags``). Chromium prints the contents'
page numbers too, by one print with placeholders (``_print_with_contents_pages``).

Chromium was chosen over WeasyPrint on evidence (the five default reports, same HTML): both
give tagged PDFs with bookmarks and language, but WeasyPrint took 21 s where Chromium took
4.5 s, and laid the national overview on 76 pages to Chromium's 39 (no grid layout for the
charts); Chromium prints exactly what the browser tests check on screen.

Optional: ``pip install 'swreport[pdf]'`` (playwright, pikepdf) and Debian's ``chromium``.
``PdfEngine`` starts one browser and prints many reports with it: a batch worker keeps one.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
from pathlib import Path

from .errors import ConfigError
from .pdf_tags import reproducible
from .pdf_tree import kid_list, parent_tree
from .writing import write_atomic

# playwright and pikepdf, the optional extra, are imported where they are used: swreport runs without them

INSTALL = (
    "--pdf needs the optional extra and a Chromium browser: pip install 'swreport[pdf]' "
    "and Debian's chromium (sh scripts/install-chromium.sh), or set SWREPORT_CHROMIUM to a Chromium executable"
)


def chromium_path() -> str | None:
    """The Chromium to print with: $SWREPORT_CHROMIUM, else Debian's chromium on the PATH."""
    chosen = os.environ.get("SWREPORT_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require() -> str:
    """Check, before any report is rendered, that PDFs can be made; returns the Chromium path.
    Raises ConfigError (exit 2) saying how to install what is missing."""
    missing = [m for m in ("playwright", "pikepdf") if importlib.util.find_spec(m) is None]
    if missing:
        raise ConfigError(f"{INSTALL} (not installed: {', '.join(missing)})")
    path = chromium_path()
    if path is None:
        where = os.environ.get("SWREPORT_CHROMIUM")
        found = f"SWREPORT_CHROMIUM={where} is not a file" if where else "no chromium on the PATH"
        raise ConfigError(f"{INSTALL} ({found})")
    return path


def pdf_path(html: Path) -> Path:
    """``<report>.pdf`` beside ``<report>.html``."""
    return Path(html).with_suffix(".pdf")


_DRIVER = {"playwright": None, "engines": 0}  # one Playwright driver per process, shared by its engines


def _driver():
    if _DRIVER["playwright"] is None:
        from playwright.sync_api import sync_playwright

        _DRIVER["playwright"] = sync_playwright().start()
    _DRIVER["engines"] += 1
    return _DRIVER["playwright"]


def _release() -> None:
    _DRIVER["engines"] -= 1
    if _DRIVER["engines"] == 0 and _DRIVER["playwright"] is not None:
        _DRIVER["playwright"].stop()
        _DRIVER["playwright"] = None


class PdfEngine:
    """One headless Chromium: ``start()`` once, ``render()`` many reports, ``close()``.

    >>> with PdfEngine() as engine:  # doctest: +SKIP
    ...     engine.render(Path("outputs/dundee-city/2016-17/annual.html"))
    """

    def __init__(self, executable: str | None = None):
        self.executable = executable
        self._browser = None

    def start(self) -> PdfEngine:
        if self._browser is None:
            self.executable = self.executable or require()
            playwright = _driver()
            try:
                self._browser = playwright.chromium.launch(
                    executable_path=self.executable,
                    args=["--disable-gpu", "--no-sandbox", "--font-render-hinting=none"],
                )
            except Exception as e:
                _release()
                raise ConfigError(f"could not start Chromium ({self.executable}) to print PDFs: {e}") from None
        return self

    def render(self, html: Path, pdf: Path | None = None) -> Path:
        """Print ``html`` to ``pdf`` (default: beside it), written atomically; returns the path."""
        self.start()
        html = Path(html).resolve()
        target = Path(pdf) if pdf is not None else pdf_path(html)
        page = self._browser.new_page()
        try:
            page.goto(html.as_uri(), wait_until="load")
            links = page.evaluate(_LINK_TEXTS)  # a contents link's words, without the page number printed after them
            headings = page.evaluate(_HEADING_TEXTS)
            author = page.evaluate(_AUTHOR)
            raw = _print_with_contents_pages(page)
        finally:
            page.close()
        write_atomic(target, reproducible(raw, links, headings, author))
        return target

    def close(self) -> None:
        if self._browser is not None:
            try:
                self._browser.close()
            finally:
                self._browser = None
                _release()

    def __enter__(self) -> PdfEngine:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


# each link's words by where it goes: a link to a heading by the heading's words, so that every link to one
# place is described alike (the contents' "9. Inspection grades" was described by the words of the last
# other link to it, an annual report's page-1 line "Weavers Burn (Care at Home / Housing Support)")
_LINK_TEXTS = """() => Object.fromEntries([...document.querySelectorAll('a[href]')].map(a => {
    const href = a.getAttribute('href');
    const to = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
    const named = to && /^H[1-6]$/.test(to.tagName) ? to : a;
    return [href, named.textContent.replace(/\\s+/g, ' ').trim()];
  }).filter(([, t]) => t))"""


_HEADING_TEXTS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .map(h => h.textContent.replace(/\\s+/g, ' ').trim()).filter(t => t)"""

# the page's author (its meta tag: the council and the report's owner), which Chromium does not put in the PDF
_AUTHOR = """() => document.querySelector('meta[name="author"]')?.getAttribute('content') || ''"""

# each contents link's page number, printed at the end of its line: ``numbers`` is {id: page}; true
# when a number was added or changed (the page must be printed again)
_CONTENTS_PAGES = """(numbers) => {
  let changed = false;
  for (const a of document.querySelectorAll('nav.toc a[href^="#"]')) {
    const n = numbers[decodeURIComponent(a.getAttribute('href').slice(1))];
    let span = a.querySelector('span.toc-page');
    if (n === undefined) { if (span) { span.remove(); changed = true; } continue; }
    if (!span) {
      span = document.createElement('span');
      span.className = 'toc-page';
      span.style.cssFloat = 'right';
      span.style.paddingLeft = '0.5em';
      a.appendChild(span);
    }
    if (span.textContent !== String(n)) { span.textContent = String(n); changed = true; }
  }
  return changed;
}"""
# every image loaded, after the media changed (a picture's source for print chosen in place of the screen's)
_IMAGES_LOADED = """async () => {
  await new Promise(r => requestAnimationFrame(() => r()));
  await Promise.all([...document.images].map(i => i.complete ? i.decode().catch(() => {})
    : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
}"""
MAX_PRINTS = 4  # a contents list whose page numbers moved a heading to another page is printed again

# each contents line the printed page shows (the media emulated is print: the contents' sub-lists
# are not printed) given a two-digit placeholder where its page number goes, one of ``codes`` each:
# ``{id: placeholder}``, or null (the numbers are then set in the page: ``_CONTENTS_PAGES``) where
# there are more lines than codes or two lines go to one place
_CONTENTS_PLACEHOLDERS = """(codes) => {
  const out = {};
  let i = 0;
  for (const a of document.querySelectorAll('nav.toc a[href^="#"]')) {
    if (!a.getClientRects().length) continue;
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (i === codes.length || id in out) return null;  // more lines than placeholders, or two to one place
    const span = document.createElement('span');
    span.className = 'toc-page';
    span.style.cssFloat = 'right';
    span.style.paddingLeft = '0.5em';
    span.textContent = codes[i++];
    a.appendChild(span);
    out[id] = span.textContent;
  }
  return out;
}"""
# the placeholders: every digit in the first five (so the font embedded has each digit a page
# number may need), then every other two-digit number
_CODES = ["01", "23", "45", "67", "89"]
_CODES += [f"{i:02d}" for i in range(100) if f"{i:02d}" not in _CODES]


def _print(page) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=True)


def heading_pages(raw: bytes) -> dict[str, int]:
    """``{id: page number from 1}`` of each place in the printed report a link goes to (Chromium
    names a destination after the element's id)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        return _destination_pages(pdf)


def _destination_pages(pdf) -> dict[str, int]:
    import pikepdf

    pages = {p.objgen: i for i, p in enumerate(pdf.pages, 1)}
    dests = pdf.Root.get("/Dests")
    out = {}
    for name, dest in dests.items() if dests is not None else []:
        target = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
        if isinstance(target, pikepdf.Array) and len(target) and target[0].objgen in pages:
            out[name.lstrip("/")] = pages[target[0].objgen]
    return out


def _print_with_contents_pages(page) -> bytes:
    """The page printed with each contents line's page number. Chromium has no CSS
    ``target-counter`` (``CSS.supports`` says yes; it prints nothing): the page is printed once
    with a two-digit placeholder where each number goes, each heading's page read from the PDF's
    destinations, and each placeholder's digits replaced by its page's in the PDF
    (``_write_contents_pages``): the same layout, one print. Where that cannot be done (a
    placeholder not found as printed, a digit not in the font, a page number of three digits, a
    heading not printed), the numbers are written into the contents and the page printed again
    until no number changes."""
    page.emulate_media(media="print")
    page.evaluate(_IMAGES_LOADED)  # a chart drawn for the printed page (its <source media="print">) in place
    placeholders = page.evaluate(_CONTENTS_PLACEHOLDERS, _CODES)
    raw = _print(page)
    written = _write_contents_pages(raw, placeholders) if placeholders is not None else None
    if written is not None:
        return written
    for _ in range(MAX_PRINTS - 1):
        if not page.evaluate(_CONTENTS_PAGES, heading_pages(raw)):
            break
        raw = _print(page)
    return raw


def _link_target(element) -> str | None:
    """The id a structure element's link goes to (the ``Link`` it is in, and that link's
    annotation's named destination), or None."""
    import pikepdf

    for _ in range(8):
        if not isinstance(element, pikepdf.Dictionary):
            return None
        if element.get("/S") == "/Link":
            for k in kid_list(element):
                annot = k.get("/Obj") if isinstance(k, pikepdf.Dictionary) else None
                dest = annot.get("/Dest") if annot is not None else None
                if isinstance(dest, pikepdf.Name | pikepdf.String):
                    return str(dest).lstrip("/")
            return None
        element = element.get("/P")
    return None


def _to_unicode(font) -> dict[bytes, str]:
    """A font's ToUnicode map, ``{code: text}`` (Chromium's: two-byte codes, ``bfchar`` and
    ``bfrange`` entries)."""
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}
    text = cmap.read_bytes().decode("latin-1")
    out = {}

    def code(h: str) -> bytes:
        return bytes.fromhex(h)

    def chars(h: str) -> str:
        return bytes.fromhex(h).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[code(a)] = chars(b)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            lo, hi, start = int(a, 16), int(b, 16), int(c, 16)
            for k in range(hi - lo + 1):
                out[(lo + k).to_bytes(len(a) // 2, "big")] = chr(start + k)
    return out


def _widths(font) -> dict[int, float]:
    """A Type0 font's glyph widths (``/W``), ``{code: width in thousandths of an em}``."""
    import pikepdf

    fonts = font.get("/DescendantFonts")
    if not fonts:
        return {}
    w, out, i = list(fonts[0].get("/W", [])), {}, 0
    while i + 1 < len(w):
        if isinstance(w[i + 1], pikepdf.Array):
            for k, x in enumerate(w[i + 1]):
                out[int(w[i]) + k] = float(x)
            i += 2
        else:
            for c in range(int(w[i]), int(w[i + 1]) + 1):
                out[c] = float(w[i + 2])
            i += 3
    return out


def _write_contents_pages(raw: bytes, placeholders: dict[str, str]) -> bytes | None:
    """``raw`` with each contents placeholder (``{id: two digits}``) replaced by the page its
    heading is printed on, or None where that cannot be done exactly (the caller prints again).

    Chromium prints each placeholder, a float, as marked content of its own holding one text
    run (``BT``, the font, its place, ``Tj``, ``ET``); its digits become the page's digits, from
    the same font (Identity-H: two-byte glyph codes, read back through its ToUnicode map), and a
    one-digit page is moved right by a digit's width, right-aligned as the number is printed."""
    import pikepdf

    if not placeholders:
        return raw
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        pages = _destination_pages(pdf)
        numbers = {code: str(pages.get(target, "")) for target, code in placeholders.items()}
        if any(not n or len(n) > 2 for n in numbers.values()):
            return None
        root = pdf.Root.get("/StructTreeRoot")
        parents = parent_tree(root) if root is not None else {}
        found: dict[str, int] = {}
        for page in pdf.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            entries = parents.get(int(page.get("/StructParents", -1)))
            ops = list(pikepdf.parse_content_stream(page))
            changed = False
            for i in range(len(ops) - 5):
                run = [str(op.operator) for op in ops[i : i + 6]]
                if run != ["BDC", "BT", "Tf", "Tm", "Tj", "ET"] or str(ops[i + 6].operator) != "EMC":
                    continue
                font = fonts.get(ops[i + 2].operands[0])
                shown = bytes(ops[i + 4].operands[0])
                if font is None or len(shown) != 4:
                    continue
                glyphs = _to_unicode(font)
                text = "".join(glyphs.get(shown[k : k + 2], "?") for k in (0, 2))
                props = ops[i].operands[1] if len(ops[i].operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                if text not in numbers or entries is None or mcid is None or int(mcid) >= len(entries):
                    continue
                if placeholders.get(_link_target(entries[int(mcid)])) != text:
                    continue  # the same digits, not in the contents line that placeholder was given to
                found[text] = found.get(text, 0) + 1
                codes = {t: c for c, t in glyphs.items() if len(t) == 1 and t.isdigit()}
                widths = _widths(font)
                want = numbers[text]
                digit_widths = {widths.get(int.from_bytes(codes.get(d, b"\xff\xff"), "big")) for d in text + want}
                if any(d not in codes for d in want) or len(digit_widths) != 1 or None in digit_widths:
                    return None  # a digit not in the font, or digits of different widths
                size, matrix = float(ops[i + 2].operands[1]), [float(x) for x in ops[i + 3].operands]
                if len(want) == 1:  # right-aligned: one digit's width further right
                    advance = digit_widths.pop() / 1000 * size
                    matrix[4] += matrix[0] * advance
                    matrix[5] += matrix[1] * advance
                    ops[i + 3] = pikepdf.ContentStreamInstruction(matrix, pikepdf.Operator("Tm"))
                shown = b"".join(codes[d] for d in want)
                ops[i + 4] = pikepdf.ContentStreamInstruction([pikepdf.String(shown)], pikepdf.Operator("Tj"))
                changed = True
            if changed:
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        if set(found) != set(numbers) or any(n != 1 for n in found.values()):
            return None  # a placeholder not printed as one run, or printed twice
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
