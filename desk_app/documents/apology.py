"""Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả (A5, two copies).

Signed by the head of the agency responsible for the delay (not the desk clerk); it states the reason
and the new date, which may be set only once (the service enforces that).
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
    vn_local,
    vn_time_date,
)
from desk_app.documents.parts import FormHeader, render_form

__all__ = ["COPY_LABELS", "ApologyData", "render_apology"]

TITLE = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
TITLE_LINES = ("PHIẾU XIN LỖI", "VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
FORM_NUMBERS = {"TT01/2018": 4, "TT03/2025": 4}
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Gửi tổ chức, cá nhân")


@dataclass(frozen=True)
class ApologyData:
    header: FormHeader
    processing_agency: str   # the office that is late
    original_due: datetime
    new_due: datetime
    reason: str
    issued_at: datetime
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""
    number: str = ""

    def __post_init__(self) -> None:
        if not nfc_text(self.reason):
            raise ValueError("Phiếu xin lỗi phải nêu lý do chậm trả kết quả")
        if vn_local(self.new_due) <= vn_local(self.original_due):
            raise ValueError("Ngày hẹn trả mới phải sau ngày hẹn trả ban đầu")


def render_apology(data: ApologyData) -> bytes:
    h = data.header
    st = form_styles()
    agency = esc(or_blank(data.processing_agency))

    def body(width: float) -> list[Flowable]:
        received = vn_date(h.received_at) if h.received_at else "ngày …… tháng …… năm ……"
        story: list[Flowable] = [
            para_markup(f"Kính gửi: <b>{esc(or_blank(h.applicant_name))}</b>", st.body_center),
            Spacer(1, 2),
        ]
        if nfc_text(h.address):
            story.append(para(f"Địa chỉ: {nfc_text(h.address)}", st.body))
        if nfc_text(h.phone):
            story.append(para(f"Số điện thoại: {nfc_text(h.phone)}", st.body))
        story += [
            para_markup(
                f"Vào {esc(received)}, {esc(nfc_text(h.desk_name).capitalize())} đã tiếp nhận hồ sơ của "
                f"Ông/Bà đề nghị giải quyết thủ tục <b>{h.procedure_markup()}</b>, mã hồ sơ "
                f"<b>{esc(h.dossier_code)}</b>.", st.body),
            para_markup(
                f"Thời gian hẹn trả kết quả giải quyết hồ sơ: <b>{esc(vn_time_date(data.original_due))}</b>.", st.body),
            para_markup(
                f"Tuy nhiên, đến nay {agency} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hạn.", st.body),
            para_markup(f"<b>Lý do:</b> {esc(data.reason)}", st.body),
            para_markup(
                f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} xin lỗi Ông/Bà và hẹn lại thời gian trả "
                f"kết quả vào: <b>{esc(vn_time_date(data.new_due))}</b>.", st.body),
            para("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.", st.body),
            KeepTogether([Spacer(1, 6), signature_row(
                [SignatureBlock("", "", note=""),
                 SignatureBlock(data.signer_title, data.signer_name, note="(Ký, ghi rõ họ tên và đóng dấu)")],
                width, sign_space=16 * 2.83465)]),
        ]
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=FORM_NUMBERS,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/PXL",
        issued_at=data.issued_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
