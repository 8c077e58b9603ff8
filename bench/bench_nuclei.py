"""Benchmark: the N-nucleus chain (migdal_core.nuclei), N = 64 and the "From atom to crystal" view.

Run:  .venv/bin/python bench/bench_nuclei.py [--repeats N]

Prints medians of
1. the exact solve of the N = 64 chain (1511-point sinc DVR, scipy.linalg.eigh): not interactive,
   which is why the view reads a precomputed table (tests/test_nuclei.py checks it against the solver);
2. the amplitudes and shares of one kicked nucleus given the orbitals;
3. the periodic-chain (Bloch, 128 cells) crystal limit;
4. the view's figure builders at N = 64 on a cache miss (table read once per process): target 150 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._timing import median_seconds, report
from components import nuclei_panel
from migdal_core.nuclei import table
from migdal_core.nuclei.amplitudes import amplitudes
from migdal_core.nuclei.bloch import bloch_lines
from migdal_core.nuclei.chain import ChainModel, solve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    model = ChainModel(N=64)
    report(
        "solve N = 64 chain (eigh, uncached)",
        median_seconds(lambda: solve.__wrapped__(model), repeats=max(1, args.repeats // 2), warmup=0),
    )
    orbitals = solve(model)
    report(
        "amplitudes + shares, N = 64, middle nucleus",
        median_seconds(lambda: amplitudes(orbitals, 32).probabilities(), repeats=args.repeats),
    )
    report(
        "periodic chain, 128 cells (crystal limit)",
        median_seconds(lambda: bloch_lines(ChainModel(), 128), repeats=args.repeats),
    )
    table.load()
    report(
        "view figures at N = 64 (cache miss, table loaded)",
        median_seconds(
            lambda: nuclei_panel.figures(64, "middle", 2.03e-5, "off", "light"), repeats=args.repeats * 4
        ),
        target_s=0.150,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
