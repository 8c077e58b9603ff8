"""Detector observables: electron yield Q(omega), n-electron rates and bins, reach in sigma_n.

Electron yield (contract section 2): Q(omega) = 1 + floor((omega - E_gap)/e0), so
the n-electron threshold is E_gap + (n - 1) e0 and bin Q is omega in
[E_gap + (Q-1) e0, E_gap + Q e0). Reach: the rate is linear in sigma_n, so
sigma = events / (exposure R(sigma_n = 1e-38 cm^2)) 1e-38.
"""

from __future__ import annotations

import numpy as np

from migdal_core import earth_motion as EM
from migdal_core import validation as V
from migdal_core.spectra import rates as RT
from migdal_core.spectra import targets as T
from migdal_core.spectra.inputs import FREE_ELECTRON_ELFS, resolve

REFERENCE_SIGMA_N_CM2 = 1e-38
#: Default n-electron threshold: the 2-electron threshold that analyses quote (Knapen, Kozaczuk & Lin 2021;
#: SENSEI, DAMIC-M); the 1-electron rate comes mostly from E_gap < omega < 2 E_gap (contract section 6).
DEFAULT_ELECTRONS = 2


def electron_threshold_eV(target: str, electrons: int) -> float:
    """n-electron threshold E_gap + (n - 1) e0 [eV] for Si and Ge (contract section 2)."""
    V.one_of("target", target, tuple(T.CRYSTALS))
    n = V.as_int_in_range("electrons", electrons, 1, 100)
    td = T.CRYSTALS[target]
    return td["E_gap_eV"] + (n - 1) * td["e0_eV"]


def free_electron_warning(target: str, elf: str, threshold_eV: float) -> str | None:
    """A warning when a free-electron ELF is used below 2 E_gap (contract section 6), else None.

    A free-electron gas has no band structure: between E_gap and 2 E_gap, where the measured
    ELF rises steeply from zero, it is off by large factors.
    """
    if target not in T.CRYSTALS or elf not in FREE_ELECTRON_ELFS:
        return None
    limit = 2.0 * T.CRYSTALS[target]["E_gap_eV"]
    if threshold_eV >= limit:
        return None
    return (
        f"Free-electron ELF ({elf}) below 2 E_gap = {limit:.3g} eV: unreliable there (no band structure); "
        f"use the measured ELF or a threshold of at least 2 electrons."
    )


def _electron_target(target):
    if target not in T.CRYSTALS:
        raise ValueError(
            "target must be one of Si, Ge for electron-yield thresholds "
            f"(Q(omega) needs E_gap, e0); got {target!r}"
        )


def rate_above_electrons(electrons: int, target: str = "Si", **kwargs) -> float:
    """Rate with at least ``electrons`` electrons [events/kg/yr], Si/Ge only.

    Threshold E_gap + (n - 1) e0; other keyword arguments as
    :func:`~migdal_core.spectra.rates.dR_domega`. Monotone non-increasing in ``electrons``.
    """
    _electron_target(target)
    return RT.rate_above_threshold(electron_threshold_eV(target, electrons), target, **kwargs)


def electron_yield_rates(target: str = "Si", n_max: int = 10, **kwargs) -> tuple[np.ndarray, np.ndarray]:
    """(rate per electron-yield bin Q = 1..n_max, rate with >= n electrons for n = 1..n_max).

    Both in events/kg/yr, from one pass over omega: the n_max bins of :func:`dR_dQ`
    and the tail above the last bin, so the rate above n is sum(bins[n-1:]) + tail
    (additivity of the integral; equal to :func:`rate_above_electrons` to quadrature
    accuracy). Keyword arguments as :func:`~migdal_core.spectra.rates.dR_domega`.
    """
    _electron_target(target)
    n = V.as_int_in_range("n_max", n_max, 1, 100)
    inputs = resolve(target, **kwargs)
    td = T.CRYSTALS[target]
    top = RT.upper_limit_eV(inputs)
    edges = [td["E_gap_eV"] + q * td["e0_eV"] for q in range(n + 1)]
    # the integrals are split at fixed energies (targets.quadrature_cuts_eV), so that for many masses
    # (reach curves) only the last piece, which ends at the mass's endpoint, needs a fresh I(omega)
    intervals = [(edges[q], min(edges[q + 1], top)) for q in range(n)] + [(edges[n], top)]
    values = RT.integrate_intervals(inputs, intervals)
    bins, tail = values[:n], float(np.sum(values[n:]))
    above = np.cumsum(bins[::-1])[::-1] + tail
    return bins, above


