"""Benchmark: the spectra panel's callback on cache misses, without the server (issue 13).

Run:  nice .venv/bin/python bench/bench_spectra_panel.py [--miss 30] [--seed 7] [--slowest 5]

What ``bench_serving.py`` times as "spectra-graph (+3 figs): miss" minus HTTP and JSON: the
panel's :func:`components.spectra_panel.view` (spectrum, dR/dQ, atom-versus-crystal overlay,
reach, rates table and modulation) for random inputs, every slider on a new grid position, first
with the default choices, then with every choice (target, ELF, Z_ion, approximation, mediator,
halo, date, shells, constants ...) at random as well. Outside a Flask app the figure cache is
bypassed, so every call is a miss of the figure cache; the in-process memo of I(omega) on
integration segments persists between calls, as in a worker. Prints median and p95 of CPU time
(meaningful on a loaded machine) and wall time, then the slowest calls with their choices.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._timing import percentile
from components import spectra_panel as SP
from components.params import BY_NAME
from migdal_core import spectra

CHOICES_SHOWN = (
    "target",
    "elf",
    "zion",
    "approximation",
    "mediator",
    "halo",
    "date",
    "shells",
    "conventions",
)
TARGET_P95_MS = 150.0


def random_values(rng: random.Random, with_choices: bool) -> dict:
    """Snapped physical values: every slider at a random grid position, the choices at random or default."""
    values = {}
    for spec in SP.SPECS:
        if spec.kind == "choice":
            options = [value for value, _ in spec.options]
            values[spec.name] = rng.choice(options) if with_choices else spec.default
            continue
        low, high = (spec.to_control(spec.low), spec.to_control(spec.high))
        values[spec.name] = spec.from_control(rng.uniform(low, high))
    values["lecture"], values["theme"] = BY_NAME["lecture"].default, BY_NAME["theme"].default
    return values


def run(rng: random.Random, n: int, with_choices: bool) -> list[tuple[float, float, dict]]:
    timings = []
    for _ in range(n):
        values = random_values(rng, with_choices)
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            SP.view(values)
        except ValueError:
            pass  # shown in the UI as a message, timed like any other answer
        timings.append((time.process_time() - cpu, time.perf_counter() - wall, values))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--miss", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    spectra.warm_up()
    print(f"warm_up (numba compile or cache load): {time.perf_counter() - start:.2f} s")
    rng = random.Random(args.seed)
    for label, with_choices in (("sliders only", False), ("choices too", True)):
        timings = run(rng, args.miss, with_choices)
        cpu = [t[0] * 1e3 for t in timings]
        wall = [t[1] * 1e3 for t in timings]
        verdict = "met" if percentile(cpu, 95) <= TARGET_P95_MS else "NOT met"
        print(
            f"spectra view, miss, {label} ({args.miss} calls): CPU median / p95 "
            f"{statistics.median(cpu):.0f} / {percentile(cpu, 95):.0f} ms, wall "
            f"{statistics.median(wall):.0f} / {percentile(wall, 95):.0f} ms "
            f"(target p95 <= {TARGET_P95_MS:.0f} ms: {verdict})"
        )
        for cpu_s, _, values in sorted(timings, key=lambda t: -t[0])[: args.slowest]:
            shown = " ".join(f"{name}={values[name]}" for name in CHOICES_SHOWN)
            print(f"   {cpu_s * 1e3:6.0f} ms  m_chi={values['m_chi_MeV']:g} MeV  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
