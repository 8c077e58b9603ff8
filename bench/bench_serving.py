"""Benchmark: serving under gunicorn (issue 6) — latency, payload, load, cold start.

Run: ``.venv/bin/python bench/bench_serving.py`` (``--help`` for the knobs;
``--users 50 --duration 60`` are the defaults; ``--fuzz`` also runs the
fuzz test with its full counts; ``--strict`` exits 1 when a target is missed).

It starts ``gunicorn -c gunicorn.conf.py app:server`` on 127.0.0.1 with a
fresh, empty ``CACHE_DIR``, discovers every server callback from
``/_dash-dependencies`` and ``/_dash-layout`` (input values from the layout),
and measures, for every callback that outputs a figure:

- latency on a cache miss (every slider input of the callback gets a new
  value on the slider's grid each request; then again with every radio and
  dropdown also set at random, so e.g. the impulse approximation is timed
  too) and on a cache hit (the same request repeated): median and p95,
  client-side wall time on loopback;
- payload: bytes of each figure as serialised in the response;

then a load run: N simulated users (asyncio, the lean client of bench/_lean_http.py), each moving a random
slider to a random position and firing every callback that listens to it, as
the browser does, then thinking for a random pause; p50/p95/p99 and errors;
and the cold start: launching gunicorn to every figure of the page served.

Targets (issue 6): p95 <= 150 ms miss, <= 20 ms hit; at 50 users p95 <= 500
ms with 0 errors; cold start <= 10 s; <= 200 kB per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench import _serving_modes as modes
from bench._lean_http import FAILURES, LeanClient
from bench._timing import percentile
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from devtools.dash_client import (
    ROOT,
    UPDATE_PATH,
    Callback,
    discover_live,
    launch_gunicorn,
    snap,
    start_nginx,
    stop_gunicorn,
    stop_nginx,
    wait_healthy,
)

TARGETS = {
    "miss_p95_ms": 150.0,
    "hit_p95_ms": 20.0,
    "load_p95_ms": 500.0,
    "cold_start_s": 10.0,
    "figure_kB": 200.0,
    "callbacks_per_move": 2,
    "phase_move_kB": 10.0,
}


def browser_moves(base_url: str, steps: int = 10) -> dict | None:
    """Slider moves as a user makes them, in headless Chromium (issue 13): server callbacks and the
    phase response's bytes per E_F keyboard step, and the phase requests sent while dragging E_F
    (before the release) against the vertex ones. None when Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(base_url + "/")
        for graph in ("phase-graph", "vertex-graph", "spectra-graph"):
            page.wait_for_selector(f"#{graph} .scatterlayer .trace", timeout=120_000)
        page.wait_for_load_state("networkidle")
        requests: list = []
        finished: list = []
        page.on("request", lambda request: UPDATE_PATH in request.url and requests.append(request))
        page.on("requestfinished", lambda request: UPDATE_PATH in request.url and finished.append(request))

        def settle(quiet_ms: int = 800) -> list[tuple[str, int]]:
            """Wait until every callback request of this move has finished and none followed for a while."""
            seen, quiet = -1, 0
            while quiet < quiet_ms:
                page.wait_for_timeout(100)
                state = (len(requests), len(finished))
                quiet = quiet + 100 if state[0] == state[1] and state[0] == seen else 0
                seen = state[0] if state[0] == state[1] else -1
            done = [(json.loads(r.post_data)["output"], len(r.response().body())) for r in requests]
            requests.clear()
            finished.clear()
            return done

        counts, phase_bytes = [], []
        page.locator("#param-E_F_eV [role=slider]").focus()
        for _ in range(steps):
            page.keyboard.press("ArrowLeft")
            done = settle()
            counts.append(len(done))
            phase_bytes += [size for output, size in done if "phase-graph.figure" in output]
        box = page.locator("#param-E_F_eV [role=slider]").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + 150, box["y"] + box["height"] / 2, steps=10)
        page.wait_for_timeout(1500)
        during = [json.loads(r.post_data)["output"] for r in requests]
        page.mouse.up()
        settle()
        browser.close()
    return {
        "callbacks_per_E_F_step": counts,
        "phase_response_bytes": phase_bytes,
        "drag_phase_requests": sum("phase-graph.figure" in o for o in during),
        "drag_vertex_requests": sum("vertex-graph.figure" in o for o in during),
    }


