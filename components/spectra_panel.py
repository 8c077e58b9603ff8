"""Panel 3: Migdal event spectra for crystals (Si, Ge) and atoms (Xe, Ar).

Physics from :mod:`migdal_core.spectra` (Knapen-Kozaczuk-Lin soft limit for
crystals, Ibe et al. for atoms). Layout, pure figure builders and one thin
callback; spectra are cached per scalar parameters (already snapped by the registry).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from dash import Dash, Input, Output, html

from components.cache import memoize
from components.exports import csv_string, register_export_callbacks
from components.panel import panel_section, titled_graph
from components.params import BY_NAME, physical_values
from components.theme import ADIABATIC_COLOR, Style, base_layout, figure, message_figure, style_for, vline
from migdal_core import published_limits, spectra

PANEL_ID = "spectra"
GRAPH_ID = f"{PANEL_ID}-graph"
DQ_GRAPH_ID = f"{PANEL_ID}-dq-graph"
OVERLAY_GRAPH_ID = f"{PANEL_ID}-overlay-graph"
REACH_GRAPH_ID = f"{PANEL_ID}-reach-graph"
RATES_ID = f"{PANEL_ID}-rates"
ELF_GRAPH_ID = f"{PANEL_ID}-elf-graph"
WARNING_ID = f"{PANEL_ID}-warning"
ERROR_ID = f"{PANEL_ID}-error"
APPLICABILITY_ID = f"{PANEL_ID}-applicability"
#: Controls that describe a semiconductor crystal (disabled for atoms) and ones that apply to atoms only.
CRYSTAL_ONLY = tuple(
    name for name in ("electrons", "elf", "approximation", "zion", "gamma_eV") if name in BY_NAME
)
ATOM_ONLY = ("shells", "omega_th_eV")

INPUT_NAMES = (
    "target",
    "m_chi_MeV",
    "sigma_n_cm2",
    "mediator",
    "halo",
    "E_th_eV",
    "elf",
    "zion",
    "approximation",
    "electrons",
    "conventions",
    "date",
    "shells",
    "omega_th_eV",
    "lecture",
    "theme",
)
SPECS = tuple(BY_NAME[name] for name in INPUT_NAMES)

OMEGA_POINTS = 100
CRYSTAL_OMEGA_RANGE_EV = (None, 400.0)  # from the band gap to 400 eV (inner shells show in the overlay)
ATOM_OMEGA_RANGE_EV = (5.0, 5.0e3)
N_ELECTRON_BINS = 10
THRESHOLD_LINES = 5
REACH_MASSES_MEV = np.logspace(1, 4, 25)
REACH_HEIGHT_PX = 420  # room for the legend of the published curves
UNITS = "events / kg / yr / eV"
OVERLAY_CAPTION = (
    'Here "adiabatic" and "non-adiabatic" are the two Born–Oppenheimer terms of the wave function, not '
    "Migdal's-theorem η = ω_ph/E_F of panel 1 (a Si crystal is Migdal-adiabatic, η ≈ 0.005, yet its Migdal "
    "effect is purely non-adiabatic). An isolated atom has only the adiabatic Migdal effect: the nucleus is kicked and the electron cloud, "
    "following the centre of mass, is left in an excited state. In an infinite crystal that adiabatic term "
    "vanishes exactly (the electronic states at the displaced and undisplaced lattice are orthogonal), and "
    "the whole effect is non-adiabatic, set by the crystal's energy-loss function. The atomic valence shells "
    "double count what the ELF describes, so crystal analyses keep only the inner shells of the atom."
)


def is_crystal(target: str) -> bool:
    return target in spectra.CRYSTALS


def omega_grid(target: str) -> np.ndarray:
    """Energies [eV] on which the spectrum is drawn (log-spaced)."""
    if is_crystal(target):
        low = spectra.CRYSTALS[target]["E_gap_eV"] * 1.001
        return np.logspace(math.log10(low), math.log10(CRYSTAL_OMEGA_RANGE_EV[1]), OMEGA_POINTS)
    return np.logspace(*(math.log10(x) for x in ATOM_OMEGA_RANGE_EV), OMEGA_POINTS)


REFERENCE_SIGMA_N_CM2 = (
    spectra.REFERENCE_SIGMA_N_CM2
)  # rates are linear in sigma_n: computed once, then scaled


def core_date(date: str) -> str | None:
    """The date control's value as :mod:`migdal_core.spectra` takes it (None: the halo's annual-mean v_E)."""
    return None if date == "mean" else date


def spectrum_curves(
    target: str,
    m_chi_MeV: float,
    mediator: str,
    halo: str,
    E_th_eV: float,
    elf: str,
    conventions: str,
    date: str = "mean",
    shells: str = "liquid",
    zion: str = spectra.DEFAULTS["zion"],
) -> dict:
    """dR/domega curves at sigma_n = 1e-38 cm^2 on ``omega_grid`` (lists; cacheable); ``shells`` (the
    shell choice of the atomic targets Xe, Ar) gives ``atom_selected``."""
    kwargs = dict(
        m_chi_MeV=m_chi_MeV,
        sigma_n_cm2=REFERENCE_SIGMA_N_CM2,
        mediator=mediator,
        halo=halo,
        E_th_eV=E_th_eV,
        conventions=conventions,
        date=core_date(date),
    )
    omega = omega_grid(target)
    out: dict = {"omega_eV": omega.tolist(), "crystal": is_crystal(target)}
    if is_crystal(target):
        by_approximation = spectra.dR_domega_by_approximation(
            omega, target, ("free", "impulse"), elf=elf, zion=zion, model="crystal", **kwargs
        )
        out.update({name: values.tolist() for name, values in by_approximation.items()})
        out["thresholds_eV"] = [
            spectra.electron_threshold_eV(target, n) for n in range(1, THRESHOLD_LINES + 1)
        ]
    else:
        out["atom_selected"] = spectra.dR_domega(
            omega, target, model="atomic", shells=shells, **kwargs
        ).tolist()
    out["atom_all"] = spectra.dR_domega(omega, target, model="atomic", shells="all", **kwargs).tolist()
    out["atom_inner"] = spectra.dR_domega(omega, target, model="atomic", shells="inner", **kwargs).tolist()
    return out


def atomic_rates(
    target: str,
    m_chi_MeV: float,
    mediator: str,
    halo: str,
    E_th_eV: float,
    conventions: str,
    date: str,
    shells: str,
    omega_th_eV: float,
) -> dict:
    """Xe, Ar: rate above the electronic energy ``omega_th_eV`` at sigma_n = 1e-38 cm^2 and the reach
    (sigma_n for 3 events in 1 kg yr, ``None`` where no event is possible) on REACH_MASSES_MEV."""
    kwargs = dict(
        mediator=mediator,
        halo=halo,
        E_th_eV=E_th_eV,
        conventions=conventions,
        date=core_date(date),
        shells=shells,
    )
    rate = spectra.rate_above_threshold(
        omega_th_eV, target, m_chi_MeV=m_chi_MeV, sigma_n_cm2=REFERENCE_SIGMA_N_CM2, **kwargs
    )
    reach = spectra.reach_sigma_n(
        REACH_MASSES_MEV, target, threshold_eV=omega_th_eV, events=3.0, exposure_kg_yr=1.0, **kwargs
    )
    return {"rate_above": rate, "reach": [float(x) if math.isfinite(x) else None for x in reach]}


def electron_yields(
    target: str,
    m_chi_MeV: float,
    mediator: str,
    halo: str,
    E_th_eV: float,
    elf: str,
    conventions: str,
    date: str,
    zion: str,
    approximation: str,
) -> dict:
    """dR/dQ bins and the rate above every n-electron threshold (n = 1..10) at sigma_n = 1e-38 cm^2.

    Independent of the electrons slider, which then only picks a value (Si, Ge).
    """
    bins, above = spectra.electron_yield_rates(
        target,
        N_ELECTRON_BINS,
        m_chi_MeV=m_chi_MeV,
        sigma_n_cm2=REFERENCE_SIGMA_N_CM2,
        mediator=mediator,
        halo=halo,
        E_th_eV=E_th_eV,
        conventions=conventions,
        elf=elf,
        zion=zion,
        approximation=approximation,
        date=core_date(date),
    )
    return {
        "thresholds_eV": [spectra.electron_threshold_eV(target, n) for n in range(1, N_ELECTRON_BINS + 1)],
        "dR_dQ": bins.tolist(),
        "rate_above": above.tolist(),
    }


def reach_curves(
    target: str,
    mediator: str,
    halo: str,
    E_th_eV: float,
    elf: str,
    conventions: str,
    date: str = "mean",
    zion: str = spectra.DEFAULTS["zion"],
) -> list[list]:
    """sigma_n [cm^2] for 3 events in 1 kg yr, free-ion approximation: [mass][n - 1] on REACH_MASSES_MEV
    for every n-electron threshold n = 1..10 (one pass; the electrons slider picks a column)."""
    sigma = spectra.reach_sigma_n_by_electrons(
        REACH_MASSES_MEV,
        target,
        N_ELECTRON_BINS,
        events=3.0,
        exposure_kg_yr=1.0,
        mediator=mediator,
        halo=halo,
        E_th_eV=E_th_eV,
        elf=elf,
        zion=zion,
        conventions=conventions,
        approximation="free",
        date=core_date(date),
    )
    return sigma.tolist()


def rate_modulation(
    target: str,
    m_chi_MeV: float,
    mediator: str,
    halo: str,
    E_th_eV: float,
    elf: str,
    conventions: str,
    approximation: str,
    threshold_eV: float,
    zion: str = spectra.DEFAULTS["zion"],
    shells: str | None = None,
) -> dict:
    """Rate above ``threshold_eV`` at sigma_n = 1e-38 cm^2 on the fastest and slowest day of 2026, and the
    amplitude (:func:`migdal_core.spectra.rate_modulation`)."""
    return spectra.rate_modulation(
        threshold_eV,
        target,
        2026,
        m_chi_MeV=m_chi_MeV,
        sigma_n_cm2=REFERENCE_SIGMA_N_CM2,
        mediator=mediator,
        halo=halo,
        E_th_eV=E_th_eV,
        conventions=conventions,
        elf=elf,
        zion=zion,
        approximation=approximation,
        shells=shells,
    )


def scaled(values: list[float], sigma_n_cm2: float) -> list[float]:
    """Rates at ``sigma_n_cm2`` from rates at the reference cross-section."""
    factor = sigma_n_cm2 / REFERENCE_SIGMA_N_CM2
    return [v * factor for v in values]


def _positive(values: list[float]) -> list[float | None]:
    """Zeros (kinematically forbidden) become gaps on a log axis."""
    return [v if v > 0 and math.isfinite(v) else None for v in values]


def _log_axis(title: str | None, **extra) -> dict:
    return dict(type="log", title=dict(text=title) if title else None, exponentformat="power", **extra)


def _spaced_labels(thresholds_eV: list[float], electrons: int, min_decades: float) -> set[int]:
    """Which n-electron threshold lines get a label: the chosen one, then every other that keeps
    ``min_decades`` (on the log axis) from those already labelled, so the labels never pile up."""
    kept = {electrons} if electrons <= len(thresholds_eV) else set()  # the chosen n may have no line drawn
    for n, threshold in enumerate(thresholds_eV, start=1):
        if all(abs(math.log10(threshold / thresholds_eV[k - 1])) >= min_decades for k in kept):
            kept.add(n)
    return kept


def spectrum_figure(
    data: dict,
    approximation: str,
    electrons: int,
    style: Style,
    shells_label: str = "",
    omega_th_eV: float | None = None,
) -> dict:
    """dR/domega (log y) with the free/impulse band and the n-electron thresholds.

    ``data``: :func:`spectrum_curves` scaled to the user's sigma_n.
    """
    omega = data["omega_eV"]
    traces: list[dict] = []
    shapes: list[dict] = []
    annotations: list[dict] = []
    hover = "ω = %{x:.4g} eV<br>dR/dω = %{y:.4g} " + UNITS + "<extra>%{fullData.name}</extra>"
    if data["crystal"]:
        low = [min(a, b) for a, b in zip(data["free"], data["impulse"])]
        high = [max(a, b) for a, b in zip(data["free"], data["impulse"])]
        other = "impulse" if approximation == "free" else "free"
        traces += [
            dict(
                type="scatter",
                x=omega,
                y=_positive(high),
                mode="lines",
                line=dict(width=0),
                showlegend=False,
                hoverinfo="skip",
                name="band",
            ),
            dict(
                type="scatter",
                x=omega,
                y=_positive(low),
                mode="lines",
                line=dict(width=0),
                fill="tonexty",
                fillcolor=style.blue_fill(0.22),
                name="free ↔ impulse band",
                hoverinfo="skip",
            ),
            dict(
                type="scatter",
                x=omega,
                y=_positive(data[approximation]),
                mode="lines",
                name=f"crystal, {approximation}",
                line=dict(color=style.blue, width=style.line(2.6)),
                hovertemplate=hover,
            ),
            dict(
                type="scatter",
                x=omega,
                y=_positive(data[other]),
                mode="lines",
                name=f"crystal, {other}",
                line=dict(color=style.blue, width=style.line(1.2), dash="dot"),
                hovertemplate=hover,
            ),
        ]
        labelled = _spaced_labels(data["thresholds_eV"], electrons, 0.2 if style.lecture else 0.25)  # 390 px
        for n, threshold in enumerate(data["thresholds_eV"], start=1):
            color = "#d62728" if n == electrons else style.muted
            shapes.append(vline(threshold, color, style.line(2 if n == electrons else 0.8), "dash"))
            color = style.red_text if n == electrons else color
            if n in labelled:
                annotations.append(
                    dict(
                        x=math.log10(threshold),
                        y=1.0,
                        yref="paper",
                        text=f"{n}e⁻",
                        showarrow=False,
                        yanchor="bottom",
                        font=dict(size=style.font(11), color=color),
                    )
                )
    else:
        traces += [
            dict(
                type="scatter",
                x=omega,
                y=_positive(data["atom_selected"]),
                mode="lines",
                name=f"isolated atom, {shells_label}",
                line=dict(color=ADIABATIC_COLOR, width=style.line(2.6)),
                hovertemplate=hover,
            ),
            dict(
                type="scatter",
                x=omega,
                y=_positive(data["atom_all"]),
                mode="lines",
                name="all shells",
                line=dict(color=ADIABATIC_COLOR, width=style.line(1.2), dash="dot"),
                hovertemplate=hover,
            ),
        ]
        if omega_th_eV is not None:
            shapes.append(vline(omega_th_eV, "#d62728", style.line(2), "dash"))
            annotations.append(
                dict(
                    x=math.log10(omega_th_eV),
                    y=1.0,
                    yref="paper",
                    text="ω_th",
                    showarrow=False,
                    yanchor="bottom",
                    font=dict(size=style.font(11), color=style.red_text),
                )
            )
    return figure(
        traces,
        base_layout(
            style,
            height=380,
            shapes=shapes,
            annotations=annotations,
            legend=dict(orientation="h", y=-0.25, x=0, font=dict(size=style.font(11))),
            xaxis=_log_axis("electronic energy ω [eV]"),
            yaxis=_log_axis(f"dR/dω [{UNITS}]"),
            margin=dict(l=70, r=15, t=25, b=80),
        ),
    )


def dq_figure(rates: list[float], electrons: int, style: Style) -> dict:
    """Rate per electron-yield bin Q (Si, Ge) [events/kg/yr]."""
    bins = list(range(1, N_ELECTRON_BINS + 1))
    colors = ["#d62728" if q >= electrons else "#9ecae1" for q in bins]
    data = [
        dict(
            type="bar",
            x=bins,
            y=_positive(rates),
            marker=dict(color=colors),
            name="dR/dQ",
            hovertemplate="Q = %{x} electrons<br>rate = %{y:.4g} events / kg / yr<extra></extra>",
        )
    ]
    return figure(
        data,
        base_layout(
            style,
            height=280,
            showlegend=False,
            margin=dict(l=70, r=10, t=10, b=50),
            xaxis=dict(title=dict(text="electrons Q"), dtick=1),
            yaxis=_log_axis("rate [events / kg / yr]"),
        ),
    )


def overlay_figure(data: dict, approximation: str, target: str, style: Style) -> dict:
    """Crystal versus isolated-atom spectrum for the same element (Si, Ge)."""
    omega = data["omega_eV"]
    hover = "ω = %{x:.4g} eV<br>dR/dω = %{y:.4g} " + UNITS + "<extra>%{fullData.name}</extra>"
    traces = [
        dict(
            type="scatter",
            mode="lines",
            x=omega,
            y=_positive(data[approximation]),
            name=f"{target} crystal (non-adiabatic)",
            line=dict(color=style.blue, width=style.line(2.4)),
            hovertemplate=hover,
        ),
        dict(
            type="scatter",
            mode="lines",
            x=omega,
            y=_positive(data["atom_all"]),
            name=f"{target} atom, all shells (adiabatic)",
            line=dict(color=ADIABATIC_COLOR, width=style.line(2)),
            hovertemplate=hover,
        ),
        dict(
            type="scatter",
            mode="lines",
            x=omega,
            y=_positive(data["atom_inner"]),
            name=f"{target} atom, inner shells",
            line=dict(color=ADIABATIC_COLOR, width=style.line(1.3), dash="dot"),
            hovertemplate=hover,
        ),
    ]
    return figure(
        traces,
        base_layout(
            style,
            height=340,
            margin=dict(l=70, r=10, t=10, b=50),
            # lecture mode: the legend inside the empty upper right corner leaves the short plot its height
            legend=(
                {"x": 1, "xanchor": "right", "y": 1, "yanchor": "top", "bgcolor": "rgba(0,0,0,0)"}
                if style.lecture
                else dict(orientation="h", y=-0.35, x=0, font=dict(size=style.font(10)))
            ),
            xaxis=_log_axis("electronic energy ω [eV]"),
            yaxis=_log_axis(f"dR/dω [{UNITS}]"),
        ),
    )


LIMIT_STYLES = {"xenon1t_2019": "#2ca02c", "darkside50_2023": "#9467bd"}  # projections: grey, dashed


def limit_traces(mediator: str, target: str, style: Style) -> list[dict]:
    """Published Migdal limits and the Knapen et al. projection for ``target``, each citing its source."""
    traces = []
    for curve in published_limits.curves_for(mediator, target):
        masses, sigmas = published_limits.curve_points(curve.key)
        projection = curve.kind == "projection"
        source = (
            f"<b>{curve.label}</b><br>{curve.citation}<br>doi:{curve.doi} · arXiv:{curve.arxiv}"
            f"<br>{'projection' if projection else '90% CL limit'}, exposure {curve.exposure}"
            f"<br>threshold: {curve.threshold}"
        )
        traces.append(
            dict(
                type="scatter",
                x=masses.tolist(),
                y=sigmas.tolist(),
                mode="lines",
                name=curve.label,
                line=dict(
                    color=style.muted if projection else LIMIT_STYLES.get(curve.key, style.muted),
                    width=style.line(1.6),
                    dash="dash" if projection else "solid",
                ),
                hovertemplate=source + "<br>m_χ = %{x:.4g} MeV, σ_n = %{y:.3g} cm²<extra></extra>",
            )
        )
    return traces


def reach_figure(
    reach_sigma_n_cm2: list, target: str, threshold: int | str, style: Style, mediator: str = "heavy"
) -> dict:
    """sigma_n giving 3 events in 1 kg yr above the threshold (an electron number n, or a label such as
    "ω > 100 eV"), versus m_chi, with the published limits and projection
    (:mod:`migdal_core.published_limits`) for comparison."""
    sigma = [s if s is not None and math.isfinite(s) else None for s in reach_sigma_n_cm2]
    label = f"≥{threshold}e⁻" if isinstance(threshold, int) else threshold
    data = [
        dict(
            type="scatter",
            x=REACH_MASSES_MEV.tolist(),
            y=sigma,
            mode="lines+markers",
            name=f"this view: {target}, {label}",
            line=dict(color="#d62728", width=style.line(2.4)),
            marker=dict(size=style.font(5)),
            hovertemplate="m_χ = %{x:.4g} MeV<br>σ_n = %{y:.3g} cm²<extra>3 events / kg yr, free ion</extra>",
        )
    ]
    data += limit_traces(mediator, target, style)
    return figure(
        data,
        base_layout(
            style,
            height=REACH_HEIGHT_PX,
            margin=dict(l=70, r=10, t=10, b=50),
            legend=dict(orientation="h", y=-0.3, x=0, font=dict(size=style.font(9))),
            xaxis=_log_axis("m_χ [MeV]", range=[1, 4]),
            yaxis=_log_axis("σ_n [cm²]"),
        ),
    )


def modulation_rows(values: dict, modulation: dict) -> list[tuple[str, str, str]]:
    """Readout rows: the Earth's speed for the chosen date and the annual modulation of the rate above threshold."""
    vE = spectra.resolve(values["target"], halo=values["halo"], date=core_date(values["date"])).vE_kms
    factor = values["sigma_n_cm2"] / REFERENCE_SIGMA_N_CM2
    fast, slow = (dt.date.fromisoformat(modulation[k]).strftime("%b %-d") for k in ("date_max", "date_min"))
    return [
        (
            "Earth's speed v_E",
            f"{vE:.1f} km/s",
            values["date"] if core_date(values["date"]) else "annual mean",
        ),
        (
            "annual modulation",
            f"±{100 * abs(modulation['amplitude']):.1f} %",
            f"{fast}: {modulation['rate_at_max'] * factor:.3g}, {slow}: {modulation['rate_at_min'] * factor:.3g} /kg/yr",
        ),
    ]


