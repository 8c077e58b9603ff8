"""Totals, shares and spectra dP/domega of the N-nucleus chain, its atom and its crystal limit.

Everything is per unit (q a0)^2 (m/M)^2 (all leading-order probabilities scale so; multiply by
the actual value to get a probability). Lines are broadened by normalised Gaussians of width
``width_eV`` (0.5 eV by default); a final state in the continuum (E_n' > 0) of the finite grid box
gets at least the local spacing of the box levels, so the discretised continuum reads as a density
(for the atom's 50-bohr box that spacing is ~2 eV at omega = 20 eV). Energies in eV.
"""

from __future__ import annotations

import numpy as np

from migdal_core.constants import HARTREE_EV
from migdal_core.nuclei.amplitudes import amplitudes
from migdal_core.nuclei.bloch import bloch_lines
from migdal_core.nuclei.chain import ChainModel, solve
from migdal_core.validation import in_range

DEFAULT_WIDTH_EV = 0.5
BULK_CELLS = 128


def broadened(
    omega_Ha: np.ndarray, weight: np.ndarray, omega_eV: np.ndarray, width_eV: float | np.ndarray
) -> np.ndarray:
    """sum_lines weight * Gaussian(omega - omega_line; width_line) [1/eV] on ``omega_eV``."""
    centre = np.ravel(omega_Ha) * HARTREE_EV
    w = np.ravel(weight)
    sigma = np.broadcast_to(width_eV, np.shape(omega_Ha)).ravel()
    keep = centre < omega_eV[-1] + 6.0 * sigma
    z = (omega_eV[:, None] - centre[None, keep]) / sigma[None, keep]
    return np.exp(-0.5 * z * z) @ (w[keep] / (sigma[keep] * np.sqrt(2.0 * np.pi)))


def line_widths_eV(energies_Ha: np.ndarray, n_occupied: int, width_eV: float) -> np.ndarray:
    """Width of every line [empty n', occupied n]: ``width_eV``, or the box-level spacing if larger
    for continuum final states (module docstring)."""
    in_range("width_eV", width_eV, 0.01, 10.0, units="eV")
    empty = energies_Ha[n_occupied:]
    spacing_eV = np.gradient(empty) * HARTREE_EV
    widths = np.where(empty > 0.0, np.maximum(width_eV, spacing_eV), width_eV)
    return np.repeat(widths[:, None], n_occupied, axis=1)


def chain_summary(model: ChainModel, kicked: str | int = "middle") -> dict:
    """Shares, totals and the frame check for the kicked nucleus (amplitudes module docstring)."""
    orbitals = solve(model)
    amps = amplitudes(orbitals, model.site(kicked))
    return {
        "N": model.N,
        "kicked_index": model.site(kicked),
        "gap_eV": orbitals.gap_Ha * HARTREE_EV,
        **amps.probabilities(),
        "frame_check": amps.frame_check(),
    }


def chain_spectrum(
    model: ChainModel, kicked: str | int, omega_eV: np.ndarray, width_eV: float = DEFAULT_WIDTH_EV
) -> dict[str, np.ndarray]:
    """dP/domega [1/eV, per (q a0)^2 (m/M)^2]: adiabatic, non-adiabatic and total (lab) parts."""
    orbitals = solve(model)
    amps = amplitudes(orbitals, model.site(kicked))
    g = model.spin_degeneracy
    widths = line_widths_eV(orbitals.energies_Ha, model.n_occupied, width_eV)
    return {
        name: broadened(amps.omega_Ha, g * np.abs(a) ** 2, omega_eV, widths)
        for name, a in (
            ("adiabatic", amps.adiabatic),
            ("nonadiabatic", amps.nonadiabatic),
            ("total", amps.lab),
        )
    }


def bulk_model(model: ChainModel) -> ChainModel:
    """The same atoms as ``model`` (N is irrelevant for the periodic chain)."""
    return ChainModel(
        1,
        model.a_bohr,
        model.softening_bohr,
        model.screening_bohr,
        model.Z,
        model.spin_degeneracy,
        model.grid_bohr,
        model.margin_bohr,
    )


def bulk_summary(model: ChainModel, n_cells: int = BULK_CELLS) -> dict:
    """P_total and gap of one kicked nucleus in the periodic chain (crystal limit)."""
    lines = bloch_lines(bulk_model(model), n_cells)
    return {"P_total": lines.P_total, "gap_eV": lines.gap_Ha * HARTREE_EV, "n_cells": n_cells}


def bulk_spectrum(
    model: ChainModel, omega_eV: np.ndarray, width_eV: float = DEFAULT_WIDTH_EV, n_cells: int = BULK_CELLS
) -> np.ndarray:
    """dP/domega [1/eV, per (q a0)^2 (m/M)^2] of one kicked nucleus in the periodic chain."""
    in_range("width_eV", width_eV, 0.01, 10.0, units="eV")
    lines = bloch_lines(bulk_model(model), n_cells)
    return broadened(lines.omega_Ha, lines.weight, omega_eV, width_eV)


def adiabatic_power_law(N_values: np.ndarray, fractions: np.ndarray) -> float:
    """Exponent p of adiabatic_fraction ~ N^-p from a log-log least-squares fit."""
    slope, _ = np.polyfit(np.log(N_values), np.log(fractions), 1)
    return float(-slope)
