"""Today's dossiers: a table refreshed in the background after every accepted dossier."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.security.identity import Identity
from desk_app.services.dossier_book import received_on
from ui.tasks import TaskRunner


class TodayModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[tuple[str, ...]] = []
        self.headers = [self.tr("Mã hồ sơ"), self.tr("Giờ nhận"), self.tr("Chủ hồ sơ"), self.tr("Thủ tục"),
                        self.tr("Trạng thái"), self.tr("Hẹn trả")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):  # noqa: ANN001, ANN201
        if role == Qt.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802, ANN001, ANN201
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def codes(self) -> list[str]:
        return [row[0] for row in self.rows]


class TodayList(QWidget):
    refreshed = Signal()

    def __init__(self, desk: Desk, tasks: TaskRunner, who: Identity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tasks = tasks
        self.who = who
        self.model = TodayModel(self)
        self.view = QTableView(objectName="todayTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        desk, who = self.desk, self.who

        def job() -> list[tuple[str, ...]]:
            return [
                (d.code, d.received_at.strftime("%H:%M"), d.applicant, d.procedure_name, d.status_label,
                 d.due_at.strftime("%H:%M %d/%m/%Y") if d.due_at else "")
                for d in received_on(desk, who, now_local().date())
            ]

        self.tasks.run_db(job, self._show)

    def _show(self, rows: list[tuple[str, ...]]) -> None:
        self.model.set_rows(rows)
        self.refreshed.emit()
