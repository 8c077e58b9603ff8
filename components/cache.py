"""Figure cache shared by the panels (flask-caching).

A size-bounded SQLite LRU in a private directory by default (embedded,
shared by the workers of one host); Redis when ``REDIS_URL`` is set (shared
by every host). Both store integrity-checked JSON, never pickles, and
degrade to computing when the store fails (:mod:`components.cache_backends`).
Memoized functions take rounded scalars only, never arrays:
flask-caching keys on ``str()`` of the arguments, which abbreviates arrays.
"""

from __future__ import annotations

import math

from flask import Flask
from flask_caching import Cache

from components.settings import Settings

cache = Cache()


def init_cache(server: Flask, settings: Settings) -> None:
    """Attach the cache to the Flask server according to ``settings``."""
    config = {"CACHE_DEFAULT_TIMEOUT": settings.cache_timeout_s,
              "CACHE_SECRET": settings.cache_secret.encode()}
    if settings.redis_url:
        config.update(CACHE_TYPE="components.cache_backends.ResilientRedisCache",
                      CACHE_REDIS_URL=settings.redis_url)
    else:
        config.update(CACHE_TYPE="components.cache_backends.DiskLRUCache", CACHE_DIR=settings.cache_dir,
                      CACHE_SIZE_BYTES=settings.cache_size_mb * 1024 * 1024)
    cache.init_app(server, config=config)


def rounded(value: float | str, significant: int = 6) -> float | str:
    """Round a scalar to ``significant`` digits so cache keys are stable."""
    if isinstance(value, str) or value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{significant}g}")
