"""Phiếu trả kết quả giải quyết hồ sơ: the one page the citizen signs when the result is handed back.

Status 10 (Đã trả kết quả). The desk keeps the signed page as proof of who received what, when, checked
how: dossier code (QR + Code128), procedure, applicant, the receiver's name and personal ID, whether an
authorised person received it (the authorisation is scanned into the dossier), the result papers, any
fee collected on return, the time and the clerk. Not a numbered form of the circulars; same layout
family. One A5 page; a long list of result papers moves it to one A4 page instead of a second sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desk_app.documents.common import (
    FormLayout,
    SignatureBlock,
    esc,
    format_vnd,
    form_styles,
    nfc_text,
    or_blank,
    para,
    para_markup,
    signature_row,
    vn_time_date,
)
from desk_app.documents.parts import (
    A5_LAYOUT,
    FormHeader,
    field_line,
    numbered_paragraphs,
    plain_table,
    render_form,
)

__all__ = ["A4_LAYOUT", "COPY_LABELS", "ReturnSlipData", "render_return_slip"]

TITLE = "PHIẾU TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ"
TITLE_LINES = ("PHIẾU TRẢ KẾT QUẢ", "GIẢI QUYẾT HỒ SƠ")
COPY_LABELS = ("Lưu tại Bộ phận Một cửa",)
A4_LAYOUT = FormLayout(page_size=A4, left=20 * mm, right=15 * mm, top=15 * mm, bottom=13 * mm)


@dataclass(frozen=True)
class ReturnSlipData:
    header: FormHeader
    returned_at: datetime
    receiver_name: str
    receiver_id_number: str
    authorised: bool                 # an authorised person, not the applicant, received the result
    documents: tuple[str, ...]       # the result papers handed over
    clerk_name: str                  # who returned it
    fee_collected: int = 0           # fee collected on return (đồng)
    due_at: datetime | None = None   # the appointment the citizen was given, for reference
    note: str = ""
    number: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(nfc_text(d) for d in self.documents if nfc_text(d)))
        if not nfc_text(self.receiver_name):
            raise ValueError("Phiếu trả kết quả phải ghi họ tên người nhận kết quả")
        if self.fee_collected < 0:
            raise ValueError("Phí, lệ phí không được âm")


def _page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def render_return_slip(data: ReturnSlipData) -> bytes:
    """One page to sign: A5, or A4 when the list of result papers does not fit on A5."""
    pdf = _render(data, A5_LAYOUT)
    if _page_count(pdf) > 1:
        pdf = _render(data, A4_LAYOUT)
    return pdf


def _render(data: ReturnSlipData, layout: FormLayout) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        story: list[Flowable] = [
            plain_table([[field_line("Hồ sơ của", h.applicant_name, bold=True),
                          field_line("Số định danh cá nhân", h.id_number)]], [width * 0.5, width * 0.5]),
            para_markup(f"Nội dung yêu cầu giải quyết: <b>{h.procedure_markup()}</b>", st.body),
        ]
        times = []
        if h.received_at is not None:
            times.append(field_line("Tiếp nhận lúc", vn_time_date(h.received_at), style=st.table_cell))
        if data.due_at is not None:
            times.append(field_line("Hẹn trả lúc", vn_time_date(data.due_at), style=st.table_cell))
        story += times
        story += [Spacer(1, 3), para_markup("<b>1. Kết quả giải quyết trả cho công dân:</b>", st.body)]
        story += numbered_paragraphs(data.documents) if data.documents else [
            para("(Theo kết quả giải quyết lưu cùng hồ sơ)", st.body)]
        capacity = ("Người được ủy quyền (giấy ủy quyền đã được quét và lưu cùng hồ sơ)" if data.authorised
                    else "Chủ hồ sơ")
        story += [
            para_markup("<b>2. Người nhận kết quả:</b>", st.body),
            plain_table([[field_line("Họ và tên", data.receiver_name, bold=True),
                          field_line("Số định danh cá nhân", data.receiver_id_number)]],
                        [width * 0.5, width * 0.5]),
            field_line("Tư cách nhận", capacity),
            para_markup("<b>3. Phí, lệ phí thu khi trả kết quả:</b> "
                        + esc(format_vnd(data.fee_collected) if data.fee_collected else "Không thu"), st.body),
            para_markup(f"<b>4. Thời gian trả kết quả:</b> {esc(vn_time_date(data.returned_at))}", st.body),
            para_markup(f"<b>5. Người trả kết quả:</b> {esc(or_blank(data.clerk_name))}", st.body),
        ]
        if nfc_text(data.note):
            story.append(field_line("Ghi chú", data.note))
        story += [
            para("Người nhận đã kiểm tra giấy tờ và nhận đủ kết quả nêu trên.", st.body),
            KeepTogether([Spacer(1, 4), signature_row(
                [SignatureBlock("NGƯỜI NHẬN KẾT QUẢ", data.receiver_name),
                 SignatureBlock("NGƯỜI TRẢ KẾT QUẢ", or_blank(data.clerk_name, ""))], width,
                sign_space=14 * mm)]),
        ]
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=None,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/PTKQ",
        issued_at=data.returned_at, body=body, copy_labels=COPY_LABELS, title=TITLE, layout=layout,
    )
