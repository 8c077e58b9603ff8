"""Panel 4: from atom to crystal — the Migdal effect of a chain of N nuclei.

Physics from :mod:`migdal_core.nuclei` (formulation in ``migdal_core/nuclei/amplitudes.py``); the
curves are the precomputed table of the default chain (:mod:`migdal_core.nuclei.table`, checked
against the solver in tests/test_nuclei.py). Layout, pure figure builders, one thin callback.
"""

from __future__ import annotations

import math

import numpy as np
from dash import Dash, Input, Output, html

from components.cache import memoize
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, physical_values
from components.theme import (
    ADIABATIC_COLOR,
    Style,
    base_layout,
    figure,
    message_figure,
    style_for,
)
from migdal_core.constants import HARTREE_EV
from migdal_core.nuclei import molecules, table
from migdal_core.nuclei.spectrum import adiabatic_power_law

PANEL_ID = "nuclei"
GRAPH_ID = f"{PANEL_ID}-graph"
SPECTRUM_GRAPH_ID = f"{PANEL_ID}-spectrum-graph"
READOUT_ID = f"{PANEL_ID}-readout"
ERROR_ID = f"{PANEL_ID}-error"

INPUT_NAMES = ("N_nuclei", "kicked", "m_over_M", "lecture", "theme")
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)
# Okabe-Ito: reddish purple for the interference (distinct from the adiabatic orange), bluish green for the
# crystal; the non-adiabatic part in the theme's blue and the total in its ink (dark on light, light on dark).
COLORS = {
    "adiabatic": ADIABATIC_COLOR,
    "interference": "#cc79a7",
    "atom": ADIABATIC_COLOR,
    "crystal": "#009e73",
    "molecule": "#8c564b",
}
MOLECULE_COLOR_DARK = "#c49c94"  # the brown reached 2.8:1 on the dark background (WCAG 2.1 asks 3:1)
SPECTRUM_UNITS = "dP/dω ÷ (q a₀)²<br>[1/eV]"  # on one line it is taller than the 300-px figure on a phone
SPECTRUM_CAPTION = (
    "Lines broadened by Gaussians of 0.5 eV (at least the level spacing of the finite box "
    "in the continuum); leading order in q, scaled by (m/M)² from the m/M control."
)

EXPLANATION = (
    "Esposito & Rocchi (2025) show, by a systematic Born–Oppenheimer expansion in ε = (m/M)^¼, that the "
    "Migdal effect of an isolated atom is purely adiabatic (the electrons ride on the recoiling centre of "
    "mass), that of an infinite crystal purely non-adiabatic (the derivative coupling ⟨n′|∂V/∂X_j|n⟩/ω², "
    "the energy-loss-function result), that molecules have both (Blanco et al., PRD 106, 115015 (2022)), and "
    "leave a system with an arbitrary number of nuclei for future work. This figure does that interpolation "
    "in a model solved exactly: a 1D chain of N neutral soft-Coulomb atoms (spacing 4 bohr) with one "
    "independent electron each, filling the lowest band, so the long chain is a band insulator (gap 5.2 eV). "
    "One nucleus is kicked. To leading order in q the amplitude splits into the centre-of-mass recoil "
    "A_ad = −i(m/NM) q⟨n′|x|n⟩ and the non-adiabatic A_na(j); their sum is the lab-frame amplitude to 1e-10. "
    "What the figure adds: the adiabatic share falls as 1/N (the dipole sum of an insulator grows as N while "
    "the local kick does not), it is about 10 % at N = 16, and the spectrum of a middle nucleus converges "
    "to the periodic chain (Bloch states of the same atoms) by N ≈ 32. Squares: real molecules, dimerised "
    "hydrogen chains (H₂)ₙ in 3D from pyscf (TDHF/RPA excitations, nuclear-attraction gradient integrals, "
    "aug-cc-pVTZ): the same split, frame-free to the basis accuracy (3 %); their adiabatic share falls "
    "as 1/N too, from 0.80 for H₂. The chain is a toy: 1D, independent electrons, rigid atoms; not Si or Ge."
)


def nearest_N(N_requested: float) -> int:
    """The computed N closest to the request on a log scale."""
    values = np.array(table.N_VALUES)
    return int(values[np.argmin(np.abs(np.log(values) - math.log(N_requested)))])


def _log_values(values: np.ndarray, floor: float = 1e-9) -> list[float | None]:
    """Exact zeros (the atom has no non-adiabatic part) become gaps on a log axis."""
    return [float(v) if v > floor else None for v in values]


