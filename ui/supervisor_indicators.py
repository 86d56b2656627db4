"""QĐ 766 indicators for a period (Ctrl+I in the supervisor's day): each figure with its formula (the chosen
one worked out with its numbers under the table), charts drawn by matplotlib (Agg, rendered to PNG on the
work lane, never on the UI thread: the rates with the chosen figure highlighted, and the dossiers by
channel), and the dossiers behind a figure (Enter on its row). Keyboard: the «from» date has the focus, Tab to «to», Enter computes, ↑/↓ in the
table, Enter lists the dossiers, Ctrl+S saves the period's report (.xlsx or .pdf, by the file name), Esc closes.
"""

from __future__ import annotations

import io
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import now_local
from ui.shortcuts import add_shortcut
from ui.operations import run_op


def render_chart(report, selected: str | None = None) -> bytes:  # noqa: ANN001
    """The rates as horizontal bars (numerator / denominator written on each, the chosen figure highlighted)
    and the dossiers received by channel, drawn by matplotlib (Agg) to PNG bytes; runs on the work lane."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from desk_app.services.indicators import CHANNEL_NAMES

    shown = [i for i in report.indicators if i.rate is not None][::-1]
    figure = Figure(figsize=(10, 3.4), dpi=96)
    FigureCanvasAgg(figure)
    rates, channels = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1.2]})
    colours = ["#dc2626" if i.key == selected else "#2563eb" for i in shown]
    bars = rates.barh([i.label for i in shown], [i.rate for i in shown], color=colours)
    for bar, item in zip(bars, shown):
        rates.text(min(bar.get_width() + 1, 80), bar.get_y() + bar.get_height() / 2,
                   f"{item.rate:.1f} % ({item.numerator}/{item.denominator})", va="center", fontsize=7)
    rates.set_xlim(0, 100)
    rates.set_xlabel("%")
    rates.tick_params(axis="y", labelsize=7)
    rates.set_title("Chỉ số QĐ 766", fontsize=9)
    keys = sorted(report.by_channel)
    channels.bar([CHANNEL_NAMES.get(k, str(k)).replace(" công ích", "") for k in keys],
                 [report.by_channel[k] for k in keys], color=["#0891b2", "#16a34a", "#ca8a04"][:len(keys)])
    channels.set_title("Hồ sơ tiếp nhận theo kênh", fontsize=9)
    channels.tick_params(axis="x", labelsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class IndicatorsDialog(QDialog):
    computed = Signal(object)
    saved = Signal(object)   # the report file written (Ctrl+S)

    def __init__(self, desk, tasks, user, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("indicatorsDialog")
        self.setWindowTitle(self.tr("Chỉ số QĐ 766"))
        self.desk, self.tasks, self.user = desk, tasks, user
        self.report = None
        self.codes_dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        today = now_local().date()
        self.start_edit = QDateEdit(self, objectName="indicatorsFrom")
        self.end_edit = QDateEdit(self, objectName="indicatorsTo")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.installEventFilter(self)
        self.start_edit.setDate(QDate(today.year, today.month, 1))
        self.end_edit.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(QLabel(self.tr("Từ ngày"), self))
        row.addWidget(self.start_edit)
        row.addWidget(QLabel(self.tr("đến ngày"), self))
        row.addWidget(self.end_edit)
        row.addWidget(QLabel(self.tr("(Enter: tính; Enter trên một chỉ số: các hồ sơ; Ctrl+S: lưu báo cáo)"), self))
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4, self, objectName="indicatorsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Chỉ số"), self.tr("Tỷ lệ"), self.tr("Tử số / mẫu số"),
                                              self.tr("Cách tính")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(3, 520)
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        layout.addWidget(self.table, 1)
        self.formula = QLabel(self, objectName="indicatorsFormula")   # the chosen figure, worked out
        self.formula.setTextFormat(Qt.PlainText)
        self.formula.setWordWrap(True)
        layout.addWidget(self.formula)
        self.chart = QLabel(self, objectName="indicatorsChart")
        self.chart.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.chart)
        self.resize(1100, 720)
        from PySide6.QtGui import QKeySequence, QShortcut

        add_shortcut(QKeySequence("Ctrl+S"), self, self.save_report)
        self.start_edit.setFocus()

    def ask_report_path(self) -> str:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        start, end = self.report.start, self.report.end
        default = str(Path.home() / f"bao-cao-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), default,
                                              self.tr("Bảng tính (*.xlsx);;PDF (*.pdf)"))
        return path

    def save_report(self) -> None:
        """The computed period's report (by procedure and channel, then the indicators) as .xlsx or .pdf."""
        from pathlib import Path

        from desk_app.services.indicators import write_report

        if self.report is None:
            return
        path = self.ask_report_path()
        if not path:
            return
        report = self.report
        title = self.tr("Báo cáo tình hình giải quyết hồ sơ từ %1 đến %2").replace(
            "%1", f"{report.start:%d/%m/%Y}").replace("%2", f"{report.end:%d/%m/%Y}")
        run_op(self, self.tasks, lambda: write_report(self.desk, report, Path(path), title), self.saved.emit,
               title=self.tr("Lưu báo cáo"))

    def set_period(self, start: date, end: date) -> None:
        self.start_edit.setDate(QDate(start.year, start.month, start.day))
        self.end_edit.setDate(QDate(end.year, end.month, end.day))

    def eventFilter(self, obj, event):  # noqa: ANN001, N802
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if obj in (self.start_edit, self.end_edit):
                self.compute()
                return True
            if obj is self.table:
                self.show_codes()
                return True
        return super().eventFilter(obj, event)

    def compute(self) -> None:
        from desk_app.services.indicators import indicators

        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        run_op(self, self.tasks, lambda: indicators(self.desk, self.user, start, end), self._show)

    def _show(self, report) -> None:  # noqa: ANN001
        self.report = report
        self.table.setRowCount(len(report.indicators))
        for row, item in enumerate(report.indicators):
            rate = "—" if item.rate is None else f"{item.rate:.1f} %"
            for col, text in enumerate((item.label, rate, f"{item.numerator} / {item.denominator}", item.formula)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        self._select(0)
        self.computed.emit(report)

    def _select(self, row: int) -> None:
        """Show the chosen figure's formula with its numbers, and redraw the chart with it highlighted."""
        if self.report is None or not 0 <= row < len(self.report.indicators):
            return
        item, report = self.report.indicators[row], self.report
        rate = "—" if item.rate is None else f"{item.rate:.2f} %"
        self.formula.setText(f"{item.label} = {item.formula} = {item.numerator} / {item.denominator} = {rate}  "
                             + self.tr("(Enter: các hồ sơ)"))
        self._chart_wanted = (id(report), item.key)
        self._chart_job = (report, item.key)
        self._draw_next()

    def _draw_next(self) -> None:
        """One drawing at a time (matplotlib is not thread-safe); only the latest wish is drawn next."""
        job = getattr(self, "_chart_job", None)
        if job is None or getattr(self, "_drawing", False):
            return
        self._chart_job, self._drawing = None, True
        report, key = job
        wanted = (id(report), key)

        def failed(_exc) -> None:  # noqa: ANN001
            self._drawing = False
            self._draw_next()

        self.tasks.run_work(lambda: (wanted, render_chart(report, key)), self._show_chart, failed)

    def _show_chart(self, outcome) -> None:  # noqa: ANN001
        from shiboken6 import isValid

        if not isValid(self) or not isValid(self.chart):
            return   # the dialog was closed and deleted while the chart was being drawn
        self._drawing = False
        wanted, png = outcome
        if wanted != getattr(self, "_chart_wanted", None):
            self._draw_next()   # an older drawing (the supervisor moved on): the newer one follows
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.chart.setPixmap(pixmap)

    def show_codes(self) -> None:
        if self.report is None or self.table.currentRow() < 0:
            return
        indicator = self.report.indicators[self.table.currentRow()]
        dialog = QDialog(self)
        dialog.setObjectName("indicatorCodes")
        dialog.setWindowTitle(indicator.label)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(indicator.formula, dialog))
        listing = QListWidget(dialog)
        listing.addItems(indicator.codes)
        layout.addWidget(listing)
        self.codes_dialog = dialog
        window = self.parent().window() if self.parent() is not None else None
        opener = getattr(window, "open_dossier", None)
        if callable(opener):   # Enter on a code opens the dossier in the dossier book
            listing.itemActivated.connect(lambda item: (dialog.accept(), self.accept(), opener(item.text())))
        dialog.finished.connect(lambda _r: (self.activateWindow(), self.table.setFocus()))
        dialog.open()
        dialog.activateWindow()
        listing.setCurrentRow(0)
        listing.setFocus()
