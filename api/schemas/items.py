"""Schemas of dossiers, items and tracking events."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from api.fields import AwareDateTime, DossierCode, Phone, Text, latitude, longitude
from postal_service.communes import find_commune
from postal_service.custody import allowed_events
from postal_service.enums import (
    EventType,
    FailureReason,
    IdType,
    ItemState,
    LegKind,
    ServiceType,
)
from postal_service.labels import STATE_LABELS
from postal_service.services.custody import RECORDABLE_EVENTS, DeliveryProof
from postal_service.text import mask_id

ID_NUMBER = {IdType.CCCD: r"^\d{12}$", IdType.PASSPORT: r"^[A-Z]\d{7,8}$"}


class CitizenIn(Schema):
    """The applicant's contact."""

    name = Text(required=True, max_length=120)
    phone = Phone(required=True)
    address = Text(required=True, max_length=300)
    commune_code = fields.Integer(required=True, strict=True)
    lat = latitude(load_default=None)
    lon = longitude(load_default=None)
    id_type = fields.Enum(IdType, by_value=True, load_default=None)
    id_number = Text(max_length=20, load_default=None)

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ValidationError(
                "Give both lat and lon, or neither.", field_name="lat"
            )
        if data.get("id_number") and not data.get("id_type"):
            raise ValidationError("Say which document the number is from.", "id_type")
        id_type, number = data.get("id_type"), data.get("id_number")
        pattern = ID_NUMBER[id_type] if id_type else None
        if (
            pattern
            and number
            and not re.match(pattern, number.replace(" ", "").upper())
        ):
            raise ValidationError(f"Not a valid {id_type.value} number.", "id_number")
        if find_commune(data["commune_code"]) is None:
            raise ValidationError("No such commune code.", "commune_code")


class DocumentIn(Schema):
    """One document received, as named on the procedure's published list."""

    name = Text(required=True, max_length=300)
    original = fields.Boolean(required=True)
    copies = fields.Integer(load_default=0, strict=True, validate=validate.Range(0, 20))


class DossierIn(Schema):
    """A dossier registered at the counter or for a home pickup."""

    procedure_code = Text(required=True, max_length=30)
    service_type = fields.Enum(ServiceType, by_value=True, required=True)
    citizen = fields.Nested(CitizenIn, required=True)
    documents = fields.List(
        fields.Nested(DocumentIn), load_default=list, validate=validate.Length(max=50)
    )
    dossier_code = DossierCode(load_default=None)
    fee_vnd = fields.Integer(
        load_default=0, strict=True, validate=validate.Range(0, 100_000_000)
    )
    note = Text(max_length=500, load_default=None)
    postal_point_code = Text(max_length=20, load_default=None)
    appointment_date = fields.Date(load_default=None)


class ResultDossierIn(DossierIn):
    """The dossier of a result whose dossier we never carried (filed online)."""

    class Meta:
        exclude = ("dossier_code", "service_type")


class ResultReadyIn(Schema):
    """An agency says the result of a dossier is ready for the post to collect."""

    dossier_code = DossierCode(required=True)
    appointment_date = fields.Date(load_default=None)
    dossier = fields.Nested(ResultDossierIn, load_default=None)


class DeliveryProofIn(Schema):
    """What the courier checked at the door."""

    recipient_name = Text(required=True, max_length=120)
    id_type = fields.Enum(IdType, by_value=True, required=True)
    id_number = Text(required=True, max_length=20)
    is_proxy = fields.Boolean(load_default=False)
    authorisation_ref = Text(max_length=100, load_default=None)
    remarks = Text(max_length=500, load_default=None)
    attachment_ids = fields.List(
        fields.Integer(strict=True),
        load_default=list,
        validate=validate.Length(max=5),
        metadata={"description": "Ids of uploaded signature/photo/letter images."},
    )

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> DeliveryProof:
        return DeliveryProof(
            **{**data, "attachment_ids": tuple(data["attachment_ids"])}
        )


