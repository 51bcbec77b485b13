"""Schemas of handover records."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import AwareDateTime, S10Code, Text
from postal_service.enums import HandoverKind, HandoverStatus, LineOutcome


class HandoverOpenIn(Schema):
    """A courier lists the items handed to (or collected from) an agency."""

    agency_code = Text(required=True, max_length=20)
    kind = fields.Enum(HandoverKind, by_value=True, required=True)
    item_codes = fields.List(S10Code(), required=True, validate=validate.Length(1, 500))
    occurred_at = AwareDateTime(
        load_default=None,
        metadata={
            "description": "When the courier handed over, as the phone saw it (an "
            "offline queue sends it later); default: when the server receives it."
        },
    )


class LineCountIn(Schema):
    """What the officer found for one item."""

    item_code = S10Code(required=True)
    outcome = fields.Enum(
        LineOutcome,
        by_value=True,
        required=True,
        validate=validate.OneOf(
            [o for o in LineOutcome if o is not LineOutcome.PENDING]
        ),
    )
    note = Text(max_length=500, load_default=None)
    appointment_date = fields.Date(load_default=None)


class HandoverConfirmIn(Schema):
    """The officer's count and signature."""

    officer_name = Text(required=True, max_length=120)
    lines = fields.List(
        fields.Nested(LineCountIn), required=True, validate=validate.Length(1, 500)
    )


class HandoverQueryIn(Schema):
    """Filter of the handover list."""

    status = fields.Enum(HandoverStatus, by_value=True, load_default=None)


class HandoverLineOut(Schema):
    """One item of a handover."""

    item_code = fields.String(attribute="item.s10_code")
    dossier_code = fields.String(attribute="item.dossier.dossier_code", allow_none=True)
    procedure_name = fields.String(attribute="item.dossier.procedure.name")
    leg_kind = fields.String(attribute="item.leg_kind.value")
    state = fields.String(attribute="item.state.value")
    due_at = fields.AwareDateTime(attribute="item.due_at", allow_none=True)
    outcome = fields.Enum(LineOutcome, by_value=True)
    note = fields.String(allow_none=True)
    appointment_date = fields.Date(allow_none=True)


class HandoverOut(Schema):
    """A handover record."""

    id = fields.Integer()
    code = fields.String()
    kind = fields.Enum(HandoverKind, by_value=True)
    status = fields.Enum(HandoverStatus, by_value=True)
    agency_code = fields.String(attribute="agency.code")
    agency_name = fields.String(attribute="agency.name")
    courier_code = fields.String(attribute="courier.code")
    courier_name = fields.String(attribute="courier.full_name")
    postal_point_code = fields.String(attribute="postal_point.code")
    opened_at = fields.AwareDateTime()
    confirmed_at = fields.AwareDateTime(
        allow_none=True,
        metadata={"description": "For a dossier handover: the legal submission time."},
    )
    officer_name = fields.String(allow_none=True)
    lines = fields.List(fields.Nested(HandoverLineOut))
