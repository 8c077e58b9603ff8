"""Per-client rate limit of callback requests (`Flask-Limiter`_), with a 429 the page explains.

``apply_rate_limit(server, settings)``: every ``POST …/_dash-update-component``
counts against ``RATE_LIMIT`` (default ``30/second;900/minute``) for the
client's address; pages, assets and ``/healthz`` never do. Above the limit
the answer is ``429`` with ``Retry-After`` and a JSON message;
``assets/rate_limit_notice.js`` shows it on the page and retries the update
once the wait is over, so a fast slider drag is slowed down, not lost.

Storage: the same Redis as the figure cache when ``REDIS_URL`` is set (one
count per client across every worker and replica), with the same short
timeouts, and in-memory counting in each worker while Redis is unreachable
(Flask-Limiter's fallback, one log line per outage); otherwise in memory per
worker (a client's requests spread over the workers, so the effective limit
is up to ``workers`` times higher).

Behind a reverse proxy the client's address comes from ``X-Forwarded-For``
(``PROXY_HOPS`` trusted proxies, werkzeug's ``ProxyFix``); never trust it
without a proxy that overwrites it. A lecture hall behind one NAT shares one
address: raise ``RATE_LIMIT`` there (the default allows ~15 students moving a
slider every second).

.. _Flask-Limiter: https://flask-limiter.readthedocs.io/
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, jsonify, request
from flask_limiter import Limit, Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from limits import parse_many
from werkzeug.middleware.proxy_fix import ProxyFix

from components.cache_backends import REDIS_CONNECT_TIMEOUT_S, REDIS_SOCKET_TIMEOUT_S
from components.security import UPDATE_SUFFIX
from components.settings import Settings

MESSAGE = "Too many updates from your address in a short time: the view catches up in a moment."


def is_callback_request() -> bool:
    return request.method == "POST" and request.path.endswith(UPDATE_SUFFIX)


def _too_many(limit: RequestLimit) -> Response:
    """The 429: JSON like every callback error, ``Retry-After`` until the window frees a request."""
    response = jsonify({"error": {"status": 429, "message": MESSAGE}})
    response.status_code = 429
    response.headers["Retry-After"] = str(max(1, math.ceil(limit.reset_at - time.time())))
    return response


def apply_rate_limit(server: Flask, settings: Settings) -> Limiter:
    """Attach the limiter described in the module docstring; returns it (tests reset it)."""
    if settings.proxy_hops > 0:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=settings.proxy_hops)
    storage_options = {}
    if settings.redis_url:
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        storage_options = {
            "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_S,
            "socket_timeout": REDIS_SOCKET_TIMEOUT_S,
            "retry": Retry(NoBackoff(), 0),
        }
    parse_many(settings.rate_limit)  # a RATE_LIMIT that does not parse fails at start, not per request
    limit = Limit(settings.rate_limit, error_message=MESSAGE, exempt_when=lambda: not is_callback_request())
    return Limiter(
        get_remote_address,
        app=server,
        default_limits=[limit],
        on_breach=_too_many,
        storage_uri=settings.redis_url or "memory://",
        storage_options=storage_options,
        strategy="sliding-window-counter",
        key_prefix="migdal-explorer-limits",
        headers_enabled=False,
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        in_memory_fallback=[settings.rate_limit],
    )
