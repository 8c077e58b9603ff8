"""Energy-loss function of Si and Ge from measured optical data, extended to finite k.

Optical limit: ELF(0, omega) = Im[-1/eps] = eps2/(eps1^2 + eps2^2) from the
measured n, k of Palik's Handbook of Optical Constants of Solids (1985; Si:
D. F. Edwards, Ge: R. F. Potter), shipped in ``migdal_core/data/optical``.

Finite k: the full Penn algorithm (D. R. Penn, Phys. Rev. B 35 (1987) 482;
as used for 26 materials by Y. Sun et al., Chin. J. Chem. Phys. 29 (2016) 663),
with the band gap of Levine & Louie (Phys. Rev. B 25 (1982) 6310): the valence
response is a superposition of free-electron gases of plasma frequency w_p,

    ELF(k, omega) = int dw_p G(w_p) ELF_Lindhard(k, sqrt(omega^2 - E_gap^2); w_p),
    G(w_p) = (2 / (pi w_p)) ELF_opt(sqrt(w_p^2 + E_gap^2)),

Lindhard including its plasmon pole (so the plasmon disperses and enters the
particle-hole continuum, as in the electron gas). At k -> 0 each gas gives
(pi/2) w_p delta(omega~ - w_p), so the optical ELF is reproduced exactly; the
ELF vanishes below E_gap at every k; and because the Levine-Louie map leaves
omega d omega invariant, int omega ELF(k, omega) d omega = int omega ELF_opt d omega
at every k (f-sum rule; tests/test_optical_elf.py).

Only the valence electrons are modelled, consistent with Z_ion(k) = Z - f0(ion
core): the core is a rigid screening cloud (:mod:`.zion`). Their optical data
are used below the first core edge (Si L2,3 at 99.8 eV, Ge 3d at 29 eV); above
it the valence tail is continued by the power law fitted just below the edge
(TAIL_FIT_EV). For Si the f-sum is then a check, not an input
(tests/test_optical_elf.py). The Ge table of the handbook has no points between
10 and 20 eV, where the valence plasmon lies; there a Drude plasmon at the
measured 16.0 eV (contract table), width GE_PLASMON_WIDTH_EV, is added to the
interpolated data with the strength that completes the valence f-sum
(pi/2) w_p^2 (:func:`optical_elf_data`).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numba as nb
import numpy as np
from scipy.interpolate import CubicSpline

from migdal_core import constants as C
from migdal_core import dielectric as D
from migdal_core import validation as V
from migdal_core.spectra import targets as T

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "optical"
#: file, column of photon energy, n, k (see data/optical/README.md)
_FILES = {"Si": ("Si_nk.txt", 0, 1, 2), "Ge": ("Ge_nk.txt", 0, 2, 3)}
#: first core edge [eV]: Si L2,3 (2p), Ge M4,5 (3d); the valence ELF is taken below it
CORE_EDGE_EV = {"Si": 99.8, "Ge": 29.0}
GE_GAP_EV = (10.0, 20.0)  # no measured points in the Ge table here
GE_PLASMON_WIDTH_EV = 4.0  # Drude width of the Ge plasmon filled into the gap (EELS widths: 3-5 eV)
#: energies [eV] whose data fix the power-law valence tail continued above the core edge
TAIL_FIT_EV = {"Si": (50.0, 99.0), "Ge": (20.0, 28.5)}
OMEGA_TOP_EV = 2000.0  # the valence ELF is continued to here (the f-sum beyond is < 1 %)
N_COMPONENTS = 800  # electron-gas components w_p of the Penn superposition


def palik_nk(target: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(photon energy [eV], n, k) of the handbook table, ascending in energy."""
    V.one_of("target", target, tuple(_FILES))
    name, ce, cn, ck = _FILES[target]
    data = np.loadtxt(DATA_DIR / name, comments="#")
    order = np.argsort(data[:, ce])
    return data[order, ce], data[order, cn], data[order, ck]


def palik_elf(target: str) -> tuple[np.ndarray, np.ndarray]:
    """(energy [eV], measured optical ELF = Im[-1/(n + i k)^2])."""
    E, n, k = palik_nk(target)
    return E, (-1.0 / (n + 1j * k) ** 2).imag


def _log_interp(x, xp, fp):
    return np.exp(np.interp(np.log(x), np.log(xp), np.log(fp)))


def _drude(omega, omega_pl, width):
    return omega_pl**2 * width * omega / ((omega_pl**2 - omega**2) ** 2 + width**2 * omega**2)


