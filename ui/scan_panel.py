"""Scan panel for the reception screen: pages appear as the scanner delivers them, the clerk fixes the set.

Capture runs on a worker thread; each page is spooled durably (``scanning.spool``) *before* its
thumbnail is sent to the UI thread by a signal, so what the clerk sees is always already on disk.
The clerk's edits (order, rotation, blank marks, deletions) are journalled in the spool off the UI
thread, so a crash keeps them too.

Keyboard: F8 scan a batch and Insert add pages from files (anywhere in the panel, or in the scope given
to :meth:`ScanPanel.install_capture_shortcuts`: the whole counter screen) · Esc stop. Only while the page
list has the focus — never from a button or a text field: F9 rescan the selected page · R / Shift+R
rotate 90° right / left · B mark or unmark blank · Del delete · Ctrl+Up / Ctrl+Down move the page ·
1–9 the page belongs to component N of the procedure (0: to none) · Space view the page large. Pages
can also be dragged to reorder.

Components (``desk_app.services.page_components``): :meth:`ScanPanel.set_components` gives the
procedure's numbered components; pages whose OCR text starts with a component's title are assigned
automatically (the clerk's digit always wins); ``assignmentsChanged`` follows every change and
:meth:`page_assignments` / :meth:`set_page_assignments` read and restore them (drafts).

OCR status per page: pass ``ocr_status_provider(page, report)``; it is called for every new page and
may call ``report(page_id, text)`` from any thread (or call ``set_page_status`` on the UI thread). When it
returns a future whose result has a ``text`` (``IntakeOcr.submit``), the page's OCR text is kept
(:meth:`page_text`, ``pageTextRead``) for the automatic assignment and the procedure suggestion.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.page_components import (
    BY_CLERK,
    Assignment,
    ComponentSlot,
    PageInfo,
    auto_assign,
    digit_slot,
)
from scanning.capture.base import (
    CapturedPage,
    CaptureError,
    CaptureOptions,
    CaptureSource,
)
from scanning.file_import import PageImportError, read_page_images
from scanning.spool import Spool, SpoolBatch, SpooledPage, SpoolError
from ui.tasks import TaskRunner

THUMB = QSize(120, 160)
_PAGE_ID = Qt.UserRole
_USER_ERRORS = (CaptureError, PageImportError, SpoolError)


def make_thumbnail(page: SpooledPage) -> QImage:
    """Small preview of a spooled page (worker threads: QImage, unlike QPixmap, is thread-safe)."""
    from scanning.untrusted import open_image

    with open_image(page.path) as image:  # only the decoders and sizes the desk accepts
        image.draft("RGB", (THUMB.width() * 2, THUMB.height() * 2))   # JPEG: decode at reduced size
        image.thumbnail((THUMB.width(), THUMB.height()))
        rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888).copy()


class _CaptureWorker(QObject):
    """Iterates a capture batch on its own thread; spools each page, then announces it."""

    pageReady = Signal(object, object)    # SpooledPage, QImage
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, batch_iterable, store: Callable[[CapturedPage], SpooledPage]) -> None:
        super().__init__()
        self.batch = batch_iterable
        self.store = store

    @Slot()
    def run(self) -> None:
        count = 0
        try:
            for page in self.batch:
                spooled = self.store(page)            # durable before anyone sees it
                self.pageReady.emit(spooled, make_thumbnail(spooled))
                count += 1
        except _USER_ERRORS as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the clerk, the pages already spooled stay
            self.failed.emit(f"Lỗi khi quét: {exc}")
        finally:
            self.batch.close()
        self.finished.emit(count)


class ScanPanel(QWidget):
    pageAdded = Signal(object)        # SpooledPage
    pagesChanged = Signal()
    batchFinished = Signal(int)       # pages captured in the batch
    errorOccurred = Signal(str)
    devicesFound = Signal(list)       # list[DeviceInfo]
    assignmentsChanged = Signal()     # a page was assigned to a component (or unassigned)
    pageTextRead = Signal(str, str)   # page id, OCR text (UI thread)
    _statusReported = Signal(str, str)
    _textReported = Signal(str, str)

    def __init__(self, spool: Spool, tasks: TaskRunner, source_factory: Callable[[], CaptureSource] | None = None,
                 options: CaptureOptions | None = None,
                 ocr_status_provider: Callable[[SpooledPage, Callable[[str, str], None]], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spool = spool
        self.tasks = tasks
        self.source_factory = source_factory
        self.options = options or CaptureOptions()
        self.ocr_status_provider = ocr_status_provider
        self._batch: SpoolBatch | None = None
        self._batch_lock = threading.Lock()
        self._pages: dict[str, SpooledPage] = {}
        self._thumbs: dict[str, QImage] = {}
        self._status: dict[str, str] = {}
        self._texts: dict[str, str] = {}                  # page id → OCR text
        self._slots: list[ComponentSlot] = []             # the procedure's components, numbered
        self._assigned: dict[str, Assignment] = {}        # page id → component (clerk's or automatic)
        self._capture_shortcuts: list[QShortcut] = []
        self.viewer = None                                # the large page view (Space), while open
        self._thread: QThread | None = None
        self._worker: _CaptureWorker | None = None
        self._capture = None
        self._replace_target: str | None = None
        self._journal = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan-layout")   # ordered writes
        self._save_timer = QTimer(self, singleShot=True, interval=300)
        self._save_timer.timeout.connect(self._save_layout)
        self._statusReported.connect(self.set_page_status)
        self._textReported.connect(self.set_page_text)
        self._build()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.list = QListWidget(objectName="scanPages")
        self.list.setViewMode(QListWidget.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 56))
        self.list.setResizeMode(QListWidget.Adjust)
        self.list.setWrapping(True)
        self.list.setMovement(QListWidget.Snap)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.model().rowsMoved.connect(self._after_reorder)

        self.scan_button = QPushButton(self.tr("Quét (F8)"), clicked=lambda: self.start_scan())
        self.stop_button = QPushButton(self.tr("Dừng (Esc)"), clicked=self.stop_scan, enabled=False)
        self.insert_button = QPushButton(self.tr("Thêm từ tệp (Insert)"), clicked=lambda: self.insert_from_files())
        self.rescan_button = QPushButton(self.tr("Quét lại trang (F9)"), clicked=self.rescan_selected)
        self.status_label = QLabel(objectName="scanStatus")
        buttons = QHBoxLayout()
        for button in (self.scan_button, self.stop_button, self.insert_button, self.rescan_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("R xoay · B trang trắng · Del xóa · Ctrl+↑/↓ đổi thứ tự · 1–9 thành phần · "
                              "Space xem lớn"))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status_label)

        # (PySide ignores a ``context=`` keyword: the context is set on the shortcut itself, or every
        # page key would act window-wide — Del on the accept button deleted a page.)
        def on_list(key, slot) -> None:
            shortcut = QShortcut(QKeySequence(key), self.list)
            shortcut.setContext(Qt.WidgetShortcut)
            shortcut.activated.connect(slot)

        def on_panel(key, slot) -> None:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        on_list(Qt.Key_R, lambda: self.rotate_selected(90))
        on_list(Qt.SHIFT | Qt.Key_R, lambda: self.rotate_selected(-90))
        on_list(Qt.Key_B, self.toggle_blank_selected)
        on_list(Qt.Key_Delete, self.delete_selected)
        on_list(Qt.CTRL | Qt.Key_Up, lambda: self.move_selected(-1))
        on_list(Qt.CTRL | Qt.Key_Down, lambda: self.move_selected(1))
        on_list(Qt.CTRL | Qt.Key_Left, lambda: self.move_selected(-1))
        on_list(Qt.CTRL | Qt.Key_Right, lambda: self.move_selected(1))
        for digit in range(10):
            on_list(Qt.Key_0 + digit, lambda d=digit: self.assign_selected(d))
        on_list(Qt.Key_Space, self.view_selected)
        on_list(Qt.Key_F9, self.rescan_selected)   # replaces the selected page: only where the pages are
        on_panel(Qt.Key_Escape, self.stop_scan)
        self.install_capture_shortcuts(self)

    def install_capture_shortcuts(self, scope: QWidget) -> None:
        """F8 (scan) and Insert (files) act while the focus is anywhere in *scope* (and its children)."""
        for shortcut in self._capture_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._capture_shortcuts = []
        for key, slot in ((Qt.Key_F8, lambda: self.start_scan()), (Qt.Key_Insert, lambda: self.insert_from_files())):
            shortcut = QShortcut(QKeySequence(key), scope)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._capture_shortcuts.append(shortcut)

    # -- public API ----------------------------------------------------------------------------
    def pages(self) -> list[SpooledPage]:
        """Pages in the clerk's order, each with its spooled file, rotation and blank mark."""
        return [self._pages[self.list.item(row).data(_PAGE_ID)] for row in range(self.list.count())]

    @property
    def batch(self) -> SpoolBatch | None:
        return self._batch

    @property
    def scanning(self) -> bool:
        return self._thread is not None

    def load_batch(self, batch: SpoolBatch) -> None:
        """Show a batch recovered after a crash (``Spool.recover()``); thumbnails load in the background."""
        with self._batch_lock:
            self._batch = batch
        self.clear_view()

        def job() -> list[tuple[SpooledPage, QImage]]:
            return [(page, make_thumbnail(page)) for page in batch.pages()]

        self.tasks.run_work(job, lambda results: [self._add(p, t) for p, t in results], self._show_error)

    def clear_view(self) -> None:
        self.list.clear()
        self._pages.clear()
        self._thumbs.clear()
        self._status.clear()
        self._texts.clear()
        had = bool(self._assigned)
        self._assigned.clear()
        self.pagesChanged.emit()
        if had:
            self.assignmentsChanged.emit()

    def finish_batch(self, reference: str) -> None:
        """The pages are archived with dossier *reference*: drop the spooled copies, start afresh."""
        with self._batch_lock:
            batch, self._batch = self._batch, None
        self.clear_view()
        if batch is not None:
            self._journal.submit(batch.mark_attached, reference)

    @Slot(str, str)
    def set_page_status(self, page_id: str, text: str) -> None:
        """OCR (or any) status of one page, shown under its thumbnail; UI thread only."""
        if page_id not in self._pages:
            return
        self._status[page_id] = text
        item = self._item(page_id)
        if item is not None:
            self._refresh(item)

    def page_status(self, page_id: str) -> str:
        return self._status.get(page_id, "")

    @Slot(str, str)
    def set_page_text(self, page_id: str, text: str) -> None:
        """The OCR text of one page (UI thread): kept, announced, and used to assign the page."""
        if page_id not in self._pages:
            return
        self._texts[page_id] = text or ""
        self.pageTextRead.emit(page_id, self._texts[page_id])
        self._reassign()

    def page_text(self, page_id: str) -> str | None:
        """The page's OCR text, None while it is still being read."""
        return self._texts.get(page_id)

    # -- components ----------------------------------------------------------------------------
    def set_components(self, slots: list[ComponentSlot]) -> None:
        """The chosen procedure's components (numbered for the digit keys); empty: no procedure."""
        self._slots = list(slots)
        self._reassign(force_signal=True)

    def components(self) -> list[ComponentSlot]:
        return list(self._slots)

    def page_infos(self) -> list[PageInfo]:
        return [PageInfo(p.page_id, self._texts.get(p.page_id), p.blank) for p in self.pages()]

    def page_assignments(self) -> dict[str, str]:
        """Page id → component code (TP1…) of every assigned page."""
        return {pid: a.code for pid, a in self._assigned.items() if pid in self._pages and a.code}

    def page_assignment_details(self) -> dict[str, Assignment]:
        """Page id → assignment with its source (clerk, title, continuation)."""
        return {pid: a for pid, a in self._assigned.items() if pid in self._pages}

    def set_page_assignments(self, assignments: dict) -> None:
        """Restore assignments (a draft): page id → component code, ``Assignment`` or {"code", "source"}.

        A plain code counts as the clerk's choice; {"code": "", "source": "clerk"} is a page the clerk put
        under no component. Pages not shown (yet) are kept for when they arrive.
        """
        restored = {}
        for pid, value in (assignments or {}).items():
            if isinstance(value, Assignment):
                restored[pid] = value
            elif isinstance(value, dict) and (value.get("code") or value.get("source") == BY_CLERK):
                restored[pid] = Assignment(str(value.get("code") or ""), str(value.get("source") or BY_CLERK))
            elif value:
                restored[pid] = Assignment(str(value), BY_CLERK)
        self._assigned = restored
        self._reassign(force_signal=True)

    def assign_selected(self, number: int) -> None:
        """Digit key: the selected page belongs to component *number* (0: to none)."""
        item = self.list.currentItem()
        if item is None:
            return
        if number and digit_slot(self._slots, number) is None:
            if not self._slots:
                self.status_label.setText(self.tr("Chưa chọn thủ tục: chưa có thành phần hồ sơ để gán trang."))
            else:
                self.status_label.setText(self.tr("Thủ tục này chỉ có %1 thành phần hồ sơ.")
                                          .replace("%1", str(len(self._slots))))
            return
        pid = item.data(_PAGE_ID)
        slot = digit_slot(self._slots, number)
        if slot is None:
            # 0: the clerk says the page belongs to no component; remembered so nothing re-assigns it.
            self._assigned[pid] = Assignment("", BY_CLERK)
        else:
            self._assigned[pid] = Assignment(slot.code, BY_CLERK)
        self._reassign(force_signal=True)
        if slot is not None:
            self.status_label.setText(self.tr("Trang %1 → %2. %3").replace("%1", str(self.list.row(item) + 1))
                                      .replace("%2", str(slot.number)).replace("%3", slot.short_name))

    def component_of(self, page_id: str) -> ComponentSlot | None:
        assignment = self._assigned.get(page_id)
        if assignment is None or not assignment.code:
            return None
        return next((slot for slot in self._slots if slot.code == assignment.code), None)

    def _reassign(self, force_signal: bool = False) -> None:
        pages = self.page_infos()
        # The clerk's "none" (code "") is kept as is; auto_assign keeps every clerk choice it knows.
        kept_none = {pid: a for pid, a in self._assigned.items() if a.source == BY_CLERK and not a.code}
        pending = {pid: a for pid, a in self._assigned.items() if pid not in self._pages}   # restored early
        current = {pid: a for pid, a in self._assigned.items() if pid in self._pages and a.code}
        new = auto_assign(self._slots, pages, current) if self._slots else {
            pid: a for pid, a in current.items() if a.source == BY_CLERK}
        new.update(kept_none)
        new.update(pending)
        changed = new != self._assigned
        self._assigned = new
        if changed or force_signal:
            self._renumber()
            self.assignmentsChanged.emit()

    # -- capture -------------------------------------------------------------------------------
    def _ensure_batch(self, source: str) -> SpoolBatch:
        with self._batch_lock:
            if self._batch is None:
                self._batch = self.spool.open_batch(source)
            return self._batch

    def start_scan(self, options: CaptureOptions | None = None, replace_page: str | None = None) -> bool:
        if self._thread is not None:
            return False
        if self.source_factory is None:
            self._show_error(self.tr("Chưa chọn máy quét; hãy cấu hình thiết bị quét."))
            return False
        options = options or self.options
        try:
            source = self.source_factory()
            self._capture = source.start_batch(options)
        except _USER_ERRORS as exc:
            self._show_error(str(exc))
            return False
        self._replace_target = replace_page
        kind = source.kind

        def store(page: CapturedPage) -> SpooledPage:
            return self._ensure_batch(kind).add_page(page)

        self._thread = QThread(self)
        self._worker = _CaptureWorker(self._capture, store)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.pageReady.connect(self._on_page_ready)
        self._worker.failed.connect(self._show_error)
        self._worker.finished.connect(self._on_finished)
        self.scan_button.setEnabled(False)
        self.rescan_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status_label.setText(self.tr("Đang quét…"))
        self._thread.start()
        self.list.setFocus()   # Esc stops, and the page keys work on what arrives
        return True

    def discover_devices(self) -> None:
        """Look for devices in the background (SANE probing takes seconds); answers with ``devicesFound``."""
        if self.source_factory is None:
            self.devicesFound.emit([])
            return
        factory = self.source_factory
        self.status_label.setText(self.tr("Đang tìm máy quét…"))

        def found(devices: list) -> None:
            self.status_label.setText(self.tr("Tìm thấy %1 thiết bị").replace("%1", str(len(devices))))
            self.devicesFound.emit(devices)

        self.tasks.run_work(lambda: factory().discover(), found, self._show_error)

    def stop_scan(self) -> None:
        if self._capture is not None:
            self._capture.cancel()

    def rescan_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        options = replace(self.options, max_pages=1)
        self.start_scan(options, replace_page=item.data(_PAGE_ID))

    def _on_page_ready(self, page: SpooledPage, thumb: QImage) -> None:
        target = self._replace_target
        if target is not None and target in self._pages:
            row = self.list.row(self._item(target))
            self._remove(target)
            self._add(page, thumb, row)
            self._replace_target = None
            self.list.setCurrentRow(row)
            self._changed()   # journal the replacement's position and the old page's removal
        else:
            self._add(page, thumb)
        self.status_label.setText(self.tr("Đã quét %1 trang").replace("%1", str(self.list.count())))

    def _on_finished(self, count: int) -> None:
        self._thread.quit()
        self._thread.wait()
        self._thread.deleteLater()
        self._worker.deleteLater()
        self._thread = self._worker = self._capture = None
        self._replace_target = None
        self.scan_button.setEnabled(True)
        self.rescan_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if count:
            self.status_label.setText(self.tr("Xong lượt quét: %1 trang; tổng %2 trang.")
                                      .replace("%1", str(count)).replace("%2", str(self.list.count())))
        self.list.setFocus()
        self.batchFinished.emit(count)

    def insert_from_files(self, paths: list[Path] | None = None) -> None:
        """Add pages from files after the selected page (JPEG, PNG, TIFF, PDF)."""
        if paths is None:
            files, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Thêm trang từ tệp"), "",
                self.tr("Ảnh hoặc PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;Tất cả (*)"))
            paths = [Path(f) for f in files]
        if not paths:
            return
        row = self.list.currentRow() + 1 if self.list.currentItem() is not None else self.list.count()

        def job() -> list[tuple[SpooledPage, QImage]]:
            batch = self._ensure_batch("file")
            added = []
            for path in paths:
                for imported in read_page_images(path):
                    page = batch.add_page(CapturedPage(imported.data, imported.media_type, imported.width,
                                                       imported.height, imported.dpi, imported.source_name))
                    added.append((page, make_thumbnail(page)))
            return added

        def done(results: list[tuple[SpooledPage, QImage]]) -> None:
            for offset, (page, thumb) in enumerate(results):
                self._add(page, thumb, min(row + offset, self.list.count()))
            if results:
                self.list.setCurrentRow(min(row + len(results) - 1, self.list.count() - 1))
                self._changed()   # inserted mid-batch: the journal's capture order is no longer the order

        self.tasks.run_work(job, done, self._show_error)

    # -- editing -------------------------------------------------------------------------------
    def view_selected(self) -> None:
        """Space: the selected page large (``ui/page_viewer.py``); Esc or Space returns to the list."""
        item = self.list.currentItem()
        if item is None:
            return
        from ui.page_viewer import PageViewer

        viewer = PageViewer(self, self.list.row(item))
        self.viewer = viewer
        viewer.finished.connect(lambda _r: self._viewer_closed(viewer))
        viewer.open()

    def _viewer_closed(self, viewer) -> None:  # noqa: ANN001
        row = viewer.row
        if self.viewer is viewer:
            self.viewer = None
        viewer.deleteLater()
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.window().activateWindow()
        self.list.setFocus()

    def rotate_selected(self, degrees: int) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        pid = item.data(_PAGE_ID)
        self._pages[pid] = replace(self._pages[pid], rotation=(self._pages[pid].rotation + degrees) % 360)
        self._refresh(item)
        self._changed()

    def toggle_blank_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        pid = item.data(_PAGE_ID)
        self._pages[pid] = replace(self._pages[pid], blank=not self._pages[pid].blank)
        self._refresh(item)
        self._changed()

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = self.list.row(item)
        self._remove(item.data(_PAGE_ID))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._changed()

    def move_selected(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._renumber()
        self._changed()

    def _after_reorder(self, *args) -> None:
        self._renumber()
        self._changed()

    # -- items ---------------------------------------------------------------------------------
    def _item(self, page_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_PAGE_ID) == page_id:
                return item
        return None

    def _add(self, page: SpooledPage, thumb: QImage, row: int | None = None) -> None:
        if page.page_id in self._pages:
            return   # redelivered (scan folder after a crash): already shown
        self._pages[page.page_id] = page
        self._thumbs[page.page_id] = thumb
        item = QListWidgetItem()
        item.setData(_PAGE_ID, page.page_id)
        item.setToolTip(page.source_name)
        item.setFlags(item.flags() & ~Qt.ItemIsDropEnabled)
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(row, item)
        self._renumber()
        if self.list.currentItem() is None:
            self.list.setCurrentItem(item)
        self.pageAdded.emit(page)
        self.pagesChanged.emit()
        if self.ocr_status_provider is not None:
            future = self.ocr_status_provider(page, self._statusReported.emit)
            if hasattr(future, "add_done_callback"):
                future.add_done_callback(lambda f, pid=page.page_id: self._text_done(pid, f))

    def _text_done(self, page_id: str, future) -> None:  # noqa: ANN001 - any thread
        try:
            outcome = future.result()
        except BaseException:  # noqa: BLE001 - the status already says "Lỗi đọc chữ"
            return
        text = getattr(outcome, "text", None)
        if isinstance(text, str):
            try:
                self._textReported.emit(page_id, text)
            except RuntimeError:  # the panel is gone (window closed while a page was read)
                pass

    def _remove(self, page_id: str) -> None:
        item = self._item(page_id)
        if item is not None:
            self.list.takeItem(self.list.row(item))
        self._pages.pop(page_id, None)
        self._thumbs.pop(page_id, None)
        self._status.pop(page_id, None)
        self._texts.pop(page_id, None)
        if self._assigned.pop(page_id, None) is not None:
            self.assignmentsChanged.emit()
        self._renumber()

    def _renumber(self) -> None:
        for row in range(self.list.count()):
            self._refresh(self.list.item(row))

    def _refresh(self, item: QListWidgetItem) -> None:
        pid = item.data(_PAGE_ID)
        page = self._pages[pid]
        number = self.list.row(item) + 1
        first = self.tr("Trang %1").replace("%1", str(number))
        if page.blank:
            first += self.tr(" · trắng")
        if page.rotation:
            first += f" · {page.rotation}°"
        slot = self.component_of(pid)
        if slot is not None:
            auto = self._assigned[pid].source != BY_CLERK
            mark = "*" if auto else ""
            first += f" → {slot.number}{mark}"
            name = slot.short_name
            item.setToolTip(f"{page.source_name}\n{slot.number}. {slot.name}"
                            + (self.tr(" (gán tự động theo tiêu đề trang)") if auto else ""))
            first += "\n" + (name if len(name) <= 22 else name[:21] + "…")
        else:
            item.setToolTip(page.source_name)
        status = self._status.get(pid, "")
        item.setText(f"{first}\n{status}" if status else first)
        item.setIcon(self._icon(page, self._thumbs[pid]))

    def _icon(self, page: SpooledPage, thumb: QImage) -> QPixmap:
        pixmap = QPixmap.fromImage(thumb.transformed(QTransform().rotate(page.rotation)) if page.rotation else thumb)
        if page.blank:   # grey veil: visibly set aside, still kept and counted
            painter = QPainter(pixmap)
            painter.fillRect(pixmap.rect(), QColor(128, 128, 128, 140))
            painter.end()
        return pixmap

    # -- persistence and errors ----------------------------------------------------------------
    def _changed(self) -> None:
        self._reassign()   # order and blank marks change what follows what
        self.pagesChanged.emit()
        self._save_timer.start()

    def _save_layout(self) -> None:
        batch = self._batch
        if batch is not None:
            self._journal.submit(batch.save_layout, self.pages())

    def flush(self) -> None:
        """Write pending layout changes now and wait (shutdown, before attaching to a dossier)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._save_layout()
        self._journal.submit(lambda: None).result()

    def _show_error(self, error) -> None:
        message = str(error)
        self.status_label.setText(message)
        self.errorOccurred.emit(message)

    def closeEvent(self, event) -> None:
        self.stop_scan()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
        self.flush()
        super().closeEvent(event)
