"""Real-browser tests: the page loads, a slider moves, the figure and URL follow."""

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser


def wait_for_phase_figure(page):
    page.wait_for_selector("#phase-graph .scatterlayer .trace", timeout=60_000)
    page.wait_for_function("document.querySelector('#phase-badge').innerText.length > 0", timeout=60_000)


def test_page_loads_with_default_point_labelled_adiabatic(page, live_server):
    page.goto(live_server + "/")
    wait_for_phase_figure(page)
    assert page.inner_text("#phase-badge").startswith("adiabatic")
    page.wait_for_function("window.location.search.includes('E_F_eV=11.7')")
    assert page.console_errors == []


def test_moving_a_slider_updates_figure_and_url(page, live_server):
    page.goto(live_server + "/")
    wait_for_phase_figure(page)
    eta_before = page.inner_text("#phase-table tr:first-child td.num")
    handle = page.locator("#param-E_F_eV [role=slider]")
    handle.focus()
    page.keyboard.press("Home")  # E_F -> 1 meV: omega_ph/E_F = 36.9
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.startsWith('anti-adiabatic')", timeout=30_000
    )
    page.wait_for_function("window.location.search.includes('E_F_eV=0.001')", timeout=30_000)
    assert page.inner_text("#phase-table tr:first-child td.num") != eta_before
    assert page.inner_text("#param-E_F_eV-readout") == "0.001 eV"
    query = parse_qs(urlparse(page.url).query)
    assert query["E_F_eV"] == ["0.001"]
    assert page.console_errors == []


def test_shared_url_restores_the_view_and_flags_bad_values(page, live_server):
    page.goto(live_server + "/?E_F_eV=0.3&omega_ph_eV=0.2&coupling=0.6&Qc=junk")
    wait_for_phase_figure(page)
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.startsWith('non-adiabatic')", timeout=30_000
    )
    assert page.inner_text("#param-E_F_eV-readout") == "0.3 eV"
    assert "Qc" in page.inner_text("#url-notice")
    assert page.console_errors == []


def test_no_mode_bar_button_sends_a_figure_to_an_outside_service(page, live_server):
    """Plotly can add "Edit in Chart Studio"/"Send data to cloud" and a plotly.com logo link; none may appear."""
    page.goto(live_server + "/")
    for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
        page.wait_for_selector(f"#{graph} .modebar-btn", state="attached", timeout=90_000)
    titles = page.eval_on_selector_all(".modebar-btn", "bs => bs.map(b => b.dataset.title || '')")
    links = page.eval_on_selector_all(".js-plotly-plot a[href]", "as => as.map(a => a.href)")
    assert "Download plot as a PNG" in titles  # the mode bar was found
    words = ("cloud", "chart studio", "edit", "share", "plotly")
    outside = [t for t in titles if any(w in t.lower() for w in words)]
    assert outside == []
    assert [href for href in links if "plot.ly" in href or "plotly.com" in href] == []
