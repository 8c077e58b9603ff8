"""Every user-settable parameter of the explorer, described once.

A ``ParameterSpec`` drives the control (log slider, linear slider or choice),
its readout, the URL query codec (:mod:`components.state`) and the
validation of values arriving from the browser. Ranges follow
``shared/physics/migdal_theorem.md`` section 1 and
``shared/physics/migdal_effect.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from migdal_core.validation import in_range, one_of


@dataclass(frozen=True)
class ParameterSpec:
    """One control. ``kind`` is ``log`` (slider on log10), ``linear`` or ``choice``."""

    name: str
    label: str
    kind: str
    default: float | str
    unit: str = ""
    low: float = 0.0
    high: float = 1.0
    step: float = 0.01
    options: tuple[tuple[str, str], ...] = ()
    help: str = ""
    digits: int = 3  # significant digits in readouts and URLs
    inline: bool = False  # choice shown as radio buttons instead of a dropdown
    essential: bool = True  # shown in lecture mode

    @property
    def control_id(self) -> str:
        return f"param-{self.name}"

    @property
    def readout_id(self) -> str:
        return f"param-{self.name}-readout"

    def validate(self, value: object) -> float | str:
        """Physical value checked against this control's range (ValueError otherwise), then snapped.

        This is the one place a value is rounded: every path (controls, URL, presets, POSTs) gets the
        same number, and figures, tables, exports and cache keys all use it as it is.
        """
        if self.kind == "choice":
            return one_of(self.name, value, [v for v, _ in self.options])
        return self.snap(in_range(self.name, value, self.low, self.high, units=self.unit))

    def snap(self, physical: float) -> float:
        """A log control's value to ``digits + 1`` significant digits (what the URL carries, so a shared
        link reproduces the numbers exactly); a linear one to its step grid. Stays inside the range."""
        if self.kind == "log":
            snapped = float(f"{physical:.{self.digits + 1}g}")
        else:
            snapped = float(f"{self.low + round((physical - self.low) / self.step) * self.step:.12g}")
        return min(max(snapped, self.low), self.high)

    def to_control(self, physical: float | str) -> float | str:
        """Control value (log10 for log sliders) from a physical value."""
        return math.log10(physical) if self.kind == "log" else physical  # type: ignore[arg-type]

    def from_control(self, control_value: object) -> float | str:
        """Validated physical value from what the control (or a POST) sent."""
        if self.kind == "log":
            exponent = in_range(
                f"{self.name} (log10)", control_value, math.log10(self.low), math.log10(self.high)
            )
            return self.validate(
                min(max(10.0**exponent, self.low), self.high)
            )  # clamped: 10**log10 may overshoot
        return self.validate(control_value)

    def format(self, physical: float | str) -> str:
        """Readout text, e.g. ``11.7 eV``."""
        if self.kind == "choice":
            return dict(self.options).get(str(physical), str(physical))
        text = f"{physical:.{self.digits}g}"
        return f"{text} {self.unit}".strip()

    def url_text(self, physical: float | str) -> str:
        return str(physical) if self.kind == "choice" else f"{physical:.{self.digits + 1}g}"


def _log(name, label, default, low, high, unit="", help="", digits=3):
    return ParameterSpec(name, label, "log", default, unit, low, high, 0.01, help=help, digits=digits)


def _linear(name, label, default, low, high, step, unit="", help="", digits=3):
    return ParameterSpec(name, label, "linear", default, unit, low, high, step, help=help, digits=digits)


def _choice(name, label, default, options, help="", inline=False):
    return ParameterSpec(name, label, "choice", default, options=tuple(options), help=help, inline=inline)


def _advanced(spec: ParameterSpec) -> ParameterSpec:
    """Hidden in lecture mode, which keeps only the essential controls."""
    return replace(spec, essential=False)


# Defaults: aluminium, a simple metal where Migdal's theorem is safe
# (E_F = 11.7 eV, Theta_D = 428 K, lambda = 0.43; Ashcroft-Mermin tables 2.1, 23.3;
# Allen, PRB 6, 2577 (1972)); m/M = m_e / (26.98 u).
LATTICE = (
    _log(
        "m_over_M",
        "m/M",
        2.03e-5,
        1e-6,
        1e-1,
        help="Electron/ion mass ratio. Born-Oppenheimer parameter ε = (m/M)^¼; "
        "a jellium metal has ω_D/E_F ≈ 1.45 √(m/M).",
    ),
    _log(
        "E_F_eV",
        "E_F",
        11.7,
        1e-3,
        20.0,
        "eV",
        help="Fermi energy. The electron is long gone by the time the lattice responds (retardation): "
        "vertex corrections are suppressed by η = ω_ph/E_F. Dilute carriers or heavy fermions make E_F small.",
    ),
    _log(
        "omega_ph_eV",
        "ω_ph",
        0.0369,
        1e-4,
        1.0,
        "eV",
        help="Phonon energy (Debye or optical). ω_ph ≳ E_F: phonons are faster than electrons.",
    ),
    _linear(
        "coupling",
        "λ",
        0.43,
        0.0,
        4.0,
        0.01,
        help="Electron-phonon coupling: the effective λ of a real material (metal model) or the bare λ₀ "
        "(Holstein model). Migdal's vertex correction is of order λη.",
    ),
    _linear(
        "Qc",
        "q_c/2k_F",
        1.0,
        0.01,
        1.0,
        0.01,
        help="Momentum-transfer cutoff. Forward-focused scattering (small q_c) nudges the electron along the "
        "Fermi surface and the vertex correction enhances pairing; backscattering (q_c → 2k_F) acts as "
        "dynamic screening and suppresses it.",
    ),
)

PHASE = (
    _choice(
        "coupling_model",
        "coupling model",
        "metal",
        [("metal", "metal (effective λ)"), ("holstein", "Holstein (bare λ₀)")],
        inline=True,
        help="Metal: λ is the effective coupling real materials quote; strong coupling (λ ≥ 1) is still "
        "Migdal–Eliashberg-valid. Holstein: λ is the bare λ₀ = E_p/D of model studies (QMC, DMFT), "
        "where bipolarons and small polarons appear.",
    ),
    _advanced(
        _log(
            "D_over_E_F",
            "D/E_F",
            1.0,
            1e-2,
            1e2,
            help="Holstein only: band half-width D in units of E_F (default D = E_F). "
            "E_p = λ₀D, α² = E_p/ω_ph.",
        )
    ),
    _advanced(
        _choice(
            "valence",
            "valence Z",
            "1",
            [("1", "Z = 1"), ("2", "Z = 2"), ("3", "Z = 3"), ("4", "Z = 4")],
            help="Valence for the jellium line ω_D/E_F = 2(2/Z)^⅓ (Z/3)^½ √(m/M).",
        )
    ),
    _advanced(
        _log(
            "ql",
            "q·l",
            1e3,
            1e-3,
            1e3,
            help="Disorder: phonon wavevector times electron mean free path (Pippard 1955).",
        )
    ),
)

VERTEX = (
    _linear(
        "mu_star",
        "μ*",
        0.1,
        0.0,
        0.3,
        0.01,
        help="Coulomb pseudopotential μ*, used as given in every T_c formula.",
    ),
    _advanced(
        _choice(
            "frequencies",
            "fermion frequencies",
            "dynamic",
            [("dynamic", "dynamic (0, ω₀)"), ("static", "static (0, 0)")],
            help="Frequency configuration of the vertex: the sign of P_V depends on it.",
            inline=True,
        )
    ),
)

# The date control: the annual mean, the year's fastest and slowest days, and the 1st and 15th of each month.
DATE_OPTIONS = (
    ("mean", "annual mean"),
    ("2026-06-02", "Jun 2 (fastest)"),
    ("2026-12-03", "Dec 3 (slowest)"),
    *(
        (f"2026-{m:02d}-{d:02d}", f"{month} {d}")
        for m, month in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
        for d in (1, 15)
    ),
)

SPECTRA = (
    _choice(
        "target",
        "target",
        "Si",
        [("Si", "Si"), ("Ge", "Ge"), ("Xe", "Xe"), ("Ar", "Ar")],
        help="Crystal (Si, Ge) or isolated atoms (Xe, Ar). In an infinite crystal the adiabatic term vanishes "
        "by orthogonality, so the Migdal effect is entirely non-adiabatic and set by the energy-loss "
        "function; an atom has only the adiabatic term.",
    ),
    _log("m_chi_MeV", "m_χ", 100.0, 1.0, 1e4, "MeV", help="Dark-matter mass."),
    _log("sigma_n_cm2", "σ_n", 1e-38, 1e-45, 1e-30, "cm²", help="DM-nucleon cross-section."),
    _choice(
        "mediator",
        "mediator",
        "heavy",
        [("heavy", "heavy"), ("light", "light")],
        inline=True,
        help="Heavy: contact interaction. Light (m_φ = 0): σ_n defined at q₀ = m_χ v₀.",
    ),
    _advanced(
        _choice(
            "halo",
            "halo",
            "darkelf",
            [("darkelf", "DarkELF (220/500/240, 0.4)"), ("shm", "SHM (238/544/250, 0.3)")],
            help="Standard halo model (v0, v_esc, v_E in km/s, ρ_χ in GeV/cm³).",
        )
    ),
    _advanced(
        _log(
            "E_th_eV",
            "E_th",
            0.12,
            1e-3,
            10.0,
            "eV",
            help="Cut on the nuclear-recoil energy (default 4 ω̄). Light DM depends strongly on it.",
        )
    ),
    _advanced(
        _choice(
            "elf",
            "ELF model",
            "optical",
            [
                ("optical", "measured (Palik) + Penn–Levine–Louie"),
                ("lindhard", "free-electron gas (teaching): Lindhard"),
                ("mermin", "free-electron gas (teaching): Mermin + gap"),
            ],
            help="Energy-loss function Im(−1/ε(k, ω)) of the crystal: the measured optical ELF extended "
            "to finite k, or a free-electron gas (unreliable below 2 E_gap).",
        )
    ),
    _advanced(
        _choice(
            "zion",
            "Z_ion(k)",
            "form-factor",
            [
                ("form-factor", "ion-core form factor"),
                ("constant", "constant 4"),
                ("slater", "Slater-rule core"),
            ],
            help="Ion charge seen at momentum k: Z − f₀(k) of the Si⁴⁺/Ge⁴⁺ core (Waasmaier–Kirfel), "
            "or the valence charge 4 (teaching, DarkELF comparison).",
        )
    ),
    _advanced(
        _choice(
            "approximation",
            "approximation",
            "free",
            [("free", "free ion"), ("impulse", "impulse")],
            inline=True,
            help="Nuclear response: free ion, or impulse (Gaussian of width √(ω̄ m_N)).",
        )
    ),
    _linear(
        "electrons",
        "electrons ≥",
        2,
        1,
        10,
        1,
        help="n-electron threshold E_gap + (n−1) e0; analyses quote ≥ 2 (1 is dominated by ω < 2 E_gap).",
    ),
    _choice(
        "shells",
        "atomic shells",
        "liquid",
        [
            ("liquid", "liquid analyses (Xe n = 3, 4; Ar n = 1, 2)"),
            ("all", "all shells (isolated atom)"),
            ("inner", "no valence shell"),
        ],
        help="Xe, Ar: the Ibe et al. shells summed. Liquid-xenon analyses (XENON1T 2019) keep n = 3, 4: the "
        "valence shell is a band in the liquid, not an atomic state, and n = 1, 2 add almost nothing.",
    ),
    _log(
        "omega_th_eV",
        "threshold ω (atoms)",
        100.0,
        1.0,
        1.0e4,
        "eV",
        help="Xe, Ar: the rate and reach count events with electronic energy ω = E_e + E_nl above this "
        "(ionization-only liquid-xenon searches reach a few hundred eV, S1+S2 searches about 1 keV).",
    ),
    _advanced(
        _choice(
            "date",
            "date",
            "mean",
            DATE_OPTIONS,
            help="Day of the Earth's orbit: v_E = |v_sun + u_E(t)| (McCabe 2014) is fastest about June 2 and "
            "slowest about December 3; 'annual mean' uses the halo's v_E.",
        )
    ),
    _advanced(
        _choice(
            "conventions",
            "constants",
            "standard",
            [("standard", "CODATA"), ("darkelf", "DarkELF (digit for digit)")],
            inline=True,
            help="CODATA constants, or those of the DarkELF reference (m_N = A·0.94 GeV, α = 1/137, "
            "year = 365 d).",
        )
    ),
)

NUCLEI = (
    ParameterSpec(
        "N_nuclei",
        "N nuclei",
        "log",
        16,
        low=1,
        high=128,
        step=math.log10(2.0),
        digits=3,
        help="Number of nuclei in the chain: 1 is an atom, 128 is close to the crystal. The view "
        "shows the computed N = 1, 2, 4, … 128 (the nearest one is used).",
    ),
    _choice(
        "kicked",
        "kicked nucleus",
        "middle",
        [("end", "end"), ("middle", "middle")],
        inline=True,
        help="Which nucleus of the chain the dark matter hits: an end atom (a surface) or the middle one "
        "(the bulk, which converges to the crystal).",
    ),
)

# Two bands (contract §6). Defaults: MgB2, sigma = band 1, pi = band 2 (Golubov et al., JPCM 14, 1353 (2002);
# migdal_core.multiband.MGB2), rounded to the slider steps.
MULTIBAND = (
    _linear(
        "lambda_11",
        "λ₁₁",
        1.02,
        0.0,
        3.0,
        0.01,
        digits=3,
        help="Intraband coupling of band 1, the band that may be non-adiabatic (MgB₂: the σ band).",
    ),
    _linear(
        "lambda_22",
        "λ₂₂",
        0.45,
        0.0,
        3.0,
        0.01,
        digits=3,
        help="Intraband coupling of band 2, adiabatic (MgB₂: the π band).",
    ),
    _linear(
        "lambda_12",
        "λ₁₂",
        0.21,
        0.0,
        1.0,
        0.01,
        digits=3,
        help="Band-1 electrons paired through band 2. λ₁₂/λ₂₁ = N₂/N₁ (densities of states): both zero or "
        "both non-zero.",
    ),
    _linear(
        "lambda_21",
        "λ₂₁",
        0.16,
        0.0,
        1.0,
        0.01,
        digits=3,
        help="Band-2 electrons paired through band 1: the channel by which band 1 feeds band 2.",
    ),
    _advanced(
        _linear(
            "mu_star_11",
            "μ*₁₁",
            0.129,
            0.0,
            0.3,
            0.001,
            digits=3,
            help="Coulomb pseudopotential of band 1 at ω_log (rescaled to the Matsubara cutoff).",
        )
    ),
    _advanced(
        _linear(
            "mu_star_22",
            "μ*₂₂",
            0.112,
            0.0,
            0.3,
            0.001,
            digits=3,
            help="Coulomb pseudopotential of band 2 at ω_log.",
        )
    ),
    _advanced(
        _linear(
            "mu_star_12",
            "μ*₁₂",
            0.042,
            0.0,
            0.3,
            0.001,
            digits=3,
            help="Interband Coulomb pseudopotential; μ*₂₁ = μ*₁₂ λ₂₁/λ₁₂ (the same ratio N₁/N₂).",
        )
    ),
    _log(
        "omega_log_eV",
        "ω_log",
        0.062,
        1e-3,
        0.5,
        "eV",
        help="Phonon energy ω_log of the one Einstein mode shared by all four couplings; sets the kelvin scale.",
    ),
    _log(
        "eta_1",
        "η₁",
        0.14,
        1e-3,
        3.0,
        help="Adiabatic ratio ω_log/E_F of band 1. MgB₂'s σ band: E_F ≈ 0.5 eV, η₁ ≈ 0.1–0.2.",
    ),
    _linear(
        "Qc_1",
        "q_c/2k_F (band 1)",
        0.3,
        0.02,
        1.0,
        0.01,
        help="Momentum-transfer cutoff of band 1's coupling: forward-focused (small) makes its vertex "
        "correction enhance pairing.",
    ),
)

DISPLAY = (
    _choice(
        "lecture",
        "lecture mode",
        "off",
        [("off", "off"), ("on", "on")],
        inline=True,
        help="Large fonts, thick lines, only the essential controls: readable from the back row.",
    ),
    _choice("theme", "theme", "light", [("light", "light"), ("dark", "dark")], inline=True),
)

ALL_PARAMETERS: tuple[ParameterSpec, ...] = LATTICE + PHASE + VERTEX + SPECTRA + NUCLEI + MULTIBAND + DISPLAY

# Formula shown in each control's help popover (typeset with Unicode and <sub>/<sup>), next to its sentence of why.
FORMULAS = {
    "m_over_M": "ε = (m/M)<sup>1/4</sup>,  ω<sub>D</sub>/E<sub>F</sub> ≈ 1.45 √(m/M)",
    "E_F_eV": "η = ħω<sub>ph</sub>/E<sub>F</sub>,  Γ<sup>(1)</sup>/Γ<sup>(0)</sup> ~ λη",
    "omega_ph_eV": "η = ħω<sub>ph</sub>/E<sub>F</sub> ≳ 1  ⇒  non-adiabatic",
    "coupling": "m*/m = 1 + λE<sub>F</sub>/(E<sub>F</sub> + ω<sub>ph</sub>)",
    "Qc": "Q<sub>c</sub> = q<sub>c</sub>/2k<sub>F</sub>,  λ<sub>Δ</sub> = λ(1 + 2λP<sub>V</sub> + λP<sub>C</sub>)",
    "coupling_model": "λ₀ = λ/(1 + 2λ),  λ = λ₀/(1 − 2λ₀)",
    "D_over_E_F": "E<sub>p</sub> = λ₀D,  α² = E<sub>p</sub>/ω<sub>ph</sub>",
    "valence": "ω<sub>D</sub>/E<sub>F</sub> = 2 (2/Z)<sup>1/3</sup> (Z/3)<sup>1/2</sup> (m/M)<sup>1/2</sup>",
    "ql": "Φ(x) = 6P(x)/(πx),  P(x) = x² arctan x / [3(x − arctan x)] − 1",
    "mu_star": "T<sub>c</sub> = (Θ<sub>D</sub>/1.45) exp[−1.04(1+λ) / (λ − μ*(1+0.62λ))]",
    "frequencies": "(ω<sub>1</sub>, ω<sub>2</sub>) = (0, ω<sub>0</sub>) or (0, 0)",
    "target": "dP/dω = 4αE<sub>N</sub> / (3π²ω⁴m<sub>N</sub>) ∫dk k² Z<sub>ion</sub>² Im[−1/ε(k,ω)]",
    "m_chi_MeV": "v<sub>min</sub> = √(2ω/μ<sub>χN</sub>)",
    "sigma_n_cm2": "dR/dω ∝ ρ<sub>χ</sub> σ<sub>n</sub> / (m<sub>N</sub> m<sub>χ</sub>)",
    "mediator": "|F<sub>med</sub>|² = [(q<sub>0</sub>² + m<sub>φ</sub>²)/(q² + m<sub>φ</sub>²)]²",
    "halo": "f(v) ∝ v² e<sup>−(v²+v<sub>E</sub>²)/v<sub>0</sub>²</sup> sinh(2vv<sub>E</sub>/v<sub>0</sub>²)/(vv<sub>E</sub>)",
    "E_th_eV": "q<sub>min</sub> → max(q<sub>min</sub>, √(2m<sub>N</sub>E<sub>th</sub>))",
    "elf": "ELF = Im[−1/ε] = ε<sub>2</sub>/(ε<sub>1</sub>² + ε<sub>2</sub>²)",
    "zion": "Z<sub>ion</sub>(k) = Z − f<sub>0,core</sub>(sin θ/λ = k/4π)",
    "approximation": "Δ = √(ω̄ m<sub>N</sub>)",
    "electrons": "Q(ω) = 1 + ⌊(ω − E<sub>gap</sub>)/e<sub>0</sub>⌋",
    "N_nuclei": (
        "A<sub>ad</sub> = −i (m/NM) q⟨n′|x|n⟩,  "
        "A<sub>na</sub>(j) = i (q/M)⟨n′|∂<sub>X<sub>j</sub></sub>V|n⟩<sub>int</sub>/ω²"
    ),
    "kicked": "Σ<sub>j</sub> A<sub>na</sub>(j) = 0",
    "shells": "dP/dω = (q<sub>e</sub>/eV)² Σ<sub>nl</sub> p<sub>nl</sub>(ω − E<sub>nl</sub>)/2π,  q<sub>e</sub> = m<sub>e</sub>v<sub>N</sub>",
    "omega_th_eV": "R = ∫<sub>ω<sub>th</sub></sub> dω dR/dω",
    "date": "v<sub>E</sub>(t) = |v<sub>⊙</sub> + u<sub>E</sub>(t)|,  ⟨v<sub>E</sub>⟩ = halo v<sub>E</sub>",
    "lambda_11": "λ<sub>Δ</sub> = λ₁₁(1 + 2λ₁₁P<sub>V</sub> + λ₁₁P<sub>C</sub>),  λ<sub>Z</sub> = λ₁₁(1 + λ₁₁P<sub>V</sub>)",
    "lambda_12": "λ₁₂ / λ₂₁ = N₂ / N₁",
    "lambda_21": "Z₂Δ₂ = πT Σ<sub>m</sub> [λ₂₁(n−m) − μ*₂₁] Δ₁(m)/|ω<sub>m</sub>| + (band 2)",
    "mu_star_11": "μ*(ω<sub>N</sub>) = [1 + μ* ln(ω<sub>log</sub>/ω<sub>N</sub>)]<sup>−1</sup> μ*  (2×2 matrix)",
    "omega_log_eV": "λ<sub>ij</sub>(n) = λ<sub>ij</sub> / [1 + (2πTn/ω<sub>log</sub>)²]",
    "eta_1": "η₁ = ħω<sub>log</sub>/E<sub>F,1</sub>",
}

BY_NAME = {spec.name: spec for spec in ALL_PARAMETERS}


def defaults() -> dict[str, float | str]:
    """Physical default value of every parameter."""
    return {spec.name: spec.default for spec in ALL_PARAMETERS}


def physical_values(specs: tuple[ParameterSpec, ...], control_values: tuple) -> dict[str, float | str]:
    """Validated physical values from the controls' values (ValueError on bad input)."""
    if len(control_values) != len(specs):
        raise ValueError(f"expected {len(specs)} parameter values; got {len(control_values)}")
    return {spec.name: spec.from_control(value) for spec, value in zip(specs, control_values)}


def client_registry() -> dict:
    """What the browser needs to mirror readouts and the URL without the server (``assets/state.js``)."""
    specs = [
        {
            "name": spec.name,
            "kind": spec.kind,
            "low": spec.low,
            "high": spec.high,
            "step": spec.step,
            "digits": spec.digits,
            "unit": spec.unit,
            "options": dict(spec.options),
        }
        for spec in ALL_PARAMETERS
    ]
    return {"specs": specs, "sliders": [spec.name for spec in ALL_PARAMETERS if spec.kind != "choice"]}


def live_property(spec: ParameterSpec) -> str:
    """The control property that follows a move as it happens: sliders report ``drag_value`` while
    dragging (``value`` on release); other controls only have ``value``."""
    return "value" if spec.kind == "choice" else "drag_value"
