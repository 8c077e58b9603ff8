"""Benchmark (not a test): 40-point P_V curve and one Eliashberg T_c solve.

Run: ``.venv/bin/python bench/bench_vertex_tc.py``. Prints medians after
warm-up; every repetition uses a new eta (or lambda) so nothing is cached.
Also prints the default rule's deviation from a high-order run.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migdal_core import tc, vertex


def _median_ms(fn, args_list):
    times = []
    for args in args_list:
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times)


def main() -> None:
    t0 = time.perf_counter()
    vertex.warm_up()
    tc.warm_up()
    print(f"warm_up: {1e3 * (time.perf_counter() - t0):.0f} ms")
    qcs = np.linspace(0.025, 1.0, 40)
    etas = np.geomspace(0.01, 2.0, 11)
    for freq in ("dynamic", "static"):
        ms = _median_ms(lambda e, f=freq: vertex.vertex_PV(e, qcs, f), [(e,) for e in etas])
        print(f"P_V curve, 40 Q_c points, {freq:7s}: median {ms:7.1f} ms")
    ms = _median_ms(lambda e: vertex.vertex_PC(e, qcs), [(e,) for e in etas[:5]])
    print(f"P_C curve, 40 Q_c points, dynamic: median {ms:7.1f} ms")
    lams = np.linspace(0.5, 2.0, 11)
    ms = _median_ms(lambda lam: tc.tc_eliashberg(lam, 0.1), [(lam,) for lam in lams])
    print(f"Eliashberg T_c solve (mu*=0.1, cutoff 15 w_E): median {ms:7.2f} ms")
    for freq in ("dynamic", "static"):
        for eta in (0.1, 1.0):
            fast = vertex.vertex_PV(eta, qcs, freq)
            ref = vertex.vertex_PV(eta, qcs, freq, orders=(16, 18, 18, 18))
            print(
                f"quadrature error {freq:7s} eta={eta}: max |default - high order| = {np.abs(fast - ref).max():.4f}"
            )


if __name__ == "__main__":
    main()
