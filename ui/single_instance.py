"""One app per data folder, and a clean end on SIGTERM.

Two copies of the app on one data folder would each recover, tidy and file from the same spool and
counters (the second one's accept failed with a raw ``[Errno 2]``). :func:`claim_data_folder` is called
by ``run_gui`` before anything else touches the folder:

* a :class:`QLockFile` in the data folder (``desk-app.lock``) says who runs on it. Qt finds a lock left
  by a process that is gone (kill -9, power cut) stale and takes it over;
* the first app listens on a :class:`QLocalServer` whose name is derived from the data folder's real
  path (only this account may connect). A second start connects, asks the first to come forward
  (its sign-in window or main window is raised and activated) and ends quietly;
* when the folder is locked by an app that does not answer (another machine sharing the folder, a
  hung process), or the lock cannot be made at all, the second start says so in Vietnamese — which
  process on which machine, what to do — and ends.

:func:`install_quit_on_signals` makes SIGTERM/SIGINT end the app as closing the window does (drafts
saved, the upload worker and the training sandbox stopped) instead of killing it on the spot.

:func:`startup_probe` is the hook of ``benchmarks/startup_benchmark.py`` and the tests: with
``DESK_APP_STARTUP_PROBE`` set, the app prints ``sign-in-shown <seconds since launch>`` once the
sign-in window is painted (and exits there with ``exit``), and ``activated`` when a second start
brought it forward.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

LOCK_NAME = "desk-app.lock"
PROBE_ENV = "DESK_APP_STARTUP_PROBE"
ACTIVATE = b"activate\n"
ANSWER = b"ok\n"
CONNECT_MS = 3000   # how long a second start waits for the first to answer


def server_name(folder: Path) -> str:
    """The local server's name for *folder*: one per account and data folder (its real path)."""
    real = os.path.realpath(os.fspath(folder))
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return f"desk-app-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}"


@dataclass
class Claim:
    """The outcome of :func:`claim_data_folder`: ``guard`` when this app runs; else why it must not."""

    guard: "InstanceGuard | None" = None
    activated_other: bool = False   # the app already running came forward: end quietly
    message: str = ""               # why this start cannot go on (for the clerk)


class InstanceGuard(QObject):
    """Held by the running app: the lock file and the local server that answers second starts."""

    activationRequested = Signal()

    def __init__(self, lock: QLockFile, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        QLocalServer.removeServer(name)  # we hold the lock: a socket left behind is a dead app's
        self.listening = self.server.listen(name)
        self.activationRequested.connect(bring_forward)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            peer = self.server.nextPendingConnection()
            peer.readyRead.connect(lambda p=peer: self._read(p))
            peer.disconnected.connect(peer.deleteLater)
            if peer.bytesAvailable():
                self._read(peer)

    def _read(self, peer: QLocalSocket) -> None:
        if not peer.canReadLine():
            return
        if bytes(peer.readLine()) == ACTIVATE:
            self.activationRequested.emit()
            peer.write(ANSWER)
            peer.flush()
        peer.disconnectFromServer()

    def release(self) -> None:
        self.server.close()
        self.lock.unlock()


def bring_forward() -> None:
    """Raise and activate the app's window (the sign-in dialog if it is up, else the main window)."""
    app = QApplication.instance()
    if app is None:
        return
    target: QWidget | None = app.activeModalWidget() or app.activeWindow()
    if target is None:
        visible = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
        target = next((w for w in visible if w.isModal()), visible[0] if visible else None)
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    target.show()
    target.raise_()
    target.activateWindow()
    QApplication.alert(target)
    if os.environ.get(PROBE_ENV):
        print("activated", flush=True)


def _ask_first_to_come_forward(name: str) -> bool:
    socket_ = QLocalSocket()
    deadline = time.monotonic() + CONNECT_MS / 1000
    while True:  # the first app may be a moment away from listening (it has just taken the lock)
        socket_.connectToServer(name)
        if socket_.waitForConnected(500):
            break
        if time.monotonic() >= deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.1)  # between two connection attempts to a server that is starting
    socket_.write(ACTIVATE)
    socket_.flush()
    answered = False
    deadline = time.monotonic() + CONNECT_MS / 1000
    while time.monotonic() < deadline:
        if socket_.canReadLine() or socket_.waitForReadyRead(200):
            answered = bytes(socket_.readLine()) == ANSWER
            break
        if socket_.state() == QLocalSocket.UnconnectedState:
            break
    socket_.disconnectFromServer()
    return answered


