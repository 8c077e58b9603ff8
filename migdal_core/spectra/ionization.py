"""Ionization probability I(omega) = (1/E_N) dP/domega [eV^-2] of a kicked nucleus.

Crystal, soft limit (Knapen, Kozaczuk & Lin, PRL 127 (2021) 081805; DarkELF
``darkelf/Migdal.py`` ``_I``; contract section 2); for the measured-ELF model the
k integral is tabulated once per target and Z_ion model (:mod:`.optical_elf`):

    I(omega) = (4 alpha / (3 pi^2 omega^4 m_N)) int_{10 eV}^{37289.5 eV} dk k^2 Z_ion(k)^2 ELF(k, omega)

Atom (Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194, eq. (91); wimprates
``rate_migdal``): I_atom(omega) = (m_e^2/(pi m_N)) sum_nl p_nl(omega - E_nl),
with Ibe's tables p_nl(E_e) at q_e = 1 eV. Because Ibe's v_min is the free-ion
kinematics, the atomic rate has the crystal structure with this I.
"""

from __future__ import annotations

import math
from collections import namedtuple
from functools import cache, lru_cache

import numba as nb
import numpy as np
from scipy.optimize import brentq

from migdal_core import dielectric as D
from migdal_core import validation as V
from migdal_core.numerics import sorted_small
from migdal_core.spectra import optical_elf as OPT
from migdal_core.spectra import targets as T
from migdal_core.spectra import zion as Z
from migdal_core.tables import mermin_k_integral as MK

K_MIN_EV = 10.0  # k range of the ELF integral (contract section 5; DarkELF Si grid)
K_MAX_EV = 37289.5

#: What the crystal kernel needs: ELF model index and parameters, alpha, m_N [eV].
CrystalParams = namedtuple("CrystalParams", "elf omega_p v_F m_e gamma E_gap alpha m_N")

_XK, _WK = (np.ascontiguousarray(a) for a in np.polynomial.legendre.leggauss(16))  # k panels
_GRADING = np.array([0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3, 3e-4, 1e-4])


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _k_integral(c, omega, a, b, panels, ln_k0, step, zion):
    """int_a^b dk k^2 Z_ion^2 ELF on ``panels`` (a float: numba compiles once per value of an integer
    constant) log panels of 16-point Gauss-Legendre."""
    if b <= a:
        return 0.0
    npan = int(panels)
    la = math.log(a)
    h = (math.log(b) - la) / npan
    tot = 0.0
    for p in range(npan):
        centre = la + (p + 0.5) * h
        for j in range(_XK.size):
            k = math.exp(centre + 0.5 * h * _XK[j])
            zi = Z.interpolate(k, ln_k0, step, zion)
            elf_val = D.elf_scalar(c.elf, omega, k, c.omega_p, c.v_F, c.m_e, c.gamma, c.E_gap)
            tot += 0.5 * h * _WK[j] * k * k * k * zi * zi * elf_val
    return tot


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _lindhard_elf_peak(omega, a, b, omega_p, v_F, m_e):
    """k in [a, b] where the Lindhard ELF(k, omega) is largest (the plasmon resonance).

    Scan on 64 log-spaced points, then golden-section search between the
    neighbours of the largest sample.
    """
    n_scan = 64
    ratio = (b / a) ** (1.0 / n_scan)
    best, best_value = 0, -1.0
    for i in range(n_scan + 1):
        value = D.lindhard_elf_scalar(omega, a * ratio**i, omega_p, v_F, m_e)
        if value > best_value:
            best, best_value = i, value
    lo = a * ratio ** max(best - 1, 0)
    hi = min(b, a * ratio ** min(best + 1, n_scan))
    golden = 0.5 * (math.sqrt(5.0) - 1.0)
    x1 = hi - golden * (hi - lo)
    x2 = lo + golden * (hi - lo)
    f1 = D.lindhard_elf_scalar(omega, x1, omega_p, v_F, m_e)
    f2 = D.lindhard_elf_scalar(omega, x2, omega_p, v_F, m_e)
    for _ in range(60):
        if f1 < f2:
            lo, x1, f1 = x1, x2, f2
            x2 = lo + golden * (hi - lo)
            f2 = D.lindhard_elf_scalar(omega, x2, omega_p, v_F, m_e)
        else:
            hi, x2, f2 = x2, x1, f1
            x1 = hi - golden * (hi - lo)
            f1 = D.lindhard_elf_scalar(omega, x1, omega_p, v_F, m_e)
    return 0.5 * (lo + hi)


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _lindhard_k_integral(c, w, ln_k0, step, zion):
    """k integral for the Lindhard ELF, split at its edges and graded towards its peak.

    The k range is split where eps2 switches on or off (the u + z = 1 roots) and
    graded geometrically (relative distances 0.3 ... 1e-4) towards the k where
    the ELF peaks. Near the energy where the plasmon enters the particle-hole
    continuum (~24.8 eV in Si) that peak is a Lorentzian in k whose width shrinks
    to zero; without the grading I was up to 4 % off between 24.5 and 26.5 eV
    (checked against adaptive scipy quad in tests/test_spectra.py).
    """
    kf = c.m_e * c.v_F
    edges = np.empty(6 + 2 * _GRADING.size)
    r = math.sqrt(1.0 + 2.0 * w / (c.m_e * c.v_F * c.v_F))
    lo_edge = max(K_MIN_EV, kf * (r - 1.0))
    hi_edge = min(K_MAX_EV, kf * (r + 1.0))
    n = 0
    edges[n] = lo_edge
    n += 1
    disc = 1.0 - 2.0 * w / (c.m_e * c.v_F * c.v_F)
    if disc > 0.0:
        sq = math.sqrt(disc)
        for kk in (kf * (1.0 - sq), kf * (1.0 + sq)):
            if kk > lo_edge and kk < hi_edge:
                edges[n] = kk
                n += 1
    if hi_edge > lo_edge:
        k_peak = _lindhard_elf_peak(w, lo_edge, hi_edge, c.omega_p, c.v_F, c.m_e)
        if k_peak > lo_edge and k_peak < hi_edge:
            edges[n] = k_peak
            n += 1
        for d in _GRADING:
            for kk in (k_peak * (1.0 - d), k_peak * (1.0 + d)):
                if kk > lo_edge and kk < hi_edge:
                    edges[n] = kk
                    n += 1
    edges[n] = hi_edge
    n += 1
    ordered = sorted_small(edges[:n])
    tot = 0.0
    for s in range(n - 1):
        if ordered[s + 1] > ordered[s]:
            tot += _k_integral(c, w, ordered[s], ordered[s + 1], 2.0, ln_k0, step, zion)
    return tot


