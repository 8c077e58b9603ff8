"""Teaching and research journeys in real Chromium: presets, lecture mode, exports, keyboard, phone."""

import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.etree import ElementTree

import pytest

from components.presets import PRESETS

pytestmark = pytest.mark.browser

FIGURE_DATA = "id => document.querySelector('#' + id + ' .js-plotly-plot').data"
FIGURE_LAYOUT = "id => document.querySelector('#' + id + ' .js-plotly-plot').layout"


def open_page(page, base_url, query=""):
    page.goto(base_url + "/" + query)
    for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)


def choose_preset(page, label):
    page.click("#preset")
    page.get_by_role("option", name=label).click()


@pytest.mark.parametrize("preset", PRESETS, ids=[p.key for p in PRESETS])
def test_each_preset_sets_controls_url_and_figures(page, live_server, preset):
    open_page(page, live_server)
    choose_preset(page, preset.label)
    expected = {name: value for name, value in preset.values.items()}
    first_name, first_value = next(iter(expected.items()))
    page.wait_for_function(
        "([name, value]) => new URLSearchParams(window.location.search).get(name) !== null && "
        "Math.abs(parseFloat(new URLSearchParams(window.location.search).get(name)) - value) <= 1e-3 * Math.abs(value)",
        arg=[first_name, first_value],
        timeout=30_000,
    )
    query = parse_qs(urlparse(page.url).query)
    for name, value in expected.items():
        if isinstance(value, str):
            assert query[name] == [value]
        else:
            assert float(query[name][0]) == pytest.approx(value, rel=1e-3)
    if "E_F_eV" in expected:
        eta = expected["omega_ph_eV"] / expected["E_F_eV"]
        page.wait_for_function(
            "eta => Math.abs(parseFloat(document.querySelector('#phase-table td.num').innerText) - eta) <= 1e-3 * eta",
            arg=eta,
            timeout=30_000,
        )
    page.wait_for_function(
        "t => document.querySelector('#param-target-readout').innerText === t",
        arg=expected.get("target", "Si"),
    )
    assert page.console_errors == []


def test_lecture_mode_enlarges_fonts_and_hides_advanced_controls(page, live_server):
    open_page(page, live_server)
    normal_size = page.evaluate("getComputedStyle(document.querySelector('.panel h2')).fontSize")
    assert page.is_visible("#param-ql")
    page.click("#param-lecture >> text=on")
    page.wait_for_function("document.querySelector('#page').className.includes('lecture')")
    page.wait_for_function(f"() => ({FIGURE_LAYOUT})('phase-graph').font.size === 22", timeout=30_000)
    lecture_size = page.evaluate("getComputedStyle(document.querySelector('.panel h2')).fontSize")
    assert float(lecture_size.rstrip("px")) > 1.3 * float(normal_size.rstrip("px"))
    assert not page.is_visible("#param-ql")
    assert "lecture=on" in page.url
    assert page.console_errors == []


def test_vertex_csv_download_matches_plotted_curve(page, live_server):
    open_page(page, live_server, "?E_F_eV=0.3&omega_ph_eV=0.06&coupling=0.5&Qc=0.3")
    page.wait_for_function(
        "document.querySelector('#vertex-caption').innerText.includes('0.30')", timeout=60_000
    )
    traces = page.evaluate(FIGURE_DATA, "vertex-graph")
    plotted = next(t for t in traces if t["name"].startswith("your η"))
    with page.expect_download() as download_info:
        page.click("#vertex-csv-button")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    assert [float(r["Qc"]) for r in rows] == pytest.approx(plotted["x"], abs=1e-12)
    assert [float(r["P_V"]) for r in rows] == pytest.approx(plotted["y"], rel=1e-9, abs=1e-12)


