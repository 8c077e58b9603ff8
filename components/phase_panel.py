"""Panel 1: phase diagram of Migdal-theorem validity in the (eta, lambda) plane.

Layout, pure figure builders (numbers -> plotly dict) and thin callbacks.
Physics comes from :mod:`migdal_core.regimes` and :mod:`migdal_core.disorder`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from dash import Dash, Input, Output, State, dcc, html, no_update

from components import animation, compare
from components.cache import memoize
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, live_property, physical_values
from components.patches import moving_parts, restyle
from components.presets import matching_preset
from components.theme import Style, base_layout, figure, hline, message_figure, style_for, vline
from components.url_state import PRESET_ID, URL_ID
from migdal_core import coupling, disorder, regimes

PANEL_ID = "phase"
GRAPH_ID = f"{PANEL_ID}-graph"
DISORDER_GRAPH_ID = f"{PANEL_ID}-disorder-graph"
TABLE_ID = f"{PANEL_ID}-table"
BADGE_ID = f"{PANEL_ID}-badge"
ERROR_ID = f"{PANEL_ID}-error"

INPUT_NAMES = (
    "m_over_M",
    "E_F_eV",
    "omega_ph_eV",
    "coupling",
    "valence",
    "ql",
    "coupling_model",
    "D_over_E_F",
    "lecture",
    "theme",
)
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)

LOG_ETA_RANGE = (-4.0, 2.0)
LAMBDA_MAX = 4.0
GRID_SHAPE = (161, 151)  # (lambda, eta) cells of the shaded background (boundary lines drawn on top)
MIGDAL_CONTOURS = (0.01, 0.05, 0.1, 0.5)
# The parts of the phase figure that follow the point's controls (the region labels keep clear of the
# point); everything else depends on the style and the coupling model alone (tests/test_light_moves.py),
# so a move sends only these (components.patches).
USER_POINT, JELLIUM, REGION, CONTOUR = "your point", "jellium", "region: ", "contour: "
SHOWN_ID = f"{PANEL_ID}-shown"
COMPACT_ID = f"{PANEL_ID}-compact"  # True on a phone's width (set in the browser on load)
ADIABATIC_MEANING = (
    "Migdal's-theorem sense: η = ω_ph/E_F ≪ 1, not the Born–Oppenheimer term of the Migdal effect"
)

REGIME_CAPTIONS = {
    "adiabatic": "Migdal's theorem holds: vertex corrections ~ λη are negligible; Eliashberg theory applies.",
    "non-adiabatic": "Vertex corrections of order λη are not small: their sign depends on q_c (next panel).",
    "anti-adiabatic": "Phonons are faster than electrons (ω_ph ≥ E_F): pairing cut at min(ω_ph, E_F), "
    "mass from λ̃ = λE_F/(E_F+ω_ph), no Coulomb retardation.",
    "beyond-migdal-eliashberg": "λ ≥ λ_c ≈ 3.0–3.7: Migdal–Eliashberg theory loses validity whatever the model "
    "(Yuzbashyan & Altshuler, PRB 106, 054518 (2022)).",
    "bipolaronic": "Holstein model, λ₀ ≳ 0.4: bipolaron / charge-density-wave instability at finite density, "
    "where quantum Monte Carlo finds ME theory fails (Esterlis et al., PRB 97, 140501(R) (2018)).",
    "polaronic": "Holstein model: single-carrier small polaron; the free-electron starting point fails. The "
    "boundary λ_c(ω_ph/D) is the DMFT crossover of one electron (Bethe lattice, T = 0) computed here by the method "
    "of Ciuchi et al., PRB 56, 4494 (1997): where the electron's kinetic energy drops fastest with ln λ₀. It goes "
    "to λ₀ = 27/32 ≈ 1 adiabatic and α² = 1 anti-adiabatic, the limits Capone, Ciuchi & Grimaldi "
    "(arXiv:cond-mat/9812195) state. m*/m above it is the same DMFT polaron's 1/Z: Lang–Firsov e^(α²) only "
    "for ω_ph ≫ D, far smaller adiabatically.",
}
STRONG_CAPTION = " Strong coupling (λ ≥ 1), still Migdal–Eliashberg-valid (Pb, Hg, H₃S)."
HOLSTEIN_BAND_LABEL_Y = 0.8  # the bipolaron band's label: a row above the eta labels standing on the band
CITATIONS = {  # short on the figure; the full references are in the badge captions and the explanation
    "lambda_c": "Yuzbashyan & Altshuler 2022",
    "bipolaron": "Esterlis et al. 2018",
    "polaron": "DMFT, method of Ciuchi et al. 1997",
}


@lru_cache(maxsize=8)
def _background(coupling_model: str, D_over_E_F: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Regime codes on the display grid (cached per model and D/E_F)."""
    log_eta = np.linspace(*LOG_ETA_RANGE, GRID_SHAPE[1])
    lambdas = np.linspace(0.0, LAMBDA_MAX, GRID_SHAPE[0])
    return log_eta, lambdas, regimes.regime_grid(10.0**log_eta, lambdas, coupling_model, D_over_E_F)


