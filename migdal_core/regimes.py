"""Energy scales and the validity regimes of Migdal's theorem.

Contract: ``shared/physics/migdal_theorem.md`` sections 1, 2 and 5.

Scales (natural units, energies in eV):

- adiabatic ratio ``eta = omega_ph / E_F`` (Migdal 1958, JETP 7, 996);
- Migdal parameter ``lambda * eta``: size of the relative vertex correction;
- Born-Oppenheimer parameter ``epsilon = (m/M)**(1/4)``; the expansion holds
  for nuclear displacements ``u < a / epsilon**3``
  (seeds/migdal_effect_solid_crystals.txt);
- polaron scales for a Holstein band of half-width ``D = E_F``:
  ``E_p = lambda * D`` and ``alpha**2 = E_p / omega_ph = lambda / eta``;
- jellium ("natural metal") ratio from Bohm-Staver sound
  ``c_s = v_F sqrt(Z m / 3M)`` and Debye wavevector ``q_D = k_F (2/Z)**(1/3)``:
  ``omega_D / E_F = 2 (2/Z)**(1/3) sqrt(Z/3) sqrt(m/M)``.

Regimes, exactly as the contract's table (checked in this order, so the
classification is total and each point has one regime):

1. polaronic        ``lambda > max(1, eta)``  (lambda > 1 and alpha**2 > 1)
2. anti-adiabatic   ``eta >= 1``
3. non-adiabatic    ``0.1 <= eta < 1`` or ``lambda * eta >= 0.05``
4. adiabatic        otherwise (``eta < 0.1`` and ``lambda * eta < 0.05``)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from numba import njit

from migdal_core.constants import kelvin_from_eV
from migdal_core.validation import in_range, positive

# Regime codes used by the grid kernel; index into REGIME_NAMES.
ADIABATIC, NON_ADIABATIC, ANTI_ADIABATIC, POLARONIC = 0, 1, 2, 3
REGIME_NAMES = ("adiabatic", "non-adiabatic", "anti-adiabatic", "polaronic")

# Boundary conventions (contract section 2).
ETA_NON_ADIABATIC = 0.1  # eta above which vertex corrections are not small
ETA_ANTI_ADIABATIC = 1.0  # phonons faster than electrons
MIGDAL_PARAMETER_LIMIT = 0.05  # lambda*eta above which Migdal fails
LAMBDA_POLARON = 1.0  # with alpha^2 > 1: small-polaron crossover

# Overlaid warnings (not regimes).
LAMBDA_BIPOLARON_BAND = (0.4, 1.0)  # Esterlis et al., PRB 97, 140501 (2018)
LAMBDA_ME_INCONSISTENT = 3.7  # Yuzbashyan & Altshuler, PRB 106, 014512 (2022)

# Parameter ranges of the explorer (contract section 1), used for validation.
M_OVER_M_RANGE = (1e-8, 1.0)  # open at 1: the electron must be the lighter one
LAMBDA_RANGE = (0.0, 10.0)
VALENCE_RANGE = (1, 4)


@njit(cache=True, nogil=True)
def _regime_code(eta: float, coupling: float) -> int:
    """Regime code for one point; the single definition of the boundaries."""
    if coupling > max(LAMBDA_POLARON, eta):
        return POLARONIC
    if eta >= ETA_ANTI_ADIABATIC:
        return ANTI_ADIABATIC
    if eta >= ETA_NON_ADIABATIC or coupling * eta >= MIGDAL_PARAMETER_LIMIT:
        return NON_ADIABATIC
    return ADIABATIC


@njit(cache=True, nogil=True)
def _regime_grid(eta_values: np.ndarray, lambda_values: np.ndarray) -> np.ndarray:
    """Regime codes on the (lambda rows, eta columns) grid, int8."""
    grid = np.empty((lambda_values.size, eta_values.size), dtype=np.int8)
    for i in range(lambda_values.size):
        for j in range(eta_values.size):
            grid[i, j] = _regime_code(eta_values[j], lambda_values[i])
    return grid


def classify(eta: float, coupling: float) -> str:
    """Name of the regime at adiabatic ratio ``eta`` and coupling ``lambda``."""
    eta = positive("eta", eta)
    coupling = in_range("lambda", coupling, *LAMBDA_RANGE)
    return REGIME_NAMES[_regime_code(eta, coupling)]


def regime_grid(eta_values: np.ndarray, lambda_values: np.ndarray) -> np.ndarray:
    """Regime codes (see ``REGIME_NAMES``) on a grid: rows lambda, columns eta."""
    eta_array = np.ascontiguousarray(eta_values, dtype=np.float64)
    lambda_array = np.ascontiguousarray(lambda_values, dtype=np.float64)
    if eta_array.ndim != 1 or lambda_array.ndim != 1:
        raise ValueError("eta_values and lambda_values must be 1-D arrays")
    if not (np.all(np.isfinite(eta_array)) and np.all(eta_array > 0)):
        raise ValueError("eta_values must be finite and > 0")
    if not (np.all(np.isfinite(lambda_array)) and np.all(lambda_array >= 0)):
        raise ValueError("lambda_values must be finite and >= 0")
    return _regime_grid(eta_array, lambda_array)


def jellium_eta(m_over_M: float, valence: int = 1) -> float:
    """omega_D/E_F of a jellium metal (Bohm-Staver sound, Debye cutoff).

    ``2 (2/Z)^(1/3) (Z/3)^(1/2) sqrt(m/M)``, contract section 1; ~1.45 sqrt(m/M)
    for Z = 1.
    """
    ratio = in_range("m_over_M", m_over_M, *M_OVER_M_RANGE, low_open=True, high_open=True)
    z = in_range("valence", valence, *VALENCE_RANGE)
    return 2.0 * (2.0 / z) ** (1.0 / 3.0) * math.sqrt(z / 3.0) * math.sqrt(ratio)


def sound_over_fermi_velocity(m_over_M: float, valence: int = 1) -> float:
    """Bohm-Staver ratio c_s / v_F = sqrt(Z m / 3M) (contract section 1)."""
    ratio = in_range("m_over_M", m_over_M, *M_OVER_M_RANGE, low_open=True, high_open=True)
    z = in_range("valence", valence, *VALENCE_RANGE)
    return math.sqrt(z * ratio / 3.0)


def mass_enhancement(eta: float, coupling: float, E_F_eV: float) -> float:
    """Effective mass m*/m in the point's regime (contract section 2).

    adiabatic: 1 + lambda; non-adiabatic and anti-adiabatic (finite band,
    D = E_F): 1 + lambda D / (D + omega_ph); polaronic (Lang-Firsov small
    polaron): exp(alpha^2), infinite (overflow) past exp(709).
    """
    regime = classify(eta, coupling)
    if regime == "adiabatic":
        return 1.0 + coupling
    if regime == "polaronic":
        alpha_squared = coupling / eta
        return math.exp(alpha_squared) if alpha_squared < 709.0 else math.inf
    E_F = positive("E_F_eV", E_F_eV, units="eV")
    omega_ph = eta * E_F
    return 1.0 + coupling * E_F / (E_F + omega_ph)


@dataclass(frozen=True)
class RegimePoint:
    """Every derived quantity of one parameter point (energies in eV)."""

    regime: str
    eta: float
    migdal_parameter: float
    bo_epsilon: float
    bo_displacement_over_a: float
    alpha_squared: float
    polaron_energy_eV: float
    jellium_eta: float
    sound_over_fermi_velocity: float
    mass_enhancement: float
    log10_mass_enhancement: float
    theta_ph_K: float

    def as_dict(self) -> dict[str, float | str]:
        return asdict(self)


def regime_point(
    m_over_M: float,
    E_F_eV: float,
    omega_ph_eV: float,
    coupling: float,
    valence: int = 1,
) -> RegimePoint:
    """All scales of contract section 1 and the regime of section 2."""
    ratio = in_range("m_over_M", m_over_M, *M_OVER_M_RANGE, low_open=True, high_open=True)
    E_F = positive("E_F_eV", E_F_eV, units="eV")
    omega = positive("omega_ph_eV", omega_ph_eV, units="eV")
    coupling = in_range("lambda", coupling, *LAMBDA_RANGE)
    eta = omega / E_F
    epsilon = ratio**0.25
    alpha_squared = coupling / eta
    enhancement = mass_enhancement(eta, coupling, E_F)
    regime = classify(eta, coupling)
    log10_enhancement = (
        alpha_squared / math.log(10.0) if regime == "polaronic" else math.log10(enhancement)
    )
    return RegimePoint(
        regime=regime,
        eta=eta,
        migdal_parameter=coupling * eta,
        bo_epsilon=epsilon,
        bo_displacement_over_a=epsilon**-3,
        alpha_squared=alpha_squared,
        polaron_energy_eV=coupling * E_F,
        jellium_eta=jellium_eta(ratio, valence),
        sound_over_fermi_velocity=sound_over_fermi_velocity(ratio, valence),
        mass_enhancement=enhancement,
        log10_mass_enhancement=log10_enhancement,
        theta_ph_K=kelvin_from_eV(omega),
    )


def warm_up() -> None:
    """Compile the kernels (called once at web-app start-up)."""
    regime_grid(np.array([1e-3, 1.0]), np.array([0.0, 2.0]))
