"""Shared building blocks for the printed one-stop forms (Mẫu 01 … 07).

Everything a form needs besides its own body lives here, so Mẫu 02, 03, … look like Mẫu 01:

* text helpers — every string is NFC-normalised (and XML-escaped for paragraph markup)
  before reportlab sees it: :func:`nfc_text`, :func:`esc`, :func:`para`, :func:`para_markup`,
  :func:`draw_text`;
* Vietnamese formatting — :func:`vn_date`, :func:`document_date`, :func:`place_date_line`,
  :func:`vn_time_date`, :func:`format_vnd`, :func:`format_count`;
* legal form sets by receipt date — :func:`form_set_for`, :func:`legal_basis_line`,
  :func:`form_number_label` (TT 01/2018/TT-VPCP before 01/07/2025, TT 03/2025/TT-VPCP from then);
* flowables — :class:`CenteredLines`, :func:`national_header` (agency block + "CỘNG HÒA XÃ HỘI
  CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", both underlined the usual way),
  :class:`QrCode`, :func:`code128`, :func:`title_block` (title + mã hồ sơ + Code128 + QR),
  :func:`signature_row`, :func:`grid_table_style`;
* page machinery — :func:`build_form_pdf` lays a story out once per copy ("Liên 1", "Liên 2", …)
  on A5 (or any size), draws the copy label, form number and legal-basis line, continuation
  marks, per-copy page numbers and the TRAINING watermark on every page;
* :func:`atomic_write_bytes` — temp file in the same folder, fsync, atomic rename.

A form module only describes its body: see :mod:`desk_app.documents.receipt`.
"""

from __future__ import annotations

import contextvars
import io
import math
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby
from xml.sax.saxutils import escape as _xml_escape

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from desk_app.clock import VIETNAM
from desk_app.domain.fees import format_vnd  # re-exported: forms import their helpers from here
from desk_app.documents.fonts import (
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_BOLD_ITALIC,
    SERIF_ITALIC,
    register_fonts,
)
from desk_app.text import nfc

__all__ = [
    "FORM_SETS",
    "FORM_SET_TT01_2018",
    "FORM_SET_TT03_2025",
    "TRAINING_LABEL",
    "CenteredLines",
    "FormDecoration",
    "FormLayout",
    "FormSet",
    "FormStyles",
    "Line",
    "QrCode",
    "SignatureBlock",
    "build_form_pdf",
    "code128",
    "document_date",
    "draw_text",
    "draw_training_mark",
    "esc",
    "form_number_label",
    "form_set_for",
    "form_styles",
    "format_count",
    "format_vnd",
    "grid_table_style",
    "legal_basis_line",
    "national_header",
    "nfc_text",
    "or_blank",
    "para",
    "para_markup",
    "place_date_line",
    "qr_matrix",
    "reserve_signature_stamp",
    "signature_row",
    "title_block",
    "vn_date",
    "vn_local",
    "vn_time_date",
]

TRAINING_LABEL = "ĐÀO TẠO – TRAINING"
TRAINING_BANNER = "ĐÀO TẠO – TRAINING · Bản in dùng cho đào tạo, không có giá trị pháp lý"
EMPTY_FIELD = "................................"


# --------------------------------------------------------------------------- text


def nfc_text(text: object) -> str:
    """NFC form of ``str(text)`` with surrounding whitespace removed ("" for None)."""
    if text is None:
        return ""
    return nfc(text if isinstance(text, str) else str(text))


def esc(text: object) -> str:
    """NFC-normalise and XML-escape a value for use inside :class:`Paragraph` markup."""
    return _xml_escape(nfc_text(text))


def or_blank(text: object, blank: str = EMPTY_FIELD) -> str:
    """The NFC value, or a dotted blank to fill in by hand when the value is empty."""
    value = nfc_text(text)
    return value if value else blank


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """Paragraph of plain text (NFC-normalised, escaped: no markup is interpreted)."""
    return Paragraph(esc(text), style)


def para_markup(markup: str, style: ParagraphStyle) -> Paragraph:
    """Paragraph of trusted markup (``<b>``, ``<i>``, ``<br/>``); values inside must come from :func:`esc`."""
    return Paragraph(nfc_text(markup), style)


