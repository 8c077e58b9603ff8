"""Readability in a real browser (issue 18): formulas, lecture mode on a projector, phone, colour, units."""

from pathlib import Path

import pytest

from components.params import FORMULAS

pytestmark = pytest.mark.browser

GRAPHS = ("phase-graph", "vertex-graph", "spectra-graph")


def open_page(page, base_url, query=""):
    page.goto(base_url + "/" + query)
    for graph in GRAPHS:
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)


def test_help_formulas_keep_their_brackets_and_are_not_links(page, live_server):
    open_page(page, live_server)
    assert page.locator(".help-body a").count() == 0
    texts = page.eval_on_selector_all(".help-body .formula", "nodes => nodes.map(n => n.textContent)")
    assert len(texts) == len(FORMULAS)
    mu_star = next(t for t in texts if "1.04" in t)
    assert "exp[−1.04(1+λ) / (λ − μ*(1+0.62λ))]" in mu_star
    assert any("Im[−1/ε]" in t for t in texts)
    assert not any("<" in t for t in texts)  # <sub>/<sup> became elements, not text
    assert page.locator(".help-body .formula sub").count() > 10
    assert page.console_errors == []


LAYOUT_PROBLEMS = (Path(__file__).with_name("layout_checks.js")).read_text(encoding="utf-8")
FIGURE_TEXT_SIZES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot =>
    Array.from(plot.querySelectorAll('.annotation-text, .xtick text, .ytick text, .y2tick text, .legendtext, '
                                     + '.g-xtitle text, .g-ytitle text, .g-y2title text, .textpoint text'))
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .map(t => [plot.closest('.dash-graph').id, t.textContent.trim(),
                 parseFloat(t.style.fontSize || getComputedStyle(t).fontSize)]))"""
LECTURE_VIEWS = {
    "default": "?lecture=on",
    "FeSe_and_Si": "?lecture=on&E_F_eV=0.06&omega_ph_eV=0.09&coupling=0.25&Qc=0.05&target=Si&mediator=light"
    "&electrons=2&m_chi_MeV=50",
    "SrTiO3_and_Xe": "?lecture=on&E_F_eV=0.005&omega_ph_eV=0.1&coupling=0.3&mu_star=0&target=Xe&m_chi_MeV=1000",
}


def lecture_page(browser, base_url, width, height, query):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "/" + query)
    page.wait_for_function(
        "(document.querySelector('#page') || {className: ''}).className.includes('lecture')", timeout=60_000
    )
    for graph in GRAPHS:
        page.wait_for_function(
            f"() => (document.querySelector('#{graph} .js-plotly-plot') || {{}})._fullLayout "
            f"&& document.querySelector('#{graph} .js-plotly-plot')._fullLayout.font.size >= 22",
            timeout=90_000,
        )
    page.wait_for_timeout(1500)  # the smaller figures of each panel
    return context, page


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("view", LECTURE_VIEWS, ids=list(LECTURE_VIEWS))
def test_lecture_mode_on_a_projector_has_no_cut_or_overlapping_text(browser, live_server, size, view):
    context, page = lecture_page(browser, live_server, *size, LECTURE_VIEWS[view])
    try:
        problems = page.evaluate(LAYOUT_PROBLEMS)
        small = [(graph, text, px) for graph, text, px in page.evaluate(FIGURE_TEXT_SIZES) if px < 22]
        exports_visible = page.locator(".export-bar .export-button").evaluate_all(
            "buttons => buttons.map(b => b.getBoundingClientRect().width > 0)"
        )
        tc_cells = page.locator("#vertex-tc-table td.num").all_inner_texts()
        graph_heights = page.eval_on_selector_all(
            ".dash-graph", "gs => gs.map(g => g.getBoundingClientRect().height)"
        )
    finally:
        context.close()
    assert problems == []
    assert small == []
    assert exports_visible and all(exports_visible)
    assert all(cell.endswith(" K") for cell in tc_cells[:5])
    assert min(graph_heights) >= 1.3 * 260  # figures are taller than in the normal view (smallest 260 px)


def test_every_axis_has_a_title_and_dimensional_axes_their_units(page, live_server):
    open_page(page, live_server, "?target=Si")
    page.wait_for_selector("#spectra-reach-graph .scatterlayer .trace", timeout=60_000)
    titles = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.js-plotly-plot'))
        .map(plot => [plot.closest('.dash-graph').id, Object.keys(plot._fullLayout)
          .filter(k => /^[xy]axis\\d*$/.test(k) && plot._fullLayout[k].visible)
          .map(k => [k, (plot._fullLayout[k].title || {}).text || ''])]))""")
    units = {  # graph: {axis: unit the title must name}
        "spectra-graph": {"xaxis": "[eV]", "yaxis": "[events / kg / yr / eV]"},
        "spectra-dq-graph": {"yaxis": "[events / kg / yr]"},
        "spectra-overlay-graph": {"xaxis": "[eV]", "yaxis": "[events / kg / yr / eV]"},
        "spectra-reach-graph": {"xaxis": "[MeV]", "yaxis": "[cm²]"},
    }
    assert set(titles) >= {
        "phase-graph",
        "phase-disorder-graph",
        "vertex-graph",
        "vertex-pq-graph",
        "vertex-tc-graph",
        *units,
    }
    for graph, axes in titles.items():
        assert axes, graph
        for axis, title in axes:
            assert title.strip(), (graph, axis)
            assert units.get(graph, {}).get(axis, "") in title, (graph, axis, title)