@nb.njit(cache=True, nogil=True, no_cfunc_wrapper=True)
def _crystal(omegas, c, ln_k0, step, zion):
    """I(omega) for the crystal ELF models (module docstring)."""
    out = np.zeros(omegas.size)
    for i in range(omegas.size):
        w = omegas[i]
        if c.elf == 0:
            tot = _lindhard_k_integral(c, w, ln_k0, step, zion)
        else:
            tot = _k_integral(c, w, K_MIN_EV, K_MAX_EV, 40.0, ln_k0, step, zion)
        out[i] = 4.0 * c.alpha / (3.0 * math.pi**2 * w**4 * c.m_N) * tot
    return out


def _atomic(omegas, logE, logP, E_nl, m_e, m_N):
    """I_atom(omega) = m_e^2/(pi m_N) sum_nl p_nl(omega - E_nl), log-log interpolation (numpy: nothing to
    compile at start-up).

    Below the first table energy (1 eV) the first value is used (as DarkELF);
    above the last, zero.
    """
    energies = omegas[:, None] - E_nl[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_energies = np.log(energies)
    total = np.zeros(omegas.shape)
    for s in range(E_nl.size):
        values = np.exp(np.interp(log_energies[:, s], logE, logP[:, s]))  # clamped to the first value below
        total += np.where((energies[:, s] >= 0.0) & (log_energies[:, s] <= logE[-1]), values, 0.0)
    return m_e * m_e / (math.pi * m_N) * total


@cache
def _atomic_log_table(target: str, shell_idx: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    _, E, P = T.load_transition_table(target)
    idx = list(shell_idx)
    with np.errstate(divide="ignore"):
        logP = np.log(np.where(P[:, idx] > 0, P[:, idx], 1e-300))
    E_nl = np.array(T.ATOMS[target]["E_nl"], dtype=float)[idx]
    return np.log(E), np.ascontiguousarray(logP), E_nl


def crystal_params(inputs) -> CrystalParams:
    """The :class:`CrystalParams` record of a crystal :class:`~migdal_core.spectra.inputs.SpectrumInputs`."""
    cs, td = inputs.constants, inputs.target_data
    v_F = D.fermi_velocity(td["omega_p_eV"], cs["m_e_eV"], cs["alpha"])
    return CrystalParams(
        D.ELF_MODELS.index(inputs.elf),
        float(td["omega_p_eV"]),
        float(v_F),
        float(cs["m_e_eV"]),
        float(inputs.gamma_eV),
        float(td["E_gap_eV"]),
        float(cs["alpha"]),
        float(inputs.m_N_eV),
    )


def ionization(omegas: np.ndarray, inputs) -> np.ndarray:
    """I(omega) [eV^-2] at validated energies ``omegas`` for resolved ``inputs``."""
    if inputs.model == "crystal" and inputs.elf == "optical":
        cs = inputs.constants
        k_integral = OPT.interpolate_k_integral(omegas, inputs.target, inputs.zion)
        return 4.0 * cs["alpha"] / (3.0 * math.pi**2 * omegas**4 * inputs.m_N_eV) * k_integral
    if inputs.model == "crystal":
        ln_k0, step, zion = Z.table(inputs.target, inputs.zion)
        c = crystal_params(inputs)
        if (
            inputs.elf == "mermin"
        ):  # tabulated k integral where shipped (:mod:`migdal_core.tables.mermin_k_integral`)
            k_integral = MK.k_integral(omegas, inputs.target, inputs.zion, c.m_e, c.alpha, c.gamma, c.E_gap)
            if k_integral is not None:
                out = 4.0 * c.alpha / (3.0 * math.pi**2 * omegas**4 * c.m_N) * k_integral
                below = np.isnan(k_integral)
                if below.any():
                    out[below] = _crystal(omegas[below], c, ln_k0, step, zion)
                return out
        return _crystal(omegas, c, ln_k0, step, zion)
    logE, logP, E_nl = _atomic_log_table(inputs.target, inputs.shell_idx)
    return _atomic(omegas, logE, logP, E_nl, inputs.constants["m_e_eV"], inputs.m_N_eV)


def mermin_k_integral(omegas: np.ndarray, inputs, panels: int = 40) -> np.ndarray:
    """int dk k^2 Z_ion^2 ELF_MLL(k, omega) [eV^3] computed directly on ``panels`` log panels (the
    builder of :mod:`migdal_core.tables.mermin_k_integral` and its test)."""
    ln_k0, step, zion = Z.table(inputs.target, inputs.zion)
    c = crystal_params(inputs)._replace(elf=D.ELF_MODELS.index("mermin"))
    return np.array([_k_integral(c, w, K_MIN_EV, K_MAX_EV, float(panels), ln_k0, step, zion) for w in omegas])


def ionization_key(inputs) -> tuple:
    """Everything :func:`ionization` reads from ``inputs`` (I does not depend on the DM side)."""
    cs = inputs.constants
    return (
        inputs.model,
        inputs.target,
        inputs.elf,
        cs["m_e_eV"],
        cs["alpha"],
        inputs.m_N_eV,
        inputs.gamma_eV,
        inputs.zion,
        inputs.shell_idx,
    )


@lru_cache(maxsize=64)
def lindhard_kinks_eV(omega_p_eV: float, m_e_eV: float, alpha: float) -> tuple[float, float]:
    """Energies where the Lindhard I(omega) has a kink: E_F (the u + z = 1 roots appear) and
    omega_c, where the plasmon enters the particle-hole continuum (eps1 = 0 on its upper edge
    omega = k v_F + k^2/2m). Rates are integrated piecewise between them."""
    v_F = D.fermi_velocity(omega_p_eV, m_e_eV, alpha)
    k_F = m_e_eV * v_F

    def eps1_on_edge(k: float) -> float:
        edge = k * v_F + k * k / (2.0 * m_e_eV)
        return D._lindhard_eps1_only(edge * (1.0 + 1e-12) + 1e-12, k, omega_p_eV, v_F, m_e_eV)

    k_c = brentq(eps1_on_edge, 1e-3 * k_F, 2.0 * k_F, xtol=1e-12 * k_F)
    return 0.5 * m_e_eV * v_F * v_F, k_c * v_F + k_c * k_c / (2.0 * m_e_eV)


def spectral_edges_eV(inputs) -> list[float]:
    """Energies where I(omega) has kinks or steps: atomic shell edges, Lindhard and optical-ELF kinks."""
    if inputs.model == "atomic":
        E_nl = np.array(T.ATOMS[inputs.target]["E_nl"])[list(inputs.shell_idx)]
        return [float(e) for e in E_nl] + [float(e) + T.TABLE_E_MIN_EV for e in E_nl]
    if inputs.elf == "optical":
        return list(OPT.kinks_eV(inputs.target))
    if inputs.elf == "lindhard":
        cs = inputs.constants
        return list(lindhard_kinks_eV(inputs.target_data["omega_p_eV"], cs["m_e_eV"], cs["alpha"]))
    return []


def elf_map(target: str, elf: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(k [eV], omega [eV], ELF[k, omega]) of a crystal ELF model on the figure grid of :mod:`.optical_elf`.

    "optical" from the shipped table; the free-electron models evaluated with the target's
    omega_p and E_gap (CODATA constants, :func:`migdal_core.dielectric.elf`).
    """
    V.one_of("target", target, tuple(T.CRYSTALS))
    k, omega, values = OPT.elf_map(target)
    if elf == "optical":
        return k, omega, values
    V.one_of("elf", elf, ("optical", *D.ELF_MODELS))
    td = T.CRYSTALS[target]
    return k, omega, D.elf(omega[None, :], k[:, None], td["omega_p_eV"], elf, E_gap_eV=td["E_gap_eV"])
