"""Identical callback requests answered from memory: an HTTP micro-cache per worker.

A lecture puts 200 students on the same page at the same moment, and every
first visit fires the same callback requests, byte for byte (Dash's request
body holds the outputs, inputs and state, nothing about the client). Every
callback here is a pure function of that body (no clock, no session, no
randomness), so the answer to a body seen before is the answer given then.
This layer keeps those answers, and their brotli/gzip encodings made on
demand, in a byte-bounded LRU in each worker's memory, and answers from it
before Dash is reached: no JSON decoding, no figure cache lookup, no figure
building, no re-serialisation, no recompression (the same idea as nginx's
``proxy_cache`` micro-caching, inside the app because Dash callbacks are
POSTs). Only 200 JSON answers are kept; the rate limit and the request
checks run first, since their ``before_request`` hooks are registered
earlier (:func:`apply_response_cache` is called last in ``create_app``).
The figure cache (:mod:`components.cache`) stays the shared, persistent
layer; this one only removes the per-request work on top of it.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from hashlib import blake2b

import brotli
from flask import Flask, Response, g, request

from components.security import UPDATE_SUFFIX

ENCODERS = {
    "br": lambda data: brotli.compress(data, quality=4),
    "gzip": lambda data: gzip.compress(data, compresslevel=6),
}


class ResponseCache:
    """A thread-safe LRU of answer bodies (``{encoding: bytes}``), bounded by their total size in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[bytes, dict[str, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        return self._size

    def get(self, key: bytes, encoding: str) -> bytes | None:
        """The answer in ``encoding`` ("identity", "br", "gzip"), encoding it once if needed."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            if encoding in entry:
                return entry[encoding]
            identity = entry["identity"]
        encoded = ENCODERS[encoding](identity)  # outside the lock: another thread may do it too, harmless
        with self._lock:
            if key in self._entries and encoding not in self._entries[key]:
                self._entries[key][encoding] = encoded
                self._size += len(encoded)
                self._evict()
        return encoded

    def put(self, key: bytes, identity: bytes) -> None:
        if len(identity) > self.max_bytes // 4:  # a single huge answer would flush everything else
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= sum(map(len, old.values()))
            self._entries[key] = {"identity": identity}
            self._size += len(identity)
            self._evict()

    def _evict(self) -> None:
        while self._size > self.max_bytes and self._entries:
            _, entry = self._entries.popitem(last=False)
            self._size -= sum(map(len, entry.values()))


def preferred_encoding() -> str:
    """The encoding to answer in: brotli, then gzip, if the client accepts it (as Flask-Compress picks)."""
    accepted = request.accept_encodings
    for encoding in ENCODERS:
        if accepted[encoding] > 0:
            return encoding
    return "identity"


def apply_response_cache(server: Flask, max_bytes: int) -> ResponseCache | None:
    """Answer repeated callback requests from a per-worker LRU of ``max_bytes`` (0: off)."""
    if max_bytes <= 0:
        return None
    answers = ResponseCache(max_bytes)
    server.extensions["response_cache"] = answers

    @server.before_request
    def _answer_from_memory():
        if request.method != "POST" or not request.path.endswith(UPDATE_SUFFIX):
            return None
        key = blake2b(request.full_path.encode() + b"\0" + request.get_data(), digest_size=16).digest()
        encoding = preferred_encoding()
        data = answers.get(key, encoding)
        if data is None:
            g.response_key = key
            return None
        response = Response(data, mimetype="application/json")
        response.vary.add("Accept-Encoding")
        if encoding != "identity":
            response.headers["Content-Encoding"] = encoding  # Flask-Compress leaves an encoded answer alone
        return response

    @server.after_request  # registered last, so it runs first: it sees the answer before compression
    def _remember(response):
        key = g.pop("response_key", None)
        if (
            key is not None
            and response.status_code == 200
            and response.mimetype == "application/json"
            and not response.direct_passthrough
            and "Content-Encoding" not in response.headers
            and "Set-Cookie" not in response.headers
        ):
            answers.put(key, response.get_data())
        return response

    return answers
