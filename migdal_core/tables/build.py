"""Rebuild the shipped tables: ``python -m migdal_core.tables.build {eliashberg_tc,vertex_curves,polaron_crossover,
polaron_mass,mermin_k_integral,all}``.

The one place that computes tables; the lookup modules only read them. The Eliashberg table takes
about 4 minutes on 2 cores, the vertex curves a few minutes, the polaron crossover
a few minutes (the adiabatic end dominates), the polaron mass about a minute.
"""

from __future__ import annotations

import argparse
import math
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from migdal_core import constants, polaron_dmft, spectra, tc, vertex
from migdal_core.dielectric import DEFAULT_GAMMA_EV
from migdal_core.spectra import ionization
from migdal_core.spectra.zion import ZION_MODELS
from migdal_core.tables import (
    eliashberg_tc,
    mermin_k_integral,
    polaron_crossover,
    polaron_mass,
    vertex_curves,
)


def _eliashberg_row(i: int) -> list[float]:
    grid = eliashberg_tc
    lam = i / grid.STEPS_PER_UNIT
    if lam == 0.0:  # no coupling, no superconductivity (tc_eliashberg answers before the lookup)
        return [0.0] * (grid.MU_STAR_STEPS + 1)
    return [
        tc.solve_eliashberg(lam, j / grid.STEPS_PER_UNIT, grid.CUTOFF, grid.XTOL)
        for j in range(grid.MU_STAR_STEPS + 1)
    ]


def build_eliashberg_tc(path: Path = eliashberg_tc.TABLE_PATH, workers: int = 2) -> None:
    """Solve every (lambda, mu*) grid point and write the table."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        table = np.array(list(pool.map(_eliashberg_row, range(eliashberg_tc.LAMBDA_STEPS + 1))))
    if not np.all(np.isfinite(table)) or math.fsum(table.ravel()) <= 0.0:
        raise RuntimeError("Eliashberg table has non-finite entries")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        Tc_over_omega_E=table,
        steps_per_unit=eliashberg_tc.STEPS_PER_UNIT,
        cutoff=eliashberg_tc.CUTOFF,
        xtol=eliashberg_tc.XTOL,
    )


def build_vertex_curves(path: Path = vertex_curves.TABLE_PATH) -> None:
    """Compute P_V and P_C on the (eta, Q_c) grid for both frequency configurations and write them."""
    qc, etas = vertex_curves.QC_GRID, vertex_curves.ETA_GRID
    arrays: dict[str, np.ndarray] = {"Qc": qc, "eta": etas}
    for frequencies in vertex_curves.FREQUENCIES:
        arrays[f"P_V_{frequencies}"] = np.array([vertex.vertex_PV(eta, qc, frequencies) for eta in etas])
        arrays[f"P_C_{frequencies}"] = np.array([vertex.vertex_PC(eta, qc, frequencies) for eta in etas])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)


def build_polaron_crossover(path: Path = polaron_crossover.TABLE_PATH, workers: int = 2) -> None:
    """Solve the DMFT polaron crossover at every omega_0/D of the grid and write it."""
    ratios = polaron_crossover.RATIO_GRID
    with ProcessPoolExecutor(max_workers=workers) as pool:  # the slow adiabatic end first
        crossover = np.array(list(pool.map(polaron_dmft.crossover_lambda0, ratios.tolist())))
    if not (np.all(np.isfinite(crossover)) and np.all(np.diff(crossover) > 0)):
        raise RuntimeError("polaron crossover table is not finite and increasing")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, omega_over_D=ratios, lambda_c=crossover)


def _polaron_mass_row(ratio: float) -> list[float]:
    """gamma = ln(m*/m)/alpha^2 along S_GRID at omega_0/D = ratio, frozen from where ln(m*/m) reaches
    LOG_MASS_TRUSTED on (:mod:`migdal_core.tables.polaron_mass`: the solver saturates deeper)."""
    grid, cap = polaron_mass.S_GRID, polaron_mass.LOG_MASS_TRUSTED
    crossover = polaron_crossover.crossover_lambda0(ratio)
    gammas: list[float] = []
    previous = (0.0, 0.0)  # (s, ln m*/m) of the last node solved
    for s in grid:
        alpha_squared = s * crossover / ratio
        log_mass = math.log(polaron_dmft.mass_ratio(s * crossover, ratio))
        if log_mass < cap:
            gammas.append(log_mass / alpha_squared)
            previous = (s, log_mass)
            continue
        # where ln(m*/m) crosses the cap (linear between the nodes), and gamma there for the rest of the row
        s0, l0 = previous
        s_star = s0 + (s - s0) * (cap - l0) / (log_mass - l0)
        gamma_star = cap * ratio / (s_star * crossover)
        return gammas + [gamma_star] * (len(grid) - len(gammas))
    return gammas


def build_polaron_mass(path: Path = polaron_mass.TABLE_PATH, workers: int = 2) -> None:
    """Solve the DMFT polaron mass on the (omega_0/D, lambda_0/lambda_c) grid and write gamma."""
    ratios = polaron_crossover.RATIO_GRID
    with ProcessPoolExecutor(max_workers=workers) as pool:
        gamma = np.array(list(pool.map(_polaron_mass_row, ratios.tolist())))
    if not (np.all(np.isfinite(gamma)) and np.all(gamma > 0.0) and np.all(gamma <= 1.0 + 1e-6)):
        raise RuntimeError("polaron mass table: gamma = ln(m*/m)/alpha^2 outside (0, 1]")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, omega_over_D=ratios, s=polaron_mass.S_GRID, gamma=gamma)


def build_mermin_k_integral(path: Path = mermin_k_integral.TABLE_PATH) -> None:
    """The Mermin-Levine-Louie k integral on the w grid for Si, Ge, every Z_ion model and convention set."""
    grid = mermin_k_integral
    arrays: dict[str, np.ndarray] = {"w_eV": grid.W_GRID, "gamma_eV": np.array(DEFAULT_GAMMA_EV)}
    for target, data in spectra.CRYSTALS.items():
        arrays[f"{target}_E_gap_eV"] = np.array(data["E_gap_eV"])
        omegas = np.sqrt(grid.W_GRID**2 + data["E_gap_eV"] ** 2)
        for conventions, cs in constants.CONVENTIONS.items():
            for zion in ZION_MODELS:
                inputs = spectra.resolve(target, elf="mermin", zion=zion, conventions=conventions)
                values = ionization.mermin_k_integral(omegas, inputs, grid.K_PANELS)
                if not np.all(values > 0):
                    raise RuntimeError(f"non-positive Mermin k integral for {target} {zion} {conventions}")
                arrays[grid.key(target, zion, cs["m_e_eV"], cs["alpha"])] = values
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Rebuild the tables shipped in migdal_core/data.")
    parser.add_argument(
        "table",
        choices=(
            "eliashberg_tc",
            "vertex_curves",
            "polaron_crossover",
            "polaron_mass",
            "mermin_k_integral",
            "all",
        ),
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for the Eliashberg and polaron tables"
    )
    args = parser.parse_args(argv)
    if args.table in ("eliashberg_tc", "all"):
        build_eliashberg_tc(workers=args.workers)
    if args.table in ("vertex_curves", "all"):
        build_vertex_curves()
    if args.table in ("polaron_crossover", "all"):
        build_polaron_crossover(workers=args.workers)
    if args.table in ("polaron_mass", "all"):
        build_polaron_mass(workers=args.workers)
    if args.table in ("mermin_k_integral", "all"):
        build_mermin_k_integral()


if __name__ == "__main__":
    main()