def random_slider_values(
    callback: Callback, rng: random.Random, used: set, choices: bool = False
) -> list | None:
    """The callback's current values with every slider input moved to a new grid position
    (and, with ``choices``, every radio / dropdown set to a random option); None once a callback
    with few inputs (e.g. the ELF map: target and model) has no unused point left."""
    for _ in range(1000):
        values = list(callback.values)
        for index, (low, high, step) in callback.sliders.items():
            values[index] = snap(rng.uniform(low, high), low, high, step)
        if choices:
            for index, options in callback.choices.items():
                values[index] = rng.choice(options)
        key = json.dumps(values)
        if key not in used:
            used.add(key)
            return values
    return None


def figure_sizes(payload: dict, callback: Callback) -> dict[str, int]:
    """Bytes of each figure output as serialised (compact JSON, as Dash sends it)."""
    response = payload.get("response", {})
    sizes = {}
    for component_id in callback.figure_outputs:
        figure = response.get(component_id, {}).get("figure")
        if figure is not None:
            sizes[component_id] = len(json.dumps(figure, separators=(",", ":")).encode())
    return sizes


def timed_post(client: httpx.Client, body: dict) -> tuple[float, httpx.Response]:
    data = json.dumps(body)
    start = time.perf_counter()
    response = client.post(UPDATE_PATH, content=data, headers={"Content-Type": "application/json"})
    return time.perf_counter() - start, response


def label(callback: Callback) -> str:
    """Short row label: the first figure and how many more the callback returns."""
    figures = callback.figure_outputs
    return figures[0] + (f" (+{len(figures) - 1} figs)" if len(figures) > 1 else "")


def measure_callback(client: httpx.Client, callback: Callback, n_miss: int, n_hit: int, seed: int) -> dict:
    """Misses with sliders moved (default choices), misses with choices random too, then hits."""
    rng = random.Random(seed)
    used: set = set()
    miss, miss_any, hit, sizes, errors = [], [], [], {}, 0
    first_body = None
    rounds = [(miss, False)] + ([(miss_any, True)] if callback.choices else [])
    for samples, with_choices in rounds:
        for _ in range(n_miss):
            values = (
                random_slider_values(callback, rng, used, with_choices)
                if callback.sliders or with_choices
                else callback.values
            )
            if values is None:
                break
            body = callback.body(values)
            first_body = first_body or body
            elapsed, response = timed_post(client, body)
            if response.status_code != 200:
                errors += 1
                continue
            samples.append(elapsed)
            for key, size in figure_sizes(response.json(), callback).items():
                sizes[key] = max(size, sizes.get(key, 0))
    for _ in range(n_hit):
        elapsed, response = timed_post(client, first_body)
        if response.status_code != 200:
            errors += 1
            continue
        hit.append(elapsed)
    return {"miss": miss, "miss_any": miss_any, "hit": hit, "sizes": sizes, "errors": errors}


# --------------------------------------------------------------------------- load


