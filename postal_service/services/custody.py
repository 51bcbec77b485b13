"""Recording chain-of-custody events: scans, handovers, confirmations, deliveries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload, selectinload

from postal_service.access import Caller, item_scope
from postal_service.calendar import local_date
from postal_service.config import Settings
from postal_service.custody import CREATION_EVENTS
from postal_service.enums import EventType, FailureReason, IdType, LegKind, Role
from postal_service.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
)
from postal_service.models import Attachment, Courier, Item, TrackingEvent
from postal_service.security import IdNumberVault
from postal_service.services import intake, notifications
from postal_service.services.calendar import load_calendar, next_invitation_day
from postal_service.unit_of_work import UnitOfWork

E = EventType
# Who may record which event. Creation events have their own use cases.
ALLOWED_ROLES: dict[EventType, frozenset[Role]] = {
    E.PICKED_UP: frozenset({Role.COURIER}),
    E.RECEIVED_AT_POSTAL_POINT: frozenset({Role.CLERK, Role.COURIER}),
    E.DISPATCHED: frozenset({Role.CLERK}),
    E.HANDED_OVER: frozenset({Role.COURIER}),
    E.RECEIPT_CONFIRMED: frozenset({Role.AGENCY_OFFICER}),
    E.RECEIPT_REFUSED: frozenset({Role.AGENCY_OFFICER}),
    E.DELIVERED: frozenset({Role.COURIER}),
    E.DELIVERY_FAILED: frozenset({Role.COURIER}),
    E.COLLECTED_AT_COUNTER: frozenset({Role.CLERK}),
    E.RETURNED_TO_AGENCY: frozenset({Role.COURIER, Role.AGENCY_OFFICER}),
    E.CANCELLED: frozenset({Role.CLERK, Role.SUPERVISOR, Role.INTEGRATION}),
}
RECORDABLE_EVENTS = frozenset(ALLOWED_ROLES)


@dataclass(frozen=True)
class DeliveryProof:
    """What the courier checked at the door."""

    recipient_name: str
    id_type: IdType
    id_number: str
    is_proxy: bool = False
    authorisation_ref: str | None = None
    remarks: str | None = None
    attachment_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class EventRequest:
    """One event as reported by a device or a desk."""

    type: EventType
    occurred_at: datetime
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    note: str | None = None
    courier_code: str | None = None
    reason: FailureReason | None = None
    proof: DeliveryProof | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def scoped_item(uow: UnitOfWork, caller: Caller, code: str) -> Item:
    """The item ``code`` if the caller may see it (else 404), locked for an event."""
    # The row lock serialises concurrent events on one item, so each replay sees them all.
    # Only the events are loaded up front (the replay needs them); the dossier and the
    # couriers load on demand, which most events never need.
    item = uow.session.scalar(
        select(Item)
        .where(Item.s10_code == code, item_scope(caller))
        .options(
            lazyload(Item.dossier),
            lazyload(Item.courier),
            selectinload(Item.events).lazyload(TrackingEvent.courier),
        )
        .with_for_update(of=Item)
    )
    if item is None:
        raise NotFound(f"No item {code}")
    return item


def _check_attachments(uow: UnitOfWork, item: Item, ids: tuple[int, ...]) -> None:
    if not ids:
        return
    found = set(
        uow.session.scalars(
            select(Attachment.id).where(
                Attachment.id.in_(ids), Attachment.item_id == item.id
            )
        )
    )
    missing = sorted(set(ids) - found)
    if missing:
        raise InvalidInput(
            f"No image {missing[0]} was uploaded for this item",
            field="proof.attachment_ids",
        )


def _proof_record(
    item: Item, proof: DeliveryProof, vault: IdNumberVault
) -> dict[str, Any]:
    number = vault.normalise(proof.id_number)
    matches: bool | None = None
    if not proof.is_proxy and item.dossier.citizen_id_hash:
        matches = vault.matches(item.dossier.citizen_id_hash, number)
        if not matches:
            raise InvalidInput(
                "The ID number does not match the one given at intake; record a "
                "failed attempt with reason id_mismatch instead",
                field="proof.id_number",
            )
    if proof.is_proxy and not proof.authorisation_ref:
        raise InvalidInput(
            "A proxy must show an authorisation letter", field="proof.authorisation_ref"
        )
    return {
        "recipient_name": proof.recipient_name,
        "id_type": proof.id_type.value,
        "id_last4": number[-4:],
        "id_matches_intake": matches,
        "is_proxy": proof.is_proxy,
        "authorisation_ref": proof.authorisation_ref,
        "remarks": proof.remarks,
        "attachment_ids": list(proof.attachment_ids),
    }


def _event_details(
    uow: UnitOfWork, caller: Caller, item: Item, req: EventRequest, vault: IdNumberVault
) -> tuple[int | None, dict[str, Any] | None]:
    """The courier the event concerns and its proof, checked for the event's type."""
    courier_id = caller.courier_id if caller.role is Role.COURIER else None
    proof: dict[str, Any] | None = None
    if req.type is E.DISPATCHED:
        if not req.courier_code:
            raise InvalidInput(
                "Name the courier who takes the bag", field="courier_code"
            )
        courier = uow.session.scalar(
            select(Courier).where(Courier.code == req.courier_code)
        )
        if courier is None or courier.postal_point_id != caller.postal_point_id:
            raise InvalidInput(
                f"No courier {req.courier_code} at this postal point",
                field="courier_code",
            )
        courier_id = courier.id
    elif req.type is E.DELIVERED:
        if req.proof is None:
            raise InvalidInput("A delivery needs its proof", field="proof")
        _check_attachments(uow, item, req.proof.attachment_ids)
        proof = _proof_record(item, req.proof, vault)
    elif req.type is E.DELIVERY_FAILED:
        if req.reason is None:
            raise InvalidInput("Say why the delivery failed", field="reason")
        proof = {"reason": req.reason.value}
    elif req.type is E.COLLECTED_AT_COUNTER:
        if req.proof is None:
            raise InvalidInput(
                "A collection at the counter needs its proof", field="proof"
            )
        proof = _proof_record(item, req.proof, vault)
    return courier_id, proof


