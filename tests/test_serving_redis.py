"""With REDIS_URL set, two separate app processes share one figure cache.

A real ``redis-server`` (loopback, free port, no persistence) and two
gunicorn apps pointing at it, each with its own file-system ``CACHE_DIR`` so
nothing else is shared. For every callback that outputs a figure: app A
computes it for new slider values (new keys appear in Redis); then app B gets
the same request and

- issues no write command to Redis at all (``INFO commandstats``): it found
  everything it needed in the cache;
- returns what is stored there: the test first rewrites each cached figure
  A stored (a marker in ``layout.meta``), and B's answer carries the marker,
  which only the cache can have put there.
"""

from __future__ import annotations

import json
import pickle
import random
import shutil
import subprocess
import time
import uuid

import httpx
import pytest

from devtools.dash_client import (
    UPDATE_PATH, discover_live, free_port, launch_gunicorn, snap, stop_gunicorn, wait_healthy,
)

REDIS_SERVER = shutil.which("redis-server")
WRITE_COMMANDS = ("set", "setex", "psetex", "setnx", "mset", "msetnx", "getset", "hset", "incr", "incrby",
                  "expire", "pexpire", "del", "unlink")

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server binary missing (`make test` installs it: apt-get install redis-server)")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    redis = pytest.importorskip("redis")
    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(directory), "--protected-mode", "yes"],
        stdout=open(directory / "redis.log", "w"), stderr=subprocess.STDOUT)
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"redis-server did not start: {(directory / 'redis.log').read_text()}")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    client.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def redis_client(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture(scope="module")
def two_apps(redis_url, tmp_path_factory):
    launched = [launch_gunicorn(tmp_path_factory.mktemp(name), {"REDIS_URL": redis_url}, workers=1)
                for name in ("app_a", "app_b")]
    try:
        for process, base_url, log_path in launched:
            wait_healthy(process, base_url, log_path)
        yield [base_url for _, base_url, _ in launched]
    finally:
        for process, _, _ in launched:
            stop_gunicorn(process)


def writes(redis_client) -> int:
    stats = redis_client.info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in WRITE_COMMANDS)


def poison_figures(redis_client, keys: set[bytes], marker: str) -> int:
    """Put ``marker`` into every cached plotly figure among ``keys`` (flask-caching's ``!pickle`` format)."""
    poisoned = 0
    for key in keys:
        raw = redis_client.get(key)
        if not raw or not raw.startswith(b"!"):
            continue
        value = pickle.loads(raw[1:])
        if isinstance(value, dict) and isinstance(value.get("layout"), dict) and "data" in value:
            value["layout"]["meta"] = {"cache_probe": marker}
            ttl_ms = redis_client.pttl(key)
            redis_client.set(key, b"!" + pickle.dumps(value), px=ttl_ms if ttl_ms > 0 else None)
            poisoned += 1
    return poisoned


def post(base_url: str, body: dict) -> httpx.Response:
    return httpx.post(base_url + UPDATE_PATH, content=json.dumps(body),
                      headers={"Content-Type": "application/json"}, timeout=60)


def test_a_figure_computed_by_one_process_is_served_from_redis_by_the_other(two_apps, redis_client):
    app_a, app_b = two_apps
    callbacks = [cb for cb in discover_live(app_a) if cb.figure_outputs]
    assert callbacks, "no callback outputs a figure"
    rng = random.Random(66)
    poisoned_total = 0
    for callback in callbacks:
        values = list(callback.values)
        for index, (low, high, step) in callback.sliders.items():
            values[index] = snap(rng.uniform(low, high), low, high, step)
        body = callback.body(values)

        keys_before = set(redis_client.keys("*"))
        answer_a = post(app_a, body)
        assert answer_a.status_code == 200, answer_a.text[:300]
        new_keys = set(redis_client.keys("*")) - keys_before
        assert new_keys, f"{callback.name}: app A stored nothing in Redis"

        marker = uuid.uuid4().hex
        poisoned = poison_figures(redis_client, new_keys, marker)
        poisoned_total += poisoned
        writes_before, hits_before = writes(redis_client), redis_client.info("stats")["keyspace_hits"]

        answer_b = post(app_b, body)
        assert answer_b.status_code == 200, answer_b.text[:300]
        assert writes(redis_client) == writes_before, f"{callback.name}: app B wrote to Redis (a cache miss)"
        assert redis_client.info("stats")["keyspace_hits"] > hits_before
        if poisoned:
            assert marker in answer_b.text and marker not in answer_a.text, callback.name
        else:
            assert answer_b.json() == answer_a.json(), callback.name
    assert poisoned_total >= 1, "no cached value was a whole figure: the marker proof never ran"