async def simulated_user(
    client: LeanClient,
    callbacks: list[Callback],
    deadline: float,
    think: tuple[float, float],
    rng: random.Random,
    latencies: list,
    by_callback: dict,
    errors: list,
    address: str = "",
    timeline: list | None = None,
) -> None:
    """Move random sliders until ``deadline``; each move fires every callback listening to it.

    A released slider changes both its ``value`` and its ``drag_value`` (some callbacks follow the drag).
    ``address``: sent as ``X-Forwarded-For`` (the server trusts one proxy hop), so the rate limit
    counts each simulated user separately, as it would count students on their own machines.
    ``timeline`` collects ``(seconds since start, latency or None for an error, hash of the body)``.
    """
    headers = {"Content-Type": "application/json"}
    if address:
        headers["X-Forwarded-For"] = address
    started = time.monotonic()
    state: dict[str, object] = {}
    sliders: dict[str, tuple[float, float, float]] = {}  # component id -> range
    for callback in callbacks:
        for index, input_id in enumerate(callback.input_ids):
            state.setdefault(input_id, callback.values[index])
            if index in callback.sliders:
                sliders[input_id.rsplit(".", 1)[0]] = callback.sliders[index]
    slider_ids = sorted(sliders)
    await asyncio.sleep(rng.uniform(0, think[1]))  # users do not all start in the same millisecond
    while time.monotonic() < deadline:
        component = rng.choice(slider_ids)
        low, high, step = sliders[component]
        position = snap(rng.uniform(low, high), low, high, step)
        moved = [f"{component}.{prop}" for prop in ("value", "drag_value")]
        state.update(dict.fromkeys(moved, position))
        listeners = [cb for cb in callbacks if set(moved) & set(cb.input_ids)]

        async def fire(callback: Callback, moved: list[str] = moved) -> None:
            changed = [i for i in moved if i in callback.input_ids]
            body = callback.body([state[i] for i in callback.input_ids], changed=changed)
            start = time.perf_counter()
            elapsed = None
            data = json.dumps(body)
            try:
                status, _ = await client.request("POST", UPDATE_PATH, data, headers)
                if status in (200, 204):
                    elapsed = time.perf_counter() - start
                    latencies.append(elapsed)
                    by_callback.setdefault(callback.name, []).append(elapsed)
                else:
                    errors.append(f"HTTP {status} {callback.name}")
            except FAILURES as error:
                errors.append(f"{type(error).__name__} {callback.name}")
            if timeline is not None:
                timeline.append((time.monotonic() - started, elapsed, hash(data)))

        await asyncio.gather(*(fire(cb) for cb in listeners))
        await asyncio.sleep(rng.uniform(*think))


async def load_run(
    base_url: str,
    callbacks: list[Callback],
    users: int,
    duration_s: float,
    think: tuple[float, float],
    seed: int,
    cache_dir: Path | None = None,
) -> dict:
    latencies: list[float] = []
    by_callback: dict[str, list[float]] = {}
    errors: list[str] = []
    timeline: list = []
    cache_samples: list = []
    client = LeanClient(base_url, connections=2 * users, timeout_s=30.0)  # two listeners of a move at once
    deadline = time.monotonic() + duration_s
    started = time.monotonic()
    tasks = [
        simulated_user(
            client,
            callbacks,
            deadline,
            think,
            random.Random(seed + k),
            latencies,
            by_callback,
            errors,
            address=user_address(k),
            timeline=timeline,
        )
        for k in range(users)
    ]
    if cache_dir is not None:
        tasks.append(sample_cache(cache_dir, deadline, cache_samples))
    # Bounded in time even if the server hangs: duration + one request timeout.
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration_s + 60)
    wall = time.monotonic() - started
    client.close()
    return {
        "latencies": latencies,
        "by_callback": by_callback,
        "errors": errors,
        "wall_s": wall,
        "timeline": timeline,
        "cache": cache_samples,
    }


def user_address(k: int) -> str:
    """A distinct loopback address per simulated user (only ever a header value, never a target)."""
    return f"127.{k // 65536 % 254 + 1}.{k // 256 % 256}.{k % 256}"


async def sample_cache(cache_dir: Path, deadline: float, samples: list, every_s: float = 60.0) -> None:
    """Entries and bytes of the SQLite figure cache, once a minute (read-only)."""
    import sqlite3

    started = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(min(every_s, max(0.0, deadline - time.monotonic())))
        try:
            with sqlite3.connect(f"file:{cache_dir / 'cache.db'}?mode=ro", uri=True, timeout=5) as con:
                entries = con.execute("SELECT count(*) FROM Cache").fetchone()[0]
            size = sum(f.stat().st_size for f in cache_dir.iterdir() if f.is_file())
            samples.append((time.monotonic() - started, entries, size))
        except (sqlite3.Error, OSError):
            pass