def check_recordable(caller: Caller, req: EventRequest) -> None:
    """Refuse creation events and events the caller's role may not record."""
    if req.type in CREATION_EVENTS or req.type not in ALLOWED_ROLES:
        raise InvalidInput(f"'{req.type.value}' is not recorded here", field="type")
    if caller.role not in ALLOWED_ROLES[req.type] and caller.role is not Role.ADMIN:
        raise Forbidden(
            f"The role '{caller.role.value}' may not record '{req.type.value}'"
        )


def check_occurred_at(
    created_at: datetime, req: EventRequest, *, settings: Settings, now: datetime
) -> None:
    """The device time may be a little ahead of ours, never before the item existed."""
    if req.occurred_at > now + timedelta(seconds=settings.max_future_skew_s):
        raise InvalidInput("occurred_at is in the future", field="occurred_at")
    if req.occurred_at < created_at - timedelta(seconds=settings.max_future_skew_s):
        raise InvalidInput(
            "occurred_at is before the item was registered", field="occurred_at"
        )


def record_event(
    uow: UnitOfWork,
    caller: Caller,
    code: str,
    req: EventRequest,
    *,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> tuple[Item, TrackingEvent]:
    """Append one event to an item's history and re-derive its state.

    The event keeps the time it happened on the device; if that is earlier than events
    already stored, the history is replayed in order and must still be legal.
    """
    check_recordable(caller, req)
    with uow:
        item = scoped_item(uow, caller, code)
        event = append_event(
            uow,
            caller,
            item,
            req,
            settings=settings,
            now=now,
            idempotency_key=idempotency_key,
        )
        try:
            uow.commit()
        except IntegrityError as exc:
            raise InvalidInput(
                "This Idempotency-Key was already used for another event of this item",
                field="Idempotency-Key",
            ) from exc
        return uow.fresh(Item, item.id), event


def append_event(
    uow: UnitOfWork,
    caller: Caller,
    item: Item,
    req: EventRequest,
    *,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
    courier_id: int | None = None,
) -> TrackingEvent:
    """Check and append one event inside the caller's transaction (no commit).

    Use cases that record several events at once (a handover) call this after their
    own permission checks; ``courier_id`` names the courier when the actor is not one.
    """
    check_occurred_at(item.created_at, req, settings=settings, now=now)
    vault = IdNumberVault(settings.id_encryption_key, settings.id_hash_key)
    event_courier, proof = _event_details(uow, caller, item, req, vault)
    event = TrackingEvent(
        type=req.type,
        occurred_at=req.occurred_at,
        recorded_at=now,
        actor_user_id=caller.user_id,
        actor_role=caller.role,
        courier_id=courier_id if courier_id is not None else event_courier,
        place=req.place,
        lat=req.lat,
        lon=req.lon,
        note=req.note,
        proof=proof,
        idempotency_key=idempotency_key,
    )
    check_invitation_date(item.next_attempt_on, req)
    item.apply(item.derive_with(event))
    item.events.append(event)
    if req.type is E.DELIVERY_FAILED:
        _after_failed_attempt(uow, caller, item, req, settings=settings, now=now)
    return event


def check_invitation_date(next_attempt_on: date | None, req: EventRequest) -> None:
    """After a failed delivery, no new attempt goes out before the invitation's day."""
    # TT 17 Art. 5.2.h: after a failed delivery the citizen is invited again, two
    # working days apart; the next attempt may not be sent out before that day.
    if (
        req.type is E.DISPATCHED
        and next_attempt_on is not None
        and local_date(req.occurred_at) < next_attempt_on
    ):
        raise Conflict(
            "The citizen was invited for a new delivery from "
            f"{next_attempt_on.strftime('%d/%m/%Y')}; not before",
            field="occurred_at",
        )


def _after_failed_attempt(
    uow: UnitOfWork,
    caller: Caller,
    item: Item,
    req: EventRequest,
    *,
    settings: Settings,
    now: datetime,
) -> None:
    """Invite the citizen again, or after the last invitation send the result back."""
    if item.leg_kind is not LegKind.RESULT:
        return
    if item.failed_attempts < settings.delivery_invitations:
        calendar = load_calendar(uow.session)
        item.next_attempt_on = next_invitation_day(
            calendar, local_date(req.occurred_at)
        )
        notifications.invite_again(
            uow.session, item, next_day=item.next_attempt_on, now=now
        )
        return
    uow.session.flush()  # the failed attempt gets its id, so the replay can order it
    closing = TrackingEvent(
        type=E.RETURNED_TO_AGENCY,
        occurred_at=req.occurred_at,
        recorded_at=now,
        actor_user_id=caller.user_id,
        actor_role=caller.role,
        courier_id=caller.courier_id,
        note="Tự động: hết số lần mời nhận, chuyển hoàn cơ quan",
    )
    item.apply(item.derive_with(closing))
    item.events.append(closing)
    item.next_attempt_on = None
    intake.new_item(
        uow,
        item.dossier,
        leg=LegKind.RETURN,
        creation=E.RETURN_REGISTERED,
        caller=caller,
        agency=item.dossier.agency,
        settings=settings,
        now=req.occurred_at,
        idempotency_key=None,
    )
    notifications.tell_returned(uow.session, item, now=now)


def cancel_item(
    uow: UnitOfWork,
    caller: Caller,
    code: str,
    *,
    reason: str,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> Item:
    """Cancel an item that has not left the postal point or the citizen's home."""
    item, _ = record_event(
        uow,
        caller,
        code,
        EventRequest(type=E.CANCELLED, occurred_at=now, note=reason),
        settings=settings,
        now=now,
        idempotency_key=idempotency_key,
    )
    return item
