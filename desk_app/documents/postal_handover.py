"""Biên bản giao nhận hồ sơ: the postal employee hands dossiers to the desk (DOMAIN.md §10), A4, 2 copies.

Both sides count the dossiers again and sign; the signing time is the legal submission time of every
dossier listed. Each row: the postal item identifier of its Phiếu gửi (UPU S10), the dossier code and
QR, the procedure, the sender, completeness and the fee collected on the agency's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desk_app.documents.common import (
    CenteredLines,
    FormDecoration,
    FormLayout,
    Line,
    SignatureBlock,
    build_form_pdf,
    esc,
    form_styles,
    format_count,
    format_vnd,
    grid_table_style,
    national_header,
    nfc_text,
    or_blank,
    para,
    para_markup,
    place_date_line,
    signature_row,
    vn_time_date,
)
from desk_app.documents.fonts import SERIF_BOLD
from desk_app.documents.parts import code_cell
from desk_app.domain.fees import amount_in_words_vi

__all__ = ["PostalHandoverData", "PostalRow", "render_postal_handover"]

TITLE = "BIÊN BẢN GIAO NHẬN HỒ SƠ"
SUBTITLE = "(Tiếp nhận hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích)"
LAYOUT = FormLayout(page_size=A4, left=20 * mm, right=15 * mm, top=15 * mm, bottom=13 * mm)
COPY_LABELS = ("Liên 1: Bên giao (bưu chính) lưu", "Liên 2: Bên nhận (Bộ phận Một cửa) lưu")


@dataclass(frozen=True)
class PostalRow:
    postal_item_id: str
    dossier_code: str
    procedure_name: str
    sender_name: str
    complete: bool = True
    fee_collected: int = 0
    note: str = ""


@dataclass(frozen=True)
class PostalHandoverData:
    agency_name: str
    desk_name: str
    place_name: str
    handed_at: datetime
    postal_employee: str
    postal_unit: str
    receiver_name: str
    rows: tuple[PostalRow, ...]
    number: str = ""
    training: bool = False
    postal_employee_id: str = ""   # the giver's personal ID or staff number
    receiver_account: str = ""     # the receiving clerk's account at the desk

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        if not self.rows:
            raise ValueError("Biên bản giao nhận phải có ít nhất một hồ sơ")

    @property
    def fees_total(self) -> int:
        return sum(r.fee_collected for r in self.rows)


def _table(data: PostalHandoverData, width: float) -> Table:
    st = form_styles(9)
    h, cell, center = st.table_head, st.table_cell, st.table_cell_center
    right = cell.clone("desk-postal-money", alignment=2)
    widths = [22, 76, 96, 0, 0, 52, 56]
    rest = width - sum(widths)
    widths[3], widths[4] = rest * 0.58, rest * 0.42
    rows: list[list] = [[para("STT", h), para("Số hiệu bưu gửi (Phiếu gửi)", h), para("Mã hồ sơ", h),
                         para("Thủ tục hành chính", h), para("Người gửi", h), para("Tình trạng", h),
                         para("Phí, lệ phí thu hộ", h)]]
    for i, r in enumerate(data.rows, start=1):
        status = "Đầy đủ" if r.complete else "Chưa đầy đủ"
        if nfc_text(r.note):
            status += f" ({nfc_text(r.note)})"
        rows.append([para(format_count(i), center), para(r.postal_item_id, center),
                     code_cell(r.dossier_code, qr_size=10 * mm, style=form_styles(7.5).table_cell_center),
                     para(r.procedure_name, cell), para(r.sender_name, cell), para(status, center),
                     para(format_vnd(r.fee_collected) if r.fee_collected else "", right)])
    rows.append(["", para("Cộng", st.table_head), "", "", "", "", para(format_vnd(data.fees_total), right)])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style() + [("ALIGN", (2, 1), (2, -1), "CENTER"), ("SPAN", (1, len(rows) - 1), (5, len(rows) - 1))]))
    return table


def render_postal_handover(data: PostalHandoverData) -> bytes:
    width = LAYOUT.content_width
    decoration = FormDecoration(reference=f"{TITLE} – {vn_time_date(data.handed_at)}", training=data.training)

    def story(_i: int, _label: str) -> list[Flowable]:
        st = form_styles(10.5)
        incomplete = sum(1 for r in data.rows if not r.complete)
        return [
            national_header([data.agency_name, data.desk_name],
                            f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/BBGN",
                            place_date_line(data.place_name, data.handed_at), width),
            Spacer(1, 8),
            CenteredLines([Line(TITLE, SERIF_BOLD, 14), Line(SUBTITLE, "DeskSerif-Italic", 10)]),
            Spacer(1, 6),
            para(f"Hôm nay, vào lúc {vn_time_date(data.handed_at)}, tại {nfc_text(data.desk_name).capitalize()} "
                 f"– {nfc_text(data.agency_name)}, chúng tôi gồm:", st.body),
            para_markup(f"<b>Bên giao</b> (doanh nghiệp cung ứng dịch vụ bưu chính công ích): Ông/Bà "
                        f"<b>{esc(or_blank(data.postal_employee))}</b>"
                        + (f", số định danh/mã nhân viên {esc(data.postal_employee_id)}"
                           if nfc_text(data.postal_employee_id) else "")
                        + f", đơn vị {esc(or_blank(data.postal_unit))}.", st.body),
            para_markup(f"<b>Bên nhận</b> (Bộ phận Một cửa): Ông/Bà <b>{esc(or_blank(data.receiver_name))}</b>"
                        + (f", tài khoản {esc(data.receiver_account)}" if nfc_text(data.receiver_account) else "")
                        + f", {esc(nfc_text(data.desk_name).capitalize())}.", st.body),
            para(f"Hai bên đã cùng kiểm đếm và giao nhận {format_count(len(data.rows))} hồ sơ "
                 f"({format_count(len(data.rows) - incomplete)} đầy đủ, {format_count(incomplete)} chưa đầy đủ) "
                 "như sau:", st.body),
            Spacer(1, 3),
            _table(data, width),
            Spacer(1, 3),
            para_markup(f"Tổng số tiền phí, lệ phí bên giao đã thu hộ và bàn giao: <b>{esc(format_vnd(data.fees_total))}</b> "
                        f"(<i>{esc(amount_in_words_vi(data.fees_total))}</i>).", st.body),
            para("Thời điểm ký biên bản này là thời điểm nộp hồ sơ của các hồ sơ nêu trên. Biên bản được lập "
                 "thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau.", st.body),
            KeepTogether([Spacer(1, 8), signature_row(
                [SignatureBlock("ĐẠI DIỆN BÊN GIAO", data.postal_employee),
                 SignatureBlock("ĐẠI DIỆN BÊN NHẬN", data.receiver_name)], width, sign_space=18 * mm)]),
        ]

    return build_form_pdf(
        story, copy_labels=COPY_LABELS, decoration=decoration, layout=LAYOUT,
        metadata={"title": f"{TITLE} – {data.handed_at:%d/%m/%Y %H:%M}", "subject": TITLE,
                  "author": f"{nfc_text(data.desk_name)} – {nfc_text(data.agency_name)}"},
    )
