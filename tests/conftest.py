"""Shared fixtures: a real gunicorn server on loopback, and headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from devtools.dash_client import ROOT, free_port, start_gunicorn, stop_gunicorn  # noqa: F401 (re-exported)

# The tests fire callbacks far faster than a person from one address: the rate limit is tested on its own
# (tests/test_rate_limit.py); everywhere else it is out of the way (gunicorn inherits this too).
os.environ.setdefault("RATE_LIMIT", "1000000/minute")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    process, base_url = start_gunicorn(tmp_path_factory.mktemp("live"))
    yield base_url
    stop_gunicorn(process)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page_with_console_log(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def page(browser):
    """A page for journey tests. Playwright's wait_for_function evaluates strings, which the app's
    Content-Security-Policy forbids, so these contexts bypass CSP; ``csp_page`` keeps it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    yield _page_with_console_log(context)
    context.close()


@pytest.fixture
def csp_page(browser):
    """A page that enforces the app's Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield _page_with_console_log(context)
    context.close()
