"""Phiếu bàn giao kết quả: the processing office hands results back to the desk (A4 landscape, 2 copies).

One row per dossier with its code and QR, the result, the applicant, whether fees are still due and
whether the result goes back by post; "Bàn giao … hồ sơ vào <thời gian>" and both signatures close it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desk_app.documents.common import (
    CenteredLines,
    FormDecoration,
    FormLayout,
    Line,
    SignatureBlock,
    build_form_pdf,
    form_styles,
    format_count,
    grid_table_style,
    national_header,
    nfc_text,
    para,
    place_date_line,
    signature_row,
    vn_time_date,
)
from desk_app.documents.fonts import SERIF_BOLD
from desk_app.documents.parts import code_cell, field_line

__all__ = ["HandoverRow", "ResultHandoverData", "render_result_handover"]

TITLE = "PHIẾU BÀN GIAO KẾT QUẢ GIẢI QUYẾT HỒ SƠ"
LAYOUT = FormLayout(page_size=landscape(A4), left=15 * mm, right=10 * mm, top=14 * mm, bottom=12 * mm)
COPY_LABELS = ("Liên 1: Bên giao lưu", "Liên 2: Bên nhận lưu")


@dataclass(frozen=True)
class HandoverRow:
    dossier_code: str
    procedure_name: str
    result: str
    applicant_name: str
    address: str
    fee_due: bool = False
    by_post: bool = False


@dataclass(frozen=True)
class ResultHandoverData:
    agency_name: str
    desk_name: str
    place_name: str
    giver_unit: str
    taker_unit: str
    handed_at: datetime
    rows: tuple[HandoverRow, ...]
    giver_name: str = ""
    taker_name: str = ""
    training: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        if not self.rows:
            raise ValueError("Phiếu bàn giao phải có ít nhất một hồ sơ")


def _table(data: ResultHandoverData, width: float) -> Table:
    st = form_styles(9)
    h, cell, center = st.table_head, st.table_cell, st.table_cell_center
    fixed = {0: 22, 1: 100, 6: 52, 7: 58}
    rest = width - sum(fixed.values())
    flex = {2: 0.28, 3: 0.24, 4: 0.20, 5: 0.28}
    widths = [fixed.get(i) or rest * flex[i] for i in range(8)]
    rows: list[list] = [[para("TT", h), para("Mã hồ sơ", h), para("Nội dung (thủ tục hành chính)", h),
                         para("Kết quả", h), para("Họ và tên", h), para("Địa chỉ", h),
                         para("Phí, lệ phí (X)", h), para("Trả qua bưu điện (X)", h)]]
    for i, r in enumerate(data.rows, start=1):
        rows.append([para(format_count(i), center),
                     code_cell(r.dossier_code, qr_size=10 * mm, style=form_styles(7.5).table_cell_center),
                     para(r.procedure_name, cell), para(r.result, cell), para(r.applicant_name, cell),
                     para(r.address, cell), para("X" if r.fee_due else "", center),
                     para("X" if r.by_post else "", center)])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style() + [("ALIGN", (1, 1), (1, -1), "CENTER")]))
    return table


def render_result_handover(data: ResultHandoverData) -> bytes:
    width = LAYOUT.content_width
    decoration = FormDecoration(reference=f"{TITLE} – {vn_time_date(data.handed_at)}", training=data.training)

    def story(_i: int, _label: str) -> list[Flowable]:
        st = form_styles()
        return [
            national_header([data.agency_name, data.desk_name], None,
                            place_date_line(data.place_name, data.handed_at), width * 0.7, left_fraction=0.45),
            Spacer(1, 6),
            CenteredLines([Line(TITLE, SERIF_BOLD, 13)]),
            Spacer(1, 4),
            field_line("Bên giao", data.giver_unit),
            field_line("Bên nhận", data.taker_unit),
            para(f"Bàn giao {format_count(len(data.rows))} hồ sơ vào {vn_time_date(data.handed_at)}, cụ thể như sau:",
                 st.body),
            Spacer(1, 3),
            _table(data, width),
            KeepTogether([Spacer(1, 8), signature_row(
                [SignatureBlock("NGƯỜI GIAO", data.giver_name), SignatureBlock("NGƯỜI NHẬN", data.taker_name)],
                width)]),
        ]

    return build_form_pdf(
        story, copy_labels=COPY_LABELS, decoration=decoration, layout=LAYOUT,
        metadata={"title": f"{TITLE} – {data.handed_at:%d/%m/%Y %H:%M}", "subject": TITLE,
                  "author": f"{nfc_text(data.desk_name)} – {nfc_text(data.agency_name)}"},
    )
