"""nginx in front of gunicorn (deploy/nginx/explorer.conf.template, docker-compose.yml).

- the compose file is consistent with the nginx template and the app's settings (parsed: Docker cannot run
  on the test machine);
- Debian's nginx, unprivileged on loopback in front of a real gunicorn: 20 slow clients (10 trickling a
  request, 10 reading a 1.5 MB answer at ~1 kB/s) do not stop /healthz or a normal user's callback, while
  the same 20 against gunicorn alone do (the control that shows why nginx is there);
- every answer through nginx has the security headers, nginx's own 400/414 pages included, the app's
  headers exactly once; the app's compression passes through.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml

from devtools.dash_client import (
    NGINX,
    NGINX_TEMPLATE,
    ROOT,
    UPDATE_PATH,
    discover_live,
    launch_gunicorn,
    nginx_main_conf,
    start_nginx,
    stop_gunicorn,
    stop_nginx,
    wait_healthy,
)

SLOW_SECONDS = 7.0  # below nginx's client_header_timeout (10 s): the slow clients stay for the whole check
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
)

needs_nginx = pytest.mark.skipif(
    shutil.which(NGINX) is None and not Path(NGINX).exists(),
    reason="nginx missing (`make test` installs it: apt-get install nginx)",
)


# --------------------------------------------------------------------------- the compose file, statically


def test_compose_file_matches_the_nginx_template_and_the_app_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"nginx", "app", "redis"}
    nginx, app, redis = services["nginx"], services["app"], services["redis"]

    # nginx renders our template (the official image's /etc/nginx/templates mechanism) with these values
    mounts = {Path(v.split(":")[0]).resolve(): v.split(":")[1] for v in nginx["volumes"]}
    assert mounts[NGINX_TEMPLATE.resolve()] == "/etc/nginx/templates/default.conf.template"
    template = NGINX_TEMPLATE.read_text()
    import re

    assert set(re.findall(r"\$\{(\w+)\}", template)) == set(nginx["environment"])  # every variable given
    host, port = nginx["environment"]["APP_UPSTREAM"].split(":")
    assert host == "app" and port == app["environment"]["PORT"] and port in app["expose"]
    assert app["environment"]["HOST"] == "0.0.0.0"
    published = nginx["ports"][0].split(":")
    assert published[-1] == nginx["environment"]["LISTEN_PORT"]

    # the replicas sit behind exactly one trusted proxy and share Redis, which evicts (a bounded cache)
    assert app["deploy"]["replicas"] >= 2 and app["environment"]["PROXY_HOPS"] == "1"
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    command = redis["command"]
    assert command[command.index("--maxmemory") + 1].endswith("mb")
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"
    assert (ROOT / app["build"] / "Dockerfile").exists()
    assert "ports" not in app and "ports" not in redis  # only nginx is reachable from outside

    # nginx's limits sit below gunicorn's and the app's, so their header-less error pages are never reached
    from components.settings import Settings

    assert "large_client_header_buffers 4 8k;" in template  # < gunicorn limit_request_line 8190
    assert "client_max_body_size 1m;" in template and Settings().max_content_length == 1024 * 1024


@needs_nginx
def test_the_rendered_template_passes_nginx_t(tmp_path):
    conf = nginx_main_conf(tmp_path, "127.0.0.1:9", 18080)
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- live: gunicorn behind nginx


@pytest.fixture(scope="module")
def fronted(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.skip("nginx missing (`make test` installs it)")
    tmp = tmp_path_factory.mktemp("front")
    app, app_url, log_path = launch_gunicorn(tmp, {"PROXY_HOPS": "1"}, workers=2)
    try:
        wait_healthy(app, app_url, log_path)
        nginx, nginx_url = start_nginx(tmp / "nginx", app_url)
    except Exception:
        stop_gunicorn(app)
        raise
    yield {"app": app_url, "nginx": nginx_url, "log": log_path}
    stop_nginx(nginx)
    stop_gunicorn(app)


def slow_clients(base_url: str, big_path: str, stop: threading.Event) -> list[threading.Thread]:
    """10 clients that trickle a request one byte every 0.5 s, 10 that read a big answer at ~1 kB/s."""
    host, port = base_url.removeprefix("http://").split(":")

    def trickle(index: int) -> None:
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(b"POST " + UPDATE_PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            while not stop.wait(0.5):
                try:
                    sock.sendall(b"a")
                except OSError:
                    return

    def slow_read(index: int) -> None:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(30)
            sock.connect((host, int(port)))
            sock.sendall(f"GET {big_path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n\r\n".encode())
            while not stop.wait(1.0):
                try:
                    if not sock.recv(1024):
                        return
                except OSError:
                    return

    threads = [threading.Thread(target=trickle, args=(i,), daemon=True) for i in range(10)]
    threads += [threading.Thread(target=slow_read, args=(i,), daemon=True) for i in range(10)]
    for thread in threads:
        thread.start()
    return threads


def normal_user_latencies(base_url: str, callback_body: str, seconds: float) -> list[float]:
    """/healthz and a callback, alternately, each on a fresh connection, for ``seconds``; latencies (inf on
    timeout)."""
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for method, path, body in (("GET", "/healthz", None), ("POST", UPDATE_PATH, callback_body)):
            start = time.perf_counter()
            try:
                response = httpx.request(
                    method,
                    base_url + path,
                    content=body,
                    timeout=3.0,
                    headers={"Content-Type": "application/json"},
                )
                assert response.status_code == 200, response.text[:200]
                latencies.append(time.perf_counter() - start)
            except httpx.TimeoutException:
                latencies.append(float("inf"))
        time.sleep(0.2)
    return latencies


def recovered(base_url: str, timeout_s: float = 60) -> None:
    """Wait until gunicorn answers again once the slow clients are gone."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not recover after the slow clients left")


