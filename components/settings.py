"""Settings from the environment, read in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_RATE_LIMIT = "30/second;900/minute"


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/migdal-explorer`` (``~/.cache/...``): per user, not a shared temp path."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "migdal-explorer")


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the web app.

    - ``REDIS_URL``: when set, figures are cached in Redis (shared by all
      workers and hosts; also the rate limiter's storage); otherwise in a
      local SQLite LRU (:mod:`components.cache_backends`).
    - ``CACHE_DIR``: directory of the SQLite cache, created 0700; refused if
      another user owns it. Default ``~/.cache/migdal-explorer``.
    - ``CACHE_SIZE_MB``: size bound of the SQLite cache (LRU eviction).
    - ``CACHE_TIMEOUT_S``: lifetime of a cached figure.
    - ``CACHE_SECRET``: optional key of the entries' integrity digest.
    - ``RESPONSE_CACHE_MB``: per-worker memory for answers to repeated,
      identical callback requests (:mod:`components.response_cache`);
      default 32, 0 turns it off.
    - ``RATE_LIMIT``: callback requests allowed per client address
      (Flask-Limiter syntax, ``;``-separated), e.g. ``20/second;600/minute``;
      also the default of ``Settings()`` (the test suite sets it high: its
      clients fire hundreds of callbacks a second from one address).
    - ``PROXY_HOPS``: reverse proxies in front that set ``X-Forwarded-For``
      (1 behind the bundled nginx); 0 when clients connect directly.
    - ``DASH_DEBUG=1``: Dash dev tools and debug mode (off by default).
    - ``WARM_UP=0``: skip the numba warm-up (tests that need a fast start).
    - ``FRAME_ANCESTORS``: who may embed the app in a frame (CSP
      ``frame-ancestors`` sources, e.g. ``'self' https://course.example.org``);
      default ``'self'``.
    - ``MAX_CONTENT_LENGTH``: largest accepted request body in bytes (413 above);
      default 1 MiB (a callback body is a few kB).
    - ``EXPOSE_WORKER_PID=1``: add an ``X-Worker-Pid`` response header (tests only).
    """

    redis_url: str | None = None
    cache_dir: str = default_cache_dir()
    cache_size_mb: int = 256
    cache_timeout_s: int = 24 * 3600
    cache_secret: str = ""
    response_cache_mb: int = 32
    rate_limit: str = field(
        default_factory=lambda: os.environ.get("RATE_LIMIT", "").strip() or DEFAULT_RATE_LIMIT
    )
    proxy_hops: int = 0
    debug: bool = False
    warm_up: bool = True
    frame_ancestors: str = "'self'"
    max_content_length: int = 1024 * 1024
    expose_worker_pid: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            redis_url=env.get("REDIS_URL") or None,
            cache_dir=env.get("CACHE_DIR", cls.cache_dir),
            cache_size_mb=int(env.get("CACHE_SIZE_MB", cls.cache_size_mb)),
            cache_timeout_s=int(env.get("CACHE_TIMEOUT_S", cls.cache_timeout_s)),
            cache_secret=env.get("CACHE_SECRET", ""),
            response_cache_mb=int(env.get("RESPONSE_CACHE_MB", cls.response_cache_mb)),
            rate_limit=env.get("RATE_LIMIT", "").strip() or DEFAULT_RATE_LIMIT,
            proxy_hops=int(env.get("PROXY_HOPS", cls.proxy_hops)),
            debug=env.get("DASH_DEBUG", "0") == "1",
            warm_up=env.get("WARM_UP", "1") != "0",
            frame_ancestors=env.get("FRAME_ANCESTORS", "").strip() or cls.frame_ancestors,
            max_content_length=int(env.get("MAX_CONTENT_LENGTH", cls.max_content_length)),
            expose_worker_pid=env.get("EXPOSE_WORKER_PID", "0") == "1",
        )
