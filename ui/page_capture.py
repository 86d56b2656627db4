"""Capturing a few pages inside a dialog (the citizen's extra papers, a signed request, a result, an
authorisation): the counter's :class:`~ui.scan_panel.ScanPanel` in a compact frame.

Keys work anywhere in the dialog: **F8** scan (the desk's scanner or scan-to-folder inbox), **Ctrl+O** add
page files; with the page list focused: R rotate, B blank, Del delete, Ctrl+↑/↓ reorder. Pages are
spooled durably as they arrive; :func:`desk_app.services.intake.store_spooled_pages` archives them inside
the action's background job. After the action the batch is marked attached (``finish``); a cancelled
dialog discards it, so the pages never come back in the reception panel after a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.desk import Desk
from scanning.spool import SpooledPage
from ui.shortcuts import add_shortcut
from ui.capture_sources import capture_options, capture_source_factory
from ui.scan_panel import ScanPanel
from ui.tasks import TaskRunner

_WINDOW_KEYS = (QKeySequence(Qt.Key_F8), QKeySequence(Qt.Key_Insert))


class PageCapture(QWidget):
    pagesChanged = Signal()

    def __init__(self, desk: Desk, tasks: TaskRunner, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCapture")
        self.scan_panel = ScanPanel(desk.spool, tasks, source_factory=capture_source_factory(desk.settings),
                                    options=capture_options(desk.settings))
        self.scan_panel.setObjectName("captureScanPanel")
        self.scan_panel.list.setMinimumHeight(200)
        self.scan_panel.pagesChanged.connect(self.pagesChanged)
        # The panel's F8 (scan) and Insert (files) act anywhere in the dialog, not only inside the panel.
        for shortcut in self.scan_panel.findChildren(QShortcut):
            if shortcut.key() in _WINDOW_KEYS:
                shortcut.setContext(Qt.WindowShortcut)
        add_shortcut(QKeySequence("Ctrl+O"), self, self.add_files, context=Qt.WindowShortcut)
        heading = QLabel(title or self.tr("Trang giấy tờ (F8 quét, Ctrl+O thêm từ tệp)"))
        heading.setBuddy(self.scan_panel.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.scan_panel, 1)

    def add_files(self, paths: list[Path] | None = None) -> None:
        self.scan_panel.insert_from_files(paths)

    def pages(self) -> list[SpooledPage]:
        return self.scan_panel.pages()

    def count(self) -> int:
        return len(self.scan_panel.pages())

    @property
    def busy(self) -> bool:
        return self.scan_panel.scanning

    def finish(self, reference: str) -> None:
        """The pages are archived with the dossier: drop the spooled copies."""
        self.scan_panel.finish_batch(reference)

    def discard(self) -> None:
        """The dialog was cancelled: the pages were never attached, and must not come back after a restart."""
        self.scan_panel.stop_scan()
        self.scan_panel.finish_batch("")
