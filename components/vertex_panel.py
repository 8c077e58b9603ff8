"""Panel 2: vertex correction versus momentum transfer, and T_c with and without it.

Pietronero-Strässler-Grimaldi model (:mod:`migdal_core.vertex`) and the
T_c formulas of :mod:`migdal_core.tc`. Layout, pure figure builders and one
thin callback. :func:`panel_numbers` is the one source of what is drawn,
tabulated and exported.
"""

from __future__ import annotations

import numpy as np
from dash import Dash, Input, Output, State, dcc, html, no_update

from components.cache import memoize
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, physical_values
from components.presets import matching_preset
from components.theme import Style, base_layout, figure, hline, message_figure, style_for, vline
from components.url_state import PRESET_ID
from migdal_core import coupling, tc, vertex
from migdal_core.tables.vertex_curves import vertex_curves as tabulated_vertex_curves

PANEL_ID = "vertex"
GRAPH_ID = f"{PANEL_ID}-graph"
PQ_GRAPH_ID = f"{PANEL_ID}-pq-graph"
TC_GRAPH_ID = f"{PANEL_ID}-tc-graph"
TC_TABLE_ID = f"{PANEL_ID}-tc-table"
CAPTION_ID = f"{PANEL_ID}-caption"
ERROR_ID = f"{PANEL_ID}-error"

INPUT_NAMES = (
    "E_F_eV",
    "omega_ph_eV",
    "coupling",
    "Qc",
    "mu_star",
    "frequencies",
    "coupling_model",
    "lecture",
    "theme",
)
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)
# Inputs that change only the T_c figure, table and caption: P_V(Q_c) and P(Q) depend on eta and q_c alone.
# What the P_V and P(Q) figures depend on: when the browser shows them for these values (the shown key,
# written with the figures), a move of lambda or mu* leaves them there (see components.patches).
SHOWN_ID = f"{PANEL_ID}-shown"
FIGURE_INPUTS = ("E_F_eV", "omega_ph_eV", "Qc", "frequencies", "lecture", "theme")

Q_POINTS = 40
REFERENCE_ETAS = (0.05, 0.1, 0.3, 1.0)
TC_METHODS = (
    ("mcmillan", "McMillan"),
    ("allen_dynes", "Allen–Dynes"),
    ("eliashberg", "Eliashberg (Matsubara)"),
    ("eliashberg_x_psg_ratio", "Eliashberg × PSG ratio"),
    ("anti_adiabatic", "Anti-adiabatic"),
)
POSITIVE_FILL, NEGATIVE_FILL = "rgba(46,160,67,0.13)", "rgba(214,39,40,0.10)"


def vertex_curves(E_F_eV: float, omega_ph_eV: float, frequencies: str) -> dict[str, list[float]]:
    """P_V and P_C on 50 Q_c points (>= 40, issue 4) at eta = omega_ph/E_F, from the precomputed table."""
    return tabulated_vertex_curves(vertex.eta_from_energies(omega_ph_eV, E_F_eV), frequencies)


def reference_curves(frequencies: str) -> dict[float, dict]:
    """The curves of the reference etas drawn behind the user's."""
    return {eta: tabulated_vertex_curves(eta, frequencies) for eta in REFERENCE_ETAS}


def zero_crossings(x: list[float], y: list[float]) -> list[float]:
    """Q_c values where a sampled curve changes sign (linear interpolation)."""
    crossings = []
    for i in range(len(x) - 1):
        if y[i] == 0.0:
            crossings.append(x[i])
        elif y[i] * y[i + 1] < 0.0:
            crossings.append(x[i] - y[i] * (x[i + 1] - x[i]) / (y[i + 1] - y[i]))
    return crossings


def tc_ratio_curve(curves: dict, coupling: float, mu_star: float) -> dict[str, list[float]]:
    """T_c(vertex)/T_c(Migdal), lambda_Z and lambda_Delta along the Q_c grid (:func:`tc.psg_ratio_curve`)."""
    return {"Qc": curves["Qc"], **tc.psg_ratio_curve(coupling, mu_star, curves["P_V"], curves["P_C"])}


