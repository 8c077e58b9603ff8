# Migdal regimes explorer: gunicorn serving app:server on port 8050.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NUMBA_CACHE_DIR=/var/cache/numba \
    CACHE_DIR=/var/cache/migdal-explorer \
    HOST=0.0.0.0 \
    PORT=8050

RUN useradd --create-home --uid 10001 explorer \
 && mkdir -p /var/cache/numba /var/cache/migdal-explorer \
 && chown -R explorer /var/cache/numba /var/cache/migdal-explorer \
 && chmod 700 /var/cache/migdal-explorer

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=explorer . .

USER explorer
# Compile every numba kernel into NUMBA_CACHE_DIR now, so containers start warm.
RUN python -c "import app"

EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8050'), timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
