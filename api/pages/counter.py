"""The clerk's counter: intake, labels, home pickups, today's items, dispatch."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("counter")


@bp.get("/counter")
def home() -> str:
    """The counter's home (a shell: its content is fetched from the API)."""
    return render_page("counter/home.html", roles=(Role.CLERK,))
