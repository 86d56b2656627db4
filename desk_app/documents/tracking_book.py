"""Sổ theo dõi hồ sơ (Mẫu 06 of TT 01/2018, Mẫu 07 of TT 03/2025): A4 landscape, one day or a period.

One row per dossier received in the period, in book order, with the dates of each step (received,
due, sent to the processing office, result back, result returned) and a signature column. Each row
carries the dossier code and its QR so the clerk can scan a line of the printed book to open it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desk_app.documents.common import (
    CenteredLines,
    FormDecoration,
    FormLayout,
    Line,
    build_form_pdf,
    form_number_label,
    form_set_for,
    form_styles,
    format_count,
    grid_table_style,
    legal_basis_line,
    national_header,
    nfc_text,
    para,
    place_date_line,
)
from desk_app.documents.fonts import SERIF, SERIF_BOLD
from desk_app.documents.parts import code_cell

__all__ = ["BookRow", "TrackingBookData", "render_tracking_book"]

TITLE = "SỔ THEO DÕI HỒ SƠ"
FORM_NUMBERS = {"TT01/2018": 6, "TT03/2025": 7}
LAYOUT = FormLayout(page_size=landscape(A4), left=15 * mm, right=10 * mm, top=14 * mm, bottom=12 * mm)


@dataclass(frozen=True)
class BookRow:
    sequence: int
    dossier_code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    processing_agency: str
    received_at: datetime
    due_at: datetime | None = None
    sent_at: datetime | None = None
    result_back_at: datetime | None = None
    returned_at: datetime | None = None
    dossier_count: int = 1
    note: str = ""


@dataclass(frozen=True)
class TrackingBookData:
    agency_name: str
    desk_name: str
    place_name: str
    start: date
    end: date
    rows: tuple[BookRow, ...]
    issued_at: datetime
    book_number: str = ""
    training: bool = False
    #: the year-end close (``day_close.close_book_year``): the closing statement and who signs it
    closing_lines: tuple[str, ...] = ()
    closed_by: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        if self.end < self.start:
            raise ValueError("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu")

    @property
    def period_text(self) -> str:
        if self.start == self.end:
            return f"Ngày {self.start:%d/%m/%Y}"
        return f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"


def _d(moment: datetime | None) -> str:
    return f"{moment:%d/%m/%Y %H:%M}" if moment else ""


def _table(data: TrackingBookData, width: float) -> Table:
    st = form_styles(8.5)
    fixed = [22, 92, 0, 26, 0, 0, 0, 46, 46, 46, 46, 46, 0]
    flex = {2: 0.26, 4: 0.20, 5: 0.24, 6: 0.15, 12: 0.15}
    rest = width - sum(fixed)
    widths = [w if w else rest * flex[i] for i, w in enumerate(fixed)]
    h = st.table_head
    head1 = [para("STT", h), para("Mã hồ sơ", h), para("Tên thủ tục hành chính", h),
             para("Số lượng hồ sơ (bộ)", h), para("Tên cá nhân, tổ chức", h), para("Địa chỉ, số điện thoại", h),
             para("Cơ quan chủ trì giải quyết", h), para("Ngày, tháng, năm", h), "", "", "", "",
             para("Ghi chú (ký nhận)", h)]
    head2 = ["", "", "", "", "", "", "", para("Nhận hồ sơ", h), para("Hẹn trả kết quả", h),
             para("Chuyển hồ sơ đến cơ quan giải quyết", h), para("Nhận kết quả từ cơ quan giải quyết", h),
             para("Trả kết quả cho cá nhân, tổ chức", h), ""]
    rows: list[list] = [head1, head2]
    cell, center = st.table_cell, st.table_cell_center
    for r in data.rows:
        rows.append([
            para(format_count(r.sequence), center), code_cell(r.dossier_code, qr_size=10 * mm, style=form_styles(7.5).table_cell_center),
            para(r.procedure_name, cell), para(format_count(r.dossier_count), center),
            para(r.applicant_name, cell), para(r.address_phone, cell), para(r.processing_agency, cell),
            para(_d(r.received_at), center), para(_d(r.due_at), center), para(_d(r.sent_at), center),
            para(_d(r.result_back_at), center), para(_d(r.returned_at), center), para(r.note, cell),
        ])
    if not data.rows:
        rows.append(["", para("(Không có hồ sơ trong kỳ)", cell)] + [""] * 11)
    style = grid_table_style(header_rows=2) + [
        ("ALIGN", (1, 2), (1, -1), "CENTER"),
        ("SPAN", (7, 0), (11, 0)),
        *[("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 3, 4, 5, 6, 12)],
    ]
    if not data.rows:
        style.append(("SPAN", (1, 2), (12, 2)))
    table = Table(rows, colWidths=widths, repeatRows=2, splitByRow=1)
    table.setStyle(TableStyle(style))
    return table


def _closing(data: TrackingBookData, width: float) -> list[Flowable]:
    """The closing line of a year's book and the signature of whoever closed it (empty for an open book)."""
    if not data.closing_lines:
        return []
    st = form_styles()
    signature = Table([["", CenteredLines([Line("NGƯỜI KHÓA SỔ", SERIF_BOLD, 11),
                                          Line("(Ký, ghi rõ họ tên)", SERIF, 10), Line("", SERIF, 10),
                                          Line("", SERIF, 10), Line(nfc_text(data.closed_by), SERIF_BOLD, 11)])]],
                      colWidths=[width * 0.6, width * 0.4])
    return [Spacer(1, 8), *[para(nfc_text(line), st.body) for line in data.closing_lines], Spacer(1, 6), signature]


def render_tracking_book(data: TrackingBookData) -> bytes:
    form_set = form_set_for(data.end)
    number = FORM_NUMBERS[form_set]
    width = LAYOUT.content_width
    decoration = FormDecoration(
        form_label=form_number_label(number), legal_basis=legal_basis_line(form_set),
        reference=f"{TITLE} – {data.period_text}", training=data.training,
    )

    def story(_i: int, _label: str) -> list[Flowable]:
        st = form_styles()
        book = nfc_text(data.book_number) or f"{data.end.year}"
        return [
            national_header([data.agency_name, data.desk_name], f"Quyển số: {book}",
                            place_date_line(data.place_name, data.issued_at), width * 0.7, left_fraction=0.45),
            Spacer(1, 6),
            CenteredLines([Line(TITLE, SERIF_BOLD, 14), Line(data.period_text, SERIF, 11)]),
            para(f"Tổng số hồ sơ: {format_count(len(data.rows))}", st.body_center),
            Spacer(1, 5),
            _table(data, width),
            *_closing(data, width),
        ]

    return build_form_pdf(
        story, copy_labels=("",), decoration=decoration, layout=LAYOUT,
        metadata={"title": f"{TITLE} – {data.period_text}", "subject": f"{form_number_label(number)} ({form_set})",
                  "author": f"{nfc_text(data.desk_name)} – {nfc_text(data.agency_name)}"},
    )
