"""The consignment note (phiếu gửi): the contract signed when the post takes a dossier or result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from postal_service.documents.common import (
    ORGANISATION,
    a4_pdf,
    code128,
    grid,
    local_date,
    local_time,
    para,
    signatures,
    spaced_s10,
    table_style,
    text,
    vnd,
)
from postal_service.enums import IdType, LegKind, ServiceType

TITLES = {
    LegKind.DOSSIER: "PHIẾU GỬI HỒ SƠ",
    LegKind.RESULT: "PHIẾU GỬI KẾT QUẢ",
    LegKind.RETURN: "PHIẾU GỬI KẾT QUẢ",
}
SERVICE_LABELS = {
    ServiceType.SEND: "Gửi hồ sơ đến cơ quan",
    ServiceType.RECEIVE: "Nhận kết quả tại nhà",
    ServiceType.BOTH: "Gửi hồ sơ và nhận kết quả tại nhà",
}
ID_LABELS = {IdType.CCCD: "Căn cước công dân", IdType.PASSPORT: "Hộ chiếu"}
# Rows left blank on a result note: the courier and officer list the result by hand.
BLANK_ROWS = 4


@dataclass(frozen=True)
class DocumentLine:
    """One document of the dossier, as counted at intake."""

    name: str
    original: bool
    copies: int


@dataclass(frozen=True)
class ConsignmentNoteData:
    """What a consignment note shows; the ID number only as its last four digits."""

    s10_code: str
    leg_kind: LegKind
    dossier_code: str | None
    procedure_name: str
    procedure_code: str
    agency_name: str
    agency_address: str
    postal_point_name: str
    postal_point_address: str
    citizen_name: str
    citizen_phone: str
    citizen_address: str
    id_type: IdType | None
    id_last4: str | None
    service_type: ServiceType
    documents: tuple[DocumentLine, ...]
    fee_vnd: int
    accepted_at: datetime | None
    due_at: datetime | None
    appointment_date: date | None


def masked_id(id_type: IdType | None, last4: str | None) -> str:
    """The ID as printed: its kind and only the last four characters."""
    if last4 is None:
        return "Không ghi nhận"
    kind = ID_LABELS[id_type] if id_type else "Giấy tờ tùy thân"
    return f"{kind}: ********{last4}"


def _fields(rows: list[tuple[str, str]]) -> Table:
    table = Table(
        [[para(text(k), 9.5), para(text(v), 10, bold=True)] for k, v in rows],
        colWidths=[48 * mm, 126 * mm],
    )
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return table


def _documents(data: ConsignmentNoteData) -> Table:
    header = [
        para(h, 9.5, bold=True, center=True)
        for h in ("STT", "Tên giấy tờ", "Bản chính", "Bản sao")
    ]
    rows: list[list[object]] = [header]
    for i, doc in enumerate(data.documents, start=1):
        rows.append(
            [
                para(str(i), 9.5, center=True),
                para(text(doc.name), 9.5),
                para("1" if doc.original else "0", 9.5, center=True),
                para(str(doc.copies), 9.5, center=True),
            ]
        )
    if data.documents:
        originals = sum(1 for d in data.documents if d.original)
        copies = sum(d.copies for d in data.documents)
        rows.append(
            [
                "",
                para("Tổng cộng", 9.5, bold=True),
                para(str(originals), 9.5, bold=True, center=True),
                para(str(copies), 9.5, bold=True, center=True),
            ]
        )
    else:
        rows.extend(
            [
                [para(str(i), 9.5, center=True), "", "", ""]
                for i in range(1, BLANK_ROWS + 1)
            ]
        )
    return grid(rows, [12 * mm, 122 * mm, 20 * mm, 20 * mm])


def _header(data: ConsignmentNoteData) -> Table:
    left = [
        para(ORGANISATION, 13, bold=True),
        para(text(data.postal_point_name), 10, bold=True),
        para(text(data.postal_point_address), 9),
    ]
    right = [
        code128(data.s10_code, width=70 * mm, height=13 * mm),
        Spacer(1, 1.5 * mm),
        para(spaced_s10(data.s10_code), 11, bold=True, center=True),
    ]
    table = Table([[left, right]], colWidths=[100 * mm, 74 * mm])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def render_consignment_note(data: ConsignmentNoteData) -> bytes:
    """Render a consignment note (A4) for a dossier leg or a result leg to PDF."""
    title = TITLES[data.leg_kind]
    is_dossier = data.leg_kind is LegKind.DOSSIER
    story: list[Flowable] = [
        _header(data),
        Spacer(1, 5 * mm),
        para(title, 17, bold=True, center=True),
        para(
            f"Số hiệu bưu gửi: <b>{data.s10_code}</b> &nbsp;&nbsp; "
            f"Mã hồ sơ: <b>{text(data.dossier_code or '—')}</b>",
            10,
            center=True,
        ),
        Spacer(1, 5 * mm),
        para("1. Thủ tục hành chính", 11, bold=True),
        _fields(
            [
                ("Tên thủ tục", data.procedure_name),
                ("Mã thủ tục", data.procedure_code),
                ("Cơ quan giải quyết", data.agency_name),
                ("Địa chỉ cơ quan", data.agency_address),
            ]
        ),
        Spacer(1, 3 * mm),
        para(
            "2. Người gửi hồ sơ" if is_dossier else "2. Người nhận kết quả",
            11,
            bold=True,
        ),
        _fields(
            [
                ("Họ và tên", data.citizen_name),
                ("Điện thoại", data.citizen_phone),
                ("Địa chỉ", data.citizen_address),
                ("Giấy tờ tùy thân", masked_id(data.id_type, data.id_last4)),
            ]
        ),
        Spacer(1, 3 * mm),
        para("3. Dịch vụ", 11, bold=True),
        _fields(
            [
                ("Loại dịch vụ", SERVICE_LABELS[data.service_type]),
                ("Phí, lệ phí thu hộ", vnd(data.fee_vnd)),
                ("Thời điểm nhận gửi", local_time(data.accepted_at)),
                ("Hạn chuyển phát", local_time(data.due_at)),
                ("Ngày hẹn trả kết quả", local_date(data.appointment_date)),
            ]
        ),
        Spacer(1, 3 * mm),
        para(
            "4. Thành phần hồ sơ"
            if is_dossier
            else "4. Giấy tờ kết quả (ghi khi nhận)",
            11,
            bold=True,
        ),
        Spacer(1, 1 * mm),
        _documents(data),
        Spacer(1, 4 * mm),
        para(
            "Hai bên đã cùng kiểm đếm giấy tờ nêu trên. Phiếu gửi này có giá trị như "
            "hợp đồng giữa người gửi và doanh nghiệp bưu chính.",
            9.5,
        ),
        Spacer(1, 5 * mm),
        signatures("Người gửi", "Nhân viên bưu chính"),
    ]
    return a4_pdf(story, title=f"{title} {data.s10_code}", subject=data.procedure_name)
