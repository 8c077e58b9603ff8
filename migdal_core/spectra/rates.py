"""Migdal spectrum dR/domega and its integrals over omega.

    dR/domega = rho/(m_N m_chi) I(omega) int_{v_min}^{v_esc+vE} dv v f(v) J(v, omega)

(contract sections 2-3; Knapen, Kozaczuk & Lin, PRL 127 (2021) 081805; DarkELF
``dRdomega_migdal``; Ibe et al. JHEP 03 (2018) 194 for atoms, wimprates
``rate_migdal``). Rates in events/kg/yr/eV (spectra), events/kg/yr (integrals).
Public functions take the target, then the choices of
:class:`~migdal_core.spectra.inputs.SpectrumInputs` (by position in
:data:`~migdal_core.spectra.inputs.POSITIONAL` order or by keyword).
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise

import numpy as np

from migdal_core import validation as V
from migdal_core.spectra import ionization as ION
from migdal_core.spectra import recoil as R
from migdal_core.spectra import targets as T
from migdal_core.spectra.inputs import SpectrumInputs, resolve

_XW, _WW = np.polynomial.legendre.leggauss(8)  # omega panels of crystal rates
_XW_ATOM, _WW_ATOM = np.polynomial.legendre.leggauss(16)  # ... of atomic rates


def _omega_array(omega_eV, inputs: SpectrumInputs) -> np.ndarray:
    vals = [omega_eV] if np.ndim(omega_eV) == 0 else list(np.asarray(omega_eV, dtype=float).ravel())
    return np.array(
        V.float_list(
            "omega_eV", vals, 0.0, inputs.omega_cap_eV, low_open=True, units="eV", max_length=100_000
        )
    )


def spectrum(omegas: np.ndarray, inputs: SpectrumInputs, ionization: np.ndarray | None = None) -> np.ndarray:
    """dR/domega at validated ``omegas``; ``ionization`` is I(omegas) when already known."""
    I = ION.ionization(omegas, inputs) if ionization is None else ionization
    return np.maximum(inputs.rate_prefactor() * I * R.velocity_integral(omegas, inputs), 0.0)


def ionization_probability(omega_eV, target: str = "Si", *args, **kwargs) -> np.ndarray:
    """I(omega) = (1/E_N) dP/domega [eV^-2] at energies ``omega_eV`` [eV] (one value per omega).

    Crystal: contract section 2 / Knapen et al. 2021 (DarkELF ``_I``; ``zion="constant"`` is
    ``Zionkdependence=False``), k in [10, 37289.5] eV. Atomic: m_e^2/(pi m_N) sum_nl
    p_nl(omega - E_nl) (Ibe et al. 2018 eq. (91)). Choices as :func:`dR_domega`.
    """
    inputs = resolve(target, *args, **kwargs)
    return ION.ionization(_omega_array(omega_eV, inputs), inputs)


def dR_domega(omega_eV, target: str = "Si", *args, **kwargs) -> np.ndarray:
    """Migdal spectrum dR/domega [events/kg/yr/eV] at ``omega_eV`` [eV] (array, one per omega).

    ``args``/``kwargs``: m_chi_MeV, sigma_n_cm2, mediator, m_med_MeV, model, elf,
    approximation, conventions, halo, E_th_eV, shells (by position), then zion,
    gamma_eV, nuclear_form_factor, v0_kms, vesc_kms, vE_kms, rho_GeV_cm3, date; meanings
    and defaults in :class:`~migdal_core.spectra.inputs.SpectrumInputs`. Zero where
    kinematics forbid (omega above the endpoint, q_min >= q_max), never NaN.
    """
    inputs = resolve(target, *args, **kwargs)
    return spectrum(_omega_array(omega_eV, inputs), inputs)


def dR_domega_by_approximation(omega_eV, target: str = "Si", approximations=("free", "impulse"), **kwargs):
    """{approximation: :func:`dR_domega`} for each nuclear-response approximation (crystals), computing
    I(omega), which does not depend on it (Knapen et al. 2021: the ELF side), once."""
    spectra, ionization = {}, None
    for approximation in approximations:
        inputs = resolve(target, approximation=approximation, **kwargs)
        omegas = _omega_array(omega_eV, inputs)
        if ionization is None:
            ionization = ION.ionization(omegas, inputs)
        spectra[approximation] = spectrum(omegas, inputs, ionization)
    return spectra


@lru_cache(maxsize=4096)
def _segment_rule(a: float, b: float, crystal: bool) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [a, b].

    Crystals: ceil(ln(b/a)) (>= 1) panels of 8-point Gauss-Legendre in theta, where
    ln omega = ln a + ln(b/a) (1 - cos theta)/2, theta in [0, pi]. The cosine map clusters the nodes
    at both ends of a segment, where the integrand has square-root onsets (E_gap, the kinematic
    endpoint) that Gauss-Legendre in ln omega resolves only slowly; segments end at every kink
    (:func:`ionization.spectral_edges_eV`) and at the cuts of :func:`.targets.quadrature_cuts_eV`.
    The n-electron bins and rates stay within 3e-4 of QUADPACK (tests/test_spectra.py; the optical
    ELF, piecewise smooth between the measured points, sets that bound; the electron-gas ELFs agree to
    ~1e-5) with a third of the nodes of the atoms' rule, which was within 1e-4.

    Atoms: ceil(3 ln(b/a)) (>= 1) log panels of 16-point Gauss-Legendre; above each shell edge I(omega)
    falls by decades, where the cosine map puts too few nodes (off by up to 17 %).
    """
    if crystal:
        npan = max(1, math.ceil(math.log(b / a)))
        span = math.log(b / a)
        h = math.pi / npan
        theta = ((np.arange(npan) + 0.5)[:, None] * h + 0.5 * h * _XW[None, :]).ravel()
        nodes = np.exp(math.log(a) + 0.5 * span * (1.0 - np.cos(theta)))
        return nodes, np.tile(0.5 * h * _WW, npan) * 0.5 * span * np.sin(theta) * nodes
    npan = max(1, math.ceil(3 * math.log(b / a)))
    la, lb = math.log(a), math.log(b)
    h = (lb - la) / npan
    centres = la + (np.arange(npan) + 0.5) * h
    nodes = np.exp(centres[:, None] + 0.5 * h * _XW_ATOM[None, :]).ravel()
    weights = (0.5 * h * _WW_ATOM[None, :] * np.ones((npan, 1))).ravel() * nodes
    return nodes, weights


