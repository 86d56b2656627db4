"""The large view of one scanned page (Space on the page list).

Keyboard: ← / → (or PgUp / PgDn) previous / next page · 1–9 the page belongs to component N, 0 to none
(same as on the page list) · + / − zoom, * fit to the window · Esc or Space back to the page list, on the
page last shown. The image is decoded on the work lane (``ui/tasks.py``): the window opens at once and
the page appears when it is read, so a 600-dpi scan never freezes the counter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QTransform
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

MAX_SIDE = 2400   # decoded size cap: enough to read a form at full screen, small enough to be quick


def load_page_image(path, rotation: int = 0) -> QImage:  # noqa: ANN001 - worker thread
    """Decode a spooled page (through the untrusted-file gate), scaled to at most MAX_SIDE, rotated."""
    from scanning.untrusted import open_image

    with open_image(path) as image:
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        rgb = image.convert("RGB")
    data = rgb.tobytes()
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888).copy()
    return qimage.transformed(QTransform().rotate(rotation)) if rotation % 360 else qimage


class PageViewer(QDialog):
    """One page large; the scan panel's pages, order and component assignment."""

    def __init__(self, panel, row: int, parent: QWidget | None = None) -> None:  # noqa: ANN001 - ScanPanel
        super().__init__(parent or panel.window())
        self.setObjectName("pageViewer")
        self.panel = panel
        self.row = row
        self.zoom = 0.0     # 0: fit to the window
        self._image: QImage | None = None
        self._request = 0
        self._closed = False
        self.setWindowModality(Qt.WindowModal)
        self.caption = QLabel(objectName="pageViewerCaption")
        self.caption.setTextFormat(Qt.PlainText)
        self.caption.setWordWrap(True)
        self.picture = QLabel(objectName="pageViewerImage", alignment=Qt.AlignCenter)
        self.picture.setText(self.tr("Đang mở trang…"))
        self.scroll = QScrollArea(widgetResizable=True)
        self.scroll.setAlignment(Qt.AlignCenter)
        self.scroll.setWidget(self.picture)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        hint = QLabel(self.tr("←/→ trang trước/sau · 1–9 gán thành phần, 0 bỏ gán · +/− phóng to/thu nhỏ, * vừa "
                              "khung · Esc hoặc Space quay lại"))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(hint)
        screen = (panel.window().screen() or self.screen()).availableGeometry()
        self.resize(int(screen.width() * 0.85), int(screen.height() * 0.9))

        def key(sequence, slot) -> None:  # noqa: ANN001
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.WindowShortcut)   # this dialog is its own window
            shortcut.activated.connect(slot)

        for sequence in (Qt.Key_Right, Qt.Key_PageDown):
            key(sequence, lambda: self.go(1))
        for sequence in (Qt.Key_Left, Qt.Key_PageUp):
            key(sequence, lambda: self.go(-1))
        for digit in range(10):
            key(Qt.Key_0 + digit, lambda d=digit: self.assign(d))
        key(Qt.Key_Space, self.accept)
        for sequence in (Qt.Key_Plus, Qt.Key_Equal):
            key(sequence, lambda: self.set_zoom(1.25))
        key(Qt.Key_Minus, lambda: self.set_zoom(0.8))
        key(Qt.Key_Asterisk, lambda: self.set_zoom(0))
        panel.assignmentsChanged.connect(self._update_caption)
        self.show_row(row)

    # -- navigation ----------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.panel.list.count()

    def go(self, step: int) -> None:
        target = self.row + step
        if 0 <= target < self.page_count():
            self.show_row(target)

    def show_row(self, row: int) -> None:
        pages = self.panel.pages()
        if not 0 <= row < len(pages):
            self.reject()
            return
        self.row = row
        page = pages[row]
        self._request += 1
        request = self._request
        self._image = None
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("Đang mở trang…"))
        self._update_caption()

        def shown(image: QImage) -> None:
            if request == self._request and not self._closed:   # the clerk may have moved on already
                self._image = image
                self._render()

        def failed(error) -> None:  # noqa: ANN001
            if request == self._request and not self._closed:
                self.picture.setText(str(error))

        self.panel.tasks.run_work(lambda: load_page_image(page.path, page.rotation), shown, failed)

    def assign(self, digit: int) -> None:
        if 0 <= self.row < self.page_count():
            self.panel.list.setCurrentRow(self.row)
            self.panel.assign_selected(digit)

    # -- drawing -------------------------------------------------------------------------------
    def set_zoom(self, factor: float) -> None:
        if factor == 0:
            self.zoom = 0.0
        else:
            base = self.zoom or self._fit_scale()
            self.zoom = max(0.1, min(4.0, base * factor))
        self._render()

    def _fit_scale(self) -> float:
        if self._image is None or self._image.isNull():
            return 1.0
        room = self.scroll.viewport().size()
        return max(0.05, min(room.width() / self._image.width(), room.height() / self._image.height()))

    def _render(self) -> None:
        if self._image is None or self._image.isNull():
            return
        scale = self.zoom or self._fit_scale()
        pixmap = QPixmap.fromImage(self._image).scaled(int(self._image.width() * scale),
                                                       int(self._image.height() * scale),
                                                       Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.picture.setText("")
        self.picture.setPixmap(pixmap)

    def _update_caption(self) -> None:
        pages = self.panel.pages()
        if not 0 <= self.row < len(pages):
            return
        page = pages[self.row]
        text = self.tr("Trang %1/%2 — %3").replace("%1", str(self.row + 1)).replace(
            "%2", str(len(pages))).replace("%3", page.source_name)
        slot = self.panel.component_of(page.page_id)
        if slot is not None:
            text += self.tr(" — thành phần %1. %2").replace("%1", str(slot.number)).replace("%2", slot.short_name)
        else:
            text += self.tr(" — chưa gán thành phần")
        if page.blank:
            text += self.tr(" — trang trắng")
        self.caption.setText(text)
        self.setWindowTitle(self.tr("Xem trang %1").replace("%1", str(self.row + 1)))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().resizeEvent(event)
        if not self.zoom:
            self._render()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self._closed = True
        self._request += 1   # a page still being decoded is not drawn any more
        try:
            self.panel.assignmentsChanged.disconnect(self._update_caption)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
