"""The Dockerfile (no Docker engine here): its command is the one the live-server tests run."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_cmd_is_the_gunicorn_command_the_tests_serve():
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE).group(1))
    # tests/conftest.py's live server runs `python -m gunicorn -c gunicorn.conf.py app:server`
    assert cmd == ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]


def test_non_root_writable_numba_cache_warm_build_and_healthcheck():
    assert re.search(r"^USER (?!root)\w+", DOCKERFILE, re.MULTILINE)
    assert "NUMBA_CACHE_DIR=/var/cache/numba" in DOCKERFILE
    assert 'RUN python -c "import app"' in DOCKERFILE  # kernels compiled at build
    assert "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE
    assert DOCKERFILE.startswith("# ") and "FROM python:3.11-slim" in DOCKERFILE


def test_dockerignore_keeps_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".git", ".venv", ".numba-cache"):
        assert entry in ignored
