"""Phase panel in both coupling models and the vertex caption's sign word, for every preset."""

import numpy as np
import pytest

from components import phase_panel, vertex_panel
from components.params import defaults
from components.presets import PRESETS, matching_preset
from migdal_core import coupling, materials, regimes

SUPERCONDUCTORS = [p for p in PRESETS if not p.is_detector]


@pytest.mark.parametrize("preset", SUPERCONDUCTORS, ids=[p.key for p in SUPERCONDUCTORS])
def test_caption_sign_word_follows_the_computed_ratio(preset):
    v = preset.values
    summary = vertex_panel.tc_summary(
        v["E_F_eV"], v["omega_ph_eV"], v["coupling"], v["Qc"], v["mu_star"], "dynamic", preset.omega_kind
    )
    ratio = summary["Tc_K"]["psg_vertex"] / summary["Tc_K"]["psg_migdal"]
    caption = vertex_panel._caption(summary)
    word = "raise T_c" if ratio > 1.005 else ("lower T_c" if ratio < 0.995 else "leave T_c unchanged")
    assert f"vertex corrections {word}" in caption
    for other in {"raise T_c", "lower T_c", "leave T_c unchanged"} - {word}:
        assert other not in caption
    # the PSG formula appears only as a ratio applied to the Eliashberg T_c
    assert f"{summary['Tc_K']['eliashberg'] * ratio:.3g} K" in caption


def test_caption_lowers_for_backscattering_and_raises_for_forward_scattering():
    # PSG II (PRB 52, 10530 (1995)): Q_c = 1 lowers T_c, small Q_c raises it (eta = 0.2, lambda = 0.5)
    iso = vertex_panel.tc_summary(1.0, 0.2, 0.5, 1.0, 0.1, "dynamic")
    forward = vertex_panel.tc_summary(1.0, 0.2, 0.5, 0.1, 0.1, "dynamic")
    assert "lower T_c" in vertex_panel._caption(iso) and "raise T_c" in vertex_panel._caption(forward)


def test_tc_table_marks_the_best_estimate_and_shows_the_measured_value():
    pb = materials.BY_KEY["Pb"]
    v = pb.values
    summary = vertex_panel.tc_summary(
        v["E_F_eV"], v["omega_ph_eV"], v["coupling"], v["Qc"], v["mu_star"], "dynamic"
    )
    text = str(vertex_panel._tc_table(summary, pb))
    assert "Best estimate (adiabatic)" in text and "7.2 K" in text and "Webb, Marsiglio" in text


def test_matching_preset_forgets_a_preset_once_a_control_moves():
    al = materials.BY_KEY["Al"]
    values = dict(defaults(), **al.values)
    assert matching_preset("Al", values) is al
    assert matching_preset("Al", dict(values, coupling=0.5)) is None
    assert matching_preset(None, values) is None


def _texts(figure):
    return [a["text"] for a in figure["layout"]["annotations"]]


def test_metal_model_has_no_polaronic_region_and_labels_strong_coupling():
    v = materials.BY_KEY["Pb"].values
    figure = phase_panel.phase_figure(v["m_over_M"], v["E_F_eV"], v["omega_ph_eV"], v["coupling"], 1)
    texts = " ".join(_texts(figure))
    assert "polaron" not in texts and "bipolaron" not in texts
    assert "strong coupling" in texts and "Yuzbashyan & Altshuler" in texts
    point = figure["data"][-1]
    assert point["text"] == ["adiabatic · strong coupling"]
    assert figure["layout"]["yaxis"]["title"]["text"].startswith("λ (effective")


def test_holstein_model_draws_the_cited_boundaries_and_the_polaron_curve():
    figure = phase_panel.phase_figure(1e-4, 1.0, 0.01, 1.5, 1, coupling_model="holstein", D_over_E_F=1.0)
    texts = " ".join(_texts(figure))
    assert "Esterlis" in texts and "Ciuchi et al. 1997" in texts
    curve = next(trace for trace in figure["data"] if "polaron crossover" in trace.get("name", ""))
    assert "DMFT" in curve["name"] and "kinetic" in curve["name"]  # says what is drawn and by which criterion
    assert len({round(y, 6) for y in curve["y"]}) > 50  # a curve, not a straight line
    # the drawn curve is the DMFT crossover of the table (tests/test_tables_polaron_crossover.py): 27/32
    # adiabatic, alpha^2 ~ 1 (lambda_0 ~ omega/D) anti-adiabatic
    x, y = np.asarray(curve["x"]), np.asarray(curve["y"])
    assert y == pytest.approx(coupling.polaron_lambda0(10.0**x / 1.0), rel=1e-12)
    assert y[0] == pytest.approx(27.0 / 32.0, rel=0.01)
    assert figure["data"][-1]["text"] == ["polaronic"]
    assert figure["layout"]["yaxis"]["title"]["text"].startswith("λ₀")