def dR_dQ(target: str = "Si", n_max: int = 10, **kwargs) -> np.ndarray:
    """Rate per electron-yield bin [events/kg/yr], array for Q = 1 .. n_max."""
    return electron_yield_rates(target, n_max, **kwargs)[0]


def _reach_inputs(m_chi_MeV, events, exposure_kg_yr) -> tuple[list[float], float, float]:
    masses = V.float_list(
        "m_chi_MeV",
        list(np.atleast_1d(np.asarray(m_chi_MeV, dtype=float))),
        0.0,
        1.0e5,
        low_open=True,
        units="MeV",
        max_length=1000,
    )
    ev = V.in_range("events", events, 0.0, 1e9, low_open=True)
    expo = V.in_range("exposure_kg_yr", exposure_kg_yr, 0.0, 1e9, low_open=True, units="kg yr")
    return masses, ev, expo


def sigma_for_events(rates_at_reference, events: float, exposure_kg_yr: float) -> np.ndarray:
    """sigma_n [cm^2] giving ``events`` from rates at sigma_n = 1e-38 cm^2 (linear); inf where zero."""
    rates = np.asarray(rates_at_reference, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(rates > 0, events / (exposure_kg_yr * rates) * REFERENCE_SIGMA_N_CM2, np.inf)


def reach_sigma_n(
    m_chi_MeV,
    target: str = "Si",
    electrons: int = DEFAULT_ELECTRONS,
    events: float = 3.0,
    exposure_kg_yr: float = 1.0,
    threshold_eV: float | None = None,
    **kwargs,
) -> np.ndarray:
    """Cross section sigma_n [cm^2] giving ``events`` events for ``exposure_kg_yr``.

    Threshold: ``threshold_eV`` if given, else the ``electrons`` threshold (Si/Ge).
    Returns one value per mass in ``m_chi_MeV``; inf where the rate vanishes.
    """
    masses, ev, expo = _reach_inputs(m_chi_MeV, events, exposure_kg_yr)
    kwargs.pop("sigma_n_cm2", None)
    if threshold_eV is None:
        _electron_target(target)
        threshold_eV = electron_threshold_eV(target, electrons)
    rates = [
        RT.rate_above_threshold(
            threshold_eV, target, m_chi_MeV=m, sigma_n_cm2=REFERENCE_SIGMA_N_CM2, **kwargs
        )
        for m in masses
    ]
    return sigma_for_events(rates, ev, expo)


def reach_sigma_n_by_electrons(
    m_chi_MeV, target: str = "Si", n_max: int = 10, events: float = 3.0, exposure_kg_yr: float = 1.0, **kwargs
) -> np.ndarray:
    """:func:`reach_sigma_n` for every n-electron threshold n = 1..n_max at once.

    Shape (masses, n_max); column n - 1 is the ``electrons=n`` reach (one pass per mass).
    """
    masses, ev, expo = _reach_inputs(m_chi_MeV, events, exposure_kg_yr)
    kwargs.pop("sigma_n_cm2", None)
    rates = [
        electron_yield_rates(target, n_max, m_chi_MeV=m, sigma_n_cm2=REFERENCE_SIGMA_N_CM2, **kwargs)[1]
        for m in masses
    ]
    return sigma_for_events(np.array(rates), ev, expo)


def rate_modulation(threshold_eV: float, target: str = "Si", year: int = 2026, **kwargs) -> dict:
    """Annual modulation of the rate above ``threshold_eV`` [events/kg/yr].

    The rate on the fastest and the slowest day of ``year`` for the Earth's speed
    through the halo (:func:`migdal_core.earth_motion.modulation`: dates, speeds,
    ``rate_at_max``, ``rate_at_min``, ``amplitude`` = (R_fast - R_slow)/(R_fast + R_slow)).
    Keyword arguments as :func:`~migdal_core.spectra.rates.dR_domega`; a ``date`` is ignored.
    """
    kwargs.pop("date", None)
    mean_vE = resolve(target, **kwargs).vE_kms
    kwargs.pop("vE_kms", None)
    return EM.modulation(
        lambda vE: RT.rate_above_threshold(threshold_eV, target, vE_kms=vE, **kwargs), mean_vE, year
    )
