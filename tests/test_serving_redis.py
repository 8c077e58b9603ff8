"""With REDIS_URL set, two separate app processes share one figure cache.

A real ``redis-server`` (loopback, free port, no persistence) and two
gunicorn apps pointing at it, each with its own file-system ``CACHE_DIR`` so
nothing else is shared. For every callback that outputs a figure: app A
computes it for new slider values (new keys appear in Redis); then app B gets
the same request and

- writes nothing to the figure cache (every ``migdal-explorer:*`` entry is
  unchanged; the rate limiter's counters, under their own prefix, do change):
  it found everything it needed in the cache;
- returns what is stored there: the test first rewrites each cached figure
  A stored (a marker in ``layout.meta``), and B's answer carries the marker,
  which only the cache can have put there.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import time
import uuid

import httpx
import pytest

from components.cache_backends import KEY_PREFIX, decode_entry, encode_entry
from devtools.dash_client import (
    UPDATE_PATH,
    discover_live,
    free_port,
    launch_gunicorn,
    snap,
    stop_gunicorn,
    wait_healthy,
)

REDIS_SERVER = shutil.which("redis-server")
CACHE_KEYS = KEY_PREFIX + "*"  # the figure cache's keys (the rate limiter keeps its counters apart)

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server binary missing (`make test` installs it: apt-get install redis-server)",
)


def start_redis(directory, *extra_args: str):
    """A throw-away redis-server on a free loopback port; returns ``(process, url)``."""
    redis = pytest.importorskip("redis")
    port = free_port()
    with open(directory / "redis.log", "w") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(directory),
                "--protected-mode",
                "yes",
                *extra_args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"redis-server did not start: {(directory / 'redis.log').read_text()}")
                time.sleep(0.05)
    finally:
        client.close()
    return process, f"redis://127.0.0.1:{port}/0"


def stop_redis(process) -> None:
    process.send_signal(signal.SIGCONT)  # in case a test left it stopped
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    process, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    stop_redis(process)


@pytest.fixture(scope="module")
def redis_client(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture(scope="module")
def two_apps(redis_url, tmp_path_factory):
    launched = [
        launch_gunicorn(tmp_path_factory.mktemp(name), {"REDIS_URL": redis_url}, workers=1)
        for name in ("app_a", "app_b")
    ]
    try:
        for process, base_url, log_path in launched:
            wait_healthy(process, base_url, log_path)
        yield [base_url for _, base_url, _ in launched]
    finally:
        for process, _, _ in launched:
            stop_gunicorn(process)


def cache_entries(redis_client) -> dict[bytes, bytes]:
    return {key: redis_client.get(key) for key in redis_client.keys(CACHE_KEYS)}


def shows_an_error(answer: dict) -> bool:
    """True when a panel answered with its error message (nothing computed, nothing cached)."""
    return any(
        output.endswith("-error") and (props.get("children") or "")
        for output, props in answer["response"].items()
    )


def poison_figures(redis_client, keys: set[bytes], marker: str) -> int:
    """Put ``marker`` into every cached plotly figure among ``keys`` (re-sealed as the app seals entries)."""
    poisoned = 0
    for key in keys:
        raw = redis_client.get(key)
        value = decode_entry(key.decode(), raw) if raw else None
        if isinstance(value, dict) and isinstance(value.get("layout"), dict) and "data" in value:
            value["layout"]["meta"] = {"cache_probe": marker}
            ttl_ms = redis_client.pttl(key)
            redis_client.set(key, encode_entry(key.decode(), value), px=ttl_ms if ttl_ms > 0 else None)
            poisoned += 1
    return poisoned


def post(base_url: str, body: dict) -> httpx.Response:
    return httpx.post(
        base_url + UPDATE_PATH,
        content=json.dumps(body),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def test_a_figure_computed_by_one_process_is_served_from_redis_by_the_other(two_apps, redis_client):
    app_a, app_b = two_apps
    callbacks = [cb for cb in discover_live(app_a) if cb.figure_outputs]
    assert callbacks, "no callback outputs a figure"
    rng = random.Random(66)
    poisoned_total = 0
    for callback in callbacks:
        for _ in range(20):  # a random point the panel accepts (some slider combinations are refused)
            values = list(callback.values)
            for index, (low, high, step) in callback.sliders.items():
                values[index] = snap(rng.uniform(low, high), low, high, step)
            body = callback.body(values)
            keys_before = set(redis_client.keys(CACHE_KEYS))
            answer_a = post(app_a, body)
            assert answer_a.status_code == 200, answer_a.text[:300]
            if not shows_an_error(answer_a.json()):
                break
        new_keys = set(redis_client.keys(CACHE_KEYS)) - keys_before
        assert new_keys, f"{callback.name}: app A stored nothing in Redis"

        marker = uuid.uuid4().hex
        poisoned = poison_figures(redis_client, new_keys, marker)
        poisoned_total += poisoned
        entries_before, hits_before = cache_entries(redis_client), redis_client.info("stats")["keyspace_hits"]

        answer_b = post(app_b, body)
        assert answer_b.status_code == 200, answer_b.text[:300]
        assert cache_entries(redis_client) == entries_before, (
            f"{callback.name}: app B wrote to the cache (a miss)"
        )
        assert redis_client.info("stats")["keyspace_hits"] > hits_before
        if poisoned:
            assert marker in answer_b.text and marker not in answer_a.text, callback.name
        else:
            assert answer_b.json() == answer_a.json(), callback.name
    assert poisoned_total >= 1, "no cached value was a whole figure: the marker proof never ran"


def test_the_app_warns_when_redis_would_grow_without_bound(two_apps, tmp_path_factory):
    """The module's Redis runs without maxmemory: the app says so at start (once per process)."""
    logs = sorted(tmp_path_factory.getbasetemp().glob("app_a*/gunicorn-*.log"))
    assert logs and "maxmemory-policy allkeys-lru" in logs[0].read_text()


