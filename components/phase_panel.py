"""Panel 1: phase diagram of Migdal-theorem validity in the (eta, lambda) plane.

Layout, pure figure builders (numbers -> plotly dict) and thin callbacks.
Physics comes from :mod:`migdal_core.regimes` and :mod:`migdal_core.disorder`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from dash import Dash, Input, Output, html

from components.cache import memoize
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, physical_values
from components.theme import Style, base_layout, figure, hline, message_figure, style_for, vline
from migdal_core import disorder, regimes

PANEL_ID = "phase"
GRAPH_ID = f"{PANEL_ID}-graph"
DISORDER_GRAPH_ID = f"{PANEL_ID}-disorder-graph"
TABLE_ID = f"{PANEL_ID}-table"
BADGE_ID = f"{PANEL_ID}-badge"
ERROR_ID = f"{PANEL_ID}-error"

INPUT_NAMES = ("m_over_M", "E_F_eV", "omega_ph_eV", "coupling", "valence", "ql", "lecture", "theme")
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)

LOG_ETA_RANGE = (-4.0, 2.0)
LAMBDA_MAX = 4.0
GRID_SHAPE = (101, 151)  # (lambda, eta) cells of the shaded background (boundary lines drawn on top)
MIGDAL_CONTOURS = (0.01, 0.05, 0.1, 0.5)

REGIME_CAPTIONS = {
    "adiabatic": "Migdal's theorem holds: vertex corrections ~ λη are negligible; Eliashberg theory applies.",
    "non-adiabatic": "Vertex corrections of order λη are not small: their sign depends on q_c (next panel).",
    "anti-adiabatic": "Phonons are faster than electrons (ω_ph ≥ E_F): mass renormalization "
                      "λ̃ = λE_F/(E_F+ω_ph), no Coulomb retardation.",
    "polaronic": "Small-polaron crossover (λ > max(1, η)): the free-electron starting point fails.",
}


@lru_cache(maxsize=1)
def _background() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Regime codes on the display grid, from the numba kernel (computed once)."""
    log_eta = np.linspace(*LOG_ETA_RANGE, GRID_SHAPE[1])
    lambdas = np.linspace(0.0, LAMBDA_MAX, GRID_SHAPE[0])
    return log_eta, lambdas, regimes.regime_grid(10.0**log_eta, lambdas)


def _regime_colorscale(style: Style) -> list:
    colors = [style.regime_colors[name] for name in regimes.REGIME_NAMES]
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def _hover_card(point: regimes.RegimePoint, E_F_eV: float, omega_ph_eV: float, coupling: float) -> str:
    mass = "∞" if math.isinf(point.mass_enhancement) else f"{point.mass_enhancement:.4g}"
    return (
        f"<b>{point.regime}</b><br>"
        f"E_F = {E_F_eV:.4g} eV, ω_ph = {omega_ph_eV:.4g} eV, λ = {coupling:.3g}<br>"
        f"η = ω_ph/E_F = {point.eta:.4g}<br>"
        f"Migdal parameter λη = {point.migdal_parameter:.4g}<br>"
        f"α² = λE_F/ω_ph = {point.alpha_squared:.4g}<br>"
        f"E_p = λE_F = {point.polaron_energy_eV:.4g} eV<br>"
        f"BO ε = (m/M)^¼ = {point.bo_epsilon:.4g}, u_max ~ a/ε³ = {point.bo_displacement_over_a:.3g} a<br>"
        f"jellium η = {point.jellium_eta:.4g}<br>"
        f"m*/m = {mass}<extra></extra>"
    )


def _annotation(x, y, text, size, color, **extra) -> dict:
    return dict(x=x, y=y, text=text, showarrow=False, font=dict(size=size, color=color), **extra)


