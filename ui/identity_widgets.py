"""Identity widgets for the reception panel.

- :class:`IdentifyField` — one line edit for "who is this citizen": the clerk types a name or ID to
  search, or a USB QR reader (acting as a keyboard) types the card's QR in a burst; the burst is taken
  out of the field and emitted as card data instead of being searched for.
- :class:`PrefillReviewList` — the pre-filled e-form values with their source and confidence; values
  the engine marked for review are highlighted and must be ticked by the clerk.
"""

from __future__ import annotations

import math
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

from scanning.id_card.wedge import BurstDetector, classify_burst, looks_like_card_fragment

REVIEW_COLOUR = QColor(255, 243, 176)


class IdentifyField(QLineEdit):
    """Search box that recognises a keyboard-wedge QR reader.

    Signals: ``cardScanned(object)`` with :class:`scanning.id_card.qr_text.CardQrData` (its ``reliable``
    is False when the text failed the payload checks: letters dropped by the reader, wrong field count);
    ``codeScanned(str)`` for any other burst (e.g. a dossier barcode); ``searchRequested(str)`` when
    the clerk presses Enter after typing; ``scanProblem(str)`` with a message for the clerk when a card
    burst was cut short (a pause inside it) or its text cannot be trusted.

    Timing uses each key event's own timestamp (when the key was pressed), not when the event loop got
    round to it: a busy GUI thread must not turn a reader's burst into "typing" or the reverse. Whatever
    happens to a burst, the field gets back the text the clerk had typed before it.
    """

    cardScanned = Signal(object)
    codeScanned = Signal(str)
    searchRequested = Signal(str)
    scanProblem = Signal(str)

    # After a burst cut short, a fast run of keys starting within this many seconds is its remainder.
    TAIL_WINDOW = 3.0

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic,
                 max_gap: float = 0.05):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Họ tên, số định danh — hoặc quét mã QR trên thẻ căn cước"))
        self._clock = clock
        self._detector = BurstDetector(max_gap=max_gap)
        self._min_length = self._detector.min_length
        self._text_before_burst = ""
        self._last_key_at: float | None = None
        self._failed_at: float | None = None   # event time of the last burst cut short
        self._in_tail = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(20, int(max_gap * 2000)))
        self._idle.timeout.connect(self._on_idle)

    def _event_time(self, event: QKeyEvent) -> float:
        """Seconds, from the event's timestamp (ms) when the platform gave one, else the clock."""
        stamp = event.timestamp()
        return stamp / 1000.0 if stamp else self._clock()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        now = self._event_time(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = self._detector.feed("\n", now)
            self._last_key_at = now
            if burst is not None:
                self._emit_burst(burst, now)
            elif self._in_tail:
                self._end_tail()
            elif self.text().strip():
                self.searchRequested.emit(self.text().strip())
            return
        text = event.text()
        if text and text.isprintable():
            starts_run = self._last_key_at is None or now - self._last_key_at > self._detector.max_gap
            if starts_run:
                self._text_before_burst = self.text()  # this key may start a burst
            self._last_key_at = now
            burst = self._detector.feed(text, now)
            if burst is not None:
                self._emit_burst(burst, now)
                self._text_before_burst = self.text()
            if starts_run:
                # The remainder of a burst cut short may be only a few characters: count it from 2.
                self._in_tail = self._failed_at is not None and now - self._failed_at <= self.TAIL_WINDOW
                self._detector.min_length = 2 if self._in_tail else self._min_length
            self._idle.start()
        super().keyPressEvent(event)

    def _on_idle(self) -> None:
        # Event timestamps and the clock need not share an origin: the timer firing is the pause.
        burst = self._detector.flush(math.inf)
        if burst is not None:
            self._emit_burst(burst, self._last_key_at or self._clock())
        elif self._in_tail:
            self._end_tail()

    def _end_tail(self) -> None:
        self._in_tail = False
        self._detector.min_length = self._min_length

    def _emit_burst(self, burst: str, at: float) -> None:
        # The reader's characters went into the field as if typed: put back what the clerk had.
        self.setText(self._text_before_burst)
        if self._in_tail:
            # The rest of a burst already reported as cut short: dropped, the clerk was told.
            self._end_tail()
            if looks_like_card_fragment(burst) or len(burst) < self._min_length:
                return
        outcome = classify_burst(burst)
        if outcome.kind == "partial":
            self._failed_at = at
            self.scanProblem.emit(outcome.message)
            return
        self._failed_at = None
        if outcome.kind == "card":
            self.cardScanned.emit(outcome.card)
            if outcome.message:
                self.scanProblem.emit(outcome.message)
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
