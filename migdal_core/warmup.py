"""Compile (or load from the numba cache) every interactive kernel, using every core when cold.

Each entry of ``TASKS`` names a module's ``warm_up`` or a part of it. Warm (the kernels are in
``NUMBA_CACHE_DIR``), ``warm_up()`` just runs every module's ``warm_up`` in this process: loading
is ~1 s. Cold (first start on a machine, or any source changed: then the cached kernels are
removed first, see :func:`_forget_compiled`), compiling them one after the other takes 20-40 s of CPU
(``bench/bench_compile.py``); so the tasks are compiled side by side on every core, each lane
claiming the next unclaimed task (an ``O_EXCL`` claim file per task: a work queue with no shared
state): ``jobs - 1`` fresh interpreters, started by :func:`start` as early as the caller likes (the
gunicorn config starts them before the app is imported, so they overlap its imports), and this
process, which joins the queue in :func:`warm_up` and then loads only what the others compiled.
Fresh interpreters (``subprocess``, not ``fork``), and compiling starts no thread here either, so
the caller (the gunicorn master) stays safe to fork. A stamp per source hash in the cache directory
tells warm from cold without compiling anything.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: The compile queue: ``module`` (its ``warm_up``) or ``module:function``, most expensive first (cold compile, CPU time,
#: ``bench/bench_compile.py``): the claim order is this order, so the long tasks start first and the
#: short ones fill the lanes at the end. Every task is independent of the others' compiled code (``tc``
#: compiles only its gap kernel here: its ``warm_up`` also calls the vertex tasks', loaded by then).
TASKS: tuple[str, ...] = (
    "migdal_core.spectra:warm_up_recoil",
    "migdal_core.spectra:warm_up_elf",
    "migdal_core.vertex.first_order",
    "migdal_core.vertex.crossed",
    "migdal_core.multiband",
    "migdal_core.tc:warm_up_gap",
)


def _run(task: str) -> None:
    module, _, function = task.partition(":")
    getattr(importlib.import_module(module), function or "warm_up")()


def _modules() -> list[str]:
    """The modules of :data:`TASKS`, each once: their whole ``warm_up`` runs in this process."""
    return list(dict.fromkeys(task.partition(":")[0] for task in TASKS))


def _source_stamp() -> str:
    """Hash of every migdal_core source file: a changed kernel means a cold cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _stamp_path() -> Path | None:
    cache_dir = os.environ.get("NUMBA_CACHE_DIR")
    return Path(cache_dir) / f"migdal-warm-{_source_stamp()}" if cache_dir else None


def _forget_compiled(cache_dir: Path) -> None:
    """Remove numba's cached kernels: numba checks only the source file of the kernel itself, so a kernel
    that calls (inlines) one from a changed file would keep the old callee's code."""
    for pattern in ("*.nbi", "*.nbc"):
        for path in cache_dir.rglob(pattern):
            path.unlink(missing_ok=True)


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class _ColdCompile:
    """One cold compile: a claim directory and the interpreters pulling tasks from it."""

    def __init__(self, interpreters: int) -> None:
        self._claims = tempfile.TemporaryDirectory(prefix="migdal-warm-")
        package_parent = Path(__file__).resolve().parent.parent
        self._lanes = [
            subprocess.Popen(
                [sys.executable, "-m", "migdal_core.warmup", self._claims.name], cwd=package_parent
            )
            for _ in range(interpreters)
        ]

    def join(self) -> None:
        """Compile in this process too until the queue is empty, then wait for the interpreters."""
        try:
            _claim_and_run(self._claims.name)
        finally:
            for lane in self._lanes:
                lane.wait()
            self._claims.cleanup()


#: The cold compile :func:`start` began, per stamp path, until :func:`warm_up` joins it.
_STARTED: dict[Path, _ColdCompile] = {}


def _claim_and_run(claims: str) -> None:
    for index, task in enumerate(TASKS):
        try:
            os.close(os.open(os.path.join(claims, str(index)), os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        _run(task)


def start(jobs: int | None = None) -> None:
    """Cold cache: start ``jobs - 1`` compiling interpreters now (``jobs``: default one per core), to
    overlap what this process does before :func:`warm_up`. Nothing when warm, without
    ``NUMBA_CACHE_DIR`` or when already started."""
    stamp = _stamp_path()
    if stamp is None or stamp.exists() or stamp in _STARTED:
        return
    if stamp.parent.is_dir():
        _forget_compiled(stamp.parent)
    _STARTED[stamp] = _ColdCompile(min(jobs or _usable_cpus(), len(TASKS)) - 1)


def warm_up(jobs: int | None = None) -> None:
    """Every kernel compiled and loaded in this process; when cold, compiled first on every core, this
    process one of the lanes (:func:`start`)."""
    stamp = _stamp_path()
    if stamp is not None and not stamp.exists():
        start(jobs)
        _STARTED.pop(stamp).join()
    for module in _modules():
        _run(module)
    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()


if __name__ == "__main__":
    _claim_and_run(sys.argv[1])