def phase_figure(m_over_M: float, E_F_eV: float, omega_ph_eV: float, coupling: float, valence: int,
                 lecture: str = "off", theme: str = "light") -> dict:
    """Phase diagram with the user's point (pure: numbers in, plotly dict out)."""
    style = style_for(lecture, theme)
    point = regimes.regime_point(m_over_M, E_F_eV, omega_ph_eV, coupling, valence)
    log_eta, lambdas, codes = _background()
    data: list[dict] = [dict(type="heatmap", x=log_eta, y=lambdas, z=codes, zmin=-0.5, zmax=3.5,
                             colorscale=_regime_colorscale(style), showscale=False, hoverinfo="skip",
                             name="regimes")]
    shapes: list[dict] = []
    annotations: list[dict] = []
    label_bg = "rgba(0,0,0,0.4)" if style.dark else "rgba(255,255,255,0.6)"
    eta_line = np.logspace(*LOG_ETA_RANGE, 160)
    for i, level in enumerate(MIGDAL_CONTOURS):
        lam = level / eta_line
        keep = lam <= LAMBDA_MAX
        is_boundary = level == regimes.MIGDAL_PARAMETER_LIMIT
        data.append(dict(type="scatter", x=np.log10(eta_line[keep]), y=lam[keep], mode="lines",
                         line=dict(color=style.muted, width=style.line(1.6 if is_boundary else 0.8),
                                   dash="solid" if is_boundary else "dot"),
                         name=f"λη = {level:g}", showlegend=False, hoverinfo="name"))
        label_lambda = 3.4 - 0.6 * i  # staggered so the labels never overlap
        annotations.append(_annotation(math.log10(level / label_lambda), label_lambda, f"λη={level:g}",
                                       style.font(10), style.ink, bgcolor=label_bg))
    polaron_eta = np.logspace(LOG_ETA_RANGE[0], math.log10(LAMBDA_MAX), 120)
    data.append(dict(type="scatter", x=np.log10(polaron_eta), y=np.maximum(regimes.LAMBDA_POLARON, polaron_eta),
                     mode="lines", line=dict(color="#7b5fb0" if style.dark else "#5b3f8c", width=style.line(2.2)),
                     name="λ = max(1, η): polaron crossover (Capone, Ciuchi, Grimaldi)", hoverinfo="name"))
    for eta_boundary, text in ((regimes.ETA_NON_ADIABATIC, "η = 0.1"), (regimes.ETA_ANTI_ADIABATIC, "η = 1")):
        shapes.append(vline(math.log10(eta_boundary), style.ink, style.line(1.6), "dash"))
        annotations.append(_annotation(math.log10(eta_boundary), 3.55, text, style.font(11), style.ink,
                                       xanchor="left", xshift=4))
    low, high = regimes.LAMBDA_BIPOLARON_BAND
    shapes.append(dict(type="rect", x0=LOG_ETA_RANGE[0], x1=math.log10(regimes.ETA_NON_ADIABATIC), y0=low, y1=high,
                       line=dict(width=0), fillcolor="rgba(200,60,40,0.14)", layer="above"))
    annotations.append(_annotation(LOG_ETA_RANGE[0] + 0.05, low, "λ≈0.4–1: bipolaron/CDW risk (Esterlis 2018)",
                                   style.font(10), "#f0a090" if style.dark else "#8a2a1a", yshift=9,
                                   xanchor="left"))
    shapes.append(dict(type="rect", x0=LOG_ETA_RANGE[0], x1=LOG_ETA_RANGE[1], y0=regimes.LAMBDA_ME_INCONSISTENT,
                       y1=LAMBDA_MAX, line=dict(width=0), fillcolor="rgba(40,40,40,0.18)", layer="above"))
    annotations.append(_annotation(LOG_ETA_RANGE[1] - 0.05, (regimes.LAMBDA_ME_INCONSISTENT + LAMBDA_MAX) / 2,
                                   "λ≳3.7: ME self-inconsistent (Yuzbashyan & Altshuler 2022)", style.font(10),
                                   style.ink, xanchor="right"))
    jellium_color = "#6fa8e8" if style.dark else "#1f5fa8"
    shapes.append(vline(math.log10(point.jellium_eta), jellium_color, style.line(2), "dashdot"))
    annotations.append(_annotation(math.log10(point.jellium_eta), 2.2, f"jellium metal<br>m/M={m_over_M:.3g}",
                                   style.font(11), jellium_color, xanchor="right", xshift=-4))
    for name, (x, y) in {"adiabatic": (-3.0, 0.15), "non-adiabatic": (-0.5, 0.15),
                         "anti-adiabatic": (1.3, 0.3), "polaronic": (-2.3, 2.6)}.items():
        annotations.append(_annotation(x, y, f"<b>{name}</b>", style.font(13), style.ink, opacity=0.8))
    x_point = min(max(math.log10(point.eta), LOG_ETA_RANGE[0]), LOG_ETA_RANGE[1])
    data.append(dict(
        type="scatter", x=[x_point], y=[min(coupling, LAMBDA_MAX)], mode="markers+text", name="your point",
        marker=dict(symbol="star", size=style.font(20), color="#d62728", line=dict(color="white", width=1.5)),
        text=[point.regime], textposition="top center",
        textfont=dict(size=style.font(13), color="#ff8a80" if style.dark else "#8b0000"),
        hovertemplate=_hover_card(point, E_F_eV, omega_ph_eV, coupling),
    ))
    tick_values = list(range(int(LOG_ETA_RANGE[0]), int(LOG_ETA_RANGE[1]) + 1))
    return figure(data, base_layout(
        style, height=460, showlegend=False, shapes=shapes, annotations=annotations,
        xaxis=dict(title=dict(text="η = ω_ph / E_F"), range=[LOG_ETA_RANGE[0], LOG_ETA_RANGE[1] + 0.02],
                   tickvals=tick_values, ticktext=[f"10<sup>{k}</sup>" for k in tick_values], showgrid=False),
        yaxis=dict(title=dict(text="λ"), range=[0, LAMBDA_MAX], showgrid=False),
        margin=dict(l=55, r=15, t=20, b=50),
    ))


