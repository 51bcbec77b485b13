"""Printed forms: Vietnamese text survives intact, fonts are embedded, ID numbers masked."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from postal_service.documents import (
    ConsignmentNoteData,
    DocumentLine,
    HandoverLineData,
    HandoverRecordData,
    LabelData,
    consignment_note_data,
    label_data,
    render_consignment_note,
    render_handover_record,
    render_label,
)
from postal_service.documents.consignment_note import masked_id
from postal_service.enums import (
    EndpointKind,
    EventType,
    IdType,
    ItemState,
    LegKind,
    ServiceType,
)
from postal_service.models import (
    Agency,
    Dossier,
    Item,
    PostalPoint,
    Procedure,
    TrackingEvent,
)

CODE = "RR123456785VN"
DOSSIER_CODE = "000.00.15.H10-261123-0001"
ACCEPTED = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam
DUE = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # 17:00 in Vietnam

LABEL = LabelData(
    s10_code=CODE,
    leg_kind=LegKind.DOSSIER,
    dossier_code=DOSSIER_CODE,
    postal_point_name="Bưu cục Thái Nguyên",
    postal_point_code="BC01",
    postal_point_address="1 Đường Hoàng Văn Thụ",
    recipient_name="Sở Xây dựng",
    recipient_address="Số 10, đường Nguyễn Du",
    due_at=DUE,
)
NOTE = ConsignmentNoteData(
    s10_code=CODE,
    leg_kind=LegKind.DOSSIER,
    dossier_code=DOSSIER_CODE,
    procedure_name="Cấp đổi giấy phép lái xe",
    procedure_code="1.002804",
    agency_name="Sở Xây dựng",
    agency_address="Số 10, đường Nguyễn Du",
    postal_point_name="Bưu cục Thái Nguyên",
    postal_point_address="1 Đường Hoàng Văn Thụ",
    citizen_name="Nguyễn Văn An",
    citizen_phone="0912 345 678",
    citizen_address="Số 5, tổ 3, phường Phan Đình Phùng",
    id_type=IdType.CCCD,
    id_last4="1234",
    service_type=ServiceType.BOTH,
    documents=(
        DocumentLine("Tờ khai đề nghị cấp đổi giấy phép lái xe", True, 0),
        DocumentLine("Bản sao giấy phép lái xe", False, 2),
    ),
    fee_vnd=135000,
    accepted_at=ACCEPTED,
    due_at=DUE,
    appointment_date=date(2026, 12, 1),
)
HANDOVER = HandoverRecordData(
    code="BG-261123-0001",
    kind="to_agency",
    agency_name="Sở Xây dựng",
    postal_point_name="Bưu cục Thái Nguyên",
    courier_name="Lê Văn Bình",
    officer_name="Trần Thị Hương",
    opened_at=datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
    confirmed_at=datetime(2026, 11, 23, 3, 5, tzinfo=UTC),
    lines=[
        HandoverLineData(CODE, DOSSIER_CODE, "Cấp đổi giấy phép lái xe", "received"),
        HandoverLineData("RR000000025VN", None, "Cấp phiếu lý lịch tư pháp", "missing"),
        HandoverLineData("RR000000039VN", None, "Cấp phiếu lý lịch tư pháp", "damaged"),
    ],
)
RENDERED: list[tuple[Callable[[Any], bytes], Any]] = [
    (render_label, LABEL),
    (render_consignment_note, NOTE),
    (render_handover_record, HANDOVER),
]


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF on one line, whitespace collapsed (wrapping varies).

    pypdf gives DejaVu text back in NFC already, so nothing is normalised here.
    """
    pages = (page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(" ".join(pages).split())


def font_names(pdf: bytes) -> set[str]:
    """Base font names of every font the PDF's pages use, without subset tags."""
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


@pytest.mark.parametrize(
    "expected",
    [
        "BƯU CHÍNH CÔNG ÍCH",
        "PHIẾU GỬI HỒ SƠ",
        CODE,
        DOSSIER_CODE,
        "Cấp đổi giấy phép lái xe",
        "1.002804",
        "Sở Xây dựng",
        "Nguyễn Văn An",
        "0912 345 678",
        "Số 5, tổ 3, phường Phan Đình Phùng",
        "Gửi hồ sơ và nhận kết quả tại nhà",
        "Tờ khai đề nghị cấp đổi giấy phép lái xe",
        "135.000 đ",
        "Người gửi",
        "Nhân viên bưu chính",
        "Ngày ....... tháng ....... năm",
    ],
)
def test_the_consignment_note_prints_its_vietnamese_text_intact(expected: str) -> None:
    assert expected in pdf_text(render_consignment_note(NOTE))


def test_the_consignment_note_shows_acceptance_and_due_times_in_vietnam_time() -> None:
    text = pdf_text(render_consignment_note(NOTE))
    assert "23/11/2026 09:00" in text
    assert "25/11/2026 17:00" in text
    assert "01/12/2026" in text


def test_the_consignment_note_prints_only_the_last_four_digits_of_the_id() -> None:
    assert "Căn cước công dân: ********1234" in pdf_text(render_consignment_note(NOTE))


@pytest.mark.parametrize(
    ("id_type", "last4", "printed"),
    [
        (IdType.CCCD, "1234", "Căn cước công dân: ********1234"),
        (IdType.PASSPORT, "5678", "Hộ chiếu: ********5678"),
        (None, None, "Không ghi nhận"),
    ],
)
def test_an_id_is_printed_as_its_kind_and_last_four_digits(
    id_type: IdType | None, last4: str | None, printed: str
) -> None:
    assert masked_id(id_type, last4) == printed


def test_the_consignment_note_counts_originals_and_copies() -> None:
    text = pdf_text(render_consignment_note(NOTE))
    assert "Bản chính" in text and "Bản sao" in text
    assert "Tổng cộng 1 2" in text


def test_a_result_leg_gets_the_result_note_with_rows_to_fill_in() -> None:
    result = dataclasses.replace(NOTE, leg_kind=LegKind.RESULT, documents=())
    text = pdf_text(render_consignment_note(result))
    assert "PHIẾU GỬI KẾT QUẢ" in text
    assert "PHIẾU GỬI HỒ SƠ" not in text
    assert "Người nhận kết quả" in text


@pytest.mark.parametrize(
    "expected",
    [
        "BƯU CHÍNH CÔNG ÍCH",
        "HỒ SƠ GỬI CƠ QUAN",
        "RR 123 456 785 VN",
        "Bưu cục Thái Nguyên",
        "CƠ QUAN NHẬN",
        "Sở Xây dựng",
        "Số 10, đường Nguyễn Du",
        DOSSIER_CODE,
        "25/11/2026 17:00",
    ],
)
def test_the_label_prints_code_route_and_due_date(expected: str) -> None:
    assert expected in pdf_text(render_label(LABEL))


def test_the_label_of_a_result_is_addressed_to_the_person() -> None:
    result = dataclasses.replace(
        LABEL,
        leg_kind=LegKind.RESULT,
        recipient_name="Nguyễn Văn An",
        recipient_address="Số 5, tổ 3, phường Phan Đình Phùng",
    )
    text = pdf_text(render_label(result))
    assert "KẾT QUẢ TRẢ CÔNG DÂN" in text
    assert "NGƯỜI NHẬN Nguyễn Văn An" in text


def test_the_label_is_100_by_150_mm_and_the_forms_are_a4() -> None:
    label = PdfReader(BytesIO(render_label(LABEL))).pages[0].mediabox
    note = PdfReader(BytesIO(render_consignment_note(NOTE))).pages[0].mediabox
    assert (float(label.width), float(label.height)) == pytest.approx(
        (100 * mm, 150 * mm)
    )
    assert (float(note.width), float(note.height)) == pytest.approx(A4)


@pytest.mark.parametrize(("render", "data"), RENDERED)
def test_every_form_embeds_dejavu_sans_and_no_other_font(
    render: Callable[[Any], bytes], data: Any
) -> None:
    assert font_names(render(data)) == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.parametrize(("render", "data"), RENDERED)
def test_the_same_data_renders_the_same_bytes(
    render: Callable[[Any], bytes], data: Any
) -> None:
    assert render(data) == render(data)


@pytest.mark.parametrize(
    "expected",
    [
        "BIÊN BẢN GIAO NHẬN HỒ SƠ",
        "BG-261123-0001",
        "Bên giao: Lê Văn Bình, bưu tá, Bưu cục Thái Nguyên",
        "Bên nhận: Trần Thị Hương, cán bộ tiếp nhận, Sở Xây dựng",
        "Cấp phiếu lý lịch tư pháp",
        "Đã nhận",
        "Thiếu",
        "Hư hỏng",
        "Tổng số bưu gửi: 3. Đã nhận: 1; Thiếu: 1; Hư hỏng: 1; Chờ xác nhận: 0.",
        "Thời điểm xác nhận: 23/11/2026 10:05",
        "thời điểm nộp hồ sơ",
        "Bên giao (Ký, ghi rõ họ tên)",
        "Bên nhận (Ký, ghi rõ họ tên)",
    ],
)
def test_the_handover_record_prints_lines_totals_and_signatures(expected: str) -> None:
    assert expected in pdf_text(render_handover_record(HANDOVER))


def test_a_result_handover_swaps_the_sides_and_states_no_submission_time() -> None:
    pending = HandoverLineData(
        CODE, DOSSIER_CODE, "Cấp đổi giấy phép lái xe", "pending"
    )
    record = dataclasses.replace(
        HANDOVER, kind="from_agency", confirmed_at=None, lines=[pending]
    )
    text = pdf_text(render_handover_record(record))
    assert "BIÊN BẢN GIAO NHẬN KẾT QUẢ" in text
    assert "Bên giao: Trần Thị Hương, cán bộ tiếp nhận, Sở Xây dựng" in text
    assert "Chờ xác nhận" in text
    assert "thời điểm nộp hồ sơ" not in text


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "sideways"},
        {"lines": [HandoverLineData(CODE, None, "Thủ tục", "lost")]},
    ],
)
def test_a_handover_with_an_unknown_kind_or_outcome_is_refused(
    change: dict[str, Any],
) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(HANDOVER, **change)


