"""Figure cache shared by the panels (flask-caching).

``FileSystemCache`` by default (embedded, shared by the workers of one
host); ``RedisCache`` when ``REDIS_URL`` is set (shared by every host).
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
    if settings.redis_url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": settings.redis_url}
    else:
        config = {
            "CACHE_TYPE": "FileSystemCache",
            "CACHE_DIR": settings.cache_dir,
            "CACHE_THRESHOLD": 5000,
        }
    config["CACHE_DEFAULT_TIMEOUT"] = settings.cache_timeout_s
    cache.init_app(server, config=config)


def rounded(value: float | str, significant: int = 6) -> float | str:
    """Round a scalar to ``significant`` digits so cache keys are stable."""
    if isinstance(value, str) or value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{significant}g}")
