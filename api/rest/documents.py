"""Printable documents of an item, as PDF: the bag label and the consignment note."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from api import deps
from postal_service.services import documents

blp = Blueprint(
    "documents",
    __name__,
    url_prefix="/api/v1/items",
    description="Printable documents (PDF)",
)
PDF = "application/pdf"
PDF_SCHEMA = {"type": "string", "format": "binary"}


def _pdf(pdf: bytes, filename: str) -> Response:
    return Response(
        pdf,
        mimetype=PDF,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


@blp.get("/<code>/label.pdf")
@blp.response(200, PDF_SCHEMA, content_type=PDF, description="Bag label, 100 × 150 mm")
def item_label(code: str) -> Response:
    """The bag label: S10 code as Code 128 and QR, destination and due date."""
    pdf = documents.item_label_pdf(deps.uow(), deps.caller(), code)
    return _pdf(pdf, f"{code.strip().upper()}-label.pdf")


@blp.get("/<code>/consignment-note.pdf")
@blp.response(200, PDF_SCHEMA, content_type=PDF, description="Consignment note, A4")
def consignment_note(code: str) -> Response:
    """The consignment note (phiếu gửi) to print and sign at intake or pickup."""
    pdf = documents.consignment_note_pdf(deps.uow(), deps.caller(), code)
    return _pdf(pdf, f"{code.strip().upper()}-consignment-note.pdf")
