"""Builder of ``migdal_core/data/optical_elf_tables.npz`` (the only writer of that file).

    python -m migdal_core.spectra.build_optical_elf      # ~2 minutes on one core

For Si and Ge: the k integral int dk k^2 Z_ion(k)^2 ELF(k, omega) of the optical-data
ELF (:mod:`.optical_elf`) for every Z_ion model, on an omega grid from E_gap to 500 eV,
and a coarse ELF(k, omega) map for the spectra panel's figure.
"""

from __future__ import annotations

import numpy as np

from migdal_core import constants as C
from migdal_core.spectra import ionization as ION
from migdal_core.spectra import optical_elf as O
from migdal_core.spectra import targets as T
from migdal_core.spectra import zion as Z

OMEGA_POINTS = 240
K_POINTS = 320
MAP_K_EV = np.geomspace(30.0, 2.0e4, 70)
MAP_OMEGA_EV = np.linspace(0.25, 60.0, 160)


def omega_grid(target: str) -> np.ndarray:
    """E_gap + log-spaced offsets 1e-3 ... (500 - E_gap) eV."""
    gap = T.CRYSTALS[target]["E_gap_eV"]
    return gap + np.geomspace(1e-3, T.OMEGA_MAX_EV["crystal"] - gap, OMEGA_POINTS)


def k_integrals(target: str, omegas: np.ndarray, k_points: int = K_POINTS) -> dict[str, np.ndarray]:
    """int dk k^2 Z_ion^2 ELF for every Z_ion model (trapezoid in ln k on ``k_points`` nodes)."""
    ln_k = np.linspace(np.log(ION.K_MIN_EV), np.log(ION.K_MAX_EV), k_points)
    k = np.exp(ln_k)
    w_p, weights = O.components(target)
    elf = O.elf_grid(k, omegas, T.CRYSTALS[target]["E_gap_eV"], w_p, weights, C.M_ELECTRON_EV, C.ALPHA_EM)
    out = {}
    for model in Z.ZION_MODELS:
        z2 = Z.zion_of_k(k, target, model) ** 2
        out[model] = np.trapezoid((k**3 * z2)[:, None] * elf, ln_k, axis=0)
    return out


def build() -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for target in T.CRYSTALS:
        omegas = omega_grid(target)
        arrays[f"{target}_omega_eV"] = omegas
        for model, values in k_integrals(target, omegas).items():
            arrays[f"{target}_{model}_k_integral"] = values
        arrays[f"{target}_map_k_eV"] = MAP_K_EV
        arrays[f"{target}_map_omega_eV"] = MAP_OMEGA_EV
        arrays[f"{target}_map_elf"] = O.elf(MAP_K_EV, MAP_OMEGA_EV, target)
    return arrays


if __name__ == "__main__":
    O.TABLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(O.TABLE_PATH, **build())
    print(f"wrote {O.TABLE_PATH}")
