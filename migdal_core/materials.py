"""Real systems: the control values of each preset, their sources, measured T_c and best-estimate T_c.

Every number carries its source (``source``; the measured T_c has ``Tc_measured_source``).
``omega_kind`` says what ``omega_ph_eV`` is: ``omega_log`` (the Allen-Dynes logarithmic
average of alpha^2 F) or ``theta_D`` (k_B Theta_D, when the source fitted lambda with
McMillan's formula in Theta_D). m/M uses the ion that carries the relevant phonon:
m_e / (A u). Measured elemental T_c: Webb, Marsiglio & Hirsch, Physica C 514, 17 (2015),
Table 1 (arXiv:1502.04724). Detector targets (Si, Ge, Xe, Ar) have no T_c.

Where a coupling has no independent measurement (doped SrTiO3, the generic heavy-fermion
metal) the source line says so plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from migdal_core import multiband, regimes, tc
from migdal_core.constants import K_B_EV_PER_K

M_E_U = 5.48579909e-4  # electron mass in atomic mass units (CODATA 2018)
ELEMENTS_TC_SOURCE = "Webb, Marsiglio & Hirsch, Physica C 514, 17 (2015), Table 1"


def _on_step(value: float, step: str) -> float:
    """``value`` rounded half up to a slider step such as "0.01" (0.155 -> 0.16, as published)."""
    return float(Decimal(str(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP))


# MgB2 on the web app's two-band sliders (lambda steps 0.01, mu* steps 0.001; mu*_21 follows from the DOS ratio)
MGB2_TWO_BANDS = {
    **{
        name: _on_step(value, "0.01")
        for name, value in zip(
            ("lambda_11", "lambda_12", "lambda_21", "lambda_22"), multiband.MGB2["lambda_matrix"]
        )
    },
    **{
        name: _on_step(multiband.MGB2["mu_star_matrix"][k], "0.001")
        for name, k in (("mu_star_11", 0), ("mu_star_12", 1), ("mu_star_22", 3))
    },
    "omega_log_eV": multiband.MGB2["omega_log_eV"],
    "eta_1": multiband.MGB2["eta1"],
    "Qc_1": multiband.MGB2["Qc1"],
}


def _mass_ratio(atomic_mass_u: float) -> float:
    return float(f"{M_E_U / atomic_mass_u:.4g}")


def _theta(theta_D_K: float) -> float:
    return float(f"{theta_D_K * K_B_EV_PER_K:.4g}")


@dataclass(frozen=True)
class Material:
    key: str
    label: str
    source: str
    values: dict = field(default_factory=dict)
    kind: str = "superconductor"  # superconductor | detector | metal (no measured T_c)
    Tc_measured_K: float | None = None
    Tc_measured_source: str = ""
    omega_kind: str = "omega_log"

    @property
    def is_detector(self) -> bool:
        return self.kind == "detector"


MATERIALS: tuple[Material, ...] = (
    Material(
        "Al",
        "Aluminium: Migdal safe",
        "E_F = 11.7 eV (Ashcroft & Mermin, Table 2.1); Θ_D = 428 K, λ = 0.38, μ* = 0.10 (McMillan, "
        "Phys. Rev. 167, 331 (1968), Table IV: λ fitted to T_c with his formula).",
        dict(
            m_over_M=_mass_ratio(26.98),
            E_F_eV=11.7,
            omega_ph_eV=_theta(428.0),
            coupling=0.38,
            Qc=1.0,
            mu_star=0.10,
        ),
        Tc_measured_K=1.18,
        Tc_measured_source=ELEMENTS_TC_SOURCE,
        omega_kind="theta_D",
    ),
    Material(
        "Pb",
        "Lead: strong coupling",
        "E_F = 9.47 eV (Ashcroft & Mermin); ω_log = 4.8 meV, λ = 1.55, μ* = 0.13 from the tunnelling α²F "
        "(Allen & Dynes, PRB 12, 905 (1975)).",
        dict(
            m_over_M=_mass_ratio(207.2), E_F_eV=9.47, omega_ph_eV=0.0048, coupling=1.55, Qc=1.0, mu_star=0.13
        ),
        Tc_measured_K=7.2,
        Tc_measured_source=ELEMENTS_TC_SOURCE,
    ),
    Material(
        "Nb",
        "Niobium",
        "E_F = 5.32 eV (Ashcroft & Mermin); Θ_D = 277 K, λ = 0.82, μ* = 0.13 (McMillan, Phys. Rev. 167, "
        "331 (1968), Table IV: λ fitted to T_c with his formula).",
        dict(
            m_over_M=_mass_ratio(92.91),
            E_F_eV=5.32,
            omega_ph_eV=_theta(277.0),
            coupling=0.82,
            Qc=1.0,
            mu_star=0.13,
        ),
        Tc_measured_K=9.25,
        Tc_measured_source=ELEMENTS_TC_SOURCE,
        omega_kind="theta_D",
    ),
    Material(
        "MgB2",
        "MgB₂ (σ band; two bands σ, π)",
        "σ band: E_F ≈ 0.5 eV, E₂g mode ≈ 0.07 eV, small Fermi surface ⇒ small q_c (Cappelluti et al., "
        "PRL 88, 117003 (2002)); λ_σσ = 1.02 (Golubov et al., J. Phys.: Condens. Matter 14, 1353 (2002)). "
        "One band in panels 1–2; the two-band panel has Golubov's λ_ij and μ*_ij and ω_log = 62 meV.",
        dict(
            m_over_M=_mass_ratio(10.81),
            E_F_eV=0.5,
            omega_ph_eV=0.07,
            coupling=1.02,
            Qc=0.3,
            mu_star=0.1,
            **MGB2_TWO_BANDS,
        ),
        Tc_measured_K=39.0,
        Tc_measured_source="Nagamatsu et al., Nature 410, 63 (2001)",
    ),
    Material(
        "K3C60",
        "K₃C₆₀: ω_ph ≈ E_F",
        "Intramolecular H_g modes ≈ 0.03–0.2 eV (mean ≈ 0.1 eV), t₁u band width W ≈ 0.5 eV (E_F ≈ W/2), "
        "λ ≈ 0.5–1 (Gunnarsson, RMP 69, 575 (1997)); μ* ≈ 0.2 as retardation is weak there.",
        dict(m_over_M=_mass_ratio(12.011), E_F_eV=0.25, omega_ph_eV=0.1, coupling=0.7, Qc=1.0, mu_star=0.2),
        Tc_measured_K=18.0,
        Tc_measured_source="Hebard et al., Nature 350, 600 (1991) (Meissner-effect onset)",
    ),
    Material(
        "SrTiO3",
        "Doped SrTiO₃: E_F of meV",
        "Dilute electrons, E_F ≈ 5 meV at n ≈ 10¹⁹ cm⁻³, longitudinal optical phonon ≈ 0.1 eV, Coulomb "
        "repulsion screened by ε₀ ~ 10⁴ so μ ≈ 0 (Gor'kov, PRB 93, 054517 (2016); Gastiasoro, Chubukov & "
        "Fernandes, PRB 99, 094524 (2019)). λ = 0.2 has no independent measurement: it is the value for "
        "which the anti-adiabatic formula gives the measured T_c order.",
        dict(m_over_M=_mass_ratio(16.0), E_F_eV=0.005, omega_ph_eV=0.1, coupling=0.2, Qc=1.0, mu_star=0.0),
        Tc_measured_K=0.3,
        Tc_measured_source="Schooley et al., PRL 14, 305 (1965); Lin et al., PRX 3, "
        "021002 (2013) (dome maximum ≈ 0.4 K)",
    ),
    Material(
        "FeSe_STO",
        "FeSe on SrTiO₃: forward scattering",
        "Electron pockets E_F ≈ 60 meV, interface Fuchs–Kliewer phonon ≈ 90 meV with forward-focused "
        "coupling λ ≈ 0.25 (Lee et al., Nature 515, 245 (2014); Rademaker et al., NJP 18, 022001 (2016)). "
        "The phonon adds to an electronic pairing the single-band estimate leaves out.",
        dict(m_over_M=_mass_ratio(16.0), E_F_eV=0.06, omega_ph_eV=0.09, coupling=0.25, Qc=0.05, mu_star=0.0),
        Tc_measured_K=65.0,
        Tc_measured_source="He et al., Nature Mater. 12, 605 (2013) (gap closing)",
    ),
    Material(
        "H3S",
        "H₃S at 150–200 GPa",
        "λ = 2.19, ω_log = 0.115 eV computed at 200 GPa (Duan et al., Sci. Rep. 4, 6968 (2014)), T_c "
        "measured at 155 GPa; μ* = 0.13; broad metallic bands, E_F of order 10 eV.",
        dict(
            m_over_M=_mass_ratio(1.008), E_F_eV=10.0, omega_ph_eV=0.115, coupling=2.19, Qc=1.0, mu_star=0.13
        ),
        Tc_measured_K=203.0,
        Tc_measured_source="Drozdov et al., Nature 525, 73 (2015) (155 GPa)",
    ),
    Material(
        "heavy_fermion",
        "Heavy-fermion metal",
        "Generic: coherence scale E_F* of a few meV (Fermi temperature 10–100 K) below typical phonon "
        "energies ≈ 15 meV (seeds/migdal_theorem_breakdown.txt; Coleman, Introduction to Many-Body "
        "Physics, ch. 17). λ = 0.5 and μ* = 0.1 are illustrative, not measured; heavy-fermion "
        "superconductivity is not phonon-driven.",
        dict(m_over_M=_mass_ratio(140.1), E_F_eV=0.005, omega_ph_eV=0.015, coupling=0.5, Qc=1.0, mu_star=0.1),
        kind="metal",
    ),
    Material(
        "Si",
        "Si detector (Migdal effect)",
        "Migdal effect in a Si crystal: ω_p = 16.6 eV, E_gap = 1.11 eV; m_χ = 50 MeV, light mediator, "
        "2-electron threshold (Knapen, Kozaczuk & Lin, PRL 127, 081805 (2021)).",
        dict(
            m_over_M=_mass_ratio(28.085),
            E_F_eV=12.5,
            omega_ph_eV=0.063,
            coupling=0.0,
            Qc=1.0,
            target="Si",
            m_chi_MeV=50.0,
            mediator="light",
            electrons=2,
            E_th_eV=0.12,
        ),
        kind="detector",
    ),
    Material(
        "Ge",
        "Ge detector (Migdal effect)",
        "Migdal effect in a Ge crystal: ω_p = 16.0 eV, E_gap = 0.67 eV (Knapen, Kozaczuk & Lin 2021).",
        dict(
            m_over_M=_mass_ratio(72.63),
            E_F_eV=11.6,
            omega_ph_eV=0.037,
            coupling=0.0,
            Qc=1.0,
            target="Ge",
            m_chi_MeV=100.0,
            mediator="heavy",
            electrons=2,
            E_th_eV=0.08,
        ),
        kind="detector",
    ),
    Material(
        "Xe",
        "Xe (isolated atoms)",
        "Atomic Migdal effect, Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194; m_χ = 1 GeV.",
        dict(m_over_M=_mass_ratio(131.29), target="Xe", m_chi_MeV=1000.0, mediator="heavy", electrons=1),
        kind="detector",
    ),
    Material(
        "Ar",
        "Ar (isolated atoms)",
        "Atomic Migdal effect, Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194; m_χ = 1 GeV.",
        dict(m_over_M=_mass_ratio(39.95), target="Ar", m_chi_MeV=1000.0, mediator="heavy", electrons=1),
        kind="detector",
    ),
)

BY_KEY = {material.key: material for material in MATERIALS}
DETECTOR_KEYS = frozenset(m.key for m in MATERIALS if m.is_detector)
ADIABATIC_MEANINGS = {
    "theorem": "Migdal's theorem: adiabatic means η = ω_ph/E_F ≪ 1",
    "effect": "Migdal effect: adiabatic/non-adiabatic are the two Born–Oppenheimer terms of the wave function",
}


def best_estimate(material: Material) -> dict | None:
    """Best-estimate T_c of a superconductor preset (:func:`migdal_core.tc.tc_best`); None for detectors."""
    if material.is_detector:
        return None
    v = material.values
    summary = tc.tc_all(
        v["coupling"],
        v["mu_star"],
        v["omega_ph_eV"],
        eta=v["omega_ph_eV"] / v["E_F_eV"],
        Qc=v["Qc"],
        E_F_eV=v["E_F_eV"],
        omega_kind=material.omega_kind,
    )
    return summary["best"]


def regime_of(material: Material) -> str | None:
    """Metal-model regime of the preset's point; None for isolated atoms (no band: Migdal's theorem is moot)."""
    v = material.values
    if "E_F_eV" not in v:
        return None
    return regimes.classify(v["omega_ph_eV"] / v["E_F_eV"], v["coupling"])


def preset_record(material: Material) -> dict:
    """One entry of ``python -m migdal_core presets --json``."""
    best = best_estimate(material)
    record = {
        "key": material.key,
        "label": material.label,
        "kind": material.kind,
        "values": dict(material.values),
        "omega_kind": material.omega_kind,
        "regime": regime_of(material),
        "Tc_best_K": None if best is None else best["Tc_K"],
        "Tc_best_method": None if best is None else best["method"],
        "Tc_best_reason": None if best is None else best["reason"],
        "Tc_measured_K": material.Tc_measured_K,
        "Tc_measured_source": material.Tc_measured_source or None,
        "source": material.source,
    }
    if material.is_detector:
        record["adiabatic_meanings"] = dict(ADIABATIC_MEANINGS)
    return record
