"""Screenshots of every panel at phone, laptop and projector width, normal, lecture and dark.

``python -m devtools.screenshots OUT_DIR [--url URL] [--query '?E_F_eV=0.005'] [--widths 390,1280]``
writes ``OUT_DIR/<width>_<mode>_<panel>.png`` (and ``<width>_<mode>_top.png``, the first screen) with
headless Debian Chromium (Playwright). Without ``--url`` it starts its own gunicorn on loopback and
stops it at the end. For looking at what was built (issue 18), not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import tests.conftest  # noqa: F401 (sets the rate limit out of the way of a fast client)
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from devtools.dash_client import start_gunicorn, stop_gunicorn

WIDTHS = {390: 844, 1280: 800, 1920: 1080}  # phone, laptop / projector, full-HD projector
MODES = {"normal": "", "lecture": "lecture=on", "dark": "theme=dark"}
MAIN_GRAPHS = ("phase-graph", "vertex-graph", "spectra-graph")


def _query(mode: str, extra: str) -> str:
    parts = [part for part in (extra.lstrip("?"), MODES[mode]) if part]
    return "?" + "&".join(parts) if parts else ""


def shoot(base_url: str, out_dir: Path, widths: list[int], extra_query: str = "") -> list[Path]:
    """Write the PNGs; return their paths."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in widths:
            for mode in MODES:
                context = browser.new_context(viewport={"width": width, "height": WIDTHS.get(width, 900)})
                page = context.new_page()
                page.goto(base_url + "/" + _query(mode, extra_query))
                for graph in MAIN_GRAPHS:
                    page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=120_000)
                page.wait_for_timeout(2500)  # the smaller figures and the fonts
                stem = f"{width}_{mode}"
                written.append(out_dir / f"{stem}_top.png")
                page.screenshot(path=str(written[-1]))
                for section in page.locator("section.panel").all():
                    panel = (section.get_attribute("id") or "panel").removesuffix("-panel")
                    section.scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                    written.append(out_dir / f"{stem}_{panel}.png")
                    section.screenshot(path=str(written[-1]))
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--query", default="", help="parameters for every view, e.g. '?E_F_eV=0.005'")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)), help="comma-separated px")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    process = None
    base_url = args.url
    if base_url is None:
        process, base_url = start_gunicorn(Path(tempfile.mkdtemp(prefix="screenshots-")))
    try:
        written = shoot(base_url.rstrip("/"), args.out_dir, widths, args.query)
    finally:
        if process is not None:
            stop_gunicorn(process)
    print(f"{len(written)} screenshots in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