@pytest.mark.parametrize(
    "model, coupling",
    [
        ("metal", 0.38),
        ("metal", 1.55),
        ("metal", 3.8),
        ("holstein", 1.5),
        ("holstein", 0.45),
        ("holstein", 0.1),
    ],
)
@pytest.mark.parametrize("log_eta", [-3.9, -3.5, -2.5, -1.3, -0.5, 1.3, 1.95])
@pytest.mark.parametrize("lecture", ["off", "on"])
def test_region_labels_stay_clear_of_the_users_point(model, coupling, log_eta, lecture):
    figure = phase_panel.phase_figure(1e-4, 1.0, 10**log_eta, coupling, 1, lecture, coupling_model=model)
    point = figure["data"][-1]
    size = point["textfont"]["size"]
    vertical, side = point["textposition"].split()
    dy = -0.22 if vertical == "bottom" else 0.22
    x, y = point["x"][0], point["y"][0]
    x0, x1, y0, y1 = phase_panel._box(x, y + dy, point["text"][0], size)
    shift = {"center": 0.0, "right": x - x0, "left": x - x1}[side]
    label_box = (x0 + shift, x1 + shift, y0, y1)
    assert (
        phase_panel.LOG_ETA_RANGE[0] <= label_box[0] and label_box[1] <= phase_panel.LOG_ETA_RANGE[1] + 1e-9
    )
    boxes = [phase_panel._box(x, y, "★★", size), label_box]
    names = {
        ("beyond ME" if n == "beyond-migdal-eliashberg" else n) for n in phase_panel.REGION_LABELS[model]
    }
    for a in figure["layout"]["annotations"]:
        text = (
            a["text"].removeprefix("<b>").removesuffix("</b>").replace("non-<br>adiabatic", "non-adiabatic")
        )
        if (text in names or text.startswith("λη=")) and a.get("visible", True):
            label = phase_panel._box(a["x"], a["y"], text, a["font"]["size"])
            assert not any(phase_panel._overlap(label, box) for box in boxes), text


def test_phase_table_follows_the_model():
    values = dict(defaults(), coupling_model="holstein", D_over_E_F=0.5, coupling=1.5)
    holstein_keys = [row[0] for row in phase_panel.point_rows(phase_panel._point(values), 1.0)]
    assert {"polaron_energy_eV", "alpha_squared", "D_eV"} <= set(holstein_keys)
    metal_keys = [row[0] for row in phase_panel.point_rows(phase_panel._point(defaults()), 1.0)]
    assert "polaron_energy_eV" not in metal_keys and "alpha_squared" not in metal_keys
    assert "--coupling-model holstein" in phase_panel.code_text(values)


def test_vertex_panel_uses_the_effective_lambda_in_the_holstein_model():
    # lambda = lambda_0 / (1 - 2 lambda_0) (contract section 2, RPA): lambda_0 = 0.25 -> lambda = 0.5
    values = dict(defaults(), coupling_model="holstein", coupling=0.25)
    numbers = vertex_panel.panel_numbers(values)
    assert numbers["summary"]["lambda"] == pytest.approx(0.5)
    assert "effective λ" in str(vertex_panel._tc_table(numbers["summary"], None, True))
    with pytest.raises(ValueError, match="lambda_0"):
        vertex_panel.panel_numbers(dict(values, coupling=0.49))
    assert vertex_panel.panel_numbers(dict(defaults(), coupling=0.25))["summary"]["lambda"] == 0.25


@pytest.mark.parametrize("D_over_E_F", [1.0, 0.01, 1e-3])
def test_region_labels_sit_inside_their_regions(D_over_E_F):
    # the DMFT polaron region narrows with the band (omega/D grows): its name must not stand in the bipolaron area
    figure = phase_panel.phase_figure(
        1e-4, 1.0, 0.003, 0.3, 1, coupling_model="holstein", D_over_E_F=D_over_E_F
    )
    for a in figure["layout"]["annotations"]:
        if a.get("name", "").startswith(phase_panel.REGION) and a.get("visible", True):
            name = a["name"].removeprefix(phase_panel.REGION)
            eta = 10.0 ** a["x"]
            assert regimes.classify(eta, a["y"], "holstein", D_over_E_F) == name
