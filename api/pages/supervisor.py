"""The supervisor's overview: plans per postal point, backlog, overdue, on-time rates."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("supervisor")
SUPERVISORS = (Role.SUPERVISOR, Role.ADMIN)


@bp.get("/supervisor")
def home() -> str:
    """A day's plans per postal point and the backlog by state."""
    return render_page("supervisor/home.html", roles=SUPERVISORS)


@bp.get("/supervisor/overdue")
def overdue() -> str:
    """Open items past their due time, most overdue first."""
    return render_page("supervisor/overdue.html", roles=SUPERVISORS)


@bp.get("/supervisor/on-time")
def on_time() -> str:
    """On-time rate by agency and by postal point for a period: charts and tables."""
    return render_page("supervisor/on_time.html", roles=SUPERVISORS)