def _regime_colorscale(style: Style) -> list:
    colors = [style.regime_colors[name] for name in regimes.REGIME_NAMES]
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def _shown(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "—"
    return "∞" if math.isinf(value) else f"{value:.{digits}g}"


def _hover_card(point: regimes.RegimePoint, E_F_eV: float, omega_ph_eV: float) -> str:
    lines = [
        f"<b>{point.regime}</b>{' · strong coupling' if point.strong_coupling else ''}",
        f"E_F = {E_F_eV:.4g} eV, ω_ph = {omega_ph_eV:.4g} eV",
        f"η = ω_ph/E_F = {point.eta:.4g} (adiabatic: {ADIABATIC_MEANING.split(':')[0]})",
        f"λ (effective) = {_shown(point.lambda_effective, 3)}, λ₀ (bare) = {point.lambda_bare:.3g}",
        f"Migdal parameter λη = {_shown(point.migdal_parameter)}",
    ]
    if point.coupling_model == "holstein":
        lines.append(
            f"Holstein: D = {point.D_eV:.4g} eV, E_p = λ₀D = {point.polaron_energy_eV:.4g} eV, "
            f"α² = {point.alpha_squared:.4g}"
        )
    lines += [
        f"m*/m = {point.mass_text}",
        f"BO ε = (m/M)^¼ = {point.bo_epsilon:.4g}, u_max ~ a/ε³ = {point.bo_displacement_over_a:.3g} a",
        f"jellium η = {point.jellium_eta:.4g}",
    ]
    return "<br>".join(lines) + "<extra></extra>"


def _annotation(x, y, text, size, color, **extra) -> dict:
    return dict(x=x, y=y, text=text, showarrow=False, font=dict(size=size, color=color), **extra)


DECADE_PX = 100.0  # width of a decade of eta on a laptop; a phone's figure has COMPACT_DECADE_PX
COMPACT_DECADE_PX = 45.0  # 390 px wide: ~280 px of axes for 6 decades
COMPACT_MAX_WIDTH_PX = 700  # the page is "compact" below this width (assets: the phase-compact store)


def _box(
    x: float, y: float, text: str, size: float, decade_px: float = DECADE_PX
) -> tuple[float, float, float, float]:
    """Rough (x0, x1, y0, y1) of a centred label in data units: a decade of eta ~ ``decade_px`` px,
    4 units of λ ~ 390 px."""
    half_width = 0.5 * len(text) * 0.62 * size / decade_px
    half_height = 0.6 * size / 97.0
    return x - half_width, x + half_width, y - half_height, y + half_height


def _overlap(a: tuple, b: tuple, margin: tuple[float, float] = (0.12, 0.08)) -> bool:
    """Whether two boxes come closer than ``margin`` (decades of eta, units of lambda): ~10 px of air."""
    dx, dy = margin
    return a[0] < b[1] + dx and b[0] < a[1] + dx and a[2] < b[3] + dy and b[2] < a[3] + dy


# Candidate positions (log10 eta, lambda) of each region label: the first inside its region (the Holstein
# polaron region narrows with D/E_F) and free of the user's point wins.
REGION_LABELS = {
    "metal": {
        "adiabatic": [(-3.0, 0.2), (-3.55, 0.2), (-3.0, 1.9), (-1.7, 0.2)],
        "non-adiabatic": [(-0.5, 0.3), (-0.5, 1.7)],
        "anti-adiabatic": [(1.2, 0.3), (1.2, 1.8)],
        "beyond-migdal-eliashberg": [(-1.0, 3.86), (-2.8, 3.86)],
    },
    "holstein": {  # the eta regions share the thin lambda_0 < 0.4 strip: one row, no second place there
        "adiabatic": [(-3.0, 0.2), (-3.55, 0.2), (-1.9, 0.2)],
        "non-adiabatic": [(-0.5, 0.2)],
        "anti-adiabatic": [(1.2, 0.2)],
        "bipolaronic": [(-2.6, 0.8), (-2.6, 0.68), (1.2, 1.6)],
        "polaronic": [(-2.6, 2.6), (-1.0, 3.5), (-2.6, 1.5), (-3.3, 3.5)],
    },
}


def _region_labels(
    model: str, style: Style, occupied: list[tuple], decade_px: float = DECADE_PX, region_at=None
) -> list[dict]:
    """Bold region names, each at its first candidate position inside its region (``region_at(x, y)``, the
    name of the region there; None: not checked) and clear of ``occupied`` boxes (else hidden:
    the figure keeps one annotation per region, so a move can patch them in place). A phone's figure
    (``decade_px`` small) writes them smaller."""
    out = []
    for name, candidates in REGION_LABELS[model].items():
        text = "beyond ME" if name == "beyond-migdal-eliashberg" else name
        size = style.font(13 if decade_px >= DECADE_PX else 11)
        shown = "non-<br>adiabatic" if name == "non-adiabatic" else text  # fits between eta = 0.1 and 1
        label = _annotation(
            *candidates[0], f"<b>{shown}</b>", size, style.ink, opacity=0.8, visible=False, name=REGION + name
        )
        for x, y in candidates:
            if region_at is not None and region_at(x, y) != name:
                continue
            box = _box(x, y, "adiabatic" if name == "non-adiabatic" else text, size, decade_px)
            if name == "non-adiabatic":
                box = (box[0], box[1], box[2] - 0.6 * size / 97.0, box[3] + 0.6 * size / 97.0)
            # in the Holstein strip the two-line name keeps a one-line width of air from the user's point
            air = (
                _box(x, y, text, size, decade_px) if name == "non-adiabatic" and model == "holstein" else box
            )
            if not any(_overlap(box, other) for other in occupied) and not any(
                _overlap(air, other) for other in occupied[:2]
            ):
                label = dict(label, x=x, y=y, visible=True)
                occupied.append(box)
                break
        out.append(label)
    return out


def _cited(style: Style, text: str, source: str, compact: bool) -> str:
    """A line's label with its source (:meth:`Style.cited`); on a phone the source on a second line."""
    return style.cited(text, source).replace(" (", "<br>(" if compact else " (", 1)


def _metal_lines(style: Style, label_bg: str, compact: bool = False) -> tuple[list, list, list]:
    """Metal model: lambda*eta contours, lambda = 1 (strong coupling) and the lambda_c band."""
    data, shapes, annotations = [], [], []
    eta_line = np.logspace(*LOG_ETA_RANGE, 160)
    for i, level in enumerate(MIGDAL_CONTOURS):
        lam = level / eta_line
        keep = lam <= regimes.LAMBDA_C
        is_boundary = level == regimes.MIGDAL_PARAMETER_LIMIT
        data.append(
            dict(
                type="scatter",
                x=np.log10(eta_line[keep]),
                y=lam[keep],
                mode="lines",
                line=dict(
                    color=style.muted,
                    width=style.line(1.6 if is_boundary else 0.8),
                    dash="solid" if is_boundary else "dot",
                ),
                name=f"λη = {level:g}",
                showlegend=False,
                hoverinfo="name",
            )
        )
        label_lambda = 2.8 - 0.5 * i  # staggered so the labels never overlap
        annotations.append(
            _annotation(
                math.log10(level / label_lambda),
                label_lambda,
                f"λη={level:g}",
                style.font(10),
                style.ink,
                bgcolor=label_bg,
            )
        )
    shapes.append(hline(regimes.LAMBDA_STRONG, style.muted, style.line(1.2), "dot"))
    annotations.append(
        _annotation(
            LOG_ETA_RANGE[0] + 0.05,
            regimes.LAMBDA_STRONG,
            "λ = 1: strong coupling" + ("" if style.lecture else " (ME-valid)"),
            style.font(10),
            style.ink,
            xanchor="left",
            yshift=9,
            bgcolor=label_bg,
        )
    )
    low, high = regimes.LAMBDA_C_RANGE
    shapes.append(
        dict(
            type="rect",
            x0=LOG_ETA_RANGE[0],
            x1=LOG_ETA_RANGE[1],
            y0=low,
            y1=high,
            line=dict(width=0),
            fillcolor="rgba(60,60,60,0.14)",
            layer="above",
        )
    )
    shapes.append(hline(low, style.ink, style.line(1.4)))
    annotations.append(
        _annotation(
            LOG_ETA_RANGE[1] - 0.05,
            (low + high) / 2,
            _cited(
                style,
                f"λ_c ≈ 3.0–3.7:{'<br>' if compact else ' '}ME breaks down",
                CITATIONS["lambda_c"],
                compact,
            ),
            style.font(10),
            style.ink,
            xanchor="right",
            bgcolor=label_bg,
        )
    )
    return data, shapes, annotations


def _holstein_lines(
    style: Style, label_bg: str, D_over_E_F: float, compact: bool = False
) -> tuple[list, list, list]:
    """Holstein model: bipolaron/CDW band (Esterlis 2018) and the DMFT polaron crossover curve (Ciuchi et al. 1997)."""
    data, shapes, annotations = [], [], []
    low, high = regimes.LAMBDA0_BIPOLARON_BAND
    shapes.append(
        dict(
            type="rect",
            x0=LOG_ETA_RANGE[0],
            x1=LOG_ETA_RANGE[1],
            y0=low,
            y1=high,
            line=dict(width=0),
            fillcolor="rgba(200,60,40,0.16)",
            layer="above",
        )
    )
    annotations.append(  # a row above the eta-line labels, which sit on the band (phase_figure)
        _annotation(
            LOG_ETA_RANGE[1] - 0.05,
            HOLSTEIN_BAND_LABEL_Y,
            _cited(style, "λ₀ ≈ 0.4–0.5: bipolaron/CDW", CITATIONS["bipolaron"], compact),
            style.font(10),
            "#f0a090" if style.dark else "#8a2a1a",
            xanchor="right",
            bgcolor=label_bg,
        )
    )
    log_eta = np.linspace(*LOG_ETA_RANGE, 200)
    curve = coupling.polaron_lambda0(10.0**log_eta / D_over_E_F)
    keep = curve <= LAMBDA_MAX
    color = "#b9a2e0" if style.dark else "#5b3f8c"
    data.append(
        dict(
            type="scatter",
            x=log_eta[keep],
            y=curve[keep],
            mode="lines",
            line=dict(color=color, width=style.line(2.2)),
            name="small-polaron crossover λ_c(ω_ph/D): one electron in DMFT, steepest drop of its kinetic "
            f"energy with ln λ₀ ({CITATIONS['polaron']})",
            hoverinfo="name",
        )
    )
    annotations.append(
        _annotation(
            LOG_ETA_RANGE[0] + 0.05,
            1.0,
            _cited(style, "polaron crossover", CITATIONS["polaron"], compact),
            style.font(10),
            color,
            xanchor="left",
            yshift=9,
            bgcolor=label_bg,
        )
    )
    return data, shapes, annotations


def phase_figure(
    m_over_M: float,
    E_F_eV: float,
    omega_ph_eV: float,
    coupling_value: float,
    valence: int,
    lecture: str = "off",
    theme: str = "light",
    coupling_model: str = "metal",
    D_over_E_F: float = 1.0,
    compact: bool = False,
) -> dict:
    """Phase diagram in the chosen coupling model with the user's point (pure: numbers in, plotly dict out);
    ``compact``: laid out for a phone's width (labels placed for ~45 px per decade, shorter)."""
    style = style_for(lecture, theme)
    decade_px = COMPACT_DECADE_PX if compact else DECADE_PX
    holstein = coupling_model == "holstein"
    point = regimes.regime_point(
        m_over_M,
        E_F_eV,
        omega_ph_eV,
        coupling_value,
        valence,
        coupling_model,
        D_over_E_F * E_F_eV if holstein else None,
    )
    log_eta, lambdas, codes = _background(coupling_model, D_over_E_F)
    data: list[dict] = [
        dict(
            type="heatmap",
            x=log_eta,
            y=lambdas,
            z=codes,
            zmin=-0.5,
            zmax=len(regimes.REGIME_NAMES) - 0.5,
            colorscale=_regime_colorscale(style),
            showscale=False,
            hoverinfo="skip",
            name="regimes",
        )
    ]
    label_bg = "rgba(0,0,0,0.4)" if style.dark else "rgba(255,255,255,0.6)"
    lines = (
        _holstein_lines(style, label_bg, D_over_E_F, compact)
        if holstein
        else _metal_lines(style, label_bg, compact)
    )
    data += lines[0]
    shapes, annotations = list(lines[1]), list(lines[2])
    eta_top = regimes.LAMBDA0_BIPOLARON if holstein else regimes.LAMBDA_C
    # Holstein: the strip under lambda_0 = 0.4 holds one row of text (its region names), so the eta labels
    # stand on the bipolaron band, above their lines
    eta_label_y, eta_label_anchor = (
        (regimes.LAMBDA0_BIPOLARON_BAND[1], "bottom") if holstein else (eta_top, "top")
    )
    eta_label_boxes = []  # (their own boxes, only used in the Holstein model)
    # each on the outer side of its line, so the two never meet in the decade between them
    for eta_boundary, text, side in (
        (regimes.ETA_NON_ADIABATIC, "η=0.1" if compact else "η = 0.1", "right"),
        (regimes.ETA_ANTI_ADIABATIC, "η=1" if compact else "η = 1", "left"),
    ):
        x = math.log10(eta_boundary)
        shapes.append(
            dict(
                type="line",
                x0=x,
                x1=x,
                y0=0,
                y1=eta_top,
                line=dict(color=style.ink, width=style.line(1.6), dash="dash"),
            )
        )
        annotations.append(
            _annotation(
                x,
                eta_label_y,
                text,
                style.font(11),
                style.ink,
                xanchor=side,
                xshift=4 if side == "left" else -4,
                yanchor=eta_label_anchor,
                bgcolor=label_bg,
            )
        )
        x0, x1, y0, y1 = _box(x, eta_label_y, text, style.font(11), decade_px)
        # above the band (Holstein only); the band itself is the air between these and the strip's names
        left = x if side == "left" else x - (x1 - x0)
        eta_label_boxes.append((left, left + x1 - x0, eta_label_y + 0.08, eta_label_y + y1 - y0))
    jellium_color = style.blue
    x_jellium = math.log10(point.jellium_eta)
    shapes.append(dict(vline(x_jellium, jellium_color, style.line(2), "dashdot"), name=JELLIUM))
    jellium_lines = ("jellium metal", f"m/M={m_over_M:.3g}")
    # the m/M line is the wider (digits are wider than "jellium metal"'s letters): ~0.58 em a character
    jellium_width = (0.58 * style.font(11) * len(jellium_lines[1]) + 4.0) / decade_px
    # left of its line, or right of it when the left would run over the axis (a light ion on a phone)
    jellium_left = x_jellium - jellium_width >= LOG_ETA_RANGE[0]
    jellium_span = (
        (x_jellium - jellium_width, x_jellium) if jellium_left else (x_jellium, x_jellium + jellium_width)
    )
    annotations.append(
        _annotation(
            x_jellium,
            2.2,
            "<br>".join(jellium_lines),
            style.font(11),
            jellium_color,
            xanchor="right" if jellium_left else "left",
            xshift=-4 if jellium_left else 4,
            name=JELLIUM,
        )
    )
    x_point = min(max(math.log10(point.eta), LOG_ETA_RANGE[0]), LOG_ETA_RANGE[1])
    y_point = min(coupling_value, LAMBDA_MAX)
    point_text = point.regime.replace("beyond-migdal-eliashberg", "beyond ME") + (
        " · strong coupling" if point.strong_coupling and not holstein and point.regime == "adiabatic" else ""
    )
    point_font = style.font(11 if compact else 13)  # the point's label (smaller on a phone)
    below = y_point > LAMBDA_MAX - 0.45
    label_y = y_point + (-0.22 if below else 0.22)
    x0, x1, _, _ = _box(x_point, label_y, point_text, point_font, decade_px)
    side, shift = (
        ("right", x_point - x0)
        if x0 < LOG_ETA_RANGE[0]
        else (("left", x_point - x1) if x1 > LOG_ETA_RANGE[1] else ("center", 0.0))
    )
    # Holstein: a point just under the band writes its name below itself if above it would meet an eta label
    if any(
        _overlap(_box(x_point + shift, label_y, point_text, style.font(13), decade_px), b)
        for b in eta_label_boxes
    ):
        below, label_y = True, y_point - 0.22
    text_position = ("bottom " if below else "top ") + side  # kept inside the axes, never clipped
    occupied = [
        _box(x_point, y_point, "★★", style.font(20), decade_px),
        _box(x_point + shift, label_y, point_text, point_font, decade_px),
        (x_jellium - 0.02, x_jellium + 0.02, 0.0, LAMBDA_MAX),  # the jellium line and its label
        (*jellium_span, 2.0, 2.4),
    ]
    # a contour label under the user's point, its label or the jellium label gives way (the line keeps its
    # name on hover); hidden rather than dropped, so the annotations keep their places for a patch
    for a in annotations:
        if a["text"].startswith("λη="):
            a.update(
                name=CONTOUR + a["text"],
                visible=not any(
                    _overlap(_box(a["x"], a["y"], a["text"], a["font"]["size"], decade_px), box)
                    for box in (*occupied[:2], occupied[3])
                ),
            )
    occupied += eta_label_boxes if holstein else []  # (metal: far above the region labels)
    occupied += [
        _box(a["x"], a["y"], a["text"], a["font"]["size"], decade_px)  # the centred line labels (λη = ...)
        for a in annotations
        if "xanchor" not in a and a.get("xref", "x") == "x" and a.get("visible", True)
    ]

    def region_at(x: float, y: float) -> str:
        return regimes.REGIME_NAMES[codes[np.abs(lambdas - y).argmin(), np.abs(log_eta - x).argmin()]]

    annotations += _region_labels(coupling_model, style, occupied, decade_px, region_at)
    data.append(
        dict(
            type="scatter",
            x=[x_point],
            y=[y_point],
            mode="markers+text",
            name=USER_POINT,
            marker=dict(
                symbol="star", size=style.font(20), color="#d62728", line=dict(color="white", width=1.5)
            ),
            text=[point_text],
            textposition=text_position,
            textfont=dict(size=point_font, color="#ff8a80" if style.dark else "#8b0000"),
            hovertemplate=_hover_card(point, E_F_eV, omega_ph_eV),
        )
    )
    data.insert(-1, compare.marker(None, None, coupling_model, LOG_ETA_RANGE, LAMBDA_MAX, style))  # A's place
    tick_values = list(range(int(LOG_ETA_RANGE[0]), int(LOG_ETA_RANGE[1]) + 1))
    y_title = "λ₀ (bare Holstein coupling, E_p/D)" if holstein else "λ (effective coupling)"
    return figure(
        data,
        base_layout(
            style,
            height=460,
            showlegend=False,
            shapes=shapes,
            annotations=annotations,
            xaxis=dict(
                title=dict(text="η = ω_ph / E_F"),
                range=[LOG_ETA_RANGE[0], LOG_ETA_RANGE[1] + 0.02],
                tickvals=tick_values,
                ticktext=[f"10<sup>{k}</sup>" for k in tick_values],
                showgrid=False,
            ),
            yaxis=dict(title=dict(text=y_title), range=[0, LAMBDA_MAX], showgrid=False),
            margin=dict(l=55, r=15, t=20, b=50),
        ),
    )


def disorder_curves(m_over_M: float, valence: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """q*l grid, Pippard factor Phi(ql) and dirty-limit ratio omega/(D q^2) on it."""
    ql_grid = np.logspace(-3, 3, 97)
    cs_over_vf = regimes.sound_over_fermi_velocity(m_over_M, valence)
    return ql_grid, disorder.pippard_phi(ql_grid), disorder.diffusive_eta(ql_grid, cs_over_vf)


def disorder_figure(
    ql: float, m_over_M: float, valence: int, lecture: str = "off", theme: str = "light"
) -> dict:
    """Pippard factor Phi(ql) and the dirty-limit adiabatic ratio versus q*l."""
    style = style_for(lecture, theme)
    ql_grid, phi, eta_dirty = disorder_curves(m_over_M, valence)
    data = [
        dict(
            type="scatter",
            x=ql_grid,
            y=phi,
            name="Φ(ql): coupling / clean",
            mode="lines",
            line=dict(color=style.blue, width=style.line(2.2)),
            hovertemplate="ql = %{x:.3g}<br>Φ = %{y:.3g}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=ql_grid,
            y=eta_dirty,
            name="ω/Dq² = 3(c_s/v_F)/ql",
            mode="lines",
            line=dict(color="#c0504d", width=style.line(2), dash="dash"),
            hovertemplate="ql = %{x:.3g}<br>ω/Dq² = %{y:.3g}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[ql],
            y=[float(disorder.pippard_phi(ql))],
            mode="markers",
            name="your q·l",
            marker=dict(size=style.font(11), color="#d62728", symbol="star"),
            hovertemplate="ql = %{x:.3g}<br>Φ = %{y:.3g}<extra></extra>",
        ),
    ]
    return figure(
        data,
        base_layout(
            style,
            height=260,
            margin=dict(l=50, r=10, t=10, b=45),
            showlegend=style.font_size < 16,
            shapes=[hline(1.0, "#888", 1, "dot")],
            legend=dict(orientation="h", y=-0.35, x=0, font=dict(size=style.font(11))),
            xaxis=dict(type="log", title=dict(text="q·l")),
            yaxis={"type": "log", "range": [-3, 1.3], "title": {"text": "Φ, ω/Dq²"}},
        ),
    )


def point_rows(point: regimes.RegimePoint, ql: float) -> list[tuple[str, str, float | None, str, str]]:
    """(key, symbol, value, unit, note) for every derived quantity of the point's model: the table and the CSV."""
    rows = [
        ("eta", "η = ω_ph/E_F", point.eta, "", "adiabatic ratio (Migdal's theorem)"),
        ("migdal_parameter", "λη", point.migdal_parameter, "", "Migdal parameter (effective λ)"),
    ]
    if point.coupling_model == "holstein":
        rows += [
            ("lambda_bare", "λ₀ = E_p/D", point.lambda_bare, "", "bare Holstein coupling (slider)"),
            (
                "lambda_effective",
                "λ = λ₀/(1−2λ₀)",
                point.lambda_effective,
                "",
                "effective (RPA; ∞: unstable)",
            ),
            ("D_eV", "D", point.D_eV, "eV", "band half-width"),
            ("polaron_energy_eV", "E_p = λ₀D", point.polaron_energy_eV, "eV", "polaron binding (model)"),
            ("alpha_squared", "α² = E_p/ω_ph", point.alpha_squared, "", "polaron (model)"),
        ]
    else:
        rows += [
            ("lambda_effective", "λ", point.lambda_effective, "", "effective coupling (slider)"),
            ("lambda_bare", "λ₀ = λ/(1+2λ)", point.lambda_bare, "", "Holstein-equivalent bare (RPA)"),
        ]
    rows += [
        ("lambda_tilde", "λ̃ = λE_F/(E_F+ω_ph)", point.lambda_tilde, "", "mass coupling"),
        (
            "mass_enhancement",
            "m*/m",
            point.mass_enhancement,
            "",
            "effective mass" + (" (model estimate)" if point.coupling_model == "holstein" else ""),
        ),
        ("bo_epsilon", "ε = (m/M)^¼", point.bo_epsilon, "", "Born–Oppenheimer"),
        ("bo_displacement_over_a", "u_max ~ a/ε³", point.bo_displacement_over_a, "a", "BO validity"),
        ("jellium_eta", "η_jellium", point.jellium_eta, "", "natural metal"),
        ("sound_over_fermi_velocity", "c_s/v_F", point.sound_over_fermi_velocity, "", "Bohm–Staver"),
        ("theta_ph_K", "Θ_ph", point.theta_ph_K, "K", "ω_ph/k_B"),
        ("pippard_phi", "Φ(ql)", float(disorder.pippard_phi(ql)), "", "Pippard factor"),
    ]
    return rows


def _table(point: regimes.RegimePoint, ql: float, pinned: tuple | None = None) -> html.Table:
    """The point's derived quantities; with ``pinned`` = (A's values, A's point), A beside B."""

    def shown(key: str, value: float | None, unit: str, which: str = "B") -> str:
        of = pinned[1] if which == "A" else point
        text = of.mass_text if key == "mass_enhancement" else _shown(value)
        return f"{text} {unit}".strip() if value is not None else text

    if pinned is not None:
        rows_a = point_rows(pinned[1], pinned[0]["ql"])
        return compare.table(rows_a, point_rows(point, ql), pinned[1].regime, point.regime, shown)

    return html.Table(
        className="readout-table",
        children=[
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(symbol),
                            html.Td(shown(key, value, unit), className="num"),
                            html.Td(note, className="note"),
                        ]
                    )
                    for key, symbol, value, unit, note in point_rows(point, ql)
                ]
            )
        ],
    )


