"""Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5, two copies).

Every defect is listed on one slip (the desk must ask for everything "một lần"), each with the paper
concerned, what to supply or correct, and why; the guide's name and phone close the slip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.documents.common import (
    SignatureBlock,
    esc,
    form_styles,
    grid_table_style,
    nfc_text,
    or_blank,
    para,
    para_markup,
    signature_row,
)
from desk_app.documents.parts import FormHeader, field_line, plain_table, render_form

__all__ = ["COPY_LABELS", "Defect", "SupplementData", "render_supplement"]

TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
TITLE_LINES = ("PHIẾU YÊU CẦU BỔ SUNG,", "HOÀN THIỆN HỒ SƠ")
FORM_NUMBERS = {"TT01/2018": 2, "TT03/2025": 2}
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")


@dataclass(frozen=True)
class Defect:
    """One thing to supplement or correct: the paper, what is required, and the reason."""

    component: str
    requirement: str
    reason: str = ""

    def __post_init__(self) -> None:
        if not nfc_text(self.component) and not nfc_text(self.requirement):
            raise ValueError("Mỗi yêu cầu bổ sung phải ghi rõ giấy tờ hoặc nội dung cần bổ sung")


@dataclass(frozen=True)
class SupplementData:
    header: FormHeader
    defects: tuple[Defect, ...]
    issued_at: datetime
    guide_name: str           # người hướng dẫn (the clerk)
    guide_phone: str = ""
    lookup_url: str = ""      # where the procedure is published
    note: str = ""
    number: str = ""          # số phiếu, printed "Số: …"
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "defects", tuple(self.defects))
        if not self.defects:
            raise ValueError("Phiếu yêu cầu bổ sung phải có ít nhất một nội dung cần bổ sung")


def _defects_table(defects: tuple[Defect, ...], width: float) -> Table:
    st = form_styles()
    num_w, reason_w = 22.0, width * 0.28
    comp_w = (width - num_w - reason_w) * 0.5
    req_w = width - num_w - reason_w - comp_w
    rows: list[list] = [[
        para("STT", st.table_head),
        para("Thành phần hồ sơ", st.table_head),
        para("Nội dung cần bổ sung, hoàn thiện", st.table_head),
        para("Lý do", st.table_head),
    ]]
    for i, d in enumerate(defects, start=1):
        rows.append([
            para(str(i), st.table_cell_center),
            para(d.component, st.table_cell),
            para(d.requirement, st.table_cell),
            para(d.reason, st.table_cell),
        ])
    table = Table(rows, colWidths=[num_w, comp_w, req_w, reason_w], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(grid_table_style()))
    return table


def render_supplement(data: SupplementData) -> bytes:
    h = data.header
    st = form_styles()

    def body(width: float) -> list[Flowable]:
        story: list[Flowable] = [
            field_line("Hồ sơ của", h.applicant_name, bold=True),
            field_line("Địa chỉ", h.address),
            plain_table([[field_line("Số điện thoại", h.phone), field_line("Email", h.email)]],
                        [width * 0.42, width * 0.58]),
            para_markup(f"Nội dung yêu cầu giải quyết: <b>{h.procedure_markup()}</b>", st.body),
            Spacer(1, 3),
            CondPageBreak(st.body.leading * 2 + 60),
            para(f"Sau khi kiểm tra, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm {len(data.defects):02d} "
                 "nội dung sau (đã nêu đầy đủ một lần):", st.body),
            _defects_table(data.defects, width),
            Spacer(1, 3),
        ]
        if nfc_text(data.note):
            story.append(field_line("Ghi chú", data.note))
        help_text = "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
        help_text += f"{esc(or_blank(data.guide_name))}"
        if nfc_text(data.guide_phone):
            help_text += f", số điện thoại {esc(data.guide_phone)}"
        help_text += " để được hướng dẫn."
        story.append(para_markup(help_text, st.body))
        if nfc_text(data.lookup_url):
            story.append(para(f"Thông tin thủ tục hành chính được công khai tại: {nfc_text(data.lookup_url)}", st.body))
        story.append(KeepTogether([Spacer(1, 6), signature_row(
            [SignatureBlock("NGƯỜI NỘP HỒ SƠ", h.applicant_name),
             SignatureBlock("NGƯỜI HƯỚNG DẪN", data.guide_name)], width)]))
        return story

    return render_form(
        h, title_lines=TITLE_LINES, form_numbers=FORM_NUMBERS,
        number_text=f"Số: {nfc_text(data.number)}" if nfc_text(data.number) else "Số: ……/PYCBS",
        issued_at=data.issued_at, body=body, copy_labels=COPY_LABELS, title=TITLE,
    )
