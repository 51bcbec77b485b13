"""The bag label, 100 × 150 mm: S10 code as Code 128 and QR, where the bag goes, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from postal_service.documents.common import (
    ORGANISATION,
    code128,
    local_time,
    para,
    qr_code,
    spaced_s10,
    text,
)
from postal_service.documents.fonts import BOLD, REGULAR, register_fonts
from postal_service.enums import LegKind
from postal_service.labels import LEG_LABELS

WIDTH, HEIGHT = 100 * mm, 150 * mm
MARGIN = 5 * mm
INNER = WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class LabelData:
    """What a bag label shows; personal data only when the bag goes to a person."""

    s10_code: str
    leg_kind: LegKind
    dossier_code: str | None
    postal_point_name: str
    postal_point_code: str
    postal_point_address: str
    recipient_name: str
    recipient_address: str
    due_at: datetime | None


def _recipient_title(leg: LegKind) -> str:
    return "NGƯỜI NHẬN" if leg is LegKind.RESULT else "CƠ QUAN NHẬN"


def _block(canvas: Canvas, top: float, title: str, name: str, address: str) -> float:
    """Draw a titled name and wrapped address from ``top`` down; return the new top."""
    canvas.setFont(BOLD, 8)
    canvas.drawString(MARGIN, top - 3 * mm, title)
    y = top - 4 * mm
    for value, size, bold in ((name, 11, True), (address, 9.5, False)):
        paragraph = para(text(value), size, bold=bold)
        _w, h = paragraph.wrapOn(canvas, INNER, 30 * mm)
        y -= h
        paragraph.drawOn(canvas, MARGIN, y)
    return float(y - 2 * mm)


def render_label(data: LabelData) -> bytes:
    """Render one bag label (100 × 150 mm) to PDF."""
    register_fonts()
    out = BytesIO()
    canvas = Canvas(out, pagesize=(WIDTH, HEIGHT), invariant=1, initialFontName=REGULAR)
    canvas.setTitle(f"Nhãn túi {data.s10_code}")
    canvas.setAuthor(ORGANISATION)
    canvas.setLineWidth(0.8)
    canvas.rect(MARGIN / 2, MARGIN / 2, WIDTH - MARGIN, HEIGHT - MARGIN)

    # Header: who we are, and the leg kind reversed out so sorters see it at a glance.
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN, HEIGHT - 11 * mm, ORGANISATION)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(WIDTH - MARGIN, HEIGHT - 11 * mm, data.postal_point_code)
    canvas.rect(MARGIN, HEIGHT - 21 * mm, INNER, 8 * mm, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(BOLD, 12)
    canvas.drawCentredString(
        WIDTH / 2, HEIGHT - 18.5 * mm, LEG_LABELS[data.leg_kind].upper()
    )
    canvas.setFillColorRGB(0, 0, 0)

    barcode = code128(data.s10_code, width=INNER, height=22 * mm)
    barcode.drawOn(canvas, MARGIN, HEIGHT - 46 * mm)
    canvas.setFont(BOLD, 17)
    canvas.drawCentredString(WIDTH / 2, HEIGHT - 53 * mm, spaced_s10(data.s10_code))
    canvas.line(MARGIN, HEIGHT - 56 * mm, WIDTH - MARGIN, HEIGHT - 56 * mm)

    top = _block(
        canvas,
        HEIGHT - 57 * mm,
        "TỪ BƯU CỤC",
        data.postal_point_name,
        data.postal_point_address,
    )
    canvas.line(MARGIN, top, WIDTH - MARGIN, top)
    _block(
        canvas,
        top - 1 * mm,
        _recipient_title(data.leg_kind),
        data.recipient_name,
        data.recipient_address,
    )

    # Footer: facts on the left, the QR code for phones on the right.
    qr_size = 34 * mm
    qr_code(data.s10_code, size=qr_size).drawOn(
        canvas, WIDTH - MARGIN - qr_size, MARGIN
    )
    canvas.line(
        MARGIN, MARGIN + qr_size + 2 * mm, WIDTH - MARGIN, MARGIN + qr_size + 2 * mm
    )
    facts = [
        ("Loại bưu gửi", LEG_LABELS[data.leg_kind]),
        ("Mã hồ sơ", data.dossier_code or "—"),
        ("Hạn chuyển phát", local_time(data.due_at)),
    ]
    y = MARGIN + qr_size - 3 * mm
    room = INNER - qr_size - 3 * mm
    for title, value in facts:
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN, y, title)
        # Shrink a long value (a dossier code runs to 40 characters) to clear the QR.
        size = min(9.5, 9.5 * room / canvas.stringWidth(value, BOLD, 9.5))
        canvas.setFont(BOLD, size)
        canvas.drawString(MARGIN, y - 4 * mm, value)
        y -= 10.5 * mm
    canvas.showPage()
    canvas.save()
    return out.getvalue()
