"""Benchmark: 300 x 300 regime diagram (numpy) and the full phase figure.

Run: ``.venv/bin/python bench/bench_regimes.py``. Target (issue 3): the
diagram well under 50 ms after warm-up.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._timing import median_seconds, report
from components.phase_panel import phase_figure
from migdal_core import regimes


def main() -> None:
    etas = np.logspace(-4, 2, 300)
    lambdas = np.linspace(0, 4, 300)
    report(
        "regime_grid 300 x 300 (numpy)",
        median_seconds(lambda: regimes.regime_grid(etas, lambdas), 50),
        target_s=0.050,
    )
    rng = np.random.default_rng(0)
    report(
        "phase_figure (new point each call, no cache)",
        median_seconds(lambda: phase_figure(2e-5, float(rng.uniform(0.01, 10)), 0.03, 0.5, 1), 20),
    )


if __name__ == "__main__":
    main()