def tc_coupling(values: dict) -> float:
    """The effective lambda every T_c formula takes: the slider in the metal model, lambda_0/(1 - 2 lambda_0) in
    the Holstein model (contract §2, RPA); ValueError where that is at or past the RPA lattice instability."""
    if values.get("coupling_model", "metal") != "holstein":
        return values["coupling"]
    lam = coupling.effective_from_bare(values["coupling"])
    if lam > tc.LAMBDA_MAX:
        raise ValueError(
            f"Holstein model: lambda_0 = {values['coupling']:.3g} gives an effective lambda = "
            f"lambda_0/(1 - 2 lambda_0) beyond {tc.LAMBDA_MAX:g} (lattice unstable at lambda_0 = 0.5 "
            "in RPA; panel 1 shows this as bipolaronic): no Eliashberg T_c. Lower lambda_0 below 0.47."
        )
    return lam


def panel_numbers(values: dict, omega_kind: str = "omega_log") -> dict:
    """Every number the panel draws, tabulates and exports, from the snapped control values.

    ``curves``: P_V, P_C on the Q_c grid; ``ratio``: the T_c ratio along it; ``summary``: every T_c and
    P_V, P_C at the user's q_c (:func:`tc_summary`, computed directly: the star on the P_V curve and the
    table show this same P_V).
    """
    curves = cached_vertex_curves(values["E_F_eV"], values["omega_ph_eV"], values["frequencies"])
    lam = tc_coupling(values)
    summary = cached_tc_summary(
        values["E_F_eV"],
        values["omega_ph_eV"],
        lam,
        values["Qc"],
        values["mu_star"],
        values["frequencies"],
        omega_kind,
    )
    return {
        "eta": vertex.eta_from_energies(values["omega_ph_eV"], values["E_F_eV"]),
        "curves": curves,
        "ratio": tc_ratio_curve(curves, lam, values["mu_star"]),
        "summary": summary,
    }


def _sign_bands(style: Style, y_low: float, y_high: float) -> tuple[list[dict], list[dict]]:
    """Shaded P_V > 0 / P_V < 0 regions and their labels: (shapes, annotations)."""
    shapes = [
        dict(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=0,
            y1=y_high,
            fillcolor=POSITIVE_FILL,
            line=dict(width=0),
            layer="below",
        ),
        dict(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=y_low,
            y1=0,
            fillcolor=NEGATIVE_FILL,
            line=dict(width=0),
            layer="below",
        ),
    ]
    annotations = [
        dict(
            x=0.98,
            y=y_high,
            xref="paper",
            yanchor="top",
            xanchor="right",
            showarrow=False,
            text="P_V > 0: forward scattering, enhances pairing",
            font=dict(size=style.font(11), color="#8fd19e" if style.dark else "#2e7d32"),
        ),
        dict(
            x=0.02,
            y=y_low,
            xref="paper",
            yanchor="bottom",
            xanchor="left",
            showarrow=False,
            text="P_V < 0: backscattering, suppresses pairing",
            font=dict(size=style.font(11), color="#f28b82" if style.dark else "#b71c1c"),
        ),
    ]
    return shapes, annotations