def _point(values: dict) -> regimes.RegimePoint:
    model = values.get("coupling_model", "metal")
    D_eV = values.get("D_over_E_F", 1.0) * values["E_F_eV"] if model == "holstein" else None
    return regimes.regime_point(
        values["m_over_M"],
        values["E_F_eV"],
        values["omega_ph_eV"],
        values["coupling"],
        int(values["valence"]),
        model,
        D_eV,
    )


def csv_text(values: dict) -> tuple[str, str]:
    """CSV of the plotted point: regime and every derived quantity (same numbers as the table)."""
    point = _point(values)
    rows = [
        ("regime", point.regime, ""),
        ("coupling_model", point.coupling_model, ""),
        ("strong_coupling", str(point.strong_coupling), ""),
    ] + [(key, repr(value), unit) for key, _, value, unit, _ in point_rows(point, values["ql"])]
    comment = ", ".join(f"{name}={values[name]}" for name in INPUT_NAMES[:8] if name in values)
    return "migdal_regime.csv", csv_string(("quantity", "value", "unit"), rows, comment)


def code_text(values: dict) -> str:
    """CLI command and Python call that reproduce this panel's numbers."""
    point = _point(values)
    holstein = point.coupling_model == "holstein"
    extra_cli = f" --coupling-model holstein --D-eV {point.D_eV:.6g}" if holstein else ""
    extra_py = f", coupling_model='holstein', D_eV={point.D_eV:.6g}" if holstein else ""
    args = (
        f"--m-over-M {values['m_over_M']:.6g} --E-F-eV {values['E_F_eV']:.6g} "
        f"--omega-ph-eV {values['omega_ph_eV']:.6g} --lambda {values['coupling']:.6g} "
        f"--valence {values['valence']} --ql {values['ql']:.6g}{extra_cli}"
    )
    return (
        f"python -m migdal_core regime {args} --json\n\n"
        "from migdal_core.regimes import regime_point\n"
        f"regime_point(m_over_M={values['m_over_M']:.6g}, E_F_eV={values['E_F_eV']:.6g}, "
        f"omega_ph_eV={values['omega_ph_eV']:.6g}, coupling={values['coupling']:.6g}, "
        f"valence={values['valence']}{extra_py})"
    )