# --------------------------------------------------------------------------- cold start


def cold_start(tmp: Path, env: dict, workers: int | None) -> tuple[float, float, object, str, Path]:
    """Seconds from launching gunicorn to /healthz and to every figure of the page served."""
    start = time.perf_counter()
    process, base_url, log_path = launch_gunicorn(tmp, env, workers=workers, cache_dir=tmp / "cache")
    wait_healthy(process, base_url, log_path, timeout_s=300)
    healthy = time.perf_counter() - start
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for callback in discover_live(base_url):
            if callback.figure_outputs:
                client.post(UPDATE_PATH, json=callback.body()).raise_for_status()
    every_figure = time.perf_counter() - start
    return healthy, every_figure, process, base_url, log_path


# --------------------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="simulated concurrent users in the load run")
    parser.add_argument("--duration", type=float, default=60.0, help="load run length in seconds")
    parser.add_argument("--think-min", type=float, default=0.5, help="shortest pause between two moves (s)")
    parser.add_argument("--think-max", type=float, default=2.0, help="longest pause between two moves (s)")
    parser.add_argument("--miss", type=int, default=40, help="cache-miss requests per figure callback")
    parser.add_argument("--hit", type=int, default=60, help="cache-hit requests per figure callback")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (0: gunicorn.conf.py's default, one per CPU)"
    )
    parser.add_argument(
        "--redis-url", default="", help="serve with REDIS_URL set (default: file-system cache)"
    )
    parser.add_argument(
        "--cold-numba",
        action="store_true",
        help="cold start with an empty NUMBA_CACHE_DIR (first deploy: kernels compile)",
    )
    parser.add_argument("--skip-load", action="store_true", help="no load run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", dest="json_path", default="", help="also write the numbers to this file")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when a target is missed (default: report only, like the "
        "other bench scripts, so `make bench` runs them all)",
    )
    parser.add_argument(
        "--fuzz",
        action="store_true",
        help="afterwards run tests/test_serving_fuzz.py with its full counts (FUZZ_FULL=1)",
    )
    parser.add_argument(
        "--soak",
        action="store_true",
        help="soak mode: only the load run (default 600 s), reported per minute, with the "
        "production rate limit and one client address per simulated user",
    )
    parser.add_argument(
        "--burst",
        type=int,
        default=0,
        metavar="N",
        help="burst mode: N first visits at once (bytes per visit, time to serve them all)",
    )
    parser.add_argument(
        "--fairness", action="store_true", help="fairness mode: light users alone and beside one heavy client"
    )
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="put Debian's nginx (deploy/nginx template) in front and drive it instead",
    )
    args = parser.parse_args(argv)
    if args.soak and "--duration" not in " ".join(argv if argv is not None else sys.argv):
        args.duration = 600.0
    any_mode = args.soak or args.burst or args.fairness
    if args.users < 1 or args.duration <= 0 or args.think_min < 0 or args.think_max < args.think_min:
        parser.error("need users >= 1, duration > 0 and 0 <= think-min <= think-max")

    env = {
        "NUMBA_CACHE_DIR": os.environ.get("NUMBA_CACHE_DIR", str(ROOT / ".numba-cache")),
        "PROXY_HOPS": "1",
    }
    if not args.soak:  # the per-callback runs hammer from one address: measure serving, not the limiter
        env["RATE_LIMIT"] = "1000000/minute"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    results: dict = {"workers": args.workers or "default"}
    with tempfile.TemporaryDirectory(prefix="bench-serving-") as tmp_name:
        tmp = Path(tmp_name)
        if args.cold_numba:
            env["NUMBA_CACHE_DIR"] = str(tmp / "numba-cache")
        healthy_s, first_s, process, base_url, _log_path = cold_start(tmp, env, args.workers)
        results["cold_start"] = {
            "healthz_s": healthy_s,
            "every_figure_s": first_s,
            "numba_cache": "empty" if args.cold_numba else env["NUMBA_CACHE_DIR"],
        }
        nginx = None
        try:
            callbacks = discover_live(base_url)
            figure_callbacks = [cb for cb in callbacks if cb.figure_outputs]
            print(
                f"gunicorn at {base_url}; {len(callbacks)} server callbacks, "
                f"{len(figure_callbacks)} with figures: {', '.join(cb.name for cb in figure_callbacks)}",
                flush=True,
            )
            app_url = base_url
            if args.nginx:
                nginx, base_url = start_nginx(tmp / "nginx", base_url)
                print(f"nginx in front at {base_url}", flush=True)
            if any_mode:
                results["modes"] = run_modes(
                    args,
                    base_url,
                    callbacks,
                    tmp / "cache",
                    app_url,
                    str(tmp / "nginx") if args.nginx else "",
                )
                return report_modes(results["modes"], args)
            per_callback = {}
            with httpx.Client(base_url=base_url, timeout=60) as client:
                for k, callback in enumerate(figure_callbacks):
                    per_callback[label(callback)] = measure_callback(
                        client, callback, args.miss, args.hit, args.seed + k
                    )
            results["callbacks"] = per_callback
            print("slider moves in headless Chromium ...", flush=True)
            results["browser"] = browser_moves(base_url)
            if not args.skip_load:
                print(
                    f"load run: {args.users} users x {args.duration:g} s "
                    f"(think {args.think_min:g}-{args.think_max:g} s) ...",
                    flush=True,
                )
                results["load"] = asyncio.run(
                    load_run(
                        base_url,
                        callbacks,
                        args.users,
                        args.duration,
                        (args.think_min, args.think_max),
                        args.seed,
                    )
                )
        finally:
            if nginx is not None:
                stop_nginx(nginx)
            stop_gunicorn(process)
        failures = print_report(results, args)
        if args.json_path:
            Path(args.json_path).write_text(json.dumps(summary(results), indent=2))
    if args.fuzz:
        fuzz_env = dict(os.environ, FUZZ_FULL="1", **env)
        code = subprocess.call(
            [sys.executable, "-m", "pytest", "-q", "tests/test_serving_fuzz.py"], cwd=ROOT, env=fuzz_env
        )
        if code != 0:
            return code
    return 1 if failures and args.strict else 0


