"""Physical constants and unit conversions: the one place they are defined.

Natural units (hbar = c = k_B = 1) with energies in eV. Values: CODATA 2018
(exact SI definitions for e, h, k_B, c).
"""

# --- energy / temperature / time ---------------------------------------------
K_B_EV_PER_K = 8.617333262e-5  # Boltzmann constant [eV/K]
HBAR_C_EV_CM = 1.973269804e-5  # hbar c [eV cm]
C_CM_PER_S = 2.99792458e10  # speed of light [cm/s]
SECONDS_PER_YEAR = 365.25 * 86400.0  # Julian year [s]
EV_PER_KG = 5.609588603804452e35  # 1 kg c^2 in eV
KG_PER_EV = 1.0 / EV_PER_KG  # mass of 1 eV/c^2 [kg]

# --- particle masses ------------------------------------------------------------
M_ELECTRON_EV = 0.51099895000e6  # electron mass [eV]
AMU_EV = 931.49410242e6  # atomic mass unit [eV]

# --- couplings ------------------------------------------------------------------
ALPHA_EM = 7.2973525693e-3  # fine-structure constant

# --- Hartree atomic units (m_e = e = hbar = 1), used by migdal_core.nuclei --------
HARTREE_EV = 27.211386245988  # 1 Ha [eV]
ATOMIC_MOMENTUM_EV = ALPHA_EM * M_ELECTRON_EV  # hbar / a0 in eV/c (3.7289 keV)

# --- cosmology / astrophysics conversions ---------------------------------------
GEV = 1.0e9  # [eV]
MEV = 1.0e6  # [eV]


def kelvin_from_eV(energy_eV: float) -> float:
    """Temperature [K] equivalent to an energy [eV] (T = E / k_B)."""
    return energy_eV / K_B_EV_PER_K


# --- Migdal-spectrum convention sets (used by migdal_core.spectra) --------------
# Two named sets of numerical conventions; see migdal_core/spectra/__init__.py.
# "darkelf": the values hard-coded in the public DarkELF code (Knapen, Kozaczuk,
#   Lin, PRL 127 (2021) 081805; github tongylin/DarkELF, darkelf/__init__.py)
#   and used by the contract's reference table (shared/physics/migdal_effect.md).
# "standard": CODATA values from this module.
CONVENTIONS = {
    "darkelf": {
        "alpha": 1.0 / 137.0,
        "m_e_eV": 511.0e3,
        "m_nucleon_eV": 0.94e9,  # m_N = A * m_nucleon; also used in mu_chi_n
        "nucleus_mass_from_A": True,
        "c_cm_per_s": 2.99792458e10,
        "seconds_per_year": 365.0 * 86400.0,
        "kg_per_eV": 1.78e-36,
    },
    "standard": {
        "alpha": ALPHA_EM,
        "m_e_eV": M_ELECTRON_EV,
        "m_nucleon_eV": AMU_EV,  # m_N = (atomic mass) * amu; mu_chi_n with 1 amu
        "nucleus_mass_from_A": False,
        "c_cm_per_s": C_CM_PER_S,
        "seconds_per_year": SECONDS_PER_YEAR,
        "kg_per_eV": KG_PER_EV,
    },
}
