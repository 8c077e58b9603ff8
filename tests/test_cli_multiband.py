"""CLI ``multiband`` subcommand via subprocess (contract §6)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "migdal_core", "multiband", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


def test_mgb2_preset_json():
    p = _run("--preset", "MgB2", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["lambda_matrix"] == [1.017, 0.213, 0.155, 0.448]  # Golubov et al. (2002)
    assert abs(d["Tc_K"] - 39.0) < 0.15 * 39.0  # measured 39 K
    assert d["gap_ratio"] > 1 and "Tc_K_no_vertex" not in d
    assert "Golubov" in d["preset"]["source"]


def test_vertex_on_prints_tc_without_vertex():
    p = _run(
        "--lambda-matrix",
        "1,0.2,0.1,0.4",
        "--omega-log-eV",
        "0.06",
        "--mu-star",
        "0.1",
        "--eta1",
        "0.14",
        "--Qc1",
        "0.3",
        "--json",
    )
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["mu_star_matrix"] == [0.1, 0.0, 0.0, 0.1]  # --mu-star X means diag(X, X)
    for key in (
        "Tc_K",
        "gap_ratio",
        "Tc_K_no_vertex",
        "gap_ratio_no_vertex",
        "P_V",
        "P_C",
        "lambda_Z1",
        "lambda_Delta1",
    ):
        assert key in d
    assert d["Tc_K"] != d["Tc_K_no_vertex"]


def test_mu_star_matrix_and_readable_output():
    p = _run(
        "--lambda-matrix", "1,0.2,0.1,0.4", "--omega-log-eV", "0.06", "--mu-star-matrix", "0.1,0.04,0.02,0.1"
    )
    assert p.returncode == 0, p.stderr
    assert "Tc_K:" in p.stdout and "gap_ratio:" in p.stdout


@pytest.mark.parametrize(
    "args,name",
    [
        (("--lambda-matrix", "1,0.2,0.1", "--omega-log-eV", "0.06", "--mu-star", "0.1"), "lambda_matrix"),
        (("--lambda-matrix", "1,0.2,0.1,0.4", "--omega-log-eV", "-1", "--mu-star", "0.1"), "omega_log_eV"),
        (("--lambda-matrix", "1,0.2,0.1,0.4", "--omega-log-eV", "0.06"), "mu-star"),
        (
            (
                "--lambda-matrix",
                "1,0.2,0.1,0.4",
                "--omega-log-eV",
                "0.06",
                "--mu-star",
                "0.1",
                "--mu-star-matrix",
                "0.1,0,0,0.1",
            ),
            "mu-star",
        ),
        (
            (
                "--lambda-matrix",
                "1,0.2,0.1,0.4",
                "--omega-log-eV",
                "0.06",
                "--mu-star-matrix",
                "0.1,0.05,0.05,0.1",
            ),
            "mu_star_matrix",
        ),
        (("--lambda-matrix", "x", "--omega-log-eV", "0.06", "--mu-star", "0.1"), "lambda-matrix"),
        (
            (
                "--lambda-matrix",
                "1,0.2,0.1,0.4",
                "--omega-log-eV",
                "0.06",
                "--mu-star",
                "0.1",
                "--eta1",
                "0.1",
            ),
            "Qc1",
        ),
        (("--omega-log-eV", "0.06", "--mu-star", "0.1"), "lambda_matrix"),
        (
            (
                "--preset",
                "Nb",
            ),
            "preset",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(args, name):
    p = _run(*args)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in p.stderr
