"""Mẫu 03 – Phiếu từ chối tiếp nhận, giải quyết hồ sơ (A5, two copies), every reason listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desk_app.documents.common import (
    SignatureBlock,
    esc,
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

__all__ = ["COPY_LABELS", "RefusalData", "render_refusal"]

TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"
TITLE_LINES = ("PHIẾU TỪ CHỐI TIẾP NHẬN,", "GIẢI QUYẾT HỒ SƠ")
FORM_NUMBERS = {"TT01/2018": 3, "TT03/2025": 3}
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")


@dataclass(frozen=True)
class RefusalData:
    header: FormHeader
    reasons: tuple[str, ...]
    issued_at: datetime
    officer_name: str      # người từ chối / người tiếp nhận
    desk_phone: str = ""
    number: str = ""

    def __post_init__(self) -> None:
        reasons = tuple(nfc_text(r) for r in self.reasons if nfc_text(r))
        object.__setattr__(self, "reasons", reasons)
        if not reasons:
            raise ValueError("Phiếu từ chối phải nêu rõ lý do")


def render_refusal(data: RefusalData) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        story: list[Flowable] = [
            field_line("Tiếp nhận hồ sơ của", h.applicant_name, bold=True),
            field_line("Địa chỉ", h.address),
            plain_table([[field_line("Số điện thoại", h.phone), field_line("Email", h.email)]],
                        [width * 0.42, width * 0.58]),
            field_line("Số định danh cá nhân/CCCD", h.id_number),
        ]
        if h.received_at is not None:
            story.append(field_line("Thời gian nộp hồ sơ", vn_time_date(h.received_at)))
        story += [
            para_markup(f"Nội dung yêu cầu giải quyết: <b>{h.procedure_markup()}</b>", st.body),
            Spacer(1, 3),
            para_markup(
                f"Qua xem xét, {esc(nfc_text(h.desk_name).capitalize())} thông báo không tiếp nhận, giải quyết "
                "hồ sơ này với lý do cụ thể như sau:", st.body),
            *numbered_paragraphs(data.reasons),
            Spacer(1, 3),
            para("Xin thông báo cho Ông/Bà được biết và thực hiện./.", st.body),
        ]
        if nfc_text(data.desk_phone):
            story.append(para(f"Mọi thắc mắc xin liên hệ số điện thoại {nfc_text(data.desk_phone)}.", st.body))
        story.append(KeepTogether([Spacer(1, 6), signature_row(
            [SignatureBlock("NGƯỜI NỘP HỒ SƠ", h.applicant_name),
             SignatureBlock("NGƯỜI TỪ CHỐI", or_blank(data.officer_name, ""))], width)]))
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=FORM_NUMBERS,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/PTC",
        issued_at=data.issued_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
