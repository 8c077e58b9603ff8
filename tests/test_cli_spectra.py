"""`python -m migdal_core spectrum|rate|reach`: JSON contract and one-line errors."""

import json
import subprocess
import sys

import pytest

from migdal_core import spectra as S


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "migdal_core", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_subcommands():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in ("spectrum", "rate", "reach"):
        assert name in result.stdout


def test_spectrum_reference_values():
    result = run_cli(
        "spectrum",
        "--target",
        "Si",
        "--m-chi-MeV",
        "100",
        "--sigma-n-cm2",
        "1e-38",
        "--mediator",
        "heavy",
        "--elf",
        "lindhard",
        "--zion",
        "constant",
        "--approximation",
        "free",
        "--conventions",
        "darkelf",
        "--halo",
        "darkelf",
        "--E-th-eV",
        "0.12",
        "--omega-eV",
        "5,10,20",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"omega_eV", "dR_domega", "units"} <= data.keys()
    assert data["omega_eV"] == [5.0, 10.0, 20.0]
    assert data["dR_domega"] == pytest.approx([3.6436, 0.43753, 0.049826], rel=0.01)
    assert data["units"]["dR_domega"] == "events/kg/yr/eV"


def test_spectrum_atomic_default_for_xe_and_halo_overrides():
    result = run_cli(
        "spectrum",
        "--target",
        "Xe",
        "--m-chi-MeV",
        "1000",
        "--omega-eV",
        "100,300",
        "--halo",
        "shm",
        "--v0-kms",
        "230",
        "--vesc-kms",
        "550",
        "--vE-kms",
        "245",
        "--rho-GeV-cm3",
        "0.3",
        "--shells",
        "inner",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = S.dR_domega(
        [100.0, 300.0],
        "Xe",
        1000.0,
        1e-38,
        halo="shm",
        v0_kms=230,
        vesc_kms=550,
        vE_kms=245,
        rho_GeV_cm3=0.3,
        shells="inner",
    )
    assert data["dR_domega"] == pytest.approx(list(expected), rel=1e-12)


def test_rate_and_threshold():
    result = run_cli(
        "rate",
        "--target",
        "Ge",
        "--m-chi-MeV",
        "50",
        "--electrons",
        "2",
        "--approximation",
        "impulse",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"rate", "threshold_eV", "units"} <= data.keys()
    assert data["threshold_eV"] == pytest.approx(0.67 + 2.9)
    assert data["rate"] == pytest.approx(
        S.rate_above_electrons(2, "Ge", m_chi_MeV=50.0, approximation="impulse"), rel=1e-12
    )


def test_reach_json():
    result = run_cli(
        "reach",
        "--target",
        "Si",
        "--electrons",
        "2",
        "--events",
        "3",
        "--exposure-kg-yr",
        "1",
        "--m-chi-MeV",
        "30,100,1000",
        "--mediator",
        "light",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["m_chi_MeV"] == [30.0, 100.0, 1000.0]
    assert len(data["sigma_n_cm2"]) == 3 and all(s > 0 for s in data["sigma_n_cm2"])


def test_reach_unreachable_mass_is_null():
    result = run_cli("reach", "--target", "Si", "--electrons", "1", "--m-chi-MeV", "1,100", "--json")
    data = json.loads(result.stdout)
    assert data["sigma_n_cm2"][0] is None and data["sigma_n_cm2"][1] > 0


def test_plain_output():
    result = run_cli("spectrum", "--target", "Si", "--m-chi-MeV", "100", "--omega-eV", "5")
    assert result.returncode == 0 and "dR_domega:" in result.stdout


@pytest.mark.parametrize(
    "args,needle",
    [
        (
            ["spectrum", "--target", "Xe", "--model", "crystal", "--m-chi-MeV", "100", "--omega-eV", "5"],
            "model",
        ),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "-3", "--omega-eV", "5"], "m_chi_MeV"),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "100", "--omega-eV", "-5"], "omega_eV"),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "abc", "--omega-eV", "5"], "--m-chi-MeV"),
        (["spectrum", "--target", "Pb", "--m-chi-MeV", "100", "--omega-eV", "5"], "target"),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "100", "--omega-eV", "5", "--elf", "gw"], "elf"),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "100", "--omega-eV", "5", "--halo", "nfw"], "halo"),
        (["spectrum", "--target", "Si", "--m-chi-MeV", "100"], "--omega-eV"),
        (["rate", "--target", "Xe", "--m-chi-MeV", "100", "--electrons", "2"], "electrons"),
        (["rate", "--target", "Si", "--m-chi-MeV", "100", "--electrons", "0"], "electrons"),
        (["rate", "--target", "Si", "--m-chi-MeV", "100", "--threshold-eV", "900"], "threshold_eV"),
        (["reach", "--target", "Si", "--m-chi-MeV", "100", "--exposure-kg-yr", "0"], "exposure_kg_yr"),
    ],
)
def test_bad_input_exit_2_one_line(args, needle):
    result = run_cli(*args, "--json")
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_date_sets_the_earths_speed_and_reports_the_modulation():
    """--date on spectrum, rate and reach: same numbers as the Python call with date=; the rate also
    gives the year's extremes (fastest day early June, slowest early December)."""
    common = ("--target", "Ge", "--m-chi-MeV", "100", "--halo", "darkelf", "--json")
    rate = json.loads(run_cli("rate", *common, "--electrons", "2", "--date", "2026-12-02").stdout)
    expected = S.rate_above_electrons(2, "Ge", m_chi_MeV=100.0, halo="darkelf", date="2026-12-02")
    assert rate["rate"] == pytest.approx(expected, rel=1e-12)
    assert rate["vE_kms"] < 240.0 < rate["modulation"]["vE_max_kms"]
    assert rate["modulation"]["date_max"].startswith("2026-06")
    assert rate["modulation"]["rate_at_min"] < rate["rate"] * 1.0001 < rate["modulation"]["rate_at_max"]
    spectrum = json.loads(run_cli("spectrum", *common, "--omega-eV", "5", "--date", "2026-06-02").stdout)
    assert spectrum["dR_domega"][0] == pytest.approx(
        S.dR_domega([5.0], "Ge", 100.0, halo="darkelf", date="2026-06-02")[0], rel=1e-12
    )
    reach = run_cli(
        "reach", "--target", "Ge", "--m-chi-MeV", "100", "--electrons", "2", "--date", "1850-01-01", "--json"
    )
    assert reach.returncode == 2 and "date must be" in reach.stderr and reach.stderr.count("\n") == 1