EXPLANATION = (
    "Electrons see the lattice almost frozen when the phonon energy is far below the Fermi energy: "
    'η = ω_ph/E_F ≪ 1 ("adiabatic" here is Migdal\'s-theorem sense; the Migdal effect of panel 3 uses the word '
    "for the Born–Oppenheimer terms of the wave function). Migdal showed that the vertex corrections are then of "
    "relative size λη, so Eliashberg theory is exact to that order, also at strong coupling λ ≥ 1 (Pb, H₃S), up to "
    "λ_c ≈ 3.0–3.7 where it breaks down whatever the model (Yuzbashyan & Altshuler 2022). When E_F drops (dilute "
    "semiconductors, heavy fermions) or ω_ph rises (optical phonons), η is no longer small. The metal model uses "
    "a real material's effective λ; the Holstein model shows the bare λ₀ = E_p/D of model studies, where "
    "bipolarons (λ₀ ≳ 0.4, Esterlis et al. 2018) and small polarons (λ₀ above the DMFT crossover λ_c(ω_ph/D), "
    "computed here by the method of Ciuchi et al. 1997) appear."
)


def layout() -> html.Section:
    """Panel layout (figures are filled by the callback)."""
    return panel_section(
        PANEL_ID,
        "1 · Where does Migdal's theorem hold?",
        EXPLANATION,
        status=[
            html.Div(id=BADGE_ID, className="badge"),
            html.Div(id=ERROR_ID, className="error-message", role="alert"),
            dcc.Store(id=SHOWN_ID),
            dcc.Store(id=COMPACT_ID),
        ],
        main_height_px=460,
        side=[
            compare.controls(),
            animation.controls(SHOWN_ID),
            html.H3("Your point"),
            html.Div(id=TABLE_ID),
            titled_graph("Disorder (acoustic phonons)", DISORDER_GRAPH_ID, 260),
        ],
    )