def draw_text(
    canv, x: float, y: float, text: object, font: str = SERIF, size: float = 10, align: str = "left"
) -> float:
    """Draw one NFC-normalised line on a canvas; *align* is "left", "center" or "right". Returns its width."""
    value = nfc_text(text)
    canv.setFont(font, size)
    width = stringWidth(value, font, size)
    if align == "center":
        canv.drawString(x - width / 2, y, value)
    elif align == "right":
        canv.drawString(x - width, y, value)
    else:
        canv.drawString(x, y, value)
    return width


# --------------------------------------------------------------------------- dates, money


def vn_local(moment: datetime) -> datetime:
    """Wall-clock time in Vietnam: aware datetimes are converted to UTC+7, naive ones are taken as local."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment.astimezone(VIETNAM)
    return moment


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return vn_local(value).date()
    return value


def vn_date(value: date | datetime) -> str:
    """"ngày 04 tháng 07 năm 2025" (day and month always two digits) — for time fields in form bodies."""
    d = _as_date(value)
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year:04d}"


def document_date(value: date | datetime) -> str:
    """"ngày 01 tháng 7 năm 2025" as NĐ 30/2020/NĐ-CP writes a document date.

    Days below 10 and months 1 and 2 get a leading zero; other months do not.
    """
    d = _as_date(value)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year:04d}"


def place_date_line(place: str, value: date | datetime) -> str:
    """"Hòa An, ngày 01 tháng 7 năm 2025" — the place-and-date line under the national motto."""
    place_text = nfc_text(place)
    when = document_date(value)
    return f"{place_text}, {when}" if place_text else when[0].upper() + when[1:]


def vn_time_date(moment: datetime) -> str:
    """"08 giờ 30 phút, ngày 01 tháng 07 năm 2025" (Vietnam wall-clock time)."""
    local = vn_local(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {vn_date(local)}"


def format_count(n: int) -> str:
    """Counts on forms are written with at least two digits: 1 → "01"."""
    return f"{int(n):02d}"


# --------------------------------------------------------------------------- legal form sets

FORM_SET_TT01_2018 = "TT01/2018"
FORM_SET_TT03_2025 = "TT03/2025"


@dataclass(frozen=True)
class FormSet:
    """A set of one-stop forms issued by one circular, used for dossiers received from *applies_from*."""

    code: str
    circular: str  # "03/2025/TT-VPCP"
    issued_on: date
    issuer: str
    applies_from: date


FORM_SETS: dict[str, FormSet] = {
    FORM_SET_TT01_2018: FormSet(
        FORM_SET_TT01_2018, "01/2018/TT-VPCP", date(2018, 11, 23), "Văn phòng Chính phủ", date(2019, 1, 6)
    ),
    # NĐ 118/2025/NĐ-CP applies from 01/07/2025; the project uses its form set for every dossier
    # received from that day (DOMAIN.md §1.1).
    FORM_SET_TT03_2025: FormSet(
        FORM_SET_TT03_2025, "03/2025/TT-VPCP", date(2025, 9, 15), "Văn phòng Chính phủ", date(2025, 7, 1)
    ),
}


def form_set_for(received: date | datetime) -> str:
    """Form set in force for a dossier received on *received*: "TT03/2025" from 01/07/2025, else "TT01/2018"."""
    day = _as_date(received)
    return FORM_SET_TT03_2025 if day >= FORM_SETS[FORM_SET_TT03_2025].applies_from else FORM_SET_TT01_2018


def legal_basis_line(form_set: str) -> str:
    """"(Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ)"."""
    fs = FORM_SETS[form_set]
    return f"(Ban hành kèm theo Thông tư số {fs.circular} {document_date(fs.issued_on)} của {fs.issuer})"


def form_number_label(number: int) -> str:
    """"Mẫu số 01"."""
    return f"Mẫu số {number:02d}"


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class FormStyles:
    body: ParagraphStyle
    body_center: ParagraphStyle
    body_italic_center: ParagraphStyle
    title: ParagraphStyle
    code_line: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_center: ParagraphStyle
    sign_title: ParagraphStyle
    sign_note: ParagraphStyle
    sign_name: ParagraphStyle
    small: ParagraphStyle


@lru_cache(maxsize=8)
def form_styles(base_size: float = 10.0) -> FormStyles:
    """Paragraph styles for form bodies, scaled from *base_size* (10 pt suits A5)."""
    s = base_size
    lead = round(s * 1.25, 2)

    def style(name: str, **kw) -> ParagraphStyle:
        kw.setdefault("fontName", SERIF)
        kw.setdefault("fontSize", s)
        kw.setdefault("leading", lead)
        return ParagraphStyle(f"desk-{name}-{s}", **kw)

    return FormStyles(
        body=style("body", alignment=TA_LEFT, spaceAfter=s * 0.12),
        body_center=style("body-center", alignment=TA_CENTER),
        body_italic_center=style("body-italic-center", fontName=SERIF_ITALIC, alignment=TA_CENTER),
        title=style("title", fontName=SERIF_BOLD, fontSize=s * 1.15, leading=s * 1.42, alignment=TA_CENTER),
        code_line=style("code-line", alignment=TA_CENTER, spaceBefore=s * 0.2),
        table_head=style("table-head", fontName=SERIF_BOLD, fontSize=s * 0.85, leading=s * 1.0, alignment=TA_CENTER),
        table_cell=style("table-cell", fontSize=s * 0.95, leading=s * 1.15),
        table_cell_center=style(
            "table-cell-center", fontSize=s * 0.95, leading=s * 1.15, alignment=TA_CENTER
        ),
        sign_title=style("sign-title", fontName=SERIF_BOLD, fontSize=s * 0.95, leading=s * 1.15, alignment=TA_CENTER),
        sign_note=style(
            "sign-note", fontName=SERIF_ITALIC, fontSize=s * 0.85, leading=s * 1.0, alignment=TA_CENTER
        ),
        sign_name=style("sign-name", fontName=SERIF_BOLD, fontSize=s * 0.95, leading=s * 1.15, alignment=TA_CENTER),
        small=style("small", fontSize=s * 0.8, leading=s * 0.95),
    )


def grid_table_style(header_rows: int = 1, padding: float = 2.5) -> list[tuple]:
    """TableStyle commands for a ruled table with *header_rows* bold centred heading rows."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]


