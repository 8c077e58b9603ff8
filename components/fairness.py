"""Heavy computations must not starve light ones: a one-slot lane per worker for the heavy kind.

Every memoized panel function (``memoize`` in :mod:`components.cache`)
runs its computation, on a cache miss, through :data:`lanes`. Each function's
compute time is tracked (exponentially weighted mean); a function whose mean
is above ``HEAVY_MS`` (the impulse-approximation spectra, ~170 ms, against
~5-40 ms for everything else) computes in the *heavy lane*: at most
``HEAVY_SLOTS`` such computations at a time per worker process, the others
wait for their turn (at most ``HEAVY_WAIT_S``, then 503 with ``Retry-After``).
Light computations and cache hits never wait for the lane, and with several
threads per worker (``GUNICORN_THREADS``, default 4) a thread is left for
them while heavy requests queue. So one user flooding the server with
uncached impulse spectra gets one core per worker at most, and everyone
else's phase diagram keeps its latency (``bench_serving.py --fairness``).

Requests that need the same value at the same time (a lecture hall opening
the page: hundreds of identical first-load callbacks before the first answer
is cached) share one computation per worker instead of queueing for it.
"""

from __future__ import annotations

import copy
import functools
import threading
import time
from collections.abc import Callable
from typing import Any

from werkzeug.exceptions import ServiceUnavailable

HEAVY_MS = 60.0
HEAVY_SLOTS = 1
HEAVY_WAIT_S = 20.0
SMOOTHING = 0.3  # weight of the newest compute time in the running mean


class Busy(ServiceUnavailable):
    """The heavy lane stayed full for ``HEAVY_WAIT_S``: 503 with Retry-After."""

    description = "The server is busy with heavy computations: the view catches up in a moment."

    def get_headers(self, environ=None, scope=None):
        return [*super().get_headers(environ, scope), ("Retry-After", "2")]


class _Flight:
    """One computation in progress, awaited by every request that needs the same value."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class ComputeLanes:
    """Per-process: compute-time means per function, and the heavy lane's semaphore."""

    def __init__(
        self, heavy_ms: float = HEAVY_MS, heavy_slots: int = HEAVY_SLOTS, wait_s: float = HEAVY_WAIT_S
    ) -> None:
        self.heavy_ms = heavy_ms
        self.wait_s = wait_s
        self._heavy = threading.BoundedSemaphore(heavy_slots)
        self._mean_ms: dict[str, float] = {}
        self._flights: dict[tuple, _Flight] = {}
        self._lock = threading.Lock()

    def is_heavy(self, name: str) -> bool:
        return self._mean_ms.get(name, 0.0) > self.heavy_ms

    def _record(self, name: str, elapsed_ms: float) -> None:
        with self._lock:
            mean = self._mean_ms.get(name)
            self._mean_ms[name] = elapsed_ms if mean is None else mean + SMOOTHING * (elapsed_ms - mean)

    def run(self, name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``function(*args, **kwargs)``, in the heavy lane if ``name`` is heavy; one computation per
        argument set at a time (the others wait for it and get a copy of its result)."""
        key = (name, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # unhashable arguments: no coalescing
            return self._compute(name, function, args, kwargs)
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None
            if leader:
                flight = self._flights[key] = _Flight()
        if not leader:
            if not flight.done.wait(timeout=self.wait_s):
                raise Busy()
            if flight.error is not None:
                raise flight.error
            return copy.deepcopy(flight.result)  # callers may change what they get
        try:
            flight.result = self._compute(name, function, args, kwargs)
            return flight.result
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()

    def _compute(self, name: str, function: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
        heavy = self.is_heavy(name)
        if heavy and not self._heavy.acquire(timeout=self.wait_s):
            raise Busy()
        try:
            start = time.perf_counter()
            result = function(*args, **kwargs)
            self._record(name, (time.perf_counter() - start) * 1e3)
            return result
        finally:
            if heavy:
                self._heavy.release()

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` computed through the lanes; same name, module and signature (memoize keys on them)."""
        name = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def through_lanes(*args: Any, **kwargs: Any) -> Any:
            return self.run(name, function, *args, **kwargs)

        return through_lanes


lanes = ComputeLanes()
