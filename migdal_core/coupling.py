"""Effective versus bare electron-phonon coupling, and the effective mass in each coupling model.

Contract ``shared/physics/migdal_theorem.md`` section 2 (revised). Energies in eV.

- Effective (dressed) coupling lambda, the number real materials quote, and the bare
  Holstein coupling lambda_0 = E_p / D, related within the uniform RPA phonon softening
  Omega^2 = Omega_0^2 (1 - 2 lambda_0):
      lambda = lambda_0 / (1 - 2 lambda_0)  <=>  lambda_0 = lambda / (1 + 2 lambda)
  (Migdal, JETP 7, 996 (1958); Bauer, Han & Gunnarsson, PRB 84, 184531 (2011)).
- Mass renormalisation of a band of half-width D coupled to one Einstein mode, lowest
  order (Migdal self-energy, flat density of states):
      m*/m = 1 + lambda D / (D + omega_ph),
  which is 1 + lambda for omega_ph << D and 1 + lambda_tilde with
  lambda_tilde = lambda E_F / (E_F + omega_ph) in the anti-adiabatic limit (D = E_F;
  Gor'kov, PRB 93, 054517 (2016); Pimenov & Chubukov, npj Quantum Mater. 7, 45 (2022)).
  One smooth formula, so no jump at any crossover of the metal diagram.
- Holstein small polaron: the mass of one electron in DMFT, m*/m = 1/Z (Ciuchi, de Pasquale,
  Fratini & Feinberg, PRB 56, 4494 (1997); :mod:`migdal_core.polaron_dmft`, tabulated in
  :mod:`migdal_core.tables.polaron_mass`). It is Lang-Firsov exp(alpha^2), alpha^2 = E_p / omega_ph
  (Lang & Firsov, JETP 16, 1301 (1963)), in the anti-adiabatic limit only; adiabatically it is far
  smaller (the tunnelling exponent is below alpha^2, Holstein, Ann. Phys. 8, 343 (1959)), and on
  the weak side of the crossover the one electron's mass is nearly bare. Across the crossover
  lambda_0 ~ lambda_c(omega/D) ln(m*/m) goes from the Migdal value (a metal's carriers) to the
  polaron's with a smooth weight, so the mass is finite and continuous; masses above 10^3 are
  shown as ">> 10^3".
- The crossover lambda_c(omega/D) is the single-electron small-polaron crossover of the Holstein
  model in DMFT, computed here by the method of Ciuchi, de Pasquale, Fratini & Feinberg, PRB 56,
  4494 (1997) (:mod:`migdal_core.polaron_dmft`: steepest drop of the electron's kinetic energy with
  ln lambda_0) and read from :mod:`migdal_core.tables.polaron_crossover`. Its limits are the papers':
  lambda_0 -> 27/32 ~ 1 adiabatic, alpha^2 -> 1 anti-adiabatic (Capone, Ciuchi & Grimaldi,
  arXiv:cond-mat/9812195).
"""

from __future__ import annotations

import math

# lambda_c(omega_ph / D) of the DMFT small-polaron crossover (module docstring); accepts arrays
from migdal_core.tables.polaron_crossover import crossover_lambda0 as polaron_lambda0
from migdal_core.tables.polaron_mass import log_mass as polaron_log_mass
from migdal_core.validation import in_range, positive

POLARON_CROSSOVER_WIDTH = 0.15  # relative width of the mass crossover around lambda_c
MASS_SHOWN_MAX = 1e3  # above this the mass is shown as ">> 10^3"


def bare_from_effective(coupling: float) -> float:
    """Bare Holstein coupling lambda_0 = lambda / (1 + 2 lambda) (RPA softening; < 1/2)."""
    lam = in_range("lambda", coupling, 0.0, math.inf)
    return lam / (1.0 + 2.0 * lam)


def effective_from_bare(lambda_0: float) -> float:
    """Effective coupling lambda = lambda_0 / (1 - 2 lambda_0); inf at and beyond the RPA lattice instability."""
    lam0 = in_range("lambda_0", lambda_0, 0.0, math.inf)
    return math.inf if lam0 >= 0.5 else lam0 / (1.0 - 2.0 * lam0)


def lambda_tilde(coupling: float, E_F_eV: float, omega_ph_eV: float) -> float:
    """Mass-renormalisation coupling lambda E_F / (E_F + omega_ph) (contract §2, §4)."""
    E_F = positive("E_F_eV", E_F_eV, units="eV")
    omega = positive("omega_ph_eV", omega_ph_eV, units="eV")
    return coupling * E_F / (E_F + omega)


def migdal_mass(coupling: float, D_eV: float, omega_ph_eV: float) -> float:
    """m*/m = 1 + lambda D / (D + omega_ph): Migdal self-energy of a flat band of half-width D."""
    return 1.0 + coupling * D_eV / (D_eV + omega_ph_eV)


def log_holstein_mass(lambda_0: float, D_eV: float, omega_ph_eV: float) -> float:
    """ln(m*/m) of a Holstein carrier: Migdal below the polaron crossover, the DMFT polaron mass above
    (:mod:`migdal_core.tables.polaron_mass`; Lang-Firsov only where DMFT gives it), smooth between."""
    ratio = omega_ph_eV / D_eV
    log_weak = math.log(migdal_mass(lambda_0, D_eV, omega_ph_eV))
    crossover = polaron_lambda0(ratio)
    # C^1 smoothstep, exactly 0 below and 1 above lambda_c (1 -+ width): no polaron tail in the ME region
    x = min(max((lambda_0 / crossover - 1.0) / POLARON_CROSSOVER_WIDTH, -1.0), 1.0)
    weight = 0.25 * (2.0 + 3.0 * x - x**3)
    if weight == 0.0:
        return log_weak
    return (1.0 - weight) * log_weak + weight * max(polaron_log_mass(lambda_0, ratio), log_weak)


def mass_text(log_mass: float) -> str:
    """m*/m for display: 4 significant digits, or ">> 10^3" when astronomically large."""
    if log_mass > math.log(MASS_SHOWN_MAX):
        return "≫ 10³"
    return f"{math.exp(log_mass):.4g}"
