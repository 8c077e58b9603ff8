"""The crystal limit of the chain: one nucleus kicked in a periodic chain (Bloch states, same model).

A ring of ``n_cells`` cells of length a (Born-von Karman), each cell sampled by an odd number of grid
points close to the chain's grid spacing. Bloch states psi_nk(x + c a) = e^{i k c a} u_nk(x) /
sqrt(n_cells) come from the Fourier (periodic) DVR of one cell with the plane waves e^{i(k+G)x}
(Colbert & Miller 1992, sec. III; Marston & Balint-Kurti, J. Chem. Phys. 91, 3571 (1989)): the
periodic counterpart of the chain's sinc DVR, equally spectrally accurate.

Only the lab-frame amplitude exists here (the centre of mass of the crystal is infinitely heavy,
Esposito & Rocchi 2025 §III.A): A(k' n' <- k n) = i (q/M) <n'k'| d_{X_0} V |nk> / omega^2, the kicked
nucleus at X_0 = 0 coupling every k to every k' (a local kick breaks the lattice momentum).
Matrix elements: <n'k'|f|nk> = (1/n_cells) sum_x u*_{n'k'}(x) u_nk(x) F(x, k' - k), with
F(x, Delta) = sum_c e^{-i Delta c a} f(x + c a), one FFT over the cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from migdal_core.nuclei.chain import ChainModel, atom_force_gradient, atom_potential
from migdal_core.validation import as_int_in_range


@dataclass(frozen=True)
class BlochLines:
    """Excitation energies [Ha] and |A|^2 per unit (q a0)^2 (m/M)^2 of every k n -> k' n' line."""

    omega_Ha: np.ndarray
    weight: np.ndarray
    gap_Ha: float

    @property
    def P_total(self) -> float:
        return float(self.weight.sum())


def _cell_grid(model: ChainModel) -> np.ndarray:
    n_c = 2 * math.ceil(model.a_bohr / model.grid_bohr / 2.0) + 1  # odd: symmetric set of G
    return (np.arange(n_c) - n_c // 2) * (model.a_bohr / n_c)


def _ring_offsets(n_cells: int, a_bohr: float) -> np.ndarray:
    """Cell origins c a wrapped to (-L/2, L/2] around the kicked nucleus (the ring's minimum image)."""
    c = np.arange(n_cells)
    return np.where(c > n_cells // 2, c - n_cells, c) * a_bohr


def bloch_states(model: ChainModel, n_cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(k, x_cell, energies[k, band], u[k, x, band]) of the periodic chain of ``n_cells`` cells."""
    as_int_in_range("n_cells", n_cells, 2, 4096)
    x = _cell_grid(model)
    n_c, a = x.size, model.a_bohr
    k = 2.0 * math.pi * np.fft.fftfreq(n_cells, d=a)
    g_vectors = 2.0 * math.pi * (np.arange(n_c) - n_c // 2) / a
    ring = _ring_offsets(n_cells, a)
    v_cell = atom_potential(x[:, None] + ring[None, :], model).sum(axis=1)  # every nucleus of the ring
    energies = np.empty((n_cells, n_c))
    u = np.empty((n_cells, n_c, n_c), dtype=complex)
    for i, kk in enumerate(k):
        waves = np.exp(1j * np.outer(x, kk + g_vectors)) / math.sqrt(n_c)
        h = (waves * (0.5 * (kk + g_vectors) ** 2)) @ waves.conj().T
        h[np.diag_indices_from(h)] += v_cell
        energies[i], u[i] = scipy.linalg.eigh(h, check_finite=False)
    return k, x, energies, u


def bloch_lines(model: ChainModel, n_cells: int = 64) -> BlochLines:
    """Every interband line of a kick on one nucleus of the periodic chain (module docstring)."""
    k, x, energies, u = bloch_states(model, n_cells)
    n_occ = model.Z // model.spin_degeneracy  # filled bands (Z electrons per cell)
    ring = _ring_offsets(n_cells, model.a_bohr)
    force = -atom_force_gradient(x[:, None] + ring[None, :], model)  # d_{X_0} V at x + c a
    # F[x, m] = sum_c e^{-i Delta_m c a} f(x + c a), Delta_m = k_m (fft order, c a = ring offset)
    phases = np.exp(-1j * np.outer(ring, k))
    f_delta = force @ phases
    m_index = (np.arange(n_cells)[:, None] - np.arange(n_cells)[None, :]) % n_cells  # k' - k
    # D[k', k, n', n] = (1/n_cells) sum_x conj(u[k', x, n']) u[k, x, n] F[x, k' - k]
    f_pair = f_delta[:, m_index]  # [x, k', k]
    d = np.einsum("Kxm,xKk,kxn->Kkmn", u[:, :, n_occ:].conj(), f_pair, u[:, :, :n_occ]) / n_cells
    omega = energies[:, None, n_occ:, None] - energies[None, :, None, :n_occ]
    weight = model.spin_degeneracy * np.abs(d) ** 2 / omega**4
    gap = float(energies[:, n_occ:].min() - energies[:, :n_occ].max())
    return BlochLines(omega.ravel(), weight.ravel(), gap)
