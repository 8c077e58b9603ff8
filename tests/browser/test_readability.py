"""Readability in a real browser (issue 18): formulas, lecture mode on a projector, phone, colour, units."""

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