@cache
def optical_elf_data(target: str) -> tuple[np.ndarray, np.ndarray]:
    """Valence optical ELF on a fine log grid from E_gap to OMEGA_TOP_EV: (omega [eV], ELF).

    Log-log interpolation of the handbook values below the first core edge (linear onset
    from 0 at E_gap); above the edge, the valence tail continued as the power law fitted to
    the data in TAIL_FIT_EV; for Ge, a Drude plasmon added across the 10-20 eV gap of the
    table with the strength that completes the valence f-sum (pi/2) w_p^2 (module docstring).
    """
    E, elf = palik_elf(target)
    gap, edge = T.CRYSTALS[target]["E_gap_eV"], CORE_EDGE_EV[target]
    keep = (E > gap) & (E < edge)
    E, elf = E[keep], elf[keep]
    lo_fit, hi_fit = TAIL_FIT_EV[target]
    fit = (E >= lo_fit) & (E <= hi_fit)
    slope, intercept = np.polyfit(np.log(E[fit]), np.log(elf[fit]), 1)
    omega = gap + np.geomspace(1e-4, OMEGA_TOP_EV - gap, 6000)
    measured = _log_interp(np.clip(omega, E[0], E[-1]), E, elf)
    out = np.where(omega < E[0], elf[0] * (omega - gap) / (E[0] - gap), measured)
    out = np.where(omega > E[-1], np.exp(intercept) * omega**slope, out)
    if target == "Ge":
        lo, hi = GE_GAP_EV
        w_pl = T.CRYSTALS["Ge"]["omega_p_eV"]
        # bump vanishing at both ends of the gap, added to the interpolated data
        ends = np.interp(
            omega, [lo, hi], [_drude(lo, w_pl, GE_PLASMON_WIDTH_EV), _drude(hi, w_pl, GE_PLASMON_WIDTH_EV)]
        )
        bump = np.where((omega > lo) & (omega < hi), _drude(omega, w_pl, GE_PLASMON_WIDTH_EV) - ends, 0.0)
        missing = 0.5 * math.pi * w_pl**2 - np.trapezoid(omega * out, omega)
        out = out + bump * missing / np.trapezoid(omega * bump, omega)
    return omega, out


def valence_plasma_frequency_eV(target: str) -> float:
    """sqrt((2/pi) int omega ELF_opt d omega) of :func:`optical_elf_data` [eV] (f-sum rule)."""
    omega, elf = optical_elf_data(target)
    return math.sqrt(2.0 / math.pi * np.trapezoid(omega * elf, omega))


@cache
def kinks_eV(target: str) -> tuple[float, ...]:
    """Energies where the optical ELF model has kinks: the first measured point above the gap (linear
    onset below it), the edges of the Ge gap fill, the core edge where the fitted tail starts."""
    E, _ = palik_elf(target)
    first = float(E[E > T.CRYSTALS[target]["E_gap_eV"]][0])
    return (first, *(GE_GAP_EV if target == "Ge" else ()), CORE_EDGE_EV[target])


