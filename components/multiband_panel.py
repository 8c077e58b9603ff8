"""Panel 4: two bands, a non-adiabatic one feeding an adiabatic one (contract §6).

Physics from :mod:`migdal_core.multiband` (two-band linearised Eliashberg, band 1 with PSG vertex
corrections). Layout, pure figure builders and one thin callback. Curves are dimensionless
(T_c/omega_log), cached per rounded couplings, and converted to kelvin with omega_log at the end, so
the omega_log slider and the display controls redraw without solving anything.
"""

from __future__ import annotations

import math

import numpy as np
from dash import Dash, Input, Output, html

from components.cache import memoize, rounded
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, physical_values
from components.theme import Style, base_layout, figure, hline, message_figure, style_for, vline
from migdal_core import multiband
from migdal_core.constants import K_B_EV_PER_K
from migdal_core.materials import MGB2_TWO_BANDS

PANEL_ID = "multiband"
GRAPH_ID = f"{PANEL_ID}-graph"
GAP_GRAPH_ID = f"{PANEL_ID}-gap-graph"
ETA_GRAPH_ID = f"{PANEL_ID}-eta-graph"
TABLE_ID = f"{PANEL_ID}-table"
CAPTION_ID = f"{PANEL_ID}-caption"
ERROR_ID = f"{PANEL_ID}-error"

COUPLINGS = ("lambda_11", "lambda_12", "lambda_21", "lambda_22", "mu_star_11", "mu_star_12", "mu_star_22")
INPUT_NAMES = (*COUPLINGS, "omega_log_eV", "eta_1", "Qc_1", "frequencies", "lecture", "theme")
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)

SCALES = tuple(float(s) for s in np.linspace(0.0, 2.0, 9))  # includes s = 1, the user's point
ETAS = tuple(float(e) for e in np.geomspace(1e-3, 1.0, 10))
CURVE_MATSUBARA = (
    200  # curves stop at T_c = cutoff/(2 pi 200) ~ 0.012 omega_log (serving time); points go lower
)
ALONE_MATSUBARA = 500  # single-band values reach 0.0048 omega_log (MgB2's pi band alone: 0.0058)
CURVE_XTOL = (
    2e-4  # relative T_c tolerance of the curves (rho jumps by ~1e-3 where the frequency count changes)
)
COLORS = {"plain": "#1f5fa8", "vertex": "#d62728", "band1": "#ff7f0e", "band2": "#2e7d32", "gap": "#6a3d9a"}
# on the dark background the blue, green and purple fell below WCAG 2.1's 3:1 for graphics (2.2-3.2)
COLORS_DARK = {**COLORS, "plain": "#56b4e9", "band2": "#5cb85c", "gap": "#b39ddb"}
# their lines' labels: 4.5:1 for text (the orange is 2.5:1 on white)
COLORS.update(band1_text="#b35900", band2_text=COLORS["band2"])
COLORS_DARK.update(band1_text=COLORS_DARK["band1"], band2_text=COLORS_DARK["band2"])


def _colors(style: Style) -> dict[str, str]:
    return COLORS_DARK if style.dark else COLORS


def matrices(couplings: dict) -> tuple[list[float], list[float]]:
    """(lambda, mu*) matrices as 4-lists from the slider values; mu*_21 from the DOS ratio."""
    lam = [couplings["lambda_11"], couplings["lambda_12"], couplings["lambda_21"], couplings["lambda_22"]]
    mu = multiband.mu_star_matrix_from_dos(
        couplings["mu_star_11"], couplings["mu_star_12"], couplings["mu_star_22"], lam
    )
    return lam, mu.ravel().tolist()


def interband_tc_curve(l11, l12, l21, l22, m11, m12, m22, P_V, P_C) -> dict:
    """T_c/omega_log and Delta_1/Delta_2 along the interband scale s (scalars in: a cacheable key)."""
    lam, mu = matrices(dict(zip(COUPLINGS, (l11, l12, l21, l22, m11, m12, m22))))
    return multiband.interband_curve(
        lam, mu, SCALES, P_V, P_C, xtol=CURVE_XTOL, max_matsubara=CURVE_MATSUBARA
    )


def _eta_factors(Qc_1: float, frequencies: str) -> tuple[list[float], list[float]]:
    factors = [multiband.vertex_factors(eta, Qc_1, frequencies, tabulated=True) for eta in ETAS]
    return [f[0] for f in factors], [f[1] for f in factors]


