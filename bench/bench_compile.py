"""Benchmark: cold numba compile of the start-up warm-up, per task and per kernel (issue 11 item 4).

Run:  nice .venv/bin/python bench/bench_compile.py [--repeats 1] [--kernels 12]

Each task of :data:`migdal_core.warmup.TASKS` (``module`` or ``module:function``) runs in a fresh interpreter with an empty
``NUMBA_CACHE_DIR`` (one lane of a cold start): the CPU time of its ``warm_up()`` (the compile,
meaningful when other programs load the machine; medians over ``--repeats``), then numba's own
compile timer per kernel (``overloads[...].metadata["timers"]``, nested calls included, so a caller
counts its callees) for the most expensive kernels. The cold start runs the tasks in
``len(TASKS)`` claim order on every core, so its compile part is about the largest of the lanes'
sums when the queue is balanced.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from migdal_core.warmup import DEFERRED, TASKS

CHILD = """
import importlib, json, sys, time
import numba.core.registry
start_import = time.process_time()
name, _, function = sys.argv[1].partition(":")
module = importlib.import_module(name)
imported = time.process_time()
getattr(module, function or "warm_up")()
done = time.process_time()
kernels = {}
for modname, mod in list(sys.modules.items()):
    if not modname.startswith("migdal_core"):
        continue
    for attr, obj in vars(mod).items():
        overloads = getattr(obj, "overloads", None)
        if not isinstance(overloads, dict) or getattr(obj, "__module__", None) != modname:
            continue
        seconds = sum(sum(o.metadata.get("timers", {}).get(k, 0.0) for k in ("compiler_lock",))
                      for o in overloads.values() if getattr(o, "metadata", None))
        if seconds:
            kernels[f"{modname}.{attr}"] = (seconds, len(overloads))
print(json.dumps({"import_s": imported - start_import, "warm_s": done - imported, "kernels": kernels}))
"""


def run_task(task: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="numba-cold-") as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, task], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--kernels", type=int, default=12)
    args = parser.parse_args()
    total, kernels = 0.0, {}
    print(
        f"load average {os.getloadavg()[0]:.2f}; CPU seconds, empty numba cache, fresh interpreter per task"
    )
    for task in TASKS:
        runs = [run_task(task) for _ in range(args.repeats)]
        warm = statistics.median(r["warm_s"] for r in runs)
        imported = statistics.median(r["import_s"] for r in runs)
        total += warm + imported
        for name, (seconds, count) in runs[-1]["kernels"].items():
            kernels[name] = max(kernels.get(name, (0.0, 0)), (seconds, count))
        print(f"  {task:<34s} compile (warm_up) {warm:6.2f} s   import {imported:5.2f} s")
    print(f"  serial sum {total:.2f} s; with 2 cores at best {total / 2:.2f} s")
    for task in DEFERRED:  # compiled in the background after a server's start-up (migdal_core.warmup)
        run = run_task(task)
        print(f"  deferred: {task:<34s} compile {run['warm_s']:6.2f} s   import {run['import_s']:5.2f} s")
    print("most expensive kernels (numba compile timer, callees included; specialisations):")
    for name, (seconds, count) in sorted(kernels.items(), key=lambda kv: -kv[1][0])[: args.kernels]:
        print(f"  {seconds:6.2f} s  {name}  ({count})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
