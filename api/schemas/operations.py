"""Schemas of the offline sync batch, the calendar and the transit targets."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import S10Code, Text
from api.schemas.items import EventIn
from postal_service.enums import TransitScope


class SyncEventIn(EventIn):
    """One event from a device's offline queue."""

    item_code = S10Code(required=True)
    client_event_id = Text(
        required=True,
        max_length=200,
        metadata={"description": "Unique per event, made on the device (a UUID)."},
    )


class SyncIn(Schema):
    """A device's offline queue, in any order."""

    events = fields.List(
        fields.Nested(SyncEventIn), required=True, validate=validate.Length(1, 500)
    )


class SyncResultOut(Schema):
    """What became of one queued event."""

    client_event_id = fields.String()
    item_code = fields.String()
    outcome = fields.String(metadata={"enum": ["recorded", "duplicate", "rejected"]})
    detail = fields.String(allow_none=True)
    state = fields.String(allow_none=True)


class SyncOut(Schema):
    """Results in the order the events were sent."""

    results = fields.List(fields.Nested(SyncResultOut))


class DayOut(Schema):
    """A holiday, a day off or a swapped working day."""

    day = fields.Date()
    working = fields.Boolean()
    reason = fields.String()
    overridden = fields.Boolean()


class YearOut(Schema):
    """The non-ordinary days of a year."""

    year = fields.Integer()
    days = fields.List(fields.Nested(DayOut))


class OverrideIn(Schema):
    """Make a day a working day (swapped Saturday) or a day off."""

    working = fields.Boolean(required=True)
    note = Text(required=True, max_length=200)


class TransitTargetIn(Schema):
    """J+n for one scope."""

    days = fields.Integer(required=True, strict=True, validate=validate.Range(1, 30))
    days_with_slip = fields.Integer(
        required=True, strict=True, validate=validate.Range(1, 30)
    )


class TransitTargetOut(Schema):
    """J+n for one scope."""

    scope = fields.Enum(TransitScope, by_value=True)
    days = fields.Integer()
    days_with_slip = fields.Integer()
