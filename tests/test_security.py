"""Security basics: headers, CSP that Dash still runs under, size limit, debug off, 4xx not 500."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import httpx
import pytest

from components.security import callback_body_problem, content_security_policy
from components.settings import Settings


def make_client(tmp_path_factory, **overrides):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), warm_up=False, **overrides)
    app = create_app(settings)
    return app.server, app.server.test_client()


@pytest.fixture(scope="module")
def server_and_client(tmp_path_factory):
    return make_client(tmp_path_factory, max_content_length=64 * 1024)


@pytest.fixture(scope="module")
def client(server_and_client):
    return server_and_client[1]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/healthz", "/no-such-page"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    directives = csp_directives(response.headers["Content-Security-Policy"])
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "X-Worker-Pid" not in response.headers  # only with EXPOSE_WORKER_PID=1


def test_csp_allows_exactly_the_inline_scripts_of_the_page(client):
    response = client.get("/")
    html = response.get_data()
    inline = re.findall(rb"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL)
    assert inline, "Dash's index page has inline scripts (config, renderer)"
    allowed = csp_directives(response.headers["Content-Security-Policy"])["script-src"]
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_frame_ancestors_and_limits_come_from_the_environment():
    settings = Settings.from_env(
        {
            "FRAME_ANCESTORS": "'self' https://course.example.org",
            "MAX_CONTENT_LENGTH": "2048",
            "EXPOSE_WORKER_PID": "1",
        }
    )
    assert settings.frame_ancestors == "'self' https://course.example.org"
    assert settings.max_content_length == 2048 and settings.expose_worker_pid
    defaults = Settings.from_env({})
    assert defaults.frame_ancestors == "'self'" and not defaults.debug and not defaults.expose_worker_pid
    assert Settings.from_env({"DASH_DEBUG": "1"}).debug
    policy = content_security_policy([], settings.frame_ancestors)
    assert "frame-ancestors 'self' https://course.example.org" in policy


def test_embedding_origin_is_configurable_and_drops_x_frame_options(tmp_path_factory):
    _, client = make_client(tmp_path_factory, frame_ancestors="'self' https://course.example.org")
    response = client.get("/")
    assert "frame-ancestors 'self' https://course.example.org" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers  # it cannot name another origin; CSP does


def test_debug_is_off_by_default(server_and_client):
    server, _ = server_and_client
    assert server.debug is False


def test_oversize_body_is_413(client):
    body = json.dumps({"output": "x", "padding": "a" * 100_000})
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 413
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"[1, 2]", "application/json"),
        (b"{not json", "application/json"),
        (b"[" * 50_000 + b"]" * 50_000, "application/json"),
        (
            json.dumps(
                {
                    "output": "nope.figure",
                    "outputs": {"id": "nope", "property": "figure"},
                    "inputs": [],
                    "changedPropIds": [],
                }
            ).encode(),
            "application/json",
        ),
        (json.dumps({"output": 3}).encode(), "application/json"),
        (b"output=1", "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_callback_requests_are_4xx_json_without_traceback(client, data, content_type):
    response = client.post("/_dash-update-component", data=data, content_type=content_type)
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.get_json()["error"]["status"] == response.status_code


def test_callback_body_shape_check():
    good = {
        "output": "a.figure",
        "outputs": {"id": "a", "property": "figure"},
        "inputs": [{"id": "b", "property": "value", "value": 1}],
        "changedPropIds": ["b.value"],
        "state": [],
    }
    assert callback_body_problem(good) is None
    pattern_all = [[{"id": {"type": "x", "index": 1}, "property": "value"}]]
    assert callback_body_problem(dict(good, inputs=pattern_all)) is None
    for bad in (
        [],
        dict(good, output=""),
        dict(good, outputs=[1]),
        dict(good, inputs="x"),
        dict(good, changedPropIds=[None]),
        dict(good, state={}),
    ):
        assert callback_body_problem(bad)


def test_live_server_413_and_headers(live_server):
    with httpx.Client(base_url=live_server, timeout=30) as http:
        page = http.get("/")
        assert "Content-Security-Policy" in page.headers
        assert page.headers["X-Content-Type-Options"] == "nosniff"
    # A fresh connection: gunicorn answers 413 without reading the body, drains at most
    # 64 kB of it and then closes the connection (though the 413 said keep-alive), so a
    # client must not reuse it. Browsers retry on a new connection; httpx does not.
    with httpx.Client(base_url=live_server, timeout=30) as http:
        too_big = http.post(
            "/_dash-update-component",
            content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert too_big.status_code == 413
        assert "Traceback" not in too_big.text
    assert httpx.get(live_server + "/healthz", timeout=30).text == "ok"


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.mark.browser
def test_page_renders_in_chromium_under_the_csp(csp_page, live_server):
    page = csp_page  # enforces the policy (the journey tests' `page` bypasses CSP)
    page.add_init_script(CSP_LISTENER)
    response = page.goto(live_server + "/")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    # (no page.wait_for_function here: Playwright evaluates its predicate with eval, which this CSP forbids)
    page.wait_for_selector("#phase-graph .scatterlayer .trace", timeout=60_000)
    page.locator("#phase-badge", has_text=re.compile(r"^\w")).wait_for(timeout=60_000)
    # a callback round trip under the CSP: move a slider, the badge follows
    handle = page.locator("#param-E_F_eV [role=slider]")
    handle.focus()
    page.keyboard.press("Home")
    page.locator("#phase-badge", has_text=re.compile(r"^anti-adiabatic")).wait_for(timeout=30_000)
    page.hover("#phase-graph .nsewdrag")  # plotly hover layer, modebar
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e] == []
    assert page.console_errors == []
    # and the policy is really enforced: an injected inline script is refused and reported
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__injected = 1'; document.head.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))
