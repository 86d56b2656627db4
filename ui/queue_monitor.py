"""Queue monitor: how many outbox rows are in each state, each row's detail, "send now", escalation,
and what the province sent back (notifications). All reads and writes go through the database lane."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.desk import Desk
from desk_app.security.identity import Identity
from sync import outbox
from sync.pull import mark_read, unread_notifications
from ui.tasks import TaskRunner


def _when(moment) -> str:  # noqa: ANN001
    return f"{moment:%d/%m/%Y %H:%M:%S}" if moment else ""


class QueueModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.items: list[outbox.ItemView] = []
        self.headers = [self.tr("Mã hồ sơ"), self.tr("Việc"), self.tr("Trạng thái"), self.tr("Số lần gửi"),
                        self.tr("Thử lại lúc"), self.tr("Lỗi gần nhất")]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):  # noqa: ANN001, ANN201
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.DisplayRole:
            escalated = self.tr(" (đã chuyển giám sát)") if item.escalated_at else ""
            return (item.dossier_code, outbox.ACTION_LABELS.get(item.action, item.action),
                    outbox.STATE_LABELS.get(item.state, item.state) + escalated, str(item.attempts),
                    _when(item.next_attempt_at) if item.state == outbox.FAILED_NETWORK else "",
                    item.last_error.splitlines()[0][:120] if item.last_error else "")[index.column()]
        if role == Qt.UserRole:
            return item.id
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802, ANN001, ANN201
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def set_items(self, items: list[outbox.ItemView]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()


class QueueMonitor(QWidget):
    refreshed = Signal()
    sendNowRequested = Signal(int)   # the worker should run a pass now
    escalated = Signal(int)
    failed = Signal(str)

    def __init__(self, desk: Desk, tasks: TaskRunner, user: Identity | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks, self.user = desk, tasks, user
        self.counts: dict[str, int] = {}
        self._loading = self._again = False

        counts_box = QGroupBox(self.tr("Hàng đợi gửi lên hệ thống tỉnh"))
        counts_layout = QHBoxLayout(counts_box)
        self.count_labels: dict[str, QLabel] = {}
        for state in outbox.STATES:
            label = QLabel(objectName=f"count_{state}")
            self.count_labels[state] = label
            counts_layout.addWidget(label)
        self.link_label = QLabel(objectName="linkStatus")
        counts_layout.addStretch(1)
        counts_layout.addWidget(self.link_label)

        self.state_filter = QComboBox(objectName="stateFilter")
        self.state_filter.addItem(self.tr("Chưa xong (mọi trạng thái trừ đã nhận)"), "open")
        self.state_filter.addItem(self.tr("Tất cả"), "all")
        for state in outbox.STATES:
            self.state_filter.addItem(self.tr(outbox.STATE_LABELS[state]), state)
        self.state_filter.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Làm mới"), objectName="refresh")
        self.refresh_button.clicked.connect(self.refresh)

        self.model = QueueModel(self)
        self.view = QTableView(objectName="queueTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectRows)
        self.view.setSelectionMode(QTableView.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._show_detail)

        self.detail = QLabel(objectName="itemDetail", wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.send_now_button = QPushButton(self.tr("Gửi ngay"), objectName="sendNow", enabled=False)
        self.send_now_button.clicked.connect(self._send_now)
        self.note = QLineEdit(objectName="escalationNote", placeholderText=self.tr("Ghi chú cho giám sát"))
        self.escalate_button = QPushButton(self.tr("Chuyển giám sát"), objectName="escalate", enabled=False)
        self.escalate_button.clicked.connect(self._escalate)
        actions = QHBoxLayout()
        actions.addWidget(self.send_now_button)
        actions.addWidget(self.note, 1)
        actions.addWidget(self.escalate_button)

        detail_box = QGroupBox(self.tr("Chi tiết"))
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addLayout(actions)

        self.notifications = QListWidget(objectName="notifications")
        self.mark_read_button = QPushButton(self.tr("Đã xem các thông báo"), objectName="markRead", enabled=False)
        self.mark_read_button.clicked.connect(self._mark_read)
        notes_box = QGroupBox(self.tr("Thông báo từ tỉnh"))
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notifications)
        notes_layout.addWidget(self.mark_read_button)
        self._note_ids: list[int] = []

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Hiển thị:")))
        top.addWidget(self.state_filter)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.view)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(detail_box, 1)
        lower_layout.addWidget(notes_box, 1)
        splitter.addWidget(lower)

        layout = QVBoxLayout(self)
        layout.addWidget(counts_box)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_counts({state: 0 for state in outbox.STATES})

    # -- loading --

    def refresh(self) -> None:
        if self._loading:
            self._again = True  # one more load once this one is shown (it may predate the change)
            return
        self._loading, self._again = True, False
        choice = self.state_filter.currentData()
        states = (None if choice == "all" else
                  tuple(s for s in outbox.STATES if s != outbox.ACKNOWLEDGED) if choice == "open" else (choice,))
        sessions = self.desk.sessions

        def load():  # noqa: ANN202
            return (outbox.counts(sessions), outbox.list_items(sessions, states),
                    [(n.id, n.created_at, n.message) for n in unread_notifications(sessions)])

        self.tasks.run_db(load, self._loaded, self._load_failed)

    def _loaded(self, result) -> None:  # noqa: ANN001
        self._loading = False
        counts, items, notes = result
        selected = self.selected_id()
        self._show_counts(counts)
        self.model.set_items(items)
        self.notifications.clear()
        self._note_ids = [note_id for note_id, _at, _message in notes]
        for _note_id, created_at, message in notes:
            self.notifications.addItem(f"{_when(created_at)} — {message}")
        self.mark_read_button.setEnabled(bool(notes))
        if selected is not None:
            self.select_item(selected)
        self._show_detail()
        self.refreshed.emit()
        if self._again:
            self.refresh()

    def _load_failed(self, exc: Exception) -> None:
        self._loading = self._again = False
        self.failed.emit(str(exc))

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        for state, label in self.count_labels.items():
            label.setText(f"{self.tr(outbox.STATE_LABELS[state])}: <b>{counts.get(state, 0)}</b>")

    def set_link_status(self, up: bool | None, endpoint: str = "") -> None:
        text = {True: self.tr("Kết nối tỉnh: tốt"), False: self.tr("Kết nối tỉnh: mất — sẽ tự gửi lại"),
                None: self.tr("Kết nối tỉnh: chưa thử")}[up]
        self.link_label.setText(text)
        self.link_label.setToolTip(endpoint)

    # -- selection and actions --

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], Qt.UserRole) if rows else None

    def select_item(self, item_id: int) -> bool:
        for row, item in enumerate(self.model.items):
            if item.id == item_id:
                self.view.selectRow(row)
                return True
        return False

    def _selected_item(self) -> outbox.ItemView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def _show_detail(self, *_args) -> None:  # noqa: ANN002
        item = self._selected_item()
        self.send_now_button.setEnabled(item is not None and item.state != outbox.ACKNOWLEDGED)
        self.escalate_button.setEnabled(item is not None and item.escalated_at is None)
        if item is None:
            self.detail.setText(self.tr("Chọn một dòng để xem chi tiết."))
            return
        lines = [
            self.tr("Hồ sơ: %1").replace("%1", item.dossier_code),
            self.tr("Việc: %1").replace("%1", outbox.ACTION_LABELS.get(item.action, item.action)),
            self.tr("Trạng thái: %1").replace("%1", outbox.STATE_LABELS.get(item.state, item.state)),
            self.tr("Số lần gửi: %1").replace("%1", str(item.attempts)),
            self.tr("Tạo lúc: %1").replace("%1", _when(item.created_at)),
        ]
        if item.acknowledged_at:
            lines.append(self.tr("Tỉnh xác nhận lúc: %1").replace("%1", _when(item.acknowledged_at)))
        if item.state == outbox.FAILED_NETWORK and item.next_attempt_at:
            lines.append(self.tr("Tự gửi lại lúc: %1").replace("%1", _when(item.next_attempt_at)))
        if item.last_error:
            lines.append(self.tr("Lỗi gần nhất: %1").replace("%1", item.last_error))
        if item.escalated_at:
            lines.append(self.tr("Đã chuyển giám sát lúc %1: %2").replace("%1", _when(item.escalated_at))
                         .replace("%2", item.escalation_note))
        lines.append(self.tr("Khóa chống trùng: %1").replace("%1", item.idempotency_key))
        self.detail.setText("\n".join(lines))

    def _send_now(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        sessions, user = self.desk.sessions, self.user

        def done(_state) -> None:  # noqa: ANN001
            self.sendNowRequested.emit(item_id)
            self.refresh()

        self.tasks.run_db(lambda: outbox.send_now(sessions, item_id, user), done, self._action_failed)

    def _escalate(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        note, sessions, user = self.note.text(), self.desk.sessions, self.user

        def done(_result) -> None:  # noqa: ANN001
            self.note.clear()
            self.escalated.emit(item_id)
            self.refresh()

        self.tasks.run_db(lambda: outbox.escalate(sessions, item_id, user, note), done, self._action_failed)

    def _mark_read(self) -> None:
        ids, sessions = list(self._note_ids), self.desk.sessions
        user_id = self.user.id if self.user is not None else None
        self.tasks.run_db(lambda: mark_read(sessions, ids, user_id), lambda _r: self.refresh(), self._action_failed)

    def _action_failed(self, exc: Exception) -> None:
        # Shown in place (no modal box: the clerk may be serving someone at the counter).
        self.detail.setText(self.tr("Không thực hiện được: %1").replace("%1", str(exc)))
        self.failed.emit(str(exc))
