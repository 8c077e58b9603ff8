"""Security basics and "no crash on any input" for the Flask server under Dash.

``apply_security(server, settings)`` (called once in ``create_app``):

- **debug off** unless ``DASH_DEBUG=1``;
- **request size limit**: ``MAX_CONTENT_LENGTH`` (default 1 MiB) -> 413;
- **security headers** on every response: a Content-Security-Policy that
  lets Dash run without ``'unsafe-inline'``/``'unsafe-eval'`` scripts (the
  inline scripts of the index page are allowed by their SHA-256 hashes,
  computed from the page actually served, so new Dash versions or clientside
  callbacks keep working), ``frame-ancestors`` from ``FRAME_ANCESTORS`` (for
  embedding in course pages), ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy``, ``Permissions-Policy``;
- **malformed callback requests are 4xx, never 500**: a POST to
  ``/_dash-update-component`` whose body is not a JSON object of the shape
  the Dash renderer sends is answered ``400`` before Dash sees it; whatever
  Dash itself rejects afterwards (unknown output, inputs not matching the
  callback) is ``400``; an input-type error raised *inside* a callback
  (``TypeError``, ``ValueError``, ``LookupError``, ``ArithmeticError`` ...,
  i.e. the callback could not process these values) is ``422``. Every error
  body is a short JSON object without a traceback; the traceback goes to the
  server log (``ERROR`` for 422, since it may be a callback bug). Anything
  else (``OSError``, ``MemoryError``, ...) stays a genuine ``500`` — but
  without a traceback in the body;
- **unknown paths are 404**: a ``/_dash-component-suites/`` path of a
  package or file Dash does not serve (Dash raises ``DependencyException``)
  is a 404, not a 500 with a traceback in the log.

How Dash 4 handles callback exceptions, and why this is done here: Dash
re-raises whatever a callback raises unless the callback (or ``Dash(...,
on_error=...)``) has an ``on_error`` handler, whose return value becomes the
outputs (a ``200``/``204``: the error would be hidden from HTTP clients and
logs). ``PreventUpdate`` is mapped to ``204`` by Dash's own errorhandler. The
panels already turn bad values into a message in the UI (``ValueError``), so
what reaches this module is a request the browser never sends; a Flask
errorhandler classifies it once for every callback, present or future,
without touching the panels.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re

from dash.exceptions import DependencyException
from flask import Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException

from components.settings import Settings

logger = logging.getLogger(__name__)

UPDATE_SUFFIX = "/_dash-update-component"
MAX_OUTPUT_LENGTH = 20_000  # characters in the "output" string of a callback body
INPUT_ERRORS = (TypeError, ValueError, LookupError, ArithmeticError, AttributeError, RecursionError)

_INLINE_SCRIPT = re.compile(rb"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_hash_memo: dict[bytes, str] = {}


def content_security_policy(script_hashes: list[str], frame_ancestors: str) -> str:
    """The CSP header value; ``script_hashes`` are ``'sha256-…'`` sources of inline scripts."""
    script_src = " ".join(["'self'"] + script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            # plotly.js and React set inline styles and inject <style> elements.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def inline_script_hashes(html: bytes) -> list[str]:
    """``'sha256-…'`` CSP sources for every inline ``<script>`` in ``html``."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        body = match.group(1)
        source = _hash_memo.get(body)
        if source is None:
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            source = f"'sha256-{digest}'"
            if len(_hash_memo) < 256:
                _hash_memo[body] = source
        if source not in hashes:
            hashes.append(source)
    return hashes


def _is_prop_ref(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), (str, dict))
        and isinstance(item.get("property"), str)
    )


def _is_prop_list(items: object) -> bool:
    """A list of ``{"id", "property", ...}`` (or, for pattern-matching ALL, lists of them)."""
    if not isinstance(items, list):
        return False
    return all(
        _is_prop_ref(item) or (isinstance(item, list) and all(_is_prop_ref(i) for i in item))
        for item in items
    )


