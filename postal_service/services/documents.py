"""Printable documents: an item's bag label and consignment note, a handover record."""

from __future__ import annotations

from postal_service import queries
from postal_service.access import Caller
from postal_service.documents import (
    consignment_note_data,
    handover_record_data,
    label_data,
    render_consignment_note,
    render_handover_record,
    render_label,
)
from postal_service.errors import InvalidInput
from postal_service.s10 import is_valid
from postal_service.services import handovers
from postal_service.unit_of_work import UnitOfWork


def _code(code: str) -> str:
    code = code.strip().upper()
    if not is_valid(code):
        raise InvalidInput(
            "Not a valid S10 item code (e.g. RR123456785VN)", field="code"
        )
    return code


def item_label_pdf(uow: UnitOfWork, caller: Caller, code: str) -> bytes:
    """The bag label of an item the caller handles, as PDF; NotFound otherwise."""
    item = queries.item_detail(uow, caller, _code(code))
    return render_label(label_data(item))


def consignment_note_pdf(uow: UnitOfWork, caller: Caller, code: str) -> bytes:
    """The consignment note of an item the caller handles, as PDF; NotFound otherwise."""
    item = queries.item_detail(uow, caller, _code(code))
    return render_consignment_note(consignment_note_data(item))


def handover_record_pdf(uow: UnitOfWork, caller: Caller, handover_id: int) -> bytes:
    """The handover record (biên bản giao nhận) of a handover the caller is party to."""
    handover = handovers.get_handover(uow, caller, handover_id)
    return render_handover_record(handover_record_data(handover))