# --------------------------------------------------------------------------- flowables


@dataclass(frozen=True)
class Line:
    """One logical line of a :class:`CenteredLines` block.

    *underline*: 0 = none, otherwise the rule's length as a fraction of the (widest) text line,
    e.g. 1.0 under "Độc lập - Tự do - Hạnh phúc", about 0.4 under the issuing agency's name.
    """

    text: str
    font: str = SERIF
    size: float = 9.5
    underline: float = 0.0


def _balanced_split(text: str, font: str, size: float, width: float) -> list[str]:
    """Split *text* to fit *width*: two lines of near-equal width when possible, greedy otherwise."""
    if stringWidth(text, font, size) <= width:
        return [text]
    words = text.split()
    best: tuple[float, list[str]] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        w = max(stringWidth(first, font, size), stringWidth(second, font, size))
        if w <= width and (best is None or w < best[0]):
            best = (w, [first, second])
    if best is not None:
        return best[1]
    return simpleSplit(text, font, size, width) or [text]


class CenteredLines(Flowable):
    """Centred lines of text (headers, agency names) wrapped to the available width, with optional rules.

    A line up to 12 % too wide is set in a smaller size; a longer one is split into two balanced lines
    (or at the caller's own ``"\\n"`` breaks); anything that still does not fit is drawn smaller instead of
    running outside the box.
    """

    SHRINK_LIMIT = 1.12  # a line up to 12 % too wide is set smaller instead of wrapped
    RULE_GAP = 3.6  # rule distance below the baseline
    RULE_SPACE = 4.0  # extra vertical room taken by a rule

    def __init__(self, lines: Sequence[Line], leading: float = 1.2):
        super().__init__()
        self.lines = [Line(nfc_text(ln.text), ln.font, ln.size, ln.underline) for ln in lines]
        self.leading = leading
        self._layout: list[tuple[str, str, float, float]] = []  # (text, font, size, rule length)

    def wrap(self, availWidth, availHeight):
        self._avail = availWidth
        layout: list[tuple[str, str, float, float]] = []
        height = 0.0
        for ln in self.lines:
            parts = []
            for chunk in ln.text.split("\n"):  # explicit breaks chosen by the caller win
                chunk = " ".join(chunk.split())
                if stringWidth(chunk, ln.font, ln.size) <= availWidth * self.SHRINK_LIMIT:
                    parts.append(chunk)  # slightly too wide: shrink below rather than break the name
                else:
                    parts += _balanced_split(chunk, ln.font, ln.size, availWidth)
            sized = []
            for part in parts:
                size = ln.size
                while size > 5 and stringWidth(part, ln.font, size) > availWidth:
                    size -= 0.25
                sized.append((part, size))
            widest = max(stringWidth(p, ln.font, sz) for p, sz in sized)
            for idx, (part, size) in enumerate(sized):
                rule = ln.underline * widest if (ln.underline and idx == len(sized) - 1) else 0.0
                layout.append((part, ln.font, size, rule))
                height += size * self.leading + (self.RULE_SPACE if rule else 0.0)
        self._layout = layout
        self.width, self.height = availWidth, height
        return availWidth, height

    def draw(self):
        canv = self.canv
        cx = self._avail / 2
        y = self.height
        canv.setLineWidth(0.6)
        for text, font, size, rule in self._layout:
            y -= size * self.leading
            baseline = y + size * (self.leading - 1.0) / 2 + size * 0.22
            draw_text(canv, cx, baseline, text, font, size, align="center")
            if rule:
                y -= self.RULE_SPACE
                ry = baseline - self.RULE_GAP
                canv.line(cx - rule / 2, ry, cx + rule / 2, ry)


