"""flask-caching backends that stay O(1), cannot run code and never serve a damaged entry.

Both backends store every value as an *envelope*: a digest of (key, JSON
payload) followed by the JSON payload (:func:`encode_entry`). The memoized
panel functions return plain dicts and lists of numbers (numpy arrays are
written as lists; ``inf``/``nan`` survive as JSON's ``Infinity``/``NaN``
tokens), so nothing is ever unpickled. On read the digest is recomputed: a
flipped bit, a truncated row or a value copied from another key (two
entries swapped) fails the check and is a miss (recomputed and rewritten),
never served. The digest is BLAKE2b, keyed with ``CACHE_SECRET`` when set
(then also a MAC against a writer who knows the format but not the secret).

- :class:`DiskLRUCache` (the embedded default, ``CACHE_TYPE =
  "components.cache_backends.DiskLRUCache"``): `diskcache`_ (SQLite, WAL,
  shared safely by every worker process of a host), bounded by bytes
  (``CACHE_SIZE_MB``), least-recently-used eviction of at most 10 rows per
  write through an index (O(log n), no directory scan), in a private
  directory (:func:`private_directory`). Its ``Disk`` refuses pickles both
  ways (:class:`JSONOnlyDisk`).
- :class:`ResilientRedisCache` (``REDIS_URL``): redis-py with short connect
  and socket timeouts and no retries; the first failure opens a circuit for
  :data:`OUTAGE_COOLDOWN_S` during which the cache is skipped (figures are
  computed), one warning per outage and one line when Redis answers again.
  Size is bounded by Redis itself: run it with ``maxmemory`` and
  ``maxmemory-policy allkeys-lru`` (``docker-compose.yml`` does); the app
  logs a warning at start when the server it talks to does not evict.

Every backend method swallows storage errors (a miss, a skipped write):
flask-caching's ``memoize`` would otherwise log a traceback per request.

.. _diskcache: https://grantjenks.com/docs/diskcache/
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import sqlite3
import stat
import threading
import time
from typing import Any

import diskcache
import numpy as np
from flask_caching.backends.base import BaseCache

logger = logging.getLogger(__name__)

MAGIC = b"mx1"
DIGEST_BYTES = 32
OUTAGE_COOLDOWN_S = 5.0
REDIS_CONNECT_TIMEOUT_S = 0.25
REDIS_SOCKET_TIMEOUT_S = 0.5
KEY_PREFIX = "migdal-explorer:"


class CorruptEntry(ValueError):
    """A stored value whose envelope or digest does not match its key."""


class PrivateDirectoryError(RuntimeError):
    """The cache directory is not private to this user."""


# --------------------------------------------------------------------------- envelope

ARRAY_TAG = "__ndarray__"
ARRAY_KINDS = "biuf"  # numeric dtypes only


def _json_default(value: Any) -> Any:
    """numpy arrays as base64 of their bytes (exact, NaN-safe, and read back in one call)."""
    if isinstance(value, np.ndarray) and value.dtype.kind in ARRAY_KINDS:
        array = np.ascontiguousarray(value)
        return {
            ARRAY_TAG: base64.b64encode(array.tobytes()).decode("ascii"),
            "dtype": array.dtype.str,
            "shape": list(array.shape),
        }
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _json_object(obj: dict) -> Any:
    """Arrays come back as arrays: plotly serialises those in one call, lists element by element."""
    if ARRAY_TAG in obj and len(obj) == 3:
        dtype = np.dtype(obj["dtype"])
        if dtype.kind not in ARRAY_KINDS:
            raise CorruptEntry(f"array of dtype {dtype}")
        return np.frombuffer(base64.b64decode(obj[ARRAY_TAG]), dtype=dtype).reshape(obj["shape"]).copy()
    return obj


def _digest(key: str, payload: bytes, secret: bytes) -> bytes:
    hasher = hashlib.blake2b(digest_size=DIGEST_BYTES, key=secret[:64])
    hasher.update(key.encode("utf-8", "surrogatepass"))
    hasher.update(b"\0")
    hasher.update(payload)
    return hasher.digest()


def encode_entry(key: str, value: Any, secret: bytes = b"") -> bytes:
    """``MAGIC + digest(key, payload) + payload`` with ``payload`` the JSON of ``value``."""
    payload = json.dumps(value, separators=(",", ":"), allow_nan=True, default=_json_default).encode()
    return MAGIC + _digest(key, payload, secret) + payload


def decode_entry(key: str, blob: bytes, secret: bytes = b"") -> Any:
    """The value stored by :func:`encode_entry` under ``key``; :class:`CorruptEntry` otherwise."""
    if not isinstance(blob, (bytes, bytearray, memoryview)):
        raise CorruptEntry(f"not an envelope ({type(blob).__name__})")
    blob = bytes(blob)
    header = len(MAGIC) + DIGEST_BYTES
    if len(blob) < header or not blob.startswith(MAGIC):
        raise CorruptEntry("no envelope header")
    payload = blob[header:]
    if not hmac.compare_digest(blob[len(MAGIC) : header], _digest(key, payload, secret)):
        raise CorruptEntry("digest mismatch")
    try:
        return json.loads(payload, object_hook=_json_object)
    except (ValueError, TypeError) as error:  # only if the digest was forged
        raise CorruptEntry("payload is not the JSON of a value") from error


# --------------------------------------------------------------------------- outages


class Outage:
    """Circuit breaker: after a failure, skip the store for ``cooldown_s``; log once per outage."""

    def __init__(self, what: str, cooldown_s: float = OUTAGE_COOLDOWN_S) -> None:
        self.what = what
        self.cooldown_s = cooldown_s
        self._down_until = 0.0
        self._down = False
        self._probing = False
        self._lock = threading.Lock()

    def allow(self) -> bool:
        """True when the store may be used now (up, or one thread probing after the cooldown)."""
        if not self._down:
            return True
        with self._lock:
            if self._probing or time.monotonic() < self._down_until:
                return False
            self._probing = True
            return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._probing = False
            self._down_until = time.monotonic() + self.cooldown_s
            if not self._down:
                self._down = True
                logger.warning(
                    "%s unavailable (%s: %s): computing without the cache until it answers again",
                    self.what,
                    type(error).__name__,
                    error,
                )

    def succeeded(self) -> None:
        if self._down:
            with self._lock:
                if self._down:
                    logger.warning("%s answers again: caching resumed", self.what)
                self._down = False
                self._probing = False


def _report_corrupt(key: str, error: CorruptEntry) -> None:
    logger.warning("cache entry %r failed its integrity check (%s): recomputed", key[:120], error)


# --------------------------------------------------------------------------- private directory


def private_directory(path: str) -> str:
    """Create ``path`` (mode 0700) or check it: a real directory owned by this user, then 0700.

    Refuses (:class:`PrivateDirectoryError`) a symlink, a non-directory or a
    directory owned by another user: whoever owns the cache decides what the
    app serves.
    """
    path = os.path.abspath(path)
    os.makedirs(path, mode=0o700, exist_ok=True)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise PrivateDirectoryError(f"CACHE_DIR {path} is not a directory: refusing to use it")
    if info.st_uid != os.geteuid():
        raise PrivateDirectoryError(
            f"CACHE_DIR {path} belongs to uid {info.st_uid}, not to this user "
            f"(uid {os.geteuid()}): refusing to use it"
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


# --------------------------------------------------------------------------- embedded: SQLite LRU


class JSONOnlyDisk(diskcache.Disk):
    """diskcache ``Disk`` that stores only bytes (our envelopes) and reads back only raw rows.

    diskcache pickles keys and values that are not str/bytes/numbers and
    unpickles rows marked so; a row planted with a pickle (or a value file)
    is refused here instead (:class:`CorruptEntry`, i.e. a miss).
    """

    def put(self, key):
        if not isinstance(key, str):
            raise TypeError("cache keys are strings")
        return super().put(key)

    def get(self, key, raw):
        if not raw:
            raise CorruptEntry("pickled key")
        return super().get(key, raw)

    def store(self, value, read, key=diskcache.core.UNKNOWN):
        if not isinstance(value, bytes) or read:
            raise TypeError("cache values are envelopes (bytes)")
        return super().store(value, read, key)

    def fetch(self, mode, filename, value, read):
        if mode != diskcache.core.MODE_RAW or read:
            raise CorruptEntry(f"row of mode {mode} (only raw envelopes are read)")
        return super().fetch(mode, filename, value, read)


class DiskLRUCache(BaseCache):
    """Size-bounded SQLite LRU (diskcache) of integrity-checked JSON envelopes."""

    def __init__(
        self,
        directory: str,
        size_limit_bytes: int,
        default_timeout: int = 300,
        secret: bytes = b"",
        **_ignored: Any,
    ) -> None:
        super().__init__(default_timeout=default_timeout)
        self.directory = private_directory(directory)
        self.secret = secret
        self._outage = Outage(f"cache database {self.directory}")
        self._store = diskcache.Cache(
            self.directory,
            size_limit=size_limit_bytes,
            eviction_policy="least-recently-used",
            cull_limit=10,
            disk=JSONOnlyDisk,
            disk_min_file_size=1 << 24,
            timeout=1.0,
            statistics=0,
        )
        # The master opens the database here, then forks the workers: close it so no SQLite
        # connection crosses a fork (each process reopens its own on first use).
        self._store.close()

    @classmethod
    def factory(cls, app, config, args, kwargs):
        kwargs.update(
            directory=config["CACHE_DIR"],
            size_limit_bytes=int(config["CACHE_SIZE_BYTES"]),
            secret=config.get("CACHE_SECRET", b""),
        )
        return cls(*args, **kwargs)

    def _expire(self, timeout: int | None) -> float | None:
        timeout = self._normalize_timeout(timeout)
        return None if timeout == 0 else float(timeout)

    def _call(self, default: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        if not self._outage.allow():
            return default
        try:
            result = getattr(self._store, method)(*args, **kwargs)
        except diskcache.Timeout:  # another process holds the write lock for > 1 s: skip, not an outage
            return default
        except (sqlite3.Error, OSError) as error:
            self._outage.failed(error)
            return default
        self._outage.succeeded()
        return result

    def get(self, key: str) -> Any:
        try:
            blob = self._call(None, "get", key)
        except CorruptEntry as error:
            _report_corrupt(key, error)
            self._call(False, "delete", key)
            return None
        if blob is None:
            return None
        try:
            return decode_entry(key, blob, self.secret)
        except CorruptEntry as error:
            _report_corrupt(key, error)
            self._call(False, "delete", key)
            return None

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        try:
            blob = encode_entry(key, value, self.secret)
        except (TypeError, ValueError) as error:
            logger.error("not caching %r: %s", key[:120], error)
            return False
        return bool(self._call(False, "set", key, blob, expire=self._expire(timeout)))

    def add(self, key: str, value: Any, timeout: int | None = None) -> bool:
        try:
            blob = encode_entry(key, value, self.secret)
        except (TypeError, ValueError):
            return False
        return bool(self._call(False, "add", key, blob, expire=self._expire(timeout)))

    def delete(self, key: str) -> bool:
        return bool(self._call(False, "delete", key))

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def clear(self) -> bool:
        self._call(0, "clear")
        return True


# --------------------------------------------------------------------------- Redis


def redis_client(url: str):
    """redis-py client with short timeouts and no retries (a hung Redis costs one timeout)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        url,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
        socket_timeout=REDIS_SOCKET_TIMEOUT_S,
        retry=Retry(NoBackoff(), 0),
        retry_on_timeout=False,
        health_check_interval=0,
    )


