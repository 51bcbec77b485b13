"""The agency desk: incoming handovers, receipts, appointments, results ready."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("agency")
OFFICER = (Role.AGENCY_OFFICER,)


@bp.get("/agency")
def home() -> str:
    """Incoming handovers, open ones first, and items handed over outside a handover."""
    return render_page("agency/home.html", roles=OFFICER)


@bp.get("/agency/handover")
def handover() -> str:
    """One handover (``?id=``): count each item, appointment dates, confirm."""
    return render_page("agency/handover.html", roles=OFFICER)


@bp.get("/agency/results")
def results() -> str:
    """Say a dossier's result is ready; the results waiting for a courier."""
    return render_page("agency/results.html", roles=OFFICER)


@bp.get("/agency/items")
def items() -> str:
    """The agency's outstanding items with their due dates, overdue ones first."""
    return render_page("agency/items.html", roles=OFFICER)
