"""P_V(Q_c) and P_C(Q_c) on a log-eta grid, interpolated (lookup only).

Computing a curve directly takes 50-200 ms (:mod:`migdal_core.vertex`); interpolating this table
takes microseconds. ``migdal_core/data/vertex_curves.npz`` holds
:func:`migdal_core.vertex.vertex_PV` and ``vertex_PC`` on ``QC_GRID`` for every eta of
``ETA_GRID`` (1e-6 ... 1e3, 20 points per decade) and both frequency configurations. Between grid
points: a cubic spline in log(eta) per Q_c (agreement with direct computation ~1e-3, well inside
the 0.01 accuracy asked of P_V; tests/test_tables_vertex_curves.py). Below the grid the curves are computed
directly. Rebuilt by ``python -m migdal_core.tables.build vertex_curves``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.interpolate import CubicSpline

from migdal_core import vertex
from migdal_core.validation import in_range, one_of

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "vertex_curves.npz"
QC_GRID = np.round(np.linspace(0.02, 1.0, 50), 4)
ETA_GRID = np.logspace(-6, 3, 181)
FREQUENCIES = ("dynamic", "static")


@lru_cache(maxsize=1)
def _splines() -> dict[str, CubicSpline]:
    with np.load(TABLE_PATH) as table:
        if not (np.array_equal(table["Qc"], QC_GRID) and np.allclose(table["eta"], ETA_GRID)):
            raise RuntimeError(
                f"{TABLE_PATH} does not match the grids of this module: rebuild it "
                "with `python -m migdal_core.tables.build vertex_curves`"
            )
        log_eta = np.log10(table["eta"])
        return {key: CubicSpline(log_eta, table[key], axis=0) for key in table.files if key.startswith("P_")}


def vertex_curves(eta: float, frequencies: str = "dynamic") -> dict[str, list[float]]:
    """P_V and P_C on ``QC_GRID`` for one eta: interpolated from the table inside its eta range,
    computed directly (tens of ms) below it.

    Returns plain lists ``{"Qc": [...], "P_V": [...], "P_C": [...]}``
    (dimensionless, real parts; see :func:`migdal_core.vertex.vertex_PV`).
    """
    eta = in_range("eta", eta, 0.0, float(ETA_GRID[-1]), low_open=True, units="(omega_0/E_F)")
    one_of("frequencies", frequencies, FREQUENCIES)
    if eta < ETA_GRID[0]:
        return {
            "Qc": QC_GRID.tolist(),
            "P_V": vertex.vertex_PV(eta, QC_GRID, frequencies).tolist(),
            "P_C": vertex.vertex_PC(eta, QC_GRID, frequencies).tolist(),
        }
    splines = _splines()
    log_eta = np.log10(eta)
    return {
        "Qc": QC_GRID.tolist(),
        "P_V": splines[f"P_V_{frequencies}"](log_eta).tolist(),
        "P_C": splines[f"P_C_{frequencies}"](log_eta).tolist(),
    }
