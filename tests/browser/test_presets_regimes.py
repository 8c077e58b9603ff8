"""Detector presets in real Chromium: the spectra panel comes into view and the T_c table shows no T_c."""

import pytest

from components.presets import BY_KEY

pytestmark = pytest.mark.browser


def _open(page, base_url):
    page.goto(base_url + "/")
    for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)


def _choose(page, key):
    page.click("#preset")
    page.get_by_role("option", name=BY_KEY[key].label).click()


SPECTRA_TOP = "Math.abs(document.getElementById('spectra-panel').getBoundingClientRect().top)"


@pytest.mark.parametrize("key", ["Xe", "Si"])
def test_detector_preset_scrolls_to_spectra_and_shows_no_tc(page, live_server, key):
    _open(page, live_server)
    _choose(page, key)
    page.wait_for_function(f"{SPECTRA_TOP} < 5", timeout=10_000)
    page.wait_for_function(
        "document.querySelector('#vertex-tc-table').innerText.includes('no T_c')", timeout=30_000
    )
    assert " K" not in page.inner_text("#vertex-tc-table")
    assert "Born–Oppenheimer" in page.inner_text("#phase-badge")


def test_superconductor_preset_shows_best_and_measured_tc(page, live_server):
    _open(page, live_server)
    _choose(page, "Pb")
    page.wait_for_function(
        "document.querySelector('#vertex-tc-table').innerText.includes('Measured, Pb')", timeout=30_000
    )
    text = page.inner_text("#vertex-tc-table")
    assert "Best estimate (adiabatic)" in text and "7.2 K" in text
    assert "Strong coupling (λ ≥ 1)" in page.inner_text("#phase-badge")
