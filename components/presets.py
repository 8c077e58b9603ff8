"""Presets of real systems: every control at once, with the source of the numbers.

Values are representative literature numbers, rounded; each preset says
where they come from (shown in the preset's tooltip). m/M uses the ion that
carries the relevant phonon: m_e / (A u).
"""

from __future__ import annotations

from dataclasses import dataclass, field

M_E_U = 5.48579909e-4  # electron mass in atomic mass units


def _mass_ratio(atomic_mass_u: float) -> float:
    return float(f"{M_E_U / atomic_mass_u:.4g}")


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    source: str
    values: dict = field(default_factory=dict)


PRESETS: tuple[Preset, ...] = (
    Preset("Al", "Aluminium: Migdal safe",
           "E_F = 11.7 eV (Ashcroft & Mermin, Table 2.1); Θ_D = 428 K; λ = 0.43 (McMillan, PRB 167, 331 (1968)).",
           dict(m_over_M=_mass_ratio(26.98), E_F_eV=11.7, omega_ph_eV=0.0369, coupling=0.43, Qc=1.0,
                mu_star=0.13)),
    Preset("Pb", "Lead: strong coupling",
           "E_F = 9.47 eV (Ashcroft & Mermin); ω_log ≈ 4.8 meV, λ = 1.55, μ* = 0.13 "
           "(Allen & Dynes, PRB 12, 905 (1975)).",
           dict(m_over_M=_mass_ratio(207.2), E_F_eV=9.47, omega_ph_eV=0.0083, coupling=1.55, Qc=1.0,
                mu_star=0.13)),
    Preset("Nb", "Niobium",
           "E_F = 5.32 eV (Ashcroft & Mermin); Θ_D = 275 K; λ ≈ 1.0 (Allen & Dynes 1975 table).",
           dict(m_over_M=_mass_ratio(92.91), E_F_eV=5.32, omega_ph_eV=0.0237, coupling=1.0, Qc=1.0,
                mu_star=0.13)),
    Preset("MgB2", "MgB₂ (σ band)",
           "σ-band E_F ≈ 0.5 eV, E₂g mode ≈ 0.07 eV, λ_σ ≈ 1, small Fermi surface ⇒ small q_c "
           "(Cappelluti et al., PRL 88, 117003 (2002)).",
           dict(m_over_M=_mass_ratio(10.81), E_F_eV=0.5, omega_ph_eV=0.07, coupling=0.9, Qc=0.3,
                mu_star=0.1)),
    Preset("K3C60", "K₃C₆₀: ω_ph ≈ E_F",
           "Intramolecular H_g modes up to ≈ 0.2 eV, t₁u bandwidth ≈ 0.5 eV (E_F ≈ 0.3 eV), λ ≈ 0.5–1 "
           "(Gunnarsson, RMP 69, 575 (1997)).",
           dict(m_over_M=_mass_ratio(12.011), E_F_eV=0.3, omega_ph_eV=0.2, coupling=0.8, Qc=1.0,
                mu_star=0.1)),
    Preset("SrTiO3", "Doped SrTiO₃: E_F of meV",
           "Dilute electrons, E_F ≈ 5 meV at n ≈ 10¹⁹ cm⁻³, longitudinal optical phonon ≈ 0.1 eV "
           "(Gastiasoro, Chubukov & Fernandes, PRB 99, 094524 (2019)).",
           dict(m_over_M=_mass_ratio(16.0), E_F_eV=0.005, omega_ph_eV=0.1, coupling=0.3, Qc=1.0,
                mu_star=0.0)),
    Preset("FeSe_STO", "FeSe on SrTiO₃: forward scattering",
           "Electron pockets E_F ≈ 60 meV, interface Fuchs–Kliewer phonon ≈ 90 meV with forward-focused "
           "coupling (Lee et al., Nature 515, 245 (2014); Rademaker et al., NJP 18, 022001 (2016)).",
           dict(m_over_M=_mass_ratio(16.0), E_F_eV=0.06, omega_ph_eV=0.09, coupling=0.25, Qc=0.05,
                mu_star=0.0)),
    Preset("H3S", "H₃S at 150 GPa",
           "λ ≈ 2.2, ω_log ≈ 0.12 eV (Duan et al., Sci. Rep. 4, 6968 (2014); Errea et al., Nature 532, 81 "
           "(2016)); broad metallic bands, E_F of order 10 eV.",
           dict(m_over_M=_mass_ratio(1.008), E_F_eV=10.0, omega_ph_eV=0.12, coupling=2.2, Qc=1.0,
                mu_star=0.13)),
    Preset("heavy_fermion", "Heavy-fermion metal",
           "Coherence scale E_F* of a few meV (Fermi temperature 10–100 K) below typical phonon energies "
           "≈ 15 meV (seeds/migdal_theorem_breakdown.txt; Coleman, Introduction to Many-Body Physics, ch. 17).",
           dict(m_over_M=_mass_ratio(140.1), E_F_eV=0.005, omega_ph_eV=0.015, coupling=0.5, Qc=1.0,
                mu_star=0.1)),
    Preset("Si", "Si detector (Migdal effect)",
           "Migdal effect in a Si crystal: ω_p = 16.6 eV, E_gap = 1.11 eV; m_χ = 50 MeV, light mediator, "
           "2-electron threshold (Knapen, Kozaczuk & Lin, PRL 127, 081805 (2021)).",
           dict(m_over_M=_mass_ratio(28.085), E_F_eV=12.5, omega_ph_eV=0.063, coupling=0.0, Qc=1.0,
                target="Si", m_chi_MeV=50.0, mediator="light", electrons=2, E_th_eV=0.12)),
    Preset("Ge", "Ge detector (Migdal effect)",
           "Migdal effect in a Ge crystal: ω_p = 16.0 eV, E_gap = 0.67 eV (Knapen, Kozaczuk & Lin 2021).",
           dict(m_over_M=_mass_ratio(72.63), E_F_eV=11.6, omega_ph_eV=0.037, coupling=0.0, Qc=1.0,
                target="Ge", m_chi_MeV=100.0, mediator="heavy", electrons=1, E_th_eV=0.08)),
    Preset("Xe", "Xe (isolated atoms)",
           "Atomic Migdal effect, Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194; m_χ = 1 GeV.",
           dict(m_over_M=_mass_ratio(131.29), target="Xe", m_chi_MeV=1000.0, mediator="heavy",
                electrons=1)),
    Preset("Ar", "Ar (isolated atoms)",
           "Atomic Migdal effect, Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194; m_χ = 1 GeV.",
           dict(m_over_M=_mass_ratio(39.95), target="Ar", m_chi_MeV=1000.0, mediator="heavy",
                electrons=1)),
)

BY_KEY = {preset.key: preset for preset in PRESETS}
