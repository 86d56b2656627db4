"""Pieces several one-stop forms share beyond :mod:`desk_app.documents.common`.

* :class:`FormHeader` — who issues the form and about which dossier (agency, place, applicant,
  procedure, dossier code, receipt time, training flag); every form data class carries one.
* :func:`field_line`, :func:`plain_table`, :func:`numbered_paragraphs`, :func:`code_cell` (dossier code
  with a small QR for list forms), :func:`payment_qr_block` (VietQR with bank details).
* :func:`render_form` — the standard page set-up for a one-dossier form (national header, title with
  QR and Code128, copy labels, TRAINING mark, form number by the form set in force at receipt).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from desk_app.clock import now_local
from desk_app.documents.common import (
    FormDecoration,
    FormLayout,
    QrCode,
    build_form_pdf,
    esc,
    form_number_label,
    form_set_for,
    form_styles,
    legal_basis_line,
    national_header,
    nfc_text,
    or_blank,
    para,
    para_markup,
    place_date_line,
    title_block,
)
from desk_app.documents.fonts import SERIF

__all__ = [
    "FormHeader",
    "PaymentQr",
    "code_cell",
    "field_line",
    "numbered_paragraphs",
    "payment_qr_block",
    "plain_table",
    "render_form",
]


A5_LAYOUT = FormLayout()


@dataclass(frozen=True)
class FormHeader:
    """The issuing desk and the dossier a form is about. Strings are printed in NFC."""

    agency_name: str
    desk_name: str
    place_name: str
    dossier_code: str
    applicant_name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    procedure_code: str = ""
    procedure_name: str = ""
    received_at: datetime | None = None
    training: bool = False

    @property
    def form_set(self) -> str:
        # A form about a dossier follows the set in force when the dossier was received.
        return form_set_for(self.received_at or now_local())

    def procedure_markup(self) -> str:
        text = esc(or_blank(self.procedure_name))
        if nfc_text(self.procedure_code):
            text += f" (Mã TTHC: {esc(self.procedure_code)})"
        return text


@dataclass(frozen=True)
class PaymentQr:
    """A VietQR payload to print, with the account details shown beside it."""

    payload: str
    bank_bin: str
    account_number: str
    account_name: str
    amount: int
    purpose: str


def field_line(label: str, value: object, *, bold: bool = False, style=None) -> Flowable:
    st = style or form_styles().body
    shown = esc(or_blank(value))
    return para_markup(f"{esc(label)}: {'<b>' + shown + '</b>' if bold else shown}", st)


def plain_table(rows: list[list], col_widths: Sequence[float], *, padding: float = 0) -> Table:
    """Borderless layout table (cells top-aligned, no padding unless asked)."""
    table = Table(rows, colWidths=list(col_widths))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding + 3),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def numbered_paragraphs(items: Sequence[str], style=None) -> list[Flowable]:
    """"1. …", "2. …" — one paragraph per item, hanging indent so wrapped lines align with the text."""
    from reportlab.lib.styles import ParagraphStyle

    base = style or form_styles().body
    hanging = ParagraphStyle(f"{base.name}-numbered", parent=base, leftIndent=14, firstLineIndent=-14)
    return [para(f"{i}. {nfc_text(text)}", hanging) for i, text in enumerate(items, start=1)]


def code_cell(code: str, *, qr_size: float = 11 * mm, style=None) -> list[Flowable]:
    """Dossier code over a small QR code, for one row of a list form (scan it to open the dossier)."""
    st = style or form_styles().table_cell_center
    qr = QrCode(code, qr_size, border=2)
    qr.hAlign = "CENTER"
    return [para(code, st), Spacer(1, 1), qr]


def payment_qr_block(qr: PaymentQr, width: float, *, size: float = 30 * mm, heading: str = "",
                     compact: bool = False) -> Table:
    """VietQR on the left, "Quét mã VietQR để chuyển khoản" and the account details on the right.

    *compact* packs the details in three short lines (for the A5 receipt, which must stay one page).
    """
    from desk_app.documents.common import format_vnd

    st = form_styles()
    if compact:
        small = st.table_cell
        lines = [
            para_markup(f"Phí, lệ phí: <b>{esc(format_vnd(qr.amount))}</b> — quét mã VietQR để nộp bằng chuyển khoản",
                        small),
            para(f"Ngân hàng (BIN) {qr.bank_bin} · Số tài khoản {qr.account_number} · {qr.account_name}", small),
            para_markup(f"Nội dung chuyển khoản: <b>{esc(qr.purpose)}</b>. Khoản nộp chỉ được ghi nhận khi cán bộ "
                        "xác nhận đã nhận tiền.", small),
        ]
    else:
        lines = [
            para_markup(f"<b>{esc(heading or 'Quét mã VietQR để nộp phí, lệ phí bằng chuyển khoản')}</b>", st.body),
            field_line("Ngân hàng (BIN)", qr.bank_bin, style=st.table_cell),
            field_line("Số tài khoản", qr.account_number, style=st.table_cell),
            field_line("Tên tài khoản", qr.account_name, style=st.table_cell),
            field_line("Số tiền", format_vnd(qr.amount), bold=True, style=st.table_cell),
            field_line("Nội dung chuyển khoản", qr.purpose, bold=True, style=st.table_cell),
            para("Khoản nộp chỉ được ghi nhận khi cán bộ xác nhận đã nhận tiền.", st.small),
        ]
    table = Table([[QrCode(qr.payload, size, level="M", border=2), lines]], colWidths=[size + 6, width - size - 6])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.5, "black"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 if compact else 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if compact else 3),
            ]
        )
    )
    return table


def render_form(
    header: FormHeader,
    *,
    title_lines: Sequence[str],
    form_numbers: dict[str, int] | None,
    number_text: str | None,
    issued_at: datetime,
    body: Callable[[float], list[Flowable]],
    copy_labels: Sequence[str],
    layout: FormLayout = A5_LAYOUT,
    title: str,
) -> bytes:
    """A one-dossier form: header, title block with the dossier's QR/Code128, then ``body(width)``.

    *form_numbers* maps a form set ("TT01/2018", "TT03/2025") to its Mẫu number; None for forms the
    circulars do not number (biên lai, hand-over lists), which then carry no legal-basis line.
    """
    form_set = header.form_set
    code = nfc_text(header.dossier_code)
    number = form_numbers.get(form_set) if form_numbers else None
    decoration = FormDecoration(
        form_label=form_number_label(number) if number else "",
        legal_basis=legal_basis_line(form_set) if number else "",
        reference=f"Mã hồ sơ: {code}",
        training=header.training,
    )
    width = layout.content_width

    def story(_index: int, _label: str) -> list[Flowable]:
        return [
            national_header(
                [header.agency_name, header.desk_name],
                number_text,
                place_date_line(header.place_name, issued_at),
                width,
            ),
            Spacer(1, 7),
            title_block(title_lines, code, width),
            Spacer(1, 6),
            *body(width),
        ]

    return build_form_pdf(
        story,
        copy_labels=copy_labels,
        decoration=decoration,
        layout=layout,
        metadata={
            # No personal data in metadata: the dossier code identifies the form.
            "title": f"{nfc_text(title)} – {code}",
            "subject": f"{form_number_label(number)} ({form_set})" if number else nfc_text(title),
            "author": f"{nfc_text(header.desk_name)} – {nfc_text(header.agency_name)}",
        },
    )
