"""Turn an item, loaded with its dossier, into what the printed forms show."""

from __future__ import annotations

from datetime import datetime

from postal_service.documents.consignment_note import ConsignmentNoteData, DocumentLine
from postal_service.documents.handover_record import (
    HandoverLineData,
    HandoverRecordData,
)
from postal_service.documents.label import LabelData
from postal_service.enums import EventType, LegKind
from postal_service.models import Handover, Item

# The moment the post took the bag into its care, by how the leg began.
ACCEPTANCE_EVENTS = frozenset(
    {EventType.ACCEPTED_AT_COUNTER, EventType.PICKED_UP, EventType.RETURN_REGISTERED}
)


def accepted_at(item: Item) -> datetime | None:
    """When the post took the item into its care, if it has yet."""
    return next(
        (e.occurred_at for e in item.events if e.type in ACCEPTANCE_EVENTS), None
    )


def label_data(item: Item) -> LabelData:
    """The bag label of ``item``: the addressee's name only when a person receives it."""
    dossier = item.dossier
    point, agency = dossier.postal_point, dossier.agency
    if item.leg_kind is LegKind.RESULT:
        name = dossier.citizen_name
        address = item.home_address or dossier.citizen_address
    else:
        name, address = agency.name, agency.address
    return LabelData(
        s10_code=item.s10_code,
        leg_kind=item.leg_kind,
        dossier_code=dossier.dossier_code,
        postal_point_name=point.name,
        postal_point_code=point.code,
        postal_point_address=point.address,
        recipient_name=name,
        recipient_address=address,
        due_at=item.due_at,
    )


def consignment_note_data(item: Item) -> ConsignmentNoteData:
    """The consignment note of ``item``; only the ID's last four digits leave the model."""
    dossier = item.dossier
    # A result is listed by hand when the courier collects it; the dossier's own
    # documents went to the agency and are not what travels back.
    documents = (
        tuple(
            DocumentLine(
                name=str(d["name"]),
                original=bool(d.get("original", False)),
                copies=int(d.get("copies", 0)),
            )
            for d in dossier.documents
        )
        if item.leg_kind is LegKind.DOSSIER
        else ()
    )
    return ConsignmentNoteData(
        s10_code=item.s10_code,
        leg_kind=item.leg_kind,
        dossier_code=dossier.dossier_code,
        procedure_name=dossier.procedure.name,
        procedure_code=dossier.procedure.national_code,
        agency_name=dossier.agency.name,
        agency_address=dossier.agency.address,
        postal_point_name=dossier.postal_point.name,
        postal_point_address=dossier.postal_point.address,
        citizen_name=dossier.citizen_name,
        citizen_phone=dossier.citizen_phone,
        citizen_address=item.home_address or dossier.citizen_address,
        id_type=dossier.citizen_id_type,
        id_last4=dossier.citizen_id_last4,
        service_type=dossier.service_type,
        documents=documents,
        fee_vnd=dossier.fee_vnd,
        accepted_at=accepted_at(item),
        due_at=item.due_at,
        appointment_date=dossier.appointment_date,
    )


def handover_record_data(handover: Handover) -> HandoverRecordData:
    """The printed record of ``handover``, its lines loaded with their items' dossiers."""
    return HandoverRecordData(
        code=handover.code or f"#{handover.id}",
        kind=handover.kind.value,
        agency_name=handover.agency.name,
        postal_point_name=handover.postal_point.name,
        courier_name=handover.courier.full_name,
        officer_name=handover.officer_name,
        opened_at=handover.opened_at,
        confirmed_at=handover.confirmed_at,
        lines=[
            HandoverLineData(
                s10_code=line.item.s10_code,
                dossier_code=line.item.dossier.dossier_code,
                procedure_name=line.item.dossier.procedure.name,
                outcome=line.outcome.value,
                note=line.note,
            )
            for line in handover.lines
        ],
    )
