"""The agency desk: incoming handovers, receipts, appointments, results ready."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("agency")


@bp.get("/agency")
def home() -> str:
    """The agency desk's home (a shell: its content is fetched from the API)."""
    return render_page("agency/home.html", roles=(Role.AGENCY_OFFICER,))
