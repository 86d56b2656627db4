"""The dossier book workspace (F4): find any stored dossier and open it.

One search field, focused on entry: a dossier code (a USB QR reader types the QR of the citizen's
Mẫu 01, then Enter), a personal ID, a name with or without diacritics, or words of the scanned pages.
Filters by received-date range, status and procedure sit in the Tab order (Alt+H search, Alt+N dates, Alt+T status,
Alt+C procedure); changing one searches again. The search runs on the database lane, a newer search
supersedes an older one. A search that finds exactly one dossier by its code opens it at once (the QR
path; a digit typed while a dossier is shown starts the next search, so the reader works there too);
otherwise ↓ or Enter moves into the results and Enter opens the dossier view. Esc in the dossier
view comes back to the results; F4 again starts a new search.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.status import DossierStatus
from desk_app.errors import user_errors
from desk_app.services.dossier_book import DossierQuery, DossierSummary, search
from ui.shortcuts import add_shortcut
from ui.dossier_view import DossierViewPanel
from ui.operations import DossierEvents
from ui.tasks import TaskRunner


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[DossierSummary] = []
        self.headers = [self.tr("Mã hồ sơ"), self.tr("Chủ hồ sơ"), self.tr("Số định danh"), self.tr("Thủ tục"),
                        self.tr("Ngày nhận"), self.tr("Hẹn trả"), self.tr("Trạng thái"), self.tr("Tìm thấy theo")]
        self.matched = {"code": self.tr("mã hồ sơ"), "id": self.tr("số định danh"), "name": self.tr("họ tên"),
                        "text": self.tr("nội dung giấy tờ"), "filter": self.tr("bộ lọc")}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, ANN001, B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):  # noqa: ANN001, ANN201
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.DisplayRole:
            matched = self.matched.get(r.matched, r.matched)
            return (r.code, r.applicant, r.id_number, r.procedure_name, r.received_at.strftime("%d/%m/%Y"),
                    r.due_at.strftime("%H:%M %d/%m/%Y") if r.due_at else "", r.status_label,
                    f"{matched}: {r.snippet}" if r.snippet else matched)[index.column()]
        if role == Qt.ToolTipRole and index.column() == 3:
            return r.procedure_name
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802, ANN001, ANN201
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers[section]
        return None

    def set_rows(self, rows: list[DossierSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def codes(self) -> list[str]:
        return [r.code for r in self.rows]


class _SearchField(QLineEdit):
    """↓ moves into the results (Enter searches)."""

    down = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.key() == Qt.Key_Down and not event.modifiers():
            self.down.emit()
            return
        super().keyPressEvent(event)


class DossierBook(QWidget):
    searched = Signal(int)         # results shown
    dossierOpened = Signal(str)    # the dossier view shows this code

    def __init__(self, desk: Desk, tasks: TaskRunner, who: Any, events: DossierEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierBook")
        self.desk, self.tasks, self.who = desk, tasks, who
        self._generation = 0
        self._last_query: DossierQuery | None = None
        self._user_search_pending = False  # Enter was pressed: its answer may open the dossier / take the focus

        self.search_field = _SearchField(objectName="bookSearch", clearButtonEnabled=True)
        self.search_field.setPlaceholderText(self.tr(
            "Mã hồ sơ (quét mã QR trên giấy hẹn), số định danh, họ tên (có dấu hoặc không), nội dung giấy tờ… rồi Enter"))
        self.search_field.returnPressed.connect(self.run_search)
        self.search_field.down.connect(self.focus_results)
        search_label = QLabel(self.tr("Tìm &hồ sơ:"))
        search_label.setBuddy(self.search_field)

        today = now_local().date()
        self.use_dates = QCheckBox(self.tr("Ngày &nhận từ"), objectName="bookUseDates")
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), objectName="bookDateFrom", calendarPopup=True,
                                   displayFormat="dd/MM/yyyy")
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), objectName="bookDateTo",
                                 calendarPopup=True, displayFormat="dd/MM/yyyy")
        to_label = QLabel(self.tr("đến"))
        to_label.setBuddy(self.date_to)
        self.status = QComboBox(objectName="bookStatus")
        self.status.addItem(self.tr("Mọi trạng thái"), ())
        self.status.addItem(self.tr("Đang giải quyết (2, 4, 5, 6)"), (2, 4, 5, 6))
        for status in DossierStatus:
            self.status.addItem(f"{int(status)}. {status.label_vi}", (int(status),))
        status_label = QLabel(self.tr("&Trạng thái:"))
        status_label.setBuddy(self.status)
        self.procedure = QComboBox(objectName="bookProcedure")
        self.procedure.addItem(self.tr("Mọi thủ tục"), "")
        for p in desk.catalog.active_on(today):
            self.procedure.addItem(f"{p.code} — {p.name}", p.code)
        self.procedure.setMinimumContentsLength(24)
        self.procedure.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        procedure_label = QLabel(self.tr("Thủ tụ&c:"))
        procedure_label.setBuddy(self.procedure)

        self.model = ResultsModel(self)
        self.results = QTableView(objectName="bookResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.results.activated.connect(lambda index: self.open_code(self.model.rows[index.row()].code))
        self.message = QLabel(objectName="bookMessage", wordWrap=True)

        self.view = DossierViewPanel(desk, tasks, who, events)
        self.view.closeRequested.connect(self.back_to_results)
        self.view.searchTyped.connect(self._typed_in_view)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_field, 1)
        filters = QHBoxLayout()
        for widget in (self.use_dates, self.date_from, to_label, self.date_to, status_label, self.status,
                       procedure_label, self.procedure):
            filters.addWidget(widget)
        filters.addStretch(1)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.results, 1)
        list_layout.addWidget(self.message)
        list_layout.addWidget(QLabel(self.tr("Enter: tìm · ↓: vào danh sách · Enter trên dòng: mở hồ sơ · "
                                             "Esc trong hồ sơ: quay lại danh sách")))
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        for first, second in ((self.search_field, self.use_dates), (self.use_dates, self.date_from),
                              (self.date_from, self.date_to), (self.date_to, self.status),
                              (self.status, self.procedure), (self.procedure, self.results)):
            self.setTabOrder(first, second)

        # A filter change searches again (a short pause lets the clerk step through a combo box).
        self._refilter = QTimer(self, singleShot=True, interval=300)
        self._refilter.timeout.connect(lambda: self.run_search(from_filter=True))
        self.use_dates.toggled.connect(self._dates_toggled)
        for signal in (self.date_from.dateChanged, self.date_to.dateChanged, self.status.currentIndexChanged,
                       self.procedure.currentIndexChanged):
            signal.connect(lambda *_: self._refilter.start())
        self._dates_toggled(False, search_again=False)
        add_shortcut(QKeySequence("Ctrl+F"), self, self.new_search, context=Qt.WidgetWithChildrenShortcut)
        if events is not None:
            events.dossiersChanged.connect(self.refresh)

    # -- search --------------------------------------------------------------------------------
    def _dates_toggled(self, on: bool, search_again: bool = True) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        if search_again:
            self._refilter.start()

    def query(self) -> DossierQuery:
        dated = self.use_dates.isChecked()
        return DossierQuery(
            text=self.search_field.text().strip(),
            received_from=self.date_from.date().toPython() if dated else None,
            received_to=self.date_to.date().toPython() if dated else None,
            statuses=tuple(self.status.currentData() or ()),
            procedure_code=self.procedure.currentData() or "",
        )

    def run_search(self, from_filter: bool = False) -> None:
        query = self.query()
        empty = not (query.text or query.received_from or query.statuses or query.procedure_code)
        if empty:
            if not from_filter:
                self.message.setText(self.tr("Hãy nhập mã hồ sơ, số định danh, họ tên, nội dung giấy tờ, "
                                             "hoặc chọn bộ lọc."))
            return
        self._generation += 1
        generation = self._generation
        self._last_query = query
        if not from_filter:
            self._user_search_pending = True
        desk, who = self.desk, self.who
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Đang tìm…"))

        def done(rows: list[DossierSummary]) -> None:
            if generation == self._generation:
                user_search, self._user_search_pending = self._user_search_pending, False
                self._show_results(rows, not user_search)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self._user_search_pending = False
                self.message.setStyleSheet("color: #b00000;")
                self.message.setText(str(exc) if isinstance(exc, user_errors()) else
                                     self.tr("Không tìm được: %1").replace("%1", str(exc)))

        self.tasks.run_db(lambda: search(desk, who, query), done, failed)

    def _show_results(self, rows: list[DossierSummary], from_filter: bool) -> None:
        self.model.set_rows(rows)
        self.message.setText(self.tr("Không tìm thấy hồ sơ nào.") if not rows else
                             self.tr("Tìm thấy %1 hồ sơ.").replace("%1", str(len(rows))))
        self.searched.emit(len(rows))
        if not rows:
            return
        self.results.selectRow(0)
        if not from_filter and len(rows) == 1 and rows[0].matched == "code":
            self.open_code(rows[0].code)   # the QR of Mẫu 01: straight to the dossier
        elif not from_filter:
            self.results.setFocus()

    def refresh(self, codes: list[str] | None = None) -> None:
        """Dossiers changed somewhere: the open dossier (if among *codes*) and the last search are read again."""
        if self.stack.currentWidget() is self.view and (not codes or self.view.code in codes):
            self.view.refresh()
        if self._last_query is not None:
            self.run_search(from_filter=True)

    # -- navigation ----------------------------------------------------------------------------
    def focus_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.selectRow(0)

    def open_code(self, code: str) -> None:
        self.stack.setCurrentWidget(self.view)
        self.view.open_code(code)
        self.view.timeline.setFocus()
        self.dossierOpened.emit(code)

    def back_to_results(self) -> None:
        self.stack.setCurrentIndex(0)
        if self.model.rowCount():
            self.results.setFocus()
        else:
            self.search_field.setFocus()

    def _typed_in_view(self, text: str) -> None:
        """A QR reader typing the next code while a dossier is shown: the code goes to the search field."""
        self.new_search()
        self.search_field.setText(text)

    def new_search(self) -> None:
        """F4 / Ctrl+F: the search field, ready for the next QR or name."""
        self.stack.setCurrentIndex(0)
        self.search_field.setFocus()
        self.search_field.selectAll()
