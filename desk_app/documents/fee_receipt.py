"""Biên lai thu tiền phí, lệ phí (A5, three copies), with the VietQR to pay by transfer while unpaid.

Phí and lệ phí are different revenues (Luật Phí và lệ phí 2015), so each line says which it is and the
totals are split. A biên lai is proof of payment only once the payment is confirmed: an unconfirmed
one says so in large type and carries the VietQR for the transfer instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from desk_app.documents.common import (
    SignatureBlock,
    esc,
    form_styles,
    format_vnd,
    grid_table_style,
    nfc_text,
    or_blank,
    para,
    para_markup,
    signature_row,
    vn_time_date,
)
from desk_app.documents.fonts import SERIF_BOLD
from desk_app.documents.parts import (
    FormHeader,
    PaymentQr,
    field_line,
    payment_qr_block,
    plain_table,
    render_form,
)
from desk_app.domain.fees import amount_in_words_vi

__all__ = ["COPY_LABELS", "FeeLine", "FeeReceiptData", "render_fee_receipt"]

TITLE = "BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ"
COPY_LABELS = ("Liên 1: Lưu tại cơ quan thu", "Liên 2: Giao người nộp tiền", "Liên 3: Lưu nội bộ")
METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}
FEE_TYPES = {"phi": "Phí", "le_phi": "Lệ phí"}


@dataclass(frozen=True)
class FeeLine:
    description: str
    fee_type: str  # "phi" | "le_phi"
    amount: int

    def __post_init__(self) -> None:
        if self.fee_type not in FEE_TYPES:
            raise ValueError(f"Loại khoản thu «{self.fee_type}» không hợp lệ (phi hoặc le_phi)")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError("Số tiền phải là số nguyên đồng không âm")


@dataclass(frozen=True)
class FeeReceiptData:
    header: FormHeader
    receipt_number: str
    lines: tuple[FeeLine, ...]
    method: str                       # "cash" | "transfer"
    issued_at: datetime
    collector_name: str
    payer_name: str = ""              # defaults to the applicant
    paid: bool = False
    paid_at: datetime | None = None
    confirmed_by: str = ""
    template_code: str = ""           # mẫu số of the receipt book / e-receipt series
    series: str = ""                  # ký hiệu
    qr: PaymentQr | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise ValueError("Biên lai phải có ít nhất một khoản thu")
        if self.method not in METHODS:
            raise ValueError(f"Hình thức thanh toán «{self.method}» không hợp lệ")
        if self.paid and self.paid_at is None:
            raise ValueError("Biên lai đã thu tiền phải có thời điểm xác nhận")

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def subtotal(self, fee_type: str) -> int:
        return sum(line.amount for line in self.lines if line.fee_type == fee_type)


def _lines_table(data: FeeReceiptData, width: float) -> Table:
    st = form_styles()
    num_w, type_w, amount_w = 22.0, 50.0, 72.0
    desc_w = width - num_w - type_w - amount_w
    right = st.table_cell.clone("desk-money", alignment=2)
    rows: list[list] = [[para("STT", st.table_head), para("Nội dung thu", st.table_head),
                         para("Loại", st.table_head), para("Số tiền", st.table_head)]]
    for i, line in enumerate(data.lines, start=1):
        rows.append([para(str(i), st.table_cell_center), para(line.description, st.table_cell),
                     para(FEE_TYPES[line.fee_type], st.table_cell_center), para(format_vnd(line.amount), right)])
    bold_right = right.clone("desk-money-bold", fontName=SERIF_BOLD)
    for fee_type, label in (("phi", "Cộng tiền phí (P)"), ("le_phi", "Cộng tiền lệ phí (LP)")):
        rows.append(["", para(label, st.table_cell), "", para(format_vnd(data.subtotal(fee_type)), right)])
    rows.append(["", para_markup("<b>Tổng cộng</b>", st.table_cell), "", para(format_vnd(data.total), bold_right)])
    n = len(rows)
    table = Table(rows, colWidths=[num_w, desc_w, type_w, amount_w], repeatRows=1)
    table.setStyle(TableStyle(grid_table_style() + [("SPAN", (1, r), (2, r)) for r in range(n - 3, n)]))
    return table


def render_fee_receipt(data: FeeReceiptData) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        number = plain_table(
            [[field_line("Mẫu số", data.template_code or "…………"), field_line("Ký hiệu", data.series or "…………"),
              field_line("Số", data.receipt_number, bold=True)]],
            [width * 0.36, width * 0.32, width * 0.32])
        story: list[Flowable] = [
            number,
            field_line("Đơn vị thu", f"{nfc_text(h.desk_name).capitalize()} – {nfc_text(h.agency_name)}"),
            field_line("Họ và tên người nộp tiền", data.payer_name or h.applicant_name, bold=True),
            field_line("Địa chỉ", h.address),
            para_markup(f"Thủ tục: {h.procedure_markup()}", st.body),
            Spacer(1, 3),
            _lines_table(data, width),
            Spacer(1, 3),
            para_markup(f"Số tiền bằng chữ: <i>{esc(amount_in_words_vi(data.total))}</i>", st.body),
            field_line("Hình thức thanh toán", METHODS[data.method]),
        ]
        if data.paid:
            confirmed = f"Đã thu tiền lúc {vn_time_date(data.paid_at)}"
            if nfc_text(data.confirmed_by):
                confirmed += f"; người xác nhận: {nfc_text(data.confirmed_by)}"
            story.append(para(confirmed, st.body))
        else:
            warn = st.body.clone("desk-unpaid", fontName=SERIF_BOLD, fontSize=st.body.fontSize * 1.1,
                                 textColor="#b00000")
            story.append(para("CHƯA THANH TOÁN – biên lai chỉ có giá trị khi đã xác nhận thu tiền", warn))
            if data.qr is not None:
                story += [Spacer(1, 3), KeepTogether([payment_qr_block(data.qr, width, size=28 * 2.83465)])]
        story.append(KeepTogether([Spacer(1, 6), signature_row(
            [SignatureBlock("NGƯỜI NỘP TIỀN", data.payer_name or h.applicant_name),
             SignatureBlock("NGƯỜI THU TIỀN", or_blank(data.collector_name, ""))], width, sign_space=11 * 2.83465)]))
        return story

    return render_form(
        h, title_lines=(TITLE,), form_numbers=None, number_text=None,
        issued_at=data.issued_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
