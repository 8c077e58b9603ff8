"""The two-band panel (components.multiband_panel): figures, caption, exports, the MgB2 preset."""

import json

import plotly.graph_objects as go
import pytest

from components import multiband_panel as mp
from components.params import defaults
from components.state import preset_values
from migdal_core import multiband


def _values(**changes):
    values = {k: v for k, v in defaults().items() if k in mp.INPUT_NAMES}
    values.update(changes)
    return values


def _pieces(values):
    return mp._curves(values, mp.UNCACHED)


def test_mu_star_21_follows_the_density_of_states_ratio():
    lam, mu = mp.matrices(_values(lambda_12=0.2, lambda_21=0.1, mu_star_12=0.04))
    assert mu[2] == pytest.approx(0.02) and lam[1] / lam[2] == pytest.approx(mu[1] / mu[2])


def test_mgb2_preset_sets_the_two_band_controls_and_gives_39_K():
    values = preset_values("MgB2", defaults())
    for name, expected in (
        ("lambda_11", 1.02),
        ("lambda_12", 0.21),
        ("lambda_21", 0.16),
        ("lambda_22", 0.45),
    ):
        assert values[name] == expected  # Golubov et al. (2002), rounded to the slider step
    plain, _, _, _, _, _ = _pieces({k: v for k, v in values.items() if k in mp.INPUT_NAMES})
    tc_K = mp._point(plain)[0] * values["omega_log_eV"] / mp.K_B_EV_PER_K
    assert tc_K == pytest.approx(39.0, rel=0.15)  # measured, Nagamatsu et al. (2001)


def test_panel_point_matches_the_cli_numbers():
    values = _values()
    plain, vertex, _, alone, _, _ = _pieces(values)
    lam, mu = mp.matrices(values)
    cli = multiband.tc_two_band(
        lam, values["omega_log_eV"], mu_star_matrix_values=mu, eta1=values["eta_1"], Qc1=values["Qc_1"]
    )
    w = values["omega_log_eV"] / mp.K_B_EV_PER_K
    assert mp._point(plain)[0] * w == pytest.approx(cli["Tc_K_no_vertex"], rel=2e-3)
    assert mp._point(vertex)[0] * w == pytest.approx(cli["Tc_K"], rel=2e-3)  # tabulated vs direct P_V, P_C
    assert alone["band2"] * w == pytest.approx(cli["Tc_K_band2_alone"], rel=2e-3)
    assert "python -m migdal_core multiband" in mp.code_text(values)


@pytest.mark.parametrize("Qc_1,word", [(0.3, "raise"), (1.0, "lower")])
def test_caption_sign_word_follows_the_computed_ratio(Qc_1, word):
    values = _values(Qc_1=Qc_1)
    plain, vertex, _, alone, P_V, _ = _pieces(values)
    caption = mp._caption(plain, vertex, alone, values)
    assert f" {word} T_c" in caption
    assert (P_V > 0) == (word == "raise")  # forward scattering enhances, backscattering suppresses (PSG)


def test_decoupled_bands_caption_says_band_2_is_untouched():
    values = _values(lambda_12=0.0, lambda_21=0.0, mu_star_12=0.0)
    plain, vertex, _, alone, _, _ = _pieces(values)
    assert "does not notice band 1" in mp._caption(plain, vertex, alone, values)


@pytest.mark.parametrize("lecture,theme", [("off", "light"), ("on", "dark")])
def test_figures_are_valid_have_units_and_stay_small(lecture, theme):
    values = _values()
    plain, vertex, etas, alone, _, _ = _pieces(values)
    lam, _ = mp.matrices(values)
    style = mp.style_for(lecture, theme)
    figures = [
        mp.tc_interband_figure(plain, vertex, alone, lam, values["omega_log_eV"], style),
        mp.gap_figure(plain, vertex, style),
        mp.eta_figure(etas, alone, values["eta_1"], values["omega_log_eV"], style),
    ]
    for fig in figures:
        go.Figure(fig)
        assert len(json.dumps(fig).encode()) < 200_000
        assert fig["layout"]["xaxis"]["title"]["text"] and fig["layout"]["yaxis"]["title"]["text"]
    assert figures[0]["layout"]["yaxis"]["title"]["text"] == "T_c [K]"
    assert figures[2]["layout"]["yaxis"]["title"]["text"] == "T_c [K]"


def test_csv_holds_the_plotted_interband_curve():
    filename, text = mp.csv_text(_values())
    lines = [
        line for line in text.strip().splitlines() if not line.startswith("#")
    ]  # after the export header
    assert filename.endswith(".csv") and lines[0].startswith("s,lambda_12,lambda_21,Tc_K_no_vertex")
    assert len(lines) == 1 + len(mp.SCALES)


def test_one_way_interband_coupling_is_a_message_naming_the_parameter():
    values = _values(lambda_12=0.2, lambda_21=0.0)
    with pytest.raises(ValueError, match="lambda_matrix entries 12 and 21"):
        mp.interband_tc_curve(*(values[name] for name in mp.COUPLINGS), 0.0, 0.0)


def test_band_one_alone_along_eta_answers_where_a_kernel_block_is_one_by_one():
    """lambda_11 = 2.58, mu*_11 = 0.04, q_c = 0.26: a random point of the Redis bound test that raised
    ZeroDivisionError in the Lanczos start (tests/test_lanczos.py has the kernel-level check)."""
    curve = mp.eta_band1_curve(2.58, 0.04, 0.26, "dynamic")
    assert len(curve) == len(mp.ETAS)


def test_no_tc_because_the_vertex_left_its_range_is_not_called_below_range():
    """lambda_11 = 2.95 with band 1's vertex at eta_1 = 1, q_c/2k_F = 0.3 (the soak met it): the corrected
    kernel stays above 1 at every T (tests/test_multiband.py), so there is no T_c with the vertex; the
    table and caption say why, instead of "below range", which means a T_c too low to resolve."""
    values = _values(lambda_11=2.95, eta_1=1.0, Qc_1=0.3)
    plain, vertex, _, alone, P_V, P_C = _pieces(values)
    assert mp._point(plain)[0] > 0 and mp._point(vertex)[0] == 0.0
    mu = mp.matrices(values)[1]
    table = str(mp._table(plain, vertex, alone, values, mu, P_V, P_C))
    assert table.count("none: vertex out of range") == 2 and "below range" not in table
    caption = mp._caption(plain, vertex, alone, values)
    assert "outside their perturbative range" in caption and "solver's range" not in caption
    # a T_c that is merely too low keeps its "below range"
    low = _values(lambda_11=0.05, lambda_22=0.05, lambda_12=0.0, lambda_21=0.0, mu_star_12=0.0)
    plain, vertex, _, alone, P_V, P_C = _pieces(low)
    assert "below range" in str(mp._table(plain, vertex, alone, low, mp.matrices(low)[1], P_V, P_C))
