"""Reports for supervisors (and a clerk, for their postal point)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema

from api import deps
from api.fields import AwareDateTime
from postal_service.enums import ItemState
from postal_service.services import reports
from postal_service.services.reports import BacklogRow, GroupBy, OnTimeRow

blp = Blueprint(
    "reports", __name__, url_prefix="/api/v1/reports", description="Reports"
)


class OnTimeQueryIn(Schema):
    """A period and how to group it."""

    start = AwareDateTime(required=True)
    end = AwareDateTime(required=True)
    group_by = fields.Enum(GroupBy, by_value=True, load_default=GroupBy.AGENCY)

    @validates_schema
    def _ordered(self, data: dict[str, Any], **_: Any) -> None:
        if data["end"] <= data["start"]:
            raise ValidationError("The period must end after it starts.", "end")


class OnTimeRowOut(Schema):
    """One group's figures."""

    key = fields.String()
    name = fields.String()
    finished = fields.Integer()
    on_time = fields.Integer()
    late = fields.Integer()
    on_time_percent = fields.Float(allow_none=True)


class BacklogRowOut(Schema):
    """Open items in one state."""

    state = fields.Enum(ItemState, by_value=True)
    open = fields.Integer()
    overdue = fields.Integer()


@blp.get("/on-time")
@blp.arguments(OnTimeQueryIn, location="query", unknown=RAISE)
@blp.response(200, OnTimeRowOut(many=True))
def on_time(args: dict[str, Any]) -> list[OnTimeRow]:
    """On-time rate of legs finished in a period, by agency, postal point or courier."""
    return reports.on_time(
        deps.uow(),
        deps.caller(),
        start=args["start"],
        end=args["end"],
        group_by=args["group_by"],
    )


@blp.get("/backlog")
@blp.response(200, BacklogRowOut(many=True))
def backlog() -> list[BacklogRow]:
    """Open items by state, with how many are past due."""
    return reports.backlog(deps.uow(), deps.caller(), now=deps.now())
