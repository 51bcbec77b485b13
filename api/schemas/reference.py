"""Schemas of reference data: postal points, agencies, procedures, couriers, communes."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from api.fields import Phone, Text, latitude, longitude
from postal_service.communes import find_commune
from postal_service.enums import AgencyLevel, PostalPointKind, Vehicle

CODE = validate.Regexp(
    r"^[A-Z0-9][A-Z0-9._-]*$", error="Use capital letters, digits, '.', '-' or '_'."
)
HHMM = validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", error="Use HH:MM (24 hours).")


def code_field(max_length: int = 20, **kwargs: Any) -> Text:
    """A reference code such as BC001, STP or 1.002804."""
    return Text(
        max_length=max_length,
        validate=[validate.Length(1, max_length), CODE],
        **kwargs,
    )


def hhmm(**kwargs: Any) -> Text:
    """A local time of day, HH:MM."""
    return Text(max_length=5, validate=[validate.Length(5, 5), HHMM], **kwargs)


def time_windows(**kwargs: Any) -> fields.List:
    """One or two daily windows, e.g. [["07:30", "11:30"], ["13:30", "17:00"]]."""
    window = fields.List(hhmm(), validate=validate.Length(equal=2))
    return fields.List(
        window,
        validate=validate.Length(1, 2),
        metadata={"example": [["07:30", "11:30"], ["13:30", "17:00"]]},
        **kwargs,
    )


class PatchSchema(Schema):
    """A partial update: every field optional, absent fields unchanged."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)


class PostalPointIn(Schema):
    """A new postal point."""

    code = code_field(required=True)
    name = Text(required=True, max_length=200)
    kind = fields.Enum(PostalPointKind, by_value=True, required=True)
    address = Text(required=True, max_length=300)
    commune_code = fields.Integer(required=True, strict=True)
    lat = latitude(required=True)
    lon = longitude(required=True)
    opening_hours = time_windows(required=True)


class PostalPointPatchIn(PatchSchema, PostalPointIn):
    """Changes to a postal point; ``active: false`` deactivates it."""

    active = fields.Boolean()


class AgencyIn(Schema):
    """A new state agency."""

    code = code_field(required=True)
    name = Text(required=True, max_length=200)
    level = fields.Enum(AgencyLevel, by_value=True, required=True)
    address = Text(required=True, max_length=300)
    commune_code = fields.Integer(required=True, strict=True)
    lat = latitude(required=True)
    lon = longitude(required=True)
    office_hours = time_windows(required=True)


class AgencyPatchIn(PatchSchema, AgencyIn):
    """Changes to an agency; ``active: false`` deactivates it."""

    active = fields.Boolean()


class DocumentSpecIn(Schema):
    """One component of a procedure's published document list."""

    name = Text(required=True, max_length=300)
    original = fields.Boolean(required=True)
    copies = fields.Integer(load_default=0, strict=True, validate=validate.Range(0, 20))


class ProcedureIn(Schema):
    """A new administrative procedure; ``code`` is its national code (e.g. 1.002804)."""

    code = code_field(max_length=30, required=True)
    name = Text(required=True, max_length=300)
    agency_code = code_field(required=True)
    bcci_allowed = fields.Boolean(load_default=True)
    fee_vnd = fields.Integer(
        load_default=0, strict=True, validate=validate.Range(0, 100_000_000)
    )
    processing_days = fields.Integer(
        required=True, strict=True, validate=validate.Range(0, 365)
    )
    documents = fields.List(
        fields.Nested(DocumentSpecIn), required=True, validate=validate.Length(1, 50)
    )


class ProcedurePatchIn(PatchSchema, ProcedureIn):
    """Changes to a procedure; ``active: false`` withdraws it."""

    active = fields.Boolean()


class CourierIn(Schema):
    """A new courier at a postal point."""

    code = code_field(required=True)
    full_name = Text(required=True, max_length=120)
    phone = Phone(required=True)
    postal_point_code = code_field(required=True)
    vehicle = fields.Enum(Vehicle, by_value=True, required=True)
    capacity_items = fields.Integer(
        load_default=40, strict=True, validate=validate.Range(1, 500)
    )
    shift_start = hhmm(load_default="07:30")
    shift_end = hhmm(load_default="17:00")


