"""Báo cáo tình hình giải quyết hồ sơ (monthly / quarterly) as an A4 landscape PDF.

The same figures as the spreadsheet (``desk_app.services.indicators.write_monthly_xlsx``): dossiers by
procedure and channel (received, finished, on time, late, open in time / overdue) with totals, then the
QĐ 766 indicators with their rate and formula. No personal data: procedures, channels and counts only.
Deterministic for given input (reportlab ``invariant``).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk_app.documents.common import TRAINING_BANNER, esc
from desk_app.documents.fonts import SERIF, SERIF_BOLD, register_fonts

__all__ = ["render_period_report"]


def render_period_report(desk, report, title: str, issued_at: datetime) -> bytes:  # noqa: ANN001
    from desk_app.services.indicators import CHANNEL_NAMES

    register_fonts()
    s = desk.settings
    body = ParagraphStyle("rep-body", fontName=SERIF, fontSize=10, leading=12.5)
    small = ParagraphStyle("rep-small", fontName=SERIF, fontSize=8.5, leading=10.5)
    bold = ParagraphStyle("rep-bold", parent=small, fontName=SERIF_BOLD)
    head = ParagraphStyle("rep-head", fontName=SERIF_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    heading = ParagraphStyle("rep-title", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=1)
    center = ParagraphStyle("rep-center", parent=body, alignment=1)

    def p(text, style=small) -> Paragraph:  # noqa: ANN001
        return Paragraph(esc(str(text)), style)

    def grid(rows: list[list], widths: list[float], total: bool = False) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        table.setStyle(TableStyle(style))
        return table

    story = []
    if s.training:
        story.append(p(TRAINING_BANNER, center))
    story += [p((s.agency_name or "").upper(), center), p(s.desk_name or "", center), Spacer(1, 4 * mm),
              p(title.upper(), heading),
              p(f"Từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}", center), Spacer(1, 4 * mm),
              p("1. Tình hình tiếp nhận, giải quyết hồ sơ theo thủ tục và kênh tiếp nhận", head)]
    header = ["Mã thủ tục", "Tên thủ tục", "Kênh", "Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Trễ hạn",
              "Đang giải quyết trong hạn", "Đang giải quyết quá hạn"]
    rows = [[p(h, bold) for h in header]]
    totals = [0] * 6
    for r in report.rows:
        numbers = [r.received, r.finished, r.on_time, r.late, r.open_in_time, r.open_overdue]
        totals = [a + b for a, b in zip(totals, numbers)]
        rows.append([p(r.procedure_code), p(r.procedure_name), p(CHANNEL_NAMES.get(r.channel, r.channel))]
                    + [p(n) for n in numbers])
    rows.append([p("Tổng", bold), "", ""] + [p(n, bold) for n in totals])
    story.append(grid(rows, [26 * mm, 86 * mm, 28 * mm] + [20 * mm] * 6))
    story.append(p("2. Chỉ số theo Quyết định 766/QĐ-TTg", head))
    rows = [[p(h, bold) for h in ("Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Cách tính")]]
    for i in report.indicators:
        rows.append([p(i.label), p(i.numerator), p(i.denominator),
                     p("—" if i.rate is None else f"{i.rate:.2f}".replace(".", ",")), p(i.formula)])
    story.append(grid(rows, [70 * mm, 18 * mm, 18 * mm, 20 * mm, 134 * mm]))
    channels = ", ".join(f"{CHANNEL_NAMES.get(k, k)}: {v}" for k, v in sorted(report.by_channel.items())) or "—"
    story += [Spacer(1, 3 * mm), p(f"Hồ sơ tiếp nhận theo kênh: {channels}", body), Spacer(1, 3 * mm),
              p(f"Lập lúc {issued_at:%H:%M ngày %d/%m/%Y}.", body)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                      bottomMargin=12 * mm, title=title, invariant=True).build(story)
    return buffer.getvalue()
