"""Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả (receipt and appointment slip), as a PDF.

A5 portrait, two copies ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ"), each starting on its own page.
The form set (TT 01/2018/TT-VPCP or TT 03/2025/TT-VPCP) follows the receipt date, see :func:`form_set_for`.
Long component lists flow onto continuation pages that keep the copy label and repeat the table heading.

    data = ReceiptData(...)
    pdf = render_receipt(data)          # bytes
    write_receipt(data, "/path/x.pdf")  # atomic write
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.documents.common import (
    FormDecoration,
    FormLayout,
    SignatureBlock,
    build_form_pdf,
    esc,
    form_number_label,
    form_set_for,
    form_styles,
    format_count,
    format_vnd,
    grid_table_style,
    legal_basis_line,
    national_header,
    nfc_text,
    or_blank,
    para,
    para_markup,
    place_date_line,
    signature_row,
    title_block,
    vn_local,
    vn_time_date,
)
from desk_app.documents.fonts import SERIF
from desk_app.documents.parts import PaymentQr, payment_qr_block
from scanning.durable import atomic_write_bytes

__all__ = [
    "COPY_LABELS",
    "FORM_NUMBER",
    "TITLE",
    "ReceiptComponent",
    "ReceiptData",
    "form_set_for",
    "render_receipt",
    "write_receipt",
]

FORM_NUMBER = 1
TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
TITLE_LINES = ("GIẤY TIẾP NHẬN HỒ SƠ", "VÀ HẸN TRẢ KẾT QUẢ")
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")

LAYOUT = FormLayout()


@dataclass(frozen=True)
class ReceiptComponent:
    """One line of "Thành phần hồ sơ": paper name and how many originals / certified copies / photocopies."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0

    def __post_init__(self) -> None:
        if min(self.originals, self.certified_copies, self.photocopies) < 0:
            raise ValueError(f"Số bản không được âm: {self.name!r}")


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on Mẫu 01. Strings may be in any Unicode form; they are printed in NFC."""

    agency_name: str  # "UBND XÃ HÒA AN"
    desk_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    place_name: str  # địa danh: "Hòa An"
    dossier_code: str
    book_number: str | None
    sequence_number: int | None
    applicant_name: str
    submitter_name: str
    address: str
    phone: str
    email: str
    id_number: str
    procedure_code: str
    procedure_name: str
    components: tuple[ReceiptComponent, ...]
    time_limit_text: str  # "03 ngày làm việc"
    received_at: datetime
    due_at: datetime
    return_place: str  # "Trung tâm Phục vụ hành chính công xã Hòa An"
    clerk_name: str
    dossier_count: int = 1
    fee_amount: int = 0  # đồng
    training: bool = False
    payment_qr: PaymentQr | None = None  # VietQR printed while the fee is unpaid

    def __post_init__(self) -> None:
        object.__setattr__(self, "components", tuple(self.components))
        if not nfc_text(self.dossier_code):
            raise ValueError("Thiếu mã hồ sơ")
        if self.dossier_count < 1:
            raise ValueError("Số lượng hồ sơ phải từ 01 bộ trở lên")
        if self.fee_amount < 0:
            raise ValueError("Phí, lệ phí không được âm")
        try:
            late = vn_local(self.due_at) < vn_local(self.received_at)
        except TypeError as exc:  # one naive, one aware
            raise ValueError("Thời gian nhận và hẹn trả phải cùng kiểu (cùng có hoặc cùng không có múi giờ)") from exc
        if late:
            raise ValueError("Thời gian trả kết quả không được trước thời gian nhận hồ sơ")

    @property
    def form_set(self) -> str:
        return form_set_for(self.received_at)


def _count(n: int) -> str:
    return format_count(n) if n else ""


def _components_table(data: ReceiptData, width: float) -> Table:
    st = form_styles()
    num_w, orig_w, cert_w, copy_w = 20.0, 38.0, 50.0, 38.0
    name_w = width - num_w - orig_w - cert_w - copy_w
    rows: list[list] = [
        [
            para("TT", st.table_head),
            para("Tên giấy tờ", st.table_head),
            para("Bản chính", st.table_head),
            para("Bản sao chứng thực", st.table_head),
            para("Bản chụp", st.table_head),
        ]
    ]
    for i, comp in enumerate(data.components, start=1):
        rows.append(
            [
                para(str(i), st.table_cell_center),
                para(comp.name, st.table_cell),
                para(_count(comp.originals), st.table_cell_center),
                para(_count(comp.certified_copies), st.table_cell_center),
                para(_count(comp.photocopies), st.table_cell_center),
            ]
        )
    if not data.components:
        rows.append(["", para("(Không có giấy tờ kèm theo)", st.table_cell), "", "", ""])
    table = Table(rows, colWidths=[num_w, name_w, orig_w, cert_w, copy_w], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style()))
    return table


def _story(data: ReceiptData, copy_index: int = 0) -> list[Flowable]:
    st = form_styles()
    width = LAYOUT.content_width
    received = vn_local(data.received_at)

    def field_line(label: str, value: object, bold: bool = False) -> Flowable:
        shown = esc(or_blank(value))
        return para_markup(f"{esc(label)}: {'<b>' + shown + '</b>' if bold else shown}", st.body)

    story: list[Flowable] = [
        national_header(
            [data.agency_name, data.desk_name],
            f"Số: {nfc_text(data.dossier_code)}",
            place_date_line(data.place_name, received),
            width,
        ),
        Spacer(1, 7),
        title_block(TITLE_LINES, data.dossier_code, width),
        Spacer(1, 6),
        field_line("Tiếp nhận hồ sơ của", data.applicant_name, bold=True),
        field_line("Người nộp", data.submitter_name),
        field_line("Địa chỉ", data.address),
    ]
    contact = Table(
        [[field_line("Số điện thoại", data.phone), field_line("Email", data.email)]],
        colWidths=[width * 0.42, width * 0.58],
    )
    contact.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(contact)
    story.append(field_line("Số định danh cá nhân/CCCD", data.id_number))
    procedure = esc(or_blank(data.procedure_name))
    if nfc_text(data.procedure_code):
        procedure += f" (Mã TTHC: {esc(data.procedure_code)})"
    story.append(para_markup(f"Nội dung yêu cầu giải quyết: <b>{procedure}</b>", st.body))

    story.append(Spacer(1, 3))
    # Keep the heading with the table heading and first rows (KeepTogether would push a long table whole).
    story.append(CondPageBreak(st.body.leading + 60))
    story.append(para("1. Thành phần hồ sơ:", st.body))
    story.append(_components_table(data, width))
    story.append(Spacer(1, 3))
    story.append(para(f"2. Số lượng hồ sơ: {format_count(data.dossier_count)} bộ", st.body))
    story.append(para(f"3. Thời gian giải quyết hồ sơ theo quy định: {or_blank(data.time_limit_text)}", st.body))
    story.append(para(f"4. Thời gian nhận hồ sơ: {vn_time_date(data.received_at)}", st.body))
    story.append(
        para_markup(
            f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{esc(vn_time_date(data.due_at))}</b>", st.body
        )
    )
    story.append(para(f"6. Nhận kết quả tại: {or_blank(data.return_place)}", st.body))
    if data.fee_amount > 0:
        if data.payment_qr is not None and copy_index == len(COPY_LABELS) - 1:
            # Only the citizen's copy carries the payment code; compact so the slip stays one page.
            story.append(Spacer(1, 2))
            story.append(payment_qr_block(data.payment_qr, width, size=19 * mm, compact=True))
        else:
            story.append(para(f"Phí, lệ phí: {format_vnd(data.fee_amount)}", st.body))
    if nfc_text(data.book_number) or data.sequence_number is not None:
        book = nfc_text(data.book_number) or "……"
        seq = format_count(data.sequence_number) if data.sequence_number is not None else "……"
        story.append(para(f"Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {seq}", st.body))

    signatures = signature_row(
        [
            SignatureBlock("NGƯỜI NỘP HỒ SƠ", data.submitter_name),
            SignatureBlock("NGƯỜI TIẾP NHẬN HỒ SƠ", data.clerk_name),
        ],
        width,
    )
    story.append(KeepTogether([Spacer(1, 7), signatures]))
    return story


def render_receipt(data: ReceiptData) -> bytes:
    """Mẫu 01 for *data* as PDF bytes: A5 portrait, copy 1 ("Lưu") then copy 2 ("Giao người nộp hồ sơ")."""
    form_set = form_set_for(data.received_at)
    code = nfc_text(data.dossier_code)
    decoration = FormDecoration(
        form_label=form_number_label(FORM_NUMBER),
        legal_basis=legal_basis_line(form_set),
        reference=f"Mã hồ sơ: {code}",
        training=data.training,
    )
    return build_form_pdf(
        lambda index, _label: _story(data, index),
        copy_labels=COPY_LABELS,
        decoration=decoration,
        layout=LAYOUT,
        metadata={
            # No personal data in document metadata: the dossier code identifies the receipt.
            "title": f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả – {code}",
            "subject": f"{form_number_label(FORM_NUMBER)} ({form_set})",
            "author": f"{nfc_text(data.desk_name)} – {nfc_text(data.agency_name)}",
        },
    )


def write_receipt(data: ReceiptData, path: str | os.PathLike[str]) -> Path:
    """Render Mẫu 01 and write it atomically to *path* (temp file in the same folder, fsync, rename)."""
    return atomic_write_bytes(path, render_receipt(data))
