"""Timing helpers shared by the bench scripts: median of repeated calls, percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], repeats: int = 20, warmup: int = 1) -> float:
    """Median wall time of ``function()`` over ``repeats`` calls, after ``warmup`` calls."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(label: str, seconds: float, target_s: float | None = None) -> None:
    verdict = (
        ""
        if target_s is None
        else ("  OK" if seconds <= target_s else f"  ABOVE target {target_s * 1e3:g} ms")
    )
    print(f"{label:<55s} median {seconds * 1e3:9.3f} ms{verdict}")


def percentile(samples: list[float], q: float) -> float:
    """``q``-th percentile (0..100), linear interpolation; NaN for no samples."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