def fill_with_distinct_points(base_url: str, callbacks, count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    statuses = []
    for _ in range(count):
        for callback in callbacks:
            values = list(callback.values)
            for index, (low, high, step) in callback.sliders.items():
                values[index] = snap(rng.uniform(low, high), low, high, step)
            statuses.append(post(base_url, callback.body(values)).status_code)
    return statuses


def test_redis_with_maxmemory_and_allkeys_lru_stays_bounded(tmp_path):
    """The docker-compose settings (maxmemory + allkeys-lru), scaled down to 2 MB: Redis evicts, the app
    keeps answering, nothing grows past the bound."""
    import redis

    process, url = start_redis(tmp_path, "--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru")
    app, client = None, redis.Redis.from_url(url)
    try:
        (tmp_path / "app").mkdir()
        app, base_url, log_path = launch_gunicorn(tmp_path / "app", {"REDIS_URL": url}, workers=1)
        wait_healthy(app, base_url, log_path)
        callbacks = [cb for cb in discover_live(base_url) if cb.figure_outputs and cb.sliders]
        statuses = fill_with_distinct_points(base_url, callbacks, 40, seed=12)
        memory, stats = client.info("memory"), client.info("stats")
    finally:
        client.close()
        if app is not None:
            stop_gunicorn(app)
        stop_redis(process)
    assert set(statuses) == {200}
    assert stats["evicted_keys"] > 0, "the test did not fill Redis: no eviction happened"
    assert memory["used_memory"] <= 2 * 1024 * 1024 * 1.05
    log = log_path.read_text()
    assert "Traceback" not in log and "maxmemory-policy" not in log  # no warning: eviction is configured


def test_a_hung_redis_costs_at_most_one_timeout_then_the_app_computes(tmp_path):
    """SIGSTOP the Redis the app uses: /healthz and callbacks still answer within 2 s, the log gets one
    line per worker for the outage and one when Redis is back, and caching resumes after SIGCONT."""
    import redis

    process, url = start_redis(tmp_path)
    app, client = None, redis.Redis.from_url(url)
    try:
        (tmp_path / "app").mkdir()
        app, base_url, log_path = launch_gunicorn(tmp_path / "app", {"REDIS_URL": url}, workers=2)
        wait_healthy(app, base_url, log_path)
        callbacks = [cb for cb in discover_live(base_url) if cb.figure_outputs and cb.sliders]
        assert set(fill_with_distinct_points(base_url, callbacks, 1, seed=1)) == {200}
        process.send_signal(signal.SIGSTOP)
        slowest = 0.0
        rng = random.Random(2)
        for _ in range(6):
            for path in ("/healthz", None):
                start = time.perf_counter()
                if path:
                    response = httpx.get(base_url + path, timeout=10)
                else:
                    callback = rng.choice(callbacks)
                    values = list(callback.values)
                    for index, (low, high, step) in callback.sliders.items():
                        values[index] = snap(rng.uniform(low, high), low, high, step)
                    response = post(base_url, callback.body(values))
                slowest = max(slowest, time.perf_counter() - start)
                assert response.status_code == 200, response.text[:300]
        assert slowest < 2.0, f"slowest answer while Redis hung: {slowest:.2f} s"
        process.send_signal(signal.SIGCONT)
        time.sleep(6)  # the circuit's cooldown (OUTAGE_COOLDOWN_S = 5 s)
        keys_before = len(client.keys(CACHE_KEYS))
        assert set(fill_with_distinct_points(base_url, callbacks, 3, seed=3)) == {200}
        assert len(client.keys(CACHE_KEYS)) > keys_before, "caching did not resume after Redis came back"
    finally:
        client.close()
        if app is not None:
            stop_gunicorn(app)
        stop_redis(process)
    log = log_path.read_text()
    outages = log.count("unavailable (")
    assert 1 <= outages <= 2, log[-3000:]  # one line per worker process that met the outage
    assert "Traceback" not in log and "answers again" in log
