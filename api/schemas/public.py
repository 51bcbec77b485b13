"""What anyone may see when tracking a dossier: no personal data unmasked."""

from __future__ import annotations

from marshmallow import Schema, fields

from postal_service.enums import EventType, ItemState, LegKind
from postal_service.labels import EVENT_LABELS, LEG_LABELS, STATE_LABELS
from postal_service.text import mask_name, mask_phone


class PublicEventOut(Schema):
    """A step of the history: what and when, not who or where exactly."""

    type = fields.Enum(EventType, by_value=True)
    label = fields.Function(lambda e: EVENT_LABELS[e.type])
    occurred_at = fields.AwareDateTime()


class PublicItemOut(Schema):
    """One leg as the public sees it."""

    s10_code = fields.String()
    leg_kind = fields.Enum(LegKind, by_value=True)
    leg_label = fields.Function(lambda i: LEG_LABELS[i.leg_kind])
    state = fields.Enum(ItemState, by_value=True)
    state_label = fields.Function(lambda i: STATE_LABELS[i.state])
    due_at = fields.AwareDateTime(allow_none=True)
    submitted_at = fields.AwareDateTime(allow_none=True)
    delivered_at = fields.AwareDateTime(allow_none=True)
    procedure_name = fields.String(attribute="dossier.procedure.name")
    agency_name = fields.String(attribute="dossier.agency.name")
    citizen_name = fields.Function(lambda i: mask_name(i.dossier.citizen_name))
    citizen_phone = fields.Function(lambda i: mask_phone(i.dossier.citizen_phone))
    events = fields.List(fields.Nested(PublicEventOut))


class TrackingOut(Schema):
    """Every leg found under the code."""

    code = fields.String()
    items = fields.List(fields.Nested(PublicItemOut))