def badge(point: regimes.RegimePoint, preset=None) -> list:
    """Regime name, what it means, strong coupling, and which "adiabatic" is meant."""
    caption = REGIME_CAPTIONS[point.regime]
    if point.strong_coupling and point.regime == "adiabatic" and point.coupling_model == "metal":
        caption += STRONG_CAPTION
    children = [html.B(point.regime), " — ", caption]
    if "adiabatic" in point.regime:
        children += [html.Br(), html.Small(f'"adiabatic" in the {ADIABATIC_MEANING}.')]
    if preset is not None and preset.is_detector:
        children += [
            html.Br(),
            html.Small(
                f"{preset.label}: a detector target, not a superconductor. Its Migdal "
                "effect (panel 3) is the Born–Oppenheimer non-adiabatic term, although "
                "the crystal is Migdal-adiabatic (η ≪ 1)."
            ),
        ]
    return children


cached_phase_figure = memoize(phase_figure)
cached_disorder_figure = memoize(disorder_figure)


def _pin_marker(pin: dict | None, model: str, style_key: list) -> dict:
    """Point A's trace for the phase figure (empty without a pin)."""
    point = _point(pin) if pin is not None else None
    style = style_for(*style_key[:2])
    return compare.marker(pin, point, model, LOG_ETA_RANGE, LAMBDA_MAX, style)


