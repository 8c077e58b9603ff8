"""Benchmark: server CPU per callback as the soak's users cause it, in one process (issue 12).

Run:  nice .venv/bin/python bench/bench_misses.py [--moves 400] [--users 50] [--only multiband,vertex]

The soak of ``bench_serving.py --soak`` without HTTP and without the machine's load: the app of
``app.create_app`` behind Flask's test client, its SQLite figure cache in a fresh directory, and
``--users`` simulated users taking turns; each moves one random slider (of every server callback's
sliders, as the soak does) to a random grid position and fires every callback that listens to it.
The process CPU time (``time.process_time``, meaningful on a shared machine) of each request is
recorded per callback; ``--only`` keeps the moves whose listeners include one of the named
callbacks (substrings of their first figure id). Prints median, p95 and mean CPU per request.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._timing import percentile
from devtools.dash_client import UPDATE_PATH, discover, snap


def build_client(cache_dir: str):
    os.environ.setdefault("RATE_LIMIT", "1000000/minute")
    from app import create_app
    from components.settings import Settings

    app = create_app(Settings.from_env({"CACHE_DIR": cache_dir, "RATE_LIMIT": "1000000/minute"}))
    return app.server.test_client()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=400, help="slider moves in all")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated callback name fragments")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print cProfile's top N by tottime"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-misses-") as cache_dir:
        started = time.process_time()
        client = build_client(cache_dir)
        print(f"app built and kernels warmed: {time.process_time() - started:.1f} s CPU", flush=True)
        callbacks = discover(client.get("/_dash-dependencies").json, client.get("/_dash-layout").json)
        only = [name for name in args.only.split(",") if name]
        sliders: dict[str, tuple[float, float, float]] = {}
        listeners: dict[str, list] = {}
        for callback in callbacks:
            for index, input_id in enumerate(callback.input_ids):
                if index in callback.sliders:
                    component = input_id.rsplit(".", 1)[0]
                    sliders[component] = callback.sliders[index]
                    if callback not in listeners.setdefault(component, []):
                        listeners[component].append(callback)
        if only:
            sliders = {
                c: r for c, r in sliders.items() if any(f in cb.name for cb in listeners[c] for f in only)
            }
        print(f"{len(sliders)} sliders moved: {', '.join(sorted(sliders))}", flush=True)
        rng = random.Random(args.seed)
        states = []
        for _ in range(args.users):
            state: dict[str, object] = {}
            for callback in callbacks:
                for index, input_id in enumerate(callback.input_ids):
                    state.setdefault(input_id, callback.values[index])
            states.append(state)
        cpu: dict[str, list[float]] = {}
        errors = 0
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        for move in range(args.moves):
            state = states[move % args.users]
            component = rng.choice(sorted(sliders))
            low, high, step = sliders[component]
            moved = [f"{component}.{prop}" for prop in ("value", "drag_value")]
            state.update(dict.fromkeys(moved, snap(rng.uniform(low, high), low, high, step)))
            for callback in listeners[component]:
                changed = [i for i in moved if i in callback.input_ids]
                body = json.dumps(callback.body([state[i] for i in callback.input_ids], changed=changed))
                start = time.process_time()
                response = client.post(UPDATE_PATH, data=body, content_type="application/json")
                cpu.setdefault(callback.name, []).append(1e3 * (time.process_time() - start))
                if response.status_code not in (200, 204):
                    errors += 1
                    shown = {i.split(".")[0]: state[i] for i in callback.input_ids if i.endswith(".value")}
                    print(f"HTTP {response.status_code} from {callback.name} at {shown}", flush=True)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        every = [t for samples in cpu.values() for t in samples]
        print(f"{args.moves} moves, {len(every)} requests, {errors} errors; CPU per request [ms]:")
        print(f"  {'callback':60s} {'n':>5s} {'median':>7s} {'p95':>7s} {'mean':>7s}")
        for name, samples in sorted(cpu.items(), key=lambda item: -sum(item[1])):
            print(
                f"  {name[:60]:60s} {len(samples):5d} {statistics.median(samples):7.1f} "
                f"{percentile(samples, 95):7.1f} {statistics.fmean(samples):7.1f}"
            )
        print(
            f"  {'all':60s} {len(every):5d} {statistics.median(every):7.1f} "
            f"{percentile(every, 95):7.1f} {statistics.fmean(every):7.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
