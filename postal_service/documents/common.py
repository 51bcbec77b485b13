"""What the printed forms share: local time, money, paragraph styles, A4 assembly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from postal_service.calendar import LOCAL_TZ
from postal_service.documents.fonts import BOLD, REGULAR, register_fonts

ORGANISATION = "BƯU CHÍNH CÔNG ÍCH"
DATE_LINE = "Ngày ....... tháng ....... năm ..........."
NOT_YET = "...................."
# Code 128 wants ten modules of white on each side so scanners find the start.
QUIET_MODULES = 10


def local_time(moment: datetime | None) -> str:
    """A UTC-aware moment as Vietnamese read it: dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh."""
    if moment is None:
        return NOT_YET
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def local_date(day: date | None) -> str:
    """A date as dd/mm/yyyy, or a dotted line to fill in by hand."""
    return day.strftime("%d/%m/%Y") if day else NOT_YET


def vnd(amount: int) -> str:
    """An amount of đồng with dots between thousands: 135.000 đ."""
    return f"{amount:,} đ".replace(",", ".")


def spaced_s10(code: str) -> str:
    """An S10 code grouped for reading aloud: RR 123 456 785 VN."""
    digits = code[2:11]
    return f"{code[:2]} {digits[:3]} {digits[3:6]} {digits[6:]} {code[11:]}"


def text(value: str) -> str:
    """Escape user-entered text for reportlab's Paragraph mark-up."""
    return escape(value)


def style(
    size: float = 10, *, bold: bool = False, center: bool = False
) -> ParagraphStyle:
    """A DejaVu paragraph style of the given size."""
    register_fonts()
    return ParagraphStyle(
        name=f"dv-{size}-{bold}-{center}",
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER if center else 0,
    )


def para(
    value: str, size: float = 10, *, bold: bool = False, center: bool = False
) -> Paragraph:
    """A paragraph of already-escaped mark-up."""
    return Paragraph(value, style(size, bold=bold, center=center))


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style whose plain-string cells are set in DejaVu, not Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def grid(
    rows: Sequence[Sequence[object]], widths: Sequence[float], *, header: bool = True
) -> Table:
    """A ruled table; the first row is a shaded header when ``header``."""
    table = Table(
        [list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0
    )
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    table.setStyle(table_style(*commands))
    return table


def signatures(
    left: str, right: str, *, left_note: str = "", right_note: str = ""
) -> Table:
    """Two signature blocks side by side, each with a date line and room to sign."""

    def block(title: str, note: str) -> list[Flowable]:
        lines = [
            para(DATE_LINE, 9, center=True),
            para(text(title), 11, bold=True, center=True),
        ]
        if note:
            lines.append(para(text(note), 9, center=True))
        lines.append(para("(Ký, ghi rõ họ tên)", 9, center=True))
        return lines

    table = Table(
        [[block(left, left_note), block(right, right_note)], ["", ""]],
        colWidths=[85 * mm, 85 * mm],
        rowHeights=[None, 28 * mm],
    )
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def a4_pdf(story: list[Flowable], *, title: str, subject: str) -> bytes:
    """Lay ``story`` out on A4 pages and return the PDF; the same input gives the same bytes."""
    register_fonts()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        subject=subject,
        author=ORGANISATION,
        creator=ORGANISATION,
        invariant=1,
        initialFontName=REGULAR,
    )
    doc.build(story)
    return out.getvalue()


def code128(code: str, *, width: float, height: float) -> Code128:
    """A Code 128 barcode of ``code`` exactly ``width`` wide, quiet zones included."""
    modules = Code128(code, barWidth=1, quiet=0).width + 2 * QUIET_MODULES
    bar = width / modules
    return Code128(
        code,
        barWidth=bar,
        barHeight=height,
        quiet=1,
        lquiet=QUIET_MODULES * bar,
        rquiet=QUIET_MODULES * bar,
    )


def qr_code(code: str, *, size: float) -> QrCode:
    """A square QR code of ``code``, ``size`` wide, medium error correction."""
    # The flowable draws straight on the canvas; the QrCodeWidget would pull in
    # Helvetica through renderPDF's default drawing state.
    return QrCode(code, width=size, height=size, qrLevel="M")