@cache
def components(target: str) -> tuple[np.ndarray, np.ndarray]:
    """Penn components: plasma frequencies w_p [eV] and weights G(w_p) dw_p (trapezoid in w_p)."""
    omega, elf = optical_elf_data(target)
    gap = T.CRYSTALS[target]["E_gap_eV"]
    w_top = math.sqrt(omega[-1] ** 2 - gap**2)
    w_p = np.geomspace(1e-4 * w_top, w_top, N_COMPONENTS)
    G = 2.0 / (math.pi * w_p) * np.interp(np.sqrt(w_p**2 + gap**2), omega, elf)
    dw = np.gradient(w_p)
    return w_p, G * dw


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _pole_density(k, w_p, weights, m_e, alpha):
    """Plasmon-pole part of the superposition at momentum k: (omega~_pl per component, density in omega~).

    Component j has a pole weight W_j delta(omega~ - x_j); summed over components
    with weights G_j dw_j this is the density G W / (dx/dw_p) in omega~.
    """
    n = w_p.size
    x = np.zeros(n)
    c = np.zeros(n)
    for j in range(n):
        v_F = D.fermi_velocity(w_p[j], m_e, alpha)
        x[j], c[j] = D._plasmon_pole(k, w_p[j], v_F, m_e)
    dens = np.zeros(n)
    for j in range(n):
        if c[j] == 0.0:
            continue
        lo = j - 1 if j > 0 and c[j - 1] > 0.0 else j
        hi = j + 1 if j < n - 1 and c[j + 1] > 0.0 else j
        if hi == lo:
            continue
        dx_dw = (x[hi] - x[lo]) / (w_p[hi] - w_p[lo])
        if dx_dw > 0.0:
            dens[j] = c[j] * weights[j] / (w_p[hi] - w_p[lo]) * (hi - lo) / dx_dw
    return x, dens


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def elf_grid(k_eV, omega_eV, gap, w_p, weights, m_e, alpha):
    """ELF(k, omega) on the grid k_eV x omega_eV (module docstring)."""
    out = np.zeros((k_eV.size, omega_eV.size))
    for a in range(k_eV.size):
        k = k_eV[a]
        x, dens = _pole_density(k, w_p, weights, m_e, alpha)
        for b in range(omega_eV.size):
            w = omega_eV[b]
            if w <= gap:
                continue
            wt = math.sqrt(w * w - gap * gap)
            tot = 0.0
            for j in range(w_p.size):
                v_F = D.fermi_velocity(w_p[j], m_e, alpha)
                tot += weights[j] * D.lindhard_elf_scalar(wt, k, w_p[j], v_F, m_e)
            # pole density, linear between neighbouring components that have a pole
            for j in range(w_p.size - 1):
                if dens[j] > 0.0 and dens[j + 1] > 0.0 and x[j] <= wt < x[j + 1]:
                    t = (wt - x[j]) / (x[j + 1] - x[j])
                    tot += dens[j] * (1.0 - t) + dens[j + 1] * t
                    break
            out[a, b] = tot
    return out


def elf(k_eV, omega_eV, target: str = "Si") -> np.ndarray:
    """ELF(k, omega) of the optical-data model on the grid k_eV x omega_eV (2D array)."""
    V.one_of("target", target, tuple(_FILES))
    k = np.atleast_1d(np.asarray(k_eV, dtype=float))
    w = np.atleast_1d(np.asarray(omega_eV, dtype=float))
    if not (np.all(k > 0) and np.all(np.isfinite(k))):
        raise ValueError("k_eV must be in (0, inf) eV")
    if not (np.all(w > 0) and np.all(np.isfinite(w))):
        raise ValueError("omega_eV must be in (0, inf) eV")
    w_p, weights = components(target)
    return elf_grid(k, w, T.CRYSTALS[target]["E_gap_eV"], w_p, weights, C.M_ELECTRON_EV, C.ALPHA_EM)


# --------------------------------------------------------------------------- tabulated k integral
TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "optical_elf_tables.npz"


@cache
def _table() -> dict:
    with np.load(TABLE_PATH) as data:
        return {name: data[name] for name in data.files}


def k_integral_table(target: str, zion: str) -> tuple[np.ndarray, np.ndarray]:
    """(omega [eV], int_{10 eV}^{37289.5 eV} dk k^2 Z_ion(k)^2 ELF(k, omega) [eV^3]) as shipped.

    Built by ``python -m migdal_core.spectra.build_optical_elf`` (tests/test_optical_elf.py checks
    it against a direct evaluation).
    """
    table = _table()
    return table[f"{target}_omega_eV"], table[f"{target}_{zion}_k_integral"]


def elf_map(target: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(k [eV], omega [eV], ELF[k, omega]) on the coarse grid shipped for figures."""
    table = _table()
    return table[f"{target}_map_k_eV"], table[f"{target}_map_omega_eV"], table[f"{target}_map_elf"]


@cache
def _k_integral_spline(target: str, zion: str) -> tuple[float, CubicSpline]:
    grid, values = k_integral_table(target, zion)
    positive = values > 0
    gap = T.CRYSTALS[target]["E_gap_eV"]
    return float(grid[positive][0]), CubicSpline(np.log(grid[positive] - gap), np.log(values[positive]))


def interpolate_k_integral(omegas: np.ndarray, target: str, zion: str) -> np.ndarray:
    """The tabulated k integral at ``omegas``: cubic spline in log(omega - E_gap), log values; 0 below the table."""
    first, spline = _k_integral_spline(target, zion)
    gap = T.CRYSTALS[target]["E_gap_eV"]
    inside = omegas >= first
    out = np.zeros(omegas.shape)
    out[inside] = np.exp(spline(np.log(omegas[inside] - gap)))
    return out