def national_header(
    agency_lines: Sequence[str],
    number_text: str | None,
    place_date_text: str | None,
    width: float,
    *,
    size: float = 9.5,
    left_fraction: float = 0.42,
    gutter: float = 8.0,
) -> Table:
    """The two-column header every form starts with.

    Left: *agency_lines* (parent agency in regular caps, then the issuing unit in bold with a short rule;
    a ``"\\n"`` inside a name forces the line break there),
    then "Số: …" (*number_text*, printed as given). Right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc" with a full-length rule, then the italic place-and-date line.
    """
    names = [nfc_text(a) for a in agency_lines if nfc_text(a)]
    left: list[Line] = []
    for i, name in enumerate(names):
        last = i == len(names) - 1
        left.append(Line(name.upper(), SERIF_BOLD if last else SERIF, size, 0.4 if last else 0.0))
    right = [
        Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SERIF_BOLD, size * 0.95),
        Line("Độc lập - Tự do - Hạnh phúc", SERIF_BOLD, size * 1.05, 1.0),
    ]
    styles = form_styles()
    row2_left = ParagraphStyle("desk-hdr-num", parent=styles.body_center, fontSize=size, leading=size * 1.25)
    row2_right = ParagraphStyle(
        "desk-hdr-date", parent=styles.body_italic_center, fontSize=size, leading=size * 1.25
    )
    left_w = width * left_fraction
    data = [
        [CenteredLines(left), CenteredLines(right)],
        [
            para(number_text, row2_left) if number_text else "",
            para(place_date_text, row2_right) if place_date_text else "",
        ],
    ]
    table = Table(data, colWidths=[left_w, width - left_w])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
                ("RIGHTPADDING", (0, 0), (0, -1), gutter / 2),
                ("LEFTPADDING", (1, 0), (1, -1), gutter / 2),
            ]
        )
    )
    return table


