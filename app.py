"""Migdal regimes explorer: Dash app factory and the WSGI ``server``.

Wiring only: build the layout from ``components``, register each panel's
callbacks, attach the cache, warm the numba kernels. ``gunicorn app:server``.
"""

from __future__ import annotations

from dash import Dash

from components import (
    layout,
    lecture,
    multiband_panel,
    nuclei_panel,
    phase_panel,
    presets,
    spectra_panel,
    url_state,
    vertex_panel,
)
from components.cache import init_cache
from components.delivery import apply_delivery
from components.rate_limit import apply_rate_limit
from components.response_cache import apply_response_cache
from components.security import apply_security
from components.settings import Settings
from migdal_core import warmup


def warm_up_kernels() -> None:
    """Compile (or load from the numba cache) every interactive kernel, on every core when cold."""
    warmup.warm_up()


def finish_dash_setup(app: Dash) -> None:
    """Run Dash's one-time server setup now, not in the first request.

    Dash registers the component-suite script paths in ``_setup_server``, a
    ``before_request`` hook that marks itself done *before* doing the work: a
    second thread of a fresh worker then serves a script while the paths are
    unregistered (500 "dash is not a registered library", a blank page; issue 11).
    Done here, it runs once in the gunicorn master before the workers fork, and
    the hook finds it done. Dash has no public call for it (dash 4.4).
    """
    with app.server.app_context():
        app._setup_server()


def create_app(settings: Settings | None = None) -> Dash:
    """Build the Dash app for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    app = Dash(
        __name__,
        title="Migdal regimes explorer",
        update_title=None,
        suppress_callback_exceptions=False,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    init_cache(app.server, settings)
    apply_delivery(app, settings)  # before apply_security: the CSP hashes the uncompressed page
    apply_security(app.server, settings)
    apply_rate_limit(app.server, settings)
    panels = [
        phase_panel.layout(),
        vertex_panel.layout(),
        spectra_panel.layout(),
        nuclei_panel.layout(),
        multiband_panel.layout(),
    ]
    app.layout = layout.page(panels)
    app.server.add_url_rule("/healthz", "healthz", lambda: ("ok", 200, {"Content-Type": "text/plain"}))
    url_state.register_callbacks(app)
    layout.register_callbacks(app)
    presets.register_callbacks(app, url_state.PRESET_ID)
    lecture.register_callbacks(app, url_state.PRESET_ID)
    phase_panel.register_callbacks(app)
    vertex_panel.register_callbacks(app)
    spectra_panel.register_callbacks(app)
    nuclei_panel.register_callbacks(app)
    multiband_panel.register_callbacks(app)
    apply_response_cache(app.server, settings.response_cache_mb * 1024 * 1024)  # last: see its module
    finish_dash_setup(app)
    if settings.warm_up:
        warm_up_kernels()
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(debug=Settings.from_env().debug, port=8050)
