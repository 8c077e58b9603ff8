"""What a user installs: a venv built from ``requirements.txt`` alone serves every panel.

Issue 11: the dev venv hid a runtime dependency (wimprates, the atomic
Migdal tables), so ``make run`` crashed on a fresh machine while every test
passed. Here the app runs in a venv that has only ``requirements.txt``: the
CLI, every panel's callback for every preset and target through the real
callback endpoint, and the Dockerfile's build-time ``RUN python ...`` lines.

The venv is cached between runs under ``$RUNTIME_VENV_CACHE`` (default
``~/.cache/migdal-explorer``), keyed on the hash of ``requirements.txt`` and
the Python version, so only a changed requirements file pays the install.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import smoke
from devtools.dash_client import ROOT, start_gunicorn, stop_gunicorn

REQUIREMENTS = ROOT / "requirements.txt"
CACHE_ROOT = Path(os.environ.get("RUNTIME_VENV_CACHE", Path.home() / ".cache" / "migdal-explorer"))


def _venv_key() -> str:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes() + platform.python_version().encode()).hexdigest()
    return digest[:16]


@pytest.fixture(scope="session")
def runtime_python() -> str:
    """Interpreter of a venv holding ``requirements.txt`` and nothing else (built once per hash)."""
    venv = CACHE_ROOT / f"runtime-{_venv_key()}"
    python = venv / "bin" / "python"
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    with open(CACHE_ROOT / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test runs share one build
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                    str(REQUIREMENTS),
                ],
                check=True,
            )
            (venv / ".complete").touch()
    return str(python)


def _run(python: str, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONHOME", None)
    return subprocess.run(
        [python, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False, **kwargs
    )


def test_runtime_venv_has_no_dev_packages(runtime_python):
    """The venv really is runtime-only: a dev tool is absent (else this test would hide nothing)."""
    result = _run(runtime_python, ["-c", "import importlib.util as u; print(u.find_spec('pytest') is None)"])
    assert result.stdout.strip() == "True", result.stderr


def test_cli_atomic_spectrum_from_runtime_requirements(runtime_python):
    """Done-when line of issue 11: the Xe spectrum from the CLI (Ibe et al. tables via wimprates)."""
    result = _run(
        runtime_python,
        [
            "-m",
            "migdal_core",
            "spectrum",
            "--target",
            "Xe",
            "--m-chi-MeV",
            "500",
            "--omega-eV",
            "100",
            "--json",
        ],
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values  # one JSON object with the spectrum
    assert "error" not in result.stdout.lower()


def test_every_cli_subcommand_imports(runtime_python):
    """Each auto-discovered subcommand's --help runs (its imports are in requirements.txt)."""
    listing = _run(runtime_python, ["-m", "migdal_core", "--help"])
    assert listing.returncode == 0, listing.stderr
    commands = re.findall(r"^ {4}([a-z][a-z0-9_-]*) {2,}", listing.stdout, flags=re.MULTILINE)
    assert len(commands) >= 4, listing.stdout
    for command in commands:
        result = _run(runtime_python, ["-m", "migdal_core", command, "--help"])
        assert result.returncode == 0, (command, result.stderr)


def test_dockerfile_build_commands_run_in_runtime_venv(runtime_python):
    """Every ``RUN python ...`` line of the Dockerfile, in the runtime venv (docker cannot run here)."""
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    commands = [shlex.split(line[len("RUN ") :]) for line in lines if line.startswith("RUN python")]
    assert commands, "the Dockerfile compiles the kernels at build time with a RUN python line"
    for command in commands:
        result = _run(runtime_python, command[1:])
        assert result.returncode == 0, (command, result.stderr[-2000:])


def test_every_panel_serves_every_preset_and_target(runtime_python, tmp_path):
    """gunicorn from the runtime venv; every callback at every preset and target answers, no error text."""
    process, base_url = start_gunicorn(tmp_path, python=runtime_python)
    try:
        sent, problems = smoke.drive(base_url)
    finally:
        stop_gunicorn(process)
    assert sent >= 4 * 10, sent  # presets x callbacks: the driver really reached the panels
    assert not problems, "\n".join(problems)
