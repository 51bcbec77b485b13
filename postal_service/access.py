"""Who is calling, and which items that caller may see: every item query goes through here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import aliased

from postal_service.enums import ItemState, Role
from postal_service.errors import Forbidden
from postal_service.models import Item, TrackingEvent


@dataclass(frozen=True)
class Caller:
    """An authenticated user and what they are bound to."""

    user_id: int
    role: Role
    postal_point_id: int | None = None
    courier_id: int | None = None
    agency_id: int | None = None

    def require(self, *roles: Role) -> None:
        """Raise ``Forbidden`` unless the caller has one of ``roles``."""
        if self.role not in roles:
            raise Forbidden(f"The role '{self.role.value}' may not do this")


PROVINCE_WIDE = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.INTEGRATION})


def item_scope(caller: Caller) -> ColumnElement[bool]:
    """A WHERE clause limiting items to those the caller handles.

    A clerk sees their postal point's items; an agency officer the items to or from
    their agency; a courier the items they hold or have carried (so an offline event
    that syncs after the bag changed hands is not lost) plus their postal point's
    pickups still waiting for a courier (until routes assign them).
    """
    if caller.role in PROVINCE_WIDE:
        return true()
    if caller.role is Role.CLERK and caller.postal_point_id is not None:
        return Item.postal_point_id == caller.postal_point_id
    if caller.role is Role.AGENCY_OFFICER and caller.agency_id is not None:
        return Item.agency_id == caller.agency_id
    if caller.role is Role.COURIER and caller.courier_id is not None:
        waiting = and_(
            Item.state == ItemState.AWAITING_PICKUP,
            Item.postal_point_id == caller.postal_point_id,
        )
        handled = aliased(TrackingEvent)
        carried = (
            select(handled.id)
            .where(handled.item_id == Item.id, handled.courier_id == caller.courier_id)
            .correlate(Item)
            .exists()
        )
        return or_(Item.courier_id == caller.courier_id, waiting, carried)
    return false()
