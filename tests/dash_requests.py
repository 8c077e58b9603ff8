"""Build Dash callback requests from the app's own ``/_dash-dependencies``.

Used by the layout, callback and fuzz tests to POST exactly what the browser
would send, or garbage in the same shape. The implementation lives in
:mod:`devtools.dash_client`, shared with ``bench/bench_serving.py``.
"""

from __future__ import annotations

from devtools.dash_client import Callback, callback_for_output, discover, request_body, split_outputs

__all__ = ["Callback", "callback_for_output", "discover", "request_body", "split_outputs"]
