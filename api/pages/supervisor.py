"""The supervisor's overview: plans per postal point, backlog, overdue, on-time rates."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("supervisor")


@bp.get("/supervisor")
def home() -> str:
    """The supervisor's home (a shell: its content is fetched from the API)."""
    return render_page("supervisor/home.html", roles=(Role.SUPERVISOR, Role.ADMIN))