def pv_figure(
    eta: float,
    Qc: float,
    frequencies: str,
    curves: dict,
    references: dict[float, dict],
    lecture: str = "off",
    theme: str = "light",
    user_pv: float | None = None,
) -> dict:
    """P_V versus Q_c for the user's eta, reference etas, sign regions and zero crossing.

    ``user_pv``: P_V at the user's q_c (the star); interpolated on the curve when not given.
    """
    style = style_for(lecture, theme)
    data: list[dict] = []
    # small eta faint, eta = 1 most contrasted: dark blues on white, light blues on the dark card
    palette = (
        ("#3d85c6", "#6baed6", "#9ecae1", "#deebf7")
        if style.dark
        else ("#9ecae1", "#6baed6", "#3182bd", "#08519c")
    )
    dashes = ("dot", "dash", "dashdot", "longdash")  # told apart by line style, not only by shade
    for color, dash, (ref_eta, ref) in zip(palette, dashes, sorted(references.items())):
        data.append(
            dict(
                type="scatter",
                x=ref["Qc"],
                y=ref["P_V"],
                mode="lines",
                name=f"η = {ref_eta:g}",
                line=dict(color=color, width=style.line(1.3), dash=dash),
                hovertemplate=f"η = {ref_eta:g}<br>Q_c = %{{x:.3f}}<br>P_V = %{{y:.4f}}<extra></extra>",
            )
        )
    data.append(
        dict(
            type="scatter",
            x=curves["Qc"],
            y=curves["P_V"],
            mode="lines",
            name=f"your η = {eta:.3g}",
            line=dict(color="#d62728", width=style.line(3)),
            hovertemplate="Q_c = %{x:.3f}<br>P_V = %{y:.4f}<extra>your η</extra>",
        )
    )
    if user_pv is None:
        user_pv = float(np.interp(Qc, curves["Qc"], curves["P_V"]))
    data.append(
        dict(
            type="scatter",
            x=[Qc],
            y=[user_pv],
            mode="markers",
            name="your q_c",
            marker=dict(
                symbol="star", size=style.font(16), color="#d62728", line=dict(color="white", width=1)
            ),
            hovertemplate="your Q_c = %{x:.3f}<br>P_V ≈ %{y:.4f}<extra></extra>",
        )
    )
    values = [v for ref in references.values() for v in ref["P_V"]] + curves["P_V"]
    y_low, y_high = min(min(values), -0.05) * 1.15, max(max(values), 0.05) * 1.15
    shapes, annotations = _sign_bands(style, y_low, y_high)
    for crossing in zero_crossings(curves["Qc"], curves["P_V"]):
        shapes.append(vline(crossing, style.ink, style.line(1), "dash"))
        annotations.append(
            dict(
                x=crossing,
                y=0,
                text=f"sign change<br>Q_c ≈ {crossing:.2f}",
                showarrow=True,
                arrowhead=2,
                ax=30,
                ay=-40,
                font=dict(size=style.font(11), color=style.ink),
                arrowcolor=style.ink,
            )
        )
    return figure(
        data,
        base_layout(
            style,
            height=360,
            shapes=shapes,
            annotations=annotations,
            legend=dict(orientation="h", y=-0.28, x=0, font=dict(size=style.font(11))),
            xaxis=dict(title=dict(text="Q_c = q_c / 2k_F"), range=[0, 1.02]),
            yaxis=dict(title=dict(text=f"P_V ({frequencies})"), range=[y_low, y_high], zeroline=True),
            margin=dict(l=60, r=15, t=15, b=80),
        ),
    )


def pq_figure(eta: float, Qc: float, frequencies: str, lecture: str = "off", theme: str = "light") -> dict:
    """P(Q): the vertex versus momentum transfer Q = |k - k'|/2k_F, for |k - k'| < q_c."""
    style = style_for(lecture, theme)
    q_values = np.linspace(0.0, Qc, Q_POINTS)
    p_values = np.atleast_1d(vertex.vertex_P_of_Q(eta, Qc, q_values, frequencies))
    data = [
        dict(
            type="scatter",
            x=q_values.tolist(),
            y=p_values.tolist(),
            mode="lines",
            name="P(Q)",
            line=dict(color=style.blue, width=style.line(2.5)),
            hovertemplate="Q = %{x:.3f}<br>P(Q) = %{y:.4f}<extra></extra>",
        )
    ]
    return figure(
        data,
        base_layout(
            style,
            height=280,
            showlegend=False,
            margin=dict(l=60, r=10, t=10, b=50),
            shapes=[hline(0.0, style.muted, 1)],
            xaxis=dict(title=dict(text="Q = |k − k′| / 2k_F")),
            yaxis=dict(title=dict(text="P(Q)")),
        ),
    )


