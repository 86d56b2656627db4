"""Phiếu gửi hồ sơ: the postal employee collects a dossier at the post office or the citizen's home
(QĐ 45/2016/QĐ-TTg, DOMAIN.md §10), A4, two copies, both sign.

Sender, receiving agency, procedure, the papers (bản chính / bản sao / bản chụp), the S10 of the item,
time and place, the fee collected on the agency's behalf and the postal charge (separately), where the
result goes, and the rule that the hand-over record's signing time is the legal submission time.
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

__all__ = ["PostalSlipData", "SlipPaper", "render_postal_slip"]

TITLE = "PHIẾU GỬI HỒ SƠ"
SUBTITLE = "(Tiếp nhận hồ sơ thủ tục hành chính qua dịch vụ bưu chính công ích)"
LAYOUT = FormLayout(page_size=A4, left=20 * mm, right=15 * mm, top=15 * mm, bottom=13 * mm)
COPY_LABELS = ("Liên 1: Người gửi giữ", "Liên 2: Bưu chính lưu")


@dataclass(frozen=True)
class SlipPaper:
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class PostalSlipData:
    s10: str
    postal_unit: str
    postal_employee: str
    collected_at: datetime
    place: str                  # where it was collected (post office / the citizen's address)
    sender_name: str
    sender_id_number: str
    sender_address: str
    sender_phone: str
    agency_name: str            # the receiving agency
    desk_name: str
    procedure_code: str
    procedure_name: str
    papers: tuple[SlipPaper, ...]
    pages: int
    fee_collected: int
    postal_charge: int
    return_by_post: bool
    delivery_address: str = ""
    training: bool = False


def _papers(data: PostalSlipData, width: float) -> Table:
    st = form_styles(9)
    h, cell, center = st.table_head, st.table_cell, st.table_cell_center
    widths = [24, 0, 52, 52, 52]
    widths[1] = width - sum(widths)
    rows: list[list] = [[para("STT", h), para("Tên giấy tờ", h), para("Bản chính", h), para("Bản sao", h),
                         para("Bản chụp", h)]]
    for i, p in enumerate(data.papers, start=1):
        rows.append([para(format_count(i), center), para(p.name, cell),
                     para(format_count(p.originals) if p.originals else "", center),
                     para(format_count(p.certified_copies) if p.certified_copies else "", center),
                     para(format_count(p.photocopies) if p.photocopies else "", center)])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style()))
    return table


def render_postal_slip(data: PostalSlipData) -> bytes:
    width = LAYOUT.content_width
    decoration = FormDecoration(reference=f"{TITLE} – {data.s10}", training=data.training)
    total = data.fee_collected + data.postal_charge

    def story(_i: int, _label: str) -> list[Flowable]:
        st = form_styles(10.5)
        head = Table([[para_markup(f"Số hiệu bưu gửi: <b>{esc(data.s10)}</b>", st.body),
                       code_cell(data.s10, qr_size=16 * mm, style=form_styles(8).table_cell_center)]],
                     colWidths=[width - 40 * mm, 40 * mm])
        head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        result = (f"qua dịch vụ bưu chính công ích, tại địa chỉ: {nfc_text(data.delivery_address)}"
                  if data.return_by_post else f"tại {nfc_text(data.desk_name).capitalize()} – "
                  f"{nfc_text(data.agency_name)}")
        return [
            national_header([data.postal_unit], f"Số: {esc(data.s10)}",
                            place_date_line(data.place, data.collected_at), width),
            Spacer(1, 8),
            CenteredLines([Line(TITLE, SERIF_BOLD, 14), Line(SUBTITLE, "DeskSerif-Italic", 10)]),
            Spacer(1, 6),
            head,
            para_markup(f"<b>Người gửi:</b> {esc(or_blank(data.sender_name))}; số định danh cá nhân: "
                        f"{esc(or_blank(data.sender_id_number))}.", st.body),
            para(f"Địa chỉ: {or_blank(data.sender_address)}; điện thoại: {or_blank(data.sender_phone)}.", st.body),
            para_markup(f"<b>Cơ quan nhận hồ sơ:</b> {esc(nfc_text(data.desk_name).capitalize())} – "
                        f"{esc(data.agency_name)}.", st.body),
            para_markup(f"<b>Thủ tục hành chính:</b> {esc(data.procedure_name)} (mã {esc(data.procedure_code)}).",
                        st.body),
            para(f"Thành phần hồ sơ ({format_count(data.pages)} trang đã số hóa):", st.body),
            Spacer(1, 2),
            _papers(data, width),
            Spacer(1, 3),
            para(f"Thời gian, địa điểm nhận: {vn_time_date(data.collected_at)}, tại {nfc_text(data.place)}. "
                 "Hồ sơ được niêm phong trước mặt người gửi.", st.body),
            para_markup(f"Phí, lệ phí thủ tục hành chính thu hộ: <b>{esc(format_vnd(data.fee_collected))}</b>; "
                        f"cước dịch vụ bưu chính: <b>{esc(format_vnd(data.postal_charge))}</b>; "
                        f"tổng cộng: <b>{esc(format_vnd(total))}</b>.", st.body),
            para(f"Nhận kết quả: {result}.", st.body),
            para("Thời điểm nộp hồ sơ là thời điểm ký biên bản giao nhận hồ sơ giữa nhân viên bưu chính và "
                 "Bộ phận Một cửa; thời hạn giải quyết tính từ thời điểm đó. Doanh nghiệp bưu chính bồi thường "
                 "khi làm mất, hư hỏng hồ sơ theo quy định; nhân viên bưu chính không được tiết lộ nội dung "
                 "hồ sơ.", st.body),
            KeepTogether([Spacer(1, 8), signature_row(
                [SignatureBlock("NGƯỜI GỬI", data.sender_name),
                 SignatureBlock("NHÂN VIÊN BƯU CHÍNH", data.postal_employee)], width, sign_space=18 * mm)]),
        ]

    return build_form_pdf(
        story, copy_labels=COPY_LABELS, decoration=decoration, layout=LAYOUT,
        metadata={"title": f"{TITLE} – {data.s10}", "subject": TITLE, "author": nfc_text(data.postal_unit)},
    )