class EventIn(Schema):
    """One chain-of-custody event, with the time it happened on the device."""

    type = fields.Enum(
        EventType,
        by_value=True,
        required=True,
        validate=validate.OneOf(sorted(RECORDABLE_EVENTS)),
    )
    occurred_at = AwareDateTime(required=True)
    place = Text(max_length=200, load_default=None)
    lat = latitude(load_default=None)
    lon = longitude(load_default=None)
    note = Text(max_length=500, load_default=None)
    courier_code = Text(max_length=20, load_default=None)
    reason = fields.Enum(FailureReason, by_value=True, load_default=None)
    proof = fields.Nested(DeliveryProofIn, load_default=None)


class CancelIn(Schema):
    """Why an item is cancelled."""

    reason = Text(required=True, max_length=500)


class ItemQueryIn(Schema):
    """Filters and page of the item list."""

    state = fields.Enum(ItemState, by_value=True, load_default=None)
    leg_kind = fields.Enum(LegKind, by_value=True, load_default=None)
    postal_point = Text(max_length=20, load_default=None)
    agency = Text(max_length=20, load_default=None)
    due_before = AwareDateTime(load_default=None)
    due_after = AwareDateTime(load_default=None)
    dossier_code = DossierCode(load_default=None)
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class EventOut(Schema):
    """A stored event as staff see it."""

    id = fields.Integer()
    type = fields.Enum(EventType, by_value=True)
    occurred_at = fields.AwareDateTime()
    recorded_at = fields.AwareDateTime()
    actor_role = fields.String(attribute="actor_role.value", allow_none=True)
    courier_code = fields.String(attribute="courier.code", allow_none=True)
    place = fields.String(allow_none=True)
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    note = fields.String(allow_none=True)
    proof = fields.Dict(allow_none=True)


class CitizenOut(Schema):
    """The citizen's contact for those who handle the item; the ID number only masked."""

    name = fields.String(attribute="citizen_name")
    phone = fields.String(attribute="citizen_phone")
    address = fields.String(attribute="citizen_address")
    commune_code = fields.Integer(attribute="citizen_commune_code")
    commune_name = fields.Function(
        lambda d: c.name if (c := find_commune(d.citizen_commune_code)) else None
    )
    id_type = fields.String(attribute="citizen_id_type.value", allow_none=True)
    id_number_masked = fields.Function(lambda d: mask_id(d.citizen_id_last4))


class ItemBriefOut(Schema):
    """An item in a list."""

    s10_code = fields.String()
    leg_kind = fields.Enum(LegKind, by_value=True)
    state = fields.Enum(ItemState, by_value=True)
    state_label = fields.Function(lambda i: STATE_LABELS[i.state])
    dossier_code = fields.String(attribute="dossier.dossier_code", allow_none=True)
    postal_point_code = fields.String(attribute="dossier.postal_point.code")
    agency_code = fields.String(attribute="dossier.agency.code")
    courier_code = fields.String(attribute="courier.code", allow_none=True)
    due_at = fields.AwareDateTime(allow_none=True)
    last_event_at = fields.AwareDateTime()
    failed_attempts = fields.Integer()


class DossierOut(Schema):
    """A dossier with its contact and legs."""

    dossier_code = fields.String(allow_none=True)
    procedure_code = fields.String(attribute="procedure.national_code")
    procedure_name = fields.String(attribute="procedure.name")
    agency_code = fields.String(attribute="agency.code")
    agency_name = fields.String(attribute="agency.name")
    postal_point_code = fields.String(attribute="postal_point.code")
    service_type = fields.Enum(ServiceType, by_value=True)
    appointment_date = fields.Date(allow_none=True)
    documents = fields.List(fields.Dict())
    fee_vnd = fields.Integer()
    note = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    citizen = fields.Function(lambda d: CitizenOut().dump(d))
    items = fields.List(fields.Nested(ItemBriefOut))


class ItemDossierOut(DossierOut):
    """The dossier of one item (its legs are listed by the item list)."""

    class Meta:
        exclude = ("items",)


def _on_time(item: Any) -> bool | None:
    done = item.submitted_at or item.delivered_at
    if done is None or item.due_at is None:
        return None
    return bool(done <= item.due_at)