def shares_figure(data: dict, kicked: str, N: int, style: Style) -> dict:
    """Adiabatic, non-adiabatic and interference shares of P_total versus N (log-log)."""
    n_values = data["N"].tolist()
    adiabatic, nonadiabatic = data[f"{kicked}_adiabatic_fraction"], data[f"{kicked}_nonadiabatic_fraction"]
    tail = data["N"] >= 16
    power = adiabatic_power_law(data["N"][tail], adiabatic[tail])
    interference = np.abs(data[f"{kicked}_P_interference"] / data[f"{kicked}_P_total"])

    def share(values, name, color, width, dash="solid"):
        return dict(
            type="scatter",
            mode="lines+markers",
            x=n_values,
            y=_log_values(values),
            name=name,
            line=dict(color=color, width=style.line(width), dash=dash),
            hovertemplate="N = %{x}<br>%{y:.4g}<extra>%{fullData.name}</extra>",
        )

    traces = [
        share(adiabatic, "adiabatic (CM recoil)", COLORS["adiabatic"], 2.4),
        share(nonadiabatic, "non-adiabatic", style.blue, 2.4),
        share(interference, "|interference|", COLORS["interference"], 1.4, "dot"),
        dict(
            type="scatter",
            mode="lines",
            x=[4, 128],
            y=[1.5 / 4, 1.5 / 128],
            hoverinfo="skip",
            name=f"∝ 1/N (fit N^−{power:.2f})",
            line=dict(color=style.muted, width=style.line(1), dash="dash"),
        ),
    ]
    rows = [r for r in molecules.load()["rows"] if r["method"] == "rpa"]
    traces.append(
        dict(
            type="scatter",
            mode="markers",
            x=[r["N"] for r in rows],
            y=[r[f"{kicked}_adiabatic_fraction"] for r in rows],
            name="(H₂)ₙ adiabatic, pyscf TDHF (RPA)",
            marker=dict(
                symbol="square",
                size=style.font(9),
                color=MOLECULE_COLOR_DARK if style.dark else COLORS["molecule"],
            ),
            hovertemplate="N = %{x}<br>P_ad / P = %{y:.3g}<extra>%{fullData.name}</extra>",
        )
    )
    row = n_values.index(N)
    traces.append(
        dict(
            type="scatter",
            mode="markers",
            x=[N, N],
            y=[adiabatic[row], nonadiabatic[row]],
            marker=dict(size=style.font(14), color="rgba(0,0,0,0)", line=dict(color="#d62728", width=2)),
            name=f"N = {N}",
            hoverinfo="skip",
        )
    )
    return figure(
        traces,
        base_layout(
            style,
            height=380,
            margin=dict(l=70, r=15, t=25, b=95),
            legend=dict(orientation="h", y=-0.3, x=0, font=dict(size=style.font(11))),
            xaxis=dict(
                type="log", title=dict(text="number of nuclei N"), dtick=math.log10(2), tickformat="d"
            ),
            yaxis=dict(
                type="log", title=dict(text="share of P_total"), exponentformat="power", range=[-3.2, 0.1]
            ),
        ),
    )


def spectrum_figure(data: dict, kicked: str, N: int, m_over_M: float, style: Style) -> dict:
    """dP/domega per (q a0)^2 for the chosen N (total and its two parts) against the atom and the crystal."""
    omega = data["omega_eV"].tolist()
    row = data["N"].tolist().index(N)
    scale = m_over_M**2
    hover = "ω = %{x:.3g} eV<br>%{y:.3g} /eV<extra>%{fullData.name}</extra>"

    def curve(values, name, color, width, dash="solid"):
        y = [v * scale if v * scale > 0 else None for v in values]
        return dict(
            type="scatter",
            mode="lines",
            x=omega,
            y=y,
            name=name,
            hovertemplate=hover,
            line=dict(color=color, width=style.line(width), dash=dash),
        )

    crystal = curve(data["bulk_dP"], "crystal (periodic chain)", COLORS["crystal"], 7)
    crystal["opacity"] = 0.35
    traces = [
        crystal,
        curve(data["middle_dP_total"][0], "atom (N = 1)", COLORS["atom"], 1.8, "dot"),
        curve(data[f"{kicked}_dP_total"][row], f"N = {N}, total", style.ink, 2.6),
        curve(data[f"{kicked}_dP_adiabatic"][row], f"N = {N}, adiabatic part", COLORS["adiabatic"], 1.2),
        curve(
            data[f"{kicked}_dP_nonadiabatic"][row],
            f"N = {N}, non-adiabatic part",
            style.blue,
            1.2,
        ),
    ]
    peak = float(np.max(data["middle_dP_total"][0])) * scale
    return figure(
        traces,
        base_layout(
            style,
            height=300,
            margin=dict(l=88, r=15, t=10, b=60),  # l: the two-line y title beside the 10⁻¹⁰ ticks
            legend=dict(orientation="h", y=-0.32, x=0, font=dict(size=style.font(10))),
            xaxis=dict(title=dict(text="excitation energy ω [eV]"), range=[0, 60]),
            yaxis=dict(
                type="log",
                title=dict(text=SPECTRUM_UNITS),
                exponentformat="power",
                range=[math.log10(peak) - 5, math.log10(peak) + 0.6],
            ),
        ),
    )


