"""Background work for the GUI: nothing slow ever runs on the UI thread.

Two lanes, as in the architecture: the *database lane* runs one job at a time (one writer for
SQLite), the *work lane* runs file, PDF and OCR jobs in parallel. Results come back to the UI
thread through Qt signals (queued connections), so callbacks may touch widgets.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _JobSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)  # the exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _JobSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the UI
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Starts jobs on the right lane and reports busy/idle for progress display."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)
        self._work_lane = QThreadPool(self)
        self._pending = 0
        # Keep signal objects alive until delivered (QRunnable may be deleted first).
        self._live: set[_JobSignals] = set()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run_db(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[Exception], None] | None = None) -> None:
        self._start(self._db_lane, fn, on_done, on_error)

    def run_work(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        self._start(self._work_lane, fn, on_done, on_error)

    def _start(self, pool: QThreadPool, fn, on_done, on_error) -> None:  # noqa: ANN001
        job = _Job(fn)
        signals = job.signals
        self._live.add(signals)

        def finish(handler, value) -> None:  # noqa: ANN001
            self._live.discard(signals)
            self._pending -= 1
            if self._pending == 0:
                self.busyChanged.emit(False)
            if handler is not None:
                handler(value)

        signals.succeeded.connect(lambda value: finish(on_done, value))
        signals.failed.connect(lambda exc: finish(on_error, exc))
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        pool.start(job)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until both lanes are empty (used at shutdown, never while the window is live)."""
        return self._db_lane.waitForDone(msecs) and self._work_lane.waitForDone(msecs)


class GuiThreadGarbageCollector(QObject):
    """Run Python's cycle collector only on the GUI thread.

    Left automatic, the collector runs in whichever thread happens to allocate — often a background lane —
    and may then destroy Qt objects that belong to the GUI thread (a widget or image caught in a reference
    cycle), which crashes Qt. So automatic collection is switched off and a timer on the GUI thread collects
    instead, with the same generation thresholds.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        import gc

        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        collect_if_due(self._thresholds)


def collect_if_due(thresholds: tuple[int, int, int] = (700, 10, 10)) -> None:
    """What the automatic collector would do now, done by the caller's thread (the GUI thread)."""
    import gc

    counts = gc.get_count()
    if counts[0] > thresholds[0]:
        gc.collect(2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0)


def install_gui_thread_gc(app: QObject) -> GuiThreadGarbageCollector:
    """Install once per QApplication (kept alive as the application's child)."""
    existing = app.findChild(GuiThreadGarbageCollector)
    return existing if existing is not None else GuiThreadGarbageCollector(app)
