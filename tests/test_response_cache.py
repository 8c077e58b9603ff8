"""The per-worker answer cache of identical callback requests (components/response_cache.py).

What must hold: a repeated body gets the very bytes computed the first time, in the encoding the
client accepts; only successful JSON answers are kept; the rate limit and the request checks still
apply to repeats; memory stays within its bound with least-recently-used eviction.
"""

from __future__ import annotations

import gzip
import json

import brotli
from hypothesis import given, settings
from hypothesis import strategies as st

from components.response_cache import ResponseCache
from components.settings import Settings
from devtools.dash_client import UPDATE_PATH, discover


def client_and_bodies(tmp_path, **overrides):
    from app import create_app

    server = create_app(Settings(cache_dir=str(tmp_path / "cache"), warm_up=False, **overrides)).server
    client = server.test_client()
    callbacks = discover(client.get("/_dash-dependencies").get_json(), client.get("/_dash-layout").get_json())
    figure_callback = next(cb for cb in callbacks if cb.figure_outputs)
    return server, client, json.dumps(figure_callback.body())


def post(client, body: str, encoding: str = "identity"):
    return client.post(
        UPDATE_PATH, data=body, content_type="application/json", headers={"Accept-Encoding": encoding}
    )


def test_a_repeated_callback_gets_the_first_answer_in_every_encoding(tmp_path):
    server, client, body = client_and_bodies(tmp_path)
    answers = server.extensions["response_cache"]
    first = post(client, body)
    assert first.status_code == 200 and len(answers) == 1
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress), ("identity", bytes)):
        again = post(client, body, encoding)
        assert again.status_code == 200
        assert again.headers.get("Content-Encoding", "identity") == encoding
        assert decode(again.get_data()) == first.get_data()
        assert "Content-Security-Policy" in again.headers and "Accept-Encoding" in again.headers["Vary"]
    assert len(answers) == 1  # one body, one entry (its encodings inside it)


def test_a_different_body_is_computed_not_served_from_memory(tmp_path):
    server, client, body = client_and_bodies(tmp_path)
    first = post(client, body)
    moved = json.loads(body)
    slider = next(i for i in moved["inputs"] if isinstance(i.get("value"), int | float))
    slider["value"] = slider["value"] * 0.9 + 0.01
    second = post(client, json.dumps(moved))
    assert second.status_code == 200 and second.get_data() != first.get_data()
    assert len(server.extensions["response_cache"]) == 2


def test_errors_are_not_kept_and_checks_still_run_on_repeats(tmp_path):
    server, client, body = client_and_bodies(tmp_path, rate_limit="4/minute")
    answers = server.extensions["response_cache"]
    assert post(client, '{"output": 1}').status_code == 400  # malformed: refused, not stored
    assert len(answers) == 0
    assert [post(client, body).status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert len(answers) == 1


def test_turned_off_with_zero(tmp_path):
    server, _, _ = client_and_bodies(tmp_path, response_cache_mb=0)
    assert "response_cache" not in server.extensions


def test_least_recently_used_answer_goes_first():
    answers = ResponseCache(max_bytes=4000)
    for k in range(3):
        answers.put(bytes([k]), b"x" * 1000)
    assert answers.get(bytes([0]), "identity") is not None  # 0 is now the most recent
    answers.put(bytes([3]), b"y" * 1000)
    answers.put(bytes([4]), b"z" * 1000)  # over 4000: the least recent (1) goes
    assert answers.get(bytes([1]), "identity") is None
    assert all(answers.get(bytes([k]), "identity") is not None for k in (0, 3, 4))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.binary(min_size=0, max_size=3000), st.sampled_from(["br", "gzip"])),
        max_size=40,
    )
)
def test_memory_stays_within_its_bound_and_answers_round_trip(operations):
    """Invariant: the bytes held never exceed the bound, and any answer returned decodes to what was put."""
    answers, latest = ResponseCache(max_bytes=8000), {}
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}
    for key, data, encoding in operations:
        answers.put(bytes([key]), data)
        if len(data) <= 8000 // 4:
            latest[key] = data
        encoded = answers.get(bytes([key]), encoding)
        if encoded is not None:
            assert decode[encoding](encoded) == latest[key]
        assert answers.size_bytes <= answers.max_bytes
