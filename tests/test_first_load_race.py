"""First page load right after a (re)start: every script the page asks for answers 200.

Issue 11: about 2 in 14 first loads showed a blank "Loading…" page because a
component-suite script answered 500 ("dash is not a registered library").
Cause: Dash runs its one-time ``_setup_server`` (which registers the
component-suite paths) in ``before_request`` of the first request, and sets
its "done" flag *before* the work; a second thread of the same worker then
skips the setup and serves a script while the paths are still unregistered.
``app.create_app`` now runs that setup eagerly (in the gunicorn master, before
forking). This test restarts the server and, as soon as the port accepts
connections, fires the page and all of its scripts at once.
"""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from devtools.dash_client import launch_gunicorn, stop_gunicorn

RESTARTS = 20


def _page_assets(base_url: str) -> list[str]:
    html = httpx.get(base_url + "/", timeout=30).text
    return re.findall(r'<script src="([^"]+)"', html) + re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', html
    )


def _wait_for_port(base_url: str, timeout_s: float = 60) -> None:
    host, port = base_url.rsplit("//", 1)[1].split(":")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((host, int(port))) == 0:
                return
        time.sleep(0.005)
    raise RuntimeError("gunicorn never accepted connections")


def _burst(base_url: str, paths: list[str]) -> list[tuple[str, int]]:
    """Each path on its own connection, all at once (what a browser does on first load)."""

    def get(path: str) -> tuple[str, int]:
        with httpx.Client(timeout=30) as client:
            return path, client.get(base_url + path).status_code

    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        return list(pool.map(get, paths))


def test_first_load_after_restart_never_fails(tmp_path):
    """20 restarts, each with the page and its scripts fired at once from the first instant: all 200."""
    paths: list[str] = []
    failures = []
    for restart in range(RESTARTS + 1):  # the first start only learns the page's asset URLs
        (tmp_path / f"run{restart}").mkdir()
        # 2 workers x 4 threads: more threads than scripts in flight per worker, the worst case.
        process, base_url, _log_path = launch_gunicorn(
            tmp_path / f"run{restart}", extra_env={"WARM_UP": "0", "GUNICORN_THREADS": "4"}, workers=2
        )
        try:
            _wait_for_port(base_url)
            if not paths:  # same fingerprints on every start
                paths = ["/", "/_dash-layout", "/_dash-dependencies", *_page_assets(base_url)]
                assert len(paths) > 6, paths
                continue
            failures += [
                (restart, path, status) for path, status in _burst(base_url, paths * 2) if status != 200
            ]
        finally:
            stop_gunicorn(process)
    assert not failures, failures