def _item(leg: LegKind) -> Item:
    """An item with its dossier, built in memory the way a query loads it."""
    point = PostalPoint(code="BC01", name="Bưu cục Thái Nguyên", address="1 Đường")
    agency = Agency(code="SXD", name="Sở Xây dựng", address="Số 10")
    dossier = Dossier(
        dossier_code=DOSSIER_CODE,
        procedure=Procedure(national_code="1.002804", name="Cấp đổi giấy phép lái xe"),
        agency=agency,
        postal_point=point,
        service_type=ServiceType.BOTH,
        citizen_name="Nguyễn Văn An",
        citizen_phone="0912 345 678",
        citizen_address="Số 5, tổ 3",
        citizen_id_type=IdType.CCCD,
        citizen_id_cipher="gAAAA-encrypted",
        citizen_id_last4="1234",
        documents=[{"name": "Tờ khai", "original": True, "copies": 1}],
        fee_vnd=135000,
    )
    item = Item(
        s10_code=CODE,
        dossier=dossier,
        leg_kind=leg,
        state=ItemState.AT_POSTAL_POINT,
        origin_kind=EndpointKind.POSTAL_POINT,
        destination_kind=EndpointKind.AGENCY,
        home_address="Số 5, tổ 3",
        due_at=DUE,
    )
    item.events = [
        TrackingEvent(type=EventType.PICKUP_REQUESTED, occurred_at=ACCEPTED),
        TrackingEvent(type=EventType.ACCEPTED_AT_COUNTER, occurred_at=ACCEPTED),
    ]
    return item


def test_a_dossier_label_is_addressed_to_the_agency_without_the_citizens_name() -> None:
    data = label_data(_item(LegKind.DOSSIER))
    assert (data.recipient_name, data.recipient_address) == ("Sở Xây dựng", "Số 10")
    assert "Nguyễn Văn An" not in repr(data)


def test_a_result_label_is_addressed_to_the_citizen_at_home() -> None:
    data = label_data(_item(LegKind.RESULT))
    assert (data.recipient_name, data.recipient_address) == (
        "Nguyễn Văn An",
        "Số 5, tổ 3",
    )


def test_the_note_data_carries_the_last_four_digits_and_never_the_cipher() -> None:
    data = consignment_note_data(_item(LegKind.DOSSIER))
    assert data.id_last4 == "1234"
    assert "encrypted" not in repr(data)


def test_the_note_data_takes_acceptance_from_the_counter_event_and_lists_documents() -> (
    None
):
    data = consignment_note_data(_item(LegKind.DOSSIER))
    assert data.accepted_at == ACCEPTED
    assert data.documents == (DocumentLine("Tờ khai", True, 1),)


def test_the_result_note_data_lists_no_dossier_documents() -> None:
    assert consignment_note_data(_item(LegKind.RESULT)).documents == ()
