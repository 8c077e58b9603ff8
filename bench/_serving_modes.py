"""Soak, burst and fairness modes of ``bench/bench_serving.py`` (issue 12).

- soak: the load run for >= 10 minutes with distinct parameter points (the figure cache fills and
  evicts); the report is per minute (p50 / p95 / errors / cache entries), target p95 <= 250 ms in
  every minute and 0 errors;
- burst: a first visit recorded once in headless Chromium (every GET and the callbacks the page fires
  on load), replayed by N visitors at the same moment (a minimal asyncio HTTP/1.1 client, brotli/gzip
  accepted, 6 kept-alive connections per visitor as a browser opens; client CPU reported); bytes on the wire per visit and time until every visitor has
  everything; targets <= 1.5 MB per visit, <= 15 s for 200;
- fairness: light users (phase-panel moves, think time) alone, then again while one heavy client keeps
  8 connections busy with uncached spectra in the impulse approximation; light p50 / p95 both ways.
"""

from __future__ import annotations

import asyncio
import json
import random
import time

import httpx

from bench._lean_http import FAILURES, LeanClient
from bench._timing import percentile
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from devtools.dash_client import UPDATE_PATH, Callback, snap

SOAK_TARGETS = {"minute_p95_ms": 250.0}
BURST_TARGETS = {"bytes_per_visit_MB": 1.5, "wall_s": 15.0}


# --------------------------------------------------------------------------- soak


