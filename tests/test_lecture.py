"""The guided lecture's data: every preset once, and every talking point's claims (regime, η, λ, λη, q_c,
E_F, phonon energy, T_c, dark-matter mass, nucleus, gap) agree with what the preset's numbers give.

The numbers a point quotes are read from its text, so a point that names the wrong regime or quotes an η
the preset does not have fails here. The reference values are the presets' own (migdal_core.materials,
each with its published source), the regime is the one `python -m migdal_core presets` prints
(materials.regime_of), and the targets' masses and gaps are migdal_core.spectra.targets (IUPAC 2021,
contract section 2).
"""

from __future__ import annotations

import re

import pytest

from components import lecture
from components.presets import BY_KEY, PRESETS
from migdal_core import materials
from migdal_core.regimes import REGIME_NAMES
from migdal_core.spectra.targets import ATOMS, CRYSTALS

_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
NUMBER = r"((?:\d+(?:\.\d+)?×)?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+(?:\.\d+)?)"
STEP_IDS = [step.key for step in lecture.STEPS]


def number(text: str) -> float:
    """'3×10⁻³' -> 0.003, '10⁻³' -> 0.001, '0.14' -> 0.14."""
    if "10" in text and text.translate(_SUPERSCRIPT) != text:
        mantissa, _, power = text.rpartition("10")
        return float(mantissa.rstrip("×") or 1) * 10.0 ** int(power.translate(_SUPERSCRIPT))
    return float(text)


def claims(point: str, pattern: str) -> list[float]:
    return [number(match) for match in re.findall(pattern.replace("NUM", NUMBER), point)]


def close(claimed: float, actual: float, rel: float) -> bool:
    return abs(claimed / actual - 1.0) <= rel


def test_number_reader():
    assert number("3×10⁻³") == pytest.approx(3e-3)
    assert number("10⁻³") == pytest.approx(1e-3)
    assert number("0.025") == 0.025
    assert claims("η ≈ 5×10⁻⁴ keeps λη below 10⁻³", r"η ≈ NUM") == [pytest.approx(5e-4)]
    assert claims("η ≈ 5×10⁻⁴ keeps λη below 10⁻³", r"λη below NUM") == [pytest.approx(1e-3)]


def test_the_lecture_visits_every_preset_once():
    assert sorted(STEP_IDS) == sorted(p.key for p in PRESETS)
    assert len(set(STEP_IDS)) == len(STEP_IDS)
    assert [p.key for p in lecture.presets_in_order()] == STEP_IDS
    browser = lecture.sequence()["steps"]
    assert [s["key"] for s in browser] == STEP_IDS and all(s["point"] and s["label"] for s in browser)


def test_the_lecture_follows_the_lecturers_journey():
    """shared/USERS.md: aluminium, K3C60, doped SrTiO3, FeSe on SrTiO3, then Si and Xe, in that order."""
    positions = [STEP_IDS.index(key) for key in ("Al", "K3C60", "SrTiO3", "FeSe_STO", "Si", "Xe")]
    assert positions[0] == 0 and positions[1] < positions[2] and positions[1] < positions[3] < positions[4]
    assert positions[4] < positions[5]


@pytest.mark.parametrize("step", lecture.STEPS, ids=STEP_IDS)
def test_talking_point_names_the_computed_regime(step):
    material = BY_KEY[step.key]
    if step.regime is None:  # a detector: the point is about the Migdal effect, not the theorem
        assert material.is_detector
        return
    assert step.regime == materials.regime_of(material)
    named = {
        regime
        for regime in REGIME_NAMES
        if re.search(rf"(?<![\w-]){re.escape(regime)}(?![\w-])", step.point, re.IGNORECASE)
    }
    assert named == {step.regime}


@pytest.mark.parametrize("step", lecture.STEPS, ids=STEP_IDS)
def test_talking_point_numbers_are_the_presets(step):
    material = BY_KEY[step.key]
    v = material.values
    checked = 0
    if "E_F_eV" in v:
        eta = v["omega_ph_eV"] / v["E_F_eV"]
        for claimed in claims(step.point, r"(?<!λ)η(?: = ω_D/E_F)? ≈ NUM"):
            assert close(claimed, eta, 0.2), (claimed, eta)
            checked += 1
        for claimed in claims(step.point, r"λη ≈ NUM"):
            assert close(claimed, v["coupling"] * eta, 0.25), (claimed, v["coupling"] * eta)
            checked += 1
        for claimed in claims(step.point, r"λη below NUM"):
            assert v["coupling"] * eta < claimed
            checked += 1
        for claimed in claims(step.point, r"λ = NUM"):
            assert claimed == v["coupling"]
            checked += 1
        for claimed in claims(step.point, r"q_c/2k_F = NUM"):
            assert claimed == v["Qc"]
            checked += 1
        for pattern, scale in ((r"E_F ≈ NUM eV", 1.0), (r"E_F ≈ NUM meV", 1e-3)):
            for claimed in claims(step.point, pattern):
                assert close(claimed * scale, v["E_F_eV"], 0.2), (claimed, v["E_F_eV"])
                checked += 1
        for pattern, scale in ((r"NUM eV (?:[a-z]+ )?phonon", 1.0), (r"NUM meV (?:[a-z]+ )?phonon", 1e-3)):
            for claimed in claims(step.point, pattern):
                assert close(claimed * scale, v["omega_ph_eV"], 0.2), (claimed, v["omega_ph_eV"])
                checked += 1
    if material.kind == "superconductor":
        best = materials.best_estimate(material)
        for claimed in claims(step.point, r"T_c ≈ NUM K"):
            assert close(claimed, best["Tc_K"], 0.15), (claimed, best)
            checked += 1
        for claimed in claims(step.point, r"measured NUM K"):
            assert claimed == material.Tc_measured_K
            checked += 1
    if material.is_detector:
        for pattern, scale in ((r"NUM MeV dark", 1.0), (r"NUM GeV dark", 1e3)):
            for claimed in claims(step.point, pattern):
                assert claimed * scale == v["m_chi_MeV"]
                checked += 1
        target = {**ATOMS, **CRYSTALS}[v["target"]]
        for claimed in claims(step.point, r"A ≈ NUM"):
            assert round(target["mass_amu"]) == claimed
            checked += 1
        for claimed in claims(step.point, r"gap \(NUM eV") + claims(step.point, r"NUM eV gap"):
            assert claimed == CRYSTALS[v["target"]]["E_gap_eV"]
            checked += 1
    assert checked >= 2, "a talking point should quote at least two numbers this test can check"


def test_talking_points_are_short_enough_to_read_aloud():
    """One or two sentences: at lecture size they must fit the bar in two or three lines at 1280 px."""
    for step in lecture.STEPS:
        assert 60 <= len(step.point) <= 230, (step.key, len(step.point))
        assert step.point.count(". ") <= 2, step.key
