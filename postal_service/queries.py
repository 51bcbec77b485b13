"""Read-side queries: one item, lists with filters, public tracking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from postal_service.access import Caller, item_scope
from postal_service.enums import ItemState, LegKind
from postal_service.errors import NotFound
from postal_service.models import Agency, Dossier, Item, PostalPoint
from postal_service.s10 import is_valid
from postal_service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ItemFilter:
    """Filters of the item list; None means 'any'."""

    state: ItemState | None = None
    leg_kind: LegKind | None = None
    postal_point_code: str | None = None
    agency_code: str | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None
    dossier_code: str | None = None


@dataclass(frozen=True)
class Page:
    """One page of a list."""

    items: list[Item]
    page: int
    page_size: int
    total: int


def item_detail(uow: UnitOfWork, caller: Caller, code: str) -> Item:
    """One item with its dossier and full history, if the caller handles it."""
    with uow:
        item = uow.session.scalar(
            select(Item).where(Item.s10_code == code, item_scope(caller))
        )
        if item is None:
            raise NotFound(f"No item {code}")
        return item


def list_items(
    uow: UnitOfWork, caller: Caller, flt: ItemFilter, *, page: int, page_size: int
) -> Page:
    """Items the caller handles, most urgent first, one page at a time."""
    query = select(Item).where(item_scope(caller))
    if flt.state:
        query = query.where(Item.state == flt.state)
    if flt.leg_kind:
        query = query.where(Item.leg_kind == flt.leg_kind)
    if flt.postal_point_code:
        query = query.join(PostalPoint, PostalPoint.id == Item.postal_point_id).where(
            PostalPoint.code == flt.postal_point_code
        )
    if flt.agency_code:
        query = query.join(Agency, Agency.id == Item.agency_id).where(
            Agency.code == flt.agency_code
        )
    if flt.due_before:
        query = query.where(Item.due_at < flt.due_before)
    if flt.due_after:
        query = query.where(Item.due_at >= flt.due_after)
    if flt.dossier_code:
        query = query.join(Dossier, Dossier.id == Item.dossier_id).where(
            Dossier.dossier_code == flt.dossier_code
        )
    with uow:
        total = (
            uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        )
        rows = uow.session.scalars(
            query.order_by(Item.due_at.asc(), Item.id.asc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        return Page(list(rows), page, page_size, total)


def track(uow: UnitOfWork, code: str) -> list[Item]:
    """Items found by S10 code or one-stop dossier code, for the public tracking page."""
    code = code.strip().upper()
    with uow:
        if is_valid(code):
            item = uow.session.scalar(select(Item).where(Item.s10_code == code))
            items = [item] if item else []
        else:
            items = list(
                uow.session.scalars(
                    select(Item)
                    .join(Dossier, Dossier.id == Item.dossier_id)
                    .where(Dossier.dossier_code == code)
                    .order_by(Item.id)
                )
            )
        if not items:
            raise NotFound(f"Nothing to track under {code}")
        return items
