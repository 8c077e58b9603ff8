"""Energy scales and the validity regimes of Migdal's theorem, in two coupling models.

Contract ``shared/physics/migdal_theorem.md`` sections 1, 2 (revised) and 5.

Scales (natural units, energies in eV):

- adiabatic ratio ``eta = omega_ph / E_F`` (Migdal 1958, JETP 7, 996);
- Migdal parameter ``lambda * eta``: size of the relative vertex correction
  (effective lambda);
- Born-Oppenheimer parameter ``epsilon = (m/M)**(1/4)``; the expansion holds
  for nuclear displacements ``u < a / epsilon**3``
  (seeds/migdal_effect_solid_crystals.txt);
- jellium ("natural metal") ratio from Bohm-Staver sound
  ``c_s = v_F sqrt(Z m / 3M)`` and Debye wavevector ``q_D = k_F (2/Z)**(1/3)``:
  ``omega_D / E_F = 2 (2/Z)**(1/3) sqrt(Z/3) sqrt(m/M)``;
- Holstein model only: band half-width ``D`` (default ``E_F``), polaron binding
  energy ``E_p = lambda_0 D`` and ``alpha**2 = E_p / omega_ph``.

Regimes (checked in this order, so each point has exactly one):

*metal* (the coupling is the effective lambda of a real material, :mod:`migdal_core.coupling`):

1. beyond-migdal-eliashberg ``lambda >= LAMBDA_C`` = 3.0: ME theory loses validity at a
   finite lambda_c between 3.0 and 3.7 whatever the model (Yuzbashyan & Altshuler,
   "Breakdown of the Migdal-Eliashberg theory and a theory of lattice-fermionic
   superfluidity", arXiv:2206.01593, Phys. Rev. B 106, 054518 (2022)); the lower end is used;
2. anti-adiabatic ``eta >= 1``;
3. non-adiabatic ``0.1 <= eta < 1`` or ``lambda * eta >= 0.05``;
4. adiabatic otherwise; ``lambda >= 1`` is *strong coupling* there, still ME-valid.

*holstein* (the coupling is the bare lambda_0 = E_p / D of the Holstein model):

1. polaronic ``lambda_0 >= lambda_c(omega/D)``, the single-carrier small-polaron crossover of
   the Holstein model in DMFT, computed here by the method of Ciuchi, de Pasquale, Fratini &
   Feinberg, PRB 56, 4494 (1997) (steepest drop of the kinetic energy with ln lambda_0,
   :mod:`migdal_core.polaron_dmft`; lambda_0 -> 27/32 adiabatic, alpha^2 -> 1 anti-adiabatic as
   Capone, Ciuchi & Grimaldi, arXiv:cond-mat/9812195 state), read from a table
   (:func:`migdal_core.coupling.polaron_lambda0`);
2. bipolaronic ``lambda_0 >= 0.4``: bipolaron / CDW instability at finite density, where
   DQMC finds ME theory fails (Esterlis et al., PRB 97, 140501(R) (2018); Chubukov, Esterlis,
   Abanov & Prokof'ev, arXiv:2604.14294);
3.-5. the eta rules of the metal model with the effective lambda = lambda_0 / (1 - 2 lambda_0).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from migdal_core import coupling as _coupling
from migdal_core.constants import kelvin_from_eV
from migdal_core.validation import in_range, one_of, positive

# Regime codes of the grid (plain numpy: nothing to compile); index into REGIME_NAMES.
ADIABATIC, NON_ADIABATIC, ANTI_ADIABATIC, BEYOND_ME, BIPOLARONIC, POLARONIC = range(6)
REGIME_NAMES = (
    "adiabatic",
    "non-adiabatic",
    "anti-adiabatic",
    "beyond-migdal-eliashberg",
    "bipolaronic",
    "polaronic",
)
COUPLING_MODELS = ("metal", "holstein")
METAL_REGIMES = REGIME_NAMES[:4]
HOLSTEIN_REGIMES = REGIME_NAMES[:3] + REGIME_NAMES[4:]

# Boundary conventions (contract section 2).
ETA_NON_ADIABATIC = 0.1  # eta above which vertex corrections are not small
ETA_ANTI_ADIABATIC = 1.0  # phonons faster than electrons
MIGDAL_PARAMETER_LIMIT = 0.05  # lambda*eta above which Migdal fails
LAMBDA_STRONG = 1.0  # strong coupling (still ME-valid below LAMBDA_C)
LAMBDA_C_RANGE = (3.0, 3.7)  # Yuzbashyan & Altshuler 2022: ME loses validity somewhere here
LAMBDA_C = LAMBDA_C_RANGE[0]
LAMBDA0_BIPOLARON = 0.4  # Esterlis et al. 2018: ME accurate for lambda_0 < ~0.4
LAMBDA0_BIPOLARON_BAND = (0.4, 0.5)  # "lambda_0 >~ 0.4-0.5" (contract); drawn as a band

# Parameter ranges of the explorer (contract section 1), used for validation.
M_OVER_M_RANGE = (1e-8, 1.0)  # open at 1: the electron must be the lighter one
LAMBDA_RANGE = (0.0, 10.0)
VALENCE_RANGE = (1, 4)
D_OVER_E_F_RANGE = (1e-3, 1e3)


def _eta_codes(eta, lambda_effective):
    """Adiabatic / non-adiabatic / anti-adiabatic from eta and the effective coupling (arrays broadcast)."""
    return np.select(
        [
            eta >= ETA_ANTI_ADIABATIC,
            (eta >= ETA_NON_ADIABATIC) | (lambda_effective * eta >= MIGDAL_PARAMETER_LIMIT),
        ],
        [ANTI_ADIABATIC, NON_ADIABATIC],
        ADIABATIC,
    )


def _metal_codes(eta, lam):
    """Regime codes of the metal model (effective lambda); the single definition of its boundaries."""
    return np.where(lam >= LAMBDA_C, BEYOND_ME, _eta_codes(eta, lam))


def _holstein_codes(eta, lam0, lambda_c):
    """Regime codes of the Holstein model (bare lambda_0; lambda_c: polaron crossover at this omega_ph / D)."""
    lam0 = np.asarray(lam0, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):  # lambda_0 >= 1/2 is bipolaronic before this is read
        effective = lam0 / (1.0 - 2.0 * lam0)
    return np.select(
        [lam0 >= lambda_c, lam0 >= LAMBDA0_BIPOLARON], [POLARONIC, BIPOLARONIC], _eta_codes(eta, effective)
    )


def _model(coupling_model: object) -> str:
    return one_of("coupling_model", coupling_model, COUPLING_MODELS)


def _d_ratio(D_over_E_F: object) -> float:
    return in_range("D_over_E_F", D_over_E_F, *D_OVER_E_F_RANGE)


def classify(eta: float, coupling: float, coupling_model: str = "metal", D_over_E_F: float = 1.0) -> str:
    """Name of the regime at adiabatic ratio ``eta`` and coupling (effective lambda, or lambda_0 for holstein)."""
    eta = positive("eta", eta)
    coupling = in_range("lambda", coupling, *LAMBDA_RANGE)
    if _model(coupling_model) == "holstein":
        crossover = _coupling.polaron_lambda0(eta / _d_ratio(D_over_E_F))
        return REGIME_NAMES[int(_holstein_codes(eta, coupling, crossover))]
    return REGIME_NAMES[int(_metal_codes(eta, coupling))]


def regime_grid(
    eta_values: np.ndarray, lambda_values: np.ndarray, coupling_model: str = "metal", D_over_E_F: float = 1.0
) -> np.ndarray:
    """Regime codes (see ``REGIME_NAMES``) on a grid: rows lambda (or lambda_0), columns eta."""
    eta_array = np.ascontiguousarray(eta_values, dtype=np.float64)
    lambda_array = np.ascontiguousarray(lambda_values, dtype=np.float64)
    if eta_array.ndim != 1 or lambda_array.ndim != 1:
        raise ValueError("eta_values and lambda_values must be 1-D arrays")
    if not (np.all(np.isfinite(eta_array)) and np.all(eta_array > 0)):
        raise ValueError("eta_values must be finite and > 0")
    if not (np.all(np.isfinite(lambda_array)) and np.all(lambda_array >= 0)):
        raise ValueError("lambda_values must be finite and >= 0")
    holstein = _model(coupling_model) == "holstein"
    d_ratio = _d_ratio(D_over_E_F)
    eta_row, lambda_column = eta_array[None, :], lambda_array[:, None]
    if holstein:
        crossover = np.asarray(_coupling.polaron_lambda0(eta_array / d_ratio), dtype=np.float64)
        codes = _holstein_codes(eta_row, lambda_column, crossover[None, :])
    else:
        codes = _metal_codes(eta_row, lambda_column)
    return codes.astype(np.int8)


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


def log_mass_enhancement(
    E_F_eV: float,
    omega_ph_eV: float,
    coupling: float,
    coupling_model: str = "metal",
    D_eV: float | None = None,
) -> float:
    """ln(m*/m), finite and continuous everywhere (:mod:`migdal_core.coupling`).

    metal: 1 + lambda E_F/(E_F + omega_ph) (= 1 + lambda adiabatic, 1 + lambda_tilde anti-adiabatic);
    holstein: Migdal mass with lambda_0 and D, crossing over smoothly to the DMFT polaron mass (Lang-Firsov
    exp(alpha^2) only anti-adiabatically; :func:`migdal_core.coupling.log_holstein_mass`).
    """
    E_F = positive("E_F_eV", E_F_eV, units="eV")
    omega = positive("omega_ph_eV", omega_ph_eV, units="eV")
    coupling = in_range("lambda", coupling, *LAMBDA_RANGE)
    if _model(coupling_model) == "holstein":
        D = E_F if D_eV is None else positive("D_eV", D_eV, units="eV")
        return _coupling.log_holstein_mass(coupling, D, omega)
    return math.log(_coupling.migdal_mass(coupling, E_F, omega))


def mass_enhancement(
    E_F_eV: float,
    omega_ph_eV: float,
    coupling: float,
    coupling_model: str = "metal",
    D_eV: float | None = None,
) -> float:
    """m*/m as a float; masses beyond 1e300 are returned as 1e300 (use the log for those)."""
    log_mass = log_mass_enhancement(E_F_eV, omega_ph_eV, coupling, coupling_model, D_eV)
    return math.exp(min(log_mass, math.log(1e300)))


@dataclass(frozen=True)
class RegimePoint:
    """Every derived quantity of one parameter point (energies in eV); Holstein-only fields are None in metal mode."""

    regime: str
    coupling_model: str
    strong_coupling: bool
    eta: float
    migdal_parameter: float
    lambda_effective: float
    lambda_bare: float
    lambda_tilde: float
    bo_epsilon: float
    bo_displacement_over_a: float
    jellium_eta: float
    sound_over_fermi_velocity: float
    mass_enhancement: float
    log10_mass_enhancement: float
    mass_text: str
    theta_ph_K: float
    D_eV: float | None = None
    polaron_energy_eV: float | None = None
    alpha_squared: float | None = None

    def as_dict(self) -> dict[str, float | str | bool | None]:
        return asdict(self)


def regime_point(
    m_over_M: float,
    E_F_eV: float,
    omega_ph_eV: float,
    coupling: float,
    valence: int = 1,
    coupling_model: str = "metal",
    D_eV: float | None = None,
) -> RegimePoint:
    """All scales of contract section 1 and the regime of section 2 in the chosen coupling model.

    ``coupling`` is the effective lambda (metal) or the bare lambda_0 (holstein); ``D_eV``
    (holstein only, default E_F) is the band half-width.
    """
    ratio = in_range("m_over_M", m_over_M, *M_OVER_M_RANGE, low_open=True, high_open=True)
    E_F = positive("E_F_eV", E_F_eV, units="eV")
    omega = positive("omega_ph_eV", omega_ph_eV, units="eV")
    coupling = in_range("lambda", coupling, *LAMBDA_RANGE)
    model = _model(coupling_model)
    eta = omega / E_F
    holstein = model == "holstein"
    if holstein:
        D = E_F if D_eV is None else positive("D_eV", D_eV, units="eV")
        _d_ratio(D / E_F)
        lam_eff, lam_bare = _coupling.effective_from_bare(coupling), coupling
    else:
        D, lam_eff, lam_bare = None, coupling, _coupling.bare_from_effective(coupling)
    regime = classify(eta, coupling, model, 1.0 if D is None else D / E_F)
    log_mass = log_mass_enhancement(E_F, omega, coupling, model, D)
    epsilon = ratio**0.25
    return RegimePoint(
        regime=regime,
        coupling_model=model,
        strong_coupling=lam_eff >= LAMBDA_STRONG,
        eta=eta,
        migdal_parameter=lam_eff * eta,
        lambda_effective=lam_eff,
        lambda_bare=lam_bare,
        lambda_tilde=_coupling.lambda_tilde(lam_eff, E_F, omega) if math.isfinite(lam_eff) else math.inf,
        bo_epsilon=epsilon,
        bo_displacement_over_a=epsilon**-3,
        jellium_eta=jellium_eta(ratio, valence),
        sound_over_fermi_velocity=sound_over_fermi_velocity(ratio, valence),
        mass_enhancement=math.exp(min(log_mass, math.log(1e300))),
        log10_mass_enhancement=log_mass / math.log(10.0),
        mass_text=_coupling.mass_text(log_mass),
        theta_ph_K=kelvin_from_eV(omega),
        D_eV=D,
        polaron_energy_eV=coupling * D if holstein else None,
        alpha_squared=coupling * D / omega if holstein else None,
    )