def eta_tc_curve(l11, l12, l21, l22, m11, m12, m22, Qc_1, frequencies) -> dict:
    """Along eta_1 (band 1's vertex from the P_V/P_C table): T_c and Delta_1/Delta_2 of the coupled bands."""
    lam, mu = matrices(dict(zip(COUPLINGS, (l11, l12, l21, l22, m11, m12, m22))))
    return multiband.vertex_curve(
        lam, mu, *_eta_factors(Qc_1, frequencies), xtol=CURVE_XTOL, max_matsubara=CURVE_MATSUBARA
    )


def eta_band1_curve(l11, m11, Qc_1, frequencies) -> list[float]:
    """Along eta_1: T_c of band 1 alone (interband terms zeroed), which band 2 never sees."""
    curve = multiband.vertex_curve(
        [l11, 0.0, 0.0, 0.0],
        [m11, 0.0, 0.0, 0.0],
        *_eta_factors(Qc_1, frequencies),
        xtol=CURVE_XTOL,
        max_matsubara=CURVE_MATSUBARA,
    )
    return curve["Tc_over_omega_E"]


def band1_alone(l11, m11, P_V, P_C) -> dict:
    """T_c/omega_log of band 1 with the interband terms zeroed, without and with its vertex corrections
    (and whether a 0 with them means the vertex left its perturbative range)."""
    lam, mu = [l11, 0.0, 0.0, 0.0], [m11, 0.0, 0.0, 0.0]
    options = {"xtol": CURVE_XTOL, "max_matsubara": ALONE_MATSUBARA}
    with_vertex = multiband.two_band_tc(lam, mu, P_V, P_C, **options)
    return {
        "band1": multiband.two_band_tc(lam, mu, **options).Tc_over_omega_E,
        "band1_vertex": with_vertex.Tc_over_omega_E,
        "band1_vertex_out_of_range": with_vertex.vertex_out_of_range,
    }


def band2_alone(l22, m22) -> float:
    """T_c/omega_log of band 2 with the interband terms zeroed (band 1's vertex cannot reach it)."""
    return multiband.two_band_tc(
        [0.0, 0.0, 0.0, l22], [0.0, 0.0, 0.0, m22], xtol=CURVE_XTOL, max_matsubara=ALONE_MATSUBARA
    ).Tc_over_omega_E


def _kelvin(values: list[float], omega_log_eV: float) -> list[float | None]:
    """T_c/omega_log -> K; 0 (no T_c in range) becomes a gap in the curve."""
    return [v * omega_log_eV / K_B_EV_PER_K if v > 0.0 else None for v in values]


def _inverse(ratios: list[float]) -> list[float | None]:
    """Delta_2/Delta_1 from Delta_1/Delta_2 (bounded where Delta_2 changes sign)."""
    return [1.0 / r if r and math.isfinite(r) else (0.0 if r == math.inf else None) for r in ratios]


def _curve(
    x: list[float],
    y: list[float | None],
    name: str,
    color: str,
    width: float,
    hover: str,
    dash: str = "solid",
    **extra,
) -> list[dict]:
    """The solved points (markers) joined by a spline drawn in the browser (plotly line shape)."""
    return [
        dict(
            type="scatter",
            x=list(x),
            y=list(y),
            mode="lines+markers",
            name=name,
            hovertemplate=hover,
            line=dict(color=color, width=width, dash=dash, shape="spline", smoothing=0.8),
            marker=dict(color=color, size=4),
            **extra,
        )
    ]


def _scale_axis(text: str) -> dict:
    return dict(title=dict(text=text), range=[0, 2.02])


