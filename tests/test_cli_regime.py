"""`python -m migdal_core regime`: JSON contract and one-line errors."""

import json
import subprocess
import sys

import pytest

REQUIRED_KEYS = {"regime", "eta", "migdal_parameter", "bo_epsilon", "alpha_squared", "jellium_eta",
                 "mass_enhancement"}


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "migdal_core", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_help_lists_regime():
    result = run_cli("--help")
    assert result.returncode == 0 and "regime" in result.stdout


def test_regime_json_for_seed_point():
    result = run_cli("regime", "--m-over-M", "2e-5", "--E-F-eV", "5", "--omega-ph-eV", "0.02585",
                     "--lambda", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert REQUIRED_KEYS <= data.keys()
    assert data["regime"] == "adiabatic"
    assert data["eta"] == pytest.approx(0.00517, rel=1e-3)


def test_polaronic_point_is_json_safe():
    result = run_cli("regime", "--m-over-M", "1e-4", "--E-F-eV", "10", "--omega-ph-eV", "0.001",
                     "--lambda", "3", "--json")
    data = json.loads(result.stdout)
    assert data["regime"] == "polaronic" and data["mass_enhancement"] is None
    assert data["log10_mass_enhancement"] > 300


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
