"""Benchmark: server CPU time of each figure callback's cache misses (issue 13), beside the wall time.

Run: ``nice .venv/bin/python bench/bench_miss_cpu.py [--miss 40] [--seed 1]``

The same requests as ``bench_serving.py``'s misses (every slider on a new grid position, then every
radio and dropdown at random too, ``random_slider_values``), sent one at a time to a one-worker
gunicorn with an empty figure cache. For each request it reads the CPU time the server's processes
used (sum of /proc/<pid>/task/*/schedstat, nanoseconds), so the numbers do not depend on what else the
shared machine runs; the wall time on loopback is printed beside them. Medians and p95 per callback.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench._timing import percentile
from bench.bench_serving import label, random_slider_values, timed_post
from devtools.dash_client import ROOT, discover_live, launch_gunicorn, stop_gunicorn, wait_healthy


def server_cpu_ns(port: str) -> int:
    """CPU nanoseconds used so far by every thread of the gunicorn listening on ``port``."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"gunicorn" not in f.read():
                    continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                if f"PORT={port}".encode() not in f.read().split(b"\0"):
                    continue
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[0])
        except OSError:
            continue
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--miss", type=int, default=40, help="misses per callback and kind")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = {"NUMBA_CACHE_DIR": os.environ.get("NUMBA_CACHE_DIR", str(ROOT / ".numba-cache"))}
    env["RATE_LIMIT"] = "1000000/minute"
    with tempfile.TemporaryDirectory(prefix="bench-miss-cpu-") as tmp:
        process, base_url, log_path = launch_gunicorn(
            Path(tmp), env, workers=1, cache_dir=Path(tmp) / "cache"
        )
        try:
            wait_healthy(process, base_url, log_path, timeout_s=300)
            port = base_url.rsplit(":", 1)[1]
            print(f"{'callback: kind':<52} {'CPU median / p95':>18} {'wall median / p95':>20}")
            with httpx.Client(base_url=base_url, timeout=60) as client:
                for k, callback in enumerate(cb for cb in discover_live(base_url) if cb.figure_outputs):
                    client.post("/_dash-update-component", json=callback.body()).raise_for_status()
                    rng, used = random.Random(args.seed + k), set()
                    for kind, choices in (("sliders", False), ("choices too", True)):
                        if not (callback.sliders or (choices and callback.choices)):
                            continue
                        cpu, wall = [], []
                        for _ in range(args.miss):
                            values = random_slider_values(callback, rng, used, choices)
                            if values is None:
                                break
                            before = server_cpu_ns(port)
                            elapsed, response = timed_post(client, callback.body(values))
                            time.sleep(0.02)  # let the worker finish its cache write
                            if response.status_code == 200:
                                cpu.append((server_cpu_ns(port) - before) / 1e6)
                                wall.append(elapsed * 1e3)
                        if cpu:
                            print(
                                f"{label(callback)[:40] + ': ' + kind:<52} "
                                f"{statistics.median(cpu):7.1f} / {percentile(cpu, 95):6.1f} ms "
                                f"{statistics.median(wall):8.1f} / {percentile(wall, 95):6.1f} ms",
                                flush=True,
                            )
        finally:
            stop_gunicorn(process)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"(one gunicorn worker, empty figure cache, loopback; load average {load}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
