"""Screenshots of every panel at phone, laptop and projector width, normal, lecture and dark, and of
every step of the guided lecture.

``python -m devtools.screenshots OUT_DIR [--url URL] [--query '?E_F_eV=0.005'] [--widths 390,1280]
[--modes normal,dark] [--no-steps]`` writes ``OUT_DIR/<width>_<mode>_<panel>[_<part>].png`` (a panel
taller than ``PART_PX`` in parts), ``<width>_<mode>_top.png`` (the first screen) and
``<width>_step<NN>_<preset>.png`` (the screen after Next, lecture mode on a laptop or projector) with
headless Debian Chromium (Playwright). The lecture bar is hidden in the panel pictures: it sticks to
the top of the screen, and a panel's picture would show it cut at the panel's edges (the screens show
it where it is). Without ``--url`` it starts its own gunicorn on loopback and stops it at the end.
For looking at what was built (issue 18), not a test.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from pathlib import Path

import tests.conftest  # noqa: F401 (sets the rate limit out of the way of a fast client)
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from devtools.dash_client import start_gunicorn, stop_gunicorn

WIDTHS = {390: 844, 1280: 800, 1920: 1080}  # phone, laptop / projector, full-HD projector
MODES = {"normal": "", "lecture": "lecture=on", "dark": "theme=dark", "dark-lecture": "theme=dark&lecture=on"}
MAIN_GRAPHS = ("phase-graph", "vertex-graph", "spectra-graph")
PART_PX = 1200  # the file viewer shrinks a taller picture until its small text cannot be read
HIDE_BAR = "#lecture-bar { visibility: hidden !important; }"  # takes the same room: nothing moves


def _query(mode: str, extra: str) -> str:
    parts = [part for part in (extra.lstrip("?"), MODES[mode]) if part]
    return "?" + "&".join(parts) if parts else ""


def _open(page, url: str) -> None:
    page.goto(url)
    for graph in MAIN_GRAPHS:
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=120_000)
    page.wait_for_timeout(2500)  # the smaller figures and the fonts


def _panels(page, stem: str, out_dir: Path) -> list[Path]:
    """Each panel in parts of at most ``PART_PX`` (page coordinates), the lecture bar hidden."""
    written = []
    bar_hidden = page.add_style_tag(content=HIDE_BAR)
    for section in page.locator("section.panel").all():
        panel = (section.get_attribute("id") or "panel").removesuffix("-panel")
        section.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = page.evaluate(
            "s => { const r = s.getBoundingClientRect(); "
            "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }",
            section.element_handle(),
        )
        parts = math.ceil(box["height"] / PART_PX)
        for part in range(parts):
            top = box["y"] + part * PART_PX
            clip = {**box, "y": top, "height": min(PART_PX, box["y"] + box["height"] - top)}
            written.append(
                out_dir / (f"{stem}_{panel}.png" if parts == 1 else f"{stem}_{panel}_{part + 1}.png")
            )
            page.screenshot(path=str(written[-1]), full_page=True, clip=clip)
    bar_hidden.evaluate("tag => tag.remove()")
    return written


def _steps(page, width: int, out_dir: Path) -> list[Path]:
    """The screen after each Next of the guided lecture."""
    from components.lecture import STEPS

    written = []
    for number, step in enumerate(STEPS, start=1):
        page.click("#lecture-next")
        page.wait_for_function(
            f"document.querySelector('#lecture-counter').innerText === '{number} / {len(STEPS)}'",
            timeout=30_000,
        )
        page.wait_for_function(f"window.location.search.startsWith('?preset={step.key}&')", timeout=30_000)
        page.wait_for_timeout(2500)  # the figures of the new step
        written.append(out_dir / f"{width}_step{number:02d}_{step.key}.png")
        page.screenshot(path=str(written[-1]))
    return written


def shoot(
    base_url: str,
    out_dir: Path,
    widths: list[int],
    extra_query: str = "",
    modes: list[str] | None = None,
    steps: bool = True,
) -> list[Path]:
    """Write the PNGs; return their paths."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in widths:
            viewport = {"width": width, "height": WIDTHS.get(width, 900)}
            for mode in modes or MODES:
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                _open(page, base_url + "/" + _query(mode, extra_query))
                stem = f"{width}_{mode}"
                written.append(out_dir / f"{stem}_top.png")
                page.screenshot(path=str(written[-1]))
                written += _panels(page, stem, out_dir)
                context.close()
            if steps:  # a lecture hall's screen; a phone follows the lecture in the normal view
                context = browser.new_context(viewport=viewport, bypass_csp=True)  # (string waits: eval)
                page = context.new_page()
                _open(page, base_url + "/" + _query("normal" if width < 700 else "lecture", extra_query))
                written += _steps(page, width, out_dir)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--query", default="", help="parameters for every view, e.g. '?E_F_eV=0.005'")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)), help="comma-separated px")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated, of " + ", ".join(MODES))
    parser.add_argument("--no-steps", action="store_true", help="no pictures of the lecture's steps")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    modes = args.modes.split(",")
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown mode {sorted(unknown)}: choose from {', '.join(MODES)}")
    process = None
    base_url = args.url
    if base_url is None:
        process, base_url = start_gunicorn(Path(tempfile.mkdtemp(prefix="screenshots-")))
    try:
        written = shoot(base_url.rstrip("/"), args.out_dir, widths, args.query, modes, not args.no_steps)
    finally:
        if process is not None:
            stop_gunicorn(process)
    print(f"{len(written)} screenshots in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
