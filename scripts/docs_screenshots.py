"""Redo the guide's screenshots (docs/img/quarterly.png, annual.png, explorer.png) from the
default reports of the demo data, in headless Chromium driven by Playwright.

Run: .venv/bin/python scripts/docs_screenshots.py [--out docs/img] [--keep DIR]

Needs the dev extra (Playwright) and Debian's chromium (sh scripts/install-chromium.sh, or
SWREPORT_CHROMIUM=/path). The reports are rendered into a temporary folder (or --keep DIR) as
`swreport batch --schedule params/schedule.yaml` renders them; each picture is the top of the
page as a reader first sees it, 1200 pixels wide, saved as a palette PNG (a few hundred KB at
most). Look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 1400  # CSS pixels: the page as a reader's browser window shows it
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
# (picture, report, council, period): the default reports in params/schedule.yaml
REPORTS = [
    ("quarterly.png", "quarterly", "south-lanarkshire", "2021-22-Q2"),
    ("annual.png", "annual", "dundee-city", "2016-17"),
]
# the measure explorer (notebooks/explore_measures.ipynb) as its view shows one measure: an LGBF
# cost, with its SPC chart in real terms and the report's benchmarking row
EXPLORER = ("explorer.png", "dumfries-and-galloway", "2023-24-Q2", "dg-home-care-cost")


def chromium() -> str:
    path = os.environ.get("SWREPORT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        sys.exit(f"docs_screenshots: no Chromium at {path}: run sh scripts/install-chromium.sh")
    return path


def explorer_page(folder: Path) -> Path:
    """The explorer's view of EXPLORER's measure as a page, with the reports' stylesheet (what
    the notebook's output shows in JupyterLab and in a saved copy)."""
    import swlib
    from swlib.explorer import Explorer
    from swlib.templating import page_css

    _, council, period, measure = EXPLORER
    ds = swlib.load(ROOT / "data")
    theme = ds.measures.set_index("measure").at[measure, "theme"]
    ex = Explorer(ds, council, period, theme=theme, measure=measure)
    css, _ = page_css()
    page = folder / "explorer.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Measure explorer</title>'
        f"<style>{css}</style></head><body><main>{ex.render_html()}</main></body></html>",
        encoding="utf-8",
    )
    return page


def shoot(browser, page: Path, png: Path) -> None:
    """The top of ``page``, WIDTH pixels wide, as a small palette PNG."""
    from PIL import Image

    tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    tab.goto(page.as_uri())
    tab.wait_for_load_state("load")
    raw = png.with_suffix(".raw.png")
    height = min(
        HEIGHT, tab.evaluate("Math.ceil(document.body.getBoundingClientRect().bottom) + 16")
    )  # no blank band under a short page
    tab.screenshot(path=str(raw), clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
    tab.close()
    with Image.open(raw) as im:  # 256 colours: text and charts stay sharp, the file a third the size
        im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            png, optimize=True
        )
    raw.unlink()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="where the pictures go (docs/img)")
    ap.add_argument("--keep", type=Path, help="render the reports here and keep them (default: a temporary folder)")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    import swlib

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # the reports' "Generated" date, as the tests have it
    exe = chromium()
    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = a.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pages = [(name, swlib.render(report, council, period, data=ROOT / "data", out=folder))
                 for name, report, council, period in REPORTS]  # fmt: skip
        pages.append((EXPLORER[0], explorer_page(folder)))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=ARGS)
            for name, page in pages:
                shoot(browser, page, a.out / name)
                print(f"{a.out / name}: {(a.out / name).stat().st_size // 1024} KB, from {page}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