LEGEND_TRACES = """() => Object.fromEntries(Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot =>
    [plot.closest('.dash-graph').id, plot._fullData
      .filter(t => t.showlegend && t.visible === true && t.name && (t.line || t.marker))
      .map(t => ({name: t.name, type: t.type, mode: t.mode || '',
                  color: t.type === 'bar' ? null : ((t.line && t.line.width > 0 && t.line.color) || (t.marker && t.marker.color)),
                  dash: (t.line && t.line.dash) || 'solid', symbol: (t.marker && t.marker.symbol) || '',
                  fill: t.fill || 'none'}))]))"""


def _srgb(color: str):
    color = color.strip()
    if color.startswith("#"):
        return [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [float(v) / 255 for v in color[color.index("(") + 1 : color.index(")")].split(",")[:3]]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_curves_stay_distinct_under_protanopia_and_deuteranopia(page, live_server, theme):
    """Every two legend entries of a figure differ in line style or marker, or their colours stay apart
    (CAM02-UCS ΔE ≥ 15) after a full protanopia / deuteranopia simulation (Machado, Oliveira & Fernandes,
    IEEE TVCG 15, 1291 (2009), as implemented in colorspacious)."""
    colorspacious = pytest.importorskip("colorspacious")
    failures = []
    for query in (f"?theme={theme}&target=Si", f"?theme={theme}&target=Xe"):
        open_page(page, live_server, query)
        page.wait_for_timeout(2000)
        for graph, traces in page.evaluate(LEGEND_TRACES).items():
            for i, a in enumerate(traces):
                for b in traces[i + 1 :]:
                    if not (a["color"] and b["color"]) or a["fill"] != b["fill"]:
                        continue
                    if (a["dash"], a["symbol"], "lines" in a["mode"]) != (
                        b["dash"],
                        b["symbol"],
                        "lines" in b["mode"],
                    ):
                        continue  # told apart by line style or marker
                    for cvd in ("protanomaly", "deuteranomaly"):
                        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
                        seen = [
                            colorspacious.cspace_convert(_srgb(c["color"]), space, "sRGB1").clip(0, 1)
                            for c in (a, b)
                        ]
                        delta = colorspacious.deltaE(*seen, input_space="sRGB1")
                        if delta < 15:
                            failures.append((query, graph, a["name"], b["name"], cvd, round(float(delta), 1)))
    assert failures == [], "\n".join(map(str, failures))


FRAME_RECORDER = """window.__frames = [];
(function record() {
  const page = document.getElementById('page');
  if (page) {
    window.__frames.push({cls: page.className, bg: getComputedStyle(page).backgroundColor,
                          graphs: document.querySelectorAll('.dash-graph').length});
  }
  if (window.__frames.length < 400) { requestAnimationFrame(record); }
})();"""


def test_dark_lecture_link_renders_dark_and_large_from_the_first_frame(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.add_init_script(FRAME_RECORDER)
    open_page(page, live_server, "?theme=dark&lecture=on")
    frames = page.evaluate("window.__frames")
    context.close()
    assert frames, "no frame with the page was recorded"
    assert all("theme-dark" in f["cls"] and "lecture" in f["cls"] for f in frames), frames[:3]
    assert frames[0]["bg"] == "rgb(17, 21, 28)"


@pytest.mark.parametrize("query", ["", "?preset=FeSe_STO"], ids=["idle", "longest-step-name"])
def test_phone_shows_the_first_figure_on_the_first_screen(browser, live_server, query):
    """Half the phase diagram above the lecture bar fixed to the bottom, before the lecture and at the
    step with the longest name (the bar with its talking point covered 150 px, the diagram's middle)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, bypass_csp=True
    )
    page = context.new_page()
    open_page(page, live_server, query)
    if query:
        page.wait_for_function("document.querySelector('#lecture-counter').innerText.startsWith('7 ')")
    page.wait_for_timeout(500)
    box = page.locator("#phase-graph").bounding_box()
    bar = page.locator("#lecture-bar").bounding_box()
    groups = page.eval_on_selector_all("details.control-group", "gs => gs.map(g => g.open)")
    page.locator("details.control-group > summary").first.click()  # a tap opens a group
    opened = page.eval_on_selector("details.control-group", "g => g.open")
    context.close()
    assert box["y"] + box["height"] / 2 <= bar["y"] <= 844  # half the phase diagram without scrolling
    assert groups and not any(groups)
    assert opened


def test_phone_figures_have_no_cut_or_overlapping_text(browser, live_server):
    """390 px (layout_checks.js): the spectra thresholds' n e⁻ labels, the nuclei spectrum's y title and the
    two-band x title were cut or on top of each other."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    open_page(page, live_server)
    for graph in ("multiband-graph", "nuclei-graph", "nuclei-spectrum-graph", "spectra-overlay-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)
    page.wait_for_timeout(1500)
    problems = page.evaluate(LAYOUT_PROBLEMS)
    context.close()
    assert problems == []


def test_lecture_mode_buttons_are_projector_sized(browser, live_server):
    """Export, pin, play and "Copy as code" grow with lecture mode's 22-px type (they stayed 14 px)."""
    context, page = lecture_page(browser, live_server, 1280, 800, "?lecture=on")
    sizes = page.eval_on_selector_all(
        ".export-button, .code-export summary", "es => es.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    context.close()
    assert len(sizes) > 10 and min(sizes) >= 20


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_lecture_link_on_a_phone_opens_the_phone_view(browser, live_server, theme):
    """A lecturer's ?lecture=on link opened on a 390-px phone: its 22-px figure text was cut at the
    figure edges and the bar sat on the regime badge. The phone (which hides the lecture switch) shows
    the step in its own view: phone-sized figures, nothing cut, overlapping or sideways (layout_checks.js)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    try:
        open_page(page, live_server, f"?lecture=on&theme={theme}&preset=Pb")
        page.wait_for_function("document.querySelector('#lecture-counter').innerText.startsWith('2 ')")
        page.wait_for_function("window.location.search.includes('preset=Pb')", timeout=30_000)
        page.wait_for_timeout(1500)
        problems = page.evaluate(LAYOUT_PROBLEMS)
        page_class = page.get_attribute("#page", "class")
        font_px = page.evaluate(
            "document.querySelector('#phase-graph .js-plotly-plot')._fullLayout.font.size"
        )
        search = page.evaluate("window.location.search")
    finally:
        context.close()
    assert problems == []
    assert "lecture" not in page_class.split() and f"theme-{theme}" in page_class
    assert font_px < 22
    assert "lecture=on" not in search and f"theme={theme}" in search


def test_vertex_tc_figure_right_axis_has_round_ticks(page, live_server):
    """plotly.js 3 synced the lambda axis to the ratio axis's grid: ticks 0.167, 0.334, 0.501, 0.667."""
    open_page(page, live_server)
    page.wait_for_selector("#vertex-tc-graph .y2tick text", timeout=60_000)
    ticks = page.eval_on_selector_all("#vertex-tc-graph .y2tick text", "ts => ts.map(t => t.textContent)")
    assert len(ticks) >= 3
    assert all(len(t.partition(".")[2]) <= 2 for t in ticks), ticks


def test_sliders_speak_physical_values_with_units(page, live_server):
    open_page(page, live_server)
    marks = page.locator("#param-Qc").locator("xpath=..").inner_text()
    assert "0.25" in marks and "0.2575" not in marks
    thumb = page.locator("#param-E_F_eV [role=slider]")
    page.wait_for_function(
        "() => document.querySelector('#param-E_F_eV [role=slider]')"
        ".getAttribute('aria-valuetext') === '11.7 eV'",
        timeout=10_000,
    )
    thumb.focus()
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => document.querySelector('#param-E_F_eV [role=slider]')"
        ".getAttribute('aria-valuetext') === '0.001 eV'",
        timeout=10_000,
    )
    assert page.console_errors == []


def test_a_fractional_electron_threshold_in_a_link_is_refused_visibly(page, live_server):
    open_page(page, live_server, "?electrons=3.5")
    page.wait_for_function(
        "document.querySelector('#url-notice').innerText.includes('electrons')", timeout=30_000
    )
    assert "whole number" in page.inner_text("#url-notice")
    assert page.is_visible("#url-notice")


def test_exports_carry_version_citation_and_parameters_and_no_helper_traces(page, live_server):
    open_page(page, live_server, "?target=Si")
    page.wait_for_selector("#spectra-overlay-graph .scatterlayer .trace", timeout=60_000)
    with page.expect_download() as download_info:
        page.click("#spectra-allcsv-button")
    lines = Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Migdal regimes explorer ") and lines[1].startswith("# cite: ")
    assert "target=Si" in lines[2]
    traces = {line.split(",")[1] for line in lines if not line.startswith("#")}
    assert traces and "band" not in traces
    page.goto(live_server + "/?coupling=0")  # lambda = 0: the T_c ratio is undefined
    page.wait_for_selector("#phase-graph .scatterlayer .trace", timeout=90_000)
    # the link's value reached the slider (the address has it from the start)
    page.wait_for_function(
        "document.querySelector('#param-coupling-readout').innerText === '0'", timeout=30_000
    )
    with page.expect_download() as download_info:
        page.click("#vertex-csv-button")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert head[0].startswith("# Migdal regimes explorer ") and any(
        line.startswith("# cite:") for line in head
    )
    assert any("lambda=0" in line for line in head)
    assert "nan" not in text.lower()


def test_about_view_opens_from_the_keyboard_with_dois_version_and_validation_table(page, live_server):
    from components.about import REFERENCES, validation_rows
    from components.exports import VERSION

    open_page(page, live_server)
    summary = page.locator("#about-panel summary")
    assert summary.evaluate("s => s.tabIndex") == 0  # in the Tab order (a <summary>)
    summary.focus()
    page.keyboard.press("Enter")
    assert page.eval_on_selector("#about-panel details", "d => d.open")
    dois = page.eval_on_selector_all(
        "#about-panel a[href^='https://doi.org/']", "links => links.map(a => a.href)"
    )
    assert len(dois) == sum(1 for _, doi in REFERENCES if doi) >= 10
    assert f"Version {VERSION}" in page.inner_text("#about-panel")
    assert page.locator("#about-panel table.validation tbody tr").count() == len(validation_rows()) - 1
    assert summary.is_visible()


def _luminance(rgb: str) -> float:
    channels = [c / 255 for c in (float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_dark_theme_preset_placeholder_meets_wcag_contrast(page, live_server):
    open_page(page, live_server, "?theme=dark")
    page.wait_for_function("document.querySelector('#page').className.includes('theme-dark')", timeout=30_000)
    text = page.eval_on_selector("#preset .dash-dropdown-placeholder", "e => getComputedStyle(e).color")
    card = page.eval_on_selector(".header", "e => getComputedStyle(e).backgroundColor")
    light, dark = sorted((_luminance(text), _luminance(card)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5  # WCAG 2.1 AA for normal text


LAYOUT_SHIFT = """window.__cls = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries()) {
  if (!entry.hadRecentInput) { window.__cls += entry.value; } } }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (390, 844)], ids=["1280", "1920", "phone"])
def test_cumulative_layout_shift_is_good_on_load_and_on_a_regime_change(browser, live_server, size):
    """Chromium's layout-shift entries (the Web Vitals CLS, 'good' below 0.1)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    open_page(page, live_server)
    page.wait_for_timeout(2500)
    on_load = page.evaluate("window.__cls")
    if size[0] < 700:  # the control groups start closed on a phone: a tap opens the first
        page.locator("details.control-group > summary").first.click()
        page.wait_for_timeout(1000)
    page.evaluate("window.__cls = 0")
    page.evaluate("document.querySelector('#param-E_F_eV [role=slider]').focus()")
    page.keyboard.press("Home")  # E_F -> 1 meV: anti-adiabatic
    page.wait_for_function(
        "document.querySelector('#phase-badge').innerText.startsWith('anti')", timeout=30_000
    )
    page.wait_for_timeout(2500)
    on_change = page.evaluate("window.__cls")
    context.close()
    assert on_load < 0.1
    assert on_change < 0.1


DARK_INK = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const graph = plot.closest('.dash-graph').id, own = plot._fullLayout.plot_bgcolor;
    const bg = /rgba\\(.*,\\s*0\\)$/.test(own) ? getComputedStyle(plot.closest('.panel')).backgroundColor : own;
    const lines = plot._fullData.filter(t => t.visible === true && (t.opacity === undefined || t.opacity > 0.5))
      .flatMap(t => [t.line && t.line.width > 0 ? t.line.color : null,
                     t.marker && typeof t.marker.color === 'string' ? t.marker.color : null]
        .filter(c => c && !/^rgba\\(.*,\\s*0(\\.\\d+)?\\)$/.test(c)).map(c => ['graphic', graph, t.name, c, bg]));
    const texts = (plot._fullLayout.annotations || []).filter(a => a.visible !== false && a.text)
      .map(a => ['text', graph, a.text.slice(0, 30), a.font.color,
                 a.bgcolor && !/rgba\\(0, ?0, ?0, ?0\\)/.test(a.bgcolor) ? a.bgcolor : bg]);
    return lines.concat(texts);
})"""


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("target", ["Si", "Xe"])
def test_curves_and_labels_stand_out_from_the_background(page, live_server, target, theme):
    """WCAG 2.1 contrast on the plot background: every annotation ≥ 4.5:1 (SC 1.4.3, text); on the dark
    one every curve and marker ≥ 3:1 (SC 1.4.11, graphics; on white the Okabe-Ito orange, chosen for
    colour-blind readers, is 2.3:1 and stays). The dark two-band blue, green and purple (2.2-3.2:1), the
    (H₂)ₙ brown (2.8:1), the dark '2e⁻' red (3.3:1) and the light 'band 1 alone' orange (2.5:1) were below."""
    open_page(page, live_server, f"?theme={theme}&target={target}")
    for graph in ("nuclei-graph", "nuclei-spectrum-graph", "multiband-graph", "multiband-eta-graph"):
        page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=90_000)
    page.wait_for_timeout(1500)
    low = []
    for kind, graph, name, color, background in page.evaluate(DARK_INK):
        if color.startswith("rgba") and float(color.rsplit(",", 1)[1].strip(" )")) < 0.5:
            continue  # a faint band, not a curve
        light, dark = sorted((_luminance_of(color), _luminance_of(background)), reverse=True)
        ratio = (light + 0.05) / (dark + 0.05)
        if ratio < (4.5 if kind == "text" else 3.0 if theme == "dark" else 0.0):
            low.append((graph, name, color, round(ratio, 2)))
    assert low == []


def _luminance_of(color: str) -> float:
    """WCAG relative luminance of '#rrggbb' or 'rgb(a)(r, g, b, ...)'."""
    return _luminance("rgb(" + ", ".join(str(round(255 * c)) for c in _srgb(color)) + ")")