def callback_body_problem(body: object) -> str | None:
    """Why ``body`` is not a callback request the Dash renderer could send (``None`` if it could)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or not output or len(output) > MAX_OUTPUT_LENGTH:
        return "'output' must be a non-empty string"
    outputs = body.get("outputs")
    if not (_is_prop_ref(outputs) or _is_prop_list(outputs)):
        return "'outputs' must be an output reference or a list of them"
    if not _is_prop_list(body.get("inputs")):
        return "'inputs' must be a list of {id, property, value}"
    if "state" in body and not _is_prop_list(body["state"]):
        return "'state' must be a list of {id, property, value}"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def _error(status: int, message: str):
    response = jsonify({"error": {"status": status, "message": message}})
    response.status_code = status
    return response


def _raised_inside_callback(error: BaseException) -> bool:
    """True when the traceback passes through Dash's call of the user's callback function."""
    try:  # Dash's own traceback pruning uses the same two functions (dash/backends/_flask.py)
        from dash._callback import _async_invoke_callback, _invoke_callback
    except ImportError:  # a future Dash: treat as "not inside a callback" (400, never a 500)
        return False
    codes = {_invoke_callback.__code__, _async_invoke_callback.__code__}
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code in codes:
            return True
        tb = tb.tb_next
    return False


def apply_security(server: Flask, settings: Settings) -> None:
    """Attach headers, limits and the error policy described in the module docstring."""
    server.debug = settings.debug
    server.config["MAX_CONTENT_LENGTH"] = settings.max_content_length
    worker_pid = settings.expose_worker_pid

    @server.before_request
    def _check_request():
        length = request.content_length
        if length is not None and length > settings.max_content_length:
            abort(413)
        if request.method == "POST" and request.path.endswith(UPDATE_SUFFIX):
            try:
                body = request.get_json(force=False, silent=False)
            except HTTPException:
                raise
            except (RecursionError, ValueError, UnicodeDecodeError):
                return _error(400, "the body is not valid JSON")
            problem = callback_body_problem(body)
            if problem:
                return _error(400, f"malformed callback request: {problem}")
        return None

    @server.after_request
    def _security_headers(response):
        hashes: list[str] = []
        if response.mimetype == "text/html" and not response.direct_passthrough:
            hashes = inline_script_hashes(response.get_data())
        headers = response.headers
        policy = content_security_policy(hashes, settings.frame_ancestors)
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if settings.frame_ancestors.strip() in ("'self'", "'none'"):
            same_origin = "self" in settings.frame_ancestors
            headers.setdefault("X-Frame-Options", "SAMEORIGIN" if same_origin else "DENY")
        if worker_pid:
            headers["X-Worker-Pid"] = str(os.getpid())
        return response

    @server.errorhandler(Exception)
    def _handle_exception(error: Exception):
        if isinstance(error, HTTPException):
            if error.response is not None:  # built by whoever raised it (the rate limiter's 429)
                return error.response
            if request.path.endswith(UPDATE_SUFFIX) and error.code is not None:
                response = _error(error.code, error.description or error.name)
                retry_after = dict(error.get_headers()).get("Retry-After")  # 503 of the heavy lane
                if retry_after:
                    response.headers["Retry-After"] = retry_after
                return response
            return error
        if isinstance(error, DependencyException):  # a component-suite path Dash does not serve
            return _error(404, "not found")
        if not request.path.endswith(UPDATE_SUFFIX):
            logger.exception("unhandled error on %s %s", request.method, request.path)
            return _error(500, "internal server error")
        if _raised_inside_callback(error):
            if isinstance(error, INPUT_ERRORS):
                logger.error(
                    "callback %r could not process its inputs (%s)",
                    _output_of_request(),
                    type(error).__name__,
                    exc_info=error,
                )
                return _error(422, "the callback could not process these input values")
            logger.exception("callback %r failed", _output_of_request())
            return _error(500, "internal server error")
        logger.info(
            "rejected callback request for %r: %s: %s", _output_of_request(), type(error).__name__, error
        )
        return _error(400, "the callback request does not match any callback of this app")


def _output_of_request() -> str:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return output[:200] if isinstance(output, str) else "?"