def tc_interband_figure(
    plain: dict, vertex: dict, alone: dict, lam: list[float], omega_log_eV: float, style: Style
) -> dict:
    """T_c [K] versus the interband scale s, without and with band 1's vertex corrections."""
    colors = _colors(style)
    hover = (
        f"s = %{{x:.3f}} (λ₁₂ = {lam[1]:.3g} s, λ₂₁ = {lam[2]:.3g} s)<br>T_c = %{{y:.2f}} K"
        "<extra>%{fullData.name}</extra>"
    )
    data = []
    for key, curve, name in (
        ("plain", plain, "Migdal–Eliashberg (no vertex)"),
        ("vertex", vertex, "band 1 with PSG vertex corrections"),
    ):
        tc_k = _kelvin(curve["Tc_over_omega_E"], omega_log_eV)
        data += _curve(list(SCALES), tc_k, name, colors[key], style.line(2.6), hover)
        data.append(
            dict(
                type="scatter",
                x=[1.0],
                y=[tc_k[SCALES.index(1.0)]],
                mode="markers",
                showlegend=False,
                marker=dict(
                    symbol="star", size=style.font(15), color=colors[key], line=dict(color="white", width=1)
                ),
                hoverinfo="skip",
            )
        )
    shapes, annotations = [vline(1.0, style.muted, 1, "dot")], []
    for key, label in (("band1", "band 1 alone"), ("band2", "band 2 alone")):
        value = alone[key] * omega_log_eV / K_B_EV_PER_K
        if value > 0.0:
            shapes.append(hline(value, colors[key], style.line(1.4), "dot"))
            annotations.append(
                dict(
                    x=0.01,
                    xref="paper",
                    y=value,
                    yanchor="bottom",
                    xanchor="left",
                    showarrow=False,
                    text=f"{label} (λ₁₂ = λ₂₁ = 0): {value:.1f} K",
                    font=dict(size=style.font(11), color=colors[key + "_text"]),
                )
            )
    return figure(
        data,
        base_layout(
            style,
            height=360,
            shapes=shapes,
            annotations=annotations,
            margin=dict(l=65, r=15, t=15, b=85),
            legend=dict(orientation="h", y=-0.3, x=0, font=dict(size=style.font(11))),
            xaxis=_scale_axis("interband scale s (s = 1: your point)<br>(λ₁₂, λ₂₁) → s·(λ₁₂, λ₂₁)"),
            yaxis=dict(title=dict(text="T_c [K]"), rangemode="tozero"),
        ),
    )


def gap_figure(plain: dict, vertex: dict, style: Style) -> dict:
    """Delta_2/Delta_1 at T_c (leading eigenvector, lowest Matsubara frequency) versus s."""
    colors = _colors(style)
    data = []
    for key, curve, name in (("plain", plain, "no vertex"), ("vertex", vertex, "band 1 with vertex")):
        data += _curve(
            list(SCALES),
            _inverse(curve["gap_ratio"]),
            name,
            colors[key],
            style.line(2.2),
            "s = %{x:.3f}<br>Δ₂/Δ₁ = %{y:.3f}<extra>" + name + "</extra>",
        )
    ratios = [v for curve in (plain, vertex) for v in _inverse(curve["gap_ratio"]) if v is not None]
    annotations = []
    if ratios and min(ratios) < 0.0:
        annotations.append(
            dict(
                x=0.98,
                y=0.02,
                xref="paper",
                yref="paper",
                yanchor="bottom",
                xanchor="right",
                showarrow=False,
                text="Δ₂/Δ₁ < 0: the Coulomb μ*₁₂ outweighs λ₁₂ (s± gaps)",
                font=dict(size=style.font(10), color=style.muted),
            )
        )
    return figure(
        data,
        base_layout(
            style,
            height=280,
            margin=dict(l=65, r=10, t=10, b=75),
            annotations=annotations,
            shapes=[hline(0.0, style.muted, 1), vline(1.0, style.muted, 1, "dot")],
            legend=dict(orientation="h", y=-0.38, x=0, font=dict(size=style.font(10))),
            xaxis=_scale_axis("interband scale s (dimensionless)"),
            yaxis=dict(title=dict(text="Δ₂/Δ₁ at T_c")),
        ),
    )


