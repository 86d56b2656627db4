"""The audit viewer (F11 for supervisors and administrators): who read or changed which citizen's data.

Filters: personal ID number of the citizen, user name, action family, period. Keyboard first: the citizen
field has the focus, Tab through the filters, Enter searches from any of them, ↓ into the results, Ctrl+L
back to the filters, Ctrl+E exports what is shown (CSV, xlsx or PDF, by the file's extension) for a data-protection request. The search
and the export are core calls (``desk_app.services.audit_log``) on the database lane; both are audited there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import now_local
from desk_app.services.audit_log import ACTION_FAMILIES
from ui.shortcuts import add_shortcut
from ui.operations import run_op

COLUMNS = (
    QT_TRANSLATE_NOOP("AuditViewer", "Số TT"),
    QT_TRANSLATE_NOOP("AuditViewer", "Thời điểm"),
    QT_TRANSLATE_NOOP("AuditViewer", "Người dùng"),
    QT_TRANSLATE_NOOP("AuditViewer", "Thao tác"),
    QT_TRANSLATE_NOOP("AuditViewer", "Đối tượng"),
    QT_TRANSLATE_NOOP("AuditViewer", "Liên quan đến"),
    QT_TRANSLATE_NOOP("AuditViewer", "Chi tiết"),
)


class AuditViewer(QWidget):
    searched = Signal(object)      # the AuditResult shown
    exported = Signal(object)      # the path written

    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("auditViewer")
        self.desk, self.tasks, self.user = desk, tasks, user
        self.result = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Nhật ký truy cập dữ liệu công dân"), self)
        title.setStyleSheet("font-weight: bold; font-size: 14pt")
        layout.addWidget(title)
        form = QFormLayout()
        self.citizen_edit = QLineEdit(self, objectName="auditCitizen")
        self.citizen_edit.setPlaceholderText(self.tr("12 chữ số (hoặc 9 chữ số CMND cũ); để trống: mọi công dân"))
        self.citizen_edit.setMaxLength(14)
        self.user_edit = QLineEdit(self, objectName="auditUser")
        self.user_edit.setPlaceholderText(self.tr("tên đăng nhập; để trống: mọi người dùng"))
        self.action_combo = QComboBox(self, objectName="auditAction")
        for key, label in ACTION_FAMILIES.items():
            self.action_combo.addItem(self.tr(label), key)
        today = now_local().date()
        self.start_edit = QDateEdit(QDate(today.year, 1, 1), self, objectName="auditFrom")
        self.end_edit = QDateEdit(QDate(today.year, today.month, today.day), self, objectName="auditTo")
        period = QHBoxLayout()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
        period.addWidget(self.start_edit)
        period.addWidget(QLabel(self.tr("đến"), self))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        form.addRow(self.tr("Số định danh công dân"), self.citizen_edit)
        form.addRow(self.tr("Người dùng"), self.user_edit)
        form.addRow(self.tr("Thao tác"), self.action_combo)
        form.addRow(self.tr("Từ ngày"), period)
        layout.addLayout(form)
        self.hint = QLabel(self.tr("Enter: tìm · ↓: vào kết quả · Ctrl+L: về ô lọc · Ctrl+E: xuất tệp (.csv, .xlsx, .pdf)"), self)
        layout.addWidget(self.hint)
        self.status = QLabel("", self, objectName="auditStatus")
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(COLUMNS), self, objectName="auditTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("AuditViewer", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        for column, width in enumerate((60, 140, 110, 220, 170, 160)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.inputs = (self.citizen_edit, self.user_edit, self.action_combo, self.start_edit, self.end_edit)
        for widget in self.inputs:
            widget.installEventFilter(self)
        add_shortcut(QKeySequence("Ctrl+E"), self, self.export, context=Qt.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence("Ctrl+L"), self, self.focus_start, context=Qt.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.citizen_edit)

    def focus_start(self) -> None:
        self.citizen_edit.setFocus()
        self.citizen_edit.selectAll()

    # ------------------------------------------------------------------ keys

    def eventFilter(self, obj, event):  # noqa: ANN001, N802
        if event.type() == QEvent.KeyPress and obj in self.inputs:
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self.search()
                return True
            if event.key() == Qt.Key_Down and obj in (self.citizen_edit, self.user_edit) and self.table.rowCount():
                self.table.setFocus()
                self.table.setCurrentCell(max(0, self.table.currentRow()), 0)
                return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ search and export

    def filters(self):  # noqa: ANN201
        from desk_app.services.audit_log import AuditFilter

        return AuditFilter(self.user_edit.text().strip(), self.citizen_edit.text().strip(),
                           self.action_combo.currentData() or "", self.start_edit.date().toPython(),
                           self.end_edit.date().toPython())

    def search(self) -> None:
        from desk_app.services.audit_log import search_audit

        filters = self.filters()
        self.status.setText(self.tr("Đang tìm trong nhật ký…"))
        run_op(self, self.tasks, lambda: search_audit(self.desk, self.user, filters), self._show,
               on_failure=lambda _exc: (self.status.setText(""), self.citizen_edit.setFocus()),
               title=self.tr("Nhật ký truy cập"))

    def _show(self, result) -> None:  # noqa: ANN001
        self.result = result
        self.table.setRowCount(len(result.rows))
        for row, r in enumerate(result.rows):
            cells = (str(r.seq), r.at.strftime("%d/%m/%Y %H:%M:%S"), r.username, self.tr(r.label),
                     f"{r.entity} {r.entity_id}".strip(), r.concerns, r.details_text)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        text = self.tr("%1 dòng — %2").replace("%1", str(len(result.rows))).replace("%2", result.filter.describe())
        if result.filter.citizen_id:
            text += " · " + self.tr("hồ sơ của công dân: %1").replace(
                "%1", ", ".join(result.citizen_dossiers) or self.tr("không có"))
        if result.truncated:
            text += " · " + self.tr("đã cắt bớt, hãy thu hẹp điều kiện lọc")
        self.status.setText(text)
        if result.rows:
            self.table.setCurrentCell(0, 0)
            self.table.setFocus()
        self.searched.emit(result)

    def ask_export_path(self) -> str:
        default = str(Path.home() / f"nhat-ky-{now_local():%Y%m%d}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất nhật ký"), default,
                                              self.tr("PDF (*.pdf);;Bảng tính (*.xlsx);;CSV (*.csv)"))
        return path

    def export(self) -> None:
        from desk_app.services.audit_log import export

        path = self.ask_export_path()
        if not path:
            return
        filters = self.filters()
        self.status.setText(self.tr("Đang xuất nhật ký…"))

        def done(outcome) -> None:  # noqa: ANN001
            written, result = outcome
            self.status.setText(self.tr("Đã xuất %1 dòng: %2").replace("%1", str(len(result.rows)))
                                .replace("%2", str(written)))
            self.exported.emit(written)

        run_op(self, self.tasks, lambda: export(self.desk, self.user, filters, Path(path)), done,
               title=self.tr("Xuất nhật ký"))
