"""Detector presets in real Chromium: the spectra panel comes into view and the T_c table shows no T_c."""

import pytest

from components.presets import BY_KEY
from tests.browser.test_readability import LAYOUT_PROBLEMS

pytestmark = pytest.mark.browser


def _open(page, base_url):
    page.goto(base_url + "/")
    for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)


def _choose(page, key):
    page.click("#preset")
    page.get_by_role("option", name=BY_KEY[key].label).click()


# the panel's top just below the sticky lecture bar (its scroll-margin-top)
SPECTRA_TOP = (
    "Math.abs(document.getElementById('spectra-panel').getBoundingClientRect().top"
    " - document.getElementById('lecture-bar').getBoundingClientRect().bottom - 8)"
)


@pytest.mark.parametrize("key", ["Xe", "Si"])
def test_detector_preset_scrolls_to_spectra_and_shows_no_tc(page, live_server, key):
    _open(page, live_server)
    _choose(page, key)
    page.wait_for_function(f"{SPECTRA_TOP} < 5", timeout=10_000)
    page.wait_for_function(
        "document.querySelector('#vertex-tc-table').innerText.includes('no T_c')", timeout=30_000
    )
    assert " K" not in page.inner_text("#vertex-tc-table")
    # the badge comes with the phase panel's own callback, which may answer after the vertex panel's
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.includes('Born–Oppenheimer')", timeout=30_000
    )


def test_superconductor_preset_shows_best_and_measured_tc(page, live_server):
    _open(page, live_server)
    _choose(page, "Pb")
    page.wait_for_function(
        "document.querySelector('#vertex-tc-table').innerText.includes('Measured, Pb')", timeout=30_000
    )
    text = page.inner_text("#vertex-tc-table")
    assert "Best estimate (adiabatic)" in text and "7.2 K" in text
    page.wait_for_function(  # the phase panel's callback, not the vertex panel's
        "document.querySelector('#phase-badge').innerText.includes('Strong coupling (λ ≥ 1)')", timeout=30_000
    )


HOLSTEIN_VIEWS = {  # the Holstein model's labels crowd the thin lambda_0 < 0.4 strip (region names, eta lines)
    "Al": "?E_F_eV=11.7&omega_ph_eV=0.03688&coupling=0.216&coupling_model=holstein",
    "SrTiO3": "?E_F_eV=0.005&omega_ph_eV=0.1&coupling=0.143&mu_star=0&coupling_model=holstein",
    "polaron": "?E_F_eV=1.0&omega_ph_eV=0.05&coupling=1.5&coupling_model=holstein",
}


PHASE_IN_LECTURE_SIZE = """() => {
    const plot = document.querySelector('#phase-graph .js-plotly-plot');
    const title = plot && plot.querySelector('.g-ytitle');
    return plot && plot._fullLayout && plot._fullLayout.font.size >= 22 && title
        && title.textContent.includes('λ₀');
}"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("view", HOLSTEIN_VIEWS, ids=list(HOLSTEIN_VIEWS))
def test_holstein_labels_do_not_collide_in_lecture_mode(browser, live_server, size, view):
    """Bounding boxes of the phase figure's text (layout_checks.js): none cut, none on top of another."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(live_server + "/" + HOLSTEIN_VIEWS[view] + "&lecture=on")
        page.wait_for_function(PHASE_IN_LECTURE_SIZE, timeout=90_000)
        page.wait_for_timeout(1000)  # the point's patch after the URL's values
        problems = [p for p in page.evaluate(LAYOUT_PROBLEMS) if p.startswith("phase-graph")]
        regions = page.eval_on_selector_all(
            "#phase-graph .annotation-text", "ts => ts.map(t => t.textContent.trim())"
        )
    finally:
        context.close()
    assert problems == []
    assert "bipolaronic" in regions and "polaronic" in regions  # the Holstein-only regions are named
