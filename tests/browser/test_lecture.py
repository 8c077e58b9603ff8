"""The guided lecture in real Chromium: Previous / Next by mouse and keys move every control and the figure,
the preset menu shows every entry whole, ?preset= links open a step, and the bar fits a projector."""

import math
from pathlib import Path

import pytest

from components.lecture import STEPS
from components.phase_panel import USER_POINT
from components.presets import BY_KEY

pytestmark = pytest.mark.browser

LAYOUT_PROBLEMS = (Path(__file__).with_name("layout_checks.js")).read_text(encoding="utf-8")
N = len(STEPS)
POINT_ETA = f"""() => {{
    const plot = document.querySelector('#phase-graph .js-plotly-plot');
    const trace = plot && plot.data && plot.data.find(t => t.name === {USER_POINT!r});
    return trace ? trace.x[0] : null;
}}"""


def open_page(page, base_url, query=""):
    page.goto(base_url + "/" + query)
    page.wait_for_selector("#phase-graph .scatterlayer .trace", timeout=90_000)
    page.wait_for_function("document.querySelector('#phase-badge').innerText.length > 0", timeout=60_000)


def wait_for_step(page, number):
    """The counter shows step ``number`` and the controls and the figure have the step's preset."""
    key = STEPS[number - 1].key
    values = BY_KEY[key].values
    page.wait_for_function(
        f"document.querySelector('#lecture-counter').innerText === '{number} / {N}'", timeout=30_000
    )
    page.wait_for_function(
        f"document.querySelector('#param-coupling-readout').innerText === '{values['coupling']:g}'",
        timeout=30_000,
    )
    log_eta = math.log10(values["omega_ph_eV"] / values["E_F_eV"])  # the phase diagram's x is log10 η
    page.wait_for_function(
        f"(() => {{ const x = ({POINT_ETA})(); return x !== null && Math.abs(x - {log_eta}) < 0.005; }})()",
        timeout=30_000,
    )
    page.wait_for_function(f"window.location.search.startsWith('?preset={key}&')", timeout=30_000)
    assert BY_KEY[key].label in page.inner_text("#lecture-title")
    assert page.inner_text("#lecture-point") == STEPS[number - 1].point


def test_next_and_previous_by_mouse_move_the_controls_and_the_figure(page, live_server):
    open_page(page, live_server)
    assert page.inner_text("#lecture-counter") == f"– / {N}"
    assert page.locator("#lecture-previous").is_disabled()
    assert page.inner_text("#lecture-next").strip() == "Start the lecture ▶"
    page.click("#lecture-next")
    wait_for_step(page, 1)
    assert page.inner_text("#lecture-next").strip() == "Next ▶"
    assert page.locator("#lecture-previous").is_disabled()
    page.click("#lecture-next")
    wait_for_step(page, 2)
    assert page.inner_text("#param-E_F_eV-readout") == "9.47 eV"
    page.click("#lecture-next")
    wait_for_step(page, 3)
    page.click("#lecture-previous")
    wait_for_step(page, 2)
    assert page.inner_text("#preset") == BY_KEY[STEPS[1].key].label  # the menu shows the step's preset
    assert page.console_errors == []


def test_keys_step_through_the_lecture_but_leave_sliders_their_arrows(page, live_server):
    open_page(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 1)
    page.keyboard.press("n")
    wait_for_step(page, 2)
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 3)
    page.keyboard.press("p")
    wait_for_step(page, 2)
    page.keyboard.press("ArrowLeft")
    wait_for_step(page, 1)
    # a focused slider keeps its arrows: λ moves by one step, the lecture stays at step 1
    thumb = page.locator("#param-coupling [role=slider]")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "document.querySelector('#param-coupling-readout').innerText === '0.39'", timeout=30_000
    )
    page.wait_for_timeout(500)
    assert page.inner_text("#lecture-counter") == f"1 / {N}"
    # the last step disables Next; the key does nothing there. Each press waits for its step: a key
    # pressed before the last step reached the preset menu would step from the same place (CI load)
    page.locator("body").click(position={"x": 5, "y": 5})
    for number in range(2, N + 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"document.querySelector('#lecture-counter').innerText === '{number} / {N}'", timeout=30_000
        )
    assert page.locator("#lecture-next").is_disabled()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    assert page.inner_text("#lecture-counter") == f"{N} / {N}"
    page.wait_for_function(f"window.location.search.startsWith('?preset={STEPS[-1].key}&')", timeout=30_000)
    assert page.console_errors == []