def disorder_curves(m_over_M: float, valence: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """q*l grid, Pippard factor Phi(ql) and dirty-limit ratio omega/(D q^2) on it."""
    ql_grid = np.logspace(-3, 3, 97)
    cs_over_vf = regimes.sound_over_fermi_velocity(m_over_M, valence)
    return ql_grid, disorder.pippard_phi(ql_grid), disorder.diffusive_eta(ql_grid, cs_over_vf)


def disorder_figure(ql: float, m_over_M: float, valence: int, lecture: str = "off", theme: str = "light") -> dict:
    """Pippard factor Phi(ql) and the dirty-limit adiabatic ratio versus q*l."""
    style = style_for(lecture, theme)
    ql_grid, phi, eta_dirty = disorder_curves(m_over_M, valence)
    data = [
        dict(type="scatter", x=ql_grid, y=phi, name="Φ(ql): coupling / clean", mode="lines",
             line=dict(color="#4f8fd8" if style.dark else "#1f5fa8", width=style.line(2.2)),
             hovertemplate="ql = %{x:.3g}<br>Φ = %{y:.3g}<extra></extra>"),
        dict(type="scatter", x=ql_grid, y=eta_dirty, name="ω/Dq² = 3(c_s/v_F)/ql", mode="lines",
             line=dict(color="#c0504d", width=style.line(2), dash="dash"),
             hovertemplate="ql = %{x:.3g}<br>ω/Dq² = %{y:.3g}<extra></extra>"),
        dict(type="scatter", x=[ql], y=[float(disorder.pippard_phi(ql))], mode="markers", name="your q·l",
             marker=dict(size=style.font(11), color="#d62728", symbol="star"),
             hovertemplate="ql = %{x:.3g}<br>Φ = %{y:.3g}<extra></extra>"),
    ]
    return figure(data, base_layout(
        style, height=260, margin=dict(l=50, r=10, t=10, b=45), showlegend=style.font_size < 16,
        shapes=[hline(1.0, "#888", 1, "dot")],
        legend=dict(orientation="h", y=-0.35, x=0, font=dict(size=style.font(11))),
        xaxis=dict(type="log", title=dict(text="q·l")), yaxis=dict(type="log", range=[-3, 1.3]),
    ))


def point_rows(point: regimes.RegimePoint, ql: float) -> list[tuple[str, str, float, str, str]]:
    """(key, symbol, value, unit, note) for every derived quantity: the table and the CSV."""
    return [
        ("eta", "η = ω_ph/E_F", point.eta, "", "adiabatic ratio"),
        ("migdal_parameter", "λη", point.migdal_parameter, "", "Migdal parameter"),
        ("alpha_squared", "α² = λE_F/ω_ph", point.alpha_squared, "", "polaron"),
        ("polaron_energy_eV", "E_p = λE_F", point.polaron_energy_eV, "eV", "polaron binding"),
        ("mass_enhancement", "m*/m", point.mass_enhancement, "", "effective mass"),
        ("bo_epsilon", "ε = (m/M)^¼", point.bo_epsilon, "", "Born–Oppenheimer"),
        ("bo_displacement_over_a", "u_max ~ a/ε³", point.bo_displacement_over_a, "a", "BO validity"),
        ("jellium_eta", "η_jellium", point.jellium_eta, "", "natural metal"),
        ("sound_over_fermi_velocity", "c_s/v_F", point.sound_over_fermi_velocity, "", "Bohm–Staver"),
        ("theta_ph_K", "Θ_ph", point.theta_ph_K, "K", "ω_ph/k_B"),
        ("pippard_phi", "Φ(ql)", float(disorder.pippard_phi(ql)), "", "Pippard factor"),
    ]


def _table(point: regimes.RegimePoint, ql: float) -> html.Table:
    def shown(value: float, unit: str) -> str:
        text = "∞ (overflow)" if math.isinf(value) else f"{value:.4g}"
        return f"{text} {unit}".strip()

    return html.Table(className="readout-table", children=[
        html.Tbody([html.Tr([html.Td(symbol), html.Td(shown(value, unit), className="num"),
                             html.Td(note, className="note")])
                    for _, symbol, value, unit, note in point_rows(point, ql)])
    ])


def _point(values: dict) -> regimes.RegimePoint:
    return regimes.regime_point(values["m_over_M"], values["E_F_eV"], values["omega_ph_eV"], values["coupling"],
                                int(values["valence"]))


def csv_text(values: dict) -> tuple[str, str]:
    """CSV of the plotted point: regime and every derived quantity (same numbers as the table)."""
    point = _point(values)
    rows = [("regime", point.regime, "")] + [(key, repr(value), unit)
                                              for key, _, value, unit, _ in point_rows(point, values["ql"])]
    comment = ", ".join(f"{name}={values[name]}" for name in INPUT_NAMES[:6])
    return "migdal_regime.csv", csv_string(("quantity", "value", "unit"), rows, comment)


def code_text(values: dict) -> str:
    """CLI command and Python call that reproduce this panel's numbers."""
    args = (f"--m-over-M {values['m_over_M']:.6g} --E-F-eV {values['E_F_eV']:.6g} "
            f"--omega-ph-eV {values['omega_ph_eV']:.6g} --lambda {values['coupling']:.6g} "
            f"--valence {values['valence']} --ql {values['ql']:.6g}")
    return (f"python -m migdal_core regime {args} --json\n\n"
            "from migdal_core.regimes import regime_point\n"
            f"regime_point(m_over_M={values['m_over_M']:.6g}, E_F_eV={values['E_F_eV']:.6g}, "
            f"omega_ph_eV={values['omega_ph_eV']:.6g}, coupling={values['coupling']:.6g}, "
            f"valence={values['valence']})")


EXPLANATION = (
    "Electrons see the lattice almost frozen when the phonon energy is far below the Fermi energy: "
    "η = ω_ph/E_F ≪ 1. Migdal showed that the vertex corrections, the electron feeling the lattice distortion "
    "it just made, are then of relative size λη, so the simple one-phonon picture (Eliashberg theory) is exact "
    "to that order. When E_F drops (dilute semiconductors, heavy fermions) or ω_ph rises (optical phonons), η is "
    "no longer small; when λ exceeds max(1, η) the electron dresses itself into a polaron. Shaded regions follow "
    "the conventions in the literature; the bands are warnings, not regimes."
)


def layout() -> html.Section:
    """Panel layout (figures are filled by the callback)."""
    return panel_section(
        PANEL_ID, "1 · Where does Migdal's theorem hold?", EXPLANATION,
        status=[html.Div(id=BADGE_ID, className="badge"), html.Div(id=ERROR_ID, className="error-message", role="alert")],
        main_height_px=460,
        side=[html.H3("Your point"), html.Div(id=TABLE_ID),
              titled_graph("Disorder (acoustic phonons)", DISORDER_GRAPH_ID, 260)],
    )


def register_callbacks(app: Dash) -> None:
    """Thin callback: controls -> validated values -> cached figures."""
    cached_phase_figure = memoize(phase_figure)
    cached_disorder_figure = memoize(disorder_figure)

    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(DISORDER_GRAPH_ID, "figure"),
        Output(TABLE_ID, "children"),
        Output(BADGE_ID, "children"),
        Output(BADGE_ID, "className"),
        Output(ERROR_ID, "children"),
        [Input(spec.control_id, "value") for spec in SPECS],
    )
    def update_phase(*control_values):
        try:
            values = physical_values(SPECS, control_values)
            point = _point(values)
            valence, display = int(values["valence"]), (values["lecture"], values["theme"])
            figure = cached_phase_figure(values["m_over_M"], values["E_F_eV"], values["omega_ph_eV"],
                                         values["coupling"], valence, *display)
            small = cached_disorder_figure(values["ql"], values["m_over_M"], valence, *display)
        except ValueError as error:
            message = str(error)
            return message_figure(message), message_figure(""), None, "invalid input", "badge badge-error", message
        badge = [html.B(point.regime), " — ", REGIME_CAPTIONS[point.regime]]
        return figure, small, _table(point, values["ql"]), badge, f"badge badge-{point.regime}", ""

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
