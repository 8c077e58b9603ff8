"""Validated inputs of a Migdal-rate calculation: one frozen dataclass.

:class:`SpectrumInputs` holds the user's choices (their defaults are written
here and nowhere else) and, after validation, the derived numbers the kernels
read (masses and momenta in eV, the recoil cut, the Helm radius, the halo).
Public functions of :mod:`migdal_core.spectra` build it with :func:`resolve`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from migdal_core import constants as C
from migdal_core import dielectric as D
from migdal_core import earth_motion as EM
from migdal_core import halo as H
from migdal_core import validation as V
from migdal_core.spectra import targets as T
from migdal_core.spectra import zion as Z

APPROXIMATIONS = ("free", "impulse")
MEDIATORS = ("heavy", "light", "general")
CONVENTION_NAMES = ("standard", "darkelf")
MEDIATOR_CODE = {"heavy": 0, "light": 1, "general": 2}
#: Crystal ELF models: the measured optical ELF extended to finite k (:mod:`.optical_elf`), and the
#: analytic electron-gas models of :mod:`migdal_core.dielectric`.
ELF_MODELS = ("optical", *D.ELF_MODELS)
ELF_LABELS = {
    "optical": "measured optical ELF (Palik), Penn + Levine-Louie",
    "lindhard": "free-electron gas (teaching): Lindhard",
    "mermin": "free-electron gas (teaching): Mermin + gap",
}
#: ELF models without a band structure: unreliable below 2 E_gap (contract section 6).
FREE_ELECTRON_ELFS = ("lindhard", "mermin")


@dataclass(frozen=True)
class SpectrumInputs:
    """Choices of a Migdal rate (first block, user-facing) and the numbers derived from them.

    Choices: target "Si" | "Ge" | "Xe" | "Ar"; model "crystal" (Si, Ge; ELF soft
    limit) | "atomic" (Ibe et al.), default crystal for Si/Ge, atomic for Xe/Ar;
    m_chi_MeV in (0, 1e5]; sigma_n_cm2 (at q0 = m_chi v0 for light/general
    mediators, coherent A^2 scaling); mediator "heavy" | "light" | "general"
    (with m_med_MeV: form factor ((q0^2+m^2)/(q^2+m^2))^2, without it "light"
    is massless); elf (crystal): "optical" (measured ELF extended to finite k,
    :mod:`.optical_elf`) or a free-electron gas of :mod:`migdal_core.dielectric`;
    approximation "free" | "impulse" (crystal only); conventions "standard"
    (CODATA) | "darkelf" (reference constants); halo "darkelf" | "shm",
    default following conventions, v0/vesc/vE/rho override single values;
    date "YYYY-MM-DD": the Earth's speed on that day (annual modulation,
    :mod:`migdal_core.earth_motion`), the halo's v_E being the annual mean;
    E_th_eV nuclear-recoil cut, default 4 omegabar for crystals, 0 for atoms;
    shells (atomic) "all", "inner", "liquid" (Xe n = 3, 4; Ar n = 1, 2: the shells of
    liquid-noble analyses, the default for Xe and Ar; "all" is the default for the
    Si and Ge atoms) or patterns like "2_1,3*"; zion (crystal
    Z_ion(k) model, :mod:`migdal_core.spectra.zion`); gamma_eV Mermin plasmon
    width; nuclear_form_factor Helm on/off (default on for atoms, off for
    crystals as in DarkELF).
    """

    target: str = "Si"
    m_chi_MeV: float = 100.0
    sigma_n_cm2: float = 1e-38
    mediator: str = "heavy"
    m_med_MeV: float | None = None
    model: str | None = None
    elf: str = "optical"
    approximation: str = "free"
    conventions: str = "standard"
    halo: str | None = None
    E_th_eV: float | None = None
    shells: object = None
    zion: str = "form-factor"
    gamma_eV: float = D.DEFAULT_GAMMA_EV
    nuclear_form_factor: bool | None = None
    v0_kms: float | None = None
    vesc_kms: float | None = None
    vE_kms: float | None = None
    rho_GeV_cm3: float | None = None
    date: str | None = None

    # derived (set in __post_init__)
    m_chi_eV: float = field(init=False)
    m_med_eV: float = field(init=False)
    A: int = field(init=False)
    m_N_eV: float = field(init=False)
    mu_N_eV: float = field(init=False)
    mu_n_eV: float = field(init=False)
    q0_eV: float = field(init=False)
    q_th_eV: float = field(init=False)
    width_eV: float = field(init=False)
    helm_rn_fm: float = field(init=False)
    helm_s_fm: float = field(init=False)
    shell_idx: tuple = field(init=False)

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        V.one_of("target", self.target, T.TARGETS)
        model = T.default_model(self.target) if self.model is None else self.model
        V.one_of("model", model, T.MODELS)
        if model == "crystal" and self.target not in T.CRYSTALS:
            raise ValueError(
                f"model=crystal is only available for Si and Ge (the ELF treatment needs a "
                f"semiconductor crystal); target={self.target!r} must use model=atomic"
            )
        put("model", model)
        V.one_of("conventions", self.conventions, CONVENTION_NAMES)
        halo = self.halo or ("darkelf" if self.conventions == "darkelf" else "shm")
        hp = H.halo_params(halo, self.v0_kms, self.vesc_kms, self.vE_kms, self.rho_GeV_cm3)
        put("halo", halo)
        for name, value in hp.items():
            put(name, value)
        if self.date is not None:
            put("date", EM.parse_date(self.date).isoformat())
            put("vE_kms", EM.vE_on_date_kms(self.date, hp["vE_kms"]))
            if not self.vE_kms < self.vesc_kms:
                raise ValueError(
                    f"vE_kms on {self.date} ({self.vE_kms:.4g} km/s) must stay below "
                    f"vesc_kms={self.vesc_kms:g} km/s; lower the annual-mean vE_kms"
                )
        put(
            "m_chi_eV",
            V.in_range("m_chi_MeV", self.m_chi_MeV, 0.0, 1.0e5, low_open=True, units="MeV") * C.MEV,
        )
        V.in_range("sigma_n_cm2", self.sigma_n_cm2, 0.0, 1.0e-20, low_open=True, units="cm^2")
        V.one_of("mediator", self.mediator, MEDIATORS)
        m_med = 0.0
        if self.m_med_MeV is not None:
            m_med = V.in_range("m_med_MeV", self.m_med_MeV, 0.0, 1.0e7, low_open=True, units="MeV") * C.MEV
            if self.mediator == "heavy":
                raise ValueError(
                    "m_med_MeV must be omitted for mediator=heavy (use mediator=light or general)"
                )
            put("mediator", "general")
        elif self.mediator == "general":
            raise ValueError("m_med_MeV must be in (0, 1e+07] MeV for mediator=general; got None")
        put("m_med_eV", m_med)
        V.one_of("elf", self.elf, ELF_MODELS)
        V.one_of("approximation", self.approximation, APPROXIMATIONS)
        V.one_of("zion", self.zion, Z.ZION_MODELS)
        V.in_range("gamma_eV", self.gamma_eV, 0.0, 100.0, units="eV")

        td = self.target_data
        if model == "atomic" and self.approximation == "impulse":
            raise ValueError(
                "approximation=impulse needs a crystal (phonon frequency); "
                "use approximation=free for model=atomic"
            )
        if model == "crystal" and self.shells is not None:
            raise ValueError(
                f"shells applies to model=atomic only; got shells={self.shells!r} for model=crystal"
            )
        E_th = self.E_th_eV
        if E_th is None:
            E_th = 4.0 * td["omega_bar_eV"] if model == "crystal" else 0.0
        put("E_th_eV", V.in_range("E_th_eV", E_th, 0.0, 1.0e4, units="eV"))
        cs = self.constants
        A = td["A"]
        m_N = A * cs["m_nucleon_eV"] if cs["nucleus_mass_from_A"] else td["mass_amu"] * C.AMU_EV
        put("A", A)
        put("m_N_eV", m_N)
        put("mu_N_eV", self.m_chi_eV * m_N / (self.m_chi_eV + m_N))
        put("mu_n_eV", self.m_chi_eV * cs["m_nucleon_eV"] / (self.m_chi_eV + cs["m_nucleon_eV"]))
        put("q0_eV", self.m_chi_eV * self.v0_kms / self.c_kms)
        put("q_th_eV", math.sqrt(2.0 * m_N * self.E_th_eV))
        put("width_eV", math.sqrt(td["omega_bar_eV"] * m_N) if model == "crystal" else 1.0)
        if self.nuclear_form_factor is None:
            put("nuclear_form_factor", model == "atomic")
        put("nuclear_form_factor", bool(self.nuclear_form_factor))
        # Helm parameters (Lewin & Smith 1996, eq. 4.11): r_n^2 = c^2 + 7/3 pi^2 a^2 - 5 s^2
        c_helm = 1.23 * A ** (1.0 / 3.0) - 0.60
        a_helm, s_helm = 0.52, 0.9
        put("helm_rn_fm", math.sqrt(c_helm**2 + 7.0 / 3.0 * math.pi**2 * a_helm**2 - 5.0 * s_helm**2))
        put("helm_s_fm", s_helm)
        put("shell_idx", T.select_shells(self.target, self.shells) if model == "atomic" else ())

    @property
    def constants(self) -> dict:
        """The numerical convention set (:data:`migdal_core.constants.CONVENTIONS`)."""
        return C.CONVENTIONS[self.conventions]

    @property
    def target_data(self) -> dict:
        return T.CRYSTALS[self.target] if self.model == "crystal" else T.ATOMS[self.target]

    @property
    def c_kms(self) -> float:
        return self.constants["c_cm_per_s"] / 1e5

    @property
    def omega_cap_eV(self) -> float:
        return T.OMEGA_MAX_EV[self.model]

    @property
    def mediator_code(self) -> int:
        return MEDIATOR_CODE[self.mediator]

    def rate_prefactor(self) -> float:
        """rho/(m_N m_chi) sigma_n c year / kg_per_eV: turns I * int v f J into 1/kg/yr/eV."""
        cs = self.constants
        conversion = cs["c_cm_per_s"] * cs["seconds_per_year"] / cs["kg_per_eV"]
        return self.rho_GeV_cm3 * C.GEV / (self.m_N_eV * self.m_chi_eV) * self.sigma_n_cm2 * conversion


CHOICES = tuple(f.name for f in dataclasses.fields(SpectrumInputs) if f.init)
DEFAULTS = {f.name: f.default for f in dataclasses.fields(SpectrumInputs) if f.init}
POSITIONAL = CHOICES[1:12]  # m_chi_MeV ... shells may be given by position after the target


def resolve(target: str = "Si", *args, **kwargs) -> SpectrumInputs:
    """:class:`SpectrumInputs` from a public call: ``args`` in :data:`POSITIONAL` order, then keywords.

    ValueError (not TypeError) for unknown or repeated parameters, so the CLI and the UI report them.
    """
    if len(args) > len(POSITIONAL):
        raise ValueError(
            f"at most {len(POSITIONAL)} positional parameters after target ({', '.join(POSITIONAL)})"
        )
    for name, value in zip(POSITIONAL, args):
        if name in kwargs:
            raise ValueError(f"{name} given twice (by position and by keyword)")
        kwargs[name] = value
    unknown = sorted(set(kwargs) - set(CHOICES))
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(unknown)}")
    return SpectrumInputs(target, **kwargs)
