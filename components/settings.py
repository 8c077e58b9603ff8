"""Settings from the environment, read in one place."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the web app.

    - ``REDIS_URL``: when set, figures are cached in Redis (shared by all
      workers and hosts); otherwise in a local ``FileSystemCache``.
    - ``CACHE_DIR``: directory of the file-system cache.
    - ``CACHE_TIMEOUT_S``: lifetime of a cached figure.
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
    cache_dir: str = os.path.join(tempfile.gettempdir(), "migdal-explorer-cache")
    cache_timeout_s: int = 24 * 3600
    debug: bool = False
    warm_up: bool = True
    frame_ancestors: str = "'self'"
    max_content_length: int = 1024 * 1024
    expose_worker_pid: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(
            redis_url=env.get("REDIS_URL") or None,
            cache_dir=env.get("CACHE_DIR", cls.cache_dir),
            cache_timeout_s=int(env.get("CACHE_TIMEOUT_S", cls.cache_timeout_s)),
            debug=env.get("DASH_DEBUG", "0") == "1",
            warm_up=env.get("WARM_UP", "1") != "0",
            frame_ancestors=env.get("FRAME_ANCESTORS", "").strip() or cls.frame_ancestors,
            max_content_length=int(env.get("MAX_CONTENT_LENGTH", cls.max_content_length)),
            expose_worker_pid=env.get("EXPOSE_WORKER_PID", "0") == "1",
        )