def figure_updates(values: dict, shown: object, pin: dict | None = None) -> tuple[object, object, dict]:
    """(phase figure or patch, disorder figure or no_update, new shown key) for validated ``values``
    and the pinned point A (:mod:`components.compare`), if any.

    ``shown`` is what the browser holds: the key this function returned with its last figures, or None.
    """
    compact = bool(values.get("compact", False))
    valence, style = int(values["valence"]), [values["lecture"], values["theme"], compact]
    holstein = values["coupling_model"] == "holstein"
    model = [values["coupling_model"], values["D_over_E_F"] if holstein else None]  # D only matters there
    point = [values["m_over_M"], values["E_F_eV"], values["omega_ph_eV"], values["coupling"], valence]
    key = {
        "style": style,
        "model": model,
        "point": point,
        "pin": compare.encode(pin) if pin is not None else None,
        "disorder": [values["ql"], values["m_over_M"], valence, *style[:2]],
    }
    shown = shown if isinstance(shown, dict) else {}
    same_static = shown.get("model") == model
    if (
        same_static
        and shown.get("style") == style
        and shown.get("point") == point
        and shown.get("pin") == key["pin"]
    ):
        main = no_update
    else:
        figure = cached_phase_figure(
            *point, *style[:2], values["coupling_model"], values["D_over_E_F"], compact
        )
        marker = _pin_marker(pin, values["coupling_model"], style)
        traces = [marker if t.get("name") == compare.TRACE_NAME else t for t in figure["data"]]
        if pin is not None:  # the live point is B beside A
            traces = [
                dict(t, text=[f"B: {t['text'][0]}"]) if t.get("name") == USER_POINT else t for t in traces
            ]
        figure = dict(figure, data=traces)
        main = None
        if same_static and shown.get("style") == style:
            labels = [
                a["name"]
                for a in figure["layout"]["annotations"]
                if a.get("name", "").startswith((REGION, CONTOUR))
            ]
            main = moving_parts(
                figure,
                traces=[USER_POINT, compare.TRACE_NAME],
                shapes=[JELLIUM],
                annotations=[JELLIUM, *labels],
            )
        elif same_static and shown.get("style") is not None:
            main = restyle(figure, traces=[USER_POINT, compare.TRACE_NAME])
        main = figure if main is None else main
    small = (
        no_update
        if shown.get("disorder") == key["disorder"]
        else cached_disorder_figure(values["ql"], values["m_over_M"], valence, *style[:2])
    )
    return main, small, key