def _nginx_worker_of(pid: str, prefix: str) -> bool:
    """nginx workers are called "nginx: worker process": match them by their master's command line."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if not f.read().startswith(b"nginx: worker"):
                return False
        with open(f"/proc/{pid}/stat") as f:
            parent = f.read().rsplit(")", 1)[1].split()[1]
        with open(f"/proc/{parent}/cmdline", "rb") as f:
            return prefix.encode() in f.read()
    except OSError:
        return False


def server_cpu_s(base_url: str, nginx_prefix: str = "") -> float:
    """CPU seconds (user + system) used so far by the gunicorn listening on ``base_url`` and its workers
    (and the nginx run from ``nginx_prefix``, if given): the server's own cost, whatever else the shared
    machine runs."""
    import os

    port = base_url.rsplit(":", 1)[1]
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
            with open(f"/proc/{pid}/environ", "rb") as f:
                environ = f.read()
            ours = b"gunicorn" in cmdline and f"PORT={port}".encode() in environ.split(b"\0")
            ours = ours or bool(nginx_prefix) and b"nginx" in cmdline and nginx_prefix.encode() in cmdline
            if not ours and not (nginx_prefix and _nginx_worker_of(pid, nginx_prefix)):
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            continue
    return total


def per_minute(timeline: list, cache_samples: list) -> list[dict]:
    """Rows of (minute, requests, errors, p50, p95, p99, cache entries and MB at the minute's end)."""
    rows = []
    minutes = int(max((t for t, _, _ in timeline), default=0) // 60) + 1
    for minute in range(minutes):
        inside = [lat for t, lat, _ in timeline if minute * 60 <= t < (minute + 1) * 60]
        ok = [lat for lat in inside if lat is not None]
        cache = [c for c in cache_samples if c[0] <= (minute + 1) * 60 + 5]
        rows.append(
            {
                "minute": minute + 1,
                "requests": len(inside),
                "errors": len(inside) - len(ok),
                "p50_ms": percentile(ok, 50) * 1e3,
                "p95_ms": percentile(ok, 95) * 1e3,
                "p99_ms": percentile(ok, 99) * 1e3,
                "cache_entries": cache[-1][1] if cache else None,
                "cache_MB": cache[-1][2] / 1e6 if cache else None,
            }
        )
    return rows


def print_soak(rows: list[dict], distinct: float) -> int:
    print(
        f"\nsoak, per minute (target p95 <= {SOAK_TARGETS['minute_p95_ms']:g} ms in every minute, 0 errors); "
        f"distinct parameter points: {distinct:.1%} of requests"
    )
    print(
        f"{'min':>3} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'cache entries':>13} {'cache MB':>8}"
    )
    failures = 0
    for r in rows:
        bad = r["p95_ms"] > SOAK_TARGETS["minute_p95_ms"] or r["errors"]
        failures += bool(bad)
        entries = "" if r["cache_entries"] is None else str(r["cache_entries"])
        size = "" if r["cache_MB"] is None else f"{r['cache_MB']:.0f}"
        print(
            f"{r['minute']:>3} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f} "
            f"{r['p99_ms']:>7.0f} {entries:>13} {size:>8}  {'ABOVE TARGET' if bad else 'OK'}"
        )
    return failures


# --------------------------------------------------------------------------- burst


def record_first_visit(base_url: str) -> list[dict]:
    """Every request a first visit makes, in order (GETs and the callback POSTs), from headless Chromium."""
    from playwright.sync_api import sync_playwright

    requests: list[dict] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on(
            "request",
            lambda r: requests.append(
                {
                    "method": r.method,
                    "path": r.url.removeprefix(base_url),
                    "body": r.post_data,
                    "headers": {k: v for k, v in r.headers.items() if k.lower() == "content-type"},
                }
            ),
        )
        page.goto(base_url + "/")
        for graph in ("#phase-graph", "#vertex-graph", "#spectra-graph"):
            page.wait_for_selector(f"{graph} .scatterlayer .trace", timeout=120_000)
        page.wait_for_timeout(1500)
        browser.close()
    return [r for r in requests if r["path"].startswith("/")]


async def one_visit(base_url: str, visit: list[dict], per_visitor: int) -> tuple[int, float, list[str]]:
    """A visitor's page load: the page, then its files, then its callbacks, over ``per_visitor``
    kept-alive connections as a browser opens (:class:`bench._lean_http.LeanClient`).
    Returns (bytes received on the wire, seconds, errors)."""
    client = LeanClient(base_url, per_visitor)
    received, errors = 0, []
    start = time.perf_counter()

    async def fetch(request: dict) -> None:
        nonlocal received
        try:
            status, size = await client.request(
                request["method"], request["path"], request["body"], request["headers"]
            )
            received += size
            if status >= 400:
                errors.append(f"HTTP {status} {request['path'][:60]}")
        except FAILURES as error:
            errors.append(f"{type(error).__name__} {request['path'][:60]}")

    await fetch(visit[0])  # the page itself first, then everything it refers to
    await asyncio.gather(*(fetch(r) for r in visit[1:] if r["method"] == "GET"))
    await asyncio.gather(*(fetch(r) for r in visit[1:] if r["method"] != "GET"))
    client.close()
    return received, time.perf_counter() - start, errors


def _visitors_process(
    base_url: str, visit: list[dict], visitors: int, per_visitor: int, start_at: float, queue
) -> None:
    async def run() -> list:
        await asyncio.sleep(max(0.0, start_at - time.time()))
        return await asyncio.gather(*(one_visit(base_url, visit, per_visitor) for _ in range(visitors)))

    queue.put(asyncio.run(run()))


def burst(base_url: str, visit: list[dict], visitors: int, per_visitor: int = 6, processes: int = 4) -> dict:
    """``visitors`` first visits starting at the same moment, from ``processes`` client processes (one
    asyncio client for 200 visitors would itself be the bottleneck on a 2-core machine)."""
    import multiprocessing
    import resource

    context = multiprocessing.get_context("fork")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    queue = context.Queue()
    start_at = time.time() + 3.0
    shares = [visitors // processes + (k < visitors % processes) for k in range(processes)]
    workers = [
        context.Process(target=_visitors_process, args=(base_url, visit, n, per_visitor, start_at, queue))
        for n in shares
        if n
    ]
    for worker in workers:
        worker.start()
    results = [r for _ in workers for r in queue.get(timeout=900)]
    wall = time.time() - start_at
    for worker in workers:
        worker.join(timeout=30)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sizes = [r[0] for r in results]
    return {
        "visitors": visitors,
        "requests_per_visit": len(visit),
        "wall_s": wall,
        "bytes_per_visit_median": sorted(sizes)[len(sizes) // 2],
        "bytes_per_visit_max": max(sizes),
        "visit_s_p50": percentile([r[1] for r in results], 50),
        "visit_s_p95": percentile([r[1] for r in results], 95),
        "errors": [e for r in results for e in r[2]],
        "client_cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
    }


def print_burst(result: dict) -> int:
    mb = result["bytes_per_visit_max"] / 1e6
    ok_bytes, ok_wall = mb <= BURST_TARGETS["bytes_per_visit_MB"], result["wall_s"] <= BURST_TARGETS["wall_s"]
    print(
        f"\nburst: {result['visitors']} first visits at once ({result['requests_per_visit']} requests each)"
    )
    print(
        f"  bytes per visit (wire, br/gzip): median {result['bytes_per_visit_median'] / 1e6:.2f} MB, "
        f"max {mb:.2f} MB  (target <= {BURST_TARGETS['bytes_per_visit_MB']:g} MB) "
        f"{'OK' if ok_bytes else 'ABOVE TARGET'}"
    )
    print(
        f"  all visits served in {result['wall_s']:.1f} s (target <= {BURST_TARGETS['wall_s']:g} s) "
        f"{'OK' if ok_wall else 'ABOVE TARGET'}; one visit p50 / p95 {result['visit_s_p50']:.1f} / "
        f"{result['visit_s_p95']:.1f} s; errors {len(result['errors'])} {result['errors'][:3]}"
    )
    if "server_cpu_s" in result:
        cpu = result["server_cpu_s"]
        print(
            f"  server CPU for the whole burst (gunicorn + nginx, user + system): {cpu:.1f} s, "
            f"{cpu / result['visitors'] * 1e3:.0f} ms per visit: ~{cpu / 2:.1f} s on 2 idle cores"
        )
    print(
        f"  client CPU (the visitors' processes, on the same cores): {result['client_cpu_s']:.1f} s, "
        f"{result['client_cpu_s'] / result['visitors'] * 1e3:.0f} ms per visit"
    )
    return (not ok_bytes) + (not ok_wall) + bool(result["errors"])


# --------------------------------------------------------------------------- fairness


async def light_users(base_url: str, callback: Callback, users: int, duration_s: float, seed: int) -> list:
    """``users`` clients moving the callback's sliders every 0.3-1 s; their latencies."""
    latencies: list[float] = []
    deadline = time.monotonic() + duration_s

    async def user(k: int) -> None:
        rng = random.Random(seed + k)
        headers = {"Content-Type": "application/json", "X-Forwarded-For": f"127.9.0.{k + 1}"}
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            while time.monotonic() < deadline:
                values = list(callback.values)
                for index, (low, high, step) in callback.sliders.items():
                    values[index] = snap(rng.uniform(low, high), low, high, step)
                start = time.perf_counter()
                response = await client.post(
                    UPDATE_PATH, content=json.dumps(callback.body(values)), headers=headers
                )
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - start)
                await asyncio.sleep(rng.uniform(0.3, 1.0))

    await asyncio.gather(*(user(k) for k in range(users)))
    return latencies


async def heavy_client(
    base_url: str, callback: Callback, connections: int, deadline: float, seed: int
) -> tuple[int, int]:
    """One client keeping ``connections`` requests in flight: uncached spectra, impulse approximation.
    Returns (answered, refused with 429/503)."""
    rng = random.Random(seed)
    counts = [0, 0]
    headers = {"Content-Type": "application/json", "X-Forwarded-For": "127.9.9.9"}
    impulse = [i for i, options in callback.choices.items() if "impulse" in options]

    async def lane(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            values = list(callback.values)
            for index, (low, high, step) in callback.sliders.items():
                values[index] = snap(rng.uniform(low, high), low, high, step)
            for index in impulse:
                values[index] = "impulse"
            response = await client.post(
                UPDATE_PATH, content=json.dumps(callback.body(values)), headers=headers
            )
            counts[response.status_code in (429, 503)] += 1
            if response.status_code in (429, 503):
                await asyncio.sleep(float(response.headers.get("Retry-After", "1")))

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        await asyncio.gather(*(lane(client) for _ in range(connections)))
    return counts[0], counts[1]


async def fairness(
    base_url: str,
    light: Callback,
    heavy: Callback,
    users: int = 10,
    duration_s: float = 30,
    connections: int = 8,
    seed: int = 1,
) -> dict:
    alone = await light_users(base_url, light, users, duration_s, seed)
    deadline = time.monotonic() + duration_s + 2
    heavy_task = asyncio.ensure_future(heavy_client(base_url, heavy, connections, deadline, seed + 100))
    await asyncio.sleep(2)
    contended = await light_users(base_url, light, users, duration_s, seed + 50)
    answered, refused = await heavy_task
    return {
        "alone": alone,
        "contended": contended,
        "heavy_answered": answered,
        "heavy_refused": refused,
        "users": users,
        "connections": connections,
    }


def print_fairness(result: dict, light_name: str, heavy_name: str) -> None:
    alone, contended = result["alone"], result["contended"]
    print(
        f"\nfairness: {result['users']} light users ({light_name[:30]}) alone, then beside one heavy client "
        f"with {result['connections']} connections ({heavy_name[:30]}, uncached, impulse)"
    )
    print(
        f"  light alone:        n {len(alone)}, p50 / p95 {percentile(alone, 50) * 1e3:.0f} / "
        f"{percentile(alone, 95) * 1e3:.0f} ms"
    )
    print(
        f"  light beside heavy: n {len(contended)}, p50 / p95 {percentile(contended, 50) * 1e3:.0f} / "
        f"{percentile(contended, 95) * 1e3:.0f} ms  (x{percentile(contended, 95) / percentile(alone, 95):.1f} "
        f"at p95)"
    )
    print(f"  heavy client: {result['heavy_answered']} answered, {result['heavy_refused']} refused (429/503)")