def _rates_table(yields: dict, values: dict, modulation: dict) -> html.Table:
    n = int(values["electrons"])
    return _readout_table(
        f"{yields['thresholds_eV'][n - 1]:.3g} eV",
        f"E_gap + (n−1) e0, n = {n}",
        f"rate, {values['approximation']}",
        yields["rate_above"][n - 1],
        values,
        modulation,
    )


def _readout_table(
    threshold: str,
    threshold_note: str,
    rate_name: str,
    rate_at_reference: float,
    values: dict,
    modulation: dict,
) -> html.Table:
    rate = rate_at_reference * values["sigma_n_cm2"] / REFERENCE_SIGMA_N_CM2
    rows = [
        ("threshold", threshold, threshold_note),
        (rate_name, f"{rate:.4g} /kg/yr", "events above the threshold"),
        (
            "3 events / kg yr need",
            f"{spectra.sigma_for_events([rate_at_reference], 3.0, 1.0)[0]:.3g} cm²" if rate > 0 else "—",
            "σ_n",
        ),
        *modulation_rows(values, modulation),
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


def elf_figure(target: str, elf: str, lecture: str, theme: str) -> dict:
    """ELF(k, omega) of the chosen crystal model (log colour scale): what drives I(omega)."""
    style = style_for(lecture, theme)
    k, omega, values = spectra.elf_map(target, elf)
    z = np.round(np.log10(np.maximum(values, 1e-4)), 2).tolist()
    data = [
        dict(
            type="heatmap",
            x=np.round(omega, 3).tolist(),
            y=np.round(k, 1).tolist(),
            z=z,
            zmin=-3,
            zmax=0.6,
            colorscale="Viridis",
            colorbar=dict(title=dict(text="log₁₀ ELF"), thickness=10),
            hovertemplate="ω = %{x:.3g} eV<br>k = %{y:.3g} eV<br>log₁₀ ELF = %{z}<extra></extra>",
        )
    ]
    gap = spectra.CRYSTALS[target]["E_gap_eV"]
    return figure(
        data,
        base_layout(
            style,
            height=280,
            showlegend=False,
            margin=dict(l=70, r=10, t=10, b=50),
            shapes=[vline(2 * gap, style.muted, style.line(1), "dot")],
            xaxis=dict(title=dict(text="ω [eV]")),
            yaxis=_log_axis("k [eV]"),
        ),
    )


cached_curves = memoize(spectrum_curves)
cached_yields = memoize(electron_yields)
cached_reach = memoize(reach_curves)
cached_modulation = memoize(rate_modulation)
cached_atomic = memoize(atomic_rates)
cached_elf = memoize(elf_figure)


def csv_text(values: dict) -> tuple[str, str]:
    """The plotted spectrum: omega and dR/domega per curve [events/kg/yr/eV] (the same numbers as drawn)."""
    data = _curves(values)
    keys = ["free", "impulse", "atom_all", "atom_inner"] if data["crystal"] else ["atom_selected", "atom_all"]
    columns = [scaled(data[k], values["sigma_n_cm2"]) for k in keys]
    rows = [[omega, *(column[i] for column in columns)] for i, omega in enumerate(data["omega_eV"])]
    comment = (
        f"target={values['target']}, m_chi_MeV={values['m_chi_MeV']}, sigma_n_cm2={values['sigma_n_cm2']}, "
        f"mediator={values['mediator']}, halo={values['halo']}, E_th_eV={values['E_th_eV']}, "
        f"elf={values['elf']}, zion={values['zion']}, conventions={values['conventions']}, "
        f"date={values['date']}, shells={values['shells'] if not data['crystal'] else 'n/a'}; "
        f"dR/domega in {UNITS}"
    )
    header = ["omega_eV"] + [f"dR_domega_{k}" for k in keys]
    return f"migdal_spectrum_{values['target']}.csv", csv_string(header, rows, comment)


def code_text(values: dict) -> str:
    """CLI commands and Python call reproducing the spectrum (at every 30th plotted energy) and rate."""
    omegas = ",".join(f"{w:.6g}" for w in omega_grid(values["target"])[::30])
    model = "crystal" if is_crystal(values["target"]) else "atomic"
    common = (
        f"--target {values['target']} --model {model} --m-chi-MeV {values['m_chi_MeV']:.6g} "
        f"--sigma-n-cm2 {values['sigma_n_cm2']:.6g} --mediator {values['mediator']} --halo {values['halo']} "
        f"--E-th-eV {values['E_th_eV']:.6g} --conventions {values['conventions']}"
        + (f" --date {values['date']}" if core_date(values["date"]) else "")
    )
    crystal_flags = (
        f" --elf {values['elf']} --zion {values['zion']} --approximation {values['approximation']}"
        if model == "crystal"
        else f" --shells {values['shells']}"
    )
    lines = [f"python -m migdal_core spectrum {common}{crystal_flags} --omega-eV {omegas} --json"]
    threshold = (
        f"--electrons {int(values['electrons'])}"
        if model == "crystal"
        else f"--threshold-eV {values['omega_th_eV']:.6g}"
    )
    lines.append(f"python -m migdal_core rate {common}{crystal_flags} {threshold} --json")
    lines += [
        "",
        "from migdal_core import spectra",
        f"spectra.dR_domega([{omegas}], '{values['target']}', m_chi_MeV={values['m_chi_MeV']:.6g}, "
        f"sigma_n_cm2={values['sigma_n_cm2']:.6g}, mediator='{values['mediator']}', model='{model}', "
        + (
            f"elf='{values['elf']}', zion='{values['zion']}', approximation='{values['approximation']}', "
            if model == "crystal"
            else f"shells='{values['shells']}', "
        )
        + f"halo='{values['halo']}', E_th_eV={values['E_th_eV']:.6g}, conventions='{values['conventions']}'"
        + (f", date='{values['date']}')" if core_date(values["date"]) else ")"),
    ]
    return "\n".join(lines)


def _curves(values: dict) -> dict:
    """:func:`spectrum_curves` for the view (cached); the shell choice only matters for Xe and Ar."""
    return cached_curves(
        *_curve_args(values), "liquid" if is_crystal(values["target"]) else values["shells"], values["zion"]
    )


def _atomic_view(values: dict, data: dict, style: Style) -> tuple:
    """Xe, Ar: the spectrum with the chosen shells and ω_th, the rate above ω_th, the reach with the limits."""
    shells_label = dict(BY_NAME["shells"].options)[values["shells"]]
    main = spectrum_figure(data, "free", 1, style, shells_label, values["omega_th_eV"])
    args = (values["target"], values["m_chi_MeV"], values["mediator"], values["halo"], values["E_th_eV"])
    atomic = cached_atomic(
        *args, values["conventions"], values["date"], values["shells"], values["omega_th_eV"]
    )
    modulation = cached_modulation(
        *args,
        values["elf"],
        values["conventions"],
        "free",
        values["omega_th_eV"],
        values["zion"],
        values["shells"],
    )
    table = _readout_table(
        f"{values['omega_th_eV']:.4g} eV",
        f"electronic energy ω, {shells_label}",
        "rate, isolated atom",
        atomic["rate_above"],
        values,
        modulation,
    )
    reach = reach_figure(
        atomic["reach"], values["target"], f"ω > {values['omega_th_eV']:.4g} eV", style, values["mediator"]
    )
    return (
        main,
        message_figure("Electron-yield bins:<br>Si and Ge crystals only", style),
        message_figure("Atom versus crystal:<br>choose Si or Ge", style),
        reach,
        table,
    )


def _curve_args(values: dict) -> tuple:
    return (
        values["target"],
        values["m_chi_MeV"],
        values["mediator"],
        values["halo"],
        values["E_th_eV"],
        values["elf"],
        values["conventions"],
        values["date"],
    )


EXPLANATION = (
    "A dark-matter particle kicks a nucleus; because the electrons cannot follow instantly, the kick can leave "
    "them excited or ionized: the Migdal effect. Crystals (Si, Ge): soft limit with the energy-loss function "
    "(Knapen, Kozaczuk & Lin, PRL 127, 081805 (2021)); the band spans the free-ion and impulse approximations "
    "of the nuclear recoil. Default ELF: the measured optical ELF (Palik) extended to finite k (Penn algorithm "
    "with a Levine–Louie gap), Z_ion(k) from the ion-core X-ray form factor. Atoms (Xe, Ar): Ibe, Nakano, Shoji & Suzuki, JHEP 03 (2018) 194, with their "
    "transition tables as shipped by wimprates."
)


def layout() -> html.Section:
    return panel_section(
        PANEL_ID,
        "3 · Migdal event spectra",
        EXPLANATION,
        status=[
            html.Div(id=ERROR_ID, className="error-message", role="alert"),
            html.P(id=APPLICABILITY_ID, className="note", **{"aria-live": "polite"}),
            html.Div(id=WARNING_ID, className="error-message", role="status"),
        ],
        main_height_px=380,
        side=[
            html.H3("Rate above threshold"),
            html.Div(id=RATES_ID),
            titled_graph("Electron-yield bins dR/dQ", DQ_GRAPH_ID, 280),
        ],
        row=[
            titled_graph(
                "Atom versus crystal, same element",
                OVERLAY_GRAPH_ID,
                340,
                html.P(OVERLAY_CAPTION, className="note caption-small"),
            ),
            titled_graph(
                "Reach: σ_n for 3 events in 1 kg·yr (free ion), with published Migdal limits",
                REACH_GRAPH_ID,
                REACH_HEIGHT_PX,
            ),
            titled_graph(
                "Energy-loss function ELF(k, ω) of the crystal",
                ELF_GRAPH_ID,
                280,
                html.P(
                    "Dotted: 2 E_gap, below which a free-electron ELF is unreliable.",
                    className="note caption-small",
                ),
            ),
        ],
    )


def view(values: dict) -> tuple:
    """The callback's figures and readout (spectrum, dR/dQ, atom-versus-crystal, reach, rates table) for
    snapped ``values`` (ValueError on a bad combination)."""
    style = style_for(values["lecture"], values["theme"])
    electrons, sigma_n = int(values["electrons"]), values["sigma_n_cm2"]
    curves = _curves(values)
    data = {
        k: scaled(v, sigma_n) if k not in ("omega_eV", "thresholds_eV", "crystal") else v
        for k, v in curves.items()
    }
    if not data["crystal"]:
        return _atomic_view(values, data, style)
    main = spectrum_figure(data, values["approximation"], electrons, style)
    yields = cached_yields(*_curve_args(values), values["zion"], values["approximation"])
    reach = [
        row[electrons - 1]
        for row in cached_reach(
            values["target"],
            values["mediator"],
            values["halo"],
            values["E_th_eV"],
            values["elf"],
            values["conventions"],
            values["date"],
            values["zion"],
        )
    ]
    figures = (
        dq_figure(scaled(yields["dR_dQ"], sigma_n), electrons, style),
        overlay_figure(data, values["approximation"], values["target"], style),
        reach_figure(reach, values["target"], electrons, style, values["mediator"]),
    )
    modulation = cached_modulation(
        values["target"],
        values["m_chi_MeV"],
        values["mediator"],
        values["halo"],
        values["E_th_eV"],
        values["elf"],
        values["conventions"],
        values["approximation"],
        yields["thresholds_eV"][electrons - 1],
        values["zion"],
    )
    return (main, *figures, _rates_table(yields, values, modulation))


def _disabled_prop(spec) -> str:
    """Radio buttons are disabled option by option; sliders and dropdowns have a ``disabled`` property."""
    return "options" if spec.kind == "choice" and spec.inline else "disabled"


def applicability(target: str) -> tuple[list, str]:
    """(value of each control's disabled property, for CRYSTAL_ONLY + ATOM_ONLY; the reason shown)."""
    crystal = is_crystal(target)
    states = []
    for name in CRYSTAL_ONLY + ATOM_ONLY:
        spec = BY_NAME[name]
        off = (name in CRYSTAL_ONLY) != crystal
        states.append(
            [{"label": label, "value": v, "disabled": off} for v, label in spec.options]
            if _disabled_prop(spec) == "options"
            else off
        )
    names = ", ".join(BY_NAME[n].label for n in (ATOM_ONLY if crystal else CRYSTAL_ONLY))
    if crystal:
        return states, (
            f"{target} is a crystal: the controls for atoms ({names}) apply to Xe and Ar and are "
            "disabled; the rate counts electrons above E_gap + (n−1) e0."
        )
    return states, (
        f"{target} is an isolated-atom target (Ibe et al. 2018): the crystal controls ({names}) describe "
        "a semiconductor's electron yield, energy-loss function and lattice, and are disabled; the "
        "rate counts electronic energies above the threshold ω."
    )


def register_callbacks(app: Dash) -> None:
    toggled = tuple(BY_NAME[name] for name in CRYSTAL_ONLY + ATOM_ONLY)

    @app.callback(
        [Output(spec.control_id, _disabled_prop(spec)) for spec in toggled]
        + [Output(APPLICABILITY_ID, "children")],
        Input(BY_NAME["target"].control_id, "value"),
    )
    def show_applicable_controls(target):
        states, reason = applicability(target if target in spectra.TARGETS else "Si")
        return [*states, reason]

    @app.callback(
        Output(GRAPH_ID, "figure"),
        Output(DQ_GRAPH_ID, "figure"),
        Output(OVERLAY_GRAPH_ID, "figure"),
        Output(REACH_GRAPH_ID, "figure"),
        Output(RATES_ID, "children"),
        Output(ERROR_ID, "children"),
        [Input(spec.control_id, "value") for spec in SPECS],
    )
    def update_spectra(*control_values):
        try:
            outputs = view(physical_values(SPECS, control_values))
        except ValueError as error:
            message = str(error)
            blank = message_figure("")
            return message_figure(message), blank, blank, blank, None, message
        return (*outputs, "")

    elf_specs = tuple(BY_NAME[name] for name in ("target", "elf", "electrons", "lecture", "theme"))

    @app.callback(
        Output(ELF_GRAPH_ID, "figure"),
        Output(WARNING_ID, "children"),
        [Input(spec.control_id, "value") for spec in elf_specs],
    )
    def update_elf(*control_values):
        try:
            values = physical_values(elf_specs, control_values)
            if not is_crystal(values["target"]):
                return message_figure(
                    "ELF: Si and Ge crystals only", style_for(values["lecture"], values["theme"])
                ), ""
            threshold = spectra.electron_threshold_eV(values["target"], int(values["electrons"]))
            warning = spectra.free_electron_warning(values["target"], values["elf"], threshold) or ""
            return cached_elf(values["target"], values["elf"], values["lecture"], values["theme"]), warning
        except ValueError as error:
            return message_figure(str(error)), ""

    register_export_callbacks(app, PANEL_ID, GRAPH_ID, SPECS, csv_text, code_text)
