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


class MeOut(Schema):
    """Who the token belongs to and what they are bound to."""

    user_id = fields.Integer()
    role = fields.String(attribute="role.value")
    postal_point_id = fields.Integer(allow_none=True)
    courier_id = fields.Integer(allow_none=True)
    agency_id = fields.Integer(allow_none=True)
