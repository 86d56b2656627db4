"""Runs the sync worker inside the GUI: a QThread runs passes, the UI thread only gets signals.

:func:`attach_sync` is the one call the main window makes. In training mode (no provincial endpoint)
it first starts the bundled sandbox server in a child process on a free loopback port (on the work
lane, so the window is usable at once), with credentials generated for this session only.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desk_app.desk import Desk
from desk_app.errors import DeskError
from sync.service import connector_for, start_training_sandbox
from sync.worker import PassReport, SyncWorker, WorkerConfig
from ui.shortcuts import add_shortcut
from ui.queue_monitor import QueueMonitor
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # FastAPI and uvicorn load only when training mode starts the sandbox
    from sync.sandbox.server import SandboxProcess


class _WorkerThread(QThread):
    passFinished = Signal(object)

    def __init__(self, worker: SyncWorker, stop: threading.Event, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker, self.stop = worker, stop

    def run(self) -> None:
        self.worker.run_forever(self.stop, on_pass=self.passFinished.emit)


class SyncController(QObject):
    started = Signal(str)          # the endpoint in use
    passFinished = Signal(object)  # PassReport
    failed = Signal(str)

    def __init__(self, desk: Desk, tasks: TaskRunner, monitor: QueueMonitor, endpoint: str | None = None,
                 config: WorkerConfig | None = None, refresh_ms: int = 5000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk, self.tasks, self.monitor = desk, tasks, monitor
        self.endpoint = endpoint or desk.settings.provincial_endpoint
        self.config = config or WorkerConfig()
        self.sandbox: SandboxProcess | None = None
        self.active_endpoint = ""
        self.worker: SyncWorker | None = None
        self.thread: _WorkerThread | None = None
        self._stop = threading.Event()
        self.timer = QTimer(self, interval=refresh_ms)
        self.timer.timeout.connect(monitor.refresh)
        monitor.sendNowRequested.connect(lambda _id: self.wake())

    def start(self) -> None:
        self.timer.start()
        self.monitor.refresh()
        if self.endpoint:
            self._start_worker(self.endpoint)
            return
        self.tasks.run_work(lambda: start_training_sandbox(self.desk), self._sandbox_ready,
                            lambda exc: self.failed.emit(str(exc)))

    def _sandbox_ready(self, sandbox: SandboxProcess) -> None:
        if self._stop.is_set():  # closed while the sandbox was starting
            sandbox.stop()
            return
        self.sandbox = sandbox
        self._start_worker(sandbox.url)

    def _start_worker(self, endpoint: str) -> None:
        # Training: the sandbox's freshly generated credentials, loopback http only. Otherwise https with
        # the office's account and/or client certificate and the trusted roots from the settings.
        try:
            connector = connector_for(self.desk, endpoint, self.sandbox,
                                      max_connections=max(2, self.config.concurrency))
        except DeskError as exc:
            self.monitor.set_link_status(False, endpoint)
            self.failed.emit(str(exc))
            return
        self.worker = SyncWorker(self.desk, connector, self.config)
        self.thread = _WorkerThread(self.worker, self._stop)
        self.thread.passFinished.connect(self._on_pass)
        self.active_endpoint = endpoint
        self.thread.start()
        self.monitor.set_link_status(None, endpoint)
        self.started.emit(endpoint)

    def _on_pass(self, report: PassReport) -> None:
        self.monitor.set_link_status(report.link_up, self.active_endpoint)
        self.monitor.refresh()
        self.passFinished.emit(report)

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    def stop(self, wait_ms: int = 60000) -> None:
        """Let the batch in flight finish (no row is left "sending"), then stop the sandbox."""
        self._stop.set()
        self.timer.stop()
        if self.worker is not None:
            self.worker.wake()
        if self.thread is not None:
            self.thread.wait(wait_ms)
            self.thread = None
        if self.worker is not None:
            self.worker.connector.close()
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None


def attach_sync(window: QWidget, desk: Desk, tasks: TaskRunner, endpoint: str | None = None,
                config: WorkerConfig | None = None) -> SyncController:
    """Add the queue monitor to *window* (a tab when it has ``tabs``) and start syncing in the background."""
    monitor = QueueMonitor(desk, tasks, getattr(window, "user", None))
    tabs = getattr(window, "tabs", None)
    if tabs is not None and getattr(window, "queue_visible", True):  # by role (ui/workspaces.QUEUE_ROLES)
        tabs.addTab(monitor, window.tr("Đồng bộ với tỉnh (F6)"))
        add_shortcut(QKeySequence("F6"), window, lambda: tabs.setCurrentWidget(monitor))
    controller = SyncController(desk, tasks, monitor, endpoint, config, parent=window)
    controller.failed.connect(lambda message: window.statusBar().showMessage(message)
                              if hasattr(window, "statusBar") else None)
    events = getattr(window, "events", None)  # ui.operations.DossierEvents: every dossier change
    if events is not None:
        events.dossiersChanged.connect(monitor.refresh)
        events.dossiersChanged.connect(lambda *_args: controller.wake())
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.stop)
    window.destroyed.connect(lambda *_args: controller.stop())
    window.sync_controller = controller
    window.queue_monitor = monitor
    controller.start()
    return controller
