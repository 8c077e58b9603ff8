"""What a first visit downloads, and how: compression, caching headers, nothing a visitor does not need.

``apply_delivery(app, settings)`` (called in ``create_app`` *before*
``apply_security``, so the security headers see the uncompressed page):

- **compression** of every response of 500 bytes or more (`Flask-Compress`_:
  brotli, else gzip). Static files are compressed once per worker and
  encoding and kept (:class:`StaticCompressionCache`); callback answers are
  compressed as they go (brotli quality 4: ~1 ms for a 70 kB figure).
  Dash's own ``compress=True`` is not used: it pins gzip only.
- **plotly.js**: the page loads plotly's official *cartesian* partial bundle
  (``assets/vendor/plotly-cartesian-4.1.1.min.js``, 1.5 MB: scatter, bar,
  heatmap, all the panels draw, same version as plotly.py ships) before
  ``dcc.Graph`` asks for plotly; ``dcc.Graph`` then uses ``window.Plotly``
  and never fetches the full 4.8 MB bundle.
- **caching headers**: fingerprinted component-suite files (Dash puts the
  version in the file name) and ``/assets/`` files requested with Dash's
  ``?m=<mtime>`` are ``public, max-age=31536000, immutable``;
- **no source maps** (``*.map``: 404) unless ``DASH_DEBUG=1``;
- **no Python version** in the page's ``_dash-config`` (Dash puts
  ``sys.version`` there for its dev tools);
- **the layout and the callback graph serialised once**: ``/_dash-layout``
  and ``/_dash-dependencies`` never change while a process runs, yet Dash
  rebuilds them on every request (the layout, 150 kB of components through
  plotly's JSON cleaner, was a fifth of a first visit's server CPU); their
  bytes, and their compressed bytes, are kept per worker.

.. _Flask-Compress: https://github.com/colour-science/flask-compress
"""

from __future__ import annotations

import threading

from dash import Dash
from flask import Response, abort, request
from flask_compress import Compress

from components.settings import Settings

IMMUTABLE = "public, max-age=31536000, immutable"
SUITES = "/_dash-component-suites/"
CONSTANT_ROUTES = ("/_dash-layout", "/_dash-dependencies")  # same answer for every request of a process
STATIC_ENTRIES = 256  # (path, encoding) pairs kept compressed per worker: a page has ~30 static files


def is_fingerprinted_static() -> bool:
    """True for the static files whose URL changes whenever their content does."""
    path = request.path
    if path.startswith(SUITES):
        from dash.fingerprint import check_fingerprint

        return check_fingerprint(path[len(SUITES) :])[1]
    return path.startswith("/assets/") and "m" in request.args


class StaticCompressionCache:
    """Flask-Compress cache backend keeping the compressed bytes of static files only.

    Flask-Compress asks the cache for every response; dynamic answers get the
    key ``…;dynamic`` (:func:`compression_key`), which is never stored.
    """

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";dynamic"):
            return
        with self._lock:
            if len(self._entries) < STATIC_ENTRIES:
                self._entries[key] = value


def compression_key(req) -> str:
    if req.method == "GET" and (
        req.path.startswith(SUITES) or req.path.startswith("/assets/") or req.path in CONSTANT_ROUTES
    ):
        return req.full_path
    return "dynamic"


def serve_once(view):
    """``view`` answered from the bytes of its first answer (for a view whose answer never changes)."""
    built: list[tuple[bytes, str]] = []
    lock = threading.Lock()

    def constant_view():
        if not built:
            with lock:
                if not built:
                    response = view()
                    built.append((response.get_data(), response.mimetype))
        data, mimetype = built[0]
        return Response(data, mimetype=mimetype)

    return constant_view


def apply_delivery(app: Dash, settings: Settings) -> None:
    """Attach compression, caching headers and the source-map / version policy."""
    server = app.server
    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_BR_LEVEL=4,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_MIMETYPES=[
            "text/html",
            "text/css",
            "text/plain",
            "text/javascript",
            "application/javascript",
            "application/json",
            "image/svg+xml",
            "image/x-icon",
            "image/vnd.microsoft.icon",
        ],
        COMPRESS_CACHE_BACKEND=StaticCompressionCache,
        COMPRESS_CACHE_KEY=compression_key,
    )
    Compress(server)
    for route in CONSTANT_ROUTES:
        server.view_functions[route] = serve_once(server.view_functions[route])

    config = app._config  # Dash's page config; only the Python version is dropped

    def config_without_python_version() -> dict:
        page_config = config()
        page_config.pop("python_version", None)
        return page_config

    app._config = config_without_python_version

    @server.before_request
    def _no_source_maps():
        if request.path.endswith(".map") and not settings.debug:
            abort(404)

    @server.after_request  # runs before Flask-Compress's (registered earlier): see Flask's after_request order
    def _static_files(response):
        if response.status_code == 200 and compression_key(request) != "dynamic":
            # Flask streams /assets/ files from disk; Flask-Compress compresses streams on every request
            # and without gzip. Read into memory (the largest is 1.5 MB) so its cache applies.
            response.direct_passthrough = False
            response.make_sequence()
            if is_fingerprinted_static():
                response.headers["Cache-Control"] = IMMUTABLE
        return response
