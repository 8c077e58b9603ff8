"""Two-point comparison, parameter animation and the phone's phase labels in real Chromium (issue 18)."""

import math

import pytest

pytestmark = pytest.mark.browser

TRACE_X = """name => (document.querySelector('#phase-graph .js-plotly-plot').data
    .find(t => t.name === name) || {x: null}).x"""


def open_page(page, base_url, query=""):
    page.goto(base_url + "/" + query)
    page.wait_for_selector("#phase-graph .scatterlayer .trace", timeout=90_000)
    page.wait_for_function("document.querySelector('#phase-badge').innerText.length > 0", timeout=60_000)


def test_pin_a_then_move_b_shows_both_markers_the_table_and_the_link(page, live_server):
    open_page(page, live_server, "?E_F_eV=0.3")
    page.focus("#phase-pin-button")
    page.keyboard.press("Enter")
    page.wait_for_function("window.location.search.includes('pinA=')", timeout=30_000)
    page.evaluate("document.querySelector('#param-E_F_eV [role=slider]').focus()")
    page.keyboard.press("Home")  # B: E_F = 1 meV, anti-adiabatic; A stays at E_F = 0.3 eV
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.startsWith('anti-adiabatic')", timeout=30_000
    )
    page.wait_for_function("document.querySelector('#phase-table th') !== null", timeout=30_000)
    eta_a = 0.0369 / 0.3
    assert page.evaluate(TRACE_X, "point A") == [pytest.approx(math.log10(eta_a))]
    assert page.evaluate(TRACE_X, "your point") == [pytest.approx(math.log10(0.0369 / 0.001))]
    assert page.locator("#phase-graph .textpoint text", has_text="A").count() >= 1
    rows = page.locator("#phase-table tr").all_inner_texts()
    assert rows[0].split("\t") == ["quantity", "A (pinned)", "B (now)"]
    assert rows[1].split("\t") == ["regime", "non-adiabatic", "anti-adiabatic"]
    assert rows[2].split("\t")[1:] == [f"{eta_a:.4g}", f"{0.0369 / 0.001:.4g}"]
    link = page.url
    assert "E_F_eV=0.001" in link and "pinA=" in link and "E_F_eV%3A0.3" in link

    open_page(page, live_server, "?" + link.split("?", 1)[1])  # the shared link pins A again, no notice
    page.wait_for_function(f"({TRACE_X})('point A') && ({TRACE_X})('point A').length === 1", timeout=30_000)
    assert page.inner_text("#url-notice") == ""
    page.click("#phase-unpin-button")
    page.wait_for_function(f"({TRACE_X})('point A').length === 0", timeout=30_000)
    page.wait_for_function("!window.location.search.includes('pinA=')", timeout=10_000)
    assert page.locator("#phase-table th").count() == 0
    assert page.console_errors == []
