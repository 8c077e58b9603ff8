"""`python -m migdal_core regime`: JSON contract and one-line errors."""

import json
import subprocess
import sys

import pytest

REQUIRED_KEYS = {
    "regime",
    "eta",
    "migdal_parameter",
    "bo_epsilon",
    "alpha_squared",
    "jellium_eta",
    "mass_enhancement",
    "strong_coupling",
    "lambda_bare",
    "coupling_model",
}


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "migdal_core", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_regime():
    result = run_cli("--help")
    assert result.returncode == 0 and "regime" in result.stdout


def test_regime_json_for_seed_point():
    result = run_cli(
        "regime",
        "--m-over-M",
        "2e-5",
        "--E-F-eV",
        "5",
        "--omega-ph-eV",
        "0.02585",
        "--lambda",
        "0.5",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert REQUIRED_KEYS <= data.keys()
    assert data["regime"] == "adiabatic"
    assert data["eta"] == pytest.approx(0.00517, rel=1e-3)


def test_strong_coupling_metal_is_adiabatic_and_finite():
    # Pb: lambda = 1.55, omega_log = 4.8 meV (Allen & Dynes 1975): strong coupling, Migdal valid, m*/m = 2.55
    result = run_cli(
        "regime",
        "--m-over-M",
        "2.6e-6",
        "--E-F-eV",
        "9.47",
        "--omega-ph-eV",
        "0.0048",
        "--lambda",
        "1.55",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["regime"] == "adiabatic" and data["strong_coupling"] is True
    assert data["mass_enhancement"] == pytest.approx(2.549, rel=1e-3)
    assert data["lambda_bare"] == pytest.approx(1.55 / 4.1)
    assert data["alpha_squared"] is None  # a Holstein-only quantity


def test_beyond_migdal_eliashberg():
    result = run_cli(
        "regime", "--m-over-M", "1e-4", "--E-F-eV", "10", "--omega-ph-eV", "0.01", "--lambda", "3.5", "--json"
    )
    assert json.loads(result.stdout)["regime"] == "beyond-migdal-eliashberg"


def test_holstein_polaron_is_json_safe_and_finite():
    result = run_cli(
        "regime",
        "--m-over-M",
        "1e-4",
        "--E-F-eV",
        "10",
        "--omega-ph-eV",
        "0.001",
        "--lambda",
        "3",
        "--coupling-model",
        "holstein",
        "--D-eV",
        "5",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["regime"] == "polaronic" and data["coupling_model"] == "holstein"
    assert data["mass_enhancement"] > 1e3 and data["mass_text"] == "≫ 10³"
    assert data["polaron_energy_eV"] == pytest.approx(15.0) and data["alpha_squared"] == pytest.approx(
        15000.0
    )
    assert data["lambda_bare"] == 3.0


def test_holstein_bipolaronic():
    result = run_cli(
        "regime",
        "--m-over-M",
        "1e-4",
        "--E-F-eV",
        "5",
        "--omega-ph-eV",
        "0.02",
        "--lambda",
        "0.45",
        "--coupling-model",
        "holstein",
        "--json",
    )
    assert json.loads(result.stdout)["regime"] == "bipolaronic"


def test_D_without_holstein_exits_2():
    result = run_cli(
        "regime",
        "--m-over-M",
        "1e-4",
        "--E-F-eV",
        "5",
        "--omega-ph-eV",
        "0.02",
        "--lambda",
        "0.45",
        "--D-eV",
        "2",
        "--json",
    )
    assert result.returncode == 2 and "D_eV" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args, name",
    [
        (["--E-F-eV", "-1"], "E_F_eV"),
        (["--E-F-eV", "nan"], "E_F_eV"),
        (["--lambda", "-0.5"], "lambda"),
        (["--m-over-M", "1.5"], "m_over_M"),
        (["--Qc", "2"], "Qc"),
        (["--E-F-eV", "five"], "E-F-eV"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, name):
    base = {"--m-over-M": "2e-5", "--E-F-eV": "5", "--omega-ph-eV": "0.02", "--lambda": "0.5"}
    for flag, value in zip(args[::2], args[1::2]):
        base[flag] = value
    argv = ["regime"] + [x for pair in base.items() for x in pair] + ["--json"]
    result = run_cli(*argv)
    assert result.returncode == 2
    assert name in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
