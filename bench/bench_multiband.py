"""Benchmark (not a test): one two-band T_c solve and the web view's curves.

Run: ``.venv/bin/python bench/bench_multiband.py``. Prints medians after warm-up. Each repetition
shifts lambda_11 a little so nothing is reused between repetitions (the solver keeps no cache).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._timing import median_seconds, report
from components import multiband_panel as panel
from migdal_core import multiband

LAMBDA, MU = multiband.MGB2["lambda_matrix"], multiband.MGB2["mu_star_matrix"]


def _shifted(counter: list[int]) -> list[float]:
    counter[0] += 1
    return [LAMBDA[0] + 1e-4 * counter[0], *LAMBDA[1:]]


def main() -> None:
    multiband.warm_up()
    counter = [0]
    report(
        "two-band T_c solve, MgB2 (xtol 1e-7, CLI/API)",
        median_seconds(lambda: multiband.two_band_tc(_shifted(counter), MU)),
    )
    report(
        "two-band T_c solve, MgB2 + band 1 vertex (P_V 0.19, P_C -0.12)",
        median_seconds(lambda: multiband.two_band_tc(_shifted(counter), MU, 0.193, -0.120)),
    )
    report(
        "CLI result (tc_two_band with eta1, Qc1: direct P_V/P_C)",
        median_seconds(
            lambda: multiband.tc_two_band(
                _shifted(counter), 0.062, mu_star_matrix_values=MU, eta1=0.14, Qc1=0.3
            ),
            repeats=5,
        ),
    )
    scales = list(panel.SCALES)
    report(
        f"T_c vs interband scale, {len(scales)} points (view's tolerance)",
        median_seconds(
            lambda: multiband.interband_curve(
                _shifted(counter), MU, scales, xtol=panel.CURVE_XTOL, max_matsubara=panel.CURVE_MATSUBARA
            )
        ),
    )
    report(
        f"T_c vs interband scale, {len(scales)} points (xtol 1e-7)",
        median_seconds(
            lambda: multiband.interband_curve(_shifted(counter), MU, scales, xtol=1e-7), repeats=5
        ),
    )

    def view_miss() -> None:  # everything one all-slider move recomputes, uncached
        lam = _shifted(counter)
        couplings = (*lam, 0.129, 0.042, 0.112)
        panel.interband_tc_curve(*couplings, 0.0, 0.0)
        panel.interband_tc_curve(*couplings, 0.193, -0.120)
        panel.eta_tc_curve(*couplings, 0.3, "dynamic")
        panel.eta_band1_curve(lam[0], 0.129, 0.3, "dynamic")
        panel.band1_alone(lam[0], 0.129, 0.193, -0.120)
        panel.band2_alone(0.45, 0.112)

    report(
        "view, all curves and points recomputed (MgB2 point)", median_seconds(view_miss, repeats=10), 0.150
    )


if __name__ == "__main__":
    main()
