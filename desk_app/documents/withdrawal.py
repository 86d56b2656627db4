"""Phiếu xác nhận rút hồ sơ: the record that the citizen withdrew the dossier (status 7), A5, two copies.

Not a numbered form of TT 01/2018 or TT 03/2025 (no form number, no legal-basis line); it follows the same
layout. It states the reason, when the withdrawal was recorded, and that the citizen's signed request
was scanned into the dossier (how many pages) — the request itself is the legal document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desk_app.documents.common import (
    SignatureBlock,
    esc,
    format_count,
    form_styles,
    nfc_text,
    or_blank,
    para,
    para_markup,
    signature_row,
    vn_time_date,
)
from desk_app.documents.parts import (
    FormHeader,
    field_line,
    numbered_paragraphs,
    plain_table,
    render_form,
)

__all__ = ["COPY_LABELS", "WithdrawalData", "render_withdrawal"]

TITLE = "PHIẾU XÁC NHẬN RÚT HỒ SƠ"
TITLE_LINES = ("PHIẾU XÁC NHẬN RÚT HỒ SƠ",)
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")


@dataclass(frozen=True)
class WithdrawalData:
    header: FormHeader
    reasons: tuple[str, ...]
    withdrawn_at: datetime
    officer_name: str            # who recorded the withdrawal
    request_pages: int           # pages of the citizen's signed request scanned into the dossier
    number: str = ""

    def __post_init__(self) -> None:
        reasons = tuple(nfc_text(r) for r in self.reasons if nfc_text(r))
        object.__setattr__(self, "reasons", reasons)
        if not reasons:
            raise ValueError("Phiếu xác nhận rút hồ sơ phải ghi lý do rút hồ sơ")
        if self.request_pages < 1:
            raise ValueError("Đơn đề nghị rút hồ sơ có chữ ký của công dân phải được quét trước")


def render_withdrawal(data: WithdrawalData) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        story: list[Flowable] = [
            field_line("Hồ sơ của", h.applicant_name, bold=True),
            field_line("Địa chỉ", h.address),
            plain_table([[field_line("Số điện thoại", h.phone), field_line("Số định danh cá nhân", h.id_number)]],
                        [width * 0.42, width * 0.58]),
            para_markup(f"Nội dung yêu cầu giải quyết: <b>{h.procedure_markup()}</b>", st.body),
        ]
        if h.received_at is not None:
            story.append(field_line("Thời gian tiếp nhận hồ sơ", vn_time_date(h.received_at)))
        story += [
            Spacer(1, 3),
            para_markup(
                f"Vào lúc <b>{esc(vn_time_date(data.withdrawn_at))}</b>, Ông/Bà đã nộp đơn đề nghị rút hồ sơ nêu "
                f"trên. {esc(nfc_text(h.desk_name).capitalize())} xác nhận việc rút hồ sơ và dừng giải quyết hồ sơ "
                "kể từ thời điểm này.", st.body),
            para("Lý do rút hồ sơ:", st.body),
            *numbered_paragraphs(data.reasons),
            para_markup(
                f"Đơn đề nghị rút hồ sơ có chữ ký của Ông/Bà đã được quét (số hóa) và lưu cùng hồ sơ: "
                f"<b>{format_count(data.request_pages)} trang</b>.", st.body),
            para("Trạng thái hồ sơ: Công dân yêu cầu rút hồ sơ.", st.body),
            KeepTogether([Spacer(1, 6), signature_row(
                [SignatureBlock("NGƯỜI ĐỀ NGHỊ RÚT HỒ SƠ", h.applicant_name),
                 SignatureBlock("NGƯỜI TIẾP NHẬN", or_blank(data.officer_name, ""))], width)]),
        ]
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=None,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/XNRHS",
        issued_at=data.withdrawn_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
