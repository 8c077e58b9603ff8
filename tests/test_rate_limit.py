"""Per-client rate limit of callback requests: 429 after the limit, a message, nothing else limited."""

from __future__ import annotations

import json
import re

import pytest

from components.rate_limit import MESSAGE
from components.settings import Settings
from devtools.dash_client import UPDATE_PATH, discover, launch_gunicorn, stop_gunicorn, wait_healthy


def make_client(tmp_path, **overrides):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path / "cache"), warm_up=False, **overrides)
    client = create_app(settings).server.test_client()
    callback = discover(client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json())[
        0
    ]
    return client, json.dumps(callback.body())


def post(client, body: str, address: str | None = None):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post(UPDATE_PATH, data=body, content_type="application/json", headers=headers)


def test_callbacks_get_429_with_retry_after_and_a_message_after_the_limit(tmp_path):
    client, body = make_client(tmp_path, rate_limit="5/minute")
    statuses = [post(client, body).status_code for _ in range(5)]
    assert statuses == [200] * 5
    limited = post(client, body)
    assert limited.status_code == 429
    assert limited.get_json() == {"error": {"status": 429, "message": MESSAGE}}
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "Content-Security-Policy" in limited.headers and "Traceback" not in limited.get_data(as_text=True)
    # pages, assets, health checks and the app's metadata are never limited
    for path in ("/", "/healthz", "/_dash-layout", "/_dash-dependencies", "/assets/style.css"):
        assert all(client.get(path).status_code == 200 for _ in range(10)), path


def test_the_limit_is_per_client_address_behind_a_trusted_proxy(tmp_path):
    client, body = make_client(tmp_path, rate_limit="3/minute", proxy_hops=1)
    assert [post(client, body, "127.0.0.2").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert post(client, body, "127.0.0.3").status_code == 200  # another student is not affected


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(tmp_path):
    client, body = make_client(tmp_path, rate_limit="2/minute")
    assert [post(client, body, f"127.0.0.{i}").status_code for i in range(2, 5)] == [200, 200, 429]


def test_rate_limit_setting_is_validated_at_start(tmp_path):
    with pytest.raises(ValueError):
        make_client(tmp_path, rate_limit="lots per second")
    assert Settings.from_env({"RATE_LIMIT": "7/second"}).rate_limit == "7/second"
    assert Settings.from_env({}).rate_limit == "30/second;900/minute"


@pytest.mark.browser
def test_the_page_shows_a_notice_on_429_and_catches_up(page, tmp_path):
    """A limit the page's own first load exceeds: the notice appears, then every figure still renders."""
    process, base_url, log_path = launch_gunicorn(tmp_path, {"RATE_LIMIT": "3/second"}, workers=1)
    try:
        wait_healthy(process, base_url, log_path)
        page.goto(base_url + "/")
        notice = page.locator("#rate-limit-notice")
        notice.wait_for(state="visible", timeout=30_000)
        assert re.search(r"Too many updates .* Updating again in \d+ s", notice.inner_text())
        page.screenshot(path="/tmp/rate_limit_notice.png")
        for graph in ("#phase-graph", "#vertex-graph", "#spectra-graph"):
            page.wait_for_selector(f"{graph} .scatterlayer .trace", timeout=60_000)
        notice.wait_for(state="hidden", timeout=30_000)
    finally:
        stop_gunicorn(process)
    assert "Traceback" not in log_path.read_text()
