"""Slider moves in real Chromium: readouts and the URL follow in the browser, an E_F step costs at most
two server callbacks, the phase diagram follows a drag live, and the code box costs nothing closed."""

import json
import math
import random

import pytest

from components.params import ALL_PARAMETERS, BY_NAME

pytestmark = pytest.mark.browser

UPDATE = "/_dash-update-component"


def open_page(page, base_url, query=""):
    page.goto(base_url + "/" + query)
    for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)
    page.wait_for_load_state("networkidle")


def record_callbacks(page) -> list[dict]:
    """Every server callback from now on: which outputs, and the response size."""
    seen: list[dict] = []

    def on_response(response):
        if UPDATE in response.url:  # the body is read later: Playwright's sync API cannot inside a handler
            seen.append(response)

    page.on("response", on_response)
    return seen


def outputs(responses) -> list[str]:
    return [json.loads(r.request.post_data)["output"] for r in responses]


def summary(responses) -> list[dict]:
    return [{"output": json.loads(r.request.post_data)["output"], "bytes": len(r.body())} for r in responses]


def test_python_and_browser_format_numbers_alike(page, live_server):
    open_page(page, live_server)
    rng = random.Random(3)
    values = [10 ** rng.uniform(-45, 4) for _ in range(300)] + [
        0.5,
        1e-38,
        2.03e-5,
        11.7,
        0.0001,
        99995.0,
        1.0,
    ]
    for digits in (3, 4):
        ours = page.evaluate(
            "([xs, p]) => xs.map(x => window.dash_clientside.migdal_state.pyG(x, p))", [values, digits]
        )
        assert ours == [f"{x:.{digits}g}" for x in values]


def test_an_E_F_step_costs_two_callbacks_and_a_small_phase_response(page, live_server):
    open_page(page, live_server)
    seen = record_callbacks(page)
    page.locator("#param-E_F_eV [role=slider]").focus()
    page.keyboard.press("ArrowLeft")  # log10(E_F) 1.068 -> 1.06 on the slider's 0.01 grid: 11.48 eV
    page.wait_for_function("window.location.search.includes('E_F_eV=11.48&')", timeout=30_000)
    # the phase patch drawn (networkidle has long been reached: it does not wait for a new request)
    page.wait_for_function(
        "Math.abs(document.querySelector('#phase-graph .js-plotly-plot').data"
        f".find(t => t.name === 'your point').x[0] - {math.log10(0.0369 / 11.48)}) < 1e-12",
        timeout=30_000,
    )
    page.wait_for_timeout(1000)  # time for a superfluous third callback to show
    assert page.inner_text("#param-E_F_eV-readout") == "11.5 eV"
    moves = summary(seen)
    assert len(moves) <= 2, moves
    phase = [s for s in moves if "phase-graph.figure" in s["output"]]
    assert len(phase) == 1 and phase[0]["bytes"] <= 10_000, moves


def test_the_phase_point_follows_a_drag_before_release(page, live_server):
    open_page(page, live_server)
    seen = record_callbacks(page)
    box = page.locator("#param-E_F_eV [role=slider]").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 120, box["y"] + box["height"] / 2, steps=6)
    page.wait_for_function(  # the point moved while the mouse is still down (not a fixed wait: CI load)
        "document.querySelector('#phase-graph .js-plotly-plot').data"
        f".find(t => t.name === 'your point').x[0] > {math.log10(0.0369 / 11.7) + 0.1}",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    during = summary(seen)
    page.mouse.up()
    for _ in range(150):  # the slow panels follow the release
        if any("vertex-graph.figure" in output for output in outputs(seen)):
            break
        page.wait_for_timeout(200)
    assert any("phase-graph.figure" in s["output"] for s in during)
    assert not any("vertex-graph.figure" in s["output"] for s in during)  # the slow panels wait for release
    assert any("vertex-graph.figure" in output for output in outputs(seen))


def test_the_code_box_costs_nothing_until_opened(page, live_server):
    open_page(page, live_server)
    seen = record_callbacks(page)
    page.locator("#param-coupling [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not any("phase-code" in s["output"] for s in summary(seen))
    page.click("#phase-panel .code-export summary")
    page.wait_for_function(
        "document.querySelector('#phase-code').innerText.includes('--lambda 0.44')", timeout=30_000
    )
    page.keyboard.press("Escape")
    page.locator("#param-coupling [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "document.querySelector('#phase-code').innerText.includes('--lambda 0.45')", timeout=30_000
    )


def test_readouts_match_the_server_formatting_after_a_preset_and_a_link(page, live_server):
    open_page(page, live_server, "?E_F_eV=0.00731&m_chi_MeV=37.3&sigma_n_cm2=2.5e-41&coupling=1.57")
    page.wait_for_function("window.location.search.includes('E_F_eV=0.00731')", timeout=30_000)
    values = {"E_F_eV": 0.00731, "m_chi_MeV": 37.3, "sigma_n_cm2": 2.5e-41, "coupling": 1.57}
    for name, value in values.items():
        assert page.inner_text(f"#{BY_NAME[name].readout_id}") == BY_NAME[name].format(value)
    query = page.evaluate("window.location.search")
    assert [pair.split("=")[0] for pair in query[1:].split("&")] == [s.name for s in ALL_PARAMETERS]
    assert page.console_errors == []
