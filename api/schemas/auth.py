"""Schemas of log-in and tokens."""

from marshmallow import Schema, fields, validate

from api.fields import Text


class LoginIn(Schema):
    """Username and password."""

    username = Text(required=True, max_length=80)
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(1, 200)
    )


class TokenOut(Schema):
    """A bearer token, shown once."""

    access_token = fields.String(attribute="token")
    token_type = fields.Constant("Bearer")
    expires_at = fields.AwareDateTime()
    role = fields.String(attribute="role.value")


class RefOut(Schema):
    """A postal point, courier or agency a user is bound to."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class MeOut(Schema):
    """Who the token belongs to and what they are bound to, with names for pages."""

    user_id = fields.Integer()
    username = fields.String()
    full_name = fields.String()
    role = fields.String(attribute="role.value")
    postal_point_id = fields.Integer(allow_none=True)
    courier_id = fields.Integer(allow_none=True)
    agency_id = fields.Integer(allow_none=True)
    postal_point = fields.Nested(RefOut, allow_none=True)
    courier = fields.Nested(RefOut, allow_none=True)
    agency = fields.Nested(RefOut, allow_none=True)
