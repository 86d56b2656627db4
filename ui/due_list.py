"""Overdue control (F7): open dossiers overdue, due today, due within one working day, and waiting for the
citizen's supplement — each with the action to take. Enter on a dossier opens it in the dossier book.

Read in the background (``dossier_book.due_report``) when shown and whenever dossiers change;
``reportReady`` carries the number of urgent dossiers for whoever wants to warn about them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desk_app.desk import Desk
from desk_app.errors import user_errors
from desk_app.services.dossier_book import DueReport, due_report
from ui.operations import DossierEvents
from ui.tasks import TaskRunner

_CODE = Qt.UserRole


class DueList(QWidget):
    openRequested = Signal(str)     # dossier code
    reportReady = Signal(object)    # DueReport

    def __init__(self, desk: Desk, tasks: TaskRunner, who: Any, events: DossierEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueList")
        self.desk, self.tasks, self.who = desk, tasks, who
        self.report: DueReport | None = None
        self.tree = QTreeWidget(objectName="dueTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Mã hồ sơ"), self.tr("Chủ hồ sơ"), self.tr("Hẹn trả"), self.tr("Thủ tục"),
                                   self.tr("Việc cần làm")])
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(self._activated)
        self.summary = QLabel(objectName="dueSummary", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(self.tr("↑/↓ chọn hồ sơ · Enter: mở hồ sơ để xin lỗi, đôn đốc hoặc nhận bổ sung")))
        self.setFocusProxy(self.tree)
        if events is not None:
            events.dossiersChanged.connect(lambda _codes: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        desk, who = self.desk, self.who
        self.tasks.run_db(lambda: due_report(desk, who), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.summary.setStyleSheet("color: #b00000;")
        self.summary.setText(str(exc) if isinstance(exc, user_errors()) else
                             self.tr("Không đọc được danh sách hạn xử lý: %1").replace("%1", str(exc)))

    def _show(self, report: DueReport) -> None:
        self.report = report
        current = self.current_code()
        self.tree.clear()
        buckets = (("overdue", self.tr("Quá hạn"), report.overdue),
                   ("due_today", self.tr("Đến hạn hôm nay"), report.due_today),
                   ("due_soon", self.tr("Đến hạn trong 01 ngày làm việc"), report.due_soon),
                   ("waiting_supplement", self.tr("Chờ công dân bổ sung"), report.waiting_supplement))
        first = None
        for key, label, items in buckets:
            group = QTreeWidgetItem([f"{label} ({len(items)})"])
            group.setData(0, _CODE, "")
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            if key == "overdue" and items:
                group.setForeground(0, QColor(139, 0, 0))
            self.tree.addTopLevelItem(group)
            for item in items:
                row = QTreeWidgetItem([item.code, item.applicant,
                                       item.due_at.strftime("%H:%M %d/%m/%Y") if item.due_at else "",
                                       item.procedure_name, item.advice])
                row.setData(0, _CODE, item.code)
                row.setToolTip(4, item.advice)
                group.addChild(row)
                if first is None or item.code == current:
                    first = row
            group.setExpanded(True)
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Cập nhật lúc %1: %2 quá hạn, %3 đến hạn hôm nay, %4 sắp đến hạn, %5 chờ bổ sung.")
                             .replace("%1", report.at.strftime("%H:%M")).replace("%2", str(len(report.overdue)))
                             .replace("%3", str(len(report.due_today))).replace("%4", str(len(report.due_soon)))
                             .replace("%5", str(len(report.waiting_supplement))))
        if first is not None:
            self.tree.setCurrentItem(first)
        self.reportReady.emit(report)

    def current_code(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, _CODE) if item is not None else ""

    def codes(self) -> list[str]:
        return [self.tree.topLevelItem(g).child(c).data(0, _CODE)
                for g in range(self.tree.topLevelItemCount()) for c in range(self.tree.topLevelItem(g).childCount())]

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        code = item.data(0, _CODE)
        if code:
            self.openRequested.emit(code)
        else:
            item.setExpanded(not item.isExpanded())

    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        super().showEvent(event)
        self.refresh()
