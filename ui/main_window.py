"""Main window: reception tab, today's list, TRAINING banner, busy indicator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from desk_app.desk import Desk
from desk_app.security.roles import Role
from desk_app.services.maintenance import ArchiveReport, check_archive
from desk_app.storage.models import User
from ui.reception_panel import ReceptionPanel
from ui.receipt_preview import ReceiptPreview
from ui.tasks import TaskRunner
from ui.today_list import TodayList


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, tasks: TaskRunner, user: User) -> None:
        super().__init__()
        self.desk = desk
        self.tasks = tasks
        self.user = user
        self.preview: ReceiptPreview | None = None
        self.setWindowTitle(self.tr("Bộ phận Một cửa — %1").replace("%1", desk.settings.agency_name))

        self.reception = ReceptionPanel(desk, tasks, user)
        self.today = TodayList(desk, tasks)
        self.tabs = QTabWidget(objectName="tabs")
        self.tabs.addTab(self.reception, self.tr("Tiếp nhận hồ sơ (F2)"))
        self.tabs.addTab(self.today, self.tr("Hồ sơ hôm nay (F3)"))
        self.reception.dossierAccepted.connect(self._on_accepted)

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
        self.statusBar().addPermanentWidget(busy)
        self.statusBar().showMessage(
            self.tr("Đăng nhập: %1 (%2)").replace("%1", user.full_name).replace("%2", Role(user.role).label_vi))

        QShortcut(QKeySequence("F2"), self, lambda: self.tabs.setCurrentWidget(self.reception))
        QShortcut(QKeySequence("F3"), self, lambda: self.tabs.setCurrentWidget(self.today))
        self.resize(1200, 800)
        self.today.refresh()
        self.reception.picker.search.setFocus()
        # Recovery after a crash or power cut: old unreferenced files go, missing files are reported.
        tasks.run_work(lambda: check_archive(desk, orphan_age_seconds=24 * 3600), self._archive_checked)
        tasks.run_work(desk.spool.recover, self._spool_recovered)

    def _spool_recovered(self, batches: list) -> None:
        """Pages scanned before a crash come back on screen; the newest unfinished batch is resumed."""
        if batches:
            self.reception.resume_batch(batches[-1])

    def _archive_checked(self, report: ArchiveReport) -> None:
        if report.dangling:
            QMessageBox.warning(self, self.tr("Kho lưu trữ thiếu tệp"), self.tr(
                "%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.")
                .replace("%1", str(len(report.dangling))))

    def _on_accepted(self, code: str, receipt_path: str) -> None:
        self.today.refresh()
        self.preview = ReceiptPreview(Path(receipt_path), code, self)
        self.preview.open()  # non-modal to the event loop; Esc closes it and the clerk goes on
