"""gunicorn settings for ``gunicorn -c gunicorn.conf.py app:server``.

Workers. The work per request is CPU-bound (numba kernels, then plotly
building and serialising the figure, both holding the GIL for most of the
time), so parallelism comes from processes: ``WEB_CONCURRENCY`` workers,
default the number of CPUs this process may use (at least 2). Each worker
runs ``GUNICORN_THREADS`` (default 4) threads: the others overlap the cache
I/O (Redis / SQLite) with a computation, and while heavy computations queue
for their one-slot lane (``components/fairness.py``) light requests still
find a thread. ``max_requests`` (with jitter)
recycles a worker now and then to bound memory growth; with the app preloaded
a fresh worker is a cheap fork that already has the compiled kernels.

Pre-fork warm-up, and why it is fork-safe. ``preload_app = True``: the app
is imported once in the master, which compiles (or loads from
``NUMBA_CACHE_DIR``) every interactive numba kernel, then forks the workers,
which inherit the machine code copy-on-write: no worker compiles, and the
cold start is one warm-up, not one per worker; when cold it starts before the
app import (``_start_cold_compile``: fresh interpreters compile beside the
import, then the master joins them). Forking is only safe if the
master has no other threads at that moment (a thread holding a lock at fork
time leaves the lock held forever in the child):

- the kernels are serial ``@njit(cache=True, nogil=True)``: numba starts no
  thread pool unless a ``parallel=True`` kernel (or a ``target='parallel'``
  ufunc) runs, and none does;
- numpy's OpenBLAS starts its own thread pool when imported; the
  ``*_NUM_THREADS=1`` defaults below (set before the app is imported, so
  before numpy is) keep the master single-threaded, which is also the right
  setting for a server that already runs one worker per core;
- ``NUMBA_THREADING_LAYER`` defaults to ``workqueue``, numba's built-in layer,
  which is fork-safe (GNU OpenMP is not). Should someone add a
  ``parallel=True`` kernel: workqueue is not thread-safe, so either run with
  ``GUNICORN_THREADS=1`` or install TBB and set
  ``NUMBA_THREADING_LAYER=safe``; and warm such a kernel in ``post_fork``
  rather than in the master;
- ``when_ready`` (master, after the preload, before the first fork) checks
  that the master really has a single thread and that numba's parallel
  runtime was not started, and logs a warning naming the threads otherwise;
- the Redis client (flask-caching ``RedisCache``) uses redis-py's connection
  pool, which notices the fork (pid check) and opens new connections in each
  worker; the warm-up does not touch the cache anyway.

``timeout``: a worker silent for this long is killed and replaced. The
slowest figure is well under a second; 30 s leaves room for a first
uncached spectrum without letting a stuck worker hold a slot for long.
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")


def _start_cold_compile() -> None:
    """A cold numba cache (first start on a machine): start compiling the kernels now, so that they
    overlap the app's imports; the preload's warm-up then joins them and returns once the default
    figures' kernels are in, the rest compiling in the background (:mod:`migdal_core.warmup`)."""
    from components.settings import Settings
    from migdal_core import warmup

    if Settings.from_env().warm_up:
        warmup.start(defer=True)


_start_cold_compile()


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 2


bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "0")) or max(2, _usable_cpus())
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 20  # longer than a user's pause between slider moves: fewer reconnects (and close races)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeat files off a possibly slow overlay disk (containers)
# gunicorn >= 25 opens a management socket at $HOME/.gunicorn/gunicorn.ctl by default: one
# fixed path shared by every instance on the host (tests run several at once) and an extra
# control surface nobody here uses. Off unless GUNICORN_CONTROL_SOCKET names a path.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
accesslog = "-" if os.environ.get("ACCESS_LOG", "0") == "1" else None
access_log_format = '%(h)s %({x-worker-pid}o)s "%(r)s" %(s)s %(B)s %(M)sms'


def when_ready(server):
    """Master, app preloaded, no worker forked yet: check nothing runs threads."""
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        tasks = []
    if len(tasks) > 1:
        names = []
        for task in tasks:
            try:
                with open(f"/proc/self/task/{task}/comm") as comm:
                    names.append(comm.read().strip())
            except OSError:
                pass
        server.log.warning(
            "master has %d threads before forking workers (%s): forking is not safe; see gunicorn.conf.py",
            len(tasks),
            ", ".join(names),
        )
    try:
        from numba.np.ufunc import parallel
    except ImportError:
        return
    if getattr(parallel, "_is_initialized", False):
        server.log.warning(
            "numba's parallel threading layer was started in the master before fork; "
            "warm parallel kernels in post_fork instead"
        )
