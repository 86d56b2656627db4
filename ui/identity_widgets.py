"""Identity widgets for the reception panel.

- :class:`IdentifyField` — one line edit for "who is this citizen": the clerk types a name or ID to
  search, or a USB QR reader (acting as a keyboard) types the card's QR in a burst; the burst is taken
  out of the field and emitted as card data instead of being searched for.
- :class:`PrefillReviewList` — the pre-filled e-form values with their source and confidence; values
  the engine marked for review are highlighted and must be ticked by the clerk.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from scanning.id_card.wedge import BurstDetector, parse_wedge_text

REVIEW_COLOUR = QColor(255, 243, 176)


class IdentifyField(QLineEdit):
    """Search box that recognises a keyboard-wedge QR reader.

    Signals: ``cardScanned(object)`` with :class:`scanning.id_card.qr_text.CardQrData`;
    ``codeScanned(str)`` for any other burst (e.g. a dossier barcode); ``searchRequested(str)`` when
    the clerk presses Enter after typing.
    """

    cardScanned = Signal(object)
    codeScanned = Signal(str)
    searchRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic,
                 max_gap: float = 0.05):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Họ tên, số định danh — hoặc quét mã QR trên thẻ căn cước"))
        self._clock = clock
        self._detector = BurstDetector(max_gap=max_gap)
        self._text_before_burst = ""
        self._last_key_at: float | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(20, int(max_gap * 2000)))
        self._idle.timeout.connect(self._on_idle)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        now = self._clock()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = self._detector.feed("\n", now)
            self._last_key_at = now
            if burst is not None:
                self._emit_burst(burst)
            elif self.text().strip():
                self.searchRequested.emit(self.text().strip())
            return
        text = event.text()
        if text and text.isprintable():
            if self._last_key_at is None or now - self._last_key_at > self._detector.max_gap:
                self._text_before_burst = self.text()  # this key may start a burst
            self._last_key_at = now
            burst = self._detector.feed(text, now)
            if burst is not None:
                self._emit_burst(burst)
                self._text_before_burst = self.text()
            self._idle.start()
        super().keyPressEvent(event)

    def _on_idle(self) -> None:
        burst = self._detector.flush(self._clock() + self._detector.max_gap * 2)
        if burst is not None:
            self._emit_burst(burst)

    def _emit_burst(self, burst: str) -> None:
        # The reader's characters went into the field as if typed: put back what the clerk had.
        self.setText(self._text_before_burst)
        data = parse_wedge_text(burst)
        if data is not None:
            self.cardScanned.emit(data)
        else:
            self.codeScanned.emit(burst)


class PrefillReviewList(QTableWidget):
    """Field / value / source / confidence rows; rows needing review are highlighted and checkable."""

    allConfirmed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Trường"), self.tr("Giá trị"), self.tr("Nguồn"),
                                        self.tr("Độ tin cậy")])
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._keys: list[str] = []
        self._review_rows: set[int] = set()
        self.itemChanged.connect(self._on_item_changed)

    def show_result(self, result, labels: dict[str, str]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self._keys = []
        self._review_rows = set()
        for key, filled in result.fields.items():
            row = self.rowCount()
            self.insertRow(row)
            self._keys.append(key)
            name = QTableWidgetItem(labels.get(key, key))
            value = QTableWidgetItem(filled.value)
            source = QTableWidgetItem(filled.source_label)
            confidence = QTableWidgetItem(f"{filled.confidence:.0%}")
            tip = filled.provenance
            if filled.alternatives:
                tip += "\n" + self.tr("Giá trị khác:") + "\n" + "\n".join(
                    f"• {c.value} ({c.provenance})" for c in filled.alternatives)
            for item in (name, value, source, confidence):
                item.setToolTip(tip)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable & ~Qt.ItemFlag.ItemIsUserCheckable)
            if filled.needs_review:
                self._review_rows.add(row)
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Unchecked)
                for item in (name, value, source, confidence):
                    item.setBackground(QBrush(REVIEW_COLOUR))
            for column, item in enumerate((name, value, source, confidence)):
                self.setItem(row, column, item)
        self.blockSignals(False)

    def unconfirmed_keys(self) -> list[str]:
        """Fields marked for review that the clerk has not ticked yet."""
        return [self._keys[row] for row in sorted(self._review_rows)
                if self.item(row, 0).checkState() != Qt.CheckState.Checked]

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and not self.unconfirmed_keys():
            self.allConfirmed.emit()
