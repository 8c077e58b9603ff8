"""What a visit downloads: compressed answers, immutable fingerprinted files, no maps, no Python version."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import brotli
import pytest

from components.settings import Settings

PLOTLY_ASSET = re.compile(rb'src="(/assets/vendor/plotly-cartesian[^"]+)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("cache")), warm_up=False)
    return create_app(settings).server.test_client()


def decoded(response) -> bytes:
    data = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    return (
        brotli.decompress(data) if encoding == "br" else gzip.decompress(data) if encoding == "gzip" else data
    )


def script_urls(client) -> list[str]:
    html = client.get("/").get_data()
    return [url.decode() for url in re.findall(rb'<script src="([^"]+)"', html)]


def test_every_text_response_is_compressed_brotli_first(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert page.headers["Content-Encoding"] == "br" and b"_dash-config" in decoded(page)
    for url in script_urls(client):
        plain = client.get(url).get_data()
        if len(plain) < 500:
            continue
        for accept, expected in (("br", "br"), ("gzip", "gzip"), ("gzip, br", "br")):
            response = client.get(url, headers={"Accept-Encoding": accept})
            assert response.headers.get("Content-Encoding") == expected, url
            assert decoded(response) == plain, url
            assert "Accept-Encoding" in response.headers["Vary"]
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert layout.headers["Content-Encoding"] == "br"
    assert json.loads(decoded(layout)) == client.get("/_dash-layout").get_json()


def test_callback_answers_are_compressed(client):
    from devtools.dash_client import UPDATE_PATH, discover

    callbacks = discover(client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json())
    figure_callback = next(cb for cb in callbacks if cb.figure_outputs)
    body = json.dumps(figure_callback.body())
    plain = client.post(UPDATE_PATH, data=body, content_type="application/json")
    packed = client.post(
        UPDATE_PATH, data=body, content_type="application/json", headers={"Accept-Encoding": "br"}
    )
    assert packed.headers["Content-Encoding"] == "br"
    assert json.loads(decoded(packed)) == plain.get_json()
    assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_csp_hashes_match_the_page_as_decompressed(client):
    page = client.get("/", headers={"Accept-Encoding": "br"})
    html = decoded(page)
    allowed = page.headers["Content-Security-Policy"]
    for script in re.findall(rb"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_fingerprinted_files_are_immutable_and_the_rest_revalidates(client):
    urls = script_urls(client)
    suites = [u for u in urls if u.startswith("/_dash-component-suites/")]
    assets = [u for u in urls if u.startswith("/assets/")]
    assert suites and assets and any(PLOTLY_ASSET.match(f'src="{u}"'.encode()) for u in assets)
    for url in suites + assets:
        assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable", url
    for url in ("/", "/_dash-layout", "/assets/style.css", "/_dash-component-suites/dash/dcc/async-graph.js"):
        assert "immutable" not in client.get(url).headers.get("Cache-Control", ""), url


def test_no_source_maps_and_no_python_version(client):
    for url in script_urls(client)[:3] + ["/_dash-component-suites/dash/dcc/async-graph.js"]:
        assert client.get(url + ".map").status_code == 404
    assert client.get("/_dash-component-suites/dash/dcc/dash_core_components.js.map").status_code == 404
    config = re.search(
        rb'<script id="_dash-config" type="application/json">(.*?)</script>',
        client.get("/").get_data(),
        re.DOTALL,
    )
    assert config and "python_version" not in json.loads(config.group(1))


def test_the_page_brings_the_cartesian_plotly_bundle_of_the_same_version():
    """dcc.Graph uses window.Plotly when it exists: the vendored partial bundle must match plotly.py's."""
    from pathlib import Path

    import plotly

    root = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    full_version = re.search(rb"plotly\.js v(\d+\.\d+\.\d+)", root.read_bytes()[:300]).group(1).decode()
    vendored = sorted((Path(__file__).parent.parent / "assets" / "vendor").glob("plotly-cartesian-*.min.js"))
    assert [p.name for p in vendored] == [f"plotly-cartesian-{full_version}.min.js"]
    assert f"v{full_version}" in vendored[0].read_text()[:300]


@pytest.mark.browser
def test_a_first_visit_never_fetches_the_full_plotly_bundle(page, live_server):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(live_server + "/")
    for graph in (
        "#phase-graph .heatmaplayer",
        "#vertex-graph .scatterlayer .trace",
        "#spectra-graph .scatterlayer .trace",
    ):
        page.wait_for_selector(graph, timeout=60_000)
    assert not [u for u in fetched if "package_data/plotly" in u]
    assert page.evaluate("window.Plotly.version") and page.console_errors == []
    page.screenshot(path="/tmp/first_visit_cartesian.png", full_page=True)


def test_layout_and_dependencies_are_dashs_own_answer_built_once(tmp_path):
    """Served from the bytes of the first answer: equal to what Dash itself serialises, every time."""
    from dash._utils import to_json

    from app import create_app

    app = create_app(Settings(cache_dir=str(tmp_path / "cache"), warm_up=False))
    client = app.server.test_client()
    layouts = [client.get("/_dash-layout", headers={"Accept-Encoding": "identity"}) for _ in range(3)]
    assert all(r.status_code == 200 and r.mimetype == "application/json" for r in layouts)
    assert layouts[0].get_data() == layouts[1].get_data() == layouts[2].get_data()
    assert json.loads(layouts[0].get_data()) == json.loads(to_json(app.layout))
    dependencies = client.get("/_dash-dependencies", headers={"Accept-Encoding": "br"})
    assert json.loads(brotli.decompress(dependencies.get_data())) == json.loads(to_json(app._callback_list))
