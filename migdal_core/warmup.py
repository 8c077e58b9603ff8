"""Compile (or load from the numba cache) every interactive kernel, using every core when cold.

Each entry of ``TASKS`` names a module's ``warm_up`` or a part of it, those of ``DEFERRED`` the
kernels of options no default figure uses. Warm (the kernels are in ``NUMBA_CACHE_DIR``),
``warm_up()`` just runs them all in this process: loading is ~1 s. Cold (first start on a machine, or
any source changed: then the cached kernels are removed first, see :func:`_forget_compiled`),
compiling them one after the other takes 20-30 s of CPU (``bench/bench_compile.py``); so the tasks
are compiled side by side on every core, each lane
claiming the next unclaimed task (an ``O_EXCL`` claim file per task: a work queue with no shared
state): ``jobs - 1`` fresh interpreters, started by :func:`start` as early as the caller likes (the
gunicorn config starts them before the app is imported, so they overlap its imports), and this
process, which joins the queue in :func:`warm_up` and then loads only what the others compiled. A
server starts them with ``defer``: then ``warm_up`` returns once ``TASKS`` are in, and the others go
on with ``DEFERRED`` in the background, at low priority, while the page is served.
Fresh interpreters (``subprocess``, not ``fork``), and compiling starts no thread here either, so
the caller (the gunicorn master) stays safe to fork. A stamp per source hash in the cache directory
tells warm from cold without compiling anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The compile queue: ``module`` (its ``warm_up``) or ``module:function``, most expensive first (cold compile, CPU time,
#: ``bench/bench_compile.py``): the claim order is this order, so the long tasks start first and the
#: short ones fill the lanes at the end. Every task is independent of the others' compiled code (``tc``
#: compiles only its gap kernel here: its ``warm_up`` also calls the vertex tasks', loaded by then).
TASKS: tuple[str, ...] = (
    "migdal_core.spectra:warm_up_recoil",
    "migdal_core.multiband",
    "migdal_core.vertex.first_order",
    "migdal_core.vertex.crossed",
    "migdal_core.tc:warm_up_gap",
)
#: Compiled after :data:`TASKS`; on a cold start in the background, once the page can be served, at low
#: priority: the kernels of options no default figure uses (the free-electron-gas ELF models, teaching
#: choices of the spectra panel). A request for one before they are in the cache compiles them itself.
DEFERRED: tuple[str, ...] = ("migdal_core.spectra:warm_up_electron_gas",)


def _run(task: str) -> None:
    module, _, function = task.partition(":")
    getattr(importlib.import_module(module), function or "warm_up")()


def _modules() -> list[str]:
    """The modules of :data:`TASKS`, each once: their whole ``warm_up`` runs in this process."""
    return list(dict.fromkeys(task.partition(":")[0] for task in TASKS))


def source_stamp(*packages: Path) -> str:
    """Hash of every source file of ``packages`` (default: migdal_core): a changed kernel means a cold
    numba cache; :mod:`components.cache` keys results on it too, so an upgrade never serves old ones."""
    digest = hashlib.sha256()
    for root in packages or (Path(__file__).resolve().parent,):
        for path in sorted(root.rglob("*.py")):
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _stamp_path() -> Path | None:
    cache_dir = os.environ.get("NUMBA_CACHE_DIR")
    return Path(cache_dir) / f"migdal-warm-{source_stamp()}" if cache_dir else None


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
    """One cold compile: a claim directory (a claim file per task when a lane takes it, a done file when it
    is compiled) and the interpreters pulling :data:`TASKS`, then :data:`DEFERRED`, from it; whoever finds
    every task done stamps the cache warm and removes the directory. ``defer``: :meth:`join` returns once
    :data:`TASKS` are compiled, the interpreters go on with :data:`DEFERRED` in the background."""

    def __init__(self, interpreters: int, stamp: Path, defer: bool) -> None:
        self._claims = tempfile.mkdtemp(prefix="migdal-warm-")
        package_parent = Path(__file__).resolve().parent.parent
        self.lanes = [
            subprocess.Popen(
                [sys.executable, "-m", "migdal_core.warmup", self._claims, str(stamp)], cwd=package_parent
            )
            for _ in range(interpreters)
        ]
        self.defer = defer and bool(self.lanes)

    def join(self) -> None:
        """Compile in this process too until no task is left unclaimed (with ``defer``, no task of
        :data:`TASKS`), then wait until the interpreters have compiled theirs (or exited: the caller's
        :func:`warm_up` then compiles what is missing)."""
        if self.defer:
            _claim_and_run(self._claims, 0, len(TASKS))
            while not _all_done(self._claims, len(TASKS)) and any(lane.poll() is None for lane in self.lanes):
                time.sleep(0.02)
            return
        _claim_and_run(self._claims, 0, len(TASKS) + len(DEFERRED))
        for lane in self.lanes:
            lane.wait()
        shutil.rmtree(self._claims, ignore_errors=True)


#: The cold compile :func:`start` began, per stamp path, until :func:`warm_up` joins it.
_STARTED: dict[Path, _ColdCompile] = {}


def _claim_and_run(claims: str, first: int, stop: int) -> None:
    """Run each task ``first`` ... ``stop - 1`` of :data:`TASKS` + :data:`DEFERRED` that nobody has claimed."""
    for index in range(first, stop):
        try:
            os.close(os.open(os.path.join(claims, str(index)), os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        _run((*TASKS, *DEFERRED)[index])
        os.close(os.open(os.path.join(claims, f"{index}.done"), os.O_CREAT | os.O_WRONLY))


def _all_done(claims: str, count: int) -> bool:
    return all(os.path.exists(os.path.join(claims, f"{index}.done")) for index in range(count))


def _lane(claims: str, stamp: str) -> None:
    """A compiling interpreter: every task it can claim, the deferred ones at low priority (the page may be
    served meanwhile); the one that finds all done stamps the cache."""
    count = len(TASKS) + len(DEFERRED)
    _claim_and_run(claims, 0, len(TASKS))
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)
    _claim_and_run(claims, len(TASKS), count)
    if _all_done(claims, count):
        with contextlib.suppress(OSError):  # the cache directory was removed meanwhile (a test's)
            Path(stamp).touch()
        shutil.rmtree(claims, ignore_errors=True)


def start(jobs: int | None = None, *, defer: bool = False) -> None:
    """Cold cache: start ``jobs - 1`` compiling interpreters now (``jobs``: default one per core), to
    overlap what this process does before :func:`warm_up`; ``defer``: let :func:`warm_up` return once
    :data:`TASKS` are compiled (a server: the page first). Nothing when warm, without ``NUMBA_CACHE_DIR``
    or when already started."""
    stamp = _stamp_path()
    if stamp is None or stamp.exists() or stamp in _STARTED:
        return
    if stamp.parent.is_dir():
        _forget_compiled(stamp.parent)
    _STARTED[stamp] = _ColdCompile(min(jobs or _usable_cpus(), len(TASKS)) - 1, stamp, defer)


def warm_up(jobs: int | None = None) -> None:
    """Every kernel compiled and loaded in this process; when cold, compiled first on every core, this
    process one of the lanes (:func:`start`; with its ``defer``, :data:`DEFERRED` is left to the other
    lanes, in the background, and loads on first use)."""
    stamp = _stamp_path()
    in_background = False
    if stamp is not None and not stamp.exists():
        start(jobs)
        cold = _STARTED.pop(stamp)
        cold.join()
        in_background = cold.defer
    for module in _modules():
        _run(module)
    if in_background:
        return
    for task in DEFERRED:
        _run(task)
    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()


if __name__ == "__main__":
    _lane(*sys.argv[1:3])