def eta_figure(curves: dict, alone: dict, eta_1: float, omega_log_eV: float, style: Style) -> dict:
    """What band 1's non-adiabaticity does to band 2: T_c and Delta_2/Delta_1 versus eta_1."""
    colors = _colors(style)
    band2 = alone["band2"] * omega_log_eV / K_B_EV_PER_K
    hover = "η₁ = %{x:.3g}<br>T_c = %{y:.2f} K<extra>%{fullData.name}</extra>"
    gaps = _inverse(curves["gap_ratio"])
    data = [
        *_curve(
            curves["eta"],
            _kelvin(curves["coupled"], omega_log_eV),
            "two bands coupled",
            colors["vertex"],
            style.line(2.6),
            hover,
        ),
        *_curve(
            curves["eta"],
            _kelvin(curves["band1_alone"], omega_log_eV),
            "band 1 alone",
            colors["band1"],
            style.line(1.8),
            hover,
            dash="dash",
        ),
        dict(
            type="scatter",
            x=[curves["eta"][0], curves["eta"][-1]],
            y=[band2 or None] * 2,
            mode="lines",
            name="band 2 alone (no change)",
            line=dict(color=colors["band2"], width=style.line(1.8), dash="dot"),
            hovertemplate="T_c = %{y:.2f} K<extra>band 2 alone</extra>",
        ),
        *_curve(
            curves["eta"],
            gaps,
            "Δ₂/Δ₁ at T_c (right axis)",
            colors["gap"],
            style.line(1.8),
            "η₁ = %{x:.3g}<br>Δ₂/Δ₁ = %{y:.3f}<extra></extra>",
            dash="dashdot",
            yaxis="y2",
        ),
    ]
    finite = [g for g in gaps if g is not None] or [1.0]
    low, high = min(0.0, min(finite)), max(finite)
    return figure(
        data,
        base_layout(
            style,
            height=280,
            margin=dict(l=65, r=65, t=10, b=75),
            shapes=[vline(eta_1, colors["vertex"], 1, "dot")],
            legend=dict(orientation="h", y=-0.38, x=0, font=dict(size=style.font(10))),
            xaxis=dict(type="log", title=dict(text="η₁ = ω_log / E_F,1 (band 1, dimensionless)")),
            yaxis=dict(title=dict(text="T_c [K]"), rangemode="tozero"),
            yaxis2=dict(
                title=dict(text="Δ₂/Δ₁"),
                overlaying="y",
                side="right",
                showgrid=False,
                tickformat=".2f",
                range=[low, high * 1.15 if high > 0 else 1.0],
                nticks=5,
            ),
        ),
    )


def _point(curve: dict) -> tuple[float, float]:
    k = SCALES.index(1.0)
    return curve["Tc_over_omega_E"][k], curve["gap_ratio"][k]


def _out_of_range(curve: dict) -> bool:
    return curve["out_of_range"][SCALES.index(1.0)]


def _k(t_over_w: float, omega_log_eV: float, out_of_range: bool = False) -> str:
    """T_c in K; no T_c: below the solver's range, or band 1's vertex out of its perturbative range."""
    if t_over_w > 0:
        return f"{t_over_w * omega_log_eV / K_B_EV_PER_K:.3g} K"
    return "none: vertex out of range" if out_of_range else "below range"


def _table(plain: dict, vertex: dict, alone: dict, values: dict, mu: list[float], P_V: float, P_C: float):
    w = values["omega_log_eV"]
    (t_plain, g_plain), (t_vertex, g_vertex) = _point(plain), _point(vertex)
    lam_z, lam_d = multiband.band1_couplings(values["lambda_11"], P_V, P_C)
    rows = [
        ("T_c, Migdal–Eliashberg", _k(t_plain, w)),
        ("T_c, band 1 with vertex", _k(t_vertex, w, _out_of_range(vertex))),
        ("Δ₁/Δ₂ at T_c (no vertex, vertex)", f"{g_plain:.3g}, {g_vertex:.3g}"),
        (
            "band 1 alone (no vertex, vertex)",
            f"{_k(alone['band1'], w)}, {_k(alone['band1_vertex'], w, alone['band1_vertex_out_of_range'])}",
        ),
        ("band 2 alone", _k(alone["band2"], w)),
        ("P_V, P_C of band 1", f"{P_V:+.3f}, {P_C:+.3f}"),
        ("λ_Z, λ_Δ of band 1 (λ₁₁ = {:.3g})".format(values["lambda_11"]), f"{lam_z:.3g}, {lam_d:.3g}"),
        ("μ*₂₁ = μ*₁₂ λ₂₁/λ₁₂", f"{mu[2]:.3g}"),
    ]
    body = [html.Tr([html.Td(label), html.Td(text, className="num")]) for label, text in rows]
    if all(values[name] == preset for name, preset in MGB2_CONTROLS.items()):
        body.append(
            html.Tr(
                [
                    html.Td("MgB₂ measured (Nagamatsu et al. 2001)"),
                    html.Td(f"{multiband.MGB2['Tc_measured_K']:g} K", className="num"),
                ]
            )
        )
    body.append(
        html.Tr(
            [
                html.Td(
                    "T_c: largest eigenvalue of the two-band gap kernel = 1 (one Einstein mode "
                    "ω_log, cutoff 15 ω_log)",
                    colSpan=2,
                    className="note",
                )
            ]
        )
    )
    return html.Table(className="readout-table", children=html.Tbody(body))


