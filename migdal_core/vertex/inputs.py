"""Inputs of the PSG vertex model, validated once: eta = omega_0/E_F, Q_c = q_c/2k_F, frequencies."""

from __future__ import annotations

import numpy as np

from migdal_core.validation import in_range, one_of

ETA_MAX = 1000.0
FREQUENCIES = ("dynamic", "static")


def eta_from_energies(omega_ph_eV: object, E_F_eV: object) -> float:
    """eta = omega_0 / E_F, the PSG model's m (physics contract §1), validated."""
    omega = in_range("omega_ph_eV", omega_ph_eV, 0.0, None, low_open=True, units="eV")
    return check_eta(omega / in_range("E_F_eV", E_F_eV, 0.0, None, low_open=True, units="eV"))


def frequency_pair(eta: float, frequencies: str) -> tuple[float, float]:
    """External fermion frequencies (w1, w2) in units of E_F: (0, eta) or (0, 0)."""
    one_of("frequencies", frequencies, FREQUENCIES)
    return (0.0, float(eta)) if frequencies == "dynamic" else (0.0, 0.0)


def check_eta(eta: object) -> float:
    return in_range("eta", eta, 0.0, ETA_MAX, low_open=True, units="(omega_0/E_F)")


def check_qc(qc: object) -> tuple[np.ndarray, bool]:
    arr = np.asarray(qc, dtype=object)
    scalar = arr.ndim == 0
    flat = [in_range("Qc", v, 0.0, 1.0, low_open=True, units="(q_c/2k_F)") for v in arr.ravel()]
    if len(flat) == 0:
        raise ValueError("Qc must be a non-empty number or array in (0, 1]")
    return np.array(flat, dtype=float).reshape(arr.shape), scalar
