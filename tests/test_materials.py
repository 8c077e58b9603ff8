"""Presets (migdal_core.materials): regimes and T_c against measured values with their sources."""

import json
import subprocess
import sys

import pytest

from migdal_core import materials, regimes

REGIME = {m.key: materials.regime_of(m) for m in materials.MATERIALS}


@pytest.mark.parametrize(
    "key, regime, strong",
    [
        # Al, Nb: McMillan, Phys. Rev. 167, 331 (1968) Table IV; Pb: Allen & Dynes, PRB 12, 905 (1975);
        # H3S: Duan et al., Sci. Rep. 4, 6968 (2014). Migdal's theorem holds (eta ~ 1e-3 - 1e-2).
        ("Al", "adiabatic", False),
        ("Nb", "adiabatic", False),
        ("Pb", "adiabatic", True),
        ("H3S", "adiabatic", True),
        # MgB2 sigma band (Cappelluti et al., PRL 88, 117003 (2002)) and K3C60 (Gunnarsson, RMP 69, 575 (1997))
        ("MgB2", "non-adiabatic", True),
        ("K3C60", "non-adiabatic", False),
        # doped SrTiO3 (Gor'kov 2016) and heavy fermions (E_F* of meV): phonons faster than electrons
        ("SrTiO3", "anti-adiabatic", False),
        ("heavy_fermion", "anti-adiabatic", False),
    ],
)
def test_preset_regimes(key, regime, strong):
    v = materials.BY_KEY[key].values
    point = regimes.regime_point(v["m_over_M"], v["E_F_eV"], v["omega_ph_eV"], v["coupling"])
    assert point.regime == regime == REGIME[key]
    assert point.strong_coupling is strong


@pytest.mark.parametrize(
    "key, measured_K",
    [
        # measured T_c: Webb, Marsiglio & Hirsch, Physica C 514, 17 (2015), Table 1
        ("Al", 1.18),
        ("Pb", 7.2),
        ("Nb", 9.25),
    ],
)
def test_best_estimate_within_20_percent_of_measured(key, measured_K):
    # Only Pb is an independent check (lambda from the tunnelling alpha^2 F). Al and Nb agree by construction:
    # McMillan (1968, Table IV) fitted their lambda to the measured T_c with his formula, which is the best
    # estimate here (omega_kind theta_D); an independent lambda (tunnelling or first principles) with its
    # source would make these real tests, we had no stored copy of such a table to take it from.
    material = materials.BY_KEY[key]
    assert material.Tc_measured_K == measured_K
    best = materials.best_estimate(material)
    assert best["Tc_K"] == pytest.approx(measured_K, rel=0.20)


def test_pb_best_estimate_is_eliashberg_from_the_tunnelling_spectrum():
    # Pb's lambda = 1.55 comes from alpha^2 F (not from T_c), so this is a test of the solver: 6.4 K vs 7.2 K
    best = materials.best_estimate(materials.BY_KEY["Pb"])
    assert best["method"] == "eliashberg"
    assert 6.0 < best["Tc_K"] < 7.2


def test_srtio3_below_3_K_and_anti_adiabatic_formula():
    best = materials.best_estimate(materials.BY_KEY["SrTiO3"])
    assert best["method"] == "anti_adiabatic"
    assert 0.0 < best["Tc_K"] < 3.0  # measured ~0.3 K (Schooley et al. 1965; Lin et al. PRX 2013)


def test_k3c60_best_estimate_is_outside_me_and_of_the_right_order():
    best = materials.best_estimate(materials.BY_KEY["K3C60"])
    assert best["method"] == "eliashberg_x_psg_ratio"
    # measured 18 K (Hebard et al., Nature 350, 600 (1991)); the issue saw 110-200 K
    assert 3.0 < best["Tc_K"] < 60.0


def test_detectors_have_no_tc():
    for key in ("Si", "Ge", "Xe", "Ar"):
        material = materials.BY_KEY[key]
        assert material.is_detector and materials.best_estimate(material) is None
        assert material.Tc_measured_K is None


def test_every_preset_has_a_source_and_superconductors_a_measured_tc_source():
    for m in materials.MATERIALS:
        assert m.source
        if m.kind == "superconductor":
            assert m.Tc_measured_K and m.Tc_measured_source
            assert {"coupling", "mu_star", "omega_ph_eV", "E_F_eV", "Qc"} <= m.values.keys()


def test_presets_cli_json():
    result = subprocess.run(
        [sys.executable, "-m", "migdal_core", "presets", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    presets = json.loads(result.stdout)["presets"]
    by_key = {p["key"]: p for p in presets}
    assert set(by_key) == set(materials.BY_KEY)
    for p in presets:
        assert {"key", "values", "regime", "Tc_best_K", "Tc_measured_K", "source"} <= p.keys()
    assert by_key["Xe"]["Tc_best_K"] is None and by_key["Xe"]["Tc_measured_K"] is None
    assert by_key["Pb"]["regime"] == "adiabatic" and by_key["Pb"]["Tc_measured_K"] == 7.2
    assert by_key["Si"]["adiabatic_meanings"]["theorem"].startswith("Migdal's theorem")