def test_copy_as_code_reproduces_the_spectrum(page, live_server):
    open_page(page, live_server, "?target=Si&m_chi_MeV=50&mediator=light&electrons=2&sigma_n_cm2=1e-37")
    page.click("#spectra-panel .code-export summary")
    page.wait_for_function(
        "document.querySelector('#spectra-code').innerText.includes('--m-chi-MeV 50')", timeout=60_000
    )
    command = page.inner_text("#spectra-code").splitlines()[0]
    assert command.startswith("python -m migdal_core spectrum")
    result = subprocess.run(
        [sys.executable, *shlex.split(command)[1:]], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    traces = page.evaluate(FIGURE_DATA, "spectra-graph")
    plotted = next(t for t in traces if t["name"] == "crystal, free")
    assert numbers["omega_eV"] == pytest.approx(plotted["x"][::30], rel=1e-5)
    # the figure leaves kinematically closed energies (rate exactly 0) as gaps on its log axis
    assert numbers["dR_domega"] == pytest.approx([y or 0.0 for y in plotted["y"][::30]], rel=1e-5)
    assert any(y > 0 for y in numbers["dR_domega"])


def test_keyboard_only_slider_change(page, live_server):
    open_page(page, live_server)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#param-coupling') !== null"):
            break
    else:
        pytest.fail("the coupling slider is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "document.querySelector('#param-coupling-readout').innerText === '0.5'", timeout=30_000
    )
    page.wait_for_function("window.location.search.includes('coupling=0.5')", timeout=30_000)


def test_phone_width_has_no_horizontal_scroll(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    open_page(page, live_server)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 1


def test_help_popover_shows_formula_on_keyboard_focus(page, live_server):
    open_page(page, live_server)
    icon = page.locator("#param-Qc").locator(
        "xpath=ancestor::div[contains(@class,'control')]//span[@role='button']"
    )
    body = page.locator("#param-Qc").locator(
        "xpath=ancestor::div[contains(@class,'control')]//div[@role='tooltip']"
    )
    assert not body.is_visible()
    icon.focus()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.help-body')].some("
        "b => getComputedStyle(b).visibility === 'visible')",
        timeout=10_000,
    )
    assert "λ<sub>Δ</sub>" not in body.inner_text() and "λΔ" in body.inner_text().replace(" ", "")
    assert "forward" in body.inner_text().lower()
    assert page.console_errors == []


def test_svg_button_downloads_one_file_with_every_figure_and_the_parameters(page, live_server):
    from components.exports import VERSION

    open_page(page, live_server, "?E_F_eV=0.3")
    page.wait_for_selector("#phase-disorder-graph .scatterlayer .trace", timeout=60_000)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#phase-svg-button")
    page.wait_for_function("document.querySelector('#phase-svg-done').innerText === '1'", timeout=30_000)
    page.wait_for_timeout(3000)  # a second file would have started by now
    assert len(downloads) == 1
    name = downloads[0].suggested_filename
    assert name.startswith("migdal_phase_") and "E_F_eV-0.3" in name and name.endswith(".svg")
    root = ElementTree.parse(downloads[0].path()).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    assert root.tag == svg + "svg"
    assert [child.get("id") for child in root.findall(svg + "svg")] == ["phase-graph", "phase-disorder-graph"]
    desc = root.find(svg + "desc").text
    assert f"Migdal regimes explorer {VERSION}" in desc and "cite:" in desc
    assert "E_F_eV=0.3" in desc and "omega_ph_eV=0.0369" in desc
    metadata = json.loads(root.find(svg + "metadata").text)
    assert metadata["version"] == VERSION
    assert metadata["parameters"]["E_F_eV"] == {"value": "0.3", "unit": "eV"}
    assert "lecture" not in metadata["parameters"]  # display settings are not parameters
    assert page.console_errors == []


def test_the_camera_icon_downloads_one_png_named_for_its_figure(page, live_server):
    open_page(page, live_server)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.hover("#phase-graph .nsewdrag")
    page.click("#phase-graph .modebar-btn[data-title='Download plot as a PNG']")
    for _ in range(150):  # plotly renders the PNG in the browser: seconds on a loaded machine
        if downloads:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(2000)  # a second file would have started by now
    assert [d.suggested_filename for d in downloads] == ["migdal_phase-graph.png"]
    assert Path(downloads[0].path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_all_figures_csv_holds_every_plotted_curve(page, live_server):
    open_page(page, live_server, "?E_F_eV=0.3&omega_ph_eV=0.06&coupling=0.5&Qc=0.3")
    page.wait_for_selector("#vertex-tc-graph .scatterlayer .trace", timeout=60_000)
    with page.expect_download() as download_info:
        page.click("#vertex-allcsv-button")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]  # the server CSV's header lines
    assert head[0].startswith("# Migdal regimes explorer ") and head[1].startswith("# cite: ")
    assert "E_F_eV=0.3" in head[2] and "Qc=0.3" in head[2]
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if line[:1] != "#"))))
    for graph in ("vertex-graph", "vertex-pq-graph", "vertex-tc-graph"):
        for trace in page.evaluate(FIGURE_DATA, graph):
            ys = [
                float(r["y"]) if r["y"] else None
                for r in rows
                if r["figure"] == graph and r["trace"] == trace["name"]
            ]
            assert ys == pytest.approx(trace["y"], rel=1e-12), (graph, trace["name"])
