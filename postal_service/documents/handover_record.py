"""The handover record (biên bản giao nhận) between a courier and an agency officer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from postal_service.documents.common import (
    ORGANISATION,
    a4_pdf,
    grid,
    local_time,
    para,
    signatures,
    text,
)
from postal_service.enums import HandoverKind, LineOutcome

OUTCOME_LABELS = {
    LineOutcome.RECEIVED: "Đã nhận",
    LineOutcome.MISSING: "Thiếu",
    LineOutcome.DAMAGED: "Hư hỏng",
    LineOutcome.PENDING: "Chờ xác nhận",
}
LEGAL_TIME = (
    "Thời điểm bên nhận xác nhận biên bản này là thời điểm nộp hồ sơ hợp lệ; "
    "thời hạn giải quyết hồ sơ được tính từ thời điểm này."
)


@dataclass(frozen=True)
class HandoverLineData:
    """One item counted in a handover; ``outcome`` is a ``LineOutcome`` value."""

    s10_code: str
    dossier_code: str | None
    procedure_name: str
    outcome: str
    note: str | None = None


@dataclass(frozen=True)
class HandoverRecordData:
    """A handover: dossiers to an agency, or results from one; ``kind`` is a ``HandoverKind`` value."""

    code: str
    kind: str
    agency_name: str
    postal_point_name: str
    courier_name: str
    officer_name: str | None
    opened_at: datetime
    confirmed_at: datetime | None
    lines: Sequence[HandoverLineData]

    def __post_init__(self) -> None:
        # Fail here, not half-way through a layout, on a kind or outcome we cannot print.
        HandoverKind(self.kind)
        for line in self.lines:
            LineOutcome(line.outcome)


def _lines(data: HandoverRecordData) -> list[Flowable]:
    header = [
        para(h, 9, bold=True, center=True)
        for h in ("STT", "Số hiệu bưu gửi", "Mã hồ sơ", "Thủ tục", "Kết quả", "Ghi chú")
    ]
    rows: list[list[object]] = [header]
    for i, ln in enumerate(data.lines, start=1):
        rows.append(
            [
                para(str(i), 9, center=True),
                para(ln.s10_code, 8.5),
                para(text(ln.dossier_code or "—"), 8),
                para(text(ln.procedure_name), 9),
                para(OUTCOME_LABELS[LineOutcome(ln.outcome)], 9, center=True),
                para(text(ln.note or ""), 8.5),
            ]
        )
    counts = Counter(LineOutcome(ln.outcome) for ln in data.lines)
    totals = "; ".join(
        f"{label}: <b>{counts[key]}</b>" for key, label in OUTCOME_LABELS.items()
    )
    return [
        grid(rows, [10 * mm, 37 * mm, 45 * mm, 37 * mm, 22 * mm, 23 * mm]),
        Spacer(1, 2 * mm),
        para(f"Tổng số bưu gửi: <b>{len(data.lines)}</b>. {totals}.", 10),
    ]


def render_handover_record(data: HandoverRecordData) -> bytes:
    """Render a handover record (A4) to PDF."""
    to_agency = HandoverKind(data.kind) is HandoverKind.TO_AGENCY
    title = "BIÊN BẢN GIAO NHẬN HỒ SƠ" if to_agency else "BIÊN BẢN GIAO NHẬN KẾT QUẢ"
    officer = data.officer_name or "...................................."
    postal = f"{data.courier_name}, bưu tá, {data.postal_point_name}"
    agency = f"{officer}, cán bộ tiếp nhận, {data.agency_name}"
    giver, taker = (postal, agency) if to_agency else (agency, postal)
    story: list[Flowable] = [
        para(ORGANISATION, 12, bold=True),
        para(text(data.postal_point_name), 10),
        Spacer(1, 6 * mm),
        para(title, 16, bold=True, center=True),
        para(f"Số: <b>{text(data.code)}</b>", 10, center=True),
        Spacer(1, 5 * mm),
        para(f"Lập lúc: <b>{local_time(data.opened_at)}</b>", 10),
        para(f"Bên giao: <b>{text(giver)}</b>", 10),
        para(f"Bên nhận: <b>{text(taker)}</b>", 10),
        Spacer(1, 3 * mm),
        para("Hai bên cùng kiểm đếm và giao nhận các bưu gửi sau:", 10),
        Spacer(1, 2 * mm),
        *_lines(data),
        Spacer(1, 3 * mm),
        para(f"Thời điểm xác nhận: <b>{local_time(data.confirmed_at)}</b>", 10),
    ]
    if to_agency:
        story.append(para(LEGAL_TIME, 10, bold=True))
    story += [Spacer(1, 6 * mm), signatures("Bên giao", "Bên nhận")]
    return a4_pdf(story, title=f"{title} {data.code}", subject=data.agency_name)
