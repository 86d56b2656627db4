"""Mẫu 05 (TT 03/2025/TT-VPCP) – Thông báo về việc dừng giải quyết hồ sơ (A5, two copies).

TT 03/2025 Điều 7 lets the agency stop handling a dossier and tell the citizen why; Phụ lục I numbers the
notice Mẫu 05. The 2018 set (TT 01/2018) had no such form: a dossier received before 01/07/2025 gets the
same layout without a form number or legal-basis line. Every reason is listed, numbered.
"""

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
    vn_date,
)
from desk_app.documents.parts import (
    FormHeader,
    field_line,
    numbered_paragraphs,
    plain_table,
    render_form,
)

__all__ = ["COPY_LABELS", "StopData", "render_stop"]

TITLE = "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ"
TITLE_LINES = ("THÔNG BÁO", "VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ")
FORM_NUMBERS = {"TT03/2025": 5}  # TT 01/2018 had no stop notice
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Gửi tổ chức, cá nhân")


@dataclass(frozen=True)
class StopData:
    header: FormHeader
    reasons: tuple[str, ...]
    issued_at: datetime
    officer_name: str                        # who drew up the notice
    signer_title: str = "NGƯỜI LẬP THÔNG BÁO"
    processing_agency: str = ""              # the agency that stops handling (default: the desk's agency)
    note: str = ""
    number: str = ""

    def __post_init__(self) -> None:
        reasons = tuple(nfc_text(r) for r in self.reasons if nfc_text(r))
        object.__setattr__(self, "reasons", reasons)
        if not reasons:
            raise ValueError("Thông báo dừng giải quyết phải nêu rõ lý do")


def render_stop(data: StopData) -> bytes:
    h = data.header
    st = form_styles()
    agency = esc(nfc_text(data.processing_agency) or nfc_text(h.agency_name))

    def body(width: float) -> list[Flowable]:
        received = vn_date(h.received_at) if h.received_at else "ngày …… tháng …… năm ……"
        story: list[Flowable] = [
            para_markup(f"Kính gửi: <b>{esc(or_blank(h.applicant_name))}</b>", st.body_center),
            Spacer(1, 2),
            field_line("Địa chỉ", h.address),
            plain_table([[field_line("Số điện thoại", h.phone), field_line("Email", h.email)]],
                        [width * 0.42, width * 0.58]),
            para_markup(
                f"Vào {esc(received)}, {esc(nfc_text(h.desk_name).capitalize())} đã tiếp nhận hồ sơ của Ông/Bà đề "
                f"nghị giải quyết thủ tục <b>{h.procedure_markup()}</b>, mã hồ sơ <b>{esc(h.dossier_code)}</b>.",
                st.body),
            para_markup(f"{agency} thông báo <b>dừng giải quyết</b> hồ sơ nêu trên với lý do cụ thể như sau:",
                        st.body),
            *numbered_paragraphs(data.reasons),
            Spacer(1, 3),
        ]
        if nfc_text(data.note):
            story.append(field_line("Ghi chú", data.note))
        story += [
            para("Hồ sơ và giấy tờ của Ông/Bà (nếu có) được trả lại tại Bộ phận Một cửa nơi đã nộp hồ sơ.", st.body),
            para("Xin thông báo để Ông/Bà được biết./.", st.body),
            KeepTogether([Spacer(1, 6), signature_row(
                [SignatureBlock("NGƯỜI NHẬN THÔNG BÁO", h.applicant_name),
                 SignatureBlock(data.signer_title, or_blank(data.officer_name, ""))], width)]),
        ]
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=FORM_NUMBERS,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/TB-DGQ",
        issued_at=data.issued_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
