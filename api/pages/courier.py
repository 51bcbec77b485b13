"""The courier's phone: today's route, scans, proofs of delivery, offline queue.

One page, ``/courier``, whose views switch by the URL's hash (``#/map``,
``#/stop/2``…), so the app keeps running (and queueing) without reloads. A service
worker at ``/courier/sw.js`` (scope ``/courier``) keeps the page and its assets for
offline use; it never touches ``/api/`` calls: the page queues its own actions in
IndexedDB and syncs them through ``POST /sync`` (docs/pages.md).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, current_app, render_template, url_for
from flask.blueprints import BlueprintSetupState

from api.pages.common import page_blueprint, page_context, render_page
from postal_service.enums import Role

bp = page_blueprint("courier")

PAGE = "/courier"
WORKER = "/courier/sw.js"
# What the phone keeps for offline use, relative to the static folder.
ASSETS = (
    "css/app.css",
    "css/courier.css",
    "js/*.js",
    "js/courier/*.js",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/images/*.png",
)
# The worker runs under its own policy: it only ever fetches from this origin.
WORKER_POLICY = "default-src 'self'; connect-src 'self'; script-src 'self'"


def _shell() -> str:
    # The page context explicitly: the worker's route is not on the blueprint.
    return render_page("courier/home.html", roles=(Role.COURIER,), **page_context())


@bp.get(PAGE)
def home() -> str:
    """The courier's app (a shell: its content is fetched from the API)."""
    return _shell()


def asset_files(static: Path) -> list[Path]:
    """The static files the phone keeps, in a stable order."""
    return sorted(
        {p for pattern in ASSETS for p in static.glob(pattern) if p.is_file()}
    )


def service_worker() -> Response:
    """The service worker; its version changes with the page or any kept asset."""
    static = Path(current_app.static_folder or "")
    files = asset_files(static)
    urls = [url_for("static", filename=p.relative_to(static).as_posix()) for p in files]
    digest = hashlib.sha256(_shell().encode())
    for path in files:
        digest.update(path.read_bytes())
    body = render_template(
        "courier/sw.js",
        version=digest.hexdigest()[:16],
        page=PAGE,
        precache=[PAGE, *urls],
    )
    return Response(
        body,
        mimetype="text/javascript",
        headers={
            # Its default scope would be /courier/; the page itself is /courier.
            "Service-Worker-Allowed": PAGE,
            "Cache-Control": "no-cache",
            "Content-Security-Policy": WORKER_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


def _add_worker(state: BlueprintSetupState) -> None:
    # Not a page (not an HTML shell), so not on the pages blueprint whose routes the
    # page tests walk; registered on the app with the courier's blueprint.
    app: Flask = state.app
    app.add_url_rule(WORKER, "courier_service_worker", service_worker)


bp.record_once(_add_worker)
