"""The heavy lane: heavy computations take turns per worker, light ones and cache hits never wait."""

from __future__ import annotations

import inspect
import threading
import time

import pytest

from components.fairness import Busy, ComputeLanes


def slow(seconds: float, tag: str = "") -> str:
    time.sleep(seconds)
    return tag


def fast(tag: str = "") -> str:
    return tag


def test_a_function_becomes_heavy_from_its_measured_compute_time():
    lanes = ComputeLanes(heavy_ms=20)
    heavy, light = lanes.wrap(slow), lanes.wrap(fast)
    assert heavy(0.05, "a") == "a" and light("b") == "b"
    assert lanes.is_heavy(f"{__name__}.slow") and not lanes.is_heavy(f"{__name__}.fast")
    # memoize keys on these: the wrapper keeps them
    assert heavy.__name__ == "slow" and heavy.__module__ == __name__
    assert list(inspect.signature(heavy).parameters) == ["seconds", "tag"]


def test_heavy_computations_take_turns_and_light_ones_do_not_wait():
    lanes = ComputeLanes(heavy_ms=20, heavy_slots=1)
    heavy, light = lanes.wrap(slow), lanes.wrap(fast)
    heavy(0.05)  # measured once: heavy from now on
    running, peak = [0], [0]
    lock = threading.Lock()

    def counted(seconds):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(seconds)
        with lock:
            running[0] -= 1

    counted.__module__, counted.__qualname__ = __name__, "slow"  # same lane entry as `slow`
    laned = lanes.wrap(counted)
    threads = [threading.Thread(target=laned, args=(0.1,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    start = time.perf_counter()
    assert light("x") == "x"
    light_wait = time.perf_counter() - start
    for thread in threads:
        thread.join()
    assert peak[0] == 1, "two heavy computations ran at once in one lane"
    assert light_wait < 0.05, f"a light call waited {light_wait:.3f} s behind the heavy lane"


def test_a_full_heavy_lane_answers_busy_with_retry_after():
    lanes = ComputeLanes(heavy_ms=1, heavy_slots=1, wait_s=0.05)
    heavy = lanes.wrap(slow)
    heavy(0.01)
    blocker = threading.Thread(target=heavy, args=(0.3,))
    blocker.start()
    time.sleep(0.05)
    with pytest.raises(Busy) as raised:
        heavy(0.01)
    blocker.join()
    assert raised.value.code == 503 and ("Retry-After", "2") in raised.value.get_headers()


def test_the_app_answers_503_with_retry_after_when_the_heavy_lane_stays_full(tmp_path, monkeypatch):
    import json

    from app import create_app
    from components import fairness
    from components.settings import Settings
    from devtools.dash_client import UPDATE_PATH, discover

    client = create_app(Settings(cache_dir=str(tmp_path / "cache"), warm_up=False)).server.test_client()
    callbacks = discover(client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json())
    spectra = next(cb for cb in callbacks if cb.figure_outputs and cb.figure_outputs[0].startswith("spectra"))
    monkeypatch.setattr(fairness.lanes, "wait_s", 0.01)
    monkeypatch.setitem(fairness.lanes._mean_ms, "components.spectra_panel.spectrum_curves", 1e6)
    assert fairness.lanes._heavy.acquire(timeout=5)  # someone else's heavy computation holds the lane
    try:
        response = client.post(UPDATE_PATH, data=json.dumps(spectra.body()), content_type="application/json")
    finally:
        fairness.lanes._heavy.release()
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"
    assert "busy with heavy computations" in response.get_json()["error"]["message"]
    again = client.post(UPDATE_PATH, data=json.dumps(spectra.body()), content_type="application/json")
    assert again.status_code == 200


def test_simultaneous_requests_for_the_same_value_share_one_computation():
    lanes = ComputeLanes(heavy_ms=1e9)
    calls = []

    def compute(x: float) -> dict:
        calls.append(x)
        time.sleep(0.2)
        return {"x": [x]}

    shared = lanes.wrap(compute)
    results = []
    threads = [threading.Thread(target=lambda: results.append(shared(1.0))) for _ in range(8)]
    threads += [threading.Thread(target=lambda: results.append(shared(2.0)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(calls) == [1.0, 2.0]
    assert sorted(r["x"][0] for r in results) == [1.0] * 8 + [2.0]
    ones = [r for r in results if r["x"] == [1.0]]
    assert len({id(r) for r in ones}) == len(ones)  # each caller its own copy
    assert shared(1.0) == {"x": [1.0]} and calls.count(1.0) == 2  # not cached here: that is the cache's job
