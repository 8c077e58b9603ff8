"""The two-band view in real Chromium: the MgB2 preset, a slider move, axes with units."""

import pytest

pytestmark = pytest.mark.browser


def _tc_text(page) -> str:
    return page.inner_text("#multiband-table tr:first-child td.num")


def test_mgb2_preset_then_interband_slider(page, live_server):
    page.goto(live_server + "/?lambda_11=0.5")
    page.wait_for_selector("#multiband-graph .scatterlayer .trace", timeout=90_000)
    page.click("#preset")
    page.get_by_role("option", name="MgB₂ (σ band; two bands σ, π)").click()
    page.wait_for_function(
        "document.querySelector('#multiband-table').innerText.includes('Nagamatsu')", timeout=60_000
    )
    tc_mgb2 = float(_tc_text(page).split()[0])
    assert 39.0 * 0.85 <= tc_mgb2 <= 39.0 * 1.15  # measured 39 K
    titles = page.locator("#multiband-graph .g-ytitle").all_text_contents()
    assert "T_c [K]" in titles
    handle = page.locator("#param-lambda_21 [role=slider]")
    handle.focus()
    page.keyboard.press("End")  # lambda_21 -> 1: band 2 fed much more strongly by band 1
    page.wait_for_function(
        "t => document.querySelector('#multiband-table tr:first-child td.num').innerText !== t",
        arg=_tc_text(page),
        timeout=60_000,
    )
    assert "Nagamatsu" not in page.inner_text("#multiband-table")
    assert page.inner_text("#multiband-error") == ""
    assert page.console_errors == []