def _caption(plain: dict, vertex: dict, alone: dict, values: dict) -> str:
    w = values["omega_log_eV"]
    (t_plain, g_plain), (t_vertex, g_vertex) = _point(plain), _point(vertex)
    if t_plain > 0.0 and t_vertex <= 0.0 and _out_of_range(vertex):
        return (
            f"Band 1's vertex corrections (η₁ = {values['eta_1']:.3g}, q_c/2k_F = {values['Qc_1']:.2f}) are "
            "outside their perturbative range here: the corrected gap kernel stays above 1 at every "
            "temperature or its λ_Z, λ_Δ become unphysical, so there is no T_c with them "
            f"(Migdal–Eliashberg alone: {_k(t_plain, w)})."
        )
    if t_plain <= 0.0 or t_vertex <= 0.0:
        return "No two-band T_c in the solver's range at this point."
    change = t_vertex / t_plain
    verb = "raise" if change > 1.005 else ("lower" if change < 0.995 else "leave")
    gap_change = (
        "grows"
        if 1 / g_vertex > 1.005 / g_plain
        else ("shrinks" if 1 / g_vertex < 0.995 / g_plain else "stays")
    )
    coupled = values["lambda_12"] > 0.0
    tail = (
        f"band 2's gap relative to band 1 {gap_change} ({1 / g_plain:.2f} → {1 / g_vertex:.2f}), through "
        f"λ₁₂ and λ₂₁ only: alone, band 2 would stay at {_k(alone['band2'], w)}."
        if coupled
        else "With λ₁₂ = λ₂₁ = 0 band 2 does not notice band 1 at all."
    )
    return (
        f"Band 1's vertex corrections (η₁ = {values['eta_1']:.3g}, q_c/2k_F = {values['Qc_1']:.2f}) {verb} "
        f"T_c by a factor {change:.2f} ({_k(t_plain, w)} → {_k(t_vertex, w)}); {tail}"
    )


def _curves(values: dict, cached: dict) -> tuple[dict, dict, dict, dict, float, float]:
    couplings = tuple(values[name] for name in COUPLINGS)
    P_V, P_C = (
        rounded(p, 6)
        for p in multiband.vertex_factors(
            values["eta_1"], values["Qc_1"], values["frequencies"], tabulated=True
        )
    )
    plain = cached["interband"](*couplings, 0.0, 0.0)
    vertex = cached["interband"](*couplings, P_V, P_C)
    coupled = cached["eta"](*couplings, values["Qc_1"], values["frequencies"])
    etas = {
        "eta": list(ETAS),
        "coupled": coupled["Tc_over_omega_E"],
        "gap_ratio": coupled["gap_ratio"],
        "band1_alone": cached["eta_band1"](
            values["lambda_11"], values["mu_star_11"], values["Qc_1"], values["frequencies"]
        ),
    }
    alone = {
        **cached["band1"](values["lambda_11"], values["mu_star_11"], P_V, P_C),
        "band2": cached["band2"](values["lambda_22"], values["mu_star_22"]),
    }
    return plain, vertex, etas, alone, P_V, P_C


UNCACHED = {
    "interband": interband_tc_curve,
    "eta": eta_tc_curve,
    "eta_band1": eta_band1_curve,
    "band1": band1_alone,
    "band2": band2_alone,
}


def csv_text(values: dict) -> tuple[str, str]:
    """The main figure's numbers: T_c [K] and Delta_1/Delta_2 along the interband scale."""
    values = {k: rounded(v, 4) for k, v in values.items()}
    plain, vertex, _, _, P_V, P_C = _curves(values, UNCACHED)
    lam, _ = matrices(values)
    w = values["omega_log_eV"]
    rows = [
        (s, s * lam[1], s * lam[2], tp * w / K_B_EV_PER_K, tv * w / K_B_EV_PER_K, gp, gv)
        for s, tp, tv, gp, gv in zip(
            SCALES,
            plain["Tc_over_omega_E"],
            vertex["Tc_over_omega_E"],
            plain["gap_ratio"],
            vertex["gap_ratio"],
        )
    ]
    comment = (
        f"lambda={lam}, mu_star_11,12,22=({values['mu_star_11']}, {values['mu_star_12']}, "
        f"{values['mu_star_22']}), omega_log_eV={w}, eta_1={values['eta_1']}, Qc_1={values['Qc_1']}, "
        f"P_V={P_V}, P_C={P_C}; Tc in K, 0 = below the curves' range"
    )
    return "migdal_multiband.csv", csv_string(
        (
            "s",
            "lambda_12",
            "lambda_21",
            "Tc_K_no_vertex",
            "Tc_K_vertex",
            "gap_ratio_no_vertex",
            "gap_ratio_vertex",
        ),
        rows,
        comment,
    )


