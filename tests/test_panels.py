"""Pure figure builders and export helpers of the three panels (no server, no browser)."""

import csv
import io
import json
import math

import numpy as np
import pytest

from components import phase_panel, spectra_panel, vertex_panel
from components.params import defaults
from migdal_core import regimes, spectra

MAX_FIGURE_BYTES = 200_000  # issue 6: at most 200 kB per figure


def figure_bytes(figure: dict) -> int:
    return len(json.dumps(figure, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o)))


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


def test_zero_crossing_interpolates_linearly():
    x = [0.0, 0.5, 1.0]
    assert vertex_panel.zero_crossings(x, [1.0, 0.5, -0.5]) == pytest.approx([0.75])
    assert vertex_panel.zero_crossings(x, [1.0, 2.0, 3.0]) == []


def test_vertex_curve_has_at_least_40_points_and_the_contract_sign_change():
    curves = vertex_panel.vertex_curves(1.0, 0.1, "dynamic")  # eta = 0.1
    assert len(curves["Qc"]) >= 40
    crossings = vertex_panel.zero_crossings(curves["Qc"], curves["P_V"])
    assert len(crossings) == 1 and 0.5 < crossings[0] < 0.6  # contract: sign change near 0.55


def test_phase_csv_matches_the_table_numbers():
    values = defaults()
    _, text = phase_panel.csv_text(values)
    rows = {row["quantity"]: row["value"] for row in read_csv(text)}
    point = regimes.regime_point(
        values["m_over_M"], values["E_F_eV"], values["omega_ph_eV"], values["coupling"]
    )
    assert rows["regime"] == point.regime
    assert float(rows["eta"]) == point.eta
    assert float(rows["migdal_parameter"]) == point.migdal_parameter


def test_spectra_scale_linearly_with_sigma_n():
    values = dict(defaults(), sigma_n_cm2=1e-37)
    _, text = spectra_panel.csv_text(values)
    rows = read_csv(text)
    omega = np.array([float(r["omega_eV"]) for r in rows])
    reference = spectra.dR_domega(omega, "Si", 100.0, 1e-38, halo="darkelf", E_th_eV=0.12)
    assert [float(r["dR_domega_free"]) for r in rows] == pytest.approx(10 * reference, rel=1e-9)


def test_code_text_names_the_cli_and_python_api():
    values = defaults()
    assert "python -m migdal_core regime" in phase_panel.code_text(values)
    assert "python -m migdal_core vertex" in vertex_panel.code_text(values)
    assert "python -m migdal_core tc" in vertex_panel.code_text(values)
    assert "python -m migdal_core spectrum" in spectra_panel.code_text(values)
    assert "spectra.dR_domega(" in spectra_panel.code_text(values)


@pytest.mark.parametrize("lecture, theme", [("off", "light"), ("on", "dark")])
def test_figures_stay_under_200_kB(lecture, theme):
    values = defaults()
    style = spectra_panel.style_for(lecture, theme)
    figures = [
        phase_panel.phase_figure(
            values["m_over_M"], values["E_F_eV"], values["omega_ph_eV"], values["coupling"], 1, lecture, theme
        ),
        phase_panel.disorder_figure(1.0, values["m_over_M"], 1, lecture, theme),
        vertex_panel.pq_figure(0.2, 0.3, "dynamic", lecture, theme),
    ]
    curves = spectra_panel.spectrum_curves("Si", 100.0, "heavy", "darkelf", 0.12, "lindhard", "standard")
    figures.append(spectra_panel.spectrum_figure(curves, "free", 1, style))
    figures += [
        spectra_panel.elf_figure(target, elf, lecture, theme)
        for target in ("Si", "Ge")
        for elf in ("optical", "lindhard")
    ]
    for figure in figures:
        assert figure_bytes(figure) < MAX_FIGURE_BYTES


def test_lecture_style_is_bigger_and_thicker():
    normal, lecture = spectra_panel.style_for("off", "light"), spectra_panel.style_for("on", "light")
    assert lecture.font_size > normal.font_size and lecture.line(2) > normal.line(2)
    assert math.isclose(normal.line(2), 2.0)


