"""Migdal-effect event spectra for crystals (Si, Ge) and atoms (Xe, Ar, Si, Ge).

One module per concept: :mod:`.inputs` (validated choices), :mod:`.targets`
(target tables), :mod:`.zion` (screened ion charge), :mod:`.ionization` (I(omega),
crystal ELF and atomic tables), :mod:`.recoil` (nuclear J, velocity integral),
:mod:`.rates` (dR/domega, integrals over omega), :mod:`.detector` (electron
yield, n-electron rates, reach). Natural units (hbar = c = 1), energies and
momenta in eV.

Conventions (``conventions=``): "standard" (default) takes CODATA constants from
:mod:`migdal_core.constants` and m_N = (atomic mass) x amu; "darkelf" reproduces
DarkELF / the contract reference (m_N = A x 0.94 GeV, alpha = 1/137, m_e = 511 keV,
year = 365 d, 1 eV = 1.78e-36 kg). The default halo follows the convention set.
"""

from migdal_core import dielectric as _dielectric
from migdal_core.spectra.detector import (
    DEFAULT_ELECTRONS,
    REFERENCE_SIGMA_N_CM2,
    dR_dQ,
    electron_threshold_eV,
    electron_yield_rates,
    free_electron_warning,
    rate_above_electrons,
    rate_modulation,
    reach_sigma_n,
    reach_sigma_n_by_electrons,
    sigma_for_events,
)
from migdal_core.spectra.inputs import DEFAULTS, ELF_LABELS, ELF_MODELS, SpectrumInputs, resolve
from migdal_core.spectra.ionization import elf_map
from migdal_core.spectra.rates import (
    dR_domega,
    dR_domega_by_approximation,
    ionization_probability,
    rate_above_threshold,
)
from migdal_core.spectra.targets import ATOMS, CRYSTALS, TARGETS, load_transition_table

__all__ = [
    "ATOMS",
    "CRYSTALS",
    "DEFAULTS",
    "DEFAULT_ELECTRONS",
    "ELF_LABELS",
    "ELF_MODELS",
    "REFERENCE_SIGMA_N_CM2",
    "TARGETS",
    "SpectrumInputs",
    "dR_dQ",
    "dR_domega",
    "dR_domega_by_approximation",
    "electron_threshold_eV",
    "electron_yield_rates",
    "elf_map",
    "free_electron_warning",
    "ionization_probability",
    "load_transition_table",
    "rate_above_electrons",
    "rate_above_threshold",
    "rate_modulation",
    "reach_sigma_n",
    "reach_sigma_n_by_electrons",
    "resolve",
    "sigma_for_events",
    "warm_up",
]


def warm_up_recoil() -> None:
    """Compile the nuclear side (velocity integral with free and impulse J, Helm moments) and the atomic I."""
    dR_domega([5.0], "Si", 100.0, 1e-38)
    dR_domega([50.0], "Xe", 1000.0, 1e-38)


def warm_up_electron_gas() -> None:
    """Compile the free-electron-gas ELF models (Lindhard, Mermin): dielectric functions, the crystal
    I(omega), the ELF maps. No default figure uses them (the default is the tabulated optical ELF): a cold
    start compiles them after the page is served (:data:`migdal_core.warmup.DEFERRED`)."""
    _dielectric.warm_up()
    for elf_name in _dielectric.ELF_MODELS:
        ionization_probability([5.0], "Si", elf=elf_name)
        elf_map("Si", elf_name)
        dR_domega([5.0], "Si", 100.0, 1e-38, elf=elf_name)


def warm_up() -> None:
    """Compile the kernels of the default figures with tiny inputs (called by the web app at start-up),
    then run every option once; the electron-gas ELF models are :func:`warm_up_electron_gas`'s."""
    warm_up_recoil()
    ionization_probability([5.0], "Si", elf="optical")
    elf_map("Si", "optical")
    dR_domega([5.0], "Si", 100.0, 1e-38, approximation="impulse")
    dR_domega([5.0], "Si", 100.0, 1e-38, mediator="light", zion="slater")
    dR_domega([5.0], "Si", 100.0, 1e-38, mediator="light", m_med_MeV=1.0)
