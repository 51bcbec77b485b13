"""The item page every staff role shares: one item's dossier, legs and custody history."""

from __future__ import annotations

from api.pages.common import page_blueprint, render_page
from postal_service.enums import Role

bp = page_blueprint("items")

# Everyone who works with items in a browser; the API decides which items each may see.
STAFF = (Role.CLERK, Role.COURIER, Role.AGENCY_OFFICER, Role.SUPERVISOR, Role.ADMIN)


@bp.get("/item/<code>")
def item(code: str) -> str:
    """One item (a shell: the code is read from the URL by the page's script).

    The code is not rendered: an unknown code and another's item look the same.
    """
    del code
    return render_page("items/item.html", roles=STAFF)
