"""HTML pages: Vietnamese shells whose data comes from the REST API (docs/pages.md)."""

from __future__ import annotations

from flask import Flask

from api.pages import agency, common, counter, courier, items, supervisor

BLUEPRINTS = (common.bp, counter.bp, courier.bp, agency.bp, supervisor.bp, items.bp)


def register(app: Flask) -> None:
    """Register every page blueprint and the static assets' headers."""
    for bp in BLUEPRINTS:
        app.register_blueprint(bp)
    common.install(app)