def test_every_figure_builder_produces_a_valid_plotly_figure():
    # Builders return plain dicts (fast); plotly's own validator checks them here instead of at run time.
    import plotly.graph_objects as go

    values = defaults()
    curves = vertex_panel.vertex_curves(1.0, 0.2, "dynamic")
    references = vertex_panel.reference_curves("dynamic")
    ratio = vertex_panel.tc_ratio_curve(curves, 0.5, 0.1)
    spectrum = spectra_panel.spectrum_curves("Si", 100.0, "heavy", "darkelf", 0.12, "lindhard", "standard")
    atom = spectra_panel.spectrum_curves("Xe", 1000.0, "heavy", "darkelf", 0.12, "lindhard", "standard")
    for lecture, theme in (("off", "light"), ("on", "dark")):
        style = spectra_panel.style_for(lecture, theme)
        figures = [
            phase_panel.phase_figure(values["m_over_M"], 0.01, 0.05, 2.5, 1, lecture, theme),
            phase_panel.disorder_figure(0.01, values["m_over_M"], 2, lecture, theme),
            vertex_panel.pv_figure(0.2, 0.3, "dynamic", curves, references, lecture, theme),
            vertex_panel.pq_figure(0.2, 0.3, "dynamic", lecture, theme),
            vertex_panel.tc_figure(ratio, 0.3, lecture, theme),
            spectra_panel.spectrum_figure(spectrum, "impulse", 2, style),
            spectra_panel.spectrum_figure(atom, "free", 1, style),
            spectra_panel.dq_figure([1.0] * spectra_panel.N_ELECTRON_BINS, 2, style),
            spectra_panel.overlay_figure(spectrum, "free", "Si", style),
            spectra_panel.reach_figure([float("inf"), 1e-38], "Si", 2, style),
            spectra_panel.elf_figure("Ge", "optical", lecture, theme),
            spectra_panel.message_figure("message", style),
        ]
        for built in figures:
            go.Figure(built)  # raises ValueError on any invalid property


def _relative_luminance(hex_color: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_vertex_reference_curves_stand_out_from_the_background_in_both_themes(theme):
    """The P_V figure's reference-eta curves at WCAG's 3:1 for graphics against the plot background: all of
    them on the dark card (it drew eta = 1 in #08519c on #1b1f27, 2.1:1), eta = 1 on white (the smaller
    etas are paler there by design and told apart by their dashes)."""
    curves = vertex_panel.vertex_curves(1.0, 0.2, "dynamic")
    built = vertex_panel.pv_figure(
        0.2, 0.3, "dynamic", curves, vertex_panel.reference_curves("dynamic"), "off", theme
    )
    background = _relative_luminance(built["layout"]["plot_bgcolor"])
    for trace in built["data"]:
        if trace.get("name", "").startswith("η = ") and (theme == "dark" or trace["name"] == "η = 1"):
            light, dark = sorted((_relative_luminance(trace["line"]["color"]), background), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 3.0, trace["name"]


@pytest.mark.parametrize(
    "m_over_M, compact, lecture, left",
    [
        (2.03e-5, True, "off", True),
        (2.648e-6, True, "off", False),
        (2.648e-6, False, "off", True),
        (2.648e-6, False, "on", False),
    ],
    ids=["default-phone", "Pb-phone", "Pb-laptop", "Pb-lecture"],
)
def test_jellium_label_sits_left_of_its_line_unless_it_would_run_over_the_axis(
    m_over_M, compact, lecture, left
):
    """On a phone (45 px a decade) Pb's label ran over the y axis's '2'; it goes right of the line there,
    and in lecture mode, whose 22-px label is twice as wide."""
    figure = phase_panel.phase_figure(m_over_M, 11.7, 0.0369, 0.43, 1, lecture, compact=compact)
    label = next(a for a in figure["layout"]["annotations"] if a.get("name") == phase_panel.JELLIUM)
    assert (label["xanchor"], label["xshift"] < 0) == (("right", True) if left else ("left", False))
