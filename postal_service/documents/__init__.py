"""Printable documents as PDF: bag label, consignment note, handover record."""

from postal_service.documents.consignment_note import (
    ConsignmentNoteData,
    DocumentLine,
    render_consignment_note,
)
from postal_service.documents.data import (
    consignment_note_data,
    handover_record_data,
    label_data,
)
from postal_service.documents.handover_record import (
    HandoverLineData,
    HandoverRecordData,
    render_handover_record,
)
from postal_service.documents.label import LabelData, render_label

__all__ = [
    "ConsignmentNoteData",
    "DocumentLine",
    "HandoverLineData",
    "HandoverRecordData",
    "LabelData",
    "consignment_note_data",
    "handover_record_data",
    "label_data",
    "render_consignment_note",
    "render_handover_record",
    "render_label",
]
