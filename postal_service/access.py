"""Who is calling, and which items that caller may see: every item query goes through here."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Integer, and_, bindparam, false, or_, select, true
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
    bound = {
        Role.CLERK: caller.postal_point_id,
        Role.AGENCY_OFFICER: caller.agency_id,
        Role.COURIER: caller.courier_id,
    }
    if caller.role not in PROVINCE_WIDE and bound.get(caller.role) is None:
        return false()
    return _scope(
        caller.role, caller.postal_point_id, caller.courier_id, caller.agency_id
    )


@functools.cache
def item_scope_template(role: Role) -> ColumnElement[bool]:
    """:func:`item_scope` for a role, with the caller's ids as bind parameters.

    Built once per role, so a hot query can be built once too; execute it with
    :func:`scope_params`. An unbound id (NULL) matches no item, as in ``item_scope``.
    """
    return _scope(
        role,
        bindparam("scope_postal_point_id", type_=Integer),
        bindparam("scope_courier_id", type_=Integer),
        bindparam("scope_agency_id", type_=Integer),
    )


def scope_params(caller: Caller) -> dict[str, int | None]:
    """The bind parameters of :func:`item_scope_template` for ``caller``."""
    return {
        "scope_postal_point_id": caller.postal_point_id,
        "scope_courier_id": caller.courier_id,
        "scope_agency_id": caller.agency_id,
    }


def _scope(
    role: Role, postal_point_id: Any, courier_id: Any, agency_id: Any
) -> ColumnElement[bool]:
    if role in PROVINCE_WIDE:
        return true()
    if role is Role.CLERK:
        return Item.postal_point_id == cast(int, postal_point_id)
    if role is Role.AGENCY_OFFICER:
        return Item.agency_id == cast(int, agency_id)
    if role is Role.COURIER:
        waiting = and_(
            Item.state == ItemState.AWAITING_PICKUP,
            Item.postal_point_id == postal_point_id,
        )
        handled = aliased(TrackingEvent)
        carried = (
            select(handled.id)
            .where(handled.item_id == Item.id, handled.courier_id == courier_id)
            .correlate(Item)
            .exists()
        )
        return or_(Item.courier_id == courier_id, waiting, carried)
    return false()
