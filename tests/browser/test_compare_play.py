"""Two-point comparison, parameter animation and the phone's phase labels in real Chromium (issue 18)."""

import math
from pathlib import Path

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


def _readout_eV(page) -> float:
    return float(page.inner_text("#param-E_F_eV-readout").split()[0])


def test_play_sweeps_E_F_down_to_the_end_from_the_keyboard_two_requests_a_frame(page, live_server):
    open_page(page, live_server, "?E_F_eV=0.01")
    requests = []
    page.on("request", lambda r: "_dash-update-component" in r.url and requests.append(r.post_data))
    page.focus("#play-speed input[value='150']")
    page.keyboard.press("Space")  # fast
    page.focus("#play-button")
    page.keyboard.press("Space")  # play
    page.wait_for_function("document.querySelector('#param-E_F_eV-readout').innerText !== '0.01 eV'")
    page.keyboard.press("Space")  # pause
    page.wait_for_function("document.querySelector('#play-button').innerText.includes('Play')")
    paused = _readout_eV(page)
    page.wait_for_timeout(1500)
    assert _readout_eV(page) == paused < 0.01
    page.focus("#play-step")
    page.keyboard.press("Enter")  # one frame: 1/40 of the slider's 4.3 decades, on its 0.01 grid
    page.wait_for_function(
        f"parseFloat(document.querySelector('#param-E_F_eV-readout').innerText) < {paused}"
    )
    assert math.log10(paused / _readout_eV(page)) == pytest.approx(0.11, abs=0.006)
    page.focus("#play-button")
    page.keyboard.press("Enter")  # play on to the end of the range
    # the clientside callback answers asynchronously: poll for the end only once the sweep has started
    page.wait_for_function(
        "document.querySelector('#play-button').getAttribute('aria-pressed') === 'true'"
        " || document.querySelector('#param-E_F_eV-readout').innerText === '0.001 eV'",
        timeout=30_000,
    )
    seen = set()
    for _ in range(600):
        seen.add(page.inner_text("#param-E_F_eV-readout"))
        if page.inner_text("#play-button").endswith("Play"):
            break
        page.wait_for_timeout(200)
    assert page.inner_text("#param-E_F_eV-readout") == "0.001 eV"  # the end, and it stopped there
    assert page.get_attribute("#play-button", "aria-pressed") == "false"
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.startsWith('anti-adiabatic')", timeout=30_000
    )
    page.wait_for_timeout(1500)
    assert page.inner_text("#param-E_F_eV-readout") == "0.001 eV"
    frames = round(math.log10(0.01 / 0.001) / 0.11)
    assert len(requests) <= 2 * (frames + 1)  # the phase patch and the vertex panel per frame
    assert len(seen) >= 3  # it moved through the range, not in one jump
    assert page.console_errors == []


LAYOUT_PROBLEMS = (Path(__file__).with_name("layout_checks.js")).read_text(encoding="utf-8")
PHONE_POINTS = {
    "default": "",
    "anti-adiabatic": "?E_F_eV=0.001",
    "beyond ME": "?coupling=3.5",
    "Holstein": "?coupling_model=holstein&coupling=0.3",
    "pinned": "?E_F_eV=0.3&pinA=E_F_eV:0.005,coupling:2",
}


@pytest.mark.parametrize("query", PHONE_POINTS.values(), ids=list(PHONE_POINTS))
def test_phone_width_phase_panel_has_no_cut_or_colliding_text(browser, live_server, query):
    """At 390 px the phase figure is laid out for a phone (phase_panel.phase_figure's ``compact``): the
    lambda_c label and the eta labels fit, nothing runs out of the figure or onto other text."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, bypass_csp=True
    )
    page = context.new_page()
    try:
        open_page(page, live_server, query)
        page.wait_for_selector("#phase-disorder-graph .scatterlayer .trace", timeout=60_000)
        page.wait_for_timeout(1500)
        problems = [
            p for p in page.evaluate(LAYOUT_PROBLEMS) if p.startswith(("phase-graph", "phase-disorder"))
        ]
        texts = page.eval_on_selector_all("#phase-graph .annotation-text", "ts => ts.map(t => t.textContent)")
        wide = page.eval_on_selector("#phase-panel", "p => p.scrollWidth - p.clientWidth")
    finally:
        context.close()
    assert problems == []
    assert wide <= 1
    if "holstein" not in query:
        assert "η=0.1" in texts and "η=1" in texts
        assert any(t.startswith("λ_c ≈ 3.0–3.7") for t in texts)


def test_the_phone_layout_follows_a_resize_across_the_width(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    labels = (
        "() => Array.from(document.querySelectorAll('#phase-graph .annotation-text')).map(t => t.textContent)"
    )
    try:
        open_page(page, live_server)
        page.wait_for_function(f"({labels})().includes('η = 0.1')", timeout=30_000)
        page.set_viewport_size({"width": 390, "height": 844})  # a narrowed window / a phone
        page.wait_for_function(f"({labels})().includes('η=0.1')", timeout=30_000)
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_function(f"({labels})().includes('η = 0.1')", timeout=30_000)
    finally:
        context.close()
