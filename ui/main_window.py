"""Main window: the workspaces of the signed-in role (ui/workspaces.py), TRAINING banner, busy indicator, start-up warnings.

The window owns the app-wide :class:`~ui.operations.DossierEvents` hub (``self.events``): panels get it
at construction and every list listens to ``dossiersChanged``. The status bar warns about a provisional
or missing holiday calendar and about dossiers overdue or due within one working day (refreshed on
``dossiersChanged`` and every few minutes); F7 or a click on that warning emits ``overdueRequested``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.security.roles import Role
from desk_app.services.dossier_book import DueCounts, due_counts
from desk_app.services.intake import calendar_warnings
from desk_app.services.maintenance import ArchiveReport, check_archive
from desk_app.security.identity import Identity
from ui.shortcuts import add_shortcut
from ui.dossier_book import DossierBook
from ui.due_list import DueList
from ui.operations import DossierEvents, run_op
from ui.reception_panel import ReceptionPanel
from ui.receipt_preview import ReceiptPreview
from ui.geometry import fit_to_screen, restore_geometry, save_geometry, scroll_page
from ui.tasks import TaskRunner
from ui.today_list import TodayList
from ui.workspaces import QUEUE_ROLES, workspaces_for

DUE_REFRESH_MS = 5 * 60 * 1000  # the overdue warning is re-checked every five minutes


class WorkspaceTabs(QTabWidget):
    """The workspace tabs. Every workspace but the counter (which scrolls its own form and keeps its
    decision buttons in view) sits in a scroll area, so one taller than a 720-pixel screen scrolls instead
    of making the window taller than the screen; ``widget``, ``currentWidget``, ``indexOf`` and
    ``setCurrentWidget`` still speak of the workspaces themselves."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self._inner: dict[QWidget, QWidget] = {}   # scroll page → workspace
        self._outer: dict[QWidget, QWidget] = {}   # workspace → scroll page
        self.unscrolled: set[QWidget] = set()

    def addTab(self, widget: QWidget, *args) -> int:  # noqa: ANN002, N802 - Qt API
        if widget in self.unscrolled:
            return super().addTab(widget, *args)
        page = scroll_page(widget)
        self._inner[page], self._outer[widget] = widget, page
        return super().addTab(page, *args)

    def widget(self, index: int) -> QWidget | None:
        page = super().widget(index)
        return self._inner.get(page, page)

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt API
        page = super().currentWidget()
        return self._inner.get(page, page)

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - Qt API
        return super().indexOf(self._outer.get(widget, widget))

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt API
        super().setCurrentWidget(self._outer.get(widget, widget))