def test_a_presenters_clicker_steps_in_lecture_mode_only(page, live_server):
    """Clickers send Page Down / Page Up: in lecture mode they step, elsewhere they scroll as usual."""
    open_page(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")
    page.wait_for_function("window.scrollY > 0", timeout=5_000)
    assert page.inner_text("#lecture-counter") == f"– / {N}"
    open_page(page, live_server, "?lecture=on")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")
    wait_for_step(page, 1)
    page.keyboard.press("PageDown")
    wait_for_step(page, 2)
    page.keyboard.press("PageUp")
    wait_for_step(page, 1)
    assert page.evaluate("window.scrollY") == 0
    assert page.console_errors == []


def test_question_mark_opens_the_keys_help_and_escape_closes_it(page, live_server):
    open_page(page, live_server)
    assert page.is_visible("#lecture-keys summary")  # the visible hint
    assert not page.is_visible(".lecture-keys-body")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("?")
    page.wait_for_selector(".lecture-keys-body", state="visible", timeout=5_000)
    text = page.inner_text(".lecture-keys-body")
    assert "next step" in text and "previous step" in text and "?" in text
    page.keyboard.press("Escape")
    page.wait_for_selector(".lecture-keys-body", state="hidden", timeout=5_000)
    # and the About view documents the same keys
    about = page.inner_text("#about-panel")
    page.click("#about-panel summary")
    about = page.inner_text("#about-panel")
    assert "Keyboard shortcuts" in about and "next step of the lecture" in about


MENU = """() => {
    const menu = document.querySelector('.dash-dropdown-content');
    const box = menu.getBoundingClientRect();
    const width = document.documentElement.clientWidth, height = window.innerHeight;
    return Array.from(menu.querySelectorAll('[role=option]')).map(option => {
        const text = option.querySelector('.preset-option');
        const r = text.getBoundingClientRect();
        const whole = r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1
            && r.bottom <= box.bottom + 1 && r.right <= width + 1 && r.left >= -1 && r.bottom <= height + 1;
        const uncut = text.scrollWidth <= text.clientWidth + 1 && option.scrollWidth <= option.clientWidth + 1;
        return [text.textContent, whole && uncut];
    });
}"""


@pytest.mark.parametrize(
    "width,height,query",
    [
        (390, 844, ""),
        (1280, 800, ""),
        (1920, 1080, ""),
        (1280, 800, "?lecture=on"),
        (1920, 1080, "?lecture=on"),
    ],
    ids=["phone", "1280", "1920", "lecture-1280", "lecture-1920"],
)
def test_preset_menu_shows_every_entry_whole(browser, live_server, width, height, query):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    try:
        page = context.new_page()
        open_page(page, live_server, query)
        page.click("#preset")
        page.wait_for_selector(".dash-dropdown-content [role=option]", timeout=10_000)
        page.wait_for_timeout(300)
        options = page.evaluate(MENU)
    finally:
        context.close()
    assert [label for label, _ in options] == [BY_KEY[step.key].label for step in STEPS]
    assert [label for label, shown in options if not shown] == []


def test_preset_link_opens_that_step(page, live_server):
    open_page(page, live_server, "?preset=Pb")
    wait_for_step(page, [s.key for s in STEPS].index("Pb") + 1)
    assert page.inner_text("#url-notice").strip() == ""
    assert "Strong coupling" in page.inner_text("#phase-badge")
    assert page.console_errors == []


def test_unknown_preset_link_says_so_and_shows_the_defaults(page, live_server):
    open_page(page, live_server, "?preset=nonsense")
    page.wait_for_function(
        "document.querySelector('#url-notice').innerText.includes(\"unknown preset 'nonsense'\")",
        timeout=30_000,
    )
    assert page.inner_text("#lecture-counter") == f"– / {N}"
    assert page.inner_text("#param-coupling-readout") == "0.43"
    assert page.console_errors == []


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_lecture_bar_fits_a_projector(browser, live_server, size, theme):
    """The bar's buttons, counter and the longest talking points: nothing cut, off screen or overlapping
    (layout_checks.js, the page's own check), and the bar leaves most of the screen to the figures."""
    longest = max((s for s in STEPS if s.regime), key=lambda s: len(s.point))  # detectors scroll away
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=True)
    try:
        page = context.new_page()
        open_page(page, live_server, f"?lecture=on&theme={theme}&preset={longest.key}")
        wait_for_step(page, STEPS.index(longest) + 1)
        page.wait_for_timeout(1000)
        problems = page.evaluate(LAYOUT_PROBLEMS)
        bar = page.eval_on_selector("#lecture-bar", "b => b.getBoundingClientRect().toJSON()")
        names = page.eval_on_selector_all(
            "#lecture-bar .lecture-step, #lecture-bar button, #lecture-bar summary",
            "els => els.map(e => e.textContent.trim().slice(0, 40))",
        )
        sidebar_top = page.eval_on_selector(".sidebar", "s => parseFloat(getComputedStyle(s).top)")
    finally:
        context.close()
    mine = [p for p in problems if p.startswith("page scrolls") or any(name and name in p for name in names)]
    assert mine == []
    assert bar["height"] <= 0.2 * size[1]
    assert sidebar_top >= bar["height"]  # the sticky sidebar starts below the sticky bar