def readout(data: dict, kicked: str, N: int, m_over_M: float) -> html.Table:
    """Numbers at the chosen N, and the order of the expansion set by m/M."""
    row = data["N"].tolist().index(N)
    eps = m_over_M**0.25
    p = data[f"{kicked}_P_total"][row] * m_over_M**2
    rows = [
        ("ε = (m/M)^¼", f"{eps:.3g}", "Born–Oppenheimer parameter"),
        ("order shown", f"ε⁴ q a₀ = {eps**4:.2g} q a₀", "amplitude, leading order in q and ε"),
        ("P_total / (q a₀)²", f"{p:.3g}", f"{kicked} nucleus of N = {N}"),
        ("adiabatic share", f"{data[f'{kicked}_adiabatic_fraction'][row]:.3g}", "P_ad / P_total"),
        (
            "band gap",
            f"{data[f'{kicked}_gap_eV'][row]:.3g} eV",
            f"crystal: {float(data['bulk_gap_eV']):.3g} eV",
        ),
        ("frame check", f"{data[f'{kicked}_frame_check'][row]:.1e}", "|A_ad + A_na − A_lab| / max|A_lab|"),
    ]
    return html.Table(
        className="readout-table",
        children=html.Tbody(
            [
                html.Tr([html.Td(a), html.Td(b, className="num"), html.Td(c, className="note")])
                for a, b, c in rows
            ]
        ),
    )


def figures(N_requested: float, kicked: str, m_over_M: float, lecture: str, theme: str) -> tuple[dict, dict]:
    """Both figures for rounded scalar inputs (cached)."""
    style = style_for(lecture, theme)
    data = table.load()
    N = nearest_N(N_requested)
    return shares_figure(data, kicked, N, style), spectrum_figure(data, kicked, N, m_over_M, style)


def csv_text(values: dict) -> tuple[str, str]:
    """Shares and totals versus N for the chosen kicked nucleus (per (q a0)^2 (m/M)^2)."""
    data, kicked = table.load(), values["kicked"]
    names = (
        "adiabatic_fraction",
        "nonadiabatic_fraction",
        "P_ad",
        "P_na",
        "P_interference",
        "P_total",
        "frame_check",
        "gap_eV",
    )
    rows = [[int(n)] + [data[f"{kicked}_{k}"][i] for k in names] for i, n in enumerate(data["N"])]
    comment = (
        f"chain of N neutral soft-Coulomb atoms, kicked={kicked}; probabilities per (q a0)^2 (m/M)^2; "
        f"bulk (periodic chain) P_total = {float(data['bulk_P_total']):.10g}; 1 Ha = {HARTREE_EV} eV"
    )
    return f"migdal_nuclei_{kicked}.csv", csv_string(["N", *names], rows, comment)


def code_text(values: dict) -> str:
    """CLI command and Python call reproducing the shares."""
    n_list = ",".join(str(n) for n in table.N_VALUES if n <= 64)
    return "\n".join(
        [
            (
                f"python -m migdal_core nuclei --N {n_list} --kicked {values['kicked']} "
                f"--m-over-M {values['m_over_M']:.6g} --json"
            ),
            "",
            "from migdal_core.nuclei.chain import ChainModel",
            "from migdal_core.nuclei.spectrum import chain_summary",
            f"chain_summary(ChainModel(N={nearest_N(values['N_nuclei'])}), '{values['kicked']}')",
        ]
    )


def layout() -> html.Section:
    return panel_section(
        PANEL_ID,
        "4 · From atom to crystal: the Migdal effect of N nuclei",
        EXPLANATION,
        status=[html.Div(id=ERROR_ID, className="error-message", role="alert")],
        main_height_px=380,
        side=[html.H3("At the chosen N"), html.Div(id=READOUT_ID)],
        row=[
            titled_graph(
                "Spectrum of the kicked nucleus: N against the atom and the crystal",
                SPECTRUM_GRAPH_ID,
                300,
                html.P(SPECTRUM_CAPTION, className="note caption-small"),
            )
        ],
    )


cached_figures = memoize(figures)


def register_callbacks(app: Dash) -> None:

    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(SPECTRUM_GRAPH_ID, "figure"),
        Output(READOUT_ID, "children"),
        Output(ERROR_ID, "children"),
        [Input(spec.control_id, "value") for spec in SPECS],
    )
    def update_nuclei(*control_values):
        try:
            values = physical_values(SPECS, control_values)
            shares, spectrum = cached_figures(
                values["N_nuclei"], values["kicked"], values["m_over_M"], values["lecture"], values["theme"]
            )
        except ValueError as error:
            message = str(error)
            return message_figure(message), message_figure(""), None, message
        return (
            shares,
            spectrum,
            readout(table.load(), values["kicked"], nearest_N(values["N_nuclei"]), values["m_over_M"]),
            "",
        )

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