def big_asset_path(base_url: str) -> str:
    import re

    html = httpx.get(base_url + "/", timeout=30).text
    return re.search(r'src="(/assets/vendor/plotly-cartesian[^"]+)"', html).group(1)


def test_twenty_slow_clients_do_not_stop_healthz_or_a_callback_behind_nginx(fronted):
    callback = next(cb for cb in discover_live(fronted["app"]) if cb.figure_outputs)
    body = json.dumps(callback.body())
    big = big_asset_path(fronted["app"])
    results = {}
    for name in ("nginx", "app"):  # behind nginx, then the control: gunicorn alone
        stop = threading.Event()
        threads = slow_clients(fronted[name], big, stop)
        time.sleep(1.0)  # let them occupy whatever they can
        try:
            results[name] = normal_user_latencies(fronted[name], body, SLOW_SECONDS - 2)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=15)
        recovered(fronted["app"])
    behind_nginx, direct = results["nginx"], results["app"]
    print(
        f"\nslowest answer with 20 slow clients: behind nginx {max(behind_nginx):.3f} s, "
        f"gunicorn alone {max(direct):.3f} s"
    )
    assert len(behind_nginx) >= 6 and max(behind_nginx) < 2.0
    assert max(direct) > 2.0, "the control did not reproduce the stall: the test would prove nothing"


def test_every_answer_through_nginx_has_the_security_headers_exactly_once(fronted):
    base = fronted["nginx"]
    with httpx.Client(base_url=base, timeout=30) as client:
        page = client.get("/")
        assert len(page.headers.get_list("Content-Security-Policy")) == 1
        # the app's own policy (the page's script hashes; they change with every page's config token)
        assert "script-src 'self' 'sha256-" in page.headers["Content-Security-Policy"]
        assert "server" not in page.headers or "nginx/" not in page.headers["server"]
        for path in ("/", "/healthz", "/no-such-page", "/_dash-component-suites/nope/x.js"):
            response = client.get(path)
            for header in SECURITY_HEADERS:
                assert len(response.headers.get_list(header)) == 1, (path, header)
    # nginx's own error pages: a request line over 8 kB (414) and a malformed request (400)
    host, port = base.removeprefix("http://").split(":")
    for raw, status in (
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
    ):
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(raw)
            head = sock.recv(65536).split(b"\r\n\r\n")[0].decode("latin-1")
        assert head.split()[1] == str(status), head
        for header in SECURITY_HEADERS:
            assert f"\r\n{header.lower()}:" in head.lower(), (status, header, head)
        assert "default-src 'none'" in head


def test_compression_and_rate_limit_work_through_nginx(fronted):
    big = big_asset_path(fronted["app"])
    response = httpx.get(fronted["nginx"] + big, headers={"Accept-Encoding": "br"}, timeout=30)
    assert response.headers["Content-Encoding"] == "br" and len(response.content) > 1_000_000  # decoded
    assert int(response.headers["Content-Length"]) < 600_000
    assert "immutable" in response.headers["Cache-Control"]
    # fingerprinted files come from nginx's cache after the first request, one entry per encoding
    statuses = [
        httpx.get(fronted["nginx"] + big, headers={"Accept-Encoding": accept}, timeout=30)
        for accept in ("br", "gzip, deflate, br", "gzip")
    ]
    assert [r.headers["X-Cache-Status"] for r in statuses] == ["HIT", "HIT", "MISS"]
    assert [r.headers["Content-Encoding"] for r in statuses] == ["br", "br", "gzip"]
    for response in statuses:
        for header in SECURITY_HEADERS:
            assert len(response.headers.get_list(header)) == 1, header
