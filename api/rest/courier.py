"""The courier's phone: today's route, starting it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_smorest import Blueprint
from marshmallow import RAISE

from api import deps
from api.idempotency import idempotent
from api.schemas.plans import CourierRouteOut, RouteQueryIn
from postal_service.calendar import local_date
from postal_service.models import CourierRoute
from postal_service.services import courier_day

blp = Blueprint(
    "courier", __name__, url_prefix="/api/v1/courier", description="Courier's day"
)


def _day(args: dict[str, Any]) -> date:
    return args["date"] or local_date(deps.now())


@blp.get("/route")
@blp.arguments(RouteQueryIn, location="query", unknown=RAISE)
@blp.response(200, CourierRouteOut)
def my_route(args: dict[str, Any]) -> CourierRoute:
    """My published route for the day (today by default): stops in order with ETAs."""
    return courier_day.my_route(deps.uow(), deps.caller(), _day(args))


@blp.post("/route/start")
@idempotent
@blp.arguments(RouteQueryIn, location="query", unknown=RAISE)
@blp.response(200, CourierRouteOut)
def start_route(args: dict[str, Any]) -> CourierRoute:
    """Start my route: a later plan will not replace it."""
    return courier_day.start_route(
        deps.uow(), deps.caller(), _day(args), now=deps.now()
    )