class ItemOut(ItemBriefOut):
    """An item with its dossier and full chain of custody."""

    origin_kind = fields.String(attribute="origin_kind.value")
    destination_kind = fields.String(attribute="destination_kind.value")
    home_address = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    submitted_at = fields.AwareDateTime(
        allow_none=True,
        metadata={
            "description": "Legal submission time: the agency confirmed receipt."
        },
    )
    delivered_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    on_time = fields.Function(_on_time, allow_none=True)
    allowed_events = fields.Function(
        lambda i: [e.value for e in allowed_events(i.leg_kind, i.state)]
    )
    dossier = fields.Nested(ItemDossierOut)
    events = fields.List(fields.Nested(EventOut))


class RecordedEventOut(EventOut):
    """The event just stored."""

    courier_code = fields.String(allow_none=True)


class EventRecordedOut(Schema):
    """What an event post answers: the item's state after the event, and the event.

    The dossier and the full history are at ``GET /items/{code}``.
    """

    s10_code = fields.String()
    leg_kind = fields.Enum(LegKind, by_value=True)
    state = fields.Enum(ItemState, by_value=True)
    state_label = fields.Function(lambda i: STATE_LABELS[i.state])
    courier_code = fields.String(allow_none=True)
    due_at = fields.AwareDateTime(allow_none=True)
    last_event_at = fields.AwareDateTime()
    submitted_at = fields.AwareDateTime(
        allow_none=True,
        metadata={
            "description": "Legal submission time: the agency confirmed receipt."
        },
    )
    delivered_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    failed_attempts = fields.Integer()
    next_attempt_on = fields.Date(
        allow_none=True,
        metadata={"description": "After a failed delivery: not sent out before."},
    )
    on_time = fields.Function(_on_time, allow_none=True)
    allowed_events = fields.Function(
        lambda i: [e.value for e in allowed_events(i.leg_kind, i.state)]
    )
    event = fields.Nested(RecordedEventOut)


class ItemPageOut(Schema):
    """One page of items."""

    items = fields.List(fields.Nested(ItemBriefOut))
    page = fields.Integer()
    page_size = fields.Integer()
    total = fields.Integer()


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def dump_recorded(recorded: Any) -> dict[str, Any]:
    """``EventRecordedOut().dump(recorded)``, built directly: the event post's hot path.

    A marshmallow dump of this flat record costs more than the rest of the view's
    Python; ``tests/api/test_recorded_dump.py`` holds the two equal.
    """
    event = recorded.event
    out_event: dict[str, Any] = {
        "id": event.id,
        "type": event.type.value,
        "occurred_at": event.occurred_at.isoformat(),
        "recorded_at": event.recorded_at.isoformat(),
    }
    if event.actor_role is not None:  # the schema's "actor_role.value" skips None
        out_event["actor_role"] = event.actor_role.value
    out_event["courier_code"] = event.courier_code
    out_event["place"] = event.place
    out_event["lat"] = None if event.lat is None else float(event.lat)
    out_event["lon"] = None if event.lon is None else float(event.lon)
    out_event["note"] = event.note
    out_event["proof"] = None if event.proof is None else dict(event.proof)
    return {
        "s10_code": recorded.s10_code,
        "leg_kind": recorded.leg_kind.value,
        "state": recorded.state.value,
        "state_label": STATE_LABELS[recorded.state],
        "courier_code": recorded.courier_code,
        "due_at": _iso(recorded.due_at),
        "last_event_at": recorded.last_event_at.isoformat(),
        "submitted_at": _iso(recorded.submitted_at),
        "delivered_at": _iso(recorded.delivered_at),
        "closed_at": _iso(recorded.closed_at),
        "failed_attempts": int(recorded.failed_attempts),
        "next_attempt_on": _iso(recorded.next_attempt_on),
        "on_time": _on_time(recorded),
        "allowed_events": [
            e.value for e in allowed_events(recorded.leg_kind, recorded.state)
        ],
        "event": out_event,
    }