def register_callbacks(app: Dash) -> None:
    """Thin callback: controls (live while dragging) -> validated values -> cached figures or patches."""

    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(DISORDER_GRAPH_ID, "figure"),
        Output(TABLE_ID, "children"),
        Output(BADGE_ID, "children"),
        Output(BADGE_ID, "className"),
        Output(ERROR_ID, "children"),
        Output(SHOWN_ID, "data"),
        [Input(spec.control_id, live_property(spec)) for spec in SPECS],
        Input(PRESET_ID, "value"),
        Input(compare.PIN_ID, "data"),
        Input(COMPACT_ID, "data"),
        State(SHOWN_ID, "data"),
    )
    def update_phase(*arguments):
        *control_values, preset_key, pin_data, compact, shown = arguments
        try:
            values = dict(physical_values(SPECS, tuple(control_values)), compact=compact is True)
            point = _point(values)
            pin = compare.pinned_point(pin_data)
            main, small, key = figure_updates(values, shown, pin)
        except ValueError as error:
            message = str(error)
            return (
                message_figure(message),
                message_figure(""),
                None,
                "invalid input",
                "badge badge-error",
                message,
                None,
            )
        return (
            main,
            small,
            _table(point, values["ql"], (pin, _point(pin)) if pin is not None else None),
            badge(point, matching_preset(preset_key, values)),
            f"badge badge-{point.regime}",
            "",
            key,
        )

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
    compare.register_callbacks(app)
    animation.register_callbacks(app, SHOWN_ID)
    app.clientside_callback(  # the phone layout of the figure's labels (phase_figure's ``compact``), on load
        # and when a resize (a phone turned, a window narrowed) crosses the width
        f"""function () {{
            const compact = () => document.documentElement.clientWidth < {COMPACT_MAX_WIDTH_PX};
            if (!window.migdalCompactWatch) {{
                window.migdalCompactWatch = {{last: compact(), timer: null}};
                window.addEventListener("resize", () => {{
                    const watch = window.migdalCompactWatch;
                    clearTimeout(watch.timer);
                    watch.timer = setTimeout(() => {{
                        if (compact() !== watch.last) {{
                            watch.last = compact();
                            window.dash_clientside.set_props("{COMPACT_ID}", {{data: watch.last}});
                        }}
                    }}, 250);
                }});
            }}
            return compact();
        }}""",
        Output(COMPACT_ID, "data"),
        Input(URL_ID, "pathname"),
    )