def run_modes(
    args, base_url: str, callbacks: list[Callback], cache_dir: Path, app_url: str, nginx_prefix: str
) -> dict:
    """The soak / burst / fairness runs asked for (issue 12); see bench/_serving_modes.py."""
    out: dict = {}
    if args.burst:
        visit = modes.record_first_visit(base_url)
        print(f"burst: {args.burst} first visits at once ({len(visit)} requests each) ...", flush=True)
        cpu_before = modes.server_cpu_s(app_url, nginx_prefix)
        out["burst"] = modes.burst(base_url, visit, args.burst)
        out["burst"]["server_cpu_s"] = modes.server_cpu_s(app_url, nginx_prefix) - cpu_before
    if args.fairness:
        light = next(cb for cb in callbacks if cb.figure_outputs and cb.figure_outputs[0].startswith("phase"))
        heavy = next(
            cb for cb in callbacks if cb.figure_outputs and cb.figure_outputs[0].startswith("spectra")
        )
        print("fairness: light users alone, then beside a heavy client ...", flush=True)
        out["fairness"] = asyncio.run(modes.fairness(base_url, light, heavy, seed=args.seed))
        out["fairness_names"] = (light.name, heavy.name)
    if args.soak:
        print(
            f"soak: {args.users} users x {args.duration:g} s (think {args.think_min:g}-{args.think_max:g} s), "
            f"distinct points ...",
            flush=True,
        )
        cpu_before, client_before = modes.server_cpu_s(app_url), time.process_time()
        load = asyncio.run(
            load_run(
                base_url,
                callbacks,
                args.users,
                args.duration,
                (args.think_min, args.think_max),
                args.seed,
                cache_dir=cache_dir,
            )
        )
        cpu_s, client_s = modes.server_cpu_s(app_url) - cpu_before, time.process_time() - client_before
        distinct = len({point for _, _, point in load["timeline"]}) / max(1, len(load["timeline"]))
        out["soak"] = {
            "rows": modes.per_minute(load["timeline"], load["cache"]),
            "errors": load["errors"][:20],
            "requests": len(load["timeline"]),
            "distinct": distinct,
            "server_cpu_ms_per_request": cpu_s * 1e3 / max(1, len(load["timeline"])),
            "client_cpu_ms_per_request": client_s * 1e3 / max(1, len(load["timeline"])),
            "requests_per_s": len(load["timeline"]) / args.duration,
        }
    return out


