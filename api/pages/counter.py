"""The clerk's counter: intake, labels, home pickups, today's items, dispatch, day plan.

Every view renders a shell; the scripts in ``static/js/counter/`` fetch and post
everything through ``/api/v1`` with the clerk's token (docs/pages.md).
"""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("counter")
CLERK = (Role.CLERK,)


@bp.get("/counter")
def home() -> str:
    """The counter's home: what waits at the postal point, today's plan, shortcuts."""
    return render_page("counter/home.html", roles=CLERK)


@bp.get("/counter/intake")
def intake() -> str:
    """Register a dossier brought to the counter, then print its label and note."""
    return render_page("counter/intake.html", roles=CLERK)


@bp.get("/counter/pickup")
def pickup() -> str:
    """Register a home pickup of a dossier at the citizen's address."""
    return render_page("counter/pickup.html", roles=CLERK)


@bp.get("/counter/items")
def items() -> str:
    """The postal point's items, most urgent first, with the clerk's actions."""
    return render_page("counter/items.html", roles=CLERK)


@bp.get("/counter/dispatch")
def dispatch() -> str:
    """Hand bags to a courier of the postal point (``dispatched`` per item)."""
    return render_page("counter/dispatch.html", roles=CLERK)


@bp.get("/counter/plan")
def plan() -> str:
    """Plan the postal point's day for its couriers, review it and publish it."""
    return render_page("counter/plan.html", roles=CLERK)
