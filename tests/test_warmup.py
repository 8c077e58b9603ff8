"""Start-up warm-up: the parallel cold compile claims each task once and leaves a warm cache."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba.core.registry import CPUDispatcher

import migdal_core
from devtools.dash_client import ROOT
from migdal_core import warmup
from migdal_core.numerics import sorted_small


def test_each_task_runs_once_however_many_claimants(tmp_path, monkeypatch):
    """Three claimants on one claim directory: every task runs exactly once (the O_EXCL work queue)."""
    runs = []
    monkeypatch.setattr(warmup, "TASKS", tuple(f"task{i}" for i in range(12)))
    monkeypatch.setattr(warmup, "DEFERRED", ("later0", "later1"))
    monkeypatch.setattr(warmup, "_run", runs.append)
    threads = [threading.Thread(target=warmup._claim_and_run, args=(str(tmp_path), 0, 14)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(runs) == sorted(warmup.TASKS + warmup.DEFERRED)
    assert warmup._all_done(str(tmp_path), 14)


def test_every_task_module_has_a_warm_up():
    for task in warmup.TASKS + warmup.DEFERRED:
        module, _, function = task.partition(":")
        assert callable(getattr(importlib.import_module(module), function or "warm_up")), task
        assert callable(importlib.import_module(module).warm_up), task


def test_cold_cache_is_filled_by_parallel_interpreters(tmp_path):
    """First start on a new machine, as a server starts: empty NUMBA_CACHE_DIR, two compiling lanes (this
    interpreter and a child), warm_up returns when the start-up tasks are in; the child goes on with the
    deferred kernels and then stamps the cache warm. A warm start then compiles nothing: the tasks cover
    every kernel the modules' warm-ups use.

    The stamp makes the next start skip the side-by-side pass; its absence would make
    every start pay two extra interpreters."""
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"), PYTHONPATH=str(ROOT))
    cold = "from migdal_core import warmup; warmup.start(2, defer=True); warmup.warm_up(2); print(warmup._stamp_path())"
    warm = (
        "from numba.core import event; from migdal_core import warmup; compiled = []\n"
        "class Count(event.Listener):\n"
        "    def on_start(self, e): compiled.append(e.data['dispatcher'].py_func.__qualname__)\n"
        "    def on_end(self, e): pass\n"
        "event.register('numba:compile', Count()); warmup.warm_up(jobs=2); print(compiled)"
    )
    outputs = []
    for code in (cold, warm):
        result = subprocess.run(
            [sys.executable, "-c", code],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(result.stdout.strip().splitlines()[-1])
        if code is cold:
            stamp = Path(outputs[0])
            deadline = time.monotonic() + 300
            while not stamp.exists() and time.monotonic() < deadline:  # the child, deferred kernels
                time.sleep(0.2)
            assert stamp.exists()
    cached = list((tmp_path / "numba").rglob("*.nbi"))
    assert len(cached) >= 10, cached  # index files of the compiled kernels, written by both lanes
    assert outputs[1] == "[]"


@settings(deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=40))
def test_sorted_small_is_np_sort(values):
    """The insertion sort the kernels use instead of numba's costly-to-compile np.sort."""
    array = np.array(values, dtype=np.float64)
    np.testing.assert_array_equal(sorted_small(array), np.sort(array))


def test_start_up_warms_every_module_that_has_kernels(monkeypatch):
    """Every ``warm_up`` in migdal_core runs at start-up (a new module's kernels are not forgotten)."""
    package = Path(migdal_core.__file__).parent
    names = sorted(
        ".".join(("migdal_core", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        for path in package.rglob("*.py")
        if path.name != "warmup.py" and re.search(r"^def warm_up\(", path.read_text(), re.MULTILINE)
    )
    called = set()
    for name in names:
        module = importlib.import_module(name)
        original = module.warm_up
        monkeypatch.setattr(
            module, "warm_up", lambda name=name, original=original: (called.add(name), original())
        )
    warmup.warm_up(jobs=1)
    assert len(names) >= 8, names
    assert set(names) <= called, set(names) - called


def test_every_kernel_skips_the_c_callable_wrapper():
    """numba builds a C-callable wrapper beside every kernel unless told not to; none is used (no kernel is
    passed around as a first-class function), and leaving them out cuts the cold compile by ~15 %
    (bench/bench_compile.py), most for the kernels that take a record (RecoilParams, CrystalParams)."""
    package = Path(migdal_core.__file__).parent
    kernels = []
    for path in package.rglob("*.py"):
        if "njit(" not in path.read_text():
            continue
        name = ".".join(("migdal_core", *path.relative_to(package).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        module = importlib.import_module(name)
        kernels += [
            f"{name}.{attr}"
            for attr, obj in vars(module).items()
            if isinstance(obj, CPUDispatcher)
            and obj.py_func.__module__ == name
            and not obj.targetoptions.get("no_cfunc_wrapper")
        ]
    assert not kernels


@pytest.mark.parametrize("defer", [True, False])
def test_cold_start_runs_one_interpreter_per_core_but_this_one(tmp_path, monkeypatch, defer):
    """start() launches jobs - 1 interpreters (here fakes that compile nothing); warm_up() joins the queue in
    this process, so every task still runs once, then loads every module. With ``defer`` (a server) it
    returns before the deferred tasks, left to the interpreters, the one that runs them (here: this process,
    as a lane) stamping the cache; without (``import app`` when a Docker image is built) it runs them too."""
    started = []

    def fake_interpreter(args, cwd):
        started.append(args)
        return SimpleNamespace(poll=lambda: 0, wait=lambda: 0)

    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(warmup.subprocess, "Popen", fake_interpreter)
    monkeypatch.setattr(warmup, "TASKS", ("a:one", "a:two", "b"))
    monkeypatch.setattr(warmup, "DEFERRED", ("c",))
    monkeypatch.setattr(warmup.os, "nice", lambda increment: None)
    runs = []
    monkeypatch.setattr(warmup, "_run", runs.append)
    warmup.start(jobs=3, defer=defer)
    warmup.start(jobs=3, defer=defer)  # a second call (a reloaded config) starts nothing more
    assert len(started) == 2
    warmup.warm_up(jobs=3)
    assert not warmup._STARTED
    if defer:
        assert runs == ["a:one", "a:two", "b", "a", "b"] and not warmup._stamp_path().exists()
        claims, stamp = started[0][-2:]
        warmup._lane(claims, stamp)  # what the interpreters do: the deferred task, then the stamp
        assert runs[-1] == "c" and not os.path.exists(claims)
    else:
        assert runs == ["a:one", "a:two", "b", "c", "a", "b", "c"]
    assert warmup._stamp_path().exists()
    warmup.start(jobs=3, defer=defer)  # warm: nothing to start
    assert len(started) == 2