@lru_cache(maxsize=256)
def qr_matrix(value: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Dark/light modules of the QR code for *value* (rows top to bottom), computed once per value."""
    qr = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    qr.addData(value)
    qr.make()
    return tuple(tuple(bool(m) for m in row) for row in qr.modules)


class QrCode(Flowable):
    """QR code of *value* (*size* points square, *border* quiet-zone modules) on a white square.

    The white square means a watermark underneath never disturbs scanning. Modules are drawn as one
    filled path (runs of dark modules merged), which keeps the PDF small and rendering fast.
    """

    def __init__(self, value: str, size: float = 22 * mm, level: str = "M", border: int = 4):
        super().__init__()
        self.value = nfc_text(value)
        self.size = size
        self.level = level
        self.border = border
        self.width = self.height = size

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        matrix = qr_matrix(self.value, self.level)
        n = len(matrix)
        box = self.size / (n + 2 * self.border)
        canv = self.canv
        canv.saveState()
        canv.setFillColor(colors.white)
        canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canv.setFillColor(colors.black)
        path = canv.beginPath()
        for r, row in enumerate(matrix):
            y = self.size - (r + self.border + 1) * box
            c = 0
            for dark, run in groupby(row):
                count = len(list(run))
                if dark:
                    path.rect((c + self.border) * box, y, count * box, box)
                c += count
        canv.drawPath(path, stroke=0, fill=1)
        canv.restoreState()


def code128(
    value: str,
    max_width: float,
    *,
    bar_height: float = 6.5 * mm,
    bar_width: float = 0.7,
    min_bar_width: float = 0.5,
) -> Flowable | None:
    """A Code128 barcode of *value* no wider than *max_width* (quiet zones included), or None if it cannot fit.

    The module width (0.7 pt ≈ 0.25 mm by default) is reduced down to *min_bar_width* points (≈ 0.18 mm,
    still readable from a laser print) before giving up. Non-ASCII values cannot be encoded in Code128 and also return None.
    """
    text = nfc_text(value)
    if not text or not text.isascii() or not text.isprintable():
        return None
    bw = bar_width
    while bw >= min_bar_width - 1e-9:
        quiet = 10 * bw
        barcode = Code128(
            text, barWidth=bw, barHeight=bar_height, humanReadable=False, lquiet=quiet, rquiet=quiet
        )
        if barcode.width <= max_width:
            barcode.hAlign = "CENTER"
            return barcode
        bw -= 0.05
    return None


def title_block(
    title_lines: Sequence[str],
    dossier_code: str,
    width: float,
    *,
    code_label: str = "Mã hồ sơ",
    qr_size: float = 22 * mm,
    with_barcode: bool = True,
) -> Table:
    """Form title (bold caps, one entry per printed line), "Mã hồ sơ: …" and its Code128, QR top-right.

    The title sits in the middle column of a symmetric three-column row, so it stays centred on the page
    while the QR code of the dossier code takes the right-hand column.
    """
    styles = form_styles()
    side = qr_size + 2
    middle = width - 2 * side
    cells: list[Flowable] = [para_markup("<br/>".join(esc(t) for t in title_lines), styles.title)]
    code = nfc_text(dossier_code)
    cells.append(para_markup(f"{esc(code_label)}: <b>{esc(code)}</b>", styles.code_line))
    if with_barcode:
        barcode = code128(code, middle)
        if barcode is not None:
            cells += [_VSpace(2.5), barcode]
    table = Table(
        [["", cells, QrCode(code, qr_size)]],
        colWidths=[side, middle, side],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


@dataclass(frozen=True)
class SignatureBlock:
    """Heading such as "NGƯỜI NỘP HỒ SƠ", the note under it and the printed name (may be empty)."""

    title: str
    name: str = ""
    note: str = "(Ký và ghi rõ họ tên)"


def signature_row(blocks: Sequence[SignatureBlock], width: float, *, sign_space: float = 13 * mm) -> Table:
    """Side-by-side signature blocks with room to sign between the heading and the printed name."""
    styles = form_styles()
    col = width / max(1, len(blocks))
    row = []
    for b in blocks:
        cell: list[Flowable] = [para(b.title, styles.sign_title)]
        if b.note:
            cell.append(para(b.note, styles.sign_note))
        cell.append(_VSpace(sign_space))
        cell.append(para(b.name, styles.sign_name) if nfc_text(b.name) else _VSpace(styles.sign_name.leading))
        row.append(cell)
    table = Table([row], colWidths=[col] * len(blocks))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


class _VSpace(Flowable):
    def __init__(self, height: float):
        super().__init__()
        self.height = height

    def wrap(self, availWidth, availHeight):
        return 0, self.height

    def draw(self):
        pass


# --------------------------------------------------------------------------- page machinery


@dataclass(frozen=True)
class FormLayout:
    """Page size and margins (points). Defaults: A5 portrait, left margin wider for filing."""

    page_size: tuple[float, float] = A5
    left: float = 14 * mm
    right: float = 10 * mm
    top: float = 13 * mm
    bottom: float = 11 * mm

    @property
    def content_width(self) -> float:
        return self.page_size[0] - self.left - self.right


@dataclass(frozen=True)
class FormDecoration:
    """What :func:`build_form_pdf` draws around the body on every page.

    *form_label* ("Mẫu số 01") and *legal_basis* go top-right / top-centre of each copy's first page;
    continuation pages show "(tiếp theo)" after the copy label and *reference* (e.g. "Mã hồ sơ: …").
    """

    form_label: str = ""
    legal_basis: str = ""
    reference: str = ""
    training: bool = False


@dataclass
class _BuildState:
    totals: Sequence[int] | None
    pages: list[int] = field(default_factory=list)


def draw_training_mark(canv, page_width: float, page_height: float, *, banner_y: float | None = None) -> None:
    """Diagonal "ĐÀO TẠO – TRAINING" across the page plus a red banner line at the bottom."""
    canv.saveState()
    diag = math.hypot(page_width, page_height)
    size = 60.0
    text = nfc_text(TRAINING_LABEL)
    while size > 12 and stringWidth(text, SANS_BOLD, size) > diag * 0.58:
        size -= 1
    canv.translate(page_width / 2, page_height / 2)
    canv.rotate(math.degrees(math.atan2(page_height, page_width)))
    canv.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.17))
    canv.setStrokeColor(colors.Color(0.85, 0.1, 0.1, alpha=0.35))
    draw_text(canv, 0, -size * 0.35, text, SANS_BOLD, size, align="center")
    canv.restoreState()

    canv.saveState()
    canv.setFillColor(colors.Color(0.75, 0.05, 0.05))
    y = banner_y if banner_y is not None else 5 * mm
    banner = nfc_text(TRAINING_BANNER)
    bsize = 7.5
    while bsize > 5 and stringWidth(banner, SANS_BOLD, bsize) > page_width - 16 * mm:
        bsize -= 0.25
    draw_text(canv, page_width / 2, y, banner, SANS_BOLD, bsize, align="center")
    canv.restoreState()


_STAMP_RESERVED: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "desk_signature_stamp_reserved", default=None
)


@contextmanager
def reserve_signature_stamp(width: float, height: float):
    """Forms built inside this block keep the top-right *width* × *height* points of page 1 free.

    The digital signature stamp goes there (DOMAIN.md §3.1); the form number and legal-basis line
    then move to the left of it instead of being covered.
    """
    token = _STAMP_RESERVED.set((width, height))
    try:
        yield
    finally:
        _STAMP_RESERVED.reset(token)


def _draw_reserved_top(canv, label: str, deco: FormDecoration, left_x: float, limit_x: float, ph: float) -> None:
    """Page-1 top band beside the signature stamp: copy label and form number, legal basis wrapped."""
    y = ph - 5.5 * mm
    head = f"{label}    {nfc_text(deco.form_label)}" if deco.form_label else label
    draw_text(canv, left_x, y, head, SERIF_BOLD_ITALIC, 9)
    if deco.legal_basis:
        lines = simpleSplit(nfc_text(deco.legal_basis), SERIF_ITALIC, 6.5, limit_x - left_x)
        for line in lines[:3]:
            y -= 7.2
            draw_text(canv, left_x, y, line, SERIF_ITALIC, 6.5)


def _page_decorator(copy_index: int, copy_label: str, deco: FormDecoration, layout: FormLayout, state: _BuildState,
                    stamp: tuple[float, float] | None = None):
    def on_page(canv, doc):
        state.pages[copy_index] += 1
        page_no = state.pages[copy_index]
        pw, ph = layout.page_size
        left_x, right_x = layout.left, pw - layout.right
        y1 = ph - 7.5 * mm
        canv.saveState()
        canv.setFillColor(colors.black)
        if deco.training:
            draw_training_mark(canv, pw, ph, banner_y=3.8 * mm)
            canv.setFillColor(colors.black)
        label = copy_label if page_no == 1 else f"{copy_label} (tiếp theo)"
        if stamp is not None and copy_index == 0 and page_no == 1:
            _draw_reserved_top(canv, label, deco, left_x, pw - stamp[0] - 3 * mm, ph)
        else:
            draw_text(canv, left_x, y1, label, SERIF_BOLD_ITALIC, 9)
        if page_no == 1 and stamp is not None and copy_index == 0:
            pass  # drawn beside the stamp area above
        elif page_no == 1:
            if deco.form_label:
                draw_text(canv, right_x, y1, deco.form_label, SERIF_BOLD, 8.5, align="right")
            if deco.legal_basis:
                size = 7.0
                width = right_x - left_x
                while size > 5 and stringWidth(nfc_text(deco.legal_basis), SERIF_ITALIC, size) > width:
                    size -= 0.25
                draw_text(canv, (left_x + right_x) / 2, y1 - 9, deco.legal_basis, SERIF_ITALIC, size, align="center")
        elif deco.reference:
            draw_text(canv, right_x, y1, deco.reference, SERIF_ITALIC, 8.5, align="right")
        total = state.totals[copy_index] if state.totals else 0
        if total > 1:
            draw_text(canv, right_x, 6.5 * mm, f"Trang {page_no}/{total}", SERIF_ITALIC, 8, align="right")
        canv.restoreState()

    return on_page


def _build_once(
    make_story: Callable[[int, str], list[Flowable]],
    copy_labels: Sequence[str],
    deco: FormDecoration,
    layout: FormLayout,
    metadata: dict[str, str],
    totals: Sequence[int] | None,
) -> tuple[bytes, list[int]]:
    state = _BuildState(totals=totals, pages=[0] * len(copy_labels))
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=layout.page_size,
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=nfc_text(metadata.get("title", "")),
        author=nfc_text(metadata.get("author", "")),
        subject=nfc_text(metadata.get("subject", "")),
        creator="desk-app (Bộ phận Một cửa)",
        producer="desk-app / ReportLab",
        invariant=1,
        initialFontName=SERIF,
        pageCompression=1,
    )
    pw, ph = layout.page_size
    templates = []
    for i, label in enumerate(copy_labels):
        frame = Frame(
            layout.left,
            layout.bottom,
            pw - layout.left - layout.right,
            ph - layout.top - layout.bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"body{i}",
        )
        templates.append(
            PageTemplate(id=f"copy{i}", frames=[frame],
                         onPage=_page_decorator(i, nfc_text(label), deco, layout, state, _STAMP_RESERVED.get()))
        )
    doc.addPageTemplates(templates)
    story: list[Flowable] = []
    for i, label in enumerate(copy_labels):
        if i:
            story += [NextPageTemplate(f"copy{i}"), PageBreak()]
        story += make_story(i, nfc_text(label))
    doc.build(story)
    return buf.getvalue(), state.pages


def build_form_pdf(
    make_story: Callable[[int, str], list[Flowable]],
    *,
    copy_labels: Sequence[str],
    decoration: FormDecoration,
    layout: FormLayout = FormLayout(),
    metadata: dict[str, str] | None = None,
) -> bytes:
    """Lay out ``make_story(copy_index, copy_label)`` once per copy, each copy starting on a new page.

    Every page gets the copy label top-left (with "(tiếp theo)" on continuation pages), the form number and
    legal-basis line on each copy's first page, "Trang i/n" when a copy runs over several pages, and the
    TRAINING mark when ``decoration.training``. Output is deterministic (same input → same bytes).
    """
    if not copy_labels:
        raise ValueError("Cần ít nhất một liên")
    register_fonts()
    meta = metadata or {}
    pdf, pages = _build_once(make_story, copy_labels, decoration, layout, meta, None)
    if any(n > 1 for n in pages):
        # Second pass only to print "Trang i/n": page numbers sit in the margin and never change the flow.
        pdf, _ = _build_once(make_story, copy_labels, decoration, layout, meta, pages)
    return pdf