def tc_figure(curves_ratio: dict, Qc: float, lecture: str = "off", theme: str = "light") -> dict:
    """T_c(vertex)/T_c(Migdal) and lambda_Z, lambda_Delta versus Q_c."""
    style = style_for(lecture, theme)
    data = [
        dict(
            type="scatter",
            x=curves_ratio["Qc"],
            y=curves_ratio["ratio"],
            name="T_c(vertex) / T_c(Migdal)",
            mode="lines",
            line=dict(color="#d62728", width=style.line(3)),
            hovertemplate="Q_c = %{x:.3f}<br>ratio = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=curves_ratio["Qc"],
            y=curves_ratio["lambda_Z"],
            name="λ_Z (mass)",
            yaxis="y2",
            mode="lines",
            line=dict(color=style.blue, width=style.line(1.8), dash="dash"),
            hovertemplate="Q_c = %{x:.3f}<br>λ_Z = %{y:.3f}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=curves_ratio["Qc"],
            y=curves_ratio["lambda_Delta"],
            name="λ_Δ (pairing)",
            yaxis="y2",
            mode="lines",
            line=dict(color="#2e7d32", width=style.line(1.8), dash="dashdot"),
            hovertemplate="Q_c = %{x:.3f}<br>λ_Δ = %{y:.3f}<extra></extra>",
        ),
    ]
    finite_ratio = [r for r in curves_ratio["ratio"] if np.isfinite(r)] or [1.0]
    couplings = curves_ratio["lambda_Z"] + curves_ratio["lambda_Delta"]
    return figure(
        data,
        base_layout(
            style,
            height=280,
            margin=dict(l=60, r=60, t=10, b=50),
            shapes=[hline(1.0, style.muted, 1, "dot"), vline(Qc, "#d62728", 1, "dot")],
            legend=dict(orientation="h", y=-0.3, x=0, font=dict(size=style.font(10))),
            xaxis={"title": {"text": "Q_c = q_c / 2k_F"}, "range": [0, 1.02]},
            yaxis=dict(title=dict(text="T_c ratio"), range=[0, max(max(finite_ratio), 1.0) * 1.12]),
            yaxis2=dict(
                title=dict(text="λ_Z, λ_Δ"),
                overlaying="y",
                side="right",
                showgrid=False,
                tickmode="auto",  # plotly.js 3 syncs an overlaying axis to y's grid: ticks at 0.167, 0.334, ...
                range=[min(0.0, min(couplings)), max(couplings) * 1.12],
            ),
        ),
    )


def tc_summary(
    E_F_eV: float,
    omega_ph_eV: float,
    coupling: float,
    Qc: float,
    mu_star: float,
    frequencies: str,
    omega_kind: str = "omega_log",
) -> dict:
    """All T_c values for the user's point and the best estimate for its regime (:func:`migdal_core.tc.tc_all`).

    The PSG formula enters only as the ratio T_c(vertex)/T_c(Migdal), applied to the Eliashberg T_c.
    """
    summary = tc.tc_all(
        coupling,
        mu_star,
        omega_ph_eV,
        eta=vertex.eta_from_energies(omega_ph_eV, E_F_eV),
        Qc=Qc,
        frequencies=frequencies,
        E_F_eV=E_F_eV,
        omega_kind=omega_kind,
    )
    migdal, with_vertex = summary["Tc_K"]["psg_migdal"], summary["Tc_K"]["psg_vertex"]
    summary["psg_ratio"] = with_vertex / migdal if migdal > 0 else None
    summary["Tc_K"]["eliashberg_x_psg_ratio"] = (
        summary["Tc_K"]["eliashberg"] * summary["psg_ratio"] if migdal > 0 else 0.0
    )
    return summary


def _short_note(note: str) -> str:
    """First clause of a T_c note (the full text goes in the cell's tooltip)."""
    return note.split(":")[0].split(" (")[0] if note else ""


