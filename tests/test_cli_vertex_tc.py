"""CLI ``vertex`` and ``tc`` subcommands via subprocess."""

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
        [sys.executable, "-m", "migdal_core", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_vertex_json():
    p = _run("vertex", "--eta", "0.1", "--Qc", "0.1,0.5,1.0", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["Qc"] == [0.1, 0.5, 1.0] and d["eta"] == 0.1 and d["frequencies"] == "dynamic"
    assert len(d["P_V"]) == len(d["P_C"]) == 3
    assert abs(d["P_V"][0] - 0.446) < 0.01 and abs(d["P_V"][2] - (-0.026)) < 0.01


def test_tc_json_with_vertex():
    p = _run(
        "tc",
        "--lambda",
        "1",
        "--mu-star",
        "0.1",
        "--omega-E-eV",
        "0.05",
        "--eta",
        "0.1",
        "--Qc",
        "0.3",
        "--json",
    )
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    keys = {"mcmillan", "allen_dynes", "eliashberg", "psg_migdal", "psg_vertex"}
    assert set(d["Tc_K"]) == keys and set(d["Tc_over_omega_E"]) == keys
    assert abs(d["Tc_over_omega_E"]["eliashberg"] - 0.0722) < 0.0722 * 0.02
    for key in ("lambda_Z", "lambda_Delta", "P_V", "P_C", "notes"):
        assert key in d


def test_tc_json_without_vertex_and_no_sc_note():
    p = _run("tc", "--lambda", "0.1", "--mu-star", "0.1", "--omega-E-eV", "0.05", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert set(d["Tc_K"]) == {"mcmillan", "allen_dynes", "eliashberg"}
    assert d["Tc_K"]["mcmillan"] == 0.0 and "mcmillan" in d["notes"]


@pytest.mark.parametrize(
    "args,name",
    [
        (("vertex", "--eta", "-1", "--Qc", "0.5"), "eta"),
        (("vertex", "--eta", "0.1", "--Qc", "0,0.5"), "Qc"),
        (("vertex", "--eta", "0.1", "--Qc", "abc"), "Qc"),
        (("vertex", "--eta", "0.1", "--Qc", "0.5", "--frequencies", "foo"), "frequencies"),
        (("tc", "--lambda", "-1", "--mu-star", "0.1", "--omega-E-eV", "0.05"), "lambda"),
        (("tc", "--lambda", "1", "--mu-star", "0.9", "--omega-E-eV", "0.05"), "mu_star"),
        (("tc", "--lambda", "1", "--mu-star", "0.1", "--omega-E-eV", "0"), "omega_E_eV"),
        (("tc", "--lambda", "1", "--mu-star", "0.1", "--omega-E-eV", "0.05", "--eta", "0.1"), "Qc"),
        (
            ("tc", "--lambda", "1", "--mu-star", "0.1", "--omega-E-eV", "0.05", "--eta", "0.1", "--Qc", "3"),
            "Qc",
        ),
    ],
)
def test_bad_input_exit_2(args, name):
    p = _run(*args, "--json")
    assert p.returncode == 2
    assert name in p.stderr
    assert "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
