"""The courier's phone: today's route, scans, proofs of delivery, offline queue."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("courier")


@bp.get("/courier")
def home() -> str:
    """The courier's home (a shell: its content is fetched from the API)."""
    return render_page("courier/home.html", roles=(Role.COURIER,))