def report_modes(out: dict, args) -> int:
    failures = 0
    if "burst" in out:
        failures += modes.print_burst(out["burst"])
    if "fairness" in out:
        modes.print_fairness(out["fairness"], *out["fairness_names"])
    if "soak" in out:
        failures += modes.print_soak(out["soak"]["rows"], out["soak"]["distinct"])
        cpu_ms = out["soak"]["server_cpu_ms_per_request"]
        print(
            f"server CPU per callback request (gunicorn master + workers, user + system): {cpu_ms:.1f} ms, "
            f"i.e. ~{2000 / cpu_ms:.0f} requests/s on 2 idle cores; the users asked for "
            f"{out['soak']['requests_per_s']:.0f}/s; the client's own CPU {out['soak']['client_cpu_ms_per_request']:.1f} "
            "ms per request, on the same cores"
        )
        if out["soak"]["errors"]:
            print("first errors:", out["soak"]["errors"][:5])
    print(
        f"\n({os.cpu_count()} CPUs, load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the end; "
        f"{'nginx in front; ' if args.nginx else ''}loopback, client on the same machine; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})"
    )
    if args.json_path:
        slim = {k: v for k, v in out.items() if k != "fairness"}
        if "fairness" in out:
            f = out["fairness"]
            slim["fairness"] = {k: v for k, v in f.items() if k not in ("alone", "contended")}
            for key in ("alone", "contended"):
                slim["fairness"][f"{key}_p50_ms"] = modes.percentile(f[key], 50) * 1e3
                slim["fairness"][f"{key}_p95_ms"] = modes.percentile(f[key], 95) * 1e3
        Path(args.json_path).write_text(json.dumps(slim, indent=2))
    return 1 if failures and args.strict else 0


def summary(results: dict) -> dict:
    out = {"cold_start": results["cold_start"], "callbacks": {}, "browser": results.get("browser")}
    for name, r in results.get("callbacks", {}).items():
        out["callbacks"][name] = {
            "miss_median_ms": statistics.median(r["miss"]) * 1e3 if r["miss"] else None,
            "miss_p95_ms": percentile(r["miss"], 95) * 1e3,
            "miss_any_median_ms": statistics.median(r["miss_any"]) * 1e3 if r["miss_any"] else None,
            "miss_any_p95_ms": percentile(r["miss_any"], 95) * 1e3,
            "hit_median_ms": statistics.median(r["hit"]) * 1e3 if r["hit"] else None,
            "hit_p95_ms": percentile(r["hit"], 95) * 1e3,
            "figure_bytes": r["sizes"],
            "errors": r["errors"],
        }
    if "load" in results:
        lat = results["load"]["latencies"]
        out["load"] = {
            "requests": len(lat),
            "errors": len(results["load"]["errors"]),
            "p50_ms": percentile(lat, 50) * 1e3,
            "p95_ms": percentile(lat, 95) * 1e3,
            "p99_ms": percentile(lat, 99) * 1e3,
            "wall_s": results["load"]["wall_s"],
        }
    return out


