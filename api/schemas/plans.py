"""Schemas of route plans and a courier's route."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from api.fields import S10Code, Text
from postal_service.enums import EndpointKind, LegKind, PlanStatus, StopAction

CHECKS = {
    (StopAction.DELIVERY, EndpointKind.ADDRESS): [
        "Kiểm tra CCCD/hộ chiếu của người nhận",
        "Người nhận thay: giấy ủy quyền và giấy tờ tùy thân",
        "Ký nhận, thu phí (nếu có)",
    ],
    (StopAction.PICKUP, EndpointKind.ADDRESS): [
        "Kiểm đếm thành phần hồ sơ theo danh mục",
        "Niêm phong trước mặt công dân, ký phiếu gửi",
    ],
    (StopAction.DELIVERY, EndpointKind.AGENCY): [
        "Lập biên bản giao nhận, cán bộ ký xác nhận"
    ],
    (StopAction.PICKUP, EndpointKind.AGENCY): [
        "Kiểm đếm kết quả, ký phiếu gửi kết quả"
    ],
}


class PlanRequestIn(Schema):
    """Plan a postal point's day."""

    postal_point_code = Text(required=True, max_length=20)
    service_date = fields.Date(required=True)


class InsertionIn(Schema):
    """Insert an urgent item into a route a courier has started."""

    route_id = fields.Integer(required=True, strict=True)
    item_code = S10Code(required=True)


class PlanQueryIn(Schema):
    """Filter of the plan list."""

    service_date = fields.Date(load_default=None)


def _navigation(stop: Any) -> str:
    return f"geo:{stop.lat:.6f},{stop.lon:.6f}"


class RouteStopOut(Schema):
    """A visit on a route, with what to do and check there."""

    seq = fields.Integer()
    item_code = fields.String(attribute="item.s10_code")
    leg_kind = fields.Enum(LegKind, by_value=True, attribute="item.leg_kind")
    item_state = fields.String(attribute="item.state.value")
    action = fields.Enum(StopAction, by_value=True)
    place_kind = fields.Enum(EndpointKind, by_value=True)
    agency_code = fields.String(attribute="agency.code", allow_none=True)
    agency_name = fields.String(attribute="agency.name", allow_none=True)
    address = fields.String(allow_none=True)
    recipient_name = fields.Function(
        lambda s: (
            s.item.dossier.citizen_name
            if s.place_kind is EndpointKind.ADDRESS
            else None
        )
    )
    recipient_phone = fields.Function(
        lambda s: (
            s.item.dossier.citizen_phone
            if s.place_kind is EndpointKind.ADDRESS
            else None
        )
    )
    lat = fields.Float()
    lon = fields.Float()
    eta = fields.AwareDateTime()
    wait_s = fields.Integer(
        metadata={"description": "Expected wait for the office to open."}
    )
    departure = fields.AwareDateTime()
    load_after = fields.Integer()
    checks = fields.Function(lambda s: CHECKS[(s.action, s.place_kind)])
    navigation_url = fields.Function(_navigation)


class CourierRouteOut(Schema):
    """One courier's route."""

    id = fields.Integer()
    courier_code = fields.String(attribute="courier.code")
    courier_name = fields.String(attribute="courier.full_name")
    departure = fields.AwareDateTime()
    arrival = fields.AwareDateTime()
    distance_m = fields.Integer()
    started_at = fields.AwareDateTime(allow_none=True)
    stops = fields.List(fields.Nested(RouteStopOut))


class PlanSummaryOut(Schema):
    """A planning run without its routes."""

    id = fields.Integer()
    postal_point_code = fields.String(attribute="postal_point.code")
    service_date = fields.Date()
    status = fields.Enum(PlanStatus, by_value=True)
    requested_at = fields.AwareDateTime()
    started_at = fields.AwareDateTime(allow_none=True)
    finished_at = fields.AwareDateTime(allow_none=True)
    published_at = fields.AwareDateTime(allow_none=True)
    time_limit_s = fields.Integer()
    error = fields.String(allow_none=True)
    objective = fields.Integer(allow_none=True)
    distance_m = fields.Integer(allow_none=True)
    dropped = fields.List(
        fields.Dict(),
        allow_none=True,
        metadata={
            "description": "Items left out: item_id, item_code (S10), reason "
            "(capacity, unreachable, crowded_out) and the planner's detail."
        },
    )
    stats = fields.Dict(allow_none=True)
    amends_route_id = fields.Integer(
        allow_none=True, metadata={"description": "Set for an urgent insertion."}
    )


class PlanOut(PlanSummaryOut):
    """A planning run and, once it succeeded, its routes."""

    routes = fields.List(fields.Nested(CourierRouteOut))


class RouteQueryIn(Schema):
    """Which day's route."""

    date = fields.Date(load_default=None)
