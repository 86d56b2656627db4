"""Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05 of TT 01/2018, Mẫu 06 of TT 03/2025), A5, one copy.

It travels with the paper dossier: each hand-off (desk → processing office → … → desk) is one row
with the time and the signatures of who gave and who took it, and the result against the deadline.
Hand-offs already known to the system are printed; blank rows are left for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desk_app.documents.common import (
    form_styles,
    format_count,
    grid_table_style,
    nfc_text,
    or_blank,
    para,
    para_markup,
    vn_time_date,
)
from desk_app.documents.fonts import SERIF
from desk_app.documents.parts import FormHeader, field_line, render_form

__all__ = ["ControlSheetData", "Handoff", "render_control_sheet"]

TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
TITLE_LINES = ("PHIẾU KIỂM SOÁT QUÁ TRÌNH", "GIẢI QUYẾT HỒ SƠ")
FORM_NUMBERS = {"TT01/2018": 5, "TT03/2025": 6}
BLANK_TIME = "…… giờ …… phút, ngày …… / …… / ………"


@dataclass(frozen=True)
class Handoff:
    giver: str
    taker: str
    at: datetime | None = None
    result: str = ""   # "Trước hạn" | "Đúng hạn" | "Quá hạn" (only on the hand-back row)
    note: str = ""


@dataclass(frozen=True)
class ControlSheetData:
    header: FormHeader
    due_at: datetime | None
    processing_agency: str
    issued_at: datetime
    handoffs: tuple[Handoff, ...] = ()
    coordinating_agency: str = ""
    book_number: str = ""
    sequence_number: int | None = None
    blank_rows: int = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "handoffs", tuple(self.handoffs))


def _sign_pair(width: float) -> Table:
    """"Người giao" / "Người nhận" side by side with room to sign under each."""
    st = form_styles()
    table = Table([[para("Người giao", st.sign_note), para("Người nhận", st.sign_note)]],
                  colWidths=[width / 2 - 3, width / 2 - 3], rowHeights=[28])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _rows(data: ControlSheetData, width: float) -> Table:
    st = form_styles()
    w1, w2, w3 = width * 0.30, width * 0.30, width * 0.22
    w4 = width - w1 - w2 - w3
    rows: list[list] = [[
        para("TÊN CƠ QUAN", st.table_head),
        para("THỜI GIAN GIAO, NHẬN HỒ SƠ", st.table_head),
        para("KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ đúng hạn/ quá hạn)", st.table_head),
        para("GHI CHÚ", st.table_head),
    ]]
    entries = list(data.handoffs) + [Handoff("", "") for _ in range(max(0, data.blank_rows))]
    for h in entries:
        unit = [para(f"1. Giao: {or_blank(h.giver, '…………………')}", st.table_cell),
                para(f"2. Nhận: {or_blank(h.taker, '…………………')}", st.table_cell)]
        when = [para(vn_time_date(h.at) if h.at else BLANK_TIME, st.table_cell),
                Spacer(1, 3),
                _sign_pair(w2),
                ]
        rows.append([unit, when, para(h.result, st.table_cell_center), para(h.note, st.table_cell)])
    table = Table(rows, colWidths=[w1, w2, w3, w4], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style()))
    return table


def render_control_sheet(data: ControlSheetData) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        book = nfc_text(data.book_number) or "……"
        seq = format_count(data.sequence_number) if data.sequence_number is not None else "……"
        return [
            para(f"Quyển số: {book}, Số thứ tự: {seq}", st.body_center),
            field_line("Kèm theo hồ sơ của", h.applicant_name, bold=True),
            para_markup(f"Nội dung yêu cầu giải quyết: {h.procedure_markup()}", st.body),
            field_line("Ngày, giờ nhận hồ sơ", vn_time_date(h.received_at) if h.received_at else ""),
            field_line("Ngày, giờ hẹn trả kết quả", vn_time_date(data.due_at) if data.due_at else "", bold=True),
            field_line("Cơ quan (bộ phận) giải quyết hồ sơ", data.processing_agency),
            field_line("Cơ quan phối hợp giải quyết hồ sơ", data.coordinating_agency),
            Spacer(1, 4),
            _rows(data, width),
        ]

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=FORM_NUMBERS, number_text=None,
        issued_at=data.issued_at, body=body, copy_labels=("Kèm theo hồ sơ",), title=TITLE,
    )