def print_report(results: dict, args) -> int:
    failures = 0
    rows = []

    def row(label: str, value: str, target: str, ok: bool | None) -> None:
        nonlocal failures
        status = "" if ok is None else ("OK" if ok else "ABOVE TARGET")
        failures += ok is False
        rows.append((label, value, target, status))

    kinds = (
        ("miss", "miss", "miss_p95_ms"),
        ("miss_any", "miss, choices too", "miss_p95_ms"),
        ("hit", "hit", "hit_p95_ms"),
    )
    for name, r in results.get("callbacks", {}).items():
        for kind, what, target in kinds:
            if r[kind]:
                med, p95 = statistics.median(r[kind]) * 1e3, percentile(r[kind], 95) * 1e3
                row(
                    f"{name}: {what}: median / p95",
                    f"{med:.1f} / {p95:.1f} ms",
                    f"p95 <= {TARGETS[target]:g} ms",
                    p95 <= TARGETS[target],
                )
        for figure_id, size in sorted(r["sizes"].items()):
            row(
                f"{figure_id}: payload (largest seen)",
                f"{size / 1e3:.1f} kB",
                f"<= {TARGETS['figure_kB']:g} kB",
                size / 1e3 <= TARGETS["figure_kB"],
            )
        if r["errors"]:
            row(f"{name}: non-200 answers", str(r["errors"]), "0", False)
    if "load" in results:
        load = results["load"]
        lat = load["latencies"]
        p50, p95, p99 = (percentile(lat, q) * 1e3 for q in (50, 95, 99))
        row(
            f"load {args.users} users x {args.duration:g} s: p50 / p95 / p99",
            f"{p50:.0f} / {p95:.0f} / {p99:.0f} ms",
            f"p95 <= {TARGETS['load_p95_ms']:g} ms",
            p95 <= TARGETS["load_p95_ms"],
        )
        row("load: requests answered (rate)", f"{len(lat)} ({len(lat) / load['wall_s']:.1f}/s)", "", None)
        for name, samples in sorted(load["by_callback"].items()):
            row(
                f"load, {name[:40]}: n / p50 / p95",
                f"{len(samples)} / {percentile(samples, 50) * 1e3:.0f} / "
                f"{percentile(samples, 95) * 1e3:.0f} ms",
                "",
                None,
            )
        row("load: errors", str(len(load["errors"])), "0", not load["errors"])
    moves = results.get("browser")
    if moves:
        most = max(moves["callbacks_per_E_F_step"])
        row(
            "E_F step: server callbacks (most of 10)",
            str(most),
            f"<= {TARGETS['callbacks_per_move']}",
            most <= TARGETS["callbacks_per_move"],
        )
        largest = max(moves["phase_response_bytes"]) / 1e3
        row(
            "E_F step: phase response (largest)",
            f"{largest:.1f} kB",
            f"<= {TARGETS['phase_move_kB']:g} kB",
            largest <= TARGETS["phase_move_kB"],
        )
        row(
            "E_F drag: phase / vertex requests before release",
            f"{moves['drag_phase_requests']} / {moves['drag_vertex_requests']}",
            "> 0 / 0",
            moves["drag_phase_requests"] > 0 and moves["drag_vertex_requests"] == 0,
        )
    elif "browser" in results:
        row("slider moves in Chromium", "skipped (no Playwright/Chromium)", "", None)
    cold = results["cold_start"]
    row("cold start: launch -> /healthz", f"{cold['healthz_s']:.2f} s", "", None)
    row(
        "cold start: launch -> every figure served",
        f"{cold['every_figure_s']:.2f} s",
        f"<= {TARGETS['cold_start_s']:g} s",
        cold["every_figure_s"] <= TARGETS["cold_start_s"],
    )
    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'measure':<{width}}  {'value':>22}  {'target':<18}  status")
    print("-" * (width + 52))
    for label, value, target, status in rows:
        print(f"{label:<{width}}  {value:>22}  {target:<18}  {status}")
    if "load" in results and results["load"]["errors"]:
        print("first load errors:", results["load"]["errors"][:5])
    print(
        f"\n(gunicorn workers: {results['workers']}; numba cache: {cold['numba_cache']}; "
        f"{os.cpu_count()} CPUs; loopback; client in the same machine)"
    )
    return failures


if __name__ == "__main__":
    sys.exit(main())
