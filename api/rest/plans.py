"""Route plans: request (202), poll, cancel, publish."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for
from flask_smorest import Blueprint
from marshmallow import RAISE

from api import deps
from api.idempotency import idempotent
from api.schemas.plans import (
    InsertionIn,
    PlanOut,
    PlanQueryIn,
    PlanRequestIn,
    PlanSummaryOut,
)
from postal_service.models import RoutePlan
from postal_service.services.route_planning import service as planning

blp = Blueprint(
    "plans", __name__, url_prefix="/api/v1/plans", description="Route plans"
)


@blp.post("")
@idempotent
@blp.arguments(PlanRequestIn)
@blp.response(202, PlanOut)
def request_plan(body: dict[str, Any]) -> tuple[RoutePlan, int, dict[str, str]]:
    """Queue a plan for a postal point's day; poll the returned URL for its status."""
    plan = planning.request_plan(
        deps.uow(),
        deps.caller(),
        postal_point_code=body["postal_point_code"],
        service_date=body["service_date"],
        settings=deps.settings(),
        now=deps.now(),
    )
    current_app.extensions["plan_runner"](deps.settings(), plan.id)
    return plan, 202, {"Location": url_for("plans.get_plan", plan_id=plan.id)}


@blp.post("/insertions")
@idempotent
@blp.arguments(InsertionIn)
@blp.response(202, PlanOut)
def request_insertion(body: dict[str, Any]) -> tuple[RoutePlan, int, dict[str, str]]:
    """Queue an urgent item's insertion into a started route; publish it when solved."""
    plan = planning.request_insertion(
        deps.uow(),
        deps.caller(),
        route_id=body["route_id"],
        item_code=body["item_code"],
        settings=deps.settings(),
        now=deps.now(),
    )
    current_app.extensions["plan_runner"](deps.settings(), plan.id)
    return plan, 202, {"Location": url_for("plans.get_plan", plan_id=plan.id)}


@blp.get("")
@blp.arguments(PlanQueryIn, location="query", unknown=RAISE)
@blp.response(200, PlanSummaryOut(many=True))
def list_plans(args: dict[str, Any]) -> list[RoutePlan]:
    """Plans the caller may see (a clerk: their postal point's), newest first."""
    return planning.list_plans(
        deps.uow(), deps.caller(), service_date=args["service_date"]
    )


@blp.get("/<int:plan_id>")
@blp.response(200, PlanOut)
def get_plan(plan_id: int) -> RoutePlan:
    """A plan's status and, once solved, its routes and dropped items."""
    return planning.get_plan(deps.uow(), deps.caller(), plan_id)


@blp.post("/<int:plan_id>/cancel")
@idempotent
@blp.response(200, PlanOut)
def cancel_plan(plan_id: int) -> RoutePlan:
    """Cancel a queued, running or unpublished plan."""
    return planning.cancel_plan(deps.uow(), deps.caller(), plan_id, now=deps.now())


@blp.post("/<int:plan_id>/publish")
@idempotent
@blp.response(200, PlanOut)
def publish_plan(plan_id: int) -> RoutePlan:
    """Send the plan's routes to the couriers (refused over a started route)."""
    return planning.publish_plan(deps.uow(), deps.caller(), plan_id, now=deps.now())
