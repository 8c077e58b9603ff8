"""The figure cache: bounded with O(1) eviction, JSON only, integrity-checked, private, outage-proof.

Unit tests of :mod:`components.cache_backends`, and the same properties end to
end through the app (Flask test client, the real panel callbacks): a
corrupted, swapped or pickled entry is recomputed, never served or executed.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import socket
import sqlite3
import statistics
import time
from pathlib import Path

import diskcache
import numpy as np
import pytest

from components.cache_backends import (
    CorruptEntry,
    DiskLRUCache,
    PrivateDirectoryError,
    ResilientRedisCache,
    decode_entry,
    encode_entry,
)
from components.settings import Settings
from devtools.dash_client import UPDATE_PATH, discover

ENTRY_BYTES = 2000


class Planted:
    """A pickle that, when loaded, leaves a file behind (what an attacker's payload would do)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def rows(directory) -> list[tuple]:
    with sqlite3.connect(os.path.join(directory, "cache.db")) as con:
        return con.execute("SELECT rowid, key, mode, value FROM Cache ORDER BY rowid").fetchall()


def rewrite(directory, updates: dict[int, bytes]) -> None:
    with sqlite3.connect(os.path.join(directory, "cache.db")) as con:
        for rowid, value in updates.items():
            con.execute("UPDATE Cache SET value = ? WHERE rowid = ?", (value, rowid))


# --------------------------------------------------------------------------- envelope


def test_envelope_round_trips_figures_arrays_and_non_finite_numbers():
    value = {
        "data": [{"x": np.linspace(0, 1, 5), "z": np.arange(6, dtype=np.int32).reshape(2, 3)}],
        "reach": [[1e-38, float("inf")]],
        "tc": {"Tc_K": float("nan"), "notes": "é"},
        "n": np.int64(3),
    }
    back = decode_entry("k", encode_entry("k", value))
    assert np.array_equal(back["data"][0]["x"], value["data"][0]["x"])
    assert back["data"][0]["z"].dtype == np.int32 and back["data"][0]["z"].shape == (2, 3)
    assert back["reach"] == [[1e-38, float("inf")]] and np.isnan(back["tc"]["Tc_K"]) and back["n"] == 3
    with pytest.raises(TypeError):
        encode_entry("k", {"f": object()})


@pytest.mark.parametrize("damage", ["flip", "truncate", "other key", "pickle", "secret"])
def test_damaged_envelopes_are_refused(damage):
    blob = encode_entry("key-a", {"y": [1.0, 2.0]}, b"s3cret")
    if damage == "flip":
        blob = blob[:-3] + bytes([blob[-3] ^ 0x01]) + blob[-2:]
        key, secret = "key-a", b"s3cret"
    elif damage == "truncate":
        key, secret, blob = "key-a", b"s3cret", blob[:-5]
    elif damage == "other key":
        key, secret = "key-b", b"s3cret"
    elif damage == "pickle":
        key, secret, blob = "key-a", b"s3cret", pickle.dumps({"y": [1.0, 2.0]})
    else:
        key, secret = "key-a", b"other"
    with pytest.raises(CorruptEntry):
        decode_entry(key, blob, secret)


# --------------------------------------------------------------------------- disk LRU


def make_disk_cache(directory, entries: int) -> DiskLRUCache:
    """A cache whose size bound holds about ``entries`` values of ENTRY_BYTES."""
    return DiskLRUCache(str(directory), size_limit_bytes=entries * (ENTRY_BYTES + 300), default_timeout=0)


def vm_steps(cache: DiskLRUCache, action) -> int:
    """SQLite virtual-machine instructions executed by ``action()`` (a deterministic cost)."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    con = cache._store._con
    con.set_progress_handler(count, 10)
    try:
        action()
    finally:
        con.set_progress_handler(None, 10)
    return steps[0] * 10


def test_eviction_cost_is_flat_from_100_to_10000_entries(tmp_path):
    """Writes into a full cache cost the same work at 100 and at 10,000 entries, and the bound holds.

    The cost is counted in SQLite VM instructions (deterministic); wall-clock
    medians are printed for the record. The old FileSystemCache scanned its
    whole directory on every write once full (issue 12: 30-600x slower).
    """
    payload = {"y": "x" * (ENTRY_BYTES - 20)}
    steps, wall, counts = {}, {}, {}
    for entries in (100, 10_000):
        cache = make_disk_cache(tmp_path / str(entries), entries)
        for i in range(int(entries * 1.3)):  # well past the bound: every write now evicts
            cache.set(f"fill-{i}", payload)
        per_write, times = [], []
        for i in range(200):
            start = time.perf_counter()
            per_write.append(vm_steps(cache, lambda i=i, c=cache: c.set(f"new-{i}", payload)))
            times.append(time.perf_counter() - start)
            assert cache.get(f"new-{i}") == payload
        steps[entries], wall[entries] = statistics.median(per_write), statistics.median(times) * 1e3
        counts[entries] = len(cache._store)
        assert counts[entries] <= entries * 1.1, f"the size bound did not hold at {entries} entries"
        cache._store.close()
    print(f"\nVM steps per write when full: {steps}; median ms: {wall}; entries kept: {counts}")
    assert counts[10_000] > 50 * counts[100] / 2
    assert steps[10_000] <= 2 * steps[100], steps


def test_least_recently_used_entries_go_first(tmp_path):
    cache = make_disk_cache(tmp_path, 50)
    payload = {"y": "x" * (ENTRY_BYTES - 20)}
    cache.set("hot", payload)
    for i in range(200):
        cache.set(f"cold-{i}", payload)
        assert cache.get("hot") == payload  # read often: never evicted
    assert cache.get("cold-0") is None and cache.get("cold-199") == payload


def test_corrupted_and_swapped_entries_are_misses(tmp_path, caplog):
    cache = make_disk_cache(tmp_path, 100)
    cache.set("a", {"figure": [1.0, 2.0]})
    cache.set("b", {"figure": [3.0, 4.0]})
    cache.set("c", {"figure": [5.0, 6.0]})
    (ra, _, _, va), (rb, _, _, vb), (rc, _, _, vc) = rows(tmp_path)
    flipped = bytearray(vc)
    flipped[-4] ^= 0x10
    rewrite(tmp_path, {ra: vb, rb: va, rc: bytes(flipped)})
    with caplog.at_level(logging.WARNING, "components.cache_backends"):
        assert cache.get("a") is None and cache.get("b") is None and cache.get("c") is None
    assert sum("integrity check" in r.message for r in caplog.records) == 3
    assert rows(tmp_path) == []  # damaged rows are dropped, then rewritten by the next computation
    cache.set("a", {"figure": [1.0, 2.0]})
    assert cache.get("a") == {"figure": [1.0, 2.0]}


def test_planted_pickles_are_never_loaded(tmp_path):
    marker = tmp_path / "executed"
    directory = tmp_path / "cache"
    cache = make_disk_cache(directory, 100)
    # diskcache's default Disk pickles objects: a row planted that way, a pickled key, a value file
    planter = diskcache.Cache(str(directory), disk_min_file_size=1 << 24)
    planter.set("figure-key", Planted(str(marker)))
    planter.set(("tuple", "key"), "x")
    planter.close()
    big = diskcache.Cache(str(directory), disk_min_file_size=0)
    big.set("file-key", Planted(str(marker)))
    big.close()
    # and the old FileSystemCache's format, a pickle file in the directory
    (directory / "0123456789abcdef").write_bytes(b"\0\0\0\0" + pickle.dumps(Planted(str(marker))))
    assert cache.get("figure-key") is None and cache.get("file-key") is None
    assert not marker.exists()
    cache.set("figure-key", {"ok": 1})
    assert cache.get("figure-key") == {"ok": 1}


def test_cache_directory_is_private(tmp_path):
    fresh = tmp_path / "fresh" / "cache"
    make_disk_cache(fresh, 10)
    assert (os.stat(fresh).st_mode & 0o777) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    os.chmod(loose, 0o777)
    make_disk_cache(loose, 10)
    assert (os.stat(loose).st_mode & 0o777) == 0o700
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(PrivateDirectoryError, match="not a directory"):
        make_disk_cache(tmp_path / "link", 10)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to create a directory owned by another user")
def test_a_cache_directory_owned_by_someone_else_is_refused(tmp_path):
    from app import create_app

    foreign = tmp_path / "foreign"
    foreign.mkdir(mode=0o700)
    os.chown(foreign, 65534, 65534)
    with pytest.raises(PrivateDirectoryError, match="belongs to uid 65534"):
        create_app(Settings(cache_dir=str(foreign), warm_up=False))


def test_default_cache_directory_is_per_user_not_a_shared_temp_path(monkeypatch, tmp_path):
    from components.settings import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == str(tmp_path / "migdal-explorer")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir().startswith(os.path.expanduser("~"))


# --------------------------------------------------------------------------- Redis outage (no server)


def test_unreachable_redis_is_a_fast_miss_with_one_log_line(caplog):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with caplog.at_level(logging.INFO, "components.cache_backends"):
        cache = ResilientRedisCache(f"redis://127.0.0.1:{port}/0")
        start = time.perf_counter()
        for i in range(200):
            assert cache.get(f"k{i}") is None
            assert cache.set(f"k{i}", {"v": i}) is False
        elapsed = time.perf_counter() - start
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "unavailable" in warnings[0].message, [r.message for r in warnings]
    assert not any(r.exc_info for r in caplog.records)
    assert elapsed < 2.0  # one refused connection, then the circuit is open


# --------------------------------------------------------------------------- end to end (the app)


@pytest.fixture
def app_and_cache(tmp_path):
    from app import create_app

    directory = tmp_path / "cache"
    app = create_app(Settings(cache_dir=str(directory), warm_up=False))
    client = app.server.test_client()
    callbacks = [
        cb
        for cb in discover(
            client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json()
        )
        if cb.figure_outputs
    ]
    return client, callbacks, directory


def answers(client, callbacks) -> list:
    out = []
    for callback in callbacks:
        response = client.post(UPDATE_PATH, data=json.dumps(callback.body()), content_type="application/json")
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        out.append(response.get_json())
    return out


def test_app_recomputes_corrupted_swapped_and_pickled_entries(app_and_cache, tmp_path):
    client, callbacks, directory = app_and_cache
    expected = answers(client, callbacks)
    stored = rows(directory)
    figures = [r for r in stored if len(r[3]) > 1000]
    assert len(figures) >= 4, "the panels cached their figures"

    # a flipped bit in every entry
    damaged = {}
    for rowid, _, _, value in stored:
        value = bytearray(value)
        value[len(value) // 2] ^= 0x04
        damaged[rowid] = bytes(value)
    rewrite(directory, damaged)
    assert answers(client, callbacks) == expected

    # entries swapped pairwise (each a valid envelope, of another key)
    stored = rows(directory)
    swapped = {a[0]: b[3] for a, b in zip(stored, stored[1:] + stored[:1])}
    rewrite(directory, swapped)
    assert answers(client, callbacks) == expected

    # every entry replaced by a pickle that would leave a marker file when loaded
    marker = tmp_path / "executed"
    planter = diskcache.Cache(str(directory))
    for _, key, _, _ in rows(directory):
        planter.set(key, Planted(str(marker)))
    planter.close()
    assert answers(client, callbacks) == expected
    assert not marker.exists()
    assert answers(client, callbacks) == expected  # and the recomputed entries are served again


def test_results_of_other_code_are_never_served(tmp_path, monkeypatch):
    """An upgrade changes the sources: a kept cache (a shared Redis, a cache directory) then holds results
    of the old code, perhaps of another shape (a new key in a curve's dict). The key holds the sources'
    hash, so those are misses, and the old code's entries are served again only to the old code."""
    from flask import Flask

    from components import cache as shared

    server = Flask(__name__)
    shared.init_cache(server, Settings(cache_dir=str(tmp_path / "cache"), warm_up=False))
    calls = []

    def curve(x: float) -> dict:
        calls.append(x)
        return {"x": x, "version": len(calls)}

    memoized = shared.memoize(curve)
    with server.app_context():
        first = memoized(1.5)
        assert memoized(1.5) == first and len(calls) == 1
        monkeypatch.setattr(shared, "CODE_STAMP", "another-version-of-the-code")
        assert memoized(1.5) == {"x": 1.5, "version": 2}
        monkeypatch.undo()
        assert memoized(1.5) == first and len(calls) == 2
    assert len(shared.CODE_STAMP) == 20 and shared.CODE_STAMP == shared.source_stamp(
        Path(shared.migdal_core.__file__).resolve().parent, Path(shared.__file__).resolve().parent
    )