def _tc_table(summary: dict, preset=None, holstein: bool = False) -> html.Table:
    best = summary["best"]
    rows = []
    if holstein:
        rows.append(
            html.Tr(
                html.Td(
                    f"Holstein model: every T_c uses the effective λ = λ₀/(1 − 2λ₀) = "
                    f"{summary['lambda']:.3g} (RPA)",
                    colSpan=3,
                    className="note",
                )
            )
        )
    for key, label in TC_METHODS:
        is_best = key == best["method"]
        note = "best" if is_best else _short_note(summary["notes"].get(key, ""))
        rows.append(
            html.Tr(
                className="best" if is_best else "",
                children=[
                    html.Td(html.B(label) if is_best else label),
                    html.Td(f"{summary['Tc_K'][key]:.4g} K", className="num"),
                    html.Td(
                        note,
                        className="note",
                        title=best["reason"] if is_best else summary["notes"].get(key, ""),
                    ),
                ],
            )
        )
    best_text = "—" if best["Tc_K"] is None else f"{best['Tc_K']:.4g} K"
    rows.append(
        html.Tr(
            [
                html.Td(html.B(f"Best estimate ({best['regime']})")),
                html.Td(html.B(best_text), className="num"),
                html.Td(""),
            ]
        )
    )
    rows.append(html.Tr(html.Td(f"Why: {best['reason']}.", colSpan=3, className="note")))
    if preset is not None and preset.Tc_measured_K is not None:
        rows.append(
            html.Tr(
                [
                    html.Td(f"Measured, {preset.key}"),
                    html.Td(f"{preset.Tc_measured_K:g} K", className="num"),
                    html.Td(""),
                ]
            )
        )
        rows.append(html.Tr(html.Td(preset.Tc_measured_source, colSpan=3, className="note")))
    ratio = summary["psg_ratio"]
    rows += [
        html.Tr(
            [
                html.Td(
                    "PSG ratio T_c(vertex)/T_c(Migdal)", title="model ratio, applied to the Eliashberg T_c"
                ),
                html.Td("—" if ratio is None else f"{ratio:.3g}", className="num"),
                html.Td(""),
            ]
        ),
        html.Tr(
            [
                html.Td("P_V, P_C at your q_c"),
                html.Td(f"{summary['P_V']:+.4f}, {summary['P_C']:+.4f}", className="num"),
                html.Td(""),
            ]
        ),
        html.Tr(
            [
                html.Td("λ_Z (mass), λ_Δ (pairing)"),
                html.Td(f"{summary['lambda_Z']:.4g}, {summary['lambda_Delta']:.4g}", className="num"),
                html.Td("equal when Migdal holds"),
            ]
        ),
    ]
    return html.Table(className="readout-table", children=html.Tbody(rows))


def detector_note(preset) -> html.P:
    """What the T_c table shows for a detector target: no T_c (the target is not a superconductor)."""
    return html.P(
        className="note",
        children=(
            f"{preset.label}: a dark-matter detector target, not a superconductor, so no T_c is shown. Its Migdal "
            'effect (panel 3) is the Born–Oppenheimer non-adiabatic term; "adiabatic" in panel 1 means η ≪ 1.'
        ),
    )


def caption_direction(ratio: float | None) -> str:
    """Sign word of the caption from the computed ratio T_c(vertex)/T_c(Migdal)."""
    if ratio is None:
        return "none"
    return "raise" if ratio > 1.005 else ("lower" if ratio < 0.995 else "leave unchanged")


def _caption(summary: dict) -> str:
    ratio = summary["psg_ratio"]
    direction = caption_direction(ratio)
    if direction == "none":
        return "No superconductivity without vertex corrections at this λ and μ*."
    eliashberg = summary["Tc_K"]["eliashberg"]
    verb = "leave T_c unchanged" if direction == "leave unchanged" else f"{direction} T_c"
    return (
        f"At q_c/2k_F = {summary['Qc']:.2f} (P_V = {summary['P_V']:+.2g}, P_C = {summary['P_C']:+.2g}): "
        f"vertex corrections {verb}, factor {ratio:.3g} (PSG ratio applied to Eliashberg: "
        f"{eliashberg:.3g} K → {eliashberg * ratio:.3g} K)."
    )


cached_vertex_curves = memoize(vertex_curves)  # direct computation below the table's eta range
cached_tc_summary = memoize(tc_summary)
cached_pq_figure = memoize(pq_figure)


def csv_text(values: dict) -> tuple[str, str]:
    """P_V, P_C, T_c ratio, lambda_Z and lambda_Delta on the Q_c grid (the plotted numbers)."""
    numbers = panel_numbers(values)
    eta, curves, ratio = numbers["eta"], numbers["curves"], numbers["ratio"]
    rows = zip(
        curves["Qc"], curves["P_V"], curves["P_C"], ratio["ratio"], ratio["lambda_Z"], ratio["lambda_Delta"]
    )
    comment = (
        f"eta={eta:.6g}, frequencies={values['frequencies']}, lambda={tc_coupling(values):.6g}, "
        f"mu_star={values['mu_star']}"
    )
    return "migdal_vertex.csv", csv_string(
        ("Qc", "P_V", "P_C", "Tc_ratio", "lambda_Z", "lambda_Delta"), list(rows), comment
    )


