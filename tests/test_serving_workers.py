"""gunicorn with several pre-forked workers serves exactly what the app computes in-process.

The app (and the numba warm-up) is loaded in the gunicorn master and the
workers are forked from it (``gunicorn.conf.py``). This starts 2 workers, posts
every server callback the app has (discovered from ``/_dash-dependencies``,
inputs from ``/_dash-layout``, plus moved sliders) until *each* worker has
answered each request, and compares every answer with the Flask test client
of ``create_app`` in this process: figure data, tables, text, status.
"""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from components.settings import Settings
from devtools.dash_client import UPDATE_PATH, discover, launch_gunicorn, snap, stop_gunicorn, wait_healthy

WORKERS = 2
MAX_TRIES_PER_BODY = 48


@pytest.fixture(scope="module")
def served_with_log(tmp_path_factory):
    process, base_url, log_path = launch_gunicorn(
        tmp_path_factory.mktemp("workers"), {"EXPOSE_WORKER_PID": "1"}, workers=WORKERS
    )
    wait_healthy(process, base_url, log_path)
    yield base_url, log_path
    stop_gunicorn(process)


@pytest.fixture(scope="module")
def served(served_with_log):
    return served_with_log[0]


@pytest.fixture(scope="module")
def in_process(tmp_path_factory):
    from app import create_app

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("inproc-cache")), warm_up=False)
    return create_app(settings).server.test_client()


def bodies_for(callback, rng: random.Random) -> list[dict]:
    """The layout's values, and twice every slider of the callback moved somewhere else."""
    bodies = [callback.body()]
    for _ in range(2):
        if not callback.sliders:
            break
        values = list(callback.values)
        for index, (low, high, step) in callback.sliders.items():
            values[index] = snap(rng.uniform(low, high), low, high, step)
        bodies.append(callback.body(values))
    return bodies


def test_workers_serve_what_the_app_computes_in_process(served, in_process):
    live_dependencies = httpx.get(served + "/_dash-dependencies", timeout=30).json()
    assert live_dependencies == in_process.get("/_dash-dependencies").get_json()
    callbacks = discover(live_dependencies, httpx.get(served + "/_dash-layout", timeout=30).json())
    assert any(cb.figure_outputs for cb in callbacks), "no callback outputs a figure"
    rng = random.Random(6)
    pids_seen: set[str] = set()
    compared = 0
    with httpx.Client(base_url=served, timeout=60) as client, ThreadPoolExecutor(WORKERS * 3) as pool:

        def post(data: str) -> httpx.Response:
            return client.post(UPDATE_PATH, content=data, headers={"Content-Type": "application/json"})

        for callback in callbacks:
            for body in bodies_for(callback, rng):
                data = json.dumps(body)
                expected = in_process.post(UPDATE_PATH, data=data, content_type="application/json")
                expected_json = expected.get_json() if expected.status_code == 200 else None
                pids_for_body: set[str] = set()
                tries = 0
                while len(pids_for_body) < WORKERS and tries < MAX_TRIES_PER_BODY:
                    batch = list(pool.map(post, [data] * (WORKERS * 3)))
                    tries += len(batch)
                    for response in batch:
                        assert response.status_code == expected.status_code, (
                            callback.name,
                            response.text[:300],
                        )
                        if expected_json is not None:
                            assert response.json() == expected_json, f"{callback.name}: served != in-process"
                        pids_for_body.add(response.headers["X-Worker-Pid"])
                        compared += 1
                assert len(pids_for_body) == WORKERS, (
                    f"only worker(s) {pids_for_body} answered {callback.name}"
                )
                pids_seen |= pids_for_body
    assert len(pids_seen) == WORKERS
    assert compared >= len(callbacks) * WORKERS


def test_worker_pid_header_is_off_by_default(live_server):
    assert "X-Worker-Pid" not in httpx.get(live_server + "/healthz", timeout=30).headers


FORK_WARNING = "threads before forking workers"


def test_master_has_no_threads_when_it_forks(served_with_log, tmp_path):
    """gunicorn.conf.py's when_ready check stays quiet for the real app ...

    ... and does speak up when the master does start threads (OpenBLAS's pool
    when OPENBLAS_NUM_THREADS is forced above 1), so its silence means something.
    """
    _, log_path = served_with_log
    assert FORK_WARNING not in log_path.read_text()
    process, base_url, threaded_log = launch_gunicorn(tmp_path, {"OPENBLAS_NUM_THREADS": "2"}, workers=1)
    try:
        wait_healthy(process, base_url, threaded_log)
    finally:
        stop_gunicorn(process)
    assert FORK_WARNING in threaded_log.read_text()