_SEGMENT_IONIZATION: dict[tuple, np.ndarray] = {}
_SEGMENT_IONIZATION_MAX = 20_000


def clear_ionization_memo() -> None:
    """Forget the memoized I(omega) of integration segments (:func:`_segment_ionization`)."""
    _SEGMENT_IONIZATION.clear()


def _segment_ionization(inputs: SpectrumInputs, a: float, b: float, nodes: np.ndarray) -> np.ndarray:
    """I at the nodes of segment [a, b], memoized: rates for many DM masses, thresholds and
    halos share the segments between electron thresholds, and I is the costly half of the
    free-ion integrand."""
    key = (ION.ionization_key(inputs), a, b)
    values = _SEGMENT_IONIZATION.get(key)
    if values is None:
        if len(_SEGMENT_IONIZATION) >= _SEGMENT_IONIZATION_MAX:
            _SEGMENT_IONIZATION.clear()
        values = _SEGMENT_IONIZATION[key] = ION.ionization(nodes, inputs)
    return values


def integrate_intervals(inputs: SpectrumInputs, intervals: list[tuple[float, float]]) -> np.ndarray:
    """int dR/domega d omega over each (lo, hi) interval [events/kg/yr]; one kernel call for all nodes.

    Each interval is split at spectral edges and, for crystals, at the fixed cuts of
    :func:`.targets.quadrature_cuts_eV` into segments (:func:`_segment_rule`): integrals over
    different ranges (bins, rates above thresholds, other masses and halos) share segments and
    their memoized I(omega).
    """
    edges = ION.spectral_edges_eV(inputs) + list(T.quadrature_cuts_eV(inputs))
    segment_of_interval: list[list[tuple[float, float]]] = []
    for lo, hi in intervals:
        if hi <= lo:
            segment_of_interval.append([])
            continue
        cuts = sorted(set([float(lo), float(hi)] + [e for e in edges if lo < e < hi]))
        segment_of_interval.append(list(pairwise(cuts)))
    segments = [segment for group in segment_of_interval for segment in group]
    if not segments:
        return np.zeros(len(intervals))
    rules = [_segment_rule(a, b, inputs.model == "crystal") for a, b in segments]
    nodes = np.concatenate([rule[0] for rule in rules])
    ionization = np.concatenate(
        [_segment_ionization(inputs, a, b, rule[0]) for (a, b), rule in zip(segments, rules)]
    )
    weighted = np.concatenate([rule[1] for rule in rules]) * spectrum(nodes, inputs, ionization)
    sums = np.add.reduceat(weighted, np.cumsum([0] + [rule[0].size for rule in rules[:-1]]))
    out = np.zeros(len(intervals))
    position = 0
    for i, group in enumerate(segment_of_interval):
        out[i] = float(np.sum(sums[position : position + len(group)]))
        position += len(group)
    return out


def upper_limit_eV(inputs: SpectrumInputs) -> float:
    """End of the omega integrals: the model range or the kinematic endpoint, whichever is lower."""
    return min(inputs.omega_cap_eV, R.omega_max_eV(inputs))


def rate_above(threshold_eV: float, inputs: SpectrumInputs) -> float:
    """int_{threshold}^{omega_max} dR/domega d omega [events/kg/yr] for resolved ``inputs``."""
    thr = V.in_range(
        "threshold_eV", threshold_eV, 0.0, inputs.omega_cap_eV, low_open=True, high_open=True, units="eV"
    )
    return float(integrate_intervals(inputs, [(thr, upper_limit_eV(inputs))])[0])


def rate_above_threshold(threshold_eV: float, target: str = "Si", **kwargs) -> float:
    """Integrated rate int_{threshold}^{omega_max} dR/domega d omega [events/kg/yr].

    Keyword arguments as :func:`dR_domega`. Zero if the threshold is above the
    kinematic endpoint; ValueError if it is outside the model range (0, 500) eV
    for crystals, (0, 2e4) eV for atoms.
    """
    return rate_above(threshold_eV, resolve(target, **kwargs))