def code_text(values: dict) -> str:
    """CLI commands and Python calls that reproduce P_V, P_C and the T_c values (effective lambda)."""
    eta = vertex.eta_from_energies(values["omega_ph_eV"], values["E_F_eV"])
    values = dict(values, coupling=tc_coupling(values))
    return (
        f"python -m migdal_core vertex --eta {eta:.6g} --Qc {values['Qc']:.6g} "
        f"--frequencies {values['frequencies']} --json\n"
        f"python -m migdal_core tc --lambda {values['coupling']:.6g} --mu-star {values['mu_star']:.6g} "
        f"--omega-E-eV {values['omega_ph_eV']:.6g} --eta {eta:.6g} --Qc {values['Qc']:.6g} --json\n\n"
        "from migdal_core import vertex, tc\n"
        f"vertex.vertex_PV({eta:.6g}, {values['Qc']:.6g}, '{values['frequencies']}')\n"
        f"tc.tc_all({values['coupling']:.6g}, {values['mu_star']:.6g}, {values['omega_ph_eV']:.6g}, "
        f"eta={eta:.6g}, Qc={values['Qc']:.6g}, frequencies='{values['frequencies']}')"
    )


EXPLANATION = (
    "When η = ω_ph/E_F is not small, the first vertex correction Γ⁽¹⁾ = λ P_V is no longer negligible, and its "
    "sign depends on the scattering geometry. If the coupling only allows small momentum transfers (q_c ≪ 2k_F, "
    "forward scattering), the electron and the lattice distortion it creates move together and P_V > 0: pairing "
    "is enhanced. Isotropic coupling including backscattering (q_c → 2k_F) averages to P_V < 0, ∝ −η: Migdal's "
    "theorem. Pietronero, Strässler and Grimaldi (PRB 52, 10516 and 10530 (1995)); mass renormalization λ_Z and "
    "pairing λ_Δ then differ."
)


def layout() -> html.Section:
    return panel_section(
        PANEL_ID,
        "2 · Vertex correction versus momentum transfer",
        EXPLANATION,
        status=[
            html.P(id=CAPTION_ID, className="caption strong"),
            html.Div(id=ERROR_ID, className="error-message", role="alert"),
            dcc.Store(id=SHOWN_ID),
        ],
        main_height_px=360,
        side=[html.H3("T_c for your point"), html.Div(id=TC_TABLE_ID)],
        row=[
            titled_graph("Vertex P(Q) versus momentum transfer (your q_c)", PQ_GRAPH_ID, 280),
            titled_graph("T_c with / without vertex corrections", TC_GRAPH_ID, 280),
        ],
    )


def register_callbacks(app: Dash) -> None:
    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(PQ_GRAPH_ID, "figure"),
        Output(TC_GRAPH_ID, "figure"),
        Output(TC_TABLE_ID, "children"),
        Output(CAPTION_ID, "children"),
        Output(ERROR_ID, "children"),
        Output(SHOWN_ID, "data"),
        [Input(spec.control_id, "value") for spec in SPECS],
        Input(PRESET_ID, "value"),
        State(SHOWN_ID, "data"),
    )
    def update_vertex(*arguments):
        *control_values, preset_key, shown = arguments
        try:
            values = physical_values(SPECS, tuple(control_values))
            key = [values[name] for name in FIGURE_INPUTS]
            keep_vertex_figures = shown == key  # the browser already shows these P_V and P(Q) figures
            preset = matching_preset(preset_key, values)
            numbers = panel_numbers(values, preset.omega_kind if preset else "omega_log")
            eta, freq, summary = numbers["eta"], values["frequencies"], numbers["summary"]
            display = (values["lecture"], values["theme"])
            tc_fig = tc_figure(numbers["ratio"], values["Qc"], *display)
            if keep_vertex_figures:
                main = pq = no_update
            else:
                main = pv_figure(
                    eta,
                    values["Qc"],
                    freq,
                    numbers["curves"],
                    reference_curves(freq),
                    *display,
                    user_pv=summary["P_V"],
                )
                pq = cached_pq_figure(eta, values["Qc"], freq, *display)
        except ValueError as error:
            message = str(error)
            blank = message_figure("")
            return message_figure(message), blank, blank, None, "", message, None
        if preset is not None and preset.is_detector:
            return main, pq, tc_fig, detector_note(preset), "", "", key
        holstein = values["coupling_model"] == "holstein"
        return main, pq, tc_fig, _tc_table(summary, preset, holstein), _caption(summary), "", key

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