BAR_TEXTS = "#lecture-bar .lecture-step, #lecture-bar button, #lecture-bar summary"


@pytest.mark.parametrize("lecture", ["off", "on"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_sticky_bar_stays_inside_the_screen_over_every_panel(browser, live_server, theme, lecture):
    """At 1280 px, scrolled to each panel: the bar's texts are inside the viewport and not cut. (Issue 18
    saw its text run off the left edge in the dark panel pictures; that was the picture, an element
    shot of a panel clipping the full-width sticky bar at the panel's edges, not the page.)"""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    try:
        page = context.new_page()
        open_page(page, live_server, f"?lecture={lecture}&theme={theme}&preset=SrTiO3")
        wait_for_step(page, [s.key for s in STEPS].index("SrTiO3") + 1)
        seen = {}
        for panel in page.eval_on_selector_all("section.panel", "ps => ps.map(p => p.id)"):
            page.eval_on_selector(f"#{panel}", "p => p.scrollIntoView()")
            page.wait_for_timeout(200)
            seen[panel] = page.eval_on_selector_all(
                BAR_TEXTS,
                """els => els.filter(e => e.getBoundingClientRect().width > 0).map(e => {
                    const r = e.getBoundingClientRect();
                    return [e.textContent.trim().slice(0, 30), r.left >= 0 && r.right <= innerWidth
                            && r.top >= 0 && e.scrollWidth <= e.clientWidth + 1];
                })""",
            )
    finally:
        context.close()
    assert len(seen) >= 5
    assert {panel: [text for text, inside in texts if not inside] for panel, texts in seen.items()} == {
        panel: [] for panel in seen
    }


def test_a_phone_bar_is_one_compact_row_that_opens_the_talking_point(browser, live_server):
    """390 px: the bar fixed to the bottom is one row (◀ 7 / 13 ▶, the step's name, ▴), at most 60 px
    (it was 150 px with the talking point), nothing in it cut or on top of other text; ▴ opens the
    talking point above the row and closes it again."""
    longest = max(STEPS, key=lambda s: len(BY_KEY[s.key].label))
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        page = context.new_page()
        open_page(page, live_server, f"?preset={longest.key}")  # (a phone's closed groups hide the readouts)
        page.wait_for_function(
            f"document.querySelector('#lecture-counter').innerText === '{STEPS.index(longest) + 1} / {N}'",
            timeout=30_000,
        )
        page.wait_for_function(f"window.location.search.startsWith('?preset={longest.key}&')", timeout=30_000)
        page.wait_for_timeout(1000)
        closed = page.locator("#lecture-bar").bounding_box()
        point_shown = page.is_visible("#lecture-point")
        problems = page.evaluate(LAYOUT_PROBLEMS)
        page.click("#lecture-more")
        page.wait_for_selector("#lecture-point", state="visible", timeout=5_000)
        opened = page.locator("#lecture-bar").bounding_box()
        expanded = page.get_attribute("#lecture-more", "aria-expanded")
        open_problems = page.evaluate(LAYOUT_PROBLEMS)
        page.click("#lecture-more")
        page.wait_for_selector("#lecture-point", state="hidden", timeout=5_000)
        collapsed = page.get_attribute("#lecture-more", "aria-expanded")
    finally:
        context.close()
    names = ("/ 13", "◀", "▶", "▴", BY_KEY[longest.key].label[:20])
    assert [p for p in problems if p.startswith("page scrolls") or any(n in p for n in names)] == []
    assert closed["height"] <= 60 and abs(closed["y"] + closed["height"] - 844) < 1
    assert not point_shown
    assert expanded == "true" and collapsed == "false"
    assert opened["height"] > closed["height"] + 40 and abs(opened["y"] + opened["height"] - 844) < 1
    assert [p for p in open_problems if any(n in p for n in (*names, longest.point[:20]))] == []