class MainWindow(QMainWindow):
    overdueRequested = Signal()  # the clerk wants the list of overdue / due dossiers (F7, status bar)

    def __init__(self, desk: Desk, tasks: TaskRunner, identity: Identity) -> None:
        super().__init__()
        self.desk = desk
        self.tasks = tasks
        self.user = identity  # the signed-in Identity (services re-check it on every call)
        self.events = DossierEvents(self)
        self.preview: ReceiptPreview | None = None
        self.due: DueCounts | None = None
        self._startup_notice_shown = False
        self.setWindowTitle(self.tr("Bộ phận Một cửa — %1").replace("%1", desk.settings.agency_name))

        # The workspaces this role sees (ui/workspaces.py); the others stay None.
        self.reception: ReceptionPanel | None = None
        self.today: TodayList | None = None
        self.book: DossierBook | None = None
        self.due_list: DueList | None = None
        self.postal = None
        self.handover = None
        self.workspaces: dict[str, QWidget] = {}
        self.tabs = WorkspaceTabs(objectName="tabs")
        taken: set[str] = {"F6"}  # F6: the upload queue (ui.sync_integration.attach_sync)
        self.queue_visible = Role(identity.role) in QUEUE_ROLES
        for workspace in workspaces_for(identity.role):
            widget = workspace.factory(self)
            if workspace.attribute == "reception":
                self.tabs.unscrolled.add(widget)
            self.workspaces[workspace.key] = widget
            if workspace.attribute:
                setattr(self, workspace.attribute, widget)
            key = next((k for k in workspace.shortcuts if k not in taken), None)
            title = QCoreApplication.translate("MainWindow", workspace.title)
            self.tabs.addTab(widget, f"{title} ({key})" if key else title)
            if key:
                taken.add(key)
                if workspace.key == "book":
                    add_shortcut(QKeySequence(key), self, self.show_book)
                elif workspace.key == "due":
                    add_shortcut(QKeySequence(key), self, self.overdueRequested.emit)
                else:
                    add_shortcut(QKeySequence(key), self, lambda w=widget: self.show_workspace(w))
        if self.due_list is not None:
            self.due_list.openRequested.connect(self.open_dossier)
        self.overdueRequested.connect(self.show_due_list)
        if self.reception is not None:
            self.reception.dossierFiled.connect(self._on_filed)
        if self.today is not None:
            self.events.dossiersChanged.connect(self.today.refresh)
        self.events.dossiersChanged.connect(self.refresh_due)

        central = QWidget()
        layout = QVBoxLayout(central)
        if desk.settings.training:
            banner = QLabel(self.tr("CHẾ ĐỘ ĐÀO TẠO (TRAINING) — hồ sơ chỉ gửi tới máy chủ thử nghiệm"),
                            objectName="trainingBanner")
            banner.setStyleSheet("background: #ffe08a; color: #5a3b00; font-weight: bold; padding: 4px;")
            layout.addWidget(banner)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        busy = QProgressBar(objectName="busyIndicator", maximumWidth=120)
        busy.setRange(0, 0)
        busy.hide()
        tasks.busyChanged.connect(busy.setVisible)
        # Start-up checks of the rules' data and of the deadlines, kept visible on the status bar.
        self.calendar_warnings = calendar_warnings(desk, now_local())
        self.calendar_label = QLabel(objectName="calendarWarning")
        self.calendar_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.calendar_label.setText(self.tr("Lịch nghỉ lễ cần cập nhật") if self.calendar_warnings else "")
        self.calendar_label.setToolTip("\n".join(self.calendar_warnings))
        self.calendar_label.setVisible(bool(self.calendar_warnings))
        self.due_button = QPushButton(objectName="dueWarning")
        self.due_button.setFlat(True)
        self.due_button.setStyleSheet("color: #b00000; font-weight: bold;")
        self.due_button.clicked.connect(self.overdueRequested.emit)
        self.due_button.hide()
        self.statusBar().addPermanentWidget(self.calendar_label)
        self.statusBar().addPermanentWidget(self.due_button)
        self.statusBar().addPermanentWidget(busy)
        self.due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self.due_timer.timeout.connect(self.refresh_due)
        self.statusBar().showMessage(
            self.tr("Đăng nhập: %1 (%2)").replace("%1", identity.full_name).replace("%2", Role(identity.role).label_vi))

        session_menu = self.menuBar().addMenu(self.tr("&Phiên làm việc"))
        logout = session_menu.addAction(self.tr("Đăng xuất (Ctrl+Shift+Q)"), self.log_out)
        logout.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        logout.setObjectName("logoutAction")
        # Fits the screen (1280×720 and up), then the size, place and splitters the clerk left it at
        # on this data folder (ui/geometry.py); saved again when the window is hidden or closed.
        fit_to_screen(self, 1600, 1000)
        restore_geometry(self, desk.folder)
        if self.today is not None:
            self.today.refresh()
        if self.reception is not None:
            self.reception.picker.search.setFocus()
        elif self.tabs.count():
            self.show_workspace(self.tabs.widget(0))
        # Recovery after a crash or power cut: old unreferenced files go, missing files are reported.
        tasks.run_work(lambda: check_archive(desk, orphan_age_seconds=24 * 3600), self._archive_checked)
        # The dossier being received and its scanned pages come back after a crash or a closed window, to
        # the same user only; from now on every change is saved as that user's draft (ui/reception_draft.py).
        if self.reception is not None:
            from ui.reception_draft import attach_reception_draft

            self.reception_draft = attach_reception_draft(self.reception)

    def show_workspace(self, widget: QWidget) -> None:
        """Bring a workspace to the front and put the keyboard where its work starts."""
        self.tabs.setCurrentWidget(widget)
        start = getattr(widget, "focus_start", None)
        if callable(start):
            start()
        else:
            widget.setFocus()

    def _focus_first_workspace(self) -> None:
        notice = getattr(self, "startup_notice", None)
        if notice is not None and notice.isVisible():
            return  # the start-up notice has the keyboard; the workspace gets it when the notice closes
        self.show_workspace(self.tabs.currentWidget())

    def show_book(self) -> None:
        if self.book is None:
            return
        self.tabs.setCurrentWidget(self.book)
        self.book.new_search()

    def open_dossier(self, code: str) -> None:
        if self.book is None:
            return
        self.tabs.setCurrentWidget(self.book)
        self.book.open_code(code)

    def show_due_list(self) -> None:
        if self.due_list is None:
            return
        self.tabs.setCurrentWidget(self.due_list)
        self.due_list.setFocus()

    def log_out(self) -> None:
        """End this sign-in (the next person signs in at the same desk); nothing typed is kept for them."""
        from ui.idle_lock import log_out

        log_out(self)

    def _archive_checked(self, report: ArchiveReport) -> None:
        if report.dangling:
            QMessageBox.warning(self, self.tr("Kho lưu trữ thiếu tệp"), self.tr(
                "%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.")
                .replace("%1", str(len(report.dangling))))

    def _on_filed(self, code: str, kind: str, pdf_path: str) -> None:
        """Show the counter decision's form (Mẫu 01, 02 or 03) so it can be printed (Ctrl+P)."""
        self.preview = ReceiptPreview(Path(pdf_path), code, self)
        titles = {"supplement": self.tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ %1 (Mẫu 02)"),
                  "refusal": self.tr("Phiếu từ chối tiếp nhận hồ sơ %1 (Mẫu 03)")}
        if kind in titles:
            self.preview.setWindowTitle(titles[kind].replace("%1", code))
        self.preview.finished.connect(lambda _result: self.activateWindow())  # back to the next citizen
        self.preview.open()  # non-modal to the event loop; Esc closes it and the clerk goes on

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        # Closing, logging out and quitting all hide the window: remember its geometry then.
        save_geometry(self, self.desk.folder)
        super().hideEvent(event)

    # -- deadlines and rules' data -------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().showEvent(event)
        if self.reception is None and self.tabs.count() and self.focusWidget() is None:
            # The first workspace gets the keyboard once the window is on screen (the counter's picker
            # is focused at construction, which other roles do not have).
            QTimer.singleShot(0, self._focus_first_workspace)
        if not self.due_timer.isActive():
            self.due_timer.start()
            self.refresh_due()

    def refresh_due(self, *_codes) -> None:  # noqa: ANN002
        """Count the dossiers overdue or due within one working day (in the background, never a box)."""
        desk, who = self.desk, self.user
        if self.due_list is None:  # this role does not follow deadlines (postal staff)
            QTimer.singleShot(0, lambda: self._show_due(None))  # after the window is up, as the query would
            return
        run_op(self, self.tasks, lambda: due_counts(desk, who), self._show_due,
               on_failure=lambda _exc: self._show_due(None), show_failure=False)

    def _show_due(self, counts: DueCounts | None) -> None:
        self.due = counts
        urgent = counts.urgent if counts is not None else 0
        if urgent:
            self.due_button.setText(self.tr("Quá hạn: %1 · Đến hạn trong 01 ngày làm việc: %2 (F7)")
                                    .replace("%1", str(counts.overdue))
                                    .replace("%2", str(counts.due_today + counts.due_soon)))
        self.due_button.setVisible(bool(urgent))
        if not self._startup_notice_shown:
            self._startup_notice_shown = True
            self._startup_notice(urgent)

    def _startup_notice(self, urgent: int) -> None:
        """One box at start-up: a provisional or missing holiday calendar, dossiers that need action."""
        lines = list(self.calendar_warnings)
        if urgent:
            lines.append(self.tr("Có %1 hồ sơ quá hạn hoặc đến hạn trong 01 ngày làm việc (F7 để xem danh sách).")
                         .replace("%1", str(urgent)))
        if not lines:
            return
        box = QMessageBox(QMessageBox.Warning, self.tr("Cần lưu ý khi bắt đầu làm việc"), "\n\n".join(lines),
                          QMessageBox.Ok, self)
        box.setObjectName("startupNotice")
        ok = box.button(QMessageBox.Ok)
        ok.setText(self.tr("Đã hiểu"))
        box.setDefaultButton(ok)
        if urgent:
            if self.due_list is not None:
                show = box.addButton(self.tr("Xem danh sách (F7)"), QMessageBox.ActionRole)
                show.clicked.connect(self.overdueRequested.emit)
        box.finished.connect(lambda _result: self.activateWindow())
        if self.reception is None:
            box.finished.connect(lambda _result: self._focus_first_workspace())
        box.finished.connect(box.deleteLater)
        self.startup_notice = box
        box.open()
        ok.setFocus()