def code_text(values: dict) -> str:
    """CLI command and Python call that reproduce the point's numbers."""
    lam, mu = matrices(values)
    lam_text, mu_text = ",".join(f"{v:.6g}" for v in lam), ",".join(f"{v:.6g}" for v in mu)
    return (
        f"python -m migdal_core multiband --lambda-matrix {lam_text} --omega-log-eV {values['omega_log_eV']:.6g} "
        f"--mu-star-matrix {mu_text} --eta1 {values['eta_1']:.6g} --Qc1 {values['Qc_1']:.6g} "
        f"--frequencies {values['frequencies']} --json\n\n"
        "from migdal_core import multiband\n"
        f"multiband.tc_two_band([{lam_text}], {values['omega_log_eV']:.6g}, mu_star_matrix_values=[{mu_text}], "
        f"eta1={values['eta_1']:.6g}, Qc1={values['Qc_1']:.6g}, frequencies='{values['frequencies']}')"
    )


# the controls that fix MgB2's Migdal-Eliashberg T_c: when they match the preset the table shows the measured T_c
MGB2_CONTROLS = {k: v for k, v in MGB2_TWO_BANDS.items() if k not in ("eta_1", "Qc_1")}

EXPLANATION = (
    "Two bands, each with its own coupling λ₁₁, λ₂₂, coupled by interband pairing λ₁₂, λ₂₁ (Suhl, Matthias & "
    "Walker 1959; MgB₂: a strong σ band and a weak π band, Golubov et al. 2002). Band 1 may be non-adiabatic "
    "(small E_F, η₁ = ω_log/E_F,1 not small): its own coupling then carries the Pietronero–Strässler–Grimaldi vertex "
    "corrections, λ_Δ for pairing and λ_Z for the mass (Cappelluti et al., PRL 88, 117003 (2002)). Band 2 stays "
    "adiabatic; it feels band 1's non-adiabaticity only through the interband terms, so its gap moves with band 1's "
    "while alone it would not change. T_c is where the largest eigenvalue of the linearised two-band Eliashberg "
    "kernel equals 1; Δ₂/Δ₁ is the ratio of the two gaps at T_c (at T → 0 the full equations give a different one)."
)


def layout() -> html.Section:
    return panel_section(
        PANEL_ID,
        "5 · Two bands: a non-adiabatic band feeding an adiabatic one",
        EXPLANATION,
        status=[
            html.P(id=CAPTION_ID, className="caption strong"),
            html.Div(id=ERROR_ID, className="error-message", role="alert"),
        ],
        main_height_px=360,
        side=[html.H3("Your two-band point"), html.Div(id=TABLE_ID)],
        row=[
            titled_graph("Gap ratio at T_c versus interband coupling", GAP_GRAPH_ID, 280),
            titled_graph("What band 1's non-adiabaticity does to band 2", ETA_GRAPH_ID, 280),
        ],
    )


def register_callbacks(app: Dash) -> None:
    cached = {
        "interband": memoize(interband_tc_curve),
        "eta": memoize(eta_tc_curve),
        "eta_band1": memoize(eta_band1_curve),
        "band1": memoize(band1_alone),
        "band2": memoize(band2_alone),
    }

    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(GAP_GRAPH_ID, "figure"),
        Output(ETA_GRAPH_ID, "figure"),
        Output(TABLE_ID, "children"),
        Output(CAPTION_ID, "children"),
        Output(ERROR_ID, "children"),
        [Input(spec.control_id, "value") for spec in SPECS],
    )
    def update_multiband(*control_values):
        try:
            values = {k: rounded(v, 4) for k, v in physical_values(SPECS, control_values).items()}
            lam, mu = matrices(values)
            plain, vertex, etas, alone, P_V, P_C = _curves(values, cached)
            style = style_for(values["lecture"], values["theme"])
            w = values["omega_log_eV"]
            main = tc_interband_figure(plain, vertex, alone, lam, w, style)
            gap = gap_figure(plain, vertex, style)
            eta = eta_figure(etas, alone, values["eta_1"], w, style)
        except ValueError as error:
            message = str(error)
            blank = message_figure("")
            return message_figure(message), blank, blank, None, "", message
        return (
            main,
            gap,
            eta,
            _table(plain, vertex, alone, values, mu, P_V, P_C),
            _caption(plain, vertex, alone, values),
            "",
        )

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
