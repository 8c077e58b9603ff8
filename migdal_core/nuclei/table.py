"""Precomputed curves of the default chain for the web view (N = 1 ... 128), and their builder.

The N = 64 chain takes seconds to diagonalise (a dense 1511-point DVR), so the view reads
``migdal_core/data/nuclei_chain.npz``, written by ``python -m migdal_core.nuclei.table`` from
:mod:`migdal_core.nuclei.spectrum`; tests/test_nuclei.py checks entries against a fresh solve.
Every quantity is per unit (q a0)^2 (m/M)^2.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from migdal_core.nuclei.chain import ChainModel
from migdal_core.nuclei.spectrum import (
    BULK_CELLS,
    DEFAULT_WIDTH_EV,
    bulk_spectrum,
    bulk_summary,
    chain_spectrum,
    chain_summary,
)

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "nuclei_chain.npz"
N_VALUES = (1, 2, 4, 8, 16, 32, 64, 128)
KICKED = ("end", "middle")
OMEGA_EV = np.linspace(0.0, 60.0, 481)
SCALARS = (
    "P_ad",
    "P_na",
    "P_total",
    "P_interference",
    "adiabatic_fraction",
    "nonadiabatic_fraction",
    "frame_check",
    "gap_eV",
)
PARTS = ("adiabatic", "nonadiabatic", "total")


def build(path: Path = TABLE_PATH) -> None:
    """Solve every N of ``N_VALUES`` for both kicked sites and the periodic chain; write the table."""
    arrays: dict[str, np.ndarray] = {
        "N": np.array(N_VALUES),
        "omega_eV": OMEGA_EV,
        "width_eV": np.array(DEFAULT_WIDTH_EV),
    }
    for kicked in KICKED:
        summaries = [chain_summary(ChainModel(N=n), kicked) for n in N_VALUES]
        for name in SCALARS:
            arrays[f"{kicked}_{name}"] = np.array([s[name] for s in summaries])
        spectra = [chain_spectrum(ChainModel(N=n), kicked, OMEGA_EV) for n in N_VALUES]
        for part in PARTS:
            arrays[f"{kicked}_dP_{part}"] = np.array([s[part] for s in spectra])
    bulk = bulk_summary(ChainModel(), BULK_CELLS)
    arrays["bulk_P_total"] = np.array(bulk["P_total"])
    arrays["bulk_gap_eV"] = np.array(bulk["gap_eV"])
    arrays["bulk_dP"] = bulk_spectrum(ChainModel(), OMEGA_EV, n_cells=BULK_CELLS)
    np.savez_compressed(path, **arrays)


@lru_cache(maxsize=1)
def load() -> dict[str, np.ndarray]:
    """The precomputed table (read once per process)."""
    with np.load(TABLE_PATH) as data:
        return {key: data[key] for key in data.files}


if __name__ == "__main__":
    build()
    print(f"wrote {TABLE_PATH}")
