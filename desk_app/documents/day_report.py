"""Biên bản đối soát cuối ngày: the reconciliation report the supervisor signs when closing a day (A4).

Sections as on the screen (dossiers, sequences, money, uploads), each problem with its explanation, the
cash count per denomination, and the audit chain head recorded at the close. Deterministic for given input
(reportlab ``invariant``) so its SHA-256 identifies it.
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desk_app.documents.common import TRAINING_BANNER, esc
from desk_app.documents.fonts import SERIF, SERIF_BOLD, register_fonts

__all__ = ["render_day_report"]


def _vnd(amount: int | None) -> str:
    return "—" if amount is None else f"{amount:,}".replace(",", ".") + " đ"


def _numbers(values: list[int]) -> str:
    return ", ".join(f"{n:07d}" for n in values) or "—"


def render_day_report(desk, report, *, supervisor: str, closed_at: datetime,  # noqa: ANN001
                      chain: tuple[int, str]) -> bytes:
    from desk_app.services.reconciliation import METHOD_LABELS, SECTION_LABELS, SECTIONS

    register_fonts()
    s = desk.settings
    body = ParagraphStyle("day-body", fontName=SERIF, fontSize=10, leading=12.5)
    small = ParagraphStyle("day-small", fontName=SERIF, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("day-head", fontName=SERIF_BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3)
    title = ParagraphStyle("day-title", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=1)
    center = ParagraphStyle("day-center", parent=body, alignment=1)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(esc(text), style)

    def table(rows: list[list], widths: list[float]) -> Table:
        t = Table([[c if isinstance(c, Paragraph) else p(str(c), small) for c in r] for r in rows],
                  colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, 0), SERIF_BOLD)]))
        return t

    story = []
    if s.training:
        story.append(p(TRAINING_BANNER, center))
    story += [p(s.agency_name.upper() if s.agency_name else "", center), p(s.desk_name, center), Spacer(1, 4 * mm),
              p(f"BIÊN BẢN ĐỐI SOÁT CUỐI NGÀY {report.day:%d/%m/%Y}", title), Spacer(1, 3 * mm)]
    story.append(p("1. " + SECTION_LABELS["dossiers"], head))
    decisions = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_decision.items())) or "—"
    channels = ", ".join(f"kênh {k}: {v}" for k, v in sorted(report.by_channel.items())) or "—"
    story.append(p(f"Số hồ sơ: {report.dossiers} ({decisions}; {channels}); số trang lưu trữ: {report.pages}."))
    story.append(p("2. " + SECTION_LABELS["sequences"], head))
    rows = [["Dãy số", "Từ", "Đến", "Đã dùng", "Số bỏ trống"]]
    for run in [*report.code_runs, report.book_run]:
        rows.append([run.label, run.first or "—", run.last or "—", run.used,
                     ", ".join(map(str, run.gaps)) or "—"])
    story.append(table(rows, [60 * mm, 22 * mm, 22 * mm, 20 * mm, 56 * mm]))
    story.append(p("3. " + SECTION_LABELS["money"], head))
    rows = [["Hình thức", "Đã xác nhận thu", "Số khoản", "Biên lai phát hành", "Huỷ", "Chưa xác nhận"]]
    for method, totals in report.methods.items():
        rows.append([METHOD_LABELS.get(method, method), _vnd(totals.confirmed_amount), totals.confirmed_count,
                     _numbers(totals.numbers_issued), _numbers(totals.numbers_cancelled),
                     _numbers(totals.numbers_pending)])
    story.append(table(rows, [25 * mm, 30 * mm, 16 * mm, 45 * mm, 32 * mm, 32 * mm]))
    cash = report.cash
    notes = ", ".join(f"{v:,}".replace(",", ".") + f" × {n}" for v, n in sorted(cash.denominations.items(),
                                                                                  reverse=True)) or "—"
    story.append(Spacer(1, 2 * mm))
    story.append(p(f"Tiền mặt: đã xác nhận thu {_vnd(cash.expected)}; kiểm đếm {_vnd(cash.counted)} ({notes}); "
                   f"chênh lệch {_vnd(cash.difference)}."))
    story.append(p("4. " + SECTION_LABELS["uploads"], head))
    from desk_app.services.upload_queue import STATE_LABELS

    story.append(p("; ".join(f"{STATE_LABELS.get(k, k)}: {v}" for k, v in report.uploads.items())))
    story.append(p("5. Vấn đề và giải trình", head))
    if report.problems:
        rows = [["Mục", "Vấn đề", "Giải trình"]]
        for section in SECTIONS:
            for prob in report.section_problems(section):
                rows.append([SECTION_LABELS[section], p(prob.message, small),
                             p(f"{prob.explanation} — {prob.explained_by}" if prob.explained else "CHƯA GIẢI TRÌNH",
                               small)])
        story.append(table(rows, [25 * mm, 80 * mm, 75 * mm]))
    else:
        story.append(p("Không có vấn đề nào."))
    story += [Spacer(1, 4 * mm),
              p(f"Đầu chuỗi nhật ký hệ thống khi khoá sổ: {chain[0]} dòng, mã băm {chain[1] or '—'}.", small),
              p(f"Khoá sổ lúc {closed_at:%H:%M ngày %d/%m/%Y}. Người đối soát: {supervisor}.", body),
              Spacer(1, 14 * mm)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=28 * mm,
                            bottomMargin=15 * mm, title=f"Đối soát {report.day.isoformat()}",
                            author=supervisor, invariant=1)
    doc.build(story)
    return buffer.getvalue()
