"""Reference data: postal points, agencies, procedures, couriers; the commune picker."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_smorest import Blueprint
from marshmallow import RAISE

from api import deps
from api.idempotency import idempotent
from api.schemas import reference as s
from postal_service.communes import Commune
from postal_service.models import Agency, PostalPoint, Procedure
from postal_service.services import reference, reference_queries
from postal_service.services.reference import (
    AgencyFields,
    CourierFields,
    DocumentSpec,
    PostalPointFields,
    ProcedureFields,
)
from postal_service.services.reference_queries import CourierView, Listing, ListQuery

points = Blueprint(
    "postal_points",
    __name__,
    url_prefix="/api/v1/postal-points",
    description="Postal points that take dossiers and return results",
)
agencies = Blueprint(
    "agencies",
    __name__,
    url_prefix="/api/v1/agencies",
    description="State agencies that receive dossiers and issue results",
)
procedures = Blueprint(
    "procedures",
    __name__,
    url_prefix="/api/v1/procedures",
    description="Administrative procedures and their published document lists",
)
couriers = Blueprint(
    "couriers",
    __name__,
    url_prefix="/api/v1/couriers",
    description="Couriers of the postal points",
)
communes = Blueprint(
    "communes",
    __name__,
    url_prefix="/api/v1",
    description="Provinces and communes (two-level local government since July 2025)",
)
blps = (points, agencies, procedures, couriers, communes)

Created = tuple[Any, int, dict[str, str]]


def _query(args: dict[str, Any]) -> ListQuery:
    return ListQuery(
        q=args["q"],
        include_inactive=args["include_inactive"],
        page=args["page"],
        page_size=args["page_size"],
    )


def _created(obj: Any, endpoint: str) -> Created:
    code = getattr(obj, "national_code", None) or obj.code
    return obj, 201, {"Location": url_for(endpoint, code=code)}


def _procedure_fields(body: dict[str, Any]) -> ProcedureFields:
    docs = body.get("documents")
    documents = [DocumentSpec(**d) for d in docs] if docs is not None else None
    return ProcedureFields(**{**body, "documents": documents})


@points.get("")
@points.arguments(s.ListQueryIn, location="query", unknown=RAISE)
@points.response(200, s.PostalPointPageOut)
def list_postal_points(args: dict[str, Any]) -> Listing[PostalPoint]:
    """Postal points by code; ``q`` matches code, name or address, diacritics optional."""
    return reference_queries.list_postal_points(deps.uow(), _query(args))


@points.get("/<code>")
@points.response(200, s.PostalPointOut)
def get_postal_point(code: str) -> PostalPoint:
    """One postal point by code."""
    return reference_queries.get_postal_point(deps.uow(), code)


@points.post("")
@idempotent
@points.arguments(s.PostalPointIn)
@points.response(201, s.PostalPointOut)
def create_postal_point(body: dict[str, Any]) -> Created:
    """Add a postal point (admin, supervisor)."""
    point = reference.create_postal_point(
        deps.uow(), deps.caller(), PostalPointFields(**body)
    )
    return _created(point, "postal_points.get_postal_point")


@points.patch("/<code>")
@idempotent
@points.arguments(s.PostalPointPatchIn)
@points.response(200, s.PostalPointOut)
def update_postal_point(body: dict[str, Any], code: str) -> PostalPoint:
    """Change a postal point; ``active: false`` deactivates it (admin, supervisor)."""
    return reference.update_postal_point(
        deps.uow(), deps.caller(), code, PostalPointFields(**body)
    )


@agencies.get("")
@agencies.arguments(s.AgencyQueryIn, location="query", unknown=RAISE)
@agencies.response(200, s.AgencyPageOut)
def list_agencies(args: dict[str, Any]) -> Listing[Agency]:
    """Agencies by code; ``q`` matches code or name, diacritics optional."""
    return reference_queries.list_agencies(
        deps.uow(), _query(args), level=args["level"]
    )


@agencies.get("/<code>")
@agencies.response(200, s.AgencyOut)
def get_agency(code: str) -> Agency:
    """One agency by code."""
    return reference_queries.get_agency(deps.uow(), code)


@agencies.post("")
@idempotent
@agencies.arguments(s.AgencyIn)
@agencies.response(201, s.AgencyOut)
def create_agency(body: dict[str, Any]) -> Created:
    """Add a state agency (admin, supervisor)."""
    agency = reference.create_agency(deps.uow(), deps.caller(), AgencyFields(**body))
    return _created(agency, "agencies.get_agency")


@agencies.patch("/<code>")
@idempotent
@agencies.arguments(s.AgencyPatchIn)
@agencies.response(200, s.AgencyOut)
def update_agency(body: dict[str, Any], code: str) -> Agency:
    """Change an agency; ``active: false`` deactivates it (admin, supervisor)."""
    return reference.update_agency(
        deps.uow(), deps.caller(), code, AgencyFields(**body)
    )


@procedures.get("")
@procedures.arguments(s.ProcedureQueryIn, location="query", unknown=RAISE)
@procedures.response(200, s.ProcedurePageOut)
def list_procedures(args: dict[str, Any]) -> Listing[Procedure]:
    """Procedures by code; ``q`` matches name or code ("cap doi giay phep" works)."""
    return reference_queries.list_procedures(
        deps.uow(),
        _query(args),
        agency_code=args["agency"],
        bcci_allowed=args["bcci_allowed"],
    )


@procedures.get("/<code>")
@procedures.response(200, s.ProcedureOut)
def get_procedure(code: str) -> Procedure:
    """One procedure by national code."""
    return reference_queries.get_procedure(deps.uow(), code)


@procedures.post("")
@idempotent
@procedures.arguments(s.ProcedureIn)
@procedures.response(201, s.ProcedureOut)
def create_procedure(body: dict[str, Any]) -> Created:
    """Publish a procedure with its document list (admin, supervisor)."""
    proc = reference.create_procedure(
        deps.uow(), deps.caller(), _procedure_fields(body)
    )
    return _created(proc, "procedures.get_procedure")


@procedures.patch("/<code>")
@idempotent
@procedures.arguments(s.ProcedurePatchIn)
@procedures.response(200, s.ProcedureOut)
def update_procedure(body: dict[str, Any], code: str) -> Procedure:
    """Change a procedure; ``active: false`` withdraws it (admin, supervisor)."""
    return reference.update_procedure(
        deps.uow(), deps.caller(), code, _procedure_fields(body)
    )


@couriers.get("")
@couriers.arguments(s.CourierQueryIn, location="query", unknown=RAISE)
@couriers.response(200, s.CourierPageOut)
def list_couriers(args: dict[str, Any]) -> Listing[CourierView]:
    """Couriers by code; phones only for those who dispatch them."""
    return reference_queries.list_couriers(
        deps.uow(),
        deps.caller(),
        _query(args),
        postal_point_code=args["postal_point"],
    )


@couriers.get("/<code>")
@couriers.response(200, s.CourierOut)
def get_courier(code: str) -> CourierView:
    """One courier by code."""
    return reference_queries.get_courier(deps.uow(), deps.caller(), code)


@couriers.post("")
@idempotent
@couriers.arguments(s.CourierIn)
@couriers.response(201, s.CourierOut)
def create_courier(body: dict[str, Any]) -> Created:
    """Add a courier to a postal point (admin, supervisor)."""
    courier = reference.create_courier(deps.uow(), deps.caller(), CourierFields(**body))
    return _created(courier, "couriers.get_courier")


@couriers.patch("/<code>")
@idempotent
@couriers.arguments(s.CourierPatchIn)
@couriers.response(200, s.CourierOut)
def update_courier(body: dict[str, Any], code: str) -> CourierView:
    """Change a courier; ``active: false`` takes them off duty (admin, supervisor)."""
    return reference.update_courier(
        deps.uow(), deps.caller(), code, CourierFields(**body)
    )


@communes.get("/provinces")
@communes.response(200, s.ProvincePageOut)
def list_provinces() -> dict[str, Any]:
    """The 34 provinces."""
    rows = [{"code": c, "name": n} for c, n in reference_queries.list_provinces()]
    return {"items": rows, "page": 1, "page_size": len(rows), "total": len(rows)}


@communes.get("/communes")
@communes.arguments(s.CommuneQueryIn, location="query", unknown=RAISE)
@communes.response(200, s.CommunePageOut)
def list_communes(args: dict[str, Any]) -> Listing[Commune]:
    """Commune picker: communes of ``province`` whose name matches ``q``."""
    return reference_queries.search_communes(
        args["province"], args["q"], page=args["page"], page_size=args["page_size"]
    )