def claim_data_folder(folder: Path) -> Claim:
    """Become the one app on *folder*, or have the one already running come forward (see module doc)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        text = QCoreApplication.translate("SingleInstance", "Không mở được thư mục dữ liệu «%1»: %2")
        return Claim(message=text.replace("%1", str(folder)).replace("%2", exc.strerror or str(exc)))
    lock_path = folder / LOCK_NAME
    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)   # stale only when its process is gone, however long it ran
    name = server_name(folder)
    # Something other than a file in the lock's place is reported by Qt as "locked by another"; it is not.
    in_place = lock_path.exists() and not lock_path.is_file()
    if not in_place and lock.tryLock(200):
        return Claim(guard=InstanceGuard(lock, name))
    if in_place or lock.error() != QLockFile.LockFailedError:
        text = QCoreApplication.translate(
            "SingleInstance", "Không tạo được tệp khóa trong thư mục dữ liệu «%1» (không có quyền ghi?). "
                              "Hãy kiểm tra quyền của thư mục rồi mở lại chương trình.")
        return Claim(message=text.replace("%1", str(folder)))
    if _ask_first_to_come_forward(name):
        return Claim(activated_other=True)
    info = lock.getLockInfo()   # PySide6: (pid, hostname, app name); pid 0 when unreadable
    pid, host = (info[-3], info[-2]) if isinstance(info, tuple) and len(info) >= 3 else (0, "")
    if pid:
        who = QCoreApplication.translate("SingleInstance", "tiến trình %1 trên máy %2")
        who = who.replace("%1", str(pid)).replace("%2", host or "?")
    else:
        who = QCoreApplication.translate("SingleInstance", "một chương trình khác")
    if pid and host and host != socket.gethostname():
        advice = QCoreApplication.translate(
            "SingleInstance", "Thư mục dữ liệu đang được dùng ở máy khác; mỗi thư mục dữ liệu chỉ mở ở một máy.")
    else:
        advice = QCoreApplication.translate(
            "SingleInstance", "Chương trình đó không trả lời: hãy chuyển sang cửa sổ của nó, hoặc đóng nó "
                              "(nếu bị treo, khởi động lại máy) rồi mở lại.")
    text = QCoreApplication.translate("SingleInstance",
                                      "Chương trình Bộ phận Một cửa đang chạy với thư mục dữ liệu «%1» (%2). %3")
    return Claim(message=text.replace("%1", str(folder)).replace("%2", who).replace("%3", advice))


# -- SIGTERM / SIGINT --------------------------------------------------------------------------------
class _SignalBridge(QObject):
    """Delivers SIGTERM/SIGINT to the Qt event loop (a Python handler alone would wait for the next event)."""

    def __init__(self, app: QCoreApplication, on_signal: Callable[[], None]) -> None:
        super().__init__(app)
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self.on_signal = on_signal
        self.notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Read, self)
        self.notifier.activated.connect(self._drain)
        self._previous = signal.set_wakeup_fd(self._write.fileno())
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)  # the byte on the wake-up fd does the work

    def _drain(self) -> None:
        try:
            data = self._read.recv(64)
        except OSError:
            return
        if data:
            self.on_signal()


def install_quit_on_signals(app: QCoreApplication) -> QObject | None:
    """SIGTERM and SIGINT end the app as closing its window does (the children are stopped, drafts saved)."""
    if os.name != "posix":
        return None
    try:
        return _SignalBridge(app, lambda: app.exit(0))
    except (ValueError, OSError):   # not the main thread
        return None


# -- the start-up probe (benchmark, tests) -----------------------------------------------------------
def process_start_time() -> float:
    """When this process started, on the ``time.time()`` clock (Linux ``/proc``; else now)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        start = int(Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + start / ticks
    except (OSError, ValueError, IndexError):
        return time.time()


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, mode: str) -> None:
        super().__init__(widget)
        self.mode = mode
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Paint:
            watched.removeEventFilter(self)
            print(f"sign-in-shown {time.time() - process_start_time():.3f}", flush=True)
            if self.mode == "exit":
                QTimer.singleShot(0, lambda: (watched.reject() if hasattr(watched, "reject") else None,
                                              QCoreApplication.exit(0)))
        return False


def startup_probe(widget: QWidget) -> None:
    """With ``DESK_APP_STARTUP_PROBE`` set, report when *widget* (the sign-in window) is first painted."""
    mode = os.environ.get(PROBE_ENV, "")
    if mode:
        _FirstPaint(widget, mode)


def probing() -> bool:
    return bool(os.environ.get(PROBE_ENV))


def report_refusal(message: str) -> None:
    """Why this start cannot go on: on stderr, and in a box unless probing (a benchmark or a test)."""
    print(message, file=sys.stderr, flush=True)
    if not probing():
        from PySide6.QtWidgets import QMessageBox

        title = QCoreApplication.translate("SingleInstance", "Không khởi động được")
        QMessageBox.critical(None, title, message)
