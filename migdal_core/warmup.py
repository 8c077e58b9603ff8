"""Compile (or load from the numba cache) every interactive kernel, using every core when cold.

Each entry of ``TASKS`` names a module's ``warm_up`` or a part of it. Warm (the kernels are in
``NUMBA_CACHE_DIR``), ``warm_up()`` just runs every module's ``warm_up`` in this process: loading
is ~1 s. Cold (first start on a machine, or any source changed: then the cached kernels are
removed first, see :func:`_forget_compiled`), compiling them one after the other takes 20-40 s of CPU
(``bench/bench_compile.py``); so the tasks are first compiled into the cache by
``jobs`` fresh interpreters side by side, each claiming the next unclaimed
task (an ``O_EXCL`` claim file per task: a work queue with no shared state),
and this process then only loads. Fresh interpreters (``subprocess``, not
``fork``), so the caller (the gunicorn master) starts no thread and stays
safe to fork. A stamp per source hash in the cache directory tells warm from
cold without compiling anything.
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


def _compile_side_by_side(jobs: int) -> None:
    """Fill the numba cache with ``jobs`` interpreters pulling tasks from a claim directory."""
    with tempfile.TemporaryDirectory(prefix="migdal-warm-") as claims:
        package_parent = Path(__file__).resolve().parent.parent
        processes = [
            subprocess.Popen([sys.executable, "-m", "migdal_core.warmup", claims], cwd=package_parent)
            for _ in range(jobs)
        ]
        for process in processes:
            process.wait()


def _claim_and_run(claims: str) -> None:
    for index, task in enumerate(TASKS):
        try:
            os.close(os.open(os.path.join(claims, str(index)), os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        _run(task)


def warm_up(jobs: int | None = None) -> None:
    """Every kernel compiled and loaded in this process; in parallel first if the cache is cold."""
    stamp = _stamp_path()
    jobs = min(jobs or _usable_cpus(), len(TASKS))
    if stamp is not None and not stamp.exists():
        if stamp.parent.is_dir():
            _forget_compiled(stamp.parent)
        if jobs > 1:
            _compile_side_by_side(jobs)
    for module in _modules():
        _run(module)
    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()


if __name__ == "__main__":
    _claim_and_run(sys.argv[1])