class CourierPatchIn(PatchSchema, CourierIn):
    """Changes to a courier; ``active: false`` takes them off duty."""

    active = fields.Boolean()


class ListQueryIn(Schema):
    """Search text, deactivated rows or not, and the page."""

    q = Text(max_length=100, load_default=None)
    include_inactive = fields.Boolean(load_default=False)
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class AgencyQueryIn(ListQueryIn):
    """Agency list filters."""

    level = fields.Enum(AgencyLevel, by_value=True, load_default=None)


class ProcedureQueryIn(ListQueryIn):
    """Procedure list filters: name or code in ``q``, with or without diacritics."""

    agency = code_field(load_default=None)
    bcci_allowed = fields.Boolean(load_default=None)


class CourierQueryIn(ListQueryIn):
    """Courier list filters."""

    postal_point = code_field(load_default=None)


class CommuneQueryIn(Schema):
    """Commune picker: one province (or all), name with or without diacritics."""

    province = fields.Integer(load_default=None)
    q = Text(max_length=100, load_default=None)
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    page_size = fields.Integer(load_default=50, validate=validate.Range(1, 200))


def _commune_name(obj: Any) -> str | None:
    commune = find_commune(obj.commune_code)
    return commune.name if commune else None


class PostalPointOut(Schema):
    """A postal point."""

    code = fields.String()
    name = fields.String()
    kind = fields.Enum(PostalPointKind, by_value=True)
    address = fields.String()
    commune_code = fields.Integer()
    commune_name = fields.Function(_commune_name)
    lat = fields.Float()
    lon = fields.Float()
    opening_hours = fields.List(fields.List(fields.String()))
    active = fields.Boolean()


class AgencyOut(Schema):
    """A state agency."""

    code = fields.String()
    name = fields.String()
    level = fields.Enum(AgencyLevel, by_value=True)
    address = fields.String()
    commune_code = fields.Integer()
    commune_name = fields.Function(_commune_name)
    lat = fields.Float()
    lon = fields.Float()
    office_hours = fields.List(fields.List(fields.String()))
    active = fields.Boolean()


class DocumentSpecOut(Schema):
    """One component of a procedure's document list."""

    name = fields.String()
    original = fields.Boolean()
    copies = fields.Integer()


class ProcedureOut(Schema):
    """An administrative procedure with its published document list."""

    code = fields.String(attribute="national_code")
    name = fields.String()
    agency_code = fields.String(attribute="agency.code")
    agency_name = fields.String(attribute="agency.name")
    bcci_allowed = fields.Boolean()
    fee_vnd = fields.Integer()
    processing_days = fields.Integer()
    documents = fields.List(fields.Nested(DocumentSpecOut))
    active = fields.Boolean()


class CourierOut(Schema):
    """A courier; ``phone`` is null unless the caller dispatches them."""

    code = fields.String()
    full_name = fields.String()
    phone = fields.String(allow_none=True)
    postal_point_code = fields.String()
    vehicle = fields.Enum(Vehicle, by_value=True)
    capacity_items = fields.Integer()
    shift_start = fields.String()
    shift_end = fields.String()
    active = fields.Boolean()


class CommuneOut(Schema):
    """A commune or ward (two-level local government since July 2025)."""

    code = fields.Integer()
    name = fields.String()
    province_code = fields.Integer()
    province_name = fields.String()


class ProvinceOut(Schema):
    """A province."""

    code = fields.Integer()
    name = fields.String()


def page_of(item: type[Schema]) -> type[Schema]:
    """The page envelope ``{"items", "page", "page_size", "total"}`` of ``item``."""
    name = item.__name__.removesuffix("Out") + "PageOut"
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item)),
            "page": fields.Integer(),
            "page_size": fields.Integer(),
            "total": fields.Integer(),
        },
        name=name,
    )


PostalPointPageOut = page_of(PostalPointOut)
AgencyPageOut = page_of(AgencyOut)
ProcedurePageOut = page_of(ProcedureOut)
CourierPageOut = page_of(CourierOut)
CommunePageOut = page_of(CommuneOut)
ProvincePageOut = page_of(ProvinceOut)