def check_redis_eviction(client) -> None:
    """Warn when the Redis server would grow without bound (no maxmemory / no allkeys policy)."""
    import redis

    try:
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy", "")
        maxmemory = int(client.config_get("maxmemory").get("maxmemory", 0))
    except redis.RedisError as error:  # CONFIG may be disabled (managed Redis), or Redis is down
        logger.info(
            "could not read the Redis eviction settings (%s): make sure it runs with maxmemory "
            "and maxmemory-policy allkeys-lru",
            error,
        )
        return
    if maxmemory == 0 or not str(policy).startswith("allkeys-"):
        logger.warning(
            "Redis runs with maxmemory=%s, maxmemory-policy=%s: the figure cache will grow "
            "until Redis refuses writes; run it with --maxmemory <size> --maxmemory-policy "
            "allkeys-lru",
            maxmemory,
            policy,
        )


class ResilientRedisCache(BaseCache):
    """Redis cache of integrity-checked JSON envelopes that degrades to computing when Redis hangs."""

    def __init__(
        self,
        url: str,
        default_timeout: int = 300,
        secret: bytes = b"",
        key_prefix: str = KEY_PREFIX,
        **_ignored: Any,
    ) -> None:
        super().__init__(default_timeout=default_timeout)
        import redis

        self._errors = (redis.RedisError, OSError)
        self.client = redis_client(url)
        self.secret = secret
        self.prefix = key_prefix
        self._outage = Outage(
            f"Redis at {self.client.connection_pool.connection_kwargs.get('host')}:"
            f"{self.client.connection_pool.connection_kwargs.get('port')}"
        )
        check_redis_eviction(self.client)
        self.client.connection_pool.disconnect()  # no socket crosses the fork to the workers

    @classmethod
    def factory(cls, app, config, args, kwargs):
        kwargs.update(url=config["CACHE_REDIS_URL"], secret=config.get("CACHE_SECRET", b""))
        return cls(*args, **kwargs)

    def _call(self, default: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        if not self._outage.allow():
            return default
        try:
            result = getattr(self.client, method)(*args, **kwargs)
        except self._errors as error:
            import redis

            if isinstance(error, redis.ResponseError):  # e.g. OOM with noeviction: Redis is up
                logger.debug("Redis refused %s: %s", method, error)
                self._outage.succeeded()
                return default
            self._outage.failed(error)
            return default
        self._outage.succeeded()
        return result

    def get(self, key: str) -> Any:
        blob = self._call(None, "get", self.prefix + key)
        if blob is None:
            return None
        try:
            return decode_entry(self.prefix + key, blob, self.secret)
        except CorruptEntry as error:
            _report_corrupt(key, error)
            self._call(0, "delete", self.prefix + key)
            return None

    def get_many(self, *keys: str) -> list[Any]:
        blobs = self._call(None, "mget", [self.prefix + key for key in keys]) if keys else []
        if blobs is None:
            return [None] * len(keys)
        values = []
        for key, blob in zip(keys, blobs):
            try:
                values.append(None if blob is None else decode_entry(self.prefix + key, blob, self.secret))
            except CorruptEntry as error:
                _report_corrupt(key, error)
                values.append(None)
        return values

    def set(self, key: str, value: Any, timeout: int | None = None, nx: bool = False) -> bool:
        try:
            blob = encode_entry(self.prefix + key, value, self.secret)
        except (TypeError, ValueError) as error:
            logger.error("not caching %r: %s", key[:120], error)
            return False
        timeout = self._normalize_timeout(timeout)
        return bool(self._call(False, "set", self.prefix + key, blob, ex=timeout or None, nx=nx))

    def add(self, key: str, value: Any, timeout: int | None = None) -> bool:
        return self.set(key, value, timeout, nx=True)

    def delete(self, key: str) -> bool:
        return bool(self._call(0, "delete", self.prefix + key))

    def has(self, key: str) -> bool:
        return bool(self._call(0, "exists", self.prefix + key))

    def clear(self) -> bool:
        keys = self._call([], "keys", self.prefix + "*")
        if keys:
            self._call(0, "unlink", *keys)
        return True
