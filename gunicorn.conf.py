"""gunicorn settings for ``gunicorn -c gunicorn.conf.py app:server``.

The app (and so the numba warm-up, serial kernels only) is loaded in the
master before forking (``preload_app``): no threads exist at fork time, and
every worker starts with compiled kernels.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
preload_app = True
timeout = 60
graceful_timeout = 10
limit_request_line = 8190
accesslog = "-" if os.environ.get("ACCESS_LOG", "0") == "1" else None
