"""Figure cache shared by the panels (flask-caching).

A size-bounded SQLite LRU in a private directory by default (embedded,
shared by the workers of one host); Redis when ``REDIS_URL`` is set (shared
by every host). Both store integrity-checked JSON, never pickles, and
degrade to computing when the store fails (:mod:`components.cache_backends`).
Memoized functions (:func:`memoize`) take scalars only, never arrays (the
key is the ``repr`` of the arguments, which abbreviates arrays), and the key
holds :data:`CODE_STAMP`, the hash of the code behind the results. The key is
built from the arguments rounded to 12 significant digits (so float noise
never splits an entry); the function itself always gets the exact values,
which the parameter registry has already snapped. One ``get`` per call and
one ``set`` per miss: flask-caching's own ``memoize`` also reads a version
key per call and inspects the function's signature, which cost a cache miss
a third of its time in SQLite and ``inspect`` (no code here deletes memoized
entries, which is what the version key is for).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from hashlib import blake2b
from pathlib import Path
from typing import TypeVar

from flask import Flask, has_app_context
from flask_caching import Cache

import migdal_core
from components.fairness import lanes
from components.settings import Settings
from migdal_core.warmup import source_stamp

cache = Cache()
KEY_DIGITS = 12
#: In every key: the hash of the sources that compute the cached results, so that after an upgrade a
#: shared Redis or a kept cache directory never serves a result of the old code (or of the old shape).
CODE_STAMP = source_stamp(Path(migdal_core.__file__).resolve().parent, Path(__file__).resolve().parent)
Result = TypeVar("Result")


def init_cache(server: Flask, settings: Settings) -> None:
    """Attach the cache to the Flask server according to ``settings``."""
    config = {
        "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout_s,
        "CACHE_SECRET": settings.cache_secret.encode(),
    }
    if settings.redis_url:
        config.update(
            CACHE_TYPE="components.cache_backends.ResilientRedisCache", CACHE_REDIS_URL=settings.redis_url
        )
    else:
        config.update(
            CACHE_TYPE="components.cache_backends.DiskLRUCache",
            CACHE_DIR=settings.cache_dir,
            CACHE_SIZE_BYTES=settings.cache_size_mb * 1024 * 1024,
        )
    cache.init_app(server, config=config)


def rounded(value: float | str, significant: int = KEY_DIGITS) -> float | str:
    """A scalar rounded to ``significant`` digits, for cache keys only."""
    if isinstance(value, bool | str) or value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{significant}g}")


def memoize(function: Callable[..., Result]) -> Callable[..., Result]:
    """``function`` memoized in the shared cache, keyed on its name and rounded scalar arguments; a miss
    computes through :data:`components.fairness.lanes` (a heavy computation waits for its lane, a light
    one never does). Outside a Flask application (tests, scripts) it is simply called.
    """
    name = f"{function.__module__}.{function.__qualname__}"
    compute = lanes.wrap(function)

    def call(*args: float | str) -> Result:
        if not all(isinstance(a, int | float | str) for a in args):
            raise TypeError(f"{function.__qualname__}: cache keys take scalars only; got {args!r:.200}")
        if not has_app_context():
            return function(*args)
        digest = blake2b(repr(tuple(rounded(a) for a in args)).encode(), digest_size=16).hexdigest()
        key = f"{name}:{CODE_STAMP}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute(*args)
            cache.set(key, value)
        return value

    call.__doc__, call.__name__ = function.__doc__, function.__name__
    return call
