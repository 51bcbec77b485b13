"""The working-day calendar and the J+n transit targets."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_smorest import Blueprint

from api import deps
from api.idempotency import idempotent
from api.schemas.operations import (
    DayOut,
    OverrideIn,
    TransitTargetIn,
    TransitTargetOut,
    YearOut,
)
from postal_service.enums import TransitScope
from postal_service.errors import InvalidInput
from postal_service.services import calendar
from postal_service.services.calendar import DayInfo

blp = Blueprint(
    "calendar", __name__, url_prefix="/api/v1", description="Working days and targets"
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("Not a date (YYYY-MM-DD)", field="day") from None


@blp.get("/calendar/<int:year>")
@blp.response(200, YearOut)
def year_days(year: int) -> dict[str, Any]:
    """Public holidays and the supervisor's overrides of a year."""
    deps.caller()
    return {"year": year, "days": calendar.year_days(deps.uow(), year)}


@blp.put("/calendar/overrides/<day>")
@idempotent
@blp.arguments(OverrideIn)
@blp.response(200, DayOut)
def set_override(body: dict[str, Any], day: str) -> DayInfo:
    """Make a day a working day (a swapped Saturday) or a day off."""
    return calendar.set_override(
        deps.uow(), deps.caller(), _day(day), working=body["working"], note=body["note"]
    )


@blp.delete("/calendar/overrides/<day>")
@blp.response(204)
def remove_override(day: str) -> None:
    """Go back to the default for a day."""
    calendar.remove_override(deps.uow(), deps.caller(), _day(day))


@blp.get("/transit-targets")
@blp.response(200, TransitTargetOut(many=True))
def transit_targets() -> list[dict[str, Any]]:
    """J+n targets per scope (TT 17 Art. 7 unless changed)."""
    deps.caller()
    targets = calendar.transit_targets(deps.uow())
    return [
        {"scope": scope, "days": days, "days_with_slip": slip}
        for scope, (days, slip) in targets.items()
    ]


@blp.put("/transit-targets/<scope>")
@idempotent
@blp.arguments(TransitTargetIn)
@blp.response(200, TransitTargetOut)
def set_transit_target(body: dict[str, Any], scope: str) -> dict[str, Any]:
    """Change the J+n target of one scope."""
    try:
        parsed = TransitScope(scope)
    except ValueError:
        raise InvalidInput(
            f"scope is one of {', '.join(s.value for s in TransitScope)}", field="scope"
        ) from None
    calendar.set_transit_target(deps.uow(), deps.caller(), parsed, **body)
    return {"scope": parsed, **body}
